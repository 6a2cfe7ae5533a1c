"""`stigmacheck rules list|show|validate|test|docs|impact`: tools for the reviewers who curate rules/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from stigmacheck.exitcodes import EXIT_ERROR, EXIT_OK
from stigmacheck.exitcodes import EXIT_FINDINGS as EXIT_FAIL

RULES_OPTION = click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(), help="Extra regelmap of regelbestand (herhaalbaar)."
)
CONFIG_OPTION = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Configuratiebestand (voor de sleutel 'rules')."
)


@click.group("rules")
def rules():
    """Regels bekijken, controleren, testen en documenteren (voor reviewers)."""


# --------------------------------------------------------------------------- helpers


def _fail(message: str) -> None:
    click.echo(f"stigmacheck: fout: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _shipped() -> Path:
    """The rules the reviewers' commands start from: those of the checkout the working directory
    is in (the edited rules/), else the installed copy; RuleSetError when neither is found."""
    from stigmacheck.ruleset.loader import default_rules_dir, working_rules_dir

    return working_rules_dir() or default_rules_dir()


def _config_rule_dirs() -> list[str]:
    """The rule folders the config (found from the working directory) names under `rules:`: the
    team's own rules, which `rules validate` and `rules test` without a path check too."""
    from stigmacheck.commands.common import load_settings

    return list(load_settings(None, []).rules)


def _extra_dirs(rule_dirs, config_file) -> list[str]:
    from stigmacheck.commands.common import load_settings

    cfg = load_settings(config_file, [])
    return list(cfg.rules) + list(rule_dirs)


def _load(extra=(), include_default: bool = True, label: str = ""):
    """The rule set, or a list of errors (file:line) and exit 2."""
    from stigmacheck.curation.lint import from_schema_error
    from stigmacheck.ruleset.loader import RuleSetError, load_ruleset, working_rules_dir

    checkout = working_rules_dir() if include_default else None
    folders = ([checkout] if checkout else []) + [Path(d) for d in extra if not checkout or Path(d).resolve() != checkout]
    try:
        return load_ruleset(folders, include_default=include_default and checkout is None)
    except RuleSetError as exc:
        click.echo(f"stigmacheck: fout in de regels{label}:", err=True)
        for error in exc.errors:
            click.echo("  " + from_schema_error(error).render().replace("\n", "\n  "), err=True)
        click.echo("Controleer de regels met `stigmacheck rules validate`.", err=True)
        sys.exit(EXIT_ERROR)


def _target(path) -> tuple[Path, bool]:
    """The folder or file to work on, and whether the shipped rules must be loaded next to it."""
    from stigmacheck.ruleset.loader import RuleSetError

    try:
        shipped = _shipped().resolve()
    except RuleSetError:
        shipped = None
    if path is None:
        if shipped is None:
            _fail("de meegeleverde regels zijn niet gevonden; geef een regelmap op")
        return shipped, False
    target = Path(path)
    if not target.exists():
        _fail(f"{path}: bestaat niet")
    inside = shipped is not None and (target.resolve() == shipped or shipped in target.resolve().parents)
    # a folder with its own _namen.yaml is a whole rule set (a copy of rules/ or another checkout)
    complete = target.is_dir() and (target / "_namen.yaml").is_file()
    return target, not (inside or complete)


# --------------------------------------------------------------------------- list


@rules.command("list")
@click.option("--category", "categories", multiple=True, help="Alleen deze categorie (herhaalbaar).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(["concept", "vastgesteld", "vervallen"]),
              help="Alleen deze status (herhaalbaar).")
@RULES_OPTION
@CONFIG_OPTION
def list_rules(categories, statuses, rule_dirs, config_file):
    """Alle regels: id, categorie, ernst, status en samenvatting."""
    ruleset = _load(_extra_dirs(rule_dirs, config_file))
    chosen = [
        r for r in sorted(ruleset.rules, key=lambda r: r.id)
        if (not categories or r.category in categories) and (not statuses or r.status in statuses)
    ]
    if not chosen:
        click.echo("geen regels gevonden met deze filters")
        return
    width = max(len(r.id) for r in chosen)
    for r in chosen:
        status = r.status + (f" -> {r.replaced_by}" if r.replaced_by else "")
        click.echo(f"{r.id:{width}}  {r.category:10} {r.severity:10} {status:12} {r.summary}".rstrip())
    click.echo(f"\n{len(chosen)} regel(s)")


# --------------------------------------------------------------------------- show


