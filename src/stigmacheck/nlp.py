"""The one spaCy pipeline, built lazily on first use.

Which pipeline: `--model`, the config file's `model` or STIGMACHECK_MODEL (a package name or a
path), else nl_core_news_sm when installed, else the embedded default: spacy.blank("nl") with a
sentence splitter and the lookup lemmatizer from spacy-lookups-data. Nothing here imports spaCy
until a check really needs it.
"""

from __future__ import annotations

import importlib.util
import os
from contextlib import contextmanager

FULL_MODEL = "nl_core_news_sm"
EMBEDDED = "embedded (spacy.blank('nl') + sentencizer + lookup-lemmatizer)"

_requested: str | None = None
_nlp = None

# What checkers may ask of spaCy (a checker's `nlp_needs`; without it: everything) and which
# components serve each need. Components that serve no need are not even loaded.
ALL_NEEDS = frozenset({"sents", "dep", "pos", "lemma"})
SERVES = {
    "dep": {"parser"},
    "pos": {"tagger", "morphologizer", "attribute_ruler"},
    "lemma": {"lemmatizer", "trainable_lemmatizer", "tagger", "morphologizer", "attribute_ruler"},
}
OPTIONAL = ("ner", "entity_ruler", "entity_linker", "textcat", "textcat_multilabel", "spancat", "tagger",
            "morphologizer", "attribute_ruler", "lemmatizer", "trainable_lemmatizer", "parser", "senter", "tok2vec")
_needs: frozenset = ALL_NEEDS
_blocked: type[Exception] | None = None


class ModelError(Exception):
    pass


def configure(model: str | None) -> None:
    """Choose the pipeline (None: environment, then installed model, then embedded default)."""
    global _requested, _nlp
    if model != _requested:
        _requested, _nlp = model, None


def needs_of(checkers) -> frozenset:
    """What the checkers that use spaCy need of it, together."""
    out: set[str] = set()
    for c in checkers:
        if c.needs_nlp:
            out |= set(c.nlp_needs or ALL_NEEDS)
    return frozenset(out | {"sents"}) if out else frozenset()


def require(needs) -> None:
    """Build the pipeline for these needs only (call before the first check)."""
    global _needs, _nlp
    needs = frozenset(needs) or ALL_NEEDS
    if needs != _needs:
        _needs, _nlp = needs, None


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


@contextmanager
def blocked(error: type[Exception]):
    """Within this block, asking for the pipeline raises `error` (the whole-file gate must stay cheap)."""
    global _blocked
    before, _blocked = _blocked, error
    try:
        yield
    finally:
        _blocked = before


def get_nlp():
    global _nlp
    if _blocked is not None:
        raise _blocked()
    if _nlp is None:
        from stigmacheck.documents.limits import PARAGRAPH_CAP

        _nlp = _build(chosen())
        # documents.load cuts every block to max_paragraph_chars, which is at most PARAGRAPH_CAP:
        # spaCy's own limit (E088) can never be reached, whatever a model's config says
        _nlp.max_length = max(_nlp.max_length, PARAGRAPH_CAP)
    return _nlp


def has_parser() -> bool:
    """Whether the pipeline parses; the embedded default never does, so it is not loaded to ask."""
    if chosen() is None or "dep" not in _needs:
        return False
    return "parser" in get_nlp().pipe_names


def _build(name: str | None):
    import spacy

    if name:
        keep = {c for n in _needs for c in SERVES.get(n, ())}
        if "sents" in _needs and "parser" not in keep:
            keep.add("senter")  # sentences without the (slower) parser, when the model has one
        if keep & {"parser", "senter", "tagger", "morphologizer", "trainable_lemmatizer"}:
            keep.add("tok2vec")  # their shared input layer
        try:
            nlp = spacy.load(name, exclude=[c for c in OPTIONAL if c not in keep])
            if "senter" in keep and "senter" in nlp.disabled:
                nlp.enable_pipe("senter")
        except (OSError, ImportError, ValueError) as exc:
            raise ModelError(f"kan het taalmodel '{name}' niet laden: {exc}".split("\n")[0]) from None
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    if "lemma" not in _needs:
        return nlp
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except (ValueError, OSError) as exc:  # spacy-lookups-data missing
        raise ModelError(f"de lookup-lemmatizer ontbreekt (pip install spacy-lookups-data): {exc}") from None
    return nlp
