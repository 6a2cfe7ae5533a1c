"""Check files in this process and in forked copies of it, sharing the work chunk by chunk.

Where `fork` exists (Linux), this beats a multiprocessing pool for the typical run of thousands
of small, mostly clean files: this process works too instead of waiting, nothing is pickled per
file or per chunk, no helper threads compete with the workers for the cores, and the children
start with everything this process has built (the engine, its compiled gate). On the 2,000-page
benchmark site the parallel part took 0.33 s against 0.38 s with a pool, and varied far less.

How: the start offsets of all chunks are written to a pipe up front; every process reads the
next 4-byte offset when it is ready for more (Linux hands each read of 4 bytes a whole offset),
so a process that drew slow pages simply takes fewer chunks. Each child keeps only the results
worth reporting (runner.is_plain: clean files are rebuilt from their path) and sends them,
pickled, through its own pipe when the offsets run out. An error in a child (a model that cannot
be loaded, a bug) is raised here; a child that dies without a word is reported as such.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import traceback

from stigmacheck.engine import Engine
from stigmacheck.running.results import FileResult
from stigmacheck.running.files import check_file, is_plain

_OFFSET = struct.Struct("=i")
MAX_CHUNKS = 8192  # offsets written up front must fit in a pipe (64 KiB on Linux)


class WorkerError(RuntimeError):
    pass


def available() -> bool:
    return hasattr(os, "fork") and os.uname().sysname == "Linux"


def check_all(engine: Engine, paths: list[str], jobs: int) -> dict[int, FileResult]:
    """The results worth reporting for `paths`, by index, from this process and `jobs - 1` children."""
    chunk = max(1, min(128, len(paths) // (jobs * 8)), -(-len(paths) // MAX_CHUNKS))
    offsets_r, offsets_w = os.pipe()
    data = b"".join(_OFFSET.pack(start) for start in range(0, len(paths), chunk))
    while data:
        data = data[os.write(offsets_w, data):]
    os.close(offsets_w)
    children: list[tuple[int, int]] = []
    parent = os.getpid()
    try:
        for _ in range(jobs - 1):
            out_r, out_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: work, report, leave without running any of the parent's clean-up
                os.close(out_r)
                _child(engine, paths, offsets_r, chunk, out_w, parent)
            os.close(out_w)
            children.append((pid, out_r))
        results = _work(engine, paths, offsets_r, chunk)
        while children:
            pid, out_r = children[0]
            with os.fdopen(out_r, "rb") as stream:
                payload = stream.read()
            _, status = os.waitpid(pid, 0)
            children.pop(0)
            kind, value = pickle.loads(payload) if payload else ("died", status)
            if kind == "error":
                raise value
            if kind == "died":
                raise WorkerError(f"een werkproces is onverwacht gestopt (status {value}); probeer --jobs 1")
            results.update(value)
        return results
    finally:
        os.close(offsets_r)
        for pid, out_r in children:  # only after an error or Ctrl-C here: stop the others, reap them
            for step in (lambda: os.close(out_r), lambda: os.kill(pid, signal.SIGTERM), lambda: os.waitpid(pid, 0)):
                try:
                    step()
                except OSError:
                    pass


def _work(engine: Engine, paths: list[str], offsets_r: int, chunk: int) -> dict[int, FileResult]:
    out: dict[int, FileResult] = {}
    while True:
        raw = os.read(offsets_r, _OFFSET.size)
        if not raw:
            return out
        (start,) = _OFFSET.unpack(raw)
        for i in range(start, min(start + chunk, len(paths))):
            result = check_file(engine, paths[i])
            if not is_plain(result):
                out[i] = result


def _die_with_parent(parent: int) -> None:
    """Linux: this child gets SIGTERM when the parent dies, however it dies (even SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError, ValueError):
        pass
    if os.getppid() != parent:  # the parent was already gone before prctl
        os._exit(0)


def _child(engine: Engine, paths: list[str], offsets_r: int, chunk: int, out_w: int, parent: int) -> None:
    try:
        _die_with_parent(parent)
        try:
            payload = pickle.dumps(("ok", _work(engine, paths, offsets_r, chunk)))
        except BaseException as exc:  # reported to the parent, which raises it there
            try:
                payload = pickle.dumps(("error", exc))
            except Exception:
                payload = pickle.dumps(("error", WorkerError(traceback.format_exc())))
        with os.fdopen(out_w, "wb") as stream:
            stream.write(payload)
    finally:
        os._exit(0)
