"""The Word review copy (stigmacheck.word): comments on exactly the words of each finding, tracked
changes that give `fix`'s text when accepted and the original when rejected, and a file in which
everything else survives byte for byte. The helpers here are also used by test_review_cli.py and
test_review_office.py."""

import io
import re
import zipfile

import pytest
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
DATE = "2026-01-02T03:04:05Z"
_NS = ('xmlns:w="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
       'xmlns:v="urn:schemas-microsoft-com:vml"' % W_NS)

BALANCE = ("De politie hield gisteren een inval bij drie adressen waar prostitutie plaatsvond. Bij de controle "
           "werden twee verdachten van mensenhandel aangehouden. In de panden werkten vijf prostituees, van wie er "
           "twee mogelijk slachtoffer zijn. De handhaving op illegale prostitutie wordt opgevoerd. Volgens de "
           "politie gaat het bij prostitutie vaak om misstanden.")


# ------------------------------------------------------------------------------ building documents


def docx_made_with_python_docx() -> bytes:
    import docx

    d = docx.Document()
    p = d.add_paragraph("De ")
    p.add_run("prostituees").bold = True
    p.add_run(" wachten op de bus.")
    p = d.add_paragraph()
    p.add_run("Straat").italic = True
    p.add_run("prosti").bold = True
    p.add_run("tuees krijgen hulp.").italic = True  # formatting changes twice inside the word
    p = d.add_paragraph()
    p.add_run("Zij bestrijden de prosti")
    p.add_run("tutie in de stad.")  # the same formatting, two runs
    d.add_paragraph("Het hoertje en de pooier.")
    d.add_paragraph("Een alinea zonder meldingen.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Prostituees"
    table.cell(0, 1).text = "Zij bestrijden de prostitutie."
    d.sections[0].header.paragraphs[0].text = "Nota over prostitutie"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


HAND_BODY = f"""
<w:p><w:r w:rsidR="00A1"><w:t>De prosti</w:t></w:r><w:r w:rsidR="00B2"><w:t>tuees</w:t></w:r><w:r><w:t xml:space="preserve"> wachten.</w:t></w:r></w:p>
<w:p><w:bookmarkStart w:id="0" w:name="over"/><w:commentRangeStart w:id="1"/><w:r><w:t xml:space="preserve">Over </w:t></w:r><w:hyperlink w:anchor="over"><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>prostitutie</w:t></w:r></w:hyperlink><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r><w:bookmarkEnd w:id="0"/><w:r><w:t xml:space="preserve"> schrijven wij.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Wij helpen </w:t></w:r><w:ins w:id="5" w:author="Anna" w:date="2025-05-05T10:00:00Z"><w:r><w:t xml:space="preserve">alle </w:t></w:r></w:ins><w:del w:id="6" w:author="Anna" w:date="2025-05-05T10:00:00Z"><w:r><w:delText xml:space="preserve">de hoeren </w:delText></w:r></w:del><w:r><w:t>prostituees graag.</w:t></w:r></w:p>
<w:p><w:r><w:t>Het hoertje</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> en een veld: </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1-1-2026</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:r><w:t>De prosti</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r><w:r><w:t xml:space="preserve">tuees </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>wachten.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Tekst met een kader. </w:t></w:r><w:r><w:pict><v:shape id="k" style="width:100pt;height:40pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>Kadertekst over prostituees</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>
<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>Straatprostituees in de cel.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>{BALANCE}</w:t></w:r></w:p>
<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>
"""


def hand_docx(body: str = HAND_BODY, comments: bool = True) -> bytes:
    """A Word file written by hand: an existing comment, revisions, a footnote, a field, a bookmark,
    a hyperlink, a text box, a table, a header and parts python-docx does not know."""
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Default Extension="bin" ContentType="application/octet-stream"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
             '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
             + ('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>' if comments else "")
             + "</Types>")
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>")
    doc_rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
                '<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                + ('<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>' if comments else "")
                + "</Relationships>")
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_NS}><w:body>{body}</w:body></w:document>'
    header = f'<w:hdr {_NS}><w:p><w:r><w:t>Beleid over prostitutie</w:t></w:r></w:p></w:hdr>'
    footnotes = (f'<w:footnotes {_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:id="2"><w:p><w:r><w:t>Een voetnoot.</w:t></w:r></w:p></w:footnote>'
                 '<w:footnote w:id="3"><w:p><w:r><w:t>Nog een voetnoot.</w:t></w:r></w:p></w:footnote></w:footnotes>')
    existing = (f'<w:comments {_NS}><w:comment w:id="1" w:author="Bram" w:initials="BV" w:date="2025-05-05T09:00:00Z">'
                "<w:p><w:r><w:t>Klopt dit?</w:t></w:r></w:p></w:comment></w:comments>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", types, zipfile.ZIP_DEFLATED)
        z.writestr("_rels/.rels", rels, zipfile.ZIP_DEFLATED)
        z.writestr("word/document.xml", document, zipfile.ZIP_DEFLATED)
        z.writestr("word/_rels/document.xml.rels", doc_rels, zipfile.ZIP_DEFLATED)
        z.writestr("word/header1.xml", header, zipfile.ZIP_DEFLATED)
        z.writestr("word/footnotes.xml", footnotes, zipfile.ZIP_DEFLATED)
        if comments:
            z.writestr("word/comments.xml", existing, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("customXml/item1.xml", (2020, 2, 3, 4, 5, 6)), "<b:Sources xmlns:b='x'/>",
                   zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("docProps/custom.bin", (2021, 1, 1, 0, 0, 0)), bytes(range(256)) * 4,
                   zipfile.ZIP_STORED)
    return out.getvalue()


