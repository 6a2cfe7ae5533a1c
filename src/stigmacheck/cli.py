"""The command line: one click group; each command lives in its own module under commands/ and is
imported only when it is run, so `stigmacheck check` on a clean file starts fast."""

from __future__ import annotations

import click

from stigmacheck import __version__


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
        "check": "stigmacheck.commands.check:check",
        "fix": "stigmacheck.commands.fix:fix",
        "init": "stigmacheck.commands.init:init",
        "rules": "stigmacheck.commands.rules:rules",
        "eval": "stigmacheck.commands.evaluate:eval_command",
        "serve": "stigmacheck.commands.serve:serve",
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


if __name__ == "__main__":
    main()
