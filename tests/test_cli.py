"""End to end through the console entry point: exit codes, the JSON contract, errors per file."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from stigmacheck.cli import main

from conftest import ROOT


def run(args, input=None):
    result = CliRunner().invoke(main, args, input=input)
    return result.exit_code, result.output


def test_sample_from_readme_reports_findings_and_exits_1():
    code, out = run(["check", str(ROOT / "docs/voorbeeld/persbericht.txt")])
    assert code == 1
    assert "[term.prostituee]" in out and "'straatsekswerkers'" in out


def test_clean_text_exits_0_and_prints_nothing(tmp_path):
    clean = tmp_path / "schoon.txt"
    clean.write_text("De gemeente opent een nieuw zwembad.\n", encoding="utf-8")
    code, out = run(["check", str(clean)])
    assert (code, out) == (0, "")


def test_json_contract(tmp_path):
    page = tmp_path / "p.txt"
    source = "Titel\r\n\r\nDe prostituée krijgt hulp. Ook café-eigenaren.\n"
    page.write_bytes(source.encode("utf-8"))
    code, out = run(["check", "--format", "json", str(page)])
    data = json.loads(out)
    assert code == 1
    assert data["version"] == 1 and data["tool"]["name"] == "stigmacheck"
    assert data["summary"] == {"files": 1, "findings": 1, "errors": 0}
    (f,) = data["files"][0]["findings"]
    assert source[f["offset"]:f["end_offset"]] == f["text"] == "prostituée"
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 4, 3, 14)
    assert f["scope"] == "span" and f["category"] == "term" and f["suggestions"] == ["sekswerker"]
    assert set(f) >= {"rule", "severity", "message", "fixable"}


def test_json_is_written_exactly_as_json_dumps_would_indent_it(tmp_path):
    import io

    from stigmacheck.report.json import render, to_dict

    (tmp_path / "schoon.md").write_text("De raad vergadert.\n", encoding="utf-8")
    (tmp_path / "café \"x\".txt").write_text("Hulp voor prostituees.\n", encoding="utf-8")
    (tmp_path / "cp.txt").write_bytes("Caf\xe9 en prostituees.\n".encode("cp1252"))
    (tmp_path / "kapot.html").write_bytes(b"\xff\xfe\x00\x00")
    (tmp_path / "stil.md").write_text("<!-- stigmacheck-disable-next-line -->\nprostituees\n", encoding="utf-8")
    code, out = run(["check", "--format", "json", str(tmp_path)])
    data = json.loads(out)
    assert len(data["files"]) == 5 and data["summary"]["errors"] == 1
    assert out == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    empty = io.StringIO()
    render([], None, empty)
    assert empty.getvalue() == json.dumps(to_dict([]), ensure_ascii=False, indent=2) + "\n"


def test_fail_on_threshold(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Het bordeel sluit.", encoding="utf-8")  # severity: suggestion
    assert run(["check", str(page)])[0] == 0
    assert run(["check", "--fail-on", "suggestion", str(page)])[0] == 1
    assert run(["check", "--fail-on", "never", "--format", "json", str(page)])[0] == 0


def test_select_and_ignore_by_id_and_category(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("De prostituees en de hoerenlopers.", encoding="utf-8")
    ids = lambda args: [f["rule"] for f in json.loads(run(["check", "--format", "json", *args, str(page)])[1])["files"][0]["findings"]]  # noqa: E731
    assert ids([]) == ["term.prostituee", "term.hoerenloper"]
    assert ids(["--select", "term.hoerenloper"]) == ["term.hoerenloper"]
    assert ids(["--ignore", "term"]) == []
    code, out = run(["check", "--select", "term.bestaatniet", str(page)])
    assert code == 2 and "onbekende regel" in out


def test_stdin(tmp_path):
    code, out = run(["check", "--format", "json", "-"], input="Prostituees!\n")
    data = json.loads(out)
    assert code == 1 and data["files"][0]["path"] == "-"
    assert data["files"][0]["findings"][0]["suggestions"] == ["Sekswerkers"]


def test_unreadable_and_undecodable_files_do_not_stop_the_others(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("De prostituee.", encoding="utf-8")
    cp1252 = tmp_path / "b.txt"
    cp1252.write_bytes("De prostituée in het café.".encode("cp1252"))
    missing = tmp_path / "c.txt"
    code, out = run(["check", "--format", "json", str(good), str(cp1252), str(missing)])
    data = json.loads(out)
    assert code == 2
    a, b, c = data["files"]
    assert a["findings"] and a["error"] is None
    assert b["findings"][0]["text"] == "prostituée" and "cp1252" in b["notes"][0]
    assert c["error"] == "bestand niet gevonden" and c["findings"] == []
    assert data["summary"]["errors"] == 1


def test_directory_is_walked_by_extension(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("prostituees", encoding="utf-8")
    (tmp_path / "y.py").write_text("prostituees = 1", encoding="utf-8")
    data = json.loads(run(["check", "--format", "json", str(tmp_path)])[1])
    assert [f["path"].endswith("x.txt") for f in data["files"]] == [True]


def test_bad_rule_folder_is_a_clear_error(tmp_path):
    cfg = tmp_path / ".stigmacheck.yaml"
    rules = tmp_path / "regels"
    rules.mkdir()
    (rules / "kapot.yaml").write_text("id: term.kapot\ncategory: term\nseverity: heel erg\n", encoding="utf-8")
    cfg.write_text("rules: [regels]\n", encoding="utf-8")
    page = tmp_path / "p.txt"
    page.write_text("tekst", encoding="utf-8")
    code, out = run(["check", "--config", str(cfg), str(page)])
    assert code == 2
    assert "kapot.yaml:3: (severity) ongeldige waarde 'heel erg'" in out
    assert "Traceback" not in out


def test_unknown_config_key_names_file_and_key(tmp_path):
    cfg = tmp_path / ".stigmacheck.yaml"
    cfg.write_text("fail_on: warning\nselekt: [term]\n", encoding="utf-8")
    code, out = run(["check", "--config", str(cfg), str(cfg)])
    assert code == 2 and ".stigmacheck.yaml:2: (selekt) onbekend veld 'selekt'" in out and "select" in out


def test_version_names_the_pipeline():
    code, out = run(["--version"])
    assert code == 0 and "0.1.0" in out and "taalmodel:" in out


def test_python_dash_m_works():
    proc = subprocess.run([sys.executable, "-m", "stigmacheck", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and "stigmacheck" in proc.stdout


def test_clean_file_does_not_import_spacy(tmp_path):
    clean = tmp_path / "schoon.txt"
    clean.write_text("Het college besluit over de begroting.\n", encoding="utf-8")
    code = (
        "import sys; from stigmacheck.cli import main\n"
        f"try: main(['check', {str(clean)!r}])\n"
        "except SystemExit as e: assert e.code == 0, e.code\n"
        "assert 'spacy' not in sys.modules, 'spaCy was imported for a clean file'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
