"""The `framing` kind: sensational or victimising clichés ("het oudste beroep", "een schimmig
wereldje", "gevallen vrouwen"), as phrase patterns with inflected variants written as data."""

from __future__ import annotations

from dataclasses import replace

from stigmacheck.checks.conflation import FIELDS as _CONFLATION_FIELDS
from stigmacheck.checks.base import Kind
from stigmacheck.checks.conflation import ConflationChecker, check_concepts

FIELDS = {
    "patterns": replace(_CONFLATION_FIELDS["patterns"], required=True, min_items=1),
    "exempt": _CONFLATION_FIELDS["exempt"],
    "topic": _CONFLATION_FIELDS["topic"],
}


def check_rule(rule):
    return ()


class FramingChecker(ConflationChecker):
    """Framing rules are phrase rules: the conflation checker runs them; only sentences are needed."""

    nlp_needs = frozenset({"sents"})


Checker = FramingChecker
KIND = Kind("framing", FIELDS, FramingChecker, check_rule, check_concepts)
