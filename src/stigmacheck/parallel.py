"""Check many files at once: a pool of worker processes, results in the order of the file list.

Each worker gets the engine once (inherited with the 'fork' start method, else pickled to it in
the initializer) and builds its spaCy pipeline at most once, on first need. Files go out in
chunks; results come back small: findings plus a runner.SourceText that holds the source only
for files with findings. Few files are checked in this process: a pool does not pay for them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

from stigmacheck.engine import Engine, FileResult
from stigmacheck.runner import check_file, is_plain, plain_result

MIN_FILES = 8  # fewer files than this are checked in-process, whatever --jobs says

_engine: Engine | None = None  # the engine inside a worker


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_files(engine: Engine, paths: list[str], jobs: int | None = None,
                stdin_filename: str | None = None) -> Iterator[FileResult]:
    """Results for `paths`, in the same order, with up to `jobs` worker processes."""
    jobs = default_jobs() if jobs is None else jobs
    on_disk = [p for p in paths if p != "-"]  # standard input can only be read here
    if jobs <= 1 or len(on_disk) < MIN_FILES:
        for p in paths:
            yield check_file(engine, p, stdin_filename)
        return
    ctx, initargs = _context(engine)
    if ctx is None:
        yield from check_files(engine, paths, 1, stdin_filename)
        return
    jobs = min(jobs, len(on_disk))
    # small chunks: a worker that draws a few slow pages (about sex work: read and checked in
    # full) at the end does not keep the other waiting long
    chunk = max(1, min(16, len(on_disk) // (jobs * 32)))
    with ctx.Pool(jobs, initializer=_init, initargs=initargs) as pool:
        remote = pool.imap(_check, on_disk, chunksize=chunk)
        for p in paths:
            if p == "-":
                yield check_file(engine, p, stdin_filename)
            else:
                result = next(remote)
                yield plain_result(p) if result is None else result


def _context(engine: Engine):
    """The multiprocessing context and the initializer arguments that hand over the engine."""
    import multiprocessing  # here, not at the top: a run on a few files never needs it
    import pickle

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        global _engine
        _engine = engine  # the children inherit it; nothing is pickled
        return multiprocessing.get_context("fork"), (None, None)
    from stigmacheck import nlp

    try:
        payload = pickle.dumps(engine)
    except Exception:  # a checker that cannot be pickled: stay in this process
        return None, ()
    return multiprocessing.get_context("spawn"), (payload, nlp.chosen())


def _init(payload: bytes | None, model: str | None) -> None:
    """Runs once in each worker. A forked worker has inherited the engine and the model choice."""
    global _engine
    if payload is None:
        return
    import pickle

    from stigmacheck import nlp

    _engine = pickle.loads(payload)
    nlp.configure(model)
    nlp.require(_engine.nlp_needs)


def _check(path: str) -> FileResult | None:
    """The result, or None for a file with nothing to report (most files): the parent rebuilds
    that one itself, which saves pickling thousands of small objects each way on a site."""
    result = check_file(_engine, path)
    return None if is_plain(result) else result
