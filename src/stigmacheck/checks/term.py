"""The `term` kind: stigmatising words with Dutch inflection, compounds and multi-word forms.

A rule lists dictionary forms (`noun`, `verb`, `phrase`); this module derives the inflected
forms, finds them as whole words, as parts of closed compounds ("raamprostituees",
"prostitutiebeleid") and as truncated parts ("prostitutie- en ..."), and builds a replacement
in the same form and letter case ("Straatprostituees" -> "Straatsekswerkers").
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

from stigmacheck.agreement import agree, inflect, phrase_is_definite
from stigmacheck.analysis import Match, stem_regex
from stigmacheck.dutch import fold, inflect_like, noun_forms, plural, transfer_case, verb_forms
from stigmacheck.ruleset.schema import Field

REFLEXIVES = ["zich", "zichzelf", "me", "mezelf", "mij", "mijzelf", "je", "jezelf", "ons", "onszelf", "u", "uzelf"]
POSSESSIVES = {"zijn", "haar", "hun", "je", "jouw", "mijn", "uw", "ons", "onze", "het", "hun"}
CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]]")

ENTRY_FIELDS = {
    "noun": Field("str", doc="zelfstandig naamwoord in het enkelvoud"),
    "verb": Field("str", doc="werkwoord in de infinitief"),
    "phrase": Field("str", doc="woordgroep; alternatieven met |, bv. 'vrouw|vrouwen van lichte zeden'"),
    "head": Field("str", doc="bij een woordgroep: het woord dat verbuigt (meervoud, verkleinwoord)"),
    "plural": Field("str", doc="meervoud, als de standaardregel het fout heeft"),
    "diminutive": Field("str", doc="verkleinwoord, als de standaardregel het fout heeft"),
    "variants": Field("list", item=Field("str"), doc="andere spellingen met dezelfde vervanging"),
    "stem": Field("str", doc="werkwoord: stam (ik-vorm)"),
    "past": Field("str", doc="werkwoord: verleden tijd enkelvoud"),
    "part": Field("str", doc="werkwoord: voltooid deelwoord"),
    "object": Field("list", item=Field("str"), doc="werkwoord: woorden die erbij moeten staan (zich, lichaam)"),
    "compounds": Field("str", choices=("any", "head", "modifier", "none"), doc="ook in samenstellingen"),
    "modifier": Field("list", item=Field("str"), doc="vormen als eerste deel van een samenstelling (hoeren-)"),
    "replace": Field("str", doc="neutrale vervanging (woord of woordgroep); leeg of weg: geen vervanging"),
    "replace_head": Field("str", doc="bij een vervangende woordgroep: het woord dat verbuigt"),
    "replace_plural": Field("str"),
    "replace_modifier": Field("str", doc="vervanging als eerste deel van een samenstelling"),
    "replace_stem": Field("str"),
    "replace_past": Field("str"),
    "replace_part": Field("str"),
    "complement": Field("str", doc="werkwoord: woorden bij de vervanging, bv. 'als sekswerker'"),
    "compound_replace": Field("strmap", doc="samenstelling -> vervanging ('' = geen vervanging)"),
    "prefix_replace": Field("strmap", doc="eerste deel -> ander eerste deel, bv. 'ex-': 'oud-'"),
    "suggestions": Field("list", item=Field("str"), doc="extra suggesties, onverbogen"),
    "topic": Field("str", doc="voor een woord met ook een gewone betekenis ('tippelen' is ook lopen): alleen "
                             "melden als een van deze woorden ergens in het document staat (a|b|@begrip|x*); "
                             "met ordinary alleen waar de term op de gewone betekenis lijkt"),
    "ordinary": Field("str", doc="bij topic: woorden die op de gewone betekenis wijzen ('naar huis'); staat er "
                                 "geen binnen zes woorden na de term, dan wordt die ook zonder topic gemeld"),
    "gender": Field("str", choices=("de", "het"), doc="lidwoord van de term (standaard de)"),
    "replace_gender": Field("str", choices=("de", "het"), doc="lidwoord van de vervanging (standaard de)"),
}

FIELDS = {
    "terms": Field("list", required=True, min_items=1, item=Field("map", fields=ENTRY_FIELDS)),
    "exceptions": Field("list", item=Field("str"), doc="woorden (met * als joker) die nooit gemeld worden"),
}

MIN_PREFIX = 2  # "ex-prostituee"
ORDINARY_WINDOW = 6  # words after a term in which an 'ordinary' cue counts
MIN_REST = 3  # "prostitutiewet"


@dataclass
class Entry:
    rule: object
    index: int
    kind: str  # noun, verb, phrase
    forms: dict[str, str]  # tag -> folded form (first spelling)
    all_forms: dict[str, str] = field(default_factory=dict)  # folded form -> tag, all spellings
    modifiers: list[str] = field(default_factory=list)
    compounds: str = "any"
    replace: dict[str, str] | None = None  # tag -> replacement
    replace_modifier: str | None = None
    complement: str = ""
    objects: list[str] = field(default_factory=list)
    phrase: list[set[str]] = field(default_factory=list)
    head_slot: int = -1
    compound_replace: dict[str, str] = field(default_factory=dict)
    prefix_replace: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    gender: str = "de"
    topic: object = None  # WordTest: the document must contain one of its words (set by TermChecker)
    ordinary: object = None  # WordTest: words pointing to the ordinary meaning (then the topic counts)
    replace_gender: str = "de"
    triggers: set[str] = field(default_factory=set)


def check_rule(rule):
    """Problems a schema cannot see; yields (line, field, message, hint)."""
    for i, entry in enumerate(rule.data["terms"]):
        kinds = [k for k in ("noun", "verb", "phrase") if k in entry]
        if len(kinds) != 1:
            yield (
                rule.line_of("terms", i),
                f"terms[{i}]",
                "elke term heeft precies één van noun, verb of phrase",
                "bv. 'noun: prostituee'",
            )
            continue
        if "verb" in entry and "stem" not in entry:
            yield (rule.line_of("terms", i), f"terms[{i}].stem", "een werkwoord heeft een stam nodig", "bv. stem: prostitueer")
        if "replace" in entry and "verb" in entry and "complement" not in entry and " " in entry["replace"]:
            yield (rule.line_of("terms", i, "replace"), f"terms[{i}].replace", "vervang een werkwoord door één werkwoord", "zet de rest in 'complement'")
        if "phrase" in entry and "head" in entry and entry["head"] not in entry["phrase"].replace("|", " ").split():
            yield (rule.line_of("terms", i, "head"), f"terms[{i}].head", f"'{entry['head']}' staat niet in de woordgroep", "")


def build_entries(rule) -> list[Entry]:
    out = []
    exceptions = [fold(e) for e in rule.data.get("exceptions", [])]
    for i, spec in enumerate(rule.data["terms"]):
        e = _build(rule, i, spec)
        e.exceptions = exceptions
        out.append(e)
    return out


def _build(rule, i: int, spec: dict) -> Entry:
    if "noun" in spec:
        base = noun_forms(spec["noun"], spec.get("plural"), spec.get("diminutive"))
        entry = Entry(rule, i, "noun", {t: fold(f) for t, f in base.items()})
        spellings = [base] + [noun_forms(v) for v in spec.get("variants", [])]
        for forms in spellings:
            for tag, form in forms.items():
                entry.all_forms.setdefault(fold(form), tag)
        entry.modifiers = [fold(m) for m in spec.get("modifier", [])] + [fold(spec["noun"])]
        entry.modifiers += [fold(v) for v in spec.get("variants", [])]
        entry.compounds = spec.get("compounds", "any")
    elif "verb" in spec:
        base = verb_forms(spec["verb"], spec["stem"], spec.get("past"), spec.get("part"))
        entry = Entry(rule, i, "verb", {t: fold(f) for t, f in base.items()})
        for tag, form in base.items():
            entry.all_forms.setdefault(fold(form), tag)
        entry.compounds = "none"
        entry.objects = [fold(o) for o in spec.get("object", [])]
    else:
        slots = [set(fold(alt) for alt in word.split("|")) for word in spec["phrase"].split()]
        head = spec.get("head")
        entry = Entry(rule, i, "phrase", {})
        if head:
            entry.head_slot = [w for w in spec["phrase"].split()].index(
                next(w for w in spec["phrase"].split() if head in w.split("|"))
            )
            forms = noun_forms(head, spec.get("plural"), spec.get("diminutive"))
            entry.forms = {t: fold(f) for t, f in forms.items()}
            slots[entry.head_slot] |= set(entry.forms.values())
        entry.phrase = slots
        entry.compounds = "none"
    entry.replace = _replacement(spec)
    if "replace_modifier" in spec:
        entry.replace_modifier = spec["replace_modifier"]
    elif entry.replace and " " not in entry.replace["sg" if "sg" in entry.replace else "inf"]:
        entry.replace_modifier = entry.replace.get("sg")
    entry.complement = spec.get("complement", "")
    for key, value in spec.get("compound_replace", {}).items():
        entry.compound_replace[fold(key)] = value
        if value and " " not in value:
            entry.compound_replace.setdefault(fold(plural(key)), plural(value))
    entry.prefix_replace = {fold(k): v for k, v in spec.get("prefix_replace", {}).items()}
    entry.extra = list(spec.get("suggestions", []))
    entry.gender = spec.get("gender", "de")
    entry.replace_gender = spec.get("replace_gender", "de")
    entry.triggers = _triggers(entry, spec)
    return entry


def _replacement(spec: dict) -> dict[str, str] | None:
    text = spec.get("replace")
    if not text:
        return None
    if "verb" in spec:
        stem = spec.get("replace_stem") or text[:-2]
        return verb_forms(text, stem, spec.get("replace_past"), spec.get("replace_part"))
    words = text.split()
    head = spec.get("replace_head") or (text if len(words) == 1 else None)
    if head is None:
        return {t: text for t in ("sg", "pl", "dim", "dimpl")}
    forms = noun_forms(head, spec.get("replace_plural"))
    forms["dim"], forms["dimpl"] = forms["sg"], forms["pl"]  # never suggest a diminutive
    return {t: text.replace(head, f, 1) for t, f in forms.items()}


def _triggers(entry: Entry, spec: dict) -> set[str]:
    """Short stems the prefilter searches for: the common start of each spelling's forms."""
    out = set()
    if entry.kind == "phrase":
        # the most specific word of the phrase: "zeden" in "vrouw van lichte zeden", not "vrouw"
        words = [w for w in spec["phrase"].split()]
        rare = max(words, key=lambda w: min(len(a) for a in w.split("|")))
        groups = [[fold(a)] for a in rare.split("|")]
        i = words.index(rare)
        if i > 0 and "|" not in rare and "|" not in words[i - 1]:
            groups = [[fold(words[i - 1] + " " + rare)]]  # "lichte zeden", "van plezier"
        if entry.head_slot >= 0 and min(len(a) for a in rare.split("|")) < 5:
            groups.append(list(entry.forms.values()))
    elif entry.kind == "verb" and entry.objects and not set(entry.objects) & set(REFLEXIVES):
        # "je lichaam verkopen": verb and object are both everyday words; together they are rare.
        # Object first ("haar lichaam verkopen", "lichaam te verkopen") or verb first
        # ("verkocht haar lichaam").
        stem = _common_prefix(list(entry.all_forms))
        forms = sorted(set(entry.all_forms))
        return (
            {f"{o} {stem}" for o in entry.objects}
            | {f"{o} te {stem}" for o in entry.objects}
            | {f"{v} {p} {o}" for v in forms for p in sorted(POSSESSIVES - {"het"}) for o in entry.objects}
        )
    else:
        groups = [[f for f, t in entry.all_forms.items()]] + [[m] for m in entry.modifiers]
    for group in groups:
        stem = _common_prefix(group)
        if len(stem) < 4:
            stem = min(group, key=len)
        out.add(stem)
    # split groups of different spellings so that each keeps a long stem
    if entry.kind == "noun" or (entry.kind == "verb" and not (entry.objects and not set(entry.objects) & set(REFLEXIVES))):
        for form in entry.all_forms:
            if not any(form.startswith(s) for s in out):
                out.add(form)
    return out


