"""Reads for documents: a page of the document list, one document, its tasks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph import Store
from ui.cache import cacheable
from ui.reads._run import run

__all__ = [
    "UnreadItem",
    "busiest_documents",
    "document",
    "document_choices",
    "document_tasks",
    "documents",
    "parse_unread",
]


@dataclass(frozen=True)
class UnreadItem:
    """An item the extractor saw but could not read (stored on the Document node as
    ``"LINE_START-LINE_END<TAB>CODE<TAB>TEXT"``)."""

    line_start: int
    line_end: int
    code: str
    text: str


def parse_unread(values: list[str] | None) -> list[UnreadItem]:
    """``Document.unread`` strings as :class:`UnreadItem` (malformed ones are skipped).

    Parameters
    ----------
    values:
        The stored list (absent on graphs loaded before it was recorded).

    Returns
    -------
    list[UnreadItem]
    """
    out = []
    for value in values or []:
        lines, _, rest = str(value).partition("\t")
        code, _, text = rest.partition("\t")
        start, _, end = lines.partition("-")
        if start.isdigit():
            out.append(UnreadItem(int(start), int(end) if end.isdigit() else int(start),
                                  code, text))
    return out


@cacheable
def documents(store: Store, q: str = "", skip: int = 0, limit: int = 100) -> dict[str, Any]:
    """One page of the documents (newest first), optionally filtered by number or title.

    Parameters
    ----------
    store:
        The store.
    q:
        Text the number, id or title contains (``""`` = all).
    skip, limit:
        The page.

    Returns
    -------
    dict
        ``{"rows": [...], "total": n}``; rows have ``id, number, title, date, issuer,
        file, line_start, line_end, tasks, assignments, orgs, ownerless, unread_count,
        extractor``.
    """
    q = q.strip()
    rows = run(store, "documents", q=q, skip=int(skip), limit=int(limit))
    total = run(store, "documents_count", q=q)[0]["n"]
    return {"rows": rows, "total": int(total)}


@cacheable
def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """One document with its figures and the items the extractor could not read.

    Parameters
    ----------
    store:
        The store.
    doc_id:
        Its id.

    Returns
    -------
    dict | None
        As a :func:`documents` row plus ``unread`` (list of :class:`UnreadItem`) and
        ``conventions``.
    """
    rows = run(store, "document", id=doc_id)
    if not rows:
        return None
    row = dict(rows[0])
    row["unread"] = parse_unread(row["unread"])
    return row


@cacheable
def document_tasks(store: Store, doc_id: str) -> list[dict[str, Any]]:
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
        ``task_id, seq, text, line_start, line_end, page, layout, owners[{org, role,
        line}], deadlines``.
    """
    return run(store, "document_tasks", id=doc_id)


@cacheable
def busiest_documents(store: Store, limit: int = 10) -> list[str]:
    """The ids of the documents with most tasks (the graph page's default).

    Parameters
    ----------
    store:
        The store.
    limit:
        How many.

    Returns
    -------
    list[str]
    """
    return [r["id"] for r in run(store, "busiest_documents", limit=int(limit))]


@cacheable
def document_choices(store: Store, q: str = "", limit: int = 200) -> list[dict[str, Any]]:
    """Documents for a picker, those with most tasks first (among the ``limit`` found).

    Parameters
    ----------
    store:
        The store.
    q:
        Text the number, id or title contains (``""`` = any).
    limit:
        At most this many.

    Returns
    -------
    list[dict]
        ``id, number, title, date, tasks``.
    """
    rows = run(store, "documents_pick", q=q.strip(), limit=int(limit))
    return sorted(rows, key=lambda d: (-int(d["tasks"] or 0), str(d["number"])))
