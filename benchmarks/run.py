"""Benchmark: stigmacheck on a synthetic government website, against a plain regex scan and a naive
spaCy pipeline. Run from the repository root:

    python benchmarks/run.py [--size-mb 50] [--pages 2000] [--out DIR]

See benchmarks/README.md for what is measured and how to read the output.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
# Real Dutch filler: --sentences FILE, else ../shared/data/ next to the repository (not copied in)
UD_SENTENCES = ROOT.parent / "shared" / "data" / "ud-dutch-sentences.txt"
GENERATOR_VERSION = 2

# --------------------------------------------------------------------------- the website

# The few pages about sex work. Written for this benchmark; each holds findings.
TOPIC_PARAGRAPHS = [
    "De gemeente wil de positie van prostituees in de binnenstad verbeteren. Daarom komt er een "
    "spreekuur waar zij terechtkunnen met vragen over belastingen, huisvesting en gezondheid.",
    "Sinds de sluiting van de tippelzone aan de havenkant werken meer mensen op wisselende plekken. "
    "Hulpverleners zien hen daardoor minder vaak dan vroeger.",
    "Raamprostitutie blijft toegestaan in de drie straten achter het station. Exploitanten hebben een "
    "vergunning nodig en houden zich aan de huisregels die de raad vorig jaar vaststelde.",
    "Een wethouder sprak in de raad over hoerenlopers die overlast veroorzaken in de wijk. "
    "Buurtbewoners vragen om meer toezicht in de avonduren.",
    "Het nieuwe prostitutiebeleid gaat uit van samenwerking met belangenorganisaties en met de mensen "
    "om wie het gaat.",
    "De politie bezoekt bordelen gemiddeld vier keer per jaar. Bij die bezoeken let zij vooral op "
    "signalen dat iemand onder druk wordt gezet.",
    "Vroeger noemde de krant deze vrouwen soms vrouwen van lichte zeden; die woorden passen niet in "
    "een brief van de gemeente.",
    "Pooiers die anderen onder druk zetten, worden vervolgd. Wie hulp zoekt, kan terecht bij het "
    "zorgpunt aan de Stationsweg.",
]

TITLES = ["Afvalinzameling", "Parkeren in de binnenstad", "Subsidie voor verenigingen", "Verkeersbesluit",
          "Omgevingsvergunning", "Nieuws uit de raad", "Evenementen", "Onderwijs en kinderopvang",
          "Sport en bewegen", "Wonen en verbouwen", "Zorg en ondersteuning", "Werk en inkomen"]

_OWN_SUBJECTS = ["De gemeente", "Het college", "De raad", "Een bewoner", "De wethouder", "Het bestuur",
                 "De provincie", "Een ondernemer", "De werkgroep", "Het waterschap"]
_OWN_VERBS = ["bespreekt", "onderzoekt", "betaalt", "plant", "verbetert", "opent", "sluit", "controleert",
              "begroot", "bouwt"]
_OWN_OBJECTS = ["de nieuwe fietsroute", "het zwembad", "de begroting voor volgend jaar", "een extra bushalte",
                "de openbare verlichting", "het plan voor de haven", "de subsidieregeling", "het buurthuis",
                "de aanpak van zwerfafval", "een onderzoek naar geluidsoverlast"]
_OWN_TAILS = ["in het voorjaar", "samen met de buurt", "na de zomer", "op verzoek van bewoners",
              "binnen het budget", "voor het eind van het jaar", "in overleg met de scholen", ""]


def filler_sentences(path: Path | None = None) -> tuple[list[str], str]:
    """Real Dutch filler when the sentence file is there (read now, never copied), else our own."""
    path = path or UD_SENTENCES
    if path.is_file():
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        return [ln for ln in lines if len(ln) > 20], str(path)
    rng = random.Random(7)
    out = []
    for _ in range(5000):
        tail = rng.choice(_OWN_TAILS)
        out.append(f"{rng.choice(_OWN_SUBJECTS)} {rng.choice(_OWN_VERBS)} {rng.choice(_OWN_OBJECTS)}"
                   + (f" {tail}" if tail else "") + ".")
    return out, "eigen zinnengenerator"


def _paragraphs(rng: random.Random, sentences: list[str], size: int, topic: bool) -> list[str]:
    paras, total = [], 0
    topic_left = rng.sample(TOPIC_PARAGRAPHS, 3) if topic else []
    while total < size:
        if topic_left and (not paras or rng.random() < 0.3):
            para = topic_left.pop()
        else:
            para = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 7)))
        paras.append(para)
        total += len(para.encode("utf-8")) + 12
    paras += topic_left
    return paras


def _markdown(title: str, paras: list[str], rng: random.Random) -> str:
    out = [f"# {title}", ""]
    for i, p in enumerate(paras):
        if i and i % 6 == 0:
            out += [f"## {rng.choice(TITLES)}", ""]
        if i % 9 == 4:
            out += [f"- {s.strip()}." for s in p.split(". ") if s.strip(" .")] + [""]
        else:
            out += [p, ""]
    out.append("Meer informatie: [contact](https://www.voorbeeldstad.nl/contact).")
    return "\n".join(out) + "\n"


def _html(title: str, paras: list[str], rng: random.Random) -> str:
    from html import escape

    out = ['<!DOCTYPE html>', '<html lang="nl">', '<head><meta charset="utf-8">',
           f"<title>{escape(title)} - Gemeente Voorbeeldstad</title></head>", "<body>",
           '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/nieuws">Nieuws</a></li>'
           '<li><a href="/contact">Contact</a></li></ul></nav></header>', "<main>", f"<h1>{escape(title)}</h1>"]
    for i, p in enumerate(paras):
        if i and i % 6 == 0:
            out.append(f"<h2>{escape(rng.choice(TITLES))}</h2>")
        if i % 9 == 4:
            out.append("<ul>" + "".join(f"<li>{escape(s.strip())}.</li>" for s in p.split(". ") if s.strip(" .")) + "</ul>")
        else:
            out.append(f"<p>{escape(p)}</p>")
        out.append("")
    out += ["</main>", "<footer><p>Gemeente Voorbeeldstad &middot; Postbus 100 &middot; 1234 AB Voorbeeldstad</p></footer>",
            "</body>", "</html>"]
    return "\n".join(out) + "\n"


def generate_site(target: Path, size_mb: float, pages: int, seed: int = 2026, sentence_file: Path | None = None) -> dict:
    """Write the site (unless an identical one is there) and return its manifest."""
    manifest_path = target / "manifest.json"
    wanted = {"size_mb": size_mb, "pages": pages, "seed": seed, "generator": GENERATOR_VERSION}
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if all(manifest.get(k) == v for k, v in wanted.items()):
            return manifest
    sentences, filler_source = filler_sentences(sentence_file)
    rng = random.Random(seed)
    page_size = int(size_mb * 1_000_000 / pages)
    topic_every = 100
    site = target / "site"
    if site.exists():
        import shutil

        shutil.rmtree(site)
    total, topic_pages = 0, []
    for i in range(pages):
        topic = i % topic_every == topic_every // 2
        title = rng.choice(TITLES)
        paras = _paragraphs(rng, sentences, page_size, topic)
        ext = "md" if i % 2 == 0 else "html"
        text = _markdown(title, paras, rng) if ext == "md" else _html(title, paras, rng)
        path = site / f"sectie-{i // 500:02d}" / f"map-{i // 50:03d}" / f"pagina-{i:05d}.{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        if topic:
            topic_pages.append(str(path.relative_to(target)))
    manifest = dict(wanted, bytes=total, files=pages, topic_pages=topic_pages, filler=filler_source)
    manifest_path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


# --------------------------------------------------------------------------- measuring


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def _tree_rss_kb(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
        except OSError:
            continue
        todo += _children(p)
    return total


def measure(cmd: list[str], env: dict | None = None, stdout=subprocess.DEVNULL) -> dict:
    """Wall time, CPU time and peak memory of one command and everything it starts. The wall time
    is taken when the process ends (a blocking wait); memory is sampled beside it every 50 ms."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    err_bytes = proc.stderr.read()  # until the process closes it, so a full pipe never blocks it
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    tree_peak = peak[0]
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = err_bytes.decode("utf-8", "replace")
    proc.stderr.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"mislukt ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,  # the largest single process (Linux: KiB)
        "tree_peak_mb": max(tree_peak, usage.ru_maxrss) / 1024,  # all processes together, sampled
        "stderr": err.strip()[-2000:],
    }


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def stigmacheck_cmd(site: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "stigmacheck", "check", "--format", "json", "--fail-on", "never",
            "-o", str(out), *extra, str(site)]


