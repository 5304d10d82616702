"""Every audit against the bundled corpus loaded into a real Bolt server.

Expected values come from READING THE SOURCE TEXT, never from the program's own
output: each test says which lines of ``data/corpus/*.txt`` it was checked against.
``A`` below is ``000_21dbe221950a7587.txt`` (gazette of August 2017) and ``B`` is
``002_63fbf1d4df33faad.txt`` (April 2017). Line numbers are 1-based, as ``grep -n``
and ``sed -n 'Np'`` print them.

Tasks are identified by a line inside them (``line_start <= L <= line_end``), so the
tests do not depend on how the extractor numbers or ids tasks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from queries import run_audit

A = "000_21dbe221950a7587.txt"
B = "002_63fbf1d4df33faad.txt"

DOC_24 = "郑政〔2017〕24号"  # A:7, 电力行业燃煤削减实施方案, tasks A:33-123
DOC_88 = "郑政办〔2017〕88号"  # A:3075, 简政放权 …重点任务分工方案, tasks 1-26 at A:3089-3289
DOC_43 = "郑政办文〔2017〕43号"  # A:3732, 住房租赁市场试点工作实施方案
DOC_53 = "郑政办〔2017〕53号"  # B:2878 (printed "53 号"), 十件重点民生实事任务分解
DOC_146 = "郑政文〔2017〕146号"  # A:1883, 化解过剩产能攻坚方案等五个方案

# First line of each numbered task of 88号 (``awk 'NR>=3075&&NR<=3290&&/^[0-9]+\./'``).
T88 = {
    1: 3089, 2: 3097, 3: 3105, 4: 3111, 5: 3117, 6: 3125, 7: 3131, 8: 3137, 9: 3145,
    10: 3153, 11: 3161, 12: 3169, 13: 3179, 14: 3187, 15: 3195, 16: 3203, 17: 3211,
    18: 3219, 19: 3225, 20: 3233, 21: 3241, 22: 3247, 23: 3257, 24: 3265, 25: 3273,
    26: 3283,
}  # fmt: skip
# 88号's "二、工作要求 （一）加强组织领导" (A:3295) tells 各县（市、区）、市级各开发区、市政府
# 各有关部门 to set up teams and, "年底前", report to 市政府办公厅: a task outside the
# numbered list, collective-only and without lead. Whether the extractor counts it is a
# judgement call, so tests accept both and say how each expected value changes. Either
# way it has no lead: nothing there says 牵头, the bodies' heads "要抓实" their own work.
A88_REQUIREMENT = 3295
# 24号's tasks with deadlines: 四(二)1-5 and 四(四), first text line of each (A:45-79).
T24 = {"二1": 45, "二2": 49, "二3": 53, "二4": 59, "二5": 63, "四": 79}


def run(store: Any, audit: str, /, **params: Any) -> list[dict[str, Any]]:
    """Rows of one audit (with the declared columns)."""
    return run_audit(store, audit, params).rows


def at(rows: list[dict[str, Any]], file: str, line: int) -> list[dict[str, Any]]:
    """The rows whose task spans ``line`` of ``file``."""
    return [
        r
        for r in rows
        if Path(str(r["file"])).name == file and r["line_start"] <= line <= r["line_end"]
    ]


def in_list_88(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows inside 88号's numbered task list (A:3089-3290), checking the rest is A:3295."""
    inside = [r for r in rows if Path(str(r["file"])).name == A and r["line_end"] <= 3290]
    rest = [r for r in rows if r not in inside]
    assert all(r["line_start"] <= A88_REQUIREMENT <= r["line_end"] for r in rest), rest
    return inside


@pytest.fixture(scope="module")
def requirement_88(loaded_store: Any) -> int:
    """1 if the extractor made A:3295 (88号 二（一）) a task, else 0."""
    rows = run(loaded_store, "collective_only_tasks", doc=DOC_88)
    return len(at(rows, A, A88_REQUIREMENT))


def lines_of(rows: list[dict[str, Any]], file: str, candidates: dict[Any, int]) -> set[Any]:
    """Which of ``candidates`` (key -> a line inside a task) have a row."""
    return {k for k, line in candidates.items() if at(rows, file, line)}


# --- 1. workload by organisation ------------------------------------------------------


