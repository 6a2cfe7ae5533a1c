"""The `conflation` kind: sex work named as, or in one breath with, trafficking and crime.

Three patterns, chosen per rule with `pattern:`:
- coordination: the two topics joined into one list or policy object ("prostitutie en
  mensenhandel", "sekswerk/mensenhandel", "prostitutie- en mensenhandelbeleid", a list of crimes);
- equation: one topic said to be the other ("sekswerk is een vorm van mensenhandel");
- phrase: fixed constructions ("gedwongen prostitutie", "kinderprostitutie", "slachtoffers van
  prostitutie", transitive "prostitueren").
Word lists, cue lists and windows are rule data (rules/conflation/*.yaml, rules/_begrippen.yaml).
With a parser (nl_core_news_sm) coordination and copula also come from the dependency parse.
"""

from __future__ import annotations

from stigmacheck.checks.base import BaseChecker, Kind
from stigmacheck.screening.stems import BlockStems
from stigmacheck.analysis import Match
from stigmacheck.dutch import transfer_case
from stigmacheck.patterns import Concepts, PatternError, compile_pattern, match_at, sentence_has
from stigmacheck.ruleset.schema import Field

PHRASE_FIELDS = {
    "pattern": Field("str", required=True, doc="woorden met spaties; zie patronen in de handleiding"),
    "suggestion": Field("str", doc="vervanging van de hele vondst; leeg: geen vervanging"),
    "near": Field("str", doc="een van deze woorden moet in dezelfde zin staan (binnen window)"),
    "not_near": Field("str", doc="geen van deze woorden mag in de buurt staan (binnen window)"),
    "window": Field("int", doc="aantal woorden voor near/not_near (standaard: de hele zin)"),
}

FIELDS = {
    "pattern": Field("str", required=True, choices=("coordination", "equation", "phrase")),
    "first": Field("str", doc="coordination/equation: het ene onderwerp, bv. @sekswerk"),
    "second": Field("str", doc="coordination/equation: het andere onderwerp, bv. @mensenhandel|@misdaad"),
    "between": Field("str", doc="woorden die tussen voegwoord en tweede onderwerp mogen staan"),
    "max_between": Field("int", doc="hoeveel van die woorden (standaard 2)"),
    "max_items": Field("int", doc="coordination: hoeveel lijstdelen (standaard 5)"),
    "coordinators": Field("list", item=Field("str"), doc="voegwoorden (standaard: en, of)"),
    "copulas": Field("list", item=Field("str"), doc="equation: koppelwerkwoorden"),
    "links": Field("str", doc="equation: woorden tussen koppelwerkwoord en tweede onderwerp"),
    "negations": Field("list", item=Field("str"), doc="woorden die de vondst ontkennen (geen, niet)"),
    "patterns": Field("list", item=Field("map", fields=PHRASE_FIELDS), doc="phrase: de patronen"),
    "exempt": Field("list", item=Field("str"), doc="zinnen met een van deze woorden/begrippen worden niet gemeld"),
    "separate_groups": Field("bool", doc="'aan X en aan Y' (herhaald voorzetsel) is geen vermenging"),
    "topic": Field("str", doc="phrase: alleen in een alinea met een van deze woorden (bv. @sekswerk-onderwerp)"),
    "not_after": Field("str", doc="coordination: geen vondst als het onderwerp direct na een van deze woorden staat"),
    "victims": Field("str", doc="coordination: woorden voor slachtoffers (bv. @slachtoffer) ..."),
    "victims_of": Field("str", doc="... die alleen tellen met een van deze woorden kort erna ('van mensenhandel')"),
}

PREPOSITIONS = {"aan", "voor", "van", "tegen", "over", "bij", "met", "op", "naar", "door", "om", "in", "uit"}
CLAUSE_PUNCT = set(".;:!?()[]\"„“”«»")
LINKING_WORDS = {"dus", "daarmee", "daardoor", "daarom", "evenals"}
VICTIM_LINKS = {"andere", "ander", "overige", "ook", "dus", "daarmee", "evenals"}
_LIST_MARKS = str.maketrans("", "", ",/&")  # a gap of only these and white space (any Unicode space) joins list items


