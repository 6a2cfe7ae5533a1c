"""Speed changes nothing else: the same findings with and without the fast path (whole-file gate and
block prefilter) and with any number of worker processes, on the annotated corpus written out as
text, Markdown and HTML files plus clean pages and markup that hides words."""

from __future__ import annotations

import html
import io
import json
import multiprocessing
import pickle
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from stigmacheck.cli import main

ROOT = Path(__file__).resolve().parent.parent

CLEAN = [
    "De gemeenteraad vergadert op dinsdag over de begroting voor het komende jaar.",
    "Bewoners kunnen tot en met vrijdag reageren op het plan voor de nieuwe fietsbrug.",
    "De vrouwen van de roeivereniging wonnen zaterdag de regionale wedstrijd.",
    "Het meisje van de bakker verkocht de laatste broden aan de buren.",
    "In de lichte ruimte op de eerste verdieping is plaats voor veertig bezoekers.",
    "Het college verkoopt twee leegstaande panden aan een woningcorporatie.",
]

# Markup that hides or splits words; the gate must still let these files through when the full
# check finds something in them.
TRICKY = {
    "entiteit.html": "<p>De gemeente helpt prostitu&eacute;es bij het vinden van ander werk.</p>",
    "wbr.html": "<p>Het prosti<wbr>tutiebeleid wordt volgend jaar herzien.</p>",
    "nadruk.html": "<p>Zij werd een vrouw van <em>lichte</em> zeden genoemd.</p>",
    "numeriek.html": "<p>Het aantal prostitu&#233;es in de regio is onbekend.</p>",
    "nadruk.md": "Zij werd een vrouw van *lichte* zeden genoemd.\n",
    "link.md": "Lees meer over [prostituees](https://example.org/hulp) in de regio.\n",
    "hoofdletters.txt": "HULP VOOR PROSTITUÉES IN DE BINNENSTAD\n",
    "citaat.md": "> De raad sprak over\n> prostituees en hun rechten.\n",
}


