"""Open the graph store: a Neo4j server from NEO4J_URI, or the zero-setup local server.

Settings come from (first wins): arguments, environment variables, a ``.env`` file
(python-dotenv; never overrides the environment)::

    NEO4J_URI        bolt://host:7687 or neo4j://… — when unset, the local server is used
    NEO4J_USERNAME   default "neo4j"
    NEO4J_PASSWORD
    NEO4J_DATABASE   default: the server's default database
    ZEREN_DATA_DIR   the local server's data folder (default ~/.local/share/zeren-graph)
    ZEREN_SERVER_HEAP, ZEREN_SERVER_TIMEOUT   local server heap (512m) and start timeout (60 s)

Example::

    from graph.store import open_store
    with open_store() as store:
        rows = store.read("MATCH (o:Org) RETURN o.name AS name LIMIT $n", {"n": 5})
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import neo4j
from dotenv import load_dotenv
from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError

from errors import Errors, ZerenError
from graph import local_server
from graph.neo4j_store import LoadReport, Store, _reason

__all__ = ["LoadReport", "Store", "connect", "open_store"]


def connect(
    uri: str,
    *,
    username: str,
    password: str | None,
    database: str | None = None,
    kind: str = "neo4j",
    on_close: Callable[[], None] | None = None,
    access: str = "write",
) -> Store:
    """Connect to a Bolt server and check that it answers a query.

    Parameters
    ----------
    uri:
        Bolt URI.
    username, password:
        Credentials (``password=None`` connects without authentication).
    database:
        Database for every session (``None`` = the server's default).
    kind:
        ``"neo4j"`` or ``"local"``; recorded on the store.
    on_close:
        Called once when the store is closed (the local server's release).
    access:
        ``"write"`` or ``"read"``; recorded on the store.

    Returns
    -------
    Store

    Raises
    ------
    ZerenError
        E201 (unreachable or bad URI) or E202 (login refused), naming the URI.
    """
    auth = (username, password) if password is not None else None
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=10.0)
    except (ConfigurationError, ValueError) as exc:
        raise ZerenError(Errors.E201.format(uri=uri, reason=_reason(exc))) from None
    try:
        # An auto-commit query: execute_query would retry an unreachable server for 30 s.
        with driver.session(database=database) as session:
            session.run("RETURN 1 AS ok").consume()
    except AuthError:
        driver.close()
        raise ZerenError(Errors.E202.format(uri=uri, user=username)) from None
    except (DriverError, Neo4jError, OSError) as exc:
        driver.close()
        raise ZerenError(Errors.E201.format(uri=uri, reason=_reason(exc))) from None
    return Store(driver, database=database, uri=uri, kind=kind, on_close=on_close,
                 access=access)


def open_store(
    uri: str | None = None,
    *,
    username: str | None = None,
    password: str | None = None,
    database: str | None = None,
    data_dir: str | Path | None = None,
    heap: str | None = None,
    env_file: str | Path | None = ".env",
    access: str = "write",
) -> Store:
    """Open the configured store (use it as a context manager).

    Parameters
    ----------
    uri:
        Bolt URI; default ``$NEO4J_URI``. When neither is set the local server in
        ``data_dir`` is reused or started.
    username, password, database:
        Default ``$NEO4J_USERNAME`` (``neo4j``), ``$NEO4J_PASSWORD``, ``$NEO4J_DATABASE``.
        Ignored for the local server.
    data_dir:
        Local server data folder (default ``$ZEREN_DATA_DIR`` or
        ``~/.local/share/zeren-graph``).
    heap:
        Local server JVM heap (default ``$ZEREN_SERVER_HEAP`` or ``512m``).
    env_file:
        A ``.env`` file to read first if it exists (``None`` to skip).
    access:
        ``"write"`` for load and import; ``"read"`` for every read path (pages, audits,
        the console), which connects with the read-only account the server enforces.

    Returns
    -------
    Store

    Raises
    ------
    ZerenError
        When the server cannot be reached or started (E201–E207).
    """
    if env_file is not None and Path(env_file).is_file():
        load_dotenv(env_file, override=False)
    uri = uri or os.environ.get("NEO4J_URI") or None
    if uri:
        return connect(
            uri,
            username=username or os.environ.get("NEO4J_USERNAME") or "neo4j",
            password=password if password is not None else os.environ.get("NEO4J_PASSWORD"),
            database=database or os.environ.get("NEO4J_DATABASE") or None,
            kind="neo4j",
            access=access,
        )
    handle = local_server.acquire(Path(data_dir) if data_dir else None, heap=heap)
    try:
        return connect(
            handle.info.uri,
            username=local_server.USERNAME,
            password=handle.password,
            database=handle.info.database,
            kind="local",
            on_close=handle.release,
            access=access,
        )
    except BaseException:
        handle.release()
        raise
