"""The read-only Cypher console: guard -> read store -> server-side limits -> typed result.

:func:`run_console` is the one path the app's console takes:

1. :func:`queries.cypher_guard.check_read_only` — the allow-list of read clauses; a
   refused query never reaches the server;
2. the store must have been opened with ``access="read"``: on the local server that is
   the read-only account the *server* enforces (refused CREATE, SET, DELETE, LOAD CSV,
   ALTER USER, … with ``Neo.ClientError.Security.Forbidden``); on Neo4j the account in
   ``NEO4J_READ_USERNAME`` (or, without one, the writer's account in a READ session,
   which the result says: ``read_enforced`` False);
3. a READ transaction with a server-side timeout (Neo4j: the transaction timeout; the
   local server: its statement timeout, ``Store.query_timeout``) and a row limit the
   server applies (``LIMIT limit + 1`` added to each top-level RETURN that has none:
   :func:`queries.cypher_guard.row_limited`);
4. the transaction is rolled back, never committed: whatever the server let a query do
   inside it is discarded;
5. a :class:`ConsoleResult` of plain values, with the nodes and relationships collected
   for the graph view.

:func:`execute_read` is steps 2–5 alone, so the tests can show each layer on its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j.exceptions import (
    ClientError,
    DriverError,
    Forbidden,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from errors import Errors, ZerenError
from graph.neo4j_store import Store
from queries.cypher_guard import check_read_only, row_limited

__all__ = ["ConsoleResult", "execute_read", "run_console"]

DEFAULT_LIMIT = 1000
DEFAULT_TIMEOUT = 10.0
_TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.Terminated",
    "Neo.ClientError.Transaction.Terminated",
)
_FORBIDDEN_CODES = (
    "Neo.ClientError.Security.Forbidden",
    "Neo.ClientError.Security.AuthorizationExpired",
)
_MEMORY_CODES = ("Neo.TransientError.General.MemoryPoolOutOfMemoryError",)


@dataclass(frozen=True)
class ConsoleResult:
    """What a console query returned.

    Attributes
    ----------
    columns:
        Result keys, in the query's order.
    rows:
        Values as plain Python (nodes become ``{"_label", …props}``, relationships
        ``{"_type", …props}``, paths a ``"A → B"`` caption, temporal values ISO text).
    graph_rows:
        One ``{"la", "pa", "t", "pr", "lb", "pb"}`` row per relationship in the result
        (start label/props, type, props, end label/props).
    nodes:
        ``(label, props)`` of every node in the result.
    truncated:
        True when the query had more than ``limit`` rows (only ``limit`` are kept).
    seconds:
        Wall time.
    timeout:
        The time limit the server applied, in seconds.
    read_enforced:
        True when the account is read-only on the server itself.
    """

    columns: list[str]
    rows: list[dict[str, Any]]
    graph_rows: list[dict[str, Any]]
    nodes: list[tuple[str, dict[str, Any]]]
    truncated: bool
    seconds: float
    timeout: float
    read_enforced: bool


def _node_label(node: neo4j.graph.Node) -> str:
    return next(iter(node.labels), "Node")


def _plain(value: Any, rels: list[Any], nodes: list[Any]) -> Any:
    """A driver value as a plain value; graph values are collected into rels/nodes."""
    if isinstance(value, neo4j.graph.Node):
        nodes.append(value)
        return {"_label": _node_label(value), **dict(value)}
    if isinstance(value, neo4j.graph.Relationship):
        rels.append(value)
        return {"_type": value.type, **dict(value)}
    if isinstance(value, neo4j.graph.Path):
        rels.extend(value.relationships)
        nodes.extend(value.nodes)
        return " → ".join(_node_label(n) for n in value.nodes)
    if isinstance(value, list):
        return [_plain(v, rels, nodes) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, rels, nodes) for k, v in value.items()}
    iso = getattr(value, "iso_format", None)
    return iso() if callable(iso) else value


def _graph_rows(rels: list[Any], nodes: list[Any]) -> list[dict[str, Any]]:
    by_id = {n.element_id: n for n in nodes}

    def props(node: Any) -> dict[str, Any]:
        full = by_id.get(node.element_id, node)
        return {**dict(full), "_eid": node.element_id}

    out = []
    seen: set[str] = set()
    for rel in rels:
        if rel.element_id in seen or rel.start_node is None or rel.end_node is None:
            continue
        seen.add(rel.element_id)
        out.append(
            {
                "la": _node_label(by_id.get(rel.start_node.element_id, rel.start_node)),
                "pa": props(rel.start_node),
                "t": rel.type,
                "pr": dict(rel),
                "lb": _node_label(by_id.get(rel.end_node.element_id, rel.end_node)),
                "pb": props(rel.end_node),
            }
        )
    return out


def _effective_timeout(store: Store, timeout: float) -> float:
    # The local server takes no per-query timeout over Bolt: its own statement timeout
    # stops every query, so that is the limit that holds (and the one reported).
    return store.query_timeout or timeout


def _server_error(exc: Neo4jError, timeout: float, store: Store) -> ZerenError:
    code = exc.code or ""
    reason = " ".join(str(getattr(exc, "message", None) or exc).split())[:300]
    if isinstance(exc, Forbidden) or code in _FORBIDDEN_CODES:
        return ZerenError(Errors.E328.format(reason=reason))
    if code in _TIMEOUT_CODES:
        return ZerenError(Errors.E329.format(seconds=timeout))
    if code in _MEMORY_CODES:
        return ZerenError(Errors.E333.format(reason=reason))
    return ZerenError(Errors.E330.format(reason=reason))


def execute_read(
    store: Store,
    cypher: str,
    params: dict[str, Any] | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
) -> ConsoleResult:
    """Run ``cypher`` on a read store, unchecked by the guard (use :func:`run_console`).

    Parameters
    ----------
    store:
        A store opened with ``access="read"``.
    cypher:
        The query.
    params:
        ``$parameter`` values.
    limit:
        Keep at most this many rows.
    timeout:
        Seconds before the server stops the query (Neo4j: the transaction timeout; the
        local server applies its own statement timeout, ``store.query_timeout``).

    Returns
    -------
    ConsoleResult

    Raises
    ------
    ZerenError
        E331 (not a read store), E328 (the server refused: forbidden), E329 (timeout),
        E333 (memory), E330 (any other server error), E201 (the server is gone: the
        caller should reconnect).
    """
    if store.access != "read":
        raise ZerenError(Errors.E331.format(access=store.access))
    limit = max(1, int(limit))
    seconds = _effective_timeout(store, float(timeout))

    t0 = time.perf_counter()
    try:
        # fetch_size: the server streams no more than the rows that are kept, plus one
        # to know there are more. An explicit transaction: a managed one would retry a
        # server that went away for seconds before saying so.
        with store.driver.session(
            database=store.database,
            default_access_mode=neo4j.READ_ACCESS,
            fetch_size=limit + 1,
        ) as session, session.begin_transaction(timeout=seconds) as tx:
            result = tx.run(cypher, params or {})
            records: list[Any] = []
            truncated = False
            for record in result:
                if len(records) >= limit:
                    truncated = True
                    break
                records.append(record)
            keys = list(result.keys())
            tx.rollback()  # it read; nothing to commit
            rels: list[Any] = []
            nodes: list[Any] = []
            rows = [{k: _plain(rec[k], rels, nodes) for k in keys} for rec in records]
    except (ServiceUnavailable, SessionExpired) as exc:
        raise ZerenError(Errors.E201.format(uri=store.uri, reason=str(exc)[:300])) from None
    except (ClientError, Neo4jError) as exc:
        raise _server_error(exc, seconds, store) from None
    except DriverError as exc:
        raise ZerenError(Errors.E330.format(reason=str(exc)[:300])) from None
    return ConsoleResult(
        columns=keys,
        rows=rows,
        graph_rows=_graph_rows(rels, nodes),
        nodes=[(_node_label(n), {**dict(n), "_eid": n.element_id}) for n in nodes],
        truncated=truncated,
        seconds=time.perf_counter() - t0,
        timeout=seconds,
        read_enforced=store.read_enforced,
    )


def run_console(
    store: Store,
    cypher: str,
    params: dict[str, Any] | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
) -> ConsoleResult:
    """Check ``cypher`` with the read-only guard, then run it on a read store.

    Parameters
    ----------
    store:
        A store opened with ``access="read"`` (``open_store(access="read")``).
    cypher:
        The query as the user typed it.
    params:
        ``$parameter`` values (a JSON object from the page).
    limit, timeout:
        See :func:`execute_read`.

    Returns
    -------
    ConsoleResult

    Raises
    ------
    ZerenError
        E320–E326 (refused by the guard, nothing sent), E327 (params not an object),
        and the errors of :func:`execute_read`.
    """
    check_read_only(cypher)
    if params is not None and not isinstance(params, dict):
        raise ZerenError(Errors.E327.format(reason=f"got {type(params).__name__}"))
    # One row more than kept: it says whether there were more.
    limited = row_limited(cypher, max(1, int(limit)) + 1)
    return execute_read(store, limited, params, limit=limit, timeout=timeout)
