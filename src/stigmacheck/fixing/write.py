"""Writing a fixed file back, atomically and only when it did not change meanwhile; diffs."""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
import tempfile

CHANGED = "het bestand is gewijzigd sinds het werd gelezen; niet overschreven"


class FileChangedError(Exception):
    pass


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and os.replace.

    The file's permission bits are kept. Raises FileChangedError when the file on disk no
    longer holds `expected` (someone saved it meanwhile); it is then left untouched.
    """
    target = os.path.realpath(path)  # write through a symlink, do not replace the link
    folder = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".stigmacheck.tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copymode(target, tmp)
        with open(target, "rb") as current:
            if fingerprint(current.read()) != fingerprint(expected):
                raise FileChangedError(CHANGED)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write(result) -> None:
    """Write a planned fix (fixing.apply.FileFix); a failure becomes the result's error."""
    if not result.changed:
        return
    try:
        write_atomic(result.path, result.fixed, result.original)
        result.written = True
    except FileChangedError as exc:
        result.error = str(exc)
    except OSError as exc:
        result.error = f"kan het bestand niet schrijven: {exc.strerror or exc}"


def _diff_name(side: str, path: str) -> str:
    """git style a/ and b/ for relative paths (patch -p1, git apply); absolute paths as they are."""
    return path if os.path.isabs(path) else f"{side}/{path}"


def unified_diff(result) -> str:
    """A unified diff of the text (for .docx: of the paragraphs)."""
    if not result.changed:
        return ""
    from stigmacheck.documents import load, reader_for
    from stigmacheck.findings import apply_edits

    before = result.document.source
    if reader_for(result.path) == "docx":
        after = load("x.docx", result.fixed, "docx").source
    else:
        after = apply_edits(before, [e for a in result.edits for e in a.finding.fix.edits])
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=_diff_name("a", result.path), tofile=_diff_name("b", result.path),
    )
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ Geen regeleinde aan het eind van het bestand\n")
    return "".join(out)
