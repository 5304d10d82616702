"""The PDF reader: text-layer PDFs, in reading order, with pages.

PDFium (pypdfium2) reads the characters and the ruling lines, fast; pdfplumber's
table finder turns the ruling lines into table cells.

What it keeps:

* every page's text lines in reading order — top to bottom; on a page set in two
  columns (a gazette) the left column before the right one, between lines that run
  across both — with the page each came from (a record's ``page`` and the passage
  view point at them);
* running headers and footers left out: a line in the page's outer margin that
  repeats on most pages at the same place (digits aside), a page number
  (``— 3 —``, ``第3页``, ``3/12``) near the top or bottom, anything in the outer
  twentieth of the page;
* paragraphs rebuilt from their printed lines by layout: a line that runs to the
  right edge of the text and is followed by one that starts at the left edge (not
  indented) continues into it, on the same page, into the next column or across a
  page break — which is how a word cut at the page edge (``国土`` / ``资源局``) is
  joined;
* ruled tables as rows of cells (:mod:`extract.readers.render`): merged cells from
  the cell boxes, a cell's lines joined where they wrap at the cell's edge, a table
  that runs on over a page break read as one table, the header row a browser or
  Word repeats on each page dropped, a row the page break cut read as one row.

A PDF with no text layer (a scan) is refused with one message saying it needs OCR.
"""

from __future__ import annotations

import bisect
import itertools
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
from extract.vocabulary import field_label

__all__ = ["read"]

# Page numbers as printed: — 3 —, - 3 -, 第3页, 第 3 页 共 12 页, 3/12, Page 3, a bare 3.
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·•]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
    r"(?:page\s*)?\d+(?:\s*of\s*\d+)?)[\s\-—–－·•]*$", re.I)
_DIGITS = re.compile(r"\d+")
_OUTER = 0.05  # the outer twentieth of the page holds only headers and footers
_MARGIN = 0.12  # where running headers, footers and page numbers sit
# A character's loose box is its font's ascent to descent, about 1.17 em for CJK fonts.
_EM_PER_BOX = 0.85


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    column: tuple[float, float] | None = None  # its column's edges on a multi-column page


@dataclass
class _Table:
    page: int
    top: float
    bottom: float
    columns: list[float]  # the column boundaries (x positions)
    rows: Grid
    texts: list[list[str]] = field(default_factory=list)  # per row, for repeated headers


