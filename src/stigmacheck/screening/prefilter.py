"""The cheap first pass: does this text contain any trigger stem at all, and where?

The stems come from every rule (term forms, compounds, concept words). The yes/no test runs on
UTF-8 bytes (quicktest.py). The positions come from one pattern searched in *lower-cased* text
(callers do `text.lower()`: one fast C pass, far cheaper than a Unicode IGNORECASE search) in
which every letter of a stem matches all its accented forms, so the search is case- and
accent-insensitive as `dutch.fold` is. Both are lenient where two-word stems share their first
word (see `quicktest.stems_pattern`): they may find a little more than the stems, never less;
what they find only decides which text the checks look at.
"""

from __future__ import annotations

import re
import unicodedata


def _accent_classes(ranges) -> dict[str, str]:
    """Base letter -> every lower-case letter in `ranges` that `dutch.fold` turns into it."""
    classes: dict[str, list[str]] = {}
    for code in (c for lo, hi in ranges for c in range(lo, hi)):
        ch = chr(code).lower()
        if len(ch) != 1:
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        if len(decomposed) > 1 and "a" <= base <= "z" and ch not in classes.get(base, ()):
            classes.setdefault(base, []).append(ch)
    return {base: base + "".join(sorted(chars)) for base, chars in classes.items()}


# Latin-1 letters (é, ë, ï, ç ...) cover Dutch; the classes stay small and compile fast. Letters
# with diacritics beyond Latin-1 ("ē", "ő", "ṕ") are rare: text that has any gets the full pattern.
ACCENTS = _accent_classes([(0xC0, 0x100)])
ALL_ACCENTS = _accent_classes([(0xC0, 0x250), (0x1E00, 0x1F00)])
_EXOTIC = re.compile("[\u0100-\u024f\u1e00-\u1eff]")


GAP = r"(?:[\s*_~`\xa0]|<[^<>]{0,200}>|&nbsp;|&#160;)+"  # between the words of a two-word stem


def stem_pattern(stem: str, accents: dict[str, str] = ACCENTS) -> str:
    out = []
    for ch in stem:
        if ch == " ":
            # a stem of two words ("oudste beroep"): white space, emphasis marks, tags or a
            # non-breaking space may stand between them in a raw Markdown or HTML file
            out.append(GAP)
        elif ch in accents:
            out.append("[" + accents[ch] + "]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def minimal_stems(stems) -> list[str]:
    """The stems without those that contain a shorter stem (the shorter one already finds them)."""
    kept: list[str] = []
    for s in sorted(set(stems), key=lambda s: (len(s), s)):
        if s and not any(k in s for k in kept):
            kept.append(s)
    return sorted(kept)


class Prefilter:
    """The stems of some rules: `contains` / `may_contain_utf8` for a quick yes/no (quicktest.py),
    `search` / `finditer` for where they occur in lower-cased text, accent-insensitive like
    `dutch.fold`. All patterns compile on first use: start-up stays cheap."""

    def __init__(self, stems: list[str]):
        self.stems = stems
        self._fast: re.Pattern | None = None
        self._full: re.Pattern | None = None
        self._quick: dict = {}  # QuickTest per value of `hidden`

    @property
    def fast(self) -> re.Pattern:
        if self._fast is None:
            self._fast = re.compile(_stems_pattern(self.stems, ACCENTS))
        return self._fast

    @property
    def pattern(self) -> str:
        return self.fast.pattern

    def may_contain_utf8(self, data: bytes, hidden: bool = False) -> bool:
        """False when no stem occurs in the text whose UTF-8 bytes are `data`; with `hidden`, also
        no markup that can hide a letter (quicktest.HIDDEN_UTF8)."""
        quick = self._quick.get(hidden)
        if quick is None:
            from stigmacheck.screening.quicktest import HIDDEN_UTF8, QuickTest

            quick = self._quick[hidden] = QuickTest(self.stems, extra=HIDDEN_UTF8 if hidden else ())
        return quick(data)

    def contains(self, text: str) -> bool:
        """False when no stem occurs in `text` (any case)."""
        return self.may_contain_utf8(text.encode("utf-8", "surrogatepass"))

    def _for(self, low: str) -> re.Pattern:
        if _EXOTIC.search(low) is None:
            return self.fast
        if self._full is None:  # compiled only when such text turns up (slow to compile)
            self._full = re.compile(_stems_pattern(self.stems, ALL_ACCENTS))
        return self._full

    def search(self, low: str, pos: int = 0):
        return self._for(low).search(low, pos)

    def finditer(self, low: str):
        return self._for(low).finditer(low)


def _stems_pattern(stems: list[str], accents: dict[str, str]) -> str:
    from stigmacheck.screening.quicktest import stems_pattern

    return "|".join(stems_pattern(stems, lambda w: stem_pattern(w, accents), GAP))


def compile_prefilter(stems) -> Prefilter | None:
    """One alternation of all stems, to be searched in lower-cased text."""
    kept = minimal_stems(stems)
    if not kept:
        return None
    return Prefilter(kept)
