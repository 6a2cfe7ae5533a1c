"""What the commands share: settings, rules and engine, the rule options, and failing with a message."""

from __future__ import annotations

import fnmatch
import os
import sys
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


def prepare(config_file, paths, select, ignore, model, quotes, only_approved, use_prefilter=True):
    """Settings, rules, engine and the files to read, as `check` and `fix` both need them; a bad
    config file or rule folder ends the run with a message (exit code 2)."""
    from stigmacheck.api import SetupError, build_engine
    from stigmacheck.running.files import expand

    cfg = load_settings(config_file, paths)
    try:
        engine = build_engine(cfg, select, ignore, model, quotes, only_approved, use_prefilter)
    except SetupError as exc:
        fail(str(exc))
    files = [p for p in expand(paths) if not excluded(p, cfg.exclude)]
    return cfg, engine.ruleset, engine, files


def excluded(path: str, patterns) -> bool:
    if not patterns:
        return False
    norm = path.replace(os.sep, "/")
    absolute = Path(path).resolve().as_posix()  # config patterns are anchored at the config folder
    return any(fnmatch.fnmatch(norm, p) or fnmatch.fnmatch(os.path.basename(norm), p) or fnmatch.fnmatch(absolute, p)
               for p in patterns)
