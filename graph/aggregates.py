"""Counts the app shows on every visit, computed once per load and stored beside the graph.

A page that shows "tasks per organisation" or "tasks per document" would otherwise
aggregate the whole graph on every visit (seconds on a province's archive: 42,800 tasks
and 150,000 role edges). :func:`refresh` counts those totals in Python from every task's
owners and writes them as *figure nodes*, one per organisation, document and deadline,
keyed like the node they describe:

================  ======================================================================
node              properties
================  ======================================================================
OrgFigures        ``name`` (= ``Org.name``), ``kind``, ``level``, ``task_count`` (distinct
                  tasks in any role), ``lead_count``, ``responsible_count``,
                  ``assist_count``, ``doc_count``, ``partners`` (at most
                  :data:`MAX_PARTNERS` strings ``"NAME<TAB>SHARED"``, most shared first:
                  the organisations named on the same tasks), ``documents`` (at most
                  :data:`MAX_DOCUMENTS` strings ``"DOC_ID<TAB>LEAD<TAB>RESPONSIBLE<TAB>
                  ASSIST"``, most tasks first)
DocumentFigures   ``id`` (= ``Document.id``), ``task_count``, ``assignment_count``,
                  ``org_count``, ``ownerless_count`` (tasks with no owner in any role),
                  ``lead_task_count`` (tasks with a lead)
DeadlineFigures   ``key`` (= ``Deadline.key``), ``date``, ``task_count`` (tasks due then,
                  milestones included), ``final_task_count``
================  ======================================================================

They are apart from the graph's own nodes (whose labels :mod:`graph.schema` lists) so
the stored graph stays exactly what the extractor's records make (``to_networkx``,
exports) and a reload never has to preserve them. Each label's key has a uniqueness
constraint, so a page reads one organisation's figures by an index lookup.

:meth:`graph.neo4j_store.Store.load_documents` calls :func:`refresh_after_load` when
a load changed something, so the figures always describe the stored graph. The tasks of
the documents it has just written are counted from its own rows (:func:`task_rows`, by
its row thread while the last batches are written); only the other stored documents'
owners are read back, one record per document. A graph
loaded by an older version of the code has none, which :func:`missing` detects (the app
then refreshes once with its writer). Portable Cypher only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import neo4j

from errors import Warnings
from graph.batch_write import ParamList
from graph.model import DocumentRows, stored_version
from graph.schema import ROLE_REL_TYPES, ROLE_RELS

__all__ = [
    "FIGURE_LABELS",
    "MAX_DOCUMENTS",
    "MAX_PARTNERS",
    "Aggregates",
    "Written",
    "compute",
    "count",
    "missing",
    "parse_documents",
    "parse_partners",
    "refresh",
    "refresh_after_load",
    "statements",
    "task_rows",
    "with_zeros",
]

MAX_PARTNERS = 30
# label -> key property (the key of the graph node the figures describe)
FIGURE_LABELS: dict[str, str] = {
    "OrgFigures": "name",
    "DocumentFigures": "id",
    "DeadlineFigures": "key",
}
MAX_DOCUMENTS = 100
_ROLE_OF_TYPE = {t: r for r, t in ROLE_RELS.items()}
_NO_TASKS = {"task_count": 0, "assignment_count": 0, "ownerless_count": 0, "lead_task_count": 0}

# One row per document, for the documents named: its tasks, each as [task id, owners],
# its owners as [name, relationship type] pairs. (One record per document, not per
# task: the driver's per-record cost was most of the time of a task-per-row read.)
_Q_TASK_OWNERS = """
UNWIND $ids AS id MATCH (d:Document {id: id})
RETURN d.id AS doc,
       [(d)-[:HAS_TASK]->(t:Task) |
        [t.id, [(t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org) | [o.name, type(r)]]]] AS tasks
"""
_Q_DOCS = (
    "MATCH (d:Document) RETURN d.id AS id, d.content_hash AS hash, "
    "d.schema_version AS version, d.extractor AS extractor"
)
_Q_ORGS = "MATCH (o:Org) RETURN o.name AS name, o.kind AS kind, o.level AS level"
_Q_DEADLINES = """
MATCH (t:Task)-[r:DUE_BY]->(dl:Deadline)
RETURN dl.key AS key, dl.date AS date, count(DISTINCT t) AS task_count,
       count(DISTINCT CASE WHEN r.final = true THEN t END) AS final_task_count
