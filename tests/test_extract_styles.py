"""The extractor on documents composed in other governments' styles.

None of these strings occur in the bundled corpus: they exercise the conventions
(区/县/省 prefixes, tables, 列第一位的为牵头单位, role lines before the body, inline
（X牵头，Y配合）, org headings) rather than the sample's wording.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from extract import extract_text
from extract.export import SCHEMA_PATH
from extract.models import Task

ROOT = Path(__file__).resolve().parents[1]

DISTRICT_DOC = """杭州市西湖区人民政府办公室
关于印发西湖区2019年优化营商环境
重点任务分工方案的通知
西政办〔2019〕12 号 2019年3月5日

各镇人民政府、街道办事处，区政府各部门、各直属单位：
现将《西湖区2019年优化营商环境重点任务分工方案》印发给你们，请认真贯彻落实。

西湖区2019年优化营商环境重点任务分工方案

一、重点任务
（一）提升开办企业便利度
1. 推行企业开办全程网上办，压缩开办时间至3个工作日以内。
牵头单位：区市场监管局
责任单位：区税务局、人力社保局，各镇街
完成时限：2019年6月底前
2. 深化“最多跑一次”改革，梳理公布办事事项清单。
责任单位：区数据资源局、区发改局、财政局
完成时限：2019年9月中旬
（二）加强组织保障
牵头单位：区政府办
完成时限：长期坚持
"""


def tasks_of(text: str, file: str = "composed.txt") -> list[Task]:
    result = extract_text(text, file=file)
    return [t for d in result.documents for t in d.tasks]


def roles(task: Task) -> set[tuple[str, str]]:
    return {(a.mention, a.role) for a in task.assignments}


def test_district_government_fields_and_prefix_distribution():
    result = extract_text(DISTRICT_DOC, file="xihu.txt")
    (doc,) = result.documents
    assert doc.number == "西政办〔2019〕12号"
    assert doc.issuer == "杭州市西湖区人民政府办公室"
    assert doc.date == "2019-03-05"
    assert doc.title == "关于印发西湖区2019年优化营商环境重点任务分工方案的通知"
    assert doc.plan_title == "西湖区2019年优化营商环境重点任务分工方案"
    first, second, third = doc.tasks
    assert roles(first) == {("区市场监管局", "lead"), ("区税务局", "responsible"),
                            ("区人力社保局", "responsible"), ("各镇街", "responsible")}
    lead = next(a for a in first.assignments if a.role == "lead")
    assert lead.org.name == "杭州市西湖区市场监管局"
    assert lead.line == 14
    assert (first.source.line_start, first.source.line_end) == (13, 16)
    assert [(d.date, d.raw) for d in first.deadlines] == [("2019-06-30", "2019年6月底前")]
    # "区数据资源局、区发改局、财政局": the 区 prefix carries to 财政局.
    assert ("区财政局", "responsible") in roles(second)
    assert [d.date for d in second.deadlines] == ["2019-09-20"]
    # A block directly under a title heading is about that heading.
    assert third.text == "（二）加强组织保障"
    assert roles(third) == {("区政府办", "lead")}
    assert [(d.date, d.kind) for d in third.deadlines] == [(None, "open")]


FIRST_LISTED_DOC = """洛宁县人民政府
关于印发洛宁县2018年脱贫攻坚重点工作安排的通知
宁政〔2018〕7号 2018年2月1日

各乡镇人民政府，县政府各部门：
以下各项工作中，列第一位的为牵头单位，其他为责任单位（除标注“分别牵头”外）。

一、教育扶贫
全面落实贫困家庭学生资助政策，做到应助尽助（县教育局、财政局、扶贫办负责）。改善贫困村学校办学条件，11月底前完成薄弱学校改造（各乡镇人民政府分别牵头）。
二、健康扶贫
实行县域内住院先诊疗后付费（县卫计委牵头，县人社局、民政局配合）。县医保中心会同县财政局负责落实医疗救助资金。
"""


def test_first_listed_lead_convention_and_inline_roles():
    (doc,) = extract_text(FIRST_LISTED_DOC, file="luoning.txt").documents
    assert doc.conventions == ["first_listed_leads"]
    subsidy, schools, clinic, fund = doc.tasks
    assert roles(subsidy) == {("县教育局", "lead"), ("县财政局", "responsible"),
                              ("县扶贫办", "responsible")}
    assert subsidy.assignments[0].org.name == "洛宁县教育局"
    # "分别牵头" overrides the first-listed convention: every listed party leads.
    assert roles(schools) == {("各乡镇人民政府", "lead")}
    assert schools.assignments[0].org.kind == "collective"
    assert [d.date for d in schools.deadlines] == ["2018-11-30"]
    # （X牵头，Y、Z配合）: prefix carried into the second clause.
    assert roles(clinic) == {("县卫计委", "lead"), ("县人社局", "assist"),
                             ("县民政局", "assist")}
    # "X会同Y负责" in running text: X leads, Y works with it (assists).
    assert roles(fund) == {("县医保中心", "lead"), ("县财政局", "assist")}
    assert all(t.source.line_start == t.source.line_end for t in (subsidy, schools))
    assert subsidy.source.line_start == 9 and clinic.source.line_start == 11


PROVINCE_TABLE_DOC = """河南省人民政府办公厅
关于印发河南省2020年大气污染防治攻坚战实施方案的通知
豫政办〔2020〕8号
2020年3月10日

