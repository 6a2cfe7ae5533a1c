"""Words the text talks *about* rather than uses: naming ('in de volksmond heten zij ...', 'worden
hoerenlopers genoemd', 'spreken van', 'staat bekend als', 'onder de noemer'), definitions ('onder
prostitutie verstaat de wet ...', 'X betekent ...') and dictionary or history talk ('het woord raakte
in onbruik'). They become `mention` contexts (see context.py); the engine reports no finding there.

Over-reach is the risk: in "Sekswerkers noemden de prostitutieverordening onwerkbaar" the term is
the object, not the name given, so it stays the author's own voice. Only the predicate of a naming
verb (the end of its clause) is a name.
"""

from __future__ import annotations

import re

HETEN = {"heet", "heten", "heette", "heetten", "geheten"}
NOEMEN = {"noem", "noemt", "noemen", "noemde", "noemden"}
NAMED = {"genoemd", "genaamd", "gedoopt", "betiteld"}  # not "uitgemaakt voor": that is a slur used
SPREKEN = {"spreek", "spreekt", "spreken", "sprak", "spraken", "gesproken"}
KNOWN_AS = ("bekend als", "bekendstond als", "bekend stond als", "bekendstaan als", "te boek als")
UNDER = ("onder de noemer", "onder de naam", "onder de term", "onder het etiket", "onder de benaming")
DEFINE = re.compile(
    r"\bonder\s+(?P<a>[^\W\d_]+(?:\s+[^\W\d_]+)?)\s+(?:verstaat|verstaan|verstond|verstonden|wordt\s+verstaan|"
    r"werd\s+verstaan|verstaan\s+we|verstaan\s+wij)\b"
    r"|\bmet\s+(?:de\s+term\s+|het\s+woord\s+)?(?P<b>[^\W\d_]+)\s+(?:wordt|werd|bedoelen|bedoelt|bedoeld)\b"
    r"|\bde\s+definitie\s+van\s+(?P<c>[^\W\d_]+)"
    r"|(?:^|[.!?]\s+)(?P<d>[^\W\d_]+)\s+(?:betekent|betekende|wordt\s+gedefinieerd|werd\s+gedefinieerd|is\s+gedefinieerd)\b",
    re.IGNORECASE,
)
# Sentences about words and their history: every term in them is talked about.
WORD_TALK = re.compile(
    r"\b(?:woordenboek\w*|van dale|etymolog\w*|in onbruik|verouderde?\s+(?:woord|term|benaming|begrip)|"
    r"ouderwetse\s+(?:woord|term|benaming)|scheldnaam|scheldwoord|in de volksmond|spreektaal|"
    r"(?:latijnse|franse)\s+woord|afgeleid\s+van\s+het\s+(?:latijnse|franse)|sprak\s+men\s+van|noemde\s+men)\b",
    re.IGNORECASE,
)
CLAUSE_END = ".;:!?()\n"
ARTICLES = {"de", "het", "een", "deze", "die", "dit", "dat", "zijn", "haar", "hun", "onze", "ons", "geen", "elke", "ieder"}


def naming_contexts(analysis, make) -> list:
    """Contexts ("mention") for names given, definitions and word talk; `make(start, end)` builds one."""
    text, tokens = analysis.text, analysis.tokens
    low = text.lower()
    out = []
    for m in WORD_TALK.finditer(text):
        a, b = _sentence(text, m.start())
        out.append(make(a, b))
    for m in DEFINE.finditer(text):
        group = next(g for g in ("a", "b", "c", "d") if m.group(g))
        out.append(make(m.start(group), m.end(group)))
    for cue in KNOWN_AS + UNDER:
        for m in re.finditer(r"\b" + cue + r"\b", low):
            out.append(make(m.end(), _clause_end(text, m.end(), words=4)))
    for k, tok in enumerate(tokens):
        w = tok.folded
        if w in HETEN:
            out.append(make(tok.end, _clause_end(text, tok.end, words=8)))  # "heetten in de 19e eeuw lichtekooien"
        elif w in NAMED and k > 0:
            prev = tokens[k - 1]
            if not any(c in text[prev.end : tok.start] for c in CLAUSE_END + ","):
                out.append(make(prev.start, prev.end))  # "worden die mannen hoerenlopers genoemd"
        elif w in NOEMEN:
            last = _clause_last_word(analysis, k)
            # an object, then the name without an article: "noemden de vrouwen hoeren." (not "noemde
            # de burgemeester ook de prostitutie", where 'noemen' is 'to mention')
            if last is not None and last > k + 1 and tokens[last - 1].folded not in ARTICLES:
                out.append(make(tokens[last].start, tokens[last].end))
        elif w in SPREKEN and k + 1 < len(tokens) and tokens[k + 1].folded == "van":
            out.append(make(tokens[k + 1].end, _clause_end(text, tokens[k + 1].end, words=4)))
    return out


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, at) for c in ".!?\n") if i >= 0]
    return start, (min(ends) if ends else len(text))


def _clause_end(text: str, at: int, words: int) -> int:
    """End of at most `words` words after `at`, stopping at punctuation that ends a clause."""
    pos = at
    for m in re.finditer(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]", text[at:]):
        if m.group() in CLAUSE_END or m.group() == ",":
            break
        words -= 1
        pos = at + m.end()
        if words == 0:
            break
    return pos


def _clause_last_word(analysis, k: int) -> int | None:
    """Index of the last token of the clause that starts at token k, when the clause ends with
    punctuation (or the block) right after it."""
    tokens, text = analysis.tokens, analysis.text
    j = k
    while j + 1 < len(tokens):
        gap = text[tokens[j].end : tokens[j + 1].start]
        if any(c in gap for c in CLAUSE_END + ","):
            return j
        j += 1
    return j if j > k else None