def _rows(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped by baseline band, each band left to right."""
    ordered = sorted((c for c in chars if c.get("upright", True)),
                     key=lambda c: (round(c["top"], 1), c["x0"]))
    rows: list[list[dict[str, Any]]] = []
    for char in ordered:
        if rows and abs(char["top"] - rows[-1][0]["top"]) <= 0.5 * max(rows[-1][0]["size"], 1.0):
            rows[-1].append(char)
        else:
            rows.append([char])
    for row in rows:
        row.sort(key=lambda c: c["x0"])
    return rows


def _line(row: list[dict[str, Any]], page: int) -> _Line | None:
    text = ""
    previous = None
    for char in row:
        if previous is not None and char["x0"] - previous["x1"] > 0.3 * previous["size"] \
                and not text.endswith(" "):
            text += " "
        text += char["text"]
        previous = char
    visible = [c for c in row if c["text"].strip()]
    if not visible:
        return None
    return _Line(text.strip(), min(c["x0"] for c in visible), max(c["x1"] for c in visible),
                 min(c["top"] for c in visible), max(c["bottom"] for c in visible),
                 statistics.median(c["size"] for c in visible), page)


def _chars_to_lines(chars: list[dict[str, Any]], page: int) -> list[_Line]:
    """Group characters into printed lines (same baseline band), left to right."""
    return [line for row in _rows(chars) if (line := _line(row, page)) is not None]


def _segments(row: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A baseline band cut where the gap between two characters is wider than two
    characters (a column gutter)."""
    out = [[row[0]]]
    for char in row[1:]:
        previous = out[-1][-1]
        if char["x0"] - previous["x1"] > 1.5 * max(previous["size"], 1.0):
            out.append([char])
        else:
            out[-1].append(char)
    return out


def _gutter(segments: list[_Line], width: float) -> float | None:
    """The x of the gap between two text columns, if the page is set in two."""
    if len(segments) < 12:
        return None
    best: tuple[int, float] | None = None
    x = 0.35 * width
    while x <= 0.65 * width:
        crossing = sum(1 for s in segments if s.x0 < x < s.x1)
        left = sum(1 for s in segments if s.x1 <= x)
        right = sum(1 for s in segments if s.x0 >= x)
        if crossing <= 0.05 * len(segments) and min(left, right) >= 0.3 * len(segments) \
                and (best is None or crossing < best[0]):
            best = (crossing, x)
        x += 2.0
    return best[1] if best else None


def _page_lines(chars: list[dict[str, Any]], page: int, width: float,
                height: float) -> list[_Line]:
    """A page's printed lines in reading order: on a page set in two columns (a
    gazette), the left column before the right one between full-width lines."""
    rows = _rows(chars)
    segments = [line for row in rows for seg in _segments(row)
                if (line := _line(seg, page)) is not None]
    gutter = _gutter(segments, width)
    if gutter is None:
        return [line for row in rows if (line := _line(row, page)) is not None]
    body = [s for s in segments if _OUTER * height < s.top and s.bottom < (1 - _OUTER) * height]
    edges: dict[int, tuple[float, float]] = {}
    for side in ([s for s in body if s.x1 <= gutter], [s for s in body if s.x0 >= gutter]):
        if side:
            column = (min(s.x0 for s in side), max(s.x1 for s in side))
            edges.update((id(s), column) for s in side)
    out: list[_Line] = []
    band: list[_Line] = []

    def flush() -> None:
        out.extend(sorted((s for s in band if s.x1 <= gutter), key=lambda s: s.top))
        out.extend(sorted((s for s in band if s.x0 >= gutter), key=lambda s: s.top))
        band.clear()

    for s in sorted(segments, key=lambda s: (s.top, s.x0)):
        if id(s) in edges:
            s.column = edges[id(s)]
            band.append(s)
        else:  # a title or table across both columns
            flush()
            out.append(s)
    flush()
    return out


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
    full = [line.x1 >= right - 1.2 * line.size for line in lines]
    return CellSpec([line.text for line in lines], [page] * len(lines), [False, *full[:-1]],
                    open_end=full[-1])


def _table(page_number: int, table: Any, chars: list[dict[str, Any]]) -> _Table:
    """One table found on a page: its grid of cells, each with its characters
    (every character is placed once, by the grid row and column it falls in)."""
    cells = [c for c in table.cells if c is not None]
    xs = _cluster([v for c in cells for v in (c[0], c[2])])
    ys = _cluster([v for c in cells for v in (c[1], c[3])])
    slots: list[list[int | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for k, box in enumerate(cells):
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                slots[r][c] = k
    inside: list[list[dict[str, Any]]] = [[] for _ in cells]
    for ch in chars:
        x = (ch["x0"] + ch["x1"]) / 2
        y = (ch["top"] + ch["bottom"]) / 2
        c = bisect.bisect_right(xs, x) - 1
        r = bisect.bisect_right(ys, y) - 1
        if 0 <= r < len(slots) and 0 <= c < len(slots[r]) and slots[r][c] is not None:
            inside[slots[r][c]].append(ch)  # type: ignore[index]
    specs = [_cell_spec(inside[k], box, page_number) for k, box in enumerate(cells)]
    grid: Grid = [[specs[k] if k is not None else None for k in row] for row in slots]
    grid = [row for row in grid if any(row)]
    texts = [[" ".join(s.lines) if s else "" for s in row] for row in grid]
    return _Table(page_number, table.bbox[1], table.bbox[3], xs, grid, texts)


def _rest_of_row(rows: Grid, rest: list[CellSpec | None]) -> bool:
    """Whether ``rest`` (a continuation's first row) holds the rest of the row at the
    foot of the page before: a cell of that row's own (not merged down from above)
    with text has nothing below it, as a row cut mid-way leaves its short cells
    (序号, the owner) wholly above the break."""
    cut, above = rows[-1], rows[-2] if len(rows) > 1 else []
    pairs = [(a, b) for c, (a, b) in enumerate(zip(cut, rest, strict=False))
             if a is not None and b is not None and (c >= len(above) or above[c] is not a)]
    return any(a.lines and not b.lines for a, b in pairs) and any(b.lines for _, b in pairs)


def _same_columns(a: _Table, b: _Table) -> bool:
    return len(a.columns) == len(b.columns) and all(
        abs(x - y) <= 3.0 for x, y in zip(a.columns, b.columns, strict=True))


def _running(lines_by_page: list[list[_Line]], height: float) -> set[tuple[int, int]]:
    """(page, index) of header/footer lines: in the page's margins, a line repeated
    at the same place on most pages (digits aside) or a page number; in the outer
    band, also a line standing apart from the text (a printed date, an address)."""
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
        inner = [line for line in lines
                 if _OUTER * height <= line.top and line.bottom <= (1 - _OUTER) * height]
        for i, line in enumerate(lines):
            outer = line.top < _OUTER * height or line.bottom > (1 - _OUTER) * height
            margin = line.top < _MARGIN * height or line.bottom > (1 - _MARGIN) * height
            key = (_DIGITS.sub("#", line.text.replace(" ", "")), round(line.top / 4))
            repeated = pages >= 2 and key_count[key] >= max(2, pages // 2)
            apart = outer and all(min(abs(line.top - o.bottom), abs(o.top - line.bottom))
                                  > 2.5 * line.size for o in inner)
            if (margin and (repeated or _PAGE_NUMBER.match(line.text))) or apart:
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
        gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines)
                if a.page == b.page and 0 <= b.top - a.bottom < 3 * self.size]
        self.gap = statistics.median(gaps) if gaps else 0.5 * self.size

    def full(self, line: _Line) -> bool:
        right = line.column[1] if line.column else self.right
        return line.x1 >= right - 1.5 * line.size

    def flush_left(self, line: _Line) -> bool:
        left = line.column[0] if line.column else self.left
        return line.x0 <= left + 0.5 * line.size

    def _aligned(self, paragraph: list[_Line], line: _Line) -> bool:
        """Whether ``line`` starts where a next line of ``paragraph`` starts: where
        its second line did; else at the left edge (after an indented first line);
        else further right, under the text of a numbered first line (a hanging
        indent, as Word sets list items)."""
        tolerance = 0.5 * line.size
        indent = self.indent(line)
        if len(paragraph) > 1:
            return abs(indent - self.indent(paragraph[1])) <= tolerance
        first = self.indent(paragraph[0])
        if self.flush_left(line) or abs(indent - first) <= tolerance:
            return True
        return first < indent <= first + 8 * line.size and heading_of(paragraph[0].text) is not None

    def indent(self, line: _Line) -> float:
        """How far right of its column's left edge the line starts."""
        return line.x0 - (line.column[0] if line.column else self.left)

    def centred(self, line: _Line) -> bool:
        return abs((line.x0 + line.x1) / 2 - (self.left + self.right) / 2) <= line.size

    def continues(self, paragraph: list[_Line], line: _Line) -> bool:
        """Whether ``line`` goes on with ``paragraph`` (its printed lines so far)."""
        before = paragraph[-1]
        if abs(before.size - line.size) > 1.0 or not self.full(before):
            return False
        # A title larger than the text, centred over two or three lines.
        title = line.size > self.size + 1.0 and self.centred(line)
        if not (title or self._aligned(paragraph, line)):
            return False
        # A paragraph that happens to fill its last line, then an unindented role
        # field or numbered heading: the text says where the layout cannot.
        if stands_alone(before.text) and (field_label(line.text)
                                          or heading_of(line.text) is not None):
            return False
        if before.page != line.page or before.column != line.column:
            return True  # cut at the foot of a page or a column
        return line.top - before.bottom <= self.gap + 0.4 * self.size


class _Ruling:
    """What pdfplumber's table finder reads from a page: its bounding box and the
    edges of its ruling lines (here taken from PDFium's path objects)."""

    def __init__(self, width: float, height: float, edges: list[dict[str, Any]]) -> None:
        self.bbox = (0.0, 0.0, width, height)
        self.edges = edges


def _edges(page: Any, height: float) -> list[dict[str, Any]]:
    """The four sides of every drawn path's box (a ruling line is a thin box)."""
    import pypdfium2.raw as pdfium_c

    edges: list[dict[str, Any]] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        x0, x1, y0, y1 = left, right, height - top, height - bottom
        w, h = x1 - x0, y1 - y0
        for y in (y0, y1):
            edges.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": w, "height": 0,
                          "orientation": "h", "object_type": "rect_edge"})
        for x in (x0, x1):
            edges.append({"x0": x, "x1": x, "top": y0, "bottom": y1, "width": 0, "height": h,
                          "orientation": "v", "object_type": "rect_edge"})
    return edges


