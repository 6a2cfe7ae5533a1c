"""Hostile and odd input files (issue 15): each runs the CLI in a child process with a memory cap
(RLIMIT_AS 1.5 GB) and a time limit, and must end with a clear Dutch message or correct output,
the documented exit code, no traceback, under 10 s of CPU time and under 1 GB of memory.

The inputs are generated (tests/adversarial_helpers.py); `python tests/adversarial_helpers.py`
prints the same cases as a table with time and memory. Reader details are tested in-process below.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from adversarial_helpers import TRIGGER, Outcome, make_case, run_capped

CPU_LIMIT = 10.0
MEMORY_LIMIT_MB = 1024

# case -> (exit code, words the output must hold)
FILE_CASES = {
    "docx-bomb": (2, ["bom.docx", "word/document.xml", "1024,0 MB", "max_unzipped_mb"]),
    "docx-not-zip": (2, ["tekst.docx", "geen zip-archief"]),
    "docx-old-doc": (2, ["oud.docx", "oud Word-bestand (.doc)"]),
    "docx-encrypted": (2, ["geheim.docx", "beveiligd met een wachtwoord"]),
    "docx-doctype": (2, ["dtd.docx", "DOCTYPE"]),
    "docx-26k": (1, ["groot.docx:1:", "520 melding(en)"]),
    "utf16-le": (1, ["notepad.txt:2:23:", "prostituees", "UTF-16 (little-endian)"]),
    "utf16-be": (1, ["notepad.txt:2:23:", "prostituees", "UTF-16 (big-endian)"]),
    "md-deep-list": (1, ["lijst.md:12:", "prostituees"]),
    "md-deep-quote": (1, ["citaat.md:1:", "prostituees"]),
    "html-unclosed-comment": (0, []),
    "html-nested-100k": (1, ["diep.html:1:", "prostituees"]),
    "html-paragraph-100mb": (2, ["alinea.html", "max_file_mb"]),
    "html-triggers-1mb": (2, ["vol.html", "regel 1:", "max_paragraph_chars"]),
}


def _assert_clean(r: Outcome, code: int, words: list[str]) -> None:
    assert r.code is not None, f"killed after {r.seconds:.0f} s"
    assert "Traceback" not in r.output, r.output[-2000:]
    assert r.code == code, r.output[-2000:]
    for word in words:
        assert word in r.output, (word, r.output[-2000:])
    assert r.cpu < CPU_LIMIT, f"{r.cpu:.1f} s CPU"
    assert r.peak_mb < MEMORY_LIMIT_MB, f"{r.peak_mb:.0f} MB"


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_hostile_file(tmp_path, case):
    args = make_case(case, tmp_path)
    r = run_capped(["check", *args], tmp_path, timeout=60)
    _assert_clean(r, *FILE_CASES[case])


def test_many_sibling_tags_and_long_lines_take_linear_time(tmp_path):
    """A few hundred thousand tags in one file, in one line: linear (a quadratic step took minutes)."""
    from adversarial_helpers import sibling_tags_html, single_line_html

    (tmp_path / "breed.html").write_text(sibling_tags_html(200_000), encoding="utf-8")
    (tmp_path / "regel.html").write_text(single_line_html(3_000_000), encoding="utf-8")
    r = run_capped(["check", "breed.html", "regel.html"], tmp_path, timeout=60)
    _assert_clean(r, 1, ["breed.html:1:", "regel.html:1:"])


def test_a_big_paragraph_under_the_file_limit_is_refused_within_memory(tmp_path):
    """15 MB in one paragraph (under max_file_mb, over max_paragraph_chars): one per-file error, the
    other file is still checked."""
    from adversarial_helpers import one_paragraph

    (tmp_path / "groot.html").write_text(one_paragraph(15_000_000, TRIGGER + " "), encoding="utf-8")
    (tmp_path / "gewoon.txt").write_text(TRIGGER + "\n", encoding="utf-8")
    r = run_capped(["check", "groot.html", "gewoon.txt"], tmp_path, timeout=60)
    _assert_clean(r, 2, ["groot.html", "max_paragraph_chars", "gewoon.txt:1:"])


def test_many_short_paragraphs_up_to_the_file_limit_fit_in_memory(tmp_path):
    """Memory follows the number of blocks: 20 MB (max_file_mb) of one-line paragraphs is 1.3 million
    of them. Measured on 800,000 (13 MB) to keep the suite short, and scaled up to the limit."""
    (tmp_path / "kort.txt").write_text(TRIGGER + "\n\n" + "Een korte zin.\n\n" * 800_000, encoding="utf-8")
    r = run_capped(["check", "kort.txt"], tmp_path, timeout=120)
    assert r.code == 1 and "Traceback" not in r.output and "kort.txt:1:" in r.output, r.output[-2000:]
    assert r.peak_mb * 20 / 13 < MEMORY_LIMIT_MB, f"{r.peak_mb:.0f} MB for 13 MB"


def test_limits_come_from_the_config_file(tmp_path):
    (tmp_path / ".stigmacheck.yaml").write_text("max_file_mb: 1\nmax_paragraph_chars: 2000\n", encoding="utf-8")
    (tmp_path / "groot.txt").write_text("Het college vergadert.\n\n" * 70_000, encoding="utf-8")  # 1.7 MB
    (tmp_path / "lang.txt").write_text(TRIGGER * 50 + "\n", encoding="utf-8")  # one line of 2,450 characters
    r = run_capped(["check", "groot.txt", "lang.txt"], tmp_path, timeout=60)
    _assert_clean(r, 2, ["groot.txt", "de grens is 1 MB", "lang.txt", "regel 1:", "2.000 tekens"])


# ----------------------------------------------------------------------------------- in-process


def test_utf16_is_read_with_its_codec_and_bom():
    from stigmacheck.documents.decode import decode, decode_info

    for data, codec in ((("x\r\n" + TRIGGER).encode("utf-16"), "utf-16-le"),
                        (b"\xfe\xff" + TRIGGER.encode("utf-16-be"), "utf-16-be")):
        d = decode_info(data)
        assert d.codec == codec and d.bom + d.text.encode(d.codec) == data
        assert "UTF-16" in d.note and decode(data) == (d.text, d.note)
    plain = decode_info("café".encode())
    assert (plain.codec, plain.bom, plain.note) == ("utf-8", b"", None)


@pytest.mark.parametrize("data, words", [
    (b"\xff\xfe\x00", "geen geldige UTF-16 na de BOM (byte 2)"),  # odd length
    (b"\xff\xfe\x00\x00a\x00", "binair bestand"),  # U+0000
])
def test_broken_utf16_is_a_clear_error(data, words):
    from stigmacheck.documents.decode import DecodeError, decode_info

    with pytest.raises(DecodeError, match=words.replace("(", r"\(").replace(")", r"\)")):
        decode_info(data)


def _html_blocks(source: str) -> list[str]:
    from stigmacheck.documents.html import read_html

    return [b.text for b in read_html("x.html", source).blocks]


@pytest.mark.parametrize("source, expected", [
    ('<p><a href="/n">Prostitutie</a><span class="badge">Nieuw</span></p>', "Prostitutie Nieuw"),
    ("<p>De <b>prosti</b>tutie in <i>Amster</i><em>dam</em></p>", "De prostitutie in Amsterdam"),
    ("<p><span>prosti</span>tutie</p>", "prostitutie"),  # a bare span is formatting
    ("<p><b>Prostitutie</b><i>Nieuw</i></p>", "Prostitutie Nieuw"),  # lower case then upper case
    ('<p>Sekswerk<sup><a href="#v1">1</a></sup> is werk.</p>', "Sekswerk 1 is werk."),
    ("<p><a>Sekswerk</a> en <a>werk</a>.</p>", "Sekswerk en werk."),  # no double spaces
])
def test_tags_between_words(source, expected):
    assert _html_blocks(source) == [expected]


def test_a_finding_across_a_badge_shows_no_markup(tmp_path):
    from stigmacheck.documents import load
    from stigmacheck.engine import Engine
    from stigmacheck.ruleset.loader import load_ruleset

    source = '<ul><li><a href="/nieuws">Prostitutie</a><span class="badge">Nieuw</span></li></ul>'
    doc = load("x.html", source.encode())
    findings = Engine(load_ruleset()).check_document(doc)
    assert [(f.text, source[f.start:f.end]) for f in findings] == [("Prostitutie", "Prostitutie")]
    assert "Nieuw" not in findings[0].message and "Sekswerk" in findings[0].suggestions[0]


def test_markup_left_open_at_the_end_is_not_text():
    assert _html_blocks("<p>Gewoon.</p><!-- oud: <p>" + TRIGGER + "</p>\n") == ["Gewoon."]
    assert _html_blocks('<p>Gewoon.</p><img alt="prostituees') == ["Gewoon."]
    assert _html_blocks("<p>Gewoon.</p><!-- dicht --><p>Open</p>") == ["Gewoon.", "Open"]


def test_lone_lt_and_amp_are_text_read_in_one_piece():
    import time

    from stigmacheck.documents.html import read_html

    start = time.process_time()
    blocks = read_html("x.html", "<p>" + "a < b && c <3 " * 100_000 + "</p>").blocks
    assert time.process_time() - start < 3  # one event per character took 4 s a megabyte
    assert len(blocks) == 1 and blocks[0].text.startswith("a < b && c <3 a < b")


def test_a_bad_character_reference_does_not_turn_tags_into_text():
    blocks = _html_blocks("<p>A &#x; en &#; B</p><p>Meer <b>tekst</b></p>" + "<p>&#q;</p>" * 3)
    assert blocks[:2] == ["A &#x; en &#; B", "Meer tekst"] and "<" not in "".join(blocks)


def test_markdown_deeper_than_markdown_it_follows_is_still_checked():
    from adversarial_helpers import deep_markdown_list, deep_markdown_quote

    from stigmacheck.documents.markdown import read_markdown

    for source in (deep_markdown_list(12), deep_markdown_quote(25)):
        doc = read_markdown("x.md", source)
        assert any(TRIGGER in b.text for b in doc.blocks) and not doc.notes
    for source in (deep_markdown_list(70), deep_markdown_quote(150)):
        doc = read_markdown("x.md", source)
        deepest = [b for b in doc.blocks if TRIGGER in b.text]
        assert deepest and doc.notes and "als gewone tekst gecontroleerd" in doc.notes[0]
        at = deepest[0].text.index(TRIGGER)
        assert source[deepest[0].to_source(at):].startswith(TRIGGER)
    doc = read_markdown("x.md", "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n" + TRIGGER + "\n")
    assert [b.text for b in doc.blocks] == [TRIGGER] and "te diep genest" in doc.notes[0]
    # what markdown-it leaves out on purpose stays out: a link reference definition, also over lines
    doc = read_markdown("x.md", '[ref]:\n  https://example.nl\n  "Over prostituees"\n\nTekst [ref].\n')
    assert [b.text for b in doc.blocks] == ["Tekst ref."] and not doc.notes


def test_a_long_block_is_checked_in_pieces_at_line_breaks():
    from stigmacheck.documents import ReadError, load
    from stigmacheck.documents.limits import Limits

    text = ("Een zin over het werk.\n" * 200 + TRIGGER + "\n") * 5  # one paragraph, 24,000 characters
    doc = load("x.txt", text.encode(), limits=Limits(max_paragraph_chars=5000))
    assert all(len(b.text) <= 5000 for b in doc.blocks) and len(doc.blocks) == 5
    assert "".join(b.text for b in doc.blocks) == text
    assert any("in 5 stukken gecontroleerd" in n for n in doc.notes)
    for b in doc.blocks:  # positions still point at the same characters
        assert text[b.to_source(0):b.to_source_end(len(b.text))] == b.text
    with pytest.raises(ReadError, match="max_paragraph_chars"):
        load("x.txt", ("woord " * 2000).encode(), limits=Limits(max_paragraph_chars=5000))


# ----------------------------------------------------------------------------------- Word


def test_docx_text_is_exactly_what_the_word_writer_finds():
    """fix mode and the review copy find each of the reader's lines in the Word XML (word/runs.py
    refuses to edit when they differ, so the reader must give exactly those texts)."""
    from adversarial_helpers import docx_bytes

    from stigmacheck.documents.docx import read_docx
    from stigmacheck.word.package import Package
    from stigmacheck.word.runs import Layout

    body = (
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Kop</w:t></w:r></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">Een </w:t><w:tab/><w:t>tab</w:t><w:br/><w:t>regel</w:t>'
        '<w:br w:type="page"/><w:noBreakHyphen/><w:cr/></w:r>'
        '<w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink><w:r><w:t/></w:r></w:p>'
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cel</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        '<w:sdt><w:sdtContent><w:p><w:pPr><w:numPr/></w:pPr><w:r><w:t>punt</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        '<w:p><w:pPr><w:pStyle w:val="BestaatNiet"/></w:pPr><w:r><w:t>gewoon</w:t></w:r></w:p>'
    )
    data = docx_bytes(body_xml=body)
    doc = read_docx("x.docx", data)
    layout = Layout(Package(data), doc.source)
    assert "\n".join(p.text for p in layout.paras) == doc.source
    assert [(b.text, b.kind) for b in doc.blocks] == [
        ("Kop", "heading"), ("Een \ttab regel- link", "prose"), ("cel", "table"), ("punt", "list"), ("gewoon", "prose")]


def test_docx_members_are_held_to_the_limits():
    from adversarial_helpers import docx_bytes

    from stigmacheck.documents import ReadError
    from stigmacheck.documents.docx import read_docx
    from stigmacheck.documents.limits import Limits

    big = docx_bytes([("Gewone tekst.", None)], replace={"word/media/leeg.bin": b"\0" * (3 << 20)})
    with pytest.raises(ReadError, match=r"word/media/leeg.bin wordt bij uitpakken .* keer zo groot"):
        read_docx("x.docx", big)
    with pytest.raises(ReadError, match="max_unzipped_mb"):
        read_docx("x.docx", big, Limits(max_unzipped_mb=2, max_zip_ratio=100_000))
    assert read_docx("x.docx", big, Limits(max_zip_ratio=100_000)).blocks[0].text == "Gewone tekst."
    with zipfile.ZipFile(io.BytesIO(big)) as z:
        assert "word/media/leeg.bin" in z.namelist()
    many = docx_bytes([(f"Alinea {i} over het beleid.", None) for i in range(20_000)])  # 1.2 MB of XML
    with pytest.raises(ReadError, match=r"word/document.xml is uitgepakt 1,\d MB groot; XML .* max_file_mb"):
        read_docx("x.docx", many, Limits(max_file_mb=1))


def test_ooxml_guard_for_writers():
    from adversarial_helpers import docx_bytes, zip_bomb_docx

    from stigmacheck.documents.limits import DEFAULT
    from stigmacheck.documents.ooxml import PackageError, open_package, read_member

    with open_package(docx_bytes([("Tekst.", None)]), DEFAULT) as archive:
        assert read_member(archive, "word/document.xml").startswith(b"<?xml")
        with pytest.raises(PackageError, match="mist het onderdeel"):
            read_member(archive, "word/weg.xml")
    with pytest.raises(PackageError, match="zip-bom"):
        open_package(zip_bomb_docx(64 << 20), DEFAULT)


def test_fix_writes_utf16_back_as_utf16(tmp_path):
    """Reading UTF-16 must not let fix mode write another encoding into the file."""
    from click.testing import CliRunner

    from stigmacheck.cli import main

    text = "Eerste regel.\r\nDe gemeente sprak met prostituees over hun werk.\r\n"
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(bom + text.encode(codec))
        result = CliRunner().invoke(main, ["fix", str(path)])
        assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
        data = path.read_bytes()
        assert data.startswith(bom) and data[2:].decode(codec) == text.replace("prostituees", "sekswerkers")
