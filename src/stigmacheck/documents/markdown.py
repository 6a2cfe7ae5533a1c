"""Markdown reader: prose of paragraphs, headings, list items, table cells and quotes, plus image
alt text, titles and file names, each mapped back to the exact source characters.

markdown-it gives the lines of each block; inside those lines every inline piece (text, escape,
entity, line break) is found in the source in order, so emphasis markers, brackets and escapes are
left out of the block text while positions stay exact. Code, raw HTML, link targets and autolinks
are never part of a block. YAML front matter contributes only its `title` and `description`.

Nesting: markdown-it follows lists and quotes up to MAX_NESTING levels (its CommonMark default of
20 dropped a list nested 9 deep without a word). Text it leaves out, deeper than that or lost for
any other reason, is still checked: every non-blank source line that no token covers becomes plain
text (quote and list markers left out), and a note names the lines.
"""

from __future__ import annotations

import re

from stigmacheck.documents.base import Block, BlockBuilder, Document, line_starts

# Containers that give the blocks inside them their kind (the innermost wins).
CONTAINERS = {
    "heading_open": "heading",
    "th_open": "table",
    "td_open": "table",
    "list_item_open": "list",
    "blockquote_open": "quote",
}
MARKERS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
FRONT_MATTER_KEYS = {"title": "title", "description": "meta"}

_BREAK = re.compile(r"\r\n|\r|\n")
_FENCE = re.compile(r"---[ \t]*$")
_parser = None
MAX_NESTING = 100
# Tokens that span lines without holding their text themselves.
_SPANNING = {"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"}
_LINE_MARKERS = re.compile(r"[ \t]*(?:(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*)*")
_REFERENCE = re.compile(r"\[[^\]]+\]:")


def _md():
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
        md.disable("text_join")  # keep escapes and entities as their own tokens: they map to markup
        md.options["maxNesting"] = MAX_NESTING
        _parser = md
    return _parser


def read_markdown(path: str, source: str) -> Document:
    starts = line_starts(source)
    blocks: list[Block] = []
    notes: list[str] = []
    skipped = _front_matter(source, starts, blocks, notes)
    md_source = source
    if skipped:
        # markdown-it counts lines from the start: keep the count, drop the front matter itself
        rest = starts[skipped] if skipped < len(starts) else len(source)
        md_source = "\n" * skipped + source[rest:]
    walker = _InlineWalker(source, starts)
    containers: list[str] = []
    covered = bytearray(len(starts) + 1)
    covered[:skipped] = b"\x01" * skipped
    for tok in _md().parse(md_source):
        if tok.map and tok.type not in _SPANNING:
            covered[tok.map[0] : tok.map[1]] = b"\x01" * (tok.map[1] - tok.map[0])
        if tok.type in CONTAINERS:
            containers.append(CONTAINERS[tok.type])
        elif tok.type.endswith("_close") and tok.type[:-6] + "_open" in CONTAINERS:
            containers.pop()
        elif tok.type == "inline" and tok.map:
            blocks += walker.blocks(tok, containers[-1] if containers else "prose")
    blocks += _uncovered(source, starts, covered, notes)
    blocks.sort(key=lambda b: b.runs[0].src)
    return Document(path=path, source=source, blocks=blocks, reader="markdown", notes=notes)


def _uncovered(source: str, starts: list[int], covered: bytearray, notes: list[str]) -> list[Block]:
    """Plain-text blocks for the non-blank lines no token covers (one block per run of lines)."""
    blocks: list[Block] = []
    lines: list[int] = []
    current: BlockBuilder | None = None
    reference = False  # inside a link reference definition (its URL or title may be on later lines)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(source)
        line = source[start:end].rstrip("\r\n")
        text_at = start + _LINE_MARKERS.match(line).end()
        text = source[text_at : start + len(line)]
        reference = not covered[n] and bool(text.strip()) and (reference or bool(_REFERENCE.match(text)))
        if covered[n] or not text.strip() or reference:
            if current is not None:
                blocks.append(current.block())
                current = None
            continue
        if current is None:
            current = BlockBuilder("prose")
        elif current.parts:
            current.add("\n", start - 1, 1)
        current.add_prose(text, text_at)
        lines.append(n + 1)
    if current is not None:
        blocks.append(current.block())
    if lines:
        shown = f"regel {lines[0]}" if len(lines) == 1 else f"regels {lines[0]}-{lines[-1]}"
        notes.append(f"{shown}: dieper genest dan de Markdown-lezer volgt (meer dan {MAX_NESTING} niveaus) "
                     "of anders niet herkend; als gewone tekst gecontroleerd")
    return [b for b in blocks if b is not None]


