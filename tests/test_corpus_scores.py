"""The annotated corpus in corpora/ keeps every category above its threshold, on the embedded
default pipeline and, with STIGMACHECK_MODEL set (CI: ../shared/models/nl_ud_sm), on a parser."""

import pytest

from conftest import ROOT, model_path

THRESHOLDS = {  # category: (precision, recall)
    "term": (0.97, 0.97),
    "conflation": (0.90, 0.90),
    "framing": (0.90, 0.0),
}


def scores():
    from stigmacheck.engine import Engine
    from stigmacheck.curation.evaluation import evaluate, format_report, load_corpus
    from stigmacheck.ruleset.loader import load_ruleset

    report = evaluate(load_corpus([ROOT / "corpora"]), Engine(load_ruleset()))
    return report, format_report(report)


def assert_thresholds(report, text):
    cats = report.by_category()
    assert report.passages >= 300
    for category, (p_min, r_min) in THRESHOLDS.items():
        s = cats[category]
        assert s.precision >= p_min and s.recall >= r_min, f"{category} below threshold:\n{text}"
    term = cats["term"]
    assert term.suggestion_accuracy is not None and term.suggestion_accuracy >= 0.90, text


def test_corpus_scores_embedded_default():
    from stigmacheck import nlp

    nlp.configure(None)
    if nlp.chosen() is not None:
        pytest.skip(f"a full model is installed ({nlp.chosen()}): the embedded default is not used")
    report, text = scores()
    print(text)
    assert_thresholds(report, text)


@pytest.mark.model
@pytest.mark.skipif(model_path() is None, reason="STIGMACHECK_MODEL is not set: no tagger/parser pipeline to test")
def test_corpus_scores_model_path():
    from stigmacheck import nlp

    nlp.configure(model_path())
    try:
        report, text = scores()
    finally:
        nlp.configure(None)
    print(text)
    assert_thresholds(report, text)
