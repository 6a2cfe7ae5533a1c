"""The public in-memory entry point: check text or bytes held in memory, get findings that carry
their Fix. The command line, fix mode, eval, the rule reviewers' tools and the server all come
through here or through `running.files.check_bytes`, which this wraps; nothing writes a temp file.

    from stigmacheck.api import Linter

    linter = Linter.create()                      # the shipped rules, the embedded pipeline
    result = linter.check_text("De prostituees wachten.", name="concept.txt")
    for f in result.findings:
        print(f.rule, f.text, f.suggestions, f.fixable, f.fix)
    print(linter.fix_text("De prostituees wachten."))   # 'De sekswerkers wachten.'

`fmt` is a reader name ("text", "markdown", "html", "docx"); by default it follows the name's
extension. A file the readers cannot read gives a result with `error` set (a Dutch message), never
an exception; a bad rule folder, configuration or model raises `SetupError` with a Dutch message.
"""

from __future__ import annotations

from pathlib import Path

from stigmacheck.documents import EXTENSIONS, reader_for
from stigmacheck.engine import Engine, Options

READERS = tuple(sorted(set(EXTENSIONS.values())))


class SetupError(Exception):
    """Rules, configuration or model cannot be used; the message is Dutch and complete."""


class Linter:
    """Rules and pipeline loaded once; check as many texts as you like."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.ruleset = engine.ruleset

    @classmethod
    def create(cls, *, config=None, config_file: str | Path | None = None, select=(), ignore=(), model=None,
               quotes=None, only_approved: bool = False, use_prefilter: bool = True) -> "Linter":
        """A linter with the shipped rules plus the config's rule folders; `config` is a
        config.Config (or read from `config_file`), the other arguments override it."""
        from stigmacheck import config as cfgmod

        if config is None:
            try:
                config = cfgmod.load(Path(config_file)) if config_file else cfgmod.Config()
            except cfgmod.ConfigError as exc:
                raise SetupError(str(exc)) from None
        return cls(build_engine(config, select, ignore, model, quotes, only_approved, use_prefilter))

    def check_bytes(self, data: bytes, name: str = "tekst.txt", fmt: str | None = None):
        """A running.results.FileResult with the full Document, the bytes and settled fixes."""
        from stigmacheck.running.files import check_bytes

        return check_bytes(self.engine, name, data, _reader(name, fmt), keep=True)

    def check_text(self, text: str, name: str = "tekst.txt", fmt: str | None = None):
        if _reader(name, fmt) == "docx":
            raise ValueError("een Word-bestand is geen tekst: geef de bytes aan check_bytes")
        return self.check_bytes(text.encode("utf-8", "surrogatepass"), name, fmt)

    def fix_bytes(self, data: bytes, name: str = "tekst.txt", fmt: str | None = None):
        """A fixing.FileFix: the fixed bytes (None when nothing changes), what was applied and
        what was left with its reason. Nothing is written."""
        from stigmacheck.fixing import fix_checked

        return fix_checked(self.check_bytes(data, name, fmt))

    def fix_text(self, text: str, name: str = "tekst.txt", fmt: str | None = None) -> str:
        """`text` with every safe fix applied."""
        result = self.fix_bytes(text.encode("utf-8", "surrogatepass"), name, fmt)
        return text if result.fixed is None else result.fixed.decode("utf-8", "surrogatepass")


def _reader(name: str, fmt: str | None) -> str:
    if fmt is None:
        return reader_for(name)
    if fmt not in READERS:
        raise ValueError(f"onbekend formaat '{fmt}' (kies uit {', '.join(READERS)})")
    return fmt


def build_engine(config, select=(), ignore=(), model=None, quotes=None, only_approved=False,
                 use_prefilter=True) -> Engine:
    """Rules (shipped + the config's folders, selected), pipeline choice and options as one Engine."""
    from stigmacheck import nlp
    from stigmacheck.findings import CATEGORIES
    from stigmacheck.ruleset import cache
    from stigmacheck.ruleset.loader import RuleSetError

    try:
        ruleset = cache.load_ruleset([Path(d) for d in config.rules])
    except RuleSetError as exc:
        raise SetupError("fout in de regels:\n  " + "\n  ".join(str(e) for e in exc.errors)) from None
    known = lambda n: n in ruleset.by_id or n in CATEGORIES  # noqa: E731
    problems = config.unknown_names(known)
    if problems:
        raise SetupError("fout in de configuratie:\n  " + "\n  ".join(problems))
    select = tuple(select) or tuple(config.select)
    ignore = tuple(ignore) + tuple(config.ignore)
    unknown = [n for n in (*select, *ignore) if not known(n)]
    if unknown:
        raise SetupError(f"onbekende regel of categorie: {', '.join(unknown)} (zie `stigmacheck rules list`)")
    selected = cache.select(ruleset, select, ignore, only_approved or config.only_approved)
    nlp.configure(model or config.model)
    options = Options(quotes=quotes or config.quotes or "info", severity=dict(config.severity),
                      use_prefilter=use_prefilter, limits=config.limits())
    return Engine(selected, options)
