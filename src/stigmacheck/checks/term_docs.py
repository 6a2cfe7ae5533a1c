"""The term kind as reviewers read it: every derived word form with its replacement, for
`rules show` (describe_text) and the generated rule reference (describe)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    from stigmacheck.checks.term_lint import phrase_variants

    out = {}
    for i, phrase in enumerate(phrase_variants(entry)):
        tag = "sg"
        if entry.head_slot >= 0:
            head = phrase.split()[entry.head_slot]
            tag = next((t for t, f in entry.forms.items() if f == head), "sg")
        out[f"{tag}#{i}"] = phrase
    return out


def describe_text(rule) -> tuple[str, list[str]]:
    """(section title, lines) for `stigmacheck rules show`."""
    body = []
    for tf in term_forms(rule):
        body += _term_text(tf)
    exceptions = rule.data.get("exceptions") or []
    if exceptions:
        body.append(f"nooit gemeld (uitzonderingen): {', '.join(exceptions)}")
    return "Wat de controle vindt (alle vormen worden afgeleid)", body


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


def describe(rule) -> list[str]:
    from stigmacheck.curation.docs import cell

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
            out += [f"  | {cell(a)} | {cell(b)} | {cell(c)} |" for a, b, c in rows]
            out.append("")
        if tf.extra:
            out.append(f"  - extra suggesties: {', '.join(tf.extra)}")
    exceptions = rule.data.get("exceptions") or []
    if exceptions:
        out.append(f"- nooit gemeld (uitzonderingen): {', '.join(f'`{e}`' for e in exceptions)}")
    return out + [""]
