"""`stigmacheck review DRAFT.docx`: a Word review copy with a comment per finding and a tracked
change per safe fix. The original is never written."""

from __future__ import annotations

import os
import sys

import click

from stigmacheck.commands.common import fail, prepare, rule_options
from stigmacheck.exitcodes import EXIT_FINDINGS, EXIT_OK
from stigmacheck.findings import FAIL_ON, at_least

TEXT_FORMATS = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
SUFFIX = ".nagekeken.docx"


def default_output(path: str) -> str:
    base, _ = os.path.splitext(path)
    return base + SUFFIX


def _input_problem(path: str) -> str | None:
    ext = os.path.splitext(path)[1].lower()
    if ext in TEXT_FORMATS:
        return (f"{path}: een nagekeken kopie met opmerkingen en bijgehouden wijzigingen kan alleen van een "
                "Word-bestand (.docx); gebruik `stigmacheck check` om de meldingen te zien of "
                "`stigmacheck fix` om veilige suggesties direct over te nemen")
    if ext == ".doc":
        return f"{path}: dit is een oud Word-bestand (.doc); sla het in Word op als .docx en probeer het opnieuw"
    if ext != ".docx":
        return f"{path}: review werkt alleen op Word-bestanden (.docx)"
    if not os.path.exists(path):
        return f"{path}: bestand niet gevonden"
    if os.path.isdir(path):
        return f"{path}: is een map; geef één Word-bestand"
    if not os.path.isfile(path):
        return f"{path}: is geen gewoon bestand"
    return None


def write_new(path: str, data: bytes, replace: bool) -> None:
    """Write `data` to `path` through a temporary file in the same folder and one rename
    (fixing.write.replace_via_temp); an existing file is replaced only when `replace` (its
    permission bits are kept)."""
    from stigmacheck.fixing.write import replace_via_temp

    target = os.path.realpath(path)  # write through a symlink, do not replace the link
    mode = os.stat(target).st_mode & 0o7777 if os.path.exists(target) else None

    def still_new() -> None:
        if os.path.exists(target) and not replace:
            raise FileExistsError(target)

    replace_via_temp(target, lambda handle: handle.write(data), mode, before_replace=still_new)


def _write_problem(exc: OSError) -> str:
    import errno

    return {errno.ENOENT: "de map bestaat niet", errno.EACCES: "geen schrijfrechten in de map",
            errno.EPERM: "geen schrijfrechten in de map", errno.EROFS: "de map is alleen-lezen",
            errno.ENOSPC: "de schijf is vol", errno.EISDIR: "is een map"}.get(exc.errno, exc.strerror or str(exc))


HELP = """Maak een nagekeken kopie van een Word-bestand (.docx).

\b
Elke melding wordt een opmerking in de kantlijn, op precies de woorden
van de melding (auteur stigmacheck, initialen SC). Elke veilige suggestie
wordt een bijgehouden wijziging die u in Word accepteert of weigert.
'Alles accepteren' geeft dezelfde tekst als `stigmacheck fix`, 'Alles
weigeren' de oorspronkelijke tekst. Het origineel blijft ongewijzigd; de
kopie heet standaard CONCEPT.nagekeken.docx en staat ernaast.

\b
Exitcode:
  0  geen melding op of boven --fail-on;
  1  meldingen op of boven --fail-on (de kopie is gemaakt);
  2  een fout: geen of een onleesbaar Word-bestand, uitvoer bestaat al
     (gebruik --force), kan niet schrijven, ongeldige regels of
     configuratie. Er is dan niets geschreven.
"""


@click.command(help=HELP)
@click.argument("path", type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Naam van de kopie (standaard: CONCEPT.nagekeken.docx naast het origineel).")
@click.option("--force", is_flag=True, help="Overschrijf een bestaande kopie.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exitcode 1 als er een melding vanaf deze ernst is (standaard: warning).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuratiebestand.")
@rule_options
@click.option("-v", "--verbose", is_flag=True, help="Toon elke melding.")
def review(path, output, force, fail_on, config_file, select, ignore, model, quotes, only_approved, verbose):
    from stigmacheck import nlp
    from stigmacheck.running.files import check_bytes, read_limited, read_problem
    from stigmacheck.word.package import Package, PackageError
    from stigmacheck.word.review import review_docx

    problem = _input_problem(path)
    if problem:
        fail(problem)
    output = output or default_output(path)
    if os.path.exists(output) and os.path.samefile(output, path):
        fail(f"{output}: dat is het origineel; kies met -o een andere naam voor de kopie")
    if os.path.exists(output) and not force:
        fail(f"{output}: bestaat al; gebruik --force om het te overschrijven of kies met -o een andere naam")
    plan = prepare(config_file, [path], select, ignore, model, quotes, only_approved)
    cfg, engine = plan.cfg, plan.engine
    try:
        data = read_limited(path, engine.options.limits, "docx")
    except OSError as exc:
        fail(f"{path}: {read_problem(exc)}")
    if data.startswith(b"PK"):  # the reader says what else is wrong; a zip bomb must not reach it
        try:
            Package(data, engine.options.limits).check()
        except PackageError as exc:
            fail(f"{path}: {exc}")
    try:
        result = check_bytes(engine, path, data, "docx", keep=True)
    except nlp.ModelError as exc:
        fail(str(exc))
    if result.error:
        fail(f"{path}: {result.error}")
    try:
        copy, counts = review_docx(data, result.document.source, result.findings)
    except PackageError as exc:
        fail(f"{path}: {exc}")
    try:
        write_new(output, copy, replace=force)
    except FileExistsError:
        fail(f"{output}: bestaat al; gebruik --force om het te overschrijven of kies met -o een andere naam")
    except OSError as exc:
        fail(f"{output}: kan de kopie niet schrijven: {_write_problem(exc)}")
    if verbose:
        for f in sorted(result.findings, key=lambda f: f.sort_key()):
            line, col = result.document.line_col(f.start)
            click.echo(f"{path}:{line}:{col}: [{f.rule}] '{f.text}': {f.message}")
    click.echo(f"{output}: {counts['comments']} opmerking(en) en {counts['changes']} bijgehouden wijziging(en) "
               f"voor {len(result.findings)} melding(en)")
    threshold = fail_on or cfg.fail_on or "warning"
    sys.exit(EXIT_FINDINGS if any(at_least(f.severity, threshold) for f in result.findings) else EXIT_OK)
