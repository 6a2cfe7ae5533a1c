"""The `imagery` kind: stereotyped or sensational images on a page about sex work.

It reads only image texts: alt text, image titles, captions and image file names (block kinds
in `IMAGE_KINDS`). A rule lists
- `cues`: word patterns (see patterns.py) that describe such an image ("rode lamp*", "silhouet*");
- `requires` (optional): patterns of which one must also be in the same image text (a label such
  as "sekswerker" is only a problem on an image of someone who cannot be recognised);
- `topic`: patterns of which one must occur somewhere in the document: a red lamp on a page about
  Christmas lighting is fine.
File names are read as words: "rode-lampen_02.jpg" reads as "rode lampen". There is one finding per
rule and image, on the first cue of its best matching text (alt text before title before file
name); the message names every cue found in that text. The fix is another image,
so findings have no suggestions.

The checker sees the whole document (`scope = "document"`): the engine hands it the analyses of
all candidate blocks, image texts always among them (`block_kinds`), each with `.document`.
"""

from __future__ import annotations

from stigmacheck.checks.base import BaseChecker, Kind
import re

from stigmacheck.analysis import BlockAnalysis, Match
from stigmacheck.documents.base import IMAGE_KINDS, Block
from stigmacheck.dutch import fold
from stigmacheck.patterns import Concepts, PatternError, compile_pattern, match_at
from stigmacheck.ruleset.schema import Field

_RANK = {kind: i for i, kind in enumerate(IMAGE_KINDS)}  # alt text first, file name last

FIELDS = {
    "cues": Field(
        "list", required=True, min_items=1, item=Field("str"),
        doc="woordpatronen die het beeld beschrijven, bv. 'rode|rood lamp*|licht'",
    ),
    "requires": Field(
        "list", item=Field("str"),
        doc="een van deze patronen moet ook in dezelfde beeldtekst staan (bv. silhouet bij een label)",
    ),
    "topic": Field(
        "list", required=True, min_items=1, item=Field("str"),
        doc="een van deze patronen moet ergens in het document staan: de pagina gaat over sekswerk",
    ),
    "kinds": Field(
        "list", item=Field("str", choices=IMAGE_KINDS),
        doc="welke beeldteksten (standaard alle: alt, image-title, caption, filename)",
    ),
}

LIST_FIELDS = ("cues", "requires", "topic")
_NOT_A_LETTER = re.compile(r"[^\W\d_]+")


def check_rule(rule):
    """Problems a schema cannot see; yields (line, field, message, hint)."""
    if "{suggestion}" in rule.message:
        yield (
            rule.line_of("message"), "message", "een beeldregel geeft geen suggestie (de oplossing is een ander beeld)",
            "gebruik {text} (de gevonden woorden) en {cues} (alle gevonden beschrijvingen)",
        )


def check_concepts(rule, concepts: Concepts):
    """Compile every pattern once, so an unknown @begrip is reported at load time with its line."""
    for key in LIST_FIELDS:
        for i, text in enumerate(rule.data.get(key, [])):
            try:
                compile_pattern(text, concepts)
            except PatternError as exc:
                yield (rule.line_of(key, i), f"{key}[{i}]", str(exc), "zie rules/_begrippen.yaml")


def name_words(name: str) -> str:
    """A file name as words, same length: separators, digits and the extension become spaces."""
    stem_end = name.rfind(".")
    out = [" "] * len(name)
    for m in _NOT_A_LETTER.finditer(name[: stem_end if stem_end > 0 else len(name)]):
        out[m.start() : m.end()] = m.group()
    return "".join(out)


class _Rule:
    def __init__(self, rule, concepts: Concepts):
        data = rule.data
        self.rule = rule
        self.cues = [compile_pattern(p, concepts) for p in data["cues"]]
        self.requires = [compile_pattern(p, concepts) for p in data.get("requires", [])]
        self.topic = [compile_pattern(p, concepts) for p in data["topic"]]
        self.kinds = set(data.get("kinds") or IMAGE_KINDS)
        # The gate lets a file through on these stems: the rarer side decides (a label needs its cue).
        # Image cues are everyday words ("licht", "achter"); what makes a file a candidate is that it
        # is about sex work at all, so the topic gives the prefilter stems.
        self.triggers = {s for p in self.topic for slot in p.slots for s in slot.test.stems() if len(s) >= 4}


