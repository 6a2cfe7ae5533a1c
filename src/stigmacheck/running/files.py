"""Files in, results out: expand paths, read each file, check it. Unreadable files get an error."""

from __future__ import annotations

import bisect
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from stigmacheck.documents import EXTENSIONS, ReadError, load, reader_for
from stigmacheck.documents.decode import DecodeError, decode
from stigmacheck.engine import Engine, FileResult
from stigmacheck.suppress import apply_to_result as apply_suppressions

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as Document.line_col counts lines
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}


class SourceText:
    """What reports need of a checked file, small enough to send between processes: the reader,
    `line_col(offset)` and, only when the file has findings (or suppressed findings), its decoded
    `source`. Results of clean files keep no text, so memory stays flat however large the site."""

    __slots__ = ("path", "reader", "source", "line_starts")

    def __init__(self, path: str, reader: str, source: str | None = None, line_starts: list[int] | None = None):
        self.path, self.reader, self.source = path, reader, source
        self.line_starts = line_starts

    @classmethod
    def of(cls, doc, reader: str, keep: bool) -> "SourceText":
        """The light stand-in for a full Document; its lines are counted as the Document counts them."""
        if not keep:
            return cls(doc.path, reader)
        doc.line_col(0)
        starts = getattr(doc, "_line_starts", None) or [0] + [m.end() for m in _LINE_BREAK.finditer(doc.source)]
        return cls(doc.path, reader, doc.source, list(starts))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a source offset."""
        if self.source is None:
            raise ValueError(f"{self.path}: de brontekst is niet bewaard (geen meldingen in dit bestand)")
        if self.line_starts is None:
            self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.source)]
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def __getstate__(self):
        return (self.path, self.reader, self.source, self.line_starts)

    def __setstate__(self, state):
        self.path, self.reader, self.source, self.line_starts = state


def is_plain(result: FileResult) -> bool:
    """Nothing to report and no source kept: a clean file, fully described by its path."""
    return not (result.findings or result.error or result.notes or result.suppressed or result.unused_suppressions
                or getattr(result.document, "source", None) is not None)


def plain_result(path: str) -> FileResult:
    return FileResult(path, document=SourceText(path, reader_for(path)))


class Results(Sequence):
    """The results of a run in file order, where a clean file is kept as its path alone: on a
    site of 100,000 pages that is 100,000 short strings, not 100,000 result objects with their
    lists (memory stays flat as the site grows). Reading one gives a full FileResult."""

    def __init__(self, results: Iterable[FileResult]):
        self._items: list[FileResult | str] = [r.path if is_plain(r) else r for r in results]

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._full(x) for x in self._items[i]]
        return self._full(self._items[i])

    def __iter__(self) -> Iterator[FileResult]:
        return map(self._full, self._items)

    @staticmethod
    def _full(item: FileResult | str) -> FileResult:
        return plain_result(item) if isinstance(item, str) else item


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


def check_bytes(engine: Engine, path: str, data: bytes, reader: str) -> FileResult:
    notes: list[str] = []
    if reader != "docx":
        try:
            source, note = decode(data)
        except DecodeError as exc:
            return FileResult(path, error=str(exc))
        if note:
            notes.append(note)
        # UTF-8 bytes (BOM or not) let the gate test stems without touching the decoded text
        if not engine.may_match_source(source, data if note is None else None):
            result = FileResult(path, notes=notes)
            apply_suppressions(result, source, engine.ruleset)
            result.document = SourceText(path, reader, source if result.suppressed else None)
            return result
    try:
        doc = load(path, data, reader)
    except ReadError as exc:
        return FileResult(path, error=str(exc))
    findings = engine.check_document(doc)
    result = FileResult(path, findings=findings, notes=notes + [n for n in doc.notes if n not in notes], document=doc)
    apply_suppressions(result, doc.source, engine.ruleset)
    result.document = SourceText.of(doc, reader, keep=bool(result.findings or result.suppressed))
    return result
