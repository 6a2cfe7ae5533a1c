"""The cheap first pass: does this text contain any trigger stem at all?

The stems come from every rule (term forms, compounds, concept words). The compiled pattern is
searched in *lower-cased* text (callers do `text.lower()`: one fast C pass, far cheaper than a
Unicode IGNORECASE search) and every letter of a stem matches all its accented forms, so the
search is case- and accent-insensitive exactly as `dutch.fold` is. It runs on raw text, so clean
files never reach a reader, the tokenizer or spaCy.
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


def stem_pattern(stem: str, accents: dict[str, str] = ACCENTS) -> str:
    out = []
    for ch in stem:
        if ch == " ":
            # a stem of two words ("oudste beroep"): white space, emphasis marks, tags or a
            # non-breaking space may stand between them in a raw Markdown or HTML file
            out.append(r"(?:[\s*_~`\xa0]|<[^<>]{0,200}>|&nbsp;|&#160;)+")
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


_NON_ASCII = re.compile(r"[^\x00-\x7f]")

REACH = 600  # characters around a key word in which its two-word stems are confirmed
GAP = r"(?:[\s*_~`\xa0]|<[^<>]{0,200}>|&nbsp;|&#160;)+"


def _fold_match(m: re.Match) -> str:
    from stigmacheck.dutch import fold

    return fold(m.group())


class Prefilter:
    """An alternation of stems, searched in lower-cased text; accent-insensitive like `dutch.fold`."""

    def __init__(self, stems: list[str]):
        self.stems = stems
        self._fast: re.Pattern | None = None
        self._full: re.Pattern | None = None
        # contains(): plain substring tests on folded text (C speed); a two-word stem is tested by
        # its longest word first and confirmed with a small pattern only where that word occurs
        self._single = [s for s in stems if " " not in s]
        self._by_key: dict[str, list[str]] = {}
        for s in stems:
            if " " in s:
                self._by_key.setdefault(max(s.split(), key=len), []).append(re.escape(s).replace(r"\ ", GAP))
        self._multi_rx: list[tuple[str, re.Pattern]] | None = None
        self._quick = None  # the QuickTest of may_contain_utf8, built on first use

    @property
    def fast(self) -> re.Pattern:
        """The stems as one pattern (compiled on first use: start-up stays cheap)."""
        if self._fast is None:
            self._fast = re.compile("|".join(stem_pattern(s) for s in self.stems))
        return self._fast

    @property
    def pattern(self) -> str:
        return self.fast.pattern

    def may_contain_utf8(self, data: bytes) -> bool:
        """Quick necessary test on the UTF-8 bytes of a text: False means `contains` is False for
        that text lower-cased (see quicktest.py)."""
        if self._quick is None:
            from stigmacheck.quicktest import QuickTest

            self._quick = QuickTest(self.stems)
        return self._quick(data)

    def contains(self, low: str) -> bool:
        """Whether any stem occurs in lower-cased `low`: the fast yes/no of `search`."""
        text = low if low.isascii() else _NON_ASCII.sub(_fold_match, low)
        if len(text) != len(low):
            return self.search(low) is not None  # a letter whose folding changes length: be exact
        for s in self._single:
            if s in text:
                return True
        if self._multi_rx is None:
            self._multi_rx = [(key, re.compile("|".join(parts))) for key, parts in sorted(self._by_key.items())]
        for key, rx in self._multi_rx:
            # the confirming pattern runs only near each occurrence of the key word; a stem is at
            # most a few words plus markup (GAP allows tags of up to 200 characters) either side
            at = text.find(key)
            while at >= 0:
                if rx.search(text, max(0, at - REACH), at + len(key) + REACH):
                    return True
                at = text.find(key, at + 1)
        return False

    def _for(self, low: str) -> re.Pattern:
        if _EXOTIC.search(low) is None:
            return self.fast
        if self._full is None:  # compiled only when such text turns up (slow to compile)
            self._full = re.compile("|".join(stem_pattern(s, ALL_ACCENTS) for s in self.stems))
        return self._full

    def search(self, low: str, pos: int = 0):
        return self._for(low).search(low, pos)

    def finditer(self, low: str):
        return self._for(low).finditer(low)


def compile_prefilter(stems) -> Prefilter | None:
    """One alternation of all stems, to be searched in lower-cased text."""
    kept = minimal_stems(stems)
    if not kept:
        return None
    return Prefilter(kept)
