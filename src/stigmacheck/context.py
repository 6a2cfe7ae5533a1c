"""Where the author is not speaking in their own voice: quotations, titles, names, citations and
words discussed as words. Findings inside these contexts are dropped or lowered (see engine.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stigmacheck.mention import naming_contexts

# Quote pairs: opener -> accepted closers.
QUOTE_PAIRS = {
    "„": "”“\"",
    "“": "”\"",
    "”": "”",
    "«": "»",
    "‹": "›",
    "‘": "’",
    '"': '"”',
    "'": "'’",
    ",,": "''\"”",
}
_OPENERS = re.compile(r",,|[„“”«‹‘\"']")

# Words that announce a word being discussed as a word ("de term 'loverboy'").
MENTION_SINGULAR = {"term", "woord", "begrip", "benaming", "uitdrukking", "etiket", "label", "scheldwoord", "zegswijze"}
MENTION_PLURAL = {"termen", "woorden", "begrippen", "benamingen", "uitdrukkingen", "labels", "scheldwoorden"}
MENTION_AFTER = re.compile(r"^['’\"”»]?\s*(is|zijn|was|waren)\s+(een\s+|geen\s+)?(\w+\s+)?(term|woord|begrip|benaming|scheldwoord)\b")

SO_CALLED = {"zogenaamde", "zogenaamd", "zogeheten", "zogenoemde", "zogenoemd", "noemer", "naam", "benaming"}
NAMING_VERBS = {"noem", "noemt", "noemen", "noemde", "noemden", "genoemd"}
NAMED_AFTER = {"genoemd", "genaamd"}
WORD_LIST_AFTER = re.compile(r"^\s*[:–—-]\s*(de|die|dat|allemaal|stuk voor stuk)?\s*(\w+\s+){0,2}(scheldwoorden|woorden|termen|benamingen|begrippen|namen)\b", re.IGNORECASE)

# Words that announce a title ("het rapport 'Prostitutie en mensenhandel'").
TITLE_CUES = {
    "rapport", "onderzoek", "onderzoeksrapport", "boek", "publicatie", "artikel", "documentaire", "serie",
    "film", "brochure", "notitie", "nota", "titel", "getiteld", "campagne", "programma", "debat", "rondetafelgesprek",
    "conferentie", "symposium", "podcast", "aflevering", "column", "wet", "wetsvoorstel", "project", "thema",
    "themamiddag", "bijeenkomst", "webinar", "factsheet", "handreiking", "leidraad", "monitor", "evaluatie",
    "studie", "advies", "adviesrapport", "plan", "actieplan", "verslag", "rubriek", "hoofdstuk", "paragraaf",
}
# Capitalised words that start the name of a law, body or programme ("Wet regulering prostitutie ...").
TITLE_HEADS = {
    "wet", "wetsvoorstel", "besluit", "regeling", "verordening", "programma", "actieplan", "nota", "convenant",
    "project", "team", "taskforce", "expertisecentrum", "centrum", "meldpunt", "stichting", "vereniging",
    "platform", "werkgroep", "commissie", "rapport", "debat", "dossier", "netwerk", "coalitie", "fonds",
    "informatiecentrum", "landelijk", "nationaal", "kenniscentrum", "samenwerkingsverband", "aanpak",
}
SPEECH_CUES = {
    "zegt", "zei", "zeggen", "zeiden", "aldus", "vertelt", "vertelde", "stelt", "stelde", "schrijft", "schreef",
    "noemt", "noemde", "verklaart", "verklaarde", "citeert", "citeerde", "vindt", "vond", "roept", "riep",
    "antwoordt", "antwoordde", "reageert", "reageerde", "zo", "meldt", "meldde", "benadrukt", "benadrukte",
}
CITATION_LINE = re.compile(
    r"^\s*(?:\[\^?\w+\]:?|\^?\d{1,3}[.)]?|\*|bron(?:nen)?:|zie(?: ook)?:|noot \d+:?)\s+\S.*?(?:\(\d{4}\)|\b(?:19|20)\d\d\b)",
    re.IGNORECASE,
)


@dataclass
class Context:
    start: int
    end: int
    kind: str  # quotation, title, mention, name, citation


def find_contexts(analysis) -> list[Context]:
    text = analysis.text
    out: list[Context] = []
    out += _citations(text)
    out += _quotes(analysis)
    out += _mentions(analysis)
    out += _names(analysis)
    out += _debates(analysis)
    out += naming_contexts(analysis, lambda a, b: Context(a, b, "mention"))
    return out


def context_of(analysis, start: int, end: int) -> str | None:
    """The strongest context of the match [start, end): a name, title, citation or mention that
    covers its first word ("het team Prostitutie en Mensenhandel"), else a quotation covering it."""
    best = None
    for ctx in analysis.contexts:
        if ctx.kind != "quotation" and ctx.start <= start < ctx.end:
            return ctx.kind
        if ctx.kind == "quotation" and ctx.start <= start and end <= ctx.end:
            best = "quotation"
    return best


def _citations(text: str) -> list[Context]:
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if CITATION_LINE.match(line):
            out.append(Context(pos, pos + len(line), "citation"))
        pos += len(line)
    return out


def _words_before(text: str, offset: int, n: int) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+", text[max(0, offset - 80) : offset])][-n:]


def _quotes(analysis) -> list[Context]:
    text = analysis.text
    out = []
    pos = 0
    while True:
        m = _OPENERS.search(text, pos)
        if not m:
            break
        opener = m.group()
        start = m.end()
        if opener in "'\"" and not _opens(text, m.start(), start):
            pos = start
            continue
        close = _find_close(text, start, QUOTE_PAIRS[opener])
        if close is None:
            pos = start
            continue
        out.append(_classify(analysis, m.start(), start, close, close + (2 if text.startswith("''", close) else 1)))
        pos = close + 1
    return out


def _opens(text: str, i: int, after: int) -> bool:
    """A straight quote opens when it follows a space/start/bracket and precedes a letter."""
    before_ok = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{:—–-/"
    return before_ok and after < len(text) and (text[after].isalnum())


def _find_close(text: str, start: int, closers: str) -> int | None:
    j = start
    limit = min(len(text), start + 1500)
    while j < limit:
        c = text[j]
        if c in closers:
            if c in "'’" and j + 1 < len(text) and text[j + 1].isalpha() and j > 0 and text[j - 1].isalpha():
                j += 1  # an apostrophe inside a word: zo'n, auto's
                continue
            if c == "'" and text.startswith("''", j):
                return j
            return j
        if c == "\n" and j + 1 < len(text) and text[j + 1] in "\r\n":
            return None  # quotes do not run across paragraphs
        j += 1
    return None


def _classify(analysis, q_open: int, start: int, end: int, q_close: int) -> Context:
    text = analysis.text
    inner = text[start:end]
    words = re.findall(r"[^\W_]+", inner)
    before = _words_before(text, q_open, 4)
    after = text[q_close : q_close + 60]
    if before and before[-1] in SO_CALLED and len(words) <= 5:
        return Context(q_open, q_close, "mention")  # de zogeheten 'loverboymethode'
    if before and (before[-1] in MENTION_SINGULAR | MENTION_PLURAL or before[-2:-1] and before[-1] in ("als", "zoals") and before[-2] in MENTION_PLURAL | MENTION_SINGULAR) and len(words) <= 5:
        return Context(q_open, q_close, "mention")
    if len(words) <= 4 and MENTION_AFTER.match(text[end:end + 60]):
        return Context(q_open, q_close, "mention")
    if len(words) <= 3 and _metalinguistic(text, q_open, q_close):
        return Context(q_open, q_close, "mention")
    if any(w in TITLE_CUES for w in before[-3:]) and words and words[0][:1].isupper():
        return Context(q_open, q_close, "title")
    if re.match(r"\s*\((?:19|20)\d\d\)", after):
        return Context(q_open, q_close, "title")
    spoken = (
        len(words) >= 3
        or text[max(0, q_open - 3) : q_open].strip().endswith(":")
        or any(w in SPEECH_CUES for w in before[-2:])
        or any(w in SPEECH_CUES for w in re.findall(r"\w+", after.lower())[:2])
    )
    if spoken:
        return Context(q_open, q_close, "quotation")
    return Context(q_open, q_open, "scare")  # scare quotes: the author still uses the word


# Words that show a sentence talks about words: "waarom schrijven we niet 'prostituee'?"
METALINGUISTIC = {
    "noem", "noemt", "noemen", "noemde", "noemden", "genoemd", "heet", "heten", "heette", "schrijf", "schrijft",
    "schrijven", "bedoel", "bedoelt", "bedoelen", "bedoeld", "gebruik", "gebruikt", "gebruiken", "woord", "woorden",
    "term", "termen", "begrip", "begrippen", "benaming", "spreken", "spreekt", "vervangen", "vervangt", "zeggen",
    "liever", "plaats",
}


def _metalinguistic(text: str, q_open: int, q_close: int) -> bool:
    start = max(text.rfind(".", 0, q_open), text.rfind("?", 0, q_open), text.rfind("!", 0, q_open)) + 1
    ends = [i for i in (text.find(".", q_close), text.find("?", q_close), text.find("!", q_close)) if i >= 0]
    end = min(ends) if ends else len(text)
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text[start:q_open] + " " + text[q_close:end])}
    return bool(words & METALINGUISTIC)


def _mentions(analysis) -> list[Context]:
    """Unquoted words discussed as words: 'het woord prostituee', 'termen als hoer en slet'."""
    out = []
    tokens = analysis.tokens
    text = analysis.text
    for m in re.finditer(r"[:–—]", text):
        if WORD_LIST_AFTER.match(text[m.start():m.start() + 80]):
            start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            out.append(Context(start, m.start(), "mention"))  # "Lichtekooien, snollen: oude scheldwoorden"
    for k, tok in enumerate(tokens):
        low = tok.folded
        if low in NAMED_AFTER and k >= 2 and tokens[k - 1].folded in ("werden", "worden", "wordt", "werd"):
            out.append(Context(tokens[k - 2].start, tokens[k - 2].end, "mention"))  # X werden genoemd
            continue
        if k + 1 == len(tokens):
            break
        nxt = tokens[k + 1]
        if low in MENTION_SINGULAR:
            between = text[tok.end : nxt.start]
            if between.strip() in ("", ":") :
                out.append(Context(nxt.start, _phrase_end(analysis, k + 1, 4), "mention"))
        elif low in ("zich", "zichzelf") and k > 0 and tokens[k - 1].folded in NAMING_VERBS:
            out.append(Context(nxt.start, _phrase_end(analysis, k + 1, 5), "mention"))  # noemt zich geen ...
        elif low in MENTION_PLURAL and nxt.folded in ("als", "zoals", "van"):
            stop = re.search(r"[.;:!?]|\bzijn\b|\bworden\b", text[nxt.end :])
            end = nxt.end + stop.start() if stop else len(text)
            out.append(Context(nxt.end, end, "mention"))
    return out


def _phrase_end(analysis, k: int, n: int) -> int:
    """End of up to n words from token k, stopping at punctuation."""
    tokens = analysis.tokens
    end = tokens[k].end
    for j in range(k + 1, min(len(tokens), k + n)):
        if analysis.text[end : tokens[j].start].strip():
            break
        end = tokens[j].end
    return end


def _names(analysis) -> list[Context]:
    """Known names from rules/_namen.yaml and capitalised multi-word names and titles."""
    text = analysis.text
    out = []
    for name in analysis.names:
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            out.append(Context(m.start(), m.end(), "name"))
    tokens = analysis.tokens
    upper_block = sum(1 for t in tokens if t.text[:1].isupper()) > 0.6 * max(len(tokens), 1)
    if upper_block:
        return out  # a Title Case Heading: capitals say nothing
    for k, tok in enumerate(tokens):
        if not tok.text[:1].isupper() or tok.text.isupper() and len(tok.text) > 1:
            continue
        initial = analysis.is_sentence_start(tok.start)
        prev_cap = k > 0 and tokens[k - 1].text[:1].isupper() and not text[tokens[k - 1].end : tok.start].strip()
        next_cap = (
            k + 1 < len(tokens)
            and tokens[k + 1].text[:1].isupper()
            and not text[tok.end : tokens[k + 1].start].strip()
        )
        if not initial and (prev_cap or next_cap):
            out.append(Context(tok.start, tok.end, "name"))  # Prostitutie Informatie Centrum
        elif not initial and not (tok.text.isupper()):
            out.append(Context(tok.start, tok.end, "name"))  # a capitalised word mid-sentence
        elif initial and next_cap and _longer_name(analysis, k):
            out.append(Context(tok.start, tok.end, "name"))  # "Prostitutie Informatie Centrum opent"
        if tok.folded in TITLE_HEADS | TITLE_CUES and (not initial or tok.folded in ("wet", "wetsvoorstel", "besluit")):
            out.append(Context(tok.start, _title_end(analysis, k), "title"))  # "de Monitor prostitutie en ..."
        elif not initial and k > 0 and tokens[k - 1].folded in TITLE_CUES and not text[tokens[k - 1].end : tok.start].strip():
            out.append(Context(tok.start, _title_end(analysis, k), "title"))  # "wetsvoorstel Regulering prostitutie"
    return out


ORG_WORDS = {"informatie", "centrum", "platform", "netwerk", "team", "stichting", "vereniging", "project",
             "programma", "coalitie", "alliantie", "collectief", "fonds", "meldpunt", "werkgroep", "overleg"}


def _longer_name(analysis, k: int) -> bool:
    tokens, text = analysis.tokens, analysis.text
    nxt = tokens[k + 1]
    if nxt.folded in ORG_WORDS:
        return True
    if k + 2 < len(tokens):
        after = tokens[k + 2]
        return after.text[:1].isupper() and not text[nxt.end : after.start].strip()
    return False


def _title_end(analysis, k: int) -> int:
    """A title that starts with a capitalised head runs over lower-case words until punctuation."""
    tokens = analysis.tokens
    text = analysis.text
    end = tokens[k].end
    for j in range(k + 1, min(len(tokens), k + 8)):
        gap = text[end : tokens[j].start]
        if gap.strip() or tokens[j].folded in TITLE_STOP:
            break
        end = tokens[j].end
    return end


# Words that end a title running over lower-case words: verbs, pronouns, articles, conjunctions.
TITLE_STOP = set(
    """dat die dit deze de het een is zijn was waren wordt worden werd werden heeft hebben had hadden moet
    moeten kan kunnen zal zullen gaat gaan om te als maar omdat want wanneer waar wie er ook niet nog al wel
    we wij ze zij hij u ik regelt regelen bepaalt bepalen verplicht geldt gelden treedt trad""".split()
)



# Parliamentary meetings are named by their topic: "commissiedebat over mensenhandel en prostitutie".
PARLIAMENT_MEETINGS = {"commissiedebat", "notaoverleg", "wetgevingsoverleg", "rondetafelgesprek", "plenair",
                       "tweeminutendebat", "dertigledendebat", "interpellatie"}
MEETINGS = {"overleg", "debat", "algemeen", "schriftelijk", "mondeling"} | PARLIAMENT_MEETINGS


def _debates(analysis) -> list[Context]:
    """The topic of a named meeting is its title: always after a parliamentary meeting word
    ("commissiedebat over ..."), and after 'overleg'/'debat' in a heading or a heading-like line
    ("Verslag van een schriftelijk overleg over prostitutie en mensenhandel")."""
    tokens, text = analysis.tokens, analysis.text
    out = []
    heading = getattr(analysis.block, "kind", "") == "heading" or _heading_like(text)
    for k in range(1, len(tokens) - 1):
        if tokens[k].folded != "over" or tokens[k - 1].folded not in MEETINGS:
            continue
        words = {t.folded for t in tokens[max(0, k - 3) : k]}
        if heading or words & PARLIAMENT_MEETINGS:
            out.append(Context(tokens[k + 1].start, _title_end(analysis, k + 1), "title"))
    return out


def _heading_like(text: str) -> bool:
    stripped = text.strip()
    return "\n" not in stripped and len(stripped) < 140 and stripped[-1:] not in ".!?:;,"
