"""Per-block analysis shared by all checks: words, sentences, contexts, and spaCy when needed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from stigmacheck.dutch import fold

# A word: letters/digits joined by inner hyphens or apostrophes ("ex-prostituee", "zo'n"),
# optionally with a trailing hyphen of a truncated compound ("raam- en straatprostitutie").
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*(?:-(?=\s*(?:en|of|tot|,)\b))?")
LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*(?:\r\n|\r|\n)[ \t]*")
# Invisible characters inside a word: soft hyphen (&shy;), zero-width space and joiners.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060]+")


@dataclass
class Token:
    i: int
    start: int
    end: int
    text: str
    folded: str


@dataclass
class Match:
    """A rule hit inside one block, before context and overlap resolution."""

    rule: object  # Rule
    start: int
    end: int
    suggestions: list[str] = field(default_factory=list)
    fixable: bool = True
    reason: str = ""  # why the fix is not safe, when `fixable` is False (Dutch; a default is given)
    priority: int = 0  # higher wins when matches overlap
    scope: str = "span"
    message: str | None = None  # a kind may build its own message (counts, details)
    covers: tuple[int, int] | None = None  # what a covering finding absorbs (default: own span)
    # further edits that belong to applying the first suggestion, e.g. the article in
    # "de prostitutie" -> "het sekswerk": (start, end, replacement) in block offsets
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    # a word test of which the document must contain a word somewhere ("tippelen" only on a page
    # about sex work: it is also a word for walking); None: no condition
    topic: object = None


class BlockAnalysis:
    def __init__(self, block, nlp_doc=None, names=()):
        self.block = block
        self.text: str = block.text
        self._nlp_doc = nlp_doc
        self.names = names

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        folded = self.folded
        text = self.text
        out: list[Token] = []
        for m in WORD.finditer(text):
            start, end = m.start(), m.end()
            prev = out[-1] if out else None
            if prev is not None and (
                LINE_BREAK_HYPHEN.fullmatch(text, prev.end, start) and text[start].islower()
                or INVISIBLE.fullmatch(text, prev.end, start)
            ):
                # a word split over two lines ("prostitu-\ntie", as in text taken from a PDF) or by a soft
                # hyphen ("prosti&shy;tutie"): one token whose text is the joined word and whose span
                # covers both halves
                joined = prev.text + m.group()
                out[-1] = Token(prev.i, prev.start, end, joined, fold(joined))
                continue
            out.append(Token(len(out), start, end, m.group(), folded[start:end]))
        return out

    def token_at(self, offset: int) -> int:
        """Index of the first token that ends after `offset`."""
        import bisect

        ends = self._ends
        return bisect.bisect_right(ends, offset)

    @cached_property
    def _ends(self) -> list[int]:
        return [t.end for t in self.tokens]

    @cached_property
    def contexts(self):
        from stigmacheck.context import find_contexts

        return find_contexts(self)

    @property
    def doc(self):
        """The spaCy Doc of this block (built on first use)."""
        if self._nlp_doc is None:
            from stigmacheck.nlp import get_nlp

            self._nlp_doc = get_nlp()(self.text)
        return self._nlp_doc

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans (block offsets) from spaCy's sentence boundaries."""
        return [(s.start_char, s.end_char) for s in self.doc.sents]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return 0, len(self.text)

    def is_sentence_start(self, offset: int) -> bool:
        """Cheap test (no spaCy): only punctuation, quotes or bullets since the last full stop."""
        j = offset - 1
        text = self.text
        while j >= 0 and (text[j] in " \t" or text[j] in "\"'„“”‘’«»(*-–—•·>#[|"):
            j -= 1
        return j < 0 or text[j] in ".!?:;\r\n"
