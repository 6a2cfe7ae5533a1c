"""Suppression comments: next line, ranges, named enable, categories, aliases, reasons, unused ones."""

import json
import textwrap

import pytest
from click.testing import CliRunner

from conftest import proef_rule
from stigmacheck.cli import main


def run(args):
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def findings(tmp_path, name, text, *args):
    page = tmp_path / name
    page.write_text(textwrap.dedent(text), encoding="utf-8")
    code, out = run(["check", "--format", "json", *args, str(page)])
    assert code in (0, 1), out
    entry = json.loads(out)["files"][0]
    return [(f["rule"], f["line"]) for f in entry["findings"]], entry


def test_next_line_html_comment_silences_only_the_next_line(tmp_path):
    got, entry = findings(tmp_path, "p.txt", """\
        <!-- stigmacheck-disable-next-line term.prostituee -- letterlijk citaat uit een vonnis -->
        De prostituees wachten.

        De prostituees wachten weer.
        """)
    assert got == [("term.prostituee", 4)]
    (s,) = entry["suppressed"]
    assert s["rule"] == "term.prostituee" and s["line"] == 2 and s["suppressed_by_line"] == 1
    assert s["reason"] == "letterlijk citaat uit een vonnis"


def test_hash_and_slash_line_comments(tmp_path):
    got, _ = findings(tmp_path, "p.txt", """\
        # stigmacheck-disable-next-line term.prostituee
        De prostituees wachten.

        // stigmacheck-disable-next-line
        De hoeren wachten.

        De hoeren wachten weer.
        """)
    assert got == [("term.hoer", 7)]


def test_next_line_names_another_rule_so_the_finding_stays(tmp_path):
    got, entry = findings(tmp_path, "p.txt", """\
        # stigmacheck-disable-next-line term.bordeel
        De prostituees wachten.
        """)
    assert got == [("term.prostituee", 2)]
    assert "suppressed" not in entry


def test_range_by_category_and_named_enable(tmp_path):
    got, _ = findings(tmp_path, "p.txt", """\
        De prostituees wachten.

        <!-- stigmacheck-disable term -->
        De prostituees en de hoeren wachten.

        <!-- stigmacheck-enable term.hoer -->
        De prostituees en de hoeren wachten.

        <!-- stigmacheck-enable -->
        De prostituees en de hoeren wachten.
        """)
    assert got == [
        ("term.prostituee", 1),
        ("term.hoer", 7),
        ("term.prostituee", 10), ("term.hoer", 10),
    ]


def test_disable_without_enable_runs_to_the_end_and_disable_line(tmp_path):
    got, _ = findings(tmp_path, "p.txt", """\
        De hoeren wachten. <!-- stigmacheck-disable-line term.hoer -->

        De hoeren wachten.

        # stigmacheck-disable term.hoer, term.prostituee -- archieftekst
        De hoeren en de prostituees wachten.

        Nog meer hoeren.
        """)
    assert got == [("term.hoer", 3)]


def test_alias_of_a_renamed_rule_still_suppresses(tmp_path):
    rules = tmp_path / "regels"
    rules.mkdir()
    (rules / "proef.yaml").write_text(proef_rule(extra="aliases: [term.oud-proefwoord]\n"), encoding="utf-8")
    (tmp_path / ".stigmacheck.yaml").write_text("rules: [regels]\n", encoding="utf-8")
    got, entry = findings(tmp_path, "p.txt", """\
        # stigmacheck-disable-next-line term.oud-proefwoord
        Een proefwoord.

        Nog een proefwoord.
        """)
    assert got == [("term.proefwoord", 4)]
    assert entry["suppressed"][0]["rule"] == "term.proefwoord"


