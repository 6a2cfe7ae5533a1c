"""Load and validate rule folders into a RuleSet."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from stigmacheck.ruleset.model import Example, Rule
from stigmacheck.ruleset.schema import COMMON_FIELDS, Field, SchemaError, validate

NAMES_FILE = "_namen.yaml"
CONCEPTS_FILE = "_begrippen.yaml"
CONCEPTS_FIELDS = {
    "begrippen": Field("map", required=True, doc="naam -> lijst woorden (met * als joker); regels verwijzen met @naam"),
}
NAMES_FIELDS = {
    "namen": Field("list", required=True, item=Field("str"), doc="namen en titels die nooit gemeld worden"),
}


class RuleSetError(Exception):
    """One or more rule files are invalid; `errors` lists each problem with file and line."""

    def __init__(self, errors: list[SchemaError], partial: "RuleSet | None" = None):
        self.errors = errors
        self.partial = partial  # the rules that did load, for tools that report more than load errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class RuleSet:
    rules: list[Rule]
    names: list[str] = field(default_factory=list)
    version: str = ""
    concepts: dict[str, list[str]] = field(default_factory=dict)
    _checkers: list | None = field(default=None, repr=False)

    def __post_init__(self):
        self.by_id = {}
        for rule in self.rules:
            self.by_id[rule.id] = rule
            for alias in rule.aliases:
                self.by_id.setdefault(alias, rule)

    def resolve(self, name: str) -> Rule | None:
        """A rule by id or alias; a deprecated rule resolves to its replacement."""
        rule = self.by_id.get(name)
        seen = set()
        while rule is not None and rule.replaced_by and rule.id not in seen:
            seen.add(rule.id)
            rule = self.by_id.get(rule.replaced_by, rule)
        return rule

    def select(self, select=(), ignore=(), only_approved=False) -> "RuleSet":
        """The subset of rules chosen by ids, aliases or categories."""

        def matches(rule: Rule, names) -> bool:
            return any(n == rule.category or self.resolve(n) is rule or n == rule.id for n in names)

        chosen = [
            r
            for r in self.rules
            if r.active
            and (not select or matches(r, select))
            and not matches(r, ignore)
            and not (only_approved and r.status == "concept")
        ]
        sub = RuleSet(chosen, self.names, self.version, self.concepts)
        sub.by_id = self.by_id
        return sub

    @property
    def checkers(self) -> list:
        if self._checkers is None:
            from stigmacheck.checks import compile_checkers

            self._checkers = compile_checkers(self)
        return self._checkers


def default_rules_dir() -> Path:
    """rules/ inside the installed package, or the source tree's rules/ in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleSetError([SchemaError(str(here / "rules"), 1, "", "de meegeleverde regels zijn niet gevonden")])


def working_rules_dir(start: Path | None = None) -> Path | None:
    """The rules/ folder of a stigmacheck checkout that holds `start` (default: the working
    directory): a folder with a pyproject.toml whose project is stigmacheck and a rules/ folder
    with _namen.yaml next to it, searched upward. The reviewers' commands work on these rules, not
    on an installed copy that may be older; None outside a checkout."""
    import tomllib

    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        project, rules = folder / "pyproject.toml", folder / "rules"
        if not (project.is_file() and (rules / "_namen.yaml").is_file()):
            continue
        try:
            name = tomllib.loads(project.read_text(encoding="utf-8")).get("project", {}).get("name")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError):
            continue
        if name == "stigmacheck":
            return rules
    return None


def rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in Path(directory).rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def load_ruleset(dirs: list[Path] | None = None, include_default: bool = True) -> RuleSet:
    from stigmacheck.checks import KINDS

    folders = ([default_rules_dir()] if include_default else []) + [Path(d) for d in (dirs or [])]
    rules: list[Rule] = []
    names: list[str] = []
    concepts: dict[str, list[str]] = {}
    errors: list[SchemaError] = []
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.exists():
            errors.append(SchemaError(str(folder), 1, "", "regelmap bestaat niet"))
            continue
        for path in [folder] if folder.is_file() else rule_files(folder):
            shown = _display(path)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                errors.append(SchemaError(shown, 1, "", f"kan het bestand niet lezen: {exc}"))
                continue
            digest.update(shown.encode() + b"\0" + text.encode())
            from stigmacheck.ruleset.yamlfile import YamlError, load_located  # not needed for a cached rule set

            try:
                located = load_located(shown, text)
            except YamlError as exc:
                errors.append(SchemaError(exc.path, exc.line, "", exc.message))
                continue
            if path.name == CONCEPTS_FILE:
                errs = validate(located.data, CONCEPTS_FIELDS, located.line, shown)
                for name, words in (located.data or {}).get("begrippen", {}).items() if not errs else ():
                    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                        errs.append(SchemaError(shown, located.line(("begrippen", name)), f"begrippen.{name}", "verwacht een lijst woorden"))
                    else:
                        concepts.setdefault(name, []).extend(words)
                errors += errs
                continue
            if path.name == NAMES_FILE:
                errs = validate(located.data, NAMES_FIELDS, located.line, shown)
                errors += errs
                if not errs:
                    names += located.data["namen"]
                continue
            rule, errs = _build_rule(located, shown, KINDS)
            errors += errs
            if rule:
                rules.append(rule)
    errors += _cross_checks(rules, concepts)
    if errors:
        raise RuleSetError(errors, RuleSet(rules, names, digest.hexdigest()[:16], concepts))
    return RuleSet(rules, names, digest.hexdigest()[:16], concepts)


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _build_rule(located, shown: str, kinds) -> tuple[Rule | None, list[SchemaError]]:
    data = located.data
    if not isinstance(data, dict):
        return None, [SchemaError(shown, 1, "", "een regelbestand bevat één regel: sleutels als id, category, message")]
    kind = data.get("kind") or data.get("category")
    module = kinds.get(kind) if isinstance(kind, str) else None
    fields = dict(COMMON_FIELDS)
    if module:
        fields.update(module.fields)
    errors = validate(data, fields, located.line, shown)
    if module is None and not any(e.field in ("category", "kind") for e in errors):
        errors.append(SchemaError(shown, located.line(("category",)), "kind", f"onbekende soort regel {kind!r}"))
    if errors:
        return None, errors
    examples = data["examples"]
    flag = [
        Example(e["text"], e.get("span"), e.get("suggestion"), located.line(("examples", "flag", i)), e.get("reader", "text"))
        for i, e in enumerate(examples["flag"])
    ]
    passing = [
        Example(t["text"], line=located.line(("examples", "pass", i)), reader=t.get("reader", "text"))
        if isinstance(t, dict)
        else Example(t, line=located.line(("examples", "pass", i)))
        for i, t in enumerate(examples["pass"])
    ]
    reviewed_on = data.get("reviewed_on")
    if isinstance(reviewed_on, _dt.date):
        reviewed_on = reviewed_on.isoformat()
    rule = Rule(
        id=data["id"],
        kind=kind,
        category=data["category"],
        severity=data["severity"],
        message=data["message"].strip(),
        rationale=" ".join(data["rationale"].split()),
        sources=list(data["sources"]),
        flag_examples=flag,
        pass_examples=passing,
        data={k: v for k, v in data.items() if k in module.fields},
        aliases=list(data.get("aliases") or []),
        status=data.get("status", "vastgesteld"),
        replaced_by=data.get("replaced_by"),
        reviewed_by=data.get("reviewed_by"),
        reviewed_on=reviewed_on,
        since=data.get("since"),
        summary=data.get("summary", ""),
        fix=data.get("fix", "safe"),
        path=shown,
        line=located.line(()),
        lines=located.lines,
    )
    errors += [SchemaError(shown, line, f, msg, hint) for line, f, msg, hint in module.check_rule(rule)]
    return (None if errors else rule), errors


def _cross_checks(rules: list[Rule], concepts: dict | None = None) -> list[SchemaError]:
    errors = []
    seen: dict[str, Rule] = {}
    for rule in rules:
        for name, field_name in [(rule.id, "id")] + [(a, "aliases") for a in rule.aliases]:
            if name in seen and seen[name] is not rule:
                other = seen[name]
                errors.append(
                    SchemaError(
                        rule.path,
                        rule.line_of(field_name),
                        field_name,
                        f"id '{name}' wordt al gebruikt in {other.path}:{other.line_of('id')}",
                        "elke id en alias moet uniek zijn",
                    )
                )
            seen.setdefault(name, rule)
    ids = {r.id for r in rules}
    for rule in rules:
        if rule.replaced_by and rule.replaced_by not in ids:
            errors.append(
                SchemaError(rule.path, rule.line_of("replaced_by"), "replaced_by", f"onbekende regel '{rule.replaced_by}'")
            )
    from stigmacheck.checks import cross_check

    errors += [SchemaError(*e) for e in cross_check(rules, concepts or {})]
    return errors
