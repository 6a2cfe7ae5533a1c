"""From a document to findings: prefilter, analysis, checks, contexts, overlaps, positions."""

from __future__ import annotations

from dataclasses import dataclass, field

from stigmacheck.analysis import LINE_BREAK_HYPHEN, BlockAnalysis, Match
from stigmacheck.context import context_of
from stigmacheck.documents.base import NAME_KINDS
from stigmacheck.findings import SEVERITY_RANK, Finding
from stigmacheck.screening.prefilter import compile_prefilter

# When findings overlap, the broader problem wins: a conflation covers the term inside it.
CATEGORY_PRIORITY = {"conflation": 4, "framing": 3, "imagery": 2, "term": 1, "balance": 0}
DROPPING_CONTEXTS = ("title", "name", "citation", "mention")


@dataclass
class Options:
    quotes: str = "info"  # "info": findings in quotations become info; "off": no findings there
    severity: dict[str, str] = field(default_factory=dict)  # rule id or category -> severity
    use_prefilter: bool = True


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    document: object = None
    suppressed: list = field(default_factory=list)  # (finding, directive) pairs, see suppress.py
    unused_suppressions: list = field(default_factory=list)  # suppress.Directive


class Engine:
    def __init__(self, ruleset, options: Options | None = None):
        self.ruleset = ruleset
        self.options = options or Options()
        self.checkers = ruleset.checkers
        # Block kinds a checker asks for by name (image texts for imagery) are analysed even without a
        # stem, so that checker's stems only serve the whole-file gate, not the per-block prefilter.
        self.always_kinds = {k for c in self.checkers for k in getattr(c, "block_kinds", ())}
        self.prefilter = compile_prefilter(
            s for c in self.checkers if not getattr(c, "block_kinds", None) for s in c.triggers()
        )
        self._gate = None
        from stigmacheck import nlp  # cheap: spaCy itself is imported only when a block needs it

        self.nlp_needs = nlp.needs_of(self.checkers)  # components no checker needs are not loaded
        nlp.require(self.nlp_needs)

    def may_match(self, text: str) -> bool:
        """False only when no rule can possibly match `text` (a block's checkable text)."""
        if not self.options.use_prefilter:
            return True
        if self.prefilter is None:
            return False
        if self.prefilter.contains(text.lower()):
            return True
        # a word split over two lines ("prostitu-\ntie") is one word to the checks
        return ("-\n" in text or "-\r" in text) and self.prefilter.contains(LINE_BREAK_HYPHEN.sub("", text).lower())

    def warm_up(self) -> None:
        """Build what every file needs (the whole-file gate and its compiled quick test) now, in
        this process, before worker processes are forked from it."""
        if self.options.use_prefilter:
            self.may_match_source("", b"")

    def may_match_source(self, source: str, data: bytes | None = None) -> bool:
        """False only when no rule can match anywhere in a file's raw text, markup included:
        the whole-file gate before any reader runs (see gate.py). `data`: `source` as UTF-8 bytes."""
        if not self.options.use_prefilter:
            return True
        if self._gate is None:
            from stigmacheck.screening.gate import SourceGate

            self._gate = SourceGate(self.checkers, self.ruleset.names)
        return self._gate.may_match(source, data)

    def check_document(self, doc) -> list[Finding]:
        blocks = [b for b in doc.blocks if b.kind in self.always_kinds or self.may_match(b.text)]
        if not blocks:
            return []
        # spaCy runs on a block only when a check asks for its sentences or parse (BlockAnalysis.doc),
        # which the checks do only after their own cheap word tests have found a candidate
        analyses = [BlockAnalysis(b, None, self.ruleset.names) for b in blocks]
        hits = [self.may_match(b.text) for b in blocks]  # image texts may be here without a stem
        for analysis in analyses:
            analysis.document = doc  # for checkers that judge a block by its document (imagery)
        findings: list[Finding] = []
        about: dict = {}  # topic test -> does the document contain one of its words
        for analysis, hit in zip(analyses, hits):
            matches: list[Match] = []
            for checker in self.checkers:
                if getattr(checker, "scope", "block") == "block" and _sees(checker, analysis.block.kind, hit):
                    matches += checker.check(analysis)
            matches = [m for m in matches if m.topic is None or _about(doc, m.topic, about)]
            for match in _resolve_overlaps(matches):
                finding = self._finding(doc, analysis, match)
                if finding is not None:
                    findings.append(finding)
        for checker in self.checkers:
            if getattr(checker, "scope", "block") == "document":
                seen = [a for a, hit in zip(analyses, hits) if _sees(checker, a.block.kind, hit)]
                for analysis, match in checker.check_document(seen, findings):
                    finding = self._finding(doc, analysis, match)
                    if finding is not None:
                        findings.append(finding)
        findings.sort(key=Finding.sort_key)
        return findings

    def _finding(self, doc, analysis: BlockAnalysis, match: Match) -> Finding | None:
        rule = match.rule
        context = context_of(analysis, match.start, match.end) if match.scope == "span" else None
        if context in DROPPING_CONTEXTS:
            return None
        severity = self.options.severity.get(rule.id) or self.options.severity.get(rule.category) or rule.severity
        fixable = match.fixable
        if context == "quotation":
            if self.options.quotes == "off":
                return None
            severity = "info"
            fixable = False
        block = analysis.block
        start = block.to_source(match.start)
        end = block.to_source_end(match.end)
        text = doc.source[start:end]
        shown = LINE_BREAK_HYPHEN.sub("", text) if "\n" in text or "\r" in text else text
        message = match.message or rule.format_message(shown, match.suggestions)
        extra = {"rationale": rule.rationale, "sources": rule.sources}
        if match.edits and not context:
            # companion edits for fix mode, in source offsets (JSON: "edits")
            extra["edits"] = [
                {"offset": block.to_source(a), "end_offset": block.to_source_end(b), "text": doc.source[block.to_source(a):block.to_source_end(b)], "replacement": r}
                for a, b, r in match.edits
            ]
        if context == "quotation":
            message = "In een citaat: " + message[0].lower() + message[1:] + " Een citaat kunt u niet herschrijven; overweeg een parafrase."
        return Finding(
            rule=rule.id,
            category=rule.category,
            severity=severity,
            start=start,
            end=end,
            text=text,
            message=message,
            suggestions=list(match.suggestions),
            fixable=fixable and bool(match.suggestions),
            scope=match.scope,
            context=context or "",
            extra=extra,
        )