def test_workload_in_88(loaded_store: Any) -> None:
    # 牵头单位 lines of 88号 naming each org (awk 'NR>=3075&&NR<=3290&&/牵头单位/'):
    # 市工商局 leads tasks 1, 2, 19, 22 (A:3093, 3099, 3227, 3249) and is on no 责任单位
    # line; 市政务办 leads 2, 3, 14, 15, 17, 23; 市发展改革委 leads 3, 4, 10, 16, 22, 24
    # and is responsible for 13 (A:3183 "责任单位:市发展改革委、市教育局…").
    rows = {r["org"]: r for r in run(loaded_store, "workload_by_org", doc=DOC_88)}
    gsb = rows["郑州市工商局"]
    assert (gsb["lead"], gsb["responsible"], gsb["assist"], gsb["total"]) == (4, 0, 0, 4)
    assert (rows["郑州市政务办"]["lead"], rows["郑州市政务办"]["total"]) == (6, 6)
    dev = rows["郑州市发展改革委"]
    assert (dev["lead"], dev["responsible"], dev["total"]) == (6, 1, 7)
    # 88号 names 24 distinct non-collective bodies (listed by hand from its 26 role
    # blocks): 工商局 政务办 法制办 编办 发展改革委 财政局 商务局 地税局 国税局 物价局
    # 督查室 审计局 教育局 民政局 人社局 卫计委 文广新局 体育局 质监局 工信委 交通委
    # 农委 食药监局 数字办.
    named = [r for r in rows.values() if r["kind"] != "collective"]
    assert len(named) == 24


def test_workload_one_kind_and_grouping(loaded_store: Any) -> None:
    # Same facts as above, reached through the kind filter and group_by=document.
    rows = run(loaded_store, "workload_by_org", doc=DOC_88, kind="department", group_by="document")
    assert all(r["kind"] == "department" for r in rows)
    gsb = [r for r in rows if r["org"] == "郑州市工商局"]
    assert [(r["grp"], r["lead"]) for r in gsb] == [(DOC_88, 4)]


def test_workload_year_filter(loaded_store: Any) -> None:
    # Every document in the corpus is dated 2017 (their 〔2017〕 numbers, e.g. A:7, B:2878):
    # no rows for 2016, and with group_by=year every row's group is "2017".
    assert run(loaded_store, "workload_by_org", year=2016) == []
    rows = run(loaded_store, "workload_by_org", group_by="year", limit=1000)
    assert rows and {r["grp"] for r in rows} == {"2017"}


def test_rows_point_at_the_source_lines(loaded_store: Any) -> None:
    # 43号 task 1 is "1. 发挥国有住房租赁企业的引领和带动作用" (A:3756), its sentence
    # continuing "用。强化政府引导…" (A:3758) up to "责任单位:市工商局…" (A:3762).
    rows = run(loaded_store, "org_profile", name="市国资委")
    (t1,) = at([r for r in rows if r["doc"] == DOC_43], A, 3760)
    assert (t1["line_start"], t1["line_end"]) == (3756, 3762)
    assert t1["text"].startswith("1.")


# --- 2. tasks with no lead / no owner ---------------------------------------------------


def test_tasks_without_lead_in_88(loaded_store: Any) -> None:
    # 88号 has 26 tasks and 22 牵头单位 lines; the four without one are 5, 13, 18 and 21
    # (their blocks A:3117-3123, 3179-3185, 3219-3223, 3241-3245 have only 责任单位).
    rows = in_list_88(run(loaded_store, "tasks_without_lead", doc=DOC_88))
    assert len(rows) == 4
    assert lines_of(rows, A, T88) == {5, 13, 18, 21}
    # Task 13's owners are its 责任单位 line A:3183 (市发展改革委、市教育局 … 市体育局等).
    (t13,) = at(rows, A, T88[13])
    assert {"郑州市教育局", "郑州市体育局", "郑州市发展改革委"} <= set(t13["owners"])


def test_tasks_without_lead_skips_documents_that_name_no_leads(loaded_store: Any) -> None:
    # 53号 assigns only 责任单位 (its 45 tasks B:2878-3573, no 牵头单位 line at all), so by
    # default none of its tasks is reported; asked for, all 45 are. (24号 no longer
    # qualifies: A:131 "由当地政府会同相关企业协同解决" names a lead.)
    assert run(loaded_store, "tasks_without_lead", doc=DOC_53) == []
    rows = run(loaded_store, "tasks_without_lead", doc=DOC_53, only_lead_docs=False)
    assert len(rows) == 45


