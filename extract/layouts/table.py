"""Tables with a task column and owner columns: one task per row.

The header row's words (``role_words.tsv``) say what each column holds: ``序号``, the task
(``工作任务``, ``目标与任务``, ``项目``), owners by role (``牵头单位``, ``牵头责任单位``,
``责任单位``, ``配合单位`` — the label's head decides), people (``牵头领导``: never owners),
deadlines (``完成时限``, ``计划完成时间``), target figures (``目标值``, ``2016年目标``: joined
to the row's text), units that assess the work (``监考单位``: not owners). A table with no
such header assigns nothing and gives no task.

Rows read as a supervision office reads them:

* a cell may hold several owners, one per line, and marks the lead with ``★`` / ``*``;
* a row with no task text of its own (the task cell was merged, or vanished when the table
  was flattened) but with owners or a deadline continues the task above: its owners and
  deadlines join it;
* a row with nothing but task text and no number, under a numbered row whose text stops
  mid-sentence, is the rest of that text (a PDF converter's wrapped cell);
* a row with no owners whose number is of another style than the owned rows'
  (``1 | 大力提振消费。`` among ``(8) | …`` rows, ``一 | 提升政务服务效能`` among ``1 | …``
  rows, or numbered 一 where no owned row has a number), or that is a heading
  (``一、主要预期目标``), is a section title, not a task;
* a row under the header naming owner columns (``牵头单位`` / ``配合单位`` under a merged
  ``责任单位``) is a second header row: its columns replace the one above;
* when two task columns are filled (``项目名称`` and ``工作任务``), the row's text is both, and
  the first names the group the following rows belong to (their section).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from extract.blocks import Cell, LogicalLine, TableRow
from extract.layouts.base import Context, RawTask
from extract.outline import heading_of
from extract.roles import parse_owner_text
from extract.units import Unit
from extract.vocabulary import OWNER_KINDS, column_kind, column_word_shape

__all__ = ["TableLayout", "header_columns"]

_MIN_HEADER = 2


def header_columns(row: TableRow) -> dict[int, str] | None:
    """Column -> kind for a header row, or ``None`` if the row is not a task header.

    A header numbering its rows and naming owners but no task column, with one column
    word the vocabulary does not know (``序号 | 民生实事 | 牵头单位 | 配合单位``), has its
    tasks in that column."""
    kinds = {cell.column: column_kind(cell.text.replace("\n", "")) for cell in row.cells}
    known = {col: kind for col, kind in kinds.items() if kind}
    values = set(known.values())
    if len(known) < _MIN_HEADER or len(known) * 2 < len(kinds):
        return None
    if not (values & (OWNER_KINDS | {"monitor"})) or not (values & {"task", "seq"}):
        return None
    unknown = [c for c in row.cells if not kinds[c.column]]
    if ("task" not in values and "seq" in values and len(unknown) == 1
            and column_word_shape(unknown[0].text)):
        known[unknown[0].column] = "task"
    return known


def _sub_header(row: TableRow, columns: dict[int, str]) -> dict[int, str] | None:
    """The columns of a two-level header: the row under the header names the owner
    columns under a merged one (``责任单位`` over ``牵头单位`` / ``配合单位``). Its own cells
    (not those merged down from the header) are all column words, two or more of them
    owner columns: they override the columns they sit in. ``None`` if it is no such row."""
    own = [c for c in row.cells if not c.merged and c.text.strip()]
    kinds = {c.column: column_kind(c.text.replace("\n", "")) for c in own}
    owners = [k for k in kinds.values() if k in OWNER_KINDS]
    if len(owners) < 2 or None in kinds.values() or set(owners) == {"responsible"}:
        return None
    return {**columns, **{col: kind for col, kind in kinds.items() if kind}}


def _seq_style(text: str) -> str:
    """``（8）`` -> ``(n)``, ``8`` -> ``n``, ``八、`` -> ``cn、`` …: a number's style."""
    flat = text.strip()
    flat = re.sub(r"\d+", "n", flat)
    return re.sub(r"[一二三四五六七八九十百]+", "cn", flat)


@dataclass
class _Row:
    row: TableRow
    seq: str = ""
    texts: list[Cell] = field(default_factory=list)  # task-kind cells of this row
    merged_text: bool = False  # the task cells are all continued from above
    owners: list[tuple[Cell, str]] = field(default_factory=list)  # (cell, role)
    deadlines: list[Cell] = field(default_factory=list)
    values: list[Cell] = field(default_factory=list)  # target figures (目标值): 38, 7左右


def _classify(row: TableRow, columns: dict[int, str]) -> _Row:
    out = _Row(row)
    for cell in row.cells:
        kind = columns.get(cell.column)
        if not cell.text.strip() or kind is None:
            continue
        if kind == "seq":
            out.seq = cell.text
        elif kind == "task":
            if cell.merged:
                out.merged_text = True
            else:
                out.texts.append(cell)
        elif kind in OWNER_KINDS:
            out.owners.append((cell, kind))
        elif kind == "deadline":
            out.deadlines.append(cell)
        elif kind == "value":
            out.values.append(cell)
    return out


