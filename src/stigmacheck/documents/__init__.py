"""Readers: turn a file of any supported format into a Document."""

from __future__ import annotations

import os

from stigmacheck.documents.base import Block, Document, Run
from stigmacheck.documents.decode import DecodeError, decode
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


def load(path: str, data: bytes, reader: str | None = None) -> Document:
    reader = reader or reader_for(path)
    if reader == "docx":
        from stigmacheck.documents import docx as docx_reader

        return docx_reader.read_docx(path, data)
    try:
        source, note = decode(data)
    except DecodeError as exc:
        raise ReadError(str(exc)) from None
    return load_source(path, source, reader, note)


def load_source(path: str, source: str, reader: str, note: str | None = None) -> Document:
    """A Document from text that is already decoded (every format but .docx)."""
    if reader == "markdown":
        from stigmacheck.documents.markdown import read_markdown as read
    elif reader == "html":
        from stigmacheck.documents.html import read_html as read
    else:
        read = read_text
    doc = read(path, source)
    if note:
        doc.notes.append(note)
    return doc


__all__ = ["Block", "Document", "Run", "ReadError", "EXTENSIONS", "load", "load_source", "reader_for"]