def check_rule(rule):
    data = rule.data
    pattern = data["pattern"]
    need = {"coordination": ("first", "second"), "equation": ("first", "second", "copulas"), "phrase": ("patterns",)}
    for key in need[pattern]:
        if key not in data:
            yield (rule.line_of("pattern"), key, f"pattern '{pattern}' heeft '{key}' nodig", "")


def check_concepts(rule, concepts: Concepts):
    """Compile every word spec once, so an unknown @begrip is reported at load time."""
    data = rule.data
    for key in ("first", "second", "between", "links", "topic", "not_after", "victims", "victims_of"):
        if key in data:
            try:
                compile_pattern(data[key], concepts)
            except PatternError as exc:
                yield (rule.line_of(key), key, str(exc), "zie rules/_begrippen.yaml")
    for i, p in enumerate(data.get("patterns", [])):
        for key in ("pattern", "near", "not_near"):
            if key in p:
                try:
                    compile_pattern(p[key], concepts)
                except PatternError as exc:
                    yield (rule.line_of("patterns", i, key), f"patterns[{i}].{key}", str(exc), "")


def _phrases_of(spec: str, concepts: Concepts) -> list[str]:
    """Cue phrases: plain strings, or the entries of @concepts."""
    if spec.startswith("@"):
        return list(concepts.words(spec[1:]))
    return [spec]


class _Rule:
    """One conflation/framing rule, compiled."""

    def __init__(self, rule, concepts: Concepts):
        d = rule.data
        self.rule = rule
        self.kind = d.get("pattern", "phrase")
        self.first = concepts.test(d["first"]) if "first" in d else None
        self.second = concepts.test(d["second"]) if "second" in d else None
        self.between = concepts.test(d["between"]) if "between" in d else None
        self.links = concepts.test(d["links"]) if "links" in d else None
        self.max_between = d.get("max_between", 2)
        self.max_items = d.get("max_items", 5)
        self.coordinators = set(d.get("coordinators", ["en", "of"]))
        self.copulas = set(d.get("copulas", []))
        self.negations = set(d.get("negations", ["geen", "niet", "nooit"]))
        self.exempt = [p for spec in d.get("exempt", []) for p in _phrases_of(spec, concepts)]
        self.separate_groups = d.get("separate_groups", True)
        self.topic = concepts.test(d["topic"]) if "topic" in d else None
        self.not_after = concepts.test(d["not_after"]) if "not_after" in d else None
        self.victims = concepts.test(d["victims"]) if "victims" in d else None
        self.victims_of = concepts.test(d["victims_of"]) if "victims_of" in d else None
        self.patterns = []
        for p in d.get("patterns", []):
            self.patterns.append(
                (
                    compile_pattern(p["pattern"], concepts),
                    p.get("suggestion", ""),
                    compile_pattern(p["near"], concepts).slots[0].test if "near" in p else None,
                    compile_pattern(p["not_near"], concepts).slots[0].test if "not_near" in p else None,
                    p.get("window"),
                )
            )
        self.triggers = _trigger_words(d, concepts)


def _trigger_words(d: dict, concepts: Concepts) -> set[str]:
    """Stems for the prefilter. Coordination and equation: the words of `first` (the sex-work side).
    Phrases: per pattern, the sex-work words of its slots when it has any ("gedwongen
    @sekswerk-onderwerp" -> prostitutie, sekswerk, ...), else its most specific word."""
    from stigmacheck.dutch import fold
    from stigmacheck.patterns import compile_pattern, pattern_stems

    if "first" in d:
        return {s for s in concepts.test(d["first"]).stems() if len(s) >= 4}
    if "topic" in d:  # required in the block: its words are the rarest condition
        return {s for s in concepts.test(d["topic"]).stems() if len(s) >= 4}
    out: set[str] = set()
    for p in d.get("patterns", []):
        pattern = compile_pattern(p["pattern"], concepts)
        topical = [s for slot in pattern.slots for s in slot.test.stems() if SEX_WORK_STEM.search(fold(s))]
        out |= set(topical or pattern_stems(pattern))
    return {s for s in out if len(s) >= 4}


