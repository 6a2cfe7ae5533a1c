"""Token patterns that rule authors write as plain text, shared by the conflation and framing kinds.

A pattern is a row of words separated by spaces. Each word may be:
  `woord`          that word (case and accents do not matter)
  `a|b|c`          one of these words
  `prostitu*`      a word that starts with ..., `*prostitutie` one that ends with ...
  `@begrip`        any word of a concept in rules/_begrippen.yaml
  `re:\\d+-jarige`  a regular expression for the whole word (RE2 syntax, see below)
  `woord?`         the word may be left out
  `:` `/` `,` `(`  punctuation between the words around it (`,?`: the comma may be left out)
Concept lists may hold several words per entry ("seksuele uitbuiting"); those match as phrases.

Regular expressions come from reviewers and config files, so they run on RE2 (google-re2), which
takes time linear in the word whatever the pattern: `re:(a+)+$` cannot hang. RE2 has no
back-references (`\\1`) or look-arounds (`(?=`, `(?<=`); such a pattern is a PatternError that the
rule validation reports with its file and line. Words are folded (lower case, no accents) before
they are tested. Without google-re2 installed, Python's `re` runs them and patterns that nest
quantifiers (`(a+)+`) are refused instead.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache

from stigmacheck.dutch import fold

PUNCTUATION = set(":/,;()-–&")


class PatternError(ValueError):
    pass


@dataclass
class WordTest:
    exact: frozenset = frozenset()
    globs: tuple = ()
    regexes: tuple = ()  # compiled by compile_regex: RE2 (or, without it, screened Python re)
    _combined: re.Pattern | None = field(default=None, repr=False)
    _regex: object = field(default=None, repr=False)
    _seen: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        if self.globs:  # fnmatch's translation cannot backtrack badly
            self._combined = re.compile("|".join(f"(?:{fnmatch.translate(g)})" for g in self.globs), re.IGNORECASE)
        if self.regexes:
            self._regex = compile_regex("|".join(f"(?:{r.pattern})" for r in self.regexes))

    def __call__(self, word: str) -> bool:
        if word in self.exact:
            return True
        if self._combined is None and self._regex is None:
            return False
        hit = self._seen.get(word)
        if hit is None:
            hit = (self._combined is not None and self._combined.match(word) is not None) or (
                self._regex is not None and self._regex.fullmatch(word) is not None)
            self._seen[word] = hit
            if len(self._seen) > 20000:
                self._seen.clear()
        return hit

    def stems(self) -> list[str]:
        """Literal pieces a prefilter can search for: exact words and the fixed parts of wildcards."""
        out = list(self.exact)
        for g in self.globs:
            pieces = [p for p in re.split(r"[*?\[\]]", g) if p]
            if pieces:
                out.append(max(pieces, key=len))
        return out


@dataclass
class Slot:
    test: WordTest
    optional: bool = False
    gap: str = ""  # punctuation required between the previous word and this one
    gap_optional: bool = False  # ",?": the punctuation may also be left out


@dataclass
class Pattern:
    source: str
    slots: list[Slot] = field(default_factory=list)


class Concepts:
    """Named word lists (rules/_begrippen.yaml), compiled once."""

    def __init__(self, concepts: dict[str, list[str]]):
        self.raw = concepts

    def words(self, name: str) -> list[str]:
        if name not in self.raw:
            raise PatternError(f"onbekend begrip '@{name}'")
        return self.raw[name]

    @lru_cache(maxsize=256)
    def test(self, spec: str) -> WordTest:
        """A WordTest for `a|@begrip|x*` (single words only)."""
        exact, globs, regexes = set(), [], []
        for alt in spec.split("|"):
            if alt.startswith("@"):
                items = [w for w in self.words(alt[1:]) if " " not in w]
            else:
                items = [alt]
            for item in items:
                if item.startswith("re:"):
                    regexes.append(compile_regex(item[3:]))
                elif "*" in item or "?" in item[:-1]:
                    globs.append(fold(item))
                else:
                    exact.add(fold(item))
        return WordTest(frozenset(exact), tuple(globs), tuple(regexes))

    def phrases(self, name: str) -> list[list[str]]:
        """Multi-word entries of a concept, as folded word lists."""
        return [fold(w).split() for w in self.words(name) if " " in w]


def compile_regex(text: str):
    """A case-insensitive regular expression of a rule, on RE2 (linear time); PatternError (Dutch)
    when RE2 cannot run it. Without google-re2: Python's re, refusing nested quantifiers."""
    try:
        import re2
    except ImportError:
        return _compile_python(text)
    options = re2.Options()
    options.log_errors = False  # the error goes to the reviewer as a PatternError, not to stderr
    try:
        return re2.compile(f"(?i){text}", options)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"ongeldige reguliere expressie '{text}': {reason} (regels gebruiken RE2-syntaxis: "
                           "geen terugverwijzingen zoals \\1 en geen lookarounds zoals (?=...))") from None


