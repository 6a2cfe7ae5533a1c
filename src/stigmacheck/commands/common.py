"""What the commands share: settings, rules and engine, the rule options, and failing with a message."""

from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from stigmacheck.exitcodes import EXIT_ERROR


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


def load_rules(extra_dirs=()):
    """The shipped rules plus `extra_dirs`, or a message and exit code 2."""
    from stigmacheck.api import SetupError, build_engine
    from stigmacheck.config import Config

    try:
        return build_engine(Config(rules=list(extra_dirs))).ruleset
    except SetupError as exc:
        fail(str(exc))


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


@dataclass
class Group:
    """Files that share their nearest config file, with the engine built from it."""

    cfg: object
    engine: object
    files: list[str]
    indices: list[int] = field(default_factory=list)  # each file's place in the run's file list


@dataclass
class Plan:
    groups: list[Group]
    files: list[str]  # every file of the run, in the order given

    @property
    def engine(self):
        return self.groups[0].engine

    @property
    def ruleset(self):
        return self.groups[0].engine.ruleset

    @property
    def cfg(self):
        return self.groups[0].cfg


def prepare(config_file, paths, select, ignore, model, quotes, only_approved, use_prefilter=True,
            follow_links=False, skip=()) -> Plan:
    """Settings, rules, engines and the files to read, as `check` and `fix` both need them.

    Without --config each file gets its nearest config file (a run over several folders or a
    pre-commit hook with many files gives the same result in any order); files that share one
    share an engine. A bad config file, rule folder or model ends the run with a message (exit
    code 2) before any file is read. `skip`: paths not to check (the run's own -o file).
    """
    from stigmacheck.running.files import expand

    files = expand(paths, follow_links=follow_links)
    if skip:
        files = [p for p in files if not _same_file(p, skip)]
    if config_file:
        groups = {None: Group(load_settings(config_file, paths), None, [])}
        keys = [None] * len(files)
    else:
        keys = [_nearest(p) for p in files]
        groups = {}
        for key in dict.fromkeys(keys or [_nearest("-")]):
            groups[key] = Group(_load_config(key), None, [])
    engines: dict = {}
    for group in groups.values():
        group.engine = _engine(group.cfg, engines, select, ignore, model, quotes, only_approved, use_prefilter)
    check_model(model, [g.cfg for g in groups.values()])
    for group in groups.values():
        if (only_approved or group.cfg.only_approved) and not group.engine.ruleset.rules:
            click.echo("stigmacheck: let op: --only-approved: geen enkele regel is vastgesteld (status: vastgesteld), "
                       "dus er wordt niets gecontroleerd", err=True)
            break
    kept = []
    for path, key in zip(files, keys, strict=True):
        group = groups[key]
        if excluded(path, group.cfg.exclude):
            continue
        group.indices.append(len(kept))
        group.files.append(path)
        kept.append(path)
    return Plan([g for g in groups.values() if g.files] or list(groups.values())[:1], kept)


_folders: dict = {}


def _nearest(path: str):
    """The nearest config file for `path` ('-': from the working directory), cached per folder."""
    from stigmacheck import config as cfgmod

    folder = os.path.dirname(os.path.abspath(path)) if path != "-" else os.getcwd()
    if folder not in _folders:
        start = Path(folder) if os.path.isdir(folder) else Path.cwd()
        try:
            _folders[folder] = cfgmod.discover(start)
        except OSError:  # a folder the user may not read: the file itself gets that error when it is read
            _folders[folder] = None
        except cfgmod.ConfigError as exc:  # a broken pyproject.toml of ours found on the way up
            fail(str(exc))
    return _folders[folder]


def _load_config(found):
    from stigmacheck import config as cfgmod

    try:
        return cfgmod.load(found) if found else cfgmod.Config()
    except cfgmod.ConfigError as exc:
        fail(str(exc))


def _engine(cfg, engines, select, ignore, model, quotes, only_approved, use_prefilter):
    from stigmacheck.api import SetupError, build_engine

    key = repr(cfg)
    if key not in engines:
        try:
            engines[key] = build_engine(cfg, select, ignore, model, quotes, only_approved, use_prefilter)
        except SetupError as exc:
            fail(str(exc))
    return engines[key]


def _same_file(path: str, others) -> bool:
    if path == "-" or os.path.basename(path) not in {os.path.basename(o) for o in others}:
        return False  # the cheap test first: realpath costs a system call per path component
    real = os.path.realpath(path)
    return any(real == os.path.realpath(o) for o in others)


def check_model(model, configs) -> None:
    """A chosen spaCy model (--model, a config's `model`, STIGMACHECK_MODEL) that is neither an
    installed package nor a folder ends the run before any file is read, whatever the files hold."""
    import importlib.util

    names = [model] if model else [c.model for c in configs if c.model]
    if not names and os.environ.get("STIGMACHECK_MODEL"):
        names = [os.environ["STIGMACHECK_MODEL"]]
    for name in dict.fromkeys(names):
        if os.path.isdir(name):
            continue
        looks_like_path = os.sep in name or "/" in name or name.startswith(".")
        try:
            found = not looks_like_path and name.isidentifier() and importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            where = "deze map bestaat niet" if looks_like_path else (
                f"het pakket is niet geïnstalleerd (python -m spacy download {name}) en er is geen map met die naam")
            fail(f"kan het taalmodel '{name}' niet laden: {where}")


def excluded(path: str, patterns) -> bool:
    if not patterns:
        return False
    norm = path.replace(os.sep, "/")
    absolute = Path(path).resolve().as_posix()  # config patterns are anchored at the config folder
    return any(fnmatch.fnmatch(norm, p) or fnmatch.fnmatch(os.path.basename(norm), p) or fnmatch.fnmatch(absolute, p)
               for p in patterns)
