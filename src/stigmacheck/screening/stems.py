"""The stem test a checker runs on a block before any work that may need spaCy."""

from __future__ import annotations

import re


class BlockStems:
    """A checker's trigger stems, searched in folded text (the space of a two-word stem matches
    any white space). Falsy when there are no stems."""

    def __init__(self, stems):
        stems = sorted(set(stems))
        self.pattern = re.compile("|".join(re.escape(s).replace(r"\ ", r"\s+") for s in stems)) if stems else None

    def __bool__(self) -> bool:
        return self.pattern is not None

    def in_word(self, folded: str) -> bool:
        return self.pattern is not None and self.pattern.search(folded) is not None

    def in_block(self, analysis) -> bool:
        """A stem in the block's folded text, or in a word split over two lines ("prostitu-\\ntie")."""
        if self.pattern is None:
            return False
        if self.pattern.search(analysis.folded):
            return True
        return any(self.pattern.search(t.folded) for t in analysis.tokens if t.end - t.start != len(t.text))
