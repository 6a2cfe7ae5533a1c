"""The term engine on Dutch as it is written: inflection, compounds, case, and the traps."""

import pytest


def flagged(findings, severity_floor=("suggestion", "warning", "error")):
    return [(f.text, f.suggestions[0] if f.suggestions else None) for f in findings if f.severity in severity_floor]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Er werken veel prostituees in de stad.", ("prostituees", "sekswerkers")),
        ("Prostituees hebben recht op zorg.", ("Prostituees", "Sekswerkers")),
        ("De raamprostituee betaalt huur.", ("raamprostituee", "raamsekswerker")),
        ("Thuisprostituees melden zich zelden.", ("Thuisprostituees", "Thuissekswerkers")),
        ("Een ex-prostituee sprak in de raad.", ("ex-prostituee", "oud-sekswerker")),
        ("Een prostitué werkt ook in de branche.", ("prostitué", "sekswerker")),
        ("Het prostitutiebeleid wordt herzien.", ("prostitutiebeleid", "sekswerkbeleid")),
        ("Het raamprostitutiegebied wordt kleiner.", ("raamprostitutiegebied", "raamsekswerkgebied")),
        ("NIEUW PROSTITUTIEBELEID", ("PROSTITUTIEBELEID", "SEKSWERKBELEID")),
        ("Hoerenlopers blijven anoniem.", ("Hoerenlopers", "Klanten")),
        ("Twee loverboys zijn opgepakt.", ("loverboys", "verdachten van mensenhandel")),  # suspects until convicted
        ("Twee loverboys ronselden meisjes online.", ("loverboys", "mensenhandelaars")),
        ("Het bordeel sluit.", ("bordeel", "seksbedrijf")),
        ("De bordelen sluiten.", ("bordelen", "seksbedrijven")),
        ("De gemeente sluit de tippelzones.", ("tippelzones", "zones voor straatsekswerk")),
        ("De strijd tegen vrouwenhandel gaat door.", ("vrouwenhandel", "mensenhandel")),
        ("Zij gaat zich prostitueren.", ("zich prostitueren", "als sekswerker werken")),
        ("Hij prostitueert zich al jaren.", ("prostitueert zich al jaren", "werkt al jaren als sekswerker")),
        ("Illegale prostitutie neemt toe.", ("Illegale prostitutie", "Onvergund sekswerk")),
        ("Er zijn veel illegale prostituees.", ("illegale prostituees", "sekswerkers zonder vergunning")),
        ("Er komt een prostitutie- en horecaverordening.", ("prostitutie-", "sekswerk-")),
    ],
)
def test_flags_with_inflected_suggestion(check, text, expected):
    assert expected in flagged(check(text))


def test_hyphenated_coordination_flags_the_full_word_only(check):
    found = flagged(check("Er is beleid voor raam- en straatprostitutie."))
    assert found == [("straatprostitutie", "straatsekswerk")]


def test_pooier_has_no_single_replacement(check):
    (finding,) = check("De pooier is opgepakt.")
    assert finding.suggestions == [] and not finding.fixable
    assert "exploitant" in finding.message and "uitbuiter" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "De Wet regulering prostitutie en bestrijding misstanden seksbranche is ingetrokken.",
        "Het Prostitutie Informatie Centrum in Amsterdam geeft rondleidingen.",
        "In het rapport 'Prostitutie in Nederland' (2019) staan cijfers.",
        "De term 'loverboy' is misleidend.",
        "Het woord prostituee gebruiken we niet meer.",
        "Termen als hoer en slet zijn kwetsend.",
        "Een hoerenjong is een regel bovenaan de pagina.",
        "De militaire escorte begeleidde de minister.",
        "De Rode Draad kwam op voor sekswerkers.",
        "De rode draad in het verhaal is vertrouwen.",
        "De ramen van het stadhuis worden gelapt.",
        "Hij riep hoera toen de uitslag bekend werd.",
        "De route werd uitgestippeld door de gemeente.",
        "Deze jas is versleten.",
        "Sekswerkers en klanten zijn welkom bij het spreekuur.",
        "2 Prostitutie en mensenhandel (2016). Nationaal Rapporteur Mensenhandel, Den Haag.",
    ],
)
def test_no_finding_on_traps(check, text):
    assert flagged(check(text)) == []