SEX_WORK_STEM = __import__("re").compile(r"prostitu|sekswerk|seksbedrijf|seksbranche|seksindustrie|seksslav|bordeel")


class ConflationChecker(BaseChecker):
    needs_nlp = True
    nlp_needs = frozenset({"sents", "dep"})  # sentences; with a parser also conj/cop

    def __init__(self, rules, concepts: dict | None = None):
        self.concepts = Concepts(concepts or {})
        self.rules = [_Rule(r, self.concepts) for r in rules]
        self._stems = BlockStems(self.triggers())

    def triggers(self) -> list[str]:
        return sorted({t for r in self.rules for t in r.triggers})

    def check(self, analysis) -> list[Match]:
        if not self._stems.in_block(analysis):
            return []
        out: list[Match] = []
        for r in self.rules:
            if r.kind == "coordination":
                out += self._coordination(analysis, r)
            elif r.kind == "equation":
                out += self._equation(analysis, r)
            else:
                out += phrase_matches(analysis, r)
        return out

    # -- coordination

    def _coordination(self, analysis, r: _Rule) -> list[Match]:
        tokens = analysis.tokens
        out = []
        for i, tok in enumerate(tokens):
            is_first, is_second = r.first(tok.folded), r.second(tok.folded)
            if not (is_first or is_second):
                continue
            want = r.second if is_first else r.first
            if r.not_after is not None and i > 0 and r.not_after(tokens[i - 1].folded):
                continue  # "gedwongen prostitutie en arbeidsuitbuiting": another rule's finding
            end = self._scan_list(analysis, r, i, want)
            if end is None:
                end = self._parse_coordination(analysis, i, want)
            if end is None:
                continue
            if not is_first and r.not_after is not None and r.not_after(tokens[end - 1].folded):
                continue  # "mensenhandel en gedwongen prostitutie": the same, the other way round
            if not self._victims_ok(tokens, r, i, end):
                continue  # "sekswerkers en slachtoffers van seksueel geweld": another crime
            start_char, end_char = tok.start, tokens[end].end
            if self._exempt(analysis, r, start_char, end_char):
                continue
            if r.separate_groups and self._separate_groups(analysis, i, end):
                continue
            out.append(Match(r.rule, start_char, end_char, [], False))
        return out

    @staticmethod
    def _victims_ok(tokens, r: _Rule, i: int, end: int) -> bool:
        """Victims count as the other topic only when it is said what they are victims of, and only
        when the list links the two ("prostituees en andere slachtoffers van mensenhandel"): "hulp
        voor sekswerkers en slachtoffers van mensenhandel" names two groups, one service for both."""
        if r.victims is None or r.victims_of is None:
            return True
        for k in (i, end):
            if r.victims(tokens[k].folded):
                after = [t.folded for t in tokens[k + 1 : k + 4]]
                if not any(r.victims_of(w) for w in after):
                    return False
                if not any(t.folded in VICTIM_LINKS for t in tokens[i + 1 : end]):
                    return False
        return True

    def _scan_list(self, analysis, r: _Rule, i: int, want) -> int | None:
        """Walk a list to the right of token i; the index of the last token of the other topic."""
        tokens, text = analysis.tokens, analysis.text
        pos, found, items = i, None, 0
        while items < r.max_items and pos + 1 < len(tokens):
            gap = text[tokens[pos].end : tokens[pos + 1].start]
            n = pos + 1
            stripped = gap.strip()
            if stripped and all(c in ",/&" or c.isspace() for c in stripped):
                pass  # "a, b" / "a/b" / "a & b"
            elif not stripped and tokens[n].folded in r.coordinators:
                n += 1
            elif not stripped and found is None and tokens[pos].folded.endswith("-"):
                return None
            else:
                break
            if n < len(tokens) and tokens[n].folded in r.coordinators and not text[tokens[n - 1].end : tokens[n].start].translate(_LIST_MARKS).strip():
                n += 1  # "en/of", ", en"
            if n >= len(tokens) or text[tokens[n - 1].end : tokens[n].start].translate(_LIST_MARKS).strip():
                break
            skipped = 0
            before_first = tokens[i - 1].folded if i > 0 else ""
            while n < len(tokens) and not want(tokens[n].folded) and skipped < r.max_between + 1:
                if tokens[n].folded in r.negations:
                    return None  # "sekswerk, geen mensenhandel"
                repeated_prep = tokens[n].folded == before_first and before_first in PREPOSITIONS
                if not repeated_prep and (r.between is None or not r.between(tokens[n].folded)):
                    break
                if text[tokens[n].end : tokens[n + 1].start if n + 1 < len(tokens) else tokens[n].end].strip():
                    break
                n += 1
                skipped += 1
            if n >= len(tokens):
                break
            if want(tokens[n].folded):
                found = n
                pos = n
            else:
                # another list item of one or two words ("gokken", "illegale gokhallen")
                item_end = n
                if item_end + 1 < len(tokens) and not text[tokens[item_end].end : tokens[item_end + 1].start].strip() \
                        and tokens[item_end + 1].folded not in r.coordinators:
                    item_end += 1
                pos = item_end
            items += 1
        return found

    def _parse_coordination(self, analysis, i: int, want, self_negations=frozenset({"geen", "niet", "nooit"})) -> int | None:
        """With a parser: the other topic in the same conj chain, in the same sentence."""
        from stigmacheck.nlp import has_parser

        if not has_parser():
            return None
        doc = analysis.doc
        tok = analysis.tokens[i]
        span = doc.char_span(tok.start, tok.end, alignment_mode="expand")
        if span is None:
            return None
        head = span.root
        chain = {head} | set(head.conjuncts)
        best = None
        for other in chain:
            if other.i <= head.i:
                continue
            if want(other.lower_) and other.sent == head.sent:
                k = analysis.token_at(other.idx)
                if k < len(analysis.tokens) and analysis.tokens[k].start == other.idx:
                    gap_text = analysis.text[tok.end : other.idx]
                    if any(c in gap_text for c in ".;:!?"):
                        continue
                    if any(w.lower_ in self_negations for w in doc[head.i + 1 : other.i]):
                        continue  # "uitbuiting, geen sekswerk"
                    if len(analysis.text[tok.end : other.idx].split()) > 8:
                        continue
                    best = max(best or 0, k)
        return best

    def _separate_groups(self, analysis, i: int, end: int) -> bool:
        """'hulp aan sekswerkers en aan slachtoffers van mensenhandel': each group has its own preposition."""
        tokens = analysis.tokens
        prev = tokens[i - 1].folded if i > 0 else ""
        if prev not in PREPOSITIONS:
            return False
        between = {tokens[j].folded for j in range(i + 1, end)}
        if between & LINKING_WORDS:
            return False  # "naar prostitutie en dus ook naar mensenhandel": linked, not separate
        return prev in between

    # -- equation

    def _equation(self, analysis, r: _Rule) -> list[Match]:
        tokens = analysis.tokens
        out = []
        for i, tok in enumerate(tokens):
            if not r.first(tok.folded):
                continue
            j = i + 1
            if j < len(tokens) and tokens[j].folded not in r.copulas:
                continue
            if j >= len(tokens) or analysis.text[tok.end : tokens[j].start].strip():
                continue
            k = j + 1
            negated = False
            while k < len(tokens) and k - j <= 12 and not r.second(tokens[k].folded):
                if tokens[k].folded in r.negations:
                    # "is geen werk maar een vorm van mensenhandel": the negation is taken back
                    but = next((m for m in range(k + 1, min(k + 4, len(tokens))) if tokens[m].folded == "maar"), None)
                    if but is not None:
                        k = but + 1
                        continue
                    negated = True
                if analysis.text[tokens[k - 1].end : tokens[k].start].strip() or not (r.links and r.links(tokens[k].folded)):
                    break
                k += 1
            if k >= len(tokens) or not r.second(tokens[k].folded) or negated:
                continue
            if analysis.text[tokens[k - 1].end : tokens[k].start].strip():
                continue
            if self._exempt(analysis, r, tok.start, tokens[k].end):
                continue
            out.append(Match(r.rule, tok.start, tokens[k].end, [], False))
        return out + self._parse_equation(analysis, r)

    def _parse_equation(self, analysis, r: _Rule) -> list[Match]:
        """With a parser: 'X ... zijn vaak slachtoffer van Y' as subject + copula + predicate."""
        from stigmacheck.nlp import has_parser

        if not has_parser():
            return []
        out = []
        for tok in analysis.doc:
            if tok.dep_ != "nsubj" or not r.first(tok.lower_):
                continue
            pred = tok.head
            if not r.second(pred.lower_) or not any(c.dep_ == "cop" for c in pred.children):
                continue
            if any(c.lower_ in r.negations for c in pred.children) or pred.i < tok.i:
                continue
            if any(c in analysis.text[tok.idx : pred.idx] for c in ".;:!?"):
                continue
            end = pred.idx + len(pred.text)
            if not self._exempt(analysis, r, tok.idx, end):
                out.append(Match(r.rule, tok.idx, end, [], False))
        return out

    def _exempt(self, analysis, r: _Rule, start: int, end: int) -> bool:
        s_start, s_end = analysis.sentence_of(start)
        return bool(r.exempt) and sentence_has(analysis, s_start, max(s_end, end), r.exempt)