def test_unknown_rule_is_a_note_and_does_not_silence_everything(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("# stigmacheck-disable-next-line term.bestaat-niet\nDe prostituees wachten.\n", encoding="utf-8")
    code, out = run(["check", str(page)])
    assert code == 1
    assert f"{page}: let op: regel 1: onbekende regel of categorie 'term.bestaat-niet'" in out
    assert "[term.prostituee]" in out


def test_misspelt_directive_is_a_note(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("# stigmacheck-disable-nextline\nDe prostituees wachten.\n", encoding="utf-8")
    code, out = run(["check", str(page)])
    assert code == 1 and "onbekende opdracht 'stigmacheck-disable-nextline'" in out


def test_words_inside_a_directive_are_never_reported(tmp_path):
    got, _ = findings(tmp_path, "p.txt", """\
        # stigmacheck-disable-next-line term.hoer -- de hoeren uit het oude reglement
        Het reglement over hoeren.
        """)
    assert got == []


def test_unused_suppressions_are_reported_only_on_request_and_do_not_fail(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text(
        "# stigmacheck-disable-next-line term.prostituee\nDe gemeente opent een zwembad.\n\n"
        "# stigmacheck-disable-next-line term.hoer\nDe hoeren wachten.\n",
        encoding="utf-8",
    )
    assert run(["check", str(page)]) == (0, "")
    code, out = run(["check", "--report-unused-suppressions", str(page)])
    assert code == 0
    assert out.startswith(f"{page}:1:1: info [stigmacheck.unused-suppression] ")
    assert "stigmacheck-disable-next-line term.prostituee" in out and ":4:1:" not in out
    code, out = run(["check", "--report-unused-suppressions", "--format", "json", str(page)])
    (unused,) = json.loads(out)["files"][0]["unused_suppressions"]
    assert (unused["line"], unused["rule"]) == (1, "stigmacheck.unused-suppression")


def test_unused_in_a_file_without_any_candidate_text(tmp_path):
    # The prefilter skips the file entirely; the stale suppression is still found.
    page = tmp_path / "p.txt"
    page.write_text("Over zwembaden.\n<!-- stigmacheck-disable -->\nNiets hier.\n", encoding="utf-8")
    code, out = run(["check", "--report-unused-suppressions", str(page)])
    assert code == 0 and f"{page}:2:1: info [stigmacheck.unused-suppression]" in out


def test_suppression_of_an_unselected_rule_is_not_called_unused(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("# stigmacheck-disable-next-line term.hoer\nDe hoeren wachten.\n", encoding="utf-8")
    code, out = run(["check", "--report-unused-suppressions", "--ignore", "term.hoer", str(page)])
    assert (code, out) == (0, "")


@pytest.mark.parametrize("name,text", [
    ("p.md", "# Titel\n\n<!-- stigmacheck-disable-next-line term -->\nDe prostituees wachten.\n\nDe hoeren wachten.\n"),
    ("p.html", "<p>Tekst.</p>\n<!-- stigmacheck-disable-next-line term -->\n<p>De prostituees wachten.</p>\n"
               "<p>De hoeren wachten.</p>\n"),
])
def test_markup_formats(tmp_path, name, text):
    pytest.importorskip(f"stigmacheck.documents.{'markdown' if name.endswith('.md') else 'html'}",
                        reason="reader not available in this tree")
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    code, out = run(["check", "--format", "json", str(page)])
    data = json.loads(out)["files"][0]
    assert [f["rule"] for f in data["findings"]] == ["term.hoer"]
    assert [s["rule"] for s in data["suppressed"]] == ["term.prostituee"]


def test_docx_paragraph_directives(tmp_path):
    pytest.importorskip("stigmacheck.documents.docx", reason="docx reader not available in this tree")
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("# stigmacheck-disable-next-line term.prostituee -- citaat")
    document.add_paragraph("De prostituees wachten.")
    document.add_paragraph("De prostituees wachten weer.")
    path = tmp_path / "brief.docx"
    document.save(path)
    code, out = run(["check", "--format", "json", str(path)])
    data = json.loads(out)["files"][0]
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [("term.prostituee", 3)]
    assert data["suppressed"][0]["reason"] == "citaat"


def test_parse_unit():
    from stigmacheck.suppress import parse

    class Rules:
        def resolve(self, name):
            return None

    sup = parse("a\n<!-- stigmacheck-disable term, framing -- omdat -->\nb\n<!-- stigmacheck-enable -->\n", Rules())
    (d,) = sup.directives
    assert (d.kind, d.line, d.column, d.names, d.targets, d.reason) == (
        "disable", 2, 1, ["term", "framing"], {"term", "framing"}, "omdat")
    (r,) = sup.ranges
    assert r.start == d.end and r.end == len("a\n<!-- stigmacheck-disable term, framing -- omdat -->\nb\n")
