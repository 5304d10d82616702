"""Widgets shared by the pages: headers, tables in the analysts' words with CSV download,
document and organisation pickers, a pager, and a task table whose every row opens its
highlighted source passage."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from errors import ZerenError
from queries.labels import ROLE_LABELS, column_label, value_label
from ui.cache import cached
from ui.graphview import flat
from ui.reads import documents as doc_reads
from ui.reads import orgs as org_reads
from ui.reads import tasks as task_reads
from ui.source import SpanNote, passage_html, read_source_lines

__all__ = [
    "csv_download",
    "doc_picker",
    "fmt_owners",
    "header",
    "org_picker",
    "pager",
    "phones_visible",
    "show_error",
    "show_task_detail",
    "table",
    "task_table",
]

CONTEXT_LINES = 3
_ROLE_ORDER = ("牵头", "责任", "协办")


def header(title: str, subtitle: str = "") -> None:
    """A page title with an optional one-line caption.

    Parameters
    ----------
    title:
        Chinese title with the English name beside it.
    subtitle:
        What the page is for.
    """
    st.title(title)
    if subtitle:
        st.caption(subtitle)


def show_error(exc: BaseException) -> None:
    """One clear message for a user-facing error (never a stack trace).

    Parameters
    ----------
    exc:
        A :class:`ZerenError` (its message is shown as is) or another exception.
    """
    st.error(str(exc) if isinstance(exc, ZerenError) else f"{type(exc).__name__}: {exc}")


def phones_visible() -> bool:
    """Whether the user switched phone numbers on (sidebar toggle; masked by default)."""
    return bool(st.session_state.get("show_phones", False))


def fmt_owners(owners: Iterable[dict[str, Any]]) -> str:
    """``牵头：A、B；责任：C`` from owner dicts with ``org`` and ``role``.

    Parameters
    ----------
    owners:
        Dicts with ``org`` and ``role`` (``LEADS``… or ``lead``…).

    Returns
    -------
    str
    """
    by_role: dict[str, list[str]] = {}
    for o in owners:
        role = ROLE_LABELS.get(str(o.get("role")), str(o.get("role")))
        names = by_role.setdefault(role, [])
        if o.get("org") not in names:
            names.append(str(o.get("org")))
    parts = sorted(
        by_role.items(),
        key=lambda kv: _ROLE_ORDER.index(kv[0]) if kv[0] in _ROLE_ORDER else 9,
    )
    return "；".join(f"{role}：{'、'.join(names)}" for role, names in parts)


def table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str] | None = None,
    labels: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Rows as a DataFrame in the analysts' words: Chinese headers (English beside), role
    and kind values in Chinese, list cells joined with 、.

    Parameters
    ----------
    rows:
        Dict rows.
    columns:
        Column order (default: the first row's keys).
    labels:
        Header overrides (column -> shown header).

    Returns
    -------
    pandas.DataFrame
    """
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    heads = [(labels or {}).get(c) or column_label(c) for c in cols]
    data = [[flat(_value(c, r.get(c))) for c in cols] for r in rows]
    return pd.DataFrame(data, columns=heads)


def _value(column: str, value: Any) -> Any:
    if isinstance(value, list):
        return [value_label(column, v) for v in value]
    return value_label(column, value)


def csv_download(df: pd.DataFrame, filename: str, key: str) -> None:
    """A CSV download button (UTF-8 with BOM so Excel opens the Chinese correctly).

    Parameters
    ----------
    df:
        The table.
    filename:
        Suggested file name.
    key:
        Widget key.
    """
    st.download_button(
        "下载 CSV | Download CSV",
        df.to_csv(index=False).encode("utf-8-sig"),
        file_name=filename,
        mime="text/csv",
        key=key,
    )


