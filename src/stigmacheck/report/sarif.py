"""--format sarif: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, Azure DevOps, IDE viewers).

Positions: SARIF lines and columns are 1-based; we count columns and charOffset/charLength in
Unicode code points of the decoded source text (declared with run.columnKind
"unicodeCodePoints"), the same positions as the JSON contract. endColumn is exclusive, as in
SARIF. For .docx the "source" is the paragraphs joined by newlines (one line per paragraph);
we give no fixes there, since a replacement in that text cannot be applied to the binary file.
No informationUri: the log must not point to the network.
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

from stigmacheck import __version__
from stigmacheck.suppress import UNUSED_RULE

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative URI with forward slashes when the file is under the working directory."""
    if path == "-":
        return "stdin"
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if rel.startswith(".."):
            from pathlib import Path

            return Path(path).as_uri()
        path = rel
    norm = os.path.normpath(path).replace(os.sep, "/")
    return quote(norm, safe="/")


def _rule_descriptor(rule) -> dict:
    short = rule.summary or rule.message.replace("{text}", "…").replace("{suggestion}", "…")
    sources = list(rule.sources)
    md = [rule.rationale, ""]
    text = [rule.rationale]
    if sources:
        md += ["**Bronnen**", ""] + [f"- {s}" for s in sources] + [""]
        text.append("Bronnen: " + "; ".join(sources) + ".")
    flagged = [e for e in rule.flag_examples if e.text]
    if flagged:
        md += ["**Voorbeelden**", ""]
        for ex in flagged[:5]:
            md.append(f"- {ex.text}" + (f" → *{ex.suggestion}*" if ex.suggestion else ""))
        md.append("")
        text.append("Voorbeeld: " + flagged[0].text)
    passing = [e.text for e in rule.pass_examples if getattr(e, "text", None)]
    if passing:
        md += ["**Wordt niet gemeld**", ""] + [f"- {t}" for t in passing[:3]] + [""]
    return {
        "id": rule.id,
        "name": rule.id.replace(".", "/"),
        "shortDescription": {"text": short},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": "\n".join(text), "markdown": "\n".join(md).strip() + "\n"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "severity": rule.severity, "status": rule.status,
                       "aliases": list(rule.aliases), "tags": [rule.category]},
    }


UNUSED_DESCRIPTOR = {
    "id": UNUSED_RULE,
    "name": "stigmacheck/unused-suppression",
    "shortDescription": {"text": "Onderdrukking die niets meer onderdrukt"},
    "fullDescription": {"text": "Een stigmacheck-disable-opmerking waarvoor geen melding meer is. "
                                "Verwijder haar, zodat later nieuwe tekst op die plek wel wordt gecontroleerd."},
    "help": {"text": "Verwijder de onderdrukking of pas de genoemde regel aan.",
             "markdown": "Verwijder de onderdrukking of pas de genoemde regel aan.\n"},
    "defaultConfiguration": {"level": "note"},
    "properties": {"category": "suppression", "severity": "info"},
}


class _Rules:
    def __init__(self, ruleset):
        self.ruleset = ruleset
        self.descriptors: list[dict] = []
        self.index: dict[str, int] = {}
        for rule in ruleset.rules:
            self._add(rule.id, _rule_descriptor(rule))

    def _add(self, rule_id: str, descriptor: dict) -> int:
        self.index[rule_id] = len(self.descriptors)
        self.descriptors.append(descriptor)
        return self.index[rule_id]

    def of(self, rule_id: str) -> int:
        if rule_id in self.index:
            return self.index[rule_id]
        if rule_id == UNUSED_RULE:
            return self._add(rule_id, UNUSED_DESCRIPTOR)
        rule = self.ruleset.resolve(rule_id)
        descriptor = _rule_descriptor(rule) if rule is not None else {"id": rule_id}
        descriptor["id"] = rule_id
        return self._add(rule_id, descriptor)


def _region(doc, start: int, end: int) -> dict:
    line, col = doc.line_col(start)
    end_line, end_col = doc.line_col(end)
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
            "charOffset": start, "charLength": end - start}


def _result(r, f, uri: str, rules: _Rules) -> dict:
    message = f.message
    if f.suggestions and not all(f"'{s}'" in message for s in f.suggestions):
        message += " Suggestie: " + " of ".join(f"'{s}'" for s in f.suggestions) + "."
    region = _region(r.document, f.start, f.end)
    out = {
        "ruleId": f.rule,
        "ruleIndex": rules.of(f.rule),
        "level": LEVELS[f.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        "properties": {"category": f.category, "severity": f.severity, "scope": f.scope,
                       "text": f.text, "suggestions": list(f.suggestions), "fixable": f.fixable},
    }
    if f.context:
        out["properties"]["context"] = f.context
    if f.fixable and r.document.reader != "docx":  # a replacement in the text of a .docx cannot be applied to the zip
        out["fixes"] = [{
            "description": {"text": f"Vervang '{f.text}' door '{f.suggestions[0]}'."},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [
                    {"deletedRegion": _region(r.document, e.start, e.end), "insertedContent": {"text": e.new}}
                    for e in f.fix.edits
                ],
            }],
        }]
    return out


def _unused_result(d, uri: str, rules: _Rules) -> dict:
    return {
        "ruleId": UNUSED_RULE,
        "ruleIndex": rules.of(UNUSED_RULE),
        "level": "note",
        "message": {"text": d.unused_message()},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": {"startLine": d.line, "startColumn": d.column, "charOffset": d.start,
                       "charLength": d.end - d.start},
        }}],
    }


def to_sarif(results, ruleset, stdin_filename: str | None = None) -> dict:
    rules = _Rules(ruleset)
    sarif_results, notifications = [], []
    for r in results:
        uri = artifact_uri(stdin_filename if r.path == "-" and stdin_filename else r.path)
        where = [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]
        if r.error:
            notifications.append({"level": "error", "message": {"text": f"{r.path}: {r.error}"}, "locations": where})
            continue
        for note in r.notes:
            notifications.append({"level": "note", "message": {"text": f"{r.path}: {note}"}, "locations": where})
        for f in r.findings:
            sarif_results.append(_result(r, f, uri, rules))
        for d in getattr(r, "unused_suppressions", ()):
            sarif_results.append(_unused_result(d, uri, rules))
    invocation = {"executionSuccessful": not any(r.error for r in results)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "stigmacheck",
                "version": __version__,
                "semanticVersion": __version__,
                "language": "nl-NL",
                "rules": rules.descriptors,
            }},
            "invocations": [invocation],
            "language": "nl-NL",
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
            "properties": {"rulesetVersion": getattr(ruleset, "version", "")},
        }],
    }


def render(results, ruleset, stream, stdin_filename: str | None = None, **_) -> None:
    """`stdin_filename` (--stdin-filename) is the artifact of standard input: code scanning needs a file."""
    json.dump(to_sarif(results, ruleset, stdin_filename), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
