"""Forked workers that the event loop talks to directly, one pipe each.

Why not concurrent.futures.ProcessPoolExecutor: its helper threads (a queue feeder and a result
manager) compete with the event loop for this process's GIL, and under load every hand-over waits
for the interpreter's switch interval; at 8 concurrent clients that cost more throughput than the
second core gave. Here the event loop writes a job to an idle worker's pipe and is woken by the
loop's own selector when the answer is there: no threads in this process at all.

Each worker is forked from this process after the linter is loaded and warmed up, so it starts
with the rules and the pipeline built. A worker runs one job at a time. A worker that dies is
forked again (its request, if it had one, gets an error); so is one whose job ran past the time
limit, which is stopped. A job that raises sends
back only the exception's type name (its message may quote the text).
"""

from __future__ import annotations

import asyncio
import os
import signal
from multiprocessing import Pipe


class WorkerFailed(RuntimeError):
    """The job raised in the worker (the message is the exception's type name), or the worker died."""


def _serve(conn) -> None:
    """The worker's loop: a job in, its result out, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which closes the pipes
    while True:
        try:
            job, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", job(*args))
        except Exception as exc:  # noqa: BLE001  the type only: the message may quote the text
            reply = ("error", type(exc).__name__)
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, siblings=()):
        parent, child = Pipe()
        pid = os.fork()
        if pid == 0:  # the worker: serve, then leave without the parent's clean-up
            code = 0
            try:
                for other in (parent, *(w.conn for w in siblings)):
                    other.close()  # so that each pipe ends when the server does
                keep = child.fileno()  # and no client connection or listening socket stays open here
                os.closerange(3, keep)
                os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))
                _serve(child)
            except BaseException:  # noqa: BLE001
                code = 1
            finally:
                os._exit(code)
        child.close()
        self.pid, self.conn = pid, parent
        self.future: asyncio.Future | None = None
        self.alive = True


class ForkPool:
    def __init__(self, workers: int):
        self.workers: list[_Worker] = []
        for _ in range(workers):
            self.workers.append(_Worker(self.workers))
        self._idle: asyncio.Queue | None = None
        self._loop = None

    def _start(self) -> asyncio.Queue:
        """Bind to the running loop on first use: a reader per worker, all workers idle."""
        loop = self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        for w in self.workers:
            loop.add_reader(w.conn.fileno(), self._answer, w)
            self._idle.put_nowait(w)
        return self._idle

    def _answer(self, worker: _Worker) -> None:
        try:
            status, value = worker.conn.recv()
        except (EOFError, OSError):  # the worker died (killed, out of memory): replace it
            status, value = "error", "het werkproces is gestopt"
            self._replace(worker)
        future, worker.future = worker.future, None
        if future is not None and not future.done():
            if status == "ok":
                future.set_result(value)
            else:
                future.set_exception(WorkerFailed(value))
        if worker.alive:
            self._idle.put_nowait(worker)  # a late answer (after the time limit) frees the worker too

    def _replace(self, worker: _Worker) -> None:
        loop = asyncio.get_running_loop()
        loop.remove_reader(worker.conn.fileno())
        worker.alive = False
        worker.conn.close()
        try:
            os.waitpid(worker.pid, os.WNOHANG)
        except ChildProcessError:
            pass
        self.workers.remove(worker)
        fresh = _Worker(self.workers)
        self.workers.append(fresh)
        loop.add_reader(fresh.conn.fileno(), self._answer, fresh)
        self._idle.put_nowait(fresh)

    async def run(self, job, *args, timeout: float | None = None):
        """The job's result, from the first idle worker, or TimeoutError when it takes longer than
        `timeout` seconds from when a worker took it. A job past its time is stopped together
        with its worker, which is forked again: a text that takes forever costs one request."""
        idle = self._idle or self._start()
        if asyncio.get_running_loop() is not self._loop:
            raise RuntimeError("ForkPool is bound to the event loop it was first used in")
        worker = await idle.get()
        while not worker.alive:  # replaced while it waited in the queue
            worker = await idle.get()
        future = asyncio.get_running_loop().create_future()
        worker.future = future
        try:
            worker.conn.send((job, args))
        except (BrokenPipeError, OSError):
            worker.future = None
            raise WorkerFailed("het werkproces is gestopt") from None
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            if worker.future is future and not future.done():
                worker.future = None
                future.cancel()
                os.kill(worker.pid, signal.SIGKILL)  # its pipe ends; _answer forks a new worker
            raise

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.close()
            except OSError:
                pass
            try:
                os.kill(w.pid, signal.SIGTERM)
                os.waitpid(w.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
