"""Write the graph (as a networkx ``MultiDiGraph`` from :mod:`graph.model` or
:meth:`graph.neo4j_store.Store.to_networkx`) to GraphML, JSON Lines or CSV.

CSV follows the ``neo4j-admin database import`` header format, so the export can seed
a fresh Neo4j::

    nodes_Org.csv        name:ID(Org),:LABEL,aliases:string[],jurisdiction,kind,level
    rels_LEADS.csv       :START_ID(Org),:END_ID(Task),:TYPE,evidence,line:long,mention

    neo4j-admin database import full --array-delimiter=";" \
        --nodes=nodes_Document.csv --nodes=nodes_Task.csv … --relationships=rels_LEADS.csv …

Each label is its own id space and its key column (``id``, ``name`` or ``key``) is both
the import id and the stored property. Lists are joined with ``;``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from graph.schema import LABELS, NODE_KEYS, REL_ENDPOINTS, REL_TYPES

__all__ = ["ARRAY_DELIMITER", "FORMATS", "write_csv", "write_graphml", "write_jsonl"]

FORMATS = ("graphml", "jsonl", "csv")
ARRAY_DELIMITER = ";"


def _type_of(values: list[Any]) -> str:
    """The neo4j-admin header type for a column (``""`` = string)."""
    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return ":boolean"
    if kinds and kinds <= {int}:
        return ":long"
    if kinds and kinds <= {int, float}:
        return ":double"
    if kinds == {list}:
        return ":string[]"
    return ""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


def write_csv(g: nx.MultiDiGraph, out_dir: Path) -> list[Path]:
    """Write one ``nodes_<Label>.csv`` per label and one ``rels_<TYPE>.csv`` per type.

    Parameters
    ----------
    g:
        The graph.
    out_dir:
        Folder to write into (created).

    Returns
    -------
    list[Path]
        The files written (labels and types with no rows get no file).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lbl in LABELS:
        nodes = [(n, d) for n, d in g.nodes(data=True) if d.get("label") == lbl]
        if not nodes:
            continue
        key = NODE_KEYS[lbl]
        cols = sorted({k for _, d in nodes for k in d if k not in ("label", key)})
        types = {c: _type_of([d.get(c) for _, d in nodes]) for c in cols}
        path = out_dir / f"nodes_{lbl}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            # key:ID(Label): the key is both the import id (in the label's id space, so
            # an org and a district may share a name) and the stored property.
            w.writerow([f"{key}:ID({lbl})", ":LABEL", *(c + types[c] for c in cols)])
            for _, d in nodes:
                w.writerow([_cell(d[key]), lbl, *(_cell(d.get(c)) for c in cols)])
        written.append(path)
    for rtype in REL_TYPES:
        edges = [(u, v, d) for u, v, d in g.edges(data=True) if d.get("type") == rtype]
        if not edges:
            continue
        cols = sorted({k for *_, d in edges for k in d if k != "type"})
        types = {c: _type_of([d.get(c) for *_, d in edges]) for c in cols}
        path = out_dir / f"rels_{rtype}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            start, end = REL_ENDPOINTS[rtype]
            w.writerow(
                [f":START_ID({start})", f":END_ID({end})", ":TYPE", *(c + types[c] for c in cols)]
            )
            for u, v, d in edges:
                w.writerow([_key(g, u), _key(g, v), rtype, *(_cell(d.get(c)) for c in cols)])
        written.append(path)
    return written


def _key(g: nx.MultiDiGraph, node: str) -> str:
    d = g.nodes[node]
    return _cell(d[NODE_KEYS[d["label"]]])


def write_jsonl(g: nx.MultiDiGraph, fh: TextIO) -> int:
    """One JSON object per line: nodes first, then relationships.

    ``{"type": "node", "id", "labels": [..], "properties": {..}}`` and
    ``{"type": "relationship", "label", "start", "end", "properties": {..}}``.

    Parameters
    ----------
    g:
        The graph.
    fh:
        Text stream to write to.

    Returns
    -------
    int
        Lines written.
    """
    n = 0
    for node, d in g.nodes(data=True):
        props = {k: v for k, v in d.items() if k != "label"}
        obj = {"type": "node", "id": node, "labels": [d.get("label")], "properties": props}
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    for u, v, d in g.edges(data=True):
        props = {k: val for k, val in d.items() if k != "type"}
        obj = {
            "type": "relationship",
            "label": d.get("type"),
            "start": u,
            "end": v,
            "properties": props,
        }
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_graphml(g: nx.MultiDiGraph, path: Path | TextIO) -> None:
    """GraphML (lists, which GraphML cannot hold, become JSON strings).

    Parameters
    ----------
    g:
        The graph.
    path:
        File path or binary stream.
    """
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: _graphml_value(v) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: _graphml_value(b) for a, b in d.items()})
    nx.write_graphml(h, path)


def _graphml_value(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
