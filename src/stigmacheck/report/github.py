"""--format github: GitHub Actions workflow commands, shown as annotations on the pull request.

    ::warning file=docs/a.md,line=3,col=5,endLine=3,endColumn=16,title=stigmacheck term.prostituee::message

error -> error, warning -> warning, suggestion and info -> notice. Columns are 1-based code
points; endColumn is exclusive like the JSON contract. GitHub supports col/endColumn only on a
single line, so a finding over several lines gets line/endLine only.
"""

from __future__ import annotations

COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice", "info": "notice"}


def escape_data(text: str) -> str:
    """The message part: % first, then the line breaks."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): like data, plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props) -> str:
    parts = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items() if value is not None)
    return f"::{kind}{' ' + parts if parts else ''}::{escape_data(message)}"


def _finding_command(path: str, doc, f) -> str:
    line, col = doc.line_col(f.start)
    end_line, end_col = doc.line_col(f.end)
    message = f.message
    if f.suggestions and not all(f"'{s}'" in message for s in f.suggestions):
        message += "\nSuggestie: " + " of ".join(f"'{s}'" for s in f.suggestions)
    same_line = line == end_line
    return command(
        COMMANDS[f.severity], message,
        file=path, line=line, col=col if same_line else None,
        endLine=end_line, endColumn=end_col if same_line else None,
        title=f"stigmacheck {f.rule}",
    )


def lines(results, stdin_filename: str | None = None) -> list[str]:
    out = []
    for r in results:
        path = (stdin_filename if r.path == "-" and stdin_filename else r.path).replace("\\", "/")
        if path.startswith("./"):
            path = path[2:]
        if r.error:
            out.append(command("error", r.error, file=path, title="stigmacheck: bestand niet gecontroleerd"))
            continue
        for note in r.notes:
            out.append(command("notice", note, file=path, title="stigmacheck"))
        for f in r.findings:
            out.append(_finding_command(path, r.document, f))
        for d in getattr(r, "unused_suppressions", ()):
            out.append(command("notice", d.unused_message(), file=path, line=d.line, col=d.column,
                               title="stigmacheck stigmacheck.unused-suppression"))
    return out


def render(results, ruleset, stream, stdin_filename: str | None = None, **_) -> None:
    """`stdin_filename` (--stdin-filename) names standard input in the annotations: GitHub needs a file."""
    for line in lines(results, stdin_filename):
        stream.write(line + "\n")
