"""Cypher 控制台 Console: ad-hoc read-only queries with JSON parameters; results as a
table and a graph. Write clauses, LOAD CSV and CALL are refused before they reach the
server; what passes runs in a READ session with a timeout and a row limit."""

from __future__ import annotations

import json

import streamlit as st

from errors import Errors, ZerenError
from ui import data as D
from ui import graphview
from ui.components import csv_download, header, table
from ui.cypher_guard import forbidden_clauses

header(
    "Cypher 控制台 Console",
    "只读查询：写入、LOAD CSV 和过程调用（CALL）会被拒绝 | "
    "Read-only: writes, LOAD CSV and CALL are refused",
)

EXAMPLE = (
    "MATCH (o:Org)-[r:LEADS]->(t:Task)<-[:HAS_TASK]-(d:Document)\n"
    "WHERE o.name = $name OR $name IN o.aliases\n"
    "RETURN o, r, t, d.number AS doc\nLIMIT 25"
)
cypher = st.text_area("Cypher", EXAMPLE, height=150, key="cy_query")
c1, c2, c3 = st.columns([3, 1, 1])
params_text = c1.text_input("参数 Parameters (JSON)", '{"name": "市工商局"}', key="cy_params")
limit = int(c2.number_input("行数上限 Row limit", 1, 10000, 1000, key="cy_limit"))
timeout = float(c3.number_input("超时（秒）Timeout s", 1, 120, 10, key="cy_timeout"))
run = st.button("运行 Run", type="primary", key="cy_run")

if run or st.session_state.get("cy_last") == (cypher, params_text, limit, timeout):
    st.session_state["cy_last"] = (cypher, params_text, limit, timeout)
    if not cypher.strip():
        st.error(Errors.E410)
        st.stop()
    bad = forbidden_clauses(cypher)
    if bad:
        st.error(Errors.E402.format(clauses="、".join(bad)))
        st.stop()
    try:
        params = json.loads(params_text or "{}")
        if not isinstance(params, dict):
            raise ValueError("not an object")
    except ValueError as exc:
        st.error(Errors.E403.format(reason=exc))
        st.stop()
    try:
        result = D.run_console(D.get_store(), cypher, params, limit=limit, timeout=timeout)
    except ZerenError as exc:
        st.error(str(exc))
        st.stop()
    note = f"（只显示前 {limit} 行 first {limit} rows shown）" if result.truncated else ""
    st.success(f"{len(result.rows)} 行 rows · {result.seconds * 1000:.0f} ms {note}")
    df = table(result.rows, result.columns)
    tab_table, tab_graph = st.tabs(["表格 Table", "图 Graph"])
    with tab_table:
        st.dataframe(df, hide_index=True, width="stretch")
        csv_download(df, "query.csv", key="cy_csv")
    with tab_graph:
        if result.graph_rows or result.nodes:
            elements = graphview.elements_from_rows(result.graph_rows, result.nodes)
            st.caption(f"{len(elements['nodes'])} 个节点，{len(elements['edges'])} 条关系")
            graphview.render(elements, key="cy_graph", height=480, expand=False)
        else:
            st.info("结果中没有节点或关系 | Return nodes or relationships to see a graph.")
