"""Document model shared by all readers: checkable blocks of text mapped back to the source."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Kinds of block. Imagery rules look only at image-related kinds; the other rules look at all.
PROSE_KINDS = ("prose", "heading", "list", "table", "caption", "title", "meta", "link")
IMAGE_KINDS = ("alt", "image-title", "caption", "filename")
NAME_KINDS = ("filename",)  # names, not prose: only checkers that ask for them see them (engine._sees)


@dataclass(slots=True)
class Run:
    """`blk_len` characters of the block at `blk` come from `src_len` source characters at `src`.

    A run is linear when both lengths are equal (character for character); otherwise it is atomic,
    like an HTML entity `&eacute;` that became one character.
    """

    blk: int
    src: int
    blk_len: int
    src_len: int


@dataclass(slots=True)
class Block:
    """A stretch of checkable text (a paragraph, heading, cell, alt text ...). Slotted, like Run:
    a file of millions of short paragraphs holds millions of them."""

    text: str
    runs: list[Run]
    kind: str = "prose"
    _starts: list[int] | None = field(default=None, repr=False)
    # image texts of one image (alt, title, file name) share the source offset of its element
    group: int | None = None

    @classmethod
    def linear(cls, text: str, src_start: int, kind: str = "prose") -> "Block":
        return cls(text, [Run(0, src_start, len(text), len(text))], kind)

    def _run_at(self, i: int) -> Run:
        if len(self.runs) == 1:
            return self.runs[0]
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
            self._line_starts = line_starts(self.source)
        return line_col(self._line_starts, offset)


# --------------------------------------------------------------------------- helpers for readers

# Bare web addresses inside prose are never checked ("https://example.nl/prostitutie").
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"'`]+|www\.[^\s<>\"'`]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of `offset`, given the offsets where lines start."""
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def line_starts(source: str, breaks: str = "any") -> list[int]:
    """Offsets where each line starts. `breaks="any"`: CRLF, CR and LF (as Markdown counts lines);
    `breaks="lf"`: only LF (as html.parser counts them; a CRLF line then simply ends in CR)."""
    pattern = _LINE_BREAK if breaks == "any" else re.compile(r"\n")
    return [0] + [m.end() for m in pattern.finditer(source)]


class BlockBuilder:
    """Collects the pieces of one block: text taken from the source character for character,
    or replaced (an entity, an escape) as one atomic run."""

    def __init__(self, kind: str = "prose", group: int | None = None):
        self.kind = kind
        self.group = group
        self.parts: list[str] = []
        self.runs: list[Run] = []
        self.length = 0

    def add(self, text: str, src: int, src_len: int | None = None) -> None:
        """`text` stands in the block for `src_len` source characters at `src` (default: itself)."""
        if not text:
            return
        src_len = len(text) if src_len is None else src_len
        last = self.runs[-1] if self.runs else None
        linear = src_len == len(text)
        if (
            last is not None
            and linear
            and last.blk_len == last.src_len
            and last.blk + last.blk_len == self.length
            and last.src + last.src_len == src
        ):
            last.blk_len += len(text)
            last.src_len += len(text)
        else:
            self.runs.append(Run(self.length, src, len(text), src_len))
        self.parts.append(text)
        self.length += len(text)

    def add_prose(self, text: str, src: int) -> None:
        """Source text taken as is, leaving out web addresses and e-mail addresses."""
        pos = 0
        # the address pattern tries every word as the start of an e-mail address: skip it for
        # text that cannot hold an address (nearly all)
        has_address = "@" in text or "://" in text or any(w in text for w in ("ww.", "wW.", "Ww.", "WW."))
        for m in _URL.finditer(text) if has_address else ():
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?)]":
                end -= 1  # a full stop or bracket after the address belongs to the sentence
            self.add(text[pos : m.start()], src + pos)
            pos = end
        self.add(text[pos:], src + pos)

    def block(self) -> Block | None:
        """The finished block, or None when it holds no letters or digits."""
        text = "".join(self.parts)
        if not any(ch.isalnum() for ch in text):
            return None
        return Block(text, list(self.runs), self.kind, group=self.group)
