"""Tables flattened to text, read back into table rows.

Government web pages and copy-pasted documents lose their tables' structure. The shapes
seen (``/work/shared/corpus-other`` README), all handled here:

* **separated rows** — a row per line, cells between ``|`` (``1 | 地区生产总值… | 市发改委 |``)
  or tabs; ``||||`` filler where cells were merged; a Markdown rule (``|---|``) skipped;
* **spaced rows** — a row per line, cells between spaces (``1 地区生产总值增长7%. 发改委``),
  the header at the end of the notice's last line; a cell's own spaces look the same, so
  the tokens are grouped into cells by what they hold as they are aligned;
* **stacked cells** — one cell per line (``序号`` / ``主要工作任务`` / ``责任单位`` / ``1`` / …),
  with or without ``|`` lines between the cells.

A table is recognised by its header (column words of ``role_words.tsv``: ``序号``,
``工作任务``, ``牵头单位`` …); a few words it does not know (``单位``, ``建设性质``) may sit among
them as note columns — or, the one such word of a header with a 序号 and owner columns but
no task column (``民生实事``), as its task column. Flattening loses cells (a merged cell
appears once, an empty one vanishes), so cell positions cannot be trusted: each cell is
typed by its content (sequence number, organisations, people, a deadline, a number,
text) and aligned to the header's columns in order, a leftover cell preferring the later
of two columns it fits (a merged cell is the one missing, and merged cells are leading
cells) — but in a row with its own text a lone organisation fills the first owner column
(the empty cell that vanished is the assisting units'). A separated row that kept every
cell, empty ones too, is read by position. Headings between rows (``一、主要预期目标``) stay
paragraph lines. Tab-separated lines without a known header become rows too, cells by
position, and so do ``|`` lines whose first names an owner column (the table layout
reads them or reports them: never a table lost in silence).

Two-level headers (``责任单位`` over ``牵头单位`` / ``配合单位``) — the second row after the
first when one cell per line, or a second ``|`` line — have the sub-columns in place of
their parent. A separated row's last cell wrapped onto the next lines (a row of a table
whose lines end with ``|`` that does not, or a cell cut after a comma) is joined back. A
merged first owner cell (牵头单位 over a group of rows) appears in the group's first row
only: where the following rows' units stand in the later owner column (kept empty by
position; or several units, collectives, or a row already without it, where cells
vanished), the lead carries down to them as a merged cell. A numbered row always has its
text: a first cell typed as units (…运营指挥中心) before more units is retyped text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from extract.blocks import Cell, TableRow
from extract.deadlines import parse_deadlines
from extract.normalize import normalize_line
from extract.org_names import is_post, looks_like_org, resolve_org, split_org_list
from extract.outline import heading_of
from extract.vocabulary import (
    OWNER_KINDS,
    column_kind,
    column_word_shape,
    lead_marks,
    lead_suffixes,
)

__all__ = ["TextTable", "find_text_tables"]

_PIPE_LINE = re.compile(r"^\s*\|+\s*$")
_SEQ = re.compile(r"^[（(]?\d{1,3}[)）]?[.．、]?$")
# 一, 十二, （三）: a group row's number (| 一 | 提升政务服务效能 | | |), a sequence cell of
# a row whose cells are separated (a spaced row's 一 may be a character of 一体化).
_CN_SEQ = re.compile(r"^[（(]?[一二三四五六七八九十]{1,3}[)）]?[.．、]?$")
_NUMBER = re.compile(r"^[-+]?\d+(?:[.．]\d+)?\s*[%％]?$")
# 2021.12, 2021-8, 2021/12: a year and month written with digits only (a deadline cell).
_YEAR_MONTH = re.compile(r"^(?:19|20)\d\d\s*[.．/\-]\s*\d{1,2}$")
# A sentence, not a list of names.
_SENTENCE_END = re.compile(r"[。；;，,！？]$")
# A person's name: 钱宇, 徐斌, or spaced as tables print them (钱 宇, 王 嵘).
_PERSON = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]\s+[\u4e00-\u9fff]{1,2})$")
_SPACES = re.compile(r"\s+")
# |---|:---:| or ─────: a rule drawn between a header and its rows.
_RULE_CELL = re.compile(r"^:?[-—─=＝+]{3,}:?$")
_MAX_HEADER_CELL = 16
# A stacked table ends at an annex or a new document header.
_TABLE_END = re.compile(r"^\s*(?:附\s*件\s*\d*|附表\s*\d*)\s*[：:]?\s*$")

# Column kinds -> the cell types that may fill them (first = the best fit).
_FITS: dict[str, tuple[str, ...]] = {
    "seq": ("seq",),
    "task": ("text", "number", "deadline", "seq"),
    "lead": ("orgs",),
    "responsible": ("orgs",),
    "assist": ("orgs",),
    "monitor": ("orgs",),
    "person": ("person",),
    "deadline": ("deadline", "text"),
    "score": ("number", "seq"),
    # A target figure: 38, 12.5, 7左右, 3.6以内 (a short integer is typed like a row number).
    "value": ("number", "seq", "text", "deadline"),
    "note": ("text", "number", "deadline", "orgs"),
    "progress": ("text", "number", "deadline"),
}


@dataclass
class _RawCell:
    """A cell as found: its pieces (the source's own line or space breaks) and lines."""

    pieces: list[str]
    start: int
    end: int
    kind: str | None = None  # the cell's type, once computed

    @property
    def flat(self) -> str:
        return "".join(self.pieces)


@dataclass
class TextTable:
    """A flattened table found in a text: the physical lines it covers, its header and its
    rows, cells aligned to columns (1-based)."""

    first: int
    last: int
    rows: list[TableRow]
    headings: list[tuple[int, str]]  # (line, raw text) of headings between rows


def _squash(text: str) -> str:
    return _SPACES.sub("", text)


def _header_kind(text: str) -> str | None:
    flat = _squash(text)
    if not flat or len(flat) > _MAX_HEADER_CELL:
        return None
    return column_kind(flat)


def _is_task_header(kinds: list[str]) -> bool:
    """A header worth reading as a task table: a text column and an owner (or monitor)."""
    return ("task" in kinds or "seq" in kinds) and any(
        k in OWNER_KINDS or k == "monitor" for k in kinds)


def _strip_marks(text: str) -> str:
    """Without the lead marks before (★区发改委) or after (市国资委（牵头）) a name."""
    text = text.lstrip("".join(lead_marks()) + " ")
    if "(" in text:
        text = text.replace("(", "（").replace(")", "）")
    for suffix in lead_suffixes():
        if suffix in text:
            text = text.replace(suffix, "")
    return text


@lru_cache(maxsize=4096)
def _cell_type(flat: str) -> str:
    """seq | number | orgs | person | deadline | text for a cell's squashed text."""
    if not flat:
        return "empty"
    if _SEQ.match(flat):
        return "seq"
    if _YEAR_MONTH.match(flat):
        return "deadline"
    if _NUMBER.match(flat):
        return "number"
    unmarked = _strip_marks(flat)
    if unmarked and not _SENTENCE_END.search(unmarked) and looks_like_org(unmarked):
        return "orgs"
    if len(flat) <= 30 and parse_deadlines(flat, None, field=True):
        return "deadline"
    return "text"


def _tokens(cell: _RawCell) -> list[str]:
    return [t for p in cell.pieces for t in p.split()]


def _type_of(cell: _RawCell) -> str:
    """The cell's type (computed once per cell)."""
    if cell.kind is None:
        cell.kind = _compute_type(cell)
    return cell.kind


def _compute_type(cell: _RawCell) -> str:
    """seq | number | orgs | person | deadline | text; an owner cell often holds one org
    per line or per space."""
    if len(cell.pieces) == 1 and not _SPACES.search(cell.pieces[0]):
        # One word (every token of a spaced row): the common case, without the lists.
        word = cell.pieces[0]
        base = _cell_type(word)
        if base == "text" and (_PERSON.match(word) or is_post(word)):
            return "person"
        return base
    pieces = [p for p in cell.pieces if p.strip()]
    tokens = _tokens(cell)
    if len(tokens) > 1 and all(_cell_type(_squash(_strip_marks(t))) == "orgs" for t in tokens):
        return "orgs"
    base = _cell_type(_squash(cell.flat))
    if base != "text":
        return base
    if pieces and all(_PERSON.match(p.strip()) or is_post(_squash(p)) for p in pieces):
        return "person"
    return base


def _separated_type(cell: _RawCell) -> str:
    """The type of a cell whose boundaries are known: a Chinese numeral is its number."""
    return "seq" if _CN_SEQ.match(cell.flat) else _type_of(cell)


def _fit(cell_type: str, kind: str) -> float:
    """How well a cell of this type fills a column of this kind (a misfit is allowed,
    at a cost, so one odd cell never costs the whole row)."""
    fits = _FITS.get(kind, ())
    if cell_type in fits:
        return 2.0 if fits[0] == cell_type else 1.0
    return -3.0


def _align(types: list[str], kinds: list[str]) -> list[int] | None:
    """Columns (0-based, increasing) for cells of these types, or None if there are more
    cells than columns: :func:`_grouped` with every cell a cell of its own (separated
    rows keep their cell boundaries). Maximises the fit; among equal scores a cell goes
    to the later column (the cells that vanish are merged leading cells), organisations
    after the row's own text to the earlier owner column."""
    found = _grouped(tuple(types), (False,) * len(types), tuple(kinds), False)
    return [column for _, column in found] if found is not None else None


def _cell_text(cell: _RawCell) -> str:
    """Normalised text; an owner cell keeps one org per line (spaces separated them)."""
    kind = _type_of(cell)
    if kind == "orgs":
        parts = [normalize_line(t) for t in _tokens(cell)]
    elif kind == "person":
        parts = [_squash(p) for p in cell.pieces]
    else:
        parts = [normalize_line(p) for p in cell.pieces]
    return "\n".join(p for p in parts if p)


# --- the three body shapes -----------------------------------------------------------

@dataclass
class _Body:
    rows: list[list[_RawCell]]
    headings: list[tuple[int, str]]
    last: int  # 0-based index of the table's last line


def _split_separated(raw: str, sep: str, number: int) -> list[_RawCell]:
    parts = raw.split(sep)
    if sep == "|" and parts and not parts[-1].strip():
        parts = parts[:-1]  # the row's closing "|"
    return [_RawCell([p.strip()] if p.strip() else [], number, number) for p in parts]


# A cell cut in the middle of a sentence (…35万平方米， / 市卫健委、): it goes on below.
_RUNS_ON = re.compile(r"[，,、：:（(“]$")
# How many lines a wrapped cell may run on (a converter's wrap, not a paragraph).
_MAX_WRAP = 4


def _opens(raw: str, sep: str, closed: bool) -> bool:
    """A row line whose last cell runs on to the next line: in a table whose lines end
    with the separator, one that does not; in any table, a cell cut after a comma."""
    text = raw.rstrip()
    if text.endswith(sep):
        return False
    return closed or bool(_RUNS_ON.search(text))


def _starts_own_row(first: _RawCell) -> bool:
    """A line's first cell that begins a row or a group row of its own (a number, a
    heading), not the rest of a cell above; an empty one is a row's empty first cell."""
    flat = first.flat
    return not flat or bool(_SEQ.match(flat) or _CN_SEQ.match(flat)
                            or heading_of(normalize_line(flat)))


def _wrapped(lines: list[str], i: int, sep: str) -> tuple[list[str], int] | None:
    """The lines continuing a row's last cell from line ``i``: lines without a
    separator, then the first cell of the line that has one (``居民满意率达到90%以上。 |
    区住建局 | …``). Returns the pieces and the index of that line, or None when no such
    line follows within a few lines (a table's last row before a paragraph)."""
    pieces: list[str] = []
    j = i
    while j < len(lines) and len(pieces) <= _MAX_WRAP:
        stripped = lines[j].strip()
        if not stripped:
            j += 1
            continue
        if sep in stripped:
            first = _split_separated(stripped, sep, j + 1)[0]
            if _starts_own_row(first):
                return None
            return [*pieces, first.flat], j
        if heading_of(normalize_line(stripped)):
            return None
        pieces.append(stripped)
        j += 1
    return None


def _separated_body(lines: list[str], start: int, sep: str, closed: bool = False) -> _Body:
    """Rows one per line, cells between separators; a row whose last cell was wrapped
    onto the next lines (a long task, ``牵头：X`` over ``配合：Y``) is joined back:
    ``closed`` says the header's line ends with the separator, so its rows should."""
    rows: list[list[_RawCell]] = []
    headings: list[tuple[int, str]] = []
    i, last = start, start - 1
    while i < len(lines):
        raw = lines[i]
        if not raw.strip():
            i += 1
            continue
        if sep not in raw:
            # A group's title on a line of its own (一、城区整治, no filler pipes) between
            # rows stays in the table when rows follow it.
            title = heading_of(normalize_line(raw.strip()))
            after = _next_content(lines, i + 1)
            if title is None or not title.is_title or sep not in after:
                break
            headings.append((i + 1, raw.strip()))
            last = i
            i += 1
            continue
        cells = _split_separated(raw, sep, i + 1)
        filled = [c for c in cells if c.pieces]
        if filled and all(_RULE_CELL.match(c.flat) for c in filled):
            pass  # a Markdown or box-drawing rule under the header, not a row
        elif len(filled) == 1 and heading_of(normalize_line(filled[0].flat)):
            headings.append((i + 1, filled[0].flat))
        elif filled:
            # A wrapped last cell: its next lines join it, and the rest of the line that
            # ends it are the row's further cells (which may run on again).
            while cells[-1].pieces and _opens(lines[i], sep, closed):
                wrap = _wrapped(lines, i + 1, sep)
                if wrap is None:
                    break
                pieces, i = wrap
                cells[-1].pieces.extend(pieces)
                cells[-1].end = i + 1
                cells.extend(_split_separated(lines[i], sep, i + 1)[1:])
            rows.append(cells)
        last = i
        i += 1
    return _Body(rows, headings, last)


def _spaced_body(lines: list[str], start: int) -> _Body:
    """Rows ``N text … orgs`` one per line; headings between them."""
    rows: list[list[_RawCell]] = []
    headings: list[tuple[int, str]] = []
    i, last = start, start - 1
    while i < len(lines):
        raw = lines[i].strip()
        if not raw:
            i += 1
            continue
        tokens = raw.split()
        if len(tokens) >= 2 and _SEQ.match(tokens[0]):
            rows.append([_RawCell([t], i + 1, i + 1) for t in tokens])
        elif heading_of(normalize_line(raw)) and len(raw) <= 60:
            headings.append((i + 1, raw))
        elif rows and len(tokens) == 1 and len(raw) <= _WRAP_MAX and _continues_row(lines, i):
            _join_wrapped(rows[-1], raw, i + 1)
        else:
            break
        last = i
        i += 1
    return _Body(rows, headings, last)


_WRAP_MAX = 40  # a cell's text wrapped onto a line of its own, never a paragraph


def _continues_row(lines: list[str], i: int) -> bool:
    """Whether the line after ``i`` goes on with the table (a numbered row or its end)."""
    nxt = next((line.strip() for line in lines[i + 1:i + 3] if line.strip()), "")
    tokens = nxt.split()
    return not nxt or (len(tokens) >= 2 and bool(_SEQ.match(tokens[0])))


def _join_wrapped(row: list[_RawCell], text: str, line: int) -> None:
    """``2 低压…压缩至 国网徐州供电公司 2019年12月底`` / ``15个工作日以内``: the line is the
    rest of the row's last cell of its own type (the task's text, or an owner list)."""
    kind = "orgs" if _cell_type(_squash(_strip_marks(text))) == "orgs" else "text"
    for cell in reversed(row[1:]):
        if _cell_type(_squash(cell.flat)) == kind:
            cell.pieces.append(text)
            cell.end = line
            cell.kind = None
            return
    row.append(_RawCell([text], line, line))


def _stacked_cells(lines: list[str], start: int) -> tuple[list[_RawCell | None], int]:
    """Cells one per line; with ``|`` lines, consecutive text lines form one cell and a
    line of k pipes closes k cells. ``None`` marks an empty cell."""
    cells: list[_RawCell | None] = []
    piped = any(_PIPE_LINE.match(line) for line in lines[start:start + 12])
    pending: _RawCell | None = None
    i, last = start, start - 1
    while i < len(lines):
        raw = lines[i]
        stripped = raw.strip()
        if not stripped:
            i += 1
            continue
        if _TABLE_END.match(stripped):
            break
        if piped and _PIPE_LINE.match(stripped):
            count = stripped.count("|")
            if pending is not None:
                cells.append(pending)
                pending = None
                count -= 1
            cells.extend([None] * count)
        elif piped:
            if pending is None:
                pending = _RawCell([stripped], i + 1, i + 1)
            else:
                pending.pieces.append(stripped)
                pending.end = i + 1
        else:
            cells.append(_RawCell([stripped], i + 1, i + 1))
        last = i
        i += 1
    if pending is not None:
        cells.append(pending)
    return cells, last


def _group_title(cell: _RawCell) -> bool:
    """A group row's title (二、全面推进乡村振兴): a heading short enough to be a title."""
    heading = heading_of(normalize_line(cell.flat))
    return heading is not None and heading.is_title


def _piped_rows(cells: list[_RawCell | None], width: int, body: _Body) -> None:
    """Rows of stacked cells with ``|`` lines: filler pipes keep every row at the header's
    width, but not always (a row may lack its filler), so a group row — its title, then
    empty cells — closes the row before it and counts the next row's cells afresh: a
    miscount stays inside one row instead of shifting the rest of the table."""
    chunk: list[_RawCell] = []

    def close() -> None:
        if len(chunk) == 1 and heading_of(normalize_line(chunk[0].flat)):
            body.headings.append((chunk[0].start, chunk[0].flat))
        elif chunk:
            body.rows.append(list(chunk))
        chunk.clear()

    filled = 0  # positions of the row so far, empty cells included
    k = 0
    while k < len(cells):
        cell = cells[k]
        if cell is not None and _group_title(cell) and (
                k + 1 == len(cells) or cells[k + 1] is None):
            close()
            body.headings.append((cell.start, cell.flat))
            k += 1
            skipped = 0  # the group row's own filler
            while k < len(cells) and cells[k] is None and skipped < width - 1:
                k, skipped = k + 1, skipped + 1
            filled = 0
            continue
        if cell is not None:
            chunk.append(cell)
        filled += 1
        if filled == width:
            close()
            filled = 0
        k += 1
    close()


def _stacked_body(lines: list[str], start: int, kinds: list[str], piped: bool) -> _Body:
    cells, last = _stacked_cells(lines, start)
    body = _Body([], [], last)
    rows, headings = body.rows, body.headings
    if piped:
        _piped_rows(cells, len(kinds), body)
        return body
    # No boundaries at all: a row starts where the first two columns' types appear.
    present = [c for c in cells if c is not None]
    types = [_type_of(c) for c in present]
    # The best-fitting type only: a number fits a task column, but a row starts with text.
    first = _FITS.get(kinds[0], ("",))[0]
    second = _FITS.get(kinds[1], ()) if len(kinds) > 1 else ()
    current: list[_RawCell] = []
    last_seq = 0

    def row_number(k: int) -> int | None:
        cell = present[k]
        return int(cell.flat) if cell.flat.isdigit() and len(cell.flat) <= 6 else None

    def starts_row(k: int) -> bool:
        # A row starts at a sequence number; past 999 the number is only told from a
        # figure by continuing the sequence (1000 after 999).
        numbered = types[k] == first or (first == "seq" and row_number(k) == last_seq + 1)
        return numbered and k + 1 < len(present) and types[k + 1] in second

    for k, cell in enumerate(present):
        starts = starts_row(k)
        number = row_number(k)
        if starts and number is not None:
            last_seq = number
            cell.kind = "seq"  # 1000 is typed a number; here it is the row's number
        if starts and current:
            rows.append(current)
            current = []
        if not current and not starts:
            text = normalize_line(cell.flat)
            if heading_of(text) or types[k] == "text":
                headings.append((cell.start, cell.flat))  # a merged category cell
                continue
        # A group row's title right after a row's owners or deadline, before the next
        # row (or at the end), is a heading: it closes the row instead of joining it.
        if (current and not starts and types[k] == "text" and _group_title(cell)
                and any(_type_of(c) in ("orgs", "deadline") for c in current)
                and (k + 1 == len(present) or starts_row(k + 1))):
            rows.append(current)
            current = []
            headings.append((cell.start, cell.flat))
            continue
        current.append(cell)
        # A full row closes itself, unless rows start with a sequence number: then an
        # owner cell of several lines (区财政局 / 区住建局) is still the same row.
        if len(current) == len(kinds) and first != "seq":
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    return body


# --- headers ---------------------------------------------------------------------------

@dataclass
class _Header:
    cells: list[_RawCell]
    kinds: list[str]
    shape: str  # "pipe" | "tab" | "spaced" | "stacked" | "stacked_piped"
    next_line: int  # 0-based index of the first body line
    leading: bool = False  # separated lines open with the separator (| 序号 | … |)


def _unknown_word(text: str) -> bool:
    """A header cell the vocabulary does not know but shaped like a column word (单位,
    建设性质, 总投资): a few Chinese characters, no punctuation, no figure."""
    return column_word_shape(text)


def _header_kinds(kinds: list[str | None]) -> list[str] | None:
    """The kinds of a header's cells, an unknown word read as a note column (the table
    layout ignores it), or None: the known cells must make a task header on their own,
    and outnumber the unknown ones two to one (a row of text is not a header)."""
    known = [k for k in kinds if k]
    if (len(kinds) - len(known)) * 2 > len(known) or not _is_task_header(known):
        return None
    if "task" not in known and len(kinds) - len(known) == 1 and "seq" in known:
        # 序号 | 民生实事 | 牵头单位 | …: the one word it does not know names the tasks.
        return [k or "task" for k in kinds]
    return [k or "note" for k in kinds]


def _owner_run(kinds: list[str]) -> bool:
    """Sub-columns of an owner column: two or more owner columns, one of them by role
    (牵头单位 / 配合单位 under 责任单位, not two 责任单位)."""
    return len(kinds) >= 2 and all(k in OWNER_KINDS for k in kinds) and any(
        k != "responsible" for k in kinds)


def _split_parent(cells: list[_RawCell], kinds: list[str], parent: int,
                  subs: list[_RawCell], sub_kinds: list[str]
                  ) -> tuple[list[_RawCell], list[str]]:
    """The header with its parent column replaced by the sub-columns under it."""
    return ([*cells[:parent], *subs, *cells[parent + 1:]],
            [*kinds[:parent], *sub_kinds, *kinds[parent + 1:]])


def _trailing_subcolumns(cells: list[_RawCell], kinds: list[str]
                         ) -> tuple[list[_RawCell], list[str]]:
    """A two-level header flattened one cell per line (or word per space) lists the top
    row, then the second: ``序号 / 重点任务 / 责任单位 / 完成时限 / 牵头单位 / 配合单位``.
    Owner columns at the end, after a non-owner column, under an earlier generic owner
    column (责任单位) are its sub-columns: they replace it, in its place."""
    run = len(kinds)
    while run > 0 and kinds[run - 1] in OWNER_KINDS:
        run -= 1
    if not _owner_run(kinds[run:]) or run == 0 or kinds[run - 1] in OWNER_KINDS:
        return cells, kinds
    parents = [k for k in range(run) if kinds[k] == "responsible"]
    if len(parents) != 1 or any(kinds[k] in OWNER_KINDS for k in range(run)
                                if k != parents[0]):
        return cells, kinds
    return _split_parent(cells[:run], kinds[:run], parents[0], cells[run:], kinds[run:])


def _second_header_line(lines: list[str], header: _Header, raw: list[_RawCell], sep: str
                        ) -> _Header:
    """A two-level header on two separated lines: ``序号 | 工作任务 | 责任单位 | | 完成时限``
    over ``| | 牵头单位 | 配合单位 |``. The second line's owner words are the sub-columns of
    the owner column above them (by position, else the header's one generic owner
    column): they replace it, and the line is no row."""
    j = header.next_line
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines) or sep not in lines[j]:
        return header
    below = _split_separated(lines[j], sep, j + 1)
    subs = [c for c in below if c.pieces]
    sub_kinds = [_header_kind(c.flat) for c in subs]
    if not _owner_run([k or "" for k in sub_kinds]):
        return header
    first = below.index(subs[0])
    filled = [k for k, c in enumerate(raw) if c.pieces]
    above = filled.index(first) if first in filled else -1
    if above < 0 or header.kinds[above] not in OWNER_KINDS:
        generic = [k for k, kind in enumerate(header.kinds) if kind == "responsible"]
        if len(generic) != 1:
            return header
        above = generic[0]
    cells, kinds = _split_parent(header.cells, header.kinds, above, subs,
                                 [k or "" for k in sub_kinds])
    return _Header(cells, kinds, header.shape, j + 1, header.leading)


