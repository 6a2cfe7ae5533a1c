"""Attested Dutch words, from the `wordfreq` package (imported on first use only).

Used where a guess about Dutch needs evidence: whether a generated compound is a word people
write ("sekswerkbeleid"), and whether an inflected word is an adjective ("vieze" -> "vies") or a
noun in -e ("gemeente"). Without wordfreq installed every word counts as unattested, so the
callers fall back to not fixing.
"""

from __future__ import annotations

from functools import lru_cache

_module = None


def _wordfreq():
    global _module
    if _module is None:
        try:
            import wordfreq
        except ImportError:
            _module = False
        else:
            _module = wordfreq
    return _module


@lru_cache(maxsize=4096)
def zipf(word: str) -> float | None:
    """Zipf frequency of `word` in Dutch (0: never seen); None when no word list is available."""
    wf = _wordfreq()
    if not wf:
        return None
    return wf.zipf_frequency(word, "nl")


def attested(word: str, minimum: float = 1.0) -> bool:
    z = zipf(word.lower())
    return z is not None and z >= minimum
