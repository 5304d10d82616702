"""期限 Deadlines: tasks by due month, tasks due on or before a date, per organisation."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from ui import data as D
from ui.components import csv_download, header, table

header("期限 Deadlines", "按月份的到期任务，截至某日应完成的任务 | What falls due when")

opts = D.cached(D.fetch_filter_options)
org = st.selectbox(
    "单位 Organisation（可选 optional）",
    [""] + opts["orgs"],
    format_func=lambda o: o or "全部单位 all",
    key="dl_org",
)

st.subheader("时间线 Timeline")
c1, c2, c3 = st.columns(3)
start = c1.date_input("自 From", dt.date(2017, 1, 1), key="dl_from")
end = c2.date_input("至 To", dt.date(2020, 12, 31), key="dl_to")
final_only = c3.checkbox("仅最终期限 Final deadlines only", value=True, key="dl_final")
window = D.cached(
    D.run_audit_rows,
    "deadlines_in_window",
    {"from_date": start.isoformat(), "to_date": end.isoformat(), "final_only": final_only},
).rows
if org:
    window = [r for r in window if org in r["owners"]]
wdf = pd.DataFrame(window, columns=["due", "doc", "task_id", "text", "raw", "final", "owners"])
if wdf.empty:
    st.info("该时间段内没有到期任务 | Nothing falls due in this window.")
else:
    wdf["month"] = wdf["due"].str.slice(0, 7)
    # A calendar: one cell per document and due month, shaded by the number of tasks.
    y = alt.Y("doc:N", title="文件 document", axis=alt.Axis(labelLimit=260, labelOverlap=False))
    base = alt.Chart(wdf).encode(x=alt.X("month:O", title="到期月份 due month"), y=y)
    chart = (
        base.mark_rect().encode(
            color=alt.Color("count():Q", title="任务数 tasks", scale=alt.Scale(scheme="purples")),
            tooltip=["doc", "month", alt.Tooltip("count():Q", title="tasks")],
        )
        + base.mark_text(fontSize=11).encode(text="count():Q")
    ).properties(height=max(200, 28 * wdf["doc"].nunique()))
    st.altair_chart(chart, width="stretch")
    per_org = (
        wdf.explode("owners")
        .dropna(subset=["owners"])
        .groupby("owners")
        .agg(tasks=("task_id", "nunique"), first_due=("due", "min"), last_due=("due", "max"))
        .sort_values("tasks", ascending=False)
        .reset_index()
    )
    st.markdown("**各单位到期任务 Due tasks per organisation**")
    st.dataframe(
        per_org.rename(
            columns={
                "owners": "单位 org",
                "tasks": "任务数 tasks",
                "first_due": "最早 first",
                "last_due": "最晚 last",
            }
        ),
        hide_index=True,
        width="stretch",
        height=260,
    )

st.subheader("截至某日应完成 Due on or before")
c4, c5 = st.columns(2)
as_of = c4.date_input("截至日期 As of", dt.date(2017, 10, 31), key="dl_asof")
judge_final = c5.checkbox("按最终期限判断 Judge by final deadline", value=True, key="dl_judge")
due = D.cached(
    D.run_audit_rows, "tasks_due_by", {"as_of": as_of.isoformat(), "final_only": judge_final}
).rows
if org:
    due = [r for r in due if org in r["owners"]]
ddf = table(
    due, ["due", "doc", "text", "milestones", "owners", "line_start", "line_end", "task_id"]
)
st.markdown(f"**{len(ddf)} 项任务截至 {as_of.isoformat()} 应完成 | tasks due by then**")
st.dataframe(
    ddf.rename(
        columns={
            "due": "期限 due",
            "doc": "文件 document",
            "text": "任务 task",
            "milestones": "期限原文",
            "owners": "责任单位 owners",
            "line_start": "起始行",
            "line_end": "结束行",
            "task_id": "编号 id",
        }
    ),
    hide_index=True,
    width="stretch",
)
csv_download(ddf, f"due_by_{as_of.isoformat()}.csv", key="dl_csv")