def _separated_header(lines: list[str], i: int) -> _Header | None:
    raw = lines[i]
    for sep, shape in (("|", "pipe"), ("\t", "tab")):
        if sep not in raw:
            continue
        split = _split_separated(raw, sep, i + 1)
        cells = [c for c in split if c.pieces]
        found = [_header_kind(c.flat) for c in cells]
        if len(cells) < 2 or not all(k or _unknown_word(c.flat)
                                     for c, k in zip(cells, found, strict=True)):
            continue
        kinds = _header_kinds(found)
        if kinds is not None:
            leading = raw.lstrip().startswith(sep)
            two_level = _trailing_subcolumns(cells, kinds)
            if two_level[1] != kinds:
                return _Header(*two_level, shape, i + 1, leading)
            return _second_header_line(
                lines, _Header(cells, kinds, shape, i + 1, leading), split, sep)
    return None


def _spaced_header(lines: list[str], i: int) -> _Header | None:
    """Header words at the end of a line (the notice runs into the table). An unknown
    word is one only between two known ones: before the first, the notice goes on."""
    tokens = lines[i].split()
    found = [_header_kind(t) for t in tokens]
    start = len(tokens)
    while start > 0:
        k = start - 1
        if found[k] is None and not (
                start < len(tokens) and found[start] is not None and k > 0
                and found[k - 1] is not None and _unknown_word(tokens[k])):
            break
        start = k
    words = tokens[start:]
    kinds = _header_kinds(found[start:])
    if len(words) < 3 or kinds is None:
        return None
    nxt = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    if nxt is None:
        return None
    first = lines[nxt].split()
    if not (first and (_SEQ.match(first[0]) or heading_of(normalize_line(lines[nxt])))):
        return None
    cells, kinds = _trailing_subcolumns([_RawCell([w], i + 1, i + 1) for w in words], kinds)
    return _Header(cells, kinds, "spaced", i + 1)


