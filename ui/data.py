"""The app's store connection and its read queries (plain functions plus a cache).

Every ``fetch_*`` function takes an open :class:`graph.Store` first and returns plain
Python values, so tests and ``benchmarks/bench_app.py`` can call them directly; pages call
them through :func:`cached`, which keys Streamlit's data cache on the store's address.
Every Cypher statement here takes user input as ``$parameters`` only; the few labels that
reach a query string come from :mod:`graph.schema`'s allow-lists.

Connection settings come from the environment (and a ``.env`` file) exactly as
:func:`graph.store.open_store` reads them: ``NEO4J_URI`` (unset = the built-in local
server), ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``. ``ZEREN_AUTOLOAD=0``
turns off loading the bundled corpus into an empty store on first start.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
import streamlit as st
from dotenv import load_dotenv
from neo4j.exceptions import ClientError, DriverError, Neo4jError, ServiceUnavailable

from errors import Errors, ZerenError
from graph import LoadReport, Store, open_store
from graph.schema import NODE_KEYS, label
from queries import AuditResult, run_audit

__all__ = [
    "CORPUS_DIR",
    "ROLE_LABELS",
    "ROLE_OF_REL",
    "ROOT",
    "ConsoleResult",
    "Settings",
    "cached",
    "clear_caches",
    "corpus_path",
    "drop_connection",
    "ensure_corpus",
    "fetch_counts",
    "fetch_deadline_months",
    "fetch_document_graph",
    "fetch_document_tasks",
    "fetch_documents",
    "fetch_expand",
    "fetch_filter_options",
    "fetch_graph",
    "fetch_org_candidates",
    "fetch_org_neighbourhood",
    "fetch_org_profile",
    "fetch_task",
    "fetch_tasks",
    "fetch_workload",
    "get_store",
    "run_audit_rows",
    "run_console",
    "settings",
]

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "data" / "corpus"

ROLE_OF_REL: dict[str, str] = {
    "LEADS": "lead",
    "RESPONSIBLE_FOR": "responsible",
    "ASSISTS": "assist",
}
ROLE_LABELS: dict[str, str] = {
    "lead": "牵头 lead",
    "responsible": "责任 responsible",
    "assist": "协办 assist",
}
QUERY_TIMEOUT = 20.0  # seconds, for the app's own queries


# --- connection ----------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Where the app's store is (from the environment; ``uri=None`` = local server)."""

    uri: str | None
    username: str | None
    password: str | None
    database: str | None

    @property
    def key(self) -> str:
        """A cache key naming the store (never includes the password)."""
        return f"{self.uri or 'local'}|{self.username or ''}|{self.database or ''}"


def settings() -> Settings:
    """Read the connection settings (environment first, then ``.env`` in the repo root).

    Returns
    -------
    Settings
    """
    env_file = ROOT / ".env"
    if env_file.is_file():
        load_dotenv(env_file, override=False)
    return Settings(
        uri=os.environ.get("NEO4J_URI") or None,
        username=os.environ.get("NEO4J_USERNAME") or None,
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )


@st.cache_resource(show_spinner=False)
def _connect(uri: str | None, username: str | None, password: str | None, db: str | None) -> Store:
    # One store per process and settings; a failure is not cached, so a refresh retries.
    store = open_store(uri, username=username, password=password, database=db, env_file=None)
    # Closing releases the local server (stopped when the app was its last user).
    atexit.register(store.close)
    return store


def get_store() -> Store:
    """The app's store, connected once per process.

    Returns
    -------
    Store

    Raises
    ------
    ZerenError
        E201/E202 (unreachable, login refused) or E203-E211 (local server start-up).
    """
    s = settings()
    return _connect(s.uri, s.username, s.password, s.database)


def drop_connection() -> None:
    """Forget the cached store (after the server went away) so the next run reconnects."""
    _connect.clear()


