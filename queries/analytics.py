"""Network analytics on the co-responsibility graph, registered as audits.

Two organisations are tied when the documents name both on the same task (in any
role); the tie's weight is the number of tasks they share. The network is pulled
from the store with one portable Cypher statement and analysed with networkx, so
the same code serves the local server and Neo4j (no graph-data-science plug-in).

``central_orgs``
    degree and betweenness centrality: who is tied to most partners, and who sits
    on the paths between otherwise separate groups.
``org_communities``
    groups of organisations that work together (Louvain, or greedy modularity),
    seeded so that the same graph always gives the same groups.

Both are audits like the Cypher files: ``python -m queries run central_orgs``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations
from typing import Any

import networkx as nx

from queries.registry import Audit, AuditResult, Reader, parse_param

__all__ = [
    "ANALYTICS",
    "NETWORK_CYPHER",
    "central_orgs",
    "co_responsibility_network",
    "org_communities",
]

# One row per organisation with the ids of its tasks; the pairs are formed in Python.
# Asking the server for the pairs instead ((a)-->(t)<--(b)) expands every task's owner
# list squared and took ~85 ms on the corpus against ~15 ms for this.
# Collective parties (各县（市、区）政府 …) are excluded by default: they stand for many
# bodies at once and would tie everything to everything.
NETWORK_CYPHER = """
MATCH (d:Document)-[:HAS_TASK]->(t:Task)<-[:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WHERE ($doc IS NULL OR d.id = $doc OR replace(d.number, ' ', '') = $doc)
  AND ($include_collective OR o.kind <> 'collective')
  AND (NOT $departments_only OR o.kind = 'department')
RETURN o.name AS name, o.kind AS kind, collect(DISTINCT t.id) AS tasks
"""

ANALYTICS: list[Audit] = []


def _register(
    *,
    name: str,
    title: str,
    answers: str,
    params: Sequence[str],
    columns: Sequence[str],
    example: str = "",
    question: str = "",
) -> Callable[[Callable[[Reader, dict[str, Any]], AuditResult]], Callable[..., AuditResult]]:
    """Declare a Python function as an audit (same metadata as a ``.cypher`` header).

    Parameters
    ----------
    name, title, answers, columns, example, question:
        As in a ``.cypher`` header.
    params:
        ``@param`` specifications (``NAME: TYPE [= DEFAULT] -- description``).

    Returns
    -------
    A decorator that records the audit in :data:`ANALYTICS` and returns the function.
    """

    def wrap(
        func: Callable[[Reader, dict[str, Any]], AuditResult],
    ) -> Callable[[Reader, dict[str, Any]], AuditResult]:
        where = f"{__name__}.{func.__name__}"
        ANALYTICS.append(
            Audit(
                name=name,
                title=title,
                answers=answers,
                params=tuple(parse_param(p, where) for p in params),
                columns=tuple(columns),
                kind="analytics",
                example=example,
                question=question,
                source=where,
                function=func,
            )
        )
        return func

    return wrap


def co_responsibility_network(
    read: Reader,
    *,
    include_collective: bool = False,
    departments_only: bool = False,
    min_shared: int = 1,
    doc: str | None = None,
) -> nx.Graph:
    """The weighted co-responsibility graph as networkx.

    Parameters
    ----------
    read:
        A :data:`queries.registry.Reader` over the store.
    include_collective:
        Keep collective parties as nodes.
    departments_only:
        Keep only organisations of kind ``department``.
    min_shared:
        Drop ties with fewer shared tasks (their nodes stay).
    doc:
        Only the tasks of this document (number or id, whitespace removed).

    Returns
    -------
    ``nx.Graph`` with node attributes ``kind``, ``tasks`` (task count) and edge
    attribute ``weight`` (shared tasks).
    Nodes and edges are added in sorted order so results do not depend on the
    order the server returned rows in.
    """
    params = {
        "include_collective": include_collective,
        "departments_only": departments_only,
        "doc": doc,
    }
    graph = nx.Graph()
    owners_of: dict[str, list[str]] = {}
    for row in sorted(read(NETWORK_CYPHER, params), key=lambda r: r["name"]):
        graph.add_node(row["name"], kind=row["kind"], tasks=len(row["tasks"]))
        for task in row["tasks"]:
            owners_of.setdefault(task, []).append(row["name"])
    shared: Counter[tuple[str, str]] = Counter()
    for owners in owners_of.values():
        shared.update(combinations(sorted(set(owners)), 2))
    for (a, b), weight in sorted(shared.items()):
        if weight >= min_shared:
            graph.add_edge(a, b, weight=weight)
    return graph


@_register(
    name="central_orgs",
    title="核心协调单位 | Central organisations",
    answers=(
        "Degree and betweenness centrality of organisations in the co-responsibility "
        "network: who shares tasks with the most partners, and who bridges groups that "
        "otherwise do not work together (shortest paths by number of ties; raise "
        "min_shared to ignore weak ties)."
    ),
    params=[
        "top: int = 20 -- at most this many organisations, most central first",
        "sort_by: choice(betweenness|degree) = betweenness -- rank by this measure",
        "include_collective: bool = false -- keep collective parties (各县（市、区）政府 …)",
        "min_shared: int = 1 -- ignore ties with fewer shared tasks",
        "doc: doc? = null -- only the tasks of this document: its number or id",
    ],
    columns=[
        "rank",
        "org",
        "kind",
        "tasks",
        "partners",
        "shared_tasks",
        "degree",
        "betweenness",
    ],
    example="--param top=10",
    question="哪些单位处在协同网络的中心，把原本各自为战的部门连在一起？",
)
def central_orgs(read: Reader, params: dict[str, Any]) -> AuditResult:
    """Rank organisations by degree and betweenness centrality.

    Parameters
    ----------
    read:
        Reader over the store.
    params:
        Converted audit parameters (see the registration above).

    Returns
    -------
    One row per organisation: ``partners`` = distinct co-owners, ``shared_tasks`` =
    weighted degree, ``degree`` / ``betweenness`` = normalised centralities.
    """
    graph = co_responsibility_network(
        read,
        include_collective=params["include_collective"],
        min_shared=params["min_shared"],
        doc=params["doc"],
    )
    if graph.number_of_nodes() == 0:
        return AuditResult(columns=[], rows=[])
    degree = nx.degree_centrality(graph)
    # Hop-count paths: weighted (1/shared) Dijkstra gave the same top three and 8 of the
    # same top ten on the corpus at three times the cost (~75 ms against ~25 ms), which
    # broke the 200 ms budget; min_shared is the way to ignore weak ties.
    between = nx.betweenness_centrality(graph, normalized=True)
    strength = dict(graph.degree(weight="weight"))
    primary = between if params["sort_by"] == "betweenness" else degree
    order = sorted(graph.nodes, key=lambda n: (-round(primary[n], 12), -strength[n], n))
    rows = []
    for rank, node in enumerate(order[: params["top"]], start=1):
        rows.append(
            {
                "rank": rank,
                "org": node,
                "kind": graph.nodes[node]["kind"],
                "tasks": graph.nodes[node]["tasks"],
                "partners": graph.degree(node),
                "shared_tasks": strength[node],
                "degree": round(degree[node], 4),
                "betweenness": round(between[node], 4),
            }
        )
    return AuditResult(columns=[], rows=rows)


@_register(
    name="org_communities",
    title="协同工作群体 | Communities of organisations that work together",
    answers=(
        "Groups of organisations that share many tasks with each other and few with the "
        "rest (Louvain or greedy modularity on the co-responsibility network, seeded so "
        "the same graph always gives the same groups)."
    ),
    params=[
        "method: choice(louvain|greedy) = louvain -- community detection algorithm",
        "seed: int = 42 -- random seed for Louvain",
        "resolution: float = 1.0 -- above 1 gives more, smaller groups",
        "departments_only: bool = true -- only government departments (市XX局/委/办 …)",
        "min_shared: int = 1 -- ignore ties with fewer shared tasks",
        "min_size: int = 2 -- hide groups smaller than this",
        "doc: doc? = null -- only the tasks of this document: its number or id",
    ],
    columns=["community", "size", "anchor", "members", "internal_ties"],
    example="--param method=greedy --param min_size=3",
    question="哪些部门经常一起承担任务，形成相对固定的协作群体？",
)
def org_communities(read: Reader, params: dict[str, Any]) -> AuditResult:
    """Detect communities of organisations that work together.

    Parameters
    ----------
    read:
        Reader over the store.
    params:
        Converted audit parameters (see the registration above).

    Returns
    -------
    One row per community, largest first: ``anchor`` is the member with the most
    shared tasks inside the group, ``members`` its sorted names, ``internal_ties``
    the shared tasks summed over ties inside the group.
    """
    graph = co_responsibility_network(
        read,
        departments_only=params["departments_only"],
        min_shared=params["min_shared"],
        doc=params["doc"],
    )
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    if graph.number_of_nodes() == 0:
        return AuditResult(columns=[], rows=[])
    if params["method"] == "greedy":
        groups = nx.community.greedy_modularity_communities(
            graph, weight="weight", resolution=params["resolution"]
        )
    else:
        groups = nx.community.louvain_communities(
            graph, weight="weight", resolution=params["resolution"], seed=params["seed"]
        )
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    rows = []
    number = 0
    for members in ordered:
        if len(members) < params["min_size"]:
            continue
        number += 1
        inner = graph.subgraph(members)
        inner_strength = dict(inner.degree(weight="weight"))
        anchor = min(members, key=lambda n: (-inner_strength[n], n))
        rows.append(
            {
                "community": number,
                "size": len(members),
                "anchor": anchor,
                "members": members,
                "internal_ties": int(inner.size(weight="weight")),
            }
        )
    return AuditResult(columns=[], rows=rows)