def _next_content(lines: list[str], j: int) -> str:
    """The next line from ``j`` that is neither blank nor a line of pipes."""
    while j < len(lines):
        stripped = lines[j].strip()
        if stripped and not _PIPE_LINE.match(stripped):
            return stripped
        j += 1
    return ""


def _stacked_header(lines: list[str], i: int) -> _Header | None:
    cells: list[_RawCell] = []
    found: list[str | None] = []
    piped = False
    j = i
    while j < len(lines):
        stripped = lines[j].strip()
        if not stripped:
            j += 1
            continue
        if _PIPE_LINE.match(stripped):
            piped = True
            j += 1
            continue
        kind = _header_kind(stripped)
        # An unknown word is a header cell only between two known ones: after the last,
        # the body begins (its first cell may be a short text).
        if kind is None and not (found and found[-1] is not None and _unknown_word(stripped)
                                 and _header_kind(_next_content(lines, j + 1))):
            break
        cells.append(_RawCell([stripped], j + 1, j + 1))
        found.append(kind)
        j += 1
    kinds = _header_kinds(found)
    if len(cells) < 2 or kinds is None:
        return None
    cells, kinds = _trailing_subcolumns(cells, kinds)
    return _Header(cells, kinds, "stacked_piped" if piped else "stacked", j)


