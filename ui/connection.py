"""The app's two connections: a reader for every page, a writer only for loading.

Pages and audits read through :func:`reader` (``open_store(access="read")``: the
read-only account when the server enforces one). Only the Import page and the first-start
load use :func:`writer`, opened for the one job and closed after it.
"""

from __future__ import annotations

import atexit
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from graph import LoadReport, Store, aggregates, open_store
from ui.settings import autoload_enabled, corpus_path, settings

__all__ = ["close_readers", "drop_connection", "ensure_ready", "reader", "writer"]

# Every reader this process opened, to close at exit (see close_readers).
_READERS: list[Store] = []


@st.cache_resource(show_spinner=False)
def _connect(uri: str | None, username: str | None, password: str | None, db: str | None) -> Store:
    # One reader per process and settings; a failure is not cached, so a refresh retries.
    store = open_store(
        uri, username=username, password=password, database=db, env_file=None, access="read"
    )
    _READERS.append(store)
    atexit.register(store.close)  # releases the local server when the app was its last user
    return store


def close_readers() -> None:
    """Close every reader this process opened, as its exit would (the local server is
    released, and stopped if the app started it and was its last client).

    The app server calls it when it shuts down (:mod:`ui.lifespan`): stopped by a signal,
    it ends by that signal, without running ``atexit``.
    """
    while _READERS:
        _READERS.pop().close()


def reader() -> Store:
    """The app's read connection, opened once per process.

    Returns
    -------
    Store

    Raises
    ------
    ZerenError
        E201/E202 (unreachable, login refused) or E203-E211 (local server start-up).
    """
    s = settings()
    return _connect(s.uri, s.username, s.password, s.database)


@contextmanager
def writer() -> Iterator[Store]:
    """A write connection for one load (closed afterwards).

    Yields
    ------
    Store
    """
    s = settings()
    store = open_store(
        s.uri,
        username=s.username,
        password=s.password,
        database=s.database,
        env_file=None,
        access="write",
    )
    try:
        yield store
    finally:
        store.close()


def drop_connection() -> None:
    """Forget the cached reader (after the server went away) so the next run reconnects."""
    _connect.clear()


def ensure_ready(store: Store) -> LoadReport | None:
    """First start: load the bundled corpus into an empty store, and compute the stored
    figures (:mod:`graph.aggregates`) for a graph loaded before they existed.

    Parameters
    ----------
    store:
        The reader (to look; writing goes through :func:`writer`).

    Returns
    -------
    LoadReport | None
        The corpus load's report, or ``None`` when nothing was loaded.
    """
    report = None
    empty = not store.read("MATCH (d:Document) RETURN d.id AS id LIMIT 1")
    if empty and autoload_enabled():
        from extract import extract_paths

        documents = extract_paths([corpus_path()]).documents
        with writer() as w:
            report = w.load_documents(documents)  # refreshes the figures itself
    elif not empty and aggregates.missing(store):
        with writer() as w:
            aggregates.refresh(w)
    return report
