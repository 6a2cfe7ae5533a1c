"""Word (.docx) reader: body paragraphs and table cells in document order, then the headers and
footers of each section. The source text is all paragraphs joined by "\\n", one line per paragraph
(a line break inside a paragraph becomes a space), so positions are line and column in that text.

The archive is checked first (documents/ooxml.py: size, compression ratio, encryption, DOCTYPE);
python-docx then loads the package. Paragraph texts and styles are read from the XML directly, in
one pass: the text exactly as python-docx's `Paragraph.text` gives it (fix mode relies on that), the
style from a table of the styles part built once (python-docx looks each one up anew, which made a
document of 26,000 paragraphs take 19 s).
"""

from __future__ import annotations

import io

from stigmacheck.documents.base import Block, Document
from stigmacheck.documents.limits import DEFAULT, Limits

HEADING_STYLES = ("heading", "kop")
TITLE_STYLES = ("title", "titel", "subtitle", "ondertitel")
CAPTION_STYLES = ("caption", "bijschrift")
LIST_STYLES = ("list", "lijst")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _TR, _TC = _W + "p", _W + "tbl", _W + "sdt", _W + "tr", _W + "tc"
_R, _HYPERLINK, _T, _BR, _TYPE = _W + "r", _W + "hyperlink", _W + "t", _W + "br", _W + "type"
# what python-docx's CT_R.text makes of each text-bearing child of a run (w:t: its text; w:br: see _run_text)
_RUN_CHARS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def read_docx(path: str, data: bytes, limits: Limits | None = None) -> Document:
    from stigmacheck.documents import ReadError

    document = _open(data, limits or DEFAULT, ReadError)
    styles = _StyleNames(document)
    lines: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for text, kind in _paragraphs(document, styles):
        text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\v", " ")
        if text.strip():
            blocks.append(Block.linear(text, offset, kind))
        lines.append(text)
        offset += len(text) + 1
    return Document(path=path, source="\n".join(lines), blocks=blocks, reader="docx")


def _open(data: bytes, limits: Limits, ReadError):
    from stigmacheck.documents.limits import megabytes
    from stigmacheck.documents.ooxml import PackageError, open_package

    if len(data) > limits.max_unzipped_bytes:
        raise ReadError(f"het bestand is {megabytes(len(data))} groot; de grens voor een Word-bestand is "
                        f"{limits.max_unzipped_mb} MB (instelling max_unzipped_mb); niet gecontroleerd")
    try:
        with open_package(data, limits) as archive:
            names = set(archive.namelist())
            xml = [i for i in archive.infolist() if i.filename.endswith((".xml", ".rels"))]
    except PackageError as exc:
        raise ReadError(str(exc)) from None
    for info in xml:  # parsed into memory whole: held to the limit of a text file
        if info.file_size > limits.max_file_bytes:
            raise ReadError(f"onderdeel {info.filename} is uitgepakt {megabytes(info.file_size)} groot; XML in een "
                            f"Word-bestand mag niet groter zijn dan {limits.max_file_mb} MB (instelling max_file_mb); "
                            "niet gecontroleerd")
    if "word/document.xml" not in names:
        raise ReadError("geen Word-document: het archief bevat geen word/document.xml (is het een ander Office-bestand?)")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds; the user needs one clear message
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ReadError(f"kan het Word-bestand niet lezen: het is beschadigd of onvolledig ({detail})") from None
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None and element.getroottree().docinfo.doctype:
            raise ReadError(f"onderdeel {str(part.partname).lstrip('/')} bevat een DOCTYPE-declaratie (entiteiten); "
                            "Word schrijft die nooit. Open het document in Word en sla het opnieuw op")
    return document


def _paragraphs(document, styles: _StyleNames):
    """(text, kind) of every paragraph: body in order, then headers and footers of each section."""
    yield from _container(document.element.body, "prose", styles)
    seen = set()
    for section in document.sections:
        for part in (
            section.first_page_header, section.header, section.even_page_header,
            section.first_page_footer, section.footer, section.even_page_footer,
        ):
            if part.is_linked_to_previous or id(part._element) in seen:
                continue
            seen.add(id(part._element))
            yield from _container(part._element, "prose", styles)


def _container(element, kind: str, styles: _StyleNames):
    for child in element.iterchildren():
        tag = child.tag
        if tag == _P:
            yield _paragraph_text(child), _kind(child, kind, styles)
        elif tag == _TBL:
            for row in child.iterchildren(_TR):
                for tc in row.iterchildren(_TC):  # each cell once, also when it spans several columns
                    yield from _container(tc, "table", styles)
        elif tag == _SDT:  # content controls wrap paragraphs and tables
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _container(content, kind, styles)


# Inline wrappers whose runs are part of the paragraph's text: hyperlinks, a colleague's tracked
# insertions and moves (existing insertions are checked as text), fields, smart tags, content
# controls. w:del and w:moveFrom (deleted text) are not text. word/runs.py reads the same
# (its view EVERYTHING), so fix and the review copy find each line again.
_WRAPPERS = frozenset(_W + n for n in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir",
                                       "bdo", "sdt"))
_SDT_CONTENT = _W + "sdtContent"


def _paragraph_text(p) -> str:
    """The text of a paragraph: its runs in order, also inside inline wrappers (see _WRAPPERS)."""
    out: list[str] = []
    _collect(p, out)
    return "".join(out)


def _collect(element, out: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if tag == _R:
            out.append(_run_text(child))
        elif tag in _WRAPPERS:
            if tag == _W + "sdt":
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    _collect(content, out)
            else:
                _collect(child, out)


def _run_text(r) -> str:
    out = []
    for el in r.iterchildren():
        tag = el.tag
        if tag == _T:
            out.append(el.text or "")
        elif tag == _BR:
            if el.get(_TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        else:
            char = _RUN_CHARS.get(tag)
            if char:
                out.append(char)
    return "".join(out)


class _StyleNames:
    """Paragraph style id -> lower-case name, as python-docx resolves Paragraph.style: an unknown
    id or one of another type gives the default paragraph style."""

    def __init__(self, document):
        self.names: dict[str, str] = {}
        self.default = ""
        try:
            root = document.styles.element
        except Exception:  # no styles part: every paragraph has no style name
            return
        for style in root.iterchildren(_W + "style"):
            name_el = style.find(_W + "name")
            name = ((name_el.get(_W + "val") or "") if name_el is not None else "").lower()
            paragraph = style.get(_TYPE, "paragraph") == "paragraph"
            self.names.setdefault(style.get(_W + "styleId"), name if paragraph else None)  # the first one counts
            if paragraph and style.get(_W + "default") in ("1", "true", "on"):
                self.default = name  # python-docx takes the last default

    def of(self, style_id: str | None) -> str:
        name = self.names.get(style_id) if style_id is not None else None
        return self.default if name is None else name


def _kind(p, default: str, styles: _StyleNames) -> str:
    ppr = p.find(_W + "pPr")
    style_el = ppr.find(_W + "pStyle") if ppr is not None else None
    style = styles.of(style_el.get(_W + "val") if style_el is not None else None)
    if style.startswith(HEADING_STYLES):
        return "heading"
    if style.startswith(TITLE_STYLES):
        return "title"
    if style.startswith(CAPTION_STYLES):
        return "caption"
    if style.startswith(LIST_STYLES) or ppr is not None and ppr.find(_W + "numPr") is not None:
        return "list" if default == "prose" else default
    return default