def _chars(page: Any, height: float) -> list[dict[str, Any]]:
    """The page's characters with their boxes (top-down coordinates), as PDFium
    reads the text layer; characters PDFium made up (spaces, line ends) left out."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        rect = pdfium_c.FS_RECTF()
        chars = []
        for i in range(textpage.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                continue
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
                continue
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect):
                continue
            top, bottom = height - rect.top, height - rect.bottom
            angle = pdfium_c.FPDFText_GetCharAngle(raw, i)
            chars.append({"text": chr(code), "x0": rect.left, "x1": rect.right, "top": top,
                          "bottom": bottom, "size": (bottom - top) * _EM_PER_BOX,
                          "upright": abs(angle) < 0.01 or abs(angle - 6.2832) < 0.01})
        return chars
    finally:
        textpage.close()


def _find_tables(width: float, height: float, edges: list[dict[str, Any]],
                 closing: list[float] | None = None) -> list[Any]:
    from pdfplumber.table import TableFinder

    settings: dict[str, Any] = {}
    if closing:
        settings["explicit_horizontal_lines"] = closing
    return TableFinder(_Ruling(width, height, edges), settings).tables  # type: ignore[arg-type]


def _closing(tables: list[Any], edges: list[dict[str, Any]]) -> list[float]:
    """Where each table's vertical rules start and end (its top and bottom)."""
    out: set[float] = set()
    for table in tables:
        x0, top, x1, bottom = table.bbox
        rules = [e for e in edges if e["orientation"] == "v" and x0 - 1 <= e["x0"] <= x1 + 1
                 and e["top"] <= bottom + 1 and e["bottom"] >= top - 1]
        out.add(min([top, *(e["top"] for e in rules)]))
        out.add(max([bottom, *(e["bottom"] for e in rules)]))
    return sorted(out)


