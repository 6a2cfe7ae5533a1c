"""`stigmacheck eval PATH`: precision, recall and F1 per category and per rule on a corpus."""

from __future__ import annotations

import json
import sys

import click


@click.command("eval")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--model", default=None, help="spaCy-model: pakketnaam of pad.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="Extra regelmap.")
@click.option("--quiet", is_flag=True, help="Alleen de tabellen, niet de fouten.")
def eval_command(paths, fmt, model, rule_dirs, quiet):
    """Meet precisie en recall van de regels op een geannoteerd corpus (standaard: corpora/)."""
    from stigmacheck import nlp
    from stigmacheck.commands.common import fail, load_rules
    from stigmacheck.engine import Engine
    from stigmacheck.curation.evaluation import (
        CorpusError,
        evaluate,
        evaluate_fixes,
        fix_summary,
        format_fixes,
        format_report,
        load_corpus,
        load_fix_corpus,
    )

    try:
        passages = load_corpus(paths or ["corpora"])
        cases = load_fix_corpus(paths or ["corpora"])
    except CorpusError as exc:
        fail(f"ongeldig corpus:\n{exc}")
    nlp.configure(model)
    engine = Engine(load_rules(rule_dirs))
    report = evaluate(passages, engine)
    fixes = evaluate_fixes(cases, engine)
    if fmt == "json":
        data = {
            "passages": report.passages,
            "categories": {k: _scores(v) for k, v in report.by_category().items()},
            "rules": {k: _scores(v) for k, v in report.by_rule().items()},
            "errors": [
                {"kind": o.kind, "category": o.category, "rule": o.rule, "passage": o.passage.id, "context": o.context()}
                for o in report.errors()
            ],
        }
        if fixes:
            data["fixes"] = fix_summary(fixes)  # "bad": safe fixes whose result no editor accepted
            data["fix_errors"] = [
                {"kind": o.kind, "id": o.case.id, "result": o.result, "accept": o.case.accept}
                for o in fixes if o.kind in ("bad", "missed")
            ]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        click.echo()
    else:
        click.echo(format_report(report, show_errors=not quiet))
        if fixes:
            click.echo()
            click.echo(format_fixes(fixes, show_errors=not quiet))


def _scores(s) -> dict:
    return {
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "f1": round(s.f1, 4),
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
        "suggestion_accuracy": None if s.suggestion_accuracy is None else round(s.suggestion_accuracy, 4),
    }
