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
            "MATCH (o:Org) RETURN o.name AS name, "
            "COUNT { (o)-[:LEADS]->() } AS lead, COUNT { (o)-[:RESPONSIBLE_FOR]->() } AS resp, "
            "COUNT { (o)-[:ASSISTS]->() } AS assist, o.lead_count AS s_lead, "
            "o.responsible_count AS s_resp, o.assist_count AS s_assist")
    }
    assert direct and all(
        (r["lead"], r["resp"], r["assist"]) == (r["s_lead"], r["s_resp"], r["s_assist"])
        for r in direct.values()
    )
    docs = loaded_store.read(
        "MATCH (d:Document) RETURN d.task_count AS stored, COUNT { (d)-[:HAS_TASK]->() } AS n")
    assert all(r["stored"] == r["n"] for r in docs)
    months = loaded_store.read(
        "MATCH (t:Task)-[r:DUE_BY]->(dl:Deadline) WHERE r.final = true AND dl.date IS NOT NULL "
        "RETURN count(DISTINCT t) AS n")[0]["n"]
    stored = loaded_store.read(
        "MATCH (dl:Deadline) WHERE dl.date IS NOT NULL RETURN sum(dl.final_task_count) AS n"
    )[0]["n"]
    assert stored == months


def test_refresh_after_a_load_that_changed_nothing_is_skipped(empty_store, sample_docs) -> None:
    report = empty_store.load_documents(sample_docs)
    assert not aggregates.missing(empty_store)
    fin = empty_store.read("MATCH (o:Org {name: '郑州市财政局'}) RETURN o.task_count AS n, "
                           "o.lead_count AS lead, o.assist_count AS assist")[0]
    assert (fin["n"], fin["lead"], fin["assist"]) == (2, 1, 1)
    assert report.created
    again = empty_store.load_documents(sample_docs)
    assert again.unchanged and not again.warnings
