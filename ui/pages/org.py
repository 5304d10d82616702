"""单位 Organisation: find an organisation by any spelling; its figures, its tasks by role
(paged) and by document, its partners, its neighbourhood graph; every task row opens its
source passage."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from queries.labels import LEVEL_LABELS, ORG_KIND_LABELS
from ui import graphview
from ui.cache import cached
from ui.components import csv_download, header, pager, table, task_table
from ui.reads import graph as graph_reads
from ui.reads import orgs as R

header(
    "单位 Organisation",
    "输入单位的任意写法（如 市工商局、工商局、郑州市工商局）| "
    "Any spelling resolves to the organisation",
)

q = st.text_input(
    "单位名称 Organisation", key="org_q", placeholder="例如 市工商局 / 市财政局 / 中原区"
).strip()
candidates = cached(R.org_candidates, q, 50)
if not candidates:
    st.warning(f"没有找到与「{q}」匹配的单位 | No organisation matches {q!r}.")
    st.stop()


def _label(c: dict) -> str:
    aliases = [a for a in c["aliases"] if a != c["name"]]
    alias = f"（写法：{'、'.join(aliases[:3])}）" if aliases else ""
    return f"{c['name']}{alias} · {c['tasks']} 项任务"


names = [c["name"] for c in candidates]
by_name = {c["name"]: c for c in candidates}
if st.session_state.get("org_pick") not in names:
    st.session_state["org_pick"] = names[0]
name = st.selectbox(
    f"匹配的单位 Matches（{len(candidates)}）",
    names,
    format_func=lambda n: _label(by_name[n]),
    key="org_pick",
)
org = cached(R.org, name) or {**by_name[name], "lead": 0, "responsible": 0, "assist": 0,
                              "documents": 0, "partners": []}

st.subheader(name)
st.caption(
    f"类型：{ORG_KIND_LABELS.get(org['kind'], org['kind'] or '—')} · "
    f"层级：{LEVEL_LABELS.get(org.get('level') or '', org.get('level') or '—')} · "
    f"写法：{'、'.join(org['aliases']) or '—'}"
    + ("" if org.get("known", True) is not False else " · 未在单位名录中登记（按名称形式识别）")
)
m = st.columns(5)
m[0].metric("任务 Tasks", org["tasks"])
m[1].metric("牵头 Lead", org["lead"])
m[2].metric("责任 Responsible", org["responsible"])
m[3].metric("协办 Assist", org["assist"])
m[4].metric("文件 Documents", org["documents"])

ROLE_TABS = {"": "全部 all", "LEADS": "牵头 lead", "RESPONSIBLE_FOR": "责任 responsible",
             "ASSISTS": "协办 assist"}
tab_tasks, tab_doc, tab_partner, tab_graph = st.tabs(
    ["任务 Tasks", "按文件 By document", "合作单位 Partners", "关系图 Graph"],
    key="org_tab",
    on_change="rerun",
)
PAGE = 50
with tab_tasks:
    if tab_tasks.open is not False:
        role = st.radio("角色 Role", list(ROLE_TABS), format_func=ROLE_TABS.get,
                        horizontal=True, key="org_role")
        total = {"": org["lead"] + org["responsible"] + org["assist"], "LEADS": org["lead"],
                 "RESPONSIBLE_FOR": org["responsible"], "ASSISTS": org["assist"]}[role]
        skip = pager(total, PAGE, key=f"org_page_{name}_{role}")
        rows = cached(R.org_tasks, name, role, skip, PAGE)
        order = {"LEADS": 0, "RESPONSIBLE_FOR": 1, "ASSISTS": 2}
        rows = sorted(rows, key=lambda r: (order.get(r["role"], 3), str(r["file"]),
                                           r["line_start"]))
        st.caption(f"第 {skip + 1}–{skip + len(rows)} 项，共 {total} 项（按文件载入顺序分页）")
        task_table(
            [{**r, "lines": f"{r['line_start']}–{r['line_end']}"} for r in rows],
            ["role", "text", "partners", "doc", "deadlines", "mention", "lines"],
            key="org_tasks",
            csv_name=f"{name}_tasks.csv",
            describe=lambda r: f"[{graphview.REL_NAMES.get(r['role'], r['role'])}] "
            f"{r['doc']} · {str(r['text'])[:50]}",
        )
with tab_doc:
    if tab_doc.open:
        first = cached(R.org_documents, name, 0, 200)
        dskip = pager(first["total"], 200, key=f"org_dpage_{name}")
        page_docs = first if dskip == 0 else cached(R.org_documents, name, dskip, 200)
        ddf = table(page_docs["rows"],
                    ["number", "title", "date", "lead", "responsible", "assist", "total"],
                    {"number": "文号 number", "title": "标题 title"})
        st.caption(f"任务最多的 {first['total']} 份文件（共 {org['documents']} 份）"
                   "；全部任务可在「督查台账」按单位导出")
        st.dataframe(ddf, hide_index=True, width="stretch", height=min(520, 40 + 35 * len(ddf)))
        csv_download(ddf, f"{name}_documents.csv", key="org_dcsv")
with tab_partner:
    if tab_partner.open:
        pdf = pd.DataFrame(org["partners"], columns=["合作单位 partner", "共同任务 shared tasks"])
        if pdf.empty:
            st.info("没有与其他单位共同承担的任务 | No shared tasks.")
        else:
            st.dataframe(pdf, hide_index=True, width="stretch")
            csv_download(pdf, f"{name}_partners.csv", key="org_pcsv")
with tab_graph:
    if tab_graph.open:
        # Drawn only in the open tab: a graph laid out in a hidden tab has no frame to fit.
        limit = st.slider("最多任务数 Max tasks", 5, 100, 30, key="org_glimit")
        elements = graphview.elements_from_rows(cached(graph_reads.org_graph, name, limit))
        st.caption(
            f"{len(elements['nodes'])} 个节点，{len(elements['edges'])} 条关系。"
            "拖动、缩放；点击节点查看属性。"
        )
        graphview.render(elements, key="org_graph", height=520, expand=False)
