"""Writing a report to `-o FILE`: never through a name another user can plant, always whole.

A regular file (or a new one) is written to a temporary file with an unpredictable name, created
exclusively in the target's own folder, and renamed over the target when it is complete: a reader
never sees half a report, and a symlink planted at a guessable name is never followed. `-o` given
as a symbolic link writes through the link (the link stays a link). A target that is not a regular
file (a pipe, a terminal, /dev/stdout, /dev/fd/1) is written to directly: there is nothing to
replace there.
"""

from __future__ import annotations

import io
import errno
import os
import stat
from dataclasses import dataclass

TEMP_SUFFIX = ".stigmacheck.tmp"


class OutputError(Exception):
    """A target that cannot be written; the message is Dutch and names the path."""


@dataclass
class Target:
    shown: str  # the path as the user gave it
    real: str  # where the bytes go: the path with every symlink resolved
    direct: bool  # not a regular file: open and write, no temporary file
    mode: int | None  # permission bits of the file being replaced


def output_target(path: str) -> Target:
    """Check `-o PATH` before any work is done; raises OutputError with the reason."""
    if not path:
        raise OutputError("lege bestandsnaam voor -o")
    try:
        st = os.stat(path)  # through every link, the kernel's own /proc/self/fd links included
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{path}: is een map; geef een bestandsnaam")
    if st is not None and not stat.S_ISREG(st.st_mode):  # a pipe, terminal, /dev/stdout: write to it as it is
        if not os.access(path, os.W_OK):
            raise OutputError(f"{path}: geen schrijfrechten")
        return Target(path, path, True, None)
    real = os.path.realpath(path)
    if path.startswith(("/dev/fd/", "/proc/self/fd/")) and st is None:
        raise OutputError(f"{path}: deze bestandsbeschrijver is niet open")
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"{path}: de map {os.path.dirname(path) or folder} bestaat niet")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: geen schrijfrechten in de map {os.path.dirname(path) or '.'}")
    if st is not None and not (st.st_mode & 0o222):
        raise OutputError(f"{path}: het bestand is alleen-lezen")
    return Target(path, real, False, stat.S_IMODE(st.st_mode) if st is not None else None)


def write_output(target: Target, render) -> None:
    """Call `render(stream)` with a UTF-8 text stream that ends up in the target."""
    if target.direct:
        try:  # without blocking: a FIFO that nobody reads would otherwise hang the open forever
            fd = os.open(target.real, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OutputError(f"{target.shown}: niemand leest deze pipe") from None
            raise
        os.set_blocking(fd, True)
        with open(fd, "w", encoding="utf-8", newline="\n") as stream:
            render(stream)
        return
    folder = os.path.dirname(target.real) or "."
    from stigmacheck.fixing.write import remove_stale, replace_via_temp

    remove_stale(folder)  # what a killed earlier run left behind
    def write(handle) -> None:
        stream = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        render(stream)
        stream.flush()
        stream.detach()  # the handle is closed by replace_via_temp

    replace_via_temp(target.real, write, target.mode)