class _InlineWalker:
    """Finds the inline tokens of each block in the source, keeping a cursor that only moves on."""

    def __init__(self, source: str, starts: list[int]):
        self.src = source
        self.starts = starts
        self.cursor = 0
        self.limit = len(source)
        self.extra: list[Block | None] = []

    def _line(self, n: int) -> int:
        return self.starts[n] if n < len(self.starts) else len(self.src)

    def blocks(self, tok, kind: str) -> list[Block]:
        self.cursor = max(self.cursor, self._line(tok.map[0]))
        self.limit = self._line(tok.map[1])
        self.extra = []
        main = BlockBuilder(kind)
        self._walk(tok.children or [], main)
        return [b for b in [main.block(), *self.extra] if b is not None]

    # -- locating pieces

    def _find(self, piece: str) -> int | None:
        """Offset of `piece` at or after the cursor within the block's lines, and move past it."""
        if "\n" in piece:
            pattern = r"(?:\r\n|\r|\n)[ \t>]*".join(re.escape(p) for p in piece.split("\n"))
            m = re.compile(pattern).search(self.src, self.cursor, self.limit)
            if m is None:
                return None
            self.cursor = m.end()
            return m.start()
        at = self.src.find(piece, self.cursor, self.limit)
        if at < 0:
            return None
        self.cursor = at + len(piece)
        return at

    def _skip_code(self, ticks: str) -> None:
        fence = re.compile(r"(?<!`)" + re.escape(ticks) + r"(?!`)")
        opening = fence.search(self.src, self.cursor, self.limit)
        if opening:
            closing = fence.search(self.src, opening.end(), self.limit)
            self.cursor = closing.end() if closing else opening.end()

    # -- the walk

    def _walk(self, children, out: BlockBuilder) -> None:
        i = 0
        while i < len(children):
            c = children[i]
            t = c.type
            if t == "text" and c.content:
                at = self._find(c.content)
                if at is not None:
                    out.add_prose(c.content, at)
            elif t == "text_special":  # an escape (\*) or entity (&eacute;): one atomic piece
                at = self._find(c.markup)
                if at is not None:
                    out.add(c.content, at, len(c.markup))
            elif t in ("softbreak", "hardbreak"):
                m = _BREAK.search(self.src, self.cursor, self.limit)
                if m:
                    out.add("\n", m.start(), len(m.group()))
                    self.cursor = m.end()
            elif t == "code_inline":
                self._skip_code(c.markup)
            elif t == "html_inline":
                self._find(c.content)
            elif t in MARKERS:
                self._find(c.markup)
            elif t == "link_open":
                close = next((j for j in range(i + 1, len(children)) if children[j].type == "link_close"), len(children))
                if c.markup == "autolink":
                    if self._find("<") is not None:
                        self._find(">")
                else:
                    self._find("[")
                    self._walk(children[i + 1 : close], out)
                    self._after_label(c, "link")
                i = close
            elif t == "image":
                at = self._find("![")
                if at is not None:
                    alt = BlockBuilder("alt", group=at)
                    self._walk(c.children or [], alt)
                    self.extra.append(alt.block())
                    self._after_label(c, "image-title", image=at)
            i += 1

    def _after_label(self, tok, title_kind: str, image: int | None = None) -> None:
        """Move past `](destination "title")` or `][ref]`; keep the title and an image's file name
        (`image`: the offset of the image, which its texts share as their group)."""
        from markdown_it.helpers import parseLinkDestination, parseLinkTitle

        src = self.src
        if self._find("]") is None:
            return
        pos = self.cursor
        if pos < self.limit and src[pos] == "[":
            end = src.find("]", pos, self.limit)
            self.cursor = end + 1 if end >= 0 else pos
            return
        if pos >= self.limit or src[pos] != "(":
            return
        found = []
        pos = _skip_space(src, pos + 1, self.limit)
        dest = parseLinkDestination(src, pos, self.limit)
        if dest.ok:
            if image is not None:
                found.append(_filename_block(src, pos, dest.pos, image))
            pos = dest.pos
        after = _skip_space(src, pos, self.limit)
        if after > pos and after < self.limit and src[after] in "\"'(":
            title = parseLinkTitle(src, after, self.limit)
            if title.ok:
                block = BlockBuilder(title_kind, image)
                block.add_prose(src[after + 1 : title.pos - 1], after + 1)
                found.append(block.block())
                pos = title.pos
        pos = _skip_space(src, pos, self.limit)
        if pos < self.limit and src[pos] == ")":  # an inline link; else "(" is text after a [reference]
            self.extra += found
            self.cursor = pos + 1


