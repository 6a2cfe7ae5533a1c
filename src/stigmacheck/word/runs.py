"""Where a source offset lies in the Word XML: paragraphs in the reader's order, the text pieces of
their runs, and splitting runs so that any offset becomes a boundary between runs.

The reader (documents/docx.py) joins the paragraphs with "\\n", one line per paragraph: the body
(tables and content controls included) and then each section's own headers and footers. A
paragraph's text is that of its runs and hyperlinks; runs inside existing insertions (w:ins) and
similar wrappers are taken along when the reader includes them (see VIEWS). Each paragraph's
text must equal its line of the reader's source exactly, or nothing is edited.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass

from stigmacheck.word.package import R_NS, PackageError, W

DOCUMENT = "word/document.xml"
_HEADER_TYPES = ("first", "default", "even")
_TEXT = {W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "ptab"}
# Which runs count as a paragraph's text. NARROW is what python-docx's paragraph.text reads (the
# reader today): runs and hyperlinks. The others also enter wrappers, recursively: existing
# insertions (and moves), or every inline wrapper. w:del and w:moveFrom never count. Each paragraph
# takes the first view whose text is the reader's line, so this follows the reader when it changes.
NARROW = None
INSERTIONS = frozenset(W + n for n in ("hyperlink", "ins", "moveTo"))
EVERYTHING = INSERTIONS | {W + n for n in ("smartTag", "customXml", "fldSimple", "dir", "bdo", "sdt")}
VIEWS = (NARROW, INSERTIONS, EVERYTHING)
NOT_FOUND = "kan de alinea's van het Word-bestand niet eenduidig terugvinden; niets aangepast"


def piece_text(el) -> str:
    tag = el.tag
    if tag == W + "t":
        return el.text or ""
    if tag == W + "br":
        return "\n" if el.get(W + "type", "textWrapping") == "textWrapping" else ""
    if tag in (W + "cr",):
        return "\n"
    if tag == W + "noBreakHyphen":
        return "-"
    return "\t"


def line_of(text: str) -> str:
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\v", " ")


def runs_of(p, view):
    """The runs of a paragraph whose text counts in `view`, in order."""
    for child in p.iterchildren():
        tag = child.tag
        if tag == W + "r":
            yield child
        elif view is NARROW:
            if tag == W + "hyperlink":
                yield from child.iterchildren(W + "r")
        elif tag in view:
            if tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from runs_of(content, view)
            else:
                yield from runs_of(child, view)


@dataclass
class Piece:
    run: object  # the w:r element
    el: object  # its text-bearing child (w:t, w:tab ...)
    start: int  # offset in the paragraph's text
    length: int

    @property
    def end(self) -> int:
        return self.start + self.length

    @property
    def is_text(self) -> bool:
        return self.el.tag == W + "t"


def pieces(p, view) -> list[Piece]:
    out, pos = [], 0
    for r in runs_of(p, view):
        for el in r.iterchildren():
            if el.tag in _TEXT:
                n = len(piece_text(el))
                out.append(Piece(r, el, pos, n))
                pos += n
    return out


@dataclass
class Para:
    part: str  # the member that holds it
    p: object
    start: int  # source offset of its first character
    text: str
    view: frozenset | None  # which runs count as its text (one of VIEWS)

    @property
    def in_body(self) -> bool:
        return self.part == DOCUMENT

    def pieces(self) -> list[Piece]:
        return pieces(self.p, self.view)


def walk(element):
    """Paragraphs of a body, cell or header in the reader's order."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == W + "p":
            yield child
        elif tag == W + "tbl":
            for row in child.iterchildren(W + "tr"):
                for cell in row.iterchildren(W + "tc"):
                    yield from walk(cell)
        elif tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from walk(content)


def containers(pkg):
    """(member name, root element) of the body, then of each section's own headers and footers."""
    root = pkg.xml(DOCUMENT).getroot()
    body = root.find(W + "body")
    if body is None:
        raise PackageError("het Word-document heeft geen inhoud (w:body ontbreekt)")
    yield DOCUMENT, body
    rels = pkg.relationships(DOCUMENT)
    seen = set()
    sections = root.xpath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr", namespaces={"w": W[1:-1]})
    for sect in sections:
        for kind in ("header", "footer"):
            for kind_type in _HEADER_TYPES:
                refs = [ref for ref in sect.iterchildren(W + kind + "Reference") if ref.get(W + "type") == kind_type]
                if not refs:
                    continue
                rel = rels.get(refs[0].get("{%s}id" % R_NS))
                if rel is None or rel[1] in seen or not pkg.has(rel[1]):
                    continue
                seen.add(rel[1])
                yield rel[1], pkg.xml(rel[1]).getroot()


