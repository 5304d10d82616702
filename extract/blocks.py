"""Blocks: what every file reader produces and every layout reader consumes.

Reading a file (text, Word, PDF, HTML) gives a :class:`SourceText`: the file's lines
as the reader renders them (the lines every record's provenance points at, and the
passage the app shows) and the *blocks* read from them, in reading order:

* :class:`LogicalLine` — a paragraph line: what the author wrote as one line (a
  heading, a paragraph, a role field), rebuilt from the physical lines a page break
  or a converter split, with the map back to them;
* :class:`TableRow` — one row of a table, its :class:`Cell` s in column order, each
  cell with its own source lines. Tables flattened to text (one cell per line, ``|``
  between cells, a row per line) are recognised while reading, so later steps see
  the same row shape whatever the input.

Nothing here interprets the text: which rows are headers, which column holds owners,
is the table layout's business (:mod:`extract.layouts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Block", "Cell", "LogicalLine", "SourceText", "TableRow"]


@dataclass(frozen=True)
class LogicalLine:
    """One repaired line and the physical lines (1-based, inclusive) it spans.

    ``breaks`` holds ``(offset, line)`` for each physical line after the first:
    text from ``offset`` on came from physical line ``line``.
    """

    text: str
    start: int
    end: int
    breaks: tuple[tuple[int, int], ...] = ()

    def line_at(self, offset: int) -> int:
        """The physical line holding the character at ``offset`` of :attr:`text`."""
        line = self.start
        for at, number in self.breaks:
            if offset < at:
                break
            line = number
        return line


@dataclass(frozen=True)
class Cell:
    """One table cell: its text (normalised; ``\\n`` between the cell's own lines),
    its 1-based column and the source lines it came from.

    A cell merged over several rows (Word ``vMerge``, HTML ``rowspan``) is given to
    every row it spans, with ``merged=True`` on the rows after the first.
    """

    text: str
    column: int
    start: int
    end: int
    merged: bool = False

    @property
    def lines(self) -> list[str]:
        """The cell's own lines (several owners are often one per line)."""
        return [part for part in self.text.split("\n") if part.strip()]


@dataclass(frozen=True)
class TableRow:
    """One table row: ``table`` is the 1-based table number in the file, ``row`` the
    1-based row number inside it (header rows included)."""

    cells: tuple[Cell, ...]
    table: int
    row: int
    start: int
    end: int

    @property
    def texts(self) -> list[str]:
        """The cells' texts, in column order."""
        return [cell.text for cell in self.cells]

    @property
    def text(self) -> str:
        """The row as one line, cells joined by `` | `` (for messages and display)."""
        return " | ".join(cell.text.replace("\n", " ") for cell in self.cells)


Block = LogicalLine | TableRow


@dataclass
class SourceText:
    """A file as a reader read it.

    ``lines`` are the rendered source lines (1-based numbering: ``lines[0]`` is line
    1); ``pages`` gives the 1-based page of each line when the format has pages (PDF),
    else is empty; ``blocks`` are the paragraph lines and table rows in reading order.
    """

    file: str
    lines: list[str]
    blocks: list[Block]
    pages: list[int] = field(default_factory=list)
    format: str = "text"
    # (line, code, text): what the reader could not read (a scanned page in a PDF)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)

    def page_of(self, line: int) -> int | None:
        """The page of a 1-based source line, or ``None`` for formats without pages."""
        if not self.pages or not 1 <= line <= len(self.pages):
            return None
        return self.pages[line - 1]
