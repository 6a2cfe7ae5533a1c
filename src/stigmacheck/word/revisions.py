"""Replace the characters [lo, hi) of a paragraph: directly (fix) or as a tracked change (review).

Runs are split at lo and hi first, so the edit may span runs: the runs in between are removed (fix)
or wrapped in w:del with their w:t turned into w:delText (review), and the new text is one run with
the formatting (w:rPr) of the run where the edit starts, placed where the edit starts (in a review
copy as a w:ins right after the first w:del). An edit inside one w:t in fix mode changes only that
element's text. An edit over a tab, a line break, a field, a footnote or a picture is declined.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from stigmacheck.word.package import W
from stigmacheck.word.runs import Piece, pieces, preserve, runs_of, split_at, text_runs

AUTHOR, INITIALS = "stigmacheck", "SC"
BREAK = "de treffer loopt over een tab of regeleinde in het Word-bestand; pas dit zelf aan"
OBJECT = "in de treffer staat een veld, voetnoot of afbeelding; pas dit zelf aan"
# run children that may be removed together with the text around them
_HARMLESS = {W + "rPr", W + "t", W + "lastRenderedPageBreak", W + "softHyphen"}


class Ids:
    """Fresh w:id values: never one used anywhere in the Word parts (comments, revisions,
    bookmarks, content controls ...)."""

    _ID = re.compile(rb':id="(-?\d+)"')

    def __init__(self, pkg):
        self.used: set[int] = set()
        for info in pkg.infos:
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                self.used.update(int(m) for m in self._ID.findall(pkg.read(info.filename)))
        self.next_id = 0

    def take(self) -> str:
        self.next_id += 1
        while self.next_id in self.used:
            self.next_id += 1
        self.used.add(self.next_id)
        return str(self.next_id)

    def renumber(self, element) -> None:
        for el in element.iter():
            if el.get(W + "id") is not None:
                el.set(W + "id", self.take())


@dataclass
class Tracker:
    """Who and when for tracked changes and comments."""

    ids: Ids
    date: str
    author: str = AUTHOR
    initials: str = INITIALS

    def mark(self, tag: str, parent_like):
        el = parent_like.makeelement(W + tag, {W + "id": self.ids.take(), W + "author": self.author,
                                               W + "date": self.date})
        return el


def overlapping(ps: list[Piece], lo: int, hi: int) -> list[Piece]:
    return [pc for pc in ps if pc.start < hi and lo < pc.end and pc.length]


def problem(p, view, lo: int, hi: int) -> str | None:
    """Why [lo, hi) of this paragraph cannot be replaced, or None."""
    ps = pieces(p, view)
    over = overlapping(ps, lo, hi)
    if any(not pc.is_text for pc in over):
        return BREAK
    if len(over) < 2:
        return None
    first, last = over[0], over[-1]
    runs = list(runs_of(p, view))
    a, b = runs.index(first.run), runs.index(last.run)
    for k in range(a, b + 1):
        kids = list(runs[k])
        lo_i = kids.index(first.el) + 1 if k == a else 0
        hi_i = kids.index(last.el) if k == b else len(kids)
        if any(c.tag not in _HARMLESS for c in kids[lo_i:hi_i]):
            return OBJECT
    return None


def new_run(model, text: str):
    """A run with `text` and the formatting of run `model` (without its own change marks)."""
    r = model.makeelement(W + "r", {})
    rpr = model.find(W + "rPr")
    if rpr is not None:
        rpr = copy.deepcopy(rpr)
        for change in rpr.findall(W + "rPrChange"):
            rpr.remove(change)
        r.append(rpr)
    t = r.makeelement(W + "t", {})
    t.text = text
    preserve(t)
    r.append(t)
    return r


def replace_plain(p, view, lo: int, hi: int, new: str, ids=None) -> None:
    """Fix mode: the text of [lo, hi) becomes `new` (call for the edits of a paragraph from the
    last to the first, so earlier offsets stay valid)."""
    ps = pieces(p, view)
    for pc in ps:
        if pc.is_text and pc.start <= lo and hi <= pc.end and (lo < hi or pc.start < lo or pc.length == 0
                                                               or pc is ps[0]):
            text = pc.el.text or ""
            pc.el.text = text[:lo - pc.start] + new + text[hi - pc.start:]
            preserve(pc.el)
            return
    split_at(p, view, lo, ids)
    split_at(p, view, hi, ids)
    target = _target(p, view, lo, hi)
    if target is None:
        return
    runs, model, where = target
    if new:
        r = new_run(model, new)
        if runs:
            runs[0].addprevious(r)
        else:
            _place(r, where)
    for r in runs:
        r.getparent().remove(r)


def _target(p, view, lo: int, hi: int):
    """(runs to replace, run whose formatting the new text takes, where an insertion goes)."""
    if lo < hi:
        runs = text_runs(p, view, lo, hi)
        return (runs, runs[0], None) if runs else None
    ps = [pc for pc in pieces(p, view) if pc.length]
    left = [pc for pc in ps if pc.end == lo]
    if left:
        return [], left[-1].run, ("after", left[-1].run)
    right = [pc for pc in ps if pc.start == lo]
    if right:
        return [], right[0].run, ("before", right[0].run)
    return None


def _place(el, where) -> None:
    side, anchor = where
    if side == "after":
        anchor.addnext(el)
    else:
        anchor.addprevious(el)


def resolve(p, view, lo: int, hi: int):
    """For a tracked edit: call after every boundary of the paragraph is split, before changing it."""
    return _target(p, view, lo, hi)


def replace_tracked(target, new: str, tracker: Tracker) -> None:
    """Review mode: w:del around the runs of `target` (from `resolve`) and a w:ins with `new`."""
    runs, model, where = target
    groups: list[list] = []
    for r in runs:
        if groups and groups[-1][-1].getnext() is r:
            groups[-1].append(r)
        else:
            groups.append([r])
    first_del = None
    for group in groups:
        deletion = tracker.mark("del", group[0])
        group[0].addprevious(deletion)
        for r in group:
            deletion.append(r)
            for t in r.findall(W + "t"):
                t.tag = W + "delText"
        first_del = first_del if first_del is not None else deletion
    if not new:
        return
    insertion = tracker.mark("ins", model)
    insertion.append(new_run(model, new))
    if first_del is not None:
        first_del.addnext(insertion)
    else:
        _place(insertion, where)