# ------------------------------------------------------------------------------ reading copies back


def resolve(data: bytes, accept: bool) -> bytes:
    """The Word file with every tracked change accepted (or rejected), as a word processor does it."""
    drop, keep = (W + "del", W + "ins") if accept else (W + "ins", W + "del")
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                root = etree.fromstring(content)
                for el in list(root.iter(drop)):
                    el.getparent().remove(el)
                for el in list(root.iter(keep)):
                    parent, at = el.getparent(), el.getparent().index(el)
                    for k, child in enumerate(list(el)):
                        parent.insert(at + k, child)
                    parent.remove(el)
                if not accept:
                    for el in root.iter(W + "delText"):
                        el.tag = W + "t"
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, content)
    return out.getvalue()


def text_of(data: bytes) -> str:
    from stigmacheck.documents import load

    return load("x.docx", data, "docx").source


def comments_of(data: bytes) -> list:
    z = zipfile.ZipFile(io.BytesIO(data))
    return etree.fromstring(z.read("word/comments.xml")).findall(W + "comment")


def anchored_texts(data: bytes) -> dict[str, str]:
    """Comment id -> the original text between its range start and end in the body."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(resolve(data, accept=False))).read("word/document.xml"))
    out, open_ids = {}, {}
    for el in root.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "t", W + "tab"):
        if el.tag == W + "commentRangeStart":
            open_ids[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            out[el.get(W + "id")] = "".join(open_ids.pop(el.get(W + "id"), []))
        elif el.getparent().tag == W + "r":
            for parts in open_ids.values():
                parts.append("\t" if el.tag == W + "tab" else el.text or "")
    return out


@pytest.fixture(scope="module")
def linter():
    from stigmacheck.api import Linter

    return Linter.create()


def make_review(linter, data: bytes):
    from stigmacheck.word.review import review_docx

    result = linter.check_bytes(data, "concept.docx")
    assert result.error is None
    copy, counts = review_docx(data, result.document.source, result.findings, date=DATE)
    return result, copy, counts


# ------------------------------------------------------------------------------ tests

DOCUMENTS = {"python-docx": docx_made_with_python_docx, "hand": hand_docx,
             "hand-without-comments": lambda: hand_docx(comments=False)}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_accept_all_is_fix_and_reject_all_is_the_original(linter, name):
    data = DOCUMENTS[name]()
    result, copy, counts = make_review(linter, data)
    fixed = linter.fix_bytes(data, "concept.docx")
    assert fixed.error is None and fixed.fixed is not None
    assert counts["changes"] > 0
    assert text_of(resolve(copy, accept=True)) == text_of(resolve(fixed.fixed, accept=True))
    assert text_of(resolve(copy, accept=False)) == text_of(resolve(data, accept=False))
    assert text_of(resolve(copy, accept=True)) != text_of(resolve(data, accept=True))


def test_findings_over_runs_are_fixed_with_the_formatting_of_the_first_run(linter):
    import docx

    fixed = linter.fix_bytes(docx_made_with_python_docx(), "concept.docx").fixed
    paras = docx.Document(io.BytesIO(fixed)).paragraphs
    assert [p.text for p in paras[:3]] == ["De sekswerkers wachten op de bus.", "Straatsekswerkers krijgen hulp.",
                                           "Zij bestrijden het sekswerk in de stad."]
    assert [(r.text, r.bold, r.italic) for r in paras[1].runs if r.text] == [
        ("Straat", None, True), ("sekswerker", True, None), ("s krijgen hulp.", None, True)]


def test_one_comment_per_finding_anchored_on_its_words(linter):
    data = hand_docx()
    result, copy, counts = make_review(linter, data)
    ours = [c for c in comments_of(copy) if c.get(W + "author") == "stigmacheck"]
    assert all(c.get(W + "initials") == "SC" and c.get(W + "date") == DATE for c in ours)
    assert len(ours) == counts["comments"]
    lines = result.document.source.split("\n")
    body = [f for f in result.findings if lines[result.document.line_col(f.start)[0] - 1] != "Beleid over prostitutie"]
    assert len(ours) == len(body) + 1  # + one summary for the header
    anchored = anchored_texts(copy)
    texts = {c.get(W + "id"): "\n".join(t.text for t in c.iter(W + "t")) for c in ours}
    used = set()
    for f in body:
        cid = next(i for i, t in texts.items()
                   if i not in used and t.startswith(f.message.strip()) and anchored.get(i) == f.text)
        used.add(cid)
        assert f"Regel: {f.rule}" in texts[cid] and "Waarom: " in texts[cid]
    summary = next(t for t in texts.values() if t.startswith("Meldingen in de kop- en voetteksten (1)"))
    assert "'prostitutie'" in summary and "term.prostitutie" in summary
    assert sum(1 for i in texts if anchored.get(i) == lines[0]) == 1  # the summary, on the first paragraph


def test_a_document_level_finding_is_a_comment_on_the_first_paragraph(linter):
    import docx

    d = docx.Document()
    d.add_paragraph("")
    d.add_paragraph("Nieuws uit de stad")
    d.add_paragraph(BALANCE)
    out = io.BytesIO()
    d.save(out)
    result, copy, counts = make_review(linter, out.getvalue())
    whole = [f for f in result.findings if f.scope == "document"]
    assert len(whole) == 1
    anchored = anchored_texts(copy)
    on_first = [c for c in comments_of(copy) if anchored.get(c.get(W + "id")) == "Nieuws uit de stad"]
    assert len(on_first) == 1
    text = "\n".join(t.text for t in on_first[0].iter(W + "t"))
    assert text.startswith(whole[0].message.strip()) and "balance.eenzijdig" in text
    assert "Niet automatisch aangepast: gaat over het hele document" in text
    assert counts["comments"] == len(result.findings)


def test_unsafe_and_unplaceable_findings_get_a_comment_only(linter):
    result, copy, _ = make_review(linter, hand_docx())
    texts = ["\n".join(t.text for t in c.iter(W + "t")) for c in comments_of(copy)]
    assert any("pooier" in t or "Niet automatisch aangepast: in de treffer staat een veld, voetnoot" in t for t in texts)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml"))
    deleted = ["".join(t.text for t in d.iter(W + "delText")) for d in root.iter(W + "del")
               if d.get(W + "author") == "stigmacheck"]
    assert "prosti" not in deleted and "tuees " not in deleted  # the word around a footnote stays
    # the footnote paragraph: hoertje is changed, its footnote reference and the field stay
    assert len(list(root.iter(W + "footnoteReference"))) == 2
    assert len(list(root.iter(W + "fldChar"))) == 3


def test_everything_that_was_there_survives(linter):
    data = hand_docx()
    _, copy, _ = make_review(linter, data)
    zin, zout = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(copy))
    edited = {"word/document.xml", "word/comments.xml", "word/header1.xml"}
    before = [i.filename for i in zin.infolist()]
    assert [i.filename for i in zout.infolist()] == before  # same members, same order, nothing added
    for info in zin.infolist():
        if info.filename in edited:
            continue
        other = zout.getinfo(info.filename)
        assert zout.read(other) == zin.read(info)
        assert (other.date_time, other.compress_type, other.CRC, other.compress_size, other.external_attr) == (
            info.date_time, info.compress_type, info.CRC, info.compress_size, info.external_attr)
    root = etree.fromstring(zout.read("word/document.xml"))
    assert [c.get(W + "author") for c in comments_of(copy)][0] == "Bram"
    assert root.find(f".//{W}bookmarkStart").get(W + "name") == "over"
    assert root.find(f".//{W}hyperlink").get(W + "anchor") == "over"
    anna = [el.tag for el in root.iter(W + "ins", W + "del") if el.get(W + "author") == "Anna"]
    assert anna == [W + "ins", W + "del"]
    assert "Kadertekst over prostituees" in "".join(t.text or "" for t in root.iter(W + "t"))
    assert root.find(f".//{W}instrText").text == " DATE "
    ids = [el.get(W + "id") for el in root.iter(W + "ins", W + "del", W + "bookmarkStart")]
    ids += [c.get(W + "id") for c in comments_of(copy)]
    assert len(ids) == len(set(ids))  # no id collides with an existing one


def test_a_new_comments_part_gets_its_relationship_and_content_type(linter):
    data = hand_docx(comments=False)
    _, copy, _ = make_review(linter, data)
    z = zipfile.ZipFile(io.BytesIO(copy))
    assert z.namelist()[-1] == "word/comments.xml"
    rels = z.read("word/_rels/document.xml.rels").decode()
    assert re.search(r'Type="[^"]+/comments" Target="comments.xml"', rels)
    assert 'PartName="/word/comments.xml"' in z.read("[Content_Types].xml").decode()
    import docx

    docx.Document(io.BytesIO(copy))  # python-docx opens it


def test_fix_keeps_parts_python_docx_does_not_know(linter):
    data = hand_docx()
    fixed = linter.fix_bytes(data, "concept.docx").fixed
    zin, zout = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(fixed))
    assert zout.namelist() == zin.namelist()
    for name in ("customXml/item1.xml", "docProps/custom.bin", "word/footnotes.xml", "word/comments.xml"):
        assert zout.read(name) == zin.read(name)
        assert zout.getinfo(name).date_time == zin.getinfo(name).date_time
    assert zout.getinfo("docProps/custom.bin").compress_type == zipfile.ZIP_STORED


SENTENCES = ["De prostituees wachten op de bus.", "Het hoertje en de pooier.", "Zij bestrijden de prostitutie.",
             "Straatprostituees krijgen hulp.", "Een alinea zonder meldingen.", "Deze hoerenkast sluit."]


@pytest.mark.parametrize("seed", range(6))
def test_runs_cut_anywhere_still_accept_to_fix_and_reject_to_the_original(linter, seed):
    """Word cuts text into runs anywhere; wherever the cuts and formatting fall, the copy holds."""
    import random

    import docx

    rng = random.Random(seed)
    d = docx.Document()
    for _ in range(8):
        text = " ".join(rng.choice(SENTENCES) for _ in range(3))
        cuts = sorted(rng.sample(range(1, len(text)), 6))
        p = d.add_paragraph()
        for a, b in zip([0] + cuts, cuts + [len(text)]):
            run = p.add_run(text[a:b])
            run.bold = rng.random() < 0.3 or None
            run.italic = rng.random() < 0.2 or None
            if rng.random() < 0.1:
                run.add_tab()
    out = io.BytesIO()
    d.save(out)
    data = out.getvalue()
    result, copy, counts = make_review(linter, data)
    fixed = linter.fix_bytes(data, "concept.docx")
    assert counts["comments"] == len(result.findings)
    assert text_of(resolve(copy, accept=True)) == text_of(fixed.fixed or data)
    assert text_of(resolve(copy, accept=False)) == text_of(data)
    assert len(fixed.edits) == counts["fixed"]
    assert sorted(anchored_texts(copy).values()) == sorted(f.text for f in result.findings)


def _restream(data: bytes, prefix: bytes = b"") -> bytes:
    """The same members written through a stream that cannot seek (data descriptors after each
    member, as some tools write them), optionally behind a prefix."""

    class Stream(io.RawIOBase):
        def __init__(self):
            self.buffer = bytearray(prefix)

        def writable(self):
            return True

        def write(self, b):
            self.buffer += b
            return len(b)

    stream = Stream()
    zin = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(stream, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
    return bytes(stream.buffer)


def test_members_with_data_descriptors_come_through_raw(linter):
    data = _restream(hand_docx())
    assert zipfile.ZipFile(io.BytesIO(data)).infolist()[0].flag_bits & 0x8
    _, copy, _ = make_review(linter, data)
    zin, zout = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(copy))
    assert zout.namelist() == zin.namelist() and zout.testzip() is None
    for name in ("customXml/item1.xml", "docProps/custom.bin", "word/footnotes.xml", "[Content_Types].xml"):
        assert zout.read(name) == zin.read(name) and zout.getinfo(name).date_time == zin.getinfo(name).date_time
    start = zin.getinfo("docProps/custom.bin").header_offset
    new = zout.getinfo("docProps/custom.bin").header_offset
    assert copy[new:new + 1100] == data[start:start + 1100]  # stored bytes copied as they were


def test_an_archive_that_cannot_be_copied_raw_is_rebuilt_with_the_same_members():
    from stigmacheck.word.package import Package

    data = _restream(hand_docx(), prefix=b"#!/bin/sh\n")
    pkg = Package(data)
    tree = pkg.xml("word/document.xml")
    tree.getroot().find(W + "body").find(W + "p").find(W + "r").find(W + "t").text = "Anders"
    pkg.set_xml("word/document.xml")
    out = pkg.to_bytes()
    zin, zout = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(out))
    assert zout.namelist() == zin.namelist() and zout.testzip() is None
    for info in zin.infolist():
        if info.filename != "word/document.xml":
            assert zout.read(info.filename) == zin.read(info)
            assert zout.getinfo(info.filename).date_time == info.date_time
    assert b"Anders" in zout.read("word/document.xml")


def test_a_reader_that_includes_insertions_is_followed_into_them():
    """When the reader checks text inserted by a colleague (w:ins), the edit inside it is tracked
    there too: accept all gives the fix, reject all drops the colleague's insertion as before."""
    from stigmacheck.findings import Edit, Finding, Fix
    from stigmacheck.word.review import fix_docx, review_docx

    body = ('<w:p><w:r><w:t xml:space="preserve">Wij helpen </w:t></w:r><w:ins w:id="5" w:author="Anna" '
            'w:date="2025-05-05T10:00:00Z"><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">alle prostituees </w:t>'
            '</w:r></w:ins><w:r><w:t>graag.</w:t></w:r><w:smartTag w:element="x"><w:r><w:t>(niet gelezen)</w:t></w:r>'
            '</w:smartTag></w:p><w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>')
    data = hand_docx(body)
    source = "Wij helpen alle prostituees graag.\nBeleid over prostitutie"  # the insertion read as text
    finding = Finding("term.prostituee", "term", "warning", 16, 27, "prostituees", "bericht", ["sekswerkers"],
                      fix=Fix((Edit(16, 26, "prostituee", "sekswerker"),)))
    copy, counts = review_docx(data, source, [finding], date=DATE)
    assert counts == {"comments": 1, "changes": 1, "fixed": 1, "summary": 0}
    # the writer was given a source without the smart tag's text; the reader now reads it too
    assert text_of(resolve(copy, accept=True)) == "Wij helpen alle sekswerkers graag.(niet gelezen)\nBeleid over prostitutie"
    assert b"(niet gelezen)" in zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml")
    assert text_of(resolve(copy, accept=False)) == text_of(resolve(data, accept=False))
    done, left, fixed, error = fix_docx(data, source, [finding])
    assert error is None and done == [finding] and not left
    assert text_of(resolve(fixed, accept=True)) == text_of(resolve(copy, accept=True))