_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")


def _compile_python(text: str) -> re.Pattern:
    if _NESTED_QUANTIFIER.search(text):
        raise PatternError(f"reguliere expressie '{text}' herhaalt een herhaling (zoals (a+)+); dat kan eindeloos "
                           "lang duren. Installeer google-re2 of schrijf het patroon anders")
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise PatternError(f"ongeldige reguliere expressie '{text}': {exc}") from None


def compile_pattern(text: str, concepts: Concepts) -> Pattern:
    pattern = Pattern(text)
    gap = ""
    gap_optional = False
    for raw in text.split():
        if all(c in PUNCTUATION for c in raw):
            gap += raw
            continue
        if len(raw) > 1 and raw.endswith("?") and all(c in PUNCTUATION for c in raw[:-1]):
            gap += raw[:-1]
            gap_optional = True
            continue
        optional = raw.endswith("?") and len(raw) > 1 and not raw.startswith("re:")
        spec = raw[:-1] if optional else raw
        pattern.slots.append(Slot(concepts.test(spec), optional, gap, gap_optional))
        gap = ""
        gap_optional = False
    if not pattern.slots:
        raise PatternError(f"patroon '{text}' bevat geen woorden")
    return pattern


def pattern_stems(pattern: Pattern, min_len: int = 4) -> list[str]:
    """Prefilter stems for a pattern: those of its most specific required word. A word written as a
    regular expression cannot give stems; a pattern whose every word is short or a regex gives none,
    and then the caller must fall back to something else (e.g. the rule's topic)."""
    pair = _pair_stems(pattern)
    if pair:
        return pair
    best: list[str] = []
    best_score = 0
    for slot in pattern.slots:
        if slot.optional or slot.test.regexes:
            continue
        stems = slot.test.stems()
        if not stems:
            continue
        score = min(len(s) for s in stems)
        if score > best_score:
            best, best_score = stems, score
    return best if best_score >= min_len else []


def _pair_stems(pattern: Pattern, limit: int = 24) -> list[str]:
    """Two adjacent required words written out ("oudste beroep", "gevallen vrouwen"): far rarer in
    ordinary text than either word alone. Only for slots of plain words, not wildcards or concepts."""
    best: list[str] = []
    best_score = 0
    slots = pattern.slots
    for a, b in zip(slots, slots[1:]):
        if a.optional or b.optional or b.gap or a.test.globs or b.test.globs or a.test.regexes or b.test.regexes:
            continue
        if not a.test.exact or not b.test.exact or len(a.test.exact) * len(b.test.exact) > limit:
            continue
        stems = [f"{x} {y}" for x in a.test.exact for y in b.test.exact]
        score = min(len(s) for s in stems)
        if score > best_score:
            best, best_score = stems, score
    return best if best_score >= 8 else []


def match_at(analysis, k: int, pattern: Pattern) -> int | None:
    """Index after the last token when `pattern` matches from token k, else None."""
    tokens = analysis.tokens
    text = analysis.text

    def rec(slot_i: int, tok_i: int, prev_end: int | None) -> int | None:
        if slot_i == len(pattern.slots):
            return tok_i
        slot = pattern.slots[slot_i]
        if tok_i < len(tokens):
            tok = tokens[tok_i]
            gap_text = "" if prev_end is None else text[prev_end : tok.start]
            gap_ok = prev_end is None or _gap_ok(gap_text, slot.gap) or (slot.gap_optional and _gap_ok(gap_text, ""))
            if gap_ok and slot.test(tok.folded):
                found = rec(slot_i + 1, tok_i + 1, tok.end)
                if found is not None:
                    return found
        if slot.optional:
            return rec(slot_i + 1, tok_i, prev_end)
        return None

    return rec(0, k, None)


def _gap_ok(gap: str, required: str) -> bool:
    stripped = gap.strip()
    if not required:
        return stripped == ""
    return all(c in stripped for c in required) and all(c in PUNCTUATION or c.isspace() for c in stripped)


def phrase_at(analysis, k: int, phrases: list[list[str]]) -> int | None:
    """Index after the longest multi-word concept entry that starts at token k."""
    tokens = analysis.tokens
    best = None
    for words in phrases:
        n = len(words)
        if k + n <= len(tokens) and all(tokens[k + i].folded == w for i, w in enumerate(words)):
            if all(not analysis.text[tokens[k + i].end : tokens[k + i + 1].start].strip() for i in range(n - 1)):
                best = max(best or 0, k + n)
    return best


def sentence_has(analysis, start: int, end: int, phrases: list[str]) -> bool:
    """Whether the folded text between start and end contains one of the phrases as whole words."""
    chunk = " " + " ".join(re.findall(r"[^\W_]+", analysis.folded[start:end])) + " "
    return any(" " + " ".join(re.findall(r"[^\W_]+", fold(p))) + " " in chunk for p in phrases)
