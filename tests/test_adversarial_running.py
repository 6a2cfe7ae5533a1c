"""Hostile and everyday input for running, the command line, output and fix writing (issue 15).

Every case runs stigmacheck in a subprocess with a memory cap (RLIMIT_AS) and a timeout, and
asserts a Dutch message, the documented exit code (README "Exit status") and no traceback.
Inputs are made here; nothing large is kept in git (a "large" file is sparse).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP = 1536 * 1024 * 1024
TIMEOUT = 90  # generous: the CI machine may be busy; a hang is still caught
DIRTY = "De stad opent een inloophuis voor prostituees.\n"
CLEAN = "De stad opent een inloophuis.\n"


def _cap():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _env(**extra) -> dict:
    env = dict(os.environ, NO_COLOR="1", **extra)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("STIGMACHECK_DEBUG", None)
    return env


def run(cwd, *args, stdin: bytes | None = None, env=None, python: str | None = None) -> subprocess.CompletedProcess:
    """`python -m stigmacheck ARGS` (or `python -c PYTHON ARGS`), capped and timed."""
    command = [sys.executable, "-c", python, *args] if python else [sys.executable, "-m", "stigmacheck", *args]
    proc = subprocess.run(command, cwd=cwd, input=stdin or b"", capture_output=True, timeout=TIMEOUT,
                          preexec_fn=_cap, env=env or _env())
    proc.out = proc.stdout.decode("utf-8", "replace")
    proc.err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in proc.out + proc.err, proc.out + proc.err
    return proc


# ----------------------------------------------------------------------------- not a regular file


def test_fifo_and_device_links_are_skipped_not_read(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    os.mkfifo(tmp_path / "f.txt")
    os.symlink("/dev/zero", tmp_path / "z.txt")
    os.symlink("/dev/urandom", tmp_path / "u.md")
    (tmp_path / "map").mkdir()
    os.mkfifo(tmp_path / "map" / "g.txt")
    os.symlink("/dev/zero", tmp_path / "map" / "zero.txt")
    (tmp_path / "map" / "b.txt").write_text(DIRTY, encoding="utf-8")

    named = run(tmp_path, "check", "--format", "json", "a.txt", "f.txt", "z.txt", "u.md")
    assert named.returncode == 2
    files = {f["path"]: f for f in json.loads(named.out)["files"]}
    assert files["a.txt"]["findings"]
    for name in ("f.txt", "z.txt", "u.md"):
        assert "geen gewoon bestand" in files[name]["error"]

    walked = run(tmp_path, "check", "--format", "json", "map")
    assert walked.returncode == 1  # the FIFO and the device link are not files to check: no error
    assert [f["path"] for f in json.loads(walked.out)["files"]] == ["map/b.txt"]


def test_a_file_over_the_size_limit_is_one_error(tmp_path):
    from stigmacheck.documents.limits import DEFAULT

    big = tmp_path / "groot.txt"
    with open(big, "wb") as f:
        f.truncate(DEFAULT.max_file_bytes + 1)  # sparse: nothing large on disk
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = run(tmp_path, "check", "groot.txt", "a.txt")
    assert proc.returncode == 2
    assert f"groot.txt: fout te groot: de grens is {DEFAULT.max_file_mb} MB (instelling max_file_mb)" in proc.out
    assert "a.txt:1:" in proc.out  # the other file is still checked


def test_standard_input_that_never_ends_is_cut_at_the_limit(tmp_path):
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run([sys.executable, "-m", "stigmacheck", "check", "-"], cwd=tmp_path, stdin=zero,
                              capture_output=True, timeout=TIMEOUT, preexec_fn=_cap, env=_env())
    out = proc.stdout.decode()
    assert proc.returncode == 2 and "-: fout te groot: de grens is 20 MB (instelling max_file_mb)" in out
    assert b"Traceback" not in proc.stderr


# ----------------------------------------------------------------------------- symlinks out of the tree


def test_walking_does_not_follow_links_out_of_the_tree_and_fix_leaves_the_target(tmp_path):
    outside = tmp_path / "elders.txt"
    outside.write_text(DIRTY, encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "eigen.txt").write_text(CLEAN, encoding="utf-8")
    (repo / "docs" / "binnen.txt").write_text(DIRTY, encoding="utf-8")
    os.symlink(outside, repo / "docs" / "link.txt")
    os.symlink("binnen.txt", repo / "docs" / "ook.txt")  # stays inside: followed

    proc = run(repo, "fix", "docs")
    assert proc.returncode == 0, proc.out + proc.err
    assert outside.read_text(encoding="utf-8") == DIRTY  # not rewritten through the link
    assert "sekswerkers" in (repo / "docs" / "binnen.txt").read_text(encoding="utf-8")
    assert (repo / "docs" / "link.txt").is_symlink()

    report = run(repo, "check", "--format", "json", "docs")
    assert "docs/link.txt" not in [f["path"] for f in json.loads(report.out)["files"]]
    followed = run(repo, "check", "--format", "json", "--follow-links", "docs")
    assert "docs/link.txt" in [f["path"] for f in json.loads(followed.out)["files"]]
    named = run(repo, "check", "docs/link.txt")  # named explicitly: read where it points
    assert named.returncode == 1 and "prostituees" in named.out


# ----------------------------------------------------------------------------- -o


def test_output_never_follows_a_planted_temp_name_and_writes_through_a_link(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("waardevol\n", encoding="utf-8")
    os.symlink(victim, tmp_path / "rapport.json.tmp")  # the old fixed temp name
    proc = run(tmp_path, "check", "--format", "json", "-o", "rapport.json", "a.txt")
    assert proc.returncode == 1
    assert victim.read_text(encoding="utf-8") == "waardevol\n"
    assert json.loads((tmp_path / "rapport.json").read_text(encoding="utf-8"))["files"][0]["findings"]
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".stigmacheck.tmp")]

    real = tmp_path / "echt.json"
    os.symlink("echt.json", tmp_path / "link.json")
    proc = run(tmp_path, "check", "--format", "json", "-o", "link.json", "a.txt")
    assert (tmp_path / "link.json").is_symlink() and json.loads(real.read_text(encoding="utf-8"))["version"] == 1

    os.symlink("/proc/self/fd/1", tmp_path / "uit.json")  # /dev/stdout-style link: written through
    proc = run(tmp_path, "check", "--format", "json", "-o", "uit.json", "a.txt")
    assert proc.returncode == 1 and json.loads(proc.out)["version"] == 1
    assert (tmp_path / "uit.json").is_symlink()


@pytest.mark.parametrize("target, words", [
    ("ontbreekt/r.json", "bestaat niet"),
    ("/dev/fd/9", "niet open"),
    (".", "is een map"),
])
def test_output_to_a_place_that_cannot_be_written_is_a_usage_error(tmp_path, target, words):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = run(tmp_path, "check", "--format", "json", "-o", target, "a.txt")
    assert proc.returncode == 2
    assert "stigmacheck: fout:" in proc.err and words in proc.err
    assert proc.out == ""  # nothing was checked first


def test_output_to_dev_fd_1_and_dev_stdout_works(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    for target in ("/dev/fd/1", "/dev/stdout"):
        proc = run(tmp_path, "check", "--format", "json", "-o", target, "a.txt")
        assert proc.returncode == 1 and json.loads(proc.out)["files"][0]["findings"]


def test_output_to_a_fifo_nobody_reads_does_not_hang(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    os.mkfifo(tmp_path / "pijp.json")
    proc = run(tmp_path, "check", "--format", "json", "-o", "pijp.json", "a.txt")
    assert proc.returncode == 2 and "niemand leest deze pipe" in proc.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_output_into_a_read_only_folder_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "ro").mkdir()
    os.chmod(tmp_path / "ro", 0o555)
    proc = run(tmp_path, "check", "-o", "ro/r.txt", "a.txt")
    assert proc.returncode == 2 and "geen schrijfrechten" in proc.err


def test_own_html_report_is_not_checked(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    first = run(tmp_path, "check", "--format", "html", "-o", "rapport.html")
    assert first.returncode == 1
    again = run(tmp_path, "check", "--format", "json")
    assert again.returncode == 1
    files = {f["path"]: f for f in json.loads(again.out)["files"]}
    assert not files["./rapport.html"]["findings"] and "rapport van stigmacheck" in files["./rapport.html"]["notes"][0]
    named = run(tmp_path, "check", "rapport.html")
    assert named.returncode == 0 and "rapport van stigmacheck zelf" in named.out


# ----------------------------------------------------------------------------- output always valid


def test_reports_stay_valid_with_a_non_utf8_name_and_control_characters(tmp_path):
    name = b"caf\xe9-prostituees.txt"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as f:
        f.write("De prostituees\x01\x1b[31m wachten\x7f.\n\x00".encode())
    for fmt in ("json", "sarif", "html", "text", "github"):
        proc = run(tmp_path, "check", "--format", fmt, ".")
        assert proc.returncode == 1, (fmt, proc.err)
        proc.stdout.decode("utf-8")  # strict: valid UTF-8
        if fmt in ("json", "sarif"):
            data = json.loads(proc.stdout)
            assert "caf" in json.dumps(data) and data  # the file is in the report, its name made valid
        if fmt == "html":
            assert "\x01" not in proc.out and "\x1b" not in proc.out and "caf\\xe9" in proc.out


def test_stdin_filename_is_the_file_in_github_annotations_and_sarif(tmp_path):
    proc = run(tmp_path, "check", "--format", "github", "--stdin-filename", "docs/brief.md", "-",
               stdin=DIRTY.encode())
    assert proc.returncode == 1 and "file=docs/brief.md" in proc.out and "file=-" not in proc.out
    sarif = run(tmp_path, "check", "--format", "sarif", "--stdin-filename", "docs/brief.md", "-", stdin=DIRTY.encode())
    location = json.loads(sarif.out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/brief.md"


def test_a_paragraph_over_spacys_limit_does_not_cost_the_other_files(tmp_path):
    """spaCy refuses a text over 1,000,000 characters (E088): that file gets an error or its findings
    (when the readers cut it into pieces), the other file its findings, and nothing crashes."""
    (tmp_path / "groot.txt").write_text("De prostitutie en mensenhandel in de stad. " * 26000, encoding="utf-8")
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = run(tmp_path, "check", "--format", "json", "groot.txt", "a.txt")
    assert proc.returncode in (1, 2)
    files = {f["path"]: f for f in json.loads(proc.out)["files"]}
    assert files["a.txt"]["findings"] and (files["groot.txt"]["error"] or files["groot.txt"]["findings"])


def test_verbose_does_not_say_the_model_was_not_needed_when_there_are_findings(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = run(tmp_path, "check", "-v", "a.txt")
    assert proc.returncode == 1 and "taalmodel" in proc.err and "niet nodig geweest" not in proc.err


# ----------------------------------------------------------------------------- a crash loses nothing


BREAK_ONE = """
import sys
from stigmacheck.running import files
real = files.check_bytes
def check_bytes(engine, path, data, reader, keep=False):
    if "stuk" in path:
        raise ValueError("[E088] Text of length 1000001 exceeds maximum of 1000000.")
    return real(engine, path, data, reader, keep)
