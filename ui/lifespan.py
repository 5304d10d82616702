"""The app server's start-up and shut-down (``streamlit run app.py`` serves ``app.py``'s
:class:`streamlit.App` with :func:`lifespan`).

**Start-up.** The first page (the overview) needs the Neo4j driver, which imports pandas,
numpy and pyarrow, the graph package and the page's own modules: 0.6-1 s of CPU on the
2-core machine, which used to start only once the browser had loaded Streamlit's frontend
and asked for the page. :func:`warm_up` imports them in a background thread as soon as
the server listens, so that work overlaps the frontend's loading; a page asked for before
it is done waits for it (:func:`wait_for_warm_up`) rather than import the same packages
beside it, since two threads importing one package's circular imports can see each
other's half-initialised modules. Only imports: nothing is connected, read or written,
so the app behaves the same whether the warm-up has run or not (AppTest runs none).

**Shut-down.** Stopped by a signal, an ``st.App`` server shuts down gracefully (this
lifespan's exit included) and then lets the signal end the process, so ``atexit`` does
not run: the readers the app opened are closed here instead, which releases the local
graph server (stopped when the app had started it and was its last client).
"""

from __future__ import annotations

import importlib
import inspect
import logging
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

__all__ = ["FIRST_PAGE_MODULES", "lifespan", "wait_for_warm_up", "warm_up"]

# What app.py and the overview import, heaviest first.
FIRST_PAGE_MODULES: tuple[str, ...] = (
    "neo4j",  # with pandas, numpy, pyarrow
    "pandas",
    "ui.connection",  # the graph package and the store
    "ui.components",
    "ui.reads.overview",
    "ui.charts",
    "queries.labels",
    # st.set_page_config checks the page icon against Streamlit's emoji table (0.1 s).
    "streamlit.emojis",
)
_LOG = logging.getLogger(__name__)
_WARMING = threading.Event()  # set while a warm-up runs
_WARM = threading.Event()  # set when it has finished
# A page waits no longer than this for the warm-up (it then imports what it needs itself).
WAIT_LIMIT = 60.0
SWITCH_INTERVAL = 0.0005  # seconds; Python's default is 0.005


def warm_up() -> None:
    """Import :data:`FIRST_PAGE_MODULES`; a module that fails is left to the page that
    needs it (which then reports the error as it always did)."""
    _WARMING.set()
    # The server's event loop (sending the frontend's files, answering the browser) waits
    # for the interpreter lock at every step while this thread imports: hand it over
    # every 0.5 ms instead of every 5 ms, so the browser's loading is not held back.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    try:
        for name in FIRST_PAGE_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # the page importing it raises it again and shows it
                _LOG.debug("warm-up could not import %s", name, exc_info=True)
        # Streamlit's first element runs inspect.stack() (its REPL check), which maps
        # every loaded module to its file once (40-130 ms): done here, not on the page.
        inspect.stack()  # with source lines: that is what maps the modules (getmodule)
    finally:
        sys.setswitchinterval(interval)
        _WARM.set()


def wait_for_warm_up() -> None:
    """Return once a running warm-up has finished (at once when none was started)."""
    if _WARMING.is_set() and not _WARM.wait(WAIT_LIMIT):
        _LOG.warning("the start-up imports took over %.0f s; the page goes on", WAIT_LIMIT)


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Start :func:`warm_up` in a daemon thread and serve at once (the server does not
    wait for it); on shut-down, close the app's readers."""
    _WARMING.set()  # before the first page can ask (the thread may start a moment later)
    threading.Thread(target=warm_up, name="zeren-warm-up", daemon=True).start()
    try:
        yield
    finally:
        from ui import connection

        connection.close_readers()
