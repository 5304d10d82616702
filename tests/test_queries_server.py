"""Audits on a real Bolt server: declared columns, parameter safety, the CLI, and exact
results on the hand-made sample documents (tests/conftest.py ``sample_documents``),
where every expected value is worked out by hand in the comments."""

from __future__ import annotations

import json
from typing import Any

import pytest

from queries import list_audits, run_audit
from queries.cli import main
from queries.registry import convert_params, make_reader

# A value for each required parameter, so every audit can run with its defaults.
REQUIRED = {"org_profile": {"name": "市工商局"}, "ledger": {"doc": "郑政办〔2017〕88号"}}


def test_every_audit_returns_its_declared_columns(loaded_store: Any) -> None:
    read = make_reader(loaded_store)
    for audit in list_audits():
        params = convert_params(audit, REQUIRED.get(audit.name))
        if audit.function is not None:
            rows = audit.function(read, params).rows
        else:
            assert audit.cypher is not None
            rows = read(audit.cypher, params)
        assert rows, audit.name  # each finds something in the corpus
        for row in rows:
            assert list(row) == list(audit.columns), audit.name


def test_every_audit_runs_with_defaults(loaded_store: Any) -> None:
    for audit in list_audits():
        result = run_audit(loaded_store, audit.name, REQUIRED.get(audit.name), timeout=30)
        assert result.columns == list(audit.columns)


def test_runs_on_a_bare_driver(loaded_store: Any) -> None:
    via_store = run_audit(loaded_store, "document_summary", {"min_tasks": 0})
    via_driver = run_audit(
        loaded_store.driver, "document_summary", {"min_tasks": 0}, database=loaded_store.database
    )
    assert via_driver.rows == via_store.rows


@pytest.mark.parametrize(
    "hostile",
    ["') RETURN 1 AS x //", "市工商局' OR 1=1 //", "}) MATCH (n) DETACH DELETE n //"],
)
def test_hostile_values_are_only_data(loaded_store: Any, hostile: str) -> None:
    # Values travel as $parameters: they match nothing and change nothing.
    before = loaded_store.read("MATCH (n) RETURN count(n) AS n")
    assert run_audit(loaded_store, "org_profile", {"name": hostile}).rows == []
    assert run_audit(loaded_store, "workload_by_org", {"doc": hostile}).rows == []
    assert loaded_store.read("MATCH (n) RETURN count(n) AS n") == before


