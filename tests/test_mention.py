"""Words talked about as words are not the author's voice (issue 11, item 4)."""

import pytest


def reported(check, text):
    return [f for f in check(text) if f.severity != "info"]


@pytest.mark.parametrize(
    "text",
    [
        "Zulke vrouwen heetten in de negentiende eeuw lichtekooien.",
        "In de volksmond worden die mannen hoerenlopers genoemd.",
        "Het gaat om de zogeheten 'loverboymethode'.",
        "Het woord hoer raakte in de jaren tachtig in onbruik.",
        "Buurtbewoners noemden de vrouwen hoeren.",
        "Vroeger sprak men van tippelaarsters.",
        "De straat stond bekend als hoerenbuurt.",
        "Dit valt onder de noemer 'prostitutiebeleid'.",
        "Onder prostitutie verstaat de wet het tegen betaling verrichten van seksuele handelingen.",
        "Het woordenboek omschrijft een hoerenloper als een vaste klant.",
    ],
)
def test_mention_is_not_reported(check, text):
    assert reported(check, text) == []


@pytest.mark.parametrize(
    "text, span",
    [
        ("Sekswerkers noemden de prostitutieverordening onwerkbaar.", "prostitutieverordening"),
        ("De prostituees die wij spraken, noemden de regels onwerkbaar.", "prostituees"),
        ("De gemeente wil prostitutie noemen wat het is.", "prostitutie"),
        ("Zij heeft het over prostitutie in de binnenstad.", "prostitutie"),
        ("In zijn toespraak noemde de burgemeester ook de prostitutie.", "prostitutie"),
    ],
)
def test_author_voice_stays_reported(check, text, span):
    assert [f.text for f in reported(check, text)] == [span]
