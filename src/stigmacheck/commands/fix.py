"""`stigmacheck fix`: apply safe suggestions in place (also behind `check --fix/--diff/--dry-run`)."""

from __future__ import annotations

import sys

import click

from stigmacheck.commands.common import fail, prepare, rule_options
from stigmacheck.exitcodes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from stigmacheck.findings import FAIL_ON, at_least


def run_fix(engine, files, mode: str, threshold: str, verbose: bool = False, to_stderr: bool = False) -> int:
    """Fix (or show) every file; print the report; return the exit code.

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

    results = []
    for path in files:
        if path == "-":
            result = fixmod.FileFix(path, error="fix werkt op bestanden, niet op standaardinvoer")
        else:
            result = fixmod.fix_file(engine, path)
        if mode == "write" and result.changed and not result.error:
            fixmod.write(result)
        elif mode == "diff" and result.changed:
            click.echo(fixmod.unified_diff(result), nl=False)
        results.append(result)
        _report_file(result, mode, verbose, say, err)

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
    remaining = [s.finding for r in results for s in r.skipped]
    if mode != "write":
        remaining += [e.finding for r in results for e in r.edits]
    if any(at_least(f.severity, threshold) for f in remaining):
        return EXIT_FINDINGS
    return EXIT_OK


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
  2  een fout: onleesbaar bestand, bestand intussen gewijzigd, kan niet
     schrijven, ongeldige regels of configuratie.
"""


@click.command(help=HELP)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", "show_diff", is_flag=True, help="Toon een unified diff en schrijf niets.")
@click.option("--dry-run", is_flag=True, help="Toon wat er zou veranderen en schrijf niets.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exitcode 1 als er een melding vanaf deze ernst overblijft (standaard: warning).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuratiebestand.")
@rule_options
@click.option("-v", "--verbose", is_flag=True, help="Meer uitleg.")
def fix(paths, show_diff, dry_run, fail_on, config_file, select, ignore, model, quotes, only_approved, verbose):
    from stigmacheck import nlp

    if show_diff and dry_run:
        fail("kies --diff of --dry-run, niet allebei")
    paths = list(paths) or ["."]
    cfg, _, engine, files = prepare(config_file, paths, select, ignore, model, quotes, only_approved)
    mode = "diff" if show_diff else "dry-run" if dry_run else "write"
    try:
        code = run_fix(engine, files, mode, fail_on or cfg.fail_on or "warning", verbose)
    except nlp.ModelError as exc:
        fail(str(exc))
    sys.exit(code)
