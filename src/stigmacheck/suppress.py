"""Suppression comments: switch rules off for a line or a range, in any document format.

Forms (RULE is a rule id, an alias or a category; several may be separated by commas;
no RULE means all rules; a reason may follow `--`):

    <!-- stigmacheck-disable RULE[, RULE] -- reden -->    ... <!-- stigmacheck-enable [RULE] -->
    <!-- stigmacheck-disable-next-line RULE -->
    <!-- stigmacheck-disable-line RULE -->                 (on the line of the finding itself)
    # stigmacheck-disable RULE   /   # stigmacheck-enable   /   # stigmacheck-disable-next-line RULE
    // stigmacheck-...                                     (same as `#`)

The directives are found with a regular expression over the decoded source text (for .docx: the
paragraphs joined by newlines), so they work for every reader. A finding is covered by its start
position: `next-line` and `line` by line number, ranges by offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stigmacheck.documents.base import line_col, line_starts
from stigmacheck.findings import CATEGORIES

UNUSED_RULE = "stigmacheck.unused-suppression"
KEYWORDS = ("disable", "enable", "disable-next-line", "disable-line")

_HTML = re.compile(r"<!--[ \t]*stigmacheck-([A-Za-z-]+)(.*?)-->", re.S)
_LINE = re.compile(r"^[ \t]*(?:#|//)[ \t]*stigmacheck-([A-Za-z-]+)([^\r\n]*)", re.M)


@dataclass
class Directive:
    """One suppression comment as written."""

    kind: str  # one of KEYWORDS
    start: int  # source offsets of the whole comment
    end: int
    line: int
    column: int
    end_line: int
    names: list[str]  # as written; empty means all rules
    targets: set[str] | None  # resolved rule ids and categories; None means all rules
    reason: str = ""
    used: int = 0

    @property
    def text(self) -> str:
        names = ", ".join(self.names)
        return f"stigmacheck-{self.kind}" + (f" {names}" if names else "")

    def unused_message(self) -> str:
        return f"Onderdrukking '{self.text}' heeft niets onderdrukt; verwijder haar of pas de regel aan."


@dataclass
class _Range:
    directive: Directive
    start: int
    end: int
    targets: set[str] | None
    exempt: set[str] = field(default_factory=set)


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    ranges: list[_Range] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # unknown rule names, unknown keywords ...
    spans: list[tuple[int, int]] = field(default_factory=list)  # every directive comment, enable included

    def covering(self, finding, line: int) -> Directive | None:
        """The directive that suppresses `finding` (which starts on `line`), if any."""
        for d in self.directives:
            if d.kind == "disable-next-line" and line == d.end_line + 1 and _hits(d.targets, set(), finding):
                return d
            if d.kind == "disable-line" and d.line <= line <= d.end_line and _hits(d.targets, set(), finding):
                return d
        for r in self.ranges:
            if r.start <= finding.start < r.end and _hits(r.targets, r.exempt, finding):
                return r.directive
        return None

    def inside_directive(self, finding) -> bool:
        return any(start <= finding.start < end for start, end in self.spans)


def _hits(targets, exempt, finding) -> bool:
    if finding.rule in exempt or finding.category in exempt:
        return False
    return targets is None or finding.rule in targets or finding.category in targets


class _Lines:
    def __init__(self, source: str):
        self.starts = line_starts(source)

    def line_col(self, offset: int) -> tuple[int, int]:
        return line_col(self.starts, offset)


def parse(source: str, ruleset) -> Suppressions:
    """All directives in `source`, with rule names resolved against `ruleset` (ids, aliases, categories)."""
    out = Suppressions()
    if "stigmacheck-" not in source:
        return out
    lines = _Lines(source)
    found = [(m.start(), m.end(), m.group(1), m.group(2)) for m in _HTML.finditer(source)]
    html_spans = [(s, e) for s, e, _, _ in found]
    for m in _LINE.finditer(source):
        if not any(s <= m.start(1) < e for s, e in html_spans):
            found.append((m.start(), m.end(), m.group(1), m.group(2)))
    found.sort()
    open_ranges: list[_Range] = []
    for start, end, keyword, rest in found:
        out.spans.append((start, end))
        line, column = lines.line_col(start)
        end_line = lines.line_col(max(end - 1, start))[0]
        keyword = keyword.lower()
        if keyword not in KEYWORDS:
            out.notes.append(
                f"regel {line}: onbekende opdracht 'stigmacheck-{keyword}' (bedoeld: "
                + ", ".join(f"stigmacheck-{k}" for k in KEYWORDS) + "?)"
            )
            continue
        body, _, reason = rest.partition("--")
        names = [n for n in re.split(r"[,\s]+", body.strip()) if n]
        targets, unknown = _resolve(names, ruleset)
        for name in unknown:
            out.notes.append(f"regel {line}: onbekende regel of categorie '{name}' in stigmacheck-{keyword}")
        if names and not targets:
            targets = set()  # only unknown names: suppress nothing rather than everything
        directive = Directive(keyword, start, end, line, column, end_line, names, targets, reason.strip())
        if keyword == "enable":
            open_ranges = _enable(open_ranges, directive, ruleset, out.ranges, len(source))
            continue
        out.directives.append(directive)
        if keyword == "disable":
            open_ranges.append(_Range(directive, end, len(source), targets))
    out.ranges += open_ranges
    return out


def _resolve(names, ruleset) -> tuple[set[str] | None, list[str]]:
    if not names:
        return None, []
    targets: set[str] = set()
    unknown = []
    for name in names:
        if name in CATEGORIES:
            targets.add(name)
            continue
        rule = ruleset.resolve(name) if ruleset is not None else None
        if rule is None:
            unknown.append(name)
        else:
            targets.add(rule.id)
    return targets, unknown


def _enable(open_ranges, directive: Directive, ruleset, closed: list, eof: int) -> list:
    """Close open ranges at `directive`; a named enable re-enables only those rules or categories."""
    still_open = []
    for r in open_ranges:
        r.end = directive.start
        closed.append(r)
        if directive.targets is None:
            continue
        targets = None if r.targets is None else set(r.targets)
        exempt = set(r.exempt)
        for name in directive.targets:
            if targets is not None:
                targets.discard(name)
                if name in CATEGORIES:
                    targets = {t for t in targets if _category(t, ruleset) != name}
            covered = targets is None or name in targets or _category(name, ruleset) in (targets or ())
            if covered:
                exempt.add(name)
        if targets is None or targets:
            still_open.append(_Range(r.directive, directive.end, eof, targets, exempt))
    return still_open


def _category(name: str, ruleset) -> str | None:
    if name in CATEGORIES:
        return name
    rule = ruleset.resolve(name) if ruleset is not None else None
    return rule.category if rule else None


def apply(source: str, findings: list, ruleset, line_of) -> tuple[list, list, Suppressions]:
    """Split `findings` into (kept, suppressed) by the directives in `source`.

    `line_of(offset)` gives the 1-based line of a source offset. Each suppressed entry is
    (finding, directive). Directive.used counts what each directive suppressed.
    """
    sup = parse(source, ruleset)
    if not sup.spans:
        return findings, [], sup
    kept, suppressed = [], []
    for f in findings:
        if sup.inside_directive(f):
            continue
        d = sup.covering(f, line_of(f.start))
        if d is None:
            kept.append(f)
        else:
            d.used += 1
            suppressed.append((f, d))
    return kept, suppressed, sup


def unused(sup: Suppressions, active_ids: set[str]) -> list[Directive]:
    """Directives that suppressed nothing. A directive naming only rules that are not active
    (not selected, or ignored) is not reported: it may well be needed when they are."""
    out = []
    for d in sup.directives:
        if d.used:
            continue
        if d.targets is not None and d.targets and not any(
            t in active_ids or t in CATEGORIES for t in d.targets
        ):
            continue
        out.append(d)
    return out


def apply_to_result(result, source: str, ruleset) -> None:
    """The runner's hook: drop suppressed findings from `result`, keep them in `result.suppressed`
    as (finding, directive), put directives that suppressed nothing in `result.unused_suppressions`
    and problems with directives in `result.notes`."""
    if "stigmacheck-" not in source:
        return
    lines = _Lines(source)
    kept, suppressed, sup = apply(source, result.findings, ruleset, lambda o: lines.line_col(o)[0])
    result.findings = kept
    result.suppressed = suppressed
    result.unused_suppressions = unused(sup, {r.id for r in ruleset.rules})
    result.notes += [n for n in sup.notes if n not in result.notes]
