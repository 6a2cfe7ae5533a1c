"""The `framing` kind: sensational or victimising clichés ("het oudste beroep", "een schimmig
wereldje", "gevallen vrouwen"), as phrase patterns with inflected variants written as data."""

from __future__ import annotations

from dataclasses import replace

from stigmacheck.checks.conflation import FIELDS as _CONFLATION_FIELDS
from stigmacheck.checks.conflation import _Rule, check_concepts, phrase_matches  # noqa: F401
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

    def __init__(self, rules, concepts: dict | None = None):
        self.concepts = Concepts(concepts or {})
        self.rules = [_Rule(r, self.concepts) for r in rules]

    def triggers(self) -> list[str]:
        from stigmacheck.dutch import fold

        out = set()
        for r in self.rules:
            for pattern, *_ in r.patterns:
                words = [w for w in pattern.source.split() if not w.startswith(("@", "re:")) and w[0].isalpha()]
                # the rarest-looking word of the pattern: the longest alternative-free one
                plain = [w.rstrip("?") for w in words if "|" not in w and not w.endswith("?")]
                pick = max(plain, key=len) if plain else words[0].rstrip("?")
                for alt in pick.split("|"):
                    stem = fold(alt).replace("*", "")
                    out.add(stem[: max(4, len(stem) - 2)] if len(stem) > 5 else stem)
        return sorted(out)

    def check(self, analysis):
        out = []
        for r in self.rules:
            out += phrase_matches(analysis, r)
        return out
