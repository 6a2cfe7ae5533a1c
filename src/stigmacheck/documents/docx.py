"""Word (.docx) reader on python-docx: body paragraphs and table cells in document order, then the
headers and footers of each section. The source text is all paragraphs joined by "\\n", one line
per paragraph (a line break inside a paragraph becomes a space), so positions are line and column
in that text.
"""

from __future__ import annotations

import io
import zipfile

from stigmacheck.documents.base import Block, Document

HEADING_STYLES = ("heading", "kop")
TITLE_STYLES = ("title", "titel", "subtitle", "ondertitel")
CAPTION_STYLES = ("caption", "bijschrift")
LIST_STYLES = ("list", "lijst")


def read_docx(path: str, data: bytes) -> Document:
    from stigmacheck.documents import ReadError

    document = _open(data, ReadError)
    lines: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for text, kind in _paragraphs(document):
        text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\v", " ")
        if text.strip():
            blocks.append(Block.linear(text, offset, kind))
        lines.append(text)
        offset += len(text) + 1
    return Document(path=path, source="\n".join(lines), blocks=blocks, reader="docx")


def _open(data: bytes, ReadError):
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError("dit is een oud Word-bestand (.doc) of een beveiligd document; sla het op als .docx")
    if not data.startswith(b"PK"):
        raise ReadError("geen geldig Word-bestand (.docx): het is geen zip-archief")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise ReadError("geen geldig Word-bestand (.docx): het zip-archief is beschadigd") from None
    if "word/document.xml" not in names:
        raise ReadError("geen Word-document: het archief bevat geen word/document.xml (is het een ander Office-bestand?)")
    try:
        import docx

        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds; the user needs one clear message
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ReadError(f"kan het Word-bestand niet lezen: het is beschadigd of onvolledig ({detail})") from None


def _paragraphs(document):
    """(text, kind) of every paragraph: body in order, then headers and footers of each section."""
    yield from _container(document.element.body, document, "prose")
    seen = set()
    for section in document.sections:
        for part in (
            section.first_page_header, section.header, section.even_page_header,
            section.first_page_footer, section.footer, section.even_page_footer,
        ):
            if part.is_linked_to_previous or id(part._element) in seen:
                continue
            seen.add(id(part._element))
            yield from _container(part._element, part, "prose")


def _container(element, parent, kind: str):
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, parent)
            yield paragraph.text, _kind(paragraph, kind)
        elif tag == "tbl":
            table = Table(child, parent)
            for row in child.tr_lst:
                for tc in row.tc_lst:  # each cell once, also when it spans several columns
                    yield from _container(tc, _Cell(tc, table), "table")
        elif tag == "sdt":  # content controls wrap paragraphs and tables
            content = child.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent")
            if content is not None:
                yield from _container(content, parent, kind)


def _kind(paragraph, default: str) -> str:
    try:
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):
        style = ""
    if style.startswith(HEADING_STYLES):
        return "heading"
    if style.startswith(TITLE_STYLES):
        return "title"
    if style.startswith(CAPTION_STYLES):
        return "caption"
    if style.startswith(LIST_STYLES) or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        return "list" if default == "prose" else default
    return default
