"""--changed-lines-since REF: keep only findings on lines changed since a git revision.

Per file we run `git diff --unified=0 REF -- FILE` (working tree against REF, so staged and
unstaged changes both count) and read the new-side line numbers from the hunk headers.
Untracked files count as wholly changed; so does a binary file (.docx) that differs at all.
"""

from __future__ import annotations

import os
import re
import subprocess

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
WHOLE = None  # every line changed


class GitError(Exception):
    """A usage problem: no git, not a repository, unknown revision. The message is for the user."""


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace",
        )
    except FileNotFoundError:
        raise GitError("--changed-lines-since: git is niet gevonden") from None


class ChangedLines:
    Error = GitError

    def __init__(self, ref: str):
        self.ref = ref
        self._verified: dict[str, str] = {}  # folder -> repository top level

    def verify(self, path: str) -> None:
        """Fail early (before any checking) when REF or the repository is wrong."""
        self._repo(_folder(path))

    def _repo(self, folder: str) -> str:
        if folder in self._verified:
            return self._verified[folder]
        top = _git(["rev-parse", "--show-toplevel"], folder)
        if top.returncode != 0:
            raise GitError(f"--changed-lines-since: {folder} is geen git-repository")
        rev = _git(["rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}"], folder)
        if rev.returncode != 0:
            raise GitError(
                f"--changed-lines-since: '{self.ref}' is geen bekende commit, tak of tag in {top.stdout.strip()}"
            )
        self._verified[folder] = top.stdout.strip()
        return self._verified[folder]

    def lines(self, path: str) -> set[int] | None:
        """New-side line numbers changed since REF; WHOLE (None) for untracked or binary files."""
        if path == "-":
            return WHOLE
        folder, name = _folder(path), os.path.basename(path)
        self._repo(folder)
        tracked = _git(["ls-files", "--error-unmatch", "--", name], folder)
        if tracked.returncode != 0:
            return WHOLE
        diff = _git(["diff", "--no-color", "--no-ext-diff", "--unified=0", self.ref, "--", name], folder)
        if diff.returncode != 0:
            raise GitError(f"--changed-lines-since: git diff mislukte voor {path}: {diff.stderr.strip()}")
        if re.search(r"^Binary files .* differ$", diff.stdout, re.M):
            return WHOLE
        changed: set[int] = set()
        for m in _HUNK.finditer(diff.stdout):
            start, count = int(m.group(1)), int(m.group(2) or 1)
            changed.update(range(start, start + count))
        return changed

    def filter(self, results) -> None:
        """Drop findings (and unused-suppression reports) on unchanged lines, in place."""
        for r in results:
            if r.error or not (r.findings or r.unused_suppressions):
                continue
            changed = self.lines(r.path)
            if changed is WHOLE:
                continue
            if r.document is not None:
                r.findings = [f for f in r.findings if _touches(r.document, f, changed)]
            r.unused_suppressions = [d for d in r.unused_suppressions if d.line in changed]


def _touches(doc, finding, changed: set[int]) -> bool:
    first = doc.line_col(finding.start)[0]
    last = doc.line_col(max(finding.end - 1, finding.start))[0]
    return any(n in changed for n in range(first, last + 1))


def _folder(path: str) -> str:
    if path == "-":
        return os.getcwd()
    folder = os.path.abspath(path)
    while not os.path.isdir(folder) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
    return folder