"""
_Q_COUNT = {
    "Document": "MATCH (n:Document) RETURN count(n) AS n",
    "Org": "MATCH (n:Org) RETURN count(n) AS n",
    "DocumentFigures": "MATCH (n:DocumentFigures) RETURN count(n) AS n",
    "OrgFigures": "MATCH (n:OrgFigures) RETURN count(n) AS n",
}
# SET f = r replaces every figure of the node (none survives from an older refresh).
_W_FIGURES = {
    lbl: f"UNWIND $rows AS r MERGE (f:{lbl} {{{key}: r.{key}}}) SET f = r"
    for lbl, key in FIGURE_LABELS.items()
}
# Figures of nodes that are gone, deleted by key: the stored keys are read and compared
# in Python (``WHERE NOT f.id IN $keys`` compared every node with every key: 1.2 s for
# 5,000 documents on the local server).
_Q_FIGURE_KEYS = {
    lbl: f"MATCH (f:{lbl}) RETURN f.{key} AS key" for lbl, key in FIGURE_LABELS.items()
}
_W_DROP = {
    lbl: f"UNWIND $keys AS k MATCH (f:{lbl} {{{key}: k}}) DETACH DELETE f"
    for lbl, key in FIGURE_LABELS.items()
}
_W_CONSTRAINTS = [
    f"CREATE CONSTRAINT {lbl.lower()}_{key} IF NOT EXISTS FOR (f:{lbl}) REQUIRE f.{key} IS UNIQUE"
    for lbl, key in FIGURE_LABELS.items()
]
_BATCH = 1000

Written = Mapping[str, tuple[tuple[str, int, str], list[dict[str, Any]]]]
"""Documents a load wrote: id -> (their version, :func:`task_rows`)."""


@dataclass
class Aggregates:
    """The computed figures, one property dict per node (keys as in the module docstring)."""

    orgs: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    deadlines: list[dict[str, Any]] = field(default_factory=list)


def compute(
    task_rows: Iterable[dict[str, Any]], doc_ids: Iterable[str], org_names: Iterable[str]
) -> Aggregates:
    """Count per organisation and per document from task rows (pure; tested directly).

    Parameters
    ----------
    task_rows:
        ``{"doc", "task", "owners": [[org name, relationship type], ...]}`` per task.
    doc_ids, org_names:
        Every document and organisation, so those without tasks get zeros.

    Returns
    -------
    Aggregates
    """
    return with_zeros(count(task_rows), doc_ids, org_names)


def count(task_rows: Iterable[dict[str, Any]]) -> Aggregates:
    """:func:`compute` without the zeros: figures of the organisations and documents the
    task rows name (a load counts its rows while its last batches are written).

    Parameters
    ----------
    task_rows:
        As :func:`compute` takes them.

    Returns
    -------
    Aggregates
    """
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    tasks_of: dict[str, set[str]] = defaultdict(set)
    per_doc: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    shared: Counter[tuple[str, str]] = Counter()
    docs: dict[str, dict[str, Any]] = {}
    for row in task_rows:
        doc = docs.get(row["doc"])
        if doc is None:
            doc = docs[row["doc"]] = {**_NO_TASKS, "_orgs": set()}
        owners = [(str(name), str(rtype)) for name, rtype in row["owners"] or []]
        doc["task_count"] += 1
        doc["assignment_count"] += len(owners)
        names = sorted({name for name, _ in owners})
        doc["_orgs"].update(names)
        if not owners:
            doc["ownerless_count"] += 1
        if any(rtype == "LEADS" for _, rtype in owners):
            doc["lead_task_count"] += 1
        for name, rtype in set(owners):
            role = _ROLE_OF_TYPE.get(rtype, rtype)
            roles[name][role] += 1
            per_doc[name][row["doc"]][role] += 1
        for name in names:
            tasks_of[name].add(row["task"])
        shared.update(combinations(names, 2))
    partners: dict[str, Counter[str]] = defaultdict(Counter)
    for (a, b), n in shared.items():
        partners[a][b] = n
        partners[b][a] = n
    out = Aggregates()
    for name in roles:
        top = sorted(partners[name].items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_PARTNERS]
        by_doc = sorted(per_doc[name].items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        out.orgs[name] = {
            "name": name,
            "task_count": len(tasks_of[name]),
            "lead_count": roles[name]["lead"],
            "responsible_count": roles[name]["responsible"],
            "assist_count": roles[name]["assist"],
            "doc_count": len(per_doc[name]),
            "partners": [f"{p}\t{n}" for p, n in top],
            "documents": [
                f"{d}\t{c['lead']}\t{c['responsible']}\t{c['assist']}"
                for d, c in by_doc[:MAX_DOCUMENTS]
            ],
        }
    for doc_id, d in docs.items():
        orgs = d.pop("_orgs")
        out.documents[doc_id] = {"id": doc_id, **d, "org_count": len(orgs)}
    return out


def with_zeros(agg: Aggregates, doc_ids: Iterable[str], org_names: Iterable[str]) -> Aggregates:
    """``agg`` with zero figures added for documents and organisations it lacks.

    Parameters
    ----------
    agg:
        From :func:`count` (changed in place).
    doc_ids, org_names:
        Every document and organisation.

    Returns
    -------
    Aggregates
        ``agg``.
    """
    for name in org_names:
        if name not in agg.orgs:
            agg.orgs[name] = {"name": name, "task_count": 0, "lead_count": 0,
                              "responsible_count": 0, "assist_count": 0, "doc_count": 0,
                              "partners": [], "documents": []}
    for doc_id in doc_ids:
        if doc_id not in agg.documents:
            agg.documents[doc_id] = {"id": doc_id, **_NO_TASKS, "org_count": 0}
    return agg


def parse_partners(values: Iterable[str] | None) -> list[tuple[str, int]]:
    """``Org.partners`` strings as ``(name, shared tasks)`` pairs.

    Parameters
    ----------
    values:
        The stored list (``None`` when the graph has no figures yet).

    Returns
    -------
    list[tuple[str, int]]
    """
    out = []
    for value in values or []:
        name, _, count = str(value).rpartition("\t")
        if name and count.isdigit():
            out.append((name, int(count)))
    return out


def parse_documents(values: Iterable[str] | None) -> list[dict[str, Any]]:
    """``Org.documents`` strings as ``{"doc_id", "lead", "responsible", "assist", "total"}``.

    Parameters
    ----------
    values:
        The stored list (``None`` when the graph has no figures yet).

    Returns
    -------
    list[dict]
    """
    out = []
    for value in values or []:
        parts = str(value).split("\t")
        if len(parts) == 4 and all(p.isdigit() for p in parts[1:]):
            lead, resp, assist = (int(p) for p in parts[1:])
            out.append({"doc_id": parts[0], "lead": lead, "responsible": resp, "assist": assist,
                        "total": lead + resp + assist})
    return out


def task_rows(rows: DocumentRows) -> list[dict[str, Any]]:
    """The rows :func:`compute` counts for one document, from the rows the store writes
    (so a load need not read back what it has just written).

    Parameters
    ----------
    rows:
        From :func:`graph.model.document_rows`.

    Returns
    -------
    list[dict]
        ``{"doc", "task", "owners": [[org name, relationship type], ...]}`` per task, as
        the graph holds them once the rows are written.
    """
    owners: dict[str, list[list[str]]] = {t["id"]: [] for t in rows.nodes["Task"]}
    for rtype in ROLE_REL_TYPES:
        for rel in rows.rels.get(rtype, ()):
            owners[rel.end[1]].append([rel.start[1], rtype])
    return [{"doc": rows.doc_id, "task": t, "owners": o} for t, o in owners.items()]


def _read(session: neo4j.Session, cypher: str, **params: Any) -> list[dict[str, Any]]:
    return session.execute_read(lambda tx: [r.data() for r in tx.run(cypher, params)])


def _read_task_rows(session: neo4j.Session, doc_ids: list[str]) -> list[dict[str, Any]]:
    """:func:`compute`'s rows for the stored documents ``doc_ids``."""
    if not doc_ids:
        return []
    records = session.execute_read(
        lambda tx: tx.run(_Q_TASK_OWNERS, ids=ParamList(doc_ids)).values("doc", "tasks")
    )
    return [{"doc": doc, "task": task, "owners": owners}
            for doc, tasks in records for task, owners in tasks]


