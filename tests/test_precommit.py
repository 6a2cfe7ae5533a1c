"""pre-commit: the real .pre-commit-hooks.yaml, installed by real pre-commit from a copy of this tree.

The working tree (committed or not) is copied into a fresh git repository in tmp and committed
there, so the hook always runs the current code. pre-commit then builds its own virtualenv and
pip-installs the package from that copy (through the configured package index; no other network).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

IGNORE = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".pytest_cache", "*.egg-info", ".venv", "build", "dist")


def git(cwd, *args) -> str:
    out = subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
                         cwd=cwd, check=True, capture_output=True, text=True)
    return out.stdout.strip()


def snapshot_of_this_tree(target: Path) -> str:
    """Copy the working tree (tracked and untracked, minus ignored files) and commit it; return the sha."""
    if (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                                check=True, capture_output=True).stdout.decode().split("\0")
        for name in filter(None, listed):
            source = ROOT / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    else:
        shutil.copytree(ROOT, target, ignore=IGNORE, dirs_exist_ok=True)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot for the pre-commit test")
    return git(target, "rev-parse", "HEAD")


def pre_commit(cwd, *args, env=None):
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=600)


def test_manifest_and_project_config_are_valid():
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install .[test])")
    for args in (("validate-manifest", ".pre-commit-hooks.yaml"), ("validate-config", ".pre-commit-config.yaml")):
        result = pre_commit(ROOT, *args)
        assert result.returncode == 0, result.stdout + result.stderr
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "stigmacheck" and hook["entry"] == "stigmacheck check" and hook["language"] == "python"


def test_project_hook_checks_docs_but_not_the_sample(tmp_path):
    """The project's own local hook definition, run for real in a throw-away repository (the remote
    hygiene hooks are left out: pre-commit would fetch them from GitHub). docs/voorbeeld/ has
    findings on purpose and must be skipped; so must files outside docs/."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install .[test])")
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = [r for r in config["repos"] if r["repo"] == "local"]
    (hook,) = [h for h in local["hooks"] if h["id"] == "stigmacheck"]
    # run the checkout's code instead of an installed console script
    hook = dict(hook, entry=f"{sys.executable} -m stigmacheck check")
    site = tmp_path / "site"
    (site / "docs" / "voorbeeld").mkdir(parents=True)
    shutil.copy2(ROOT / "docs" / "voorbeeld" / "persbericht.txt", site / "docs" / "voorbeeld" / "persbericht.txt")
    (site / "docs" / "nieuw.md").write_text("# Nieuws\n\nHet inloophuis helpt sekswerkers.\n", encoding="utf-8")
    (site / "elders.md").write_text("De prostituees wachten.\n", encoding="utf-8")  # outside docs/
    (site / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}), encoding="utf-8")
    git(site, "init", "-q")
    git(site, "add", "-A")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PRE_COMMIT_HOME=str(tmp_path / "home"))
    result = pre_commit(site, "run", "--all-files", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "voorbeeld" not in result.stdout and "elders" not in result.stdout
    # and a finding outside the sample does fail the hook
    (site / "docs" / "nieuw.md").write_text("# Nieuws\n\nHet inloophuis helpt prostituees.\n", encoding="utf-8")
    git(site, "add", "-A")
    result = pre_commit(site, "run", "--all-files", env=env)
    assert result.returncode == 1 and "docs/nieuw.md:3:" in result.stdout, result.stdout + result.stderr


@pytest.mark.slow
def test_real_pre_commit_installs_the_hook_and_fails_then_passes(tmp_path):
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install .[test])")
    source = tmp_path / "stigmacheck-src"
    source.mkdir()
    sha = snapshot_of_this_tree(source)

    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    page = site / "docs" / "hulp.md"
    page.write_text("# Hulp\n\nHet inloophuis is er voor prostituees uit de regio.\n", encoding="utf-8")
    (site / "docs" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not selected by the hook
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source.as_posix()}\n    rev: {sha}\n    hooks:\n      - id: stigmacheck\n",
        encoding="utf-8")
    git(site, "init", "-q")
    git(site, "add", "-A")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    env.pop("PYTHONPATH", None)  # the hook must work from its own virtualenv alone

    result = pre_commit(site, "run", "--all-files", env=env)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "docs/hulp.md:3:27: waarschuwing [term.prostituee]" in out
    assert "'prostituees' -> 'sekswerkers'" in out
    assert "logo.png" not in out

    page.write_text("# Hulp\n\nHet inloophuis is er voor sekswerkers uit de regio.\n", encoding="utf-8")
    git(site, "add", "-A")
    result = pre_commit(site, "run", "--all-files", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "stigmacheck" in result.stdout and "Passed" in result.stdout