def test_quotation_is_info_at_most(check):
    findings = check('Een bewoner zei: "Die hoeren horen hier niet thuis."')
    assert findings and all(f.severity == "info" and not f.fixable for f in findings)


def test_quotation_switch_turns_it_off(ruleset):
    from stigmacheck.documents.text import read_text
    from stigmacheck.engine import Engine, Options

    engine = Engine(ruleset, Options(quotes="off"))
    assert engine.check_document(read_text("t", 'Een bewoner zei: "Die hoeren horen hier niet thuis."')) == []


def test_transitive_prostitueren_is_not_the_reflexive_term(check):
    assert not [f for f in check("Hij prostitueerde minderjarige meisjes.") if f.rule == "term.zich-prostitueren"]


def test_offsets_point_at_the_text(check):
    text = "Eerste regel.\r\nDe prostituée en de hoerenloper."
    for f in check(text):
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize(
    "text, article, replacement",
    [("Zij bestrijden de prostitutie.", "de", "het"), ("Het hoertje lacht.", "Het", "De"),
     ("Deze hoerenkast sluit.", "Deze", "Dit")],
)
def test_article_change_travels_with_the_finding(check, text, article, replacement):
    (f,) = check(text)
    article_edit = next(e for e in f.fix.edits if e.end <= f.start)  # the article, before the word
    assert text[article_edit.start:article_edit.end] == article_edit.old
    assert article.startswith(article_edit.old) or article.endswith(article_edit.old)
    assert f.fix.apply(text).startswith(text[:text.rindex(article + " ")] + replacement) and f.fixable
    assert f.text not in (article,) and " " not in f.text  # the finding itself stays on the word


@pytest.mark.parametrize("text", ["Het bordeel sluit.", "De prostituee werkt.", "De prostituees."])
def test_no_article_change_when_gender_agrees_or_not_adjacent(check, text):
    assert all(e.start >= f.start for f in check(text) if f.fix for e in f.fix.edits)


def test_word_split_over_two_lines(check):
    text = "Er is vraag naar raamprosti-\ntutie en naar thuis-\r\nwerk. De sekswer-\nkers."
    (f,) = check(text)
    assert f.text == "raamprosti-\ntutie" == text[f.start:f.end]
    assert f.suggestions == ["raamsekswerk"] and "'raamprostitutie'" in f.message


@pytest.mark.parametrize(
    "text", ["De stad reguleerde prostitutie al vroeg.", "Er is brave en rode prostitutie.",
             "Onze prostitutie, welke ooit bloeide, verdween."]
)
def test_gender_change_where_the_agreeing_words_are_uncertain_is_not_fixable(check, text):
    (f,) = check(text)
    assert f.suggestions and not f.fixable and f.fix.reason


def test_crlf_lines_stay_in_one_paragraph(check):
    (f,) = check("Zij werkt als illegale\r\nprostituee in de stad.\r\n")
    assert f.text == "illegale\r\nprostituee" and f.suggestions == ["sekswerker zonder vergunning"]


def test_a_word_with_an_ordinary_meaning_needs_the_topic_only_where_a_cue_points_to_it(check):
    """'tippelen' is also walking: with a cue for that meaning nearby ('naar huis') it is reported
    only on a page about sex work; without such a cue it is reported anyway."""
    walking = "Het meisje tippelde vrolijk naar huis."
    assert not [f for f in check(walking) if f.rule == "term.tippelzone"]
    on_topic = walking + "\n\nIn dezelfde straat werken sekswerkers achter de ramen.\n"
    assert [f.text for f in check(on_topic) if f.rule == "term.tippelzone"] == ["tippelde"]
    bare = "Vroeger tippelden vrouwen langs de kade."
    assert [f.suggestions for f in check(bare) if f.rule == "term.tippelzone"] == [["werkten op straat"]]


def test_an_unknown_concept_in_a_term_topic_is_reported_with_its_line(tmp_path):
    from conftest import proef_rule
    from stigmacheck.ruleset.loader import RuleSetError, load_ruleset

    text = proef_rule().replace("    replace: testwoord\n", "    replace: testwoord\n    topic: \"@bestaat-niet\"\n")
    (tmp_path / "proef.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetError) as info:
        load_ruleset([str(tmp_path)], include_default=False)
    line = text.splitlines().index('    topic: "@bestaat-niet"') + 1
    assert f"proef.yaml:{line}" in str(info.value) and "bestaat-niet" in str(info.value)
