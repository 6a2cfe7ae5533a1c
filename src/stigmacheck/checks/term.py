"""The `term` kind: stigmatising words with Dutch inflection, compounds and multi-word forms.

A rule lists dictionary forms (`noun`, `verb`, `phrase`); this module derives the inflected
forms, finds them as whole words, as parts of closed compounds ("raamprostituees",
"prostitutiebeleid") and as truncated parts ("prostitutie- en ..."), and builds a replacement
in the same form and letter case ("Straatprostituees" -> "Straatsekswerkers").
"""

from __future__ import annotations

import re

from stigmacheck.checks.base import BaseChecker, Kind
from stigmacheck.screening.stems import BlockStems
import fnmatch

from stigmacheck.agreement import agree, inflect, phrase_is_definite
from stigmacheck.analysis import Match
from stigmacheck.checks.term_entries import (  # noqa: F401  (FIELDS, check_rule, ... are this kind's interface)
    CLAUSE_BREAK,
    FIELDS,
    MIN_PREFIX,
    MIN_REST,
    ORDINARY_WINDOW,
    POSSESSIVES,
    REFLEXIVES,
    Entry,
    build_entries,
    check_concepts,
    check_rule,
    conflicting_entries,
)
from stigmacheck.dutch import diminutive, fold, inflect_like, transfer_case

# --------------------------------------------------------------------------- the checker


