import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def ruleset():
    from stigmacheck.ruleset.loader import load_ruleset

    return load_ruleset()


@pytest.fixture(scope="session")
def engine(ruleset):
    from stigmacheck.engine import Engine

    return Engine(ruleset)


@pytest.fixture
def check(engine):
    """check(text) -> findings of the plain-text reader, info included, with settled fixes."""
    from stigmacheck.documents.text import read_text
    from stigmacheck.fixing.plan import settle

    def run(text, reader=None):
        doc = read_text("t.txt", text)
        findings = engine.check_document(doc)
        settle(doc, findings)
        return findings

    return run


def run_cli_in(cwd, args) -> tuple[int, str]:
    """Run the stigmacheck CLI with `cwd` as the working directory: (exit code, output)."""
    from click.testing import CliRunner

    from stigmacheck.cli import main

    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(old)
    return result.exit_code, result.output


def shared_path(*parts) -> Path:
    return SHARED.joinpath(*parts)


def model_path() -> str | None:
    return os.environ.get("STIGMACHECK_MODEL")


def proef_rule(
    rule_id: str = "term.proefwoord",
    extra: str = "",
    message: str = "'{text}' is een proefwoord. Schrijf '{suggestion}'.",
    source: str = "test",
    flag: str = "Een proefwoord.",
    suggestion: str = "testwoord",
    passing: str = "Een testwoord.",
    noun: str = "proefwoord",
    replace: str | None = "testwoord",
) -> str:
    """A small valid term rule for tests (proefwoord -> testwoord; `replace=None`: no replacement).
    `extra` holds further top-level lines ("status: concept\\n"), placed after `severity` so the
    later line numbers stay the same only when it is empty."""
    replacement = f"    replace: {replace}\n" if replace else ""
    expected = f"      suggestion: {suggestion}\n" if replace else ""
    return (
        f"id: {rule_id}\n"
        "category: term\n"
        "severity: warning\n"
        f"{extra}"
        f'message: "{message}"\n'
        "rationale: Alleen voor de test.\n"
        f"sources: [{source}]\n"
        "terms:\n"
        f"  - noun: {noun}\n"
        f"{replacement}"
        "examples:\n"
        "  flag:\n"
        f"    - text: {flag}\n"
        f"{expected}"
        "  pass:\n"
        f"    - {passing}\n"
    )
