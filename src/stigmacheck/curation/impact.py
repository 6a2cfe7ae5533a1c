"""What a rule change does: run the corpus (and any documents) with a base rule set and with the
changed rule set, and report findings that appear, disappear or change, with precision and recall
before and after. `stigmacheck rules impact`; text for the terminal, Markdown for a pull request.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


class ImpactError(Exception):
    """A problem the user can fix (unknown git ref, unreadable document); the message is Dutch."""


# --------------------------------------------------------------------------- rule sets


def check_ref(ref: str) -> str:
    """A git reference as the user gave it, or ImpactError: a ref is never an option (`--output=...`
    would make git write a file) and holds no spaces or control characters."""
    if not ref or ref.startswith("-") or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in ref):
        raise ImpactError(f"ongeldige git-referentie {ref!r}: geef een tak, tag of commit (bv. main, HEAD~1)")
    return ref


def export_rules_at(ref: str, rules_dir: Path, dest: Path) -> Path:
    """Write the rules folder as it was at git `ref` into `dest`; returns the exported folder.

    The ref is checked (check_ref) and resolved to a commit id with `--end-of-options` first, so
    git never reads it as an option."""
    rules_dir = rules_dir.resolve()
    check_ref(ref)

    def git(*args, binary=False, where=rules_dir):
        try:
            return subprocess.run(["git", "-C", str(where), *args], capture_output=True, check=False,
                                  text=not binary)
        except OSError as exc:
            raise ImpactError(f"git is niet beschikbaar: {exc}") from None

    top = git("rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ImpactError(f"{rules_dir} staat niet in een git-repository; gebruik --base-rules MAP")
    root = Path(top.stdout.strip()).resolve()
    rel = rules_dir.relative_to(root).as_posix()
    commit = git("rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}", where=root)
    if commit.returncode != 0 or not commit.stdout.strip():
        raise ImpactError(f"kan de regels van '{ref}' niet ophalen: onbekende git-referentie")
    archive = git("archive", "--format=tar", commit.stdout.strip(), "--", rel, binary=True, where=root)
    if archive.returncode != 0:
        message = archive.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ImpactError(f"kan de regels van '{ref}' niet ophalen: {message[-1] if message else 'onbekende fout'}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        try:
            tar.extractall(dest, filter="data")
        except TypeError:  # Python without extraction filters
            tar.extractall(dest)  # noqa: S202 - our own repository's tree
    out = dest / rel
    if not out.is_dir():
        raise ImpactError(f"'{ref}' bevat geen map {rel}")
    return out


def _comparable(rule) -> dict:
    data = dataclasses.asdict(rule)
    for key in ("path", "line", "lines"):
        data.pop(key, None)
    for key in ("flag_examples", "pass_examples"):
        for ex in data[key]:
            ex.pop("line", None)
    return data


def rule_changes(base, new) -> tuple[list[str], list[str], dict[str, list[str]]]:
    """(added ids, removed ids, {changed id: changed field names}) between two rule sets."""
    b = {r.id: r for r in base.rules}
    n = {r.id: r for r in new.rules}
    changed = {}
    for rid in sorted(set(b) & set(n)):
        old, cur = _comparable(b[rid]), _comparable(n[rid])
        fields = [k for k in cur if old.get(k) != cur[k]]
        fields += [f"{k}.{sub}" for k in ("data",) if k in fields for sub in sorted(set(old[k]) | set(cur[k]))
                   if old[k].get(sub) != cur[k].get(sub)]
        fields = [f for f in fields if f != "data"]
        fields = [f[5:] if f.startswith("data.") else f for f in fields]
        fields = [{"flag_examples": "examples.flag", "pass_examples": "examples.pass"}.get(f, f) for f in fields]
        if fields:
            changed[rid] = fields
    return sorted(set(n) - set(b)), sorted(set(b) - set(n)), changed


# --------------------------------------------------------------------------- running


@dataclass
class Item:
    """One checked text: a corpus passage or a document."""

    source: str
    text: str
    findings: list = field(default_factory=list)


class _Recorder:
    """An engine that remembers every finding per document, so evaluate() and the diff share one run."""

    def __init__(self, engine):
        self.engine = engine
        self.ruleset = engine.ruleset
        self.screen = engine.screen
        self.options = engine.options
        self.seen: dict[str, tuple[str, list]] = {}

    def check_document(self, doc):
        findings = self.engine.check_document(doc)
        self.seen[doc.path] = (doc.source, findings)
        return findings


def run_side(ruleset, passages, documents) -> tuple[object, list[Item]]:
    """(evaluation report or None, items) for one rule set."""
    from stigmacheck.engine import Engine
    from stigmacheck.curation.evaluation import evaluate
    from stigmacheck.running.files import check_file

    engine = Engine(ruleset.select())
    recorder = _Recorder(engine)
    report = evaluate(passages, recorder) if passages else None
    items = []
    for p in passages:
        path = next((k for k in recorder.seen if k.rsplit(".", 1)[0] == p.id), None)
        source, findings = recorder.seen.get(path, (p.text, []))
        items.append(Item(p.id, source, findings))
    for path in documents:
        result = check_file(engine, path)
        if result.error:
            raise ImpactError(f"{path}: {result.error}")
        text = result.document.source if result.document is not None else ""
        items.append(Item(path, text, list(result.findings)))
    return report, items


# --------------------------------------------------------------------------- diff


@dataclass
class Change:
    kind: str  # "new", "gone", "changed"
    rule: str
    category: str
    source: str
    context: str
    before: object = None  # Finding
    after: object = None
    what: list[str] = field(default_factory=list)
    verdict: str = ""  # against the corpus annotations: "terecht", "vals positief", ...


@dataclass
class Impact:
    base_label: str
    new_label: str
    changes: list[Change]
    base_report: object
    new_report: object
    added: list[str]
    removed: list[str]
    modified: dict[str, list[str]]
    passages: int
    documents: int

    def count(self, kind: str) -> int:
        return sum(c.kind == kind for c in self.changes)

    def per_rule(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for c in self.changes:
            out.setdefault(c.rule, {"new": 0, "gone": 0, "changed": 0})[c.kind] += 1
        return out


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    snippet = ("…" if a else "") + text[a:start] + "[[" + text[start:end] + "]]" + text[end:b] + ("…" if b < len(text) else "")
    return " ".join(snippet.split())


def _first(f) -> str:
    return f.suggestions[0] if f.suggestions else ""


def diff_items(base_items: list[Item], new_items: list[Item], resolve) -> list[Change]:
    """Pair findings per text: same rule and span, else same rule and overlapping span."""
    changes = []
    for old_item, new_item in zip(base_items, new_items):
        before = [(resolve(f.rule), f) for f in old_item.findings]
        after = [(f.rule, f) for f in new_item.findings]
        pairs = []
        for match in (lambda a, b: (a.start, a.end) == (b.start, b.end), lambda a, b: a.start < b.end and b.start < a.end):
            for i, (rule_b, fb) in enumerate(before):
                if fb is None:
                    continue
                for j, (rule_a, fa) in enumerate(after):
                    if fa is not None and rule_a == rule_b and match(fb, fa):
                        pairs.append((rule_a, fb, fa))
                        before[i], after[j] = (rule_b, None), (rule_a, None)
                        break
        text = new_item.text or old_item.text
        for rule, fb, fa in pairs:
            what = []
            if (fb.start, fb.end) != (fa.start, fa.end):
                what.append(f"bereik '{fb.text}' -> '{fa.text}'")
            if _first(fb) != _first(fa):
                what.append(f"suggestie '{_first(fb)}' -> '{_first(fa)}'")
            if fb.severity != fa.severity:
                what.append(f"ernst {fb.severity} -> {fa.severity}")
            if what:
                changes.append(Change("changed", rule, fa.category, new_item.source,
                                      _context(text, fa.start, fa.end), fb, fa, what))
        for rule, fb in before:
            if fb is not None:
                changes.append(Change("gone", rule, fb.category, old_item.source,
                                      _context(old_item.text, fb.start, fb.end), before=fb))
        for rule, fa in after:
            if fa is not None:
                changes.append(Change("new", rule, fa.category, new_item.source,
                                      _context(text, fa.start, fa.end), after=fa))
    order = {"gone": 0, "new": 1, "changed": 2}
    changes.sort(key=lambda c: (c.rule, order[c.kind], c.source, c.context))
    return changes


def compute_impact(base, new, passages, documents=(), base_label="basis", new_label="werkmap") -> Impact:
    base_report, base_items = run_side(base, passages, documents)
    new_report, new_items = run_side(new, passages, documents)

    def resolve(rule_id: str) -> str:
        rule = new.resolve(rule_id)
        return rule.id if rule is not None else rule_id

    added, removed, modified = rule_changes(base, new)
    changes = diff_items(base_items, new_items, resolve)
    _judge(changes, base_report, new_report)
    return Impact(base_label, new_label, changes, base_report, new_report,
                  added, removed, modified, len(passages), len(documents))


VERDICTS = {
    ("new", "tp"): "terecht: staat in het corpus als verwacht",
    ("new", "fp"): "vals positief volgens het corpus",
    ("gone", "tp"): "was terecht: wordt nu gemist",
    ("gone", "fp"): "was vals positief: opgelost",
}


def _judge(changes: list[Change], base_report, new_report) -> None:
    """Say for each appearing or disappearing finding whether the corpus annotations expected it."""
    if base_report is None:
        return

    def index(report):
        return {(o.passage.id, o.start, o.end, o.rule): o.kind for o in report.outcomes if o.kind in ("tp", "fp")}

    before, after = index(base_report), index(new_report)
    for c in changes:
        finding, table = (c.after, after) if c.kind == "new" else (c.before, before)
        if c.kind == "changed":
            continue
        kind = table.get((c.source, finding.start, finding.end, finding.rule))
        c.verdict = VERDICTS.get((c.kind, kind), "")


# --------------------------------------------------------------------------- rendering

KIND_NL = {"new": "nieuw", "gone": "verdwenen", "changed": "gewijzigd"}
KIND_ADJ = {"new": "nieuwe", "gone": "verdwenen", "changed": "gewijzigde"}


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _score_tables(impact, titles):
    """(title, rows) of the precision/recall tables: every category, and the rules that changed."""
    for title, key, only_changed in ((titles[0], "by_category", False), (titles[1], "by_rule", True)):
        rows = _score_rows(impact, key)
        if only_changed:
            keep = _changed_rules(impact)
            rows = [r for r in rows if r[0] in keep or _moved(r)]
        if rows:
            yield title, rows


def _score_rows(impact: Impact, key: str) -> list[tuple]:
    """(name, p before, p after, r before, r after, tp/fp/fn before, after) for names that changed or appear."""
    if impact.base_report is None:
        return []
    before = getattr(impact.base_report, key)()
    after = getattr(impact.new_report, key)()
    rows = []
    for name in sorted(set(before) | set(after)):
        b, a = before.get(name), after.get(name)
        rows.append((name, b, a))
    return rows


def _fmt_pair(b, a, attr: str) -> tuple[str, str, str]:
    vb = getattr(b, attr) if b else None
    va = getattr(a, attr) if a else None
    sb = "–" if vb is None else _pct(vb)
    sa = "–" if va is None else _pct(va)
    delta = "" if vb is None or va is None or abs(va - vb) < 1e-9 else f"{100 * (va - vb):+.1f}"
    return sb, sa, delta


def _counts(s) -> str:
    return "–" if s is None else f"{s.tp}/{s.fp}/{s.fn}"


def _changed_rules(impact: Impact) -> set[str]:
    return set(impact.per_rule()) | set(impact.added) | set(impact.removed) | set(impact.modified)


def render_text(impact: Impact, details: bool = True) -> str:
    out = [f"Effect van de regelwijziging: {impact.base_label} (voor) -> {impact.new_label} (na)"]
    out.append(f"gecontroleerd: {impact.passages} corpuspassages, {impact.documents} document(en)")
    out += _rule_change_lines(impact, code=False)
    out.append(f"meldingen: {impact.count('new')} nieuw, {impact.count('gone')} verdwenen, {impact.count('changed')} gewijzigd")
    per_rule = impact.per_rule()
    if per_rule:
        out += ["", f"{'regel':30} {'nieuw':>6} {'weg':>6} {'gewijzigd':>9}"]
        for rule in sorted(per_rule):
            c = per_rule[rule]
            out.append(f"{rule:30} {c['new']:6d} {c['gone']:6d} {c['changed']:9d}")
    if impact.base_report is not None:
        for title, rows in _score_tables(impact, ("categorie", "regel")):
            out += ["", f"{title:30} {'precisie voor':>13} {'na':>7} {'recall voor':>11} {'na':>7}  TP/FP/FN voor -> na"]
            for name, b, a in rows:
                pb, pa, _ = _fmt_pair(b, a, "precision")
                rb, ra, _ = _fmt_pair(b, a, "recall")
                out.append(f"{name:30} {pb:>13} {pa:>7} {rb:>11} {ra:>7}  {_counts(b)} -> {_counts(a)}")
    if details and impact.changes:
        out.append("")
        for c in impact.changes:
            out.append(f"{KIND_NL[c.kind]:9} [{c.rule}] {c.source}: {c.context}")
            if c.verdict:
                out.append(f"          {c.verdict}")
            if c.kind == "changed":
                out.append(f"          {'; '.join(c.what)}")
            elif c.kind == "new" and c.after.suggestions:
                out.append(f"          suggestie: '{_first(c.after)}'")
    if not impact.changes and not _rule_change_lines(impact, code=False):
        out.append("geen verschil")
    return "\n".join(out) + "\n"


def _moved(row) -> bool:
    _, b, a = row
    if b is None or a is None:
        return True
    return (b.tp, b.fp, b.fn) != (a.tp, a.fp, a.fn)


def _rule_change_lines(impact: Impact, code: bool) -> list[str]:
    q = (lambda s: f"`{s}`") if code else (lambda s: s)
    out = []
    if impact.modified:
        out.append("gewijzigde regels: " + ", ".join(f"{q(r)} ({', '.join(f)})" for r, f in impact.modified.items()))
    if impact.added:
        out.append("nieuwe regels: " + ", ".join(q(r) for r in impact.added))
    if impact.removed:
        out.append("verwijderde regels: " + ", ".join(q(r) for r in impact.removed))
    return out


def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render_markdown(impact: Impact, details: bool = True) -> str:
    out = ["### stigmacheck: effect van deze regelwijziging", ""]
    out.append(f"Vergeleken: **{_md(impact.base_label)}** (voor) met **{_md(impact.new_label)}** (na), op "
               f"{impact.passages} corpuspassages en {impact.documents} document(en).")
    out.append("")
    for line in _rule_change_lines(impact, code=True):
        label, rest = line.split(": ", 1)
        out.append(f"- **{label[0].upper() + label[1:]}:** {rest}")
    out += ["", "| Meldingen | Aantal |", "|---|---:|"]
    out += [f"| {KIND_NL[k]} | {impact.count(k)} |" for k in ("new", "gone", "changed")]
    per_rule = impact.per_rule()
    if per_rule:
        out += ["", "| Regel | Nieuw | Verdwenen | Gewijzigd |", "|---|---:|---:|---:|"]
        out += [f"| `{r}` | {c['new']} | {c['gone']} | {c['changed']} |" for r, c in sorted(per_rule.items())]
    if impact.base_report is not None:
        for title, rows in _score_tables(impact, ("Categorie", "Regel")):
            out += ["", f"| {title} | Precisie voor | Precisie na | Δ | Recall voor | Recall na | Δ | TP/FP/FN voor → na |",
                    "|---|---:|---:|---:|---:|---:|---:|---|"]
            for name, b, a in rows:
                pb, pa, pd = _fmt_pair(b, a, "precision")
                rb, ra, rd = _fmt_pair(b, a, "recall")
                out.append(f"| `{name}` | {pb} | {pa} | {pd} | {rb} | {ra} | {rd} | {_counts(b)} → {_counts(a)} |")
    if details and impact.changes:
        for kind in ("new", "gone", "changed"):
            items = [c for c in impact.changes if c.kind == kind]
            if not items:
                continue
            out += ["", f"<details><summary>{len(items)} {KIND_ADJ[kind]} melding(en)</summary>", ""]
            for c in items:
                line = f"- `{c.rule}` {_md(c.source)}: {_md(c.context)}"
                if kind == "changed":
                    line += f" — {_md('; '.join(c.what))}"
                elif kind == "new" and c.after.suggestions:
                    line += f" → '{_md(_first(c.after))}'"
                if c.verdict:
                    line += f" _({c.verdict})_"
                out.append(line)
            out += ["", "</details>"]
    if not impact.changes and not _rule_change_lines(impact, code=True):
        out += ["", "Geen verschil in meldingen."]
    return "\n".join(out) + "\n"


def temporary_dir():
    return tempfile.TemporaryDirectory(prefix="stigmacheck-basis-")
