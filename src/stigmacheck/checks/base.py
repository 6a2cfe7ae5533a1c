"""The contract between the engine and a rule kind.

A rule kind is one module in this package that exports `KIND`, a `Kind` record: its part of the
rule schema, its extra validation, and its `Checker` class, compiled from all rules of that kind.
Every checker subclasses `BaseChecker` (which gives the defaults) and so implements `Checker`;
the engine, the screening and the pipeline read these attributes directly, never by probing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@runtime_checkable
class Checker(Protocol):
    scope: str  # "block": sees one block at a time; "document": sees the whole document at once
    block_kinds: tuple[str, ...] | None  # block kinds it sees (None: every prose block with a stem)
    needs_nlp: bool  # asks spaCy for sentences or a parse (only after its own cheap tests)
    nlp_needs: frozenset[str]  # which pipeline parts ("sents", "dep", ...)
    gate_window: int | None  # characters around a stem hit that one match can reach (None: paragraph)

    def triggers(self) -> list[str]:
        """Folded stems of which one must occur in any text this checker can match."""

    def check(self, analysis) -> list:
        """Matches (analysis.Match) in one block."""

    def check_document(self, analyses, findings) -> list:
        """(analysis, Match) pairs about the whole document (scope "document" only)."""


class BaseChecker:
    """Defaults of the Checker contract."""

    scope = "block"
    block_kinds: tuple[str, ...] | None = None
    needs_nlp = False
    nlp_needs: frozenset[str] = frozenset()
    gate_window: int | None = None

    def triggers(self) -> list[str]:
        return []

    def check(self, analysis) -> list:
        return []

    def check_document(self, analyses, findings) -> list:
        return []


@dataclass(frozen=True)
class Kind:
    """A rule kind as the rest of the program sees it."""

    name: str
    fields: dict  # its part of the rule schema (ruleset.schema.Field by key)
    checker: type  # BaseChecker subclass, built from all rules of this kind and the concepts
    check_rule: Callable  # rule -> list of (line, field, message, hint) problems
    check_concepts: Callable | None = None  # (rule, Concepts) -> problems, for kinds that name @concepts
    describe: Callable | None = None  # rule -> Markdown lines about its own fields (rule docs)
    describe_text: Callable | None = None  # rule -> plain lines (`rules show`)
    lint: Callable | None = None  # (rule, ruleset, lang) -> reviewer problems specific to the kind
    lint_examples: Callable | None = None  # (rule, ruleset, lang) -> problems once its examples ran
