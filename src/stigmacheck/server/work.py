"""The checking itself, away from the event loop: one Linter per process, loaded once before the
server accepts a request, and a pool that runs the CPU-bound checks.

On Linux this process forks N copies of itself (--workers N, default 1) after the linter is
loaded and warmed up (forkpool.py): each starts with the rules and the pipeline already built
(copy on write) and checks requests side by side on separate cores, while the event loop here
only speaks HTTP; only the request text goes out and plain data comes back. Elsewhere the checks
run one at a time in a thread next to the event loop (the linter is not shared between threads,
and spaCy holds the GIL anyway). A request that takes longer than the time limit gets an answer
saying so; a forked worker running it is stopped and forked again, a thread cannot be stopped and
its result is dropped.

Everything here returns plain data (dicts, lists, bytes) so that it crosses the process boundary
and so that no Finding object, with the text in it, outlives the request.
"""

from __future__ import annotations

import asyncio
import os
import sys
from concurrent.futures import ThreadPoolExecutor

from stigmacheck.findings import Edit, Fix, category_label, severity_label

WARM_UP = ("De prostituees in de stad wachten op het spreekuur. Mensenhandel en prostitutie horen bij elkaar, "
           "zegt de wethouder over de schimmige wereld van de meisjes achter de ramen.")  # every kind of check

_linter = None  # the Linter of this process (the parent's, inherited by forked workers)


class TimeLimit(Exception):
    """The check took longer than the time limit."""


def load(config=None, model=None):
    """Build the linter of this process and run one check so spaCy is loaded and warm."""
    global _linter
    from stigmacheck.api import Linter

    _linter = Linter.create(config=config, model=model)
    _linter.check_text(WARM_UP)
    _linter.check_text(WARM_UP, name="warm.html")
    _linter.check_text(WARM_UP, name="warm.md")
    return _linter


def linter():
    return _linter


# --------------------------------------------------------------------------- jobs (run in a worker)


def _finding(f, index: int) -> dict:
    return {
        "index": index,
        "rule": f.rule, "category": f.category, "severity": f.severity,
        "start": f.start, "end": f.end, "text": f.text, "message": f.message,
        "suggestions": list(f.suggestions),
        "fixable": f.fixable,
        "fix_reason": f.fix.reason if f.fix is not None and not f.fixable else "",
        "rationale": f.extra.get("rationale", ""),
        "category_label": category_label(f.category),
        "severity_label": severity_label(f.severity),
        "context": f.context,
    }


def check_plain(text: str) -> list[dict]:
    """Findings of a plain text, offsets in code points of `text`."""
    result = _linter.check_text(text, name="tekst.txt")
    source = result.document.source if result.document is not None else text
    shift = len(text) - len(source) if source != text and text.endswith(source) else 0  # a stripped BOM
    out = []
    for i, f in enumerate(result.findings):
        d = _finding(f, i)
        d["start"], d["end"] = f.start + shift, f.end + shift
        out.append(d)
    return out


def check_document(data: bytes, name: str) -> dict:
    """What the web page shows of a document: its source text and findings, or the reader's error."""
    result = _linter.check_bytes(data, name=name)
    if result.error:
        return {"error": result.error, "source": "", "findings": [], "reader": None}
    doc = result.document
    return {"error": None, "source": doc.source, "reader": doc.reader,
            "findings": [_finding(f, i) for i, f in enumerate(result.findings)]}


def review_copy(data: bytes, name: str) -> dict:
    """The Word review copy of a .docx (word/review.py, as `stigmacheck review` writes it):
    {"data": bytes, "comments": n, "changes": n} or {"error": Dutch text}."""
    from stigmacheck.word.review import PackageError, review_docx

    if not name.lower().endswith(".docx"):
        return {"error": "Een nagekeken Word-kopie kan alleen van een Word-bestand (.docx) worden gemaakt."}
    result = _linter.check_bytes(data, name=name)
    if result.error:
        return {"error": result.error}
    try:
        copy, counts = review_docx(data, result.document.source, result.findings)
    except PackageError as exc:
        return {"error": str(exc)}
    return {"data": copy, "comments": counts["comments"], "changes": counts["changes"]}


