"""`stigmacheck rules validate`: everything the loader checks, plus problems a schema cannot see.

Each problem names file, line and field and carries a hint how to fix it, in Dutch or English.
The loader's own messages are Dutch; `translate` maps the common ones to English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from stigmacheck.checks import KINDS

FIELD_DOCS = "docs/regels/velden.md"


@dataclass
class Problem:
    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    level: str = "error"  # "error" or "warning"

    def render(self, lang: str = "nl") -> str:
        label = {"nl": {"error": "fout", "warning": "waarschuwing"}, "en": {"error": "error", "warning": "warning"}}
        where = f" ({self.field})" if self.field else ""
        out = f"{self.path}:{self.line}: {label[lang][self.level]}{where}: {self.message}"
        if self.hint:
            out += f"\n    {'tip' if lang == 'nl' else 'hint'}: {self.hint}"
        return out


# --------------------------------------------------------------------------- messages of our own checks

MESSAGES = {
    "blank_source": (
        "bron {n} is leeg",
        "source {n} is empty",
        "noem de wet, het Kamerstuk, de organisatie of de publicatie waarop de regel steunt",
        "name the law, parliamentary paper, organisation or publication the rule rests on",
    ),
    "replaced_not_deprecated": (
        "replaced_by staat er, maar de status is '{status}'",
        "replaced_by is set but the status is '{status}'",
        "zet 'status: vervallen' als deze regel is vervangen, of haal replaced_by weg",
        "set 'status: vervallen' if this rule was replaced, or remove replaced_by",
    ),
    "replaced_by_self": (
        "de regel vervangt zichzelf",
        "the rule replaces itself",
        "noem bij replaced_by de id van de nieuwe regel",
        "put the id of the new rule in replaced_by",
    ),
    "replacement_cycle": (
        "replaced_by vormt een kring: {chain}",
        "replaced_by forms a cycle: {chain}",
        "de laatste regel in de keten moet een actieve regel zijn",
        "the last rule in the chain must be an active rule",
    ),
    "deprecated_without_replacement": (
        "vervallen regel zonder replaced_by",
        "deprecated rule without replaced_by",
        "noem de regel die het overneemt, dan blijven configuraties en onderdrukkingen met deze id werken",
        "name the rule that takes over, so configurations and suppressions that use this id keep working",
    ),
    "not_reviewed": (
        "vastgestelde regel zonder {missing}",
        "approved rule without {missing}",
        "vul reviewed_by (naam of groep) en reviewed_on (JJJJ-MM-DD) in, of zet 'status: concept'",
        "fill in reviewed_by (name or group) and reviewed_on (YYYY-MM-DD), or set 'status: concept'",
    ),
    "no_example_finds": (
        "geen enkel flag-voorbeeld geeft een melding van deze regel: de regel vindt niets",
        "no flag example produces a finding of this rule: the rule finds nothing",
        "controleer de spelling van de termen en patronen; `stigmacheck rules test` toont per voorbeeld wat eruit komt",
        "check the spelling of the terms and patterns; `stigmacheck rules test` shows what each example gives",
    ),
    "term_never_found": (
        "de term '{term}' wordt nooit gevonden, ook niet in de eenvoudigste zin ('{sample}')",
        "the term '{term}' is never found, not even in the simplest sentence ('{sample}')",
        "controleer de spelling, 'compounds' en 'exceptions'; `stigmacheck rules show {rule}` toont de vormen",
        "check the spelling, 'compounds' and 'exceptions'; `stigmacheck rules show {rule}` lists the forms",
    ),
    "term_without_example": (
        "geen flag-voorbeeld met de term '{term}'",
        "no flag example uses the term '{term}'",
        "voeg onder examples.flag een zin met '{term}' toe, met de verwachte suggestie",
        "add a sentence with '{term}' under examples.flag, with the expected suggestion",
    ),
    "exception_hides_term": (
        "uitzondering '{pattern}' past op de term '{form}' zelf: die wordt nooit gemeld",
        "exception '{pattern}' matches the term '{form}' itself: it is never reported",
        "maak het patroon specifieker (het hele woord van de uitzondering), of haal de term weg",
        "make the pattern more specific (the whole word of the exception), or remove the term",
    ),
    "phrase_in_two_rules": (
        "'{form}' staat ook in regel {other} ({where})",
        "'{form}' is also in rule {other} ({where})",
        "een uitdrukking hoort bij één regel",
        "an expression belongs to one rule",
    ),
    "gender_needed": (
        "'{term}' heeft een vervanging maar geen {missing}",
        "'{term}' has a replacement but no {missing}",
        "zet 'gender: de' of 'gender: het' (lidwoord van de term) en 'replace_gender' (lidwoord van de vervanging); "
        "zonder lidwoord kan fix 'het' en 'de' niet aanpassen en schrijft het bv. 'het werkruimte'",
        "set 'gender: de' or 'gender: het' (article of the term) and 'replace_gender' (article of the replacement); "
        "without it fix cannot change the article and writes e.g. 'het werkruimte'",
    ),
    "duplicate_in_rule": (
        "'{form}' staat twee keer in deze regel (ook in terms[{first}])",
        "'{form}' appears twice in this rule (also in terms[{first}])",
        "haal een van de twee weg",
        "remove one of the two",
    ),
}


def problem(key: str, lang: str, path: str, line: int, field: str, level: str = "error", **values) -> Problem:
    nl, en, hint_nl, hint_en = MESSAGES[key]
    msg, hint = (nl, hint_nl) if lang == "nl" else (en, hint_en)
    return Problem(path, line, field, msg.format(**values), hint.format(**values), level)


# --------------------------------------------------------------------------- loader messages

# (Dutch pattern, English template, Dutch hint, English hint). Hints apply when the loader gave none.
LOADER = [
    (r"ongeldige YAML: (.*)", r"invalid YAML: \1",
     "controleer inspringing (spaties, geen tabs), dubbele punten en aanhalingstekens op deze regel en de regel erboven",
     "check indentation (spaces, no tabs), colons and quotes on this line and the line above"),
    (r"onbekend veld '(.*)'", r"unknown field '\1'", f"zie {FIELD_DOCS} voor alle velden", f"see {FIELD_DOCS} for all fields"),
    (r"verplicht veld '(.*)' ontbreekt", r"required field '\1' is missing",
     f"voeg '\\1:' toe; zie {FIELD_DOCS}", f"add '\\1:'; see {FIELD_DOCS}"),
    (r"verwacht (.*), gevonden (.*)", r"expected \1, found \2",
     f"zie {FIELD_DOCS} voor het type van elk veld", f"see {FIELD_DOCS} for the type of each field"),
    (r"ongeldige waarde (.*)", r"invalid value \1", "", ""),
    (r"minstens (\d+) item\(s\) nodig", r"at least \1 item(s) needed", "voeg items toe aan de lijst", "add items to the list"),
    (r"mag niet leeg zijn", "must not be empty", "vul een waarde in", "fill in a value"),
    (r"id '(.*)' wordt al gebruikt in (.*)", r"id '\1' is already used in \2", "", ""),
    (r"'(.*)' staat ook in regel (.*)", r"'\1' is also in rule \2", "", ""),
    (r"onbekende regel '(.*)'", r"unknown rule '\1'",
     "gebruik de id van een bestaande regel (`stigmacheck rules list`)", "use the id of an existing rule (`stigmacheck rules list`)"),
    (r"onbekende soort regel (.*)", r"unknown rule kind \1",
     "kies een categorie uit: term, conflation, framing, imagery, balance", "choose a category: term, conflation, framing, imagery, balance"),
    (r"regelmap bestaat niet", "rules folder does not exist", "controleer het pad", "check the path"),
    (r"sleutel '(.*)' staat er twee keer", r"key '\1' appears twice", "haal een van de twee weg", "remove one of the two"),
    (r"kan het bestand niet lezen: (.*)", r"cannot read the file: \1",
     "sla het bestand op als UTF-8", "save the file as UTF-8"),
    (r"een regelbestand bevat één regel.*", "a rule file holds one rule: keys such as id, category, message",
     "begin met 'id: term.voorbeeld' op de eerste regel", "start with 'id: term.example' on the first line"),
    (r"de meegeleverde regels zijn niet gevonden", "the shipped rules were not found", "", ""),
]
HINTS = [
    (r"bedoelde u '(.*)'\?", r"did you mean '\1'?"),
    (r"toegestaan: (.*)", r"allowed: \1"),
    (r"kies uit: (.*)", r"choose from: \1"),
    (r"moet passen bij (.*)", r"must match \1"),
    (r"elke id en alias moet uniek zijn", "every id and alias must be unique"),
    (r"een uitdrukking hoort bij één regel", "an expression belongs to one rule"),
]
WORDS = {
    "tekst": "text", "geheel getal": "integer", "getal": "number", "true of false": "true or false", "lijst": "list",
    "sleutels met waarden": "a mapping", "sleutels met tekstwaarden": "a mapping of texts", "datum (JJJJ-MM-DD)": "date (YYYY-MM-DD)",
}


def from_schema_error(err, lang: str = "nl") -> Problem:
    message, hint = err.message, err.hint
    for pattern, english, hint_nl, hint_en in LOADER:
        m = re.fullmatch(pattern, message)
        if not m:
            continue
        if lang == "en":
            message = m.expand(english)
            for nl, en in WORDS.items():
                message = message.replace(f"expected {nl},", f"expected {en},")
        if not hint:
            hint = m.expand(hint_nl if lang == "nl" else hint_en)
        break
    if lang == "en" and err.hint:
        for pattern, english in HINTS:
            m = re.fullmatch(pattern, err.hint)
            if m:
                hint = m.expand(english)
                break
    return Problem(err.path, err.line, err.field, message, hint)


# --------------------------------------------------------------------------- validation


@dataclass
class Result:
    problems: list[Problem]
    ruleset: object | None  # what loaded (partially, when there were load errors)
    checked: list  # the rules inside the validated path

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]


def within(rule, target: Path) -> bool:
    path = Path(rule.path).resolve()
    target = target.resolve()
    return path == target or target in path.parents


def validate_path(target: Path, extra=(), include_default: bool = True, lang: str = "nl",
                  run_examples: bool = True) -> Result:
    """Load `target` (a rules folder or one file) with the shipped rules and `extra` folders; report
    load errors anywhere and deeper problems in the rules under `target`."""
    from stigmacheck.ruleset.loader import RuleSetError, default_rules_dir, load_ruleset

    folders = [Path(p) for p in extra]
    shipped = _shipped(default_rules_dir)
    if include_default and shipped is not None and (target.resolve() == shipped or shipped in target.resolve().parents):
        include_default = False  # the shipped folder itself (or a file in it) is the default set
    try:
        ruleset = load_ruleset(folders + [target], include_default=include_default)
        problems: list[Problem] = []
    except RuleSetError as exc:
        ruleset = exc.partial
        problems = [from_schema_error(e, lang) for e in exc.errors]
    if ruleset is None:
        return Result(problems, None, [])
    checked = [r for r in ruleset.rules if within(r, target)]
    problems += lint_rules(checked, ruleset, lang, run_examples)
    problems.sort(key=lambda p: (p.path, p.line, p.level != "error", p.field))
    return Result(problems, ruleset, checked)


def _shipped(default_rules_dir) -> Path | None:
    try:
        return default_rules_dir().resolve()
    except Exception:  # noqa: BLE001 - no shipped rules: nothing to exclude
        return None


def lint_rules(rules, ruleset, lang: str = "nl", run_examples: bool = True) -> list[Problem]:
    out: list[Problem] = []
    for rule in rules:
        out += _lifecycle(rule, ruleset, lang)
        for i, source in enumerate(rule.sources):
            if not str(source).strip():
                out.append(problem("blank_source", lang, rule.path, rule.line_of("sources", i), f"sources[{i}]", n=i + 1))
        kind = KINDS.get(rule.kind)
        if kind is not None and kind.lint is not None:
            out += kind.lint(rule, ruleset, lang)
    if run_examples and rules:
        out += _examples(rules, ruleset, lang)
    return out


def _lifecycle(rule, ruleset, lang: str) -> list[Problem]:
    out = []
    if rule.replaced_by:
        line = rule.line_of("replaced_by")
        if rule.replaced_by == rule.id:
            out.append(problem("replaced_by_self", lang, rule.path, line, "replaced_by"))
        elif rule.status != "vervallen":
            out.append(problem("replaced_not_deprecated", lang, rule.path, line, "replaced_by", status=rule.status))
        else:
            chain, current = [rule.id], ruleset.by_id.get(rule.replaced_by)
            while current is not None and current.replaced_by:
                if current.id in chain:
                    out.append(problem("replacement_cycle", lang, rule.path, line, "replaced_by",
                                        chain=" -> ".join(chain + [current.id])))
                    break
                chain.append(current.id)
                current = ruleset.by_id.get(current.replaced_by)
    elif rule.status == "vervallen":
        out.append(problem("deprecated_without_replacement", lang, rule.path, rule.line_of("status"), "status", "warning"))
    if rule.status == "vastgesteld":
        missing = [f for f in ("reviewed_by", "reviewed_on") if not getattr(rule, f)]
        if missing:
            out.append(problem("not_reviewed", lang, rule.path, rule.line_of("status"), "status", "warning",
                                missing=(" en " if lang == "nl" else " and ").join(missing)))
    return out


def _examples(rules, ruleset, lang: str) -> list[Problem]:
    from stigmacheck.curation.examples import run_examples
    from stigmacheck.patterns import PatternError

    out = []
    try:
        results = run_examples(ruleset.select(), [r for r in rules if r.active])  # deprecated rules are off, as in use
    except PatternError:  # a pattern that does not compile is already reported with its file and line
        return out
    for rule in rules:
        flags = [r for r in results if r.rule is rule and r.kind == "flag"]
        if flags and all(r.got == "geen melding" for r in flags):
            out.append(problem("no_example_finds", lang, rule.path, rule.line_of("examples", "flag"), "examples.flag"))
        elif rule.active and KINDS.get(rule.kind) is not None and KINDS[rule.kind].lint_examples is not None:
            out += KINDS[rule.kind].lint_examples(rule, ruleset, lang)
    return out


