"""Reads for the graph page: a document's or an organisation's neighbourhood, one node's
relationships, and the whole-graph view of the most-connected organisations."""

from __future__ import annotations

from graph import Store, aggregates
from graph.schema import label
from ui.cache import cacheable
from ui.graphview import EdgeRow, edge_rows
from ui.reads._run import run

__all__ = ["TIES_PER_ORG", "document_graph", "expand", "org_graph", "top_orgs_graph"]

TIES_PER_ORG = 3


@cacheable
def document_graph(store: Store, doc_id: str, labels: list[str], limit: int = 40) -> list[EdgeRow]:
    """A document, its first ``limit`` tasks and what they connect to, among ``labels``.

    Parameters
    ----------
    store:
        The store.
    doc_id:
        Document id.
    labels:
        Node labels to include (``Task`` is always part of the pattern).
    limit:
        At most this many tasks.

    Returns
    -------
    list[EdgeRow]
    """
    allowed = [label(x) for x in labels]
    return edge_rows(run(store, "graph_document", id=doc_id, labels=allowed, limit=int(limit)))


@cacheable
def org_graph(store: Store, name: str, limit: int = 40) -> list[EdgeRow]:
    """An organisation, its first ``limit`` tasks and their other owners.

    Parameters
    ----------
    store:
        The store.
    name:
        Canonical organisation name.
    limit:
        At most this many of its tasks.

    Returns
    -------
    list[EdgeRow]
    """
    return edge_rows(run(store, "graph_org", name=name, limit=int(limit)))


@cacheable
def expand(store: Store, node_id: str, limit: int = 50) -> list[EdgeRow]:
    """The relationships of one node, for "expand neighbours".

    Parameters
    ----------
    store:
        The store.
    node_id:
        ``"Label:key"`` as the view names nodes.
    limit:
        At most this many relationships.

    Returns
    -------
    list[EdgeRow]
    """
    lbl, _, key = node_id.partition(":")
    return edge_rows(run(store, "graph_expand", label=label(lbl), key=key, limit=int(limit)))


@cacheable
def top_orgs_graph(
    store: Store, limit: int = 25, include_collective: bool = False
) -> list[EdgeRow]:
    """The ``limit`` organisations with most tasks, tied by the tasks they share
    (``SHARES`` edges drawn from the partner figures stored per load).

    Parameters
    ----------
    store:
        The store.
    limit:
        How many organisations.
    include_collective:
        Also collective parties (各县（市、区）政府 …), which share work with everyone.

    Returns
    -------
    list[EdgeRow]
        ``SHARES`` rows (``props["shared"]`` = shared tasks), heaviest first: each
        organisation's :data:`TIES_PER_ORG` strongest ties among those shown.
    """
    rows = run(store, "graph_top_orgs", limit=int(limit), include_collective=include_collective)
    props = {r["name"]: {"name": r["name"], "kind": r["kind"], "level": r["level"],
                         "task_count": r["tasks"], "lead_count": r["lead"]} for r in rows}
    pairs: dict[tuple[str, str], int] = {}
    for r in rows:
        for partner, shared in aggregates.parse_partners(r["partners"]):
            if partner in props and partner != r["name"]:
                a, b = sorted((r["name"], partner))
                pairs[(a, b)] = shared
    ordered = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    # Each organisation keeps its strongest ties only, so the view reads as a network
    # rather than a hairball of every pair.
    kept: list[tuple[tuple[str, str], int]] = []
    degree: dict[str, int] = {}
    for (a, b), n in ordered:
        if degree.get(a, 0) < TIES_PER_ORG or degree.get(b, 0) < TIES_PER_ORG:
            kept.append(((a, b), n))
            degree[a] = degree.get(a, 0) + 1
            degree[b] = degree.get(b, 0) + 1
    return [EdgeRow("Org", props[a], "SHARES", {"shared": n}, "Org", props[b])
            for (a, b), n in kept]