def _skip_space(src: str, pos: int, limit: int) -> int:
    while pos < limit and src[pos] in " \t\r\n":
        pos += 1
    return pos


def _filename_block(src: str, start: int, end: int, group: int | None = None) -> Block | None:
    """The file name at the end of an image destination: 'img/rode-lampen_02.jpg?w=300'."""
    if src[start : start + 1] == "<":
        start, end = start + 1, end - 1
    dest = src[start:end]
    if dest.lower().startswith("data:"):
        return None
    for sep in "?#":
        cut = dest.find(sep)
        if cut >= 0:
            dest = dest[:cut]
    name_start = dest.rfind("/") + 1
    name = dest[name_start:]
    if not name:
        return None
    block = BlockBuilder("filename", group)
    block.add(name, start + name_start)
    return block.block()


# --------------------------------------------------------------------------- front matter


def _front_matter(source: str, starts: list[int], blocks: list[Block], notes: list[str]) -> int:
    """Blocks for `title` and `description` of leading YAML front matter; returns its line count."""
    if len(starts) < 2 or not _FENCE.match(_line_text(source, starts, 0)):
        return 0
    close = next(
        (k for k in range(1, len(starts)) if _line_text(source, starts, k).rstrip() in ("---", "...")),
        None,
    )
    if close is None:
        return 0
    import yaml

    body_start = starts[1]
    body = source[body_start : starts[close]]
    try:
        node = yaml.compose(body, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        notes.append(f"front matter (regel {line}) is geen geldige YAML; titel en beschrijving niet gecontroleerd")
        return close + 1
    except RecursionError:  # the composer recurses once per level of nesting
        notes.append("front matter is te diep genest; titel en beschrijving niet gecontroleerd")
        return close + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            kind = FRONT_MATTER_KEYS.get(key.value) if isinstance(key, yaml.ScalarNode) else None
            if kind and isinstance(value, yaml.ScalarNode) and value.value.strip():
                block = _scalar_block(source, body_start, value, kind)
                if block is not None:
                    blocks.append(block)
    return close + 1


def _line_text(source: str, starts: list[int], k: int) -> str:
    end = starts[k + 1] if k + 1 < len(starts) else len(source)
    return source[starts[k] : end].rstrip("\r\n")


def _scalar_block(source: str, base: int, node, kind: str) -> Block | None:
    start, end = base + node.start_mark.index, base + node.end_mark.index
    raw = source[start:end]
    value = node.value
    if node.style in ("'", '"'):
        start, raw = start + 1, raw[1:-1]
    elif node.style in ("|", ">"):
        first = _BREAK.search(raw)
        if first:
            start, raw = start + first.end(), raw[first.end() :]
    block = BlockBuilder(kind)
    if not _align(value, raw, start, block):
        block = BlockBuilder(kind)  # escapes or folding we cannot follow: one atomic piece
        block.add(value, start, len(raw))
    return block.block()


def _align(value: str, raw: str, start: int, out: BlockBuilder) -> bool:
    """Map a YAML value onto its raw text where only whitespace (line folding, indentation) differs."""
    i = j = 0
    while i < len(value):
        if j < len(raw) and value[i] == raw[j]:
            out.add(value[i], start + j)
            i += 1
            j += 1
        elif j < len(raw) and raw[j].isspace():
            k = j
            while k < len(raw) and raw[k].isspace():
                k += 1
            if value[i].isspace():
                out.add(value[i], start + j, k - j)
                i += 1
            j = k
        else:
            return False
    return True