def _header_at(lines: list[str], i: int) -> _Header | None:
    stripped = lines[i].strip()
    if not stripped:
        return None
    found: Callable[[list[str], int], _Header | None]
    for found in (_separated_header, _stacked_header, _spaced_header):
        header = found(lines, i)
        if header is not None:
            return header
    return None


# --- rows -------------------------------------------------------------------------------

# Spaced rows lose the boundaries inside a cell too (``推进 重点 项目``, ``市财政局 市教育局``):
# consecutive tokens of these types may form one cell of a column of the kind.
_MERGEABLE: dict[str, frozenset[str]] = {
    **{k: frozenset({"text", "number", "deadline", "person"})
       for k in ("task", "note", "progress")},
    "value": frozenset({"text", "number"}),
    **{k: frozenset({"orgs"}) for k in OWNER_KINDS | {"monitor"}},
    "deadline": frozenset({"deadline"}),
}


def _spaced_groups(types: tuple[str, ...], kinds: tuple[str, ...]
                   ) -> tuple[tuple[int, int], ...] | None:
    """Group the tokens of a spaced row into cells and align them to the columns.

    Returns ``(first token, column)`` per cell (a cell runs to the next one's first
    token), or None if the tokens cannot be placed. Maximises the summed fit of each
    cell's first token, as :func:`_aligned` does; a token may join the cell before it
    when the column's kind lets its type (``_MERGEABLE``).

    A long run of tokens of one type (a PDF's ``推 进 重 点 项 目``, one token per
    character) is read as its first and last ``m + 1`` tokens around one token that
    stands for the rest and never starts a cell alone: at most ``m`` of the run start
    cells, so nothing is lost, and the cost per row is bounded by its type changes.
    """
    m = len(kinds)
    short: list[str] = []
    weights: list[int] = []
    i = 0
    while i < len(types):
        j = i
        while j < len(types) and types[j] == types[i]:
            j += 1
        run = j - i
        if run > 2 * m + 2:
            short += [types[i]] * (2 * m + 3)
            weights += [1] * (m + 1) + [run - 2 * m - 2] + [1] * (m + 1)
        else:
            short += types[i:j]
            weights += [1] * run
        i = j
    heavy = tuple(w > 1 for w in weights)
    groups = _grouped(tuple(short), heavy, kinds, True)
    if groups is None:
        return None
    starts = [0]
    for w in weights:
        starts.append(starts[-1] + w)
    return tuple((starts[first], column) for first, column in groups)


