"""Configuration: discovery upward, nearest wins, pyproject table, errors naming file and key, init."""

import json
import re
from pathlib import Path

import pytest

from stigmacheck import config

from conftest import run_cli_in

PAGE = "De prostituees wachten.\n\nHet bordeel sluit.\n"


run_in = run_cli_in


def rules_of(out):
    return [f["rule"] for entry in json.loads(out)["files"] for f in entry["findings"]]


@pytest.fixture
def tree(tmp_path):
    """tmp/.stigmacheck.yaml (ignore bordeel), tmp/a/b/ holds a page; tmp/a/ may get its own config."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "p.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".stigmacheck.yaml").write_text("ignore: [term.bordeel]\nfail_on: suggestion\n", encoding="utf-8")
    return tmp_path


def test_discovery_walks_upward_from_the_checked_file(tree):
    page = tree / "a" / "b" / "p.txt"
    assert config.discover(page) == tree / ".stigmacheck.yaml"
    assert config.discover(tree / "a") == tree / ".stigmacheck.yaml"
    code, out = run_in(tree / "a" / "b", ["check", "--format", "json", "--fail-on", "suggestion", "p.txt"])
    assert rules_of(out) == ["term.prostituee"]


def test_nearest_config_wins(tree):
    (tree / "a" / ".stigmacheck.yaml").write_text("select: [term.bordeel]\n", encoding="utf-8")
    assert config.discover(tree / "a" / "b" / "p.txt") == tree / "a" / ".stigmacheck.yaml"
    code, out = run_in(tree, ["check", "--format", "json", "a/b/p.txt"])
    # the nearer file replaces the outer one completely (no merging): bordeel selected, not ignored
    assert rules_of(out) == ["term.bordeel"]
    assert code == 0  # fail_on from the outer file does not apply; bordeel is a suggestion


def test_explicit_config_overrides_discovery(tree):
    other = tree / "ander.yaml"
    other.write_text("select: [term.bordeel]\nfail_on: suggestion\n", encoding="utf-8")
    code, out = run_in(tree, ["check", "--format", "json", "--config", str(other), "a/b/p.txt"])
    assert (code, rules_of(out)) == (1, ["term.bordeel"])


def test_pyproject_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "1"\n\n[tool.stigmacheck]\nignore = ["term.prostituee"]\n'
        'fail_on = "suggestion"\n[tool.stigmacheck.severity]\n"term.bordeel" = "error"\n',
        encoding="utf-8",
    )
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    cfg = config.load(tmp_path / "pyproject.toml")
    assert cfg.ignore == ["term.prostituee"] and cfg.severity == {"term.bordeel": "error"}
    code, out = run_in(tmp_path, ["check", "--format", "json", "p.txt"])
    data = json.loads(out)
    assert code == 1 and [(f["rule"], f["severity"]) for f in data["files"][0]["findings"]] == [("term.bordeel", "error")]


def test_pyproject_without_table_is_passed_over(tmp_path):
    (tmp_path / ".stigmacheck.yaml").write_text("ignore: [term.prostituee]\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert config.discover(tmp_path / "sub") == tmp_path / ".stigmacheck.yaml"


def test_yaml_beats_pyproject_in_the_same_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.stigmacheck]\nfail_on = "never"\n', encoding="utf-8")
    (tmp_path / ".stigmacheck.yaml").write_text("fail_on: error\n", encoding="utf-8")
    assert config.discover(tmp_path).name == ".stigmacheck.yaml"


@pytest.mark.parametrize("text,expected", [
    ("selct: [term]\n", ".stigmacheck.yaml:1: (selct) onbekend veld 'selct' Tip: bedoelde u 'select'?"),
    ("fail_on: warning\nignore: term.bordeel\n", ".stigmacheck.yaml:2: (ignore) verwacht lijst"),
    ("only_approved: ja graag\n", ".stigmacheck.yaml:1: (only_approved) verwacht true of false"),
    ("quotes: luid\n", ".stigmacheck.yaml:1: (quotes) ongeldige waarde 'luid'"),
    ("severity:\n  term.bordeel: rood\n", ".stigmacheck.yaml:2: (severity.term.bordeel) ongeldige ernst 'rood'"),
    ("select: [term\n", ".stigmacheck.yaml:2: ongeldige YAML"),
    ("- term\n", ".stigmacheck.yaml:1: verwacht sleutels met waarden"),
])
def test_yaml_errors_name_file_line_and_key_and_exit_2(tmp_path, text, expected):
    (tmp_path / ".stigmacheck.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    code, out = run_in(tmp_path, ["check", "p.txt"])
    assert code == 2
    assert expected in out, out
    assert "Traceback" not in out


def test_pyproject_errors_name_the_line_inside_the_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "1"\n\n[tool.stigmacheck]\nfail_on = "warning"\nversion = 3\n'
        'select = "term"\n\n[tool.other]\nselect = 1\n\n[tool.stigmacheck.severity]\n"term.bordeel" = "rood"\n',
        encoding="utf-8",
    )
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    code, out = run_in(tmp_path, ["check", "p.txt"])
    assert code == 2
    assert "pyproject.toml:7: (version) onbekend veld 'version'" in out
    assert "pyproject.toml:8: (select) verwacht lijst" in out
    assert "pyproject.toml:14: (severity.term.bordeel) ongeldige ernst 'rood'" in out


def test_bad_toml_and_missing_explicit_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.stigmacheck]\nfail_on = \n', encoding="utf-8")
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    code, out = run_in(tmp_path, ["check", "--config", "pyproject.toml", "p.txt"])
    assert code == 2 and "pyproject.toml:2: ongeldige TOML: Invalid value" in out
    code, out = run_in(tmp_path, ["check", "--config", "weg.yaml", "p.txt"])
    assert code == 2 and "weg.yaml" in out and "kan het configuratiebestand niet lezen" in out


@pytest.mark.parametrize("command", ["check", "fix"])
def test_unknown_rule_names_in_config_are_errors(tmp_path, command):
    (tmp_path / ".stigmacheck.yaml").write_text("ignore: [term.bestaat-niet]\n", encoding="utf-8")
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    code, out = run_in(tmp_path, [command, "p.txt"])
    assert code == 2 and "term.bestaat-niet" in out
    (tmp_path / ".stigmacheck.yaml").write_text("severity:\n  term.bestaat-niet: info\n", encoding="utf-8")
    code, out = run_in(tmp_path, [command, "p.txt"])
    assert code == 2 and ".stigmacheck.yaml" in out and "term.bestaat-niet" in out
    assert (tmp_path / "p.txt").read_text(encoding="utf-8") == PAGE  # fix wrote nothing


def test_extra_rule_folders_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".stigmacheck.yaml").write_text("rules: [eigen-regels]\n", encoding="utf-8")
    (tmp_path / "sub" / "p.txt").write_text(PAGE, encoding="utf-8")
    code, out = run_in(tmp_path / "sub", ["check", "p.txt"])
    assert code == 2 and "eigen-regels" in out and "regelmap bestaat niet" in out


def test_exclude_patterns_are_relative_to_the_config_folder(tmp_path):
    (tmp_path / "docs" / "archief").mkdir(parents=True)
    (tmp_path / "docs" / "archief" / "oud.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "docs" / "nieuw.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".stigmacheck.yaml").write_text('exclude: ["docs/archief/*"]\n', encoding="utf-8")
    for cwd, arg in ((tmp_path, "docs"), (tmp_path / "docs", ".")):
        code, out = run_in(cwd, ["check", "--format", "json", arg])
        paths = [Path(f["path"]).name for f in json.loads(out)["files"]]
        assert paths == ["nieuw.txt"], (cwd, paths)


def test_init_writes_a_starter_that_loads_and_refuses_to_overwrite(tmp_path):
    code, out = run_in(tmp_path, ["init"])
    assert code == 0
    target = tmp_path / ".stigmacheck.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.count("#") > 10  # commented
    cfg = config.load(target)
    assert cfg.fail_on == "warning" and cfg.quotes == "info"
    # uncommenting every example must still give a valid file
    key_line = re.compile(r"# ( *(?!stigmacheck)[a-z_.]+:(?: .*)?)$")
    uncommented = "\n".join(
        key_line.match(line).group(1) if key_line.match(line) else line for line in text.splitlines()
    )
    assert uncommented.count("\n#") < text.count("\n#") - 5
    example = tmp_path / "voorbeeld.yaml"
    example.write_text(uncommented, encoding="utf-8")
    try:
        config.load(example)
    except config.ConfigError as exc:
        pytest.fail(f"uncommented starter does not load: {exc}")
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    assert run_in(tmp_path, ["check", "p.txt"])[0] == 1  # and the CLI accepts it

    target.write_text("fail_on: never\n", encoding="utf-8")
    code, out = run_in(tmp_path, ["init"])
    assert code == 2 and "bestaat al" in out and "--force" in out
    assert target.read_text(encoding="utf-8") == "fail_on: never\n"
    code, out = run_in(tmp_path, ["init", "--force"])
    assert code == 0 and target.read_text(encoding="utf-8") == text


def test_config_help_says_discovery_is_per_file():
    code, out = run_in(Path.cwd(), ["check", "--help"])
    assert "per bestand gezocht" in " ".join(out.split())


def test_nearest_config_wins_per_file_in_any_order(tmp_path):
    """Two folders, one with a config that ignores the term rules: `check a b` == `check b a`."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".stigmacheck.yaml").write_text("ignore: [term]\n", encoding="utf-8")
    for folder in ("a", "b"):
        (tmp_path / folder / "p.txt").write_text(PAGE, encoding="utf-8")

    def counts(args):
        code, out = run_in(tmp_path, ["check", "--format", "json", *args])
        return {f["path"]: len(f["findings"]) for f in json.loads(out)["files"]}

    forward, backward = counts(["a/p.txt", "b/p.txt"]), counts(["b/p.txt", "a/p.txt"])
    assert forward == backward
    assert forward["a/p.txt"] > 0 and all(
        not f["rule"].startswith("term.")
        for f in json.loads(run_in(tmp_path, ["check", "--format", "json", "b/p.txt"])[1])["files"][0]["findings"])
    assert forward["a/p.txt"] > forward["b/p.txt"]