def _write(session: neo4j.Session, cypher: str, rows: list[Any], param: str = "rows") -> None:
    for i in range(0, len(rows), _BATCH):
        batch = ParamList(rows[i : i + _BATCH])
        session.execute_write(lambda tx, b=batch: tx.run(cypher, {param: b}).consume())


def refresh(
    store: Any,
    written: Written | None = None,
    counted: tuple[frozenset[str], Aggregates] | None = None,
) -> Aggregates:
    """Recompute every figure from the stored graph and write it back.

    Parameters
    ----------
    store:
        A :class:`graph.neo4j_store.Store` opened for writing.
    written:
        Documents a load has just written: id -> (version, :func:`task_rows`). Their
        tasks are counted from these rows instead of being read back, for each document
        still stored at that version (one another process has since rewritten is read).
        Every other stored document is read.
    counted:
        :func:`count` of exactly the task rows in ``written`` (and the ids it counted),
        made while the load wrote its last batches: used when the stored documents are
        exactly those (``counted`` is changed).

    Returns
    -------
    Aggregates
        What was written.
    """
    written = written or {}
    with store.driver.session(database=store.database) as session:
        for stmt in _W_CONSTRAINTS:  # schema statements run on their own
            session.run(stmt).consume()
        docs = _read(session, _Q_DOCS)
        rows: list[dict[str, Any]] = []
        ours, unread = set(), []
        for doc in docs:
            known = written.get(doc["id"])
            if known is not None and known[0] == stored_version(doc):
                rows.extend(known[1])
                ours.add(doc["id"])
            else:
                unread.append(doc["id"])
        orgs = {r["name"]: r for r in _read(session, _Q_ORGS)}
        doc_ids = [d["id"] for d in docs]
        if counted is not None and not unread and counted[0] == ours:
            agg = with_zeros(counted[1], doc_ids, orgs)
        else:
            agg = compute([*rows, *_read_task_rows(session, unread)], doc_ids, orgs)
        for name, row in agg.orgs.items():
            row["kind"] = orgs.get(name, {}).get("kind")
            row["level"] = orgs.get(name, {}).get("level")
        agg.deadlines = _read(session, _Q_DEADLINES)
        figures = {"OrgFigures": list(agg.orgs.values()),
                   "DocumentFigures": list(agg.documents.values()),
                   "DeadlineFigures": agg.deadlines}
        for lbl, key in FIGURE_LABELS.items():
            _write(session, _W_FIGURES[lbl], [{k: v for k, v in r.items() if v is not None}
                                              for r in figures[lbl]])
            keep = {r[key] for r in figures[lbl]}
            gone = sorted({r["key"] for r in _read(session, _Q_FIGURE_KEYS[lbl])} - keep)
            if gone:
                _write(session, _W_DROP[lbl], gone, param="keys")
    return agg


