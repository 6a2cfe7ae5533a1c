"""What a run gives back: one FileResult per file, and the light stand-ins that keep memory flat."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from stigmacheck.documents import reader_for
from stigmacheck.documents.base import line_col, line_starts


@dataclass
class FileResult:
    path: str
    findings: list = field(default_factory=list)  # findings.Finding, each with its settled Fix
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    document: object = None  # the full Document (in-memory checks) or a SourceText (runs over files)
    suppressed: list = field(default_factory=list)  # (finding, directive) pairs, see suppress.py
    unused_suppressions: list = field(default_factory=list)  # suppress.Directive
    data: bytes | None = None  # the bytes as read, kept only when asked for (fix, review copy)
    codec: str = "utf-8"  # how the text was decoded; fix writes it back the same way


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
        starts = getattr(doc, "_line_starts", None) or line_starts(doc.source)
        return cls(doc.path, reader, doc.source, list(starts))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a source offset."""
        if self.source is None:
            raise ValueError(f"{self.path}: de brontekst is niet bewaard (geen meldingen in dit bestand)")
        if self.line_starts is None:
            self.line_starts = line_starts(self.source)
        return line_col(self.line_starts, offset)

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

    @classmethod
    def merge(cls, parts, total: int) -> "Results":
        """One Results in the run's file order from the parts checked by group: (indices, Results)."""
        if len(parts) == 1:
            return parts[0][1]
        out = cls(())
        out._items = [None] * total
        for indices, part in parts:
            for i, item in zip(indices, part._items, strict=True):
                out._items[i] = item
        return out


def display_path(path: str) -> str:
    """A path any report can carry: bytes that are not UTF-8 (kept by Python as lone surrogates)
    are shown as \\xNN, so the text, JSON, SARIF and HTML written are always valid UTF-8."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class for_display(Sequence):  # lower case: used like a function
    """The results as the reports see them: each path made safe to write (display_path)."""

    def __init__(self, results: Sequence):
        self._results = results

    def __len__(self) -> int:
        return len(self._results)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._shown(r) for r in self._results[i]]
        return self._shown(self._results[i])

    def __iter__(self) -> Iterator[FileResult]:
        return map(self._shown, self._results)

    @staticmethod
    def _shown(result: FileResult) -> FileResult:
        shown = display_path(result.path)
        if shown is not result.path:
            result.path = shown
            if getattr(result.document, "path", None) is not None:
                result.document.path = shown
        return result
