"""图谱 Graph: the interactive graph (drag, zoom, click a node for its properties,
double-click it or press "展开邻居" to add its neighbours). Start from a document, an
organisation, or the whole graph's most-connected organisations and their shared tasks.
Every new element set is laid out afresh and fitted to the frame."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.schema import LABELS
from ui import graphview
from ui.cache import cached
from ui.components import doc_picker, header
from ui.reads import documents as doc_reads
from ui.reads import graph as R
from ui.reads import orgs as org_reads

header(
    "图谱 Graph",
    "拖动、缩放；点击节点查看属性；双击节点或点“展开邻居”添加它的邻居 | Drag, zoom, click, expand",
)

MODES = {
    "document": "从文件出发 A document",
    "org": "从单位出发 An organisation",
    "top": "全图：联系最多的单位 Whole graph: most-connected organisations",
}
mode = st.radio(
    "出发点 Start from", list(MODES), format_func=MODES.get, horizontal=True, key="g_mode"
)
c1, c2, c3 = st.columns([2, 1, 2])
labels = ["Org"]
centre = ""
if mode == "top":
    limit = c2.slider("单位数 Organisations", 5, 60, 20, step=5, key="g_limit_top")
    with_collective = c1.checkbox("包括集合性主体 Include collectives", key="g_collective",
                                  help="“各县（市、区）政府”“有关部门”等与几乎所有单位都有共同任务")
else:
    labels = c1.multiselect(
        "节点类型 Node types",
        list(LABELS),
        default=["Org", "Task", "Document"],
        format_func=graphview.LABEL_NAMES.get,
        key="g_labels",
    )
    limit = c2.slider("最多任务数 Max tasks", 10, 200, 40, step=10, key=f"g_limit_{mode}")
    if mode == "document":
        with c3:
            centre = doc_picker("文件 Document", "g_doc", allow_all=False) or ""
        if not centre:
            busiest = cached(doc_reads.busiest_documents, 1)
            centre = busiest[0] if busiest else ""
    else:
        centre = c3.text_input(
            "单位 Organisation（任意写法 any spelling）", "市工商局", key="g_centre"
        ).strip()

view = (mode, tuple(labels), limit, centre, mode == "top" and with_collective)
if st.session_state.get("g_view") != view:
    st.session_state["g_view"] = view
    st.session_state["g_expanded"] = []
    st.session_state.pop("g_pick", None)
expanded: list[str] = st.session_state["g_expanded"]

if not labels:
    st.info("请至少选择一种节点类型 | Pick at least one node type.")
    st.stop()
if mode == "org":
    found = cached(org_reads.org_candidates, centre, 1) if centre else []
    if not found:
        st.warning(f"没有找到单位「{centre}」| No organisation matches {centre!r}.")
        st.stop()
    st.caption(f"中心单位 Centre：{found[0]['name']}")
    rows = [r for r in cached(R.org_graph, found[0]["name"], limit)
            if r.source_label in labels and r.target_label in labels]
elif mode == "document":
    rows = cached(R.document_graph, centre, labels, limit) if centre else []
else:
    rows = cached(R.top_orgs_graph, limit, with_collective)
    st.caption("线上的数字为两单位共同承担的任务数；双击单位展开它的任务。")
elements = graphview.elements_from_rows(rows)
for nid in expanded:
    elements = graphview.merge_elements(
        elements, graphview.elements_from_rows(cached(R.expand, nid, 50))
    )
st.caption(
    f"{len(elements['nodes'])} 个节点 nodes，{len(elements['edges'])} 条关系 relationships"
    + (f"；已展开 expanded {len(expanded)}" if expanded else "")
)

node_ids = [n["data"]["id"] for n in elements["nodes"]]
event = graphview.render(elements, key="g_main", height=600, expand=True)
if event and event.get("timestamp") != st.session_state.get("g_event_ts"):
    st.session_state["g_event_ts"] = event.get("timestamp")
    data = event.get("data") or {}
    if event.get("action") == "expand":
        new = [n for n in data.get("node_ids", []) if n not in expanded]
        if new:
            expanded.extend(new)
            st.session_state["g_pick"] = new[-1]
            st.rerun()
    elif event.get("action") == "clicked" and data.get("target_id") in node_ids:
        # The node just clicked becomes the one the buttons below act on.
        st.session_state["g_pick"] = data["target_id"]

captions = {n["data"]["id"]: n["data"].get("caption", "") for n in elements["nodes"]}
if st.session_state.get("g_pick") not in node_ids:
    st.session_state.pop("g_pick", None)
left, right = st.columns([1, 1])
with left:
    pick = (
        st.selectbox(
            "选中的节点 Selected node（在图中点击即可选中 click a node）",
            node_ids,
            format_func=lambda n: f"{graphview.LABEL_NAMES.get(n.split(':', 1)[0], '')} · "
            f"{captions.get(n, n)}",
            key="g_pick",
        )
        if node_ids
        else None
    )
    b1, b2 = st.columns(2)
    if pick and b1.button("展开邻居 Expand neighbours", key="g_expand_btn"):
        if pick not in expanded:
            expanded.append(pick)
        st.rerun()
    if expanded and b2.button("重置 Reset", key="g_reset"):
        st.session_state["g_expanded"] = []
        st.rerun()
with right:
    node = next((n for n in elements["nodes"] if n["data"]["id"] == pick), None)
    if node:
        st.markdown(f"**节点属性 Properties：{captions.get(pick, pick)}**")
        props = {k: v for k, v in node["data"].items() if k not in ("id", "caption", "label")}
        st.dataframe(
            pd.DataFrame({"属性 property": list(props),
                          "值 value": [str(v) for v in props.values()]}),
            hide_index=True,
            width="stretch",
        )
