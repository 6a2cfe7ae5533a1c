"""Agreement after a gender change: when a replacement has another gender than the term
("de prostitutie" -> "het sekswerk"), the closed-class words around it must change too.

`agree` finds the noun phrase of a term without a tagger, using only what is certain:
- to the left: attributive adjectives (words in -e) and at most one determiner; a preposition, a
  verb, a pronoun or a noun ends the phrase ("In het centrum is raamprostitutie" has no determiner);
- to the right: a relative pronoun directly after the term, with or without a comma.
It returns the companion edits (block offsets) or None when the words that must change cannot be
found with certainty; then the caller keeps the suggestion but does not mark it safe.
"""

from __future__ import annotations

from stigmacheck.dutch import transfer_case

# Determiners that change with the gender: de-word form -> het-word form.
DE_TO_HET = {
    "de": "het", "deze": "dit", "die": "dat", "welke": "welk", "zulke": "zulk", "elke": "elk",
    "iedere": "ieder", "onze": "ons", "dezelfde": "hetzelfde", "diezelfde": "datzelfde",
    "enige": "enig", "generlei": "generlei",
}
HET_TO_DE = {v: k for k, v in DE_TO_HET.items() if k != "generlei"}
# Determiners that stay and do not make the phrase definite: after them an adjective before a
# singular het-word has no -e ("geen zichtbaar sekswerk").
INDEFINITE = {"een", "geen", "veel", "weinig", "meer", "minder", "genoeg", "wat", "zoveel", "evenveel", "zo'n",
              "welk", "zulk", "elk", "ieder", "enig", "ander", "nauwelijks"}
