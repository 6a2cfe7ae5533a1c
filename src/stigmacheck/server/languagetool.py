"""The LanguageTool HTTP API (v2) as its clients use it: reading a /v2/check request and writing
its answer. Pure functions; the Starlette routes (app.py) call them and run the check itself
elsewhere (work.py).

What we answer, field by field (LanguageTool's own server is the model):
- `offset`/`length` (and `context.offset`/`context.length`) count UTF-16 code units, as Java and
  JavaScript clients do: an emoji before a finding counts 2, never 1. Our findings count code
  points; `Utf16` converts.
- With `data` (`{"annotation": [{"text": ...}, {"markup": ..., "interpretAs": ...}]}`) only text
  parts and the `interpretAs` stand-ins are checked; offsets count every part as the client sent
  it, markup included. A finding inside a stand-in alone (nothing of the writer's text) is dropped.
- `rule.id` is our rule id, `rule.category.id` our category in capitals (TERM, CONFLATION, FRAMING,
  IMAGERY, BALANCE), `replacements` our suggestions in order.
- `rule.issueType`: `style` for term, framing, imagery and balance (wording the writer can change);
  `inconsistency` for conflation: the text treats two different things (sex work and trafficking)
  as one, which is a fault in what the text says, not in its style. Clients colour it apart from
  the style hints, so the most serious category stands out.
- `level=default` leaves out findings with severity `info` (in practice: quotations of others);
  `level=picky` shows them too.
- `enabledRules`/`disabledRules`/`enabledCategories`/`disabledCategories`/`enabledOnly` filter our
  findings after the check; ids we do not know (LanguageTool's own, such as TYPOS) are ignored, as
  LanguageTool ignores ids it does not know. Findings that an overlapping finding of another rule
  hid stay hidden when that other rule is disabled.
- Parameters we do not use (username, apiKey, motherTongue, preferredVariants, mode, ...) are
  accepted and ignored.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

from stigmacheck import __version__
from stigmacheck.findings import category_label

DUTCH = {"nl": "Dutch", "nl-NL": "Dutch", "nl-BE": "Dutch (Belgium)"}
LANGUAGES = [{"name": name, "code": "nl", "longCode": code} for code, name in DUTCH.items()]
_LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no", "")
LEVELS = ("default", "picky")
ISSUE_TYPE = {"conflation": "inconsistency"}  # every other category: style
CONTEXT_CHARS = 40  # code points of context on either side, as LanguageTool gives by default
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*\s+|\n\s*")


class BadRequest(ValueError):
    """A request LanguageTool would refuse with HTTP 400; the message is shown as is."""


@dataclass
class Request:
    """A /v2/check request, read and checked."""

    original: str  # what the client's offsets count: the text, or every annotation part joined
    checked: str  # what we check: the text, or the text parts and stand-ins joined
    pieces: list = field(default_factory=list)  # (checked_start, checked_end, original_start, is_text)
    language: str = "nl-NL"
    dutch: bool = True
    enabled_rules: frozenset = frozenset()
    disabled_rules: frozenset = frozenset()
    enabled_categories: frozenset = frozenset()
    disabled_categories: frozenset = frozenset()
    enabled_only: bool = False
    level: str = "default"

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """A span of `checked` as a span of `original` (code points); None when it lies in a stand-in."""
        if not self.pieces:
            return start, end
        spans = [p for p in self.pieces if p[0] < end and start < p[1] or p[0] == start == end]
        if not any(p[3] for p in spans):
            return None
        first, last = spans[0], spans[-1]
        lo = first[2] + (start - first[0] if first[3] else 0)
        hi = last[2] + (end - last[0] if last[3] else last[4])
        return lo, hi


def _flag(params, name: str) -> bool:
    value = params.get(name, "false").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BadRequest(f"Fout: ongeldige waarde voor '{name}': gebruik true of false")


def _ids(params, name: str) -> frozenset:
    return frozenset(x.strip() for x in params.get(name, "").split(",") if x.strip())


def parse_check(params) -> Request:
    """Read the parameters of /v2/check (a mapping of str to str); raises BadRequest."""
    text, data = params.get("text"), params.get("data")
    if text is not None and data is not None:
        raise BadRequest("Fout: geef 'text' of 'data', niet allebei")
    if text is None and data is None:
        raise BadRequest("Fout: de parameter 'text' of 'data' ontbreekt")
    language = params.get("language")
    if language is None:
        raise BadRequest("Fout: de parameter 'language' ontbreekt (gebruik nl, nl-NL, nl-BE of auto)")
    language = language.strip()
    if language.lower() != "auto" and not _LANGUAGE_CODE.match(language):
        raise BadRequest(f"Fout: onbekende taalcode '{language[:40]}'")
    level = params.get("level", "default").strip().lower() or "default"
    if level not in LEVELS:
        raise BadRequest("Fout: ongeldige waarde voor 'level': gebruik default of picky")
    request = Request(original="", checked="")
    if text is not None:
        request.original = request.checked = text
    else:
        request.original, request.checked, request.pieces = _annotation(data)
    request.language, request.dutch = _language(language)
    request.enabled_rules, request.disabled_rules = _ids(params, "enabledRules"), _ids(params, "disabledRules")
    request.enabled_categories = frozenset(c.upper() for c in _ids(params, "enabledCategories"))
    request.disabled_categories = frozenset(c.upper() for c in _ids(params, "disabledCategories"))
    request.enabled_only = _flag(params, "enabledOnly")
    if request.enabled_only and not (request.enabled_rules or request.enabled_categories):
        raise BadRequest("Fout: 'enabledOnly=true' vraagt ook om 'enabledRules' of 'enabledCategories'")
    request.level = level
    return request


def _language(code: str) -> tuple[str, bool]:
    lowered = code.lower()
    if lowered == "auto":
        return "nl-NL", True
    for known in DUTCH:
        if known.lower() == lowered:
            return known, True
    return code, False


def _annotation(data: str):
    """(original, checked, pieces) of a `data` parameter; raises BadRequest."""
    try:
        parsed = json.loads(data)
    except ValueError as exc:
        raise BadRequest(f"Fout: 'data' is geen geldige JSON ({exc.msg}, positie {exc.pos})") from None
    parts = parsed.get("annotation") if isinstance(parsed, dict) else None
    if not isinstance(parts, list):
        raise BadRequest("Fout: 'data' moet een object zijn met een lijst 'annotation'")
    original, checked, pieces = [], [], []
    o_at = c_at = 0
    for i, part in enumerate(parts):
        if not isinstance(part, dict) or ("text" in part) == ("markup" in part):
            raise BadRequest(f"Fout: onderdeel {i + 1} van 'annotation' moet 'text' of 'markup' hebben (één van beide)")
        raw = part.get("text", part.get("markup"))
        stand_in = part.get("text", part.get("interpretAs", ""))
        if not isinstance(raw, str) or not isinstance(stand_in, str):
            raise BadRequest(f"Fout: onderdeel {i + 1} van 'annotation' bevat geen tekst")
        is_text = "text" in part
        pieces.append((c_at, c_at + len(stand_in), o_at, is_text, len(raw)))
        original.append(raw)
        checked.append(stand_in)
        o_at += len(raw)
        c_at += len(stand_in)
    return "".join(original), "".join(checked), pieces


_WIDE = re.compile("[\U00010000-\U0010FFFF]")


class Utf16:
    """Code-point offsets of one string as UTF-16 code-unit offsets."""

    def __init__(self, text: str):
        self.wide = [m.start() for m in _WIDE.finditer(text)] if not text.isascii() else []

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.wide, offset)


def keep(request: Request, finding: dict) -> bool:
    """Whether the request's rule and level choices keep this finding (a plain dict, see work.py)."""
    rule, category = finding["rule"], finding["category"].upper()
    if request.level == "default" and finding["severity"] == "info":
        return False
    if rule in request.disabled_rules or category in request.disabled_categories:
        return False
    if request.enabled_only:
        return rule in request.enabled_rules or category in request.enabled_categories
    return True


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end]: from the last sentence end before it to the next after it."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end)
    hi = m.start() + len(m.group().rstrip()) if m else len(text)
    return text[lo:hi].strip()


