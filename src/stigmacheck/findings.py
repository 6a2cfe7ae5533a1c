"""Finding, severity and category: the vocabulary every other module speaks."""

from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES = ("term", "conflation", "framing", "imagery", "balance")
SEVERITIES = ("info", "suggestion", "warning", "error")  # ascending
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
FAIL_ON = ("error", "warning", "suggestion", "never")


def at_least(severity: str, threshold: str) -> bool:
    """True when `severity` is at or above `threshold` ('never' is above everything)."""
    if threshold == "never":
        return False
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


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
    fixable: bool = False
    scope: str = "span"
    context: str = ""  # "quotation", "title", ... when a context lowered the severity
    extra: dict = field(default_factory=dict)

    def sort_key(self):
        return (self.start, self.end, self.rule)
