"""--format text, for people: `path:line:col: ernst [rule] message`, then the suggestion. The
severity is written in Dutch (findings.SEVERITY: fout, waarschuwing, suggestie, info); the
machine formats keep the English values of the contract."""

from __future__ import annotations

import click

from stigmacheck.findings import severity_label

COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan", "info": "blue"}


def render(results, ruleset, stream, color: bool = False, verbose: bool = False, **_) -> None:
    def out(text: str = "") -> None:
        click.echo(text, file=stream, color=color)

    total = 0
    for r in results:
        if r.error:
            out(f"{r.path}: {click.style('fout', fg='red', bold=True)} {r.error}")
            continue
        for note in r.notes:
            out(f"{r.path}: let op: {note}")
        for f in r.findings:
            total += 1
            line, col = r.document.line_col(f.start)
            sev = click.style(severity_label(f.severity), fg=COLOURS[f.severity], bold=True)
            out(f"{r.path}:{line}:{col}: {sev} [{f.rule}] {f.message}")
            if f.suggestions:
                alts = " | ".join(f"'{s}'" for s in f.suggestions)
                out(f"    {click.style('suggestie:', fg='green')} '{f.text}' -> {alts}")
            if verbose:
                out(f"    waarom: {f.extra.get('rationale', '')}")
        for d in getattr(r, "unused_suppressions", ()):
            sev = click.style("info", fg=COLOURS["info"], bold=True)
            out(f"{r.path}:{d.line}:{d.column}: {sev} [stigmacheck.unused-suppression] {d.unused_message()}")
    errors = sum(1 for r in results if r.error)
    if total or errors or verbose:
        out(
            f"{len(results)} bestand(en) gecontroleerd, {total} melding(en)"
            + (f", {errors} bestand(en) met een fout" if errors else "")
        )