class TermChecker(BaseChecker):
    gate_window = 120  # a verb and its object are at most 4 words apart

    def __init__(self, rules, concepts=None):
        from stigmacheck.patterns import Concepts

        self.entries: list[Entry] = [e for r in rules for e in build_entries(r)]
        known = concepts if isinstance(concepts, Concepts) else Concepts(concepts or {})
        for e in self.entries:
            data = e.rule.data["terms"][e.index]
            e.topic = known.test(data["topic"]) if data.get("topic") else None
            e.ordinary = known.test(data["ordinary"]) if e.topic is not None and data.get("ordinary") else None
            e.near_tests = [
                (tuple(known.test(item[key]) if key in item else None for key in ("near", "also_near", "not_near")), forms)
                for item, forms in e.near_replace
            ]
        self.exact: dict[str, list[tuple[Entry, str]]] = {}
        self.parts: list[tuple[str, Entry, str]] = []  # (folded form, entry, tag or 'mod')
        self.phrases: dict[str, list[Entry]] = {}
        for e in self.entries:
            if e.kind == "phrase":
                for word in e.phrase[0]:
                    self.phrases.setdefault(word, []).append(e)
                continue
            for form, tag in e.all_forms.items():
                self.exact.setdefault(form, []).append((e, tag))
                if e.compounds in ("any", "head"):
                    self.parts.append((form, e, tag))
            if e.compounds in ("any", "modifier"):
                for m in e.modifiers:
                    self.parts.append((m, e, "mod"))
        self.parts.sort(key=lambda p: -len(p[0]))
        self.trigger_stems = sorted({s for e in self.entries for s in e.triggers})
        self._stems = BlockStems(self.trigger_stems)

    def triggers(self) -> list[str]:
        return self.trigger_stems

    def check(self, analysis) -> list[Match]:
        if not self._stems.in_block(analysis):
            return []  # no stem, not even in a word split over two lines
        out = []
        tokens = analysis.tokens
        for k, tok in enumerate(tokens):
            if tok.folded in self.phrases:
                out += self._phrases(analysis, k)
            if tok.folded not in self.exact and not self._stems.in_word(tok.folded):
                continue  # (a verb whose object is the trigger, "verkocht ... lichaam", is exact)
            match = self._word(analysis, k)
            if match:
                out.append(match)
        for m in out:
            if m.topic is None:
                continue
            ordinary = next(e.ordinary for e in self.entries if e.topic is m.topic)
            if ordinary is not None:
                after = [t for t in tokens if t.start >= m.end][:ORDINARY_WINDOW]
                if not any(ordinary(t.folded) for t in after):
                    m.topic = None  # nothing points to the ordinary meaning: a finding anyway
        for m in out:
            if m.fixable and _refers_back_to_exploitation(analysis, m.start):
                m.fixable = False
                m.reason = REFERS_BACK
        return out

    # -- single words and compounds

    def _word(self, analysis, k: int) -> Match | None:
        tok = analysis.tokens[k]
        word = tok.folded
        truncated = word.endswith("-")
        if truncated:
            word = word[:-1]
        hits = self.exact.get(word)
        if hits:
            entry, tag = hits[0]
            if self._excepted(entry, word):
                return None
            if truncated:
                return self._compound(analysis, tok, entry, "", "", "mod", truncated=True)
            if entry.kind == "verb":
                return self._verb(analysis, k, entry, tag)
            match = self._make(entry, tok.start, tok.end, tok.text, self._suggest_noun(entry, tag, tok.text, word))
            if self._near(analysis, k, match, entry, tag):
                return match
            return self._with_article(analysis, k, match, entry, tag)
        for form, entry, tag in self.parts:
            at = word.find(form)
            if at < 0:
                continue
            prefix, rest = word[:at], word[at + len(form) :]
            if self._excepted(entry, word):
                return None
            if rest == "" and tag != "mod":
                if len(prefix.rstrip("-")) < MIN_PREFIX or entry.compounds == "modifier":
                    continue
                match = self._compound(analysis, tok, entry, prefix, "", tag, truncated)
                return self._with_article(analysis, k, match, entry, tag)
            if tag == "mod" and (len(rest.lstrip("-")) >= MIN_REST or truncated):
                if prefix and len(prefix.rstrip("-")) < MIN_PREFIX:
                    continue
                if rest and rest not in ("s", "en", "tje", "tjes") and self.exact.get(word) is None:
                    return self._compound(analysis, tok, entry, prefix, rest, "mod", truncated)
        return None

    NEAR_WINDOW = 10  # words on each side, within the sentence

    def _near(self, analysis, k: int, match: Match, entry: Entry, tag: str) -> bool:
        """A replacement chosen by what the sentence says ('een loverboy aangehouden' -> 'een verdachte
        van mensenhandel aangehouden'; 'de pooier dwong' -> 'uitbuiter'). True when one applied."""
        tests = getattr(entry, "near_tests", None)
        if not tests:
            return False
        tokens, text = analysis.tokens, analysis.text
        around = []
        for step in (-1, 1):
            j = k
            while 0 <= j + step < len(tokens) and abs(j + step - k) <= self.NEAR_WINDOW:
                a, b = (tokens[j + step], tokens[j]) if step < 0 else (tokens[j], tokens[j + step])
                if any(c in text[a.end : b.start] for c in ".!?;"):
                    break
                j += step
                around.append(tokens[j].folded)
        for (near, also, not_near), forms in tests:
            if (any(near(w) for w in around) and (also is None or any(also(w) for w in around))
                    and not (not_near is not None and any(not_near(w) for w in around))):
                match.suggestions = [transfer_case(tokens[k].text, inflect_like(forms, tag))]
                match.fixable = entry.rule.fix == "safe" and entry.safe
                match.message = None
                return True
        return False

    def _with_article(self, analysis, k: int, match: Match, entry: Entry, tag: str) -> Match:
        """When the replacement has the other gender ("de prostitutie" -> "het sekswerk"), the words
        that agree with it change too: determiner, adjectives, relative pronoun (see agreement.py).
        The finding stays on the word itself; fix mode applies the companion edits. Where they
        cannot be found with certainty, the suggestion stays but is not a safe fix."""
        if not match.suggestions or tag in ("pl", "dimpl") or _override(entry, analysis.tokens[k].folded):
            return match
        term_gender = "het" if tag == "dim" else entry.gender
        edits = agree(analysis, k, k, term_gender, entry.replace_gender)
        if edits is None:
            match.fixable = False
        else:
            match.edits += edits
        return match

    def _excepted(self, entry: Entry, word: str) -> bool:
        return any(fnmatch.fnmatchcase(word, pat) for pat in entry.exceptions)

    def _compound(self, analysis, tok, entry: Entry, prefix: str, rest: str, tag: str, truncated: bool) -> Match:
        """A compound: the stigmatising part is replaced, the rest of the word is kept as written."""
        text = tok.text
        word = tok.folded.rstrip("-")
        override = _override(entry, word)
        unattested = False
        if override is not None:
            suggestions = [override] if override else []
        elif tag == "mod":
            # prefix + modifier + rest: keep the written prefix and rest, swap the middle
            head = rest.lstrip("-")
            if entry.replace_modifier and not _doubled(fold(entry.replace_modifier), head):
                middle_start = len(prefix)
                middle_end = len(word) - len(rest)
                written_rest = text[middle_end : len(word)]
                if written_rest.startswith("-") and not prefix:
                    written_rest = written_rest[1:]  # "prostitutie-beleid" -> "sekswerkbeleid", as the closed form
                replacement = text[:middle_start] + entry.replace_modifier + written_rest
                suggestions = [replacement + ("-" if truncated else "")]
                unattested = not truncated and not _compound_ok(entry, head, replacement)
            else:
                suggestions = []
        else:
            head = self._suggest_noun(entry, tag, text, word)
            new_prefix = entry.prefix_replace.get(prefix)
            written_prefix = text[: len(prefix)] if new_prefix is None else new_prefix
            if head and " " not in head[0]:
                suggestions = [written_prefix + head[0].lower()]
            else:
                suggestions = []
        suggestions = [transfer_case(text, s) if s else s for s in suggestions]
        match = self._make(entry, tok.start, tok.end, text, suggestions)
        if unattested:
            match.fixable = False  # a compound no Dutch editor is known to write: a suggestion only
        return match

    def _suggest_noun(self, entry: Entry, tag: str, text: str, word: str) -> list[str]:
        override = _override(entry, word)
        if override is not None:
            base = [override] if override else []
        elif entry.replace:
            base = [inflect_like(entry.replace, tag)]
        else:
            base = []
        return [transfer_case(text, s) for s in base + entry.extra]

    # -- verbs: "zich prostitueren", "je lichaam verkopen", "tippelen"

    def _verb(self, analysis, k: int, entry: Entry, tag: str) -> Match | None:
        tokens = analysis.tokens
        text = analysis.text
        tok = tokens[k]
        obj = None
        if entry.objects:
            obj = self._find_object(analysis, k, entry.objects)
            if obj is None:
                return None  # transitive use: that is conflation, not this term
        start, end = tok.start, tok.end
        adjacent = True
        verb_first = True
        if obj is not None:
            lo, hi = obj
            verb_first = lo > k
            first, last = (k, hi) if verb_first else (lo, k)
            between = [t for t in tokens[first + 1 : last] if not (t.i >= lo and t.i <= hi)]
            te = [t.folded for t in between] == ["te"] and not verb_first  # "zich te prostitueren"
            adjacent = not between or te
            start, end = tokens[first].start, tokens[last].end
            if not verb_first and lo > 0 and tokens[lo - 1].folded in POSSESSIVES and entry.objects != REFLEXIVES:
                pass
        suggestions: list[str] = []
        if entry.replace and adjacent:
            verb = inflect_like(entry.replace, tag)
            if obj is None and entry.complement:
                nxt = text[tok.end :].lstrip()
                clause_end = not nxt or CLAUSE_BREAK.match(nxt[0]) or nxt.startswith(",")
                verb_first = not (clause_end or tag in ("inf", "part", "prespartadj", "partadj", "prespart"))
            if entry.complement:
                phrase = f"{verb} {entry.complement}" if verb_first else f"{entry.complement} {verb}"
                if obj is not None and te:
                    phrase = f"{entry.complement} te {verb}"
            else:
                phrase = verb
            fixable = True
            if obj is not None and verb_first and entry.complement:
                # "verkoopt haar lichaam al jaren" -> "werkt al jaren als sekswerker": the rest of a
                # short clause goes before the complement
                trailing = self._clause_rest(analysis, obj[1])
                if trailing is None:
                    fixable = False
                elif trailing:
                    end = trailing[-1].end
                    phrase = f"{verb} {text[trailing[0].start:end]} {entry.complement}"
            suggestions = [transfer_case(text[start:end], phrase)]
            match = self._make(entry, start, end, text[start:end], suggestions)
            match.fixable = match.fixable and fixable
            return match
        return self._make(entry, start, end, text[start:end], suggestions)

    CLAUSE_WORDS = {"om", "te", "omdat", "want", "en", "maar", "die", "dat", "of", "als", "wanneer", "zodat",
                    "terwijl", "doordat", "hoewel", "waar", "waardoor", "tot"}
    OBJECT_PREPOSITIONS = {"aan", "voor", "tegen"}  # "verkocht haar lichaam aan mannen": no 'werkte aan mannen'

    @classmethod
    def _clause_rest(cls, analysis, last: int):
        """Tokens after `last` up to the end of the clause or the start of another one ("om ... te",
        "omdat", a comma): [] when none, None when more than five."""
        tokens, text = analysis.tokens, analysis.text
        rest = []
        j = last
        while j + 1 < len(tokens):
            gap = text[tokens[j].end : tokens[j + 1].start]
            if any(c in gap for c in ".,;:!?()") or tokens[j + 1].folded in cls.CLAUSE_WORDS:
                break
            j += 1
            rest.append(tokens[j])
        if len(rest) > 5 or any(t.folded in cls.OBJECT_PREPOSITIONS for t in rest):
            return None
        if j + 1 < len(tokens) and tokens[j + 1].folded in ("die", "dat", "wie", "waar"):
            return []  # "prostitueerden zich ook vrouwen die ...": the subject, with its clause; leave it
        return rest

    def _find_object(self, analysis, k: int, objects: list[str]) -> tuple[int, int] | None:
        """Token range (lo, hi) of an object word near the verb, within the same clause."""
        tokens = analysis.tokens
        text = analysis.text
        for dist in range(1, 5):
            for j in (k + dist, k - dist):
                if not (0 <= j < len(tokens)):
                    continue
                lo, hi = sorted((j, k))
                if CLAUSE_BREAK.search(text[tokens[lo].end : tokens[hi].start]):
                    continue
                if tokens[j].folded in objects:
                    first = j
                    if j > 0 and tokens[j - 1].folded in POSSESSIVES and objects != REFLEXIVES and j - 1 != k:
                        first = j - 1
                    return (first, j)
        return None

    # -- multi-word phrases

    def _phrases(self, analysis, k: int) -> list[Match]:
        tokens = analysis.tokens
        text = analysis.text
        out = []
        for entry in self.phrases.get(tokens[k].folded, []):
            n = len(entry.phrase)
            if k + n > len(tokens):
                continue
            window = tokens[k : k + n]
            if not all(t.folded in slot for t, slot in zip(window, entry.phrase)):
                continue
            if any(text[a.end : b.start].strip() for a, b in zip(window, window[1:])):
                continue
            start, end = window[0].start, window[-1].end
            tag = "sg"
            if entry.head_slot >= 0:
                head = window[entry.head_slot].folded
                tag = next((t for t, f in entry.forms.items() if f == head), "sg")
            suggestions = []
            if entry.replace:
                suggestions = [transfer_case(text[start:end], inflect_like(entry.replace, tag))]
            suggestions += [transfer_case(text[start:end], s) for s in entry.extra]
            match = self._make(entry, start, end, text[start:end], suggestions)
            match.priority = 1
            if tag not in ("pl", "dimpl") and match.suggestions:
                self._phrase_agreement(analysis, k, k + n - 1, entry, match)  # "de illegale prostitutie"
            out.append(match)
        return out

    @staticmethod
    def _phrase_agreement(analysis, first: int, last: int, entry: Entry, match: Match) -> None:
        """Agreement for a phrase; a replacement that starts with an adjective ("onvergund sekswerk")
        takes its -e after a definite determiner ("het onvergunde sekswerk")."""
        edits = agree(analysis, first, last, entry.gender, entry.replace_gender)
        if edits is None:
            match.fixable = False
            return
        match.edits += edits
        words = match.suggestions[0].split(" ")
        head = entry.rule.data["terms"][entry.index].get("replace_head")
        if len(words) == 2 and head is None and (entry.replace_gender == "de" or phrase_is_definite(analysis, first)):
            match.suggestions[0] = inflect(words[0]) + " " + words[1]

    def _make(self, entry: Entry, start: int, end: int, text: str, suggestions: list[str]) -> Match:
        rule = entry.rule
        fixable = bool(suggestions) and rule.fix == "safe" and entry.safe
        match = Match(rule, start, end, suggestions, fixable, topic=entry.topic)
        if entry.message:
            shown = " ".join(text.split())
            match.message = " ".join(entry.message.split()).replace("{text}", shown).replace(
                "{suggestion}", suggestions[0] if suggestions else "")
        return match