def ensure_corpus(store: Store) -> LoadReport | None:
    """Load the bundled corpus when the store holds no document (first start).

    Parameters
    ----------
    store:
        The app's store.

    Returns
    -------
    LoadReport | None
        The load's report, or ``None`` when nothing was loaded.
    """
    if os.environ.get("ZEREN_AUTOLOAD", "1") == "0":
        return None
    if store.read("MATCH (d:Document) RETURN d.id AS id LIMIT 1"):
        return None
    from extract import extract_paths

    result = extract_paths([corpus_path()])
    return store.load_documents(result.documents)


def corpus_path() -> Path:
    """The bundled corpus folder, relative (``data/corpus``) when the app runs from the
    repository root, so stored ``source_file`` values match ``python -m graph load data/``.

    Returns
    -------
    Path
    """
    return CORPUS_DIR.relative_to(ROOT) if Path.cwd().resolve() == ROOT else CORPUS_DIR


def _fn_registry() -> dict[str, Callable[..., Any]]:
    return {
        name: obj
        for name, obj in globals().items()
        if (name.startswith("fetch_") or name == "run_audit_rows") and callable(obj)
    }


@st.cache_data(ttl=3600, show_spinner=False, max_entries=1024)
def _cached_call(name: str, key: str, args: tuple[Any, ...], kwargs: tuple[Any, ...]) -> Any:
    return _fn_registry()[name](get_store(), *args, **dict(kwargs))


def cached(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn(get_store(), *args, **kwargs)`` through Streamlit's data cache.

    Parameters
    ----------
    fn:
        One of this module's ``fetch_*`` functions (or :func:`run_audit_rows`).
    *args, **kwargs:
        Its arguments after the store (hashable values, lists or dicts).

    Returns
    -------
    Whatever ``fn`` returns (a copy from the cache).
    """
    return _cached_call(fn.__name__, settings().key, args, tuple(sorted(kwargs.items())))


def clear_caches() -> None:
    """Drop every cached query result (after an import changed the graph)."""
    _cached_call.clear()


def _read(store: Store, cypher: str, **params: Any) -> list[dict[str, Any]]:
    return store.read(cypher, params, timeout=QUERY_TIMEOUT)


# --- overview ------------------------------------------------------------------------

_Q_COUNTS = """
MATCH (d:Document) WITH count(d) AS documents
OPTIONAL MATCH (t:Task) WITH documents, count(t) AS tasks
OPTIONAL MATCH (o:Org) WITH documents, tasks, count(o) AS orgs
OPTIONAL MATCH (:Org)-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]->(:Task)
RETURN documents, tasks, orgs, count(r) AS assignments
"""


def fetch_counts(store: Store) -> dict[str, int]:
    """Documents, tasks, organisations and assignments (role edges) in the graph.

    Parameters
    ----------
    store:
        The store.

    Returns
    -------
    dict[str, int]
        Keys ``documents``, ``tasks``, ``orgs``, ``assignments``.
    """
    rows = _read(store, _Q_COUNTS)
    if not rows:
        return {"documents": 0, "tasks": 0, "orgs": 0, "assignments": 0}
    return {k: int(v or 0) for k, v in rows[0].items()}


def run_audit_rows(store: Store, name: str, params: dict[str, Any]) -> AuditResult:
    """Run one audit from :mod:`queries` (parameters converted by the registry).

    Parameters
    ----------
    store:
        The store.
    name:
        Audit name.
    params:
        Raw parameter values.

    Returns
    -------
    AuditResult
    """
    return run_audit(store, name, params, timeout=QUERY_TIMEOUT)


def fetch_workload(store: Store, limit: int = 200) -> list[dict[str, Any]]:
    """Tasks per organisation and role (the ``workload_by_org`` audit).

    Parameters
    ----------
    store:
        The store.
    limit:
        At most this many organisations, busiest first.

    Returns
    -------
    list[dict]
        ``org, kind, lead, responsible, assist, total``.
    """
    return run_audit_rows(store, "workload_by_org", {"limit": limit}).rows


_Q_DEADLINE_MONTHS = """
MATCH (t:Task)-[r:DUE_BY]->(dl:Deadline)
WHERE dl.date IS NOT NULL AND r.final = true
RETURN substring(dl.date, 0, 7) AS month, count(DISTINCT t) AS tasks
ORDER BY month
"""
_Q_UNDATED = """
MATCH (t:Task)-[r:DUE_BY]->(dl:Deadline)
WHERE dl.date IS NULL
RETURN coalesce(r.kind, dl.kind) AS kind, count(DISTINCT t) AS tasks
"""


def fetch_deadline_months(store: Store) -> dict[str, Any]:
    """Tasks per month of their final dated deadline, and undated commitments by kind.

    Parameters
    ----------
    store:
        The store.

    Returns
    -------
    dict
        ``{"months": [{"month": "2017-10", "tasks": n}], "undated": {"open": n, …}}``.
    """
    months = _read(store, _Q_DEADLINE_MONTHS)
    undated = {r["kind"]: r["tasks"] for r in _read(store, _Q_UNDATED)}
    return {"months": months, "undated": undated}


# --- organisations -------------------------------------------------------------------

_Q_ORG_CANDIDATES = """
MATCH (o:Org)
WHERE $q = '' OR o.name CONTAINS $q OR any(a IN coalesce(o.aliases, []) WHERE a CONTAINS $q)
OPTIONAL MATCH (o)-[:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)
WITH o, count(DISTINCT t) AS tasks,
     CASE WHEN o.name = $q THEN 0 WHEN $q IN coalesce(o.aliases, []) THEN 1
          WHEN o.name CONTAINS $q THEN 2 ELSE 3 END AS rank
