"""From a document to findings: prefilter, analysis, checks, contexts, overlaps, positions."""

from __future__ import annotations

from dataclasses import dataclass, field

from stigmacheck.analysis import LINE_BREAK_HYPHEN, BlockAnalysis, Match
from stigmacheck.context import context_of
from stigmacheck.documents.base import NAME_KINDS
from stigmacheck.findings import CATEGORY, SAFE, SEVERITY_RANK, UNSAFE, Edit, Finding, Fix
from stigmacheck.fixing.plan import IN_QUOTE
from stigmacheck.fixing.plan import UNSAFE as UNSAFE_REASON
from stigmacheck.screening import Screen

DROPPING_CONTEXTS = ("title", "name", "citation", "mention")


@dataclass
class Options:
    quotes: str = "info"  # "info": findings in quotations become info; "off": no findings there
    severity: dict[str, str] = field(default_factory=dict)  # rule id or category -> severity
    use_prefilter: bool = True
    limits: object = None  # documents.limits.Limits for the readers (None: their defaults)


class Engine:
    def __init__(self, ruleset, options: Options | None = None):
        self.ruleset = ruleset
        self.options = options or Options()
        self.checkers = ruleset.checkers
        self.screen = Screen(self.checkers, ruleset.names, enabled=self.options.use_prefilter)
        from stigmacheck import nlp  # cheap: spaCy itself is imported only when a block needs it

        self.nlp_needs = nlp.needs_of(self.checkers)  # components no checker needs are not loaded
        nlp.require(self.nlp_needs)

    def check_document(self, doc) -> list[Finding]:
        screen = self.screen
        blocks = [b for b in doc.blocks if b.kind in screen.always_kinds or screen.block(b.text)]
        if not blocks:
            return []
        # spaCy runs on a block only when a check asks for its sentences or parse (BlockAnalysis.doc),
        # which the checks do only after their own cheap word tests have found a candidate
        analyses = [BlockAnalysis(b, None, self.ruleset.names) for b in blocks]
        hits = [screen.block(b.text) for b in blocks]  # image texts may be here without a stem
        for analysis in analyses:
            analysis.document = doc  # for checkers that judge a block by its document (imagery)
        findings: list[Finding] = []
        about: dict = {}  # topic test -> does the document contain one of its words
        for analysis, hit in zip(analyses, hits):
            matches: list[Match] = []
            for checker in self.checkers:
                if checker.scope == "block" and _sees(checker, analysis.block.kind, hit):
                    matches += checker.check(analysis)
            matches = [m for m in matches if m.topic is None or _about(doc, m.topic, about)]
            for match in _resolve_overlaps(matches):
                finding = self._finding(doc, analysis, match)
                if finding is not None:
                    findings.append(finding)
        for checker in self.checkers:
            if checker.scope == "document":
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
        if context == "quotation":
            if self.options.quotes == "off":
                return None
            severity = "info"
        block = analysis.block
        start = block.to_source(match.start)
        end = block.to_source_end(match.end)
        text = doc.source[start:end]
        shown = LINE_BREAK_HYPHEN.sub("", text) if "\n" in text or "\r" in text else text
        message = match.message or rule.format_message(shown, match.suggestions)
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
            fix=_raw_fix(doc, block, match, start, end, text, context),
            scope=match.scope,
            context=context or "",
            extra={"rationale": rule.rationale, "sources": rule.sources},
        )


def _raw_fix(doc, block, match: Match, start: int, end: int, text: str, context: str | None) -> Fix | None:
    """The first suggestion over the whole match plus the edits that agree with it (an article),
    in source offsets; fixing.plan.settle makes them minimal once the file's findings are known."""
    if match.scope != "span" or not match.suggestions:
        return None
    edits = [Edit(start, end, text, match.suggestions[0])]
    if not context:
        for a, b, new in match.edits:
            s, e = block.to_source(a), block.to_source_end(b)
            edits.append(Edit(s, e, doc.source[s:e], new))
    edits.sort(key=lambda e: e.start)
    if context == "quotation":
        return Fix(tuple(edits), UNSAFE, IN_QUOTE)
    if not match.fixable:
        return Fix(tuple(edits), UNSAFE, match.reason or UNSAFE_REASON)
    return Fix(tuple(edits), SAFE)


def _about(doc, test, seen: dict) -> bool:
    """Whether any word of the document (all its blocks, not only the candidates) passes `test`."""
    key = id(test)  # word tests are not hashable; each lives as long as its checker
    if key not in seen:
        seen[key] = any(test(t.folded) for b in doc.blocks for t in BlockAnalysis(b).tokens)
    return seen[key]


def _sees(checker, kind: str, hit: bool) -> bool:
    """A checker sees the blocks with a trigger stem, except file names (names, not prose); one that
    names kinds in `block_kinds` (imagery) sees every block of those kinds and no other."""
    kinds = checker.block_kinds
    if kinds is not None:
        return kind in kinds
    return hit and kind not in NAME_KINDS


def _resolve_overlaps(matches: list[Match]) -> list[Match]:
    """Keep one finding per problem: broader categories, then longer spans, win."""
    ranked = sorted(
        matches,
        key=lambda m: (
            -(CATEGORY[m.rule.category].priority if m.rule.category in CATEGORY else 0),  # the broader problem wins
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
