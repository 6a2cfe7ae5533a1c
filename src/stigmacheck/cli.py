"""The command line: one click group; each command lives in its own module under commands/ and is
imported only when it is run, so `stigmacheck check` on a clean file starts fast."""

from __future__ import annotations

import os
import signal
import sys

import click

from stigmacheck import __version__
from stigmacheck.commands import clicktext
from stigmacheck.exitcodes import EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED

clicktext.install()  # click's usage lines, help headings and usage errors in Dutch


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
        "review": "stigmacheck.commands.review:review",
        "eval": "stigmacheck.commands.evaluate:eval_command",
        "serve": "stigmacheck.commands.serve:serve",
    }

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Every way a run can end, with a documented exit code and never a traceback: a usage
        error 2, Ctrl-C or SIGTERM 130, an unexpected error 3 (the traceback only with -v or
        STIGMACHECK_DEBUG=1)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        previous = _on_sigterm()
        try:
            super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(EXIT_ERROR)
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("stigmacheck: afgebroken", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(EXIT_ERROR)
        except Exception as exc:  # noqa: BLE001 - a bug must not look like a result to CI
            _internal_error(exc, "-v" in argv or "--verbose" in argv or bool(os.environ.get("STIGMACHECK_DEBUG")))
            sys.exit(EXIT_INTERNAL)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
        sys.exit(0)

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


def _terminated(signum, frame):
    raise KeyboardInterrupt  # SIGTERM (what CI sends on cancel) ends the run as Ctrl-C does: workers stopped


def _on_sigterm():
    """Handle SIGTERM like Ctrl-C for this run; returns the handler to restore (None: not set)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    try:
        return signal.signal(signal.SIGTERM, _terminated)
    except (ValueError, OSError):
        return None


def _quiet_stdout() -> None:
    """Standard output was closed by the reader (`| head`): no second error while Python exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _internal_error(exc: BaseException, details: bool) -> None:
    kind = "te weinig geheugen" if isinstance(exc, MemoryError) else type(exc).__name__
    first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    click.echo(f"stigmacheck: interne fout ({kind}{': ' + first if first else ''}). Dit is een fout in stigmacheck, "
               "geen oordeel over uw tekst; exitcode 3.", err=True)
    if details:
        import traceback

        click.echo("".join(traceback.format_exception(exc)).rstrip(), err=True)
    else:
        click.echo("Details: herhaal met -v (of STIGMACHECK_DEBUG=1).", err=True)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Toon de versie en het taalmodel.")
def main():
    """Controleer overheidsteksten over sekswerk op stigmatiserende taal.

    Check Dutch government texts about sex work for stigmatising language.
    """


if __name__ == "__main__":
    main()
