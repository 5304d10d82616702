"""Write and read the responsibility graph over Bolt (Neo4j 5, or the local ArcadeDB).

Portable Cypher only — no APOC, no vendor procedures — so the same statements run on a
real Neo4j 5 and on the bundled local server. Every value travels as a ``$parameter``;
labels and relationship types come from :mod:`graph.schema`'s allow-lists.

Loading (:meth:`Store.load_documents`):

0. before the loop, one read of every stored ``(id, content_hash, schema_version,
   extractor)``: an unchanged document is skipped without a transaction;
1. new documents are written in batches, one managed write transaction
   (``session.execute_write``) and two statements per batch
   (:mod:`graph.batch_write`: the shared nodes MERGEd once, then every document, task
   and relationship CREATEd from bound variables); a thread builds the rows and the
   parameters of the next batches while the server writes this one;
2. a document that is stored but changed gets a transaction of its own: re-read its
   version, delete the document, its tasks and every relationship they have, write its
   rows as a batch of one, then recompute the aliases of orgs that lost edges and
   delete Orgs / Deadlines / Districts that no longer connect to anything;
3. if a batch fails, its documents are written one transaction each, so a document that
   fails is rolled back whole and the others still load.

A document absent at step 0 skips the in-transaction re-read; if another process
created it meanwhile, the uniqueness constraint fails the CREATE and the document is
retried through step 2.
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

from collector import calm_collector
from errors import Errors, ZerenError
from extract.models import Document
from graph import batch_write
from graph.model import (
    DocumentRows,
    document_rows,
    edge_key,
    stored_version,
    unique_documents,
)
from graph.schema import (
    LABELS,
    NODE_KEYS,
    REL_ENDPOINTS,
    REL_TYPES,
    ROLE_REL_TYPES,
    SCHEMA_VERSION,
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
        "write_shared": batch_write.Q_WRITE_SHARED,
        "write_documents": batch_write.Q_WRITE_DOCUMENTS,
        "clear_batch": _Q_CLEAR_BATCH,
    }
    out.update({f"count_nodes:{k}": q for k, q in _Q_COUNT_NODES.items()})
    out.update({f"count_rels:{k}": q for k, q in _Q_COUNT_RELS.items()})
    out.update({f"all_nodes:{k}": q for k, q in _Q_ALL_NODES.items()})
    out.update({f"all_rels:{k}": q for k, q in _Q_ALL_RELS.items()})
    out.update({f"constraint:{i}": q for i, q in enumerate(constraint_statements())})
    from graph import aggregates  # the figures each load refreshes

    out.update({f"figures:{k}": q for k, q in aggregates.statements().items()})
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


def _create_documents(tx: neo4j.ManagedTransaction, params: batch_write.WriteParams) -> None:
    """One transaction for several documents absent when the load began (a uniqueness
    violation — someone created one meanwhile — fails it, and the caller falls back
    to one transaction per document)."""
    batch_write.write_rows(tx, params)


def _replace_document(
    tx: neo4j.ManagedTransaction,
    rows: DocumentRows,
    params: batch_write.WriteParams,
    force: bool,
    assume_new: bool,
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
            if not force and stored_version(rec) == rows.version:
                return "unchanged"
            touched = _delete_document(tx, rows.doc_id)
    batch_write.write_rows(tx, params)
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
        with calm_collector():
            return self._load(documents, prune, force, progress)

    def _load(
        self,
        documents: Iterable[Document],
        prune: bool,
        force: bool,
        progress: ProgressCallback | None,
    ) -> LoadReport:
        t0 = time.perf_counter()
        report = LoadReport()
        docs, report.warnings = unique_documents(documents)
        self.ensure_schema()
        # One read up front: current documents then cost no transaction at all and new
        # ones skip the in-transaction version check.
        stored = {r["id"]: stored_version(r) for r in self.read(_Q_ALL_VERSIONS)}
        todo = []
        # id -> (version, the figures' task rows), made by the row thread: the figures
        # of what this load writes are counted without reading it back.
        figure_rows: dict[str, tuple[tuple[str, int, str], list[dict[str, Any]]]] = {}
        counted: list[Any] = []  # (ids, aggregates.count of figure_rows), by the row thread
        for doc in docs:
            if force or stored.get(doc.id) != _version(doc):
                todo.append(doc)
            else:
                report.unchanged.append(doc.id)
                _notify(progress, doc.id, "unchanged")
        with self.driver.session(database=self.database) as session, \
                _steps_ahead(todo, stored.keys(), figure_rows, counted) as steps:
            for step in steps:
                if step.error is not None:  # a value the graph cannot hold
                    doc = step.docs[0]
                    message = Errors.E208.format(doc=doc.id, reason=_reason(step.error))
                    report.failed.append((doc.id, message))
                    _notify(progress, doc.id, "failed")
                    continue
                for rows in step.rows:
                    report.warnings.extend(rows.warnings)
                if step.params is None and len(step.docs) == 1 and step.docs[0].id in stored:
                    # changed: deleted and rewritten in its own transaction
                    doc = step.docs[0]
                    status = self._load_one(session, doc, force, stored[doc.id], report,
                                            step.rows[0])
                    _notify(progress, doc.id, status)
                else:  # new documents, reported when their batch is written
                    self._flush(session, step, report, progress)
            if prune:
                self._prune(session, {d.id for d in docs}, report, progress)
        from graph import aggregates  # per-org/document counts the app reads (issue 11)

        written = {i: figure_rows[i] for i in (*report.created, *report.updated)}
        aggregates.refresh_after_load(self, report, written, counted[0] if counted else None)
        report.seconds = time.perf_counter() - t0
        return report

    def _flush(
        self,
        session: neo4j.Session,
        step: _Step,
        report: LoadReport,
        progress: ProgressCallback | None,
    ) -> None:
        """Write a batch of new documents in one transaction; if it fails (or its
        parameters could not be built), write them one transaction each, so that a bad
        document fails alone."""
        if step.params is not None:
            try:
                session.execute_write(_create_documents, step.params)
            except (ServiceUnavailable, SessionExpired) as exc:
                raise self._unreachable(exc) from None
            except (Neo4jError, DriverError, TypeError, ValueError):
                pass
            else:
                for doc, one in zip(step.docs, step.rows, strict=True):
                    _count_written(report, "created", doc.id, one)
                    _notify(progress, doc.id, "created")
                return
            finally:
                # The driver's results keep their parameters, in reference cycles only a
                # full collection frees (none runs during a load): empty them here. The
                # fallback below builds its own.
                for value in (*step.params.shared.values(), *step.params.documents.values()):
                    value.clear()
        for doc, one in zip(step.docs, step.rows, strict=True):
            _notify(progress, doc.id, self._load_one(session, doc, False, None, report, one))

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
            params = batch_write.write_params([rows])
            try:
                status = session.execute_write(
                    _replace_document, rows, params, force, stored is None
                )
            except ConstraintError:
                if stored is not None:
                    raise
                # Created by someone else since the load began (or a task id clash,
                # which fails again here and is reported).
                status = session.execute_write(_replace_document, rows, params, force, False)
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


@dataclass
class _Step:
    """One step of a load, prepared by :func:`_steps_ahead`.

    Exactly one of: ``error`` (the document's rows could not be built); ``params``
    (a batch of new documents and the parameters that write them); neither (a stored
    document to replace, or a batch whose parameters could not be built: its documents
    are then written one by one).
    """

    docs: list[Document]
    rows: list[DocumentRows] = field(default_factory=list)
    params: batch_write.WriteParams | None = None
    error: Exception | None = None


_AHEAD = 8  # steps (batches, replaced documents) prepared ahead of the one being written


@contextlib.contextmanager
def _steps_ahead(
    docs: list[Document],
    stored: Iterable[str],
    figure_rows: dict[str, tuple[tuple[str, int, str], list[dict[str, Any]]]],
    counted: list[Any],
) -> Iterator[Iterator[_Step]]:
    """The load's steps in input order, prepared by a thread a few batches ahead: the
    rows and parameters of the next batches are made while the server writes this one
    (the driver waits on its socket without holding the GIL).

    New documents are grouped into batches; a stored document (to be replaced) ends
    the batch before it, so documents are written in input order. ``figure_rows`` gets
    each document's version and :func:`graph.aggregates.task_rows` (complete once the
    steps are); then ``counted`` gets their :func:`graph.aggregates.count`, made while the
    last batches are written.
    """
    from graph import aggregates
    stored = set(stored)
    out: queue.Queue[_Step | None] = queue.Queue(_AHEAD)
    stop = threading.Event()

    def build() -> None:
        batch = _Batch()

        def flush() -> None:
            if batch.rows:
                docs, rows = batch.take()
                try:
                    params: batch_write.WriteParams | None = batch_write.write_params(rows)
                except Exception:  # each document then fails (or loads) alone
                    params = None
                out.put(_Step(docs, rows, params))

        try:
            for doc in docs:
                if stop.is_set():
                    return
                try:
                    rows = document_rows(doc)
                except Exception as exc:  # that document fails, not the whole load
                    out.put(_Step([doc], error=exc))
                    continue
                figure_rows[doc.id] = (rows.version, aggregates.task_rows(rows))
                if doc.id in stored:
                    flush()
                    out.put(_Step([doc], [rows]))
                else:
                    batch.add(doc, rows)
                    if batch.full:
                        flush()
            flush()
            if not stop.is_set():
                rows = [row for _, tasks in figure_rows.values() for row in tasks]
                counted.append((frozenset(figure_rows), aggregates.count(rows)))
        finally:
            out.put(None)

    def items() -> Iterator[_Step]:
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
