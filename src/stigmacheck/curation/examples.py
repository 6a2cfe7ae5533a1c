"""Run every rule's examples: flag examples must give the rule's finding (span and first
suggestion), pass examples must give no finding of that rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ExampleResult:
    rule: object
    example: object
    kind: str  # "flag" or "pass"
    ok: bool
    expected: str
    got: str

    def __str__(self) -> str:
        where = f"{self.rule.path}:{self.example.line}"
        return f"{where}: [{self.rule.id}] {self.kind}-voorbeeld {self.example.text!r}\n    verwacht: {self.expected}\n    gekregen: {self.got}"


def run_examples(ruleset, rules=None) -> list[ExampleResult]:
    from stigmacheck.engine import Engine

    engine = Engine(ruleset)
    results = []
    for rule in rules or ruleset.rules:
        for ex in rule.flag_examples:
            findings = _findings(engine, ex, rule)
            expected_span = ex.span
            got = [f for f in findings if expected_span is None or f.text == expected_span]
            if not got:
                results.append(ExampleResult(rule, ex, "flag", False, _describe_expected(ex), _describe(findings)))
                continue
            finding = got[0]
            if ex.suggestion is not None:
                first = finding.suggestions[0] if finding.suggestions else ""
                if first != ex.suggestion:
                    results.append(
                        ExampleResult(rule, ex, "flag", False, _describe_expected(ex), _describe([finding]))
                    )
                    continue
            results.append(ExampleResult(rule, ex, "flag", True, _describe_expected(ex), _describe([finding])))
        for ex in rule.pass_examples:
            findings = _findings(engine, ex, rule)
            results.append(ExampleResult(rule, ex, "pass", not findings, "geen melding", _describe(findings)))
    return results


def _findings(engine, ex, rule):
    """The rule's findings in one example, checked as a file would be (an example with markup,
    e.g. an image in Markdown, names its reader)."""
    from stigmacheck.running.files import check_bytes

    result = check_bytes(engine, "<voorbeeld>", ex.text.encode("utf-8"), ex.reader or "text", keep=True)
    return [f for f in result.findings if f.rule == rule.id and f.context != "quotation"]


def _describe_expected(ex) -> str:
    parts = [f"melding op {ex.span!r}" if ex.span else "een melding"]
    if ex.suggestion is not None:
        parts.append(f"met suggestie {ex.suggestion!r}" if ex.suggestion else "zonder suggestie")
    return " ".join(parts)


def _describe(findings) -> str:
    if not findings:
        return "geen melding"
    return "; ".join(
        f"{f.text!r} -> {f.suggestions[0]!r}" if f.suggestions else f"{f.text!r} (geen suggestie)" for f in findings
    )
