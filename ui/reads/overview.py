"""Reads for the overview: counts, workload per organisation, deadlines per month."""

from __future__ import annotations

from typing import Any

from graph import Store
from queries import AuditResult, run_audit
from ui.cache import cacheable
from ui.reads._run import run
from ui.settings import QUERY_TIMEOUT

__all__ = ["audit", "counts", "deadline_months", "stale_documents", "workload"]


@cacheable
def counts(store: Store) -> dict[str, int]:
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
    # Three statements: each label count alone is constant time; chained with WITH, the
    # local server counted row by row (0.4 s at 100x).
    return {
        "documents": int(run(store, "count_documents")[0]["n"] or 0),
        "tasks": int(run(store, "count_tasks")[0]["n"] or 0),
        "orgs": int(run(store, "count_orgs")[0]["orgs"] or 0),
        "assignments": int(run(store, "count_assignments")[0]["n"] or 0),
    }


@cacheable
def workload(store: Store, limit: int = 500, kind: str = "") -> list[dict[str, Any]]:
    """Tasks per organisation and role, busiest first (the figures stored per load).

    Parameters
    ----------
    store:
        The store.
    limit:
        At most this many organisations.
    kind:
        Only organisations of this kind (``""`` = all).

    Returns
    -------
    list[dict]
        ``org, kind, lead, responsible, assist, total, documents``.
    """
    return run(store, "workload", limit=int(limit), kind=kind)


@cacheable
def deadline_months(store: Store) -> dict[str, Any]:
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
    months: dict[str, int] = {}
    undated: dict[str, int] = {}
    for r in run(store, "deadline_months"):
        target = undated if r["undated"] else months
        target[r["month"]] = target.get(r["month"], 0) + int(r["tasks"] or 0)
    return {
        "months": [{"month": m, "tasks": n} for m, n in sorted(months.items()) if n],
        "undated": undated,
    }


@cacheable
def stale_documents(store: Store) -> int:
    """How many documents were extracted by another extractor version than this one.

    Uses ``Store.stale_count()`` when the store has it, else the stored
    ``Document.extractor`` values.

    Parameters
    ----------
    store:
        The store.

    Returns
    -------
    int
    """
    if hasattr(store, "stale_count"):
        return int(store.stale_count())
    from extract.version import fingerprint  # (importing the extractor costs ~0.1 s)

    rows = run(store, "stale_documents", extractor=fingerprint())
    return int(rows[0]["n"]) if rows else 0


@cacheable
def audit(store: Store, name: str, params: dict[str, Any]) -> AuditResult:
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
