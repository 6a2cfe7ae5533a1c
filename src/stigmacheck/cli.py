"""Command line: `stigmacheck check`, `stigmacheck init`, `stigmacheck rules ...`, `stigmacheck eval`."""

from __future__ import annotations

import fnmatch
import os
import sys
from pathlib import Path

import click

from stigmacheck import __version__
from stigmacheck.findings import FAIL_ON, at_least

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _version_message() -> str:
    from stigmacheck import nlp

    return f"stigmacheck {__version__}\ntaalmodel: {nlp.describe()}"


def _print_version(ctx, _param, value):
    if value and not ctx.resilient_parsing:
        click.echo(_version_message())
        ctx.exit(0)


class LazyGroup(click.Group):
    """Subcommands that live in their own modules are imported only when they are run,
    so `stigmacheck check` on a clean file starts fast."""

    LAZY = {
        "fix": "stigmacheck.commands.fix:fix",
        "rules": "stigmacheck.commands.rules:rules",
        "eval": "stigmacheck.commands.evaluate:eval_command",
    }

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.LAZY))

    def get_command(self, ctx, name):
        if name in self.LAZY and name not in self.commands:
            import importlib

            module, attr = self.LAZY[name].split(":")
            try:
                return getattr(importlib.import_module(module), attr)
            except ModuleNotFoundError:
                return None
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Toon de versie en het taalmodel.")
def main():
    """Controleer overheidsteksten over sekswerk op stigmatiserende taal.

    Check Dutch government texts about sex work for stigmatising language.
    """


def fail(message: str) -> None:
    click.echo(f"stigmacheck: fout: {message}", err=True)
    sys.exit(EXIT_ERROR)


def load_settings(config_file, paths):
    """Explicit --config, else the nearest config from the first path (or the working directory)."""
    from stigmacheck import config as cfgmod

    try:
        if config_file:
            return cfgmod.load(Path(config_file))
        start = Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()
        found = cfgmod.discover(start if start.exists() else Path.cwd())
        return cfgmod.load(found) if found else cfgmod.Config()
    except cfgmod.ConfigError as exc:
        fail(str(exc))


def load_rules(extra_dirs=(), select=(), ignore=(), only_approved=False, config=None):
    from stigmacheck.ruleset import cache
    from stigmacheck.ruleset.loader import RuleSetError

    try:
        ruleset = cache.load_ruleset([Path(d) for d in extra_dirs])
    except RuleSetError as exc:
        click.echo("stigmacheck: fout in de regels:", err=True)
        for error in exc.errors:
            click.echo(f"  {error}", err=True)
        sys.exit(EXIT_ERROR)
    problems = config.unknown_names(lambda n: n in ruleset.by_id or n in _categories()) if config else []
    if problems:
        fail("fout in de configuratie:\n  " + "\n  ".join(problems))
    unknown = [n for n in (*select, *ignore) if n not in ruleset.by_id and n not in _categories()]
    if unknown:
        fail(f"onbekende regel of categorie: {', '.join(unknown)} (zie `stigmacheck rules list`)")
    return cache.select(ruleset, select, ignore, only_approved)


def rule_options(command):
    """The options that choose the rules and how they apply, shared by `check` and `fix`."""
    options = [
        click.option("--select", multiple=True, help="Alleen deze regel of categorie (herhaalbaar)."),
        click.option("--ignore", multiple=True, help="Deze regel of categorie overslaan (herhaalbaar)."),
        click.option("--model", default=None, help="spaCy-model: pakketnaam of pad."),
        click.option("--quotes", type=click.Choice(["info", "off"]), default=None,
                     help="Citaten van anderen als info melden of niet."),
        click.option("--only-approved", is_flag=True, default=False, help="Alleen vastgestelde regels, geen concepten."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def prepare(config_file, paths, select, ignore, model, quotes, only_approved, use_prefilter=True):
    """Settings, rules, engine and the files to read, as `check` and `fix` both need them; a bad
    config file or rule folder ends the run with a message (exit code 2)."""
    from stigmacheck import nlp
    from stigmacheck.engine import Engine, Options
    from stigmacheck.running.files import expand

    cfg = load_settings(config_file, paths)
    ruleset = load_rules(cfg.rules, tuple(select) or tuple(cfg.select), tuple(ignore) + tuple(cfg.ignore),
                         only_approved or cfg.only_approved, config=cfg)
    nlp.configure(model or cfg.model)
    options = Options(quotes=quotes or cfg.quotes or "info", severity=dict(cfg.severity), use_prefilter=use_prefilter)
    files = [p for p in expand(paths) if not _excluded(p, cfg.exclude)]
    return cfg, ruleset, Engine(ruleset, options), files


def _categories():
    from stigmacheck.findings import CATEGORIES

    return CATEGORIES


@main.command()
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


def _excluded(path: str, patterns) -> bool:
    if not patterns:
        return False
    norm = path.replace(os.sep, "/")
    absolute = Path(path).resolve().as_posix()  # config patterns are anchored at the config folder
    return any(fnmatch.fnmatch(norm, p) or fnmatch.fnmatch(os.path.basename(norm), p) or fnmatch.fnmatch(absolute, p)
               for p in patterns)


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


@main.command()
@click.option("--force", is_flag=True, help="Overschrijf een bestaand bestand.")
def init(force):
    """Schrijf een startconfiguratie (.stigmacheck.yaml) met uitleg."""
    from stigmacheck.config import STARTER

    target = Path(".stigmacheck.yaml")
    if target.exists() and not force:
        fail(f"{target} bestaat al (gebruik --force om te overschrijven)")
    target.write_text(STARTER, encoding="utf-8")
    click.echo(f"{target} geschreven")


if __name__ == "__main__":
    main()
