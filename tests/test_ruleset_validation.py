"""Broken rule folders give errors that name file, line and field; never a traceback."""


import pytest

from conftest import proef_rule
from stigmacheck.ruleset.loader import RuleSetError, load_ruleset

GOOD = proef_rule("term.proef")


def load(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return load_ruleset([tmp_path])


def errors(tmp_path, files):
    with pytest.raises(RuleSetError) as exc:
        load(tmp_path, files)
    return [str(e) for e in exc.value.errors]


def test_good_extra_folder_loads(tmp_path):
    rs = load(tmp_path, {"proef.yaml": GOOD})
    assert "term.proef" in rs.by_id


def test_bad_yaml(tmp_path):
    (err,) = errors(tmp_path, {"proef.yaml": GOOD.replace("sources: [test]", "sources: [test")})
    assert "proef.yaml:7: ongeldige YAML" in err


def test_unknown_field_with_hint(tmp_path):
    errs = errors(tmp_path, {"proef.yaml": GOOD.replace("rationale:", "rationalle:")})
    assert any("proef.yaml:5: (rationalle) onbekend veld 'rationalle' Tip: bedoelde u 'rationale'?" in e for e in errs)


def test_wrong_type(tmp_path):
    errs = errors(tmp_path, {"proef.yaml": GOOD.replace("sources: [test]", "sources: test")})
    assert any("proef.yaml:6: (sources) verwacht lijst" in e for e in errs)


def test_missing_examples_fails(tmp_path):
    text = GOOD.split("examples:")[0]
    errs = errors(tmp_path, {"proef.yaml": text})
    assert any("verplicht veld 'examples' ontbreekt" in e for e in errs)


def test_duplicate_id(tmp_path):
    errs = errors(tmp_path, {"a.yaml": GOOD, "b.yaml": GOOD.replace("proefwoord", "anderwoord")})
    assert any("id 'term.proef' wordt al gebruikt" in e for e in errs)


def test_same_expression_in_two_rules(tmp_path):
    other = GOOD.replace("term.proef", "term.proef-twee")
    errs = errors(tmp_path, {"a.yaml": GOOD, "b.yaml": other})
    assert any("'proefwoord' staat ook in regel" in e and ":8:" in e for e in errs)


def test_shipped_rules_are_valid():
    rs = load_ruleset()
    assert len(rs.rules) >= 12
