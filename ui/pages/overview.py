"""总览 Overview: counts, workload by organisation and role, deadlines per month, store.

Every figure here is read from the counts stored per load (graph/aggregates.py), so the
page costs the same on a city's documents and on a province's archive.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from errors import Errors
from queries.labels import ORG_KIND_LABELS
from ui.cache import cached
from ui.charts import channel
from ui.components import csv_download, header, table
from ui.connection import reader
from ui.reads import overview as R

header("总览 Overview", "文件、任务、单位与分工的全貌 | What is in the graph")

store = reader()
counts = cached(R.counts)
c = st.columns(4)
c[0].metric("文件 Documents", counts["documents"])
c[1].metric("任务 Tasks", counts["tasks"])
c[2].metric("单位 Organisations", counts["orgs"])
c[3].metric("分工 Assignments", counts["assignments"])

where = (
    f"内置本地服务器 local ArcadeDB server · `{store.uri}` · 库 {store.database}"
    if store.kind == "local"
    else f"Neo4j（NEO4J_URI）· `{store.uri}` · 库 {store.database or '默认 default'}"
)
st.caption(f"存储 Store：{where}")
stale = cached(R.stale_documents)
if stale:
    st.warning(Errors.E414.format(stale=stale))

st.subheader("单位任务负荷 Workload by organisation")
ROLES = {"lead": "牵头 lead", "responsible": "责任 responsible", "assist": "协办 assist"}
SORTS = {"total": "合计 total", **ROLES, "org": "名称 name"}
c1, c2 = st.columns([1, 2])
top = c1.slider("显示前 N 个单位 Top N", 5, 50, 15, key="ov_top")
sort = c2.radio("排序 Sort by", list(SORTS), format_func=SORTS.get, horizontal=True,
                key="ov_sort")
rows = cached(R.workload, 500)
df = pd.DataFrame(rows, columns=["org", "kind", "lead", "responsible", "assist", "total",
                                 "documents"])
shown = df.sort_values(sort, ascending=(sort == "org")).head(top) if not df.empty else df
if shown.empty:
    st.info("图谱中还没有分工 | No assignments yet.")
else:
    # The chart's bars follow the table's order, so the two always agree.
    long = shown.melt(id_vars=["org"], value_vars=list(ROLES), var_name="role")
    long["角色 role"] = long["role"].map(ROLES)
    chart = {
        "mark": {"type": "bar"},
        "encoding": {
            "y": channel("org", "nominal", sort=list(shown["org"]), title=None,
                         axis={"labelOverlap": False, "labelLimit": 200}),
            "x": channel("value", "quantitative", aggregate="sum", title="任务数 tasks"),
            "color": channel(
                "角色 role", "nominal",
                scale={"domain": list(ROLES.values()),
                       "range": ["#d62728", "#1f77b4", "#aec7e8"]},
                legend={"orient": "bottom", "title": None},
            ),
            "tooltip": [channel("org", "nominal", title="单位"), channel("角色 role", "nominal"),
                        channel("value", "quantitative", title="任务数")],
        },
        "height": max(220, 24 * len(shown)),
    }
    # Chart above table, each the full width: readable from 1024 px to wide screens
    # (side by side, the chart collapsed and the table hid columns).
    st.vega_lite_chart(long, chart, width="stretch")
    view = table(
        [{**r, "kind": ORG_KIND_LABELS.get(r["kind"], r["kind"])}
         for r in shown.to_dict("records")],
        ["org", "lead", "responsible", "assist", "total", "kind"],
        {"lead": "牵头", "responsible": "责任", "assist": "协办", "total": "合计"},
    )
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        height=min(600, 40 + 35 * len(view)),
        column_config={"单位 organisation": st.column_config.TextColumn(width="medium")},
    )
    csv_download(table(rows, ["org", "kind", "lead", "responsible", "assist", "total",
                              "documents"]), "workload_by_org.csv", key="ov_csv")

st.subheader("每月到期任务 Tasks due per month")
months = cached(R.deadline_months)
mdf = pd.DataFrame(months["months"], columns=["month", "tasks"])
if mdf.empty:
    st.info("没有带日期的期限 | No dated deadlines.")
else:
    st.vega_lite_chart(
        mdf,
        {
            "mark": {"type": "bar", "color": "#9467bd"},
            "encoding": {
                "x": channel("month", "ordinal", title="月份 month", axis={"labelAngle": -45}),
                "y": channel("tasks", "quantitative", title="任务数（最终期限）tasks"),
                "tooltip": [channel("month", "ordinal", title="月份"),
                            channel("tasks", "quantitative", title="任务数")],
            },
            "height": 260,
            "padding": {"left": 10, "bottom": 10},
        },
        width="stretch",
    )
undated = months["undated"]
st.caption(
    f"另有无固定日期的任务：长期 {undated.get('open', 0)} 项，"
    f"周期性 {undated.get('recurring', 0)} 项。"
)
