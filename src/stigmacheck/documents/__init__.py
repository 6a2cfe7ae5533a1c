"""Readers: turn a file of any supported format into a Document."""

from __future__ import annotations

import os

from stigmacheck.documents.base import Block, Document, Run
from stigmacheck.documents.decode import DecodeError, decode, decode_info  # noqa: F401 (decode: for callers)
from stigmacheck.documents.limits import DEFAULT as DEFAULT_LIMITS
from stigmacheck.documents.limits import Limits
from stigmacheck.documents.text import read_text

# extension -> reader name
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}


class ReadError(Exception):
    """A file that cannot be turned into a Document; the message is shown to the user."""


def reader_for(name: str) -> str:
    return EXTENSIONS.get(os.path.splitext(name)[1].lower(), "text")


def load(path: str, data: bytes, reader: str | None = None, limits: Limits | None = None) -> Document:
    """The Document of a file's bytes; ReadError (a Dutch reason) when it cannot be read or is
    over one of the `limits` (default: documents.limits.DEFAULT)."""
    reader = reader or reader_for(path)
    limits = limits or DEFAULT_LIMITS
    if reader == "docx":
        from stigmacheck.documents import docx as docx_reader
        from stigmacheck.documents.limits import bound_blocks

        doc = docx_reader.read_docx(path, data, limits)
        problem = bound_blocks(doc, limits.max_paragraph_chars)
        if problem:
            raise ReadError(problem)
        return doc
    try:
        decoded = decode_info(data, limits)
    except DecodeError as exc:
        raise ReadError(str(exc)) from None
    return load_source(path, decoded.text, reader, decoded.note, limits)


def load_source(path: str, source: str, reader: str, note: str | None = None, limits: Limits | None = None) -> Document:
    """A Document from text that is already decoded (every format but .docx)."""
    from stigmacheck.documents.limits import bound_blocks

    limits = limits or DEFAULT_LIMITS
    if reader == "markdown":
        from stigmacheck.documents.markdown import read_markdown as read
    elif reader == "html":
        from stigmacheck.documents.html import read_html as read
    else:
        read = read_text
    doc = read(path, source)
    if note:
        doc.notes.append(note)
    problem = bound_blocks(doc, limits.max_paragraph_chars)
    if problem:
        raise ReadError(problem)
    return doc


__all__ = ["EXTENSIONS", "Block", "Document", "Limits", "ReadError", "Run", "load", "load_source", "reader_for"]