def _stems(patterns: list[str], concepts: Concepts) -> set[str]:
    """For each pattern, the words of its most distinctive slot, cut at the first wildcard."""
    out: set[str] = set()
    for text in patterns:
        best: list[str] = []
        for slot in text.split():
            words = []
            for alt in slot.rstrip("?").split("|"):
                items = concepts.words(alt[1:]) if alt.startswith("@") else [alt]
                for item in items:
                    if item.startswith("re:"):
                        continue
                    pieces = fold(item).replace("?", "*").split("*")
                    words.append(max((p.split()[0] if p.split() else "" for p in pieces), key=len))
            if words and min(map(len, words)) >= min(map(len, best), default=0):  # ties: the later word
                best = words
        out.update(w for w in best if len(w) >= 3)
    return out


def _find(analysis, patterns) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) block offsets where one of `patterns` matches."""
    tokens = analysis.tokens
    hits = []
    k = 0
    while k < len(tokens):
        end = max((e for e in (match_at(analysis, k, p) for p in patterns) if e is not None), default=None)
        if end is None or end <= k:
            k += 1
            continue
        hits.append((tokens[k].start, tokens[end - 1].end))
        k = end
    return hits


class ImageryChecker(BaseChecker):
    scope = "document"  # it needs the whole document; the whole-file gate then trusts its stems
    block_kinds = IMAGE_KINDS  # blocks the engine analyses for it even without a trigger stem

    def __init__(self, rules, concepts: dict | None = None):
        self.concepts = Concepts(concepts or {})
        self.rules = [_Rule(r, self.concepts) for r in rules]
        self._topic_doc = None
        self._topic: dict[int, bool] = {}
        self._words: list = []

    def triggers(self) -> list[str]:
        return sorted({s for r in self.rules for s in r.triggers})

    def check_document(self, analyses, findings):
        """One finding per rule and image: of the texts of one image (alt, title, file name: one
        block group) the alt text speaks for it first, the file name last."""
        found = [(a, m) for a in analyses if a.block.kind in IMAGE_KINDS for m in self.check(a)]
        best: dict[tuple, tuple] = {}
        for a, m in found:
            if a.block.group is not None:
                key = (m.rule.id, a.block.group)
                if key not in best or _RANK[a.block.kind] < _RANK[best[key][0].block.kind]:
                    best[key] = (a, m)
        for a, m in found:
            if a.block.group is None or best[(m.rule.id, a.block.group)][1] is m:
                yield a, m

    def check(self, analysis) -> list[Match]:
        block = analysis.block
        if block.kind not in IMAGE_KINDS:
            return []
        words = analysis
        if block.kind == "filename":
            words = BlockAnalysis(Block.linear(name_words(block.text), 0), None, analysis.names)
        out = []
        for r in self.rules:
            if block.kind not in r.kinds:
                continue
            hits = _find(words, r.cues)
            if not hits or (r.requires and not _find(words, r.requires)):
                continue
            if not self._about(analysis, r):
                continue
            start, end = hits[0]
            found = []
            for s, e in hits:
                if block.text[s:e] not in found:
                    found.append(block.text[s:e])
            message = _message(r.rule, block.text[start:end], found)
            out.append(Match(r.rule, start, end, [], False, message=message))
        return out

    # -- is the document about sex work?

    def _about(self, analysis, r: _Rule) -> bool:
        document = getattr(analysis, "document", None)
        key = document if document is not None else analysis
        if key is not self._topic_doc:
            self._topic_doc = key
            self._topic = {}
            blocks = document.blocks if document is not None else [analysis.block]
            self._words = [
                BlockAnalysis(Block.linear(name_words(b.text), 0)) if b.kind == "filename" else BlockAnalysis(b)
                for b in blocks
            ]
        if id(r) not in self._topic:
            self._topic[id(r)] = any(_find(words, r.topic) for words in self._words)
        return self._topic[id(r)]


def _message(rule, text: str, found: list[str]) -> str:
    cues = ", ".join(f"'{c}'" for c in found)
    try:
        return rule.message.format(text=text, cues=cues, suggestion="")
    except (KeyError, IndexError, ValueError):
        return rule.message


Checker = ImageryChecker
KIND = Kind("imagery", FIELDS, ImageryChecker, check_rule, check_concepts)
