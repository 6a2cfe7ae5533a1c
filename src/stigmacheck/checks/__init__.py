"""Rule kinds. Each kind is one module with FIELDS (its part of the rule schema),
check_rule(rule) (extra validation) and a checker class compiled from all rules of that kind.
Rule data lives in rules/*.yaml; this package knows only the kinds.
"""

from __future__ import annotations

from types import SimpleNamespace

from stigmacheck.checks import term

KINDS = {
    "term": SimpleNamespace(FIELDS=term.FIELDS, check_rule=term.check_rule, Checker=term.TermChecker),
}


def compile_checkers(ruleset) -> list:
    by_kind: dict[str, list] = {}
    for rule in ruleset.rules:
        by_kind.setdefault(rule.kind, []).append(rule)
    return [KINDS[kind].Checker(rules) for kind, rules in sorted(by_kind.items())]


def cross_check(rules) -> list[tuple]:
    """Problems between rules: (path, line, field, message, hint)."""
    out = []
    for rule, line, form, other in term.conflicting_entries(rules):
        out.append(
            (
                rule.path,
                line,
                "terms",
                f"'{form}' staat ook in regel {other.id} ({other.path}:{other.line_of('id')})",
                "een uitdrukking hoort bij één regel",
            )
        )
    return out
