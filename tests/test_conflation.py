"""Conflation, framing and balance on Dutch as officers write it, and the exemptions."""

import pytest

from conftest import shared_path


def cats(findings):
    return [(f.category, f.text) for f in findings if f.severity != "info"]


@pytest.mark.parametrize(
    "text, span",
    [
        ("De aanpak van prostitutie en mensenhandel krijgt prioriteit.", "prostitutie en mensenhandel"),
        ("Mensenhandel en prostitutie horen bij elkaar, zegt het rapport niet.", "Mensenhandel en prostitutie"),
        ("Het team sekswerk/mensenhandel breidt uit.", "sekswerk/mensenhandel"),
        ("Het prostitutie- en mensenhandelbeleid wordt geëvalueerd.", "prostitutie- en mensenhandelbeleid"),
        ("Hij let op illegale prostitutie, drugshandel en mensenhandel.", "prostitutie, drugshandel en mensenhandel"),
        ("Er is aandacht voor prostitutie en de georganiseerde misdaad.", "prostitutie en de georganiseerde misdaad"),
        ("Gedwongen prostitutie neemt toe.", "Gedwongen prostitutie"),
        ("Onvrijwillige prostitutie is moeilijk te bewijzen.", "Onvrijwillige prostitutie"),
        ("Jeugdprostitutie is een groot probleem.", "Jeugdprostitutie"),
        ("Een 16-jarige prostituee deed aangifte.", "16-jarige prostituee"),
        ("Er is opvang voor slachtoffers van prostitutie.", "slachtoffers van prostitutie"),
        ("De man prostitueerde drie vrouwen.", "prostitueerde"),
        ("Prostitutie is een vorm van mensenhandel.", "Prostitutie is een vorm van mensenhandel"),
        ("Prostituees zijn vaak slachtoffers van uitbuiting.", "Prostituees zijn vaak slachtoffers"),
    ],
)
def test_conflation_found(check, text, span):
    assert ("conflation", span) in cats(check(text))


@pytest.mark.parametrize(
    "text",
    [
        "Sekswerk en mensenhandel zijn geen synoniemen.",
        "Sekswerk en mensenhandel zijn niet hetzelfde.",
        "Het onderscheid tussen sekswerk en mensenhandel is wezenlijk.",
        "Los van sekswerk bestrijden we mensenhandel.",
        "Niet iedere sekswerker is slachtoffer van mensenhandel.",
        "Van mensenhandel was geen sprake; de sekswerkers werkten zelfstandig.",
        "We bieden hulp aan sekswerkers en aan slachtoffers van mensenhandel.",
        "De politie bestrijdt mensenhandel in de seksbranche.",
        "Sekswerk is legaal. Mensenhandel is een misdrijf.",
        "De Nationaal Rapporteur Mensenhandel publiceert jaarlijks cijfers.",
        "Sekswerk is geen mensenhandel.",
        "Arbeidsuitbuiting in de land- en tuinbouw neemt toe.",
    ],
)
def test_no_conflation_on_exemptions(check, text):
    assert [c for c in cats(check(text)) if c[0] == "conflation"] == []


def test_one_finding_per_problem(check):
    findings = check("Gedwongen prostitutie komt voor.")
    assert [(f.category, f.suggestions) for f in findings] == [("conflation", ["Seksuele uitbuiting"])]


@pytest.mark.parametrize(
    "text, span",
    [
        ("Het oudste beroep van de wereld is niet verdwenen.", "Het oudste beroep van de wereld"),
        ("Zij belandde in het schimmige wereldje van de prostitutie.", "schimmige wereldje"),
        ("Toeristen fotograferen de meisjes achter de ramen.", "meisjes achter de ramen"),
        ("Gevallen vrouwen werden vroeger opgesloten.", "Gevallen vrouwen"),
    ],
)
def test_framing_found(check, text, span):
    assert ("framing", span) in cats(check(text))


def test_framing_needs_the_topic(check):
    assert cats(check("De fraudeurs werkten in een schimmig circuit van brievenbusfirma's.")) == []


def test_seed_letter_has_no_conflation_or_balance():
    from stigmacheck.documents.text import read_text
    from stigmacheck.engine import Engine
    from stigmacheck.ruleset.loader import load_ruleset

    path = shared_path("seed", "000_1c01d11f9285da8d.txt")
    if not path.exists():
        pytest.skip("../shared/seed is absent (only developers and CI have it)")
    text = path.read_text(encoding="utf-8")
    findings = Engine(load_ruleset()).check_document(read_text(str(path), text))
    assert [f for f in findings if f.category in ("conflation", "balance")] == []
    footnote = text.index("Prostitutie en mensenhandel (2016)")
    assert all(f.severity == "info" for f in findings if footnote <= f.start < footnote + 40)


def test_balance_one_document_note_with_counts(check):
    text = (
        "De politie deed een inval in een pand waar prostitutie plaatsvond. "
        "Twee prostituees bleken slachtoffer van uitbuiting. "
        "De handhaving op prostitutie wordt opgevoerd na misstanden. "
        "Bij prostitutie is volgens de politie vaak sprake van criminaliteit."
    )
    notes = [f for f in check(text) if f.category == "balance"]
    assert len(notes) == 1 and notes[0].scope == "document"
    assert "van de 4 zinnen over sekswerk" in notes[0].message


def test_balance_silent_with_a_distinction(check):
    text = (
        "De politie deed een inval in een pand waar prostitutie plaatsvond. "
        "Twee prostituees bleken slachtoffer van uitbuiting. "
        "De handhaving op prostitutie wordt opgevoerd na misstanden. "
        "Prostitutie en mensenhandel zijn niet hetzelfde, benadrukt de politie."
    )
    assert [f for f in check(text) if f.category == "balance"] == []


def test_a_finding_without_replacement_never_says_write_nothing(check):
    """A message template with '{suggestion}' loses that sentence when a pattern has no
    replacement, instead of telling the writer "Schrijf ''."."""
    (f,) = [f for f in check("Hij dwong haar om zich te prostitueren in een woning.") if f.category == "conflation"]
    assert not f.suggestions and "''" not in f.message and "Kies zelf" in f.message
    assert f.message.startswith("'zich te prostitueren' maakt van uitbuiting een soort sekswerk.")
    from test_parallel import _passages

    for text in _passages():
        for finding in check(text):
            assert "''" not in finding.message, (finding.rule, finding.message)
