"""`stigmacheck check`: findings for files, folders or standard input, in five formats."""

from __future__ import annotations

import os
import sys

import click

from stigmacheck.commands.common import fail, prepare, rule_options
from stigmacheck.exitcodes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from stigmacheck.findings import FAIL_ON, at_least


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "html"]), default="text",
              show_default=True, help="Uitvoerformaat.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exitcode 1 vanaf deze ernst (standaard: warning).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Configuratiebestand. Zonder deze optie: het dichtstbijzijnde .stigmacheck.yaml of "
                   "pyproject.toml met [tool.stigmacheck], gezocht vanaf het eerste pad omhoog "
                   "(geldt dan voor alle paden).")
@rule_options
@click.option("--stdin-filename", default=None, help="Bestandsnaam voor '-' (kiest de lezer).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Aantal processen dat tegelijk bestanden controleert (standaard: het aantal processorkernen).")
@click.option("--fix", "apply_fix", is_flag=True,
              help="Pas eerst de veilige suggesties toe en meld dan wat overblijft (zie `stigmacheck fix --help`).")
@click.option("--diff", "show_diff", is_flag=True, help="Toon de veilige aanpassingen als unified diff; schrijf niets.")
@click.option("--dry-run", is_flag=True, help="Toon welke aanpassingen --fix zou doen; schrijf niets.")
@click.option("--no-prefilter", is_flag=True, hidden=True, help="Altijd volledig analyseren (voor tests).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Schrijf de uitvoer naar dit bestand.")
@click.option("-v", "--verbose", is_flag=True, help="Meer uitleg: taalmodel, regels, redenen.")
@click.option("--report-unused-suppressions", is_flag=True, default=False,
              help="Meld stigmacheck-disable-opmerkingen die niets meer onderdrukken (ernst info: "
                   "dit verandert de exitcode niet).")
@click.option("--changed-lines-since", metavar="REF", default=None,
              help="Alleen meldingen op regels die sinds deze git-revisie zijn gewijzigd "
                   "(nieuwe, niet-gevolgde bestanden tellen helemaal mee).")
def check(paths, fmt, fail_on, config_file, select, ignore, model, quotes, only_approved, stdin_filename,
          no_prefilter, output, verbose, report_unused_suppressions, changed_lines_since,
          apply_fix=False, show_diff=False, dry_run=False, jobs=None):
    """Controleer bestanden, mappen of '-' (standaardinvoer)."""
    from stigmacheck import nlp
    from stigmacheck.running.pool import check_files
    from stigmacheck.running.files import Results

    paths = list(paths) or ["."]
    cfg, ruleset, engine, files = prepare(config_file, paths, select, ignore, model, quotes, only_approved,
                                          use_prefilter=not no_prefilter)
    changed = _changed_lines(changed_lines_since, paths)
    if verbose:
        click.echo(f"taalmodel: {nlp.describe()}; {len(ruleset.rules)} regels; {len(files)} bestand(en)", err=True)
    fix_code = _fix_first(engine, files, apply_fix, show_diff, dry_run, fail_on or cfg.fail_on or "warning", verbose)
    try:
        results = Results(check_files(engine, files, jobs, stdin_filename))
    except nlp.ModelError as exc:
        fail(str(exc))
    if verbose:
        loaded = "geladen" if nlp.is_loaded() else "niet nodig geweest (geen kandidaat-tekst)"
        click.echo(f"taalmodel {loaded}", err=True)
    for r in results if not report_unused_suppressions else ():
        if r.unused_suppressions:
            r.unused_suppressions = []
    if changed is not None:
        try:
            changed.filter(results)
        except changed.Error as exc:
            fail(str(exc))
    _render(fmt, results, ruleset, output, verbose)
    threshold = fail_on or cfg.fail_on or "warning"
    if fix_code == EXIT_ERROR or any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    if any(at_least(f.severity, threshold) for r in results for f in r.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _fix_first(engine, files, apply_fix, show_diff, dry_run, threshold, verbose):
    """--diff/--dry-run: show the fixes and exit (fix's exit codes); --fix: write them, report on stderr."""
    if not (apply_fix or show_diff or dry_run):
        return EXIT_OK
    from stigmacheck.commands.fix import run_fix
    from stigmacheck.nlp import ModelError

    try:
        if show_diff or dry_run:
            sys.exit(run_fix(engine, files, "diff" if show_diff else "dry-run", threshold, verbose))
        return run_fix(engine, files, "write", threshold, verbose, to_stderr=True)
    except ModelError as exc:
        fail(str(exc))


def _changed_lines(ref, paths):
    """--changed-lines-since: checked against the first path's repository before any work is done."""
    if not ref:
        return None
    from stigmacheck.gitdiff import ChangedLines, GitError

    changed = ChangedLines(ref)
    try:
        changed.verify(paths[0])
    except GitError as exc:
        fail(str(exc))
    return changed


def _render(fmt, results, ruleset, output, verbose):
    import importlib

    module = importlib.import_module(f"stigmacheck.report.{fmt}")
    if output:
        tmp = output + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as stream:
            module.render(results, ruleset, stream, color=False, verbose=verbose)
        os.replace(tmp, output)
    else:
        stream = sys.stdout
        module.render(results, ruleset, stream, color=stream.isatty() and not os.environ.get("NO_COLOR"),
                      verbose=verbose)
