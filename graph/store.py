"""Open the graph store: a Neo4j server from NEO4J_URI, or the zero-setup local server.

Settings come from (first wins): arguments, environment variables, a ``.env`` file
(python-dotenv; never overrides the environment)::

    NEO4J_URI        bolt://host:7687 or neo4j://… — when unset, the local server is used
    NEO4J_USERNAME   default "neo4j"
    NEO4J_PASSWORD
    NEO4J_DATABASE   default: the server's default database
    NEO4J_READ_USERNAME, NEO4J_READ_PASSWORD
                     a read-only account (Neo4j's built-in ``reader`` role) for every
                     read path; without it reads use the writer's account in READ
                     sessions with a server-side transaction timeout
    ZEREN_DATA_DIR   the local server's data folder (default ~/.local/share/zeren-graph)
    ZEREN_SERVER_HEAP, ZEREN_SERVER_TIMEOUT   local server heap (512m) and start timeout (60 s)

Least privilege: ``access="write"`` is for load and import only; every read path opens the
store with ``access="read"``, which on the local server logs in as its read-only user
(refused every write by the server itself) and on Neo4j as the read account when one is
configured. ``Store.read_enforced`` says whether the server enforces it.

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
from graph.neo4j_store import PING, LoadReport, Store, _reason

__all__ = ["ACCESS_MODES", "LoadReport", "Store", "connect", "open_store"]

ACCESS_MODES = ("write", "read")
_READ_RETRY = 5.0
# Neo4j's code for a login refused after too many attempts (ArcadeDB has none: it
# answers Unauthorized, and the local server tells the cases apart by the password file).
_RATE_LIMITED = "Neo.ClientError.Security.AuthenticationRateLimit"


def connect(
    uri: str,
    *,
    username: str,
    password: str | None,
    database: str | None = None,
    kind: str = "neo4j",
    on_close: Callable[[], None] | None = None,
    access: str = "write",
    read_enforced: bool | None = None,
    query_timeout: float | None = None,
    data_dir: Path | None = None,
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
        ``"write"`` or ``"read"``; a read store refuses to write before sending anything.
    read_enforced:
        Whether the account is read-only on the server (default: ``access == "read"``
        and ``kind == "local"``).
    query_timeout:
        The server's own limit on one statement in seconds, when known (local server).
    data_dir:
        The local server's data folder (to explain a refused login).

    Returns
    -------
    Store

    Raises
    ------
    ZerenError
        E201 (unreachable or bad URI), E202 (login refused), E215/E216 (local server:
        password file wrong, user locked out), E224 (Neo4j: too many failed logins).
    """
    if access not in ACCESS_MODES:
        raise ValueError(f"access must be one of {ACCESS_MODES}, not {access!r}")
    auth = (username, password) if password is not None else None
    try:
        driver = neo4j.GraphDatabase.driver(
            uri,
            auth=auth,
            connection_timeout=10.0,
            # A managed transaction retries an unreachable server for this long: reads
            # (the app) should say "unreachable" soon; writes ride out conflicts.
            max_transaction_retry_time=_READ_RETRY if access == "read" else 30.0,
        )
    except (ConfigurationError, ValueError) as exc:
        raise ZerenError(Errors.E201.format(uri=uri, reason=_reason(exc))) from None
    try:
        # An auto-commit query: execute_query would retry an unreachable server for 30 s.
        with driver.session(database=database) as session:
            session.run(PING).consume()
    except AuthError as exc:
        driver.close()
        if kind == "local" and data_dir is not None and password is not None:
            raise local_server.login_refused(data_dir, username, password) from None
        if getattr(exc, "code", None) == _RATE_LIMITED:
            raise ZerenError(Errors.E224.format(uri=uri, user=username,
                                                settings=_settings_names(access))) from None
        raise ZerenError(Errors.E202.format(uri=uri, user=username)) from None
    except (DriverError, Neo4jError, OSError) as exc:
        driver.close()
        raise ZerenError(Errors.E201.format(uri=uri, reason=_reason(exc))) from None
    if read_enforced is None:
        read_enforced = access == "read" and kind == "local"
    return Store(driver, database=database, uri=uri, kind=kind, on_close=on_close,
                 access=access, read_enforced=read_enforced, query_timeout=query_timeout)


def _settings_names(access: str) -> str:
    if access == "read" and os.environ.get("NEO4J_READ_USERNAME"):
        return "NEO4J_READ_USERNAME and NEO4J_READ_PASSWORD"
    return "NEO4J_USERNAME and NEO4J_PASSWORD"


def _read_account() -> tuple[str, str] | None:
    """NEO4J_READ_USERNAME / NEO4J_READ_PASSWORD, both or neither (E222)."""
    user = os.environ.get("NEO4J_READ_USERNAME") or None
    pw = os.environ.get("NEO4J_READ_PASSWORD") or None
    if user and pw is None:
        raise ZerenError(Errors.E222.format(what="NEO4J_READ_USERNAME",
                                            missing="NEO4J_READ_PASSWORD"))
    if pw is not None and not user:
        raise ZerenError(Errors.E222.format(what="NEO4J_READ_PASSWORD",
                                            missing="NEO4J_READ_USERNAME"))
    return (user, pw) if user and pw else None


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
        the console): the local server's read-only user, or on Neo4j the account in
        ``NEO4J_READ_USERNAME`` / ``NEO4J_READ_PASSWORD`` (unless ``username`` is given),
        else the writer's account in READ sessions (``Store.read_enforced`` is False).

    Returns
    -------
    Store

    Raises
    ------
    ZerenError
        When the server cannot be reached or started (E201–E207), a password file is
        missing, damaged or wrong (E213–E216), or the read account is half set (E222).
    """
    if env_file is not None and Path(env_file).is_file():
        load_dotenv(env_file, override=False)
    if access not in ACCESS_MODES:
        raise ValueError(f"access must be one of {ACCESS_MODES}, not {access!r}")
    uri = uri or os.environ.get("NEO4J_URI") or None
    if uri:
        database = database or os.environ.get("NEO4J_DATABASE") or None
        reader = _read_account() if access == "read" and username is None else None
        if reader is not None:
            return connect(uri, username=reader[0], password=reader[1], database=database,
                           kind="neo4j", access="read", read_enforced=True)
        return connect(
            uri,
            username=username or os.environ.get("NEO4J_USERNAME") or "neo4j",
            password=password if password is not None else os.environ.get("NEO4J_PASSWORD"),
            database=database,
            kind="neo4j",
            access=access,
            read_enforced=False,
        )
    handle = local_server.acquire(Path(data_dir) if data_dir else None, heap=heap)
    if access == "read":
        user, pw = local_server.READER, handle.reader_password
    else:
        user, pw = local_server.USERNAME, handle.password
    try:
        return connect(
            handle.info.uri,
            username=user,
            password=pw,
            database=handle.info.database,
            kind="local",
            on_close=handle.release,
            access=access,
            query_timeout=handle.info.query_timeout,
            data_dir=Path(handle.info.data_dir),
        )
    except BaseException:
        handle.release()
        raise