files.check_bytes = check_bytes
from stigmacheck.cli import main
main(sys.argv[1:], prog_name="stigmacheck")
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_file_that_breaks_is_one_error_and_the_rest_is_reported(tmp_path, jobs):
    for i in range(12):
        (tmp_path / f"p{i:02d}.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "stuk.txt").write_text(DIRTY, encoding="utf-8")
    proc = run(tmp_path, "check", "--jobs", jobs, "--format", "json", ".", python=BREAK_ONE)
    assert proc.returncode == 2
    files = {f["path"].removeprefix("./"): f for f in json.loads(proc.out)["files"]}
    assert "onverwachte fout" in files["stuk.txt"]["error"] and "E088" in files["stuk.txt"]["error"]
    assert all(files[f"p{i:02d}.txt"]["findings"] for i in range(12))


def test_an_internal_error_exits_3_with_a_dutch_message_and_details_behind_v(tmp_path):
    crash = ("import sys\nfrom stigmacheck.report import json as j\n"
             "def render(*a, **k):\n    raise RuntimeError('kapot')\nj.render = render\n"
             "from stigmacheck.cli import main\nmain(sys.argv[1:], prog_name='stigmacheck')\n")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    proc = run(tmp_path, "check", "--format", "json", "a.txt", python=crash)
    assert proc.returncode == 3
    assert "interne fout (RuntimeError: kapot)" in proc.err and "-v" in proc.err
    env = _env(STIGMACHECK_DEBUG="1")
    detailed = subprocess.run([sys.executable, "-c", crash, "check", "--format", "json", "-v", "a.txt"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT, env=env, preexec_fn=_cap)
    assert detailed.returncode == 3 and "Traceback" in detailed.stderr


# ----------------------------------------------------------------------------- signals


def _slow_site(folder: Path, files: int = 40) -> None:
    para = "De gemeente sprak met prostituees over prostitutie en het bordeel in de stad. " * 4
    for i in range(files):
        (folder / f"p{i:03d}.md").write_text("\n\n".join(f"{para}{j}." for j in range(40)), encoding="utf-8")


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers and /proc: Linux")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_under_jobs_2_exit_130_and_no_worker_survives(tmp_path, sig):
    _slow_site(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "stigmacheck", "check", "--jobs", "2", "."], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), preexec_fn=_cap)
    workers: list[int] = []
    deadline = time.time() + TIMEOUT
    while not workers and time.time() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.skip("the run ended before a worker was seen (a very fast machine)")
    time.sleep(0.2)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 130, err.decode()
    assert "afgebroken" in err.decode() and b"Traceback" not in err
    time.sleep(0.2)
    assert not [w for w in workers if _alive(w)]


