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
    from stigmacheck.curation.evaluation import CorpusError, evaluate, format_report, load_corpus

    try:
        passages = load_corpus(paths or ["corpora"])
    except CorpusError as exc:
        fail(f"ongeldig corpus:\n{exc}")
    nlp.configure(model)
    report = evaluate(passages, Engine(load_rules(rule_dirs)))
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
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        click.echo()
    else:
        click.echo(format_report(report, show_errors=not quiet))


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
