"""Widgets shared by the pages: headers, role names, tables with CSV download, the
task detail with its highlighted source passage, and the error box."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from errors import ZerenError
from ui import data as D
from ui.graphview import flat
from ui.source import SpanNote, passage_html, read_source_lines

__all__ = [
    "ROLE_ZH",
    "csv_download",
    "fmt_owners",
    "header",
    "phones_visible",
    "show_error",
    "show_task_detail",
    "table",
]

ROLE_ZH: dict[str, str] = {
    "lead": "牵头",
    "responsible": "责任",
    "assist": "协办",
    "LEADS": "牵头",
    "RESPONSIBLE_FOR": "责任",
    "ASSISTS": "协办",
}
CONTEXT_LINES = 3


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
        role = ROLE_ZH.get(str(o.get("role")), str(o.get("role")))
        names = by_role.setdefault(role, [])
        if o.get("org") not in names:
            names.append(str(o.get("org")))
    order = ["牵头", "责任", "协办"]
    parts = sorted(by_role.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 9)
    return "；".join(f"{role}：{'、'.join(names)}" for role, names in parts)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows as a DataFrame with list cells joined (so tables and CSV read well).

    Parameters
    ----------
    rows:
        Dict rows.
    columns:
        Column order (default: the first row's keys).

    Returns
    -------
    pandas.DataFrame
    """
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    return pd.DataFrame([{c: flat(r.get(c)) for c in cols} for r in rows], columns=cols)


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
    detail = D.cached(D.fetch_task, task_id)
    if detail is None:
        st.info("未找到该任务 | Task not found (the graph may have changed).")
        return
    task, doc = detail["task"], detail["document"]
    st.markdown(f"**{task.get('text', '')}**")
    st.caption(
        f"{doc.get('number') or doc.get('id')} · {doc.get('title', '')} · "
        f"{task.get('section', '')} · 第 {task.get('line_start')}–{task.get('line_end')} 行"
    )
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**责任单位 Owners**")
        owners = detail["owners"]
        if owners:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "角色 role": ROLE_ZH.get(o["role"], o["role"]),
                            "单位 org": o["org"],
                            "原文写法 mention": o.get("mention"),
                            "依据 evidence": o.get("evidence"),
                            "行 line": o.get("line"),
                        }
                        for o in owners
                    ]
                ),
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
                pd.DataFrame(
                    [
                        {
                            "日期 date": d.get("date") or "—",
                            "原文 phrase": d.get("raw"),
                            "类型 kind": d.get("kind"),
                            "最终 final": d.get("final"),
                        }
                        for d in dls
                    ]
                ),
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
        f"文件 {task.get('source_file')}，高亮为任务第 {start}–{end} 行，深色为读出责任单位的行。"
    )