def refresh_after_load(
    store: Any,
    report: Any,
    written: Written | None = None,
    counted: tuple[frozenset[str], Aggregates] | None = None,
) -> None:
    """Refresh after :meth:`Store.load_documents` when it changed the graph.

    A failure here leaves the documents loaded (the figures are derived data); it is
    added to the report's warnings and the next load, or the app, refreshes again.

    Parameters
    ----------
    store:
        The store that loaded.
    report:
        Its :class:`graph.neo4j_store.LoadReport`.
    written, counted:
        The documents it wrote and their counts, as :func:`refresh` takes them.
    """
    if not (report.created or report.updated or report.pruned):
        return
    try:
        refresh(store, written, counted)
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
        report.warnings.append(Warnings.W210.format(reason=exc))


def statements() -> dict[str, str]:
    """Every Cypher statement this module sends, by name (the tests lint them).

    Returns
    -------
    dict[str, str]
    """
    out = {"task_owners": _Q_TASK_OWNERS, "docs": _Q_DOCS, "orgs": _Q_ORGS,
           "deadlines": _Q_DEADLINES}
    out.update({f"count:{k}": q for k, q in _Q_COUNT.items()})
    for lbl in FIGURE_LABELS:
        out[f"write:{lbl}"] = _W_FIGURES[lbl]
        out[f"keys:{lbl}"] = _Q_FIGURE_KEYS[lbl]
        out[f"drop:{lbl}"] = _W_DROP[lbl]
    out.update({f"constraint:{i}": q for i, q in enumerate(_W_CONSTRAINTS)})
    return out


def missing(store: Any) -> bool:
    """Whether the figures do not match the graph's documents and organisations (a graph
    loaded by code that did not refresh them); four label counts, constant time.

    Parameters
    ----------
    store:
        Any store (a read is enough).

    Returns
    -------
    bool
    """
    n = {lbl: store.read(q)[0]["n"] for lbl, q in _Q_COUNT.items()}
    return n["Document"] != n["DocumentFigures"] or n["Org"] != n["OrgFigures"]
