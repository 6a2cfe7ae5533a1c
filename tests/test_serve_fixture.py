"""A real `stigmacheck serve` process for the server tests (test_serve.py, test_serve_page.py):
a free loopback port, its log in a file, stopped by its process id. No tests here."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

MARKER = "Kwartelkoningsvlucht"  # in every text the tests send; it must never reach the log


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`with Server(folder, *options) as s:` s.url, s.log() (what the server wrote on stderr)."""

    def __init__(self, folder: Path, *options: str):
        self.folder, self.options = Path(folder), options
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.folder / "server.log"

    def __enter__(self):
        src = Path(__file__).resolve().parents[1] / "src"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))}
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "stigmacheck", "serve", "--port", str(self.port), *self.options],
                                     cwd=self.folder, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"de server stopte: {self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/v2/languages", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"de server kwam niet op: {self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def processes(self) -> list[int]:
        """Ids of the processes started with this server's command line (the server, its workers)."""
        mine = f"--port\0{self.port}\0".encode()
        found = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and mine in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
        return found

    def __exit__(self, *_):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()
        deadline = time.monotonic() + 5
        while self.processes() and time.monotonic() < deadline:
            time.sleep(0.1)
        left = self.processes()
        for pid in left:  # never leave a worker behind, but say so
            os.kill(pid, 9)
        assert not left, f"werkprocessen bleven achter na het stoppen van de server: {left}"