@lru_cache(maxsize=4096)
def _grouped(types: tuple[str, ...], heavy: tuple[bool, ...], kinds: tuple[str, ...],
             joining: bool) -> tuple[tuple[int, int], ...] | None:
    """The dynamic programme of :func:`_spaced_groups` (cached: a table's rows mostly
    share a few type patterns). O(tokens x columns); the state is (token, column,
    whether the token may join the cell in the column before)."""
    n, m = len(types), len(kinds)
    neg = float("-inf")
    mergeable = [_MERGEABLE.get(k, frozenset()) for k in kinds]
    # fit[i][j]: the score of token i starting a cell in column j (neg: not allowed);
    # join[i][j]: token i may join a cell in column j - 1.
    fit = [[_fit(t, k) if not h or t in mergeable[j] else neg for j, k in enumerate(kinds)]
           for t, h in zip(types, heavy, strict=True)]
    join = [[False] + [joining and t in mergeable[j] for j in range(m)] for t in types]
    # new[i][j]: best for tokens i.. starting a cell in column j or later;
    # ext[i][j]: the same, token i also allowed to join the cell in column j - 1.
    new = [[neg] * (m + 1) for _ in range(n + 1)]
    ext = [[neg] * (m + 1) for _ in range(n + 1)]
    new[n] = [0.0] * (m + 1)
    ext[n] = [0.0] * (m + 1)
    for i in range(n - 1, -1, -1):
        new_i, ext_i, ext_next, fit_i, join_i = new[i], ext[i], ext[i + 1], fit[i], join[i]
        best = neg
        for j in range(m, -1, -1):
            if j < m:
                take = ext_next[j + 1] + fit_i[j]
                if take > best:
                    best = take
            new_i[j] = best
            ext_i[j] = ext_next[j] if join_i[j] and ext_next[j] > best else best
    if new[0][0] == neg:
        return None
    out: list[tuple[int, int]] = []
    i, j, may_join, own_text = 0, 0, False, False
    while i < n:
        # On ties words join the cell before them (a task's words stay one task), but
        # organisations start a cell (牵头单位 holds one, 责任单位 the rest); then the
        # later column (the cells that vanish are merged leading cells) — except for
        # organisations in a row with its own text: its leading cells are there, so the
        # empty owner cell that vanished is more likely a later one (配合单位) than the
        # first (牵头单位, 责任单位), and they fill the owner columns from the first.
        if may_join and join[i][j] and ext[i + 1][j] == ext[i][j] and not (
                types[i] == "orgs" and new[i][j] == ext[i][j]):
            i += 1
            continue
        earliest = own_text and types[i] == "orgs"
        while j < m:
            take = ext[i + 1][j + 1] + fit[i][j]
            if take == new[i][j] and (earliest or new[i][j + 1] < take):
                break
            j += 1
        if j == m:
            return None
        out.append((i, j))
        own_text = own_text or kinds[j] == "task"
        i, j, may_join = i + 1, j + 1, True
    return tuple(out)


