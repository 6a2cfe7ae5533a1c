"""Fixes: settled on every finding once (plan.py), applied by fix mode (apply.py, docx.py),
written atomically (write.py). Every door reads the same `findings.Fix`."""

from __future__ import annotations

from stigmacheck.fixing.apply import Applied, FileFix, Skipped, fix_checked
from stigmacheck.fixing.write import CHANGED, FileChangedError, unified_diff, write, write_atomic


def fix_bytes(engine, path: str, data: bytes, reader: str | None = None) -> FileFix:
    """Check `data` once and plan its fixes in memory; nothing is written here."""
    from stigmacheck.documents import reader_for
    from stigmacheck.running.files import check_bytes

    return fix_checked(check_bytes(engine, path, data, reader or reader_for(path), keep=True))


def fix_file(engine, path: str) -> FileFix:
    from stigmacheck.running.files import read_limited, read_problem

    try:
        data = read_limited(path, engine.options.limits)
    except OSError as exc:
        return FileFix(path, error=read_problem(exc))
    return fix_bytes(engine, path, data)


__all__ = ["Applied", "CHANGED", "FileChangedError", "FileFix", "Skipped", "fix_bytes", "fix_checked", "fix_file",
           "unified_diff", "write", "write_atomic"]
