"""The PDF reader: text-layer PDFs (pdfplumber), in reading order, with pages.

What it keeps:

* every page's text lines, top to bottom, with the page each came from (a record's
  ``page`` and the passage view point at them);
* running headers and footers left out: a line in the page's outer margin that
  repeats on most pages at the same place (digits aside), a page number
  (``— 3 —``, ``第3页``, ``3/12``) near the top or bottom, anything in the outer
  twentieth of the page;
* paragraphs rebuilt from their printed lines by layout: a line that runs to the
  right edge of the text and is followed by one that starts at the left edge (not
  indented) continues into it, on the same page or across a page break — which is
  how a word cut at the page edge (``国土`` / ``资源局``) is joined;
* ruled tables as rows of cells (:mod:`extract.readers.render`): merged cells from
  the cell boxes, a cell's lines joined where they wrap at the cell's edge, a table
  that runs on over a page break read as one table, the header row a browser or
  Word repeats on each page dropped.

A PDF with no text layer (a scan) is refused with one message saying it needs OCR.
"""

from __future__ import annotations

import contextlib
import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from errors import Errors, ZerenError
from extract.blocks import SourceText
from extract.outline import heading_of
from extract.readers.render import CellSpec, Grid, SourceBuilder
from extract.repair import stands_alone
from extract.roles import FIELD_LABEL

__all__ = ["read"]

# Page numbers as printed: — 3 —, - 3 -, 第3页, 第 3 页 共 12 页, 3/12, Page 3, a bare 3.
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·•]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
    r"(?:page\s*)?\d+(?:\s*of\s*\d+)?)[\s\-—–－·•]*$", re.I)
_DIGITS = re.compile(r"\d+")
_OUTER = 0.05  # the outer twentieth of the page holds only headers and footers
_MARGIN = 0.12  # where running headers, footers and page numbers sit


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


@dataclass
class _Table:
    page: int
    top: float
    bottom: float
    columns: list[float]  # the column boundaries (x positions)
    rows: Grid
    texts: list[list[str]] = field(default_factory=list)  # per row, for repeated headers


def _chars_to_lines(chars: list[dict[str, Any]], page: int) -> list[_Line]:
    """Group characters into printed lines (same baseline band), left to right."""
    ordered = sorted((c for c in chars if c.get("upright", True)),
                     key=lambda c: (round(c["top"], 1), c["x0"]))
    rows: list[list[dict[str, Any]]] = []
    for char in ordered:
        if rows:
            last = rows[-1]
            ref = last[0]
            if abs(char["top"] - ref["top"]) <= 0.5 * max(ref["size"], 1.0):
                last.append(char)
                continue
        rows.append([char])
    lines: list[_Line] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = ""
        previous = None
        for char in row:
            if previous is not None and char["x0"] - previous["x1"] > 0.3 * previous["size"] \
                    and not text.endswith(" "):
                text += " "
            text += char["text"]
            previous = char
        if not text.strip():
            continue
        visible = [c for c in row if c["text"].strip()]
        lines.append(_Line(text.strip(), min(c["x0"] for c in visible),
                           max(c["x1"] for c in visible), min(c["top"] for c in visible),
                           max(c["bottom"] for c in visible),
                           statistics.median(c["size"] for c in visible), page))
    return lines


def _inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _cluster(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(bounds: list[float], value: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - value))


def _cell_spec(chars: list[dict[str, Any]], box: tuple[float, float, float, float],
               page: int) -> CellSpec:
    lines = _chars_to_lines(chars, page)
    if not lines:
        return CellSpec([], [page])
    pad = max(0.0, min(line.x0 for line in lines) - box[0])
    right = box[2] - pad
    joins = [False]
    for before, line in zip(lines, lines[1:], strict=False):
        joins.append(before.x1 >= right - 1.2 * before.size)
    return CellSpec([line.text for line in lines], [page] * len(lines), joins)


