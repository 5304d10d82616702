"""Inline owner brackets of every kind, mixing posts, labelled parts and bare lists."""

from __future__ import annotations

from layout_helpers import deadlines, document, owners, spans

DOC = """甘肃省人民政府
关于落实2021年《政府工作报告》重点工作责任分工的意见
甘政发〔2021〕12号 2021年2月20日

各市、自治州人民政府，省政府各部门：
现就重点工作提出如下分工意见。

一、主要预期目标
（一）地区生产总值增长6.5%左右。(省发展改革委负责)(二)城镇新增就业31万人以上。【省人社厅主办，省财政厅、省教育厅协办】
（三）居民人均可支配收入、规上工业增加值、粮食产量分别增长7%、6%、1%。〔省统计局、省工信厅、省农业农村厅分别负责〕
二、重点任务
1.加快数字经济发展，建设一批数据中心。（分管副省长负责，省工信厅牵头，省发展改革委、省财政厅配合）
2.深化国资国企改革。[责任领导：常务副省长；牵头单位：省国资委；责任单位：各市州政府]
3.推进黄河流域生态保护。
（省生态环境厅、省水利厅，省林草局）
4.开展“放管服”改革。（省政务服务中心牵头，省直有关部门按职责分工负责，2021年10月底前完成）
"""


def test_every_bracket_kind_closes_its_sentence_group():
    doc = document(DOC)
    assert spans(doc)[:3] == [("brackets", 9, 9), ("brackets", 9, 9), ("brackets", 10, 10)]
    first, second, third = doc.tasks[:3]
    assert first.text == "（一）地区生产总值增长6.5%左右。（省发展改革委负责）"
    assert owners(first) == [("省发展改革委", "responsible")]
    assert first.assignments[0].org.name == "甘肃省发展改革委"
    assert owners(second) == [("省人社厅", "lead"), ("省财政厅", "assist"), ("省教育厅", "assist")]
    # 分别负责: one target each, all responsible.
    assert owners(third) == [("省统计局", "responsible"), ("省工信厅", "responsible"),
                             ("省农业农村厅", "responsible")]


def test_posts_people_and_labelled_parts_inside_brackets():
    doc = document(DOC)
    digital, soe = doc.tasks[3], doc.tasks[4]
    assert digital.text.startswith("1.加快数字经济发展")
    assert owners(digital) == [("省工信厅", "lead"), ("省发展改革委", "assist"),
                               ("省财政厅", "assist")]
    assert owners(soe) == [("省国资委", "lead"), ("各市州政府", "responsible")]


def test_a_bare_org_list_in_brackets_on_its_own_line():
    river = document(DOC).tasks[5]
    assert river.text == "3.推进黄河流域生态保护。\n（省生态环境厅、省水利厅，省林草局）"
    assert owners(river) == [("省生态环境厅", "responsible"), ("省水利厅", "responsible"),
                             ("省林草局", "responsible")]
    assert (river.source.line_start, river.source.line_end) == (14, 15)
    assert [a.line for a in river.assignments] == [15, 15, 15]


def test_a_deadline_inside_the_bracket():
    reform = document(DOC).tasks[6]
    assert owners(reform) == [("省政务服务中心", "lead"), ("省直有关部门", "responsible")]
    assert deadlines(reform) == [("2021-10-31", "2021年10月底前", True)]


def test_a_bracket_inside_a_sentence_listing_places_is_not_an_owner():
    doc = document("1.建设3个示范园区（城东园区、城西园区、高新园区），年底前完成。\n")
    assert all(not t.assignments for t in doc.tasks)


def test_labelled_parts_separated_by_commas():
    doc = document("1.加大项目建设力度。（牵头单位：市发展改革委，配合单位：市财政局、"
                   "市自然资源和规划局）\n")
    (task,) = doc.tasks
    assert owners(task) == [("市发展改革委", "lead"), ("市财政局", "assist"),
                            ("市自然资源和规划局", "assist")]


OPENING = """博尔塔拉蒙古自治州人民政府办公厅
关于印发2022年乡村振兴重点任务清单的通知
博州政办发〔2022〕7号

各县（市）人民政府，州直各部门：
现将任务清单印发给你们。

1.（牵头单位：州乡村振兴局；配合单位：州民政局、州财政局）健全防止返贫监测机制，6月底前完成集中排查。
2.〔责任单位：州水利局〕巩固农村供水保障水平，年内完成8个供水工程改造。
"""


def test_a_bracket_that_opens_its_item_owns_the_text_after_it():
    doc = document(OPENING)
    watch, water = doc.tasks
    assert watch.text.endswith("健全防止返贫监测机制，6月底前完成集中排查。")
    assert owners(watch) == [("州乡村振兴局", "lead"), ("州民政局", "assist"),
                             ("州财政局", "assist")]
    assert [d.date for d in watch.deadlines] == ["2022-06-30"]
    assert owners(water) == [("州水利局", "responsible")]
    assert [d.date for d in water.deadlines] == ["2022-12-31"]
