"""The graph's fixed vocabulary: node labels, their keys, relationship types.

Cypher cannot take a label or relationship type as a ``$parameter``, so every label and
type that reaches a Cypher string comes from these allow-lists (checked by
:func:`label` / :func:`rel_type`), never from document text.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "DOCUMENT_PROPS",
    "LABELS",
    "NODE_KEYS",
    "REL_ENDPOINTS",
    "REL_PROPS",
    "REL_TYPES",
    "ROLE_RELS",
    "ROLE_REL_TYPES",
    "SCHEMA_VERSION",
    "TASK_PROPS",
    "constraint_statements",
    "label",
    "node_id",
    "rel_type",
]

# Bump when the rows written for a document change shape: a document whose stored
# schema_version differs is re-written even if its text did not change.
# 2: provenance (page/table/row/column, Task.layout, Org.known, Document.extractor,
#    jurisdiction, unread), ISSUED_BY to the resolved issuer org.
SCHEMA_VERSION: Final = 2

# label -> the property that identifies a node (unique constraint).
NODE_KEYS: Final[dict[str, str]] = {
    "Document": "id",
    "Task": "id",
    "Org": "name",
    "District": "name",
    "Deadline": "key",
}
LABELS: Final[tuple[str, ...]] = tuple(NODE_KEYS)

# type -> (start label, end label)
REL_ENDPOINTS: Final[dict[str, tuple[str, str]]] = {
    "HAS_TASK": ("Document", "Task"),
    "LEADS": ("Org", "Task"),
    "RESPONSIBLE_FOR": ("Org", "Task"),
    "ASSISTS": ("Org", "Task"),
    "DUE_BY": ("Task", "Deadline"),
    "CONCERNS": ("Task", "District"),
    "IN_DISTRICT": ("Org", "District"),
    "ISSUED_BY": ("Document", "Org"),
}
REL_TYPES: Final[tuple[str, ...]] = tuple(REL_ENDPOINTS)

# type -> its property names (fixed, so statements can name them: on the local server
# an inline property map in CREATE is ~2x faster than ``SET e += map``).
_ROLE_PROPS: Final = ("mention", "evidence", "line", "page", "table", "row", "column")
REL_PROPS: Final[dict[str, tuple[str, ...]]] = {
    "HAS_TASK": (),
    "LEADS": _ROLE_PROPS,
    "RESPONSIBLE_FOR": _ROLE_PROPS,
    "ASSISTS": _ROLE_PROPS,
    "DUE_BY": ("raw", "kind", "final"),
    "CONCERNS": (),
    "IN_DISTRICT": (),
    "ISSUED_BY": (),
}
# The properties a Document or Task row may have (:func:`graph.model.document_rows`), in
# the order the store sends them: rows travel as lists, not maps (the server decodes
# fewer strings), and the statements name each property.
DOCUMENT_PROPS: Final[tuple[str, ...]] = (
    "id",
    "number",
    "title",
    "issuer",
    "date",
    "year",
    "source_file",
    "line_start",
    "line_end",
    "content_hash",
    "plan_title",
    "conventions",
    "schema_version",
    "extractor",
    "jurisdiction",
    "unread_count",
    "unread",
)
TASK_PROPS: Final[tuple[str, ...]] = (
    "id",
    "text",
    "section",
    "seq",
    "line_start",
    "line_end",
    "source_file",
    "doc_id",
    "keywords",
    "layout",
    "page",
    "table",
    "row",
    "column",
)

# extractor role -> relationship type
ROLE_RELS: Final[dict[str, str]] = {
    "lead": "LEADS",
    "responsible": "RESPONSIBLE_FOR",
    "assist": "ASSISTS",
}
ROLE_REL_TYPES: Final[tuple[str, ...]] = tuple(ROLE_RELS.values())


def _allowed(name: str, allowed: dict[str, object], what: str) -> str:
    if name not in allowed:
        raise ValueError(f"not a {what} of this graph: {name!r}")
    return name


def label(name: str) -> str:
    """Return ``name`` if it is an allowed node label, else raise ``ValueError``.

    Parameters
    ----------
    name:
        Candidate label.

    Returns
    -------
    str
    """
    return _allowed(name, NODE_KEYS, "node label")  # type: ignore[arg-type]


def rel_type(name: str) -> str:
    """Return ``name`` if it is an allowed relationship type, else raise ``ValueError``.

    Parameters
    ----------
    name:
        Candidate type.

    Returns
    -------
    str
    """
    return _allowed(name, REL_ENDPOINTS, "relationship type")  # type: ignore[arg-type]


def node_id(lbl: str, key: object) -> str:
    """The id of a node outside the database (networkx, exports): ``"Label:key"``.

    Parameters
    ----------
    lbl:
        Node label.
    key:
        Value of the label's key property.

    Returns
    -------
    str
    """
    return f"{label(lbl)}:{key}"


def constraint_statements() -> list[str]:
    """``CREATE CONSTRAINT … IF NOT EXISTS`` for every label's key, run before any MERGE.

    Returns
    -------
    list[str]
        One statement per label (each also gives MERGE/MATCH on the key an index).
    """
    return [
        f"CREATE CONSTRAINT {lbl.lower()}_{key} IF NOT EXISTS "
        f"FOR (n:{lbl}) REQUIRE n.{key} IS UNIQUE"
        for lbl, key in NODE_KEYS.items()
    ]
