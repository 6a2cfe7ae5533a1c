"""--format json: the version 1 contract of DESIGN.md section 1."""

from __future__ import annotations

import json

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
    out.update({k: v for k, v in finding.extra.items() if k not in out})
    return out


def to_dict(results) -> dict:
    files = []
    for r in results:
        findings = [finding_dict(f, r.document) for f in r.findings] if r.document is not None else []
        entry = {"path": r.path, "error": r.error, "findings": findings}
        if r.notes:
            entry["notes"] = r.notes
        files.append(entry)
    return {
        "version": 1,
        "tool": {"name": "stigmacheck", "version": __version__},
        "files": files,
        "summary": {
            "files": len(results),
            "findings": sum(len(f["findings"]) for f in files),
            "errors": sum(1 for r in results if r.error),
        },
    }


def render(results, ruleset, stream, **_) -> None:
    json.dump(to_dict(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
