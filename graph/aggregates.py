"""Counts the app shows on every visit, computed once per load and stored on the nodes.

A page that shows "tasks per organisation" or "tasks per document" would otherwise
aggregate the whole graph on every visit (seconds on a province's archive: 42,800 tasks
and 150,000 role edges). :func:`refresh` computes those totals with one read of every
task's owners, counts them in Python and writes them back as plain properties:

=========  ==========================================================================
node       properties
=========  ==========================================================================
Org        ``task_count`` (distinct tasks in any role), ``lead_count``,
           ``responsible_count``, ``assist_count``, ``doc_count``, ``partners``
           (at most :data:`MAX_PARTNERS` strings ``"NAME<TAB>SHARED"``, most shared
           first: the organisations named on the same tasks), ``documents`` (at most
           :data:`MAX_DOCUMENTS` strings ``"DOC_ID<TAB>LEAD<TAB>RESPONSIBLE<TAB>ASSIST"``,
           most tasks first: its tasks per document). The lists are capped because every
           row that carries the node carries them too (a 5,000-entry list made the local
           server's ORDER BY run out of query heap).
Document   ``task_count``, ``assignment_count``, ``org_count``, ``ownerless_count``
           (tasks with no owner in any role), ``lead_task_count`` (tasks with a lead)
Deadline   ``task_count`` (tasks due then, milestones included), ``final_task_count``
=========  ==========================================================================

:meth:`graph.neo4j_store.Store.load_documents` calls :func:`refresh_after_load` when
a load changed something, so the figures always describe the stored graph; a graph
loaded by an older version of the code has no figures, which :func:`missing` detects
(the app then refreshes once with its writer). Portable Cypher only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import neo4j

from graph.schema import ROLE_RELS

__all__ = [
    "MAX_DOCUMENTS",
    "MAX_PARTNERS",
    "Aggregates",
    "compute",
    "missing",
    "parse_documents",
    "parse_partners",
    "refresh",
    "refresh_after_load",
]

MAX_PARTNERS = 30
MAX_DOCUMENTS = 100
_ROLE_OF_TYPE = {t: r for r, t in ROLE_RELS.items()}

# One row per task: its document and its owners as [name, relationship type] pairs.
_Q_TASK_OWNERS = """
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
RETURN d.id AS doc, t.id AS task,
       [(t)<-[r:LEADS|RESPONSIBLE_FOR|ASSISTS]-(o:Org) | [o.name, type(r)]] AS owners
"""
_Q_DOCS = "MATCH (d:Document) RETURN d.id AS id"
_Q_ORGS = "MATCH (o:Org) RETURN o.name AS name"
_Q_DEADLINES = """
MATCH (t:Task)-[r:DUE_BY]->(dl:Deadline)
RETURN dl.key AS key, count(DISTINCT t) AS tasks,
       count(DISTINCT CASE WHEN r.final = true THEN t END) AS final_tasks
"""
_Q_MISSING = """
MATCH (d:Document) WHERE d.task_count IS NULL RETURN d.id AS id LIMIT 1
UNION ALL
MATCH (o:Org) WHERE o.task_count IS NULL RETURN o.name AS id LIMIT 1
"""
_W_ORGS = """
UNWIND $rows AS r MATCH (o:Org {name: r.name})
SET o.task_count = r.task_count, o.lead_count = r.lead_count,
    o.responsible_count = r.responsible_count, o.assist_count = r.assist_count,
    o.doc_count = r.doc_count, o.partners = r.partners, o.documents = r.documents
"""
_W_DOCS = """
UNWIND $rows AS r MATCH (d:Document {id: r.id})
SET d.task_count = r.task_count, d.assignment_count = r.assignment_count,
    d.org_count = r.org_count, d.ownerless_count = r.ownerless_count,
    d.lead_task_count = r.lead_task_count
"""
_W_DEADLINES = """
UNWIND $rows AS r MATCH (dl:Deadline {key: r.key})
SET dl.task_count = r.tasks, dl.final_task_count = r.final_tasks
"""
_BATCH = 1000


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
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    tasks_of: dict[str, set[str]] = defaultdict(set)
    per_doc: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    shared: Counter[tuple[str, str]] = Counter()
    docs = {d: {"task_count": 0, "assignment_count": 0, "ownerless_count": 0,
                "lead_task_count": 0, "_orgs": set()} for d in doc_ids}
    for row in task_rows:
        doc = docs.setdefault(row["doc"], {"task_count": 0, "assignment_count": 0,
                                           "ownerless_count": 0, "lead_task_count": 0,
                                           "_orgs": set()})
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
    for name in {*org_names, *roles}:
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


def _read(session: neo4j.Session, cypher: str) -> list[dict[str, Any]]:
    return session.execute_read(lambda tx: [r.data() for r in tx.run(cypher)])


def _write(session: neo4j.Session, cypher: str, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), _BATCH):
        batch = rows[i : i + _BATCH]
        session.execute_write(lambda tx, b=batch: tx.run(cypher, rows=b).consume())


def refresh(store: Any) -> Aggregates:
    """Recompute every figure from the stored graph and write it back.

    Parameters
    ----------
    store:
        A :class:`graph.neo4j_store.Store` opened for writing.

    Returns
    -------
    Aggregates
        What was written.
    """
    with store.driver.session(database=store.database) as session:
        agg = compute(
            _read(session, _Q_TASK_OWNERS),
            [r["id"] for r in _read(session, _Q_DOCS)],
            [r["name"] for r in _read(session, _Q_ORGS)],
        )
        agg.deadlines = _read(session, _Q_DEADLINES)
        _write(session, _W_ORGS, list(agg.orgs.values()))
        _write(session, _W_DOCS, list(agg.documents.values()))
        _write(session, _W_DEADLINES, agg.deadlines)
    return agg


def refresh_after_load(store: Any, report: Any) -> None:
    """Refresh after :meth:`Store.load_documents` when it changed the graph.

    A failure here leaves the documents loaded (the figures are derived data); it is
    added to the report's warnings and the next load, or the app, refreshes again.

    Parameters
    ----------
    store:
        The store that loaded.
    report:
        Its :class:`graph.neo4j_store.LoadReport`.
    """
    if not (report.created or report.updated or report.pruned):
        return
    try:
        refresh(store)
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
        report.warnings.append(f"aggregates not refreshed (the app recomputes them): {exc}")


def missing(store: Any) -> bool:
    """Whether some document or organisation has no figures (never refreshed).

    Parameters
    ----------
    store:
        Any store (a read is enough).

    Returns
    -------
    bool
    """
    return bool(store.read(_Q_MISSING))