DIMINUTIVE_ENDINGS = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "jes", "je")


def _override(entry: Entry, word: str) -> str | None:
    """The curated replacement of a compound, also when it is written with a hyphen
    ("prostitutie-bedrijven" as "prostitutiebedrijven") or as a diminutive ("prostitutiebedrijfje"
    -> "seksbedrijfje")."""
    candidates = [word] + ([word.replace("-", "")] if "-" in word else [])
    for w in candidates:
        if w in entry.compound_replace:
            return entry.compound_replace[w]
    for w in candidates:
        for ending in DIMINUTIVE_ENDINGS:
            base = w[: -len(ending)]
            value = entry.compound_replace.get(base) if w.endswith(ending) else None
            if value and " " not in value:
                return diminutive(value) + ("s" if ending.endswith("s") else "")
    return None


def _doubled(modifier: str, head: str) -> bool:
    """'sekswerk' + 'werkplekken': the new modifier ends with what the head starts with."""
    return any(modifier.endswith(head[:n]) for n in range(3, min(len(head), len(modifier)) + 1))


def _compound_ok(entry: Entry, head: str, compound: str) -> bool:
    """A generated compound is a safe fix when reviewers listed its head (rules: modifier_heads)
    or when Dutch writers are known to write it (the word list)."""
    from stigmacheck.wordlist import attested

    return any(head.startswith(h) for h in entry.modifier_heads) or attested(compound)



