"""The rule model: what every rule has, whatever its kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Said instead of the sentence with '{suggestion}' when a finding has no replacement.
OWN_WORDS = "Kies zelf woorden die passen bij wat er feitelijk gebeurt."
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass
class Example:
    text: str
    span: str | None = None
    suggestion: str | None = None
    line: int = 0
    reader: str = "text"  # how the example text is read: text, markdown or html (for markup examples)


@dataclass
class Rule:
    id: str
    kind: str
    category: str
    severity: str
    message: str
    rationale: str
    sources: list[str]
    flag_examples: list[Example]
    pass_examples: list[Example]
    data: dict  # the kind-specific fields, validated by the kind's schema
    aliases: list[str] = field(default_factory=list)
    status: str = "vastgesteld"
    replaced_by: str | None = None
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    since: str | None = None
    summary: str = ""
    fix: str = "safe"
    path: str = ""
    line: int = 1
    lines: dict = field(default_factory=dict, repr=False)  # key path -> line in `path`

    @property
    def active(self) -> bool:
        return self.status != "vervallen"

    def line_of(self, *key_path) -> int:
        path = tuple(key_path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, self.line)

    def format_message(self, text: str, suggestions: list[str]) -> str:
        message = self.message
        if not suggestions and "{suggestion}" in message:
            # a pattern or form without a replacement: leave out the sentence that would say
            # "Schrijf ''." and say that the wording is the writer's choice
            kept = [s for s in _SENTENCE_END.split(message.strip()) if "{suggestion}" not in s]
            message = " ".join(kept + [OWN_WORDS])
        try:
            return message.format(text=text, suggestion=suggestions[0] if suggestions else "")
        except (KeyError, IndexError, ValueError):
            return message