各省辖市人民政府，省人民政府各部门：
一、重点任务分工
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t推进钢铁行业超低排放改造\t省工业和信息化厅\t省生态环境厅、发展改革委\t2020年10月底前
2\t开展柴油货车污染治理专项行动\t省生态环境厅、公安厅\t省交通运输厅\t2020年全年
"""


def test_table_with_owner_columns_and_province_prefix():
    (doc,) = extract_text(PROVINCE_TABLE_DOC, file="henan.txt").documents
    assert doc.date == "2020-03-10"
    steel, diesel = doc.tasks
    assert steel.text == "推进钢铁行业超低排放改造"
    assert roles(steel) == {("省工业和信息化厅", "lead"), ("省生态环境厅", "assist"),
                            ("省发展改革委", "assist")}
    assert steel.source.line_start == 9
    assert [d.date for d in steel.deadlines] == ["2020-10-31"]
    assert roles(diesel) == {("省生态环境厅", "lead"), ("省公安厅", "lead"),
                             ("省交通运输厅", "assist")}
    assert [d.date for d in diesel.deadlines] == ["2020-12-31"]
    level = {a.org.level for a in steel.assignments}
    assert level == {"province"}


ORG_HEADING_AND_NON_OWNERS = """某某市人民政府
关于做好2021年春运工作的通知
某政〔2021〕3号 2021年1月5日

一、职责分工
（一）市公安局
负责春运期间道路交通秩序维护和站场治安管理。
（二）市交通运输局
负责运力调配，每月24日前报送运输情况。
二、工作要求
各单位实行市长负责制，主要负责同志要亲自抓。组长：张三。春运自2021年1月28日起，至3月8日止。
"""


def test_org_heading_tasks_and_what_is_not_an_owner():
    (doc,) = extract_text(ORG_HEADING_AND_NON_OWNERS, file="someplace.txt").documents
    police, transport = doc.tasks  # the 工作要求 paragraph names no owner
    assert roles(police) == {("市公安局", "responsible")}
    assert police.source.line_start == 6
    assert roles(transport) == {("市交通运输局", "responsible")}
    assert [(d.kind, d.date) for d in transport.deadlines] == [("recurring", None)]
    mentions = {a.mention for t in doc.tasks for a in t.assignments}
    assert not mentions & {"市长", "主要负责同志", "张三", "组长"}


def test_text_without_header_is_one_document():
    text = "关于加快推进垃圾分类的工作安排\n\n到2022年底前，全面推行垃圾分类（区城管局负责）。\n"
    (doc,) = extract_text(text, file="plain.txt").documents
    assert doc.title == "关于加快推进垃圾分类的工作安排"
    assert doc.number is None and doc.year == 2022
    (task,) = doc.tasks
    assert roles(task) == {("区城管局", "responsible")}
    assert task.deadlines[0].date == "2022-12-31"
    assert task.source.line_start == 3


def test_cli_writes_valid_records_and_survives_bad_files(tmp_path):
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "xihu.txt").write_bytes(DISTRICT_DOC.encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + FIRST_LISTED_DOC.encode("utf-8"))
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    out = tmp_path / "tasks.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "extract", str(tmp_path), "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1
    assert "broken.txt" in proc.stderr and "binary" in proc.stderr
    assert "2 documents, 7 tasks" in proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for record in records:
        jsonschema.validate(record, schema)
    titles = {r["doc_title"] for r in records}
    assert "关于印发西湖区2019年优化营商环境重点任务分工方案的通知" in titles  # GB18030 read
    csv_out = tmp_path / "tasks.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "extract", str(tmp_path / "bom.txt"), "-o", str(csv_out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0
    # A BOM, so Excel opens the UTF-8 CSV as UTF-8.
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")
    header, first = csv_out.read_text(encoding="utf-8-sig").splitlines()[:2]
    assert header.startswith("task_id,doc_id,doc_number")
    assert "县教育局" in first


ROLE_BEFORE_BODY_DOC = """某某县人民政府办公室
关于印发某某县2022年农村人居环境整治工作要点的通知
某政办〔2022〕15号 2022年2月8日

