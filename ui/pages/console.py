"""Cypher 控制台 Console: ad-hoc read-only queries with JSON parameters; results as a
table and a graph, phone numbers masked unless shown.

Every query goes through :func:`queries.console.run_console`: the allow-list guard
first, then the app's reader (:func:`ui.connection.reader`, ``access="read"``) — the
local server's read-only account, whose every write the server itself refuses (or
Neo4j's account from ``NEO4J_READ_USERNAME``) — with a server-side timeout and a row
limit. When the server went away (a restart), the page drops its connection and the
next run reconnects.
"""

from __future__ import annotations

import json

import streamlit as st

from errors import Errors, ZerenError
from queries.console import run_console
from ui import connection, graphview
from ui.components import csv_download, header, phones_visible, table
from ui.phones import mask_value

header(
    "Cypher 控制台 Console",
    "只读查询：只运行 MATCH … RETURN 一类的读取子句，服务器端的只读账户拒绝任何写入 | "
    "Read-only: only read clauses run, and the server's read-only account refuses any write",
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
    try:
        params = json.loads(params_text or "{}")
        if not isinstance(params, dict):
            raise ValueError(f"got {type(params).__name__}")
    except ValueError as exc:
        st.error(Errors.E327.format(reason=exc))
        st.stop()
    try:
        try:
            result = run_console(connection.reader(), cypher, params, limit=limit,
                                 timeout=timeout)
        except ZerenError as exc:
            if exc.code != "E201":
                raise
            # The server restarted (new port) or went away: reconnect once and retry.
            connection.drop_connection()
            result = run_console(connection.reader(), cypher, params, limit=limit,
                                 timeout=timeout)
    except ZerenError as exc:
        if exc.code == "E201":
            connection.drop_connection()
            st.error(Errors.E401.format(reason=exc))
        else:
            st.error(str(exc))
        st.stop()
    if not result.read_enforced:
        st.info(Errors.E332)
    rows, graph_rows, nodes = result.rows, result.graph_rows, result.nodes
    if not phones_visible():
        rows, graph_rows, nodes = mask_value(rows), mask_value(graph_rows), mask_value(nodes)
    note = f"（只显示前 {limit} 行 first {limit} rows shown）" if result.truncated else ""
    st.success(
        f"{len(rows)} 行 rows · {result.seconds * 1000:.0f} ms · "
        f"服务器限时 server limit {result.timeout:.0f} s {note}"
    )
    df = table(rows, result.columns)
    tab_table, tab_graph = st.tabs(["表格 Table", "图 Graph"])
    with tab_table:
        st.dataframe(df, hide_index=True, width="stretch")
        csv_download(df, "query.csv", key="cy_csv")
    with tab_graph:
        if graph_rows or nodes:
            elements = graphview.elements_from_rows(graph_rows, nodes)
            st.caption(f"{len(elements['nodes'])} 个节点，{len(elements['edges'])} 条关系")
            graphview.render(elements, key="cy_graph", height=480, expand=False)
        else:
            st.info("结果中没有节点或关系 | Return nodes or relationships to see a graph.")
