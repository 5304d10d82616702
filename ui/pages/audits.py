"""审计 Audits: every audit from :mod:`queries` with its parameters as widgets, the result
table, a chart where one fits, and CSV download."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from queries import AuditParam, list_audits
from ui import data as D
from ui.components import csv_download, header, table

header("审计 Audits", "问责审计：每项审计回答一个问题 | Accountability audits from queries/")

audits = {a.name: a for a in list_audits()}
name = st.selectbox(
    "审计 Audit",
    list(audits),
    format_func=lambda n: f"{audits[n].title_zh} | {audits[n].title_en}（{n}）",
    key="audit_name",
)
audit = audits[name]
st.info(audit.answers)
example = dict(re.findall(r"--param\s+(\w+)=(\S+)", audit.example))
docs = D.cached(D.fetch_filter_options)["docs"]


def _widget(p: AuditParam) -> Any:
    """One input for one declared parameter; returns the raw value for the registry."""
    key = f"audit_{name}_{p.name}"
    label = f"{p.name}（{p.type_label}）"
    helptext = p.description or None
    if p.type == "bool":
        return st.checkbox(label, value=bool(p.default), key=key, help=helptext)
    if p.type == "choice":
        idx = p.choices.index(p.default) if p.default in p.choices else 0
        return st.selectbox(label, p.choices, index=idx, key=key, help=helptext)
    if p.type == "doc":
        options = [""] + [d["number"] for d in docs]
        return (
            st.selectbox(
                label, options, format_func=lambda d: d or "全部文件 all", key=key, help=helptext
            )
            or None
        )
    if p.type == "date":
        value = dt.date.fromisoformat(p.default) if p.default else dt.date(2017, 12, 31)
        return st.date_input(label, value, key=key, help=helptext).isoformat()
    if p.type in ("int", "float") and not p.nullable:
        if p.type == "int":
            return int(
                st.number_input(label, value=int(p.default or 0), step=1, key=key, help=helptext)
            )
        return float(st.number_input(label, value=float(p.default or 0.0), key=key, help=helptext))
    default = "" if p.default is None else str(p.default)
    if p.required:
        default = example.get(p.name, default)
    text = st.text_input(label, value=default, key=key, help=helptext)
    return text if text.strip() else None


params: dict[str, Any] = {}
if audit.params:
    cols = st.columns(min(3, len(audit.params)))
    for i, p in enumerate(audit.params):
        with cols[i % len(cols)]:
            params[p.name] = _widget(p)
missing = [p.name for p in audit.params if p.required and params.get(p.name) is None]
if missing:
    st.warning("请填写必填参数 | Required: " + ", ".join(missing))
    st.stop()
params = {k: v for k, v in params.items() if v is not None}

result = D.cached(D.run_audit_rows, name, params)
df = table(result.rows, result.columns)
st.markdown(f"**{len(df)} 行 rows** · `{audit.source or name}`")

# A chart where one fits: a name column against a count column, or dates per month.
label_col = next((c for c in ("org", "district", "doc", "org_a", "anchor") if c in df), None)
value_col = next(
    (
        c
        for c in ("total", "tasks", "shared", "lead_count", "betweenness", "size", "count")
        if c in df and pd.api.types.is_numeric_dtype(df[c])
    ),
    None,
)
if not df.empty and "due" in df:
    per_month = df.assign(month=df["due"].astype(str).str.slice(0, 7)).groupby("month").size()
    st.altair_chart(
        alt.Chart(per_month.reset_index(name="tasks"))
        .mark_bar(color="#9467bd")
        .encode(x=alt.X("month:O", title="月份 month"), y=alt.Y("tasks:Q", title="任务数 tasks"))
        .properties(height=220),
        width="stretch",
    )
elif not df.empty and label_col and value_col:
    top = df.copy()
    if label_col == "org_a":
        top["pair"] = top["org_a"] + " — " + top["org_b"]
        label_col = "pair"
    top = top.head(25)
    st.altair_chart(
        alt.Chart(top)
        .mark_bar()
        .encode(
            y=alt.Y(
                f"{label_col}:N",
                sort="-x",
                title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=260),
            ),
            x=alt.X(f"{value_col}:Q", title=value_col),
            tooltip=list(top.columns[:6]),
        )
        .properties(height=max(200, 20 * len(top))),
        width="stretch",
    )
st.dataframe(df, hide_index=True, width="stretch", height=420)
csv_download(df, f"{name}.csv", key="audit_csv")