def _table(page_number: int, table: Any, chars: list[dict[str, Any]]) -> _Table:
    cells = [c for c in table.cells if c is not None]
    xs = _cluster([v for c in cells for v in (c[0], c[2])])
    ys = _cluster([v for c in cells for v in (c[1], c[3])])
    grid: Grid = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for box in cells:
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        spec = _cell_spec([ch for ch in chars if _inside(ch, box)], box, page_number)
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                grid[r][c] = spec
    grid = [row for row in grid if any(row)]
    texts = [[" ".join(s.lines) if s else "" for s in row] for row in grid]
    return _Table(page_number, table.bbox[1], table.bbox[3], xs, grid, texts)


def _same_columns(a: _Table, b: _Table) -> bool:
    return len(a.columns) == len(b.columns) and all(
        abs(x - y) <= 3.0 for x, y in zip(a.columns, b.columns, strict=True))


def _running(lines_by_page: list[list[_Line]], height: float) -> set[tuple[int, int]]:
    """(page, index) of header/footer lines: repeated in the margins, page numbers,
    anything in the outer band."""
    pages = len(lines_by_page)
    key_count: Counter[tuple[str, int]] = Counter()
    for lines in lines_by_page:
        seen = set()
        for line in lines:
            if line.top < _MARGIN * height or line.bottom > (1 - _MARGIN) * height:
                seen.add((_DIGITS.sub("#", line.text.replace(" ", "")), round(line.top / 4)))
        key_count.update(seen)
    out: set[tuple[int, int]] = set()
    for p, lines in enumerate(lines_by_page):
        for i, line in enumerate(lines):
            outer = line.top < _OUTER * height or line.bottom > (1 - _OUTER) * height
            margin = line.top < _MARGIN * height or line.bottom > (1 - _MARGIN) * height
            key = (_DIGITS.sub("#", line.text.replace(" ", "")), round(line.top / 4))
            repeated = pages >= 2 and key_count[key] >= max(2, pages // 2)
            if outer or (margin and (repeated or _PAGE_NUMBER.match(line.text))):
                out.add((p, i))
    return out


class _Layout:
    """The text column's edges and line spacing, from the body lines of the file."""

    def __init__(self, lines: list[_Line]) -> None:
        sizes = [line.size for line in lines] or [12.0]
        self.size = statistics.median(sizes)
        lefts = Counter(round(line.x0) for line in lines)
        self.left = min((x for x, n in lefts.items() if n >= max(2, lefts.most_common(1)[0][1]
                                                                 // 4)), default=0)
        self.right = max((line.x1 for line in lines), default=0.0)
        gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)
                if a.page == b.page and 0 <= b.top - a.bottom < 3 * self.size]
        self.gap = statistics.median(gaps) if gaps else 0.5 * self.size

    def full(self, line: _Line) -> bool:
        return line.x1 >= self.right - 1.5 * line.size

    def flush_left(self, line: _Line) -> bool:
        return line.x0 <= self.left + 0.5 * line.size

    def centred(self, line: _Line) -> bool:
        return abs((line.x0 + line.x1) / 2 - (self.left + self.right) / 2) <= line.size

    def continues(self, before: _Line, line: _Line) -> bool:
        if abs(before.size - line.size) > 1.0 or not self.full(before):
            return False
        # A title larger than the text, centred over two or three lines.
        title = line.size > self.size + 1.0 and self.centred(line)
        if not (self.flush_left(line) or title):
            return False
        # A paragraph that happens to fill its last line, then an unindented role
        # field or numbered heading: the text says where the layout cannot.
        if stands_alone(before.text) and (FIELD_LABEL.match(line.text)
                                          or heading_of(line.text) is not None):
            return False
        if before.page != line.page:
            return True  # cut at the page edge
        return line.top - before.bottom <= self.gap + 0.4 * self.size


def _pages(pdf: Any) -> Iterator[tuple[int, list[_Line], list[_Table]]]:
    for number, page in enumerate(pdf.pages, start=1):
        chars = page.chars
        found = page.find_tables() if page.rects or page.lines or page.curves else []
        if found:
            # A browser leaves a cell's border open where a page break cuts it (a
            # cell merged down over the break): close every table at its edges.
            edges = sorted({y for t in found for y in (t.bbox[1], t.bbox[3])})
            found = page.find_tables({"explicit_horizontal_lines": edges})
        tables = [_table(number, t, chars) for t in found]
        boxes = [t.bbox for t in found]
        free = [c for c in chars if not any(_inside(c, b) for b in boxes)]
        yield number, _chars_to_lines(free, number), tables


def _open(path: Path) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        head = path.read_bytes()[:1024]
    except OSError as exc:
        raise ZerenError(Errors.E101.format(file=path, reason=exc.strerror or exc)) from exc
    if b"%PDF" not in head:
        raise ZerenError(Errors.E122.format(file=path, reason="no %PDF header"))
    try:
        return pdfplumber.open(str(path))
    except PDFPasswordIncorrect as exc:
        raise ZerenError(Errors.E123.format(file=path)) from exc
    except Exception as exc:  # pdfminer raises many types for broken files
        raise ZerenError(Errors.E122.format(file=path, reason=str(exc)[:200] or
                                            type(exc).__name__)) from exc


@contextlib.contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning per glyph for some embedded fonts; they say nothing
    to a user."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def read(path: Path) -> SourceText:
    """Read a PDF's text layer into a :class:`SourceText` (see the module docstring).

    Raises
    ------
    ZerenError
        E101 (cannot open), E122 (not a PDF that can be read), E123 (password),
        E124 (no text layer: a scan that needs OCR).
    """
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    with _quiet_pdfminer(), contextlib.ExitStack() as stack:
        pdf = stack.enter_context(_open(path))
        try:
            pages = list(_pages(pdf))
            height = float(pdf.pages[0].height) if pdf.pages else 842.0
        except PDFPasswordIncorrect as exc:
            raise ZerenError(Errors.E123.format(file=path)) from exc
        except ZerenError:
            raise
        except Exception as exc:
            raise ZerenError(Errors.E122.format(file=path, reason=str(exc)[:200] or
                                                type(exc).__name__)) from exc
    if not any(lines or tables for _, lines, tables in pages):
        raise ZerenError(Errors.E124.format(file=path, pages=len(pages)))
    running = _running([lines for _, lines, _ in pages], height)
    items: list[tuple[int, float, _Line | _Table]] = []
    for p, (number, lines, tables) in enumerate(pages):
        items.extend((number, line.top, line) for i, line in enumerate(lines)
                     if (p, i) not in running)
        items.extend((number, t.top, t) for t in tables)
    items.sort(key=lambda item: (item[0], item[1]))
    layout = _Layout([it for _, _, it in items if isinstance(it, _Line)])
    builder = SourceBuilder(str(path), "pdf", paged=True)
    paragraph: list[_Line] = []
    table: _Table | None = None

    def flush_paragraph() -> None:
        if paragraph:
            builder.paragraph([line.text for line in paragraph],
                              [line.page for line in paragraph])
            paragraph.clear()

    def flush_table() -> None:
        nonlocal table
        if table is not None:
            builder.table(table.rows)
            table = None

    for _, _, item in items:
        if isinstance(item, _Table):
            flush_paragraph()
            if table is not None and item.page == table.page + 1 and _same_columns(table, item):
                table.rows.extend(_continuation(table, item))
                table.page = item.page
                continue
            flush_table()
            table = item
            continue
        flush_table()
        if paragraph and not layout.continues(paragraph[-1], item):
            flush_paragraph()
        paragraph.append(item)
    flush_paragraph()
    flush_table()
    return builder.source()


def _continuation(first: _Table, more: _Table) -> Grid:
    """The rows of a table's continuation on the next page: less the header rows
    repeated there, and with the empty top of a cell merged down over the page break
    given back to that cell."""
    k = 0
    while k < min(3, len(first.texts), len(more.texts)) and first.texts[k] == more.texts[k]:
        k += 1
    rows = more.rows[k:]
    if rows and first.rows:
        for column, spec in enumerate(rows[0]):
            above = first.rows[-1][column] if column < len(first.rows[-1]) else None
            if spec is None or above is None or any(line.strip() for line in spec.lines):
                continue
            spans_down = sum(spec in row for row in rows) > 1
            spanned = len(first.rows) > 1 and column < len(first.rows[-2]) \
                and first.rows[-2][column] is above
            if spans_down or spanned:
                for row in rows:
                    row[:] = [above if slot is spec else slot for slot in row]
    return rows
