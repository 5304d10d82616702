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

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import neo4j
import networkx as nx
from neo4j.exceptions import (
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

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

__all__ = ["LoadReport", "ProgressCallback", "Store"]

ProgressCallback = Callable[[str, str], None]
"""Called after each document with (document id, status)."""

_ROLE_PATTERN = "|".join(ROLE_REL_TYPES)

# --- read the stored version ---------------------------------------------------------
_Q_VERSION = (
    "MATCH (d:Document {id: $id}) RETURN d.content_hash AS hash, d.schema_version AS version"
)
_Q_ALL_DOC_IDS = "MATCH (d:Document) RETURN d.id AS id"
_Q_ALL_VERSIONS = (
    "MATCH (d:Document) RETURN d.id AS id, d.content_hash AS hash, d.schema_version AS version"
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
_Q_WRITE_DOC = "CREATE (d:Document) SET d = $props WITH d "
# The issuer's description is set only when the org is new: an assignment elsewhere
# that names the same org knows its kind better than "it issued a document".
_Q_WRITE_DOC_ISSUER = (
    "MERGE (o:Org {name: $issuer.name}) ON CREATE SET o += $issuer "
    "CREATE (d)-[:ISSUED_BY]->(o) WITH d "
)
_Q_WRITE_DOC_TASKS = (
    "UNWIND $tasks AS r CREATE (t:Task"
    + " {"
    + ", ".join(f"{n}: r.{n}" for n in TASK_PROPS)
    + "}"
    + ") CREATE (t)<-[:HAS_TASK]-(d)"
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


@dataclass
class LoadReport:
    """What :meth:`Store.load_documents` did.

    Attributes
    ----------
    created, updated, unchanged, pruned:
        Document ids, by outcome.
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


def _write_rows(tx: neo4j.ManagedTransaction, rows: DocumentRows) -> None:
    """Write one document's rows; the document must not exist (deleted just before)."""
    query = _Q_WRITE_DOC + (_Q_WRITE_DOC_ISSUER if rows.issuer is not None else "")
    query += _Q_WRITE_DOC_TASKS
    tx.run(
        query, props=rows.nodes["Document"][0], issuer=rows.issuer, tasks=rows.nodes["Task"]
    ).consume()
    if rows.nodes["Org"]:
        data = [
            {
                "name": o["name"],
                "props": {k: v for k, v in o.items() if k != "aliases"},
                "aliases": o["aliases"],
            }
            for o in rows.nodes["Org"]
        ]
        tx.run(_Q_WRITE_ORGS, rows=data).consume()
    deadlines = {d["key"]: d for d in rows.nodes["Deadline"]}
    for rtype, q in _Q_TASK_RELS.items():
        rels = rows.rels.get(rtype)
        if not rels:
            continue
        data = [{**r.props, "start": r.start[1], "end": r.end[1]} for r in rels]
        if rtype == "DUE_BY":
            for row in data:
                node = deadlines[row["end"]]
                row["d_date"], row["d_kind"] = node.get("date"), node.get("kind")
        tx.run(q, rows=data).consume()
    in_district = rows.rels.get("IN_DISTRICT")
    if in_district:
        data = [{"start": r.start[1], "end": r.end[1]} for r in in_district]
        tx.run(_Q_WRITE_IN_DISTRICT, rows=data).consume()


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
            if not force and rec["hash"] == rows.content_hash and rec["version"] == SCHEMA_VERSION:
                return "unchanged"
            touched = _delete_document(tx, rows.doc_id)
    _write_rows(tx, rows)
    if touched is not None:
        _clean_up(tx, touched)
        return "updated"
    return "created"


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
        ``"write"`` (load and import) or ``"read"`` (every page, audit and the console).
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
    ) -> None:
        self.driver = driver
        self.database = database
        self.uri = uri
        self.kind = kind
        self.access = access
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
            Seconds before the server aborts the transaction (``None`` = server default).

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

    def _write(self, cypher: str, params: dict[str, Any] | None = None) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(cypher, params or {}).consume()

        with self.driver.session(database=self.database) as session:
            session.execute_write(work)

    def stats(self) -> dict[str, Any]:
        """Count nodes per label and relationships per type.

        Returns
        -------
        dict
            ``{"uri", "kind", "database", "nodes": {label: n}, "relationships": {type: n},
            "total_nodes", "total_relationships"}``.
        """
        nodes = {
            lbl: self.read(f"MATCH (n:{label(lbl)}) RETURN count(n) AS n")[0]["n"] for lbl in LABELS
        }
        rels = {
            t: self.read(f"MATCH ()-[r:{rel_type(t)}]->() RETURN count(r) AS n")[0]["n"]
            for t in REL_TYPES
        }
        return {
            "uri": self.uri,
            "kind": self.kind,
            "database": self.database,
            "nodes": nodes,
            "relationships": rels,
            "total_nodes": sum(nodes.values()),
            "total_relationships": sum(rels.values()),
        }

    def to_networkx(self) -> nx.MultiDiGraph:
        """Read the whole graph into networkx, with the same ids and keys as
        :func:`graph.model.build_graph` builds (so the two can be compared or exported).

        Returns
        -------
        networkx.MultiDiGraph
        """
        g = nx.MultiDiGraph(schema_version=SCHEMA_VERSION)
        for lbl in LABELS:
            for row in self.read(f"MATCH (n:{label(lbl)}) RETURN properties(n) AS p"):
                props = row["p"]
                g.add_node(node_id(lbl, props[NODE_KEYS[lbl]]), label=lbl, **props)
        for t, (start, end) in REL_ENDPOINTS.items():
            q = (
                f"MATCH (a:{start})-[r:{t}]->(b:{end}) "
                f"RETURN a.{NODE_KEYS[start]} AS a, b.{NODE_KEYS[end]} AS b, "
                "properties(r) AS p"
            )
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
        """Create the uniqueness constraints (idempotent; runs before any MERGE)."""
        if self._schema_ready:
            return
        try:
            for stmt in constraint_statements():
                self._write(stmt)
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._unreachable(exc) from None
        self._schema_ready = True

    def clear(self) -> None:
        """Delete every node and relationship in the database (constraints stay)."""
        self._write("MATCH (n) DETACH DELETE n")

    def load_documents(
        self,
        documents: Iterable[Document],
        *,
        prune: bool = False,
        force: bool = False,
        progress: ProgressCallback | None = None,
    ) -> LoadReport:
        """Load documents, one transaction each; unchanged ones are skipped.

        Parameters
        ----------
        documents:
            Extracted documents. A repeated id keeps the first (warning W202).
        prune:
            Also delete stored documents whose id is not among ``documents``, and the
            orgs, deadlines and districts only they used.
        force:
            Rewrite documents even when their content hash is unchanged.
        progress:
            Called as ``progress(doc_id, status)`` after each document; status is
            ``created``, ``updated``, ``unchanged``, ``pruned`` or ``failed``.

        Returns
        -------
        LoadReport

        Raises
        ------
        ZerenError
            E201 when the server becomes unreachable (the load stops; documents already
            committed stay).
        """
        t0 = time.perf_counter()
        report = LoadReport()
        docs, report.warnings = unique_documents(documents)
        self.ensure_schema()
        # One read up front: unchanged documents then cost no transaction at all and new
        # ones skip the in-transaction version check.
        stored = {r["id"]: (r["hash"], r["version"]) for r in self.read(_Q_ALL_VERSIONS)}
        with self.driver.session(database=self.database) as session:
            for doc in docs:
                status = self._load_one(session, doc, force, stored.get(doc.id), report)
                if progress is not None:
                    progress(doc.id, status)
            if prune:
                keep = {d.id for d in docs}
                stored = [r["id"] for r in self.read(_Q_ALL_DOC_IDS)]
                for doc_id in stored:
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
                    if progress is not None:
                        progress(doc_id, status)
        from graph import aggregates  # per-org/document counts the app reads (issue 11)

        aggregates.refresh_after_load(self, report)
        report.seconds = time.perf_counter() - t0
        return report

    def _load_one(
        self,
        session: neo4j.Session,
        doc: Document,
        force: bool,
        stored: tuple[str, int] | None,
        report: LoadReport,
    ) -> str:
        if not force and stored == (doc.content_hash, SCHEMA_VERSION):
            report.unchanged.append(doc.id)
            return "unchanged"
        try:
            rows = document_rows(doc)
            report.warnings.extend(rows.warnings)
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
            (report.created if status == "created" else report.updated).append(doc.id)
            report.nodes_written += rows.node_count
            report.rels_written += rows.rel_count - len(rows.rels.get("IN_DISTRICT", ()))
        return status


def _reason(exc: BaseException) -> str:
    """A one-line reason for a user message (driver errors can be long and nested)."""
    msg = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(msg).split())[:300]
