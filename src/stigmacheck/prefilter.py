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


def _accent_classes() -> dict[str, str]:
    """Base letter -> every lower-case Latin letter that `dutch.fold` turns into it."""
    classes: dict[str, list[str]] = {}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code).lower()
        if len(ch) != 1:
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        if len(decomposed) > 1 and "a" <= base <= "z" and ch not in classes.get(base, ()):
            classes.setdefault(base, []).append(ch)
    return {base: base + "".join(sorted(chars)) for base, chars in classes.items()}


ACCENTS = _accent_classes()


def stem_pattern(stem: str) -> str:
    out = []
    for ch in stem:
        if ch in ACCENTS:
            out.append("[" + ACCENTS[ch] + "]")
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


def compile_prefilter(stems) -> re.Pattern | None:
    """One alternation of all stems, to be searched in lower-cased text."""
    kept = minimal_stems(stems)
    if not kept:
        return None
    return re.compile("|".join(stem_pattern(s) for s in kept))
