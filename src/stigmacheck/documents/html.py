"""HTML reader on the standard library's html.parser: visible text, image alt text and titles,
captions, the page title and meta description, each mapped back to exact source positions.

Character references stay visible to the parser (`convert_charrefs=False`), so `&eacute;` becomes
one block character with an atomic run over its eight source characters. Scripts, styles, code,
templates and comments never reach a block, and of attributes only alt/title/content texts do.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from stigmacheck.documents.base import Block, BlockBuilder, Document, line_starts

# Elements whose start or end closes the current block.
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
}
SKIP_TAGS = {"script", "style", "code", "pre", "template", "noscript", "svg", "math", "kbd", "samp", "textarea"}
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
}
# The innermost of these elements gives a block its kind; otherwise it is "prose".
KIND_OF = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "li": "list", "dt": "list", "dd": "list", "td": "table", "th": "table", "caption": "table",
    "blockquote": "quote", "figcaption": "caption", "title": "title",
}
META_KINDS = {"description": "meta", "og:description": "meta", "twitter:description": "meta",
              "og:title": "title", "twitter:title": "title"}

# The standard library's pattern for character references (html._charref).
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def read_html(path: str, source: str) -> Document:
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    reader.flush()
    blocks = sorted(reader.blocks, key=lambda b: b.runs[0].src)
    return Document(path=path, source=source, blocks=blocks, reader="html")


class _Reader(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.src = source
        self.starts = line_starts(source, breaks="lf")  # html.parser counts only LF as a line break
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.current: BlockBuilder | None = None

    # -- positions

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    @property
    def skipping(self) -> bool:
        return any(tag in SKIP_TAGS for tag in self.stack)

    def _builder(self) -> BlockBuilder:
        if self.current is None:
            kind = next((KIND_OF[t] for t in reversed(self.stack) if t in KIND_OF), "prose")
            self.current = BlockBuilder(kind)
        return self.current

    def flush(self) -> None:
        if self.current is not None:
            block = self.current.block()
            if block is not None:
                self.blocks.append(block)
            self.current = None

    # -- tags

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.flush()
        if not self.skipping:
            self._attributes(tag, self._offset(), self.get_starttag_text() or "")
            if tag == "br" and self.current is not None:
                self.current.add("\n", self._offset(), len(self.get_starttag_text() or "<br>"))
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass
        if tag in BLOCK_TAGS:
            self.flush()

    # -- text

    def handle_data(self, data):
        if not self.skipping:
            self._builder().add_prose(data, self._offset())

    def handle_entityref(self, name):
        self._reference("&" + name)

    def handle_charref(self, name):
        self._reference("&#" + name)

    def _reference(self, raw: str) -> None:
        if self.skipping:
            return
        at = self._offset()
        if self.src.startswith(";", at + len(raw)):
            raw += ";"
        self._builder().add(html.unescape(raw), at, len(raw))

    # -- attributes that carry text

    def _attributes(self, tag: str, at: int, raw: str) -> None:
        spans = _attribute_spans(raw)
        if tag == "img":
            for name, kind in (("alt", "alt"), ("title", "image-title")):
                if name in spans:
                    self._attribute_block(spans[name], at, kind, group=at)
            if "src" in spans:
                self._filename_block(spans["src"], at)
        elif tag == "a" and "title" in spans:
            self._attribute_block(spans["title"], at, "link")
        elif tag == "meta" and "content" in spans:
            key = _plain(spans.get("name") or spans.get("property"))
            if key in META_KINDS:
                self._attribute_block(spans["content"], at, META_KINDS[key])

    def _attribute_block(self, span: tuple[int, str], at: int, kind: str, group: int | None = None) -> None:
        start, raw = span
        block = BlockBuilder(kind, group)
        _add_escaped(block, raw, at + start)
        built = block.block()
        if built is not None:
            self.blocks.append(built)

    def _filename_block(self, span: tuple[int, str], at: int) -> None:
        start, raw = span
        if raw.strip().lower().startswith("data:"):
            return
        end = len(raw)
        for sep in "?#":
            cut = raw.find(sep)
            if 0 <= cut < end:
                end = cut
        name_start = raw.rfind("/", 0, end) + 1
        block = BlockBuilder("filename", group=at)
        _add_escaped(block, raw[name_start:end], at + start + name_start)
        built = block.block()
        if built is not None:
            self.blocks.append(built)


def _attribute_spans(raw: str) -> dict[str, tuple[int, str]]:
    """Attribute name -> (offset in the raw tag, raw value) with html.parser's own tokenizer."""
    from html.parser import attrfind_tolerant, tagfind_tolerant

    spans: dict[str, tuple[int, str]] = {}
    m = tagfind_tolerant.match(raw, 1)
    k = m.end() if m else len(raw)
    while k < len(raw):
        m = attrfind_tolerant.match(raw, k)
        if not m or m.end() <= k:
            break
        name, value = m.group(1), m.group(3)
        if value is not None:
            start = m.start(3)
            if value[:1] == value[-1:] and value[:1] in ("'", '"') and len(value) >= 2:
                start, value = start + 1, value[1:-1]
            spans.setdefault(name.lower(), (start, value))
        k = m.end()
    return spans


def _plain(span: tuple[int, str] | None) -> str:
    return html.unescape(span[1]).strip().lower() if span else ""


def _add_escaped(out: BlockBuilder, raw: str, src: int) -> None:
    """Raw attribute text with character references, each reference one atomic piece."""
    pos = 0
    for m in _CHARREF.finditer(raw):
        out.add_prose(raw[pos : m.start()], src + pos)
        out.add(html.unescape(m.group()), src + m.start(), len(m.group()))
        pos = m.end()
    out.add_prose(raw[pos:], src + pos)
