"""The one spaCy pipeline, built lazily on first use.

Which pipeline: `--model`, the config file's `model` or STIGMACHECK_MODEL (a package name or a
path), else nl_core_news_sm when installed, else the embedded default: spacy.blank("nl") with a
sentence splitter and the lookup lemmatizer from spacy-lookups-data. Nothing here imports spaCy
until a check really needs it.
"""

from __future__ import annotations

import importlib.util
import os

FULL_MODEL = "nl_core_news_sm"
EMBEDDED = "embedded (spacy.blank('nl') + sentencizer + lookup-lemmatizer)"

_requested: str | None = None
_nlp = None


class ModelError(Exception):
    pass


def configure(model: str | None) -> None:
    """Choose the pipeline (None: environment, then installed model, then embedded default)."""
    global _requested, _nlp
    if model != _requested:
        _requested, _nlp = model, None


def chosen() -> str | None:
    """The model name or path that will be loaded, or None for the embedded default."""
    name = _requested or os.environ.get("STIGMACHECK_MODEL") or None
    if name:
        return name
    if importlib.util.find_spec(FULL_MODEL) is not None:
        return FULL_MODEL
    return None


def describe() -> str:
    name = chosen()
    return name if name else EMBEDDED


def is_loaded() -> bool:
    return _nlp is not None


def get_nlp():
    global _nlp
    if _nlp is None:
        _nlp = _build(chosen())
    return _nlp


def has_parser() -> bool:
    nlp = get_nlp()
    return "parser" in nlp.pipe_names


def _build(name: str | None):
    import spacy

    if name:
        try:
            nlp = spacy.load(name, exclude=["ner"])
        except (OSError, ImportError, ValueError) as exc:
            raise ModelError(f"kan het taalmodel '{name}' niet laden: {exc}".split("\n")[0]) from None
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except (ValueError, OSError) as exc:  # spacy-lookups-data missing
        raise ModelError(f"de lookup-lemmatizer ontbreekt (pip install spacy-lookups-data): {exc}") from None
    return nlp