def test_cli_run_against_the_server(
    loaded_store: Any,
    bolt_server: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Any,
) -> None:
    # The CLI opens the store named by NEO4J_* (open_store), here the test server.
    monkeypatch.setenv("NEO4J_URI", bolt_server.uri)
    monkeypatch.setenv("NEO4J_USERNAME", bolt_server.username)
    monkeypatch.setenv("NEO4J_PASSWORD", bolt_server.password or "")
    monkeypatch.setenv("NEO4J_DATABASE", bolt_server.database or "")
    monkeypatch.chdir(tmp_path)  # no stray .env file is read
    expected = run_audit(loaded_store, "document_summary", {"min_tasks": 0}).rows
    assert main(["run", "document_summary", "--param", "min_tasks=0", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected
    assert main(["run", "document_summary", "-p", "min_tasks=0", "-f", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(expected) + 1
    assert main(["run", "central_orgs", "--param", "top=3"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split()[:2] == ["rank", "org"]


# --- exact results on the sample documents ----------------------------------------------
#
# doc-2017-24 (郑政〔2017〕24号):
#   t1  lead 发展改革委; responsible 工信委, 郑州供电公司; due 2017-08-31 (final)
#   t2  lead 中原区人民政府; responsible 工信委; assist 财政局; due 08-31 (milestone),
#       10-31 (final); concerns 中原区
#   t3  lead 登封市人民政府; assist 工信委; open (长期坚持); concerns 登封市
# doc-2017-14 (郑政〔2017〕14号):
#   t1  lead 财政局; assist 发展改革委; recurring (每季度)
#   t2  responsible 中原区人民政府 (mention 中原区政府); due 2017-10-31; concerns 中原区


@pytest.fixture
def sample_store(empty_store: Any, sample_docs: list[Any]) -> Any:
    report = empty_store.load_documents(sample_docs)
    assert report.ok, report.failed
    return empty_store


def rows(store: Any, audit: str, /, **params: Any) -> list[dict[str, Any]]:
    return run_audit(store, audit, params).rows


def test_sample_workload_and_profile(sample_store: Any) -> None:
    work = {r["org"]: r for r in rows(sample_store, "workload_by_org")}
    ind = work["郑州市工信委"]  # responsible on 24/t1, 24/t2; assists 24/t3
    assert (ind["lead"], ind["responsible"], ind["assist"], ind["total"]) == (0, 2, 1, 3)
    by_year = rows(sample_store, "workload_by_org", group_by="document", kind="department")
    fin = sorted((r["grp"], r["lead"], r["assist"]) for r in by_year if r["org"] == "郑州市财政局")
    assert fin == [("郑政〔2017〕14号", 1, 0), ("郑政〔2017〕24号", 0, 1)]
    # "工信委" is an exact alias (the mention on 24/t2), preferred to any partial match.
    prof = rows(sample_store, "org_profile", name="工信委")
    assert {r["org"] for r in prof} == {"郑州市工信委"}
    assert sorted(r["role"] for r in prof) == ["assist", "responsible", "responsible"]
    t2 = next(r for r in prof if r["task_id"] == "doc-2017-24/t2")
    assert sorted(t2["partners"]) == ["中原区人民政府", "郑州市财政局"]
    assert sorted(t2["deadlines"]) == ["2017-08-31", "2017-10-31"]


def test_sample_gaps(sample_store: Any) -> None:
    # Every sample task has an owner; all but 14/t2 have a lead, and doc 14 names a
    # lead elsewhere (t1), so 14/t2 is the one task reported without a lead.
    assert rows(sample_store, "tasks_without_owner") == []
    assert [r["task_id"] for r in rows(sample_store, "tasks_without_lead")] == ["doc-2017-14/t2"]
    assert rows(sample_store, "collective_only_tasks") == []
    assert [r["task_id"] for r in rows(sample_store, "tasks_many_leads", min_leads=1)] == [
        "doc-2017-24/t1",
        "doc-2017-24/t2",
        "doc-2017-24/t3",
        "doc-2017-14/t1",
    ]


def test_sample_deadlines(sample_store: Any) -> None:
    due = rows(sample_store, "tasks_due_by", as_of="2017-09-30")
    assert [(r["task_id"], r["due"]) for r in due] == [("doc-2017-24/t1", "2017-08-31")]
    due = rows(sample_store, "tasks_due_by", as_of="2017-09-30", final_only=False)
    assert sorted(r["task_id"] for r in due) == ["doc-2017-24/t1", "doc-2017-24/t2"]
    window = rows(sample_store, "deadlines_in_window", from_date="2017-10-31", to_date="2017-10-31")
    assert sorted(r["task_id"] for r in window) == ["doc-2017-14/t2", "doc-2017-24/t2"]
    commitments = rows(sample_store, "open_commitments")
    assert [(r["task_id"], r["kind"], r["raw"]) for r in commitments] == [
        ("doc-2017-24/t3", "open", "长期坚持"),
        ("doc-2017-14/t1", "recurring", "每季度"),
    ]
    assert [r["task_id"] for r in rows(sample_store, "open_commitments", kind="recurring")] == [
        "doc-2017-14/t1"
    ]


def test_sample_pairs_districts_summary(sample_store: Any) -> None:
    # Shared tasks: 发展改革委+工信委 (24/t1), 发展改革委+供电公司 (24/t1), 工信委+供电公司
    # (24/t1), 工信委+中原区 (24/t2), 工信委+财政局 (24/t2), 中原区+财政局 (24/t2),
    # 工信委+登封市 (24/t3), 财政局+发展改革委 (14/t1): eight pairs, one task each.
    pairs = rows(sample_store, "co_responsibility_pairs", min_shared=1)
    assert len(pairs) == 8 and {p["shared"] for p in pairs} == {1}
    districts = {r["district"]: r for r in rows(sample_store, "district_burden")}
    assert (districts["中原区"]["tasks"], districts["中原区"]["owned_locally"]) == (2, 2)
    assert districts["中原区"]["documents"] == 2
    assert districts["登封市"]["local_orgs"] == ["登封市人民政府"]
    summary = {r["doc"]: r for r in rows(sample_store, "document_summary")}
    s24 = summary["郑政〔2017〕24号"]
    # 3 tasks, owners 发展改革委 工信委 供电公司 中原区 财政局 登封市 = 6, dated deadlines
    # 08-31 and 10-31 = 2, dated or not: all 3 have one; all 3 have a lead.
    assert (s24["tasks"], s24["owners"], s24["deadlines"], s24["with_deadline"]) == (3, 6, 2, 3)
    assert (s24["no_lead"], s24["no_lead_pct"]) == (0, 0)
    s14 = summary["郑政〔2017〕14号"]
    assert (s14["tasks"], s14["no_lead"], s14["no_lead_pct"]) == (2, 1, 50)
    aliases = {r["org"]: r["spellings"] for r in rows(sample_store, "org_aliases")}
    # 工信委 is written 市工信委 (24/t1, t3) and 工信委 (24/t2); 中原区人民政府 also as
    # 中原区政府 (14/t2); 发展改革委 as 市发展改革委 and 发展改革委 (14/t1).
    assert sorted(aliases) == ["中原区人民政府", "郑州市发展改革委", "郑州市工信委"]
    assert sorted(aliases["郑州市工信委"]) == sorted(["市工信委", "工信委"])


def test_sample_analytics(sample_store: Any) -> None:
    # Ties (from the pairs above) over six bodies; 工信委 is tied to all five others:
    # degree 5/5 = 1. Betweenness of 工信委: of the 10 pairs of the other five, the
    # shortest paths of 发改-登封, 供电-中原, 供电-登封, 中原-登封, 财政-登封 all pass it
    # (5 x 1), 发改-中原 and 供电-财政 have two shortest paths, one through it (2 x 0.5),
    # the other three pairs are tied directly: 6 / 10 = 0.6.
    central = {r["org"]: r for r in rows(sample_store, "central_orgs")}
    ind = central["郑州市工信委"]
    assert (ind["partners"], ind["degree"], ind["betweenness"]) == (5, 1.0, 0.6)
    assert rows(sample_store, "central_orgs", top=1)[0]["org"] == "郑州市工信委"
    assert central["登封市人民政府"]["betweenness"] == 0
    # Departments only: 发展改革委 工信委 财政局 form one triangle -> one community.
    groups = rows(sample_store, "org_communities")
    assert [sorted(g["members"]) for g in groups] == [
        ["郑州市发展改革委", "郑州市工信委", "郑州市财政局"]
    ]
    assert groups[0]["internal_ties"] == 3


def test_server_errors_name_the_audit(loaded_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # A statement the server rejects (string + number in LIMIT) becomes a user error
    # naming the audit, not a driver traceback.
    from dataclasses import replace

    from errors import ZerenError
    from queries.registry import get_audit

    broken = replace(
        get_audit("tasks_many_leads"),
        cypher="MATCH (t:Task) RETURN t.id AS x LIMIT $min_leads + $doc",
    )
    monkeypatch.setattr("queries.registry._registry", lambda: {broken.name: broken})
    with pytest.raises(ZerenError, match="audit tasks_many_leads failed on the graph server"):
        run_audit(loaded_store, "tasks_many_leads", {"doc": "x"})


def test_empty_answers_are_explained(loaded_store: Any) -> None:
    from queries.registry import explain_empty

    assert explain_empty(loaded_store, "workload_by_org", {"doc": "郑政办〔2017〕999号"}) == [
        "no document '郑政办〔2017〕999号' in the graph; give its number as printed "
        "(郑政办〔2017〕88号) or its id (`python -m queries run document_summary --param "
        "min_tasks=0` lists them)"
    ]
    assert (
        "no organisation matches '不存在的单位'"
        in explain_empty(loaded_store, "org_profile", {"name": "不存在的单位"})[0]
    )
    # Nothing to explain when the document exists (here: the first one stored).
    doc = loaded_store.read("MATCH (d:Document) RETURN d.id AS id LIMIT 1")[0]["id"]
    assert explain_empty(loaded_store, "tasks_without_owner", {"doc": doc}) == []
