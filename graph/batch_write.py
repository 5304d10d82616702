"""Write the rows of new documents: two statements for any number of documents.

:func:`write_params` turns the rows of a batch of documents
(:func:`graph.model.document_rows`) into the parameters of two statements, and
:func:`write_rows` runs them in the caller's transaction:

1. :data:`Q_WRITE_SHARED` MERGEs each node the documents share — issuers, orgs,
   deadlines, districts — and each ``IN_DISTRICT`` edge **once per batch** (a batch
   names ~170 of them against ~4,000 relationships);
2. :data:`Q_WRITE_DOCUMENTS` looks those shared nodes up once, into a list, then
   CREATEs every document, task and relationship, each relationship from variables
   already bound: the task it was created with and ``nodes[i]``, the shared node at
   position ``i``. No relationship needs an index lookup of its own.

Why (measured on the local server, ArcadeDB 26.10 over Bolt, 2 cores, 100x corpus,
warm JIT): one statement per relationship type with ``MATCH (t:Task {id: …})`` and
``MATCH (o:Org {name: …})`` per row spent a third of the server's time in index lookups
(its LSM index searches every page not yet compacted); with bound variables the
server's CPU per relationship fell from ~45 µs to ~23 µs. Rows travel as lists, not
maps, so the server decodes fewer strings; the statements name each position (from the
property tuples of :mod:`graph.schema`), and a null at a position stores nothing, as a
missing map key did.

Shared nodes are found by position, so the statement checks itself: the server's
counters (nodes and relationships created) must be exactly what the rows say, else
:class:`WriteMismatch` is raised and the caller's transaction is rolled back. (On the
local server a null node in ``CREATE`` makes a new node instead of failing, so a missing
shared node would otherwise go unnoticed.)

Portable Cypher (Neo4j 5 and the local server): ``FOREACH (o IN [nodes[i]] | CREATE …)``
binds a node taken from a list, ``WITH count(*) AS …`` joins independent ``UNWIND``
parts (an aggregate without grouping keys gives one row even for an empty list).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import neo4j

from graph.model import DocumentRows
from graph.schema import DOCUMENT_PROPS, REL_PROPS, ROLE_REL_TYPES, TASK_PROPS

__all__ = [
    "Q_WRITE_DOCUMENTS",
    "Q_WRITE_SHARED",
    "ParamList",
    "WriteMismatch",
    "WriteParams",
    "write_params",
    "write_rows",
]

# Kinds of shared node, as the first item of a ``$shared`` row [kind, key, position].
_ORG, _DEADLINE, _DISTRICT = 0, 1, 2
_ROLE_PROPS = REL_PROPS[ROLE_REL_TYPES[0]]
assert all(REL_PROPS[t] == _ROLE_PROPS for t in ROLE_REL_TYPES), "one row shape for all roles"
_DUE_PROPS = REL_PROPS["DUE_BY"]
# A task row is its TASK_PROPS, then one list of edge rows per slot, in this order.
_SLOTS = (*ROLE_REL_TYPES, "DUE_BY", "CONCERNS")
assert len(_SLOTS) == 5, "write_params builds five slot lists per task"
_DUE, _CONCERNS = _SLOTS.index("DUE_BY"), _SLOTS.index("CONCERNS")
_NO_EDGES: tuple[list[Any], ...] = tuple([] for _ in _SLOTS)  # read only
_DOC_KEYS = frozenset(DOCUMENT_PROPS)
_TASK_KEYS = frozenset(TASK_PROPS)


def _at(names: Sequence[str], row: str, first: int = 0) -> str:
    """`` {a: row[first], b: row[first + 1], …}``: properties from a list row."""
    if not names:
        return ""
    return " {" + ", ".join(f"{n}: {row}[{first + i}]" for i, n in enumerate(names)) + "}"


# The issuer's description is set only when the org is new: an assignment elsewhere
# that names the same org knows its kind better than "it issued a document". Then the
# orgs: later documents' properties over earlier ones, new mentions appended (a replaced
# document's stale ones are fixed by the store's recompute).
Q_WRITE_SHARED = (
    "UNWIND $issuers AS r MERGE (o:Org {name: r.name}) ON CREATE SET o += r "
    "WITH count(*) AS issuers "
    "UNWIND $orgs AS r MERGE (o:Org {name: r.name}) "
    "SET o += r.props, o.aliases = CASE WHEN o.aliases IS NULL THEN r.aliases "
    "ELSE o.aliases + [a IN r.aliases WHERE NOT a IN o.aliases] END "
    "WITH count(*) AS orgs "
    "UNWIND $deadlines AS r MERGE (x:Deadline {key: r[0]}) "
    "ON CREATE SET x.date = r[1], x.kind = r[2] "
    "WITH count(*) AS deadlines "
    "UNWIND $districts AS name MERGE (:District {name: name}) "
    "WITH count(*) AS districts "
    "UNWIND $in_district AS r MATCH (o:Org {name: r[0]}) MATCH (x:District {name: r[1]}) "
    "MERGE (o)-[:IN_DISTRICT]->(x)"
)


def _role_edges(slot: int, rtype: str) -> str:
    return (
        f"FOREACH (e IN r[{len(TASK_PROPS) + slot}] | FOREACH (o IN [nodes[e[0]]] | "
        f"CREATE (t)<-[:{rtype}{_at(_ROLE_PROPS, 'e', 1)}]-(o))) "
    )


# Shared nodes by position (ORDER BY: collect keeps the order of its rows), then per
# document its node, its issuer edge and its tasks, each task with its edges. The
# document's key is in CREATE itself (created without it and SET after, the node would
# be indexed twice). Edges to the task are written from the task's side, as the fast
# direction on the local server (README of the bolt-server notes).
Q_WRITE_DOCUMENTS = (
    "UNWIND $shared AS s "
    f"OPTIONAL MATCH (o:Org {{name: s[1]}}) WHERE s[0] = {_ORG} "
    f"OPTIONAL MATCH (x:Deadline {{key: s[1]}}) WHERE s[0] = {_DEADLINE} "
    f"OPTIONAL MATCH (y:District {{name: s[1]}}) WHERE s[0] = {_DISTRICT} "
    "WITH s, coalesce(o, x, y) AS n ORDER BY s[2] "
    "WITH collect(n) AS nodes "
    "UNWIND $docs AS doc "
    f"CREATE (d:Document{_at(DOCUMENT_PROPS, 'doc[0]')}) "
    "FOREACH (i IN doc[1] | FOREACH (o IN [nodes[i]] | CREATE (d)-[:ISSUED_BY]->(o))) "
    "WITH d, doc, nodes UNWIND doc[2] AS r "
    f"CREATE (t:Task{_at(TASK_PROPS, 'r')}) CREATE (t)<-[:HAS_TASK]-(d) "
    + "".join(_role_edges(slot, rtype) for slot, rtype in enumerate(ROLE_REL_TYPES))
    + f"FOREACH (e IN r[{len(TASK_PROPS) + _DUE}] | "
    f"FOREACH (x IN [nodes[e[0]]] | CREATE (t)-[:DUE_BY{_at(_DUE_PROPS, 'e', 1)}]->(x))) "
    f"FOREACH (i IN r[{len(TASK_PROPS) + _CONCERNS}] | "
    "FOREACH (x IN [nodes[i]] | CREATE (t)-[:CONCERNS]->(x)))"
)


class ParamList(list):  # type: ignore[type-arg]
    """A list parameter whose ``repr`` is its length.

    The driver (neo4j 6.4) formats ``repr`` of every parameter for a debug log line on
    each RUN, also when debug logging is off: 2 s of the main thread at 100x (67 MB of
    rows), while the server waited. It packs a list subclass exactly like a list.
    """

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


class WriteMismatch(ValueError):
    """The server created other numbers of nodes or relationships than the rows hold."""


@dataclass
class WriteParams:
    """The parameters of the two statements for one batch, and what they must create.

    Attributes
    ----------
    shared:
        Parameters of :data:`Q_WRITE_SHARED`.
    documents:
        Parameters of :data:`Q_WRITE_DOCUMENTS`.
    nodes, rels:
        Nodes (documents and tasks) and relationships it must create.
    """

    shared: dict[str, Any]
    documents: dict[str, Any]
    nodes: int
    rels: int


def _merged_orgs(batch: Sequence[DocumentRows]) -> list[dict[str, Any]]:
    """One ``{"name", "props", "aliases"}`` row per org of the batch, in order of first
    use, as the documents one after the other would leave it: later properties over
    earlier ones (``SET o += props``), aliases in order of first use. A shared org is then
    written once per batch instead of once per document."""
    merged: dict[str, dict[str, Any]] = {}
    for rows in batch:
        for o in rows.nodes["Org"]:
            props = {k: v for k, v in o.items() if k != "aliases"}
            row = merged.get(o["name"])
            if row is None:
                merged[o["name"]] = {"name": o["name"], "props": props,
                                     "aliases": list(o["aliases"])}
            else:
                row["props"].update(props)
                row["aliases"] += [a for a in o["aliases"] if a not in row["aliases"]]
    return list(merged.values())


def write_params(batch: Sequence[DocumentRows]) -> WriteParams:
    """The parameters that write ``batch`` (new documents: none of them is stored).

    Shared nodes keep the rows' semantics: an issuer or a deadline is described by the
    first document of the batch that names it (``ON CREATE``), an org by all of them
    in order (``SET o += props``, aliases in order of first use).

    Parameters
    ----------
    batch:
        The documents' rows, in load order.

    Returns
    -------
    WriteParams

    Raises
    ------
    ValueError
        A document or task row has a property :mod:`graph.schema` does not list (it
        would not be written).
    """
    shared: list[list[Any]] = []
    position: dict[tuple[int, str], int] = {}

    def ref(kind: int, key: str) -> int:
        i = position.get((kind, key))
        if i is None:
            i = position[(kind, key)] = len(shared)
            shared.append([kind, key, i])
        return i

    issuers: dict[str, dict[str, Any]] = {}
    deadlines: dict[str, list[Any]] = {}
    districts: dict[str, None] = {}
    in_district: dict[tuple[str, str], None] = {}
    docs: list[list[Any]] = []
    nodes = rels = 0
    for rows in batch:
        doc = rows.nodes["Document"][0]
        if not doc.keys() <= _DOC_KEYS:
            raise ValueError(f"{rows.doc_id}: unknown Document properties "
                             f"{sorted(doc.keys() - _DOC_KEYS)}")
        issuer: list[int] = []
        if rows.issuer is not None:
            issuers.setdefault(rows.issuer["name"], rows.issuer)
            issuer.append(ref(_ORG, rows.issuer["name"]))
        for dl in rows.nodes["Deadline"]:
            deadlines.setdefault(dl["key"], [dl["key"], dl.get("date"), dl.get("kind")])
        for x in rows.nodes["District"]:
            districts.setdefault(x["name"])
        # task id -> its edge rows, one list per slot (built per edge: a hot loop)
        edges: dict[str, list[list[Any]]] = {}
        for slot, rtype in enumerate(ROLE_REL_TYPES):
            for rel in rows.rels.get(rtype, ()):
                task = edges.get(rel.end[1])
                if task is None:
                    task = edges[rel.end[1]] = [[], [], [], [], []]
                task[slot].append([ref(_ORG, rel.start[1]), *map(rel.props.get, _ROLE_PROPS)])
        for rel in rows.rels.get("DUE_BY", ()):
            task = edges.get(rel.start[1])
            if task is None:
                task = edges[rel.start[1]] = [[], [], [], [], []]
            task[_DUE].append([ref(_DEADLINE, rel.end[1]), *map(rel.props.get, _DUE_PROPS)])
        for rel in rows.rels.get("CONCERNS", ()):
            task = edges.get(rel.start[1])
            if task is None:
                task = edges[rel.start[1]] = [[], [], [], [], []]
            task[_CONCERNS].append(ref(_DISTRICT, rel.end[1]))
        for rel in rows.rels.get("IN_DISTRICT", ()):
            in_district.setdefault((rel.start[1], rel.end[1]))
        tasks = []
        for t in rows.nodes["Task"]:
            if not t.keys() <= _TASK_KEYS:
                raise ValueError(f"{rows.doc_id}: unknown Task properties "
                                 f"{sorted(t.keys() - _TASK_KEYS)}")
            tasks.append([*map(t.get, TASK_PROPS), *edges.get(t["id"], _NO_EDGES)])
        docs.append([[*map(doc.get, DOCUMENT_PROPS)], issuer, tasks])
        nodes += 1 + len(tasks)
        # IN_DISTRICT edges are shared by documents and MERGEd by the other statement.
        rels += rows.rel_count - len(rows.rels.get("IN_DISTRICT", ()))
    return WriteParams(
        shared={
            "issuers": ParamList(issuers.values()),
            "orgs": ParamList(_merged_orgs(batch)),
            "deadlines": ParamList(deadlines.values()),
            "districts": ParamList(districts),
            "in_district": ParamList(list(pair) for pair in in_district),
        },
        documents={"shared": ParamList(shared), "docs": ParamList(docs)},
        nodes=nodes,
        rels=rels,
    )


def write_rows(tx: neo4j.ManagedTransaction, params: WriteParams) -> None:
    """Run the two statements in ``tx`` and check what the server created.

    Parameters
    ----------
    tx:
        The caller's write transaction (rolled back by the driver if this raises).
    params:
        From :func:`write_params`.

    Raises
    ------
    WriteMismatch
        The server created other numbers of nodes or relationships than the rows hold.
    """
    tx.run(Q_WRITE_SHARED, params.shared).consume()
    counters = tx.run(Q_WRITE_DOCUMENTS, params.documents).consume().counters
    got = (counters.nodes_created, counters.relationships_created)
    if got != (params.nodes, params.rels):
        raise WriteMismatch(
            f"the server created {got[0]} nodes and {got[1]} relationships, "
            f"the rows hold {params.nodes} and {params.rels}"
        )