@pytest.mark.parametrize("doc", [DOC_88, DOC_24, DOC_53, DOC_43])
def test_no_task_without_owner(loaded_store: Any, doc: str) -> None:
    # Each numbered task of these documents has a 牵头单位 or 责任单位 line right after
    # its text (88号: A:3089-3289; 24号: A:33-123; 53号: B:2878-3573; 43号: A:3756-3880).
    assert run(loaded_store, "tasks_without_owner", doc=doc) == []


# --- 3. tasks owned only by collective parties ------------------------------------------


def test_collective_only_in_88(loaded_store: Any) -> None:
    # Task 5 (A:3119) and 21 (A:3243): "责任单位：各县（市、区）、市级各开发区、市政府各
    # 有关部门、各有关单位"; task 18 (A:3221): "责任单位:相关部门按职责分工负责". No
    # 牵头单位 line for any of them. Task 13 (A:3183) also has no lead but names bodies.
    rows = in_list_88(run(loaded_store, "collective_only_tasks", doc=DOC_88))
    assert lines_of(rows, A, T88) == {5, 18, 21}
    assert len(rows) == 3


def test_collective_only_none_in_53(loaded_store: Any) -> None:
    # Every 责任单位 line of 53号 (B:2878-3573, 45 lines) starts with a named body
    # (市卫计委, 市民政局, 市轨道公司, 市邮政局 …), so no task there is collective-only.
    assert run(loaded_store, "collective_only_tasks", doc=DOC_53) == []


# --- 4. tasks with many leads -----------------------------------------------------------


def test_many_leads_in_88(loaded_store: Any) -> None:
    # 牵头单位 lines of 88号 with three or more bodies: task 2 (A:3099, 3), 3 (A:3107, 5:
    # 法制办 编办 政务办 发展改革委 财政局), 7 (A:3133, 3: 财政局 地税局 国税局), 10 (A:3155,
    # 3), 15 (A:3197, 3), 22 (A:3249, 4). (Counted with awk: gsub(/、/) + 1 per line.)
    rows = run(loaded_store, "tasks_many_leads", doc=DOC_88)
    assert lines_of(rows, A, T88) == {2, 3, 7, 10, 15, 22}
    assert len(rows) == 6
    rows = run(loaded_store, "tasks_many_leads", doc=DOC_88, min_leads=4)
    assert lines_of(rows, A, T88) == {3, 22}
    assert [r["lead_count"] for r in rows] == [5, 4]  # most leads first
    assert set(at(rows, A, T88[3])[0]["leads"]) == {
        "郑州市政府法制办", "郑州市编办", "郑州市政务办", "郑州市发展改革委", "郑州市财政局",
    }  # fmt: skip


# --- 5. deadlines ------------------------------------------------------------------------


def test_due_by_end_of_october_in_24(loaded_store: Any) -> None:
    # 24号's dated tasks: 四(二)1 "8月底前…10月底前完成" (A:45), 四(二)2 "8月底前提出"
    # (A:49), 四(二)3/4/5 "8月底前…10月底前" (A:53, 59, 63) and 四(四) "8月底前制定专项
    # 方案" (A:79). All six are due by 2017-10-31.
    rows = run(loaded_store, "tasks_due_by", as_of="2017-10-31", doc=DOC_24)
    assert lines_of(rows, A, T24) == set(T24)
    assert len(rows) == 6
    # Judged by the final deadline, only the two with nothing after 8月底 are due by
    # the end of September; counting milestones, all six have one (8月底前).
    rows = run(loaded_store, "tasks_due_by", as_of="2017-09-30", doc=DOC_24)
    assert lines_of(rows, A, T24) == {"二2", "四"}
    assert {r["due"] for r in rows} == {"2017-08-31"}
    rows = run(loaded_store, "tasks_due_by", as_of="2017-09-30", doc=DOC_24, final_only=False)
    assert lines_of(rows, A, T24) == set(T24)