def pager(total: int, size: int, key: str) -> int:
    """A page selector for a long table; returns the first row's offset.

    Parameters
    ----------
    total:
        Rows in all.
    size:
        Rows per page.
    key:
        Widget key.

    Returns
    -------
    int
    """
    pages = max(1, -(-total // size))
    if pages == 1:
        return 0
    page = st.number_input(
        f"页码 Page（共 {pages} 页，每页 {size} 行）", 1, pages, 1, key=key
    )
    return (int(page) - 1) * size


def doc_picker(label: str, key: str, *, allow_all: bool = True,
               help: str | None = None) -> str | None:
    """Pick a document: type part of its number or title, then choose among the matches.

    Parameters
    ----------
    label:
        The widget's label.
    key:
        Widget key prefix.
    allow_all:
        Offer "全部文件" (returns ``None``).
    help:
        Help text.

    Returns
    -------
    str | None
        The chosen document's id (or ``None`` for all).
    """
    q = st.text_input(f"{label}：文号或标题中的字 Search", key=f"{key}_q",
                      placeholder="例如 88号 / 简政放权", help=help)
    found = cached(doc_reads.document_choices, q, 200)
    options: list[str | None] = ([None] if allow_all else []) + [d["id"] for d in found]
    by_id = {d["id"]: d for d in found}

    def show(i: str | None) -> str:
        if i is None:
            return "全部文件 all documents"
        d = by_id[i]
        return f"{d['number']} {str(d['title'] or '')[:28]}（{d['tasks']} 项任务）"

    if not options:
        st.caption("没有匹配的文件 | No document matches.")
        return None
    if st.session_state.get(key) not in options:
        st.session_state.pop(key, None)
    return st.selectbox(label, options, format_func=show, key=key)


def org_picker(label: str, key: str, *, allow_all: bool = True,
               help: str | None = None) -> str | None:
    """Pick an organisation by any spelling (type to filter; busiest first).

    Parameters
    ----------
    label:
        The widget's label.
    key:
        Widget key.
    allow_all:
        Offer "全部单位" (returns ``None``).
    help:
        Help text.

    Returns
    -------
    str | None
        The canonical name (or ``None``).
    """
    names = cached(org_reads.org_names, 2000)
    options: list[str | None] = ([None] if allow_all else []) + names
    return st.selectbox(
        label,
        options,
        format_func=lambda n: "全部单位 all organisations" if n is None else n,
        key=key,
        help=help or "输入单位名称中的字筛选 | type to filter",
    )


def task_table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    key: str,
    *,
    labels: dict[str, str] | None = None,
    terms: Sequence[str] = (),
    csv_name: str | None = None,
    describe: Callable[[dict[str, Any]], str] | None = None,
) -> None:
    """A table of task rows (each with ``task_id``) where choosing a row, in the table or
    the picker under it, shows that task's owners, deadlines and source passage.

    Parameters
    ----------
    rows:
        Rows with ``task_id`` (and ``text``, ``doc`` for the picker's labels).
    columns:
        Columns to show (``owners`` shown first after ``text`` keeps them visible).
    key:
        Widget key prefix.
    labels:
        Header overrides.
    terms:
        Words to mark in the passage.
    csv_name:
        Offer the table as CSV under this file name.
    describe:
        How a row is named in the picker (default: document · text).
    """
    df = table(rows, columns, labels)
    wide = {h: st.column_config.TextColumn(width="large") for h in df.columns
            if h.startswith("任务 ")}
    wide.update({h: st.column_config.TextColumn(width="medium") for h in df.columns
                 if h.startswith("责任单位") or h.startswith("合作单位")})
    event = st.dataframe(
        df,
        hide_index=True,
        width="stretch",
        height=min(420, 40 + 35 * max(1, len(df))),
        column_config=wide,
        on_select="rerun",
        selection_mode="single-row",
        key=f"{key}_table",
    )
    if csv_name:
        csv_download(df, csv_name, key=f"{key}_csv")
    if not rows:
        return
    ids = [str(r["task_id"]) for r in rows]
    selected = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    pick_key = f"{key}_pick"
    if selected and selected[0] < len(ids) and st.session_state.get(f"{key}_sel") != selected:
        st.session_state[f"{key}_sel"] = selected
        st.session_state[pick_key] = ids[selected[0]]
    if st.session_state.get(pick_key) not in ids:
        st.session_state.pop(pick_key, None)
    name_of = {
        str(r["task_id"]): (describe(r) if describe else
                            f"{r.get('doc', '')} · {str(r.get('text', ''))[:50]}")
        for r in rows
    }
    # Nothing is opened until a row is chosen: the passage costs a file read and a query,
    # which a page switch should not pay.
    tid = st.selectbox(
        "查看任务原文 Open a task's source passage（或点表格中的一行 or click a row）",
        ids,
        index=None,
        placeholder="选择一项任务… | pick a task",
        format_func=name_of.get,
        key=pick_key,
    )
    if tid is not None:
        show_task_detail(tid, terms=terms)


def show_task_detail(task_id: str, terms: Sequence[str] = ()) -> None:
    """A task's owners, deadlines, districts and its source passage, with the task's
    lines highlighted and the lines each role was read from marked.

    Parameters
    ----------
    task_id:
        The task's id.
    terms:
        Search words to mark in the passage.
    """
    detail = cached(task_reads.task, task_id)
    if detail is None:
        st.info("未找到该任务 | Task not found (the graph may have changed).")
        return
    task, doc = detail["task"], detail["document"]
    page = f" · 第 {task['page']} 页" if task.get("page") else ""
    st.markdown(f"**{task.get('text', '')}**")
    st.caption(
        f"{doc.get('number') or doc.get('id')} · {doc.get('title', '')} · "
        f"{task.get('section', '')}{page} · 第 {task.get('line_start')}–{task.get('line_end')} 行"
    )
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**责任单位 Owners**")
        owners = detail["owners"]
        if owners:
            st.dataframe(
                table(owners, ["role", "org", "mention", "evidence", "line"],
                      {"evidence": "依据 evidence", "line": "行 line"}),
                hide_index=True,
                width="stretch",
            )
        else:
            st.warning("无责任单位 | No owner was read for this task.")
    with c2:
        st.markdown("**期限 Deadlines**")
        dls = detail["deadlines"]
        if dls:
            st.dataframe(
                table([{**d, "date": d.get("date") or "—"} for d in dls],
                      ["date", "raw", "kind", "final"]),
                hide_index=True,
                width="stretch",
            )
        else:
            st.caption("无期限 | no deadline")
        if detail["districts"]:
            st.markdown("**区县 Districts：** " + "、".join(detail["districts"]))
    st.markdown("**原文 Source passage**")
    try:
        lines = read_source_lines(str(task.get("source_file") or doc.get("source_file")))
    except ZerenError as exc:
        st.warning(str(exc))
        return
    start, end = int(task["line_start"]), int(task["line_end"])
    html_text = passage_html(
        lines,
        start - CONTEXT_LINES,
        end + CONTEXT_LINES,
        spans=[SpanNote(start, end)],
        strong_lines=[int(o["line"]) for o in detail["owners"] if o.get("line")],
        terms=terms,
        mask=not phones_visible(),
    )
    st.html(html_text)
    st.caption(
        f"文件 {task.get('source_file')}{page}，高亮为任务第 {start}–{end} 行，"
        "深色为读出责任单位的行。"
    )
