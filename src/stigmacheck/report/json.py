"""--format json: the version 1 contract of DESIGN.md section 1."""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # json.dumps(str, ensure_ascii=False), in C

from stigmacheck import __version__


def finding_dict(finding, doc) -> dict:
    line, column = doc.line_col(finding.start)
    end_line, end_column = doc.line_col(finding.end)
    out = {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity,
        "scope": finding.scope,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "offset": finding.start,
        "end_offset": finding.end,
        "text": finding.text,
        "message": finding.message,
        "suggestions": list(finding.suggestions),
        "fixable": finding.fixable,
    }
    if finding.context:
        out["context"] = finding.context
    if finding.fix is not None:
        out["fix"] = fix_dict(finding.fix)
    out.update({k: v for k, v in finding.extra.items() if k not in out})
    return out


def fix_dict(fix) -> dict:
    """The settled Fix (an extra key of the contract): applying the edits of every finding whose
    applicability is "safe" gives exactly what `stigmacheck fix` writes."""
    out = {
        "applicability": "safe" if fix.safe else "unsafe",
        "edits": [{"offset": e.start, "end_offset": e.end, "text": e.old, "replacement": e.new} for e in fix.edits],
    }
    if not fix.safe:
        out["reason"] = fix.reason
    return out


def suppression_keys(r) -> dict:
    """Extra keys (allowed by the contract): findings silenced by a comment, and comments that
    silenced nothing (only with --report-unused-suppressions)."""
    out = {}
    if getattr(r, "suppressed", None) and r.document is not None:
        out["suppressed"] = [
            {"rule": f.rule, "line": r.document.line_col(f.start)[0], "column": r.document.line_col(f.start)[1],
             "text": f.text, "suppressed_by_line": d.line, "reason": d.reason}
            for f, d in r.suppressed
        ]
    if getattr(r, "unused_suppressions", None):
        out["unused_suppressions"] = [
            {"rule": "stigmacheck.unused-suppression", "severity": "info", "line": d.line, "column": d.column,
             "directive": d.text, "message": d.unused_message()}
            for d in r.unused_suppressions
        ]
    return out


def file_dict(r) -> dict:
    findings = [finding_dict(f, r.document) for f in r.findings] if r.document is not None else []
    entry = {"path": r.path, "error": r.error, "findings": findings}
    if r.notes:
        entry["notes"] = r.notes
    entry.update(suppression_keys(r))
    return entry


def _head(summary: dict) -> dict:
    return {"version": 1, "tool": {"name": "stigmacheck", "version": __version__}, "files": [], "summary": summary}


def to_dict(results) -> dict:
    return dict(_head(_summary(results)), files=[file_dict(r) for r in results])


def _summary(results) -> dict:
    return {
        "files": len(results),
        "findings": sum(len(r.findings) for r in results if r.document is not None),
        "errors": sum(1 for r in results if r.error),
    }


def render(results, ruleset, stream, **_) -> None:
    """Exactly `json.dumps(to_dict(results), ensure_ascii=False, indent=2)` and a newline, written
    file by file in one pass: a site of ten thousand pages is never held as one dict or one
    string, and the entries that hold only a path (nearly all) skip the slow pure-Python encoder
    that `indent` needs."""
    counts = {"files": 0, "findings": 0, "errors": 0}
    before, _ = json.dumps(_head(counts), ensure_ascii=False, indent=2).split('"files": []', 1)
    stream.write(before + '"files": ')
    for r in results:
        stream.write(("[\n" if counts["files"] == 0 else ",\n") + _entry(r))
        counts["files"] += 1
        counts["errors"] += bool(r.error)
        counts["findings"] += len(r.findings) if r.document is not None else 0
    stream.write("[]" if counts["files"] == 0 else "\n  ]")
    _, after = json.dumps(_head(counts), ensure_ascii=False, indent=2).split('"files": []', 1)
    stream.write(after + "\n")


def _entry(r) -> str:
    if not (r.findings or r.notes or getattr(r, "suppressed", None) or getattr(r, "unused_suppressions", None)):
        error = "null" if r.error is None else encode_basestring(r.error)
        return f'    {{\n      "path": {encode_basestring(r.path)},\n      "error": {error},\n      "findings": []\n    }}'
    return "\n".join("    " + line for line in json.dumps(file_dict(r), ensure_ascii=False, indent=2).splitlines())
