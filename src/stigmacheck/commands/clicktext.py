"""Click's own words in Dutch: usage lines, help headings and the messages of usage errors.

Click marks every text it shows with gettext (`_("Usage:")`, `ngettext(...)`); each of its modules
holds those two functions under its own name, so `install()` puts a lookup in this table in their
place. A text not in the table stays as click wrote it.
"""

from __future__ import annotations

NL = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Error: {message}": "stigmacheck: fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "Aborted!": "Afgebroken.",
    "No such option: {name}": "onbekende optie: {name}",
    "No such option {name!r}.": "onbekende optie {name!r}.",
    "No such command {name!r}.": "onbekende opdracht {name!r}.",
    "Missing command.": "geef een opdracht.",
    "Missing argument": "ontbrekend argument",
    "Missing option": "ontbrekende optie",
    "Missing parameter": "ontbrekende parameter",
    "Missing {param_type}": "ontbrekend(e) {param_type}",
    "Missing {param_type} {param_hint}.": "ontbrekend(e) {param_type} {param_hint}.",
    "Missing parameter: {param_name}": "ontbrekende parameter: {param_name}",
    "argument": "argument",
    "option": "optie",
    "parameter": "parameter",
    "Invalid value for {param_hint}: {message}": "ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "ongeldige waarde: {message}",
    "Option {name!r} does not take a value.": "optie {name!r} neemt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "argument {name!r} neemt {nargs} waarden.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "integer": "geheel getal",
    "float": "getal",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} is geen geldige ja/nee-waarde. Geldig: {states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "Could not open file {filename!r}: {message}": "kan bestand {filename!r} niet openen: {message}",
    "default: {default}": "standaard: {default}",
    "unknown error": "onbekende fout",
}

NL_PLURAL = {
    "Got unexpected extra argument ({args})": ("onverwacht extra argument ({args})",
                                               "onverwachte extra argumenten ({args})"),
    "Did you mean {possibility}?": ("Bedoelde u {possibility}?", "(Bedoelde u een van: {possibilities}?)"),
    "Option {name!r} requires an argument.": ("optie {name!r} vraagt een waarde.",
                                              "optie {name!r} vraagt {nargs} waarden."),
    "{value!r} is not {choice}.": ("{value!r} is niet {choice}.", "{value!r} is niet een van {choices}."),
    "Takes {nargs} values but 1 was given.": ("neemt {nargs} waarden, maar er is 1 gegeven.",
                                              "neemt {nargs} waarden, maar er zijn {len} gegeven."),
}


def gettext(message: str) -> str:
    return NL.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if singular in NL_PLURAL:
        one, many = NL_PLURAL[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


METAVARS = {"[OPTIONS]": "[OPTIES]", "COMMAND [ARGS]...": "OPDRACHT [ARGUMENTEN]..."}


def _dutch_pieces(original):
    def collect_usage_pieces(self, ctx):
        return [METAVARS.get(piece, piece) for piece in original(self, ctx)]

    collect_usage_pieces.dutch = True
    return collect_usage_pieces


def install() -> None:
    """Put the Dutch lookups in place of gettext in every click module that translates, and
    Dutch placeholders in the usage line."""
    import importlib

    import click

    for cls in (click.Command, click.Group):
        original = cls.__dict__.get("collect_usage_pieces")
        if original is not None and not getattr(original, "dutch", False):
            cls.collect_usage_pieces = _dutch_pieces(original)

    for name in ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui", "utils",
                 "shell_completion"):
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if getattr(module, "_", None) is not None and callable(module._):
            module._ = gettext
        if callable(getattr(module, "ngettext", None)):
            module.ngettext = ngettext