def _about(doc, test, seen: dict) -> bool:
    """Whether any word of the document (all its blocks, not only the candidates) passes `test`."""
    key = id(test)  # word tests are not hashable; each lives as long as its checker
    if key not in seen:
        seen[key] = any(test(t.folded) for b in doc.blocks for t in BlockAnalysis(b).tokens)
    return seen[key]


def _sees(checker, kind: str, hit: bool) -> bool:
    """A checker sees the blocks with a trigger stem, except file names (names, not prose); one that
    names kinds in `block_kinds` (imagery) sees every block of those kinds and no other."""
    kinds = getattr(checker, "block_kinds", None)
    if kinds is not None:
        return kind in kinds
    return hit and kind not in NAME_KINDS


def _resolve_overlaps(matches: list[Match]) -> list[Match]:
    """Keep one finding per problem: broader categories, then longer spans, win."""
    ranked = sorted(
        matches,
        key=lambda m: (
            -CATEGORY_PRIORITY.get(m.rule.category, 0),
            -(m.end - m.start),
            -m.priority,
            -SEVERITY_RANK[m.rule.severity],
            m.start,
            m.rule.id,
        ),
    )
    kept: list[Match] = []
    for m in ranked:
        lo, hi = m.covers or (m.start, m.end)
        if any(lo < k.end and k.start < hi for k in kept if k.scope == "span"):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))
