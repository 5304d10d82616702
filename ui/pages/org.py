"""单位 Organisation: find an organisation by any spelling; its tasks by role and
document with deadlines, its partners, its neighbourhood graph, CSV download."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from ui import data as D
from ui import graphview
from ui.components import ROLE_ZH, csv_download, header, show_task_detail, table

header(
    "单位 Organisation",
    "输入单位的任意写法（如 市工商局、工商局、郑州市工商局）| "
    "Any spelling resolves to the organisation",
)

q = st.text_input(
    "单位名称 Organisation", key="org_q", placeholder="例如 市工商局 / 市财政局 / 中原区"
).strip()
candidates = D.cached(D.fetch_org_candidates, q, 50)
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
org = by_name[name]
rows = D.cached(D.fetch_org_profile, name)

st.subheader(name)
st.caption(f"类型 kind：{org['kind']} · 写法 spellings：{'、'.join(org['aliases']) or '—'}")
roles = Counter(r["role"] for r in rows)
m = st.columns(4)
m[0].metric("任务 Tasks", len({r["task_id"] for r in rows}))
m[1].metric("牵头 Lead", roles.get("lead", 0))
m[2].metric("责任 Responsible", roles.get("responsible", 0))
m[3].metric("协办 Assist", roles.get("assist", 0))

df = table(
    [
        {
            **r,
            "role": ROLE_ZH.get(r["role"], r["role"]),
            "lines": f"{r['line_start']}–{r['line_end']}",
        }
        for r in rows
    ],
    ["role", "doc", "text", "deadlines", "partners", "mention", "lines", "task_id"],
)
df_show = df.rename(
    columns={
        "role": "角色 role",
        "doc": "文件 document",
        "text": "任务 task",
        "deadlines": "期限 deadlines",
        "partners": "合作单位 partners",
        "mention": "原文写法 mention",
        "lines": "行 lines",
        "task_id": "任务编号 id",
    }
)

WIDE = {"任务 task": st.column_config.TextColumn(width="large")}
tab_role, tab_doc, tab_partner, tab_graph = st.tabs(
    ["按角色 By role", "按文件 By document", "合作单位 Partners", "关系图 Graph"]
)
with tab_role:
    for role in ("lead", "responsible", "assist"):
        part = df_show[df["role"] == ROLE_ZH[role]]
        if len(part):
            st.markdown(f"**{ROLE_ZH[role]} {role}（{len(part)}）**")
            st.dataframe(part, hide_index=True, width="stretch", column_config=WIDE)
    csv_download(df, f"{name}_tasks.csv", key="org_csv")
with tab_doc:
    for doc, part in df_show.groupby("文件 document", sort=False):
        st.markdown(f"**{doc}**（{len(part)}）")
        st.dataframe(
            part.drop(columns=["文件 document"]),
            hide_index=True,
            width="stretch",
            column_config=WIDE,
        )
with tab_partner:
    partners = Counter(p for r in rows for p in r["partners"])
    pdf = pd.DataFrame(
        partners.most_common(), columns=["合作单位 partner", "共同任务 shared tasks"]
    )
    if pdf.empty:
        st.info("没有与其他单位共同承担的任务 | No shared tasks.")
    else:
        st.dataframe(pdf, hide_index=True, width="stretch")
        csv_download(pdf, f"{name}_partners.csv", key="org_pcsv")
with tab_graph:
    limit = st.slider("最多任务数 Max tasks", 5, 100, 30, key="org_glimit")
    elements = graphview.elements_from_rows(D.cached(D.fetch_org_neighbourhood, name, limit))
    st.caption(
        f"{len(elements['nodes'])} 个节点，{len(elements['edges'])} 条关系。"
        "拖动、缩放；点击节点查看属性。"
    )
    graphview.render(elements, key=f"org_graph_{name}_{limit}", height=480, expand=False)

st.subheader("任务原文 Task source")
if rows:
    task_ids = list(dict.fromkeys(r["task_id"] for r in rows))
    text_of = {
        r["task_id"]: f"[{ROLE_ZH.get(r['role'])}] {r['doc']} · {r['text'][:50]}" for r in rows
    }
    tid = st.selectbox(
        "选择任务查看原文 Pick a task", task_ids, format_func=text_of.get, key="org_task"
    )
    show_task_detail(tid)
else:
    st.info("该单位没有任务 | This organisation has no tasks.")
