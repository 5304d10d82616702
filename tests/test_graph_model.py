"""The in-memory model and the exporters (no server needed)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from extract.models import Deadline, Document
from graph.export import write_csv, write_graphml, write_jsonl
from graph.model import build_graph, deadline_key, document_rows
from graph.schema import LABELS, REL_TYPES, constraint_statements, label, node_id, rel_type


def test_counts_follow_the_records(sample_docs: list[Document]) -> None:
    g = build_graph(sample_docs)
    labels = Counter(d["label"] for _, d in g.nodes(data=True))
    types = Counter(d["type"] for *_, d in g.edges(data=True))
    tasks = [t for d in sample_docs for t in d.tasks]
    assert labels["Document"] == 2
    assert labels["Task"] == len(tasks) == 5
    # 6 assigned orgs + the issuer, shared by both documents
    assert labels["Org"] == 7
    assert labels["District"] == 2  # 中原区, 登封市 (from tasks and from orgs)
    # 2017-08-31, 2017-10-31 and the shared undated nodes "open" and "recurring"
    assert labels["Deadline"] == 4
    assert types["HAS_TASK"] == 5
    assert types["LEADS"] + types["RESPONSIBLE_FOR"] + types["ASSISTS"] == sum(
        len(t.assignments) for t in tasks
    )
    assert types["DUE_BY"] == sum(len(t.deadlines) for t in tasks)
    assert types["CONCERNS"] == 3
    assert types["IN_DISTRICT"] == 2
    assert types["ISSUED_BY"] == 2


def test_edges_keep_their_evidence(sample_docs: list[Document]) -> None:
    g = build_graph(sample_docs)
    data = g.get_edge_data("Org:郑州市工信委", "Task:doc-2017-24/t2", "RESPONSIBLE_FOR")
    assert data == {
        "type": "RESPONSIBLE_FOR",
        "mention": "工信委",
        "evidence": "责任单位：工信委",
        "line": 27,
    }
    # two phrases for one task, one final
    due = g.get_edge_data("Task:doc-2017-24/t2", "Deadline:2017-08-31")
    assert due == {
        "DUE_BY:8月底前": {"type": "DUE_BY", "raw": "8月底前", "kind": "date", "final": False}
    }
    assert sorted(g.nodes["Org:郑州市工信委"]["aliases"]) == ["工信委", "市工信委"]


def test_deadline_keys() -> None:
    assert deadline_key(Deadline("2017-08-31", "8月底前")) == "2017-08-31"
    assert deadline_key(Deadline(None, "长期坚持", kind="open")) == "open"
    assert deadline_key(Deadline(None, "每季度", kind="recurring")) == "recurring"


def test_issuer_does_not_overwrite_an_assigned_org(sample_docs: list[Document]) -> None:
    doc = sample_docs[0]
    gov = dataclasses.replace(
        doc.tasks[0].assignments[0],
        org=dataclasses.replace(doc.tasks[0].assignments[0].org, name="郑州市人民政府"),
    )
    doc.tasks[0].assignments.append(dataclasses.replace(gov, role="assist"))
    g = build_graph(sample_docs)
    # the assignment said "department": the issuer row must not turn it into "government"
    assert g.nodes["Org:郑州市人民政府"]["kind"] == "department"


def test_duplicates_are_dropped_with_warnings(sample_docs: list[Document]) -> None:
    doc = sample_docs[0]
    doc.tasks.append(dataclasses.replace(doc.tasks[0], text="another"))
    again = dataclasses.replace(sample_docs[1], source=dataclasses.replace(doc.source))
    g = build_graph([*sample_docs, again])
    assert g.nodes["Task:doc-2017-24/t1"]["text"] == "严格控制燃煤电厂发电总量。"
    warnings = g.graph["warnings"]
    assert any("doc-2017-24/t1" in w for w in warnings)
    assert any("doc-2017-14" in w and "appears in" in w for w in warnings)


def test_rows_drop_none_values(sample_docs: list[Document]) -> None:
    rows = document_rows(sample_docs[1])
    assert "plan_title" not in rows.nodes["Document"][0]
    for items in rows.nodes.values():
        for props in items:
            assert None not in props.values()


def test_schema_allow_lists() -> None:
    assert label("Org") == "Org"
    assert rel_type("LEADS") == "LEADS"
    with pytest.raises(ValueError):
        label("Org) DETACH DELETE (n")
    with pytest.raises(ValueError):
        rel_type("LEADS]->() //")
    assert node_id("Task", "x") == "Task:x"
    stmts = constraint_statements()
    assert len(stmts) == len(LABELS)
    assert all("IF NOT EXISTS" in s and "IS UNIQUE" in s for s in stmts)


def test_csv_export_uses_neo4j_admin_headers(sample_docs: list[Document], tmp_path: Path) -> None:
    g = build_graph(sample_docs)
    files = {p.name: p for p in write_csv(g, tmp_path)}
    assert set(files) == {f"nodes_{lbl}.csv" for lbl in LABELS} | {
        f"rels_{t}.csv" for t in REL_TYPES
    }
    with files["nodes_Org.csv"].open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[:2] == ["name:ID(Org)", ":LABEL"]
    assert "aliases:string[]" in header
    assert len(rows) - 1 == 7
    with files["nodes_Task.csv"].open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[0] == "id:ID(Task)"
    assert "seq:long" in header and "line_start:long" in header
    with files["rels_DUE_BY.csv"].open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == [":START_ID(Task)", ":END_ID(Deadline)", ":TYPE"]
    assert "final:boolean" in rows[0]
    assert all(r[2] == "DUE_BY" for r in rows[1:])
    # every relationship end is an id in its label's nodes file
    ids: dict[str, set[str]] = {}
    for name, path in files.items():
        if name.startswith("nodes_"):
            with path.open(encoding="utf-8") as fh:
                ids[name[6:-4]] = {r[0] for r in list(csv.reader(fh))[1:]}
    for name, path in files.items():
        if name.startswith("rels_"):
            with path.open(encoding="utf-8") as fh:
                rows = list(csv.reader(fh))
            start = rows[0][0].split("(")[1].rstrip(")")
            end = rows[0][1].split("(")[1].rstrip(")")
            for r in rows[1:]:
                assert r[0] in ids[start] and r[1] in ids[end]


def test_jsonl_and_graphml_round_trip(sample_docs: list[Document], tmp_path: Path) -> None:
    g = build_graph(sample_docs)
    buf = io.StringIO()
    n = write_jsonl(g, buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert n == len(lines) == g.number_of_nodes() + g.number_of_edges()
    assert {x["type"] for x in lines} == {"node", "relationship"}
    path = tmp_path / "g.graphml"
    write_graphml(g, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert (
        json.loads(back.nodes["Org:郑州市工信委"]["aliases"])
        == g.nodes["Org:郑州市工信委"]["aliases"]
    )


def test_a_repeated_deadline_phrase_keeps_its_final_mark(sample_docs: list[Document]) -> None:
    doc = sample_docs[0]
    task = doc.tasks[0]
    task.deadlines = [
        Deadline("2017-12-31", "年底前", "date", False),
        Deadline("2017-12-31", "年底前", "date", True),
    ]
    rows = document_rows(doc)
    due = [r for r in rows.rels["DUE_BY"] if r.start == ("Task", task.id)]
    assert len(due) == 1
    assert due[0].props["final"] is True
