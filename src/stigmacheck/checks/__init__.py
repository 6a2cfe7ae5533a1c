"""Rule kinds. Each kind is one module that exports KIND, a checks.base.Kind record: its part
of the rule schema, its extra validation and its Checker class, compiled from all rules of that
kind. Rule data lives in rules/*.yaml; this package knows only the kinds.
"""

from __future__ import annotations

from stigmacheck.checks import balance, conflation, framing, imagery, term

KINDS = {m.KIND.name: m.KIND for m in (term, conflation, framing, imagery, balance)}


def compile_checkers(ruleset) -> list:
    by_kind: dict[str, list] = {}
    for rule in ruleset.rules:
        by_kind.setdefault(rule.kind, []).append(rule)
    return [KINDS[kind].checker(rules, ruleset.concepts) for kind, rules in sorted(by_kind.items())]


def cross_check(rules, concepts: dict | None = None) -> list[tuple]:
    """Problems between rules: (path, line, field, message, hint)."""
    from stigmacheck.patterns import Concepts

    out = []
    known = Concepts(concepts or {})
    for rule in rules:
        kind = KINDS.get(rule.kind)
        checker = kind.check_concepts if kind else None
        if checker:
            out += [(rule.path, line, f, msg, hint) for line, f, msg, hint in checker(rule, known)]
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