RETURN o.name AS name, o.kind AS kind, coalesce(o.aliases, []) AS aliases, tasks, rank
ORDER BY rank, tasks DESC, size(o.name), name
LIMIT $limit
"""


def fetch_org_candidates(store: Store, q: str, limit: int = 50) -> list[dict[str, Any]]:
    """Organisations matching a spelling: canonical name or alias, exact before partial.

    Parameters
    ----------
    store:
        The store.
    q:
        Any spelling (``市工商局``, ``工商``); empty lists every organisation.
    limit:
        At most this many.

    Returns
    -------
    list[dict]
        ``name, kind, aliases, tasks, rank`` (0 exact name, 1 exact alias, 2/3 partial),
        best first and, within a rank, busiest first.
    """
    return _read(store, _Q_ORG_CANDIDATES, q=q.strip(), limit=limit)


def fetch_org_profile(store: Store, name: str) -> list[dict[str, Any]]:
    """Every task an organisation is on (the ``org_profile`` audit, exact name).

    Parameters
    ----------
    store:
        The store.
    name:
        Canonical organisation name.

    Returns
    -------
    list[dict]
        ``org, role, mention, doc, task_id, text, deadlines, partners, file,
        line_start, line_end``.
    """
    return run_audit_rows(store, "org_profile", {"name": name}).rows


_Q_GRAPH_ROWS = (
    "RETURN labels(a)[0] AS la, properties(a) AS pa, type(r) AS t, properties(r) AS pr, "
    "labels(b)[0] AS lb, properties(b) AS pb"
)
_Q_ORG_NEIGHBOURHOOD = f"""
MATCH (c:Org {{name: $name}})-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)
WITH c, r, t LIMIT $limit
WITH collect({{a: c, r: r, b: t}}) AS own, collect(t) AS tasks
UNWIND tasks AS t
OPTIONAL MATCH (p:Org)-[r2:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t)
WITH own, collect({{a: p, r: r2, b: t}}) AS partners
UNWIND own + [x IN partners WHERE x.a IS NOT NULL] AS e
WITH DISTINCT e.a AS a, e.r AS r, e.b AS b
{_Q_GRAPH_ROWS}
"""


def fetch_org_neighbourhood(store: Store, name: str, limit: int = 40) -> list[dict[str, Any]]:
    """An organisation, its tasks (at most ``limit``) and the other owners of those tasks.

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
    list[dict]
        Edge rows ``la, pa, t, pr, lb, pb`` (labels, properties, type) for
        :func:`ui.graphview.elements_from_rows`.
    """
    return _read(store, _Q_ORG_NEIGHBOURHOOD, name=name, limit=limit)


# --- tasks ---------------------------------------------------------------------------

_Q_FILTER_DOCS = """
MATCH (d:Document)
RETURN d.id AS id, coalesce(d.number, d.id) AS number, d.title AS title, d.date AS date
ORDER BY d.source_file, d.line_start
"""
_Q_FILTER_ORGS = """
MATCH (o:Org)-[:LEADS|RESPONSIBLE_FOR|ASSISTS]->(t:Task)
RETURN o.name AS name, count(DISTINCT t) AS tasks ORDER BY tasks DESC, name
"""
_Q_FILTER_DISTRICTS = "MATCH (d:District) RETURN d.name AS name ORDER BY name"


def fetch_filter_options(store: Store) -> dict[str, list[Any]]:
    """The choices for the task filters: documents, organisations, districts.

    Parameters
    ----------
    store:
        The store.

    Returns
    -------
    dict
        ``{"docs": [{"id","number","title","date"}], "orgs": [names], "districts": [names]}``.
    """
    return {
        "docs": _read(store, _Q_FILTER_DOCS),
        "orgs": [r["name"] for r in _read(store, _Q_FILTER_ORGS)],
        "districts": [r["name"] for r in _read(store, _Q_FILTER_DISTRICTS)],
    }


_Q_TASKS = """
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE ($q = '' OR t.text CONTAINS $q OR t.section CONTAINS $q)
  AND ($doc = '' OR d.id = $doc)
