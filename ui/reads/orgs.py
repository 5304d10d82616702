"""Reads for organisations: search by any spelling, one organisation's figures and tasks."""

from __future__ import annotations

from typing import Any

from graph import Store, aggregates
from ui.cache import cacheable
from ui.reads._run import run

__all__ = ["org", "org_candidates", "org_documents", "org_names", "org_tasks"]


@cacheable
def org_candidates(store: Store, q: str, limit: int = 50) -> list[dict[str, Any]]:
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
        ``name, kind, level, aliases, tasks, rank`` (0 exact name, 1 exact alias,
        2 prefix, 3 part), best first and, within a rank, busiest first.
    """
    return run(store, "org_candidates", q=q.strip(), limit=int(limit))


@cacheable
def org(store: Store, name: str) -> dict[str, Any] | None:
    """One organisation with its figures and partners.

    Parameters
    ----------
    store:
        The store.
    name:
        Canonical name.

    Returns
    -------
    dict | None
        ``name, kind, level, known, aliases, tasks, lead, responsible, assist,
        documents, partners`` (``[(name, shared tasks)]``), or ``None``.
    """
    rows = run(store, "org", name=name)
    if not rows:
        return None
    row = dict(rows[0])
    row["partners"] = aggregates.parse_partners(row["partners"])
    return row


@cacheable
def org_tasks(
    store: Store, name: str, role: str = "", skip: int = 0, limit: int = 100
) -> list[dict[str, Any]]:
    """One page of an organisation's tasks: lead first, then responsible, then assist,
    each in source order.

    Parameters
    ----------
    store:
        The store.
    name:
        Canonical name.
    role:
        ``LEADS``, ``RESPONSIBLE_FOR``, ``ASSISTS`` or ``""`` for all.
    skip, limit:
        The page.

    Returns
    -------
    list[dict]
        ``role, mention, doc_id, doc, task_id, seq, text, deadlines, partners, file,
        line_start, line_end, page``.
    """
    return run(store, "org_tasks", name=name, role=role, skip=int(skip), limit=int(limit))


@cacheable
def org_documents(store: Store, name: str, skip: int = 0, limit: int = 200) -> dict[str, Any]:
    """An organisation's tasks counted per document (from the figures stored per load),
    most tasks first, one page.

    Parameters
    ----------
    store:
        The store.
    name:
        Canonical name.
    skip, limit:
        The page.

    Returns
    -------
    dict
        ``{"rows": [{doc_id, number, title, date, lead, responsible, assist, total}],
        "total": documents}``.
    """
    rows = run(store, "org_documents", name=name)
    per = aggregates.parse_documents(rows[0]["documents"] if rows else [])
    page = per[skip : skip + limit]
    meta = {d["id"]: d for d in run(store, "documents_by_id", ids=[r["doc_id"] for r in page])}
    out = [{**r, "number": meta.get(r["doc_id"], {}).get("number", r["doc_id"]),
            "title": meta.get(r["doc_id"], {}).get("title"),
            "date": meta.get(r["doc_id"], {}).get("date")} for r in page]
    return {"rows": out, "total": len(per)}


@cacheable
def org_names(store: Store, limit: int = 2000) -> list[str]:
    """Organisation names for pickers, busiest first.

    Parameters
    ----------
    store:
        The store.
    limit:
        At most this many.

    Returns
    -------
    list[str]
    """
    return [r["name"] for r in run(store, "org_names", limit=int(limit))]
