"""期限 Deadlines: tasks by due month, tasks due on or before a date, per organisation;
every task row opens its source passage."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ui.cache import cached
from ui.charts import channel
from ui.components import header, org_picker, task_table
from ui.reads import overview as R

header("期限 Deadlines", "按月份的到期任务，截至某日应完成的任务 | What falls due when")

org = org_picker("单位 Organisation（可选 optional）", "dl_org")

st.subheader("时间线 Timeline")
c1, c2, c3 = st.columns(3)
start = c1.date_input("自 From", dt.date(2017, 1, 1), key="dl_from", format="YYYY-MM-DD")
end = c2.date_input("至 To", dt.date(2020, 12, 31), key="dl_to", format="YYYY-MM-DD")
final_only = c3.checkbox("仅最终期限 Final deadlines only", value=True, key="dl_final")
window = cached(
    R.audit,
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
    cell = {
        "x": channel("month", "ordinal", title="到期月份 due month"),
        "y": channel("doc", "nominal", title="文件 document",
                     axis={"labelLimit": 260, "labelOverlap": False}),
    }
    count = channel(None, "quantitative", aggregate="count")
    chart = {
        "layer": [
            {
                "mark": {"type": "rect"},
                "encoding": {
                    **cell,
                    "color": {**count, "title": "任务数 tasks", "scale": {"scheme": "purples"}},
                    "tooltip": [channel("doc", "nominal", title="文件"),
                                channel("month", "ordinal", title="月份"),
                                {**count, "title": "任务数"}],
                },
            },
            {"mark": {"type": "text", "fontSize": 11}, "encoding": {**cell, "text": count}},
        ],
        "height": max(200, 28 * wdf["doc"].nunique()),
    }
    st.vega_lite_chart(wdf, chart, width="stretch")
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
                "owners": "单位 organisation",
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
as_of = c4.date_input("截至日期 As of", dt.date(2017, 10, 31), key="dl_asof", format="YYYY-MM-DD")
judge_final = c5.checkbox("按最终期限判断 Judge by final deadline", value=True, key="dl_judge")
due = cached(
    R.audit, "tasks_due_by", {"as_of": as_of.isoformat(), "final_only": judge_final}
).rows
if org:
    due = [r for r in due if org in r["owners"]]
st.markdown(f"**{len(due)} 项任务截至 {as_of.isoformat()} 应完成 | tasks due by then**")
task_table(
    [{**r, "lines": f"{r['line_start']}–{r['line_end']}"} for r in due],
    ["due", "text", "owners", "doc", "milestones", "lines"],
    key="dl_due",
    csv_name=f"due_by_{as_of.isoformat()}.csv",
    describe=lambda r: f"{r['due']} · {r['doc']} · {str(r['text'])[:50]}",
)
