"""Fix a Word file or make its review copy, on the OOXML itself.

`fix_docx` applies the safe fixes in place of the text; `review_docx` writes a copy in which each
finding is a comment (author stigmacheck, initials SC) on exactly its words and each safe fix is a
tracked change. Both settle the same questions the same way (which edits can be placed), so
accepting every change of the review copy gives the text `stigmacheck fix` writes, and rejecting
every change gives the original.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from stigmacheck.fixing.plan import reason_left
from stigmacheck.word import comments as cm
from stigmacheck.word.package import Package, PackageError
from stigmacheck.word.revisions import (
    Ids,
    Tracker,
    problem,
    replace_plain,
    replace_tracked,
    resolve,
)
from stigmacheck.word.runs import Layout, split_at

NOT_PLACED = "de plek in het Word-bestand is niet eenduidig te vinden"
DONE = "Aangepast als bijgehouden wijziging: accepteer of weiger die in Word."


def _place_edits(layout: Layout, finding):
    """[(paragraph index, lo, hi, new)] for the finding's edits, or a reason it cannot be done."""
    out = []
    for e in finding.fix.edits:
        i, lo = layout.at(e.start)
        j, hi = layout.at(e.end, end=True)
        if i != j or hi > len(layout.paras[i].text) or lo > hi:
            return NOT_PLACED
        para = layout.paras[i]
        why = problem(para.p, para.view, lo, hi)
        if why:
            return why
        out.append((i, lo, hi, e.new))
    return out


def _settle(layout: Layout, todo):
    """The findings whose edits can be placed (with their places) and the others with a reason."""
    done, left = [], []
    for f in todo:
        placed = _place_edits(layout, f)
        if isinstance(placed, str):
            left.append((f, placed))
        else:
            done.append((f, placed))
    return done, left


def fix_docx(data: bytes, source: str, todo):
    """(applied findings, [(finding, reason)] left, fixed bytes or None, error or None); every zip
    member other than the edited parts is copied byte for byte."""
    try:
        pkg = Package(data)
        pkg.check()
        layout = Layout(pkg, source)
    except PackageError as exc:
        return [], [], None, str(exc)
    done, left = _settle(layout, todo)
    if not done:
        return [], left, None, None
    ids = Ids(pkg)
    edits = sorted(((i, lo, hi, new) for _, placed in done for i, lo, hi, new in placed),
                   key=lambda e: (e[0], -e[1], -e[2]))
    touched = set()
    for i, lo, hi, new in edits:
        para = layout.paras[i]
        replace_plain(para.p, para.view, lo, hi, new, ids)
        touched.add(para.part)
    for part in touched:
        pkg.set_xml(part)
    return [f for f, _ in done], left, pkg.to_bytes(), None


def review_docx(data: bytes, source: str, findings, date: str | None = None) -> tuple[bytes, dict]:
    """The review copy's bytes and counts: comments, changes (tracked edits), fixed (findings with
    tracked edits), summary (findings in headers and footers). Raises PackageError (Dutch)."""
    pkg = Package(data)
    pkg.check()
    layout = Layout(pkg, source)
    tracker = Tracker(Ids(pkg), date or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    notes = cm.Comments(pkg, tracker)
    todo = [f for f in findings if not reason_left(f)]
    done, left = _settle(layout, todo)
    why_left = {id(f): reason for f, reason in left}
    fixed = {id(f): placed for f, placed in done}

    def status(f) -> str:
        if id(f) in fixed:
            return DONE
        reason = why_left.get(id(f)) or reason_left(f)
        return f"Niet automatisch aangepast: {reason.rstrip('.')}." if reason else ""

    ops = defaultdict(lambda: {"edits": [], "comments": []})  # paragraph index -> its work
    summary, whole = [], []
    for f in sorted(findings, key=lambda f: f.sort_key()):
        if f.scope != "span":
            whole.append(f)
            continue
        i, lo = layout.at(f.start)
        j, hi = layout.at(f.end, end=True)
        if not layout.paras[i].in_body:
            summary.append((f, status(f)))
        elif i == j:
            ops[i]["comments"].append((cm.finding_text(f, status(f)), lo, hi))
        else:  # words over more than one paragraph: the comment covers the rest of the first
            ops[i]["comments"].append((cm.finding_text(f, status(f)), lo, None))
        for k, a, b, new in fixed.get(id(f), ()):
            ops[k]["edits"].append((a, b, new))
    first = layout.first_body()
    if first is None:  # no paragraph in the body to hold a comment: these findings get none
        summary, whole = [], []
    if summary:
        ops[first]["comments"].insert(0, (cm.summary_text(summary), 0, len(layout.paras[first].text)))
    for f in whole:
        ops[first]["comments"].append((cm.finding_text(f, status(f)), 0, len(layout.paras[first].text)))
    touched = set()
    for i in sorted(ops):
        para = layout.paras[i]
        work = ops[i]
        for a, b, _ in work["edits"]:
            split_at(para.p, para.view, a, tracker.ids)
            split_at(para.p, para.view, b, tracker.ids)
        for _, a, b in work["comments"]:
            split_at(para.p, para.view, a, tracker.ids)
            if b is not None:
                split_at(para.p, para.view, b, tracker.ids)
        plans = []
        for text, a, b in work["comments"]:
            cid = notes.add(text)
            b = len(para.text) if b is None else b
            plans.append(cm.markers(para.p, para.view, cid, a, b))
        targets = [(resolve(para.p, para.view, a, b), new) for a, b, new in work["edits"]]
        for plan in plans:
            cm.place_markers(para.p, plan)
        for target, new in targets:
            if target is not None:
                replace_tracked(target, new, tracker)
        touched.add(para.part)
    for part in touched:
        pkg.set_xml(part)
    notes.finish()
    counts = {"comments": notes.count, "changes": sum(len(p) for p in fixed.values()),
              "fixed": len(fixed), "summary": len(summary)}
    return pkg.to_bytes(), counts


__all__ = ["PackageError", "fix_docx", "review_docx"]
