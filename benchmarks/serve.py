"""Benchmark: `stigmacheck serve` answering LanguageTool requests (POST /v2/check).

    python benchmarks/serve.py [--workers 2] [--seconds 5] [--clients 1 8] [--json OUT]

Starts a real server on a free loopback port and measures, for a 2 kB Dutch text with two
findings (written for this benchmark):
- the time until the server answers (rules and pipeline are loaded before it listens),
- the first request after start against the median of the next 20,
- requests per second and p50/p95 latency at each number of concurrent clients (each client
  sends its next request as soon as it has the answer, over one kept-alive connection), as the
  median of several rounds that take the client counts in turn,
- the server's CPU time per request (Linux) and the throughput that allows on free cores,
- how idle the machine was during each measurement.
The clients are threads in this process; the server runs in a session of its own, as when it is
started from its own terminal. On a machine whose cores are busy with other work ("machine vrij
%" near 0), Linux shares the cores between sessions, not processes: the server then gets its
session's share however many clients wait, and the wall-clock figures say more about the machine
than about the server. The CPU time per request does not depend on that.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Two findings (prostituees, hoerenloper); the rest is ordinary municipal prose.
PARAGRAPHS = [
    "De gemeenteraad bespreekt volgende maand het nieuwe beleid voor de binnenstad. In de stukken staat "
    "hoe de gemeente de komende vier jaar wil omgaan met vergunningen, toezicht en overleg met bewoners.",
    "Voor de prostituees die in de binnenstad werken, komt er een vast spreekuur bij de GGD. Daar kunnen "
    "zij terecht met vragen over gezondheid, belastingen en huisvesting, zonder afspraak en zonder kosten.",
    "Bewoners van de straten rond het station melden al langer overlast in de avonduren. Het gaat om "
    "geluid, afval en auto's die te lang stilstaan. De wijkagent loopt daarom vaker een ronde.",
    "Een raadslid vroeg of de hoerenloper die overlast veroorzaakt een boete kan krijgen. De burgemeester "
    "antwoordde dat de regels voor parkeren en geluid voor iedereen gelden en dat handhaving daarop let.",
    "Het college wil de afspraken met exploitanten, hulpverleners en belangenorganisaties vastleggen in "
    "een convenant. Dat convenant wordt jaarlijks besproken en zo nodig aangepast aan nieuwe inzichten.",
    "Ook de financiering komt aan bod. Het budget voor voorlichting blijft gelijk, het budget voor "
    "toezicht stijgt licht. De raad besluit over de begroting in november, na de inspraakavond.",
    "Wie vragen heeft over dit voorstel, kan contact opnemen met het klantcontactcentrum van de gemeente. "
    "De stukken liggen ter inzage in het stadhuis en staan op de website van de gemeente.",
    "Na de zomer volgt een evaluatie van de eerste maanden. De resultaten daarvan worden gedeeld met de "
    "raad en met alle partijen die aan het convenant meedoen, zodat zij kunnen reageren op de uitkomsten.",
    "De ondernemersvereniging vraagt om betere verlichting in de steegjes en om extra fietsenrekken bij de "
    "ingang van het park. Het college neemt die wensen mee in het uitvoeringsplan voor volgend jaar.",
    "Tot slot staat in het voorstel dat de gemeente jaarlijks rapporteert over de voortgang. Die rapportage "
    "is openbaar en bevat cijfers over vergunningen, meldingen en de bezoekers van het spreekuur. Zo kan "
    "iedereen volgen wat er met de afspraken gebeurt.",
]


def text_2kb() -> str:
    return "\n\n".join(PARAGRAPHS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(workers: int, port: int) -> tuple[subprocess.Popen, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "stigmacheck", "serve", "--port", str(port), "--workers", str(workers)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # as when started from its own terminal
    while True:
        if proc.poll() is not None:
            sys.exit("de server stopte voordat hij antwoordde")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/v2/languages")
            c.getresponse().read()
            return proc, time.perf_counter() - t0
        except OSError:
            time.sleep(0.05)


class Client:
    def __init__(self, port: int, body: bytes):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.body = body

    def check(self) -> tuple[float, dict]:
        t = time.perf_counter()
        self.conn.request("POST", "/v2/check", body=self.body,
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
        response = self.conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - t
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {data[:200]!r}")
        return elapsed, json.loads(data)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_ticks() -> tuple[int, int]:
    """(idle, total) CPU ticks of the whole machine so far (Linux /proc/stat; zeros elsewhere)."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0, 0
    return values[3] + values[4], sum(values)


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def load(port: int, body: bytes, clients: int, seconds: float, server: list[int] = ()) -> dict:
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds
    barrier = threading.Barrier(clients)

    def run():
        client = Client(port, body)
        client.check()  # its connection is open before the clock runs
        barrier.wait()
        mine = []
        while time.perf_counter() < stop:
            mine.append(client.check()[0])
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    cpu0 = [cpu_seconds(p) for p in server]
    idle0 = idle_ticks()
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    cpu = [cpu_seconds(p) - c for p, c in zip(server, cpu0)]
    idle = [b - a for a, b in zip(idle0, idle_ticks())]
    latencies.sort()
    return {
        "machine_idle_percent": round(100 * idle[0] / idle[1], 1) if idle[1] else None,
        "server_cpu_ms_per_request": round(1000 * sum(cpu) / max(1, len(latencies)), 2),
        "main_cpu_ms_per_request": round(1000 * cpu[0] / max(1, len(latencies)), 2) if cpu else 0.0,
        "clients": clients, "requests": len(latencies), "seconds": round(wall, 2),
        "requests_per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)], 1),
    }


