"""The quick stem test on raw UTF-8 bytes (quicktest.py) must never say "no" where a stem occurs
in the text as `dutch.fold` sees it, with RE2 and without it; the lenient position pattern of
prefilter.py neither."""

from __future__ import annotations

import random
import re
import sys

import pytest

from stigmacheck.dutch import fold
from stigmacheck.screening.gate import SourceGate
from stigmacheck.screening.prefilter import GAP
from stigmacheck.screening.quicktest import HIDDEN_UTF8, QuickTest, fold_utf8

from test_parallel import CLEAN, _passages

# what may stand between the words of a two-word stem in a raw file
GAPS = [" ", "\xa0", "\u2009", "\u3000", "\n", " \t ", " <em>", "</b> ", '<span class="x">', "&nbsp;", "&#160;",
        "*", " _", "\u0085", "\x0b", "\x1f"]
ACCENTED = {"a": "áàäâ", "e": "éèëê", "i": "íìïî", "o": "óòöô", "u": "úùüû", "c": "ç", "n": "ñ", "y": "ýÿ"}
EXOTIC = {"a": "āą", "e": "ēę", "o": "őō", "u": "ūű", "s": "šş", "i": "ī", "r": "ř"}


@pytest.fixture(scope="module")
def stems(engine):
    return SourceGate(engine.checkers, engine.ruleset.names).stems


def _exact(stems):
    """The oracle: any stem, words separated by markup (prefilter.GAP), in the folded text."""
    rx = re.compile("|".join(re.escape(s).replace(r"\ ", GAP) for s in stems.stems))
    return lambda text: rx.search(fold(text)) is not None


def _variant(stem: str, rng: random.Random) -> str:
    out = []
    for ch in stem:
        if ch == " ":
            out.append(rng.choice(GAPS))
            continue
        r = rng.random()
        if r < 0.08 and ch in ACCENTED:
            ch = rng.choice(ACCENTED[ch])
        elif r < 0.1 and ch in EXOTIC:
            ch = rng.choice(EXOTIC[ch])
        out.append(ch.upper() if rng.random() < 0.3 else ch)
    word = "".join(out)
    if rng.random() < 0.3:  # a letter lost or doubled: often no stem any more
        i = rng.randrange(len(word))
        word = word[:i] + word[i + 1:] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]
    return rng.choice(["", "straat", "Raam", "oud-"]) + word + rng.choice(["", "s", "es", "beleid", "’", "."])


def _texts(stems, n=3000):
    rng = random.Random(7)
    texts = []
    for p in _passages():
        texts += [p, p.upper(), p.replace(" ", "\xa0"), "\ufeff" + p.replace("\n", "\r\n")]
    for _ in range(n):
        filler = rng.choice(CLEAN)
        at = rng.randrange(len(filler))
        texts.append(filler[:at] + " " + _variant(rng.choice(stems.stems), rng) + " " + filler[at:])
    return texts


@pytest.mark.parametrize("use_re2", [True, False], ids=["re2", "substrings"])
def test_quick_test_never_misses_what_the_exact_test_finds(stems, use_re2):
    if use_re2:
        pytest.importorskip("re2", reason="google-re2 is not installed")
    quick = QuickTest(stems.stems, use_re2=use_re2)
    assert (quick.dfa is not None) == use_re2
    texts, oracle = _texts(stems), _exact(stems)
    exact = [oracle(t) for t in texts]
    assert sum(exact) > 1500 and len(exact) - sum(exact) > 300  # both answers are well represented
    missed = [t for t, e in zip(texts, exact) if e and not quick(t.encode("utf-8"))]
    assert not missed, missed[:5]
    extra = [t for t, e in zip(texts, exact) if not e and quick(t.encode("utf-8"))]
    assert len(extra) < 0.05 * len(texts), extra[:5]  # lenient, but not much


def test_position_pattern_finds_every_stem_the_oracle_finds(stems):
    oracle = _exact(stems)
    for text in _texts(stems, 1000):
        if oracle(text):
            assert stems.search(text.lower()) is not None, text


def test_re2_and_substring_tests_agree(stems):
    pytest.importorskip("re2", reason="google-re2 is not installed")
    with_re2, without = QuickTest(stems.stems), QuickTest(stems.stems, use_re2=False)
    for text in _texts(stems, 1000):
        data = text.encode("utf-8")
        assert with_re2(data) == without(data), text


@pytest.mark.parametrize("use_re2", [True, False], ids=["re2", "substrings"])
def test_ordinary_text_is_settled_by_the_quick_test(stems, use_re2):
    if use_re2:
        pytest.importorskip("re2", reason="google-re2 is not installed")
    quick = QuickTest(stems.stems, use_re2=use_re2)
    for text in CLEAN + ["Zij liep achter de dames aan, van licht naar donker.", "Het gevallen blad ligt achter het huis."]:
        assert not quick(f"<p>{text}</p>".encode("utf-8")), text
    assert quick("Zij is een vrouw van <em>lichte</em> zeden.".encode("utf-8"))
    assert quick("HET PRIVÉHUIS".encode("utf-8"))


def test_fold_utf8_folds_latin1_letters_and_lowers_ascii():
    assert fold_utf8("PRIVÉHUIS prostituée Ça".encode("utf-8")) == b"privehuis prostituee ca"
    assert fold_utf8(b"Alleen ASCII") == b"alleen ascii"
    assert fold_utf8("prostitūtie".encode("utf-8")) is None  # beyond Latin-1: exact test only


def test_every_letter_beyond_latin1_that_folds_to_ascii_goes_to_the_exact_test():
    """Derives the exotic prefixes of quicktest.py from dutch.fold over all of Unicode."""
    plain_fold = fold.__wrapped__
    for code in range(0x80, sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        folded = plain_fold(ch)
        if not any("a" <= c <= "z" for c in folded):
            continue
        data = ch.encode("utf-8")
        if 0xC0 <= code <= 0xFF:
            assert fold_utf8(data) == folded.encode("ascii"), hex(code)
        else:
            assert fold_utf8(data) is None, hex(code)


@pytest.mark.parametrize("use_re2", [True, False], ids=["re2", "substrings"])
def test_markup_that_hides_a_letter_is_seen_by_the_quick_test(use_re2):
    """Every entity for a letter that folds to a-z (decimal, hex, leading zeros, any case), a
    soft hyphen, <wbr> and a hyphen at a line end make the quick test say "maybe"."""
    if use_re2:
        pytest.importorskip("re2", reason="google-re2 is not installed")
    quick = QuickTest([], use_re2=use_re2, extra=HIDDEN_UTF8)
    plain = fold.__wrapped__
    hiding = [c for c in range(1, 0x2200) if any("a" <= ch <= "z" for ch in plain(chr(c))) or c == 0xAD]
    assert len(hiding) > 400
    for code in hiding:
        for entity in (f"&#{code};", f"&#x{code:x};", f"&#X{code:X};", f"&#00{code};"):
            assert quick(f"priv{entity}huis".encode()), entity
    for named in ("&eacute;", "&Euml;", "&aelig;", "&shy;", "&SHY;"):
        assert quick(f"priv{named}huis".encode()), named
    for text in ("prosti\xadtutie", "prosti<wbr>tutie", "prosti<WBR/>tutie", "prostitu-\ntie", "prostitu- \r\ntie"):
        assert quick(text.encode()), text
    # entities for punctuation and white space hide no letter: a page full of them stays clean
    for text in ("it&#x27;s", "&quot;ja&quot;", "a&amp;b", "&#8217;", "&#160;", "&nbsp;", "&middot;", "&#39;"):
        assert not quick(text.encode()), text