def _pages(pdf: Any, scanned: list[int]) -> Iterator[tuple[int, list[_Line], list[_Table]]]:
    """Each page's lines and tables; pages with an image but no text go to ``scanned``."""
    import pypdfium2.raw as pdfium_c

    for number in range(1, len(pdf) + 1):
        page = pdf[number - 1]
        try:
            width, height = page.get_size()
            chars = _chars(page, height)
            edges = _edges(page, height)
            if not chars and any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE
                                 for obj in page.get_objects()):
                scanned.append(number)
        finally:
            page.close()
        found = _find_tables(width, height, edges) if edges else []
        if found:
            # A browser leaves a cell's border open where a page break cuts it (a
            # cell merged down over the break, a row too tall for the page): close
            # every table where its ruling lines end.
            found = _find_tables(width, height, edges, _closing(found, edges))
        tables = [_table(number, t, chars) for t in found]
        boxes = [t.bbox for t in found]
        free = [c for c in chars if not any(_inside(c, b) for b in boxes)]
        yield number, _page_lines(free, number, width, height), tables


def _open(path: Path) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        head = path.read_bytes()[:1024]
    except OSError as exc:
        raise ZerenError(Errors.E101.format(file=path, reason=exc.strerror or exc)) from exc
    if b"%PDF" not in head:
        raise ZerenError(Errors.E122.format(file=path, reason="no %PDF header"))
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ZerenError(Errors.E123.format(file=path)) from exc
        raise ZerenError(Errors.E122.format(file=path, reason=str(exc)[:200])) from exc