def _grouped_cells(cells: list[_RawCell], kinds: list[str], *, spaced: bool
                   ) -> tuple[list[_RawCell], list[int]] | None:
    """The tokens of a spaced row (``N text text … orgs …``) or the lines of a stacked
    one grouped into cells, with their columns; a spaced group is one piece (its words
    were split by spaces), a stacked group keeps its lines."""
    # A two- or three-character word is a name only where the table has a people column.
    people = "person" in kinds
    types = tuple(t if people or t != "person" else "text" for t in map(_type_of, cells))
    groups = _spaced_groups(types, tuple(kinds))
    if groups is None:
        return None
    out: list[_RawCell] = []
    columns: list[int] = []
    bounds = [g[0] for g in groups] + [len(cells)]
    for (first, column), end in zip(groups, bounds[1:], strict=True):
        part = cells[first:end]
        if len(part) == 1:
            out.append(part[0])
        elif kinds[column] in OWNER_KINDS or kinds[column] == "monitor":
            out.append(_RawCell([c.flat for c in part], part[0].start, part[-1].end, "orgs"))
        else:
            # Typed by its column: the words were grouped because they fit it.
            kind = "deadline" if kinds[column] == "deadline" else "text"
            pieces = [" ".join(c.flat for c in part)] if spaced else [
                piece for c in part for piece in c.pieces]
            out.append(_RawCell(pieces, part[0].start, part[-1].end, kind))
        columns.append(column)
    return out, columns


