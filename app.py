"""责任图谱 Zeren Graph — the Streamlit app: ``streamlit run app.py``.

Opens on the store named by ``NEO4J_URI`` (with ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` /
``NEO4J_DATABASE``), or on the built-in local server when it is unset; an empty store
gets the bundled corpus (``data/corpus``) on first start. Pages live in ``ui/pages/``.
"""

from __future__ import annotations

import streamlit as st

from errors import Errors, ZerenError
from ui.lifespan import lifespan, wait_for_warm_up
from ui.settings import settings

PAGES: list[tuple[str, str, str]] = [
    ("ui/pages/overview.py", "总览 Overview", "overview"),
    ("ui/pages/org.py", "单位 Organisation", "org"),
    ("ui/pages/tasks.py", "任务 Tasks", "tasks"),
    ("ui/pages/ledger.py", "督查台账 Ledger", "ledger"),
    ("ui/pages/deadlines.py", "期限 Deadlines", "deadlines"),
    ("ui/pages/audits.py", "审计 Audits", "audits"),
    ("ui/pages/graph.py", "图谱 Graph", "graph"),
    ("ui/pages/documents.py", "文档 Documents", "documents"),
    ("ui/pages/console.py", "Cypher 控制台 Console", "cypher"),
    ("ui/pages/importer.py", "导入 Import", "import"),
]
# Codes meaning "the server is gone or refused us": reconnect on the next run.
_CONNECTION_CODES = frozenset({"E201", "E202"})


@st.cache_resource(
    show_spinner="首次启动：正在准备图谱（空库时载入内置语料 data/corpus）… | Preparing the graph"
)
def _first_start(key: str) -> str:
    """Fill an empty store and compute missing figures, once per process and store."""
    from ui import connection

    report = connection.ensure_ready(connection.reader())
    if report is None:
        return ""
    return f"已载入内置语料：{len(report.created)} 份文件 | Loaded the bundled corpus"


def _store_ready() -> bool:
    """Connect (and prepare the store); show one clear message when that fails."""
    from neo4j.exceptions import DriverError, Neo4jError

    from ui import connection

    try:
        with st.spinner("正在连接图数据库… | Connecting to the graph database"):
            store = connection.reader()
        note = _first_start(settings().key)
    except ZerenError as exc:
        st.error(Errors.E401.format(reason=exc))
        return False
    except (Neo4jError, DriverError, OSError) as exc:
        connection.drop_connection()
        st.error(Errors.E401.format(reason=exc))
        return False
    where = "内置本地服务器 local server" if store.kind == "local" else "Neo4j"
    st.sidebar.caption(f"已连接 Connected：{where}\n\n`{store.uri}`")
    if note:
        st.toast(note)
    return True


def _to_overview() -> None:
    # The default page is served at "/"; /overview (its name) would otherwise show
    # Streamlit's English "Page not found".
    st.switch_page(PAGES[0][0])


def main() -> None:
    """Build the navigation, connect, run the chosen page."""
    # A page asked for while the server's start-up imports run waits for them instead of
    # importing the same packages beside them (ui/lifespan.py).
    wait_for_warm_up()
    st.set_page_config(page_title="责任图谱 Zeren Graph", page_icon="🕸️", layout="wide")
    pages = [
        st.Page(path, title=title, url_path="home" if i == 0 else url, default=(i == 0))
        for i, (path, title, url) in enumerate(PAGES)
    ]
    pages.append(st.Page(_to_overview, title=PAGES[0][1], url_path=PAGES[0][2],
                         visibility="hidden"))
    nav = st.navigation(pages)
    st.sidebar.markdown("### 责任图谱 Zeren Graph")
    st.sidebar.toggle(
        "显示电话号码 Show phone numbers",
        key="show_phones",
        help="原文中的电话号码默认遮盖 | Phone numbers in source passages are masked by default",
    )
    # The driver and the graph package (with pandas, numpy and pyarrow: half the modules
    # the app loads) are imported only after the sidebar is drawn: Streamlit scans every
    # loaded module once, at the first element it draws (its check for a REPL, through
    # inspect.stack()), and that scan took 40-130 ms after them, 40 ms before. (Served
    # by `streamlit run`, the start-up warm-up has done both already.)
    from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

    from ui import connection

    if not _store_ready():
        st.stop()
    try:
        nav.run()
    except ZerenError as exc:
        if exc.code in _CONNECTION_CODES:
            connection.drop_connection()
            st.error(Errors.E401.format(reason=exc))
        else:
            st.error(str(exc))
    except (ServiceUnavailable, SessionExpired) as exc:
        connection.drop_connection()
        st.error(Errors.E401.format(reason=exc))
    except (Neo4jError, DriverError) as exc:
        st.error(Errors.E404.format(reason=getattr(exc, "message", None) or exc))


if __name__ == "__main__":
    # Streamlit runs this file as ``__main__`` for every visitor's page (AppTest too).
    main()
else:
    # ``streamlit run app.py`` finds this ``st.App`` and imports the file as a module to
    # serve it: at start-up the server imports what the first page needs while the
    # browser loads Streamlit's frontend, and at shut-down it closes the app's readers
    # (ui/lifespan.py).
    app = st.App(__file__, lifespan=lifespan)
