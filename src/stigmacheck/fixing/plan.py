"""Settle each finding's Fix against its document: minimal source edits, and safe or not.

The engine gives a finding a raw Fix: the whole matched text replaced by the first suggestion,
plus the words that must agree with it (an article), in source offsets. Here, once per file and
after suppressions, each raw edit becomes the smallest change of the *source* (only the characters
that differ; white space and line breaks of the original kept; HTML escaped), and a fix that
cannot be applied with certainty becomes unsafe with a Dutch reason. Fix mode, the reports, the
Word review copy and the server all read the result; none of them works it out again.
"""

from __future__ import annotations

import re
from html import escape as html_escape

from stigmacheck.findings import Edit, Fix

# Reasons a fix is not applied on its own (shown to the user).
NO_SUGGESTION = "geen vaste vervanging: de juiste woorden hangen af van feiten die alleen u kent"
UNSAFE = "de regel laat deze vervanging niet automatisch toepassen; kies zelf"
IN_QUOTE = "staat in een citaat; een citaat past u niet aan"
DOCUMENT_SCOPE = "gaat over het hele document, niet over één woord"
OVERLAP = "overlapt met een andere melding; pas dit zelf aan"
MARKUP = "de treffer loopt door opmaak heen; pas dit zelf aan"
NOT_FOUND = "de plek in de bron is niet eenduidig te vinden"
NOT_ENCODABLE = "de vervanging past niet in de tekenset van het bestand ({encoding})"


def reason_left(finding) -> str:
    """Why fix mode leaves this finding as it is ('' when it applies its fix)."""
    if finding.scope != "span":
        return DOCUMENT_SCOPE
    if finding.fix is None:
        return NO_SUGGESTION
    if not finding.fix.safe:
        return finding.fix.reason or UNSAFE
    return ""


def settle(doc, findings, codec: str = "utf-8") -> None:
    """Replace every finding's raw fix by its settled form (in place)."""
    index = _BlockIndex(doc)
    for f in findings:
        if f.fix is not None:
            f.fix = _settle_one(doc, index, f.fix, codec)
    _mark_overlaps(findings)


def _settle_one(doc, index, fix: Fix, codec: str) -> Fix:
    edits, reason = [], ""
    for raw in fix.edits:
        if doc.source[raw.start:raw.end] != raw.old:
            return Fix((), "unsafe", NOT_FOUND)
        made = _source_edit(doc, index, raw)
        if isinstance(made, str):
            reason = reason or made
            continue
        if made is not None:
            edits.append(made)
    if not reason and codec != "utf-8":
        try:
            for e in edits:
                e.new.encode(codec)
        except UnicodeEncodeError:
            reason = NOT_ENCODABLE.format(encoding=codec)
    if reason:
        return Fix(tuple(edits), "unsafe", reason)
    return Fix(tuple(edits), fix.applicability, fix.reason)


def _mark_overlaps(findings) -> None:
    """A safe fix whose edits touch another finding (or its edits) becomes unsafe: which of the
    two wins is the author's choice. One sweep over the spans sorted by start."""
    spans = []
    for k, f in enumerate(findings):
        if f.scope != "span":
            continue
        spans.append((f.start, f.end, k))
        if f.fix is not None:
            spans += [(e.start, e.end, k) for e in f.fix.edits]
    spans.sort()
    clashing: set[int] = set()
    active: list[tuple[int, int]] = []  # (end, owner) of spans that may still overlap
    for start, end, owner in spans:
        active = [(e, o) for e, o in active if e > start]
        for _, other in active:
            if other != owner:
                clashing.update((owner, other))
        active.append((end, owner))
    for k in clashing:
        f = findings[k]
        if f.fix is not None and f.fix.safe:
            f.fix = f.fix.unsafe(OVERLAP)


