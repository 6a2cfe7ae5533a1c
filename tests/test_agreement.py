"""Agreement after a gender change: a safe fix leaves grammatical Dutch (issue 11, item 1 and 2)."""

import pytest

from stigmacheck.agreement import inflect, uninflect
from stigmacheck.curation.evaluation import fixed_text


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("Er staat vooral zichtbare prostitutie in het rapport.", "Er staat vooral zichtbaar sekswerk in het rapport."),
        ("Welke prostitutie bedoelt u?", "Welk sekswerk bedoelt u?"),
        ("Zulke prostitutie zie je zelden.", "Zulk sekswerk zie je zelden."),
        ("Elke prostitutie is anders.", "Elk sekswerk is anders."),
        ("Iedere prostitutie kent regels.", "Ieder sekswerk kent regels."),
        ("Dat is de prostitutie die hier plaatsvond.", "Dat is het sekswerk dat hier plaatsvond."),
        ("Deze prostitutie, die al lang bestaat, verdwijnt.", "Dit sekswerk, dat al lang bestaat, verdwijnt."),
        ("Er komt dezelfde prostitutie terug.", "Er komt hetzelfde sekswerk terug."),
        ("In het centrum is raamprostitutie verboden.", "In het centrum is raamsekswerk verboden."),
        ("Zij bestrijden de georganiseerde prostitutie.", "Zij bestrijden het georganiseerde sekswerk."),
        ("Zij bestrijden de\nprostitutie.", "Zij bestrijden het\nsekswerk."),
        ("Geen grote prostitutie hier.", "Geen groot sekswerk hier."),
        ("Het onderzoek gaat over de illegale prostitutie.", "Het onderzoek gaat over het onvergunde sekswerk."),
        ("Veel illegale prostitutie is onzichtbaar.", "Veel onvergund sekswerk is onzichtbaar."),
        ("Zij zagen de hoererij die er was.", "Zij zagen het sekswerk dat er was."),
        ("De vrouwen die prostitutie als werk zien, zijn talrijk.", "De vrouwen die sekswerk als werk zien, zijn talrijk."),
        ("Elk hoertje kreeg een boete.", "Elke sekswerker kreeg een boete."),
        ("Welk hoertje bedoel je?", "Welke sekswerker bedoel je?"),
        ("Dat hoertje werkte aan de kade.", "Die sekswerker werkte aan de kade."),
        ("Welke zichtbare prostitutie bedoelt u?", "Welk zichtbaar sekswerk bedoelt u?"),
        ("Waarom zien we prostitutie als een probleem?", "Waarom zien we sekswerk als een probleem?"),
    ],
)
def test_safe_fix_agrees(engine, text, fixed):
    assert fixed_text(engine, "t.txt", text) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "De gemeente gedoogde prostitutie al jaren.",  # 'gedoogde': a verb or an adjective
        "Zij noemen het prostitutie.",  # 'het' is a pronoun here
        "Het kleine hoertje dat daar werkte.",  # 'dat': relative pronoun or conjunction
        "Er is brave en rode prostitutie.",
        "Alle prostitutie is hier verboden.",  # 'al het sekswerk' or 'alle sekswerk': the editor's choice
        "Een grote hoerenkast sloot haar deuren.",  # 'haar' refers back; it would have to be 'zijn'
    ],
)
def test_uncertain_agreement_is_left_alone(engine, text):
    assert fixed_text(engine, "t.txt", text) == text


@pytest.mark.parametrize(
    "inflected, base",
    [("grote", "groot"), ("rode", "rood"), ("illegale", "illegaal"), ("vieze", "vies"), ("brave", "braaf"),
     ("dikke", "dik"), ("andere", "ander"), ("seksuele", "seksueel"), ("officiële", "officieel"),
     ("kleine", "klein"), ("brede", "breed"), ("simpele", "simpel"), ("zichtbare", "zichtbaar"),
     ("halve", "half"), ("grijze", "grijs"), ("onvergunde", "onvergund")],
)
def test_adjective_spelling(inflected, base):
    assert uninflect(inflected) == base
    if inflected != "officiële":
        assert inflect(base) == inflected
