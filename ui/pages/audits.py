"""审计 Audits: every audit from :mod:`queries`, asked in Chinese, in the order analysts
use them; parameters as typed widgets (date picker, document picker, organisation
search); Chinese columns and values; a chart of the column the table is ordered by;
every task row opens its source passage."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from queries import Audit, AuditParam, list_audits
from queries.labels import (
    AUDIT_ORDER,
    CHOICE_LABELS,
    ORG_KIND_LABELS,
    column_label,
    param_label,
)
from ui.cache import cached
from ui.charts import channel
from ui.components import csv_download, doc_picker, header, org_picker, table, task_table
from ui.reads import overview as R

header("审计 Audits", "问责审计：每项审计回答一个问题 | Accountability audits")

_rank = {n: i for i, n in enumerate(AUDIT_ORDER)}
audits = {a.name: a for a in sorted(list_audits(), key=lambda a: (_rank.get(a.name, 99), a.name))}
name = st.selectbox(
    "审计问题 Audit",
    list(audits),
    format_func=lambda n: f"{audits[n].title_zh} | {audits[n].title_en}",
    key="audit_name",
)
audit: Audit = audits[name]
st.info(f"**{audit.question or audit.title_zh}**\n\n{audit.answers}")

def _widget(p: AuditParam) -> Any:
    """One input for one declared parameter, by its type; returns the raw value."""
    key = f"audit_{name}_{p.name}"
    label, helptext = param_label(name, p.name)
    helptext = helptext or None
    if p.type == "doc":
        return doc_picker(label, key, allow_all=p.nullable, help=helptext)
    if p.name in ("name", "org") and p.type == "str":
        return org_picker(label, key, allow_all=p.nullable, help=helptext)
    if p.name == "kind" and p.type == "str":
        kinds = [None, *ORG_KIND_LABELS]
        return st.selectbox(label, kinds, key=key, help=helptext,
                            format_func=lambda k: "全部 all" if k is None else ORG_KIND_LABELS[k])
    if p.type == "bool":
        return st.checkbox(label, value=bool(p.default), key=key, help=helptext)
    if p.type == "choice":
        idx = p.choices.index(p.default) if p.default in p.choices else 0
        return st.selectbox(label, p.choices, index=idx, key=key, help=helptext,
                            format_func=lambda c: CHOICE_LABELS.get(c, c))
    if p.type == "date":
        if p.nullable:
            on = st.checkbox(f"{label}（限定 set）", key=f"{key}_on", value=p.default is not None)
            if not on:
                return None
        value = dt.date.fromisoformat(p.default) if p.default else dt.date(2017, 12, 31)
        return st.date_input(label, value, key=key, help=helptext,
                             format="YYYY-MM-DD").isoformat()
    if p.type == "int":
        if p.nullable:
            text = st.text_input(label, key=key, help=helptext, placeholder="留空为不限 any")
            return text.strip() or None
        return int(st.number_input(label, value=int(p.default or 0), step=1, key=key,
                                   help=helptext))
    if p.type == "float":
        return float(st.number_input(label, value=float(p.default or 0.0), key=key,
                                     help=helptext))
    text = st.text_input(label, value="" if p.default is None else str(p.default), key=key,
                         help=helptext)
    return text if text.strip() else None


params: dict[str, Any] = {}
if audit.params:
    cols = st.columns(min(3, len(audit.params)))
    for i, p in enumerate(audit.params):
        with cols[i % len(cols)]:
            params[p.name] = _widget(p)
missing = [param_label(name, p.name)[0] for p in audit.params
           if p.required and params.get(p.name) is None]
if missing:
    st.warning("请填写必填参数 | Required: " + "、".join(missing))
    st.stop()
if name == "ledger" and not params.get("doc") and not params.get("org"):
    st.info("请选择一份文件或一个单位 | Pick a document or an organisation.")
    st.stop()
params = {k: v for k, v in params.items() if v is not None}

result = cached(R.audit, name, params)
rows = result.rows
st.markdown(f"**{len(rows)} 行 rows**")

# The chart plots the column the table is ordered by, in the table's order.
_CHART: dict[str, tuple[str, str]] = {
    "workload_by_org": ("org", "total"),
    "co_responsibility_pairs": ("pair", "shared"),
    "district_burden": ("district", "tasks"),
    "document_summary": ("doc", "tasks"),
    "org_aliases": ("org", "count"),
    "central_orgs": ("org", str(params.get("sort_by", "betweenness"))),
    "org_communities": ("anchor", "size"),
}
if rows and name in _CHART:
    lab, val = _CHART[name]
    cdf = pd.DataFrame(rows).head(25)
    if lab == "pair":
        cdf["pair"] = cdf["org_a"] + " — " + cdf["org_b"]
    order = list(dict.fromkeys(cdf[lab].astype(str)))
    st.vega_lite_chart(
        cdf.assign(**{lab: cdf[lab].astype(str)}),
        {
            "mark": {"type": "bar"},
            "encoding": {
                "y": channel(lab, "nominal", sort=order, title=None,
                             axis={"labelOverlap": False, "labelLimit": 260}),
                "x": channel(val, "quantitative", title=column_label(val)),
                "tooltip": [channel(lab, "nominal", title=column_label(lab)),
                            channel(val, "quantitative", title=column_label(val))],
            },
            "height": max(200, 22 * len(cdf)),
        },
        width="stretch",
    )
elif rows and "due" in result.columns:
    per_month = pd.Series([str(r["due"])[:7] for r in rows]).value_counts().sort_index()
    st.vega_lite_chart(
        per_month.rename_axis("month").reset_index(name="tasks"),
        {
            "mark": {"type": "bar", "color": "#9467bd"},
            "encoding": {"x": channel("month", "ordinal", title="到期月份 month"),
                         "y": channel("tasks", "quantitative", title="任务数 tasks")},
            "height": 220,
        },
        width="stretch",
    )

# Owners right after the task text, source lines as one short column, ids hidden.
_FIRST = ("due", "org", "role", "text", "owners", "leads", "lead", "responsible", "assist")
_HIDDEN = {"task_id", "file", "line_start", "line_end", "title"}
shown = sorted((c for c in result.columns if c not in _HIDDEN),
               key=lambda c: _FIRST.index(c) if c in _FIRST else len(_FIRST))
if "task_id" in result.columns:
    shown.append("lines")
    task_table(
        [{**r, "lines": f"{r.get('line_start')}–{r.get('line_end')}"} for r in rows],
        shown,
        key=f"audit_{name}",
        csv_name=f"{name}.csv",
    )
else:
    df = table(rows, shown)
    st.dataframe(df, hide_index=True, width="stretch", height=min(520, 40 + 35 * max(1, len(df))))
    csv_download(table(rows, result.columns), f"{name}.csv", key="audit_csv")