def _is_section(r: _Row, owned_style: str | None) -> bool:
    if r.owners:
        return False
    text = r.texts[0].text if r.texts else ""
    marker = heading_of(text)
    if marker is not None and marker.is_title and len(r.texts) == 1 and not r.seq:
        return True
    if not r.seq:
        return False
    if owned_style is not None:
        return _seq_style(r.seq) != owned_style
    # No owned row is numbered (their numbers merged away): a row numbered 一 / （二）
    # with one text and no deadline is a group row (| 一 | 提升政务服务效能 | | |).
    return "cn" in _seq_style(r.seq) and len(r.texts) == 1 and not r.deadlines


# The end of a sentence: a task cell ending otherwise was cut (…完成剩余12家 / 沿江…入园).
_SENTENCE_END = re.compile(r"[。；;！？!?]$")


def _wraps_above(r: _Row, previous: _Row, task: RawTask, owned_style: str | None) -> bool:
    """A row that is the rest of the task cell above, wrapped into a row of its own by a
    PDF converter (``|  | 沿江化工企业搬迁入园 |  |  |``): in a table whose owned rows are
    numbered, no number, nothing but task text (not a heading), under a numbered row
    whose text stops mid-sentence."""
    return (owned_style is not None and not r.seq and bool(previous.seq)
            and not (r.owners or r.deadlines or r.values) and len(r.texts) == 1
            and previous.texts[-1].column == r.texts[0].column
            and heading_of(r.texts[0].text) is None
            and not _SENTENCE_END.search(task.text))


class TableLayout:
    """Reads a table unit (see the module docstring)."""

    name = "table"
    scope = "unit"

    def read(self, unit: Unit, paragraph: LogicalLine | None, context: Context
             ) -> list[RawTask] | None:
        if unit.kind != "table":
            return None
        rows = [b for b in unit.rows if isinstance(b, TableRow)]
        columns: dict[int, str] | None = None
        start = 0
        for k, row in enumerate(rows[:3]):
            columns = header_columns(row)
            if columns is not None:
                start = k + 1
                break
        if columns is None:
            return []  # a table that assigns nothing (an indicator table)
        if start < len(rows):
            below = _sub_header(rows[start], columns)
            if below is not None:
                columns, start = below, start + 1
        header = [c.text for c in rows[start - 1].cells]
        body = [_classify(r, columns) for r in rows[start:] if [c.text for c in r.cells]
                != header]
        styles = Counter(_seq_style(r.seq) for r in body if r.owners and r.seq)
        owned_style = styles.most_common(1)[0][0] if styles else None
        task_columns = sorted(col for col, kind in columns.items() if kind == "task")
        headings = {b.start: b.text for b in unit.rows if isinstance(b, LogicalLine)}
        tasks: list[RawTask] = []
        heading_path, row_section, group = unit.section, "", ""
        previous: _Row | None = None  # the row of the last task
        for r in body:
            at = self._section_at(unit.section, headings, r.row.start)
            if at != heading_path:  # a heading between rows: a new section starts
                heading_path, row_section, group = at, "", ""
            if not r.texts and (r.owners or r.deadlines) and tasks:
                self._continue(tasks[-1], r, context)
                continue
            if not r.texts and not r.merged_text:
                continue
            if not r.texts:  # only merged task cells: the task above goes on
                if tasks:
                    self._continue(tasks[-1], r, context)
                continue
            if tasks and previous is not None and _wraps_above(r, previous, tasks[-1],
                                                               owned_style):
                tasks[-1].text += "".join(c.text.replace("\n", "") for c in r.texts)
                tasks[-1].line_end = max(tasks[-1].line_end, r.row.end)
                continue
            if _is_section(r, owned_style):
                row_section, group = r.texts[0].text, ""
                continue
            if len(r.texts) > 1 and len(task_columns) > 1 and \
                    r.texts[0].column == task_columns[0]:
                group = r.texts[0].text
            path = " > ".join(p for p in (heading_path, row_section, group) if p)
            # An indicator's target figure belongs to its text (一般公共预算收入：38); it
            # never names a group, as a second task column does.
            text = "：".join(c.text.replace("\n", "") for c in [*r.texts, *r.values])
            task = RawTask(text, path, r.row.start, r.row.end, self.name,
                           table=r.row.table, row=r.row.row, column=r.texts[-1].column)
            self._continue(task, r, context)
            tasks.append(task)
            previous = r
        return tasks

    @staticmethod
    def _section_at(base: str, headings: dict[int, str], line: int) -> str:
        """The section at a row: the unit's, below the last heading between rows above it."""
        above = [at for at in headings if at < line]
        if not above:
            return base
        title = headings[max(above)]
        return f"{base} > {title}" if base else title

    @staticmethod
    def _continue(task: RawTask, r: _Row, context: Context) -> None:
        """Add a row's owners and deadlines to a task."""
        task.line_end = max(task.line_end, r.row.end)
        conventions = context.conventions.at(r.row.end)
        for cell, role in r.owners:
            parsed = parse_owner_text(cell.text, role, conventions)  # type: ignore[arg-type]
            task.add_owners(context.owners_from(parsed, cell.text.replace("\n", "、"),
                                                cell.start, table=r.row.table,
                                                row=r.row.row, column=cell.column))
        task.deadline_fields.extend(c.text for c in r.deadlines)

