"""Reads for tasks: the filtered search and one task's detail.

The search runs in two steps so that it always starts from an indexed key or a small
set: an *anchor* statement finds candidate ids from the most selective filter given
(document, then organisation, district, deadline window, text, or none), and
``task_rows`` applies every filter to those candidates and returns the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph import Store
from ui.cache import cacheable
from ui.reads._run import run

__all__ = ["MAX_CANDIDATES", "MAX_FILTERED", "TaskFilter", "TaskPage", "districts", "task", "tasks"]

# The most candidates one search considers; a broader search says it was cut. Filters the
# anchor cannot apply are checked on at most MAX_FILTERED of them (each costs the task's
# owners, deadlines and districts).
MAX_CANDIDATES = 1000
MAX_FILTERED = 1000


@dataclass(frozen=True)
class TaskFilter:
    """The task search's inputs; empty strings and ``False`` mean "any"."""

    q: str = ""
    doc: str = ""
    org: str = ""
    role: str = ""  # LEADS | RESPONSIBLE_FOR | ASSISTS
    district: str = ""
    due_from: str = ""
    due_to: str = ""
    no_lead: bool = False
    collective_only: bool = False

    def params(self) -> dict[str, Any]:
        """The values as Cypher parameters (text stripped)."""
        return {
            "q": self.q.strip(), "doc": self.doc, "org": self.org, "role": self.role,
            "district": self.district, "due_from": self.due_from, "due_to": self.due_to,
            "no_lead": bool(self.no_lead), "collective_only": bool(self.collective_only),
        }


@dataclass
class TaskPage:
    """One page of search results.

    Attributes
    ----------
    rows:
        ``doc_id, doc, task_id, seq, text, section, owners[{org, role, kind, district}],
        dates, phrases, districts, file, line_start, line_end, page``.
    total:
        Tasks matching every filter (among the candidates considered).
    cut:
        True when the anchor had more than :data:`MAX_CANDIDATES` candidates.
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    cut: bool = False


# The filters each anchor applies exactly (so nothing else needs checking when these
# are the only filters given).
_EXACT: dict[str, frozenset[str]] = {
    "task_ids_by_doc": frozenset({"doc"}),
    "task_ids_by_org": frozenset({"org", "role"}),
    "task_ids_by_district": frozenset({"district"}),
    "task_ids_by_due": frozenset({"due_from", "due_to"}),
    "task_ids_by_text": frozenset({"q", "no_lead"}),
    "task_ids_all": frozenset({"no_lead"}),
}


def _anchor(store: Store, f: TaskFilter, limit: int) -> tuple[str, list[dict[str, Any]]]:
    p = f.params()
    if p["doc"]:
        name, args = "task_ids_by_doc", {"doc": p["doc"]}
    elif p["org"]:
        name, args = "task_ids_by_org", {"org": p["org"], "role": p["role"]}
    elif p["district"]:
        name, args = "task_ids_by_district", {"district": p["district"]}
    elif p["due_from"] or p["due_to"]:
        name, args = "task_ids_by_due", {"due_from": p["due_from"], "due_to": p["due_to"]}
    elif p["q"]:
        name, args = "task_ids_by_text", {"q": p["q"], "no_lead": p["no_lead"]}
    else:
        name, args = "task_ids_all", {"no_lead": p["no_lead"]}
    rows = {r["id"]: r for r in run(store, name, limit=limit, **args)}
    ordered = sorted(rows.values(), key=lambda r: (str(r["file"]), r["line"] or 0, r["id"]))
    return name, ordered


@cacheable
def tasks(store: Store, f: TaskFilter, skip: int = 0, limit: int = 100) -> TaskPage:
    """Search tasks: one page of the tasks matching every filter, in source order.

    Parameters
    ----------
    store:
        The store.
    f:
        The filters.
    skip, limit:
        The page.

    Returns
    -------
    TaskPage
    """
    name, found = _anchor(store, f, MAX_CANDIDATES + 1)
    cut = len(found) > MAX_CANDIDATES
    ids = [r["id"] for r in found[:MAX_CANDIDATES]]
    given = {k for k, v in f.params().items() if v}
    if given <= _EXACT[name]:
        # The anchor applied every filter: read only the page's rows.
        rows = run(store, "task_rows", ids=ids[skip : skip + limit], **f.params())
        return TaskPage(rows=_unique_lists(rows), total=len(ids), cut=cut)
    cut = cut or len(ids) > MAX_FILTERED
    rows = run(store, "task_rows", ids=ids[:MAX_FILTERED], **f.params())
    return TaskPage(rows=_unique_lists(rows[skip : skip + limit]), total=len(rows), cut=cut)


def _unique_lists(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # A task reaching one deadline node through two phrases lists its date twice.
    for r in rows:
        r["dates"] = list(dict.fromkeys(r["dates"]))
        r["phrases"] = list(dict.fromkeys(r["phrases"]))
    return rows


@cacheable
def task(store: Store, task_id: str) -> dict[str, Any] | None:
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
    rows = run(store, "task", id=task_id)
    return rows[0] if rows else None


@cacheable
def districts(store: Store) -> list[str]:
    """Every district name, for the task filter.

    Parameters
    ----------
    store:
        The store.

    Returns
    -------
    list[str]
    """
    return [r["name"] for r in run(store, "filter_districts")]
