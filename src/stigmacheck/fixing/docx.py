"""Apply settled fixes to a Word file: change the text of <w:t> elements, nothing else.

Edits come in offsets of the reader's source text (paragraphs joined by "\\n"). Each edit is
mapped to the one text element that holds all its characters; an edit over several runs is left
with a reason. The paragraphs are walked in the reader's order and their texts must join to
exactly the reader's source, so a difference can never lead to a wrong edit.
"""

from __future__ import annotations

import bisect
import io

from stigmacheck.fixing.apply import Skipped

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_ELEMENTS = "w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab"
RUNS = "de treffer loopt over meer opmaakdelen (runs) in het Word-bestand; pas dit zelf aan"
NOT_FOUND = "de plek in het Word-bestand is niet eenduidig te vinden"


def paragraphs(document):
    """python-docx paragraphs in the order of documents/docx.py: body (tables and content
    controls included), then each section's own headers and footers."""
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    def walk(element, parent):
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                yield Paragraph(child, parent)
            elif tag == "tbl":
                table = Table(child, parent)
                for row in child.tr_lst:
                    for tc in row.tc_lst:
                        yield from walk(tc, _Cell(tc, table))
            elif tag == "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    yield from walk(content, parent)

    yield from walk(document.element.body, document)
    seen = set()
    for section in document.sections:
        for part in (section.first_page_header, section.header, section.even_page_header,
                     section.first_page_footer, section.footer, section.even_page_footer):
            if part.is_linked_to_previous or id(part._element) in seen:
                continue
            seen.add(id(part._element))
            yield from walk(part._element, part)


def line_of(text: str) -> str:
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\v", " ")


def _text_pieces(paragraph):
    """(element, start in paragraph text, length) for every text-bearing element of every run,
    hyperlinks included, in order; their texts join to paragraph.text."""
    from docx.text.hyperlink import Hyperlink

    pos = 0
    for item in paragraph.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        for run in runs:
            for el in run._r.xpath(_TEXT_ELEMENTS):
                n = len(str(el))
                yield el, pos, n
                pos += n


def fix_docx(data: bytes, source: str, todo):
    """(applied findings, skipped, fixed bytes or None, error or None)."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # the reader already accepted these bytes; this is a safety net
        return [], [], None, "kan het Word-bestand niet openen om aan te passen"
    paras = list(paragraphs(document))
    lines = [line_of(p.text) for p in paras]
    if "\n".join(lines) != source:
        return [], [], None, "kan de alinea's van het Word-bestand niet eenduidig terugvinden; niets aangepast"
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1

    def place(edit):
        i = bisect.bisect_right(starts, edit.start) - 1
        if i < 0 or edit.end - starts[i] > len(lines[i]):
            return NOT_FOUND
        lo, hi = edit.start - starts[i], edit.end - starts[i]
        for el, at, n in _text_pieces(paras[i]):
            if el.tag == _W + "t" and at <= lo and hi <= at + n:
                return el, lo - at, hi - at
        return RUNS

    done, left, changes = [], [], []
    for f in todo:
        places = [place(e) for e in f.fix.edits]
        reason = next((p for p in places if isinstance(p, str)), None)
        if reason:
            left.append(Skipped(f, reason))
            continue
        done.append(f)
        changes += [(e.start, where, e.new) for e, where in zip(f.fix.edits, places)]
    for _, (el, a, b), new in sorted(changes, key=lambda c: -c[0]):  # from the end: offsets stay valid
        text = el.text or ""
        el.text = text[:a] + new + text[b:]
        if el.text != el.text.strip():
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    if not done:
        return done, left, None, None
    out = io.BytesIO()
    document.save(out)
    return done, left, out.getvalue(), None
