"""Apply safe suggestions in place: only the matched characters change, writes are atomic.

The plan for one file is made from the findings and the Document's block map: each fixable,
non-overlapping finding becomes one edit of the *source* (or, for .docx, of one run). Everything
that is left gets a Dutch reason. Nothing here imports spaCy; the engine does that when needed.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path

from stigmacheck.documents import ReadError, load, reader_for
from stigmacheck.documents.decode import DecodeError, decode

# Reasons a finding is left as it is (shown to the user).
NO_SUGGESTION = "geen vaste vervanging: de juiste woorden hangen af van feiten die alleen u kent"
UNSAFE = "de regel laat deze vervanging niet automatisch toepassen; kies zelf"
IN_QUOTE = "staat in een citaat; een citaat past u niet aan"
DOCUMENT_SCOPE = "gaat over het hele document, niet over één woord"
OVERLAP = "overlapt met een andere melding; pas dit zelf aan"
MARKUP = "de treffer loopt door opmaak heen; pas dit zelf aan"
RUNS = "de treffer loopt over meer opmaakdelen (runs) in het Word-bestand; pas dit zelf aan"
NOT_FOUND = "de plek in de bron is niet eenduidig te vinden"
NOT_ENCODABLE = "de vervanging past niet in de tekenset van het bestand ({encoding})"
CHANGED = "het bestand is gewijzigd sinds het werd gelezen; niet overschreven"


@dataclass
class Change:
    """Replace source[start:end] (code points) by `new`. For .docx, `run` is (<w:t> element, start,
    end): the characters to replace inside that one text element of one run."""

    start: int
    end: int
    new: str
    run: tuple | None = None


@dataclass
class Edit:
    """All changes that applying one finding's first suggestion takes (the word, maybe its article)."""

    finding: object
    changes: list[Change]
    before: str  # for the report: the source from the first to the last change
    after: str


@dataclass
class Skipped:
    finding: object
    reason: str


@dataclass
class FileFix:
    path: str
    original: bytes = b""
    fixed: bytes | None = None  # None: nothing to change
    edits: list[Edit] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    error: str | None = None
    document: object = None
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original


# ---------------------------------------------------------------------------------------------
# Choosing what to fix


def choose(findings) -> tuple[list, list[Skipped]]:
    """Split findings into those that may be fixed and those left with a reason."""
    spans = [f for f in findings if f.scope == "span"]
    todo, left = [], []
    for f in findings:
        if f.scope != "span":
            left.append(Skipped(f, DOCUMENT_SCOPE))
        elif not f.suggestions:
            left.append(Skipped(f, NO_SUGGESTION))
        elif f.context == "quotation":
            left.append(Skipped(f, IN_QUOTE))
        elif not f.fixable:
            left.append(Skipped(f, UNSAFE))
        elif any(g is not f and g.start < f.end and f.start < g.end for g in spans):
            left.append(Skipped(f, OVERLAP))
        else:
            todo.append(f)
    return todo, left


