"""Configuration: .stigmacheck.yaml or [tool.stigmacheck] in pyproject.toml, nearest wins."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from stigmacheck.documents.limits import RANGES as LIMIT_RANGES
from stigmacheck.documents.limits import Limits
from stigmacheck.findings import FAIL_ON, SEVERITIES
from stigmacheck.ruleset.schema import Field, validate

# tomllib and the YAML reader are imported only when a config file is there to read: most runs
# (a pre-commit hook on one file) have none, and yaml alone costs 25 ms of start-up.
CONFIG_NAMES = (".stigmacheck.yaml", ".stigmacheck.yml", "pyproject.toml")

FIELDS = {
    "select": Field("list", item=Field("str"), doc="alleen deze regels of categorieën"),
    "ignore": Field("list", item=Field("str"), doc="deze regels of categorieën overslaan"),
    "severity": Field("strmap", doc="regel of categorie -> ernst (error, warning, suggestion, info)"),
    "rules": Field("list", item=Field("str"), doc="extra regelmappen, relatief aan dit bestand"),
    "exclude": Field("list", item=Field("str"), doc="bestanden overslaan (glob-patronen)"),
    "fail_on": Field("str", choices=FAIL_ON, doc="vanaf welke ernst de exitcode 1 is"),
    "quotes": Field("str", choices=("info", "off"), doc="citaten: als info melden of helemaal niet"),
    "model": Field("str", doc="spaCy-model: pakketnaam of pad"),
    "only_approved": Field("bool", doc="alleen vastgestelde regels (geen concepten)"),
    "max_file_mb": Field("int", doc="grootste tekst-, Markdown- of HTML-bestand, in MB (standaard 20)"),
    "max_paragraph_chars": Field("int", doc="langste regel tekst zonder regeleinde, in tekens (standaard 100000)"),
    "max_unzipped_mb": Field("int", doc="grootste uitgepakte Word-bestand, in MB (standaard 200)"),
    "max_zip_ratio": Field("int", doc="hoeveel keer een onderdeel van een Word-bestand mag groeien bij uitpakken (standaard 100)"),
}


class ConfigError(Exception):
    pass


@dataclass
class Config:
    path: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    fail_on: str | None = None
    quotes: str | None = None
    model: str | None = None
    only_approved: bool = False
    max_file_mb: int | None = None
    max_paragraph_chars: int | None = None
    max_unzipped_mb: int | None = None
    max_zip_ratio: int | None = None
    lines: dict = field(default_factory=dict, repr=False)  # key path -> line in `path`

    def limits(self) -> Limits:
        """The readers' size limits: the defaults of documents/limits.py, with the keys set here."""
        return Limits(**{k: getattr(self, k) for k in LIMIT_RANGES if getattr(self, k) is not None})

    def unknown_names(self, known) -> list[str]:
        """Errors for rule names in select/ignore/severity that `known(name)` rejects, naming file and line."""
        problems = []
        named = [(("select", i), n) for i, n in enumerate(self.select)]
        named += [(("ignore", i), n) for i, n in enumerate(self.ignore)]
        named += [(("severity", n), n) for n in self.severity]
        for key, name in named:
            if not known(name):
                where = ".".join(str(k) for k in key[:1]) + (f"[{key[1]}]" if isinstance(key[1], int) else f".{key[1]}")
                problems.append(
                    f"{self.path}:{self.lines.get(key, self.lines.get(key[:1], 1))}: ({where}) onbekende regel of "
                    f"categorie '{name}' Tip: zie `stigmacheck rules list`"
                )
        return problems


def discover(start: Path, warn=None) -> Path | None:
    """The nearest config file from `start` upward (a pyproject.toml counts only with the table).

    A pyproject.toml that is not valid TOML is a ConfigError when it mentions [tool.stigmacheck];
    otherwise it is passed over with a warning naming file and line (`warn(message)`; default: to
    stderr), so a broken file of another tool neither stops the run nor goes unnoticed."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in [here, *here.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate, warn or _warn):
                    continue
                return candidate
    return None


def _warn(message: str) -> None:
    sys.stderr.write(f"stigmacheck: waarschuwing: {message}\n")


_OURS = re.compile(r"^\s*\[\s*tool\s*\.\s*\"?stigmacheck\b", re.MULTILINE)


def _has_tool_table(path: Path, warn) -> bool:
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        warn(f"{path}: overgeslagen, niet te lezen als UTF-8-tekst ({exc})")
        return False
    try:
        tool = tomllib.loads(text).get("tool", {})
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        if _OURS.search(text):
            raise ConfigError(_toml_error(path, exc)) from None
        warn(_toml_error(path, exc) + "; overgeslagen bij het zoeken naar [tool.stigmacheck]")
        return False
    return isinstance(tool, dict) and "stigmacheck" in tool


def _toml_error(path, exc) -> str:
    """'FILE:LINE: ongeldige TOML: reason' from tomllib's '... (at line N, column M)'."""
    if isinstance(exc, RecursionError):  # tomllib recurses once per level of nested arrays or tables
        return f"{path}:1: ongeldige TOML: te diep genest"
    m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
    reason = str(exc)[: m.start()].strip() if m else str(exc)
    return f"{path}:{m.group(1) if m else 1}: ongeldige TOML: {reason}"


