import pytest

from stigmacheck.dutch import diminutive, fold, noun_forms, plural, transfer_case, verb_forms


@pytest.mark.parametrize(
    "sg, pl",
    [("prostituee", "prostituees"), ("hoer", "hoeren"), ("slet", "sletten"), ("bordeel", "bordelen"),
     ("sekswerker", "sekswerkers"), ("seksbedrijf", "seksbedrijven"), ("klant", "klanten"),
     ("tippelbaan", "tippelbanen"), ("tippelzone", "tippelzones"), ("exploitant", "exploitanten")],
)
def test_plural(sg, pl):
    assert plural(sg) == pl


@pytest.mark.parametrize("sg, dim", [("hoer", "hoertje"), ("snol", "snolletje"), ("prostituee", "prostitueetje"),
                                      ("kamer", "kamertje"), ("klant", "klantje")])
def test_diminutive(sg, dim):
    assert diminutive(sg) == dim


def test_noun_forms_have_all_tags():
    assert set(noun_forms("sekswerker")) == {"sg", "pl", "dim", "dimpl"}


def test_weak_verb_forms():
    forms = verb_forms("prostitueren", "prostitueer")
    assert forms["sg3"] == "prostitueert"
    assert forms["past"] == "prostitueerde"
    assert forms["pastpl"] == "prostitueerden"
    assert forms["part"] == "geprostitueerd"
    assert verb_forms("werken", "werk")["past"] == "werkte"  # 't kofschip


def test_fold_keeps_length_and_strips_accents():
    assert fold("Prostituée") == "prostituee"
    assert len(fold("CAFÉ")) == 4


@pytest.mark.parametrize("source, repl, out", [("PROSTITUTIE", "sekswerk", "SEKSWERK"),
                                                ("Straatprostituees", "straatsekswerkers", "Straatsekswerkers"),
                                                ("prostituees", "sekswerkers", "sekswerkers")])
def test_transfer_case(source, repl, out):
    assert transfer_case(source, repl) == out