def _common_affixes(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix of old and new (not overlapping in either)."""
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    s = 0
    while s < limit - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return p, s


def _keep_whitespace(old: str, new: str) -> str:
    """'de\\nprostitutie' -> 'het sekswerk' keeps the line break: same word count, old gaps."""
    old_words, new_words = old.split(), new.split()
    if len(old_words) != len(new_words) or len(old_words) < 2:
        return new
    gaps = re.findall(r"\s+", old.strip())
    out = new_words[0]
    for gap, word in zip(gaps, new_words[1:]):
        out += gap + word
    lead = old[: len(old) - len(old.lstrip())]
    trail = old[len(old.rstrip()):]
    return lead + out + trail


def _locate(doc, start: int, end: int):
    """The block and block offsets (bs, be) whose source span is exactly [start, end)."""
    for block in doc.blocks:
        bs = be = None
        for run in block.runs:
            linear = run.blk_len == run.src_len
            if bs is None and run.src <= start < run.src + max(run.src_len, 1):
                if linear:
                    bs = run.blk + (start - run.src)
                elif start == run.src:
                    bs = run.blk
            if run.src < end <= run.src + run.src_len:
                if linear:
                    be = run.blk + (end - run.src)
                elif end == run.src + run.src_len:
                    be = run.blk + run.blk_len
        if bs is not None and be is not None and bs < be:
            if block.to_source(bs) == start and block.to_source_end(be) == end:
                return block, bs, be
    return None


def _snap_to_atomic(block, lo: int, hi: int) -> tuple[int, int]:
    """Widen [lo, hi) in block space so it never cuts an atomic run (an entity) in two."""
    for run in block.runs:
        if run.blk_len == run.src_len:
            continue
        r_lo, r_hi = run.blk, run.blk + run.blk_len
        if r_lo < lo < r_hi:
            lo = r_lo
        if r_lo < hi < r_hi:
            hi = r_hi
    return lo, hi


def _contiguous(block, lo: int, hi: int) -> bool:
    """True when block text [lo, hi) comes from one unbroken stretch of source (no markup between)."""
    runs = [r for r in block.runs if r.blk < hi and lo < r.blk + r.blk_len]
    for a, b in zip(runs, runs[1:]):
        if a.src + a.src_len != b.src:
            return False
    return True


def wanted(finding) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in source offsets: the word and its companion edits (an article)."""
    out = [(finding.start, finding.end, finding.suggestions[0])]
    for e in finding.extra.get("edits", ()) or ():
        out.append((e["offset"], e["end_offset"], e["replacement"]))
    return sorted(out)


def _overlapping(todo, others, left: list[Skipped]) -> list:
    """Drop findings whose changes (companions included) touch another finding or its changes."""
    spans = {id(f): [(a, b) for a, b, _ in wanted(f)] for f in todo}
    for f in others:
        if f.scope == "span":
            spans.setdefault(id(f), [(f.start, f.end)])
    kept = []
    for f in todo:
        mine = spans[id(f)]
        clash = any(
            a < d and c < b
            for key, theirs in spans.items() if key != id(f)
            for a, b in mine for c, d in theirs
        )
        if clash:
            left.append(Skipped(f, OVERLAP))
        else:
            kept.append(f)
    return kept


def _text_change(doc, start: int, end: int, replacement: str, reader: str):
    """The minimal Change for one (start, end, replacement), or a reason why it cannot be made."""
    where = _locate(doc, start, end)
    if where is None:
        return NOT_FOUND
    block, bs, be = where
    old = block.text[bs:be]
    replacement = _keep_whitespace(old, replacement)
    if old == replacement:
        return None
    p, s = _common_affixes(old, replacement)
    lo, hi = bs + p, be - s
    if lo == hi:  # a pure insertion: anchor it on a neighbouring character
        lo, hi = (lo - 1, hi) if lo > bs else (lo, hi + 1)
    lo, hi = _snap_to_atomic(block, lo, hi)
    if not _contiguous(block, lo, hi):
        return MARKUP
    new = replacement[lo - bs: len(replacement) - (be - hi)]
    if reader == "html":
        new = html_escape(new, quote=False)
    return Change(block.to_source(lo), block.to_source_end(hi), new)


def plan(doc, findings, make_change) -> tuple[list[Edit], list[Skipped]]:
    """One Edit per fixable finding whose every change can be made; the rest with a reason."""
    todo, left = choose(findings)
    todo = _overlapping(todo, [f for f in findings if f not in todo], left)
    edits = []
    for f in todo:
        changes, reason = [], None
        for start, end, replacement in wanted(f):
            main = (start, end) == (f.start, f.end)
            if not (doc.source[start:end] == f.text if main else _companion_ok(doc, f, start, end)):
                reason = NOT_FOUND
                break
            made = make_change(start, end, replacement)
            if isinstance(made, str):
                reason = made
                break
            if made is not None:
                changes.append(made)
        if reason:
            left.append(Skipped(f, reason))
        elif changes:
            lo = min([a for a, _, _ in wanted(f)] + [c.start for c in changes])
            hi = max([b for _, b, _ in wanted(f)] + [c.end for c in changes])
            before = doc.source[lo:hi]
            edits.append(Edit(f, changes, before, _apply(before, changes, lo)))
    return edits, left


def _companion_ok(doc, finding, start: int, end: int) -> bool:
    """A companion edit must still say what the engine saw (e.g. the article 'de')."""
    for e in finding.extra.get("edits", ()) or ():
        if (e["offset"], e["end_offset"]) == (start, end):
            return doc.source[start:end] == e.get("text", doc.source[start:end])
    return False


def _apply(text: str, changes: list[Change], base: int = 0) -> str:
    out, pos = [], 0
    for c in sorted(changes, key=lambda c: c.start):
        out.append(text[pos:c.start - base])
        out.append(c.new)
        pos = c.end - base
    out.append(text[pos:])
    return "".join(out)


def plan_text(doc, findings, reader: str) -> tuple[list[Edit], list[Skipped]]:
    """Edits of the decoded source for .txt/.md/.html: only the characters that differ."""
    return plan(doc, findings, lambda a, b, r: _text_change(doc, a, b, r, reader))


def _encoding(data: bytes) -> tuple[str, bytes]:
    """The codec decode() used for these bytes and the prefix (BOM) to keep (UTF-16 included)."""
    from stigmacheck.documents.decode import decode_info

    decoded = decode_info(data)
    return decoded.codec, decoded.bom


def splice_bytes(data: bytes, source: str, edits: list[Edit], left: list[Skipped]) -> tuple[bytes, list[Edit]]:
    """Replace only the bytes of each change; every other byte of `data` is copied as is."""
    codec, bom = _encoding(data)
    kept = []
    for e in edits:
        try:
            for c in e.changes:
                c.new.encode(codec)
        except UnicodeEncodeError:
            left.append(Skipped(e.finding, NOT_ENCODABLE.format(encoding=codec)))
            continue
        kept.append(e)
    out, pos = [bom], len(bom)
    char_at, byte_at = 0, len(bom)
    for c in sorted((c for e in kept for c in e.changes), key=lambda c: c.start):
        b_start = byte_at + len(source[char_at:c.start].encode(codec))
        b_end = b_start + len(source[c.start:c.end].encode(codec))
        char_at, byte_at = c.end, b_end
        out.append(data[pos:b_start])
        out.append(c.new.encode(codec))
        pos = b_end
    out.append(data[pos:])
    return b"".join(out), kept


# ---------------------------------------------------------------------------------------------
# Word (.docx): change the text of one <w:t> element inside one run, nothing else

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_ELEMENTS = "w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab"


def _docx_paragraphs(document):
    """python-docx paragraphs in the order of documents/docx.py: body (tables and content
    controls included), then each section's own headers and footers. fix_docx checks that their
    texts join to exactly the reader's source, so a difference can never lead to a wrong edit."""
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    def walk(element, parent):
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                yield Paragraph(child, parent)
            elif tag == "tbl":
                table = Table(child, parent)
                for row in child.tr_lst:
                    for tc in row.tc_lst:
                        yield from walk(tc, _Cell(tc, table))
            elif tag == "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    yield from walk(content, parent)

    yield from walk(document.element.body, document)
    seen = set()
    for section in document.sections:
        for part in (section.first_page_header, section.header, section.even_page_header,
                     section.first_page_footer, section.footer, section.even_page_footer):
            if part.is_linked_to_previous or id(part._element) in seen:
                continue
            seen.add(id(part._element))
            yield from walk(part._element, part)


def _docx_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\v", " ")


def _text_pieces(paragraph):
    """(element, start in paragraph text, length) for every text-bearing element of every run,
    hyperlinks included, in order; their texts join to paragraph.text."""
    from docx.text.hyperlink import Hyperlink

    pos = 0
    for item in paragraph.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        for run in runs:
            for el in run._r.xpath(_TEXT_ELEMENTS):
                n = len(str(el))
                yield el, pos, n
                pos += n


def fix_docx(result: FileFix, doc, findings) -> FileFix:
    import io

    import docx

    try:
        document = docx.Document(io.BytesIO(result.original))
    except Exception:  # the reader already accepted these bytes; this is a safety net
        result.error = "kan het Word-bestand niet openen om aan te passen"
        return result
    paragraphs = list(_docx_paragraphs(document))
    lines = [_docx_line(p.text) for p in paragraphs]
    if "\n".join(lines) != doc.source:
        result.error = "kan de alinea's van het Word-bestand niet eenduidig terugvinden; niets aangepast"
        return result
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1

    def make_change(start: int, end: int, replacement: str):
        import bisect

        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or end - starts[i] > len(lines[i]):
            return NOT_FOUND
        ps, pe = start - starts[i], end - starts[i]
        old = lines[i][ps:pe]
        replacement = _keep_whitespace(old, replacement)
        if old == replacement:
            return None
        p, s = _common_affixes(old, replacement)
        lo, hi = ps + p, pe - s
        if lo == hi:
            lo, hi = (lo - 1, hi) if lo > ps else (lo, hi + 1)
        new = replacement[lo - ps: len(replacement) - (pe - hi)]
        for el, at, n in _text_pieces(paragraphs[i]):
            if el.tag == _W + "t" and at <= lo and hi <= at + n:
                return Change(starts[i] + lo, starts[i] + hi, new, run=(el, lo - at, hi - at))
        return RUNS

    edits, left = plan(doc, findings, make_change)
    changes = sorted((c for e in edits for c in e.changes), key=lambda c: -c.start)
    for c in changes:  # from the end, so earlier offsets in the same element stay valid
        el, a, b = c.run
        text = el.text or ""
        el.text = text[:a] + c.new + text[b:]
        if el.text != el.text.strip():
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    result.edits, result.skipped = edits, sorted(left, key=lambda s: s.finding.sort_key())
    if edits:
        out = io.BytesIO()
        document.save(out)
        result.fixed = out.getvalue()
    return result


def paragraph_text(data: bytes) -> str:
    """The reader's source text of a .docx: paragraphs joined by newlines."""
    return load("x.docx", data, "docx").source


# ---------------------------------------------------------------------------------------------
# Whole files


def fix_bytes(engine, path: str, data: bytes, reader: str | None = None) -> FileFix:
    """Check `data` and plan its fixes; nothing is written here."""
    from stigmacheck.runner import check_bytes

    reader = reader or reader_for(path)
    result = FileFix(path, original=data)
    checked = check_bytes(engine, path, data, reader)
    if checked.error:
        result.error = checked.error
        return result
    if not checked.findings:
        return result
    doc = checked.document
    if doc is None or not hasattr(doc, "blocks"):
        try:
            doc = load(path, data, reader)
        except ReadError as exc:
            result.error = str(exc)
            return result
    result.document = doc
    if reader == "docx":
        return fix_docx(result, doc, checked.findings)
    try:
        source, _ = decode(data)
    except DecodeError as exc:
        result.error = str(exc)
        return result
    edits, left = plan_text(doc, checked.findings, reader)
    fixed, kept = splice_bytes(data, source, edits, left)
    result.edits, result.skipped = kept, sorted(left, key=lambda s: s.finding.sort_key())
    if kept:
        result.fixed = fixed
    return result


def fix_file(engine, path: str) -> FileFix:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        from stigmacheck.runner import read_problem

        return FileFix(path, error=read_problem(exc))
    return fix_bytes(engine, path, data)


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and os.replace.

    The file's permission bits are kept. Raises FileChangedError when the file on disk no
    longer holds `expected` (someone saved it meanwhile); it is then left untouched.
    """
    target = os.path.realpath(path)  # write through a symlink, do not replace the link
    folder = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".stigmacheck.tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copymode(target, tmp)
        with open(target, "rb") as current:
            if fingerprint(current.read()) != fingerprint(expected):
                raise FileChangedError(CHANGED)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class FileChangedError(Exception):
    pass


def write(result: FileFix) -> None:
    """Write a planned fix; a failure becomes the result's error."""
    if not result.changed:
        return
    try:
        write_atomic(result.path, result.fixed, result.original)
        result.written = True
    except FileChangedError as exc:
        result.error = str(exc)
    except OSError as exc:
        result.error = f"kan het bestand niet schrijven: {exc.strerror or exc}"


def _diff_name(side: str, path: str) -> str:
    """git style a/ and b/ for relative paths (patch -p1, git apply); absolute paths as they are."""
    return path if os.path.isabs(path) else f"{side}/{path}"


def unified_diff(result: FileFix) -> str:
    """A unified diff of the text (for .docx: of the paragraphs)."""
    if not result.changed:
        return ""
    if reader_for(result.path) == "docx":
        before, after = paragraph_text(result.original), paragraph_text(result.fixed)
    else:
        before, after = decode(result.original)[0], decode(result.fixed)[0]
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=_diff_name("a", result.path), tofile=_diff_name("b", result.path),
    )
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ Geen regeleinde aan het eind van het bestand\n")
    return "".join(out)