def context_of(text: str, start: int, end: int) -> dict:
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    before, shown, after = text[lo:start], text[start:end], text[end:hi]
    if lo > 0:
        before = "..." + before
    if hi < len(text):
        after += "..."
    return {"text": re.sub(r"[\r\n\t]", " ", before + shown + after), "offset": _units(before), "length": _units(shown)}


def _units(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def matches(request: Request, findings: list[dict], rules: dict, docs_url: str | None = None,
            units: Utf16 | None = None) -> list[dict]:
    """The `matches` of the answer: findings (code points in `request.checked`) that the request keeps."""
    units = units or Utf16(request.original)
    out = []
    for f in findings:
        if not keep(request, f):
            continue
        span = request.to_original(f["start"], f["end"])
        if span is None:
            continue
        lo, hi = span
        rule = rules.get(f["rule"])
        out.append({
            "message": f["message"],
            "shortMessage": category_label(f["category"]),
            "replacements": [{"value": s} for s in f["suggestions"]],
            "offset": units(lo),
            "length": units(hi) - units(lo),
            "context": context_of(request.checked, f["start"], f["end"]),
            "sentence": sentence_of(request.checked, f["start"], f["end"]),
            "type": {"typeName": "Hint" if f["severity"] == "info" else "Other"},
            "rule": rule_info(f["rule"], f["category"], rule, docs_url),
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        })
    out.sort(key=lambda m: (m["offset"], m["length"]))
    return out


def rule_info(rule_id: str, category: str, rule, docs_url: str | None) -> dict:
    info = {
        "id": rule_id,
        "description": (getattr(rule, "summary", None) or category_label(category)),
        "issueType": ISSUE_TYPE.get(category, "style"),
        "category": {"id": category.upper(), "name": category_label(category)},
    }
    if docs_url:
        from stigmacheck.curation.docs import anchor

        info["urls"] = [{"value": f"{docs_url.rstrip('/')}/{category}.md#{anchor(rule_id)}"}]
    return info


def software() -> dict:
    return {"name": "stigmacheck", "version": __version__, "buildDate": None, "apiVersion": 1,
            "premium": False, "premiumHint": None, "status": ""}


def answer(request: Request, found: list[dict], rules: dict, docs_url: str | None = None) -> dict:
    """The whole /v2/check answer."""
    name = DUTCH.get(request.language, request.language)
    language = {"name": name, "code": request.language,
                "detectedLanguage": {"name": name, "code": request.language, "confidence": 1.0 if request.dutch else 0.0,
                                     "source": "stigmacheck"}}
    units = Utf16(request.original)
    return {
        "software": software(),
        "warnings": {"incompleteResults": False},
        "language": language,
        "matches": matches(request, found, rules, docs_url, units) if request.dutch else [],
        "sentenceRanges": [[0, units(len(request.original))]] if request.original else [],
    }
