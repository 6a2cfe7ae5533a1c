"""Size limits of the readers: what a file may be before it is refused with a clear message.

Each limit is a config key (see config.py, `Config.limits()`); the caller passes the `Limits` to
`documents.load` (and `decode.decode` / `decode_info`, `docx.read_docx`, `ooxml.open_package`);
without one, `DEFAULT` applies.

- `max_file_mb`: a text, Markdown or HTML file (bytes on disk), and each XML part of a Word file
  unpacked. A bigger one is a per-file error. Memory follows the number of paragraphs: 20 MB of
  one-line paragraphs is 1.2 million blocks, about 600 MB at the peak.
- `max_paragraph_chars`: one block of text (a paragraph, heading, cell). A longer block is split
  at its line breaks into pieces of at most this size (each piece is checked; a finding cannot
  cross the cut); a single line longer than this makes the file a per-file error. spaCy never
  sees more than this many characters at once (nlp.py sets its max_length to PARAGRAPH_CAP).
- `max_unzipped_mb`: a Word file unpacked (all zip members together, and each one alone); also
  the largest Word file on disk (photos make a Word file big without adding text).
- `max_zip_ratio`: how much a zip member may grow when unpacked (a zip bomb grows a thousandfold;
  Word's XML about tenfold). Only members over 1 MB unpacked are held to it.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
PARAGRAPH_CAP = 1_000_000  # the highest max_paragraph_chars a config may set (spaCy's max_length)


@dataclass(frozen=True)
class Limits:
    max_file_mb: int = 20
    max_paragraph_chars: int = 100_000
    max_unzipped_mb: int = 200
    max_zip_ratio: int = 100

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * MB

    @property
    def max_unzipped_bytes(self) -> int:
        return self.max_unzipped_mb * MB


DEFAULT = Limits()

# config key -> (smallest, largest) allowed value
RANGES = {
    "max_file_mb": (1, 2000),
    "max_paragraph_chars": (1000, PARAGRAPH_CAP),
    "max_unzipped_mb": (1, 4000),
    "max_zip_ratio": (10, 100_000),
}


def too_big(size: int, limits: Limits | None = None) -> str | None:
    """The Dutch message for a file of `size` bytes over the limit, else None."""
    limits = limits or DEFAULT
    if size <= limits.max_file_bytes:
        return None
    return (f"het bestand is {megabytes(size)} groot; de grens is {limits.max_file_mb} MB "
            "(instelling max_file_mb); niet gecontroleerd")


def megabytes(size: int) -> str:
    """12.5 MB as '12,5 MB' (Dutch decimal comma)."""
    return f"{size / MB:.1f} MB".replace(".", ",")


def thousands(n: int) -> str:
    """12345 -> '12.345' (Dutch digit grouping)."""
    return f"{n:,}".replace(",", ".")


def bound_blocks(doc, max_chars: int) -> str | None:
    """Split every block of `doc` longer than `max_chars` at its line breaks into pieces of at most
    `max_chars` (a note says so). Returns the Dutch reason when a single line is longer: then the
    file is not checked."""
    if all(len(b.text) <= max_chars for b in doc.blocks):
        return None
    out = []
    for block in doc.blocks:
        if len(block.text) <= max_chars:
            out.append(block)
            continue
        pieces = _pieces(block, max_chars)
        line = doc.line_col(block.to_source(0))[0]
        if pieces is None:
            return (f"regel {line}: een alinea van {thousands(len(block.text))} tekens zonder regeleinde; "
                    f"de grens is {thousands(max_chars)} tekens (instelling max_paragraph_chars); niet gecontroleerd")
        doc.notes.append(f"regel {line}: de alinea van {thousands(len(block.text))} tekens is in "
                         f"{len(pieces)} stukken gecontroleerd (grens max_paragraph_chars: {thousands(max_chars)}); "
                         "een melding over de grens van twee stukken heen kan ontbreken")
        out += pieces
    doc.blocks = out
    return None


def _pieces(block, max_chars: int):
    """The block cut after line breaks into blocks of at most `max_chars`, or None when impossible."""
    from stigmacheck.documents.base import Block

    text, runs = block.text, block.runs
    starts = {r.blk for r in runs}
    atomic = [(r.blk, r.blk + r.blk_len) for r in runs if r.blk_len != r.src_len]
    pieces, start = [], 0
    while len(text) - start > max_chars:
        cut = text.rfind("\n", start, start + max_chars)
        while cut >= start and not _can_cut(cut + 1, starts, atomic):
            cut = text.rfind("\n", start, cut)
        if cut < start:
            return None
        pieces.append(_slice(block, start, cut + 1, Block))
        start = cut + 1
    pieces.append(_slice(block, start, len(text), Block))
    return pieces


def _can_cut(at: int, starts: set, atomic: list) -> bool:
    """A cut may fall inside a character-for-character run, never inside a replaced (atomic) one."""
    return at in starts or not any(a < at < b for a, b in atomic)


def _slice(block, start: int, end: int, Block):
    from stigmacheck.documents.base import Run

    runs = []
    for r in block.runs:
        a, b = max(r.blk, start), min(r.blk + r.blk_len, end)
        if a >= b:
            continue
        if r.blk_len == r.src_len:
            runs.append(Run(a - start, r.src + (a - r.blk), b - a, b - a))
        else:
            runs.append(Run(a - start, r.src, r.blk_len, r.src_len))
    return Block(block.text[start:end], runs, block.kind, group=block.group)
