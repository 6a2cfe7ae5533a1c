"""Files in, results out: expand paths, read each file, check it. Unreadable files get an error."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from stigmacheck.documents import EXTENSIONS, ReadError, load, load_source, reader_for
from stigmacheck.documents.decode import DecodeError, decode_info
from stigmacheck.engine import Engine
from stigmacheck.running.results import FileResult, Results, SourceText, is_plain, plain_result  # noqa: F401
from stigmacheck.suppress import apply_to_result as apply_suppressions

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}


def expand(paths: list[str]) -> list[str]:
    """Files as given, directories walked recursively for supported extensions (sorted)."""
    out: list[str] = []
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            out.append(p)
            continue
        found = []
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for name in files:
                if os.path.splitext(name)[1].lower() in EXTENSIONS:
                    found.append(os.path.join(root, name))
        out += sorted(found)
    return out


def check_file(engine: Engine, path: str, stdin_filename: str | None = None) -> FileResult:
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
            reader = reader_for(stdin_filename or "stdin.txt")
        else:
            data = Path(path).read_bytes()
            reader = reader_for(path)
    except OSError as exc:
        return FileResult(path, error=read_problem(exc))
    return check_bytes(engine, path, data, reader)


def read_problem(exc: OSError) -> str:
    """Why a file could not be read, in the words the reports use."""
    if isinstance(exc, FileNotFoundError):
        return "bestand niet gevonden"
    if isinstance(exc, IsADirectoryError):
        return "is een map"
    if isinstance(exc, PermissionError):
        return "geen leesrechten"
    return f"kan het bestand niet lezen: {exc.strerror or exc}"


def check_bytes(engine: Engine, path: str, data: bytes, reader: str, keep: bool = False) -> FileResult:
    """Check one file's bytes: decoded once, read once, checked, suppressions applied, fixes settled.

    `keep`: the result keeps the full Document and the bytes (for fix mode, the review copy and
    the in-memory API); otherwise a SourceText that holds the text only when there are findings.
    """
    from stigmacheck.fixing.plan import settle

    notes: list[str] = []
    source = None
    codec = "utf-8"
    limits = engine.options.limits
    if reader != "docx":
        try:
            decoded = decode_info(data, limits)
        except DecodeError as exc:
            return FileResult(path, error=str(exc))
        source, codec = decoded.text, decoded.codec
        if decoded.note:
            notes.append(decoded.note)
        # UTF-8 bytes (BOM or not) let the gate test stems without touching the decoded text
        if not engine.screen.file(source, data if codec == "utf-8" else None):
            result = FileResult(path, notes=notes, codec=codec)
            apply_suppressions(result, source, engine.ruleset)
            if keep:
                try:
                    result.document, result.data = load_source(path, source, reader, None, limits), data
                except ReadError as exc:
                    return FileResult(path, error=str(exc))
            else:
                result.document = SourceText(path, reader, source if result.suppressed else None)
            return result
    try:
        doc = load(path, data, reader, limits) if source is None else load_source(path, source, reader, None, limits)
    except ReadError as exc:
        return FileResult(path, error=str(exc))
    findings = engine.check_document(doc)
    result = FileResult(path, findings=findings, notes=notes + [n for n in doc.notes if n not in notes],
                        document=doc, codec=codec)
    apply_suppressions(result, doc.source, engine.ruleset)
    settle(doc, result.findings, codec)
    if keep:
        result.data = data
    else:
        result.document = SourceText.of(doc, reader, keep=bool(result.findings or result.suppressed))
    return result
