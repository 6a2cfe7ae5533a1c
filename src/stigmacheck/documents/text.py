"""Plain text reader: paragraphs separated by blank lines, positions map one to one."""

from __future__ import annotations

import re

from stigmacheck.documents.base import Block, Document

_NL = r"(?:\r\n|\r(?!\n)|\n)"  # one line break, CRLF counted once
_PARAGRAPH_BREAK = re.compile(_NL + r"[ \t]*" + _NL + r"(?:[ \t]*" + _NL + r")*")


def read_text(path: str, source: str) -> Document:
    blocks = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(source):
        _add(blocks, source, pos, m.start())
        pos = m.end()
    _add(blocks, source, pos, len(source))
    return Document(path=path, source=source, blocks=blocks, reader="text")


def _add(blocks: list[Block], source: str, start: int, end: int) -> None:
    if source[start:end].strip():
        blocks.append(Block.linear(source[start:end], start))
