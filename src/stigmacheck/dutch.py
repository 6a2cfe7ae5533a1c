"""Dutch morphology helpers: accent folding, case transfer, noun and verb paradigms.

The paradigms are deliberately small and predictable. A rule author writes the dictionary
form (and, for irregular words, the one or two forms the defaults get wrong); everything
else is derived here, so inflections are never listed by hand in the rule files.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

VOWELS = set("aeiouy")

# Tags used for word forms. A match records the tag of the form it hit, and the
# replacement is produced in the same tag, so "prostituees" -> "sekswerkers".
NOUN_TAGS = ("sg", "pl", "dim", "dimpl")
VERB_TAGS = ("inf", "stem", "sg3", "past", "pastpl", "part", "partadj", "prespart", "prespartadj")


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if len(decomposed) > 1 else ch


# Latin letters with diacritics -> base letter, one character for one (str.translate runs in C)
_FOLD_TABLE = {c: _fold_char(chr(c)) for c in range(0xC0, 0x250) if _fold_char(chr(c)) != chr(c)}


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case and strip diacritics, keeping one output character per input character.

    Characters that decompose to a base letter plus marks become the base letter; a lone
    combining mark is kept as is (it never occurs inside a term, so it simply prevents a match).
    """
    low = text.lower()
    if low.isascii():
        return low
    low = low.translate(_FOLD_TABLE)
    if all(ord(ch) < 0x250 for ch in low):
        return low
    return "".join(ch if ord(ch) < 0x250 else _fold_char(ch) for ch in low)


def case_pattern(text: str) -> str:
    """'upper' for ALL CAPS (two letters or more), 'title' for a capital first letter, else 'lower'."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    if letters and letters[0].isupper():
        return "title"
    return "lower"


def apply_case(text: str, pattern: str) -> str:
    if pattern == "upper":
        return text.upper()
    if pattern == "title":
        for i, c in enumerate(text):
            if c.isalpha():
                return text[:i] + c.upper() + text[i + 1 :]
    return text


def transfer_case(source: str, replacement: str) -> str:
    """Case the replacement like the text it replaces ("PROSTITUTIE" -> "SEKSWERK")."""
    return apply_case(replacement, case_pattern(source))


# --------------------------------------------------------------------------- nouns


CONSONANTS = "bcdfghjklmnpqrstvwxz"


def _split_final(word: str) -> tuple[str, str]:
    """(everything up to the last vowel, trailing consonants); 'ij' counts as a vowel."""
    w = word.replace("ij", "\u00ff")
    head = w.rstrip(CONSONANTS)
    return head.replace("\u00ff", "ij"), w[len(head):]


def _is_long_final(word: str) -> bool:
    """True when the last syllable has a long vowel or diphthong written with two letters."""
    head, _ = _split_final(word)
    return head.endswith("ij") or (len(head) >= 2 and head[-1] in VOWELS and head[-2] in VOWELS)


def _ends_in_schwa_syllable(word: str) -> bool:
    """-er/-el/-em/-en after a consonant (werker, kamer), and the agentive -aar, -eur, -je."""
    if word.endswith(("je", "aar", "eur")):
        return True
    return len(word) >= 3 and word[-2:] in ("er", "el", "em", "en") and word[-3] not in VOWELS


def plural(noun: str) -> str:
    """Default Dutch plural; rules override it for irregular nouns."""
    w = noun
    if w.endswith(("e", "\u00e9")) or w[-1] in "oy":
        return w + "s"
    if w[-1] in "aiu":
        return w + "'s"
    if _ends_in_schwa_syllable(w):
        return w + "s"
    head, cons = _split_final(w)
    if _is_long_final(w):
        # bordeel -> bordelen, bedrijf -> bedrijven: a doubled vowel is written single in an
        # open syllable, and a final f/s becomes v/z.
        if len(cons) == 1 and head[-1] == head[-2] and head[-1] in "aeou":
            head = head[:-1]
        if cons == "f":
            cons = "v"
        elif cons == "s":
            cons = "z"
        return head + cons + "en"
    if len(cons) == 1 and head and head[-1] in VOWELS:
        return w + w[-1] + "en"  # short vowel: slet -> sletten
    return w + "en"


def diminutive(noun: str) -> str:
    """Default Dutch diminutive; rules override it for irregular nouns."""
    w = noun
    if fold(w[-1]) in "aeiouy":
        return w + "tje"  # prostitué -> prostituétje, not prostituéje
    if w.endswith("m"):
        return w + "pje"
    head, cons = _split_final(w)
    if w[-1] in "lnrw" and len(cons) == 1 and (_is_long_final(w) or _ends_in_schwa_syllable(w)):
        return w + "tje"
    if w[-1] in "lnr" and len(cons) == 1:
        return w + w[-1] + "etje"
    return w + "je"


def noun_forms(sg: str, pl: str | None = None, dim: str | None = None) -> dict[str, str]:
    d = dim or diminutive(sg)
    return {"sg": sg, "pl": pl or plural(sg), "dim": d, "dimpl": d + "s"}


# --------------------------------------------------------------------------- verbs

_KOFSCHIP = set("tkfschp")


def verb_forms(inf: str, stem: str, past: str | None = None, part: str | None = None) -> dict[str, str]:
    """Forms of a verb from its infinitive and stem; weak past and participle are derived.

    Strong verbs give `past` and `part` explicitly (verkopen: verkocht, verkocht).
    """
    sg3 = stem if stem.endswith("t") else stem + "t"
    if past is None:
        last = stem[-1]
        past = stem + ("te" if last in _KOFSCHIP or stem.endswith("x") else "de")
    pastpl = past + "n" if past.endswith("e") else past + "en"
    if part is None:
        suffix = "t" if past.endswith("te") else "d"
        base = stem if not stem.endswith(suffix) else stem[: -1]
        part = ("ge" + base + suffix) if not _has_unstressed_prefix(inf) else (base + suffix)
    partadj = part + "e" if part[-1] in "dt" else part
    return {
        "inf": inf,
        "stem": stem,
        "sg3": sg3,
        "past": past,
        "pastpl": pastpl,
        "part": part,
        "partadj": partadj,
        "prespart": inf + "d",
        "prespartadj": inf + "de",
    }


def _has_unstressed_prefix(inf: str) -> bool:
    return inf.startswith(("be", "ge", "ver", "ont", "her", "er"))


def inflect_like(forms: dict[str, str], tag: str) -> str:
    """The form with the same tag, falling back from diminutives to plain nouns."""
    if tag in forms:
        return forms[tag]
    fallback = {"dim": "sg", "dimpl": "pl", "stem": "inf"}
    return forms.get(fallback.get(tag, "sg"), next(iter(forms.values())))
