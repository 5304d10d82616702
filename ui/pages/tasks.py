"""任务 Tasks: full-text search (CONTAINS) with filters; a task's owners, deadlines and
its source passage with the matched lines highlighted."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui import data as D
from ui.components import csv_download, fmt_owners, header, show_task_detail, table

header("任务 Tasks", "全文检索任务并按文件、单位、角色、区县、期限筛选 | Search and filter tasks")

opts = D.cached(D.fetch_filter_options)
doc_ids = [""] + [d["id"] for d in opts["docs"]]
doc_label = {d["id"]: f"{d['number']} {d['title'][:30]}" for d in opts["docs"]}
ROLE_OPTS = {
    "": "任意 any",
    "LEADS": "牵头 lead",
    "RESPONSIBLE_FOR": "责任 responsible",
    "ASSISTS": "协办 assist",
}

q = st.text_input("关键词 Text contains", key="task_q", placeholder="例如 多证合一 / 供暖 / 审批")
c1, c2, c3, c4 = st.columns(4)
doc = c1.selectbox(
    "文件 Document", doc_ids, format_func=lambda d: doc_label.get(d, "全部 all"), key="task_doc"
)
org = c2.selectbox(
    "单位 Organisation", [""] + opts["orgs"], format_func=lambda o: o or "全部 all", key="task_org"
)
role = c3.selectbox("角色 Role", list(ROLE_OPTS), format_func=ROLE_OPTS.get, key="task_role")
district = c4.selectbox(
    "区县 District",
    [""] + opts["districts"],
    format_func=lambda o: o or "全部 all",
    key="task_district",
)
c5, c6, c7 = st.columns([2, 1, 1])
use_window = c5.checkbox("按期限筛选 Deadline window", key="task_use_window")
window: tuple = ()
if use_window:
    window = c5.date_input(
        "期限范围 Due between",
        (dt.date(2017, 10, 1), dt.date(2017, 12, 31)),
        key="task_window",
    )
no_lead = c6.checkbox("无牵头单位 No lead", key="task_nolead")
collective = c7.checkbox("仅集合性主体 Collective only", key="task_collective")

due_from = window[0].isoformat() if len(window) >= 1 else ""
due_to = window[1].isoformat() if len(window) >= 2 else ""
rows = D.cached(
    D.fetch_tasks,
    q,
    doc=doc,
    org=org,
    role=role,
    district=district,
    due_from=due_from,
    due_to=due_to,
    no_lead=no_lead,
    collective_only=collective,
    limit=1000,
)
st.markdown(
    f"**找到 {len(rows)} 项任务 | {len(rows)} tasks**"
    + ("（最多显示 1000）" if len(rows) >= 1000 else "")
)
df = table(
    [
        {
            **r,
            "owners": fmt_owners(r["owners"]),
            "lines": f"{r['line_start']}–{r['line_end']}",
        }
        for r in rows
    ],
    ["doc", "seq", "text", "owners", "dates", "phrases", "districts", "lines", "task_id"],
)
st.dataframe(
    df.rename(
        columns={
            "doc": "文件 document",
            "seq": "序号",
            "text": "任务 task",
            "owners": "责任单位 owners",
            "dates": "期限 due",
            "phrases": "期限原文",
            "districts": "区县",
            "lines": "行 lines",
            "task_id": "编号 id",
        }
    ),
    hide_index=True,
    width="stretch",
    height=min(380, 40 + 35 * max(1, len(df))),
    column_config={
        "任务 task": st.column_config.TextColumn(width="large"),
        "责任单位 owners": st.column_config.TextColumn(width="medium"),
    },
)
csv_download(df, "tasks.csv", key="task_csv")

if rows:
    st.subheader("任务详情 Task detail")
    label = {r["task_id"]: f"{r['doc']} · {r['seq']} · {r['text'][:60]}" for r in rows}
    tid = st.selectbox("选择任务 Pick a task", list(label), format_func=label.get, key="task_pick")
    show_task_detail(tid, terms=[q.strip()] if q.strip() else [])
