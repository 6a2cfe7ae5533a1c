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
    """check(text) -> findings of the plain-text reader, info included."""
    from stigmacheck.documents.text import read_text

    def run(text, reader=None):
        return engine.check_document(read_text("t.txt", text))

    return run


def shared_path(*parts) -> Path:
    return SHARED.joinpath(*parts)


def model_path() -> str | None:
    return os.environ.get("STIGMACHECK_MODEL")
