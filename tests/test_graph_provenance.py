"""Provenance in the graph (page/table/row/column, layout, known, the issuer as a resolved
org, unread items) and a graph that is never silently stale (the extractor that made
each document is stored; a changed vocabulary or extractor rewrites exactly the
documents it made)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, sample_documents

import extract.version
from extract import extract_paths
from extract.models import Document, Org, SourceSpan, UnreadItem
from graph.export import write_csv, write_graphml, write_jsonl
from graph.model import build_graph, document_rows
from graph.neo4j_store import Store
from graph.schema import SCHEMA_VERSION


def _with_provenance() -> list[Document]:
    """The sample documents with the fields a table/PDF reader fills in."""
    docs = sample_documents()
    doc = docs[0]
    t1 = doc.tasks[0]
    a0 = dataclasses.replace(t1.assignments[0], page=3, table=1, row=2, column=4)
    unknown = dataclasses.replace(t1.assignments[1].org, known=False)
    a1 = dataclasses.replace(t1.assignments[1], org=unknown)
    doc.tasks[0] = dataclasses.replace(
        t1,
        layout="table",
        source=SourceSpan(t1.source.file, t1.source.line_start, t1.source.line_end,
                          page=3, table=1, row=2),
        assignments=[a0, a1, *t1.assignments[2:]],
    )
    doc.jurisdiction = "郑州市"
    doc.issuer_org = Org(name="郑州市人民政府", kind="government", level="city",
                         jurisdiction="郑州市")
    doc.extractor = "2+abc"
    doc.unread = [UnreadItem(40, 41, "由有关部门负责落实", "W104")]
    return docs


def test_rows_carry_the_provenance() -> None:
    rows = document_rows(_with_provenance()[0])
    d = rows.nodes["Document"][0]
    assert d["extractor"] == "2+abc" and d["jurisdiction"] == "郑州市"
    assert d["unread_count"] == 1 and d["unread"] == ["40-41\tW104\t由有关部门负责落实"]
    assert d["schema_version"] == SCHEMA_VERSION
    task = next(t for t in rows.nodes["Task"] if t["id"] == "doc-2017-24/t1")
    assert (task["layout"], task["page"], task["table"], task["row"]) == ("table", 3, 1, 2)
    assert "column" not in task  # None is not stored
    lead = next(r for r in rows.rels["LEADS"] if r.end == ("Task", "doc-2017-24/t1"))
    assert (lead.props["page"], lead.props["table"], lead.props["row"],
            lead.props["column"]) == (3, 1, 2, 4)
    orgs = {o["name"]: o for o in rows.nodes["Org"]}
    assert orgs["郑州市工信委"]["known"] is False and orgs["郑州市发展改革委"]["known"] is True
    assert rows.issuer is not None and rows.issuer["level"] == "city"
    assert rows.rels["ISSUED_BY"][0].end == ("Org", "郑州市人民政府")


def test_issued_by_points_at_the_resolved_issuer() -> None:
    """The corpus's issuers are resolved like mentions: a document issued by 市政府办公厅
    points at the same node as the assignments that name 郑州市人民政府办公厅."""
    docs = extract_paths([CORPUS_DIR]).documents
    g = build_graph(docs)
    resolved = [d for d in docs if d.issuer_org is not None and d.issuer_org.name != d.issuer]
    assert resolved, "the corpus has issuers written in a short form"
    for doc in resolved:
        targets = [v for _, v, k in g.out_edges(f"Document:{doc.id}", keys=True)
                   if k == "ISSUED_BY"]
        assert targets == [f"Org:{doc.issuer_org.name}"]  # type: ignore[union-attr]
        assert f"Org:{doc.issuer}" not in g or g.in_degree(f"Org:{doc.issuer}") == 0


def test_the_store_keeps_the_provenance(empty_store: Store) -> None:
    docs = _with_provenance()
    assert empty_store.load_documents(docs).ok
    row = empty_store.read(
        "MATCH (d:Document {id: $id})-[:HAS_TASK]->(t:Task {id: $t})<-[r:LEADS]-(o:Org) "
        "MATCH (d)-[:ISSUED_BY]->(i:Org) "
        "RETURN d.extractor AS ex, d.unread AS unread, d.unread_count AS n, t.layout AS layout, "
        "t.page AS page, r.table AS tbl, r.column AS col, o.known AS known, i.name AS issuer",
        {"id": "doc-2017-24", "t": "doc-2017-24/t1"},
    )
    assert row == [{
        "ex": "2+abc", "unread": ["40-41\tW104\t由有关部门负责落实"], "n": 1, "layout": "table",
        "page": 3, "tbl": 1, "col": 4, "known": True, "issuer": "郑州市人民政府",
    }]  # fmt: skip
    assert empty_store.read("MATCH (o:Org {name: '郑州市工信委'}) RETURN o.known AS k") == [
        {"k": False}
    ]


def test_exports_carry_the_new_properties(tmp_path: Path) -> None:
    g = build_graph(_with_provenance())
    write_csv(g, tmp_path)
    with (tmp_path / "nodes_Task.csv").open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert {"layout", "page:long", "table:long", "row:long"} <= set(header)
    with (tmp_path / "rels_LEADS.csv").open(encoding="utf-8") as fh:
        assert {"page:long", "column:long"} <= set(next(csv.reader(fh)))
    with (tmp_path / "nodes_Org.csv").open(encoding="utf-8") as fh:
        assert "known:boolean" in next(csv.reader(fh))
    out = io.StringIO()
    write_jsonl(g, out)
    docs = [json.loads(line) for line in out.getvalue().splitlines()]
    doc = next(o for o in docs if o.get("id") == "Document:doc-2017-24")
    assert doc["properties"]["unread"] == ["40-41\tW104\t由有关部门负责落实"]
    write_graphml(g, tmp_path / "g.graphml")
    assert "由有关部门负责落实" in (tmp_path / "g.graphml").read_text(encoding="utf-8")


def test_exports_keep_phone_numbers_as_written(tmp_path: Path) -> None:
    docs = sample_documents()
    docs[0].tasks[0].text = "联系电话：0371-67181234，手机 13812345678"
    out = io.StringIO()
    write_jsonl(build_graph(docs), out)
    assert "0371-67181234" in out.getvalue() and "13812345678" in out.getvalue()


# --- never silently stale --------------------------------------------------------------


def test_a_changed_vocabulary_rewrites_exactly_the_documents_it_made(
    empty_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(CORPUS_DIR.glob("*.txt"))
    old = extract_paths(files).documents
    assert all(d.extractor == extract.version.fingerprint() for d in old)
    assert empty_store.load_documents(old).ok
    assert empty_store.stale_count() == 0
    assert empty_store.stats()["stale_documents"] == 0

    # Someone adds a spelling to extract/data/org_aliases.tsv: the data hash changes.
    monkeypatch.setattr(extract.version, "data_hash", lambda: "0123456789ab")
    new_fp = extract.version.fingerprint()
    assert new_fp.endswith("+0123456789ab")
    assert empty_store.stale_count() == len(old)  # the overview can say so
    stats = empty_store.stats()
    assert stats["stale_documents"] == len(old) and stats["extractor"] == new_fp

    # The first file is re-extracted and loaded: exactly its documents are rewritten.
    first = extract_paths(files[:1]).documents
    assert first and all(d.extractor == new_fp for d in first)
    report = empty_store.load_documents(first)
    assert sorted(report.updated) == sorted(report.stale) == sorted(d.id for d in first)
    assert report.created == [] and report.unchanged == []
    assert empty_store.stale_count() == len(old) - len(first)

    # Then everything: the rest is rewritten, the first file's documents are current.
    everything = extract_paths(files).documents
    report = empty_store.load_documents(everything)
    assert sorted(report.unchanged) == sorted(d.id for d in first)
    assert sorted(report.stale) == sorted(d.id for d in old if d.id not in report.unchanged)
    assert empty_store.stale_count() == 0
    assert empty_store.load_documents(everything).unchanged == [d.id for d in everything]
