"""`stigmacheck fix`: apply safe suggestions in place (also behind `check --fix/--diff/--dry-run`)."""

from __future__ import annotations

import sys

import click

from stigmacheck.commands.common import fail, prepare, rule_options
from stigmacheck.exitcodes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from stigmacheck.findings import FAIL_ON, at_least


def fix_groups(plan, model, fail_on) -> list[tuple]:
    """(engine, files, threshold, model) for each group of files that share a config file."""
    return [(g.engine, g.files, fail_on or g.cfg.fail_on or "warning", model or g.cfg.model) for g in plan.groups]


def run_fix(groups, mode: str, verbose: bool = False, to_stderr: bool = False) -> int:
    """Fix (or show) every file of every (engine, files, threshold, model) group; print the report;
    return the exit code.

    mode "write" changes files, "diff" prints a unified diff on standard output, "dry-run" lists
    what would change. The report goes to standard output, except with "diff" (standard error,
    so the diff can be piped into `git apply` or `patch`) or `to_stderr` (`check --fix`, whose
    standard output carries the report of what is left).
    """
    from stigmacheck import fixing as fixmod

    report = sys.stderr if mode == "diff" or to_stderr else sys.stdout
    err = sys.stderr

    def say(line: str, stream=None) -> None:
        click.echo(line, file=stream or report)

    from stigmacheck import nlp

    results = []
    over = []  # findings left that count for the exit code, each against its own group's threshold
    for engine, files, threshold, model in groups:
        nlp.configure(model)
        nlp.require(engine.nlp_needs)
        for path in files:
            result = _fix_one(fixmod, engine, path, verbose)
            if mode == "write" and result.changed and not result.error:
                fixmod.write(result)
            elif mode == "diff" and result.changed:
                click.echo(fixmod.unified_diff(result), nl=False)
            results.append(result)
            _report_file(result, mode, verbose, say, err)
            left = [s.finding for s in result.skipped] + ([e.finding for e in result.edits] if mode != "write" else [])
            over += [f for f in left if at_least(f.severity, threshold)]

    applied = sum(len(r.edits) for r in results if _done(r, mode))
    files_changed = sum(1 for r in results if r.edits and _done(r, mode))
    left = sum(len(r.skipped) for r in results)
    errors = sum(1 for r in results if r.error)
    verb = "aangepast" if mode == "write" else "aan te passen"
    if applied or left or errors or verbose:
        summary = f"{applied} melding(en) {verb} in {files_changed} bestand(en)"
        if left:
            summary += f", {left} niet aangepast"
        if errors:
            summary += f", {errors} bestand(en) met een fout"
        say(summary)

    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if over else EXIT_OK


def _fix_one(fixmod, engine, path: str, verbose: bool):
    """One file's fix; an unexpected error is this file's error, the other files are still fixed."""
    from stigmacheck.nlp import ModelError
    from stigmacheck.running.files import unexpected_problem

    try:
        return fixmod.fix_file(engine, path)
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001
        return fixmod.FileFix(path, error=unexpected_problem(exc))


def _done(result, mode: str) -> bool:
    return result.written if mode == "write" else not result.error


def _position(result, finding) -> str:
    doc = result.document
    if doc is None:
        return result.path
    line, col = doc.line_col(finding.start)
    return f"{result.path}:{line}:{col}"


def _report_file(result, mode, verbose, say, err) -> None:
    if result.error:
        say(f"{result.path}: fout: {result.error}", err)
        if not result.edits:
            return
    verb = {"write": "aangepast", "diff": "aan te passen", "dry-run": "zou aanpassen"}[mode]
    if mode == "write" and not result.written:
        verb = "niet geschreven"
    lines = []
    if not (mode == "diff" and not verbose):
        for edit in result.edits:
            f = edit.finding
            lines.append((f.sort_key(), f"{_position(result, f)}: {verb} [{f.rule}] '{edit.before}' -> '{edit.after}'"))
    for skipped in result.skipped:
        f = skipped.finding
        lines.append((f.sort_key(), f"{_position(result, f)}: niet aangepast [{f.rule}] '{f.text}': {skipped.reason}"))
    for _, line in sorted(lines, key=lambda x: x[0]):
        say(line)


HELP = """Pas veilige suggesties toe in .txt, .md, .html en .docx.

\b
Alleen de tekens van de treffer veranderen; opmaak, witruimte, regeleinden
en tekenset blijven gelijk. Een melding wordt niet aangepast (en getoond
als 'niet aangepast', met de reden) als er geen vaste vervanging is, de
regel de vervanging niet veilig noemt, de treffer in een citaat staat,
overlapt met een andere melding, door opmaak heen loopt of in Word over
een tab, veld of voetnoot. Een bestand dat intussen is gewijzigd, wordt
niet overschreven.

\b
Exitcode:
  0  alles wat veilig kon, is aangepast en er blijft geen melding op of
     boven --fail-on over;
  1  er blijven meldingen op of boven --fail-on over (bij --diff en
     --dry-run: ze staan nog in het bestand, want er wordt niets geschreven);
  2  een fout: onleesbaar bestand, bestand intussen gewijzigd, alleen-lezen
     bestand, kan niet schrijven, ongeldige regels of configuratie;
  3  een interne fout van stigmacheck (details met -v);
  130  afgebroken (Ctrl-C of SIGTERM).
"""


@click.command(help=HELP)
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[PAD]...")
@click.option("--diff", "show_diff", is_flag=True, help="Toon een unified diff en schrijf niets.")
@click.option("--dry-run", is_flag=True, help="Toon wat er zou veranderen en schrijf niets.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exitcode 1 als er een melding vanaf deze ernst overblijft (standaard: warning).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuratiebestand.")
@rule_options
@click.option("-v", "--verbose", is_flag=True, help="Meer uitleg.")
@click.option("--follow-links", is_flag=True,
              help="Volg in mappen ook symbolische links naar bestanden buiten de map.")
def fix(paths, show_diff, dry_run, fail_on, config_file, select, ignore, model, quotes, only_approved, verbose,
        follow_links):
    from stigmacheck import nlp

    from stigmacheck.running import files as running_files

    if show_diff and dry_run:
        fail("kies --diff of --dry-run, niet allebei")
    paths = list(paths) or ["."]
    if "-" in paths:
        fail("fix werkt op bestanden, niet op standaardinvoer ('-')")
    running_files.DETAILS = verbose
    plan = prepare(config_file, paths, select, ignore, model, quotes, only_approved, follow_links=follow_links)
    mode = "diff" if show_diff else "dry-run" if dry_run else "write"
    try:
        code = run_fix(fix_groups(plan, model, fail_on), mode, verbose)
    except nlp.ModelError as exc:
        fail(str(exc))
    sys.exit(code)