def common_affixes(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix of old and new (not overlapping in either)."""
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    s = 0
    while s < limit - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return p, s


def keep_whitespace(old: str, new: str) -> str:
    """'de\\nprostitutie' -> 'het sekswerk' keeps the line break: same word count, old gaps."""
    old_words, new_words = old.split(), new.split()
    if len(old_words) != len(new_words) or len(old_words) < 2:
        return new
    gaps = re.findall(r"\s+", old.strip())
    out = new_words[0]
    for gap, word in zip(gaps, new_words[1:]):
        out += gap + word
    lead = old[: len(old) - len(old.lstrip())]
    trail = old[len(old.rstrip()):]
    return lead + out + trail


def minimal(old: str, new: str) -> tuple[int, int] | None:
    """(lo, hi) inside `old` that must change to turn it into `new`, or None when equal. A pure
    insertion is anchored on a neighbouring character so that the edit has a span."""
    if old == new:
        return None
    p, s = common_affixes(old, new)
    lo, hi = p, len(old) - s
    if lo == hi:
        lo, hi = (lo - 1, hi) if lo > 0 else (lo, hi + 1)
    return lo, hi


class _BlockIndex:
    """The blocks of a document by the source span they come from, to find the block of an edit
    without walking every block (a page may have hundreds of blocks and findings)."""

    def __init__(self, doc):
        spans = []
        for block in doc.blocks:
            if block.runs:
                lo = min(r.src for r in block.runs)
                hi = max(r.src + r.src_len for r in block.runs)
                spans.append((lo, hi, block))
        spans.sort(key=lambda s: s[0])
        self.starts = [s[0] for s in spans]
        self.spans = spans

    def containing(self, start: int, end: int):
        """Blocks whose source span holds [start, end), nearest start first."""
        import bisect

        for k in range(bisect.bisect_right(self.starts, start) - 1, -1, -1):
            lo, hi, block = self.spans[k]
            if hi >= end:
                yield block


def _locate(index: _BlockIndex, start: int, end: int):
    """The block and block offsets (bs, be) whose source span is exactly [start, end)."""
    for block in index.containing(start, end):
        bs = be = None
        for run in block.runs:
            linear = run.blk_len == run.src_len
            if bs is None and run.src <= start < run.src + max(run.src_len, 1):
                if linear:
                    bs = run.blk + (start - run.src)
                elif start == run.src:
                    bs = run.blk
            if run.src < end <= run.src + run.src_len:
                if linear:
                    be = run.blk + (end - run.src)
                elif end == run.src + run.src_len:
                    be = run.blk + run.blk_len
        if bs is not None and be is not None and bs < be:
            if block.to_source(bs) == start and block.to_source_end(be) == end:
                return block, bs, be
    return None


def _snap_to_atomic(block, lo: int, hi: int) -> tuple[int, int]:
    """Widen [lo, hi) in block space so it never cuts an atomic run (an entity) in two."""
    for run in block.runs:
        if run.blk_len == run.src_len:
            continue
        r_lo, r_hi = run.blk, run.blk + run.blk_len
        if r_lo < lo < r_hi:
            lo = r_lo
        if r_lo < hi < r_hi:
            hi = r_hi
    return lo, hi


def _contiguous(block, lo: int, hi: int) -> bool:
    """True when block text [lo, hi) comes from one unbroken stretch of source (no markup between)."""
    runs = [r for r in block.runs if r.blk < hi and lo < r.blk + r.blk_len]
    for a, b in zip(runs, runs[1:]):
        if a.src + a.src_len != b.src:
            return False
    return True


def _source_edit(doc, index: _BlockIndex, raw: Edit):
    """The minimal source Edit for one raw edit, None when nothing changes, or a reason."""
    where = _locate(index, raw.start, raw.end)
    if where is None:
        return NOT_FOUND
    block, bs, be = where
    old = block.text[bs:be]
    replacement = keep_whitespace(old, raw.new)
    span = minimal(old, replacement)
    if span is None:
        return None
    lo, hi = _snap_to_atomic(block, bs + span[0], bs + span[1])
    if not _contiguous(block, lo, hi):
        return MARKUP
    new = replacement[lo - bs: len(replacement) - (be - hi)]
    if doc.reader == "html":
        new = html_escape(new, quote=False)
    start, end = block.to_source(lo), block.to_source_end(hi)
    return Edit(start, end, doc.source[start:end], new)
