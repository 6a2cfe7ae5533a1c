"""Files in, results out: expand paths, read each file, check it. Unreadable files get an error."""

from __future__ import annotations

import os
import stat
import sys

from stigmacheck.documents import EXTENSIONS, ReadError, load, load_source, reader_for
from stigmacheck.documents.decode import DecodeError, decode_info
from stigmacheck.documents.limits import DEFAULT as DEFAULT_LIMITS
from stigmacheck.engine import Engine
from stigmacheck.nlp import ModelError
from stigmacheck.running.results import FileResult, Results, SourceText, is_plain, plain_result  # noqa: F401
from stigmacheck.suppress import apply_to_result as apply_suppressions

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}


TEMP_SUFFIX = ".stigmacheck.tmp"  # fixing/write.py's temporary files, never checked
# report/html.py writes this in <head>: such a file is stigmacheck's own report, noted and not checked
REPORT_MARKER = b'<meta name="generator" content="stigmacheck'

DETAILS = False  # -v: an unexpected error in one file also prints its traceback on standard error


class NotAFile(OSError):
    """A named path that is a FIFO, a device, a socket: never read (it could block or never end)."""


class TooLarge(OSError):
    """More bytes than the limit: `message` says which limit (documents/limits.py)."""

    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.filename, self.message = path, message


def read_limit(limits, reader: str) -> tuple[int, str]:
    """(bytes, config key) a file of this reader may have on disk: max_file_mb for text, Markdown
    and HTML; max_unzipped_mb for a Word file (its XML parts are held to max_file_mb once unpacked)."""
    limits = limits or DEFAULT_LIMITS
    if reader == "docx":
        return limits.max_unzipped_bytes, f"{limits.max_unzipped_mb} MB (instelling max_unzipped_mb)"
    return limits.max_file_bytes, f"{limits.max_file_mb} MB (instelling max_file_mb)"


def expand(paths: list[str], follow_links: bool = False) -> list[str]:
    """Files as given, directories walked recursively for supported extensions (sorted).

    While walking, only regular files are taken (no FIFO, device or socket), and a symbolic link
    that leads out of the walked folder is not followed unless `follow_links`. A file named
    explicitly is taken as it is; check_file says what is wrong with it.
    """
    out: list[str] = []
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            out.append(p)
            continue
        root = os.path.realpath(p)
        found = []
        unreadable: list[str] = []  # a folder the walk cannot list is reported, not dropped in silence
        for folder, dirs, files in os.walk(p, onerror=lambda exc, out=unreadable: out.append(exc.filename)):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for name in files:
                if os.path.splitext(name)[1].lower() not in EXTENSIONS or name.endswith(TEMP_SUFFIX):
                    continue
                full = os.path.join(folder, name)
                if _walkable(full, root, follow_links):
                    found.append(full)
        out += sorted(found) + [u for u in unreadable if u]
    return out


def _walkable(path: str, root: str, follow_links: bool) -> bool:
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            if not follow_links and os.path.commonpath([root, os.path.realpath(path)]) != root:
                return False
            st = os.stat(path)
        return stat.S_ISREG(st.st_mode)
    except (OSError, ValueError):
        return False


def read_limited(path: str, limits=None, reader: str | None = None) -> bytes:
    """The bytes of a regular file, at most the read limit of its reader (`limits`: the configured
    documents.limits.Limits); a FIFO or device is never read.

    Opened without blocking (a FIFO with no writer would hang the open), then checked with fstat
    on the open file itself, so a file swapped for something else in between is caught too.
    """
    limit, shown = read_limit(limits, reader or reader_for(path))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            # ask for the size fstat gives (a read of limit+1 bytes allocates that much first);
            # a file that grew meanwhile is read on, up to the limit
            want = min(limit, st.st_size) + 1
            data = stream.read(want)
            if len(data) == want and want <= limit:
                data += stream.read(limit + 1 - len(data))
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(path, f"te groot: de grens is {shown}; niet gelezen")
    return data


def read_stream(stream, limits=None, reader: str = "text") -> bytes:
    limit, shown = read_limit(limits, reader)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge("-", f"te groot: de grens is {shown}; niet gelezen")
    return data


def check_file(engine: Engine, path: str, stdin_filename: str | None = None) -> FileResult:
    """One file's result; whatever goes wrong with this file is this file's error, never the run's."""
    try:
        if path == "-":
            reader = reader_for(stdin_filename or "stdin.txt")
            data = read_stream(sys.stdin.buffer, engine.options.limits, reader)
        else:
            reader = reader_for(path)
            data = read_limited(path, engine.options.limits, reader)
    except OSError as exc:
        return FileResult(path, error=read_problem(exc))
    if reader == "html" and REPORT_MARKER in data[:2048]:
        return FileResult(path, notes=["dit is een rapport van stigmacheck zelf; niet gecontroleerd"])
    try:
        return check_bytes(engine, path, data, reader)
    except ModelError:
        raise  # no file can be checked without the model: the run stops with that message
    except Exception as exc:  # noqa: BLE001 - one bad file must not cost the results of the others
        return FileResult(path, error=unexpected_problem(exc))


def unexpected_problem(exc: BaseException) -> str:
    """The per-file message for an error that is not the file's fault (a bug, a limit of spaCy)."""
    if DETAILS:
        import traceback

        sys.stderr.write(traceback.format_exc())
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    kind = "te weinig geheugen" if isinstance(exc, MemoryError) else type(exc).__name__
    return (f"onverwachte fout bij het controleren ({kind}{': ' + detail if detail else ''}); "
            "de andere bestanden zijn wel gecontroleerd")


def read_problem(exc: OSError) -> str:
    """Why a file could not be read, in the words the reports use."""
    if isinstance(exc, TooLarge):
        return exc.message
    if isinstance(exc, NotAFile):
        return "geen gewoon bestand (een FIFO, apparaat of socket); overgeslagen"
    if isinstance(exc, FileNotFoundError):
        return "bestand niet gevonden"
    if isinstance(exc, IsADirectoryError):
        return "een map die niet kan worden doorzocht (geen rechten)"
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
