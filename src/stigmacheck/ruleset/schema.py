"""A small declarative schema for rule files, with errors that name file, line and field.

Each rule kind adds its own fields (see `checks/<kind>.py`); the common fields are here.
The field table in docs/regels/velden.md is generated from these declarations.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from stigmacheck.findings import CATEGORIES, SEVERITIES


@dataclass
class Field:
    type: str  # str, int, number, bool, list, map, strmap, date
    required: bool = False
    choices: tuple = ()
    item: "Field | None" = None  # for lists
    fields: dict[str, "Field"] | None = None  # for maps with known keys
    pattern: str | None = None
    min_items: int = 0
    doc: str = ""
    alt: "Field | None" = None  # another shape the value may have instead (a string or a map)


@dataclass
class SchemaError:
    path: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f" ({self.field})" if self.field else ""
        hint = f" Tip: {self.hint}" if self.hint else ""
        return f"{self.path}:{self.line}:{where} {self.message}{hint}"


TYPE_NAMES = {
    "str": "tekst",
    "int": "geheel getal",
    "number": "getal",
    "bool": "true of false",
    "list": "lijst",
    "map": "sleutels met waarden",
    "strmap": "sleutels met tekstwaarden",
    "date": "datum (JJJJ-MM-DD)",
}

RULE_ID = r"^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$"

EXAMPLE_READERS = ("text", "markdown", "html")  # an example with markup (an image) names its reader

EXAMPLE_FLAG = Field(
    "map",
    fields={
        "text": Field("str", required=True, doc="tekst die gemeld moet worden"),
        "span": Field("str", doc="het deel van de tekst dat gemeld moet worden (standaard: wat de regel vindt)"),
        "suggestion": Field("str", doc="de verwachte eerste suggestie; leeg ('') als er geen suggestie hoort te zijn"),
        "reader": Field("str", choices=EXAMPLE_READERS, doc="hoe de tekst gelezen wordt (standaard text)"),
    },
)

EXAMPLE_PASS = Field(
    "str",
    doc="tekst die niet gemeld mag worden",
    alt=Field(
        "map",
        fields={
            "text": Field("str", required=True, doc="tekst die niet gemeld mag worden"),
            "reader": Field("str", choices=EXAMPLE_READERS, doc="hoe de tekst gelezen wordt (standaard text)"),
        },
    ),
)

COMMON_FIELDS: dict[str, Field] = {
    "id": Field("str", required=True, pattern=RULE_ID, doc="vaste id met punten, bv. term.prostituee"),
    "aliases": Field("list", item=Field("str", pattern=RULE_ID), doc="oude ids die blijven werken"),
    "kind": Field("str", choices=CATEGORIES, doc="soort controle; standaard gelijk aan category"),
    "category": Field("str", required=True, choices=CATEGORIES),
    "severity": Field("str", required=True, choices=SEVERITIES),
    "status": Field("str", choices=("concept", "vastgesteld", "vervallen"), doc="standaard: vastgesteld"),
    "replaced_by": Field("str", pattern=RULE_ID, doc="bij status vervallen: de regel die deze vervangt"),
    "reviewed_by": Field("str"),
    "reviewed_on": Field("date"),
    "since": Field("str", doc="versie waarin de regel verscheen"),
    "summary": Field("str", doc="één regel voor overzichten"),
    "message": Field("str", required=True, doc="melding; {text} en {suggestion} worden ingevuld"),
    "rationale": Field("str", required=True, doc="waarom dit woord of patroon een probleem is"),
    "sources": Field("list", required=True, item=Field("str"), min_items=1),
    "fix": Field("str", choices=("safe", "unsafe"), doc="mag fix-modus de eerste suggestie toepassen"),
    "examples": Field(
        "map",
        required=True,
        fields={
            "flag": Field("list", required=True, item=EXAMPLE_FLAG, min_items=1),
            "pass": Field("list", required=True, item=EXAMPLE_PASS, min_items=1),
        },
    ),
}


def validate(data, fields: dict[str, Field], locate, path: str) -> list[SchemaError]:
    """Check a mapping against `fields`; `locate(key_path)` gives the line of a value."""
    errors: list[SchemaError] = []
    _check_map(data, fields, (), locate, path, errors)
    return errors


def _name(key_path: tuple) -> str:
    out = ""
    for k in key_path:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out


def _check_map(data, fields, key_path, locate, path, errors):
    if not isinstance(data, dict):
        errors.append(SchemaError(path, locate(key_path), _name(key_path), "verwacht sleutels met waarden"))
        return
    for key in data:
        if key not in fields:
            close = _closest(str(key), fields)
            errors.append(
                SchemaError(
                    path,
                    locate(key_path + (key,)),
                    _name(key_path + (key,)),
                    f"onbekend veld '{key}'",
                    f"bedoelde u '{close}'?" if close else "toegestaan: " + ", ".join(fields),
                )
            )
    for key, spec in fields.items():
        if key not in data or data[key] is None:
            if spec.required:
                errors.append(
                    SchemaError(path, locate(key_path), _name(key_path + (key,)), f"verplicht veld '{key}' ontbreekt")
                )
            continue
        _check_value(data[key], spec, key_path + (key,), locate, path, errors)


def _check_value(value, spec: Field, key_path, locate, path, errors):
    where = (path, locate(key_path), _name(key_path))
    ok = {
        "str": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "list": isinstance(value, list),
        "map": isinstance(value, dict),
        "strmap": isinstance(value, dict) and all(isinstance(v, str) for v in value.values()),
        "date": isinstance(value, _dt.date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value)),
    }[spec.type]
    if not ok and spec.alt is not None:
        _check_value(value, spec.alt, key_path, locate, path, errors)
        return
    if not ok:
        got = type(value).__name__
        errors.append(SchemaError(*where, f"verwacht {TYPE_NAMES[spec.type]}, gevonden {got} ({value!r:.40})"))
        return
    if spec.choices and value not in spec.choices:
        errors.append(SchemaError(*where, f"ongeldige waarde {value!r}", "kies uit: " + ", ".join(spec.choices)))
    if spec.pattern and isinstance(value, str) and not re.match(spec.pattern, value):
        errors.append(SchemaError(*where, f"ongeldige waarde {value!r}", f"moet passen bij {spec.pattern}"))
    if spec.type == "str" and spec.required and not value.strip():
        errors.append(SchemaError(*where, "mag niet leeg zijn"))
    if spec.type == "list":
        if len(value) < spec.min_items:
            errors.append(SchemaError(*where, f"minstens {spec.min_items} item(s) nodig"))
        if spec.item:
            for i, item in enumerate(value):
                _check_value(item, spec.item, key_path + (i,), locate, path, errors)
    if spec.type == "map" and spec.fields is not None:
        _check_map(value, spec.fields, key_path, locate, path, errors)


def _closest(word: str, options) -> str | None:
    import difflib

    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return match[0] if match else None
