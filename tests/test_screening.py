"""The per-block screen must never hide a word that is split by invisible characters."""

import pytest

from stigmacheck.api import Linter


@pytest.fixture(scope="module")
def linter():
    return Linter.create()


@pytest.mark.parametrize("name, text, rule, span", [
    ("p.html", "<p>Meldingen over prosti&shy;tutie en mensen&shy;handel via het formulier.</p>",
     "conflation.nevenschikking", "prosti&shy;tutie en mensen&shy;handel"),
    ("p.txt", "De prosti\u00adtuees wachten op het spreekuur.", "term.prostituee", "prosti\u00adtuees"),
])
def test_soft_hyphens_do_not_hide_a_term(linter, name, text, rule, span):
    result = linter.check_text(text, name=name)
    assert [(f.rule, f.text) for f in result.findings] == [(rule, span)]