def test_deadlines_in_window(loaded_store: Any) -> None:
    # 24号: "10月底前" closes 四(二)1, 3, 4, 5 (A:45, 53, 59, 63).
    rows = run(
        loaded_store,
        "deadlines_in_window",
        from_date="2017-10-31",
        to_date="2017-10-31",
        doc=DOC_24,
    )
    assert lines_of(rows, A, T24) == {"二1", "二3", "二4", "二5"}
    # 88号 task 26 (A:3289): "2017 年 11 月底前，完成…；12 月底前，…；确保 2018 年 6 月底
    # 前…": November is a milestone, not its final deadline; no other 88号 task names
    # November (its other 时间节点 lines say 10月底前 or 全年).
    rows = run(
        loaded_store,
        "deadlines_in_window",
        from_date="2017-11-01",
        to_date="2017-11-30",
        doc=DOC_88,
    )
    assert [(r["due"], r["final"]) for r in rows] == [("2017-11-30", False)]
    assert at(rows, A, T88[26])
    final = run(
        loaded_store,
        "deadlines_in_window",
        from_date="2018-06-30",
        to_date="2018-06-30",
        doc=DOC_88,
        final_only=True,
    )
    assert lines_of(final, A, T88) == {26}


def test_deadlines_in_53(loaded_store: Any) -> None:
    # 53号 states a deadline in seven task texts (awk over B:2878-3573 for 底前/年内):
    # "10 月底前" in 五.1 (B:3191) and 五.4 (B:3233); "年底前"/"年内" in 四.1 (B:3063),
    # 四.2 (B:3077), 四.3 (B:3091), 四.4 (B:3105), 五.6 (B:3261). The document is dated
    # 2017-04-17 (B:2878), so these are 2017-10-31 and 2017-12-31. Other tasks name none
    # ("从 2017 年 1 月 1 日起", B:2953, is when a subsidy starts, not a deadline).
    october = run(
        loaded_store,
        "deadlines_in_window",
        from_date="2017-10-01",
        to_date="2017-10-31",
        doc=DOC_53,
    )
    assert lines_of(october, B, {"五1": 3191, "五4": 3233}) == {"五1", "五4"}
    assert len(october) == 2 and {r["due"] for r in october} == {"2017-10-31"}
    year = run(loaded_store, "tasks_due_by", as_of="2017-12-31", doc=DOC_53)
    stated = {
        "四1": 3063,
        "四2": 3077,
        "四3": 3091,
        "四4": 3105,
        "五1": 3191,
        "五4": 3233,
        "五6": 3261,
    }
    assert lines_of(year, B, stated) == set(stated)
    assert len(year) == len(stated)


def test_open_and_recurring_commitments(loaded_store: Any) -> None:
    # 146号's 智能化改造 plan: "时间节点：每年滚动培育5个智能工厂、10个智能车间" (A:2173)
    # recurs every year; "时间节点：持续推进工业智能化改造信息化支撑项目建设" (A:2199)
    # has no end.
    recurring = run(loaded_store, "open_commitments", kind="recurring", doc=DOC_146)
    assert at(recurring, A, 2173)
    assert all(r["kind"] == "recurring" for r in recurring)
    open_ = run(loaded_store, "open_commitments", kind="open", doc=DOC_146)
    assert at(open_, A, 2199)
    # 24号 has only dated deadlines (A:45-79) – its monthly reports (A:135) are no task.
    assert run(loaded_store, "open_commitments", doc=DOC_24) == []


# --- 6. one organisation's profile -------------------------------------------------------


@pytest.mark.parametrize("spelling", ["市工商局", "郑州市工商局", "工商局"])
def test_profile_resolves_any_spelling(loaded_store: Any, spelling: str) -> None:
    # The text writes 市工商局 (A:3093); the canonical name is 郑州市工商局.
    rows = run(loaded_store, "org_profile", name=spelling)
    assert rows and {r["org"] for r in rows} == {"郑州市工商局"}


