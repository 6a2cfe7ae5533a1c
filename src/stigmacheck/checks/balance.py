"""The `balance` kind: one document-level note when a text about sex work speaks of it almost
only in terms of crime and exploitation, with no explicit distinction and no sex-worker voice.
Vocabularies and thresholds are rule data (rules/balance/*.yaml)."""

from __future__ import annotations

from stigmacheck.checks.base import BaseChecker, Kind
from stigmacheck.analysis import Match
from stigmacheck.patterns import Concepts, PatternError, sentence_has
from stigmacheck.ruleset.schema import Field

FIELDS = {
    "topic": Field("str", required=True, doc="woorden die sekswerk noemen, bv. @sekswerk-onderwerp|@sekswerker"),
    "crime": Field("str", required=True, doc="woorden van misdaad en uitbuiting"),
    "labour": Field("str", required=True, doc="woorden van werk, gezondheid en rechten"),
    "distinction": Field("list", item=Field("str"), doc="zinnen die sekswerk en mensenhandel onderscheiden"),
    "voice": Field("list", item=Field("str"), doc="woorden die erop wijzen dat sekswerkers zelf aan het woord zijn"),
    "min_mentions": Field("int", doc="minimaal aantal zinnen over sekswerk (standaard 4)"),
    "min_crime_share": Field("number", doc="aandeel zinnen met misdaadwoorden vanaf waar gemeld wordt (standaard 0.75)"),
    "max_labour_share": Field("number", doc="hoogste aandeel zinnen met werkwoorden (standaard 0.25)"),
}


def check_rule(rule):
    for key in ("min_crime_share", "max_labour_share"):
        value = rule.data.get(key)
        if value is not None and not 0 <= value <= 1:
            yield (rule.line_of(key), key, "een aandeel ligt tussen 0 en 1", "bv. 0.75")


def check_concepts(rule, concepts: Concepts):
    for key in ("topic", "crime", "labour"):
        try:
            concepts.test(rule.data[key])
        except PatternError as exc:
            yield (rule.line_of(key), key, str(exc), "zie rules/_begrippen.yaml")


def _cues(specs, concepts: Concepts) -> list[str]:
    out = []
    for spec in specs or []:
        out += concepts.words(spec[1:]) if spec.startswith("@") else [spec]
    return out


class BalanceChecker(BaseChecker):
    needs_nlp = True
    nlp_needs = frozenset({"sents"})
    scope = "document"

    def __init__(self, rules, concepts: dict | None = None):
        c = Concepts(concepts or {})
        self.rules = [
            (
                r,
                c.test(r.data["topic"]),
                c.test(r.data["crime"]),
                c.test(r.data["labour"]),
                _cues(r.data.get("distinction"), c),
                _cues(r.data.get("voice"), c),
            )
            for r in rules
        ]

    def triggers(self) -> list[str]:
        return []  # a document-level check only looks at text other rules made a candidate

    def check(self, analysis):
        return []

    def check_document(self, analyses, findings):
        out = []
        for rule, topic, crime, labour, distinction, voice in self.rules:
            d = rule.data
            mentions = crime_n = labour_n = 0
            first = None
            has_distinction = has_voice = False
            if sum(1 for a in analyses for t in a.tokens if topic(t.folded)) < d.get("min_mentions", 4):
                continue  # too few mentions to judge: no need for sentences (nor spaCy)
            for a in analyses:
                if any(ctx.kind == "quotation" for ctx in a.contexts):
                    has_voice = True
                for s_start, s_end in a.sentences:
                    words = [t for t in a.tokens if s_start <= t.start < s_end]
                    if distinction and sentence_has(a, s_start, s_end, distinction):
                        has_distinction = True
                    if voice and sentence_has(a, s_start, s_end, voice):
                        has_voice = True
                    hits = [t for t in words if topic(t.folded)]
                    if not hits:
                        continue
                    mentions += 1
                    if first is None:
                        first = (a, hits[0])
                    crime_n += any(crime(t.folded) for t in words)
                    labour_n += any(labour(t.folded) for t in words)
            if first is None or mentions < d.get("min_mentions", 4) or has_distinction or has_voice:
                continue
            crime_share, labour_share = crime_n / mentions, labour_n / mentions
            if crime_share < d.get("min_crime_share", 0.75) or labour_share > d.get("max_labour_share", 0.25):
                continue
            a, tok = first
            message = (
                f"Deze tekst spreekt vooral over sekswerk in termen van misdaad en uitbuiting: van de {mentions} "
                f"zinnen over sekswerk noemen er {crime_n} misdaad, uitbuiting of handhaving en {labour_n} werk, "
                f"gezondheid of rechten. Er staat geen uitdrukkelijk onderscheid met mensenhandel in en geen "
                f"sekswerker komt aan het woord. " + rule.message
            )
            match = Match(rule, tok.start, tok.end, [], False, scope="document", message=message)
            match.counts = {"mentions": mentions, "crime": crime_n, "labour": labour_n}
            out.append((a, match))
        return out


Checker = BalanceChecker
KIND = Kind("balance", FIELDS, BalanceChecker, check_rule, check_concepts)
