"""The whole-file gate: can any rule match anywhere in this raw file text?

Ordinary Dutch is full of the short stems rules trigger on ("vrouw" for "vrouw van lichte zeden",
"verko" for "je lichaam verkopen"), so a stem hit alone would send nearly every page of a website
through a reader. The gate therefore works in two stages, both on the raw source (no reader runs):

1. the stems of all rules, looked for in the file's UTF-8 bytes by the quick test of
   quicktest.py (one byte translation and one DFA pass): no hit, no match possible. Letters
   written as entities, soft hyphens and <wbr> ("prostitu&eacute;e", "prosti<wbr>tutie") are
   undone first when the text has any.
2. for each stem hit, a window of raw text around it, markup removed, goes through the block
   checkers themselves without spaCy: only a real match lets the file through. A checker that
   asks for spaCy (its cheap conditions held) lets the file through too. Checkers that see the
   whole document (scope "document") cannot be asked about a window; their own stems decide,
   and for those that only see image texts (`block_kinds` within IMAGE_KINDS) only when the file
   has an image at all.

The gate must never say "no" where the full check would find something; tests compare findings
with and without it (`--no-prefilter`) on the annotated corpus written out as text, Markdown and HTML.
"""

from __future__ import annotations

import html
import re

from stigmacheck.analysis import LINE_BREAK_HYPHEN, BlockAnalysis
from stigmacheck.documents.base import IMAGE_KINDS, Block
from stigmacheck.screening.prefilter import compile_prefilter

WINDOW = 300  # characters of context on each side of a stem hit; rules look a few words around

# Markup that can hide a stem inside a word in a file with no plain stem hit at all: a letter
# written as an entity ("prostitu&eacute;e"), a soft hyphen, a <wbr> tag. Checked with fast
# literal searches only; other markup inside a single word (a whole tag or Markdown emphasis in
# the middle of a word) is caught only in stage 2, i.e. when the page has another stem hit.
_ENTITY = re.compile(
    r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z](?:acute|grave|circ|uml|tilde|cedil|ring|slash|caron|macr)|[A-Za-z]{2}lig|shy);"
)
_WBR = re.compile(r"<wbr\s*/?>|\xad", re.IGNORECASE)


def _hidden_letters(source: str) -> str | None:
    """`source` with letter entities, soft hyphens and <wbr> undone, or None when it has none.
    Called only where the quick test saw such markup (quicktest.HIDDEN_UTF8)."""
    changed = False
    if "&" in source:
        # each distinct entity is looked at once (a page may have hundreds of "&#8217;")
        if any(html.unescape(e).isalpha() or e == "&shy;" for e in set(_ENTITY.findall(source))):
            source = _ENTITY.sub(lambda m: html.unescape(m.group()), source)
            changed = True
    if "\xad" in source or "<wbr" in source or "<WBR" in source:
        source = _WBR.sub("", source)
        changed = True
    if "-\n" in source or "-\r" in source:  # a word split over two lines: "prostitu-\ntie"
        joined = LINE_BREAK_HYPHEN.sub("", source)
        changed = changed or len(joined) != len(source)
        source = joined
    return source if changed else None


# Where image texts (alt, title, caption, file name) can come from: HTML and Markdown images.
_IMAGES = re.compile(r"<(?:img|figure|figcaption|svg|area|input|object|picture)\b|!\[", re.IGNORECASE)

# Markup that can sit between the words of a phrase: tags, entities, emphasis, code marks,
# link brackets and targets, quote and list marks at the start of a line.
_TAG = re.compile(r"<[^<>]{0,2000}>")
_MARKUP_CHARS = re.compile(r"[<&*_`~\[>]")
_TAG_IN_WORD = re.compile(r"\w<[^<>]{0,2000}>\w")
_MARKS = re.compile(r"\]\([^()\s]*\)|\]\[[^\]\n]*\]|^[ \t]*(?:>[ \t]?)+|[*_`~\[\]]", re.MULTILINE)


class _NeedsNLP(Exception):
    pass


class _GateAnalysis(BlockAnalysis):
    """A block analysis that refuses to load spaCy: the gate must stay cheap. A checker that asks
    for spaCy lets the file through."""

    @property
    def doc(self):
        raise _NeedsNLP


def _unmark(source: str, tag: str) -> str:
    """`source` with markup replaced: tags by `tag` ("" or " "), other marks by nothing, entities
    by their character (three C-speed passes, no Python call per tag)."""
    text = _TAG.sub(tag, source) if "<" in source else source
    text = _MARKS.sub("", text)
    return html.unescape(text) if "&" in text else text