def test_profile_of_gsb(loaded_store: Any) -> None:
    rows = run(loaded_store, "org_profile", name="市工商局")
    in88 = [r for r in rows if r["doc"] == DOC_88]
    # Leads 88号 tasks 1, 2, 19, 22 (A:3093, 3099, 3227, 3249), nothing else there.
    assert {r["role"] for r in in88} == {"lead"}
    assert lines_of(in88, A, T88) == {1, 2, 19, 22}
    # Task 1: "牵头单位：市工商局" alone, "时间节点：2017年10月底前" (A:3093-3095).
    (t1,) = at(in88, A, T88[1])
    assert t1["partners"] == [] and t1["deadlines"] == ["2017-10-31"]
    assert t1["mention"] == "市工商局"
    # Task 2: "牵头单位：市工商局、市政务办、市政府法制办" (A:3099).
    (t2,) = at(in88, A, T88[2])
    assert {"郑州市政务办", "郑州市政府法制办"} <= set(t2["partners"])
    # 43号: leads only task 10, with 市住房保障局 ("牵头单位:市住房保障局、市工商局" A:3820);
    # responsible on tasks 1, 2, 12 and on task 15's last paragraph (责任单位 lines A:3762,
    # 3768, 3832, 3870 – a task contains its own role lines, however it is cut up).
    in43 = [r for r in rows if r["doc"] == DOC_43]
    lead43 = [r for r in in43 if r["role"] == "lead"]
    assert len(lead43) == 1 and at(lead43, A, 3820)
    resp43 = [r for r in in43 if r["role"] == "responsible"]
    assert lines_of(resp43, A, {1: 3762, 2: 3768, 12: 3832, 15: 3870}) == {1, 2, 12, 15}
    assert len(resp43) == 4
    # role filter keeps only that role.
    leads = run(loaded_store, "org_profile", name="市工商局", role="lead")
    assert leads and {r["role"] for r in leads} == {"lead"}


def test_profile_unknown_org_is_empty(loaded_store: Any) -> None:
    assert run(loaded_store, "org_profile", name="不存在的单位") == []


# --- 7. co-responsibility pairs ----------------------------------------------------------


def _org88(short: str) -> str:
    return "郑州" + short


def test_pairs_in_88(loaded_store: Any) -> None:
    # From the role blocks of 88号 (named bodies only; "相关部门…" etc. are collective):
    # 市工商局 + 市政府法制办 share tasks 2, 19, 22 (A:3099, 3227, 3249): the only pair
    # with three. Pairs with two: 政务办+法制办 (2, 3), 编办+政务办 (3, 15), 编办+法制办
    # (3, 20), 发展改革委+商务局 (4, 16), 发展改革委+财政局 (3, 10), 地税局+国税局 (6, 7),
    # 质监局+政务办 (14, 15), 发展改革委+法制办 (3, 22).
    rows = run(loaded_store, "co_responsibility_pairs", doc=DOC_88, min_shared=3)
    assert [(r["org_a"], r["org_b"], r["shared"]) for r in rows] == [
        ("郑州市工商局", "郑州市政府法制办", 3)
    ]
    rows = run(loaded_store, "co_responsibility_pairs", doc=DOC_88, min_shared=2)
    got = {(frozenset((r["org_a"], r["org_b"])), r["shared"]) for r in rows}
    pairs2 = [
        ("市政务办", "市政府法制办"), ("市编办", "市政务办"), ("市编办", "市政府法制办"),
        ("市发展改革委", "市商务局"), ("市发展改革委", "市财政局"), ("市地税局", "市国税局"),
        ("市质监局", "市政务办"), ("市发展改革委", "市政府法制办"),
    ]  # fmt: skip
    expected = {(frozenset(map(_org88, p)), 2) for p in pairs2}
    expected.add((frozenset(("郑州市工商局", "郑州市政府法制办")), 3))
    assert got == expected
    assert all(r["docs"] == [DOC_88] for r in rows)


def test_pairs_exclude_collective_by_default(loaded_store: Any, requirement_88: int) -> None:
    # "各县（市、区）、市级各开发区、市政府各有关部门、各有关单位" is the 责任单位 of 88号
    # tasks 5, 17, 19, 20, 21, 23, 24 (A:3119, 3215, 3229, 3237, 3243, 3261, 3269): the
    # collective pair 各县 + 各开发区 shares those 7 tasks (8 with A:3295, which names
    # both again), listed only when asked for.
    collective = {
        r["org"] for r in run(loaded_store, "workload_by_org", doc=DOC_88, kind="collective")
    }
    rows = run(loaded_store, "co_responsibility_pairs", doc=DOC_88, min_shared=1, limit=1000)
    assert rows and not any({r["org_a"], r["org_b"]} & collective for r in rows)
    rows = run(
        loaded_store,
        "co_responsibility_pairs",
        doc=DOC_88,
        min_shared=2,
        include_collective=True,
        limit=1000,
    )
    both = [
        r for r in rows if "各县" in r["org_a"] + r["org_b"] and "开发区" in r["org_a"] + r["org_b"]
    ]
    assert [r["shared"] for r in both] == [7 + requirement_88]


