"""Check many files at once, results in the order of the file list.

On Linux this process and forked copies of it share the files (forked.py). Elsewhere a pool of
spawned workers gets the engine pickled once, in its initializer; files go out in chunks and
results come back small: findings plus a runner.SourceText that holds the source only for files
with findings. Either way each process builds its spaCy pipeline at most once, on first need.
Few files are checked in this process alone: starting workers does not pay for them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from stigmacheck.running import forked
from stigmacheck.engine import Engine
from stigmacheck.running.results import FileResult
from stigmacheck.running.files import check_file, is_plain, plain_result

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
    jobs = min(jobs, len(on_disk))
    if forked.available():
        engine.screen.warm_up()  # the children inherit the compiled gate instead of each building it
        done = forked.check_all(engine, on_disk, jobs)
        k = 0
        for p in paths:
            if p == "-":
                yield check_file(engine, p, stdin_filename)
            else:
                yield done.get(k) or plain_result(p)
                k += 1
        return
    ctx, initargs = _context(engine)
    if ctx is None:
        yield from check_files(engine, paths, 1, stdin_filename)
        return
    # about eight chunks a worker: each chunk costs a round trip through the pool's queues, and
    # the last one, which may leave the other worker waiting, is still short
    chunk = max(1, min(128, len(on_disk) // (jobs * 8)))
    with ctx.Pool(jobs, initializer=_init, initargs=initargs) as pool:
        remote = pool.imap(_check, on_disk, chunksize=chunk)
        for p in paths:
            if p == "-":
                yield check_file(engine, p, stdin_filename)
            else:
                result = next(remote)
                yield plain_result(p) if result is None else result


def _context(engine: Engine):
    """The multiprocessing context ('spawn': where fork is missing) and the initializer arguments
    that hand over the engine."""
    import multiprocessing  # here, not at the top: only a platform without fork needs it
    import pickle

    from stigmacheck import nlp

    try:
        payload = pickle.dumps(engine)
    except Exception:  # a checker that cannot be pickled: stay in this process
        return None, ()
    return multiprocessing.get_context("spawn"), (payload, nlp.chosen())


def _init(payload: bytes, model: str | None) -> None:
    """Runs once in each spawned worker."""
    global _engine
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
