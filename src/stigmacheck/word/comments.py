"""Word comments: the comments part (made with its relationship and content type when the file
has none), the comment texts in Dutch, and the range markers in a paragraph."""

from __future__ import annotations

from lxml import etree

from stigmacheck.findings import severity_label
from stigmacheck.word.package import CT_NS, REL_NS, W_NS, W
from stigmacheck.word.runs import DOCUMENT, pieces, preserve

COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
MAX_REASON = 240


class Comments:
    """The comments part of a Word file; `add` makes one comment and returns its id."""

    def __init__(self, pkg, tracker):
        self.pkg, self.tracker = pkg, tracker
        self.name = None
        for kind, target, mode in pkg.relationships(DOCUMENT).values():
            if kind == COMMENTS_TYPE and mode == "Internal" and pkg.has(target):
                self.name = target
        self.new = self.name is None
        if self.new:
            self.name = "word/comments.xml"
            self.tree = etree.ElementTree(etree.Element(W + "comments", nsmap={"w": W_NS}))
        else:
            self.tree = pkg.xml(self.name)
        self.count = 0

    def add(self, paragraphs: list[str]) -> str:
        root = self.tree.getroot()
        cid = self.tracker.ids.take()
        comment = etree.SubElement(root, W + "comment", {W + "id": cid, W + "author": self.tracker.author,
                                                         W + "date": self.tracker.date,
                                                         W + "initials": self.tracker.initials})
        for i, text in enumerate(paragraphs):
            p = etree.SubElement(comment, W + "p")
            if i == 0:
                etree.SubElement(etree.SubElement(p, W + "r"), W + "annotationRef")
            t = etree.SubElement(etree.SubElement(p, W + "r"), W + "t")
            t.text = _clean(text)
            preserve(t)
        self.count += 1
        return cid

    def finish(self) -> None:
        if not self.count:
            return
        self.pkg.set_xml(self.name, self.tree)
        if not self.new:
            return
        rels_name = self.pkg.rels_name(DOCUMENT)
        rels = self.pkg.xml(rels_name)
        taken = {rel.get("Id") for rel in rels.getroot()}
        n = 1
        while f"rId{n}" in taken:
            n += 1
        etree.SubElement(rels.getroot(), "{%s}Relationship" % REL_NS,
                         {"Id": f"rId{n}", "Type": COMMENTS_TYPE, "Target": "comments.xml"})
        self.pkg.set_xml(rels_name)
        types = self.pkg.xml("[Content_Types].xml")
        if not any(o.get("PartName") == "/" + self.name for o in types.getroot()):
            etree.SubElement(types.getroot(), "{%s}Override" % CT_NS,
                             {"PartName": "/" + self.name, "ContentType": COMMENTS_CONTENT})
            self.pkg.set_xml("[Content_Types].xml")


def _clean(text: str) -> str:
    """No control characters in XML text."""
    return "".join(ch if ch >= " " or ch == "\t" else " " for ch in text)


def markers(p, view, cid: str, lo: int, hi: int):
    """Where the range of comment `cid` on [lo, hi) of the paragraph goes (boundaries already split):
    a list of (element, side, anchor) for `place_markers`."""
    ps = [pc for pc in pieces(p, view) if pc.length]
    start = next((pc.run for pc in ps if pc.start >= lo), None)
    end = next((pc.run for pc in reversed(ps) if pc.end <= hi), None)
    begin = p.makeelement(W + "commentRangeStart", {W + "id": cid})
    finish = p.makeelement(W + "commentRangeEnd", {W + "id": cid})
    ref = p.makeelement(W + "r", {})
    ref.append(ref.makeelement(W + "commentReference", {W + "id": cid}))
    # no run to hold on to (an empty paragraph, or a range at its very end or start): the edge
    first = (begin, "before", start) if start is not None else (begin, "edge-end" if lo else "edge-start", None)
    last = (finish, "after", end) if end is not None else (finish, "edge-end" if hi else "edge-start", None)
    if last[1] == "edge-start":  # keep the end after the start
        last = (finish, "after-end", begin)
    return [first, last, (ref, "after-end", finish)]


def place_markers(p, plan) -> None:
    for el, side, anchor in plan:
        if side == "after-end":
            anchor.addnext(el)
        elif anchor is None:
            _at_edge(p, el, first=side == "edge-start")
        elif side == "before":
            anchor.addprevious(el)
        else:
            anchor.addnext(el)


def _at_edge(p, el, first: bool) -> None:
    """At the start of the paragraph (after its properties) or at its end."""
    if first:
        ppr = p.find(W + "pPr")
        if ppr is not None:
            ppr.addnext(el)
        else:
            p.insert(0, el)
    else:
        p.append(el)


# --------------------------------------------------------------------------------- texts


def shorten(text: str, limit: int = MAX_REASON) -> str:
    """The first sentences of `text` up to `limit` characters, cut at a word with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    stop = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if stop > limit // 3:
        return cut[:stop + 1]
    return cut[:cut.rfind(" ")].rstrip(",;:") + " …" if " " in cut else cut + "…"


def finding_text(f, status: str) -> list[str]:
    """The paragraphs of one finding's comment."""
    out = [f.message.strip()]
    if f.suggestions:
        label = "Suggestie" if len(f.suggestions) == 1 else "Suggesties"
        out.append(f"{label}: " + ", ".join(f.suggestions))
    if status:
        out.append(status)
    rationale = f.extra.get("rationale") if isinstance(f.extra, dict) else None
    if rationale:
        out.append("Waarom: " + shorten(str(rationale)))
    out.append(f"Regel: {f.rule} ({severity_label(f.severity)})")
    return out


def summary_text(items) -> list[str]:
    """One comment for the findings in headers and footers: (finding, status) pairs."""
    out = [f"Meldingen in de kop- en voetteksten ({len(items)}); Word kan daar geen opmerkingen plaatsen."]
    for f, status in items:
        line = f"'{f.text}': {f.message.strip()}"
        if f.suggestions:
            line += " Suggestie: " + ", ".join(f.suggestions) + "."
        if status:
            line += " " + status
        out.append(f"{line} [{f.rule}]")
    return out
