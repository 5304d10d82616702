"""督查台账 — the supervision ledger, as a supervision office keeps it, in Excel.

For one document (or several, or one organisation's tasks, optionally within a due
window) the tasks in the document's own order, with 序号, 任务, 牵头单位, 责任单位,
配合单位, 完成时限 and 来源 (file, page/lines), and two empty columns the office fills in:
进展情况 and 完成情况. The rows come from the ``ledger`` audit
(``queries/cypher/ledger.cypher``)::

    python -m queries ledger --doc 郑政办〔2017〕88号 -o ledger.xlsx

:func:`write_xlsx` gives one sheet per document (header row frozen, column widths,
wrapped text); :func:`to_csv` gives one table with a 文件 column (UTF-8 with BOM, so
Excel reads the Chinese).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from errors import Errors, ZerenError
from queries.registry import run_audit

__all__ = [
    "COLUMNS",
    "LedgerRow",
    "LedgerSheet",
    "build_ledger",
    "ledger_rows",
    "to_csv",
    "write_xlsx",
]

# (header, column width in characters)
COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 6),
    ("任务", 60),
    ("牵头单位", 20),
    ("责任单位", 26),
    ("配合单位", 26),
    ("完成时限", 16),
    ("来源", 24),
    ("进展情况", 28),
    ("完成情况", 14),
)
_SEP = "、"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class LedgerRow:
    """One task of the ledger (the office's own columns start empty)."""

    seq: int
    text: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    assist: tuple[str, ...]
    deadlines: tuple[str, ...]
    file: str
    page: int | None
    line_start: int
    line_end: int
    task_id: str

    @property
    def source(self) -> str:
        """来源: the file's name, page (PDF) and lines, e.g. ``a.txt 第 3089–3095 行``."""
        page = f" 第 {self.page} 页" if self.page else ""
        return f"{Path(self.file).name}{page} 第 {self.line_start}–{self.line_end} 行"

    def cells(self) -> list[Any]:
        """The row's values in :data:`COLUMNS` order."""
        return [self.seq, self.text, _SEP.join(self.lead), _SEP.join(self.responsible),
                _SEP.join(self.assist), "；".join(self.deadlines), self.source, "", ""]


@dataclass
class LedgerSheet:
    """One document's part of the ledger."""

    doc: str
    title: str
    rows: list[LedgerRow] = field(default_factory=list)


def _names(values: Iterable[Any] | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(v) for v in values or [] if v))


def ledger_rows(audit_rows: Iterable[Mapping[str, Any]]) -> list[LedgerSheet]:
    """Group ``ledger`` audit rows into sheets, one per document (in the order the
    documents come), each numbered 1..n in the document's own order.

    Parameters
    ----------
    audit_rows:
        Rows of the ``ledger`` audit.

    Returns
    -------
    list[LedgerSheet]
        In the order the documents first appear.
    """
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for r in audit_rows:
        groups.setdefault(f"{r['doc']}|{r['file']}", []).append(r)
    sheets: dict[str, LedgerSheet] = {}
    for key, rows in groups.items():
        rows.sort(key=lambda r: (r.get("line_start") or 0, r.get("seq") or 0))
        sheet = sheets[key] = LedgerSheet(str(rows[0]["doc"]), str(rows[0].get("title") or ""))
        for r in rows:
            sheet.rows.append(
                LedgerRow(
                    seq=len(sheet.rows) + 1,
                    text=str(r["text"]),
                    lead=_names(r.get("lead")),
                    responsible=_names(r.get("responsible")),
                    assist=_names(r.get("assist")),
                    deadlines=_names(r.get("deadlines")),
                    file=str(r["file"]),
                    page=r.get("page"),
                    line_start=int(r["line_start"]),
                    line_end=int(r["line_end"]),
                    task_id=str(r["task_id"]),
                )
            )
    return list(sheets.values())


def build_ledger(
    target: Any,
    *,
    docs: Sequence[str] = (),
    org: str | None = None,
    from_date: str | None = None,
    to_date: str | None = None,
    timeout: float | None = None,
) -> list[LedgerSheet]:
    """Read the ledger from the graph.

    Parameters
    ----------
    target:
        A store or a ``neo4j`` driver (as for :func:`queries.run_audit`).
    docs:
        Document numbers or ids (each becomes a sheet); empty with ``org`` = every
        document the organisation is on.
    org:
        Only tasks this organisation is on (canonical name).
    from_date, to_date:
        Only tasks with a dated deadline in the window (``YYYY-MM-DD``).
    timeout:
        Seconds per statement.

    Returns
    -------
    list[LedgerSheet]

    Raises
    ------
    ZerenError
        E340 when neither a document nor an organisation is given.
    """
    if not docs and not org:
        raise ZerenError(Errors.E340)
    window = {"from_date": from_date, "to_date": to_date, "org": org}
    params = [{**window, "doc": d} for d in docs] or [window]
    rows: list[dict[str, Any]] = []
    for p in params:
        rows += run_audit(target, "ledger", {k: v for k, v in p.items() if v}, timeout=timeout).rows
    return ledger_rows(rows)


def _sheet_name(doc: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", doc).strip("'") or "台账"
    base = base[:28]
    name, n = base, 2
    while name in used:
        name = f"{base[:25]}({n})"
        n += 1
    used.add(name)
    return name


def write_xlsx(sheets: Sequence[LedgerSheet], path: str | Path | io.BytesIO) -> None:
    """Write the ledger as an Excel workbook: one sheet per document, a title row, the
    header row frozen beneath it, column widths, wrapped text, thin borders.

    Parameters
    ----------
    sheets:
        From :func:`build_ledger` (an empty list writes one empty ledger sheet).
    path:
        Where to write (a path or a binary buffer).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    used: set[str] = set()
    for sheet in sheets or [LedgerSheet("台账", "")]:
        ws = wb.create_sheet(_sheet_name(sheet.doc, used))
        ws.append([f"督查台账：{sheet.doc} {sheet.title}".strip()])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
        ws["A1"].font = Font(bold=True, size=13)
        ws["A1"].alignment = Alignment(vertical="center", wrap_text=True)
        ws.row_dimensions[1].height = 32
        ws.append([h for h, _ in COLUMNS])
        for i, (_, width) in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=2, column=i)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE4EE")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = border
            ws.column_dimensions[get_column_letter(i)].width = width
        for row in sheet.rows:
            ws.append(row.cells())
            for cell in ws[ws.max_row]:
                cell.alignment = wrap
                cell.border = border
        ws.freeze_panes = "A3"
        ws.print_title_rows = "2:2"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
    wb.save(path)


def to_csv(sheets: Sequence[LedgerSheet]) -> bytes:
    """The ledger as one CSV table (a 文件 column first), UTF-8 with BOM for Excel.

    Parameters
    ----------
    sheets:
        From :func:`build_ledger`.

    Returns
    -------
    bytes
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["文件", *(h for h, _ in COLUMNS)])
    for sheet in sheets:
        for row in sheet.rows:
            writer.writerow([sheet.doc, *row.cells()])
    return buf.getvalue().encode("utf-8-sig")