def _common_prefix(words: list[str]) -> str:
    if not words:
        return ""
    first, last = min(words), max(words)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


# --------------------------------------------------------------------------- the checker


class TermChecker:
    needs_nlp = False

    def __init__(self, rules, concepts=None):
        from stigmacheck.patterns import Concepts

        self.entries: list[Entry] = [e for r in rules for e in build_entries(r)]
        known = concepts if isinstance(concepts, Concepts) else Concepts(concepts or {})
        for e in self.entries:
            data = e.rule.data["terms"][e.index]
            e.topic = known.test(data["topic"]) if data.get("topic") else None
            e.ordinary = known.test(data["ordinary"]) if e.topic is not None and data.get("ordinary") else None
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
        self._trigger_re = stem_regex(self.trigger_stems)

    def triggers(self) -> list[str]:
        return self.trigger_stems

    def check(self, analysis) -> list[Match]:
        if self._trigger_re is None:
            return []
        if not self._trigger_re.search(analysis.folded) and not any(
            self._trigger_re.search(t.folded) for t in analysis.tokens if t.end - t.start != len(t.text)
        ):
            return []  # no stem, not even in a word split over two lines
        out = []
        tokens = analysis.tokens
        for k, tok in enumerate(tokens):
            if tok.folded in self.phrases:
                out += self._phrases(analysis, k)
            if tok.folded not in self.exact and not self._trigger_re.search(tok.folded):
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

    def _with_article(self, analysis, k: int, match: Match, entry: Entry, tag: str) -> Match:
        """When the replacement has the other gender ("de prostitutie" -> "het sekswerk"), the words
        that agree with it change too: determiner, adjectives, relative pronoun (see agreement.py).
        The finding stays on the word itself; fix mode applies the companion edits. Where they
        cannot be found with certainty, the suggestion stays but is not a safe fix."""
        if not match.suggestions or tag in ("pl", "dimpl") or entry.compound_replace.get(analysis.tokens[k].folded):
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
        override = entry.compound_replace.get(word)
        if override is not None:
            suggestions = [override] if override else []
        elif tag == "mod":
            # prefix + modifier + rest: keep the written prefix and rest, swap the middle
            if entry.replace_modifier:
                middle_start = len(prefix)
                middle_end = len(word) - len(rest)
                replacement = text[:middle_start] + entry.replace_modifier + text[middle_end : len(word)]
                suggestions = [replacement + ("-" if truncated else "")]
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
        return self._make(entry, tok.start, tok.end, text, suggestions)

    def _suggest_noun(self, entry: Entry, tag: str, text: str, word: str) -> list[str]:
        override = entry.compound_replace.get(word)
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
            suggestions = [transfer_case(text[start:end], phrase)]
        return self._make(entry, start, end, text[start:end], suggestions)

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
        fixable = bool(suggestions) and rule.fix == "safe"
        return Match(rule, start, end, suggestions, fixable, topic=entry.topic)


def check_concepts(rule, concepts):
    """An unknown @begrip in a term's `topic` is reported at load time."""
    from stigmacheck.patterns import PatternError

    for i, entry in enumerate(rule.data["terms"]):
        for key in ("topic", "ordinary"):
            if key in entry:
                try:
                    concepts.test(entry[key])
                except PatternError as exc:
                    yield (rule.line_of("terms", i, key), f"terms[{i}].{key}", str(exc), "zie rules/_begrippen.yaml")


def conflicting_entries(rules) -> list[tuple]:
    """The same form claimed by two term rules: (rule, line, form, other rule)."""
    owner: dict[str, object] = {}
    out = []
    for rule in rules:
        if rule.kind != "term":
            continue
        for entry in build_entries(rule):
            for form in list(entry.all_forms) + [" ".join(sorted(s)[0] for s in entry.phrase)] * bool(entry.phrase):
                other = owner.get(form)
                if other is not None and other is not rule:
                    out.append((rule, rule.line_of("terms", entry.index), form, other))
                owner.setdefault(form, rule)
    return out


Checker = TermChecker