def _text_read_as_units(cells: list[_RawCell], columns: list[int], kinds: list[str]
                        ) -> bool:
    """A numbered row left without its text because the text ends like a unit's name
    (``8 建成龙岩市智慧城市运营指挥中心 市数字办 …``: …中心) while more units follow for the
    owner columns: every numbered row has its task, so that first cell after the number
    is retyped text (True: align the row again)."""
    if "task" not in kinds or any(kinds[c] == "task" for c in columns):
        return False
    if len(cells) < 3 or _type_of(cells[0]) != "seq" or _type_of(cells[1]) != "orgs":
        return False
    if not any(_type_of(c) == "orgs" for c in cells[2:]):
        return False
    cells[1].kind = "text"
    return True


def _by_position(raw: list[_RawCell], kinds: list[str], leading: bool) -> list[int] | None:
    """Columns by position for a separated row that kept every cell, empty ones too
    (``| 7 | 建立… | 市生态环境局 |  | 2025年10月底前 |``): as many cells as columns, each
    filled one fitting its column. None when a cell vanished or the cells do not fit."""
    if leading and raw and not raw[0].pieces:
        raw = raw[1:]  # the empty cell before a Markdown row's opening "|"
    if len(raw) != len(kinds):
        return None
    columns = [k for k, c in enumerate(raw) if c.pieces]
    if all(_fit(_separated_type(raw[k]), kinds[k]) > 0 for k in columns):
        return columns
    return None


def _lone_assist(cell: _RawCell) -> bool:
    """Units that are not one lead of their own: a list of several (市公安局、市国土资源局)
    or collectives (各街道办事处), without a lead mark."""
    text = _cell_text(cell).replace("\n", "、")
    if any(mark in text for mark in (*lead_marks(), *lead_suffixes())):
        return False
    names = split_org_list(text)
    return len(names) > 1 or all(resolve_org(n).kind == "collective" for n in names)


@dataclass
class _MergedLead:
    """The first owner column's cell, given once for a group of rows (a merged cell):
    the cell, and whether the row before already went without it."""

    cell: _RawCell | None = None
    carried: bool = False


def _carry_lead(cells: list[_RawCell], columns: list[int], kinds: list[str],
                positional: bool, merged: _MergedLead) -> list[Cell]:
    """A merged first-owner cell (牵头单位 over several rows) is flattened into the group's
    first row only; the rows after it lack that cell. Its value carries down (a merged
    copy, as Word's vMerge is read) when this row has its own text and its units stand
    in the next owner column — kept empty by position, or, where cells vanished, a lone
    owner cell that the row before (already without the lead) or its content (several
    units, collectives: no lead of their own) shows to be the later column's. Otherwise
    the row's own first-owner cell, if any, starts a new group. Returns the copy to add;
    ``columns`` is updated in place."""
    owner = [k for k, kind in enumerate(kinds) if kind in OWNER_KINDS]
    if len(owner) < 2 or not any(kinds[c] == "task" for c in columns):
        merged.cell, merged.carried = None, False
        return []
    first, second = owner[0], owner[1]
    filled = {c: cell for c, cell in zip(columns, cells, strict=True)}
    own = [c for c in columns if c in owner]
    carry = False
    if merged.cell is not None:
        if positional:
            carry = first not in filled and bool(own)
        elif own == [first] and second not in filled:
            carry = merged.carried or _lone_assist(filled[first])
            if carry:
                columns[columns.index(first)] = second
    if not carry:
        merged.cell, merged.carried = filled.get(first), False
        return []
    merged.carried = True
    lead = merged.cell
    assert lead is not None
    return [Cell(_cell_text(lead), first + 1, lead.start, lead.end, merged=True)]


