"""Screening: every cheap test that decides what the checks never need to look at.

One object, `Screen`, owns them all:

- `file(source, data)`: the whole-file gate on the raw text, before any reader runs (gate.py,
  which uses the byte-level quick test of quicktest.py and the stem patterns of prefilter.py);
- `block(text)`: the per-block stem test on a block's checkable text, before any check runs;
- `always_kinds`: block kinds a checker asks for by name (image texts for imagery) and that are
  analysed even without a stem.

Each test may say "yes" where nothing matches, never "no" where something would.
"""

from __future__ import annotations

import re

from stigmacheck.analysis import LINE_BREAK_HYPHEN
from stigmacheck.screening.prefilter import compile_prefilter

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphen, zero-width characters


class Screen:
    def __init__(self, checkers, names=(), enabled: bool = True):
        self.checkers = checkers
        self.names = names
        self.enabled = enabled
        # Block kinds a checker asks for by name are analysed even without a stem, so that
        # checker's stems only serve the whole-file gate, not the per-block test.
        self.always_kinds = frozenset(k for c in checkers for k in (c.block_kinds or ()))
        self._stems = compile_prefilter(s for c in checkers if not c.block_kinds for s in c.triggers())
        self._gate = None

    def block(self, text: str) -> bool:
        """False only when no rule can possibly match `text` (a block's checkable text)."""
        if not self.enabled:
            return True
        if self._stems is None:
            return False
        low = text.lower()
        if self._stems.contains(low):
            return True
        # a word split over two lines ("prostitu-\ntie") or by a soft hyphen or zero-width
        # character ("prosti&shy;tutie") is one word to the checks
        if _INVISIBLE.search(low):
            low = _INVISIBLE.sub("", low)
            if self._stems.contains(low):
                return True
        return ("-\n" in low or "-\r" in low) and self._stems.contains(LINE_BREAK_HYPHEN.sub("", low))

    def file(self, source: str, data: bytes | None = None) -> bool:
        """False only when no rule can match anywhere in a file's raw text, markup included.
        `data`: `source` as UTF-8 bytes, when the file's bytes are that."""
        if not self.enabled:
            return True
        if self._gate is None:
            from stigmacheck.screening.gate import SourceGate

            self._gate = SourceGate(self.checkers, self.names)
        return self._gate.may_match(source, data)

    def warm_up(self) -> None:
        """Build the whole-file gate and its compiled quick test now, in this process, before
        worker processes are forked from it."""
        if self.enabled:
            self.file("", b"")
