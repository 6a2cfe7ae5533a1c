"""Speed changes nothing else: the same findings with and without the fast path (whole-file gate and
block prefilter) and with any number of worker processes, on the annotated corpus written out as
text, Markdown and HTML files plus clean pages and markup that hides words."""

from __future__ import annotations

import html
import io
import json
import os
import pickle
import time
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
    assert one.output == two.output and one.output.count(": waarschuwing") + one.output.count(": fout [") > 0


def _record_pids(monkeypatch, tmp_path, fail_in_child=None):
    """Wrap parallel's check_file so that each process notes its pid in a file (children too)."""
    from stigmacheck.running import pool as parallel

    log, parent, real = tmp_path / "pids.txt", os.getpid(), parallel.forked.check_file

    def noting(engine, path, *args):
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        if os.getpid() == parent:
            time.sleep(0.002)  # a slow parent: the child surely gets files of its own
        elif fail_in_child is not None:
            fail_in_child()
        return real(engine, path, *args)

    monkeypatch.setattr(parallel.forked, "check_file", noting)
    monkeypatch.setattr(parallel, "check_file", noting)
    return lambda: {int(x) for x in log.read_text().split()} if log.exists() else set()


def test_workers_share_the_files_and_results_keep_file_order(site, engine, monkeypatch, tmp_path):
    from stigmacheck.running import pool as parallel
    from stigmacheck.running.files import expand

    files = expand([str(site)])[:60]
    stdin_text = "De stad opent een inloophuis voor prostituees.\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin_text.encode("utf-8")), encoding="utf-8"))
    pids = _record_pids(monkeypatch, tmp_path)
    order = files[:10] + ["-"] + files[10:]
    results = list(parallel.check_files(engine, order, jobs=2, stdin_filename="invoer.txt"))
    assert [r.path for r in results] == order
    assert results[10].findings and results[10].findings[0].text == "prostituees"
    assert len(pids()) == 2 and os.getpid() in pids()  # this process and one child
    assert not _has_children()  # every child has been reaped
    # a handful of files is checked in this process alone
    (tmp_path / "pids.txt").unlink()
    list(parallel.check_files(engine, files[: parallel.MIN_FILES - 1], jobs=2))
    assert pids() == {os.getpid()}


def _has_children() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
        return True
    except ChildProcessError:
        return False


def test_an_error_in_a_worker_is_raised_here_and_no_worker_is_left(site, engine, monkeypatch, tmp_path):
    from stigmacheck import nlp
    from stigmacheck.running import pool as parallel
    from stigmacheck.running.forked import WorkerError
    from stigmacheck.running.files import expand

    files = expand([str(site)])[:40]

    def model_missing():
        raise nlp.ModelError("taalmodel 'nl_ontbreekt' is niet geïnstalleerd")

    _record_pids(monkeypatch, tmp_path, fail_in_child=model_missing)
    with pytest.raises(nlp.ModelError, match="nl_ontbreekt"):
        list(parallel.check_files(engine, files, jobs=2))
    assert not _has_children()
    _record_pids(monkeypatch, tmp_path, fail_in_child=lambda: os._exit(3))
    with pytest.raises(WorkerError, match="onverwacht gestopt"):
        list(parallel.check_files(engine, files, jobs=2))
    assert not _has_children()


def test_spawned_workers_give_the_same_results(site, ruleset, monkeypatch):
    from stigmacheck.running import pool as parallel
    from stigmacheck.engine import Engine
    from stigmacheck.running.files import expand

    engine = Engine(ruleset.select(["term"]))  # no spaCy: each spawned worker starts quickly
    files = expand([str(site / "lastig")]) + expand([str(site / "deel1")])[:4]
    sequential = [(r.path, r.findings, r.error) for r in parallel.check_files(engine, files, jobs=1)]
    monkeypatch.setattr(parallel.forked, "available", lambda: False)  # as where there is no fork
    spawned = [(r.path, r.findings, r.error) for r in parallel.check_files(engine, files, jobs=2)]
    assert any(findings for _, findings, _ in sequential)
    assert spawned == sequential


def test_results_keep_source_text_only_for_files_with_findings(site, engine):
    from stigmacheck.documents import load, reader_for
    from stigmacheck.running.files import check_file, expand

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
    from stigmacheck.screening.gate import SourceGate

    # the term rules' stems ("vrouw", "verko", "lichte", "meisje") are ordinary words too
    gate = SourceGate([c for c in engine.checkers if type(c).__name__ == "TermChecker"], engine.ruleset.names)
    for text in CLEAN:
        assert not gate.may_match(f"<p>{text}</p>"), text
    assert gate.may_match("<p>Zij verkocht haar lichaam om de huur te betalen.</p>")
    assert gate.may_match("Het aantal prostitu&eacute;es daalt.")


def test_results_keep_clean_files_as_paths_and_give_them_back_whole(site, engine):
    from stigmacheck.running.files import Results, check_file, expand

    results = [check_file(engine, p) for p in expand([str(site)])]
    kept = Results(results)
    stored = kept._items
    assert len(kept) == len(results) and sum(isinstance(x, str) for x in stored) >= 40  # the clean pages
    assert all(not isinstance(x, str) for x, r in zip(stored, results) if r.findings or r.notes or r.suppressed)
    for again, r in zip(kept, results):
        assert (again.path, again.findings, again.error, again.notes, again.suppressed) == (
            r.path, r.findings, r.error, r.notes, r.suppressed)
    assert [r.path for r in kept[2:5]] == [r.path for r in results[2:5]]