def load(path: Path) -> Config:
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown}: kan het configuratiebestand niet lezen: {exc}") from None
    if path.name == "pyproject.toml":
        import tomllib

        try:
            tool = tomllib.loads(text).get("tool", {})
        except (tomllib.TOMLDecodeError, RecursionError) as exc:
            raise ConfigError(_toml_error(shown, exc)) from None
        if not isinstance(tool, dict):
            raise ConfigError(f"{shown}:1: 'tool' moet een tabel zijn ([tool.stigmacheck])")
        data = tool.get("stigmacheck", {})
        lines = _toml_lines(text)
        locate = lambda p: lines.get(p[:2], lines.get(p[:1], 1))  # noqa: E731
    else:
        from stigmacheck.ruleset.yamlfile import YamlError, load_located

        try:
            located = load_located(shown, text)
        except YamlError as exc:
            raise ConfigError(str(exc)) from None
        data = located.data or {}
        locate = located.line
    errors = validate(data, FIELDS, locate, shown)
    if isinstance(data, dict):
        severity = data.get("severity")
        for key, value in (severity.items() if isinstance(severity, dict) else ()):
            if isinstance(value, str) and value not in SEVERITIES:
                errors.append(f"{shown}:{locate(('severity', key))}: (severity.{key}) ongeldige ernst {value!r}")
        for key, (low, high) in LIMIT_RANGES.items():
            value = data.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and not low <= value <= high:
                errors.append(f"{shown}:{locate((key,))}: ({key}) {value} ligt niet tussen {low} en {high}")
    if errors:
        raise ConfigError("\n".join(str(e) for e in errors))
    cfg = Config(path=shown, **{k: v for k, v in data.items() if k in FIELDS})
    cfg.rules = [str((path.parent / r).resolve()) for r in cfg.rules]
    cfg.exclude = [_anchor(p, path.parent) for p in cfg.exclude]
    cfg.lines = {key: locate(key) for key in _name_keys(cfg)}
    return cfg


def _name_keys(cfg: Config) -> list[tuple]:
    return ([("select", i) for i in range(len(cfg.select))] + [("ignore", i) for i in range(len(cfg.ignore))]
            + [("severity", k) for k in cfg.severity])


def _anchor(pattern: str, folder: Path) -> str:
    """Exclude patterns with a '/' are relative to the config file's folder (like `rules`);
    a bare pattern such as '*.min.html' matches a file name anywhere."""
    if "/" not in pattern or pattern.startswith("/"):
        return pattern
    import glob

    return glob.escape(folder.resolve().as_posix()) + "/" + pattern.removeprefix("./")


_TOML_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$")
_TOML_KEY = re.compile(r'^\s*("([^"]*)"|[A-Za-z0-9_.-]+)\s*=')


def _toml_lines(text: str) -> dict[tuple, int]:
    """Line numbers of keys in [tool.stigmacheck] and its subtables (e.g. .severity)."""
    lines: dict[tuple, int] = {}
    table: tuple | None = None
    for number, line in enumerate(text.splitlines(), 1):
        m = _TOML_TABLE.match(line)
        if m:
            parts = tuple(x.strip().strip('"') for x in m.group(1).split("."))
            table = parts[2:] if parts[:2] == ("tool", "stigmacheck") else None
            if table:
                lines.setdefault(table, number)
            continue
        key = _TOML_KEY.match(line)
        if table is not None and key:
            name = key.group(2) if key.group(2) is not None else key.group(1)
            lines.setdefault(table + (name,), number)
    return lines


STARTER = """\
# stigmacheck: instellingen voor deze map en alles eronder (het dichtstbijzijnde bestand telt).
# Alle sleutels zijn optioneel. Zie `stigmacheck rules list` voor regel-ids en categorieën.

# Vanaf welke ernst een controle mislukt (exitcode 1): error, warning, suggestion of never.
fail_on: warning

# Alleen deze regels of categorieën (term, conflation, framing, imagery, balance):
# select: [term, conflation]

# Deze regels of categorieën overslaan:
# ignore: [term.bordeel]

# Ernst per regel of categorie aanpassen:
# severity:
#   term.bordeel: info

# Citaten van anderen: 'info' (melden als info) of 'off' (niet melden).
quotes: info

# Bestanden overslaan:
# exclude: ["archief/**", "*.min.html"]

# Extra regelmappen van uw eigen team, relatief aan dit bestand:
# rules: [eigen-regels]

# Alleen vastgestelde regels gebruiken (geen concepten):
# only_approved: true

# spaCy-model (pakketnaam of pad); standaard nl_core_news_sm als dat is geïnstalleerd:
# model: nl_core_news_sm

# Grenzen (een bestand daarboven krijgt een foutmelding en wordt niet gecontroleerd):
# max_file_mb: 20               # grootste tekst-, Markdown- of HTML-bestand, in MB
# max_paragraph_chars: 100000   # langste regel tekst zonder regeleinde, in tekens
# max_unzipped_mb: 200          # grootste uitgepakte Word-bestand, in MB
# max_zip_ratio: 100            # hoeveel keer een onderdeel van een Word-bestand mag groeien bij uitpakken
"""
