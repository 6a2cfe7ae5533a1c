"""Hostile configuration and rule patterns (issue 15): each ends quickly with a Dutch error that
names file and line, never a traceback, a hang or gigabytes of memory."""

from __future__ import annotations

import pickle
import time

import pytest
from adversarial_helpers import TRIGGER, make_case, run_capped

# case -> words the error must hold (all exit 2)
CONFIG_CASES = {
    "yaml-alias-bomb": [".stigmacheck.yaml:1:", "meer dan 100.000 waarden"],
    "yaml-deep": [".stigmacheck.yaml:1:", "te diep genest"],
    "yaml-python-name": [".stigmacheck.yaml:1:", "YAML-tag '!!python/name:os.system' is niet toegestaan"],
    "toml-wrong-types": ["pyproject.toml:2: (select) verwacht lijst", "pyproject.toml:3: (fail_on) verwacht tekst",
                         "pyproject.toml:4: (severity) verwacht sleutels met tekstwaarden"],
    "toml-invalid": ["pyproject.toml:1: ongeldige TOML"],
}


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_hostile_config(tmp_path, case):
    args = make_case(case, tmp_path)
    r = run_capped(["check", *args], tmp_path, timeout=60)
    assert r.code == 2 and "Traceback" not in r.output, r.output[-2000:]
    for word in CONFIG_CASES[case]:
        assert word in r.output, (word, r.output)
    assert r.cpu < 10 and r.peak_mb < 1024, (r.cpu, r.peak_mb)


def test_catastrophic_rule_regex_runs_in_linear_time(tmp_path):
    args = make_case("regex-catastrophic", tmp_path)
    r = run_capped(["check", *args], tmp_path, timeout=60)
    assert r.code == 1 and "Traceback" not in r.output and "a.txt:1:" in r.output, r.output[-2000:]
    assert r.cpu < 10


def test_an_invalid_pyproject_of_another_tool_is_named_and_passed_over(tmp_path):
    (tmp_path / ".stigmacheck.yaml").write_text("fail_on: error\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = \n", encoding="utf-8")
    (sub / "a.txt").write_text(TRIGGER + "\n", encoding="utf-8")
    r = run_capped(["check", "a.txt"], sub, timeout=60)
    assert "waarschuwing:" in r.stderr and "pyproject.toml:2: ongeldige TOML" in r.stderr, r.output
    assert r.code == 0 and "a.txt:1:" in r.output  # the folder above's config (fail_on: error) applied


# ------------------------------------------------------------------------------------ in-process


def _load(tmp_path, name: str, text: str):
    from stigmacheck import config

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return config.load(path)


def test_limit_keys_are_read_and_checked(tmp_path):
    from stigmacheck.config import STARTER, ConfigError
    from stigmacheck.documents.limits import DEFAULT, Limits

    cfg = _load(tmp_path, ".stigmacheck.yaml", "max_file_mb: 5\nmax_zip_ratio: 50\n")
    assert cfg.limits() == Limits(max_file_mb=5, max_zip_ratio=50)
    assert _load(tmp_path, ".stigmacheck.yaml", "fail_on: error\n").limits() == DEFAULT
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, "pyproject.toml", "[tool.stigmacheck]\nmax_paragraph_chars = 5\nmax_unzipped_mb = true\n")
    assert "pyproject.toml:2: (max_paragraph_chars) 5 ligt niet tussen 1000 en 1000000" in str(err.value)
    assert "pyproject.toml:3: (max_unzipped_mb) verwacht geheel getal" in str(err.value)
    for key in ("max_file_mb", "max_paragraph_chars", "max_unzipped_mb", "max_zip_ratio"):
        assert f"# {key}: {getattr(DEFAULT, key)}" in STARTER


@pytest.mark.parametrize("text, words", [
    ("tool = 5\n", "'tool' moet een tabel zijn"),
    ("[[tool.stigmacheck]]\nselect = []\n", "verwacht sleutels met waarden"),
    ('[tool.stigmacheck]\nseverity = ["x"]\n', "(severity) verwacht sleutels met tekstwaarden"),
])
def test_odd_pyproject_shapes(tmp_path, text, words):
    from stigmacheck.config import ConfigError

    with pytest.raises(ConfigError, match=r"pyproject.toml:\d+: .*" + words.replace("(", r"\(").replace(")", r"\)")):
        _load(tmp_path, "pyproject.toml", text)


