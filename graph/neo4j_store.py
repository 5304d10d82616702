"""Write and read the responsibility graph over Bolt (Neo4j 5, or the local ArcadeDB).

Portable Cypher only — no APOC, no vendor procedures — so the same statements run on a
real Neo4j 5 and on the bundled local server. Every value travels as a ``$parameter``;
labels and relationship types come from :mod:`graph.schema`'s allow-lists.

Loading is one managed write transaction (``session.execute_write``) per document:

0. before the loop, one read of every stored ``(id, content_hash, schema_version)``:
   an unchanged document is skipped without a transaction;
1. a document that is stored but changed: in its transaction, re-read its version,
   then delete the document, its tasks and every relationship they have;
2. write its rows with batched ``UNWIND $rows`` statements: the document, its issuer
   and its tasks (+HAS_TASK) in one; the orgs (MERGE on name); then one per relationship
   type, each MERGEing its Deadline / District end node and CREATEing the relationship
   (step 1 removed any old ones, so CREATE is exact and cheaper than MERGE);
3. for a replaced document: recompute the aliases of orgs that lost edges and delete
   Orgs / Deadlines / Districts that no longer connect to anything.

A document absent at step 0 skips the in-transaction re-read; if another process
created it meanwhile, the uniqueness constraint fails the CREATE and the document is
retried through step 1.
A failure anywhere rolls the whole document back; the others still load.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import neo4j
from neo4j.exceptions import (
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

if TYPE_CHECKING:  # networkx is imported where a graph is built: the app never needs it
    import networkx as nx

from errors import Errors, ZerenError
from extract.models import Document
from graph.model import DocumentRows, document_rows, edge_key, unique_documents
from graph.schema import (
    LABELS,
    NODE_KEYS,
    REL_ENDPOINTS,
    REL_PROPS,
    REL_TYPES,
    ROLE_REL_TYPES,
    SCHEMA_VERSION,
    TASK_PROPS,
    constraint_statements,
    label,
    node_id,
    rel_type,
)

__all__ = ["PING", "LoadReport", "ProgressCallback", "Store", "statements"]

ProgressCallback = Callable[[str, str], None]
"""Called after each document with (document id, status)."""

_ROLE_PATTERN = "|".join(ROLE_REL_TYPES)

# A connection check (the store on connect, the local server while it starts).
PING = "RETURN 1 AS ok"

# --- read the stored version ---------------------------------------------------------
_Q_VERSION = (
    "MATCH (d:Document {id: $id}) "
    "RETURN d.content_hash AS hash, d.schema_version AS version, d.extractor AS extractor"
)
_Q_ALL_DOC_IDS = "MATCH (d:Document) RETURN d.id AS id"
_Q_ALL_VERSIONS = (
    "MATCH (d:Document) RETURN d.id AS id, d.content_hash AS hash, "
    "d.schema_version AS version, d.extractor AS extractor"
)
# Documents an older extractor, vocabulary or row schema made (the graph is stale).
_Q_STALE = (
    "MATCH (d:Document) WHERE coalesce(d.extractor, '') <> $extractor "
    "OR coalesce(d.schema_version, 0) <> $version RETURN count(d) AS n"
)

# --- delete one document (and remember its neighbours for the orphan clean-up) -------
_Q_OLD_ORGS = (
    f"MATCH (:Document {{id: $id}})-[:HAS_TASK]->(:Task)<-[:{_ROLE_PATTERN}]-(o:Org) "
    "RETURN collect(DISTINCT o.name) AS keys"
)
_Q_OLD_ISSUER = "MATCH (:Document {id: $id})-[:ISSUED_BY]->(o:Org) RETURN collect(o.name) AS keys"
_Q_OLD_DEADLINES = (
    "MATCH (:Document {id: $id})-[:HAS_TASK]->(:Task)-[:DUE_BY]->(x:Deadline) "
    "RETURN collect(DISTINCT x.key) AS keys"
)
_Q_OLD_DISTRICTS = (
    "MATCH (:Document {id: $id})-[:HAS_TASK]->(:Task)-[:CONCERNS]->(x:District) "
    "RETURN collect(DISTINCT x.name) AS keys"
)
_Q_ORG_DISTRICTS = (
    "UNWIND $names AS n MATCH (:Org {name: n})-[:IN_DISTRICT]->(x:District) "
    "RETURN collect(DISTINCT x.name) AS keys"
)
_Q_DELETE_TASKS = "MATCH (:Document {id: $id})-[:HAS_TASK]->(t:Task) DETACH DELETE t"
_Q_DELETE_DOC = "MATCH (d:Document {id: $id}) DETACH DELETE d"

# --- orphan clean-up, limited to the nodes a deleted document touched -----------------
_Q_DELETE_ORPHAN_ORGS = (
    "UNWIND $names AS n MATCH (o:Org {name: n}) "
    f"WHERE NOT EXISTS {{ MATCH (o)-[:{_ROLE_PATTERN}]->() }} "
    "AND NOT EXISTS { MATCH ()-[:ISSUED_BY]->(o) } "
    "DETACH DELETE o"
)
# Aliases are the mentions on an org's edges, so after edges went they are recomputed.
_Q_RECOMPUTE_ALIASES = (
    "UNWIND $names AS n MATCH (o:Org {name: n}) "
    f"OPTIONAL MATCH (o)-[e:{_ROLE_PATTERN}]->() "
    "WITH o, collect(DISTINCT e.mention) AS mentions SET o.aliases = mentions"
)
_Q_DELETE_ORPHAN_DEADLINES = (
    "UNWIND $keys AS k MATCH (x:Deadline {key: k}) WHERE NOT EXISTS { MATCH (x)--() } DELETE x"
)
_Q_DELETE_ORPHAN_DISTRICTS = (
    "UNWIND $keys AS k MATCH (x:District {name: k}) WHERE NOT EXISTS { MATCH (x)--() } DELETE x"
)

# --- write one document --------------------------------------------------------------
# The document, its issuer and its tasks in one statement (the document is new: any old
# version was deleted just before, in the same transaction).
# Any number of new documents and their tasks in one statement (each document is new:
# any old version was deleted just before, in the same transaction).
# The key goes into CREATE itself: created without it and SET after, the node would be
# indexed twice (measured ~1.5x slower on the local server).
_Q_WRITE_DOCS = (
    "UNWIND $docs AS doc CREATE (d:Document {id: doc.props.id}) SET d += doc.props "
    "WITH d, doc UNWIND doc.tasks AS r CREATE (t:Task"
    + " {"
    + ", ".join(f"{n}: r.{n}" for n in TASK_PROPS)
    + "}"
    + ") CREATE (t)<-[:HAS_TASK]-(d)"
)
# The issuer's description is set only when the org is new: an assignment elsewhere
# that names the same org knows its kind better than "it issued a document".
_Q_WRITE_ISSUERS = (
    "UNWIND $rows AS r MATCH (d:Document {id: r.doc}) "
    "MERGE (o:Org {name: r.issuer.name}) ON CREATE SET o += r.issuer "
    "CREATE (d)-[:ISSUED_BY]->(o)"
)
# New mentions are appended; a replaced document's stale ones are fixed by the recompute.
_Q_WRITE_ORGS = (
    "UNWIND $rows AS r MERGE (o:Org {name: r.name}) "
    "SET o += r.props, o.aliases = CASE WHEN o.aliases IS NULL THEN r.aliases "
    "ELSE o.aliases + [a IN r.aliases WHERE NOT a IN o.aliases] END"
)
_Q_WRITE_IN_DISTRICT = (
    "UNWIND $rows AS r MATCH (o:Org {name: r.start}) MERGE (x:District {name: r.end}) "
    "MERGE (o)-[:IN_DISTRICT]->(x)"
)


# --- whole-graph reads and the batched clear ------------------------------------------
_Q_COUNT_NODES = {lbl: f"MATCH (n:{label(lbl)}) RETURN count(n) AS n" for lbl in LABELS}
_Q_COUNT_RELS = {t: f"MATCH ()-[r:{rel_type(t)}]->() RETURN count(r) AS n" for t in REL_TYPES}
_Q_ALL_NODES = {lbl: f"MATCH (n:{label(lbl)}) RETURN properties(n) AS p" for lbl in LABELS}
_Q_ALL_RELS = {
    t: f"MATCH (a:{start})-[r:{t}]->(b:{end}) "
    f"RETURN a.{NODE_KEYS[start]} AS a, b.{NODE_KEYS[end]} AS b, properties(r) AS p"
    for t, (start, end) in REL_ENDPOINTS.items()
}
_CLEAR_BATCH = 10_000
_Q_CLEAR_BATCH = "MATCH (n) WITH n LIMIT $n DETACH DELETE n RETURN count(*) AS n"


def _q_write_task_rel(rtype: str) -> str:
    """CREATE statement for a relationship that touches one of the document's tasks.

    The pattern starts at the task: on the local server, writing edges from the side
    with few edges is 12-20x faster, and in Cypher both directions mean the same.
    """
    start, end = REL_ENDPOINTS[rel_type(rtype)]
    props = _inline_map(REL_PROPS[rtype])
    if start == "Task":
        # Deadline and District nodes are MERGEd here rather than in a statement of
        # their own: one round trip less per document.
        other, key = end, NODE_KEYS[end]
        on_create = (
            " ON CREATE SET x.date = r.d_date, x.kind = r.d_kind" if other == "Deadline" else ""
        )
        return (
            f"UNWIND $rows AS r MATCH (t:Task {{id: r.start}}) "
            f"MERGE (x:{other} {{{key}: r.end}}){on_create} CREATE (t)-[:{rtype}{props}]->(x)"
        )
    other, key = start, NODE_KEYS[start]
    return (
        f"UNWIND $rows AS r MATCH (t:Task {{id: r.end}}) "
        f"MATCH (x:{other} {{{key}: r.start}}) CREATE (t)<-[:{rtype}{props}]-(x)"
    )


def _inline_map(names: tuple[str, ...]) -> str:
    """`` {a: r.a, b: r.b}`` for schema property names (a missing value stays unset)."""
    if not names:
        return ""
    return " {" + ", ".join(f"{n}: r.{n}" for n in names) + "}"


_TASK_REL_TYPES = tuple(
    t for t, ends in REL_ENDPOINTS.items() if "Task" in ends and t != "HAS_TASK"
)
_Q_TASK_RELS = {t: _q_write_task_rel(t) for t in _TASK_REL_TYPES}


def statements() -> dict[str, str]:
    """Every Cypher statement the store sends, by name.

    The tests lint each one with Neo4j's own parser (no syntax error, no deprecation in
    Neo4j 5): the same text runs on Neo4j and on the local server.

    Returns
    -------
    dict[str, str]
    """
    out = {
        "ping": PING,
        "version": _Q_VERSION,
        "all_doc_ids": _Q_ALL_DOC_IDS,
        "all_versions": _Q_ALL_VERSIONS,
        "stale": _Q_STALE,
        "old_orgs": _Q_OLD_ORGS,
        "old_issuer": _Q_OLD_ISSUER,
        "old_deadlines": _Q_OLD_DEADLINES,
        "old_districts": _Q_OLD_DISTRICTS,
        "org_districts": _Q_ORG_DISTRICTS,
        "delete_tasks": _Q_DELETE_TASKS,
        "delete_doc": _Q_DELETE_DOC,
        "delete_orphan_orgs": _Q_DELETE_ORPHAN_ORGS,
        "recompute_aliases": _Q_RECOMPUTE_ALIASES,
        "delete_orphan_deadlines": _Q_DELETE_ORPHAN_DEADLINES,
        "delete_orphan_districts": _Q_DELETE_ORPHAN_DISTRICTS,
        "write_docs": _Q_WRITE_DOCS,
        "write_issuers": _Q_WRITE_ISSUERS,
        "write_orgs": _Q_WRITE_ORGS,
        "write_in_district": _Q_WRITE_IN_DISTRICT,
        "clear_batch": _Q_CLEAR_BATCH,
    }
    out.update({f"write_rel:{t}": q for t, q in _Q_TASK_RELS.items()})
    out.update({f"count_nodes:{k}": q for k, q in _Q_COUNT_NODES.items()})
    out.update({f"count_rels:{k}": q for k, q in _Q_COUNT_RELS.items()})
    out.update({f"all_nodes:{k}": q for k, q in _Q_ALL_NODES.items()})
    out.update({f"all_rels:{k}": q for k, q in _Q_ALL_RELS.items()})
    out.update({f"constraint:{i}": q for i, q in enumerate(constraint_statements())})
    return out


@dataclass
class LoadReport:
    """What :meth:`Store.load_documents` did.

    Attributes
    ----------
    created, updated, unchanged, pruned:
        Document ids, by outcome.
    stale:
        The updated documents whose text had not changed: rewritten because an older
        extractor, vocabulary (``extract/data/*``) or row schema made the stored copy.
    failed:
        (document id, message) for documents that were rolled back.
    nodes_written:
        Node rows sent for the created/updated documents (a shared org, deadline or
        district counts once per document that names it).
    rels_written:
        Relationships created (IN_DISTRICT, shared by documents and MERGEd, not counted).
    seconds:
        Wall time of the load.
    warnings:
        Records dropped while building rows (duplicate ids).
    """

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    nodes_written: int = 0
    rels_written: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no document failed."""
        return not self.failed


def _single_keys(tx: neo4j.ManagedTransaction, query: str, **params: Any) -> list[Any]:
    rec = tx.run(query, params).single()
    return list(rec["keys"]) if rec is not None and rec["keys"] is not None else []


def _delete_document(tx: neo4j.ManagedTransaction, doc_id: str) -> dict[str, set[Any]]:
    """Delete a document with its tasks and their relationships; return its neighbours."""
    orgs = set(_single_keys(tx, _Q_OLD_ORGS, id=doc_id))
    orgs |= set(_single_keys(tx, _Q_OLD_ISSUER, id=doc_id))
    deadlines = set(_single_keys(tx, _Q_OLD_DEADLINES, id=doc_id))
    districts = set(_single_keys(tx, _Q_OLD_DISTRICTS, id=doc_id))
    if orgs:
        districts |= set(_single_keys(tx, _Q_ORG_DISTRICTS, names=sorted(orgs)))
    tx.run(_Q_DELETE_TASKS, id=doc_id).consume()
    tx.run(_Q_DELETE_DOC, id=doc_id).consume()
    return {"orgs": orgs, "deadlines": deadlines, "districts": districts}


def _clean_up(tx: neo4j.ManagedTransaction, touched: dict[str, set[Any]]) -> None:
    """Remove nodes the deleted document left unconnected; refresh surviving aliases."""
    if touched["orgs"]:
        names = sorted(touched["orgs"])
        tx.run(_Q_DELETE_ORPHAN_ORGS, names=names).consume()
        tx.run(_Q_RECOMPUTE_ALIASES, names=names).consume()
    if touched["deadlines"]:
        tx.run(_Q_DELETE_ORPHAN_DEADLINES, keys=sorted(touched["deadlines"])).consume()
    if touched["districts"]:
        tx.run(_Q_DELETE_ORPHAN_DISTRICTS, keys=sorted(touched["districts"])).consume()


def _write_rows(tx: neo4j.ManagedTransaction, batch: list[DocumentRows]) -> None:
    """Write the rows of new documents (none may exist: deleted just before, or checked
    absent), one statement per kind of row for the whole batch."""
    docs = [{"props": rows.nodes["Document"][0], "tasks": rows.nodes["Task"]} for rows in batch]
    tx.run(_Q_WRITE_DOCS, docs=docs).consume()
    issuers = [{"doc": rows.doc_id, "issuer": rows.issuer} for rows in batch if rows.issuer]
    if issuers:
        tx.run(_Q_WRITE_ISSUERS, rows=issuers).consume()
    orgs = _merged_orgs(batch)
    if orgs:
        tx.run(_Q_WRITE_ORGS, rows=orgs).consume()
    for rtype, q in _Q_TASK_RELS.items():
        data = []
        for rows in batch:
            deadlines = {d["key"]: d for d in rows.nodes["Deadline"]}
            for r in rows.rels.get(rtype, ()):
                row = {**r.props, "start": r.start[1], "end": r.end[1]}
                if rtype == "DUE_BY":
                    node = deadlines[row["end"]]
                    row["d_date"], row["d_kind"] = node.get("date"), node.get("kind")
                data.append(row)
        if data:
            tx.run(q, rows=data).consume()
    in_district = [
        {"start": r.start[1], "end": r.end[1]}
        for rows in batch
        for r in rows.rels.get("IN_DISTRICT", ())
    ]
    if in_district:
        tx.run(_Q_WRITE_IN_DISTRICT, rows=in_district).consume()


def _merged_orgs(batch: list[DocumentRows]) -> list[dict[str, Any]]:
    """One row per org of the batch, as the documents one after the other would leave it:
    later properties over earlier ones (``SET o += props``), aliases in order of first
    use. A shared org is then written once per batch instead of once per document."""
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


def _create_documents(tx: neo4j.ManagedTransaction, batch: list[DocumentRows]) -> None:
    """One transaction for several documents absent when the load began (a uniqueness
    violation — someone created one meanwhile — fails it, and the caller falls back
    to one transaction per document)."""
    _write_rows(tx, batch)


def _replace_document(
    tx: neo4j.ManagedTransaction, rows: DocumentRows, force: bool, assume_new: bool
) -> str:
    """The per-document transaction function (idempotent, so the driver may retry it).

    ``assume_new``: the document was absent when the load began, so the version check is
    skipped; if another process created it since, ``CREATE (d:Document)`` violates the
    uniqueness constraint and the caller retries with ``assume_new=False``.
    """
    touched = None
    if not assume_new:
        rec = tx.run(_Q_VERSION, id=rows.doc_id).single()
        if rec is not None:
            if not force and _stored_version(rec) == rows.version:
                return "unchanged"
            touched = _delete_document(tx, rows.doc_id)
    _write_rows(tx, [rows])
    if touched is not None:
        _clean_up(tx, touched)
        return "updated"
    return "created"


def _stored_version(rec: Any) -> tuple[str, int, str]:
    """A stored document's (content hash, schema version, extractor), as
    :attr:`graph.model.DocumentRows.version` compares it."""
    return (rec["hash"], rec["version"], rec["extractor"] or "")


def _prune_document(tx: neo4j.ManagedTransaction, doc_id: str) -> None:
    _clean_up(tx, _delete_document(tx, doc_id))


class Store:
    """A connection to the graph database plus the operations the project needs.

    Use :func:`graph.store.open_store` to get one; it is a context manager.

    Attributes
    ----------
    driver: neo4j.Driver
        The official driver, for callers that need more than :meth:`read`.
    database: str | None
        Database name passed to every session (``None`` = the server's default).
    uri: str
        Bolt URI.
    kind: str
        ``"local"`` (the bundled ArcadeDB server) or ``"neo4j"`` (a server from NEO4J_URI).
    access: str
        ``"write"`` (load and import) or ``"read"`` (every page, audit and the console);
        a read store refuses every write before sending it (E219).
    read_enforced: bool
        True when the account itself is read-only on the server (the local server's
        reader; a Neo4j account from NEO4J_READ_USERNAME), False when only the session's
        READ mode stands between a query and a write.
    query_timeout: float | None
        The server's own limit on one statement, in seconds, when known (local server).
    """

    def __init__(
        self,
        driver: neo4j.Driver,
        *,
        database: str | None,
        uri: str,
        kind: str,
        on_close: Callable[[], None] | None = None,
        access: str = "write",
        read_enforced: bool = False,
        query_timeout: float | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.uri = uri
        self.kind = kind
        self.access = access
        self.read_enforced = read_enforced
        self.query_timeout = query_timeout
        self._on_close = on_close
        self._schema_ready = False
        self._closed = False

    # --- lifecycle ------------------------------------------------------------------
    def close(self) -> None:
        """Close the driver and release the local server (stopping it if this was its
        last user and it was started without ``serve``)."""
        if self._closed:
            return
        self._closed = True
        try:
            self.driver.close()
        finally:
            if self._on_close is not None:
                self._on_close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _unreachable(self, exc: Exception) -> ZerenError:
        return ZerenError(Errors.E201.format(uri=self.uri, reason=_reason(exc)))

    def _require_write(self, what: str) -> None:
        if self.access != "write":
            raise ZerenError(Errors.E219.format(what=what))

    # --- reads ----------------------------------------------------------------------
    def read(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Run a read-only query in a READ session's managed transaction.

        Parameters
        ----------
        cypher:
            The query; pass values as ``$name`` parameters, never by formatting.
        params:
            Parameter values.
        timeout:
            Seconds before the server aborts the transaction (``None`` = server default;
            the local server ignores it and applies its own ``query_timeout``).

        Returns
        -------
        list[dict]
            One dict per record (nodes and relationships become property dicts).
        """

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(cypher, params or {})]

        fn = neo4j.unit_of_work(timeout=timeout)(work) if timeout else work
        try:
            with self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                return session.execute_read(fn)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._unreachable(exc) from None

    def _write(self, cypher: str, params: dict[str, Any] | None = None) -> Any:
        self._require_write("write")

        def work(tx: neo4j.ManagedTransaction) -> Any:
            return tx.run(cypher, params or {}).single()

        with self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def stale_count(self, extractor: str | None = None) -> int:
        """How many stored documents an older extractor, vocabulary or row schema made.

        Parameters
        ----------
        extractor:
            The fingerprint to compare with (default: this extractor's,
            :func:`extract.version.fingerprint`).

        Returns
        -------
        int
            0 when the graph is as current as the extractor; otherwise ``python -m graph
            load`` on the same folders rewrites exactly these documents.
        """
        if extractor is None:
            from extract.version import fingerprint

            extractor = fingerprint()
        rows = self.read(_Q_STALE, {"extractor": extractor, "version": SCHEMA_VERSION})
        return int(rows[0]["n"]) if rows else 0

    def stats(self) -> dict[str, Any]:
        """Count nodes per label and relationships per type, and stale documents.

        Returns
        -------
        dict
            ``{"uri", "kind", "database", "nodes": {label: n}, "relationships": {type: n},
            "total_nodes", "total_relationships", "extractor", "stale_documents"}`` —
            ``stale_documents`` as :meth:`stale_count` for ``extractor`` (this one).
        """
        from extract.version import fingerprint

        nodes = {lbl: self.read(q)[0]["n"] for lbl, q in _Q_COUNT_NODES.items()}
        rels = {t: self.read(q)[0]["n"] for t, q in _Q_COUNT_RELS.items()}
        extractor = fingerprint()
        return {
            "uri": self.uri,
            "kind": self.kind,
            "database": self.database,
            "nodes": nodes,
            "relationships": rels,
            "total_nodes": sum(nodes.values()),
            "total_relationships": sum(rels.values()),
            "extractor": extractor,
            "stale_documents": self.stale_count(extractor),
        }

    def to_networkx(self) -> nx.MultiDiGraph:
        """Read the whole graph into networkx, with the same ids and keys as
        :func:`graph.model.build_graph` builds (so the two can be compared or exported).

        Returns
        -------
        networkx.MultiDiGraph
        """
        import networkx as nx

        g = nx.MultiDiGraph(schema_version=SCHEMA_VERSION)
        for lbl, q in _Q_ALL_NODES.items():
            for row in self.read(q):
                props = row["p"]
                g.add_node(node_id(lbl, props[NODE_KEYS[lbl]]), label=lbl, **props)
        for t, q in _Q_ALL_RELS.items():
            start, end = REL_ENDPOINTS[t]
            for row in self.read(q):
                g.add_edge(
                    node_id(start, row["a"]),
                    node_id(end, row["b"]),
                    key=edge_key(t, row["p"]),
                    type=t,
                    **row["p"],
                )
        return g

    # --- writes ---------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Create the uniqueness constraints (idempotent; runs before any MERGE).

        Raises
        ------
        ZerenError
            E219 on a read store, E201 (server gone), E218 (the server refused or failed,
            e.g. a full disk).
        """
        if self._schema_ready:
            return
        self._require_write("create the schema")
        try:
            for stmt in constraint_statements():
                self._write(stmt)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._unreachable(exc) from None
        except (Neo4jError, DriverError, OSError) as exc:
            raise ZerenError(Errors.E218.format(uri=self.uri, reason=_reason(exc))) from None
        self._schema_ready = True

    def clear(self) -> None:
        """Delete every node and relationship in the database (constraints stay).

        In batches, so no single statement runs into the server's statement timeout.
        """
        self._require_write("clear the graph")
        while self._write(_Q_CLEAR_BATCH, {"n": _CLEAR_BATCH})["n"]:
            pass

    def load_documents(
        self,
        documents: Iterable[Document],
        *,
        prune: bool = False,
        force: bool = False,
        progress: ProgressCallback | None = None,
    ) -> LoadReport:
        """Load documents, one transaction each; current ones are skipped.

        A stored document is current when its text (``content_hash``), the row schema
        (``schema_version``) and the extractor that made it (``extractor``) are all
        the same; otherwise it is rewritten (``report.stale`` lists the ones rewritten
        only because an older extractor or vocabulary had made them).

        Parameters
        ----------
        documents:
            Extracted documents. A repeated id keeps the first (warning W202).
        prune:
            Also delete stored documents whose id is not among ``documents``, and the
            orgs, deadlines and districts only they used.
        force:
            Rewrite documents even when they are current.
        progress:
            Called as ``progress(doc_id, status)`` after each document; status is
            ``created``, ``updated``, ``unchanged``, ``pruned`` or ``failed``.

        Returns
        -------
        LoadReport

        Raises
        ------
        ZerenError
            E219 on a read store; E201 when the server becomes unreachable (the load
            stops; documents already committed stay); E218 (schema).
        """
        t0 = time.perf_counter()
        report = LoadReport()
        docs, report.warnings = unique_documents(documents)
        self.ensure_schema()
        # One read up front: current documents then cost no transaction at all and new
        # ones skip the in-transaction version check.
        stored = {r["id"]: _stored_version(r) for r in self.read(_Q_ALL_VERSIONS)}
        todo = []
        for doc in docs:
            if force or stored.get(doc.id) != _version(doc):
                todo.append(doc)
            else:
                report.unchanged.append(doc.id)
                _notify(progress, doc.id, "unchanged")
        with self.driver.session(database=self.database) as session, _rows_ahead(todo) as built:
            batch = _Batch()
            for doc, rows in built:
                if isinstance(rows, Exception):  # a value the graph cannot hold
                    message = Errors.E208.format(doc=doc.id, reason=_reason(rows))
                    report.failed.append((doc.id, message))
                    _notify(progress, doc.id, "failed")
                elif doc.id in stored:  # changed: deleted and rewritten in its own transaction
                    report.warnings.extend(rows.warnings)
                    self._flush(session, batch, report, progress)  # keep the input order
                    status = self._load_one(session, doc, force, stored[doc.id], report, rows)
                    _notify(progress, doc.id, status)
                else:  # new: written with its batch, reported when the batch is
                    report.warnings.extend(rows.warnings)
                    batch.add(doc, rows)
                    if batch.full:
                        self._flush(session, batch, report, progress)
            self._flush(session, batch, report, progress)
            if prune:
                self._prune(session, {d.id for d in docs}, report, progress)
        from graph import aggregates  # per-org/document counts the app reads (issue 11)

        aggregates.refresh_after_load(self, report)
        report.seconds = time.perf_counter() - t0
        return report

    def _flush(
        self,
        session: neo4j.Session,
        batch: _Batch,
        report: LoadReport,
        progress: ProgressCallback | None,
    ) -> None:
        """Write the batch of new documents in one transaction; if it fails, write them
        one transaction each, so that a bad document fails alone."""
        if not batch.rows:
            return
        docs, rows = batch.take()
        try:
            session.execute_write(_create_documents, rows)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._unreachable(exc) from None
        except (Neo4jError, DriverError, TypeError, ValueError):
            for doc, one in zip(docs, rows, strict=True):
                _notify(progress, doc.id, self._load_one(session, doc, False, None, report, one))
            return
        for doc, one in zip(docs, rows, strict=True):
            _count_written(report, "created", doc.id, one)
            _notify(progress, doc.id, "created")

    def _prune(
        self,
        session: neo4j.Session,
        keep: set[str],
        report: LoadReport,
        progress: ProgressCallback | None,
    ) -> None:
        for doc_id in [r["id"] for r in self.read(_Q_ALL_DOC_IDS)]:
            if doc_id in keep:
                continue
            try:
                session.execute_write(_prune_document, doc_id)
            except (ServiceUnavailable, SessionExpired) as exc:
                raise self._unreachable(exc) from None
            except (Neo4jError, DriverError) as exc:
                report.failed.append((doc_id, _reason(exc)))
                status = "failed"
            else:
                report.pruned.append(doc_id)
                status = "pruned"
            _notify(progress, doc_id, status)

    def _load_one(
        self,
        session: neo4j.Session,
        doc: Document,
        force: bool,
        stored: tuple[str, int, str] | None,
        report: LoadReport,
        rows: DocumentRows,
    ) -> str:
        """One document in its own transaction (its rows built, their warnings reported)."""
        try:
            try:
                status = session.execute_write(_replace_document, rows, force, stored is None)
            except ConstraintError:
                if stored is not None:
                    raise
                # Created by someone else since the load began (or a task id clash,
                # which fails again here and is reported).
                status = session.execute_write(_replace_document, rows, force, False)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._unreachable(exc) from None
        except (Neo4jError, DriverError, TypeError, ValueError) as exc:
            # TypeError/ValueError: a value the driver cannot send (raised client-side
            # inside the transaction, which is then rolled back like a server error).
            report.failed.append((doc.id, Errors.E208.format(doc=doc.id, reason=_reason(exc))))
            return "failed"
        if status == "unchanged":
            report.unchanged.append(doc.id)
        else:
            _count_written(report, status, doc.id, rows)
            if status == "updated" and not force and stored is not None \
                    and stored[0] == doc.content_hash:
                report.stale.append(doc.id)
        return status


# New documents written in one transaction: at most this many relationships (a batch
# amortises the transaction and statement costs; ~5x faster than one per document).
_BATCH_RELS = 4000
_BATCH_DOCS = 200


class _Batch:
    """New documents waiting to be written together (their rows already built)."""

    def __init__(self) -> None:
        self.docs: list[Document] = []
        self.rows: list[DocumentRows] = []
        self.rels = 0

    def add(self, doc: Document, rows: DocumentRows) -> None:
        self.docs.append(doc)
        self.rows.append(rows)
        self.rels += rows.rel_count

    @property
    def full(self) -> bool:
        return self.rels >= _BATCH_RELS or len(self.docs) >= _BATCH_DOCS

    def take(self) -> tuple[list[Document], list[DocumentRows]]:
        docs, rows = self.docs, self.rows
        self.docs, self.rows, self.rels = [], [], 0
        return docs, rows


def _version(doc: Document) -> tuple[str, int, str]:
    return (doc.content_hash, SCHEMA_VERSION, doc.extractor)


_AHEAD = 400  # documents whose rows are built ahead of the one being written


@contextlib.contextmanager
def _rows_ahead(
    docs: list[Document],
) -> Iterator[Iterator[tuple[Document, DocumentRows | Exception]]]:
    """``(doc, its rows or the error building them)`` in order, built by a thread a few
    hundred documents ahead: the rows of the next batch are made while the server
    writes this one (the driver waits on its socket without holding the GIL)."""
    out: queue.Queue[tuple[Document, DocumentRows | Exception] | None] = queue.Queue(_AHEAD)
    stop = threading.Event()

    def build() -> None:
        try:
            for doc in docs:
                if stop.is_set():
                    return
                try:
                    item: DocumentRows | Exception = document_rows(doc)
                except Exception as exc:  # that document fails, not the whole load
                    item = exc
                out.put((doc, item))
        finally:
            out.put(None)

    def items() -> Iterator[tuple[Document, DocumentRows | Exception]]:
        while (item := out.get()) is not None:
            yield item

    worker = threading.Thread(target=build, name="zeren-rows", daemon=True)
    worker.start()
    try:
        yield items()
    finally:
        stop.set()
        while worker.is_alive():  # let it finish its current put
            with contextlib.suppress(queue.Empty):
                out.get(timeout=0.05)


def _notify(progress: ProgressCallback | None, doc_id: str, status: str) -> None:
    if progress is not None:
        progress(doc_id, status)


def _count_written(report: LoadReport, status: str, doc_id: str, rows: DocumentRows) -> None:
    (report.created if status == "created" else report.updated).append(doc_id)
    report.nodes_written += rows.node_count
    # IN_DISTRICT edges are shared by documents and MERGEd: not counted.
    report.rels_written += rows.rel_count - len(rows.rels.get("IN_DISTRICT", ()))


def _reason(exc: BaseException) -> str:
    """A one-line reason for a user message (driver errors can be long and nested)."""
    msg = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(msg).split())[:300]
