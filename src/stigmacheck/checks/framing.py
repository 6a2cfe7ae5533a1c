"""The `framing` kind: sensational or victimising clichés ("het oudste beroep", "een schimmig
wereldje", "gevallen vrouwen"), as phrase patterns with inflected variants written as data."""

from __future__ import annotations

from dataclasses import replace

from stigmacheck.checks.conflation import FIELDS as _CONFLATION_FIELDS
from stigmacheck.checks.conflation import _Rule, block_may_match, check_concepts, phrase_matches, stem_regex  # noqa: F401
from stigmacheck.patterns import Concepts

FIELDS = {
    "patterns": replace(_CONFLATION_FIELDS["patterns"], required=True, min_items=1),
    "exempt": _CONFLATION_FIELDS["exempt"],
    "topic": _CONFLATION_FIELDS["topic"],
}


def check_rule(rule):
    return ()


class FramingChecker:
    needs_nlp = True
    nlp_needs = frozenset({"sents"})

    def __init__(self, rules, concepts: dict | None = None):
        self.concepts = Concepts(concepts or {})
        self.rules = [_Rule(r, self.concepts) for r in rules]
        self._stems = stem_regex(self.triggers())

    def triggers(self) -> list[str]:
        return sorted({t for r in self.rules for t in r.triggers})

    def check(self, analysis):
        if not block_may_match(analysis, self._stems):
            return []
        out = []
        for r in self.rules:
            out += phrase_matches(analysis, r)
        return out


Checker = FramingChecker
