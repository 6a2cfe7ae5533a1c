"""Every rule's examples run as tests: flag examples must be found with the expected
suggestion, pass examples (near misses) must stay silent."""

import pytest

from stigmacheck.curation.examples import run_examples
from stigmacheck.ruleset.loader import load_ruleset

RULESET = load_ruleset()
RESULTS = run_examples(RULESET)


def test_every_rule_has_both_kinds_of_example():
    for rule in RULESET.rules:
        assert rule.flag_examples, rule.id
        assert rule.pass_examples, rule.id


@pytest.mark.parametrize("result", RESULTS, ids=lambda r: f"{r.rule.id}:{r.kind}:{r.example.line}")
def test_example(result):
    assert result.ok, str(result)
