"""图谱 Graph: the interactive graph (drag, zoom, click a node for its properties,
double-click or pick a node to expand its neighbours), with node-type and size limits."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.schema import LABELS
from ui import data as D
from ui import graphview
from ui.components import header

header(
    "图谱 Graph",
    "拖动、缩放；点击节点查看属性；双击节点（或在下方选择）展开邻居 | Drag, zoom, click, expand",
)

MODES = {
    "document": "从文件出发 A document",
    "org": "从单位出发 An organisation",
    "sample": "全图抽样 Whole graph (first N relationships)",
}
mode = st.radio(
    "出发点 Start from", list(MODES), format_func=MODES.get, horizontal=True, key="g_mode"
)
c1, c2, c3 = st.columns([2, 1, 2])
labels = c1.multiselect(
    "节点类型 Node types",
    list(LABELS),
    default=["Org", "Task", "Document"],
    format_func=graphview.LABEL_NAMES.get,
    key="g_labels",
)
limit = c2.slider(
    "规模上限 Size limit",
    10,
    500,
    40 if mode != "sample" else 150,
    step=10,
    key=f"g_limit_{mode}",
    help="文件/单位：最多任务数；全图：最多关系数 | tasks (document, organisation) or "
    "relationships (whole graph)",
)
centre = ""
if mode == "document":
    docs = [d for d in D.cached(D.fetch_documents) if d["tasks"]]
    by_id = {d["id"]: d for d in docs}
    busiest = max(docs, key=lambda d: d["tasks"])["id"] if docs else None
    centre = c3.selectbox(
        "文件 Document",
        list(by_id),
        index=list(by_id).index(busiest) if busiest else 0,
        format_func=lambda i: f"{by_id[i]['number']}（{by_id[i]['tasks']} 项任务）",
        key="g_doc",
    )
elif mode == "org":
    centre = c3.text_input(
        "单位 Organisation（任意写法 any spelling）", "市工商局", key="g_centre"
    ).strip()

view = (mode, tuple(labels), limit, centre)
if st.session_state.get("g_view") != view:
    st.session_state["g_view"] = view
    st.session_state["g_expanded"] = []
    st.session_state["g_selected"] = None
expanded: list[str] = st.session_state["g_expanded"]

if not labels:
    st.info("请至少选择一种节点类型 | Pick at least one node type.")
    st.stop()
if mode == "org":
    found = D.cached(D.fetch_org_candidates, centre, 1) if centre else []
    if not found:
        st.warning(f"没有找到单位「{centre}」| No organisation matches {centre!r}.")
        st.stop()
    st.caption(f"中心单位 Centre：{found[0]['name']}")
    rows = D.cached(D.fetch_org_neighbourhood, found[0]["name"], limit)
    rows = [r for r in rows if r["la"] in labels and r["lb"] in labels]
elif mode == "document" and centre:
    rows = D.cached(D.fetch_document_graph, centre, labels, limit)
else:
    rows = D.cached(D.fetch_graph, labels, limit)
elements = graphview.elements_from_rows(rows)
for nid in expanded:
    elements = graphview.merge_elements(
        elements, graphview.elements_from_rows(D.cached(D.fetch_expand, nid, 50))
    )
st.caption(
    f"{len(elements['nodes'])} 个节点 nodes，{len(elements['edges'])} 条关系 relationships"
    + (f"；已展开 expanded {len(expanded)}" if expanded else "")
)

event = graphview.render(elements, key="g_main", height=560, expand=True)
if event and event.get("timestamp") != st.session_state.get("g_event_ts"):
    st.session_state["g_event_ts"] = event.get("timestamp")
    data = event.get("data") or {}
    if event.get("action") == "expand":
        new = [n for n in data.get("node_ids", []) if n not in expanded]
        if new:
            expanded.extend(new)
            st.session_state["g_selected"] = new[-1]
            st.rerun()
    elif event.get("action") == "clicked":
        st.session_state["g_selected"] = data.get("target_id")

node_ids = [n["data"]["id"] for n in elements["nodes"]]
captions = {n["data"]["id"]: n["data"].get("caption", "") for n in elements["nodes"]}
left, right = st.columns([1, 1])
with left:
    pick = (
        st.selectbox(
            "选择节点 Pick a node",
            node_ids,
            index=node_ids.index(st.session_state["g_selected"])
            if st.session_state.get("g_selected") in node_ids
            else 0,
            format_func=lambda n: f"{n.split(':', 1)[0]} · {captions.get(n, n)}",
            key="g_pick",
        )
        if node_ids
        else None
    )
    if pick and st.button("展开邻居 Expand neighbours", key="g_expand_btn"):
        if pick not in expanded:
            expanded.append(pick)
        st.session_state["g_selected"] = pick
        st.rerun()
    if expanded and st.button("重置 Reset", key="g_reset"):
        st.session_state["g_expanded"] = []
        st.rerun()
with right:
    selected = st.session_state.get("g_selected") or pick
    node = next((n for n in elements["nodes"] if n["data"]["id"] == selected), None)
    if node:
        st.markdown(f"**节点属性 Properties of** `{selected}`")
        props = {k: v for k, v in node["data"].items() if k not in ("id", "caption")}
        st.dataframe(
            pd.DataFrame(
                {"属性 property": list(props), "值 value": [str(v) for v in props.values()]}
            ),
            hide_index=True,
            width="stretch",
        )
