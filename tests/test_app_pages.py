"""AppTest tests of every page of ``app.py`` against the real test Bolt server holding the
bundled corpus (``loaded_store``; no mocked store). The app reads its connection from
NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE, set here per test."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from queries import list_audits, run_audit

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DOC_88 = "郑政办〔2017〕88号"


def _env(mp: pytest.MonkeyPatch, server, database: str | None, **extra: str) -> None:
    # The pages read through the test server's read-only account, as the app does.
    for name, value in server.env(database).items():
        mp.setenv(name, value)
    mp.setenv("ZEREN_AUTOLOAD", "0")
    for k, v in extra.items():
        mp.setenv(k, v)


@pytest.fixture(scope="module")
def app_env(bolt_server, loaded_store) -> Iterator[None]:
    """Point the app at the loaded (read-only) test database."""
    mp = pytest.MonkeyPatch()
    _env(mp, bolt_server, bolt_server.database)
    yield
    mp.undo()


def _page(path: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    if path:
        at.switch_page(path)
        at.run()
    _ok(at)
    return at


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _html(at: AppTest) -> str:
    return "".join(e.proto.body for e in at.get("html"))


def _pick(box, text: str):
    """Select the first option of a selectbox whose shown label contains ``text``."""
    return box.select_index(next(i for i, o in enumerate(box.options) if text in o))


def _frames_text(at: AppTest) -> str:
    return "\n".join(df.value.to_csv(index=False) for df in at.dataframe)


def test_overview_counts(app_env: None, loaded_store) -> None:
    at = _page()
    metrics = {m.label: m.value for m in at.metric}
    n_docs = loaded_store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
    n_tasks = loaded_store.read("MATCH (t:Task) RETURN count(t) AS n")[0]["n"]
    assert metrics["文件 Documents"] == str(n_docs)
    assert metrics["任务 Tasks"] == str(n_tasks)
    assert "郑州市工商局" in _frames_text(at)  # the workload table
    assert not at.error
    assert any("Neo4j" in c.value or "local" in c.value for c in at.caption)


def _task_id(store, words: str) -> str:
    rows = store.read("MATCH (t:Task) WHERE t.text CONTAINS $w RETURN t.id AS id", {"w": words})
    return rows[0]["id"]


def test_organisation_alias_resolves(app_env: None, loaded_store) -> None:
    at = _page("ui/pages/org.py")
    at.text_input(key="org_q").input("市工商局").run()
    _ok(at)
    assert at.selectbox(key="org_pick").value == "郑州市工商局"
    assert "郑州市工商局" in [s.value for s in at.subheader]
    # 郑政办〔2017〕88号: 市工商局 leads 实现"多证合一、一照一码" (source lines 3089-3093).
    frame = next(df.value for df in at.dataframe if "角色 role" in df.value.columns)
    hit = frame[frame["任务 task"].str.contains("多证合一")]
    assert len(hit) == 1 and hit.iloc[0]["文件 document"] == DOC_88
    assert hit.iloc[0]["角色 role"] == "牵头" and "3089" in hit.iloc[0]["行 lines"]
    # Owners' partners are beside the text, and the figures agree with the rows.
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["牵头 Lead"] == int((frame["角色 role"] == "牵头").sum())
    assert metrics["任务 Tasks"] >= metrics["牵头 Lead"] >= 1
    # Every row opens its source passage, with the lead line from the document.
    at.selectbox(key="org_tasks_pick").set_value(_task_id(loaded_store, "多证合一")).run()
    _ok(at)
    assert "牵头单位：市工商局" in _html(at)


def test_organisation_partial_spelling(app_env: None) -> None:
    at = _page("ui/pages/org.py")
    at.text_input(key="org_q").input("工商局").run()
    _ok(at)
    assert at.selectbox(key="org_pick").value == "郑州市工商局"
    at.text_input(key="org_q").input("不存在的单位XYZ").run()
    _ok(at)
    assert at.warning and "没有找到" in at.warning[0].value


def test_tasks_search_and_filters(app_env: None, loaded_store) -> None:
    at = _page("ui/pages/tasks.py")
    at.text_input(key="task_q").input("多证合一").run()
    _ok(at)
    assert any("找到 1 项任务" in m.value for m in at.markdown)
    assert not _html(at)  # no passage until a row is chosen
    at.selectbox(key="task_pick").set_value(_task_id(loaded_store, "多证合一")).run()
    _ok(at)
    html = _html(at)
    assert "<mark>多证合一</mark>" in html and "牵头单位：市工商局" in html
    # Organisation + role filter: 郑州市工商局 as lead.
    at.text_input(key="task_q").input("").run()
    at.selectbox(key="task_org").select("郑州市工商局").run()
    at.selectbox(key="task_role").select("LEADS").run()
    _ok(at)
    frame = next(df.value for df in at.dataframe if "任务 task" in df.value.columns)
    assert frame["任务 task"].str.contains("多证合一").any()
    assert frame["责任单位 owners"].str.contains("牵头：[^；]*郑州市工商局").all()
    # No-lead filter agrees with a direct count.
    at.selectbox(key="task_org").set_value(None).run()
    at.selectbox(key="task_role").select("").run()
    at.checkbox(key="task_nolead").check().run()
    _ok(at)
    n = loaded_store.read(
        "MATCH (t:Task) WHERE NOT EXISTS { MATCH (t)<-[:LEADS]-(:Org) } RETURN count(t) AS n"
    )[0]["n"]
    assert any(f"找到 {n} 项任务" in m.value for m in at.markdown)


def test_graph_page_modes_and_expand(app_env: None) -> None:
    at = _page("ui/pages/graph.py")
    # Default: the document with most tasks, its tasks and their owners.
    assert at.radio(key="g_mode").value == "document"
    assert any("节点 nodes" in c.value for c in at.caption)
    before = next(c.value for c in at.caption if "节点 nodes" in c.value)
    at.button(key="g_expand_btn").click().run()
    _ok(at)
    assert any("已展开 expanded 1" in c.value for c in at.caption)
    assert next(c.value for c in at.caption if "节点 nodes" in c.value) != before
    at.radio(key="g_mode").set_value("org").run()
    at.text_input(key="g_centre").input("市工商局").run()
    _ok(at)
    assert any("中心单位 Centre：郑州市工商局" in c.value for c in at.caption)
    at.radio(key="g_mode").set_value("top").run()
    _ok(at)
    # The whole-graph view: the busiest organisations tied by their shared tasks.
    shown = next(c.value for c in at.caption if "节点 nodes" in c.value)
    assert int(shown.split(" 个节点")[0]) >= 10
    at.radio(key="g_mode").set_value("document").run()
    at.multiselect(key="g_labels").set_value([]).run()
    _ok(at)
    assert at.info and "至少选择" in at.info[0].value


def test_deadlines_due_by(app_env: None, loaded_store) -> None:
    at = _page("ui/pages/deadlines.py")
    expected = len(run_audit(loaded_store, "tasks_due_by", {"as_of": "2017-10-31"}))
    assert any(f"{expected} 项任务截至 2017-10-31" in m.value for m in at.markdown)
    at.selectbox(key="dl_org").select("郑州市工商局").run()
    _ok(at)
    frame = next(df.value for df in at.dataframe if "责任单位 owners" in df.value.columns)
    assert len(frame) >= 1 and frame["责任单位 owners"].str.contains("郑州市工商局").all()


def _chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def test_every_chart_is_valid_vega_lite(app_env: None) -> None:
    # The pages write their charts as Vega-Lite dicts (ui/charts.py): Altair's bundled
    # schema still checks every property name and value they send.
    import altair as alt

    at = _page()
    specs = _chart_specs(at)
    at.switch_page("ui/pages/deadlines.py")
    at.run()
    specs += _chart_specs(at)
    at.switch_page("ui/pages/audits.py")
    at.run()
    for name in ("workload_by_org", "co_responsibility_pairs", "tasks_due_by"):
        at.selectbox(key="audit_name").select(name).run()
        _ok(at)
        specs += _chart_specs(at)
    assert len(specs) == 6  # overview 2, deadlines 1, one per audit
    for spec in specs:
        # The rows travel beside the spec (Arrow); the schema wants a data source named.
        alt.TopLevelSpec.from_dict({"data": {"name": "rows"}, **spec}, validate=True)
    workload = specs[0]["encoding"]
    assert workload["y"]["sort"][0] and workload["x"]["aggregate"] == "sum"


def _first_page_modules(server, before: str, report: str) -> str:
    """Run ``before``, then the first page (AppTest) in a fresh interpreter, as a
    just-started app has; return what ``report`` (an expression) prints."""
    code = (
        "import sys, warnings; warnings.simplefilter('ignore')\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"{before}\n"
        "loaded = set(sys.modules)\n"
        f"at = AppTest.from_file({APP!r}, default_timeout=90); at.run()\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        f"print({report})\n"
    )
    env = {**os.environ, **server.env(server.database), "ZEREN_AUTOLOAD": "0"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()[-1]


def test_first_page_imports_no_page_only_module(bolt_server, loaded_store) -> None:
    # The overview is the page shown right after start: it must not pay for what only
    # other pages use (charting, graph analytics, spreadsheets, keyword tagging, the
    # graph component).
    heavy = ["altair", "networkx", "openpyxl", "jieba", "st_link_analysis"]
    assert _first_page_modules(
        bolt_server, "", f"sorted(m for m in {heavy!r} if m in sys.modules)") == "[]"


def test_warm_up_covers_the_first_page(bolt_server, loaded_store) -> None:
    # What the server imports at start-up (ui/lifespan.py) is all the first page needs:
    # after it, the page imports no module of the app's and no new package of the
    # driver's stack (their own small lazy submodules, a few ms, are left to the page).
    ours = ["errors", "extract", "graph", "queries", "ui"]
    stack = ["neo4j", "numpy", "pandas", "pyarrow"]
    report = (
        "sorted({m for m in set(sys.modules) - loaded if m.split('.')[0] in "
        f"{ours!r}}} | {{m for m in {stack!r} if m not in loaded}})"
    )
    assert _first_page_modules(
        bolt_server, "from ui.lifespan import warm_up; warm_up()", report) == "[]"


def test_every_audit_runs(app_env: None, loaded_store) -> None:
    at = _page("ui/pages/audits.py")
    for audit in list_audits():
        at.selectbox(key="audit_name").select(audit.name).run()
        _ok(at)
        assert not at.error, (audit.name, [e.value for e in at.error])
        if audit.name == "ledger":  # asks for a document or an organisation first
            assert at.info and "请选择" in at.info[-1].value
            continue
        assert any("行 rows" in m.value for m in at.markdown), audit.name
    # org_profile, asked with the organisation picker, finds the known task, and its row
    # opens the source passage with the lead line.
    at.selectbox(key="audit_name").select("org_profile").run()
    assert any("这个单位牵头、负责、协办哪些任务" in i.value for i in at.info)
    at.selectbox(key="audit_org_profile_name").set_value("郑州市工商局").run()
    _ok(at)
    frame = next(df.value for df in at.dataframe if "任务 task" in df.value.columns)
    assert "多证合一" in frame["任务 task"].str.cat()
    assert {"单位 organisation", "角色 role", "合作单位 partners"} <= set(frame.columns)
    assert set(frame["角色 role"]) <= {"牵头", "责任", "协办"}  # values in Chinese
    at.selectbox(key="audit_org_profile_pick").set_value(_task_id(loaded_store, "多证合一")).run()
    _ok(at)
    assert "牵头单位：市工商局" in _html(at) and 'class="hl row"' in _html(at)
    # tasks_due_by, with its Chinese date picker.
    at.selectbox(key="audit_name").select("tasks_due_by").run()
    box = at.date_input(key="audit_tasks_due_by_as_of")
    assert box.label.startswith("截至日期")
    box.set_value(dt.date(2017, 10, 31)).run()
    _ok(at)
    expected = len(run_audit(loaded_store, "tasks_due_by", {"as_of": "2017-10-31"}))
    assert any(f"{expected} 行 rows" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:Org {name: 'x'}) RETURN n",
        "MATCH (o:Org) SET o.name = 'x' RETURN o",
        "MATCH (n) DETACH DELETE n",
        "MERGE (n:Org {name: 'x'})",
        "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
        "CALL db.labels()",
        "match (o:Org) remove o.kind return o",
    ],
)
def test_console_refuses_writes(app_env: None, loaded_store, query: str) -> None:
    before = loaded_store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    at = _page("ui/pages/console.py")
    at.text_area(key="cy_query").input(query)
    at.button(key="cy_run").click().run()
    _ok(at)
    assert at.error and "只读控制台拒绝了此查询" in at.error[0].value
    assert loaded_store.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == before


def test_console_reads(app_env: None) -> None:
    at = _page("ui/pages/console.py")
    at.button(key="cy_run").click().run()  # the example query with {"name": "市工商局"}
    _ok(at)
    assert not at.error
    assert any("行 rows" in s.value for s in at.success)
    assert "郑州市工商局" in _frames_text(at)
    at.text_area(key="cy_query").input('RETURN "CREATE" AS word, $n AS n')
    at.text_input(key="cy_params").input('{"n": 3}')
    at.button(key="cy_run").click().run()
    _ok(at)
    assert not at.error and "CREATE" in _frames_text(at)
    at.text_area(key="cy_query").input("MATCH (t:Task) RETURN t.id AS id")
    at.number_input(key="cy_limit").set_value(5)
    at.button(key="cy_run").click().run()
    _ok(at)
    assert any("只显示前 5 行" in s.value for s in at.success)
    assert len(next(df.value for df in at.dataframe if "id" in df.value.columns)) == 5
    at.text_input(key="cy_params").input("[1, 2]")
    at.button(key="cy_run").click().run()
    assert at.error and "JSON" in at.error[0].value
    at.text_input(key="cy_params").input("{}")
    at.text_area(key="cy_query").input("MATCH (n RETURN n")
    at.button(key="cy_run").click().run()
    _ok(at)
    assert at.error and "查询在服务器上失败" in at.error[0].value


def test_documents_page_highlights_tasks(app_env: None) -> None:
    at = _page("ui/pages/documents.py")
    assert any(DOC_88 in o for o in at.selectbox(key="doc_pick").options)
    at.selectbox(key="doc_pick").select(DOC_88).run()
    _ok(at)
    html = _html(at)
    assert 'class="hl row"' in html and "牵头：郑州市工商局" in html
    assert "多证合一" in html


def test_store_down_shows_one_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    at = AppTest.from_file(APP, default_timeout=60).run()
    _ok(at)
    assert len(at.error) == 1
    assert "图数据库不可用" in at.error[0].value and "NEO4J_URI" in at.error[0].value


def test_wrong_password_shows_one_message(
    monkeypatch: pytest.MonkeyPatch,
    bolt_server,
) -> None:
    _env(monkeypatch, bolt_server, bolt_server.database)
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    at = AppTest.from_file(APP, default_timeout=60).run()
    _ok(at)
    assert len(at.error) == 1 and "NEO4J_PASSWORD" in at.error[0].value


def test_import_page_loads_corpus_into_empty_store(
    monkeypatch: pytest.MonkeyPatch,
    bolt_server,
    empty_store,
    tmp_path: Path,
) -> None:
    _env(monkeypatch, bolt_server, bolt_server.scratch_database, ZEREN_UPLOAD_DIR=str(tmp_path))
    at = _page("ui/pages/importer.py")
    at.radio(key="imp_source").set_value("corpus").run()
    at.button(key="imp_go").click().run()
    _ok(at)
    n_docs = empty_store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
    assert at.success and f"新增 {n_docs} " in at.success[0].value
    assert empty_store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"] > 0


def test_phone_numbers_masked_until_toggled(app_env: None) -> None:
    at = _page("ui/pages/documents.py")
    # 郑政文〔2017〕73号 lists liaison phone numbers (source lines 1216-1217).
    at.selectbox(key="doc_pick").select("郑政文〔2017〕73号").run()
    _ok(at)
    html = _html(at)
    assert "联系电话" in html and "13333811139" not in html and "67170737" not in html
    at.toggle(key="show_phones").set_value(True).run()
    _ok(at)
    assert "13333811139" in _html(at)


def test_documents_page_explains_a_document_without_tasks(app_env: None, loaded_store) -> None:
    # A corpus document with no task (a notice that assigns no work): no crash with
    # "only task passages" on, and the page says why there is nothing to show.
    empty = loaded_store.read(
        "MATCH (d:Document) WHERE NOT EXISTS { MATCH (d)-[:HAS_TASK]->() } "
        "RETURN d.id AS id, coalesce(d.number, d.id) AS number ORDER BY d.date DESC LIMIT 1"
    )[0]
    at = _page("ui/pages/documents.py")
    at.text_input(key="doc_q").input(empty["number"]).run()
    _ok(at)
    at.selectbox(key="doc_pick").set_value(empty["id"]).run()
    _ok(at)
    assert any("没有读出任务" in m.value for m in [*at.info, *at.warning])
    at.checkbox(key="doc_only_tasks").check().run()
    _ok(at)
    assert any("没有任务段落" in i.value for i in at.info)


def test_ledger_page_downloads_the_documents_tasks(app_env: None, loaded_store) -> None:
    at = _page("ui/pages/ledger.py")
    assert at.info  # asks for a document first
    at.text_input(key="ledger_doc_q").input("88号").run()
    at.selectbox(key="ledger_doc").set_value(DOC_88).run()
    _ok(at)
    n = loaded_store.read(
        "MATCH (:Document {id: $d})-[:HAS_TASK]->(t) RETURN count(t) AS n", {"d": DOC_88}
    )[0]["n"]
    assert any(f"1 份文件，{n} 项任务" in m.value for m in at.markdown)
    frame = next(df.value for df in at.dataframe if "牵头单位" in df.value.columns)
    assert list(frame.columns) == ["序号", "任务", "牵头单位", "责任单位", "配合单位", "完成时限",
                                   "来源", "进展情况", "完成情况"]
    first = frame.iloc[0]
    assert "多证合一" in first["任务"] and first["牵头单位"] == "郑州市工商局"
    assert first["完成时限"] == "2017年10月底前" and "第 3089–3095 行" in first["来源"]