def trigger_stems() -> list[str]:
    sys.path.insert(0, str(SRC))
    from stigmacheck.engine import Engine
    from stigmacheck.screening.prefilter import minimal_stems
    from stigmacheck.ruleset.loader import load_ruleset

    engine = Engine(load_ruleset())
    return minimal_stems(s for c in engine.checkers for s in c.triggers())


def _spin(n: int) -> None:
    x = 0
    for i in range(n):
        x += i


def machine_scaling(n: int = 8_000_000) -> dict:
    """How much CPU work two processes get done together on this machine, relative to one: the
    ceiling for any --jobs 2 speed-up (a busy or shared virtual machine gives well under 2)."""
    def timed(k: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, __file__, "_spin", str(n)]) for _ in range(k)]
        for p in procs:
            p.wait()
        return time.perf_counter() - start

    one, two = min(timed(1) for _ in range(2)), min(timed(2) for _ in range(2))
    return {"one_s": one, "two_s": two, "scaling": 2 * one / two}


# --------------------------------------------------------------------------- the two baselines


def regex_scan(stems_file: str, site: str) -> None:
    """Read each file, lower-case it, search one alternation of the trigger stems."""
    stems = json.loads(Path(stems_file).read_text(encoding="utf-8"))
    pattern = re.compile("|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True)))
    hits = files = 0
    for root, dirs, names in os.walk(site):
        dirs.sort()
        for name in sorted(names):
            if name.endswith((".md", ".html")):
                files += 1
                text = Path(root, name).read_bytes().decode("utf-8")
                hits += pattern.search(text.lower()) is not None
    print(json.dumps({"files": files, "hits": hits}))


def naive_spacy(list_file: str) -> None:
    """Every paragraph (non-empty line) of every page through the embedded spaCy pipeline."""
    t0 = time.perf_counter()
    sys.path.insert(0, str(SRC))
    from stigmacheck import nlp as nlpmod

    nlpmod.configure(None)
    os.environ.pop("STIGMACHECK_MODEL", None)
    nlp = nlpmod._build(None)  # the embedded default pipeline, whatever is installed
    load = time.perf_counter() - t0
    paths = json.loads(Path(list_file).read_text(encoding="utf-8"))
    t1 = time.perf_counter()
    size = tokens = 0
    for path in paths:
        data = Path(path).read_bytes()
        size += len(data)
        paras = [ln for ln in data.decode("utf-8").splitlines() if ln.strip()]
        for doc in nlp.pipe(paras):
            tokens += len(doc)
    print(json.dumps({"load_s": load, "process_s": time.perf_counter() - t1, "bytes": size, "tokens": tokens}))


# --------------------------------------------------------------------------- the report


def _median_run(cmd: list[str], env: dict, n: int) -> dict:
    runs = [measure(cmd, env) for _ in range(n)]
    return {"wall_s": statistics.median(r["wall_s"] for r in runs), "cpu_s": statistics.median(r["cpu_s"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs)}


def main(argv=None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] in ("_regex", "_naive", "_spin"):
        if sys.argv[1] == "_spin":
            _spin(int(sys.argv[2]))
        else:
            (regex_scan if sys.argv[1] == "_regex" else naive_spacy)(*sys.argv[2:])
        return 0
    ap = argparse.ArgumentParser(description="Snelheidsmeting van stigmacheck op een nagemaakte website.")
    ap.add_argument("--size-mb", type=float, default=50.0, help="grootte van de website in MB (standaard 50)")
    ap.add_argument("--pages", type=int, default=2000, help="aantal pagina's (standaard 2000)")
    ap.add_argument("--small-mb", type=float, default=10.0, help="kleinere website voor de geheugenvergelijking (standaard 10)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out", help="map voor de websites en de uitslag")
    ap.add_argument("--naive-pages", type=int, default=60, help="steekproef voor de naïeve spaCy-pijplijn (standaard 60)")
    ap.add_argument("--repeat", type=int, default=5, help="herhalingen voor de kleine bestanden (standaard 5)")
    ap.add_argument("--rounds", type=int, default=3, help="rondes voor de metingen op de hele website (standaard 3, mediaan)")
    ap.add_argument("--sentences", type=Path, default=None,
                    help="bestand met Nederlandse zinnen voor de vultekst (standaard: ../shared/data/"
                         "ud-dutch-sentences.txt naast de repository; ontbreekt het, dan eigen zinnen)")
    ap.add_argument("--check-args", default="", help="extra opties voor elke stigmacheck-run, bv. '--select term'")
    args = ap.parse_args(argv)

    out = args.out.resolve()
    env = _env()
    extra = args.check_args.split()
    print(f"website maken ({args.size_mb:g} MB, {args.pages} pagina's) in {out} ...", flush=True)
    if args.sentences is not None and not args.sentences.is_file():
        ap.error(f"--sentences {args.sentences}: bestand niet gevonden")
    big = generate_site(out / f"site-{args.size_mb:g}mb", args.size_mb, args.pages, sentence_file=args.sentences)
    small_pages = max(1, round(args.pages * args.small_mb / args.size_mb))
    small = generate_site(out / f"site-{args.small_mb:g}mb", args.small_mb, small_pages, sentence_file=args.sentences)
    big_site, small_site = out / f"site-{args.size_mb:g}mb" / "site", out / f"site-{args.small_mb:g}mb" / "site"
    mb = big["bytes"] / 1e6
    print(f"  {big['files']} pagina's, {mb:.1f} MB, {len(big['topic_pages'])} over sekswerk; vulling: {big['filler']}")

    stems_file = out / "stems.json"
    stems_file.write_text(json.dumps(trigger_stems()), encoding="utf-8")
    results: dict = {"site": {k: big[k] for k in ("files", "bytes", "filler")}, "cores": os.cpu_count(),
                     "check_args": extra, "load_before": os.getloadavg()}

    def run(name, cmd):
        print(f"  meten: {name} ...", flush=True)
        r = measure(cmd, env)
        r["mb_s"] = mb / r["wall_s"]
        results[name] = r
        return r

    tiny = out / "klein"
    tiny.mkdir(exist_ok=True)
    (tiny / "schoon.md").write_text("# Afval\n\nDe vuilniswagen komt op dinsdag langs.\n", encoding="utf-8")
    (tiny / "melding.md").write_text("# Zorg\n\nHet spreekuur is er voor prostituees uit de regio.\n", encoding="utf-8")
    print("  opwarmen (regelcache, bestanden in het geheugen) ...", flush=True)
    measure(stigmacheck_cmd(tiny / "melding.md", out / "klein-melding.json", *extra), env)
    measure(stigmacheck_cmd(big_site, out / "uitslag.json", "--jobs", "1", *extra), env)
    results["machine"] = machine_scaling()

    # the three whole-site runs take turns, `--rounds` times; each keeps its median
    variants = {"stigmacheck": (), "stigmacheck --jobs 1": ("--jobs", "1"), "stigmacheck --jobs 2": ("--jobs", "2")}
    outputs = {"stigmacheck": "uitslag.json", "stigmacheck --jobs 1": "uitslag-1.json", "stigmacheck --jobs 2": "uitslag-2.json"}
    rounds: dict[str, list[dict]] = {name: [] for name in variants}
    print(f"  meten: stigmacheck, --jobs 1 en --jobs 2, {args.rounds} keer om de beurt ...", flush=True)
    for _ in range(args.rounds):
        for name, opts in variants.items():
            rounds[name].append(measure(stigmacheck_cmd(big_site, out / outputs[name], *opts, *extra), env))
    for name, runs in rounds.items():
        results[name] = {"wall_s": statistics.median(r["wall_s"] for r in runs),
                         "cpu_s": statistics.median(r["cpu_s"] for r in runs),
                         "peak_mb": max(r["peak_mb"] for r in runs),
                         "tree_peak_mb": max(r["tree_peak_mb"] for r in runs),
                         "walls_s": [round(r["wall_s"], 3) for r in runs]}
        results[name]["mb_s"] = mb / results[name]["wall_s"]
    run("regex-scan", [sys.executable, __file__, "_regex", str(stems_file), str(big_site)])

    pages = sorted(big_site.rglob("*.*"))
    step = max(1, len(pages) // max(1, args.naive_pages))
    sample = [str(p) for p in pages[::step][: args.naive_pages]]
    (out / "steekproef.json").write_text(json.dumps(sample), encoding="utf-8")
    print(f"  meten: naïeve spaCy-pijplijn op {len(sample)} pagina's (steekproef) ...", flush=True)
    naive_out = out / "naief.json"
    with open(naive_out, "w") as fh:
        naive = measure([sys.executable, __file__, "_naive", str(out / "steekproef.json")], env, stdout=fh)
    inner = json.loads(naive_out.read_text())
    naive_total = inner["load_s"] + inner["process_s"] * big["bytes"] / inner["bytes"]
    naive.update(sample_pages=len(sample), sample_mb=inner["bytes"] / 1e6, extrapolated_s=naive_total,
                 mb_s=mb / naive_total)
    results["naive spaCy"] = naive

    print("  meten: kleine bestanden en het laden van spaCy ...", flush=True)
    spacy_import = _median_run([sys.executable, "-c", "import spacy"], env, args.repeat)
    clean = _median_run(stigmacheck_cmd(tiny / "schoon.md", out / "klein-schoon.json", *extra), env, args.repeat)
    finding = _median_run(stigmacheck_cmd(tiny / "melding.md", out / "klein-melding.json", *extra), env, args.repeat)
    results.update({"import spacy": spacy_import, "small clean": clean, "small finding": finding})

    print(f"  meten: geheugen bij {small['bytes'] / 1e6:.1f} MB ...", flush=True)
    mem_small = measure(stigmacheck_cmd(small_site, out / "uitslag-klein.json", "--jobs", "1", *extra), env)
    results["memory small --jobs 1"] = mem_small

    same = _same_findings(out / "uitslag.json", out / "uitslag-1.json", out / "uitslag-2.json")
    results["same findings"] = same
    (out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    _print(results, mb, small["bytes"] / 1e6, args)
    return 0


def _same_findings(*paths: Path) -> bool:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    return all(d["files"] == docs[0]["files"] for d in docs)


def _print(r: dict, mb: float, small_mb: float, args) -> None:
    def row(name, d, note=""):
        wall = d.get("extrapolated_s", d["wall_s"])
        print(f"  {name:<24} {wall:8.2f} s {d['cpu_s']:8.2f} s {mb / wall:8.1f} MB/s {d['peak_mb']:7.0f} MB "
              f"{d.get('tree_peak_mb', d['peak_mb']):7.0f} MB {note}")

    print()
    print(f"Website: {r['site']['files']} pagina's, {mb:.1f} MB; {r['cores']} processorkern(en); "
          f"belasting van de machine vooraf {r['load_before'][0]:.1f}, na afloop {os.getloadavg()[0]:.1f}"
          + (f"; stigmacheck-opties: {' '.join(r['check_args'])}" if r["check_args"] else ""))
    print(f"  {'':<24} {'wandtijd':>10} {'cpu-tijd':>10} {'doorvoer':>13} {'piek 1 proces':>10} {'piek samen':>10}")
    row("stigmacheck (standaard)", r["stigmacheck"])
    row("stigmacheck --jobs 1", r["stigmacheck --jobs 1"])
    row("stigmacheck --jobs 2", r["stigmacheck --jobs 2"])
    row("regex-scan (ondergrens)", r["regex-scan"])
    n = r["naive spaCy"]
    row("naïeve spaCy-pijplijn", n, f"(geëxtrapoleerd van {n['sample_pages']} pagina's, {n['sample_mb']:.1f} MB; "
        f"gemeten {n['wall_s']:.1f} s)")
    print(f"  zelfde meldingen bij standaard, --jobs 1 en --jobs 2: {'ja' if r['same findings'] else 'NEE'}")
    print(f"  stigmacheck: mediaan van {args.rounds} rondes; wandtijden --jobs 1 "
          f"{r['stigmacheck --jobs 1']['walls_s']}, --jobs 2 {r['stigmacheck --jobs 2']['walls_s']}")
    m = r["machine"]
    print(f"  deze machine: twee processen samen doen {m['scaling']:.2f}x het rekenwerk van één "
          f"(een rekenlus: {m['one_s']:.2f} s alleen, {m['two_s']:.2f} s met twee tegelijk); "
          "dat is het plafond voor --jobs 2")

    j1, j2, rx = r["stigmacheck --jobs 1"]["wall_s"], r["stigmacheck --jobs 2"]["wall_s"], r["regex-scan"]["wall_s"]
    naive_s = n["extrapolated_s"]
    imp, clean, hit = r["import spacy"]["wall_s"], r["small clean"]["wall_s"], r["small finding"]["wall_s"]
    peak_big, peak_small = r["stigmacheck --jobs 1"]["peak_mb"], r["memory small --jobs 1"]["peak_mb"]
    checks = [
        ("--jobs 1 t.o.v. regex-scan (doorvoer)", rx / j1, ">= 0.5", rx / j1 >= 0.5),
        ("--jobs 1 t.o.v. naïeve spaCy (doorvoer)", naive_s / j1, ">= 20", naive_s / j1 >= 20),
        ("--jobs 2 t.o.v. --jobs 1 (versnelling)", j1 / j2, ">= 1.6 op 2 kernen", j1 / j2 >= 1.6),
        ("klein schoon bestand / import spacy", clean / imp, "< 0.5", clean / imp < 0.5),
        ("klein bestand met melding / import spacy", hit / imp, "< 2", hit / imp < 2),
        (f"piekgeheugen {mb:.0f} MB-site (--jobs 1)", peak_big, "< 600 MB", peak_big < 600),
        (f"piekgeheugen {mb:.0f} MB / {small_mb:.0f} MB", peak_big / peak_small, "<= 1.10", peak_big / peak_small <= 1.10),
    ]
    print()
    print(f"Kleine bestanden (mediaan van {args.repeat}): schoon {clean:.2f} s, met melding {hit:.2f} s, "
          f"`python -c \"import spacy\"` {imp:.2f} s")
    print(f"Piekgeheugen --jobs 1: {peak_small:.0f} MB bij {small_mb:.1f} MB, {peak_big:.0f} MB bij {mb:.1f} MB")
    print()
    print("Doelen:")
    for name, value, target, ok in checks:
        print(f"  {'gehaald    ' if ok else 'NIET GEHAALD'} {name:<44} {value:8.2f}  (doel {target})")


if __name__ == "__main__":
    sys.exit(main())
