"""`stigmacheck init`: a commented starter configuration."""

from __future__ import annotations

from pathlib import Path

import click

from stigmacheck.commands.common import fail


@click.command()
@click.option("--force", is_flag=True, help="Overschrijf een bestaand bestand.")
def init(force):
    """Schrijf een startconfiguratie (.stigmacheck.yaml) met uitleg."""
    from stigmacheck.config import STARTER

    target = Path(".stigmacheck.yaml")
    if target.exists() and not force:
        fail(f"{target} bestaat al (gebruik --force om te overschrijven)")
    target.write_text(STARTER, encoding="utf-8")
    click.echo(f"{target} geschreven")