def _table_rows(header: _Header, body: _Body, table: int) -> list[TableRow]:
    rows = [TableRow(tuple(Cell(_cell_text(c), k + 1, c.start, c.end)
                           for k, c in enumerate(header.cells)),
                     table, 1, header.cells[0].start, header.cells[-1].end)]
    merged = _MergedLead()
    breaks = sorted(line for line, _ in body.headings)
    at_break = 0
    for raw in body.rows:
        cells = [c for c in raw if c.pieces]
        columns: list[int] | None = None
        positional = False
        if header.shape in ("spaced", "stacked"):
            spaced = header.shape == "spaced"
            grouped = _grouped_cells(cells, header.kinds, spaced=spaced)
            if grouped is not None and _text_read_as_units(cells, grouped[1], header.kinds):
                grouped = _grouped_cells(cells, header.kinds, spaced=spaced) or grouped
            if grouped is not None:
                cells, columns = grouped
        elif header.shape == "tab" and len(raw) == len(header.kinds):
            # Copied from a spreadsheet or a Word table: a tab for every cell, empty ones
            # too, so the positions are the columns.
            columns, positional = [k for k, c in enumerate(raw) if c.pieces], True
        else:
            columns = _by_position(raw, header.kinds, header.leading)
            positional = columns is not None
            if columns is None:
                columns = _align([_separated_type(c) for c in cells], header.kinds)
                if columns is not None and _text_read_as_units(cells, columns, header.kinds):
                    columns = _align([_separated_type(c) for c in cells], header.kinds)
        if columns is None:
            # More cells than columns or an odd mix: keep them in order (a wrong column
            # is better than a lost row; the table layout only reads known kinds).
            columns = list(range(min(len(cells), len(header.kinds))))
            cells = cells[: len(columns)]
        if [c.flat for c in cells] == [c.flat for c in header.cells]:
            continue  # the header repeated after a page break
        # A heading between rows starts a new group: no merged cell spans it.
        start = min((c.start for c in cells), default=0)
        while at_break < len(breaks) and breaks[at_break] < start:
            merged.cell, at_break = None, at_break + 1
        copies = _carry_lead(cells, columns, header.kinds, positional, merged)
        built = tuple(sorted([*copies, *(Cell(_cell_text(c), col + 1, c.start, c.end)
                                         for c, col in zip(cells, columns, strict=True))],
                             key=lambda c: c.column))
        if built:
            rows.append(TableRow(built, table, len(rows) + 1,
                                 min(c.start for c in built if not c.merged),
                                 max(c.end for c in built if not c.merged)))
    return rows


def _names_owner_column(cells: list[str]) -> bool:
    return sum(1 for c in cells if c.strip()) >= 2 and any(
        _header_kind(c) in OWNER_KINDS for c in cells)


def _position_run(lines: list[str], i: int, table: int) -> tuple[list[TableRow], int] | None:
    """Separated lines without a known header: rows with cells by position. Tab lines
    always (a spreadsheet's rows); ``|`` lines when the first names an owner column
    (``责任单位``) but its other words make no task header the reader knows — the table
    layout then reads or reports it (W114), instead of the table vanishing silently."""
    for sep in ("\t", "|"):
        if sep not in lines[i]:
            continue
        if sep == "|" and not _names_owner_column(lines[i].split(sep)):
            return None
        rows: list[TableRow] = []
        j = i
        while j < len(lines) and sep in lines[j]:
            cells = tuple(Cell(normalize_line(part), k + 1, j + 1, j + 1)
                          for k, part in enumerate(lines[j].split(sep)) if part.strip())
            if cells:
                rows.append(TableRow(cells, table, len(rows) + 1, j + 1, j + 1))
            j += 1
        return rows, j - 1
    return None


def find_text_tables(lines: list[str]) -> list[TextTable]:
    """Every flattened table in a text's physical lines.

    Parameters
    ----------
    lines : list of str
        The physical lines (``lines[0]`` is line 1), not yet normalised: spaces and
        ``|`` still separate cells.

    Returns
    -------
    list of TextTable
        In order; the lines a table covers (``first``..``last``, 1-based) are its rows
        and headings, nothing else.
    """
    tables: list[TextTable] = []
    i = 0
    while i < len(lines):
        header = _header_at(lines, i)
        if header is None:
            tab = _position_run(lines, i, len(tables) + 1)
            if tab is not None:
                rows, last = tab
                tables.append(TextTable(i + 1, last + 1, rows, []))
                i = last + 1
            else:
                i += 1
            continue
        if header.shape in ("pipe", "tab"):
            sep = "|" if header.shape == "pipe" else "\t"
            closed = lines[header.cells[0].start - 1].rstrip().endswith(sep)
            body = _separated_body(lines, header.next_line, sep, closed)
        elif header.shape == "spaced":
            body = _spaced_body(lines, header.next_line)
        else:
            body = _stacked_body(lines, header.next_line, header.kinds,
                                 header.shape == "stacked_piped")
        rows = _table_rows(header, body, len(tables) + 1)
        # The spaced header shares its line with the notice: the table starts after it.
        first = header.cells[0].start + (1 if header.shape == "spaced" else 0)
        tables.append(TextTable(first, max(body.last + 1, header.next_line), rows,
                                body.headings))
        i = max(body.last + 1, header.next_line)
    return tables
