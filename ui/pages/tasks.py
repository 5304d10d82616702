"""任务 Tasks: search task text and filter by document, organisation, role, district,
deadline window; every row opens its owners, deadlines and highlighted source passage."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui.cache import cached
from ui.components import doc_picker, fmt_owners, header, org_picker, pager, task_table
from ui.reads import tasks as R

header("任务 Tasks", "全文检索任务并按文件、单位、角色、区县、期限筛选 | Search and filter tasks")

ROLE_OPTS = {
    "": "任意 any",
    "LEADS": "牵头 lead",
    "RESPONSIBLE_FOR": "责任 responsible",
    "ASSISTS": "协办 assist",
}
PAGE = 100

q = st.text_input("关键词 Text contains", key="task_q", placeholder="例如 多证合一 / 供暖 / 审批")
c1, c2, c3, c4 = st.columns([3, 3, 2, 2])
with c1:
    doc = doc_picker("文件 Document", "task_doc") or ""
with c2:
    org = org_picker("单位 Organisation", "task_org") or ""
role = c3.selectbox("角色 Role", list(ROLE_OPTS), format_func=ROLE_OPTS.get, key="task_role")
district = c4.selectbox(
    "区县 District",
    ["", *cached(R.districts)],
    format_func=lambda o: o or "全部 all",
    key="task_district",
)
c5, c6, c7 = st.columns([2, 1, 1])
use_window = c5.checkbox("按期限筛选 Deadline window", key="task_use_window")
window: tuple = ()
if use_window:
    # Two single dates: the range picker adds an English "Date range" preset menu.
    w1, w2 = c5.columns(2)
    window = (
        w1.date_input("期限自 Due from", dt.date(2017, 10, 1), key="task_due_from",
                      format="YYYY-MM-DD"),
        w2.date_input("期限至 Due to", dt.date(2017, 12, 31), key="task_due_to",
                      format="YYYY-MM-DD"),
    )
no_lead = c6.checkbox("无牵头单位 No lead", key="task_nolead")
collective = c7.checkbox("仅集合性主体 Collective only", key="task_collective")

f = R.TaskFilter(
    q=q,
    doc=doc,
    org=org,
    role=role,
    district=district,
    due_from=window[0].isoformat() if len(window) >= 1 else "",
    due_to=window[1].isoformat() if len(window) >= 2 else "",
    no_lead=no_lead,
    collective_only=collective,
)
first = cached(R.tasks, f, 0, PAGE)
skip = pager(first.total, PAGE, key="task_page")
result = first if skip == 0 else cached(R.tasks, f, skip, PAGE)
st.markdown(f"**找到 {result.total} 项任务 | {result.total} tasks**")
if result.cut:
    st.caption(
        "条件较宽，只检查了一部分任务；请加关键词、文件或单位缩小范围。"
    )
task_table(
    [{**r, "owners": fmt_owners(r["owners"]), "lines": f"{r['line_start']}–{r['line_end']}"}
     for r in result.rows],
    ["text", "owners", "doc", "seq", "dates", "phrases", "districts", "lines"],
    key="task",
    labels={"dates": "期限 due", "phrases": "期限原文 phrases", "districts": "区县 districts"},
    terms=[q.strip()] if q.strip() else [],
    csv_name="tasks.csv",
    describe=lambda r: f"{r['doc']} · {r['seq']} · {str(r['text'])[:60]}",
)
