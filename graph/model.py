"""Extracted records -> graph rows -> an in-memory networkx ``MultiDiGraph``.

:func:`document_rows` is the single translation from one :class:`~extract.models.Document`
to nodes and relationships; the Neo4j store writes exactly these rows and
:func:`build_graph` adds exactly these rows to networkx, so the database and the
in-memory graph agree by construction (the integration tests check that they do).

Node ids outside the database are ``"Label:key"`` (:func:`graph.schema.node_id`).
Relationship keys in the ``MultiDiGraph`` are the relationship type, except ``DUE_BY``
whose key is ``"DUE_BY:<raw phrase>"`` because one task may reach the same deadline node
through two phrases.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # networkx is imported where a graph is built: the app never needs it
    import networkx as nx

from errors import Warnings
from extract.models import Deadline, Document, Org, UnreadItem
from graph.schema import NODE_KEYS, REL_PROPS, ROLE_RELS, SCHEMA_VERSION, node_id

__all__ = [
    "DocumentRows",
    "Rel",
    "add_rows",
    "build_graph",
    "deadline_key",
    "document_rows",
    "edge_key",
    "stored_version",
    "unique_documents",
    "unread_line",
]


@dataclass(frozen=True)
class Rel:
    """One relationship between two nodes given by (label, key)."""

    type: str
    start: tuple[str, Any]
    end: tuple[str, Any]
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class DocumentRows:
    """Everything one document contributes to the graph.

    Attributes
    ----------
    doc_id, content_hash:
        Identify the document and its text version.
    extractor:
        The extractor and vocabulary that made it (``extract.version.fingerprint()``).
    nodes:
        label -> list of property dicts (each includes the label's key property).
        ``Org`` rows carry ``aliases``: the mentions this document uses for the org.
    issuer:
        The issuing government's ``Org`` row, or ``None``. Kept apart from ``nodes``
        because it must not overwrite what an assignment says about the same org.
    rels:
        type -> list of :class:`Rel`.
    warnings:
        Messages about records that were dropped (duplicate task ids).
    """

    doc_id: str
    content_hash: str
    nodes: dict[str, list[dict[str, Any]]]
    issuer: dict[str, Any] | None
    rels: dict[str, list[Rel]]
    warnings: list[str] = field(default_factory=list)
    extractor: str = ""

    @property
    def version(self) -> tuple[str, int, str]:
        """What decides whether a stored copy is current: text, row schema, extractor."""
        return (self.content_hash, SCHEMA_VERSION, self.extractor)

    @property
    def node_count(self) -> int:
        """Rows over all labels (an org or district can recur across documents)."""
        return sum(len(v) for v in self.nodes.values()) + (self.issuer is not None)

    @property
    def rel_count(self) -> int:
        """Relationships this document adds."""
        return sum(len(v) for v in self.rels.values())


def stored_version(row: Any) -> tuple[str, int, str]:
    """A stored document's version as :attr:`DocumentRows.version` gives it.

    Parameters
    ----------
    row:
        A record or dict with the stored ``hash``, ``version`` (schema) and ``extractor``
        (null for documents loaded before extractors were recorded).

    Returns
    -------
    tuple[str, int, str]
    """
    return (row["hash"], row["version"], row["extractor"] or "")


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    # Neo4j stores no nulls: a null in SET n += props would delete the property.
    return {k: v for k, v in props.items() if v is not None}


def deadline_key(deadline: Deadline) -> str:
    """The key of a Deadline node: the ISO date, or the kind for undated ones.

    All open-ended deadlines share the node ``open`` and all recurring ones
    ``recurring``; the phrase itself (``长期坚持``, ``每季度``) is on the DUE_BY edge.

    Parameters
    ----------
    deadline:
        An extracted deadline.

    Returns
    -------
    str
    """
    return deadline.date or deadline.kind or "open"


def _org_props(org: Org) -> dict[str, Any]:
    return _clean(
        {
            "name": org.name,
            "kind": org.kind,
            "level": org.level,
            "jurisdiction": org.jurisdiction,
            "known": org.known,
        }
    )


def unread_line(item: UnreadItem) -> str:
    """One stored ``Document.unread`` entry: ``"LINE_START-LINE_END<TAB>CODE<TAB>TEXT"``.

    Parameters
    ----------
    item:
        Text that looked like an assignment but that no layout read.

    Returns
    -------
    str
    """
    return f"{item.line_start}-{item.line_end}\t{item.code}\t{item.text}"


def _issuer_row(doc: Document) -> dict[str, Any] | None:
    """The issuing government's Org row: the issuer resolved like any mention (so it is
    the same node as the mentions of it), else the issuer string as a government."""
    if doc.issuer_org is not None and doc.issuer_org.name:
        return {**_org_props(doc.issuer_org), "aliases": []}
    if doc.issuer:
        return {"name": doc.issuer, "kind": "government", "level": "unknown", "aliases": []}
    return None


def _require_key(what: str, value: object, doc: Document) -> None:
    # Some Bolt servers MERGE a keyless node for a null key instead of failing.
    if value is None or value == "":
        raise ValueError(f"{doc.id}: {what} has an empty key")


def document_rows(doc: Document) -> DocumentRows:
    """Translate one document into node and relationship rows.

    Duplicates are dropped here so that the database (which MERGEs shared nodes and
    CREATEs the document's own relationships) and networkx count the same things:
    a task id seen twice keeps its first task (warning W201); an org with the same role
    on a task twice keeps the first assignment; a (task, deadline node, phrase) triple or
    a (task, district) pair is kept once.

    Parameters
    ----------
    doc:
        An extracted document.

    Returns
    -------
    DocumentRows

    Raises
    ------
    ValueError
        When a document, task, org or district has an empty key.
    """
    _require_key("the document", doc.id, doc)
    d_props = _clean(
        {
            "id": doc.id,
            "number": doc.number,
            "title": doc.title,
            "issuer": doc.issuer,
            "date": doc.date,
            "year": doc.year,
            "source_file": doc.source.file,
            "line_start": doc.source.line_start,
            "line_end": doc.source.line_end,
            "content_hash": doc.content_hash,
            "plan_title": doc.plan_title,
            "conventions": list(doc.conventions),
            "schema_version": SCHEMA_VERSION,
            "extractor": doc.extractor,
            "jurisdiction": doc.jurisdiction,
            "unread_count": len(doc.unread),
            "unread": [unread_line(u) for u in doc.unread],
        }
    )
    tasks: list[dict[str, Any]] = []
    orgs: dict[str, dict[str, Any]] = {}
    districts: dict[str, dict[str, Any]] = {}
    deadlines: dict[str, dict[str, Any]] = {}
    rels: dict[str, list[Rel]] = {}
    seen_rels: set[tuple[Any, ...]] = set()
    warnings: list[str] = []

    def add_rel(rel: Rel, dedupe: tuple[Any, ...]) -> None:
        if dedupe in seen_rels:
            if rel.type == "DUE_BY" and rel.props.get("final"):
                # The same phrase twice: the kept edge must not lose the final mark.
                kept = next(r for r in rels["DUE_BY"] if r.start == rel.start
                            and r.end == rel.end and r.props.get("raw") == rel.props.get("raw"))
                kept.props["final"] = True
            return
        seen_rels.add(dedupe)
        rels.setdefault(rel.type, []).append(rel)

    def add_district(name: str) -> None:
        _require_key("a district", name, doc)
        districts.setdefault(name, {"name": name})

    seen_tasks: set[str] = set()
    for task in doc.tasks:
        if task.id in seen_tasks:
            warnings.append(
                Warnings.W201.format(doc=doc.id, task=task.id, line=task.source.line_start)
            )
            continue
        _require_key("a task", task.id, doc)
        seen_tasks.add(task.id)
        t_key = ("Task", task.id)
        tasks.append(
            _clean(
                {
                    "id": task.id,
                    "text": task.text,
                    "section": task.section,
                    "seq": task.seq,
                    "line_start": task.source.line_start,
                    "line_end": task.source.line_end,
                    "source_file": task.source.file,
                    "doc_id": doc.id,
                    "keywords": list(task.keywords),
                    "layout": task.layout or None,
                    "page": task.source.page,
                    "table": task.source.table,
                    "row": task.source.row,
                    "column": task.source.column,
                }
            )
        )
        add_rel(Rel("HAS_TASK", ("Document", doc.id), t_key), ("HAS_TASK", task.id))
        for a in task.assignments:
            rtype = ROLE_RELS[a.role]
            _require_key(f"the org of {a.mention!r}", a.org.name, doc)
            o = orgs.get(a.org.name)
            if o is None:
                o = orgs[a.org.name] = {**_org_props(a.org), "aliases": []}
            rel = Rel(
                rtype,
                ("Org", a.org.name),
                t_key,
                # The role edge's properties are the assignment's fields of those names.
                _clean({name: getattr(a, name) for name in REL_PROPS[rtype]}),
            )
            before = len(seen_rels)
            add_rel(rel, (rtype, a.org.name, task.id))
            if len(seen_rels) > before and a.mention not in o["aliases"]:
                # Only mentions on kept edges: the store recomputes aliases from edges.
                o["aliases"].append(a.mention)
            if a.org.district:
                add_district(a.org.district)
                add_rel(
                    Rel("IN_DISTRICT", ("Org", a.org.name), ("District", a.org.district)),
                    ("IN_DISTRICT", a.org.name, a.org.district),
                )
        for dl in task.deadlines:
            key = deadline_key(dl)
            deadlines.setdefault(key, _clean({"key": key, "date": dl.date, "kind": dl.kind}))
            add_rel(
                Rel(
                    "DUE_BY",
                    t_key,
                    ("Deadline", key),
                    {"raw": dl.raw, "kind": dl.kind, "final": bool(dl.final)},
                ),
                ("DUE_BY", task.id, key, dl.raw),
            )
        for name in task.districts:
            add_district(name)
            add_rel(Rel("CONCERNS", t_key, ("District", name)), ("CONCERNS", task.id, name))

    issuer = _issuer_row(doc)
    if issuer is not None:
        add_rel(
            Rel("ISSUED_BY", ("Document", doc.id), ("Org", issuer["name"])),
            ("ISSUED_BY", issuer["name"]),
        )

    return DocumentRows(
        doc_id=doc.id,
        content_hash=doc.content_hash,
        nodes={
            "Document": [d_props],
            "Task": tasks,
            "Org": list(orgs.values()),
            "District": list(districts.values()),
            "Deadline": list(deadlines.values()),
        },
        issuer=issuer,
        rels=rels,
        warnings=warnings,
        extractor=doc.extractor,
    )


def unique_documents(documents: Iterable[Document]) -> tuple[list[Document], list[str]]:
    """Drop documents whose id was already seen (the first one wins).

    Parameters
    ----------
    documents:
        Extracted documents, in input order.

    Returns
    -------
    tuple[list[Document], list[str]]
        The kept documents and one W202 warning per dropped one.
    """
    kept: dict[str, Document] = {}
    warnings = []
    for doc in documents:
        if doc.id in kept:
            warnings.append(
                Warnings.W202.format(
                    doc=doc.id, first=kept[doc.id].source.file, second=doc.source.file
                )
            )
            continue
        kept[doc.id] = doc
    return list(kept.values()), warnings


def edge_key(rel_type: str, props: dict[str, Any]) -> str:
    """The ``MultiDiGraph`` key of a relationship (see the module docstring).

    Parameters
    ----------
    rel_type:
        Relationship type.
    props:
        Its properties.

    Returns
    -------
    str
    """
    return f"DUE_BY:{props.get('raw')}" if rel_type == "DUE_BY" else rel_type


def add_rows(g: nx.MultiDiGraph, rows: DocumentRows) -> None:
    """Add one document's rows to ``g``, merging shared nodes as the store's MERGE does.

    Parameters
    ----------
    g:
        Graph to extend in place.
    rows:
        From :func:`document_rows`.
    """
    for lbl, items in rows.nodes.items():
        key_prop = NODE_KEYS[lbl]
        for props in items:
            nid = node_id(lbl, props[key_prop])
            if lbl == "Org" and nid in g:
                aliases = list(g.nodes[nid].get("aliases", []))
                aliases += [a for a in props["aliases"] if a not in aliases]
                g.nodes[nid].update({**props, "aliases": aliases})
            else:
                g.add_node(nid, label=lbl, **props)
    if rows.issuer is not None:
        nid = node_id("Org", rows.issuer["name"])
        if nid not in g:  # ON CREATE only: an assignment's description wins
            g.add_node(nid, label="Org", **rows.issuer)
    for rtype, rels in rows.rels.items():
        for rel in rels:
            g.add_edge(
                node_id(*rel.start),
                node_id(*rel.end),
                key=edge_key(rtype, rel.props),
                type=rtype,
                **rel.props,
            )


def build_graph(documents: Iterable[Document]) -> nx.MultiDiGraph:
    """Build the in-memory responsibility graph.

    Parameters
    ----------
    documents:
        Extracted documents; a repeated document id keeps its first document.

    Returns
    -------
    networkx.MultiDiGraph
        Node attribute ``label`` plus the node's properties; edge attribute ``type``
        plus the relationship's properties. ``g.graph["warnings"]`` lists dropped records.
    """
    docs, warnings = unique_documents(documents)
    import networkx as nx

    g = nx.MultiDiGraph(schema_version=SCHEMA_VERSION)
    for doc in docs:
        rows = document_rows(doc)
        warnings.extend(rows.warnings)
        add_rows(g, rows)
    g.graph["warnings"] = warnings
    return g
