"""HTML reader on the standard library's html.parser: visible text, image alt text and titles,
captions, the page title and meta description, each mapped back to exact source positions.

Character references stay visible to the parser (`convert_charrefs=False`), so `&eacute;` becomes
one block character with an atomic run over its eight source characters. Scripts, styles, code,
templates and comments never reach a block, and of attributes only alt/title/content texts do.

As browsers do, markup left open at the end of the file (`<!-- ...`, `<p class="...`) is not text:
html.parser would hand it over as data. Every event costs constant time whatever the nesting
depth (open elements are counted, not searched), so the reader is linear in the file.

Words and tags: a tag between two letters joins them (`<b>prosti</b>tutie` is one word) unless it
separates words; then the block gets a space there (a run of one block character over no source
characters). A tag separates words when
  1. its element is not text formatting (FORMATTING below; a <span> with a class or id counts as a
     component, such as a badge, not as formatting), or
  2. the letter before it is lower case and the letter after it upper case ("ProstitutieNieuw"
     written as `<b>Prostitutie</b><i>Nieuw</i>`): Dutch words do not change case inside.
So `<a>Prostitutie</a><span class="badge">Nieuw</span>` reads "Prostitutie Nieuw".
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from stigmacheck.documents.base import Block, BlockBuilder, Document

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
# Inline elements that format text inside a word; a tag of any other element separates words.
FORMATTING = {
    "b", "i", "em", "strong", "u", "s", "strike", "sub", "sup", "mark", "small", "big", "font", "abbr", "bdi",
    "bdo", "ins", "del", "tt", "var", "dfn", "span", "wbr",
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


# "&#" that html.parser cannot read as a character reference: it stops there and, at the end, would
# take the rest of the file for text (and it slices the rest of the file each time: quadratic).
_BAD_CHARREF = re.compile(r"&#(?![0-9]|[xX][0-9a-fA-F])")
_OPEN_MARKUP = re.compile(r"<[A-Za-z/!?]")
_PLAIN_TAG = re.compile(r"<(/?)([a-zA-Z][-.a-zA-Z0-9:_]*)>")
# Where text may end: "<" that can open markup, "&" that can open a reference. Any other "<" or "&"
# is text (html.parser hands each over alone: a million of them took seconds).
_TEXT_END = re.compile("<[a-zA-Z/!?]|&[#a-zA-Z]")
# html.parser's own patterns (html.parser.starttagopen, charref, entityref, incomplete)
_STARTTAGOPEN = re.compile("<[a-zA-Z]")
_CHARREF_PARSER = re.compile("&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_ENTITYREF = re.compile("&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]")
_INCOMPLETE = re.compile("&[a-zA-Z#]")


def read_html(path: str, source: str) -> Document:
    reader = _Reader(source)
    # the parser sees "&\x01" for such an "&#" (same length, so positions hold); texts are taken
    # from the source itself
    reader.feed(_BAD_CHARREF.sub("&\x01", source) if "&#" in source else source)
    if not _OPEN_MARKUP.match(reader.rawdata):  # markup still open at the end is not text
        reader.close()
    reader.flush()
    blocks = sorted(reader.blocks, key=lambda b: b.runs[0].src)
    return Document(path=path, source=source, blocks=blocks, reader="html")


class _Reader(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.src = source
        self.base = 0  # source offset of self.rawdata[0]
        self.at = 0  # offset in self.rawdata of the piece being handled
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.kinds: list[str] = []  # the kind a block gets at each level of the stack
        self.separating: list[bool] = []  # whether each open element's tags separate words
        self.open: dict[str, int] = {}  # how many elements of each tag are open
        self.skip = 0  # how many open elements hide their text (SKIP_TAGS)
        self.current: BlockBuilder | None = None
        self.boundary: tuple[bool, int] | None = None  # a tag since the last text: (separates, offset)

    # -- the tokenizer loop: html.parser's own (Python 3.11, convert_charrefs=False), with plain
    # tags (`<p>`, `</p>`) handled in place and the position kept as one offset instead of line and
    # column, so a page of a million tags takes a third of the time. Everything else is handed to
    # html.parser's parse_* methods exactly as its goahead does.

    def goahead(self, end):
        rawdata = self.rawdata
        i, n = 0, len(rawdata)
        startswith = rawdata.startswith
        while i < n:
            if self.cdata_elem is not None:
                m = self.interesting.search(rawdata, i)  # the end tag of <script> or <style>
                if m is None:
                    break
                j = m.start()
            else:
                m = _TEXT_END.search(rawdata, i)
                j = m.start() if m else n
            if i < j:
                self.at = i
                self.handle_data(rawdata[i:j])
            i = j
            if i == n:
                break
            self.at = i
            if startswith("<", i):
                m = _PLAIN_TAG.match(rawdata, i) if self.cdata_elem is None else None
                if m is not None:
                    tag = m.group(2).lower()
                    if m.group(1):
                        self.handle_endtag(tag)
                    else:
                        self._HTMLParser__starttag_text = m.group()
                        self.lasttag = tag
                        self.handle_starttag(tag, [])
                        if tag in self.CDATA_CONTENT_ELEMENTS:
                            self.set_cdata_mode(tag)
                    i = m.end()
                    continue
                if _STARTTAGOPEN.match(rawdata, i):
                    k = self.parse_starttag(i)
                elif startswith("</", i):
                    k = self.parse_endtag(i)
                elif startswith("<!--", i):
                    k = self.parse_comment(i)
                elif startswith("<?", i):
                    k = self.parse_pi(i)
                elif startswith("<!", i):
                    k = self.parse_html_declaration(i)
                elif i + 1 < n:
                    self.handle_data("<")
                    k = i + 1
                else:
                    break
                if k < 0:
                    if not end:
                        break
                    k = rawdata.find(">", i + 1)
                    if k < 0:
                        k = rawdata.find("<", i + 1)
                        if k < 0:
                            k = i + 1
                    else:
                        k += 1
                    self.handle_data(rawdata[i:k])
                i = k
            elif startswith("&#", i):
                m = _CHARREF_PARSER.match(rawdata, i)
                if m:
                    self.handle_charref(m.group()[2:-1])
                    k = m.end()
                    i = k - 1 if not startswith(";", k - 1) else k
                    continue
                if ";" in rawdata[i:]:  # not reached: read_html replaces such "&#" first
                    self.handle_data(rawdata[i : i + 2])
                    i += 2
                break
            else:  # "&"
                m = _ENTITYREF.match(rawdata, i)
                if m:
                    self.handle_entityref(m.group(1))
                    k = m.end()
                    i = k - 1 if not startswith(";", k - 1) else k
                    continue
                m = _INCOMPLETE.match(rawdata, i)
                if m:
                    if end and m.group() == rawdata[i:]:
                        i += 1
                    break
                if i + 1 < n:
                    self.handle_data("&")
                    i += 1
                else:
                    break
        if end and i < n and not self.cdata_elem:
            self.at = i
            self.handle_data(rawdata[i:n])
            i = n
        self.rawdata = rawdata[i:]
        self.base += i

    # -- positions

    def _offset(self) -> int:
        return self.base + self.at

    @property
    def skipping(self) -> bool:
        return self.skip > 0

    def _builder(self) -> BlockBuilder:
        if self.current is None:
            self.current = BlockBuilder(self.kinds[-1] if self.kinds else "prose")
        return self.current

    def flush(self) -> None:
        if self.current is not None:
            block = self.current.block()
            if block is not None:
                self.blocks.append(block)
            self.current = None
        self.boundary = None

    def _push(self, tag: str, separates: bool) -> None:
        self.stack.append(tag)
        self.kinds.append(KIND_OF.get(tag) or (self.kinds[-1] if self.kinds else "prose"))
        self.separating.append(separates)
        self.open[tag] = self.open.get(tag, 0) + 1
        self.skip += tag in SKIP_TAGS

    def _pop(self) -> tuple[str, bool]:
        tag = self.stack.pop()
        self.kinds.pop()
        self.open[tag] -= 1
        self.skip -= tag in SKIP_TAGS
        return tag, self.separating.pop()

    def _tag_boundary(self, separates: bool) -> None:
        """A tag inside the current block: remember it for the next text (see the module docstring)."""
        if self.current is not None and not self.skipping:
            before = self.boundary[0] if self.boundary else False
            self.boundary = (before or separates, self._offset())

    def _text(self, text: str) -> BlockBuilder:
        """The builder for `text`, with a word separator first when a tag separates two words."""
        builder = self._builder()
        if self.boundary is not None:
            separates, at = self.boundary
            self.boundary = None
            last = builder.parts[-1][-1] if builder.parts else ""
            first = text[:1]
            if last.isalnum() and first.isalnum() and (separates or (last.islower() and first.isupper())):
                builder.add(" ", at, 0)
        return builder

    # -- tags

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.flush()
        separates = tag not in FORMATTING or (tag == "span" and any(k in ("class", "id") for k, _ in attrs))
        if not self.skipping:
            if tag in ("img", "a", "meta"):
                self._attributes(tag, self._offset(), self.get_starttag_text() or "")
            if tag == "br" and self.current is not None:
                self.current.add("\n", self._offset(), len(self.get_starttag_text() or "<br>"))
                self.boundary = None
            elif tag not in BLOCK_TAGS:
                self._tag_boundary(separates)
        if tag not in VOID_TAGS:
            self._push(tag, separates)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        separates = tag not in FORMATTING
        if self.open.get(tag):
            while True:
                popped, separates = self._pop()
                if popped == tag:
                    break
        if tag in BLOCK_TAGS:
            self.flush()
        else:
            self._tag_boundary(separates)

    # -- text

    def handle_data(self, data):
        if not self.skipping:
            at = self._offset()
            self._text(data).add_prose(self.src[at : at + len(data)], at)

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
        text = html.unescape(raw)
        self._text(text).add(text, at, len(raw))

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
