"""Compiled rules, cached per rule-set version, so a pre-commit run on one file starts fast.

Reading the rule files (YAML with line numbers), validating them and compiling the checkers is
most of the start-up time of `stigmacheck check` on a small file. The result is pickled in the
user's cache folder ($XDG_CACHE_HOME/stigmacheck or ~/.cache/stigmacheck), keyed by a hash of the
rule files (names and contents, as RuleSet.version), the stigmacheck version and its code, and
the Python version. Writes are atomic; a cache that cannot be read or written is ignored, so the
cache can only make things faster. STIGMACHECK_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

FORMAT = 1
KEEP = 8  # cached rule sets kept (one per version of the rules and the code)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "stigmacheck"


def load_ruleset(dirs=None, include_default: bool = True):
    """Like ruleset.loader.load_ruleset (same result, same errors), from the cache when possible;
    the returned RuleSet has its checkers compiled."""
    from stigmacheck.ruleset import loader

    key = None if os.environ.get("STIGMACHECK_NO_CACHE") else _key(dirs, include_default)
    path = cache_dir() / f"rules-{key}.pickle" if key else None
    if path is not None:
        cached = _read(path, loader.RuleSet)
        if cached is not None:
            return cached
    ruleset = loader.load_ruleset(dirs, include_default)  # errors are never cached
    ruleset.checkers  # compile now, so they are cached too
    if path is not None:
        _write(path, ruleset)
    return ruleset


def select(ruleset, select=(), ignore=(), only_approved=False):
    """RuleSet.select, keeping the compiled checkers when the selection is every rule."""
    sub = ruleset.select(select, ignore, only_approved)
    if len(sub.rules) == len(ruleset.rules) and all(a is b for a, b in zip(sub.rules, ruleset.rules)):
        sub._checkers = ruleset._checkers
    return sub


def _key(dirs, include_default: bool) -> str | None:
    from stigmacheck import __version__
    from stigmacheck.ruleset.loader import default_rules_dir, rule_files

    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{os.getcwd()}".encode())
    package = Path(__file__).resolve().parent.parent
    try:
        for source in sorted(package.rglob("*.py")):  # the code that builds rules and checkers
            st = source.stat()
            digest.update(f"{source.relative_to(package)}\0{st.st_mtime_ns}\0{st.st_size}\0".encode())
        folders = ([default_rules_dir()] if include_default else []) + [Path(d) for d in (dirs or [])]
        for folder in folders:
            if not folder.exists():
                return None  # the loader reports it
            for path in [folder] if folder.is_file() else rule_files(folder):
                digest.update(str(path.resolve()).encode() + b"\0" + path.read_bytes() + b"\0")
    except Exception:  # anything odd: no cache, the loader reports what is wrong
        return None
    return digest.hexdigest()[:32]


def _read(path: Path, expected_type):
    try:
        with open(path, "rb") as f:
            value = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # corrupt, truncated or from an incompatible version: rebuild it
        try:
            path.unlink()
        except OSError:
            pass
        return None
    return value if isinstance(value, expected_type) else None


def _write(path: Path, value) -> None:
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a checker that cannot be pickled: no cache, no harm
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".rules-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        tmp = None
        _prune(path.parent)
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
