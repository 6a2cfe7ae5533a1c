"""Writing a fixed file back, atomically and only when it did not change meanwhile; diffs."""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import tempfile

CHANGED = "het bestand is gewijzigd sinds het werd gelezen; niet overschreven"
READ_ONLY = "het bestand is alleen-lezen; niet aangepast"
TEMP_SUFFIX = ".stigmacheck.tmp"
STALE_AFTER = 15 * 60  # seconds: a temporary file of ours this old is left over from a killed run


class FileChangedError(Exception):
    pass


class ReadOnlyError(Exception):
    pass


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def writable(target: str, st: os.stat_result) -> bool:
    """Whether the user may change this file: it has a write bit (root too respects a read-only
    file) and the process may open it for writing. The rename itself needs only the folder, so it
    is asked here."""
    return bool(st.st_mode & 0o222) and os.access(target, os.W_OK)


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and os.replace.

    The file's permission bits are kept, and its owner and group where this process may set them
    (as root). Raises ReadOnlyError for a read-only file and FileChangedError when the file on disk
    no longer holds `expected` (someone saved it meanwhile); the file is then left untouched.
    """
    target = os.path.realpath(path)  # write through a symlink, do not replace the link
    folder = os.path.dirname(target) or "."
    st = os.stat(target)
    if not writable(target, st):
        raise ReadOnlyError(READ_ONLY)
    if folder not in _cleaned:  # once per folder and run: a folder of many files is listed once
        _cleaned.add(folder)
        remove_stale(folder)

    def unchanged() -> None:
        with open(target, "rb") as current:
            if fingerprint(current.read()) != fingerprint(expected):
                raise FileChangedError(CHANGED)

    replace_via_temp(target, lambda handle: handle.write(data), stat.S_IMODE(st.st_mode), owner=st,
                     before_replace=unchanged)


def replace_via_temp(target: str, write, mode: int | None = None, owner: os.stat_result | None = None,
                     before_replace=None) -> None:
    """The one way stigmacheck puts a file in place (fix, -o reports, the Word review copy): `write`
    fills a temporary file that is created exclusively, with an unpredictable name, in the target's
    folder (mkstemp: a link planted there is never followed); then one rename. `mode`: permission
    bits (None: a new file's, after the umask); `owner`: a stat whose owner and group to keep;
    `before_replace`: a last check that may raise. On any error the temporary file is removed."""
    folder = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if owner is not None:
            _keep_owner(tmp, owner)
        os.chmod(tmp, mode if mode is not None else 0o666 & ~current_umask())
        if before_replace is not None:
            before_replace()
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _keep_owner(tmp: str, st: os.stat_result) -> None:
    """Give the new file the old file's owner and group, as far as this process may (root may;
    an ordinary user may keep a group it belongs to)."""
    if not hasattr(os, "chown"):
        return
    for uid, gid in ((st.st_uid, st.st_gid), (-1, st.st_gid)):
        try:
            os.chown(tmp, uid, gid)
            return
        except OSError:
            continue


_cleaned: set[str] = set()


def remove_stale(folder: str, now: float | None = None) -> list[str]:
    """Remove our own temporary files left in `folder` by a killed run: `.NAME.*.stigmacheck.tmp`
    that are regular files, owned by this user and older than STALE_AFTER. A younger one may belong
    to a run that is still writing; it is left alone. Returns the names removed."""
    import time

    now = time.time() if now is None else now
    removed = []
    try:
        entries = os.listdir(folder)
    except OSError:
        return removed
    for entry in entries:
        if not (entry.startswith(".") and entry.endswith(TEMP_SUFFIX)):
            continue
        full = os.path.join(folder, entry)
        try:
            st = os.lstat(full)
            if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and now - st.st_mtime > STALE_AFTER:
                os.unlink(full)
                removed.append(entry)
        except (OSError, AttributeError):
            continue
    return removed


def write(result) -> None:
    """Write a planned fix (fixing.apply.FileFix); a failure becomes the result's error."""
    if not result.changed:
        return
    try:
        write_atomic(result.path, result.fixed, result.original)
        result.written = True
    except (FileChangedError, ReadOnlyError) as exc:
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
