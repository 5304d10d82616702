"""Rendering a structured file (Word, web page, PDF) into source lines and blocks.

The structured readers find paragraphs and tables; this module turns them into the
one shape every later step reads (:mod:`extract.blocks`), the same way for every
format, so a document gives the same blocks whether it came as Word, HTML or PDF:

* a paragraph is rendered as its own source line(s) and becomes one
  :class:`~extract.blocks.LogicalLine` per line (a PDF paragraph wrapped over
  several printed lines is one logical line with a break map);
* a table is a grid of slots; the same :class:`CellSpec` in several slots is a
  merged cell. Each cell's own lines (its paragraphs) are rendered one per source
  line, cell after cell, row after row, so every cell points at its own lines. A
  cell merged down (Word ``vMerge``, HTML ``rowspan``) is given to every row it
  spans, ``merged=True`` after the first, pointing at the lines of its first row; a
  cell merged across (``gridSpan``, ``colspan``) is one cell at its first column, so
  column numbers stay the grid's.

Every text put into a block is normalised with :func:`extract.normalize.normalize_line`;
the source lines keep the text as the file has it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.blocks import Block, Cell, LogicalLine, SourceText, TableRow
from extract.normalize import normalize_line

__all__ = ["CellSpec", "Grid", "SourceBuilder", "join_wrapped"]


@dataclass(eq=False)
class CellSpec:
    """One cell as the file has it: its lines in order and, for PDF, the page of
    each line and whether it continues the line before (a paragraph wrapped at the
    cell's edge; otherwise every line is a paragraph of its own). Compared by
    identity: the same object in several grid slots is one merged cell."""

    lines: list[str]
    pages: list[int] = field(default_factory=list)
    joins: list[bool] = field(default_factory=list)
    open_end: bool = False  # (PDF) the last line runs to the cell's edge: text may go on


# rows of slots; ``None`` where a row has no cell (a short row).
Grid = list[list[CellSpec | None]]


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one paragraph: no space inside Chinese text, one between
    two Latin words or numbers (``Zeren`` + ``Graph``)."""
    if left and right and left[-1].isascii() and left[-1].isalnum() \
            and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


class SourceBuilder:
    """Collects source lines and blocks in reading order.

    Parameters
    ----------
    file : str
        The name records give as their source file.
    fmt : str
        :attr:`SourceText.format` (``"docx"``, ``"html"``, ``"pdf"``).
    paged : bool
        Whether the format has pages (then every line records its page).
    """

    def __init__(self, file: str, fmt: str, paged: bool = False) -> None:
        self.file = file
        self.format = fmt
        self.paged = paged
        self.lines: list[str] = []
        self.pages: list[int] = []
        self.blocks: list[Block] = []
        self.tables = 0

    def _line(self, raw: str, page: int | None) -> int:
        self.lines.append(raw.rstrip())
        if self.paged:
            self.pages.append(page or (self.pages[-1] if self.pages else 1))
        return len(self.lines)

    def paragraph(self, parts: list[str], pages: list[int] | None = None) -> None:
        """One paragraph: ``parts`` are its physical lines (one, except a PDF
        paragraph wrapped over several printed lines), joined into one logical line.
        Empty paragraphs add nothing."""
        kept = [(raw, normalize_line(raw), (pages or [])[i] if pages else None)
                for i, raw in enumerate(parts)]
        kept = [k for k in kept if k[1]]
        if not kept:
            return
        text = ""
        start = 0
        breaks: list[tuple[int, int]] = []
        for raw, clean, page in kept:
            number = self._line(raw, page)
            if not start:
                start, text = number, clean
                continue
            joined = join_wrapped(text, clean)
            breaks.append((len(joined) - len(clean), number))
            text = joined
        self.blocks.append(LogicalLine(text, start, len(self.lines), tuple(breaks)))

    def table(self, grid: Grid) -> None:
        """One table (see the module docstring for how merged cells are given).
        A grid with no text at all adds nothing; a grid of one column is a frame
        drawn round text (a boxed note, a page laid out in one cell), so its lines
        are paragraphs."""
        if not any(spec and any(line.strip() for line in spec.lines)
                   for row in grid for spec in row):
            return
        if all(len({id(s) for s in row if s is not None}) <= 1 for row in grid):
            for spec in dict.fromkeys(s for row in grid for s in row if s is not None):
                self._paragraphs(spec)
            return
        self.tables += 1
        placed: dict[int, Cell] = {}  # id(spec) -> the cell made for its first row
        row_number = 0
        for slots in grid:
            cells: list[Cell] = []
            previous: CellSpec | None = None
            for column, spec in enumerate(slots, start=1):
                if spec is None or spec is previous:
                    previous = spec
                    continue
                previous = spec
                first = placed.get(id(spec))
                if first is not None:
                    if first.column == column:  # merged down: the same cell again
                        cells.append(Cell(first.text, column, first.start, first.end,
                                          merged=True))
                    continue
                cell = self._cell(spec, column)
                placed[id(spec)] = cell
                cells.append(cell)
            if not cells:
                continue
            row_number += 1
            # The row's own lines: a cell merged down from above lives on earlier lines.
            own = [c for c in cells if not c.merged] or cells
            self.blocks.append(TableRow(tuple(cells), self.tables, row_number,
                                        min(c.start for c in own), max(c.end for c in own)))

    def _paragraphs(self, spec: CellSpec) -> None:
        """A cell's lines as paragraphs (lines that wrap at its edge joined)."""
        groups: list[list[int]] = []
        for i in range(len(spec.lines)):
            if groups and i < len(spec.joins) and spec.joins[i]:
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            pages = [spec.pages[i] for i in group] if len(spec.pages) == len(spec.lines) else None
            self.paragraph([spec.lines[i] for i in group], pages)

    def _cell(self, spec: CellSpec, column: int) -> Cell:
        texts: list[str] = []
        start = end = 0
        for i, raw in enumerate(spec.lines):
            clean = normalize_line(raw)
            if not clean:
                continue
            end = self._line(raw, spec.pages[i] if i < len(spec.pages) else None)
            start = start or end
            if texts and i < len(spec.joins) and spec.joins[i]:
                texts[-1] = join_wrapped(texts[-1], clean)
            else:
                texts.append(clean)
        if not start:
            # An empty cell still has a place: one empty source line.
            page = spec.pages[0] if spec.pages else None
            start = end = self._line("", page)
        return Cell("\n".join(texts), column, start, end)

    def source(self) -> SourceText:
        """The :class:`SourceText` built so far."""
        return SourceText(file=self.file, lines=self.lines, blocks=self.blocks,
                          pages=self.pages if self.paged else [], format=self.format)
