"""graph/aggregates.py: the figures stored per load, computed by hand on small rows and
checked against direct counts on the corpus in the real test server."""

from __future__ import annotations

from graph import aggregates


def test_compute_counts_roles_partners_and_documents() -> None:
    rows = [
        {"doc": "d1", "task": "t1", "owners": [["A", "LEADS"], ["B", "RESPONSIBLE_FOR"]]},
        {"doc": "d1", "task": "t2", "owners": [["A", "RESPONSIBLE_FOR"], ["B", "ASSISTS"],
                                               ["C", "ASSISTS"]]},
        {"doc": "d2", "task": "t3", "owners": [["A", "LEADS"], ["A", "RESPONSIBLE_FOR"]]},
        {"doc": "d2", "task": "t4", "owners": []},
    ]
    agg = aggregates.compute(rows, ["d1", "d2", "d3"], ["A", "B", "C", "Issuer"])
    a = agg.orgs["A"]
    assert (a["task_count"], a["lead_count"], a["responsible_count"], a["assist_count"]) == (
        3, 2, 2, 0)
    assert a["doc_count"] == 2
    assert aggregates.parse_partners(a["partners"]) == [("B", 2), ("C", 1)]
    assert aggregates.parse_documents(a["documents"]) == [
        {"doc_id": "d1", "lead": 1, "responsible": 1, "assist": 0, "total": 2},
        {"doc_id": "d2", "lead": 1, "responsible": 1, "assist": 0, "total": 2},
    ]
    assert agg.orgs["Issuer"]["task_count"] == 0 and agg.orgs["Issuer"]["partners"] == []
    d1, d2, d3 = (agg.documents[d] for d in ("d1", "d2", "d3"))
    assert (d1["task_count"], d1["assignment_count"], d1["org_count"], d1["lead_task_count"]) == (
        2, 5, 3, 1)
    assert (d2["task_count"], d2["ownerless_count"], d2["org_count"]) == (2, 1, 1)
    assert d3["task_count"] == 0


def test_stored_figures_match_the_graph(loaded_store) -> None:
    assert not aggregates.missing(loaded_store)
    direct = {
        r["name"]: r for r in loaded_store.read(
            "MATCH (o:Org) MATCH (f:OrgFigures {name: o.name}) RETURN o.name AS name, "
            "COUNT { (o)-[:LEADS]->() } AS lead, COUNT { (o)-[:RESPONSIBLE_FOR]->() } AS resp, "
            "COUNT { (o)-[:ASSISTS]->() } AS assist, f.lead_count AS s_lead, "
            "f.responsible_count AS s_resp, f.assist_count AS s_assist")
    }
    n_orgs = loaded_store.read("MATCH (o:Org) RETURN count(o) AS n")[0]["n"]
    assert len(direct) == n_orgs and all(
        (r["lead"], r["resp"], r["assist"]) == (r["s_lead"], r["s_resp"], r["s_assist"])
        for r in direct.values()
    )
    docs = loaded_store.read(
        "MATCH (d:Document) OPTIONAL MATCH (f:DocumentFigures {id: d.id}) "
        "RETURN f.task_count AS stored, COUNT { (d)-[:HAS_TASK]->() } AS n")
    assert docs and all(r["stored"] == r["n"] for r in docs)
    months = loaded_store.read(
        "MATCH (t:Task)-[r:DUE_BY]->(dl:Deadline) WHERE r.final = true AND dl.date IS NOT NULL "
        "RETURN count(DISTINCT t) AS n")[0]["n"]
    stored = loaded_store.read(
        "MATCH (f:DeadlineFigures) WHERE f.date IS NOT NULL RETURN sum(f.final_task_count) AS n"
    )[0]["n"]
    assert stored == months


def test_refresh_after_a_load_that_changed_nothing_is_skipped(empty_store, sample_docs) -> None:
    report = empty_store.load_documents(sample_docs)
    assert not aggregates.missing(empty_store)
    fin = empty_store.read("MATCH (f:OrgFigures {name: '郑州市财政局'}) RETURN f.task_count AS n, "
                           "f.lead_count AS lead, f.assist_count AS assist")[0]
    assert (fin["n"], fin["lead"], fin["assist"]) == (2, 1, 1)
    assert report.created
    again = empty_store.load_documents(sample_docs)
    assert again.unchanged and not again.warnings
    # The figures stay beside the graph: its own nodes carry only the extractor's data.
    assert not empty_store.read("MATCH (o:Org) WHERE o.task_count IS NOT NULL RETURN o LIMIT 1")
    # A pruning load drops the figures of what it removed.
    empty_store.load_documents(sample_docs[:1], prune=True)
    assert empty_store.read("MATCH (f:DocumentFigures) RETURN collect(f.id) AS ids")[0]["ids"] == [
        sample_docs[0].id]


def _figures(store) -> dict[str, list[dict]]:
    return {lbl: sorted((r["p"] for r in store.read(f"MATCH (f:{lbl}) RETURN properties(f) AS p")),
                        key=lambda p: str(p[key]))
            for lbl, key in aggregates.FIGURE_LABELS.items()}


def test_figures_from_the_written_rows_equal_a_full_recount(
    empty_store, corpus_documents, sample_docs
) -> None:
    # A load counts what it wrote from its own rows and reads only the other documents;
    # a refresh that reads everything back must find the same figures.
    assert empty_store.load_documents(sample_docs).ok
    assert empty_store.load_documents(corpus_documents).ok  # the sample docs are read
    after_load = _figures(empty_store)
    aggregates.refresh(empty_store)
    assert _figures(empty_store) == after_load
    assert len(after_load["DocumentFigures"]) == len(corpus_documents) + len(sample_docs)