def phrase_matches(analysis, r: _Rule) -> list[Match]:
    """Matches of a rule's phrase patterns, with near/not_near conditions and sentence cues."""
    tokens = analysis.tokens
    out = []
    if r.topic is not None and not any(r.topic(t.folded) for t in tokens):
        return out
    words = {t.folded for t in tokens}
    for pattern, suggestion, near, not_near, window in r.patterns:
        if not all(any(slot.test(w) for w in words) for slot in pattern.slots if not slot.optional):
            continue  # a required word is missing from the block
        if near is not None and not any(near(w) for w in words):
            continue  # the word it needs nearby is nowhere in the block (decided without spaCy's sentences)
        first = pattern.slots[0]
        for k, tok in enumerate(tokens):
            if not first.test(tok.folded) and not first.optional:
                continue
            end = match_at(analysis, k, pattern)
            if end is None or end == k:
                continue
            start_char, end_char = tok.start, tokens[end - 1].end
            s_start, s_end = analysis.sentence_of(start_char)
            lo = analysis.token_at(s_start)
            hi = analysis.token_at(max(s_end - 1, s_start))
            if window:
                lo, hi = max(lo, k - window), min(hi, end - 1 + window)
            around = [t.folded for t in tokens[lo : hi + 1] if not (k <= t.i < end)]
            if near is not None and not any(near(w) for w in around):
                continue
            if not_near is not None and any(not_near(w) for w in around):
                continue
            if r.exempt and sentence_has(analysis, s_start, s_end, r.exempt):
                continue
            matched = analysis.text[start_char:end_char]
            suggestions = [transfer_case(matched, suggestion)] if suggestion else []
            out.append(Match(r.rule, start_char, end_char, suggestions, bool(suggestions) and r.rule.fix == "safe"))
    return out


Checker = ConflationChecker
KIND = Kind("conflation", FIELDS, ConflationChecker, check_rule, check_concepts)
