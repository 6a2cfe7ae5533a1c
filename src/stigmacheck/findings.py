"""Finding, Fix, severity and category: the vocabulary every other module speaks.

The two tables here are the only place where a category or a severity gets its Dutch name, its
order or its priority; reports, rule docs and the engine all read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Category:
    id: str
    label: str  # Dutch, as reports and rule docs show it
    priority: int  # when findings overlap, the broader problem (higher) wins


CATEGORY_TABLE = (
    Category("term", "Woorden en uitdrukkingen", 1),
    Category("conflation", "Sekswerk en mensenhandel door elkaar", 4),
    Category("framing", "Sensationele framing", 3),
    Category("imagery", "Beeldvorming", 2),
    Category("balance", "Eenzijdigheid", 0),
)
CATEGORY = {c.id: c for c in CATEGORY_TABLE}
CATEGORIES = tuple(c.id for c in CATEGORY_TABLE)


@dataclass(frozen=True)
class Severity:
    id: str
    label: str  # Dutch singular
    plural: str  # Dutch plural


SEVERITY_TABLE = (  # ascending
    Severity("info", "info", "info"),
    Severity("suggestion", "suggestie", "suggesties"),
    Severity("warning", "waarschuwing", "waarschuwingen"),
    Severity("error", "fout", "fouten"),
)
SEVERITY = {s.id: s for s in SEVERITY_TABLE}
SEVERITIES = tuple(s.id for s in SEVERITY_TABLE)
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
FAIL_ON = ("error", "warning", "suggestion", "never")


def category_label(category: str) -> str:
    return CATEGORY[category].label if category in CATEGORY else category


def severity_label(severity: str) -> str:
    return SEVERITY[severity].label if severity in SEVERITY else severity


def at_least(severity: str, threshold: str) -> bool:
    """True when `severity` is at or above `threshold` ('never' is above everything)."""
    if threshold == "never":
        return False
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


@dataclass(frozen=True)
class Edit:
    """Replace source[start:end] (code points of the decoded source, end exclusive), which reads
    `old`, by `new`. For HTML, `new` is already escaped for the source."""

    start: int
    end: int
    old: str
    new: str


SAFE, UNSAFE = "safe", "unsafe"


@dataclass(frozen=True)
class Fix:
    """What applying a finding's first suggestion changes in the source, in the spirit of ruff's
    Fix: the edits (the word and what must agree with it, such as an article) and whether fix mode
    may apply them on its own. Every door (fix, reports, Word review copy, server) reads this and
    nothing recomputes it. `reason` says in Dutch why a fix is not safe. `edits` may be empty for
    an unsafe fix whose place in the source cannot be pinned down."""

    edits: tuple[Edit, ...]
    applicability: str = SAFE
    reason: str = ""

    @property
    def safe(self) -> bool:
        return self.applicability == SAFE and bool(self.edits)

    def unsafe(self, reason: str) -> "Fix":
        return Fix(self.edits, UNSAFE, reason)

    def apply(self, source: str) -> str:
        return apply_edits(source, self.edits)

    def span(self) -> tuple[int, int]:
        return min(e.start for e in self.edits), max(e.end for e in self.edits)


def apply_edits(source: str, edits) -> str:
    """`source` with non-overlapping edits applied."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(source[pos:e.start])
        out.append(e.new)
        pos = e.end
    out.append(source[pos:])
    return "".join(out)


@dataclass
class Finding:
    """One problem. `start`/`end` are offsets in the *source* text (code points, end exclusive)."""

    rule: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    scope: str = "span"
    context: str = ""  # "quotation", "title", ... when a context lowered the severity
    extra: dict = field(default_factory=dict)

    @property
    def fixable(self) -> bool:
        """Fix mode applies this finding's fix on its own (the JSON contract's `fixable`)."""
        return self.fix is not None and self.fix.safe

    def sort_key(self):
        return (self.start, self.end, self.rule)