def _passages() -> list[str]:
    """Passage texts of the annotated corpus; the example letter and the clean lines without it."""
    texts = []
    for path in sorted((ROOT / "corpora").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts += [p["text"] for p in data.get("passages", []) if isinstance(p, dict) and p.get("text")]
    if not texts:
        for path in sorted((ROOT / "docs" / "voorbeeld").glob("*")):
            texts += [t for t in path.read_text(encoding="utf-8").split("\n\n") if t.strip()]
    return texts


def _write_site(root: Path) -> int:
    """One file per passage, rotating over .txt, .md and .html, plus clean and tricky pages."""
    for i, text in enumerate(_passages()):
        kind = ("txt", "md", "html")[i % 3]
        sub = root / f"deel{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        if kind == "txt":
            body = text
        elif kind == "md":
            body = f"# Pagina {i}\n\n{text}\n\n- {CLEAN[i % len(CLEAN)]}\n"
        else:
            paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n\n") if p.strip())
            body = f"<html><head><title>Pagina {i}</title></head><body>\n<h1>Pagina {i}</h1>\n{paras}</body></html>\n"
        (sub / f"p{i:04d}.{kind}").write_text(body, encoding="utf-8")
    for i in range(40):
        (root / "schoon" / f"s{i:03d}.md").parent.mkdir(exist_ok=True)
        lines = [CLEAN[(i + k) % len(CLEAN)] for k in range(4)]
        (root / "schoon" / f"s{i:03d}.md").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    for name, text in TRICKY.items():
        (root / "lastig").mkdir(exist_ok=True)
        (root / "lastig" / name).write_text(text, encoding="utf-8")
    return len(list(root.rglob("*.*")))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    _write_site(root)
    return root


def _check_json(site, *args) -> dict:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args, str(site)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_same_findings_with_and_without_fast_path_and_with_any_jobs(site):
    full = _check_json(site, "--jobs", "1", "--no-prefilter")
    files_with_findings = [f["path"] for f in full["files"] if f["findings"]]
    # the comparison means something: many files with findings, and clean ones
    assert len(files_with_findings) >= 30
    assert full["summary"]["files"] - len(files_with_findings) >= 40
    for name in ("entiteit.html", "wbr.html", "nadruk.html", "nadruk.md", "link.md", "hoofdletters.txt"):
        assert any(p.endswith(name) for p in files_with_findings), name
    for args in (["--jobs", "1"], ["--jobs", "3"]):
        assert _check_json(site, *args) == full, args


def test_text_output_is_identical_with_workers(site):
    one = CliRunner().invoke(main, ["check", "--jobs", "1", str(site / "deel1"), str(site / "lastig")])
    two = CliRunner().invoke(main, ["check", "--jobs", "2", str(site / "deel1"), str(site / "lastig")])
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output and one.output.count(": warning") + one.output.count(": error") > 0


def test_pool_runs_in_worker_processes_in_file_order(site, engine, monkeypatch):
    from stigmacheck import parallel
    from stigmacheck.runner import expand

    files = expand([str(site)])[:60]
    stdin_text = "De stad opent een inloophuis voor prostituees.\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin_text.encode("utf-8")), encoding="utf-8"))
    order = files[:10] + ["-"] + files[10:]
    seen, workers = [], 0
    for result in parallel.check_files(engine, order, jobs=2, stdin_filename="invoer.txt"):
        workers = max(workers, len(multiprocessing.active_children()))
        seen.append(result.path)
    assert seen == order
    assert workers == 2
    # a handful of files is checked in this process: no pool is started
    before = len(multiprocessing.active_children())
    list(parallel.check_files(engine, files[: parallel.MIN_FILES - 1], jobs=2))
    assert len(multiprocessing.active_children()) == before


def test_spawned_workers_give_the_same_results(site, ruleset, monkeypatch):
    from stigmacheck import parallel
    from stigmacheck.engine import Engine
    from stigmacheck.runner import expand

    engine = Engine(ruleset.select(["term"]))  # no spaCy: each spawned worker starts quickly
    files = expand([str(site / "lastig")]) + expand([str(site / "deel1")])[:4]
    sequential = [(r.path, r.findings, r.error) for r in parallel.check_files(engine, files, jobs=1)]
    monkeypatch.setattr(parallel.sys, "platform", "spawn-test")  # not linux: no fork
    spawned = [(r.path, r.findings, r.error) for r in parallel.check_files(engine, files, jobs=2)]
    assert any(findings for _, findings, _ in sequential)
    assert spawned == sequential


def test_results_keep_source_text_only_for_files_with_findings(site, engine):
    from stigmacheck.documents import load, reader_for
    from stigmacheck.runner import check_file, expand

    results = [check_file(engine, p) for p in expand([str(site / "deel2"), str(site / "lastig"), str(site / "schoon")])]
    with_findings = [r for r in results if r.findings]
    assert len(with_findings) >= 10 and all(r.document.source is not None for r in with_findings)
    assert all(r.document.source is None for r in results if not r.findings and not r.suppressed)
    for r in with_findings[:25]:
        doc = load(r.path, Path(r.path).read_bytes(), reader_for(r.path))
        light = pickle.loads(pickle.dumps(r.document))  # what a worker sends back
        for f in r.findings:
            assert light.line_col(f.start) == doc.line_col(f.start)
            assert light.source[f.start : f.end] == f.text


def test_gate_skips_common_words_that_share_a_stem(engine):
    from stigmacheck.gate import SourceGate

    # the term rules' stems ("vrouw", "verko", "lichte", "meisje") are ordinary words too
    gate = SourceGate([c for c in engine.checkers if type(c).__name__ == "TermChecker"], engine.ruleset.names)
    for text in CLEAN:
        assert not gate.may_match(f"<p>{text}</p>"), text
    assert gate.may_match("<p>Zij verkocht haar lichaam om de huur te betalen.</p>")
    assert gate.may_match("Het aantal prostitu&eacute;es daalt.")


def test_results_keep_clean_files_as_paths_and_give_them_back_whole(site, engine):
    from stigmacheck.runner import Results, check_file, expand

    results = [check_file(engine, p) for p in expand([str(site)])]
    kept = Results(results)
    stored = kept._items
    assert len(kept) == len(results) and sum(isinstance(x, str) for x in stored) >= 40  # the clean pages
    assert all(not isinstance(x, str) for x, r in zip(stored, results) if r.findings or r.notes or r.suppressed)
    for again, r in zip(kept, results):
        assert (again.path, again.findings, again.error, again.notes, again.suppressed) == (
            r.path, r.findings, r.error, r.notes, r.suppressed)
    assert [r.path for r in kept[2:5]] == [r.path for r in results[2:5]]
