"""督查台账 Ledger: a document's tasks (or an organisation's, optionally in a due window) as
the supervision office keeps them, shown here and downloaded as Excel or CSV."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import streamlit as st

from errors import Errors
from queries.ledger import COLUMNS, build_ledger, to_csv, write_xlsx
from ui.cache import cacheable, cached
from ui.components import doc_picker, header, org_picker, show_task_detail
from ui.settings import QUERY_TIMEOUT

header(
    "督查台账 Ledger",
    "按文件列出任务：序号、任务、牵头单位、责任单位、配合单位、完成时限、来源，"
    "下载为 Excel 后填写进展情况与完成情况 | The supervision ledger, as Excel",
)


@cacheable
def _ledger(store, doc: str, org: str, from_date: str, to_date: str) -> list:
    return build_ledger(store, docs=[doc] if doc else [], org=org or None,
                        from_date=from_date or None, to_date=to_date or None,
                        timeout=QUERY_TIMEOUT)


c1, c2 = st.columns(2)
with c1:
    doc = doc_picker("文件 Document", "ledger_doc", allow_all=True,
                     help="台账按文件分表；选择单位时可不选文件") or ""
with c2:
    org = org_picker("单位 Organisation（可选 optional）", "ledger_org") or ""
use_window = st.checkbox("只列某段时间内到期的任务 Only tasks due in a window", key="ledger_win")
from_date = to_date = ""
if use_window:
    w1, w2 = st.columns(2)
    from_date = w1.date_input("期限自 Due from", dt.date(2017, 1, 1), key="ledger_from",
                              format="YYYY-MM-DD").isoformat()
    to_date = w2.date_input("期限至 Due to", dt.date(2017, 12, 31), key="ledger_to",
                            format="YYYY-MM-DD").isoformat()
if not doc and not org:
    st.info(Errors.E415)
    st.stop()

sheets = cached(_ledger, doc, org, from_date, to_date)
if not sheets:
    st.warning(Errors.E416.format(what="、".join(filter(None, [doc, org]))))
    st.stop()

tasks = sum(len(s.rows) for s in sheets)
st.markdown(f"**{len(sheets)} 份文件，{tasks} 项任务 | {len(sheets)} documents, {tasks} tasks**")
buf = io.BytesIO()
write_xlsx(sheets, buf)
stem = (doc or org).replace("/", "_")
d1, d2 = st.columns(2)
d1.download_button(
    "下载 Excel 台账 | Download .xlsx",
    buf.getvalue(),
    file_name=f"督查台账_{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="ledger_xlsx",
    type="primary",
)
d2.download_button("下载 CSV | Download CSV", to_csv(sheets), file_name=f"督查台账_{stem}.csv",
                   mime="text/csv", key="ledger_csv")

heads = [h for h, _ in COLUMNS]
for sheet in sheets[:20]:
    st.markdown(f"#### {sheet.doc} {sheet.title}")
    df = pd.DataFrame([row.cells() for row in sheet.rows], columns=heads)
    st.dataframe(
        df,
        hide_index=True,
        width="stretch",
        height=min(520, 40 + 35 * len(df)),
        column_config={"任务": st.column_config.TextColumn(width="large")},
    )
if len(sheets) > 20:
    st.caption(f"页面只显示前 20 份文件；下载的台账包含全部 {len(sheets)} 份。")

rows = [(s, r) for s in sheets for r in s.rows]
pick = st.selectbox(
    "查看任务原文 Open a task's source passage",
    range(len(rows)),
    index=None,
    placeholder="选择一项任务… | pick a task",
    format_func=lambda i: f"{rows[i][0].doc} · {rows[i][1].seq}. {rows[i][1].text[:50]}",
    key="ledger_pick",
)
if pick is not None:
    show_task_detail(rows[pick][1].task_id)
