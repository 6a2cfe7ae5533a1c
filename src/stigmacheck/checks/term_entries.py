"""Term rules compiled: the schema of a term entry, its derived forms and the stems the prefilter
looks for (used by the `term` kind in term.py, by `rules show` and by the rule linter)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stigmacheck.dutch import fold, noun_forms, plural, verb_forms
from stigmacheck.ruleset.schema import Field

REFLEXIVES = ["zich", "zichzelf", "me", "mezelf", "mij", "mijzelf", "je", "jezelf", "ons", "onszelf", "u", "uzelf"]
POSSESSIVES = {"zijn", "haar", "hun", "je", "jouw", "mijn", "uw", "ons", "onze", "het", "hun"}
CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]]")

ENTRY_FIELDS = {
    "noun": Field("str", doc="zelfstandig naamwoord in het enkelvoud"),
    "verb": Field("str", doc="werkwoord in de infinitief"),
    "phrase": Field("str", doc="woordgroep; alternatieven met |, bv. 'vrouw|vrouwen van lichte zeden'"),
    "head": Field("str", doc="bij een woordgroep: het woord dat verbuigt (meervoud, verkleinwoord)"),
    "plural": Field("str", doc="meervoud, als de standaardregel het fout heeft"),
    "diminutive": Field("str", doc="verkleinwoord, als de standaardregel het fout heeft"),
    "variants": Field("list", item=Field("str"), doc="andere spellingen met dezelfde vervanging"),
    "stem": Field("str", doc="werkwoord: stam (ik-vorm)"),
    "past": Field("str", doc="werkwoord: verleden tijd enkelvoud"),
    "part": Field("str", doc="werkwoord: voltooid deelwoord"),
    "object": Field("list", item=Field("str"), doc="werkwoord: woorden die erbij moeten staan (zich, lichaam)"),
    "compounds": Field("str", choices=("any", "head", "modifier", "none"), doc="ook in samenstellingen"),
    "modifier": Field("list", item=Field("str"), doc="vormen als eerste deel van een samenstelling (hoeren-)"),
    "replace": Field("str", doc="neutrale vervanging (woord of woordgroep); leeg of weg: geen vervanging"),
    "replace_head": Field("str", doc="bij een vervangende woordgroep: het woord dat verbuigt"),
    "replace_plural": Field("str"),
    "replace_modifier": Field("str", doc="vervanging als eerste deel van een samenstelling"),
    "replace_stem": Field("str"),
    "replace_past": Field("str"),
    "replace_part": Field("str"),
    "complement": Field("str", doc="werkwoord: woorden bij de vervanging, bv. 'als sekswerker'"),
    "compound_replace": Field("strmap", doc="samenstelling -> vervanging ('' = geen vervanging)"),
    "prefix_replace": Field("strmap", doc="eerste deel -> ander eerste deel, bv. 'ex-': 'oud-'"),
    "heads": Field("strmap", doc="samenstelling met de term vooraan: laatste deel -> vervanging van het hele woord, "
                                 "bv. 'klant': 'klant van sekswerkers' (meervoud en verkleinwoord worden afgeleid; "
                                 "'' = geen vervanging)"),
    "modifier_heads": Field("list", item=Field("str"), doc="laatste delen waarmee replace_modifier een woord vormt dat "
                                                           "redacteuren schrijven (sekswerk + beleid); bij andere delen "
                                                           "alleen een veilige vervanging als het woord in de woordenlijst staat"),
    "near_replace": Field("list", item=Field("map", fields={
        "near": Field("str", required=True, doc="woorden in dezelfde zin (a|b|@begrip)"),
        "also_near": Field("str", doc="en ook een van deze woorden in die zin"),
        "not_near": Field("str", doc="maar geen van deze woorden in die zin"),
        "replace": Field("str", required=True, doc="vervanging als een van die woorden er staat"),
        "replace_head": Field("str", doc="het woord van de vervanging dat verbuigt"),
        "replace_plural": Field("str", doc="meervoud van dat woord, als de standaardregel het fout heeft"),
    }), doc="een andere vervanging als de zin zegt wat er gebeurde ('aangehouden' -> verdachte)"),
    "fix": Field("str", choices=("safe", "unsafe"), doc="unsafe: deze term alleen als suggestie (dubbelzinnig)"),
    "message": Field("str", doc="eigen melding voor deze term ({text}, {suggestion}), bv. bij twee lezingen"),
    "suggestions": Field("list", item=Field("str"), doc="extra suggesties, onverbogen"),
    "topic": Field("str", doc="voor een woord met ook een gewone betekenis ('tippelen' is ook lopen): alleen "
                             "melden als een van deze woorden ergens in het document staat (a|b|@begrip|x*); "
                             "met ordinary alleen waar de term op de gewone betekenis lijkt"),
    "ordinary": Field("str", doc="bij topic: woorden die op de gewone betekenis wijzen ('naar huis'); staat er "
                                 "geen binnen zes woorden na de term, dan wordt die ook zonder topic gemeld"),
    "gender": Field("str", choices=("de", "het"), doc="lidwoord van de term (standaard de)"),
    "replace_gender": Field("str", choices=("de", "het"), doc="lidwoord van de vervanging (standaard de)"),
}

FIELDS = {
    "terms": Field("list", required=True, min_items=1, item=Field("map", fields=ENTRY_FIELDS)),
    "exceptions": Field("list", item=Field("str"), doc="woorden (met * als joker) die nooit gemeld worden"),
}

MIN_PREFIX = 2  # "ex-prostituee"
ORDINARY_WINDOW = 6  # words after a term in which an 'ordinary' cue counts
MIN_REST = 3  # "prostitutiewet"


@dataclass
class Entry:
    rule: object
    index: int
    kind: str  # noun, verb, phrase
    forms: dict[str, str]  # tag -> folded form (first spelling)
    all_forms: dict[str, str] = field(default_factory=dict)  # folded form -> tag, all spellings
    modifiers: list[str] = field(default_factory=list)
    compounds: str = "any"
    replace: dict[str, str] | None = None  # tag -> replacement
    replace_modifier: str | None = None
    complement: str = ""
    objects: list[str] = field(default_factory=list)
    phrase: list[set[str]] = field(default_factory=list)
    head_slot: int = -1
    compound_replace: dict[str, str] = field(default_factory=dict)
    modifier_heads: set[str] = field(default_factory=set)
    near_replace: list[tuple[dict, dict[str, str]]] = field(default_factory=list)  # (item, forms)
    safe: bool = True
    message: str | None = None
    prefix_replace: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    gender: str = "de"
    topic: object = None  # WordTest: the document must contain one of its words (set by TermChecker)
    ordinary: object = None  # WordTest: words pointing to the ordinary meaning (then the topic counts)
    replace_gender: str = "de"
    triggers: set[str] = field(default_factory=set)


def check_rule(rule):
    """Problems a schema cannot see; yields (line, field, message, hint)."""
    for i, entry in enumerate(rule.data["terms"]):
        kinds = [k for k in ("noun", "verb", "phrase") if k in entry]
        if len(kinds) != 1:
            yield (
                rule.line_of("terms", i),
                f"terms[{i}]",
                "elke term heeft precies één van noun, verb of phrase",
                "bv. 'noun: prostituee'",
            )
            continue
        if "verb" in entry and "stem" not in entry:
            yield (rule.line_of("terms", i), f"terms[{i}].stem", "een werkwoord heeft een stam nodig", "bv. stem: prostitueer")
        if "replace" in entry and "verb" in entry and "complement" not in entry and " " in entry["replace"]:
            yield (rule.line_of("terms", i, "replace"), f"terms[{i}].replace", "vervang een werkwoord door één werkwoord", "zet de rest in 'complement'")
        if "phrase" in entry and "head" in entry and entry["head"] not in entry["phrase"].replace("|", " ").split():
            yield (rule.line_of("terms", i, "head"), f"terms[{i}].head", f"'{entry['head']}' staat niet in de woordgroep", "")


def build_entries(rule) -> list[Entry]:
    out = []
    exceptions = [fold(e) for e in rule.data.get("exceptions", [])]
    for i, spec in enumerate(rule.data["terms"]):
        e = _build(rule, i, spec)
        e.exceptions = exceptions
        out.append(e)
    return out


def _build(rule, i: int, spec: dict) -> Entry:
    if "noun" in spec:
        base = noun_forms(spec["noun"], spec.get("plural"), spec.get("diminutive"))
        entry = Entry(rule, i, "noun", {t: fold(f) for t, f in base.items()})
        spellings = [base] + [noun_forms(v) for v in spec.get("variants", [])]
        for forms in spellings:
            for tag, form in forms.items():
                entry.all_forms.setdefault(fold(form), tag)
        entry.modifiers = [fold(m) for m in spec.get("modifier", [])] + [fold(spec["noun"])]
        entry.modifiers += [fold(v) for v in spec.get("variants", [])]
        entry.compounds = spec.get("compounds", "any")
    elif "verb" in spec:
        base = verb_forms(spec["verb"], spec["stem"], spec.get("past"), spec.get("part"))
        entry = Entry(rule, i, "verb", {t: fold(f) for t, f in base.items()})
        for tag, form in base.items():
            entry.all_forms.setdefault(fold(form), tag)
        entry.compounds = "none"
        entry.objects = [fold(o) for o in spec.get("object", [])]
    else:
        slots = [set(fold(alt) for alt in word.split("|")) for word in spec["phrase"].split()]
        head = spec.get("head")
        entry = Entry(rule, i, "phrase", {})
        if head:
            entry.head_slot = [w for w in spec["phrase"].split()].index(
                next(w for w in spec["phrase"].split() if head in w.split("|"))
            )
            forms = noun_forms(head, spec.get("plural"), spec.get("diminutive"))
            entry.forms = {t: fold(f) for t, f in forms.items()}
            slots[entry.head_slot] |= set(entry.forms.values())
        entry.phrase = slots
        entry.compounds = "none"
    entry.replace = _replacement(spec)
    if "replace_modifier" in spec:
        entry.replace_modifier = spec["replace_modifier"]
    elif entry.replace and " " not in entry.replace["sg" if "sg" in entry.replace else "inf"]:
        entry.replace_modifier = entry.replace.get("sg")
    entry.complement = spec.get("complement", "")
    for key, value in spec.get("compound_replace", {}).items():
        entry.compound_replace[fold(key)] = value
        if value and " " not in value:
            entry.compound_replace.setdefault(fold(plural(key)), plural(value))
    for head, value in spec.get("heads", {}).items():
        for modifier in entry.modifiers:
            for joint in ("", "-"):
                _head_forms(entry, modifier + joint + fold(head), value)
    entry.modifier_heads = {fold(h) for h in spec.get("modifier_heads", [])}
    for item in spec.get("near_replace", []):
        entry.near_replace.append((item, _replacement(dict(item, noun=True))))
    entry.safe = spec.get("fix", "safe") == "safe"
    entry.message = spec.get("message")
    entry.prefix_replace = {fold(k): v for k, v in spec.get("prefix_replace", {}).items()}
    entry.extra = list(spec.get("suggestions", []))
    entry.gender = spec.get("gender", "de")
    entry.replace_gender = spec.get("replace_gender", "de")
    entry.triggers = _triggers(entry, spec)
    return entry


def _head_forms(entry: Entry, word: str, value: str) -> None:
    """A curated compound and its plural: 'prostitutieklant' -> 'klant van sekswerkers',
    'prostitutieklanten' -> 'klanten van sekswerkers' (the first word of a phrase inflects)."""
    entry.compound_replace.setdefault(word, value)
    if not value:
        entry.compound_replace.setdefault(fold(plural(word)), "")
        return
    first, _, rest = value.partition(" ")
    entry.compound_replace.setdefault(fold(plural(word)), plural(first) + (" " + rest if rest else ""))


def _replacement(spec: dict) -> dict[str, str] | None:
    text = spec.get("replace")
    if not text:
        return None
    if "verb" in spec:
        stem = spec.get("replace_stem") or text[:-2]
        return verb_forms(text, stem, spec.get("replace_past"), spec.get("replace_part"))
    words = text.split()
    head = spec.get("replace_head") or (text if len(words) == 1 else None)
    if head is None:
        return {t: text for t in ("sg", "pl", "dim", "dimpl")}
    forms = noun_forms(head, spec.get("replace_plural"))
    forms["dim"], forms["dimpl"] = forms["sg"], forms["pl"]  # never suggest a diminutive
    return {t: text.replace(head, f, 1) for t, f in forms.items()}


def _triggers(entry: Entry, spec: dict) -> set[str]:
    """Short stems the prefilter searches for: the common start of each spelling's forms."""
    out = set()
    if entry.kind == "phrase":
        # the most specific word of the phrase: "zeden" in "vrouw van lichte zeden", not "vrouw"
        words = [w for w in spec["phrase"].split()]
        rare = max(words, key=lambda w: min(len(a) for a in w.split("|")))
        groups = [[fold(a)] for a in rare.split("|")]
        i = words.index(rare)
        if i > 0 and "|" not in rare and "|" not in words[i - 1]:
            groups = [[fold(words[i - 1] + " " + rare)]]  # "lichte zeden", "van plezier"
        if entry.head_slot >= 0 and min(len(a) for a in rare.split("|")) < 5:
            groups.append(list(entry.forms.values()))
    elif entry.kind == "verb" and entry.objects and not set(entry.objects) & set(REFLEXIVES):
        # "je lichaam verkopen": verb and object are both everyday words; together they are rare.
        # Object first ("haar lichaam verkopen", "lichaam te verkopen") or verb first
        # ("verkocht haar lichaam").
        stem = _common_prefix(list(entry.all_forms))
        forms = sorted(set(entry.all_forms))
        return (
            {f"{o} {stem}" for o in entry.objects}
            | {f"{o} te {stem}" for o in entry.objects}
            | {f"{v} {p} {o}" for v in forms for p in sorted(POSSESSIVES - {"het"}) for o in entry.objects}
        )
    else:
        groups = [[f for f, t in entry.all_forms.items()]] + [[m] for m in entry.modifiers]
    for group in groups:
        stem = _common_prefix(group)
        if len(stem) < 4:
            stem = min(group, key=len)
        out.add(stem)
    # split groups of different spellings so that each keeps a long stem
    if entry.kind == "noun" or (entry.kind == "verb" and not (entry.objects and not set(entry.objects) & set(REFLEXIVES))):
        for form in entry.all_forms:
            if not any(form.startswith(s) for s in out):
                out.add(form)
    return out


def _common_prefix(words: list[str]) -> str:
    if not words:
        return ""
    first, last = min(words), max(words)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def check_concepts(rule, concepts):
    """An unknown @begrip in a term's `topic` is reported at load time."""
    from stigmacheck.patterns import PatternError

    for i, entry in enumerate(rule.data["terms"]):
        for key in ("topic", "ordinary"):
            if key in entry:
                try:
                    concepts.test(entry[key])
                except PatternError as exc:
                    yield (rule.line_of("terms", i, key), f"terms[{i}].{key}", str(exc), "zie rules/_begrippen.yaml")


def conflicting_entries(rules) -> list[tuple]:
    """The same form claimed by two term rules: (rule, line, form, other rule)."""
    owner: dict[str, object] = {}
    out = []
    for rule in rules:
        if rule.kind != "term":
            continue
        for entry in build_entries(rule):
            for form in list(entry.all_forms) + [" ".join(sorted(s)[0] for s in entry.phrase)] * bool(entry.phrase):
                other = owner.get(form)
                if other is not None and other is not rule:
                    out.append((rule, rule.line_of("terms", entry.index), form, other))
                owner.setdefault(form, rule)
    return out

