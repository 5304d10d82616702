"""The interactive graph: typed edge rows -> Cytoscape elements -> ``st_link_analysis``.

``st_link_analysis`` (PyPI ``st-link-analysis``, drawn through :mod:`ui.graph_component`
so its tooltips are Chinese) ships its own Cytoscape.js build (with the fcose layout), so
the graph works with no internet; it supports drag and zoom, shows the clicked node's
properties and reports clicks and "expand" back to Python. It is kept because it does all
the graph page needs once the three points below are handled.

Three things it does not do by itself, handled here:

* it lays the graph out only when its *layout options* change, so new elements would
  pile up at the origin: :func:`render` puts a digest of the element ids into the layout
  options, so every new element set gets a fresh layout, fitted to the frame;
* its default captions are ~4 px at the fitted zoom and hidden below 10 px on screen:
  the styles here size organisations and documents to be read at the default zoom and
  give tasks a short caption;
* a graph drawn in a hidden tab is laid out in a zero-sized frame: pages draw the graph
  only in the open tab (``st.tabs(..., on_change="rerun")``).
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.schema import NODE_KEYS
from queries.labels import value_label

__all__ = [
    "LABEL_COLOURS",
    "LABEL_NAMES",
    "NODE_KIND",
    "PROPERTY_NAMES",
    "REL_NAMES",
    "EdgeRow",
    "Elements",
    "edge_rows",
    "elements_from_rows",
    "flat",
    "layout_options",
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
    "SHARES": "共同任务",  # drawn only: organisations named on the same tasks
}
# Node properties as the side panel shows them (the raw names are the graph's own).
PROPERTY_NAMES: dict[str, str] = {
    "name": "名称",
    "kind": "类型",
    "level": "层级",
    "jurisdiction": "所属地区",
    "aliases": "原文写法",
    "known": "已登记",
    "text": "任务内容",
    "section": "所在章节",
    "seq": "序号",
    "line_start": "起始行",
    "line_end": "结束行",
    "source_file": "源文件",
    "doc_id": "文件编号",
    "keywords": "关键词",
    "layout": "版式",
    "page": "页码",
    "table": "表格",
    "row": "表格行",
    "column": "表格列",
    "number": "文号",
    "title": "标题",
    "issuer": "发文单位",
    "date": "日期",
    "year": "年份",
    "content_hash": "内容指纹",
    "plan_title": "方案标题",
    "conventions": "文件约定",
    "schema_version": "数据版本",
    "extractor": "抽取器版本",
    "unread_count": "未读条目数",
    "unread": "未读条目",
    "key": "键",
    "mention": "原文写法",
    "evidence": "依据",
    "line": "行",
    "raw": "原文",
    "final": "最终期限",
    "shared": "共同任务数",
    "task_count": "任务数",
    "lead_count": "牵头数",
    "responsible_count": "责任数",
    "assist_count": "协办数",
    "doc_count": "文件数",
    "partners": "合作单位",
    "assignment_count": "分工数",
    "org_count": "单位数",
    "ownerless_count": "无责任单位任务数",
    "lead_task_count": "有牵头单位任务数",
    "final_task_count": "最终期限任务数",
    "id": "编号",
}
# What the side panel shows as a node's or relationship's kind (and the styles select on).
NODE_KIND: dict[str, str] = {"Org": "单位", "Task": "任务", "Document": "文件",
                             "Deadline": "期限", "District": "区县", "Node": "节点"}
_TASK_CAPTION = 10
_CAPTION = 16


@dataclass(frozen=True)
class EdgeRow:
    """One relationship with both end nodes, as the graph queries return it.

    Attributes
    ----------
    source_label, target_label:
        The end nodes' labels (``Org``, ``Task`` …).
    source, target:
        Their properties (console rows also carry ``_eid``, the element id).
    type:
        The relationship type.
    props:
        Its properties.
    """

    source_label: str
    source: Mapping[str, Any]
    type: str
    props: Mapping[str, Any] = field(default_factory=dict)
    target_label: str = ""
    target: Mapping[str, Any] = field(default_factory=dict)


Elements = dict[str, list[dict[str, Any]]]


def edge_rows(rows: Iterable[Mapping[str, Any]]) -> list[EdgeRow]:
    """Query rows (``source_label, source, type, props, target_label, target``) as
    :class:`EdgeRow`; rows with a missing end are dropped.

    Parameters
    ----------
    rows:
        Records from a ``ui/cypher/graph_*.cypher`` statement.

    Returns
    -------
    list[EdgeRow]
    """
    return [
        EdgeRow(r["source_label"], r["source"], r["type"], r.get("props") or {},
                r["target_label"], r["target"])
        for r in rows
        if r.get("source") is not None and r.get("target") is not None
    ]


def _as_edge(row: EdgeRow | Mapping[str, Any]) -> EdgeRow | None:
    if isinstance(row, EdgeRow):
        return row
    # The console runner's rows (la, pa, t, pr, lb, pb) until it is replaced at merge.
    if row.get("pa") is None or row.get("pb") is None:
        return None
    return EdgeRow(row["la"], row["pa"], row["t"], row.get("pr") or {}, row["lb"], row["pb"])


def node_key(lbl: str, props: Mapping[str, Any]) -> str:
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


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _caption(lbl: str, props: Mapping[str, Any]) -> str:
    if lbl == "Task":
        seq = props.get("seq")
        text = _short(str(props.get("text") or props.get("id") or ""), _TASK_CAPTION)
        return f"{seq}. {text}" if seq is not None else text
    if lbl == "Document":
        text = str(props.get("number") or props.get("title") or props.get("id") or "")
    elif lbl == "Deadline":
        text = str(props.get("date") or {"open": "长期", "recurring": "周期性"}.get(
            str(props.get("key")), props.get("key") or ""))
    else:
        text = str(props.get("name") or props.get("id") or props.get("key") or lbl)
    return _short(text, _CAPTION)


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


def _node(lbl: str, props: Mapping[str, Any]) -> dict[str, Any]:
    data = {
        PROPERTY_NAMES.get(k, k): flat(value_label(k, v))
        for k, v in props.items()
        if not k.startswith("_") and v is not None
        and k not in ("content_hash", "partners", "unread", "documents")
    }
    data.update({"id": node_key(lbl, props), "label": NODE_KIND.get(lbl, lbl),
                 "caption": _caption(lbl, props)})
    return {"data": data}


def elements_from_rows(
    rows: Iterable[EdgeRow | Mapping[str, Any]],
    extra_nodes: Iterable[tuple[str, Mapping[str, Any]]] = (),
) -> Elements:
    """Cytoscape elements from edge rows.

    Parameters
    ----------
    rows:
        :class:`EdgeRow` values (or the console runner's dict rows).
    extra_nodes:
        (label, properties) of nodes to include even without an edge.

    Returns
    -------
    dict
        ``{"nodes": [...], "edges": [...]}`` with unique ids; node data carries Chinese
        property names (:data:`PROPERTY_NAMES`) for the side panel.
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    for lbl, props in extra_nodes:
        n = _node(lbl, props)
        nodes.setdefault(n["data"]["id"], n)
    for raw in rows:
        r = _as_edge(raw)
        if r is None:
            continue
        a, b = _node(r.source_label, r.source), _node(r.target_label, r.target)
        nodes.setdefault(a["data"]["id"], a)
        nodes.setdefault(b["data"]["id"], b)
        eid = f"{a['data']['id']}|{r.type}|{b['data']['id']}|{r.props.get('raw', '')}"
        data = {PROPERTY_NAMES.get(k, k): flat(value_label(k, v)) for k, v in r.props.items()}
        caption = REL_NAMES.get(r.type, r.type)
        if r.type == "SHARES":
            caption = f"{r.props.get('shared', '')}"
        data.update(
            {"id": eid, "source": a["data"]["id"], "target": b["data"]["id"],
             "label": REL_NAMES.get(r.type, r.type), "caption": caption}
        )
        edges.setdefault(eid, {"data": data})
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


def merge_elements(base: Elements, extra: Elements) -> Elements:
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


def layout_options(elements: Elements) -> dict[str, Any]:
    """The fcose layout, with a digest of the element ids so that a new element set is
    laid out afresh and fitted (the component re-runs the layout when its options change).

    Parameters
    ----------
    elements:
        What will be drawn.

    Returns
    -------
    dict
        Cytoscape layout options.
    """
    ids = sorted(n["data"]["id"] for n in elements["nodes"])
    ids += sorted(e["data"]["id"] for e in elements["edges"])
    digest = hashlib.sha1("\n".join(ids).encode()).hexdigest()[:12]
    n = len(elements["nodes"])
    return {
        "name": "fcose",
        "quality": "default",
        "randomize": True,
        "animate": False,
        "fit": True,
        "padding": 24,
        "nodeDimensionsIncludeLabels": True,
        "nodeRepulsion": 9000 if n < 80 else 6000,
        "idealEdgeLength": 70,
        "nodeSeparation": 90,
        "numIter": 2500,
        "zg_elements": digest,  # ignored by Cytoscape; changes with the element set
    }


# label -> (node diameter, caption font size, smallest on-screen size that still shows it)
_NODE_LOOK: dict[str, tuple[int, int, int]] = {
    "Org": (34, 15, 0),
    "Document": (30, 12, 0),
    "District": (26, 12, 0),
    "Deadline": (24, 11, 0),
    "Task": (18, 10, 6),
    "Node": (22, 11, 0),
}


class _Style:
    """A NodeStyle sized to be read at the fitted zoom (the component's default is 4 px
    captions, hidden below 10 px on screen)."""

    def __init__(self, style: Any, graph_label: str) -> None:
        self.style = style
        self.graph_label = graph_label

    def dump(self) -> dict[str, Any]:
        out = self.style.dump()
        size, font, min_font = _NODE_LOOK.get(self.graph_label, _NODE_LOOK["Node"])
        out["style"].update(
            {
                "width": size,
                "height": size,
                "font-size": font,
                "min-zoomed-font-size": min_font,
                "text-valign": "bottom",
                "text-margin-y": 3,
                "text-wrap": "ellipsis",
                "text-max-width": 160,
                "text-outline-color": "#ffffff",
                "text-outline-width": 2,
                "color": "#1a1a1a",
            }
        )
        return out


class _EdgeStyle:
    """An EdgeStyle with a caption that stays small beside the nodes'."""

    def __init__(self, style: Any, width: float = 1.5) -> None:
        self.style = style
        self.width = width

    def dump(self) -> dict[str, Any]:
        out = self.style.dump()
        out["style"].update({"font-size": 8, "min-zoomed-font-size": 7, "width": self.width})
        return out


def render(elements: Elements, *, key: str, height: int = 560, expand: bool = True) -> Any:
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
        Enable the expand action (double-click a node, or its expand button).

    Returns
    -------
    The event dict (``{"action": "expand"|"clicked", "data": …, "timestamp": …}``) or
    ``None``.
    """
    from st_link_analysis import EdgeStyle, Event, NodeStyle

    from ui.graph_component import component

    node_styles = [
        _Style(NodeStyle(NODE_KIND.get(lbl, lbl), colour, "caption"), lbl)
        for lbl, colour in LABEL_COLOURS.items()
    ]
    with warnings.catch_warnings():
        # EdgeStyle 0.4.0 warns about its own deprecated `labeled` default on every call.
        warnings.simplefilter("ignore", DeprecationWarning)
        edge_styles = [
            _EdgeStyle(EdgeStyle(name, caption="caption", directed=(t != "SHARES")),
                       3.0 if t == "SHARES" else 1.5)
            for t, name in REL_NAMES.items()
        ]
    # The package's own front end with Chinese tooltips (ui.graph_component); the
    # arguments are those st_link_analysis() passes.
    return component()(
        elements=elements,
        style=[s.dump() for s in node_styles] + [e.dump() for e in edge_styles],
        layout=layout_options(elements),
        height=f"{height}px",
        key=key,
        nodeActions=["expand"] if expand else [],
        events=[Event("clicked", "tap", "node").dump()],
    )
