"""The quick stem test on raw UTF-8 bytes: can this file contain any trigger stem at all?

Nearly every page of a website has no stem, so this test decides most files. It works on the
file's bytes as read, without decoding, lower-casing or folding a str:

- `fold_utf8` lowers ASCII capitals and folds the Latin-1 letters in one `bytes.translate`;
- the stems then form one pattern. With google-re2 installed (a dependency) that pattern runs as
  one DFA pass over the bytes whatever the number of stems; without it, each stem (grouped by
  its first four letters) is a substring test and each group of two-word stems a pattern with a
  literal start, which `re` skips to at C speed.

The test is lenient by design: it may say "maybe" where no stem is (the exact test in
prefilter.py then decides), never "no" where one is. Tests compare it with the exact test.
"""

from __future__ import annotations

import re


def _utf8_fold_table() -> bytes:
    """ASCII capitals lowered; the second byte of a Latin-1 letter (U+00C0..U+00FF, first byte
    0xC3, which fold_utf8 drops) replaced by its folded letter: "é" = C3 A9 -> "e". Second bytes of
    other characters are mapped the same way and may become stray letters beside a word: that
    can add a hit, never hide one."""
    from stigmacheck.dutch import fold

    table = bytearray(range(256))
    for b in range(ord("A"), ord("Z") + 1):
        table[b] = b + 32
    for b in range(0x80, 0xC0):
        base = fold(chr(0xC0 + b - 0x80))
        if len(base) == 1 and "a" <= base <= "z":
            table[b] = ord(base)
    return bytes(table)


_UTF8_FOLD = _utf8_fold_table()
# Letters beyond Latin-1 that fold to a-z: Latin Extended-A/B (first bytes C4..C8), Latin Extended
# Additional (E1 B8..E1 BB), the Kelvin and Ångström signs. tests/test_quicktest.py derives the
# list from dutch.fold over all of Unicode.
_EXOTIC_LEADS = b"\xc4\xc5\xc6\xc7\xc8"
_EXOTIC_UTF8 = re.compile(rb"\xe1[\xb8-\xbb]|\xe2\x84[\xaa\xab]")

# What may stand between the words of a two-word stem, at least as lenient as prefilter.GAP:
# white space, emphasis marks, any non-ASCII character (a lead byte and up to three more, whose
# second bytes fold_utf8 may have turned into letters), tags of any length and a written nbsp.
GAP_UTF8 = r"(?:[\t-\r \x1c-\x1f*_~`]|[\xc2-\xf4][\x00-\xff]{1,3}|<[^<>]*>|&nbsp;|&#160;)+"


# Markup that can hide a letter of a stem (gate.py undoes it before the real test), as it looks
# after fold_utf8: an entity for a letter that folds to a-z (or a soft hyphen), a soft hyphen
# (C2 AD: its second byte folds to "i"), <wbr>, a hyphen at the end of a line. Each starts with
# a literal, for the fallback without RE2. tests/test_quicktest.py checks the entity ranges.
HIDDEN_UTF8 = [
    r"&(?:#x0*(?:4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a]|ad|[c-f][0-9a-f]|[12][0-9a-f]{2}|1e[0-9a-f]{2}|212[ab])"
    r"|#0*(?:6[5-9]|[78][0-9]|9[07-9]|1[01][0-9]|12[0-2]|173|19[2-9]|2[0-9]{2}|[3-5][0-9]{2}|7[6-9][0-9]{2}|849[01])"
    r"|[a-z](?:acute|grave|circ|uml|tilde|cedil|ring|slash|caron|macr)|[a-z]{2}lig|shy);",
    r"\xc2" + chr(_UTF8_FOLD[0xAD]),
    r"<wbr",
    r"-[ \t]*[\r\n]",
]


def fold_utf8(data: bytes) -> bytes | None:
    """UTF-8 `data` folded for the quick test, or None when it has a letter beyond Latin-1 that
    folds to a-z (then only the exact test on decoded text will do)."""
    if data.isascii():
        return data.lower()
    if any(lead in data for lead in _EXOTIC_LEADS):
        return None
    if (b"\xe1" in data or b"\xe2\x84" in data) and _EXOTIC_UTF8.search(data):
        return None
    return data.translate(_UTF8_FOLD, b"\xc3")


def stems_pattern(stems: list[str], word, gap: str) -> list[str]:
    """Alternatives of one pattern for `stems`: `word(stem)` for each single-word stem, then one
    per first four letters of the two-word stems. In those, per word count, each position
    allows any word seen there, so "verkocht haar lichaam", "verkoop uw lichaam" ... (a hundred
    stems) become one small alternative that starts with a literal ("verk"). Combinations no
    stem has ("verkocht uw lichaam") match too: a prefilter may be that lenient."""
    groups: dict[str, dict[int, list[set[str]]]] = {}
    for s in stems:
        if " " in s:
            head = s.split(" ", 1)[0][:4]
            words = s[len(head):].split(" ")
            slots = groups.setdefault(head, {}).setdefault(len(words), [set() for _ in words])
            for slot, w in zip(slots, words):
                slot.add(w)
    out = [word(s) for s in stems if " " not in s]
    for head, by_length in sorted(groups.items()):
        alternatives = [
            gap.join(_any(word(w) for w in sorted(slot, key=lambda w: (-len(w), w))) for slot in slots)
            for _, slots in sorted(by_length.items())
        ]
        out.append(word(head) + _any(alternatives))
    return out


def _any(patterns) -> str:
    return "(?:" + "|".join(patterns) + ")"


def compile_dfa(pattern: bytes):
    """`pattern` compiled by RE2 over bytes, or None when google-re2 is not installed."""
    try:
        import re2
    except ImportError:
        return None
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1  # bytes are bytes, not UTF-8
    options.log_errors = False
    options.never_capture = True
    options.max_mem = 32 << 20
    try:
        return re2.compile(pattern, options)
    except re2.error:
        return None


class QuickTest:
    """Called with a file's UTF-8 bytes: False when no stem can occur in them (nor any of the
    `extra` patterns, which must start with a literal)."""

    def __init__(self, stems: list[str], use_re2: bool = True, extra: list[str] = ()):
        parts = [p.encode("latin-1") for p in stems_pattern(stems, re.escape, GAP_UTF8) + list(extra)]
        self.dfa = compile_dfa(b"|".join(parts)) if use_re2 else None
        if self.dfa is None:  # without RE2: substring tests, stems grouped by their first four letters
            single = [s.encode() for s in stems if " " not in s]
            by_start: dict[bytes, list[bytes]] = {}
            for s in single:
                by_start.setdefault(s[:4], []).append(s)
            self.single = [(v[0], None) if len(v) == 1 else (k, v) for k, v in sorted(by_start.items())]
            self.groups = [re.compile(p) for p in parts[len(single):]]

    def __call__(self, data: bytes) -> bool:
        text = fold_utf8(data)
        if text is None:
            return True
        if self.dfa is not None:
            return self.dfa.search(text) is not None
        for key, members in self.single:
            if key in text and (members is None or any(m in text for m in members)):
                return True
        return any(rx.search(text) for rx in self.groups)