def test_a_summary_on_an_empty_first_paragraph_still_has_its_range():
    from stigmacheck.findings import Finding
    from stigmacheck.word.review import review_docx

    body = ('<w:p/><w:p><w:r><w:t>Alleen tekst.</w:t></w:r></w:p>'
            '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>')
    data = hand_docx(body)
    header = Finding("term.prostitutie", "term", "warning", 33, 44, "prostitutie", "bericht", ["sekswerk"])
    copy, counts = review_docx(data, "\nAlleen tekst.\nBeleid over prostitutie", [header], date=DATE)
    assert counts["comments"] == 1 and counts["summary"] == 1
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml"))
    second = root.find(W + "body").findall(W + "p")[1]
    assert [el.tag.split("}")[1] for el in second] == ["commentRangeStart", "r", "commentRangeEnd", "r"]
    assert anchored_texts(copy) == {second[0].get(W + "id"): "Alleen tekst."}
    empty = hand_docx('<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>'
                      '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>')
    header = Finding("term.prostitutie", "term", "warning", 13, 24, "prostitutie", "bericht", ["sekswerk"])
    copy, counts = review_docx(empty, "\nBeleid over prostitutie", [header], date=DATE)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml"))
    only = root.find(W + "body").find(W + "p")
    assert [el.tag.split("}")[1] for el in only] == ["pPr", "commentRangeStart", "commentRangeEnd", "r"]


