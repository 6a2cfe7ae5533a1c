"""Fix mode: only the matched characters change, safely, atomically, once."""

import json
import os
import stat

import pytest
from click.testing import CliRunner

from stigmacheck import fixing as fixmod
from stigmacheck.fixing import plan
from stigmacheck.cli import main
from stigmacheck.documents.text import read_text
from stigmacheck.findings import Edit, Finding, Fix, apply_edits


def run(args, input=None):
    result = CliRunner().invoke(main, args, input=input)
    return result.exit_code, result.output


def fix(path, *args):
    return run(["fix", *args, str(path)])


# ------------------------------------------------------------------------------------------ text


def test_only_the_matched_characters_change_crlf_and_bom_kept(tmp_path):
    page = tmp_path / "brief.txt"
    before = "\ufeffTitel\r\n\r\nProstituees en  straatprostituees\t krijgen hulp.\r\nRegel   twee.\r\n"
    page.write_bytes(before.encode("utf-8"))
    code, out = fix(page)
    after = page.read_bytes()
    expected = "\ufeffTitel\r\n\r\nSekswerkers en  straatsekswerkers\t krijgen hulp.\r\nRegel   twee.\r\n"
    assert after == expected.encode("utf-8")
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\r\n") == 4 and b"\n" not in after.replace(b"\r\n", b"")
    assert code == 0, out
    assert "aangepast [term.prostituee] 'Prostituees' -> 'Sekswerkers'" in out


def test_cp1252_file_stays_cp1252_and_other_bytes_are_untouched(tmp_path):
    page = tmp_path / "oud.txt"
    before = "De prostituée zat in het café – met €5 op zak.\n".encode("cp1252")
    page.write_bytes(before)
    fix(page)
    assert page.read_bytes() == "De sekswerker zat in het café – met €5 op zak.\n".encode("cp1252")


@pytest.mark.parametrize(
    "before, after",
    [
        ("PROSTITUEES KRIJGEN INSPRAAK", "SEKSWERKERS KRIJGEN INSPRAAK"),
        ("Prostituees krijgen inspraak.", "Sekswerkers krijgen inspraak."),
        ("Raamprostituees krijgen inspraak.", "Raamsekswerkers krijgen inspraak."),
        ("Een ex-prostituee vertelt.", "Een oud-sekswerker vertelt."),
    ],
)
def test_case_and_compounds_are_kept(tmp_path, before, after):
    page = tmp_path / "p.txt"
    page.write_text(before, encoding="utf-8")
    fix(page)
    assert page.read_text(encoding="utf-8") == after


@pytest.mark.parametrize(
    "before, after",
    [
        ("Zij bestrijden de prostitutie.", "Zij bestrijden het sekswerk."),
        ("Het hoertje lacht.", "De sekswerker lacht."),
        ("Deze hoerenkast sluit.", "Dit seksbedrijf sluit."),
        ("De prostituees werken.", "De sekswerkers werken."),  # plural: the article stays
    ],
)
def test_article_changes_with_the_word(tmp_path, before, after):
    page = tmp_path / "p.txt"
    page.write_text(before, encoding="utf-8")
    fix(page)
    assert page.read_text(encoding="utf-8") == after


def test_unsafe_findings_are_left_and_reported_with_a_reason(tmp_path):
    page = tmp_path / "p.txt"
    text = ('De pooier en de vrouw van lichte zeden.\n\n'
            'Hij zei: "De prostituees wachten." Daarna kwamen de prostituees.\n')
    page.write_text(text, encoding="utf-8")
    code, out = fix(page)
    after = page.read_text(encoding="utf-8")
    assert after == text.replace("kwamen de prostituees", "kwamen de sekswerkers")
    assert code == 1  # pooier and lichte zeden remain, at warning and error
    assert "niet aangepast [term.pooier] 'pooier': geen vaste vervanging" in out
    assert "niet aangepast [term.lichte-zeden] 'vrouw van lichte zeden': de regel laat" in out
    assert "niet aangepast [term.prostituee] 'prostituees': staat in een citaat" in out


def _finding(rule, start, end, text, suggestion, *more):
    """A span finding whose raw fix replaces its text (and `more` edits) as the engine would."""
    edits = (Edit(start, end, text, suggestion), *more) if suggestion else ()
    return Finding(rule, "term", "warning", start, end, text, "m", [suggestion] if suggestion else [],
                   fix=Fix(tuple(sorted(edits, key=lambda e: e.start))) if suggestion else None)