@rules.command("show")
@click.argument("rule_id", metavar="REGEL_ID")
@RULES_OPTION
@CONFIG_OPTION
def show(rule_id, rule_dirs, config_file):
    """Eén regel zoals een reviewer hem leest (id of oude id), met alle vormen die gevonden worden."""
    import difflib

    from stigmacheck.curation.docs import rule_text

    ruleset = _load(_extra_dirs(rule_dirs, config_file))
    rule = ruleset.by_id.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, list(ruleset.by_id), n=3, cutoff=0.6)
        hint = f" Bedoelde u: {', '.join(close)}?" if close else " Zie `stigmacheck rules list`."
        _fail(f"onbekende regel '{rule_id}'.{hint}")
    if rule.id != rule_id:
        click.echo(f"('{rule_id}' is een oude id van {rule.id})\n")
    click.echo(rule_text(rule, ruleset), nl=False)


# --------------------------------------------------------------------------- validate


@rules.command("validate")
@click.argument("path", required=False, type=click.Path(), metavar="[PAD]")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True, help="Taal van de meldingen.")
@click.option("--no-examples", is_flag=True, help="Voorbeelden niet uitvoeren (sneller).")
@RULES_OPTION
def validate(path, lang, no_examples, rule_dirs):
    """Controleer regels: schema, dubbele ids en termen, termen die nooit iets vinden, levensloop.

    PAD is een regelmap of één regelbestand (standaard: de meegeleverde regels). Een extra map
    wordt samen met de meegeleverde regels geladen, zodat dubbele ids en termen opvallen; een map
    met een eigen _namen.yaml (een kopie van rules/) wordt op zichzelf gecontroleerd.
    """
    from stigmacheck.curation.lint import validate_path

    target, with_default = _target(path)
    own = _config_rule_dirs() if path is None else []
    targets = [(target, with_default, list(rule_dirs))]
    targets += [(Path(d), True, [*rule_dirs, *(o for o in own if o != d)]) for d in own]
    problems, seen, n_rules = [], set(), 0
    for folder, include_default, extra in targets:
        result = validate_path(folder, extra, include_default=include_default, lang=lang,
                               run_examples=not no_examples)
        n_rules += len(result.checked)
        for problem in result.problems:
            if problem.render(lang) not in seen:
                seen.add(problem.render(lang))
                problems.append(problem)
    for problem in problems:
        click.echo(problem.render(lang))
    n_err = sum(1 for p in problems if p.level == "error")
    n_warn = sum(1 for p in problems if p.level == "warning")
    if lang == "nl":
        summary = f"{n_rules} regel(s) gecontroleerd: {n_err} fout(en), {n_warn} waarschuwing(en)"
    else:
        summary = f"{n_rules} rule(s) checked: {n_err} error(s), {n_warn} warning(s)"
    click.echo(("\n" if problems else "") + summary)
    sys.exit(EXIT_ERROR if n_err else EXIT_OK)


# --------------------------------------------------------------------------- test


@rules.command("test")
@click.argument("path", required=False, type=click.Path(), metavar="[PAD]")
@click.option("--model", default=None, help="spaCy-model: pakketnaam of pad.")
@RULES_OPTION
def test(path, model, rule_dirs):
    """Voer de voorbeelden van elke regel uit en toon wat er misgaat.

    Flag-voorbeelden moeten gemeld worden (met de verwachte suggestie), pass-voorbeelden niet.
    """
    from stigmacheck import nlp
    from stigmacheck.curation.examples import run_examples
    from stigmacheck.curation.lint import within

    target, with_default = _target(path)
    own = [Path(d) for d in _config_rule_dirs()] if path is None else []
    ruleset = _load([*rule_dirs, *own, target], include_default=with_default)
    nlp.configure(model)
    chosen = [r for r in ruleset.rules if any(within(r, t) for t in (target, *own))]
    active = [r for r in chosen if r.active]
    if not chosen:
        _fail(f"{target}: geen regels gevonden")
    try:
        results = run_examples(ruleset.select(), active) if active else []
    except nlp.ModelError as exc:
        _fail(str(exc))
    failed = [r for r in results if not r.ok]
    for r in failed:
        click.echo(f"{r.rule.path}:{r.example.line}: [{r.rule.id}] {r.kind}-voorbeeld mislukt")
        click.echo(f"    tekst:    {r.example.text!r}")
        click.echo(f"    verwacht: {r.expected}")
        click.echo(f"    gekregen: {r.got}")
    skipped = len(chosen) - len(active)
    summary = (f"{len(results)} voorbeeld(en) van {len(active)} regel(s): {len(results) - len(failed)} geslaagd, "
               f"{len(failed)} mislukt")
    if skipped:
        summary += f"; {skipped} vervallen regel(s) overgeslagen"
    click.echo(("\n" if failed else "") + summary)
    sys.exit(EXIT_FAIL if failed else EXIT_OK)


# --------------------------------------------------------------------------- docs


