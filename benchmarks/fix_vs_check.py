"""Benchmark: `fix` against `check` on one Markdown page with findings (issue 12: fix may cost at
most 1.2x check, because both decode, read and check the file once and fix only adds the splice).

    python benchmarks/fix_vs_check.py [--kb 25] [--rounds 40]

Both are timed in one process on a warm engine (rules and pipeline loaded, spaCy warm), as a
pre-commit hook or the server would run them: `check` is running.files.check_bytes (what
`stigmacheck check` runs per file), `fix` is fixing.fix_bytes (what `stigmacheck fix` runs per file,
planning and splicing included, writing excluded). Medians of alternating rounds are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PARAGRAPHS = [
    "De gemeente wil de positie van prostituees in de binnenstad verbeteren. Daarom komt er een\n"
    "spreekuur waar zij terecht kunnen met vragen over belastingen, huisvesting en gezondheid.",
    "Zij bestrijden de raamprostitutie niet, maar stellen eisen aan de exploitanten van de panden\n"
    "aan de gracht. Het hoertje uit het oude lied komt in de nieuwe folder niet meer voor.",
    "De wethouder sprak in de raad over hoerenlopers die overlast veroorzaken in de wijk rond het\n"
    "station. Buurtbewoners vragen om meer toezicht in de avonduren en om betere verlichting.",
    "Het college stelt voor de begroting voor onderhoud van bruggen en kademuren met twee miljoen\n"
    "euro te verhogen. De gemeenteraad bespreekt het voorstel in de vergadering van 14 maart.",
    "Inwoners kunnen vanaf volgend jaar hun grofvuil op afspraak laten ophalen. Een afspraak maakt\n"
    "u via de website of telefonisch; het ophalen is gratis tot vier kubieke meter per jaar.",
]


def page(kb: int) -> str:
    out, i = ["# Beleid en dienstverlening\n"], 0
    while sum(len(p) for p in out) < kb * 1024:
        if i % 8 == 0:
            out.append(f"## Onderdeel {i // 8 + 1}\n")
        out.append(PARAGRAPHS[i % len(PARAGRAPHS)] + "\n")
        i += 1
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    from stigmacheck.api import Linter
    from stigmacheck.fixing import fix_bytes
    from stigmacheck.running.files import check_bytes

    engine = Linter.create().engine
    data = page(args.kb).encode("utf-8")
    checked = check_bytes(engine, "pagina.md", data, "markdown")
    fixed = fix_bytes(engine, "pagina.md", data)
    print(f"page: {len(data) / 1024:.1f} kB, {len(checked.findings)} findings, {len(fixed.edits)} fixed")
    times = {"check": [], "fix": []}
    for _ in range(args.rounds):
        for name, run in (("check", lambda: check_bytes(engine, "pagina.md", data, "markdown")),
                          ("fix", lambda: fix_bytes(engine, "pagina.md", data))):
            t = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - t)
    check_ms = statistics.median(times["check"]) * 1000
    fix_ms = statistics.median(times["fix"]) * 1000
    print(f"check: {check_ms:.1f} ms   fix: {fix_ms:.1f} ms   ratio: {fix_ms / check_ms:.2f} (target <= 1.20)")


if __name__ == "__main__":
    main()