# Determiners that stay and make the phrase definite (the adjective keeps its -e).
DEFINITE = {"zijn", "haar", "hun", "mijn", "uw", "jouw", "je", "jullie", "ons"}
# Words that certainly end a noun phrase on its left.
BREAKERS = set(
    """in op aan van voor met bij naar over door om uit tegen tot zonder onder tussen na sinds binnen buiten
    rond rondom via per tijdens vanwege wegens dankzij volgens omtrent inzake jegens naast achter boven
    langs richting bij tegenover behalve vanaf
    en of maar want dus omdat als zoals wanneer terwijl hoewel doordat zodat noch
    is zijn was waren wordt worden werd werden heeft hebben had hadden kan kunnen kon konden moet moeten
    mag mogen mocht mochten zal zullen zou zouden wil willen wilde wilden blijft blijven bleef gaat gaan
    ging gingen staat staan stond komt komen kwam maakt maken ziet zien zag vindt vinden vond noemt noemen
    noemde noemden krijgt krijgen kreeg verbiedt verbieden verbood verbood regelt regelen bestrijdt
    bestrijden bestreed pakt pakken betreft betreffen kent kennen kende
    ik jij hij zij ze wij we jullie men er hier daar waar
    niet ook nog al wel toch nu dan toen zelfs alleen slechts vaak soms nooit altijd echter bovendien
    vooral juist steeds eerder later inmiddels
    ze we je zie doe mede twee drie negen elf twaalf ongeveer circa zowat""".split()
)
UNSURE_QUANTIFIERS = {"alle", "beide", "enkele", "verschillende", "diverse", "vele", "allerlei", "velerlei"}
INTENSIFIERS = {"zeer", "heel", "erg", "vrij", "nogal", "tamelijk", "best", "zo", "te", "minder", "meer", "steeds"}
# Adjectives whose -e never drops: ordinals and superlatives.
INVARIANT = {"eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "laatste", "volgende", "enige"}
# Inflected adjectives that are certainly adjectives (no noun or verb form is spelled the same).
KNOWN_ADJECTIVES = set(
    """grote kleine nieuwe oude hele echte vrije zichtbare onzichtbare vieze brave rode goede slechte legale
    illegale gewone moderne lokale regionale landelijke stedelijke vergunde onvergunde zelfstandige vrijwillige
    onvrijwillige huidige toekomstige vroegere traditionele klassieke digitale commerciele georganiseerde
    betaalde andere overige zogenaamde zogeheten verborgen openlijke heimelijke gereguleerde kleinschalige
    grootschalige veilige onveilige""".split()
)
ADJECTIVE_SUFFIXES = ("bare", "lijke", "ische", "iele", "uele", "ieve", "ige", "ieke", "ale", "ere", "ene")
RELATIVE = {"de": "die", "het": "dat"}


def agree(analysis, first: int, last: int, old: str, new: str):
    """Companion edits for a singular term of gender `old` (tokens first..last) replaced by a word of
    gender `new`; None when they cannot be found with certainty."""
    if old == new:
        return []
    tokens, text = analysis.tokens, analysis.text
    edits: list[tuple[int, int, str]] = []
    chain: list[int] = []  # attributive adjectives, right to left
    det = None
    j = first - 1
    while j >= 0:
        if not _space_only(text[tokens[j].end : tokens[j + 1].start]):
            if chain and "," in text[tokens[j].end : tokens[j + 1].start] and _is_adjective(tokens[j].folded, False):
                return None  # "grote, zichtbare prostitutie"
            break
        w = tokens[j].folded
        if w in DE_TO_HET or w in HET_TO_DE or w in INDEFINITE or w in DEFINITE or w in ("het", "dat", "dit"):
            det = j
            break
        if w in UNSURE_QUANTIFIERS:
            return None  # "alle prostitutie": 'al het sekswerk' or 'alle sekswerk'; an editor decides
        if w in BREAKERS or not w.isalpha():
            if chain and w in ("en", "of") and j > 0 and _is_adjective(tokens[j - 1].folded, False):
                return None  # "brave en rode prostitutie": coordinated adjectives
            break
        if w.endswith("e") or w in INTENSIFIERS:
            chain.append(j)
            j -= 1
            continue
        # an unknown word that is no adjective in -e (a noun, a verb, an adverb): the phrase starts
        # after it, unless a determiner right before it may still be ours ("de gesloten prostitutie")
        if _det_may_reach(analysis, j):
            return None
        break
    if det is not None and chain and tokens[det].folded in ("zijn", "haar", "je"):
        return None  # a verb or a pronoun as often as a possessive: "zijn" + adjective is not certain
    if det is not None and _relative_not_determiner(analysis, det):
        det = None  # "vrouwen die prostitutie zien": 'die' refers back, it is no determiner here
        if chain:
            return None
    if not _parse_agrees(analysis, first, det):
        return None
    definite = True
    if det is None:
        definite = False
    else:
        w = tokens[det].folded
        gender_of_det = _gender(w)
        if gender_of_det not in (None, old):
            return None  # "noemen het prostitutie": 'het' is a pronoun, or the text is odd
        if w in DE_TO_HET and old == "de" and DE_TO_HET[w] != w:
            edits.append((tokens[det].start, tokens[det].end, transfer_case(tokens[det].text, DE_TO_HET[w])))
        elif w in HET_TO_DE and old == "het":
            edits.append((tokens[det].start, tokens[det].end, transfer_case(tokens[det].text, HET_TO_DE[w])))
        # after the change: "welk sekswerk", "elk sekswerk", "geen sekswerk" leave the adjective bare
        definite = (DE_TO_HET.get(w, w) if old == "de" else w) not in INDEFINITE
    for j in chain:
        w = tokens[j].folded
        if w in INTENSIFIERS:
            continue
        if not _is_adjective(w, det is not None):
            return None
        if old == "de" and new == "het" and not definite and w not in INVARIANT and not w.endswith("ste"):
            edits.append((tokens[j].start, tokens[j].end, transfer_case(tokens[j].text, uninflect(tokens[j].text.lower()))))
    if old == "het" and new == "de" and not definite:
        # an uninflected adjective would need an -e ("een klein hoertje"): only safe without one
        k = first - 1
        if k >= 0 and det is not None and k != det:
            return None
    if old == "de" and new == "het" and _feminine_reference(analysis, last):
        return None  # "een grote hoerenkast sloot haar deuren": 'haar' would have to become 'zijn'
    relative = _relative(analysis, last, old, new)
    if relative is None:
        return None
    return edits + relative


def _parse_agrees(analysis, first: int, det: int | None) -> bool:
    """With a parser: the determiner found here must be the one the parse attaches to the term
    (or both none). Without a parser there is nothing to compare."""
    from stigmacheck.nlp import has_parser

    if not has_parser():
        return True
    tok = analysis.tokens[first]
    span = analysis.doc.char_span(tok.start, tok.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    if head.dep_ == "amod":  # a phrase that starts with its adjective ("illegale prostitutie")
        head = head.head
    dets = [c for c in head.children if c.dep_ == "det" and c.i < head.i]
    if det is None:
        return not dets
    d = analysis.tokens[det]
    return any(c.idx == d.start for c in dets) or not dets and d.folded in INDEFINITE


def phrase_is_definite(analysis, first: int) -> bool | None:
    """Whether the determiner before token `first` makes the phrase definite; None: no determiner."""
    tokens, text = analysis.tokens, analysis.text
    j = first - 1
    if j < 0 or not _space_only(text[tokens[j].end : tokens[j + 1].start]):
        return None
    w = tokens[j].folded
    if w in INDEFINITE:
        return False
    if w in DE_TO_HET or w in HET_TO_DE or w in DEFINITE or w in ("het", "dat", "dit"):
        return True
    return None


def _gender(det: str) -> str | None:
    """The gender a determiner shows in the singular; None when it fits both ("geen", "haar")."""
    if det in HET_TO_DE and det != "ons":
        return "het"
    if det in DE_TO_HET and det != "generlei":
        return "de"
    return None


def _space_only(gap: str) -> bool:
    return gap != "" and gap.isspace() or gap == ""


def _det_may_reach(analysis, j: int) -> bool:
    """Token j is an unknown word between the term and what is left of it. A determiner right before
    it may be the term's own ("de gesloten prostitutie"), unless it is definite and j does not end in
    -e or -en: then j is the determiner's noun ("het centrum")."""
    tokens, text = analysis.tokens, analysis.text
    for d in range(j - 1, max(-1, j - 3), -1):
        if not _space_only(text[tokens[d].end : tokens[d + 1].start]):
            return False
        w = tokens[d].folded
        if w in BREAKERS:
            return False
        if w in DE_TO_HET or w in HET_TO_DE or w in INDEFINITE or w in DEFINITE:
            nxt = tokens[d + 1].folded
            definite = w not in INDEFINITE
            return not (definite and not nxt.endswith(("e", "en")))
    return False


def _relative_not_determiner(analysis, det: int) -> bool:
    """'die'/'dat' right after a noun or a comma is a relative pronoun or a conjunction."""
    tokens, text = analysis.tokens, analysis.text
    w = tokens[det].folded
    if w not in ("die", "dat"):
        return False
    if det == 0 or analysis.is_sentence_start(tokens[det].start):
        return False
    prev = tokens[det - 1]
    return "," in text[prev.end : tokens[det].start] or prev.folded not in BREAKERS


def _feminine_reference(analysis, last: int, window: int = 8) -> bool:
    """'haar' or 'zij' later in the clause may refer back to a de-word that becomes a het-word."""
    tokens, text = analysis.tokens, analysis.text
    for j in range(last + 1, min(len(tokens), last + 1 + window)):
        if any(c in text[tokens[j - 1].end : tokens[j].start] for c in ".;:!?"):
            return False
        if tokens[j].folded in ("haar", "zij"):
            return True
    return False


def _relative(analysis, last: int, old: str, new: str):
    """[] or one edit for a relative pronoun right after the term ("prostitutie, die" -> "sekswerk,
    dat"); None when a relative pronoun that cannot be judged follows ("prostitutie, welke")."""
    tokens, text = analysis.tokens, analysis.text
    k = last + 1
    if k >= len(tokens):
        return []
    gap = text[tokens[last].end : tokens[k].start]
    if gap.strip() not in ("", ","):
        return []
    w = tokens[k].folded
    if w == RELATIVE[old]:
        if old == "het" and "," not in gap:
            return None  # "het hoertje dat": a relative pronoun or a conjunction; not certain
        return [(tokens[k].start, tokens[k].end, transfer_case(tokens[k].text, RELATIVE[new]))]
    if w in ("welke", "hetwelk") and "," in gap:
        return None
    return []


def _is_adjective(word: str, after_determiner: bool) -> bool:
    if word in KNOWN_ADJECTIVES or word in INVARIANT or word.endswith(ADJECTIVE_SUFFIXES):
        return True
    if not word.endswith("e"):
        return False
    return _attested_adjective(word)


def _attested_adjective(word: str) -> bool:
    """An inflected form whose base is a common word ("vieze" -> "vies"), not a noun in -e
    ("gemeente" -> "gemeent")."""
    from stigmacheck.wordlist import zipf

    base = uninflect(word)
    z_base, z_word = zipf(base), zipf(word)
    return z_base is not None and z_base >= 3.5 and z_base >= z_word - 1.0


VOWELS = "aeiou"


def uninflect(word: str) -> str:
    """Drop the -e of an attributive adjective with Dutch spelling: grote -> groot, rode -> rood,
    illegale -> illegaal, vieze -> vies, brave -> braaf, dikke -> dik, andere -> ander."""
    if not word.endswith("e") or len(word) < 3:
        return word
    stem = word[:-1]
    if stem[-1] == "v":
        stem = stem[:-1] + "f"
    elif stem[-1] == "z":
        stem = stem[:-1] + "s"
    if len(stem) >= 2 and stem[-2] == "ë":
        return stem[:-2] + "ee" + stem[-1]  # officiële -> officieel
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        return stem[:-1]  # dikke -> dik
    # a single a/o/u/e between consonants in an open syllable is long: groot, illegaal
    if len(stem) >= 2 and stem[-1] not in VOWELS and stem[-1] not in "yj" and stem[-2] in VOWELS:
        v = stem[-2]
        before = stem[-3] if len(stem) >= 3 else ""
        if before in VOWELS or before in ("ij", "y"):
            if v == "e" and before == "u":
                return stem[:-1] + v + stem[-1]  # seksuele -> seksueel, officiele -> officieel
            return stem  # kleine -> klein, nieuwe -> nieuw
        if v in "aou":
            return stem[:-1] + v + stem[-1]
        if v == "e" and sum(1 for c in stem[:-2] if c in VOWELS) == 0 or v == "e" and _one_syllable(stem):
            return stem[:-1] + v + stem[-1]  # brede -> breed, but andere -> ander
    return stem


def _one_syllable(stem: str) -> bool:
    groups, prev = 0, False
    for c in stem:
        now = c in VOWELS
        if now and not prev:
            groups += 1
        prev = now
    return groups == 1


def inflect(word: str) -> str:
    """Add the -e: groot -> grote, onvergund -> onvergunde, vies -> vieze, braaf -> brave, dik -> dikke."""
    if word.endswith("e"):
        return word
    stem = word
    last = stem[-1]
    if len(stem) >= 3 and last not in VOWELS and stem[-2] == stem[-3] and stem[-2] in "aeou":
        stem = stem[:-3] + stem[-2] + last  # groot -> grot-e, breed -> bred-e, seksueel -> seksuel-e
    elif _one_syllable(stem) and len(stem) >= 2 and last not in VOWELS + "wjy" and stem[-2] in VOWELS \
            and (len(stem) < 3 or stem[-3] not in VOWELS):
        stem = stem + last  # dik -> dikk-e, wit -> witt-e
    if stem.endswith("f") and stem[-2:-1] not in ("", "f"):
        stem = stem[:-1] + "v"  # braaf -> brave, half -> halve
    elif stem.endswith("s") and stem[-2:-1] not in ("", "s") and (stem[-2] in VOWELS + "j"):
        stem = stem[:-1] + "z"  # vies -> vieze, grijs -> grijze
    return stem + "e"
