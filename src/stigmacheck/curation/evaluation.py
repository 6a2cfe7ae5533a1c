"""Score the rules on an annotated corpus (corpora/*.yaml; format in corpora/README.md).

A finding matches an expectation when the category is the same and the spans overlap. Findings at
`info` are notes (quotations of others) and are not scored. Every other finding that matches no
expectation is a false positive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from stigmacheck.findings import CATEGORIES
from stigmacheck.ruleset.schema import Field, validate
from stigmacheck.ruleset.yamlfile import YamlError, load_located

SPAN = {
    "category": Field("str", required=True, choices=CATEGORIES),
    "span": Field("str", required=True),
    "occurrence": Field("int"),
    "suggestion": Field("str"),
    "rule": Field("str"),
    "note": Field("str"),
}
FORBID = dict(SPAN, category=Field("str", choices=CATEGORIES))
CORPUS_FIELDS = {
    "genre": Field("str", required=True),
    "passages": Field(
        "list",
        required=True,
        item=Field(
            "map",
            fields={
                "id": Field("str", required=True),
                "genre": Field("str"),
                "text": Field("str", required=True),
                "reader": Field("str", choices=("text", "markdown", "html")),
                "expect": Field("list", item=Field("map", fields=SPAN)),
                "forbid": Field("list", item=Field("map", fields=FORBID)),
                "note": Field("str"),
            },
        ),
    ),
}


class CorpusError(Exception):
    pass


@dataclass
class Span:
    category: str | None
    start: int
    end: int
    text: str
    suggestion: str | None = None
    rule: str | None = None


@dataclass
class Passage:
    id: str
    genre: str
    text: str
    reader: str
    expect: list[Span]
    forbid: list[Span]
    path: str
    line: int


@dataclass
class Outcome:
    """One scored item: tp (expected and found), fn (expected, not found), fp (found, not expected)."""

    kind: str
    passage: Passage
    category: str
    rule: str
    start: int
    end: int
    found_text: str = ""
    suggestion_expected: str | None = None
    suggestion_found: str | None = None

    @property
    def suggestion_ok(self) -> bool | None:
        if self.kind != "tp" or self.suggestion_expected is None:
            return None
        return (self.suggestion_found or "") == self.suggestion_expected

    def context(self, width: int = 50) -> str:
        text = self.passage.text
        a, b = max(0, self.start - width), min(len(text), self.end + width)
        snippet = text[a : self.start] + "[[" + text[self.start : self.end] + "]]" + text[self.end : b]
        return " ".join(snippet.split())


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    sugg_ok: int = 0
    sugg_total: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def suggestion_accuracy(self) -> float | None:
        return self.sugg_ok / self.sugg_total if self.sugg_total else None


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    passages: int = 0

    def scores(self, key=lambda o: o.category) -> dict[str, Scores]:
        out: dict[str, Scores] = {}
        for o in self.outcomes:
            s = out.setdefault(key(o), Scores())
            setattr(s, o.kind, getattr(s, o.kind) + 1)
            if o.suggestion_ok is not None:
                s.sugg_total += 1
                s.sugg_ok += bool(o.suggestion_ok)
        return out

    def by_category(self) -> dict[str, Scores]:
        return self.scores()

    def by_rule(self) -> dict[str, Scores]:
        return self.scores(lambda o: o.rule)

    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind in ("fp", "fn")]


def corpus_files(paths) -> list[Path]:
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(q for q in p.rglob("*.y*ml") if q.suffix in (".yaml", ".yml"))
        else:
            out.append(p)
    return out


def load_corpus(paths) -> list[Passage]:
    passages: list[Passage] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in corpus_files(paths):
        shown = str(path)
        try:
            located = load_located(shown, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{shown}: kan het bestand niet lezen: {exc}")
            continue
        except YamlError as exc:
            problems.append(str(exc))
            continue
        if isinstance(located.data, dict) and "fixes" in located.data:
            continue  # a fix corpus (load_fix_corpus)
        errs = validate(located.data, CORPUS_FIELDS, located.line, shown)
        if errs:
            problems += [str(e) for e in errs]
            continue
        for i, item in enumerate(located.data["passages"]):
            line = located.line(("passages", i))
            pid = item["id"]
            if pid in seen:
                problems.append(f"{shown}:{line}: passage-id '{pid}' staat ook in {seen[pid]}")
            seen[pid] = f"{shown}:{line}"
            text = item["text"]
            spans = {}
            for key in ("expect", "forbid"):
                spans[key] = []
                for j, s in enumerate(item.get(key) or []):
                    at = _find(text, s["span"], s.get("occurrence", 1))
                    if at < 0:
                        problems.append(
                            f"{shown}:{located.line(('passages', i, key, j))}: '{s['span']}' staat niet "
                            f"(zo vaak) in de tekst van {pid}"
                        )
                        continue
                    spans[key].append(
                        Span(s.get("category"), at, at + len(s["span"]), s["span"], s.get("suggestion"), s.get("rule"))
                    )
            passages.append(
                Passage(pid, item.get("genre", located.data["genre"]), text, item.get("reader", "text"),
                        spans["expect"], spans["forbid"], shown, line)
            )
    if problems:
        raise CorpusError("\n".join(problems))
    return passages


def _find(text: str, span: str, occurrence: int) -> int:
    at = -1
    for _ in range(max(occurrence, 1)):
        at = text.find(span, at + 1)
        if at < 0:
            return -1
    return at


def evaluate(passages: list[Passage], engine) -> Report:
    """Run `engine` over every passage (through the in-memory entry point) and score it."""
    from stigmacheck.running.files import check_bytes

    report = Report(passages=len(passages))
    for p in passages:
        name = f"{p.id}.{ {'text': 'txt', 'markdown': 'md', 'html': 'html'}[p.reader]}"
        findings = [f for f in check_bytes(engine, name, p.text.encode("utf-8"), p.reader, keep=True).findings
                    if f.severity != "info"]
        used: set[int] = set()
        for exp in p.expect:
            hit = next(
                (
                    k
                    for k, f in enumerate(findings)
                    if k not in used and f.category == exp.category and f.start < exp.end and exp.start < f.end
                ),
                None,
            )
            if hit is None:
                report.outcomes.append(
                    Outcome("fn", p, exp.category, exp.rule or f"({exp.category})", exp.start, exp.end,
                            suggestion_expected=exp.suggestion)
                )
                continue
            used.add(hit)
            f = findings[hit]
            report.outcomes.append(
                Outcome("tp", p, exp.category, f.rule, f.start, f.end, f.text, exp.suggestion,
                        f.suggestions[0] if f.suggestions else "")
            )
        for k, f in enumerate(findings):
            if k in used:
                continue
            # a second finding on an already matched expectation of the same category is a duplicate: FP
            report.outcomes.append(
                Outcome("fp", p, f.category, f.rule, f.start, f.end, f.text,
                        suggestion_found=f.suggestions[0] if f.suggestions else "")
            )
    return report


def format_report(report: Report, show_errors: bool = True) -> str:
    lines = [f"{report.passages} passages"]
    lines.append("")
    lines += _table("categorie", report.by_category())
    lines.append("")
    lines += _table("regel", report.by_rule())
    if show_errors:
        errors = report.errors()
        if errors:
            lines.append("")
            lines.append(f"Fouten ({len(errors)}):")
            for o in sorted(errors, key=lambda o: (o.kind, o.category, o.passage.id)):
                label = "vals positief" if o.kind == "fp" else "gemist"
                lines.append(f"  {label:13} {o.category:10} {o.rule:28} {o.passage.id}: {o.context()}")
        wrong = [o for o in report.outcomes if o.suggestion_ok is False]
        if wrong:
            lines.append("")
            lines.append(f"Andere eerste suggestie dan verwacht ({len(wrong)}):")
            for o in wrong:
                lines.append(
                    f"  {o.rule:28} {o.passage.id}: '{o.found_text}' -> '{o.suggestion_found}'"
                    f" (verwacht '{o.suggestion_expected}')"
                )
    return "\n".join(lines)


def _table(label: str, scores: dict[str, Scores]) -> list[str]:
    out = [f"{label:30} {'prec':>6} {'recall':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4} {'sugg':>6}"]
    for name in sorted(scores):
        s = scores[name]
        acc = s.suggestion_accuracy
        out.append(
            f"{name:30} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4d} {s.fp:4d} {s.fn:4d} "
            f"{'' if acc is None else f'{acc:6.3f}':>6}"
        )
    return out


# --------------------------------------------------------------------------- the fix corpus
# A file with a top-level `fixes:` list: sentences with the fixed forms an editor accepts, or
# `unchanged: true` where no safe fix may touch the sentence (format in corpora/README.md).

FIX_FIELDS = {
    "genre": Field("str"),
    "fixes": Field(
        "list",
        required=True,
        item=Field("map", fields={
            "id": Field("str", required=True),
            "text": Field("str", required=True),
            "accept": Field("list", item=Field("str"), doc="juiste gerepareerde vormen"),
            "unchanged": Field("bool", doc="een veilige fix mag deze zin niet veranderen"),
            "reader": Field("str", choices=("text", "markdown", "html")),
            "note": Field("str"),
        }),
    ),
}


@dataclass
class FixCase:
    id: str
    text: str
    accept: list[str]  # empty: the sentence must stay as it is
    reader: str
    path: str
    line: int


@dataclass
class FixOutcome:
    case: FixCase
    result: str

    @property
    def kind(self) -> str:
        """'fixed' (an accepted form), 'kept' (unchanged where that is right), 'missed' (a fix was
        expected, none made) or 'bad' (a safe fix whose result no editor accepted)."""
        if self.result == self.case.text:
            return "missed" if self.case.accept else "kept"
        return "fixed" if self.result in self.case.accept else "bad"


def load_fix_corpus(paths) -> list[FixCase]:
    cases: list[FixCase] = []
    problems: list[str] = []
    for path in corpus_files(paths):
        shown = str(path)
        try:
            located = load_located(shown, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, YamlError):
            continue  # load_corpus reports unreadable files
        if not isinstance(located.data, dict) or "fixes" not in located.data:
            continue
        errs = validate(located.data, FIX_FIELDS, located.line, shown)
        if errs:
            problems += [str(e) for e in errs]
            continue
        for i, item in enumerate(located.data["fixes"]):
            line = located.line(("fixes", i))
            if bool(item.get("accept")) == bool(item.get("unchanged")):
                problems.append(f"{shown}:{line}: {item['id']}: geef 'accept' (juiste vormen) of 'unchanged: true', niet beide")
                continue
            text = item["text"].rstrip("\n")
            cases.append(FixCase(item["id"], text, [a.rstrip("\n") for a in item.get("accept") or []],
                                 item.get("reader", "text"), shown, line))
    if problems:
        raise CorpusError("\n".join(problems))
    return cases


def evaluate_fixes(cases: list[FixCase], engine) -> list[FixOutcome]:
    ext = {"text": "txt", "markdown": "md", "html": "html"}
    return [FixOutcome(c, fixed_text(engine, f"{c.id}.{ext[c.reader]}", c.text)) for c in cases]


def fix_summary(outcomes: list[FixOutcome]) -> dict:
    counts = {k: sum(1 for o in outcomes if o.kind == k) for k in ("fixed", "kept", "missed", "bad")}
    fixable = counts["fixed"] + counts["missed"] + sum(1 for o in outcomes if o.kind == "bad" and o.case.accept)
    counts["sentences"] = len(outcomes)
    counts["fix_rate"] = round(counts["fixed"] / fixable, 4) if fixable else None
    return counts


def format_fixes(outcomes: list[FixOutcome], show_errors: bool = True) -> str:
    if not outcomes:
        return ""
    s = fix_summary(outcomes)
    rate = "-" if s["fix_rate"] is None else f"{s['fix_rate']:.3f}"
    lines = [f"Fixcorpus: {s['sentences']} zinnen; juist gerepareerd {s['fixed']}, terecht ongemoeid {s['kept']}, "
             f"niet gerepareerd {s['missed']}, slechte fixes {s['bad']} (reparatiegraad {rate})"]
    if show_errors:
        for o in outcomes:
            if o.kind in ("bad", "missed"):
                label = "slechte fix" if o.kind == "bad" else "niet gerepareerd"
                want = " | ".join(o.case.accept) or "(ongewijzigd)"
                lines.append(f"  {label:16} {o.case.id}: {o.result!r}\n{'':19}verwacht: {want!r}")
    return "\n".join(lines)


def fixed_text(engine, name: str, text: str) -> str:
    """What `stigmacheck fix` makes of `text` (read as the file `name`); the input when nothing changes."""
    from stigmacheck.fixing import fix_bytes

    result = fix_bytes(engine, name, text.encode("utf-8"))
    return text if result.fixed is None else result.fixed.decode("utf-8")
