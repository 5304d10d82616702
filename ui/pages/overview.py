"""总览 Overview: counts, workload by organisation and role, deadlines per month, store."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from ui import data as D
from ui.components import csv_download, header

header("总览 Overview", "文件、任务、单位与分工的全貌 | What is in the graph")

store = D.get_store()
counts = D.cached(D.fetch_counts)
c = st.columns(4)
c[0].metric("文件 Documents", counts["documents"])
c[1].metric("任务 Tasks", counts["tasks"])
c[2].metric("单位 Organisations", counts["orgs"])
c[3].metric("分工 Assignments", counts["assignments"])

if store.kind == "local":
    st.caption(
        f"存储 Store：内置本地服务器 local ArcadeDB server · `{store.uri}` · 库 {store.database}"
    )
else:
    st.caption(
        f"存储 Store：Neo4j（NEO4J_URI）· `{store.uri}` · 库 {store.database or '默认 default'}"
    )

st.subheader("单位任务负荷 Workload by organisation")
rows = D.cached(D.fetch_workload, 500)
df = pd.DataFrame(rows, columns=["org", "kind", "lead", "responsible", "assist", "total"])
left, right = st.columns([3, 2])
with right:
    top = st.slider("显示前 N 个单位 Top N", 5, 50, 15, key="ov_top")
    sort = st.radio(
        "排序 Sort by",
        ["total", "lead", "responsible", "assist", "org"],
        format_func={
            "total": "合计 total",
            "lead": "牵头 lead",
            "responsible": "责任 responsible",
            "assist": "协办 assist",
            "org": "名称 name",
        }.get,
        horizontal=True,
        key="ov_sort",
    )
shown = df.sort_values(sort, ascending=(sort == "org")).head(top) if not df.empty else df
with left:
    if shown.empty:
        st.info("图谱中还没有分工 | No assignments yet.")
    else:
        long = shown.melt(
            id_vars=["org"], value_vars=["lead", "responsible", "assist"], var_name="role"
        )
        long["角色 role"] = long["role"].map(
            {"lead": "牵头 lead", "responsible": "责任 responsible", "assist": "协办 assist"}
        )
        chart = (
            alt.Chart(long)
            .mark_bar()
            .encode(
                y=alt.Y(
                    "org:N",
                    sort=list(shown["org"]),
                    title=None,
                    axis=alt.Axis(labelOverlap=False, labelLimit=220),
                ),
                x=alt.X("sum(value):Q", title="任务数 tasks"),
                color=alt.Color(
                    "角色 role:N",
                    scale=alt.Scale(
                        domain=["牵头 lead", "责任 responsible", "协办 assist"],
                        range=["#d62728", "#1f77b4", "#aec7e8"],
                    ),
                ),
                tooltip=["org", "角色 role", "value"],
            )
            .properties(height=max(220, 24 * len(shown)))
        )
        st.altair_chart(chart, width="stretch")
with right:
    st.dataframe(
        shown.rename(
            columns={
                "org": "单位 org",
                "kind": "类型 kind",
                "lead": "牵头",
                "responsible": "责任",
                "assist": "协办",
                "total": "合计",
            }
        ),
        hide_index=True,
        width="stretch",
        height=320,
    )
    csv_download(df, "workload_by_org.csv", key="ov_csv")

st.subheader("每月到期任务 Tasks due per month")
months = D.cached(D.fetch_deadline_months)
mdf = pd.DataFrame(months["months"], columns=["month", "tasks"])
if mdf.empty:
    st.info("没有带日期的期限 | No dated deadlines.")
else:
    st.altair_chart(
        alt.Chart(mdf)
        .mark_bar(color="#9467bd")
        .encode(
            x=alt.X("month:O", title="月份 month"),
            y=alt.Y("tasks:Q", title="任务数 tasks (final deadline)"),
            tooltip=["month", "tasks"],
        )
        .properties(height=240),
        width="stretch",
    )
undated = months["undated"]
st.caption(
    f"另有无固定日期的任务：长期 open {undated.get('open', 0)} 项，"
    f"周期性 recurring {undated.get('recurring', 0)} 项。"
)