def test_deeply_nested_toml_is_an_error_not_a_recursion(tmp_path):
    from stigmacheck.config import ConfigError, discover

    deep = "[" * 5000 + "]" * 5000
    with pytest.raises(ConfigError, match="pyproject.toml:1: ongeldige TOML: te diep genest"):
        _load(tmp_path, "pyproject.toml", f"[tool.stigmacheck]\nselect = {deep}\n")
    (tmp_path / "pyproject.toml").write_text(f"[tool.black]\nx = {deep}\n", encoding="utf-8")
    warnings: list[str] = []
    discover(tmp_path, warn=warnings.append)
    assert warnings and "te diep genest" in warnings[0]


def test_discovery_refuses_a_broken_pyproject_that_is_ours(tmp_path):
    from stigmacheck.config import ConfigError, discover

    (tmp_path / "pyproject.toml").write_text("[tool.stigmacheck]\nselect = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="pyproject.toml:.*ongeldige TOML"):
        discover(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline = [\n", encoding="utf-8")
    warnings: list[str] = []
    discover(tmp_path, warn=warnings.append)
    assert len(warnings) == 1 and "pyproject.toml:" in warnings[0] and "overgeslagen" in warnings[0]


@pytest.mark.parametrize("text, words", [
    ("a: &a [1]\nselect: [term]\nb: [*a, *a]\n", "(a) onbekend veld 'a'"),  # a few aliases: read as usual
    ("select:\n  - ? [a]\n    : b\n", "een sleutel moet een enkele waarde zijn"),
    ("select: " + "[" * 150 + "]" * 150 + "\n", "te diep genest"),
])
def test_yaml_shapes(tmp_path, text, words):
    from stigmacheck.config import ConfigError

    with pytest.raises(ConfigError) as err:
        _load(tmp_path, ".stigmacheck.yaml", text)
    assert ".stigmacheck.yaml:" in str(err.value) and words in str(err.value)


def test_a_python_tag_on_a_list_constructs_nothing(tmp_path):
    cfg = _load(tmp_path, ".stigmacheck.yaml", "select: !!python/object/apply:os.system [term]\n")
    assert cfg.select == ["term"]


# ------------------------------------------------------------------------------------ rule regexes


def test_rule_regexes_run_on_re2():
    from stigmacheck.patterns import Concepts

    test = Concepts({}).test("re:(a+)+$")
    start = time.process_time()
    assert not test("a" * 5000 + "b") and test("aaaa")
    assert time.process_time() - start < 1
    jarig = Concepts({"jarig": ["re:(1[0-7]|[1-9])-jarige", "minderjarige"]}).test("@jarig")
    assert jarig("16-JARIGE") and jarig("minderjarige") and not jarig("18-jarige")
    again = pickle.loads(pickle.dumps(jarig))  # --jobs sends the engine to worker processes
    assert again("9-jarige") and not again("19-jarige")


@pytest.mark.parametrize("regex", [r"(a)\1", r"(?=a)a", r"(?<=x)y"])
def test_regexes_re2_cannot_run_are_pattern_errors(regex):
    from stigmacheck.patterns import Concepts, PatternError

    with pytest.raises(PatternError, match="RE2-syntaxis"):
        Concepts({}).test("re:" + regex)


def test_without_re2_nested_quantifiers_are_refused():
    from stigmacheck.patterns import PatternError, _compile_python

    with pytest.raises(PatternError, match="herhaalt een herhaling"):
        _compile_python("(a+)+$")
    assert _compile_python("(1[0-7]|[1-9])-jarige").fullmatch("12-jarige")


def test_rules_validate_reports_a_bad_regex_with_its_line(tmp_path):
    from adversarial_helpers import catastrophic_rule

    rules = tmp_path / "eigen" / "framing"
    rules.mkdir(parents=True)
    (rules / "proef.yaml").write_text(catastrophic_rule().replace("re:(a+)+$", r"re:(a)\\1"), encoding="utf-8")
    r = run_capped(["rules", "validate", "eigen"], tmp_path, timeout=60)
    assert r.code == 2 and "Traceback" not in r.output, r.output[-2000:]
    assert "proef.yaml:10: fout (patterns[0].pattern)" in r.output and "RE2-syntaxis" in r.output
