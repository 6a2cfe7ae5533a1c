"""How a rule reads for reviewers: derived word forms, a terminal view (`rules show`) and the
generated Dutch rule reference (`rules docs OUT`, committed in docs/regels/).

Output is deterministic: rules sorted by id, no dates or absolute paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MARKER = "<!-- Gegenereerd door `stigmacheck rules docs docs/regels`; niet met de hand bewerken. -->"

CATEGORY_TITLES = {
    "term": "Woorden en uitdrukkingen",
    "conflation": "Sekswerk en mensenhandel door elkaar",
    "framing": "Sensationele framing",
    "imagery": "Beeldvorming",
    "balance": "Eenzijdigheid",
}
SEVERITY_NL = {"error": "fout", "warning": "waarschuwing", "suggestion": "suggestie", "info": "info"}
STATUS_NL = {
    "concept": "concept (nog niet vastgesteld)",
    "vastgesteld": "vastgesteld",
    "vervallen": "vervallen",
}
TAG_NL = {
    "sg": "enkelvoud",
    "pl": "meervoud",
    "dim": "verkleinwoord",
    "dimpl": "verkleinwoord meervoud",
    "inf": "infinitief",
    "stem": "ik-vorm",
    "sg3": "hij/zij-vorm",
    "past": "verleden tijd",
    "pastpl": "verleden tijd meervoud",
    "part": "voltooid deelwoord",
    "partadj": "voltooid deelwoord als bijvoeglijk naamwoord",
    "prespart": "tegenwoordig deelwoord",
    "prespartadj": "tegenwoordig deelwoord als bijvoeglijk naamwoord",
}
COMPOUNDS_NL = {
    "any": "ook in samenstellingen, vooraan en achteraan",
    "head": "ook als laatste deel van een samenstelling",
    "modifier": "ook als eerste deel van een samenstelling",
    "none": "alleen als los woord",
}


# --------------------------------------------------------------------------- word forms


@dataclass
class TermForms:
    """What the engine matches for one entry of a term rule, with the replacement per form."""

    index: int
    kind: str  # noun, verb, phrase
    term: str
    forms: list[tuple[str, str, str]] = field(default_factory=list)  # (label, form, replacement)
    compounds: str = ""
    modifiers: list[tuple[str, str]] = field(default_factory=list)  # (first part, replacement)
    compound_replace: list[tuple[str, str]] = field(default_factory=list)
    prefix_replace: list[tuple[str, str]] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def term_forms(rule) -> list[TermForms]:
    from stigmacheck.checks.term import build_entries
    from stigmacheck.dutch import inflect_like, noun_forms, verb_forms
    out = []
    for entry, spec in zip(build_entries(rule), rule.data["terms"]):
        kind = entry.kind
        term = spec.get(kind, "")
        tf = TermForms(entry.index, kind, term)
        replace = entry.replace or {}
        if kind == "noun":
            spellings = [noun_forms(spec["noun"], spec.get("plural"), spec.get("diminutive"))]
            spellings += [noun_forms(v) for v in spec.get("variants", [])]
        elif kind == "verb":
            spellings = [verb_forms(spec["verb"], spec["stem"], spec.get("past"), spec.get("part"))]
        else:
            spellings = [_phrase_forms(entry)]
        grouped: dict[str, list[str]] = {}
        first_tag: dict[str, str] = {}
        for forms in spellings:
            for tag, form in forms.items():
                tag = tag.split("#")[0]
                grouped.setdefault(form, [])
                if TAG_NL.get(tag, tag) not in grouped[form]:
                    grouped[form].append(TAG_NL.get(tag, tag))
                first_tag.setdefault(form, tag)
        for form, labels in grouped.items():
            new = inflect_like(replace, first_tag[form]) if replace else ""
            if new and entry.complement:
                new = f"{new} {entry.complement}"
            tf.forms.append((", ".join(labels), form, new))
        if kind == "noun":
            tf.compounds = COMPOUNDS_NL.get(entry.compounds, entry.compounds)
            if entry.compounds in ("any", "modifier"):
                mod_new = entry.replace_modifier or ""
                tf.modifiers = [(m + "-", (mod_new + "-") if mod_new else "") for m in dict.fromkeys(entry.modifiers)]
        else:
            tf.compounds = COMPOUNDS_NL["none"]
        tf.compound_replace = sorted((spec.get("compound_replace") or {}).items())
        tf.compound_replace += [(f"{spec['noun']}{head}", new) for head, new in sorted((spec.get("heads") or {}).items())]
        tf.prefix_replace = sorted((spec.get("prefix_replace") or {}).items())
        tf.objects = list(spec.get("object") or [])
        tf.extra = list(spec.get("suggestions") or [])
        out.append(tf)
    return out


def _phrase_forms(entry) -> dict[str, str]:
    """Each spelled-out phrase keyed by a tag, so it gets the replacement in the matching form."""
    from stigmacheck.ruleset.lint import phrase_variants

    out = {}
    for i, phrase in enumerate(phrase_variants(entry)):
        tag = "sg"
        if entry.head_slot >= 0:
            head = phrase.split()[entry.head_slot]
            tag = next((t for t, f in entry.forms.items() if f == head), "sg")
        out[f"{tag}#{i}"] = phrase
    return out


def kind_describer(rule):
    """A rule kind may offer `describe(rule) -> list[str]` (Markdown lines) for its own fields."""
    from stigmacheck.checks import KINDS

    return getattr(KINDS.get(rule.kind), "describe", None)


def _plain(value) -> str:
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)


def generic_lines(rule, ruleset=None, md: bool = True) -> list[str]:
    """The kind-specific fields as a bullet list, for kinds without a describer; @concepts spelled out."""
    import re

    code = (lambda v: f"`{v}`") if md else (lambda v: str(v))
    out = []
    for key, value in rule.data.items():
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            out.append(f"- {code(key)}:")
            for item in value:
                if isinstance(item, dict):
                    out.append("  - " + "; ".join(f"{k}: {code(_plain(v))}" for k, v in item.items()))
                else:
                    out.append(f"  - {code(_plain(item))}")
        else:
            out.append(f"- {code(key)}: {code(_plain(value))}")
    concepts = getattr(ruleset, "concepts", None) or {}
    used = sorted(set(re.findall(r"@([\w-]+)", str(rule.data))) & set(concepts))
    if used:
        out.append("- begrippen (uit `rules/_begrippen.yaml`):" if md else "- begrippen (uit rules/_begrippen.yaml):")
        out += [f"  - @{name}: {', '.join(concepts[name])}" for name in used]
    return out


# --------------------------------------------------------------------------- terminal view


def rule_text(rule, ruleset=None) -> str:
    """`stigmacheck rules show ID`."""
    lines = [f"{rule.id}  ({rule.category}, {SEVERITY_NL.get(rule.severity, rule.severity)}, {rule.status})"]
    if rule.summary:
        lines.append(f"  {rule.summary}")
    lines.append(f"  bestand: {rule.path}:{rule.line}")
    lines.append("")
    lines += _section("Melding", [rule.message])
    lines += _section("Waarom", [rule.rationale])
    lines += _section("Bronnen", [f"- {s}" for s in rule.sources])
    if rule.kind == "term":
        body = []
        for tf in term_forms(rule):
            body += _term_text(tf)
        exceptions = rule.data.get("exceptions") or []
        if exceptions:
            body.append(f"nooit gemeld (uitzonderingen): {', '.join(exceptions)}")
        lines += _section("Wat de controle vindt (alle vormen worden afgeleid)", body)
    else:
        describe = kind_describer(rule)
        body = describe(rule) if describe else generic_lines(rule, ruleset, md=False)
        lines += _section("Wat de controle zoekt", body)
    flag = []
    for ex in rule.flag_examples:
        flag.append(f"- {ex.text}")
        if ex.span:
            flag.append(f"    gemeld: {ex.span}")
        if ex.suggestion is not None:
            flag.append(f"    suggestie: {ex.suggestion!r}" if ex.suggestion else "    zonder suggestie")
    lines += _section("Voorbeelden die gemeld worden", flag)
    lines += _section("Voorbeelden die niet gemeld worden", [f"- {t}" for t in (e.text for e in rule.pass_examples)])
    lines += _section("Levensloop", _lifecycle(rule, ruleset))
    return "\n".join(lines).rstrip() + "\n"


def _section(title: str, body: list[str]) -> list[str]:
    if not body:
        return []
    return [f"{title}:"] + [f"  {line}" for b in body for line in b.splitlines()] + [""]


def _term_text(tf: TermForms) -> list[str]:
    kind = {"noun": "zelfstandig naamwoord", "verb": "werkwoord", "phrase": "woordgroep"}[tf.kind]
    out = [f"terms[{tf.index}] {tf.term} ({kind}; {tf.compounds})"]
    if tf.objects:
        out.append(f"    alleen samen met: {', '.join(tf.objects)}")
    width = max((len(f) for _, f, _ in tf.forms), default=0)
    for label, form, new in tf.forms:
        out.append(f"    {form:{width}}  -> {new or '(geen vervanging)'}   [{label}]")
    for mod, new in tf.modifiers:
        out.append(f"    {mod:{width}}  -> {new or '(geen vervanging)'}   [eerste deel van een samenstelling]")
    for word, new in tf.compound_replace:
        out.append(f"    {word:{width}}  -> {new or '(geen vervanging)'}   [vaste samenstelling]")
    for prefix, new in tf.prefix_replace:
        out.append(f"    {prefix}...  -> {new}...   [voorvoegsel]")
    if tf.extra:
        out.append(f"    extra suggesties: {', '.join(tf.extra)}")
    return out


def _lifecycle(rule, ruleset) -> list[str]:
    out = [f"status: {STATUS_NL.get(rule.status, rule.status)}"]
    if rule.replaced_by:
        out.append(f"vervangen door: {rule.replaced_by}")
    if rule.aliases:
        out.append(f"oude ids (blijven werken): {', '.join(rule.aliases)}")
    if ruleset is not None:
        old = sorted(r.id for r in ruleset.rules if r.replaced_by == rule.id)
        if old:
            out.append(f"vervangt: {', '.join(old)} (die ids verwijzen nu naar deze regel)")
    out.append(f"beoordeeld door: {rule.reviewed_by or '(nog niet ingevuld)'}")
    out.append(f"beoordeeld op: {rule.reviewed_on or '(nog niet ingevuld)'}")
    if rule.since:
        out.append(f"sinds versie: {rule.since}")
    out.append(f"automatisch herstel: {'ja' if rule.fix == 'safe' else 'nee, alleen na controle'}")
    return out


# --------------------------------------------------------------------------- Markdown reference


def _cell(text) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def anchor(rule_id: str) -> str:
    """The heading anchor GitHub and most Markdown renderers make for a rule id."""
    return "".join(c for c in rule_id.lower() if c.isalnum() or c in "-_ ").replace(" ", "-")


def shown_path(rule, roots: list[tuple[Path, str]]) -> str:
    """The rule file relative to the rules folder it came from, e.g. rules/term/hoer.yaml."""
    path = Path(rule.path).resolve()
    for root, label in roots:
        try:
            return f"{label}/{path.relative_to(root.resolve()).as_posix()}"
        except ValueError:
            continue
    return path.name


def rule_markdown(rule, ruleset, roots) -> list[str]:
    out = [f"## {rule.id}", ""]
    if rule.summary:
        out += [f"_{_cell(rule.summary)}_", ""]
    rows = [
        ("Ernst", f"{SEVERITY_NL.get(rule.severity, rule.severity)} (`{rule.severity}`)"),
        ("Status", STATUS_NL.get(rule.status, rule.status)),
    ]
    if rule.replaced_by:
        rows.append(("Vervangen door", f"[{rule.replaced_by}](#{anchor(rule.replaced_by)})"))
    old = sorted(r.id for r in ruleset.rules if r.replaced_by == rule.id)
    if old:
        rows.append(("Vervangt", ", ".join(f"`{o}`" for o in old)))
    if rule.aliases:
        rows.append(("Oude ids", ", ".join(f"`{a}`" for a in rule.aliases)))
    rows.append(("Beoordeeld", _reviewed(rule)))
    if rule.since:
        rows.append(("Sinds versie", rule.since))
    rows.append(("Automatisch herstel", "ja" if rule.fix == "safe" else "nee, alleen na controle"))
    rows.append(("Bestand", f"`{shown_path(rule, roots)}`"))
    out += ["| | |", "|---|---|"] + [f"| {k} | {_cell(v)} |" for k, v in rows] + [""]
    out += ["**Melding**", "", f"> {_cell(rule.message)}", ""]
    out += ["**Waarom**", "", rule.rationale, ""]
    out += ["**Bronnen**", ""] + [f"- {_cell(s)}" for s in rule.sources] + [""]
    if rule.kind == "term":
        out += _term_markdown(rule)
    else:
        describe = kind_describer(rule)
        out += ["**Wat de controle zoekt**", ""]
        out += describe(rule) if describe else generic_lines(rule, ruleset)
        out.append("")
    out += ["**Voorbeelden die gemeld worden**", "", "| Tekst | Gemeld | Verwachte suggestie |", "|---|---|---|"]
    for ex in rule.flag_examples:
        suggestion = "—" if ex.suggestion is None else (f"{_cell(ex.suggestion)}" if ex.suggestion else "(geen)")
        out.append(f"| {_cell(ex.text)} | {_cell(ex.span) if ex.span else '(wat de regel vindt)'} | {suggestion} |")
    out += ["", "**Voorbeelden die niet gemeld worden**", ""]
    out += [f"- {_cell(ex.text)}" for ex in rule.pass_examples] + [""]
    return out


def _reviewed(rule) -> str:
    if not (rule.reviewed_by or rule.reviewed_on):
        return "nog niet ingevuld"
    return f"door {rule.reviewed_by or '?'} op {rule.reviewed_on or '?'}"


def _term_markdown(rule) -> list[str]:
    out = ["**Vormen die gevonden worden** (afgeleid uit de woordenboekvorm)", ""]
    for tf in term_forms(rule):
        kind = {"noun": "zelfstandig naamwoord", "verb": "werkwoord", "phrase": "woordgroep"}[tf.kind]
        line = f"- `{tf.term}` — {kind}; {tf.compounds}"
        if tf.objects:
            line += f"; alleen samen met: {', '.join(tf.objects)}"
        out.append(line)
        rows = [(form, new or "(geen vervanging)", label) for label, form, new in tf.forms]
        rows += [(m, new or "(geen vervanging)", "eerste deel van een samenstelling") for m, new in tf.modifiers]
        rows += [(w, new or "(geen vervanging)", "vaste samenstelling") for w, new in tf.compound_replace]
        rows += [(f"{p}…", f"{new}…", "voorvoegsel") for p, new in tf.prefix_replace]
        if rows:
            out += ["", "  | Vorm | Vervanging | Soort |", "  |---|---|---|"]
            out += [f"  | {_cell(a)} | {_cell(b)} | {_cell(c)} |" for a, b, c in rows]
            out.append("")
        if tf.extra:
            out.append(f"  - extra suggesties: {', '.join(tf.extra)}")
    exceptions = rule.data.get("exceptions") or []
    if exceptions:
        out.append(f"- nooit gemeld (uitzonderingen): {', '.join(f'`{e}`' for e in exceptions)}")
    return out + [""]


def index_markdown(ruleset) -> list[str]:
    rules = sorted(ruleset.rules, key=lambda r: r.id)
    out = [MARKER, "", "# Regels van stigmacheck", ""]
    out += [
        "Dit overzicht wordt gemaakt uit de regelbestanden in `rules/`. Wijzig een regel in zijn",
        "YAML-bestand en maak dit overzicht opnieuw met `stigmacheck rules docs docs/regels`.",
        "Uitleg voor reviewers: [handleiding voor reviewers](../handleiding-reviewers.md);",
        "alle velden van een regelbestand: [velden.md](velden.md).",
        "",
    ]
    counts = {}
    for r in rules:
        counts.setdefault(r.category, {}).setdefault(r.status, 0)
        counts[r.category][r.status] += 1
    out += ["| Categorie | Regels | Vastgesteld | Concept | Vervallen |", "|---|---|---|---|---|"]
    for cat in _categories(rules):
        c = counts[cat]
        out.append(
            f"| [{CATEGORY_TITLES.get(cat, cat)}]({cat}.md) (`{cat}`) | {sum(c.values())} | {c.get('vastgesteld', 0)} "
            f"| {c.get('concept', 0)} | {c.get('vervallen', 0)} |"
        )
    out += ["", "## Alle regels", "", "| Regel | Categorie | Ernst | Status | Samenvatting |", "|---|---|---|---|---|"]
    for r in rules:
        status = r.status + (f" → `{r.replaced_by}`" if r.replaced_by else "")
        out.append(
            f"| [{r.id}]({r.category}.md#{anchor(r.id)}) | {r.category} | {SEVERITY_NL.get(r.severity, r.severity)} "
            f"| {_cell(status)} | {_cell(r.summary)} |"
        )
    return out + [""]


def _categories(rules) -> list[str]:
    from stigmacheck.findings import CATEGORIES

    present = {r.category for r in rules}
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


def category_markdown(category: str, ruleset, roots) -> list[str]:
    rules = sorted((r for r in ruleset.rules if r.category == category), key=lambda r: r.id)
    out = [MARKER, "", f"# {CATEGORY_TITLES.get(category, category)} (`{category}`)", ""]
    out += ["[Terug naar het overzicht](index.md)", ""]
    out += [f"- [{r.id}](#{anchor(r.id)}){' — ' + _cell(r.summary) if r.summary else ''}" for r in rules] + [""]
    for rule in rules:
        out += rule_markdown(rule, ruleset, roots)
    return out


# --------------------------------------------------------------------------- field reference


def fields_markdown() -> list[str]:
    """Every field of a rule file, from the schema declarations (ruleset/schema.py, checks/*.py)."""
    from stigmacheck.checks import KINDS
    from stigmacheck.ruleset.schema import COMMON_FIELDS

    out = [MARKER, "", "# Velden van een regelbestand", ""]
    out += [
        "Elke regel staat in een eigen YAML-bestand in `rules/<categorie>/`. Deze tabellen worden",
        "gemaakt uit de schema's in de code, dus ze kloppen altijd met wat `stigmacheck rules validate`",
        "controleert. Uitleg en voorbeelden: [handleiding voor reviewers](../handleiding-reviewers.md).",
        "",
        "## Velden die elke regel heeft",
        "",
    ]
    out += _field_table(COMMON_FIELDS)
    for kind in sorted(KINDS):
        out += ["", f"## Extra velden voor `{kind}`-regels", ""]
        out += _field_table(KINDS[kind].FIELDS)
    return out + [""]


def _field_table(fields: dict) -> list[str]:
    rows: list[tuple] = []
    _collect(fields, "", rows)
    out = ["| Veld | Type | Verplicht | Toegestane waarden | Uitleg |", "|---|---|---|---|---|"]
    out += [f"| `{name}` | {t} | {'ja' if req else ''} | {_cell(choices)} | {_cell(doc)} |" for name, t, req, choices, doc in rows]
    return out


def _collect(fields: dict, prefix: str, rows: list) -> None:
    from stigmacheck.ruleset.schema import TYPE_NAMES

    for name, spec in fields.items():
        full = f"{prefix}{name}"
        type_name = TYPE_NAMES.get(spec.type, spec.type)
        item = spec.item
        if spec.type == "list" and item is not None:
            type_name = f"lijst van {TYPE_NAMES.get(item.type, item.type)}"
        choices = ", ".join(spec.choices) if spec.choices else ""
        if spec.pattern:
            choices = (choices + " " if choices else "") + "zoals `term.voorbeeld` (kleine letters, punten)"
        doc = spec.doc
        if spec.min_items:
            doc = (doc + "; " if doc else "") + f"minstens {spec.min_items}"
        rows.append((full, type_name, spec.required, choices, doc))
        if spec.type == "map" and spec.fields:
            _collect(spec.fields, f"{full}.", rows)
        if item is not None and item.type == "map" and item.fields:
            _collect(item.fields, f"{full}[].", rows)


# --------------------------------------------------------------------------- writing


def render_all(ruleset, roots) -> dict[str, str]:
    """File name -> content of the whole reference."""
    files = {"index.md": index_markdown(ruleset), "velden.md": fields_markdown()}
    for cat in _categories(ruleset.rules):
        files[f"{cat}.md"] = category_markdown(cat, ruleset, roots)
    return {name: "\n".join(lines).rstrip() + "\n" for name, lines in files.items()}


def write_docs(ruleset, out_dir: Path, roots) -> tuple[list[str], list[str]]:
    """Write the reference; remove generated pages that no longer belong. Returns (written, removed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = render_all(ruleset, roots)
    removed = []
    for old in sorted(out_dir.glob("*.md")):
        if old.name not in files and old.read_text(encoding="utf-8").startswith(MARKER):
            old.unlink()
            removed.append(old.name)
    for name, text in sorted(files.items()):
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
    return sorted(files), removed