def test_overlapping_findings_are_left():
    doc = read_text("t.txt", "De prostituees wachten.")
    a = _finding("r.a", 3, 14, "prostituees", "sekswerkers")
    b = _finding("r.b", 0, 14, "De prostituees", "De sekswerkers")
    c = _finding("r.c", 15, 22, "wachten", "werken")
    plan.settle(doc, [b, a, c])
    assert [f.rule for f in (a, b, c) if f.fixable] == ["r.c"]
    assert (a.fix.reason, b.fix.reason) == (plan.OVERLAP, plan.OVERLAP)


def test_companion_edit_overlapping_another_finding_blocks_the_fix():
    doc = read_text("t.txt", "de prostitutie")
    word = _finding("r.w", 3, 14, "prostitutie", "sekswerk", Edit(0, 2, "de", "het"))
    other = _finding("r.o", 0, 2, "de", "")
    plan.settle(doc, [other, word])
    assert not word.fixable and word.fix.reason == plan.OVERLAP


def test_whitespace_inside_the_match_is_kept():
    text = "De vrouwen \t van  lichte zeden."
    doc = read_text("t.txt", text)
    end = text.index(".")
    f = _finding("r", 3, end, text[3:end], "mensen die hier werken")
    plan.settle(doc, [f])
    assert f.fix.apply(doc.source) == "De mensen \t die  hier werken."