# --- 8. district burden ------------------------------------------------------------------


def test_district_burden_in_24(loaded_store: Any) -> None:
    # 24号 names district bodies on four 责任单位 lines: 中原区人民政府 (A:47), 登封市人民政府
    # (A:55), 新密市人民政府 (A:61), 上街区人民政府 (A:65); and the zones 郑东新区管委会,
    # 郑州高新区管委会 (A:51). "相关县（市、区）人民政府、开发区管委会" names no district.
    rows = {r["district"]: r for r in run(loaded_store, "district_burden", doc=DOC_24)}
    assert set(rows) == {"中原区", "登封市", "新密市", "上街区", "郑东新区", "郑州高新区"}
    assert all(r["tasks"] == 1 and r["owned_locally"] == 1 for r in rows.values())
    assert rows["登封市"]["local_orgs"] == ["登封市人民政府"]


def test_district_burden_in_53(loaded_store: Any) -> None:
    # 53号 names districts on four 责任单位 lines: B:3067 (金水区 二七区 管城回族区 惠济区
    # 郑东新区 郑州高新区 郑州经济开发区), B:3137 (金水区 管城回族区), B:3265 (中原区 金水区
    # 二七区 惠济区 郑州高新区 郑东新区 中牟县), B:3279 (金水区 二七区 管城回族区 惠济区 郑东
    # 新区 郑州高新区 郑州经济开发区). 各区政府/各县（市、区）政府 name no district.
    rows = {r["district"]: r["tasks"] for r in run(loaded_store, "district_burden", doc=DOC_53)}
    assert rows == {
        "金水区": 4, "二七区": 3, "管城回族区": 3, "惠济区": 3, "郑东新区": 3,
        "郑州高新区": 3, "郑州经开区": 2, "中原区": 1, "中牟县": 1,
    }  # fmt: skip


def test_no_district_called_kaifaqu(loaded_store: Any) -> None:
    # "开发区管委会" in "各县（市、区）政府、开发区管委会" (e.g. B:2900) means every
    # development zone, not a place called 开发区; no district of that name exists.
    names = {r["district"] for r in run(loaded_store, "district_burden")}
    assert "开发区" not in names


# --- 9. per-document summary -------------------------------------------------------------


def test_document_summary(loaded_store: Any, requirement_88: int) -> None:
    rows = {r["doc"]: r for r in run(loaded_store, "document_summary")}
    # 88号: 26 numbered tasks, each with a 时间节点 line (26 of them, A:3095-3289), four
    # without 牵头单位 (tasks 5, 13, 18, 21) -> 4/26 = 15.4 %. With A:3295 (no lead,
    # "年底前"): 27 tasks, 27 dated, 5 without lead -> 18.5 %.
    s88 = rows[DOC_88]
    n = 26 + requirement_88
    assert (s88["tasks"], s88["with_deadline"], s88["no_lead"]) == (n, n, 4 + requirement_88)
    assert s88["no_lead_pct"] == pytest.approx(15.4 if n == 26 else 18.5)
    assert s88["date"] == "2017-08-18"  # A:3075
    # 24号: 16 责任单位 blocks (A:35-123), none with 牵头单位, six dated (A:45-79); and
    # A:131 "由当地政府会同相关企业协同解决", which names a lead.
    s24 = rows[DOC_24]
    assert (s24["tasks"], s24["no_lead"], s24["with_deadline"]) == (17, 16, 6)
    # 24号's deadlines are 8月底前 and 10月底前 (A:45-79): two distinct dates.
    assert s24["deadlines"] == 2
    # 43号: 17 numbered tasks (A:3756-3880) with 20 牵头单位 blocks: task 15 has four
    # (A:3850, 3856, 3862, 3868), each paragraph its own deadline and owners. One task
    # per number (17) or per block (20) are both fair readings; none lacks a lead.
    s43 = rows[DOC_43]
    assert s43["tasks"] in (17, 20) and s43["no_lead"] == 0
    # 郑政办〔2017〕86号 (A:2985) is a rule text assigning no task: hidden by default,
    # listed with min_tasks=0.
    assert "郑政办〔2017〕86号" not in rows
    everything = {r["doc"] for r in run(loaded_store, "document_summary", min_tasks=0)}
    assert "郑政办〔2017〕86号" in everything