# "Signalen van gedwongen prostitutie ... Deze prostitutie, die ..." : a demonstrative that points
# back to a sentence about coercion or exploitation. "Dit sekswerk" would then call exploitation
# sex work, so the suggestion stays but is not applied on its own.
ANAPHORIC = {"deze", "dit", "die", "dat", "zulke", "zulk", "dezelfde", "hetzelfde", "diezelfde"}
_EXPLOITATION = re.compile(r"\b(?:gedwongen|dwang|dwong|dwingen|uitbuit\w*|uitgebuit\w*|mensenhandel\w*|"
                           r"slachtoffers?|minderjarig\w*|gelokt|geronseld|ronselen)\b")
REFERS_BACK = ("het aanwijzend woord verwijst terug naar een zin over dwang of uitbuiting; "
               "daar past 'sekswerk' niet, kies zelf (bijvoorbeeld 'seksuele uitbuiting')")


def _refers_back_to_exploitation(analysis, start: int, reach: int = 400) -> bool:
    k = analysis.token_at(start)
    if k == 0 or analysis.tokens[k - 1].folded not in ANAPHORIC:
        return False
    before = analysis.folded[max(0, analysis.tokens[k - 1].start - reach):analysis.tokens[k - 1].start]
    return _EXPLOITATION.search(before) is not None


Checker = TermChecker


def _kind() -> Kind:
    from stigmacheck.checks import term_docs, term_lint

    return Kind("term", FIELDS, TermChecker, check_rule, check_concepts, describe=term_docs.describe,
                describe_text=term_docs.describe_text, lint=term_lint.lint, lint_examples=term_lint.lint_examples)


KIND = _kind()