def test_second_run_changes_nothing(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Het hoertje en de prostituees. De pooier.\r\n", encoding="utf-8")
    fix(page)
    once = page.read_bytes()
    inode = os.stat(page).st_ino
    code, out = fix(page)
    assert page.read_bytes() == once
    assert os.stat(page).st_ino == inode  # not even rewritten
    assert "aangepast [" not in out.replace("niet aangepast [", "")
    assert code == 1  # the pooier is still there


def test_write_is_atomic_keeps_permissions_and_leaves_no_temporary_files(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("De prostituees.", encoding="utf-8")
    os.chmod(page, 0o640)
    inode = os.stat(page).st_ino
    fix(page)
    assert page.read_text(encoding="utf-8") == "De sekswerkers."
    assert stat.S_IMODE(os.stat(page).st_mode) == 0o640
    assert os.stat(page).st_ino != inode  # replaced as a whole (os.replace), not written in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.txt"]


def test_write_goes_through_a_symlink(tmp_path):
    real = tmp_path / "echt.txt"
    real.write_text("De prostituees.", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    fix(link)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "De sekswerkers."


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path, engine):
    page = tmp_path / "p.txt"
    page.write_text("De prostituees.", encoding="utf-8")
    result = fixmod.fix_file(engine, str(page))
    assert result.changed
    page.write_text("De prostituees. Een nieuwe zin van een collega.", encoding="utf-8")
    fixmod.write(result)
    assert result.error == fixmod.CHANGED and not result.written
    assert page.read_text(encoding="utf-8") == "De prostituees. Een nieuwe zin van een collega."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.txt"]


def test_changed_file_is_reported_with_exit_2(tmp_path, monkeypatch):
    page = tmp_path / "p.txt"
    page.write_text("De prostituees.", encoding="utf-8")
    real_write = fixmod.write

    def meanwhile(result):
        page.write_text("Iemand anders schreef dit.", encoding="utf-8")
        real_write(result)

    monkeypatch.setattr(fixmod, "write", meanwhile)
    code, out = fix(page)
    assert code == 2 and "gewijzigd sinds het werd gelezen" in out
    assert page.read_text(encoding="utf-8") == "Iemand anders schreef dit."


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Titel\n\nDe prostituees wachten.\n", encoding="utf-8")
    before = page.read_bytes()
    code, out = _in(tmp_path, ["fix", "--diff", "p.txt"])
    assert page.read_bytes() == before
    assert "--- a/p.txt\n+++ b/p.txt\n" in out
    assert "-De prostituees wachten.\n+De sekswerkers wachten.\n" in out
    assert code == 1  # nothing was written, so the finding is still in the file


def test_check_diff_and_dry_run_write_nothing(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("De prostituees wachten.\n", encoding="utf-8")
    before = page.read_bytes()
    code, out = run(["check", "--diff", str(page)])
    assert "+De sekswerkers wachten." in out and page.read_bytes() == before
    code, out = run(["check", "--dry-run", str(page)])
    assert "zou aanpassen [term.prostituee] 'prostituees' -> 'sekswerkers'" in out and page.read_bytes() == before


def test_check_fix_fixes_and_then_reports_what_is_left(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("De prostituees en de pooier.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--fix", "--format", "json", str(page)])
    assert page.read_text(encoding="utf-8") == "De sekswerkers en de pooier.\n"
    data = json.loads(result.stdout)  # the fix report went to stderr
    assert "aangepast [term.prostituee]" in result.stderr
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["term.pooier"]
    assert result.exit_code == 1


def test_dry_run_lists_and_writes_nothing(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("De prostituees wachten.\n", encoding="utf-8")
    before = page.read_bytes()
    code, out = fix(page, "--dry-run")
    assert page.read_bytes() == before
    assert "zou aanpassen [term.prostituee] 'prostituees' -> 'sekswerkers'" in out
    assert code == 1


def test_exit_codes(tmp_path):
    clean_after = tmp_path / "a.txt"
    clean_after.write_text("De prostituees.", encoding="utf-8")
    assert fix(clean_after)[0] == 0
    assert fix(clean_after)[0] == 0
    left = tmp_path / "b.txt"
    left.write_text("De pooier.", encoding="utf-8")
    assert fix(left)[0] == 1
    assert fix(left, "--fail-on", "error")[0] == 0
    code, out = fix(tmp_path / "bestaat-niet.txt")
    assert code == 2 and "bestand niet gevonden" in out


def test_help_documents_exit_codes():
    code, out = run(["fix", "--help"])
    assert code == 0 and "Exitcode" in out and "--diff" in out and "--dry-run" in out


def _in(folder, args):
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return run(args)
    finally:
        os.chdir(cwd)


# -------------------------------------------------------------------------------- markdown, html


def test_markdown_markup_is_kept_and_code_is_left(tmp_path):
    page = tmp_path / "p.md"
    text = ("# Prostituees in de stad\r\n\r\nDe **prostituees** wachten. Zie [de prostitutie](https://x.nl/prostitutie).\r\n\r\n"
            "`prostituees` in code en *prostituees*.\r\n\r\n    code: prostituees\r\n")
    page.write_bytes(text.encode("utf-8"))
    code, out = fix(page)
    expected = ("# Sekswerkers in de stad\r\n\r\nDe **sekswerkers** wachten. Zie [het sekswerk](https://x.nl/prostitutie).\r\n\r\n"
                "`prostituees` in code en *sekswerkers*.\r\n\r\n    code: prostituees\r\n")
    assert page.read_bytes() == expected.encode("utf-8")
    assert code == 0, out


def test_markdown_match_through_emphasis_is_left(tmp_path):
    page = tmp_path / "p.md"
    text = "Zij bestrijden prosti*tutie* hier.\n"
    page.write_text(text, encoding="utf-8")
    code, out = fix(page)
    assert page.read_text(encoding="utf-8") == text
    if "[term.prostitutie]" in out:  # the reader sees the word through the emphasis
        assert "'prosti*tutie': de treffer loopt door opmaak heen" in out


def test_html_entities_attributes_and_markup(tmp_path):
    page = tmp_path / "p.html"
    text = ('<!DOCTYPE html>\r\n<html lang="nl"><head><title>Prostituees</title></head><body>\r\n'
            '<p class="prostituees">De prostitu&eacute;es wachten &amp; de <b>prostituees</b> ook. '
            'Straat<i>prostituees</i>. Prosti<b>tutie</b>.</p>\r\n'
            '<img alt="Een prostituee" src="prostituee.jpg">\r\n</body></html>\r\n')
    page.write_bytes(text.encode("utf-8"))
    code, out = fix(page)
    expected = ('<!DOCTYPE html>\r\n<html lang="nl"><head><title>Sekswerkers</title></head><body>\r\n'
                '<p class="prostituees">De sekswerkers wachten &amp; de <b>sekswerkers</b> ook. '
                'Straat<i>sekswerkers</i>. Prosti<b>tutie</b>.</p>\r\n'
                '<img alt="Een sekswerker" src="prostituee.jpg">\r\n</body></html>\r\n')
    assert page.read_bytes() == expected.encode("utf-8")
    assert "'Prosti<b>tutie': de treffer loopt door opmaak heen" in out


def test_html_replacement_is_escaped():
    from stigmacheck.documents import load

    source = "<p>De prostituees wachten.</p>"
    doc = load("p.html", source.encode("utf-8"), "html")
    f = _finding("r", 6, 17, "prostituees", "vrouwen & mannen")
    plan.settle(doc, [f])
    assert f.fix.apply(source) == "<p>De vrouwen &amp; mannen wachten.</p>"


# ---------------------------------------------------------------------------------------- docx


def _docx(path):
    import docx

    d = docx.Document()
    p = d.add_paragraph("De ")
    p.add_run("prostituees").bold = True
    p.add_run(" wachten op de bus.")
    p = d.add_paragraph()
    p.add_run("Straat").italic = True
    p.add_run("prostituees krijgen hulp.")
    p = d.add_paragraph()
    p.add_run("Zij bestrijden de prosti")
    p.add_run("tutie in de stad.")
    d.add_paragraph("Het hoertje en de pooier.")
    d.add_paragraph("Een alinea zonder meldingen.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Prostituees"
    table.cell(0, 1).text = "Zij bestrijden de prostitutie."
    d.save(path)


def _paragraph_xml(path):
    import io
    import zipfile

    from lxml import etree

    xml = zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("word/document.xml")
    root = etree.fromstring(xml)
    return [etree.tostring(p) for p in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")]


def test_docx_replaces_inside_one_run_and_nothing_else(tmp_path):
    import docx

    page = tmp_path / "brief.docx"
    _docx(page)
    before_xml = _paragraph_xml(page)
    code, out = fix(page)
    texts = [p.text for p in docx.Document(str(page)).paragraphs]
    assert texts == [
        "De sekswerkers wachten op de bus.",
        "Straatsekswerkers krijgen hulp.",
        "Zij bestrijden het sekswerk in de stad.",  # spans two runs: edited as one
        "De sekswerker en de pooier.",
        "Een alinea zonder meldingen.",
    ]
    cells = [c.text for c in docx.Document(str(page)).tables[0].rows[0].cells]
    assert cells == ["Sekswerkers", "Zij bestrijden het sekswerk."]
    first = docx.Document(str(page)).paragraphs[0]
    assert [(r.text, r.bold) for r in first.runs] == [("De ", None), ("sekswerkers", True), (" wachten op de bus.", None)]
    after_xml = _paragraph_xml(page)
    assert len(after_xml) == len(before_xml)
    same = [a == b for a, b in zip(before_xml, after_xml)]
    assert same == [False, False, False, False, True, False, False]  # untouched paragraphs are identical
    assert "niet aangepast [term.pooier]" in out
    assert code == 1


def test_docx_second_run_changes_nothing(tmp_path):
    page = tmp_path / "brief.docx"
    _docx(page)
    fix(page)
    once = page.read_bytes()
    fix(page)
    assert page.read_bytes() == once


def test_docx_diff_shows_paragraphs_and_writes_nothing(tmp_path):
    page = tmp_path / "brief.docx"
    _docx(page)
    before = page.read_bytes()
    code, out = fix(page, "--diff")
    assert page.read_bytes() == before
    assert "\n-De prostituees wachten op de bus.\n" in out and "\n+De sekswerkers wachten op de bus.\n" in out


def test_suppressed_findings_are_left_alone(tmp_path):
    page = tmp_path / "p.txt"
    text = "# stigmacheck-disable-next-line term.prostituee\nDe prostituees wachten.\nDe prostituees wachten.\n"
    page.write_text(text, encoding="utf-8")
    fix(page)
    assert page.read_text(encoding="utf-8") == text[: text.rindex("prostituees")] + "sekswerkers wachten.\n"


def test_diff_applies_with_git_apply(tmp_path):
    import shutil
    import subprocess

    if not shutil.which("git"):
        pytest.skip("git ontbreekt")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    page = tmp_path / "p.txt"
    page.write_bytes("Titel\r\n\r\nDe prostituees wachten.\r\nHet hoertje.".encode("utf-8"))
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["fix", "--diff", "p.txt"])
    finally:
        os.chdir(cwd)
    (tmp_path / "d.patch").write_bytes(result.stdout_bytes)  # .stdout would turn CRLF into LF
    subprocess.run(["git", "apply", "d.patch"], cwd=tmp_path, check=True)
    assert page.read_bytes() == "Titel\r\n\r\nDe sekswerkers wachten.\r\nDe sekswerker.".encode("utf-8")


def test_standard_input_is_refused_with_a_clear_message():
    code, out = run(["fix", "-"], input="De prostituees.")
    assert code == 2 and "fix werkt op bestanden, niet op standaardinvoer" in out
