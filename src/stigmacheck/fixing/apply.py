"""Apply the safe fixes of one checked file: only the characters of each edit change.

The findings come from `running.files.check_bytes(..., keep=True)` with their settled Fix
(fixing/plan.py); nothing here works a fix out again. Text formats are spliced byte for byte in
the file's own encoding; .docx goes through fixing/docx.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stigmacheck.fixing.plan import reason_left


@dataclass
class Applied:
    """One finding's fix as applied: the source from its first to its last edit, before and after."""

    finding: object
    before: str
    after: str


@dataclass
class Skipped:
    finding: object
    reason: str


@dataclass
class FileFix:
    path: str
    original: bytes = b""
    fixed: bytes | None = None  # None: nothing to change
    edits: list[Applied] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    error: str | None = None
    document: object = None
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original


def split(findings) -> tuple[list, list[Skipped]]:
    """The findings fix mode applies, and the others with the reason they are left."""
    todo, left = [], []
    for f in findings:
        reason = reason_left(f)
        if reason:
            left.append(Skipped(f, reason))
        else:
            todo.append(f)
    return todo, left


def applied(source: str, finding) -> Applied:
    lo, hi = finding.fix.span()
    lo, hi = min(lo, finding.start), max(hi, finding.end)
    edits = [type(e)(e.start - lo, e.end - lo, e.old, e.new) for e in finding.fix.edits]
    from stigmacheck.findings import apply_edits

    return Applied(finding, source[lo:hi], apply_edits(source[lo:hi], edits))


def fix_checked(result) -> FileFix:
    """Plan and make (in memory) the fixed bytes of a FileResult checked with keep=True."""
    out = FileFix(result.path, original=result.data or b"", error=result.error, document=result.document)
    if result.error or not result.findings:
        return out
    todo, out.skipped = split(result.findings)
    doc = result.document
    if todo and doc.reader == "docx":
        from stigmacheck.fixing.docx import fix_docx

        todo, left, fixed, problem = fix_docx(out.original, doc.source, todo)
        out.skipped += left
        if problem:
            out.error = problem
            return out
        out.fixed = fixed
    elif todo:
        out.fixed = splice_bytes(out.original, doc.source, [e for f in todo for e in f.fix.edits], result.codec)
    out.edits = [applied(doc.source, f) for f in todo]
    out.skipped.sort(key=lambda s: s.finding.sort_key())
    return out


BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def bom_of(data: bytes, codec: str) -> bytes:
    """The byte-order mark the file starts with for its codec (kept as it is)."""
    bom = BOMS.get(codec, b"")
    return bom if bom and data.startswith(bom) else b""


def splice_bytes(data: bytes, source: str, edits, codec: str = "utf-8") -> bytes:
    """Replace only the bytes of each edit; every other byte of `data` is copied as is. `source`
    is `data` decoded with `codec` (BOM excluded)."""
    bom = bom_of(data, codec)
    out, pos = [bom], len(bom)
    char_at, byte_at = 0, len(bom)
    for e in sorted(edits, key=lambda e: e.start):
        b_start = byte_at + len(source[char_at:e.start].encode(codec))
        b_end = b_start + len(source[e.start:e.end].encode(codec))
        char_at, byte_at = e.end, b_end
        out.append(data[pos:b_start])
        out.append(e.new.encode(codec))
        pos = b_end
    out.append(data[pos:])
    return b"".join(out)