class Layout:
    """The paragraphs of a Word file matched line by line to the reader's source."""

    def __init__(self, pkg, source: str):
        self.pkg = pkg
        lines = source.split("\n")
        self.paras: list[Para] = []
        pos = 0
        for part, root in containers(pkg):
            for p in walk(root):
                i = len(self.paras)
                if i >= len(lines):
                    raise PackageError(NOT_FOUND)
                line = lines[i]
                view = next((v for v in VIEWS if _same(_text(p, v), line)), False)
                if view is False:
                    raise PackageError(NOT_FOUND)
                self.paras.append(Para(part, p, pos, line, view))
                pos += len(line) + 1
        if len(self.paras) != len(lines):
            raise PackageError(NOT_FOUND)
        self._starts = [para.start for para in self.paras]

    def at(self, offset: int, end: bool = False) -> tuple[int, int]:
        """(paragraph index, offset in it) of a source offset; `end`: an exclusive end offset
        belongs to the paragraph of the character before it."""
        i = bisect.bisect_right(self._starts, offset - 1 if end and offset > 0 else offset) - 1
        i = max(i, 0)
        return i, offset - self._starts[i]

    def first_body(self) -> int | None:
        """Index of the first body paragraph with text (else the first body paragraph, else None)."""
        body = [i for i, para in enumerate(self.paras) if para.in_body]
        return next((i for i in body if self.paras[i].text.strip()), body[0] if body else None)


def _same(text: str, line: str) -> bool:
    """The paragraph's text is the reader's line, character for character (same length too)."""
    return len(text) == len(line) and line_of(text) == line


def _text(p, view) -> str:
    return "".join(piece_text(el) for r in runs_of(p, view) for el in r.iterchildren() if el.tag in _TEXT)


# ------------------------------------------------------------------------------- splitting runs


def split_at(p, view, pos: int, fresh_ids=None) -> None:
    """Make `pos` (an offset in the paragraph's text) a boundary between runs."""
    for piece in pieces(p, view):
        if piece.start < pos < piece.end:
            _split_run(piece.run, piece.el, pos - piece.start, fresh_ids)
            return
        if piece.end == pos:
            _split_run(piece.run, piece.el, piece.length, fresh_ids)
            return
        if piece.start >= pos:
            return


def _split_run(r, el, k: int, fresh_ids=None) -> None:
    """Split run `r` after the first `k` characters of its child `el`; no-op at the run's edges."""
    children = list(r)
    rpr = r.find(W + "rPr")
    content = [c for c in children if c is not rpr]
    i = content.index(el)
    text = piece_text(el)
    if 0 < k < len(text):
        right_el = copy.deepcopy(el)
        el.text, right_el.text = text[:k], text[k:]
        preserve(el)
        preserve(right_el)
        right = [right_el] + content[i + 1:]
    else:
        right = content[i:] if k == 0 else content[i + 1:]
        if not right or len(right) == len(content):
            return  # already a boundary between runs
    twin = r.makeelement(r.tag, dict(r.attrib))
    if rpr is not None:
        new_rpr = copy.deepcopy(rpr)
        if fresh_ids is not None:
            fresh_ids.renumber(new_rpr)
        twin.append(new_rpr)
    for c in right:
        twin.append(c)  # moves it out of r
    r.addnext(twin)


def preserve(t) -> None:
    """Keep leading and trailing spaces of a w:t / w:delText."""
    text = t.text or ""
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def text_runs(p, view, lo: int, hi: int) -> list:
    """The runs whose text lies within [lo, hi) (boundaries already split), in order."""
    out = []
    for piece in pieces(p, view):
        if piece.length == 0:
            continue
        if piece.start >= lo and piece.end <= hi:
            if not out or out[-1] is not piece.run:
                out.append(piece.run)
        elif piece.start < hi and lo < piece.end:
            return []  # not split: should not happen
    return out
