"""`stigmacheck check`: findings for files, folders or standard input, in five formats."""

from __future__ import annotations

import os
import sys

import click

from stigmacheck.commands.common import fail, prepare, rule_options
from stigmacheck.exitcodes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from stigmacheck.findings import FAIL_ON, at_least


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[PAD]...")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "html"]), default="text",
              show_default=True, help="Uitvoerformaat.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exitcode 1 vanaf deze ernst (standaard: warning).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Configuratiebestand. Zonder deze optie: het dichtstbijzijnde .stigmacheck.yaml of "
                   "pyproject.toml met [tool.stigmacheck], per bestand gezocht vanaf dat bestand omhoog.")
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
@click.option("-v", "--verbose", is_flag=True, help="Meer uitleg: taalmodel, regels, redenen, details bij fouten.")
@click.option("--follow-links", is_flag=True,
              help="Volg in mappen ook symbolische links naar bestanden buiten de map.")
@click.option("--report-unused-suppressions", is_flag=True, default=False,
              help="Meld stigmacheck-disable-opmerkingen die niets meer onderdrukken (ernst info: "
                   "dit verandert de exitcode niet).")
@click.option("--changed-lines-since", metavar="REF", default=None,
              help="Alleen meldingen op regels die sinds deze git-revisie zijn gewijzigd "
                   "(nieuwe, niet-gevolgde bestanden tellen helemaal mee).")
def check(paths, fmt, fail_on, config_file, select, ignore, model, quotes, only_approved, stdin_filename,
          no_prefilter, output, verbose, report_unused_suppressions, changed_lines_since,
          apply_fix=False, show_diff=False, dry_run=False, jobs=None, follow_links=False):
    """Controleer bestanden, mappen of '-' (standaardinvoer)."""
    from stigmacheck import nlp
    from stigmacheck.running import files as running_files
    from stigmacheck.running.pool import check_files
    from stigmacheck.running.results import Results

    paths = list(paths) or ["."]
    if (apply_fix or show_diff or dry_run) and "-" in paths:
        fail("--fix, --diff en --dry-run werken op bestanden, niet op standaardinvoer ('-')")
    target = _output(output)
    running_files.DETAILS = verbose
    plan = prepare(config_file, paths, select, ignore, model, quotes, only_approved,
                   use_prefilter=not no_prefilter, follow_links=follow_links, skip=[output] if output else ())
    changed = _changed_lines(changed_lines_since, paths)
    if verbose:
        configs = ", ".join(g.cfg.path or "geen configuratiebestand" for g in plan.groups)
        click.echo(f"taalmodel: {nlp.describe()}; {len(plan.ruleset.rules)} regels; {len(plan.files)} bestand(en); "
                   f"configuratie: {configs}", err=True)
    fix_code = _fix_first(plan, model, fail_on, apply_fix, show_diff, dry_run, verbose)
    parts = []
    for group in plan.groups:
        nlp.configure(model or group.cfg.model)  # each group's own model and the components its rules need
        nlp.require(group.engine.nlp_needs)
        try:
            parts.append((group, Results(check_files(group.engine, group.files, jobs, stdin_filename))))
        except nlp.ModelError as exc:
            fail(str(exc))
    results = Results.merge([(g.indices, r) for g, r in parts], len(plan.files))
    if verbose:
        click.echo(_model_line(nlp.is_loaded(), results), err=True)
    for r in results if not report_unused_suppressions else ():
        if r.unused_suppressions:
            r.unused_suppressions = []
    if changed is not None:
        try:
            changed.filter(results)
        except changed.Error as exc:
            fail(str(exc))
    _render(fmt, results, plan.ruleset, target, verbose, stdin_filename)
    if fix_code == EXIT_ERROR or any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    for group, part in parts:
        threshold = fail_on or group.cfg.fail_on or "warning"
        if any(at_least(f.severity, threshold) for r in part for f in r.findings):
            sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _output(output):
    """-o checked before any work: a missing or read-only folder is a usage error, not a traceback later."""
    if not output:
        return None
    from stigmacheck.running.output import OutputError, output_target

    try:
        return output_target(output)
    except OutputError as exc:
        fail(exc.args[0])


def _model_line(loaded: bool, results) -> str:
    if loaded:
        return "taalmodel geladen"
    if any(r.findings for r in results):
        return ("taalmodel niet geladen in dit proces: de meldingen kwamen zonder zinsontleding tot stand "
                "(of een werkproces laadde het)")
    return "taalmodel niet nodig geweest (geen kandidaat-tekst)"


def _fix_first(plan, model, fail_on, apply_fix, show_diff, dry_run, verbose):
    """--diff/--dry-run: show the fixes and exit (fix's exit codes); --fix: write them, report on stderr."""
    if not (apply_fix or show_diff or dry_run):
        return EXIT_OK
    from stigmacheck.commands.fix import fix_groups, run_fix
    from stigmacheck.nlp import ModelError

    groups = fix_groups(plan, model, fail_on)
    try:
        if show_diff or dry_run:
            sys.exit(run_fix(groups, "diff" if show_diff else "dry-run", verbose))
        return run_fix(groups, "write", verbose, to_stderr=True)
    except ModelError as exc:
        fail(str(exc))


def _changed_lines(ref, paths):
    """--changed-lines-since: checked against the first path's repository before any work is done."""
    if not ref:
        return None
    if ref.startswith("-") or any(c.isspace() or ord(c) < 32 for c in ref):  # git would read it as an option
        fail(f"--changed-lines-since: ongeldige git-referentie {ref!r}: geef een tak, tag of commit (bv. main)")
    from stigmacheck.gitdiff import ChangedLines, GitError

    changed = ChangedLines(ref)
    try:
        changed.verify(paths[0])
    except GitError as exc:
        fail(str(exc))
    return changed


def _render(fmt, results, ruleset, target, verbose, stdin_filename=None):
    import importlib

    from stigmacheck.running.output import OutputError, write_output
    from stigmacheck.running.results import for_display

    module = importlib.import_module(f"stigmacheck.report.{fmt}")
    shown = for_display(results)
    if target is None:
        stream = sys.stdout
        module.render(shown, ruleset, stream, color=stream.isatty() and not os.environ.get("NO_COLOR"),
                      verbose=verbose, stdin_filename=stdin_filename)
        return
    try:
        write_output(target, lambda stream: module.render(shown, ruleset, stream, color=False, verbose=verbose,
                                                          stdin_filename=stdin_filename))
    except OutputError as exc:
        fail(exc.args[0])
    except OSError as exc:
        fail(f"{target.shown}: kan de uitvoer niet schrijven: {exc.strerror or exc}")
