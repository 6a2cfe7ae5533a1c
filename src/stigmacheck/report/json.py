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


def to_dict(results) -> dict:
    files = []
    for r in results:
        findings = [finding_dict(f, r.document) for f in r.findings] if r.document is not None else []
        entry = {"path": r.path, "error": r.error, "findings": findings}
        if r.notes:
            entry["notes"] = r.notes
        entry.update(suppression_keys(r))
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
    stream.write(dumps(to_dict(results)))
    stream.write("\n")


def dumps(data: dict) -> str:
    """Exactly `json.dumps(data, ensure_ascii=False, indent=2)`, but quick for a site: the pure-Python
    encoder that `indent` needs took 70 ms for 2,000 files, nearly all of them entries with only a
    path; those are written from a template with the C string encoder."""
    head = dict(data, files=[])
    text = json.dumps(head, ensure_ascii=False, indent=2)
    entries = [_entry(e) for e in data["files"]]
    files = "[\n" + ",\n".join(entries) + "\n  ]" if entries else "[]"
    return text.replace('"files": []', '"files": ' + files, 1)


def _entry(entry: dict) -> str:
    if not entry["findings"] and entry.keys() == {"path", "error", "findings"}:
        path, error = json.dumps(entry["path"], ensure_ascii=False), json.dumps(entry["error"], ensure_ascii=False)
        return f'    {{\n      "path": {path},\n      "error": {error},\n      "findings": []\n    }}'
    return "\n".join("    " + line for line in json.dumps(entry, ensure_ascii=False, indent=2).splitlines())
