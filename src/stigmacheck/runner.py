"""Files in, results out: expand paths, read each file, check it. Unreadable files get an error."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from stigmacheck.documents import EXTENSIONS, ReadError, load, reader_for
from stigmacheck.documents.decode import DecodeError, decode
from stigmacheck.engine import Engine, FileResult
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
    except FileNotFoundError:
        return FileResult(path, error="bestand niet gevonden")
    except IsADirectoryError:
        return FileResult(path, error="is een map")
    except PermissionError:
        return FileResult(path, error="geen leesrechten")
    except OSError as exc:
        return FileResult(path, error=f"kan het bestand niet lezen: {exc.strerror or exc}")
    return check_bytes(engine, path, data, reader)


def check_bytes(engine: Engine, path: str, data: bytes, reader: str) -> FileResult:
    notes: list[str] = []
    if reader != "docx":
        try:
            source, note = decode(data)
        except DecodeError as exc:
            return FileResult(path, error=str(exc))
        if note:
            notes.append(note)
        if not engine.may_match(source):
            result = FileResult(path, notes=notes)
            apply_suppressions(result, source, engine.ruleset)
            return result
    try:
        doc = load(path, data, reader)
    except ReadError as exc:
        return FileResult(path, error=str(exc))
    findings = engine.check_document(doc)
    result = FileResult(path, findings=findings, notes=notes + [n for n in doc.notes if n not in notes], document=doc)
    apply_suppressions(result, doc.source, engine.ruleset)
    return result
