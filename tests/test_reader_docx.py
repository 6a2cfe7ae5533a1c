"""Word reader: paragraphs in body order (tables row by row), then headers and footers; the source
text is the paragraphs joined by newlines, so line N is paragraph N. Bad files give a Dutch error."""

import io
import json
import zipfile

import docx
import pytest
from click.testing import CliRunner

from stigmacheck.cli import main
from stigmacheck.documents import ReadError, load


def make_docx(path=None) -> bytes:
    d = docx.Document()
    d.add_heading("Beleid voor prostituees", level=1)
    p = d.add_paragraph("De gemeente praat met prostituées 😀 over ")
    p.add_run("hun werk").bold = True
    p.add_run().add_break()
    p.add_run("en over prostituees in de regio.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Wie"
    table.cell(0, 1).text = "Straatprostituees"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Samengevoegde cel met prostituees"
    d.add_paragraph("Lijst met prostituees", style="List Bullet")
    d.sections[0].header.paragraphs[0].text = "Koptekst over prostituees"
    d.sections[0].footer.paragraphs[0].text = "Voettekst"
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


EXPECTED_LINES = [
    "Beleid voor prostituees",
    "De gemeente praat met prostituées 😀 over hun werk en over prostituees in de regio.",
    "Wie",
    "Straatprostituees",
    "Samengevoegde cel met prostituees",
    "Lijst met prostituees",
]


def test_source_is_paragraphs_in_order_tables_then_headers():
    doc = load("brief.docx", make_docx())
    lines = doc.source.split("\n")
    assert lines[:6] == EXPECTED_LINES[:6]
    assert lines[-2:] == ["Koptekst over prostituees", "Voettekst"]
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["Beleid voor prostituees"] == "heading"
    assert kinds["Straatprostituees"] == "table"
    assert kinds["Lijst met prostituees"] == "list"
    for block in doc.blocks:
        (run,) = block.runs
        assert doc.source[run.src : run.src + run.src_len] == block.text


def test_cli_json_lines_are_paragraphs(tmp_path):
    path = tmp_path / "brief.docx"
    make_docx(path)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    findings = json.loads(result.output)["files"][0]["findings"]
    source = load("brief.docx", path.read_bytes()).source
    got = [(f["line"], f["column"], f["text"]) for f in findings if f["category"] == "term"]
    assert got == [
        (1, 13, "prostituees"),
        (2, 23, "prostituées"),
        (2, 59, "prostituees"),
        (4, 1, "Straatprostituees"),
        (5, 23, "prostituees"),
        (6, 11, "prostituees"),
        (len(source.split("\n")) - 1, 15, "prostituees"),
    ]
    for f in findings:
        assert source[f["offset"] : f["end_offset"]] == f["text"]


@pytest.mark.parametrize(
    "data, words",
    [
        (b"dit is gewoon tekst", "geen zip-archief"),
        (b"PK\x03\x04kapot", "beschadigd"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "oud Word-bestand (.doc)"),
    ],
)
def test_bad_files_raise_a_read_error_in_dutch(data, words):
    with pytest.raises(ReadError, match=r".") as info:
        load("kapot.docx", data)
    assert words in str(info.value)


def test_zip_without_word_document_and_broken_xml(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match="geen word/document.xml"):
        load("rekenblad.docx", buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<niet af")
    with pytest.raises(ReadError, match="kan het Word-bestand niet lezen"):
        load("half.docx", buf.getvalue())


def test_cli_reports_a_corrupt_docx_as_a_file_error_and_checks_the_rest(tmp_path):
    bad = tmp_path / "kapot.docx"
    bad.write_bytes(b"PK\x03\x04kapot")
    good = tmp_path / "goed.docx"
    make_docx(good)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(bad), str(good)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    files = {f["path"]: f for f in json.loads(result.output)["files"]}
    assert "beschadigd" in files[str(bad)]["error"] and files[str(bad)]["findings"] == []
    assert files[str(good)]["error"] is None and files[str(good)]["findings"]


def test_stdin_filename_picks_the_word_reader():
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--stdin-filename", "brief.docx", "-"], input=make_docx()
    )
    findings = json.loads(result.output)["files"][0]["findings"]
    assert (findings[0]["line"], findings[0]["column"], findings[0]["text"]) == (1, 13, "prostituees")
