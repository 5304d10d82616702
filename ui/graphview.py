"""The interactive graph: edge rows -> Cytoscape elements -> ``st_link_analysis``.

``st_link_analysis`` (PyPI ``st-link-analysis``) is a Streamlit component that ships its
own Cytoscape.js build, so the graph works in a browser with no internet. It supports
drag and zoom, shows the clicked node's properties in its side panel, and reports
"expand" (double-click or the expand button) back to Python, where the page fetches the
node's neighbours and merges them in.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

from graph.schema import NODE_KEYS

__all__ = [
    "LABEL_COLOURS",
    "LABEL_NAMES",
    "REL_NAMES",
    "elements_from_rows",
    "flat",
    "merge_elements",
    "node_key",
    "render",
]

LABEL_NAMES: dict[str, str] = {
    "Org": "单位 Org",
    "Task": "任务 Task",
    "Document": "文件 Document",
    "Deadline": "期限 Deadline",
    "District": "区县 District",
}
LABEL_COLOURS: dict[str, str] = {
    "Org": "#1f77b4",
    "Task": "#ff7f0e",
    "Document": "#2ca02c",
    "Deadline": "#9467bd",
    "District": "#8c564b",
    "Node": "#7f7f7f",
}
REL_NAMES: dict[str, str] = {
    "LEADS": "牵头",
    "RESPONSIBLE_FOR": "责任",
    "ASSISTS": "协办",
    "HAS_TASK": "含任务",
    "DUE_BY": "期限",
    "CONCERNS": "涉及",
    "IN_DISTRICT": "位于",
    "ISSUED_BY": "发文",
}
_CAPTION_LEN = 14


def node_key(lbl: str, props: dict[str, Any]) -> str:
    """A node's id in the view: ``"Label:key"`` for graph labels, else the element id.

    Parameters
    ----------
    lbl:
        The node's label.
    props:
        Its properties (console rows carry ``_eid``).

    Returns
    -------
    str
    """
    key_prop = NODE_KEYS.get(lbl)
    if key_prop and props.get(key_prop) is not None:
        return f"{lbl}:{props[key_prop]}"
    return f"{lbl}:{props.get('_eid', id(props))}"


def _caption(lbl: str, props: dict[str, Any]) -> str:
    if lbl == "Task":
        text = str(props.get("text") or props.get("id") or "")
    elif lbl == "Document":
        text = str(props.get("number") or props.get("title") or props.get("id") or "")
    elif lbl == "Deadline":
        text = str(props.get("date") or props.get("key") or "")
    else:
        text = str(props.get("name") or props.get("id") or props.get("key") or lbl)
    return text if len(text) <= _CAPTION_LEN else text[: _CAPTION_LEN - 1] + "…"


def flat(value: Any) -> Any:
    """A cell value for a table or a graph property: lists joined with 、, maps as text.

    Parameters
    ----------
    value:
        Any query value.

    Returns
    -------
    A scalar.
    """
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return str(value)
    return value


def _node(lbl: str, props: dict[str, Any]) -> dict[str, Any]:
    data = {k: flat(v) for k, v in props.items() if not k.startswith("_")}
    data.update({"id": node_key(lbl, props), "label": lbl, "caption": _caption(lbl, props)})
    return {"data": data}


def elements_from_rows(
    rows: Iterable[dict[str, Any]], extra_nodes: Iterable[tuple[str, dict[str, Any]]] = ()
) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape elements from edge rows (``la, pa, t, pr, lb, pb``).

    Parameters
    ----------
    rows:
        Edge rows from :mod:`ui.data`.
    extra_nodes:
        (label, properties) of nodes to include even without an edge.

    Returns
    -------
    dict
        ``{"nodes": [...], "edges": [...]}`` with unique ids.
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    for lbl, props in extra_nodes:
        n = _node(lbl, props)
        nodes.setdefault(n["data"]["id"], n)
    for r in rows:
        if r.get("pa") is None or r.get("pb") is None:
            continue
        a, b = _node(r["la"], r["pa"]), _node(r["lb"], r["pb"])
        nodes.setdefault(a["data"]["id"], a)
        nodes.setdefault(b["data"]["id"], b)
        props = r.get("pr") or {}
        eid = f"{a['data']['id']}|{r['t']}|{b['data']['id']}|{props.get('raw', '')}"
        data = {k: flat(v) for k, v in props.items()}
        data.update(
            {
                "id": eid,
                "source": a["data"]["id"],
                "target": b["data"]["id"],
                "label": r["t"],
                "caption": REL_NAMES.get(r["t"], r["t"]),
            }
        )
        edges.setdefault(eid, {"data": data})
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


def merge_elements(
    base: dict[str, list[dict[str, Any]]], extra: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """Add ``extra``'s nodes and edges to ``base`` (ids already present are kept).

    Parameters
    ----------
    base, extra:
        Element dicts from :func:`elements_from_rows`.

    Returns
    -------
    dict
        A new element dict.
    """
    nodes = {n["data"]["id"]: n for n in base["nodes"]}
    edges = {e["data"]["id"]: e for e in base["edges"]}
    for n in extra["nodes"]:
        nodes.setdefault(n["data"]["id"], n)
    for e in extra["edges"]:
        edges.setdefault(e["data"]["id"], e)
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


class _CaptionStyle:
    """A NodeStyle whose caption stays readable when the graph is zoomed out (the
    component's default hides captions below a 10 px on-screen font)."""

    def __init__(self, style: Any) -> None:
        self.style = style

    def dump(self) -> dict[str, Any]:
        out = self.style.dump()
        # Organisations, documents, districts and dates are few: always captioned.
        # Tasks are many: their captions appear once the user zooms in.
        small = self.style.label == "Task"
        out["style"].update(
            {
                "font-size": 4 if small else 7,
                "min-zoomed-font-size": 7 if small else 0,
                "text-valign": "bottom",
            }
        )
        return out


def render(
    elements: dict[str, list[dict[str, Any]]],
    *,
    key: str,
    height: int = 520,
    expand: bool = True,
) -> Any:
    """Draw the elements with ``st_link_analysis``; returns the component's last event.

    Parameters
    ----------
    elements:
        From :func:`elements_from_rows`.
    key:
        Streamlit widget key.
    height:
        Pixels.
    expand:
        Enable the expand action (double-click a node).

    Returns
    -------
    The event dict (``{"action": "expand"|"clicked", "data": …}``) or ``None``.
    """
    from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis

    node_styles = [
        _CaptionStyle(NodeStyle(lbl, colour, "caption")) for lbl, colour in LABEL_COLOURS.items()
    ]
    with warnings.catch_warnings():
        # EdgeStyle 0.4.0 warns about its own deprecated `labeled` default on every call.
        warnings.simplefilter("ignore", DeprecationWarning)
        edge_styles = [EdgeStyle(t, caption="caption", directed=True) for t in REL_NAMES]
    return st_link_analysis(
        elements,
        layout="cose",
        node_styles=node_styles,
        edge_styles=edge_styles,
        height=height,
        key=key,
        node_actions=["expand"] if expand else [],
        events=[Event("clicked", "tap", "node")],
    )
