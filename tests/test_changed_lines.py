"""--changed-lines-since REF in a throw-away git repository."""

import json
import shutil
import subprocess

import pytest

from conftest import run_cli_in


pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "test@example.org")
    git(tmp_path, "config", "user.name", "test")
    (tmp_path / "a.txt").write_text(
        "De prostituees wachten.\n\nEen regel zonder probleem.\n\nDe hoeren wachten.\n", encoding="utf-8")
    git(tmp_path, "add", "a.txt")
    git(tmp_path, "commit", "-q", "-m", "eerste versie")
    return tmp_path


run_in = run_cli_in


def lines_of(out, path):
    (entry,) = [f for f in json.loads(out)["files"] if f["path"] == path]
    return [(f["rule"], f["line"]) for f in entry["findings"]]


def test_only_changed_lines_are_reported(repo):
    (repo / "a.txt").write_text(
        "De prostituees wachten.\n\nEen regel met hoeren erin.\n\nDe hoeren wachten.\n", encoding="utf-8")
    code, out = run_in(repo, ["check", "--format", "json", "--changed-lines-since", "HEAD", "a.txt"])
    assert code == 1
    assert lines_of(out, "a.txt") == [("term.hoer", 3)]
    # without the option all three are there
    code, out = run_in(repo, ["check", "--format", "json", "a.txt"])
    assert lines_of(out, "a.txt") == [("term.prostituee", 1), ("term.hoer", 3), ("term.hoer", 5)]


def test_unchanged_file_reports_nothing_and_passes(repo):
    code, out = run_in(repo, ["check", "--changed-lines-since", "HEAD", "a.txt"])
    assert (code, out) == (0, "")


def test_staged_changes_count_and_older_refs_work(repo):
    (repo / "a.txt").write_text(
        "De prostituees wachten.\n\nEen regel zonder probleem.\n\nDe hoeren wachten.\n\nNieuwe prostituees.\n",
        encoding="utf-8")
    git(repo, "add", "a.txt")
    code, out = run_in(repo, ["check", "--format", "json", "--changed-lines-since", "HEAD", "."])
    assert lines_of(out, "./a.txt") == [("term.prostituee", 7)]
    git(repo, "commit", "-q", "-m", "tweede versie")
    code, out = run_in(repo, ["check", "--format", "json", "--changed-lines-since", "HEAD~1", "."])
    assert lines_of(out, "./a.txt") == [("term.prostituee", 7)]
    code, out = run_in(repo, ["check", "--format", "json", "--changed-lines-since", "HEAD", "."])
    assert lines_of(out, "./a.txt") == []


def test_untracked_file_counts_as_wholly_changed(repo):
    (repo / "nieuw.txt").write_text("De prostituees.\n\nDe hoeren.\n", encoding="utf-8")
    code, out = run_in(repo, ["check", "--format", "json", "--changed-lines-since", "HEAD", "."])
    assert code == 1
    assert lines_of(out, "./nieuw.txt") == [("term.prostituee", 1), ("term.hoer", 3)]
    assert lines_of(out, "./a.txt") == []


def test_bad_ref_is_a_usage_error(repo):
    code, out = run_in(repo, ["check", "--changed-lines-since", "bestaat-niet", "a.txt"])
    assert code == 2
    assert "'bestaat-niet' is geen bekende commit, tak of tag" in out
    assert "Traceback" not in out


def test_outside_a_repository_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("De hoeren.\n", encoding="utf-8")
    code, out = run_in(tmp_path, ["check", "--changed-lines-since", "HEAD", "a.txt"])
    assert code == 2 and "geen git-repository" in out


def test_hunk_parsing_of_deletions_and_multi_line_hunks(repo):
    from stigmacheck.gitdiff import ChangedLines

    (repo / "a.txt").write_text("Nieuw.\nNieuw.\nDe prostituees wachten.\n\nDe hoeren wachten.\n", encoding="utf-8")
    assert ChangedLines("HEAD").lines(str(repo / "a.txt")) == {1, 2}
    (repo / "a.txt").write_text("De prostituees wachten.\n\nDe hoeren wachten.\n", encoding="utf-8")
    assert ChangedLines("HEAD").lines(str(repo / "a.txt")) == set()