# --- 10. alias audit ---------------------------------------------------------------------


def test_org_aliases(loaded_store: Any) -> None:
    rows = {r["org"]: r for r in run(loaded_store, "org_aliases")}
    # One food and drug administration, three spellings: 市食药监局 (A:3191, 88号 task 14),
    # 市食品药品监督管理局 (A:3832, 43号 task 12), 市食品药品监管局 (B:787, 67号).
    fda = [r for r in rows.values() if "市食药监局" in r["spellings"]]
    assert len(fda) == 1
    assert {"市食药监局", "市食品药品监督管理局", "市食品药品监管局"} <= set(fda[0]["spellings"])
    # One financial office: 市金融办 (A:3880, 43号 task 17) and 市政府金融办 (A:1997, 146号).
    fin = [r for r in rows.values() if "市金融办" in r["spellings"]]
    assert len(fin) == 1 and "市政府金融办" in fin[0]["spellings"]
    # 市政府法制办 (A:3099, 88号 task 2) is also written 市法制办 ("（市法制办负责）" B:2153,
    # 49号); 市城管局 (A:47) also 郑州市城市管理局 ("郑州市城市管理局负责…" B:1348, 73号).
    law = [r for r in rows.values() if "市法制办" in r["spellings"]]
    assert len(law) == 1 and "市政府法制办" in law[0]["spellings"]
    city = [r for r in rows.values() if "郑州市城市管理局" in r["spellings"]]
    assert len(city) == 1 and "市城管局" in city[0]["spellings"]
    assert all(r["count"] >= 2 for r in rows.values())


# --- analytics ---------------------------------------------------------------------------


def test_central_orgs_in_88(loaded_store: Any) -> None:
    # Partners (named bodies sharing a task) in 88号, from its role blocks:
    # 发展改革委 14: 法制办 编办 政务办 财政局 (3), 商务局 (4, 16), 物价局 (10), 教育局 民政局
    #   人社局 卫计委 文广新局 体育局 (13), 工商局 质监局 (22);
    # 卫计委 13: the six of task 13 with it, and 政务办 质监局 工信委 交通委 农委 商务局
    #   食药监局 (14);
    # 政务办 12: 工商局 法制办 (2), 编办 发展改革委 财政局 (3), 质监局 工信委 交通委 农委
    #   商务局 卫计委 食药监局 (14). 数字办 (tasks 25, 26) shares with nobody named.
    # 24 named bodies -> degree centrality = partners / 23.
    rows = run(loaded_store, "central_orgs", doc=DOC_88, sort_by="degree", top=100)
    by = {r["org"]: r for r in rows}
    assert len(rows) == 24
    assert [r["org"] for r in rows[:3]] == ["郑州市发展改革委", "郑州市卫计委", "郑州市政务办"]
    assert [by[o]["partners"] for o in ("郑州市发展改革委", "郑州市卫计委", "郑州市政务办")] == [
        14, 13, 12,
    ]  # fmt: skip
    assert by["郑州市发展改革委"]["degree"] == pytest.approx(14 / 23, abs=1e-4)
    assert (by["郑州市数字办"]["partners"], by["郑州市数字办"]["betweenness"]) == (0, 0)


def test_communities_in_88(loaded_store: Any) -> None:
    # 市政府督查室 and 市审计局 lead task 12 together (A:3171) and share no task with any
    # other named body in 88号: a component of two, so a community of its own under any
    # modularity method. 数字办 shares nothing, so it belongs to no group.
    for method in ("louvain", "greedy"):
        rows = run(loaded_store, "org_communities", doc=DOC_88, method=method)
        groups = [set(r["members"]) for r in rows]
        assert {"郑州市政府督查室", "郑州市审计局"} in groups
        assert not any("郑州市数字办" in g for g in groups)
        assert sum(r["size"] for r in rows) == len(set().union(*groups))


def test_analytics_are_deterministic(loaded_store: Any) -> None:
    first = run(loaded_store, "org_communities")
    assert first == run(loaded_store, "org_communities")
    assert run(loaded_store, "central_orgs") == run(loaded_store, "central_orgs")