# How far around a stem hit a checker can look is its `gate_window` in characters (term: a word
# or a phrase of a few words); a checker without one gets the whole paragraph around the hit, up
# to PARAGRAPH characters each way.
PARAGRAPH = 3000
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


class SourceGate:
    def __init__(self, checkers, names=()):
        self.names = names
        self.stems = compile_prefilter(s for c in checkers for s in c.triggers())
        self.block: list[tuple[object, re.Pattern, int | None]] = []  # (checker, stems, reach)
        doc_level, image_level = [], []
        for c in checkers:
            stems = compile_prefilter(c.triggers())
            if stems is None:
                continue
            if c.scope == "block":
                self.block.append((c, stems, c.gate_window))
            elif set(c.block_kinds or ()) - set(IMAGE_KINDS):
                doc_level.append(c)
            elif c.block_kinds:
                image_level.append(c)  # sees image texts only: matters only where there are images
            else:
                doc_level.append(c)
        # checkers that see the whole document cannot be asked about a window: their stems decide
        self.doc_stems = compile_prefilter(s for c in doc_level for s in c.triggers())
        self.image_stems = compile_prefilter(s for c in image_level for s in c.triggers())
        self.block.sort(key=lambda entry: entry[0].needs_nlp)  # cheapest first

    def may_match(self, source: str, data: bytes | None = None) -> bool:
        """`data`, when given, is `source` encoded as UTF-8 (the file's bytes, so that clean
        pages are settled without encoding, lower-casing or folding `source`)."""
        if self.stems is None:
            return False
        if data is None:
            data = source.encode("utf-8", "surrogatepass")
        if not self.stems.may_contain_utf8(data, hidden=True):  # no stem, and nothing hides a letter
            return False
        unhidden = _hidden_letters(source)
        if unhidden is not None:
            source, data = unhidden, unhidden.encode("utf-8", "surrogatepass")
            if not self.stems.may_contain_utf8(data):
                return False
        elif not self.stems.may_contain_utf8(data):
            return False
        if self.doc_stems is not None and self.doc_stems.may_contain_utf8(data):
            return True
        if self.image_stems is not None and _IMAGES.search(source) and self.image_stems.may_contain_utf8(data):
            return True
        low = source.lower()
        from stigmacheck import nlp

        try:
            with nlp.blocked(_NeedsNLP):  # also for checkers that ask nlp directly (has_parser)
                return self._confirm(source, low)
        except _NeedsNLP:
            return True

    def _confirm(self, text: str, low: str) -> bool:
        """Does a block checker match in a window around any of its stem hits in `text`? The
        window is taken from the raw text (twice the reach: markup takes room) and then read
        twice with its markup removed: tags as spaces and tags as nothing."""
        if len(low) != len(text):  # a rare letter whose lower case is longer: check all of it
            return any(self._matches_marked(c, text) for c, _, _ in self.block)
        for checker, stems, reach in self.block:
            done = -1
            for m in stems.finditer(low):
                if m.start() < done:
                    continue
                start, end = _window(text, m.start(), m.end(), reach)
                if reach and _MARKUP_CHARS.search(text, start, end):
                    start, end = _window(text, m.start(), m.end(), 2 * reach)  # markup takes room
                if self._matches_marked(checker, text[start:end]):
                    return True
                done = m.end() + (end - m.end()) // 2  # later hits near the edge get their own window
        return False

    def _matches_marked(self, checker, text: str) -> bool:
        if _MARKUP_CHARS.search(text) is None:
            return self._matches(checker, text)
        if self._matches(checker, _unmark(text, " ")):
            return True
        # tags as nothing differs only where a tag sits between two letters ("prosti<b>tu</b>tie")
        return _TAG_IN_WORD.search(text) is not None and self._matches(checker, _unmark(text, ""))

    def _matches(self, checker, text: str) -> bool:
        return bool(checker.check(_GateAnalysis(Block.linear(text, 0), None, self.names)))


def _window(text: str, start: int, end: int, reach: int | None) -> tuple[int, int]:
    """Whole words around text[start:end]: `reach` characters each way, or the paragraph."""
    if reach is None:
        lo = max(0, start - PARAGRAPH)
        hi = min(len(text), end + PARAGRAPH)
        before = [m.end() for m in _BLANK_LINE.finditer(text, lo, start)]
        after = _BLANK_LINE.search(text, end, hi)
        lo = before[-1] if before else lo
        hi = after.start() if after else hi
    else:
        lo, hi = max(0, start - reach), min(len(text), end + reach)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return lo, hi
