"""文档 Documents: every document with its counts; a document's text with each extracted
task span highlighted and its owners beside it, so users can check the extraction."""

from __future__ import annotations

import streamlit as st

from errors import ZerenError
from ui import data as D
from ui.components import ROLE_ZH, csv_download, header, phones_visible, table
from ui.source import SpanNote, passage_html, read_source_lines

header(
    "文档 Documents", "核对抽取结果：原文中每项任务高亮，旁注责任单位 | Check what was extracted"
)

docs = D.cached(D.fetch_documents)
df = table(
    docs,
    [
        "number",
        "title",
        "date",
        "issuer",
        "tasks",
        "assignments",
        "orgs",
        "file",
        "line_start",
        "line_end",
    ],
)
st.dataframe(
    df.rename(
        columns={
            "number": "文号 number",
            "title": "标题 title",
            "date": "日期 date",
            "issuer": "发文单位 issuer",
            "tasks": "任务 tasks",
            "assignments": "分工 assignments",
            "orgs": "单位 orgs",
            "file": "源文件 file",
            "line_start": "起始行",
            "line_end": "结束行",
        }
    ),
    hide_index=True,
    width="stretch",
    height=300,
)
csv_download(df, "documents.csv", key="doc_csv")
if not docs:
    st.stop()

by_id = {d["id"]: d for d in docs}
doc_id = st.selectbox(
    "查看文件原文 Show a document",
    list(by_id),
    format_func=lambda i: f"{by_id[i]['number']} {by_id[i]['title']}（{by_id[i]['tasks']} 项任务）",
    key="doc_pick",
)
doc = by_id[doc_id]
tasks = D.cached(D.fetch_document_tasks, doc_id)
st.caption(
    f"{doc['file']} 第 {doc['line_start']}–{doc['line_end']} 行 · {len(tasks)} 项任务（黄色），"
    "深色为读出责任单位的行；右栏为抽取到的责任单位与期限。"
)
only_tasks = st.checkbox("只显示任务所在段落 Only task passages", key="doc_only_tasks")
try:
    lines = read_source_lines(str(doc["file"]))
except ZerenError as exc:
    st.warning(str(exc))
    st.stop()


def _note(t: dict) -> str:
    by_role: dict[str, list[str]] = {}
    for o in t["owners"]:
        by_role.setdefault(ROLE_ZH.get(o["role"], o["role"]), []).append(o["org"])
    owners = "；".join(f"{r}：{'、'.join(n)}" for r, n in by_role.items()) or "无责任单位 no owner"
    due = f" · 期限：{'、'.join(t['deadlines'])}" if t["deadlines"] else ""
    return f"任务 {t['seq']} → {owners}{due}"


spans = [
    SpanNote(int(t["line_start"]), int(t["line_end"]), _note(t), f"task-{t['task_id']}")
    for t in tasks
]
strong = [int(o["line"]) for t in tasks for o in t["owners"] if o.get("line")]
mask = not phones_visible()
if only_tasks:
    parts = [
        passage_html(
            lines, s.start, s.end, spans=[s], strong_lines=strong, mask=mask, notes_beside=True
        )
        for s in spans
    ]
    st.html("".join(parts))
else:
    st.html(
        passage_html(
            lines,
            int(doc["line_start"]),
            int(doc["line_end"]),
            spans=spans,
            strong_lines=strong,
            mask=mask,
            notes_beside=True,
        )
    )