一、重点工作
（一）推进农村厕所革命
牵头单位：县农业农村局
责任单位：县卫健委、财政局
全年新改建农村户用卫生厕所3000户，8月底前完成问题厕所排查整改。
（二）治理农村生活污水
1.完成20个行政村生活污水治理。
牵头单位：县生态环境局
责任单位：各乡镇人民政府
牵头单位：县住建局
协办单位：县水利局
时间节点：2022年10月中旬
"""


def test_role_block_before_its_body_and_several_blocks_on_one_item():
    (doc,) = extract_text(ROLE_BEFORE_BODY_DOC, file="county.txt").documents
    toilets, sewage = doc.tasks
    assert toilets.text == "全年新改建农村户用卫生厕所3000户，8月底前完成问题厕所排查整改。"
    assert roles(toilets) == {("县农业农村局", "lead"), ("县卫健委", "responsible"),
                              ("县财政局", "responsible")}
    assert (toilets.source.line_start, toilets.source.line_end) == (7, 9)
    assert toilets.section == "一、重点工作 > （一）推进农村厕所革命"
    assert [d.date for d in toilets.deadlines] == ["2022-08-31"]
    assert roles(sewage) == {("县生态环境局", "lead"), ("各乡镇人民政府", "responsible"),
                             ("县住建局", "lead"), ("县水利局", "assist")}
    assert [d.date for d in sewage.deadlines] == ["2022-10-20"]


WEB_PAGE_TEXT = """关于印发《长沙县2022年优化营商环境工作要点》的通知
长县政办发〔2022〕15号

各镇人民政府、街道办事处，县直各单位：
现将工作要点印发给你们，请认真组织实施。
1. 推广“湘易办”应用。（责任单位：县数据资源局，各镇街）
"""


def test_a_title_and_number_without_an_issuer_line_are_a_document_header():
    (doc,) = extract_text(WEB_PAGE_TEXT, file="web.txt").documents
    assert (doc.number, doc.title, doc.issuer, doc.year) == (
        "长县政办发〔2022〕15号", "关于印发《长沙县2022年优化营商环境工作要点》的通知", None, 2022)
    assert doc.jurisdiction == "长沙县"
    (task,) = doc.tasks
    assert [(a.org.name, a.role) for a in task.assignments] == [
        ("长沙县数据资源局", "responsible"), ("长沙县各镇街", "responsible")]


PRINTED = """芜湖市人民政府办公室文件
芜政办〔2024〕6号
芜湖市人民政府办公室关于印发芜湖市2024年
重点民生实事工作方案的通知
各县市区人民政府，市政府各部门：
现将方案印发给你们，请认真贯彻落实。
一、改造城镇老旧小区80个。（市住房城乡建设局牵头，各县市区人民政府负责，2024年11月底前完成）
"""


def test_a_printed_masthead_then_number_then_title_is_a_document_header():
    (doc,) = extract_text(PRINTED, file="printed.txt").documents
    assert (doc.number, doc.issuer, doc.title) == (
        "芜政办〔2024〕6号", "芜湖市人民政府办公室",
        "关于印发芜湖市2024年重点民生实事工作方案的通知")
    (task,) = doc.tasks
    assert [(a.org.name, a.role) for a in task.assignments] == [
        ("芜湖市住房城乡建设局", "lead"), ("芜湖市各县市区人民政府", "responsible")]
    assert [d.date for d in task.deadlines] == ["2024-11-30"]


FLATTENED_PAGE = (
    "遵义市人民政府门户网站\n"
    "遵义市人民政府办公室关于印发遵义市2015年城市管理提升行动方案的通知 遵府办发〔2015〕21号 "
    "各县（市、区）人民政府，市政府各部门： "
    "《遵义市2015年城市管理提升行动方案》已经市人民政府同意，"
    "现印发给你们，请认真抓好落实。 遵义市人民政府办公室 2015年3月2日 "
    "遵义市2015年城市管理提升行动方案 为进一步提升城市管理水平，制定本方案。 一、工作任务 "
    "（一）道路保洁。由市城管局牵头，红花岗区、汇川区人民政府负责，对城区主次干道实行全天候保洁，"
    "5月底前建立保洁考核制度。 "
    "（二）交通秩序。市公安局交警支队负责整治乱停乱放，每月开展一次集中整治。 "
    "（三）资金保障。市财政局负责落实整治资金，6月底前拨付到位。\n"
)


def test_a_page_flattened_onto_one_line_is_read_part_by_part():
    (doc,) = extract_text(FLATTENED_PAGE, file="zunyi.html.txt").documents
    assert (doc.number, doc.title) == ("遵府办发〔2015〕21号",
                                       "关于印发遵义市2015年城市管理提升行动方案的通知")
    cleaning, traffic, funds = doc.tasks
    assert roles(cleaning) == {("市城管局", "lead"), ("红花岗区人民政府", "responsible"),
                               ("汇川区人民政府", "responsible")}
    assert [d.date for d in cleaning.deadlines] == ["2015-05-31"]
    assert roles(traffic) == {("市公安局交警支队", "responsible")}
    assert [d.kind for d in traffic.deadlines] == ["recurring"]
    assert roles(funds) == {("市财政局", "responsible")}
    # Every part keeps the one line it came from.
    assert {t.source.line_start for t in doc.tasks} == {2}


def test_extraction_leaves_the_collector_as_it_found_it():
    import gc

    before = gc.get_threshold()
    (doc,) = extract_text(FLATTENED_PAGE, file="zunyi.txt").documents
    assert len(doc.tasks) == 3
    assert gc.get_threshold() == before
