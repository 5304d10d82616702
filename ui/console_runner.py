"""The Cypher console's runner: one query in a READ session with a timeout and a row
limit, its values made plain and its relationships collected as edge rows.

Kept apart and unchanged from the old ``ui.data``: the security work replaces it with
``queries/console.py`` at merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, DriverError, Neo4jError, ServiceUnavailable

from errors import Errors, ZerenError
from graph import Store

__all__ = ["ConsoleResult", "run_console"]

@dataclass
class ConsoleResult:
    """What a console query returned.

    Attributes
    ----------
    columns:
        Result keys.
    rows:
        Values as plain Python (nodes become ``{"_label", …props}``).
    graph_rows:
        Edge rows (``la, pa, t, pr, lb, pb``) for every relationship in the result,
        plus ``nodes`` (label, props) for nodes without one.
    truncated:
        True when the query returned more than the row limit.
    seconds:
        Wall time.
    """

    columns: list[str]
    rows: list[dict[str, Any]]
    graph_rows: list[dict[str, Any]]
    nodes: list[tuple[str, dict[str, Any]]]
    truncated: bool
    seconds: float


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


def run_console(
    store: Store,
    cypher: str,
    params: dict[str, Any] | None = None,
    *,
    limit: int = 1000,
    timeout: float = 10.0,
) -> ConsoleResult:
    """Run a console query in a READ session with a timeout, keeping at most ``limit`` rows.

    The caller must have checked the text with :func:`ui.cypher_guard.forbidden_clauses`;
    the READ access mode is a second guard (a server that enforces it refuses writes).

    Parameters
    ----------
    store:
        The store.
    cypher:
        The query.
    params:
        ``$parameter`` values.
    limit:
        Keep at most this many rows (the rest is not fetched).
    timeout:
        Seconds before the server aborts the transaction.

    Returns
    -------
    ConsoleResult

    Raises
    ------
    ZerenError
        E404 (the server refused the query), E409 (timeout), E201 (server gone).
    """
    import time

    def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[Any], bool]:
        result = tx.run(cypher, params or {})
        records: list[Any] = []
        truncated = False
        for record in result:
            if len(records) >= limit:
                truncated = True
                break
            records.append(record)
        keys = list(result.keys())
        return keys, records, truncated

    t0 = time.perf_counter()
    try:
        with store.driver.session(
            database=store.database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            keys, records, truncated = session.execute_read(
                neo4j.unit_of_work(timeout=timeout)(work)
            )
            rels: list[Any] = []
            nodes: list[Any] = []
            rows = [{k: _plain(rec[k], rels, nodes) for k in keys} for rec in records]
    except ServiceUnavailable as exc:
        raise ZerenError(Errors.E401.format(reason=str(exc))) from None
    except ClientError as exc:
        if "timeout" in (exc.code or "").lower() or "Terminated" in (exc.code or ""):
            raise ZerenError(Errors.E409.format(seconds=timeout)) from None
        raise ZerenError(Errors.E404.format(reason=exc.message or str(exc))) from None
    except (Neo4jError, DriverError) as exc:
        raise ZerenError(Errors.E404.format(reason=getattr(exc, "message", None) or exc)) from None
    seconds = time.perf_counter() - t0
    graph_rows = []
    seen: set[str] = set()
    by_id = {n.element_id: n for n in nodes}

    def props(node: Any) -> dict[str, Any]:
        full = by_id.get(node.element_id, node)
        return {**dict(full), "_eid": node.element_id}

    for rel in rels:
        if rel.element_id in seen or rel.start_node is None or rel.end_node is None:
            continue
        seen.add(rel.element_id)
        graph_rows.append(
            {
                "la": _node_label(by_id.get(rel.start_node.element_id, rel.start_node)),
                "pa": props(rel.start_node),
                "t": rel.type,
                "pr": dict(rel),
                "lb": _node_label(by_id.get(rel.end_node.element_id, rel.end_node)),
                "pb": props(rel.end_node),
            }
        )
    return ConsoleResult(
        columns=keys,
        rows=rows,
        graph_rows=graph_rows,
        nodes=[(_node_label(n), {**dict(n), "_eid": n.element_id}) for n in nodes],
        truncated=truncated,
        seconds=seconds,
    )