def median_run(runs: list[dict]) -> dict:
    """Per figure, the median over the rounds (the lower middle one for an even number)."""
    return {key: statistics.median_low([r[key] for r in runs]) for key in runs[0]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds; each measures every client count in turn (the median is reported)")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here as JSON")
    args = ap.parse_args(argv)

    text = text_2kb()
    body = urllib.parse.urlencode({"text": text, "language": "nl-NL"}).encode()
    port = free_port()
    proc, ready = start(args.workers, port)
    try:
        client = Client(port, body)
        first, answer = client.check()
        later = statistics.median(client.check()[0] for _ in range(20))
        found = [m["rule"]["id"] for m in answer["matches"]]
        server = [proc.pid, *children(proc.pid)]
        rounds = [[load(port, body, n, args.seconds, server) for n in args.clients] for _ in range(args.rounds)]
    finally:
        proc.terminate()
        proc.wait(timeout=15)

    runs = [median_run([r[i] for r in rounds]) for i in range(len(args.clients))]
    out = {"text_bytes": len(text.encode()), "findings": found, "workers": args.workers, "cores": os.cpu_count(),
           "load_average": [round(x, 1) for x in os.getloadavg()], "rounds": rounds,
           "ready_seconds": round(ready, 2), "first_request_ms": round(1000 * first, 1),
           "later_request_ms": round(1000 * later, 1), "runs": runs}
    print(f"tekst: {out['text_bytes']} bytes, meldingen: {', '.join(found)}; "
          f"{args.workers} werkproces(sen), {out['cores']} kernen, belasting van de machine (1/5/15 min): "
          f"{out['load_average']}")
    print(f"server klaar na {out['ready_seconds']} s; eerste verzoek {out['first_request_ms']} ms, "
          f"daarna (mediaan van 20) {out['later_request_ms']} ms")
    print(f"mediaan van {args.rounds} rondes van {args.seconds:g} s per aantal clients:")
    print(f"{'clients':>8} {'verzoeken/s':>12} {'p50 ms':>8} {'p95 ms':>8} {'server-CPU ms/verzoek':>22} "
          f"{'machine vrij %':>15}")
    for r in runs:
        print(f"{r['clients']:>8} {r['requests_per_second']:>12} {r['p50_ms']:>8} {r['p95_ms']:>8} "
              f"{r['server_cpu_ms_per_request']:>22} {r['machine_idle_percent']:>15}")
    if len(runs) > 1:
        print(f"doorvoer bij {runs[-1]['clients']} clients / bij {runs[0]['clients']}: "
              f"{runs[-1]['requests_per_second'] / runs[0]['requests_per_second']:.2f}x")
    busy, main_busy = runs[-1]["server_cpu_ms_per_request"], runs[-1]["main_cpu_ms_per_request"]
    if busy and busy > main_busy:
        ceiling = min(out["cores"] * 1000 / busy, args.workers * 1000 / (busy - main_busy), 1000 / max(main_busy, 0.01))
        print(f"de server gebruikt {busy} ms processortijd per verzoek ({main_busy} ms daarvan in het hoofdproces); "
              f"op {out['cores']} vrije kernen is dat hooguit {ceiling:.0f} verzoeken/s")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
