"""The code path with a tagger and parser (nl_core_news_sm for users; ../shared/models/nl_ud_sm in CI)."""

import pytest

from conftest import model_path

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(model_path() is None, reason="STIGMACHECK_MODEL is not set: no tagger/parser pipeline to test"),
]


@pytest.fixture(scope="module")
def model_nlp():
    from stigmacheck import nlp

    nlp.configure(model_path())
    nlp.require(nlp.ALL_NEEDS)  # the whole pipeline, whatever the checks of earlier tests needed
    yield nlp.get_nlp()
    nlp.configure(None)


def test_model_loads_with_ud_labels(model_nlp):
    doc = model_nlp("De sekswerkers werken veilig. Zij hebben rechten.")
    assert "parser" in model_nlp.pipe_names
    assert {t.pos_ for t in doc} & {"NOUN", "VERB"}
    assert {t.dep_ for t in doc} & {"nsubj", "obj", "ROOT"}
    assert len(list(doc.sents)) == 2


def test_checks_load_only_what_they_need(check):
    from stigmacheck import nlp

    nlp.configure(model_path())
    check("Prostitutie en mensenhandel worden samen genoemd. Dat is een probleem.")
    loaded = nlp.get_nlp().pipe_names
    assert "parser" in loaded  # conflation uses the parse
    assert "morphologizer" not in loaded and "trainable_lemmatizer" not in loaded  # no check needs them


def test_terms_are_found_the_same_with_the_model(model_nlp, check):
    findings = check("Straatprostituees en hoerenlopers. Zij prostitueert zich.")
    assert [(f.text, f.suggestions[0]) for f in findings] == [
        ("Straatprostituees", "Straatsekswerkers"),
        ("hoerenlopers", "klanten"),
        ("prostitueert zich", "werkt als sekswerker"),
    ]