def test_a_colleagues_insertion_is_checked_and_a_deletion_is_not(linter):
    """The reader checks existing insertions as text and leaves existing deletions out; fix and
    the review copy then edit inside the insertion."""
    body = ('<w:p><w:r><w:t xml:space="preserve">Wij helpen </w:t></w:r><w:ins w:id="5" w:author="Anna" '
            'w:date="2025-05-05T10:00:00Z"><w:r><w:t xml:space="preserve">alle prostituees </w:t></w:r></w:ins>'
            '<w:del w:id="6" w:author="Anna" w:date="2025-05-05T10:00:00Z"><w:r><w:delText>en hoerenlopers </w:delText>'
            '</w:r></w:del><w:r><w:t>graag.</w:t></w:r></w:p>'
            '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>')
    data = hand_docx(body)
    result, copy, counts = make_review(linter, data)
    assert result.document.source.splitlines()[0] == "Wij helpen alle prostituees graag."
    assert [f.text for f in result.findings if f.rule == "term.prostituee"] == ["prostituees"]
    assert not any(f.rule == "term.hoerenloper" for f in result.findings)
    fixed = linter.fix_bytes(data, "concept.docx")
    assert fixed.error is None and fixed.fixed is not None
    assert text_of(resolve(copy, accept=True)) == text_of(resolve(fixed.fixed, accept=True))
    assert text_of(resolve(copy, accept=True)).startswith("Wij helpen alle sekswerkers graag.")
    assert text_of(resolve(copy, accept=False)) == text_of(resolve(data, accept=False))
