"""The text reader: ``.txt`` files, encoding detection and binary rejection.

Gazette text reaches users as UTF-8 (with or without a BOM) and, from older
Windows tools, as GB18030/GBK. Anything else is reported, never guessed at
silently: a wrong guess would put garbage into the graph.

The file's own lines are the source lines; blocks are the repaired paragraph lines
(:mod:`extract.repair`), with flattened text tables read back into table rows.
"""

from __future__ import annotations

from pathlib import Path

from errors import Errors, ZerenError
from extract.blocks import Block, LogicalLine, SourceText
from extract.normalize import normalize_line
from extract.repair import repair_lines
from extract.text_tables import find_text_tables

__all__ = ["decode_text_file", "read", "source_from_text", "text_blocks"]

# GB18030 is a superset of GBK and GB2312, so one attempt covers all three.
_ENCODINGS = ("utf-8-sig", "gb18030")
# Control characters other than tab/newline/carriage return/form feed are a strong
# sign of a binary file even when the bytes happen to decode.
_BINARY_CONTROLS = {c for c in range(32) if c not in (9, 10, 12, 13)}


def decode_text_file(path: Path) -> str:
    """Read a text file as UTF-8, UTF-8 with BOM, or GB18030/GBK.

    Parameters
    ----------
    path : Path
        The file to read.

    Returns
    -------
    str
        The decoded text with ``\\r\\n`` and ``\\r`` normalised to ``\\n``.

    Raises
    ------
    ZerenError
        If the file cannot be opened, is binary, or decodes as none of the encodings.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ZerenError(Errors.E101.format(file=path, reason=exc.strerror or exc)) from exc
    head = data[:8192]
    if b"\x00" in head:
        raise ZerenError(Errors.E102.format(file=path, what="NUL bytes"))
    controls = sum(1 for b in head if b in _BINARY_CONTROLS)
    if head and controls / len(head) > 0.01:
        raise ZerenError(Errors.E102.format(file=path, what=f"{controls} control bytes"))
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ZerenError(Errors.E103.format(file=path))


def source_from_text(text: str, file: str = "<text>") -> SourceText:
    """The source text and blocks of a text already in memory.

    Parameters
    ----------
    text : str
        The whole text; ``\\r\\n`` and ``\\r`` are read as line ends; lone surrogates
        become U+FFFD.
    file : str
        The name every record will give as its source file.

    Returns
    -------
    SourceText
    """
    # A str from a caller may hold lone surrogates (no file decodes to them): records must
    # be valid Unicode for every export and store, so they become U+FFFD here.
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    return SourceText(file=file, lines=lines, blocks=text_blocks(lines))


def text_blocks(lines: list[str]) -> list[Block]:
    """Blocks of physical lines: flattened tables as rows, the rest repaired paragraphs.

    Parameters
    ----------
    lines : list of str
        The physical lines; ``lines[0]`` is line 1.

    Returns
    -------
    list of Block
        In line order. A heading between a table's rows is a paragraph line.
    """
    blocks: list[Block] = []
    done = 0  # lines before this (0-based) are in blocks already
    for table in find_text_tables(lines):
        blocks.extend(repair_lines(enumerate(lines[done : table.first - 1], start=done + 1)))
        inside: list[Block] = list(table.rows)
        inside.extend(LogicalLine(normalize_line(text), line, line)
                      for line, text in table.headings)
        inside.sort(key=lambda b: b.start)
        blocks.extend(inside)
        done = max(done, table.last)
    blocks.extend(repair_lines(enumerate(lines[done:], start=done + 1)))
    return blocks


def read(path: Path) -> SourceText:
    """Read a ``.txt`` file (see :func:`decode_text_file`) into a :class:`SourceText`."""
    return source_from_text(decode_text_file(path), file=str(path))
