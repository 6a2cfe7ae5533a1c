"""Document model shared by all readers: checkable blocks of text mapped back to the source."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Kinds of block. Imagery rules look only at image-related kinds; the other rules look at all.
PROSE_KINDS = ("prose", "heading", "list", "table", "caption", "title", "meta", "link")
IMAGE_KINDS = ("alt", "image-title", "caption", "filename")


@dataclass
class Run:
    """`blk_len` characters of the block at `blk` come from `src_len` source characters at `src`.

    A run is linear when both lengths are equal (character for character); otherwise it is atomic,
    like an HTML entity `&eacute;` that became one character.
    """

    blk: int
    src: int
    blk_len: int
    src_len: int


@dataclass
class Block:
    """A stretch of checkable text (a paragraph, heading, cell, alt text ...)."""

    text: str
    runs: list[Run]
    kind: str = "prose"
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def linear(cls, text: str, src_start: int, kind: str = "prose") -> "Block":
        return cls(text, [Run(0, src_start, len(text), len(text))], kind)

    def _run_at(self, i: int) -> Run:
        if not self._starts:
            self._starts = [r.blk for r in self.runs]
        k = bisect.bisect_right(self._starts, i) - 1
        return self.runs[max(k, 0)]

    def to_source(self, i: int) -> int:
        run = self._run_at(i)
        if run.blk_len == run.src_len:
            return run.src + min(i - run.blk, run.blk_len)
        return run.src

    def to_source_end(self, i: int) -> int:
        if i <= 0:
            return self.to_source(0)
        run = self._run_at(i - 1)
        if run.blk_len == run.src_len:
            return run.src + min(i - run.blk, run.blk_len)
        return run.src + run.src_len


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class Document:
    path: str
    source: str  # the decoded source text that offsets in the output refer to
    blocks: list[Block]
    reader: str = "text"
    notes: list[str] = field(default_factory=list)  # e.g. "decoded as cp1252"
    suppressions: list = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a source offset; CRLF counts as one break."""
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.source)]
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1