def read(path: Path) -> SourceText:
    """Read a PDF's text layer into a :class:`SourceText` (see the module docstring).

    Raises
    ------
    ZerenError
        E101 (cannot open), E122 (not a PDF that can be read), E123 (password),
        E124 (no text layer: a scan that needs OCR).
    """
    pdf = _open(path)
    scanned: list[int] = []
    try:
        pages = list(_pages(pdf, scanned))
        height = float(pdf[0].get_size()[1]) if len(pdf) else 842.0
    except ZerenError:
        raise
    except Exception as exc:  # PDFium on a damaged page
        raise ZerenError(Errors.E122.format(file=path, reason=str(exc)[:200] or
                                            type(exc).__name__)) from exc
    finally:
        pdf.close()
    if not any(lines or tables for _, lines, tables in pages):
        raise ZerenError(Errors.E124.format(file=path, pages=len(pages)))
    running = _running([lines for _, lines, _ in pages], height)
    items: list[tuple[int, float, _Line | _Table]] = []
    for p, (number, lines, tables) in enumerate(pages):
        # Lines come in reading order (columns too); a table goes before the first
        # line below its top.
        kept: list[_Line | _Table] = [line for i, line in enumerate(lines)
                                      if (p, i) not in running]
        for t in sorted(tables, key=lambda t: t.top):
            at = next((k for k, it in enumerate(kept)
                       if isinstance(it, _Line) and it.top > t.top), len(kept))
            kept.insert(at, t)
        items.extend((number, it.top, it) for it in kept)
    layout = _Layout([it for _, _, it in items if isinstance(it, _Line)])
    # The bottom of the text area: a table reaching it was cut by the page break.
    page_bottom = max((it.bottom for _, _, it in items), default=0.0)
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
                table.rows.extend(_continuation(table, item, page_bottom))
                table.page, table.bottom = item.page, item.bottom
                continue
            flush_table()
            table = item
            continue
        flush_table()
        if paragraph and not layout.continues(paragraph, item):
            flush_paragraph()
        paragraph.append(item)
    flush_paragraph()
    flush_table()
    source = builder.source()
    # A scanned page among pages with text: say so, never skip it silently. Its warning
    # points at the first line after it (or the last line).
    for number in scanned:
        after = next((k + 1 for k, page in enumerate(source.pages) if page > number),
                     len(source.lines) or 1)
        source.warnings.append((after, "W120", f"page {number}"))
    return source


def _continuation(first: _Table, more: _Table, page_bottom: float) -> Grid:
    """The rows of a table's continuation on the next page: less the header rows
    repeated there, the rest of a row the page break cut given back to that row, and
    the empty top of a cell merged down over the page break given back to that cell."""
    k = 0
    while k < min(3, len(first.texts), len(more.texts)) and first.texts[k] == more.texts[k]:
        k += 1
    rows = more.rows[k:]
    if rows and first.rows and first.bottom >= page_bottom - 1.0 and _rest_of_row(
            first.rows, rows[0]):
        for cut, rest in zip(first.rows[-1], rows[0], strict=False):
            if cut is None or rest is None or rest is cut:
                continue
            if rest.lines:
                cut.lines.extend(rest.lines)
                cut.pages.extend(rest.pages)
                cut.joins.extend([cut.open_end, *rest.joins[1:]])
                cut.open_end = rest.open_end
            for row in rows:  # the cut cell may also be merged down further
                row[:] = [cut if slot is rest else slot for slot in row]
        rows = rows[1:]
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
