"""The extractor on the bundled Zhengzhou corpus: values checked by reading the text.

Every expected value below was read off data/corpus by hand (the line numbers are
the files' own); none is copied from the program's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract import extract_paths
from extract.evaluation import load_gold, score
from extract.models import Document, Task
from extract.normalize import normalize_line

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
AUG = "000_21dbe221950a7587.txt"  # July–August 2017 issue
APR = "002_63fbf1d4df33faad.txt"  # March–April 2017 issue


@pytest.fixture(scope="module")
def corpus():
    return extract_paths([CORPUS])


def doc(corpus, number: str) -> Document:
    return next(d for d in corpus.documents if d.number == number)


def task_with(document: Document, snippet: str) -> Task:
    found = [t for t in document.tasks if snippet in t.text]
    assert len(found) == 1, (snippet, [t.text[:30] for t in found])
    return found[0]


def owners(task: Task) -> set[tuple[str, str]]:
    return {(a.mention, a.role) for a in task.assignments}


def test_every_document_header_is_found(corpus):
    # 26 document-number lines in the August issue, 24 in the April one (grep of
    # lines that *start* with a 郑政… number).
    assert len(corpus.documents) == 50
    assert corpus.errors == []
    numbers = [d.number for d in corpus.documents]
    assert len(set(numbers)) == 50 and None not in numbers
    # Number with stray spaces: "郑政〔2017〕14 号 2017 年 4 月 5 日" (APR line 9).
    d14 = doc(corpus, "郑政〔2017〕14号")
    assert d14.date == "2017-04-05"
    # Title broken over two lines: APR lines 3-5.
    assert d14.title == "关于发布实施郑州市地质灾害防治规划（2016—2025年）的通知"
    # Date on its own line after the number (APR lines 1020-1022).
    assert doc(corpus, "郑政文〔2017〕72号").date == "2017-04-07"


def test_header_fields_of_a_task_division_plan(corpus):
    # AUG lines 3073-3081: issuer and title on one line, number and date on the next.
    d = doc(corpus, "郑政办〔2017〕88号")
    assert d.issuer == "郑州市人民政府办公厅"
    assert d.date == "2017-08-18"
    assert d.year == 2017
    assert d.title == "关于印发郑州市2017年简政放权放管结合优化服务改革重点任务分工方案的通知"
    assert d.plan_title == "郑州市2017年简政放权放管结合优化服务改革重点任务分工方案"
    assert d.source.file.endswith(AUG)


def test_forwarding_notice_title_and_no_phantom_document(corpus):
    # APR lines 4397-4405: "转发国务院办公厅关于…的通知的通知"; the forwarded State
    # Council notice quoted inside (line 4420, no number) is not a document of its own.
    d = doc(corpus, "郑政办文〔2017〕25号")
    assert d.title == "转发国务院办公厅关于规范发展区域性股权市场的通知的通知"
    assert not any(x.issuer == "国务院办公厅" for x in corpus.documents)


def test_documents_that_assign_no_work_are_still_documents(corpus):
    # 郑政文〔2017〕151号 commends units for safe production (表彰), AUG line 2531.
    d = doc(corpus, "郑政文〔2017〕151号")
    assert d.title.startswith("关于表彰2016年度郑州市安全生产工作先进集体")
    assert d.tasks == []


def test_lead_field_and_deadline_field(corpus):
    # AUG 3089-3095: item 1, 牵头单位：市工商局, 时间节点：2017年10月底前.
    t = task_with(doc(corpus, "郑政办〔2017〕88号"), "多证合一、一照一码")
    assert owners(t) == {("市工商局", "lead")}
    assert t.assignments[0].org.name == "郑州市工商局"
    assert t.assignments[0].line == 3093
    assert (t.source.line_start, t.source.line_end) == (3089, 3095)
    assert t.section == "一、任务分工 > （一）为促进就业创业降门槛"
    assert [(x.date, x.raw) for x in t.deadlines] == [("2017-10-31", "2017年10月底前")]


def test_lead_and_collective_responsible_with_whole_year(corpus):
    # AUG 3097-3103: three leads, 责任单位：相关部门按职责分工负责, 时间节点：2017 年全年.
    t = task_with(doc(corpus, "郑政办〔2017〕88号"), "证照分离")
    roles = {(a.mention, a.role, a.org.kind) for a in t.assignments}
    assert roles == {
        ("市工商局", "lead", "department"),
        ("市政务办", "lead", "department"),
        ("市政府法制办", "lead", "department"),
        ("相关部门", "responsible", "collective"),
    }
    assert [(x.date, x.kind) for x in t.deadlines] == [("2017-12-31", "date")]


def test_org_name_broken_across_a_page_break(corpus):
    # AUG line 35 ends "相关县（市、区）" and line 37 starts "人民政府、开发区管委会，…".
    t = task_with(doc(corpus, "郑政〔2017〕24号"), "各统调公用燃煤电厂严格按照")
    assert ("相关县（市、区）人民政府", "responsible") in owners(t)
    assert ("开发区管委会", "responsible") in owners(t)
    assert ("各统调公用燃煤电厂", "responsible") in owners(t)
    collective = next(a for a in t.assignments if a.mention == "相关县（市、区）人民政府")
    assert collective.org.kind == "collective"
    assert collective.line == 35
    assert (t.source.line_start, t.source.line_end) == (33, 37)


def test_district_government_owner_gives_the_district(corpus):
    # AUG 53-55: 责任单位：登封市人民政府，市工信委，（page break）郑州供电公司，…
    t = task_with(doc(corpus, "郑政〔2017〕24号"), "郑州荣奇（俱进）能源有限公司和郑州中岳")
    assert ("登封市人民政府", "responsible") in owners(t)
    assert ("郑州供电公司", "responsible") in owners(t)
    assert "登封市" in t.districts
    gov = next(a for a in t.assignments if a.mention == "登封市人民政府")
    assert gov.org.kind == "district_government"


def test_several_inline_brackets_in_one_paragraph(corpus):
    # AUG line 3592 holds three sentence groups, each closed by （…负责）; the fourth
    # group runs over the page break to line 3594.
    d = doc(corpus, "郑政办文〔2017〕42号")
    on_3592 = [t for t in d.tasks if t.source.line_start == 3592]
    assert len(on_3592) == 4
    assert owners(on_3592[0]) == {("市环保局", "responsible")}
    assert owners(on_3592[2]) == {
        ("市环保局", "responsible"),
        ("市国土资源局", "responsible"),
        ("市工信委", "responsible"),
        ("市发展改革委", "responsible"),
        ("市农委", "responsible"),
    }
    last = on_3592[3]
    assert last.source.line_end == 3594
    assert ("市粮食局", "responsible") in owners(last)


def test_bracket_broken_after_its_first_character(corpus):
    # AUG 3662-3664: "…两个责任(市" / "政府食品安全委各成员单位负责)。"
    t = task_with(doc(corpus, "郑政办文〔2017〕42号"), "加大专项检查和飞行检查力度")
    assert owners(t) == {("市政府食品安全委各成员单位", "responsible")}
    assert t.assignments[0].org.kind == "collective"
    assert t.assignments[0].line == 3662
    assert (t.source.line_start, t.source.line_end) == (3662, 3664)


def test_lead_with_responsible_in_one_bracket(corpus):
    # APR 2155: （市政办、市数字办牵头，各县〔市、区〕政府负责）
    t = task_with(doc(corpus, "郑政办〔2017〕49号"), "推进电子政务建设")
    roles = {(a.org.name, a.role) for a in t.assignments}
    assert roles == {
        ("郑州市政办", "lead"),
        ("郑州市数字办", "lead"),
        ("郑州市各县（市、区）政府", "responsible"),
    }


def test_mainly_led_by_with_assistants_and_responsible_clauses(corpus):
    # APR 1221: 主要由市农委牵头，市城管局、市交通委负责…，惠济区人民政府和新郑市人民政府
    # 负责…。市公安局负责…
    t = task_with(doc(corpus, "郑政文〔2017〕73号"), "安排大会考察参观路线")
    assert {
        ("市农委", "lead"),
        ("市城管局", "responsible"),
        ("市交通委", "responsible"),
        ("惠济区人民政府", "responsible"),
        ("新郑市人民政府", "responsible"),
        ("市公安局", "responsible"),
    } <= owners(t)
    # APR 1240: 主要由市商务局牵头，…郑州国际会展中心等配合做好有关工作。
    t = task_with(doc(corpus, "郑政文〔2017〕73号"), "做好展会现场的组织和管理工作")
    assert owners(t) == {
        ("市商务局", "lead"),
        ("市公安局消防支队", "assist"),
        ("郑州供电公司", "assist"),
        ("郑州自来水公司", "assist"),
        ("郑州国际会展中心", "assist"),
    }


def test_people_and_phone_numbers_are_not_owners_or_task_text(corpus):
    # APR 1187-1202: 组长/副组长/联络员 lines with phone numbers before 工作职责.
    t = task_with(doc(corpus, "郑政文〔2017〕73号"), "负责与省会议筹备领导小组办公室")
    assert "联系电话" not in t.text
    assert "冯卫平" not in t.text
    # APR 2888-2900: 主管市领导：刘 东。/ 责任人：付桂荣，…负责人。 name no owner.
    t = task_with(doc(corpus, "郑政办〔2017〕53号"), "结直肠癌筛查")
    mentions = {a.mention for a in t.assignments}
    assert not any("负责人" in m or "付桂荣" in m or "刘东" in m for m in mentions)
    assert ("市卫计委", "responsible") in owners(t)
    assert ("市财政局", "assist") in owners(t)  # 协办单位：市发展改革委、财政局。


def test_labelled_facets_form_one_task_with_milestones(corpus):
    # AUG 1911-1919: 1.退出标准 / 2.退出任务 / 3.时间节点 then one 责任单位 line.
    t = task_with(doc(corpus, "郑政文〔2017〕146号"), "压减产能475万吨")
    assert "1.退出标准" in t.text and "3.时间节点" in t.text
    assert (t.source.line_start, t.source.line_end) == (1911, 1919)
    dated = [(x.date, x.final) for x in t.deadlines if x.date]
    # "6月底之前 … 9月底前 … 2018年，全面完成…"
    assert dated == [("2017-06-30", False), ("2017-09-30", False), ("2018-12-31", True)]


def test_org_heading_sentences_in_an_annex(corpus):
    # APR 1324: 郑州市政府办公厅负责综合协调，…; APR 1352: 新郑市人民政府和惠济区人民政府负责…
    d = doc(corpus, "郑政文〔2017〕73号")
    t = task_with(d, "郑州市政府办公厅负责综合协调")
    assert {(a.org.name, a.role) for a in t.assignments} == {("郑州市政府办公厅", "responsible")}
    assert t.section.startswith("附件")
    t = task_with(d, "新郑市人民政府和惠济区人民政府负责")
    assert set(t.districts) >= {"新郑市", "惠济区"}


def test_task_ids_are_stable_across_runs(corpus):
    again = extract_paths([CORPUS])
    assert [t.id for t in again.tasks] == [t.id for t in corpus.tasks]
    assert len({t.id for t in corpus.tasks}) == len(corpus.tasks)


def test_every_task_points_at_its_own_source_lines(corpus):
    files = {name: (CORPUS / name).read_text(encoding="utf-8").split("\n") for name in (AUG, APR)}
    for task in corpus.tasks:
        lines = files[Path(task.source.file).name]
        raw = "".join(
            normalize_line(x) for x in lines[task.source.line_start - 1 : task.source.line_end]
        )
        # People/phone lines are left out of a task's text, so check its two ends.
        text = re.sub(r"\s", "", task.text)
        raw = re.sub(r"\s", "", raw)
        assert text[:6] in raw and text[-8:] in raw, (task.source, text[:6], text[-8:])
        for a in task.assignments:
            assert task.source.line_start <= a.line <= task.source.line_end, (task.source, a)


def test_precision_and_recall_on_the_labelled_set(corpus):
    result = score(corpus.documents, load_gold(ROOT / "tests" / "labelled" / "gold.txt"))
    assert result.true_positives >= 300
    assert result.precision >= 0.97, result.spurious
    assert result.recall >= 0.97, result.missed


def test_owner_sentences_each_point_at_their_own_line(corpus):
    # APR 2057-2075: "各区、各部门…务求实效。" then one "X负责…" sentence per line.
    d = doc(corpus, "郑政办〔2017〕48号")
    t = task_with(d, "市发展改革委、市财政局负责落实架空通信线入地市级补助资金")
    assert (t.source.line_start, t.source.line_end) == (2059, 2059)
    assert owners(t) == {("市发展改革委", "responsible"), ("市财政局", "responsible")}
    # The list of four carriers breaks before its verb: lines 2071-2073.
    t = task_with(d, "负责组织实施各自架空通信线入地工作")
    assert (t.source.line_start, t.source.line_end) == (2071, 2073)
    assert ("中国联通郑州分公司", "responsible") in owners(t)
    assert all(a.line == 2071 for a in t.assignments)