def apply_choice(data: bytes, name: str, choice: dict) -> dict:
    """Apply what the officer chose to the document's bytes and check the result again.

    `choice` is {"all": true} (every safe fix) or {"rule", "start", "end", "suggestion"} (one
    finding, found again by rule and place; suggestion is the index in its suggestions). The first
    suggestion applies the finding's own Fix when it has edits; another suggestion replaces the
    finding's text. Returns {"data": new bytes, "applied": n, "problem": Dutch text or None, ...check}.
    """
    from stigmacheck.fixing import fix_checked
    from stigmacheck.fixing.apply import splice_bytes

    result = _linter.check_bytes(data, name=name)
    if result.error:
        return {"error": result.error, "data": data, "applied": 0, "problem": None}
    doc = result.document
    problem, applied, new = None, 0, data
    if choice.get("all"):
        fixed = fix_checked(result)
        if fixed.error:
            problem = fixed.error
        elif fixed.fixed is not None:
            new, applied = fixed.fixed, len(fixed.edits)
    else:
        finding = next((f for f in result.findings if f.rule == choice.get("rule") and f.start == choice.get("start")
                        and f.end == choice.get("end")), None)
        index = choice.get("suggestion", 0)
        if finding is None:
            problem = "deze melding staat niet meer in de tekst; controleer de tekst opnieuw"
        elif not isinstance(index, int) or not 0 <= index < len(finding.suggestions):
            problem = "deze melding heeft geen suggestie om toe te passen"
        else:
            edits = _edits_for(finding, index, doc.reader)
            if doc.reader == "docx":
                from stigmacheck.fixing.docx import fix_docx

                finding.fix = Fix(edits)
                done, left, fixed, trouble = fix_docx(data, doc.source, [finding])
                problem = trouble or (left[0].reason if left else None)
                if fixed is not None and done:
                    new, applied = fixed, 1
            else:
                new, applied = splice_bytes(data, doc.source, edits, result.codec), 1
    out = check_document(new, name)
    out.update({"data": new, "applied": applied, "problem": problem})
    return out


def _edits_for(finding, index: int, reader: str) -> tuple:
    if index == 0 and finding.fix is not None and finding.fix.edits:
        return finding.fix.edits
    new = finding.suggestions[index]
    if reader == "html":
        import html

        new = html.escape(new, quote=False)
    return (Edit(finding.start, finding.end, finding.text, new),)


# --------------------------------------------------------------------------- the pool


def forking() -> bool:
    """Whether workers are forked copies of this process (Linux) rather than threads."""
    return hasattr(os, "fork") and sys.platform.startswith("linux")


class Pool:
    """Runs jobs (the functions above) off the event loop, with a time limit per request: in
    forked worker processes where the system forks safely (Linux, forkpool.py), else in threads."""

    def __init__(self, workers: int, time_limit: float):
        self.workers, self.time_limit = workers, time_limit
        if forking():
            from stigmacheck.server.forkpool import ForkPool

            self.forked = ForkPool(workers)  # forked now: no event loop yet, the linter is warm
            self.executor = None
        else:
            self.forked = None
            self.executor = ThreadPoolExecutor(1, thread_name_prefix="stigmacheck-check")  # one linter, one thread

    async def run(self, job, *args):
        """The job's result, or TimeLimit after `time_limit` seconds (forked workers: counted from
        when a worker takes the job, and the job is stopped; one thread: its result is dropped)."""
        try:
            if self.forked is not None:
                return await self.forked.run(job, *args, timeout=self.time_limit)
            running = asyncio.get_running_loop().run_in_executor(self.executor, job, *args)
            return await asyncio.wait_for(running, self.time_limit)
        except TimeoutError:
            raise TimeLimit() from None

    def close(self) -> None:
        if self.forked is not None:
            self.forked.close()
        else:
            self.executor.shutdown(wait=False, cancel_futures=True)
