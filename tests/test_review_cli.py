"""`stigmacheck review` on the command line: names, never the original, --force, exit codes, and
bad input that ends with a Dutch error, exit code 2 and nothing written."""

import io
import zipfile

import pytest
from click.testing import CliRunner
from test_review import docx_made_with_python_docx, hand_docx


def run(*args):
    from stigmacheck.cli import main

    result = CliRunner().invoke(main, ["review", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_default_copy_beside_the_original_which_stays_as_it_was(tmp_path):
    draft = tmp_path / "concept.docx"
    draft.write_bytes(docx_made_with_python_docx())
    before = draft.read_bytes()
    code, out = run(draft)
    copy = tmp_path / "concept.nagekeken.docx"
    assert code == 1 and copy.exists()
    assert draft.read_bytes() == before
    assert "opmerking(en)" in out and "bijgehouden wijziging(en)" in out
    assert "word/comments.xml" in zipfile.ZipFile(copy).namelist()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["concept.docx", "concept.nagekeken.docx"]  # no temp files


def test_existing_copy_needs_force_and_the_original_is_never_the_output(tmp_path):
    draft = tmp_path / "concept.docx"
    draft.write_bytes(hand_docx())
    out = tmp_path / "kopie.docx"
    out.write_bytes(b"van iemand anders")
    code, text = run(draft, "-o", out)
    assert code == 2 and "bestaat al" in text and "--force" in text
    assert out.read_bytes() == b"van iemand anders"
    code, _ = run(draft, "-o", out, "--force", "--fail-on", "never")
    assert code == 0 and zipfile.is_zipfile(out)
    before = draft.read_bytes()
    code, text = run(draft, "-o", draft, "--force")
    assert code == 2 and "origineel" in text and draft.read_bytes() == before


def test_a_clean_document_gives_exit_0(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Sekswerkers krijgen voorlichting over belasting.")
    draft = tmp_path / "schoon.docx"
    d.save(draft)
    code, out = run(draft)
    assert code == 0 and "0 opmerking(en)" in out
    assert (tmp_path / "schoon.nagekeken.docx").exists()


@pytest.mark.parametrize("name", ["tekst.md", "pagina.html", "brief.txt"])
def test_text_formats_are_pointed_to_check_and_fix(tmp_path, name):
    page = tmp_path / name
    page.write_text("De prostituees wachten.", encoding="utf-8")
    code, out = run(page)
    assert code == 2
    assert "stigmacheck check" in out and "stigmacheck fix" in out and "Word-bestand (.docx)" in out
    assert [p.name for p in tmp_path.iterdir()] == [name]


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(b"<w:document xmlns:w='x'><w:body><w:p><w:r><w:t>")
            block = b"a" * (1024 * 1024)
            for _ in range(260):
                handle.write(block)
    return out.getvalue()


ENTITIES = ('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "prostituees"><!ENTITY b "&a;&a;&a;&a;">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            '<w:p><w:r><w:t>De &b; wachten.</w:t></w:r></w:p></w:body></w:document>')

BAD = {
    "geen-zip": (lambda: b"Dit is gewoon tekst met prostituees.", "geen zip-archief"),
    "oud-doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), ".doc"),
    "beveiligd": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + bytes(2000),
                  "beveiligd"),  # OLE stores stream names in UTF-16
    "zip-bom": (_zip_bomb, "uitgepakt"),
    "entiteiten": (lambda: _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": ENTITIES}), "entiteit"),
    "geen-document": (lambda: _zip({"[Content_Types].xml": "<Types/>"}), "word/document.xml"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_gets_a_dutch_error_exit_2_and_nothing_is_written(tmp_path, case):
    make, words = BAD[case]
    draft = tmp_path / "concept.docx"
    draft.write_bytes(make())
    code, out = run(draft)
    assert code == 2
    assert out.startswith("stigmacheck: fout: ") and words in out and "Traceback" not in out
    assert [p.name for p in tmp_path.iterdir()] == ["concept.docx"]


def test_an_old_doc_name_is_refused_before_reading(tmp_path):
    draft = tmp_path / "oud.doc"
    draft.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    code, out = run(draft)
    assert code == 2 and "sla het in Word op als .docx" in out


def test_missing_file(tmp_path):
    code, out = run(tmp_path / "weg.docx")
    assert code == 2 and "bestand niet gevonden" in out


def test_output_in_a_missing_folder_is_a_dutch_error(tmp_path):
    draft = tmp_path / "concept.docx"
    draft.write_bytes(hand_docx())
    code, out = run(draft, "-o", tmp_path / "weg" / "kopie.docx")
    assert code == 2 and "kan de kopie niet schrijven: de map bestaat niet" in out
