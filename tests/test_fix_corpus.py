"""The fix corpus (corpora/fixes.yaml): no safe fix whose result an editor would not sign, and
most fixable sentences fixed (issue 11, item 8)."""

from pathlib import Path

import pytest

from stigmacheck.curation.evaluation import CorpusError, evaluate_fixes, fix_summary, load_corpus, load_fix_corpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def outcomes(engine):
    return evaluate_fixes(load_fix_corpus([ROOT / "corpora"]), engine)


def test_no_bad_fixes(outcomes):
    bad = [(o.case.id, o.result) for o in outcomes if o.kind == "bad"]
    assert bad == []


def test_most_fixable_sentences_are_fixed(outcomes):
    summary = fix_summary(outcomes)
    assert summary["sentences"] >= 60
    assert summary["fix_rate"] >= 0.9


def test_fix_corpus_is_not_read_as_passages():
    assert all(not p.id.startswith("fx-") for p in load_corpus([ROOT / "corpora"]))


def test_an_entry_needs_accept_or_unchanged(tmp_path):
    (tmp_path / "f.yaml").write_text("fixes:\n  - id: x-1\n    text: Een zin.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="accept"):
        load_fix_corpus([tmp_path])


def test_kinds(engine, tmp_path):
    (tmp_path / "f.yaml").write_text(
        "fixes:\n"
        "  - id: a\n    text: De prostituees wachten.\n    accept: [De sekswerkers wachten.]\n"
        "  - id: b\n    text: De prostituees wachten.\n    accept: [De vrouwen wachten.]\n"
        "  - id: c\n    text: De prostituees wachten.\n    unchanged: true\n"
        "  - id: d\n    text: Het regent.\n    unchanged: true\n",
        encoding="utf-8",
    )
    kinds = [o.kind for o in evaluate_fixes(load_fix_corpus([tmp_path]), engine)]
    assert kinds == ["fixed", "bad", "bad", "kept"]


def test_eval_command_reports_bad_fixes(tmp_path):
    from click.testing import CliRunner

    from stigmacheck.cli import main

    (tmp_path / "f.yaml").write_text(
        "fixes:\n  - id: b\n    text: De prostituees wachten.\n    accept: [De vrouwen wachten.]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert "slechte fixes 1" in result.output and "De sekswerkers wachten." in result.output


@pytest.mark.model
@pytest.mark.skipif(__import__("conftest").model_path() is None, reason="STIGMACHECK_MODEL is not set: no parser")
def test_no_bad_fixes_with_a_parser():
    """With a parser the determiner a fix changes must be the one the parse attaches to the term."""
    from conftest import model_path

    from stigmacheck import nlp
    from stigmacheck.engine import Engine
    from stigmacheck.ruleset.loader import load_ruleset

    nlp.configure(model_path())
    try:
        outcomes = evaluate_fixes(load_fix_corpus([ROOT / "corpora"]), Engine(load_ruleset()))
    finally:
        nlp.configure(None)
    assert [o.case.id for o in outcomes if o.kind == "bad"] == []
    assert fix_summary(outcomes)["fix_rate"] >= 0.9
