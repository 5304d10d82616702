"""The web-page reader: ``.html`` / ``.htm`` pages saved from a government portal, and
``.mht`` / ``.mhtml`` single-file web archives (lxml).

What it keeps:

* the page's charset: a BOM, else ``<meta charset>`` / ``http-equiv`` (GB2312 and GBK
  read as their superset GB18030), else UTF-8, else GB18030;
* the main article only. Portal chrome goes first (``nav``/``header``/``footer``/
  ``aside``, forms, elements whose id or class names a menu, footer, breadcrumb,
  share bar or related links, and link lists); the article is then the deepest
  element that still holds most of the page's remaining text (a data table is never
  the article, its container is). The page's headline (``<h1>`` or an element
  classed as the title) is put first when the article does not repeat it;
* paragraphs as lines (``<p>``, ``<div>``, headings, list items, ``<br>``), ordered
  lists numbered as the browser shows them;
* ``<table>`` rows with ``rowspan`` / ``colspan`` resolved (:mod:`extract.readers.render`),
  nested tables flattened into their cell's lines.

Provenance is the rendered line (a paragraph per line, a cell's paragraphs one per line).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from errors import Errors, ZerenError
from extract.blocks import SourceText
from extract.readers.render import CellSpec, Grid, SourceBuilder

__all__ = ["decode_html", "mhtml_page", "read"]

# An lxml.html element.
Element = Any

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# GB2312 and GBK pages are decoded as GB18030, which contains both.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "csgb2312": "gb18030", "euc-cn": "gb18030", "big5": "big5hkscs",
              "iso-8859-1": "cp1252", "ascii": "utf-8", "us-ascii": "utf-8"}

_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
              "canvas", "nav", "header", "footer", "aside", "form", "select", "button",
              "input", "textarea", "head", "map", "audio", "video"}
_CHROME = re.compile(
    r"nav|menu|footer|foot\b|bottom|header|head\b|banner|breadcrumb|crumb|location|position|"
    r"sidebar|side\b|related|relate|share|fenxiang|comment|copyright|login|search|toolbar|"
    r"tools?\b|print|links?\b|friend|ad\b|ads\b|advert|qrcode|erweima|pagination|pager|"
    r"\btop",
    re.I)
_CONTENT = re.compile(r"article|content|zoom|detail|main|text|body|editor|wzcon|con\b|"
                      r"TRS_Editor|UnionStyle|xxgk|pages?[_-]?con", re.I)
# A portal's publication line (发布时间：… 来源：… 浏览次数：… 字号：【大 中 小】).
_PAGE_INFO = re.compile(r"发布(?:时间|日期)[：:]|来源[：:]|浏览(?:次数|量)|点击(?:数|率|量)|"
                        r"阅读(?:次数|量)|字号[：:]|【(?:打印|关闭)|当前位置[：:]|分享到")
# Elements a class or id may mark as chrome: blocks and lists, never a table's rows or
# cells, paragraphs or inline text (a header row classed "head" is data).
_CHROME_TAGS = {"div", "section", "ul", "ol", "dl", "table", "iframe"}
_TITLE = re.compile(r"title|biaoti|bt\b|tit\b|headline", re.I)
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
          "pre", "section", "article", "main", "center", "ul", "ol", "dl", "address",
          "figure", "figcaption", "hr", "caption", "body"}
_TABLE_PARTS = {"table", "thead", "tbody", "tfoot", "tr", "td", "th"}
# Elements the article may be; a paragraph is never the whole article, even when it
# holds most of it (old portals put a whole document in one <p> broken by <br>).
_CONTAINERS = {"div", "article", "section", "main", "center", "font", "span", "form",
               "table", "thead", "tbody", "tr", "td", "th"}
_MAX_SPAN = 1000
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def decode_html(path: Path, data: bytes) -> str:
    """Decode a saved page by its BOM, its ``<meta>`` charset, else UTF-8 or GB18030.

    Raises
    ------
    ZerenError
        E125 when no candidate encoding decodes the bytes.
    """
    candidates: list[str] = []
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            candidates.append(name)
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = _SUPERSETS.get(name, name)
        try:
            codecs.lookup(name)
            candidates.append(name)
        except LookupError:
            pass
    candidates += ["utf-8", "gb18030"]
    for name in dict.fromkeys(candidates):
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    raise ZerenError(Errors.E125.format(file=path, encodings=", ".join(dict.fromkeys(candidates))))


def mhtml_page(path: Path, data: bytes) -> str:
    """The web page inside a single-file web archive (``.mht`` / ``.mhtml``, as IE,
    360 and Chromium save "web page, single file"): its first ``text/html`` part,
    decoded by its own charset (or the page's meta, as :func:`decode_html`).

    Raises
    ------
    ZerenError
        E126 when the archive holds no web page.
    """
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        body = part.get_payload(decode=True)
        if not isinstance(body, bytes):
            continue
        charset = part.get_content_charset()
        if charset:
            charset = _SUPERSETS.get(charset.lower(), charset.lower())
            try:
                return body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass
        return decode_html(path, body)
    raise ZerenError(Errors.E126.format(file=path, reason="the archive holds no web page"))


def _tag(el: Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _marks(el: Element) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''}"


def _hidden(el: Element) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None


def _measure(root: Element) -> dict[Element, tuple[int, int]]:
    """(all text, text inside links) of every subtree, spaces not counted; one pass."""
    order = [el for el in root.iter() if isinstance(el.tag, str)]
    in_link: dict[Element, bool] = {}
    for el in order:
        parent = el.getparent()
        in_link[el] = _tag(el) == "a" or in_link.get(parent, False)
    sizes: dict[Element, tuple[int, int]] = {}
    for el in reversed(order):
        own = len(_SPACE.sub("", el.text or ""))
        total, links = own, own if in_link[el] else 0
        for child in el:
            tail = len(_SPACE.sub("", child.tail or ""))
            sub_total, sub_links = sizes.get(child, (0, 0))
            total += sub_total + tail
            links += sub_links + (tail if in_link[el] else 0)
        sizes[el] = (total, links)
    return sizes


def _strip_chrome(root: Element) -> None:
    """Remove everything that is the portal, not the document."""
    for el in list(root.iter()):
        if el.getparent() is None:
            continue
        if not isinstance(el.tag, str):  # comments, processing instructions
            el.drop_tree()
            continue
        tag = _tag(el)
        if tag in ("body", "html"):
            continue
        marks = _marks(el)
        if tag == "header" and el.find(".//h1") is not None:
            continue  # an article's own header holds its headline
        if tag in _DROP_TAGS or _hidden(el) or (
                tag in _CHROME_TAGS and _CHROME.search(marks) is not None
                and _CONTENT.search(marks) is None):
            el.drop_tree()
    # Publication lines and link lists (menus, 相关链接) that carry no class to say so.
    for el in list(root.iter("div", "p", "span", "td", "table", "ul", "section")):
        if el.getparent() is None:
            continue
        content = el.text_content()
        if len(content) < 200 and len(_PAGE_INFO.findall(content)) >= 2:
            el.drop_tree()
    sizes = _measure(root)
    for el in list(root.iter("ul", "ol", "dl", "div", "table", "section", "td")):
        total, links = sizes.get(el, (0, 0))
        if el.getparent() is not None and total and links / total > 0.5 and total - links < 40:
            el.drop_tree()


def _is_data_table(table: Element, sizes: dict[Element, tuple[int, int]]) -> bool:
    """A table of rows and cells (a task table), not a page-layout grid."""
    for cell in table.iter("td", "th"):
        for inner in cell.iter("div", "table", "ul", "h1", "h2"):
            if inner is not cell and sizes.get(inner, (0, 0))[0] > 200:
                return False
    return True


def _article(body: Element) -> Element:
    """The element holding the document: from the body down, into the child that
    holds most (three quarters) of its parent's text, as deep as that goes; a data
    table's container, never the table itself."""
    sizes = _measure(body)
    best = body
    while True:
        total = sizes.get(best, (0, 0))[0]
        nxt = next((child for child in best if _tag(child) in _CONTAINERS
                    and sizes.get(child, (0, 0))[0] >= 0.75 * total), None)
        if nxt is None:
            break
        if _tag(nxt) in _TABLE_PARTS:
            table = nxt if _tag(nxt) == "table" else next(nxt.iterancestors("table"), nxt)
            if _is_data_table(table, sizes):
                break
        best = nxt
    return best


def _headline(body: Element, article: Element) -> str | None:
    """The page's headline when it stands outside the article, above it."""
    inside = set(article.iter())
    for el in body.iter():
        if el is article:
            break
        if not isinstance(el.tag, str) or el in inside:
            continue
        if _tag(el) == "h1" or (_tag(el) in ("div", "h2", "p", "td", "span") and
                                _TITLE.search(_marks(el))):
            text = _SPACE.sub(" ", el.text_content()).strip()
            if 4 <= len(text) <= 200:
                return text
    return None


class _Renderer:
    """Walks the article, putting paragraphs and tables into the builder."""

    def __init__(self, builder: SourceBuilder) -> None:
        self.out = builder
        self.line = ""

    def flush(self) -> None:
        if self.line.strip():
            self.out.paragraph([self.line.strip()])
        self.line = ""

    def walk(self, el: Element) -> None:
        for kind, value in _flow(el):
            if kind == "text":
                self.line += value
            elif kind == "break":
                self.flush()
            elif _is_frame(value):
                # A one-column table holding the page (old portals lay out the
                # article in a cell): its content is read as if it stood alone.
                self.flush()
                for row in _rows(value):
                    for cell in row:
                        if _tag(cell) in ("td", "th"):
                            self.walk(cell)
            else:
                self.flush()
                self.out.table(_grid(value))
        self.flush()


def _flow(el: Element, ordinal: int | None = None) -> Iterator[tuple[str, Any]]:
    """Text pieces, line breaks and tables of a subtree, in reading order."""
    tag = _tag(el)
    if tag == "table":
        yield "table", el
        return
    block = tag in _BLOCK
    if tag == "br":
        yield "break", None
    if block:
        yield "break", None
    if tag == "li" and ordinal is not None:
        yield "text", f"{ordinal}."
    if tag == "pre":
        for part in el.text_content().split("\n"):
            yield "text", part
            yield "break", None
    else:
        if el.text and tag not in ("br",):
            yield "text", _SPACE.sub(" ", el.text)
        counter = _start(el) if tag == "ol" else None
        for child in el:
            if not isinstance(child.tag, str):
                if child.tail:
                    yield "text", _SPACE.sub(" ", child.tail)
                continue
            if counter is not None and _tag(child) == "li":
                yield from _flow(child, counter)
                counter += 1
            else:
                yield from _flow(child)
            if child.tail:
                yield "text", _SPACE.sub(" ", child.tail)
    if block:
        yield "break", None


def _is_frame(table: Element) -> bool:
    """A table of one column: a frame round content, not a table of data."""
    return all(sum(1 for cell in row if _tag(cell) in ("td", "th")) <= 1 for row in _rows(table))


def _start(ol: Element) -> int:
    try:
        return int(ol.get("start", "1"))
    except ValueError:
        return 1


def _cell_lines(cell: Element) -> list[str]:
    """A cell's lines: its paragraphs and breaks, nested tables flattened."""
    lines: list[str] = []
    line = ""
    for kind, value in _flow_children(cell):
        if kind == "text":
            line += value
        elif kind == "break":
            if line.strip():
                lines.append(line.strip())
            line = ""
        else:
            if line.strip():
                lines.append(line.strip())
            line = ""
            for row in _grid(value):
                for spec in dict.fromkeys(s for s in row if s is not None):
                    lines.extend(spec.lines)
    if line.strip():
        lines.append(line.strip())
    return lines


def _flow_children(cell: Element) -> Iterator[tuple[str, Any]]:
    if cell.text:
        yield "text", _SPACE.sub(" ", cell.text)
    for child in cell:
        if isinstance(child.tag, str):
            yield from _flow(child)
        if child.tail:
            yield "text", _SPACE.sub(" ", child.tail)


def _rows(table: Element) -> list[Element]:
    """The table's own rows (not a nested table's), thead first and tfoot last."""
    head: list[Element] = []
    body: list[Element] = []
    foot: list[Element] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            body.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows = [r for r in child if _tag(r) == "tr"]
            {"thead": head, "tbody": body, "tfoot": foot}[tag].extend(rows)
    return head + body + foot


def _span(cell: Element, name: str) -> int:
    try:
        value = int(re.sub(r"\D", "", cell.get(name, "1")) or "1")
    except ValueError:
        value = 1
    return min(max(value, 0), _MAX_SPAN)


def _grid(table: Element) -> Grid:
    """The table's slots with ``rowspan``/``colspan`` resolved."""
    rows = _rows(table)
    grid: Grid = [[] for _ in rows]
    for r, tr in enumerate(rows):
        column = 0
        for cell in tr:
            if _tag(cell) not in ("td", "th"):
                continue
            while column < len(grid[r]) and grid[r][column] is not None:
                column += 1
            spec = CellSpec(_cell_lines(cell))
            rowspan = _span(cell, "rowspan")
            colspan = max(1, _span(cell, "colspan"))
            # rowspan="0" runs to the end of the table
            last = len(rows) if rowspan == 0 else min(len(rows), r + max(rowspan, 1))
            for rr in range(r, last):
                row = grid[rr]
                while len(row) < column + colspan:
                    row.append(None)
                for c in range(column, column + colspan):
                    row[c] = spec
            column += colspan
    return grid


def read(path: Path) -> SourceText:
    """Read a saved web page into a :class:`SourceText` (see the module docstring).

    Raises
    ------
    ZerenError
        E101 when the file cannot be opened, E125 when it cannot be decoded, E126
        when it is not HTML that can be parsed.
    """
    import lxml.etree
    import lxml.html

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ZerenError(Errors.E101.format(file=path, reason=exc.strerror or exc)) from exc
    archive = path.suffix.lower() in (".mht", ".mhtml")
    text = mhtml_page(path, data) if archive else decode_html(path, data)
    # lxml refuses a str that still declares its encoding in an XML prolog.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        page = lxml.html.document_fromstring(text) if text.strip() else None
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ZerenError(Errors.E126.format(file=path, reason=exc)) from exc
    builder = SourceBuilder(str(path), "html")
    if page is None:
        return builder.source()
    body = page.find("body")
    body = body if body is not None else page
    _strip_chrome(page)
    article = _article(body)
    title = _headline(body, article)
    if title:
        opening = _SPACE.sub("", article.text_content())[:400]
        if _SPACE.sub("", title) not in opening:
            builder.paragraph([title])
    _Renderer(builder).walk(article)
    return builder.source()
