"""--format github: workflow commands for annotations, with GitHub's escaping."""

from stigmacheck.report.github import command, escape_data, escape_property

from conftest import run_cli_in


def run_in(cwd, args):
    code, output = run_cli_in(cwd, ["check", "--format", "github", *args])
    return code, output.splitlines()


def test_escaping_of_data_and_properties():
    assert escape_data("100% zeker\r\nnieuwe regel") == "100%25 zeker%0D%0Anieuwe regel"
    assert escape_data("a:b,c") == "a:b,c"  # ':' and ',' only matter in properties
    assert escape_property("map:1,2%\n") == "map%3A1%2C2%25%0A"
    # % is escaped first, so an existing "%0A" in the text survives literally
    assert escape_data("%0A") == "%250A"
    assert command("notice", "x:y", file="a,b.md", line=1) == "::notice file=a%2Cb.md,line=1::x:y"


def test_findings_as_annotations(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a,b.txt").write_text(
        "De prostituée wacht.\n\nDe hoeren wachten.\n\nHet bordeel sluit.\n", encoding="utf-8")
    code, lines = run_in(tmp_path, ["docs"])
    assert code == 1
    assert lines[0].startswith(
        "::warning file=docs/a%2Cb.txt,line=1,col=4,endLine=1,endColumn=14,title=stigmacheck term.prostituee::")
    assert lines[1].startswith("::error file=docs/a%2Cb.txt,line=3,col=4,endLine=3,endColumn=10,title=stigmacheck term.hoer::")
    assert lines[2].startswith("::notice ") and "title=stigmacheck term.bordeel" in lines[2]  # suggestion -> notice
    assert len(lines) == 3
    assert all("\n" not in line and "\r" not in line for line in lines)


def test_multiline_suggestion_text_is_escaped_and_errors_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("De prostituees.\n", encoding="utf-8")
    code, lines = run_in(tmp_path, ["a.txt", "weg.txt"])
    assert code == 2
    assert lines[-1] == "::error file=weg.txt,title=stigmacheck%3A bestand niet gecontroleerd::bestand niet gevonden"


def test_clean_input_prints_nothing(tmp_path):
    (tmp_path / "a.txt").write_text("Over zwembaden.\n", encoding="utf-8")
    assert run_in(tmp_path, ["a.txt"]) == (0, [])


def test_unused_suppression_is_a_notice(tmp_path):
    (tmp_path / "a.txt").write_text("Over zwembaden.\n// stigmacheck-disable-next-line term\nNiets.\n", encoding="utf-8")
    code, lines = run_in(tmp_path, ["--report-unused-suppressions", "a.txt"])
    assert code == 0
    assert lines == [f"::notice file=a.txt,line=2,col=1,title=stigmacheck stigmacheck.unused-suppression::{lines[0].split('::', 2)[2]}"]
    assert "stigmacheck-disable-next-line term" in lines[0]
