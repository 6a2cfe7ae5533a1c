"""Conflation wherever the layout puts it, and what is not conflation (issue 11, item 5)."""

import pytest

from stigmacheck.documents import load


def findings(engine, name, text):
    return engine.check_document(load(name, text.encode("utf-8"), None))


def conflation(engine, name, text):
    return [f for f in findings(engine, name, text) if f.category == "conflation" and f.severity != "info"]


@pytest.mark.parametrize(
    "name, text",
    [
        ("a.txt", "De gemeente pakt prostitutie en\nmensenhandel samen aan."),
        ("a.md", "De gemeente pakt prostitutie en\nmensenhandel samen aan.\n"),
        ("a.html", "<p>De gemeente pakt prostitutie&nbsp;en&nbsp;mensenhandel aan.</p>"),
        ("a.txt", "De gemeente pakt prostitutie\u2009en\u00a0mensenhandel aan."),
        ("a.txt", "Meld het als u prostitutie en/of mensenhandel vermoedt."),
        ("a.txt", "Sekswerkers en criminelen maken gebruik van dezelfde panden."),
        ("a.txt", "De wijkagent kent de prostituees en drugsdealers in de straat."),
        ("a.txt", "Sekswerk gaat vaak samen met uitbuiting."),
        ("a.txt", "Waar sekswerk is, is uitbuiting."),
        ("a.txt", "De gemeente pakt sekswerk en ander crimineel gedrag aan."),
        ("a.txt", "Zij werkte onder bedreiging in de prostitutie."),
        ("a.txt", "Het meisje werd de prostitutie in gelokt."),
    ],
)
def test_conflation_is_found(engine, name, text):
    assert conflation(engine, name, text)


def test_soft_hyphen_joins_a_word():
    from stigmacheck.analysis import BlockAnalysis
    from stigmacheck.documents.base import Block

    analysis = BlockAnalysis(Block.linear("De prosti\u00adtutie en mensenhandel.", 0))
    assert [t.text for t in analysis.tokens] == ["De", "prostitutie", "en", "mensenhandel"]
    assert analysis.tokens[1].end - analysis.tokens[1].start == len("prosti\u00adtutie")


@pytest.mark.parametrize(
    "name, text",
    [
        ("a.txt", "De GGD biedt hulpverlening voor sekswerkers en slachtoffers van mensenhandel."),
        ("a.txt", "De nota haalt prostitutie en mensenhandel ten onrechte door elkaar."),
        ("a.txt", "Volgens de Monitor prostitutie en mensenhandel 2012 daalt het aantal."),
        ("a.md", "# Verslag van een schriftelijk overleg over mensenhandel en prostitutie\n"),
        ("a.txt", "De vaste commissie voerde een commissiedebat over mensenhandel en prostitutie."),
    ],
)
def test_not_conflation(engine, name, text):
    assert not conflation(engine, name, text)


def test_title_after_a_lower_case_cue_is_not_rewritten(engine):
    assert not findings(engine, "a.txt", "Het wetsvoorstel Regulering prostitutie ligt bij de Kamer.")


def test_meeting_in_running_text_is_still_the_author_speaking(engine):
    assert conflation(engine, "a.txt", "Het college voert overleg over prostitutie en mensenhandel met de politie.")
