"""文档 Documents: every document with its counts (paged, searchable); a document's text
with each extracted task highlighted and its owners beside it, and, for a document with
no task, why: it assigns no work, or its numbered items name no owner (listed)."""

from __future__ import annotations

import streamlit as st

from errors import ZerenError
from queries.labels import LAYOUT_LABELS, ROLE_LABELS
from ui.cache import cached
from ui.components import csv_download, header, pager, phones_visible, table
from ui.reads import documents as R
from ui.source import SpanNote, passage_html, read_source_lines

header(
    "文档 Documents", "核对抽取结果：原文中每项任务高亮，旁注责任单位 | Check what was extracted"
)

PAGE = 100
q = st.text_input("查找文件 Find：文号或标题中的字", key="doc_q",
                  placeholder="例如 88号 / 简政放权")
first = cached(R.documents, q, 0, PAGE)
skip = pager(first["total"], PAGE, key="doc_page")
page = first if skip == 0 else cached(R.documents, q, skip, PAGE)
docs = page["rows"]
df = table(
    docs,
    ["number", "title", "date", "issuer", "tasks", "ownerless", "assignments", "orgs", "file"],
    {"number": "文号 number", "issuer": "发文单位 issuer", "ownerless": "无责任单位 no owner",
     "assignments": "分工 assignments", "orgs": "单位 orgs"},
)
st.caption(f"共 {first['total']} 份文件 documents")
st.dataframe(df, hide_index=True, width="stretch", height=300)
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
doc = cached(R.document, doc_id) or by_id[doc_id]
tasks = cached(R.document_tasks, doc_id)
unread = doc.get("unread") or []
ownerless = [t for t in tasks if not t["owners"]]

# Why a document has no task (or tasks without owners): say so in words.
if not tasks:
    if unread:
        st.warning(
            f"这份文件没有读出任务：有 {len(unread)} 处看起来像分工的条目未能读出（见下）。"
            " | No task was read; these items look like assignments but were not read."
        )
    else:
        st.info(
            "这份文件没有读出任务：它没有分派工作（如通知、公告、人事任免），"
            "或者其中没有编号的工作条目。 | It assigns no work."
        )
elif ownerless:
    st.info(
        f"{len(ownerless)} 项任务没有写明责任单位（编号条目，未写由谁负责），"
        "已列入“无责任主体的任务”审计。 | Items that name no owner are tasks without owners."
    )
if unread:
    st.markdown(f"**未能读出的条目 Items not read（{len(unread)}）**")
    st.dataframe(
        table([{"lines": f"{u.line_start}–{u.line_end}", "code": u.code, "text": u.text}
               for u in unread], ["lines", "code", "text"],
              {"code": "原因代码 code", "text": "原文 text"}),
        hide_index=True,
        width="stretch",
    )

pages = sorted({t["page"] for t in tasks if t.get("page")})
st.caption(
    f"{doc['file']} 第 {doc['line_start']}–{doc['line_end']} 行"
    + (f"（第 {pages[0]}–{pages[-1]} 页）" if pages else "")
    + f" · {len(tasks)} 项任务（黄色），深色为读出责任单位的行；右栏为抽取到的责任单位与期限。"
)
only_tasks = st.checkbox("只显示任务所在段落 Only task passages", key="doc_only_tasks")
try:
    lines = read_source_lines(str(doc["file"]))
except ZerenError as exc:  # E405: the file is not on this machine
    st.warning(str(exc))
    st.stop()


def _note(t: dict) -> str:
    by_role: dict[str, list[str]] = {}
    for o in t["owners"]:
        by_role.setdefault(ROLE_LABELS.get(o["role"], o["role"]), []).append(o["org"])
    owners = "；".join(f"{r}：{'、'.join(n)}" for r, n in by_role.items()) or "未写责任单位"
    due = f" · 期限：{'、'.join(t['deadlines'])}" if t["deadlines"] else ""
    where = f" · 第 {t['page']} 页" if t.get("page") else ""
    how = f" · {LAYOUT_LABELS[t['layout']]}" if t.get("layout") in LAYOUT_LABELS else ""
    return f"任务 {t['seq']} → {owners}{due}{where}{how}"


spans = [
    SpanNote(int(t["line_start"]), int(t["line_end"]), _note(t), f"task-{t['task_id']}")
    for t in tasks
]
spans += [SpanNote(u.line_start, u.line_end, f"未读出 not read（{u.code}）") for u in unread]
strong = [int(o["line"]) for t in tasks for o in t["owners"] if o.get("line")]
mask = not phones_visible()
if only_tasks and spans:
    st.html("".join(
        passage_html(lines, s.start, s.end, spans=[s], strong_lines=strong, mask=mask,
                     notes_beside=True)
        for s in spans
    ))
elif only_tasks:
    st.info("这份文件没有任务段落可显示 | This document has no task passages.")
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