# ----------------------------------------------------------------------------- fix and file metadata


def test_fix_leaves_a_read_only_file_alone(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(DIRTY, encoding="utf-8")
    os.chmod(target, 0o444)
    (tmp_path / "b.txt").write_text(DIRTY, encoding="utf-8")
    proc = run(tmp_path, "fix", "a.txt", "b.txt")
    assert proc.returncode == 2
    assert "a.txt: fout: het bestand is alleen-lezen" in proc.err
    assert target.read_text(encoding="utf-8") == DIRTY and (target.stat().st_mode & 0o777) == 0o444
    assert "sekswerkers" in (tmp_path / "b.txt").read_text(encoding="utf-8")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_fix_as_root_keeps_owner_and_group(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(DIRTY, encoding="utf-8")
    os.chown(target, 65534, 65534)
    os.chmod(target, 0o640)
    proc = run(tmp_path, "fix", "a.txt")
    assert proc.returncode == 0, proc.err
    st = target.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (65534, 65534, 0o640)
    assert "sekswerkers" in target.read_text(encoding="utf-8")


def test_stale_temp_files_of_a_killed_fix_are_removed_and_never_checked(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    stale = tmp_path / ".a.txt.k1ll3d.stigmacheck.tmp"
    young = tmp_path / ".a.txt.busy00.stigmacheck.tmp"
    for leftover in (stale, young):
        leftover.write_text(DIRTY, encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    check = run(tmp_path, "check", "--format", "json", ".")
    assert [f["path"] for f in json.loads(check.out)["files"]] == ["./a.txt"]
    proc = run(tmp_path, "fix", "a.txt")
    assert proc.returncode == 0
    assert not stale.exists() and young.exists()  # a young one may belong to a run still writing


# ----------------------------------------------------------------------------- everyday edges


def test_fix_on_standard_input_is_a_usage_error_before_any_work(tmp_path):
    for args in (["check", "--fix", "-"], ["check", "--diff", "-"], ["fix", "-"]):
        proc = run(tmp_path, *args, stdin=DIRTY.encode())
        assert proc.returncode == 2 and "standaardinvoer" in proc.err
        assert "prostituees" not in proc.out + proc.err


def test_a_model_that_is_not_installed_is_one_error_before_any_file(tmp_path):
    (tmp_path / "schoon.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "vuil.txt").write_text("Prostitutie en mensenhandel worden samen genoemd.\n", encoding="utf-8")
    for name in ("schoon.txt", "vuil.txt"):
        proc = run(tmp_path, "check", "--model", "nl_ontbreekt_sm", name)
        assert proc.returncode == 2 and proc.out == ""
        assert "kan het taalmodel 'nl_ontbreekt_sm' niet laden" in proc.err


def test_usage_errors_and_help_are_dutch(tmp_path):
    proc = run(tmp_path, "check", "--formaat", "json")
    assert proc.returncode == 2
    assert "Gebruik: " in proc.err and " check [OPTIES]" in proc.err and "onbekende optie" in proc.err
    assert "Usage:" not in proc.err and "Error:" not in proc.err
    bad = run(tmp_path, "check", "--format", "xml")
    assert bad.returncode == 2 and "ongeldige waarde voor '--format'" in bad.err
    helptext = run(tmp_path, "check", "--help")
    assert "Opties:" in helptext.out and "Toon deze hulp en stop." in helptext.out and "Options:" not in helptext.out
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    text = run(tmp_path, "check", "a.txt")
    assert ": waarschuwing [term.prostituee]" in text.out and "warning" not in text.out


def test_rules_impact_never_passes_a_ref_as_an_option(tmp_path):
    victim = tmp_path / "slachtoffer.txt"
    proc = run(tmp_path, "rules", "impact", f"--base=--output={victim}", "--no-corpus", str(ROOT / "README.md"))
    assert proc.returncode == 2 and "git-referentie" in proc.err
    assert not victim.exists()
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = run(tmp_path, "check", f"--changed-lines-since=--output={victim}", "a.txt")
    assert proc.returncode == 2 and "git-referentie" in proc.err
    assert not victim.exists()


# ----------------------------------------------------------------------------- the reviewers' rules


def test_no_shipped_rule_claims_approval_and_only_approved_says_so(tmp_path):
    from conftest import run_cli_in

    for path in (ROOT / "rules").rglob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("status:"):
                assert line.split()[1] in ("concept", "vervallen"), path
    code, out = run_cli_in(ROOT, ["rules", "validate", "--no-examples"])
    assert code == 0 and "(status)" not in out
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = run(tmp_path, "check", "--only-approved", "a.txt")
    assert proc.returncode == 0 and "geen enkele regel is vastgesteld" in proc.err


def test_reviewers_commands_use_the_rules_of_the_checkout(tmp_path, monkeypatch):
    import shutil

    from conftest import run_cli_in

    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "rules", checkout / "rules")
    shutil.copy(ROOT / "pyproject.toml", checkout / "pyproject.toml")
    edited = checkout / "rules" / "term" / "hoer.yaml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\nseverity: error", "\nseverity: info", 1), encoding="utf-8")
    (checkout / "docs").mkdir()
    code, out = run_cli_in(checkout / "docs", ["rules", "list", "--category", "term"])
    line = next(x for x in out.splitlines() if x.startswith("term.hoer "))
    assert line.split()[2] == "info"  # the edited working tree, not the installed copy
    code, out = run_cli_in(checkout, ["rules", "validate", "--no-examples"])
    assert code == 0
    code, out = run_cli_in(tmp_path, ["rules", "list", "--category", "term"])  # outside: the installed rules
    line = next(x for x in out.splitlines() if x.startswith("term.hoer "))
    assert line.split()[2] == "error"
