"""The cheap first pass: does this text contain any trigger stem at all?

The stems come from every rule (term forms, compounds, concept words); the search is case- and
accent-insensitive and runs on raw text, so clean files never reach the tokenizer or spaCy.
"""

from __future__ import annotations

import re

ACCENTS = {
    "a": "aàáâäã",
    "e": "eèéêë",
    "i": "iìíîï",
    "o": "oòóôöõ",
    "u": "uùúûü",
    "y": "yÿý",
    "c": "cç",
    "n": "nñ",
}


def stem_pattern(stem: str) -> str:
    out = []
    for ch in stem:
        if ch in ACCENTS:
            out.append("[" + ACCENTS[ch] + "]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def compile_prefilter(stems) -> re.Pattern | None:
    stems = sorted(set(stems), key=lambda s: (-len(s), s))
    # drop stems that contain a shorter stem: the shorter one already finds them
    kept: list[str] = []
    for s in sorted(stems, key=len):
        if not any(k in s for k in kept):
            kept.append(s)
    if not kept:
        return None
    return re.compile("|".join(stem_pattern(s) for s in sorted(kept)), re.IGNORECASE)