@rules.command("docs")
@click.argument("out", type=click.Path(file_okay=False), metavar="MAP")
@RULES_OPTION
def docs(out, rule_dirs):
    """Schrijf de Nederlandse regelreferentie naar MAP (de vaste kopie staat in docs/regels/)."""
    from stigmacheck.curation.docs import write_docs

    ruleset = _load(rule_dirs)
    roots = [(_shipped(), "rules")] + [(Path(d), Path(d).name) for d in rule_dirs]
    try:
        written, removed = write_docs(ruleset, Path(out), roots)
    except OSError as exc:
        _fail(f"{out}: kan niet schrijven: {exc.strerror or exc}")
    for name in written:
        click.echo(f"geschreven: {Path(out) / name}")
    for name in removed:
        click.echo(f"verwijderd: {Path(out) / name}")


# --------------------------------------------------------------------------- impact


@rules.command("impact")
@click.argument("documents", nargs=-1, type=click.Path(), metavar="[DOCUMENT]...")
@click.option("--base", "base_ref", default=None, help="Git-referentie van de oude regels (bv. main, HEAD~1).")
@click.option("--base-rules", type=click.Path(), default=None, help="Map met de oude regels.")
@click.option("--new-rules", type=click.Path(), default=None, help="Map met de nieuwe regels (standaard: rules/ in de werkmap).")
@click.option("--corpus", "corpora", multiple=True, type=click.Path(), help="Corpusmap of -bestand (standaard: corpora/).")
@click.option("--no-corpus", is_flag=True, help="Alleen de opgegeven documenten, geen corpus.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
@click.option("--model", default=None, help="spaCy-model: pakketnaam of pad.")
@click.option("--summary-only", is_flag=True, help="Geen lijst van afzonderlijke meldingen.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Schrijf het rapport naar dit bestand.")
def impact(documents, base_ref, base_rules, new_rules, corpora, no_corpus, fmt, model, summary_only, output):
    """Wat doet een regelwijziging? Vergelijk de meldingen op het corpus voor en na.

    Geef de oude regels met --base REF (git) of --base-rules MAP. Extra documenten kunnen als
    argument worden meegegeven.
    """
    from stigmacheck import nlp
    from stigmacheck.curation.evaluation import CorpusError, load_corpus
    from stigmacheck.curation import impact as imp
    from stigmacheck.ruleset.loader import RuleSetError

    if bool(base_ref) == bool(base_rules):
        _fail("geef precies één van --base REF of --base-rules MAP")
    if base_ref:
        try:
            imp.check_ref(base_ref)
        except imp.ImpactError as exc:
            _fail(str(exc))
    try:
        new_dir = Path(new_rules) if new_rules else _shipped()
    except RuleSetError:
        _fail("de meegeleverde regels zijn niet gevonden; gebruik --new-rules MAP")
    if not new_dir.is_dir():
        _fail(f"{new_dir}: regelmap bestaat niet")
    for doc in documents:
        if not Path(doc).is_file():
            _fail(f"{doc}: bestand niet gevonden")
    corpus_paths = [] if no_corpus else list(corpora) or _default_corpus()
    if not corpus_paths and not documents:
        _fail("geen corpus gevonden (corpora/) en geen documenten opgegeven; gebruik --corpus of geef documenten")
    try:
        passages = load_corpus(corpus_paths) if corpus_paths else []
    except CorpusError as exc:
        _fail(f"ongeldig corpus:\n{exc}")
    nlp.configure(model)
    with imp.temporary_dir() as tmp:
        try:
            if base_ref:
                base_dir = imp.export_rules_at(base_ref, new_dir, Path(tmp))
                base_label = base_ref
            else:
                base_dir = Path(base_rules)
                if not base_dir.is_dir():
                    _fail(f"{base_rules}: regelmap bestaat niet")
                base_label = str(base_rules)
            base = _load([base_dir], include_default=False, label=f" van de basis ({base_label})")
            new = _load([new_dir], include_default=False, label=" (nieuw)")
            result = imp.compute_impact(base, new, passages, list(documents), base_label,
                                        str(new_rules) if new_rules else "werkmap")
        except imp.ImpactError as exc:
            _fail(str(exc))
        except nlp.ModelError as exc:
            _fail(str(exc))
    render = imp.render_markdown if fmt == "markdown" else imp.render_text
    text = render(result, details=not summary_only)
    if output:
        from stigmacheck.running.output import OutputError, output_target, write_output

        try:
            write_output(output_target(output), lambda stream: stream.write(text))
        except OutputError as exc:
            _fail(exc.args[0])
        except OSError as exc:
            _fail(f"{output}: kan het rapport niet schrijven: {exc.strerror or exc}")
        click.echo(f"geschreven: {output}")
    else:
        click.echo(text, nl=False)


def _default_corpus() -> list[str]:
    from stigmacheck.ruleset.loader import RuleSetError

    if Path("corpora").is_dir():
        return ["corpora"]
    try:
        repo = _shipped().parent / "corpora"
    except RuleSetError:
        return []
    return [str(repo)] if repo.is_dir() else []
