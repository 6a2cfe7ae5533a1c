"""A safe fix keeps the meaning; compounds read well (issue 11, items 3, 6 and 7)."""

import pytest

from stigmacheck.curation.evaluation import fixed_text


def findings(check, text):
    return [f for f in check(text) if f.severity != "info"]


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("Het gaat om het prostitutiewerk in de stad.", "Het gaat om het sekswerk in de stad."),
        ("Er zijn tachtig prostitutiewerkplekken.", "Er zijn tachtig werkplekken voor sekswerkers."),
        ("We spraken de prostitutieklanten aan.", "We spraken de klanten van sekswerkers aan."),
        ("We spraken over de tippelprostitutie.", "We spraken over het straatsekswerk."),
        ("Er is veel prostitutieoverlast.", "Er is veel overlast rond sekswerk."),
        ("Er zijn prostitutie-bedrijven.", "Er zijn seksbedrijven."),
        ("Het prostitutiebedrijfje sloot.", "Het seksbedrijfje sloot."),
        ("Het prostitutie-beleid wordt herzien.", "Het sekswerkbeleid wordt herzien."),
        ("Zij verkoopt haar lichaam al jaren.", "Zij werkt al jaren als sekswerker."),
        ("De politie heeft een loverboy aangehouden.", "De politie heeft een verdachte van mensenhandel aangehouden."),
    ],
)
def test_fix_reads_well(engine, text, fixed):
    assert fixed_text(engine, "t.txt", text) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Er kwam een prostitutietaks.",  # 'sekswerktaks': no editor is known to write it
        "Een illegale prostituee werd uitgezet.",  # residence or licence: two readings
        "Het meisje werd de prostitutie in gelokt.",
        "Er werden zes prostituees door een pooier uitgebuit.",
        "Zij verkocht haar lichaam aan mannen die ze niet kende.",
    ],
)
def test_no_fix_that_changes_the_meaning(engine, text):
    assert fixed_text(engine, "t.txt", text) == text


def test_ambiguous_illegal_gives_both_readings(check):
    (f,) = findings(check, "Een illegale prostituee werd uitgezet.")
    assert not f.fixable and "vergunning" in f.message and "verblijfsvergunning" in f.message


def test_exploitation_in_the_sentence_is_conflation_not_a_term(check):
    (f, pooier) = findings(check, "Er werden zes prostituees door een pooier uitgebuit.")
    assert f.category == "conflation" and f.text == "prostituees" and not f.suggestions
    assert pooier.rule == "term.pooier" and pooier.suggestions == ["uitbuiter"]


@pytest.mark.parametrize(
    "text, suggestions",
    [
        ("De pooier dwong haar elke avond te werken.", ["uitbuiter"]),
        ("De pooier werd veroordeeld voor mensenhandel.", ["mensenhandelaar"]),
        ("De pooier werd verdacht van mensenhandel.", []),
        ("Het geld ging naar haar pooier.", []),
    ],
)
def test_pooier_only_with_evidence(check, text, suggestions):
    (f,) = findings(check, text)
    assert f.suggestions == suggestions and not f.fixable


def test_rules_show_forms_have_proper_diminutives():
    from stigmacheck.dutch import diminutive

    assert diminutive("prostitué") == "prostituétje"