OPTIONAL MATCH (t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
OPTIONAL MATCH (o)-[:IN_DISTRICT]->(od:District)
WITH d, t, collect({org: o.name, role: type(r), kind: o.kind, district: od.name}) AS raw
WITH d, t, [x IN raw WHERE x.org IS NOT NULL] AS owners
WHERE ($org = '' OR any(x IN owners WHERE x.org = $org AND ($role = '' OR x.role = $role)))
  AND ($role = '' OR any(x IN owners WHERE x.role = $role))
  AND (NOT $no_lead OR none(x IN owners WHERE x.role = 'LEADS'))
  AND (NOT $collective_only
       OR (size(owners) > 0 AND all(x IN owners WHERE x.kind = 'collective')))
OPTIONAL MATCH (t)-[due:DUE_BY]->(dl:Deadline)
WITH d, t, owners, collect(DISTINCT dl.date) AS dates, collect(DISTINCT due.raw) AS phrases
WHERE ($due_from = '' AND $due_to = '')
   OR any(x IN dates WHERE ($due_from = '' OR x >= $due_from) AND ($due_to = '' OR x <= $due_to))
OPTIONAL MATCH (t)-[:CONCERNS]->(di:District)
WITH d, t, owners, dates, phrases, collect(DISTINCT di.name) AS districts
WHERE $district = '' OR $district IN districts OR any(x IN owners WHERE x.district = $district)
RETURN d.id AS doc_id, coalesce(d.number, d.id) AS doc, t.id AS task_id, t.seq AS seq,
       t.text AS text, t.section AS section, owners, dates, phrases, districts,
       t.source_file AS file, t.line_start AS line_start, t.line_end AS line_end
ORDER BY file, line_start, task_id
LIMIT $limit
"""


def fetch_tasks(
    store: Store,
    q: str = "",
    *,
    doc: str = "",
    org: str = "",
    role: str = "",
    district: str = "",
    due_from: str = "",
    due_to: str = "",
    no_lead: bool = False,
    collective_only: bool = False,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Search tasks by text (``CONTAINS``) and filters; empty strings mean "any".

    Parameters
    ----------
    store:
        The store.
    q:
        Text the task (or its section heading) contains.
    doc:
        Document id.
    org:
        Canonical organisation name that owns the task.
    role:
        ``LEADS``, ``RESPONSIBLE_FOR`` or ``ASSISTS`` (with ``org``: that org in that role).
    district:
        District the task concerns, or where one of its owners sits.
    due_from, due_to:
        ISO dates: some dated deadline of the task falls in the window.
    no_lead:
        Only tasks no organisation leads.
    collective_only:
        Only tasks whose every owner is a collective party.
    limit:
        At most this many rows.

    Returns
    -------
    list[dict]
        ``doc_id, doc, task_id, seq, text, section, owners[{org, role, kind, district}],
        dates, phrases, districts, file, line_start, line_end``.
    """
    return _read(
        store,
        _Q_TASKS,
        q=q.strip(),
        doc=doc,
        org=org,
        role=role,
        district=district,
        due_from=due_from,
        due_to=due_to,
        no_lead=bool(no_lead),
        collective_only=bool(collective_only),
        limit=int(limit),
    )


_Q_TASK = """
MATCH (d:Document)-[:HAS_TASK]->(t:Task {id: $id})
OPTIONAL MATCH (t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WITH d, t, collect({org: o.name, kind: o.kind, role: type(r), mention: r.mention,
                    evidence: r.evidence, line: r.line}) AS raw
OPTIONAL MATCH (t)-[due:DUE_BY]->(dl:Deadline)
WITH d, t, raw, collect({date: dl.date, raw: due.raw, kind: coalesce(due.kind, dl.kind),
                         final: due.final}) AS rawdl
OPTIONAL MATCH (t)-[:CONCERNS]->(di:District)
RETURN properties(t) AS task, properties(d) AS document,
       [x IN raw WHERE x.org IS NOT NULL] AS owners,
       [x IN rawdl WHERE x.raw IS NOT NULL] AS deadlines,
       collect(DISTINCT di.name) AS districts
"""


def fetch_task(store: Store, task_id: str) -> dict[str, Any] | None:
    """One task with its document, owners (role, mention, evidence, line), deadlines
    and districts.

    Parameters
    ----------
    store:
        The store.
    task_id:
        The task's id.

    Returns
    -------
    dict | None
        ``{"task", "document", "owners", "deadlines", "districts"}`` or ``None``.
    """
    rows = _read(store, _Q_TASK, id=task_id)
    return rows[0] if rows else None


# --- documents -----------------------------------------------------------------------

_Q_DOCUMENTS = """
MATCH (d:Document)
OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task)
WITH d, count(t) AS tasks
OPTIONAL MATCH (d)-[:HAS_TASK]->(:Task)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
RETURN d.id AS id, coalesce(d.number, d.id) AS number, d.title AS title, d.date AS date,
       d.issuer AS issuer, d.source_file AS file, d.line_start AS line_start,
       d.line_end AS line_end, tasks, count(r) AS assignments, count(DISTINCT o) AS orgs
ORDER BY file, line_start
"""


def fetch_documents(store: Store) -> list[dict[str, Any]]:
    """Every document with its counts and source location.

    Parameters
    ----------
    store:
        The store.

    Returns
    -------
    list[dict]
        ``id, number, title, date, issuer, file, line_start, line_end, tasks,
        assignments, orgs``.
    """
    return _read(store, _Q_DOCUMENTS)


_Q_DOCUMENT_TASKS = """
MATCH (d:Document {id: $id})-[:HAS_TASK]->(t:Task)
OPTIONAL MATCH (t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org)
WITH t, collect({org: o.name, role: type(r), line: r.line}) AS raw
OPTIONAL MATCH (t)-[due:DUE_BY]->(:Deadline)
RETURN t.id AS task_id, t.seq AS seq, t.text AS text, t.line_start AS line_start,
       t.line_end AS line_end, [x IN raw WHERE x.org IS NOT NULL] AS owners,
       collect(DISTINCT due.raw) AS deadlines
ORDER BY line_start, seq
"""


def fetch_document_tasks(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """A document's tasks in source order, with owners and deadline phrases.

    Parameters
    ----------
    store:
        The store.
    doc_id:
        Document id.

    Returns
    -------
    list[dict]
        ``task_id, seq, text, line_start, line_end, owners[{org, role, line}], deadlines``.
    """
    return _read(store, _Q_DOCUMENT_TASKS, id=doc_id)


# --- graph ---------------------------------------------------------------------------

_Q_GRAPH = f"""
MATCH (a)-[r]->(b)
WHERE labels(a)[0] IN $labels AND labels(b)[0] IN $labels
WITH a, r, b LIMIT $limit
{_Q_GRAPH_ROWS}
"""


def fetch_graph(store: Store, labels: list[str], limit: int = 200) -> list[dict[str, Any]]:
    """Relationships between nodes of the chosen labels (at most ``limit``).

    Parameters
    ----------
    store:
        The store.
    labels:
        Node labels to show (``Org``, ``Task`` …).
    limit:
        At most this many relationships.

    Returns
    -------
    list[dict]
        Edge rows ``la, pa, t, pr, lb, pb``.
    """
    return _read(store, _Q_GRAPH, labels=[label(x) for x in labels], limit=int(limit))


_Q_DOC_GRAPH_TASKS = f"""
MATCH (a:Document {{id: $id}})-[r:HAS_TASK]->(b:Task)
WITH a, r, b ORDER BY b.line_start LIMIT $limit
{_Q_GRAPH_ROWS}
"""
_Q_DOC_GRAPH_IN = f"""
MATCH (:Document {{id: $id}})-[:HAS_TASK]->(b:Task)
WITH b ORDER BY b.line_start LIMIT $limit
MATCH (a)-[r]->(b) WHERE NOT a:Document AND labels(a)[0] IN $labels
{_Q_GRAPH_ROWS}
"""
_Q_DOC_GRAPH_OUT = f"""
MATCH (:Document {{id: $id}})-[:HAS_TASK]->(a:Task)
WITH a ORDER BY a.line_start LIMIT $limit
MATCH (a)-[r]->(b) WHERE labels(b)[0] IN $labels
{_Q_GRAPH_ROWS}
"""


def fetch_document_graph(
    store: Store, doc_id: str, labels: list[str], limit: int = 40
) -> list[dict[str, Any]]:
    """A document, its first ``limit`` tasks (in source order) and what those tasks
    connect to (owners, deadlines, districts), limited to the chosen labels.

    Parameters
    ----------
    store:
        The store.
    doc_id:
        Document id.
    labels:
        Node labels to include besides the tasks.
    limit:
        At most this many tasks.

    Returns
    -------
    list[dict]
        Edge rows ``la, pa, t, pr, lb, pb``.
    """
    allowed = [label(x) for x in labels]
    params = {"id": doc_id, "limit": int(limit), "labels": allowed}
    rows = _read(store, _Q_DOC_GRAPH_TASKS, **params) if "Document" in allowed else []
    rows += _read(store, _Q_DOC_GRAPH_IN, **params)
    rows += _read(store, _Q_DOC_GRAPH_OUT, **params)
    return rows


def fetch_expand(store: Store, node_id: str, limit: int = 50) -> list[dict[str, Any]]:
    """The relationships of one node (both directions), for "expand neighbours".

    Parameters
    ----------
    store:
        The store.
    node_id:
        ``"Label:key"`` (:func:`graph.schema.node_id`).
    limit:
        At most this many relationships each way.

    Returns
    -------
    list[dict]
        Edge rows ``la, pa, t, pr, lb, pb``.
    """
    lbl, _, key = node_id.partition(":")
    lbl = label(lbl)  # allow-listed: only a schema label reaches the query text
    prop = NODE_KEYS[lbl]
    out = _read(
        store,
        f"MATCH (a:{lbl} {{{prop}: $key}})-[r]->(b) WITH a, r, b LIMIT $limit {_Q_GRAPH_ROWS}",
        key=key,
        limit=int(limit),
    )
    inc = _read(
        store,
        f"MATCH (a)-[r]->(b:{lbl} {{{prop}: $key}}) WITH a, r, b LIMIT $limit {_Q_GRAPH_ROWS}",
        key=key,
        limit=int(limit),
    )
    return out + inc


# --- Cypher console ------------------------------------------------------------------


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
