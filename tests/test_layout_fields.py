"""The field-lines layout: 牵头责任单位 / 协同责任单位 / 协同单位 / 部门分工 / 完成时限,
with people (牵头领导) and progress reports (进展情况) beside them; a block before its body
and a block under a title heading."""

from __future__ import annotations

from layout_helpers import deadlines, document, owners

DOC = """南昌市人民政府办公厅
关于印发南昌市2022年优化营商环境重点任务分工方案的通知
洪府厅发〔2022〕15号 2022年4月6日

各县（区）人民政府，市政府各部门：
现将方案印发给你们，请认真贯彻执行。

南昌市2022年优化营商环境重点任务分工方案

一、重点任务
1.推行企业开办“一网通办”，开办时间压缩至1个工作日。
牵头领导：常务副市长
牵头责任单位：市市场监管局
协同责任单位：市税务局、市人社局，各县（区）政府
完成时限：2022年6月底前
2.开展工程建设项目审批制度改革。
进展情况：已完成并联审批系统上线。
牵头单位:市住房城乡建设局
协同单位:市自然资源局、市行政审批局
完成时间:2022年三季度
3.优化水电气报装服务。
部门分工：市城管执法局牵头，市水务局、国网南昌供电公司配合。
"""


def test_the_label_head_decides_the_role_and_people_are_never_owners():
    first, second, third = document(DOC).tasks
    assert first.text == "1.推行企业开办“一网通办”，开办时间压缩至1个工作日。"
    assert owners(first) == [("市市场监管局", "lead"), ("市税务局", "responsible"),
                             ("市人社局", "responsible"), ("各县（区）政府", "responsible")]
    assert first.assignments[0].org.name == "南昌市市场监管局"
    assert [a.line for a in first.assignments] == [13, 14, 14, 14]
    assert deadlines(first) == [("2022-06-30", "2022年6月底前", True)]
    assert (first.layout, first.source.line_start, first.source.line_end) == ("fields", 11, 15)
    # Half-width colons; 协同单位 assists; the progress report is not task text.
    assert second.text == "2.开展工程建设项目审批制度改革。"
    assert owners(second) == [("市住房城乡建设局", "lead"), ("市自然资源局", "assist"),
                              ("市行政审批局", "assist")]
    assert deadlines(second) == [("2022-09-30", "2022年三季度", True)]
    # 部门分工：X牵头，Y、Z配合 — the verbs decide.
    assert third.text == "3.优化水电气报装服务。"
    assert owners(third) == [("市城管执法局", "lead"), ("市水务局", "assist"),
                             ("国网南昌供电公司", "assist")]


BLOCK_FIRST = """西宁市城西区人民政府办公室
关于印发城西区2021年城市更新工作方案的通知
西区政办〔2021〕8号 2021年3月10日

一、老旧小区改造
牵头单位：区住建局
责任单位：各街道办事处
1.完成32个老旧小区改造，惠及居民1.2万户。
二、加强组织保障
责任单位：区政府办
完成时限：长期坚持
"""


def test_a_block_before_its_body_and_a_block_under_a_title():
    first, second = document(BLOCK_FIRST).tasks
    assert first.text == "1.完成32个老旧小区改造，惠及居民1.2万户。"
    assert owners(first) == [("区住建局", "lead"), ("各街道办事处", "responsible")]
    assert first.assignments[0].org.name == "城西区住房城乡建设局"
    assert (first.source.line_start, first.source.line_end) == (6, 8)
    assert second.text == "二、加强组织保障"
    assert owners(second) == [("区政府办", "responsible")]
    assert [(d.date, d.kind) for d in second.deadlines] == [(None, "open")]


def test_a_lead_marked_inside_a_responsible_field():
    doc = document("1.稳定外贸外资。\n责任单位：市商务局（牵头）、洛阳海关、市外事办\n")
    (task,) = doc.tasks
    assert owners(task) == [("市商务局", "lead"), ("洛阳海关", "responsible"),
                            ("市外事办", "responsible")]


DASHED = """儋州市人民政府办公室
关于印发儋州市2024年城市更新工作方案的通知
儋府办〔2024〕15号

各镇人民政府，市政府各部门：
现将方案印发给你们。

1.实施老旧小区改造20个。
责任单位——市住房和城乡建设局(牵头)、市财政局
完成时限——2024年11月底前
"""


def test_a_field_label_may_end_with_a_dash():
    (task,) = document(DASHED).tasks
    assert owners(task) == [("市住房和城乡建设局", "lead"), ("市财政局", "responsible")]
    assert [d.date for d in task.deadlines] == ["2024-11-30"]


LEDGER = """固原市人民政府办公室
关于印发2023年重点项目督办事项清单的通知
固政办发〔2023〕12号

各县（区）人民政府，市政府各部门：
现将督办事项清单印发给你们。

督办事项1
牵头领导：王立新  副市长
牵头单位：市发展改革委
配合单位：市财政局、市自然资源局
责任人：马文、李娜
督办内容：加快银川至固原高速公路建设，年内完成路基工程的70%
完成时限：2023年12月底前

督办事项2
牵头单位：市交通运输局
配合单位：原州区人民政府
督办内容：推进六盘山机场改扩建，9月底前完成航站楼主体工程
完成时限：2023年9月30日前
"""


def test_a_ledger_of_numbered_records_each_with_its_fields_and_text():
    road, airport = document(LEDGER).tasks
    assert "加快银川至固原高速公路建设" in road.text
    assert owners(road) == [("市发展改革委", "lead"), ("市财政局", "assist"),
                            ("市自然资源局", "assist")]
    assert [d.date for d in road.deadlines] == ["2023-12-31"]
    assert owners(airport) == [("市交通运输局", "lead"), ("原州区人民政府", "assist")]
    assert "2023-09-30" in [d.date for d in airport.deadlines]


NOISY = """阜阳市人民政府办公室
关于2018年重点项目推进情况的通报
阜政办秘〔2019〕3号

各县、市、区人民政府，市政府各部门：
现将推进情况通报如下。

1.阜阳西站综合客运枢纽建设（牵头单位：市交通运输局；配合单位：颍州区政府）
— 2 —
完成时限：2019年4月底前
2.城南新区综合管廊建设（牵头单位：市住房城乡建设局）
整改时限：2019年6月底前
联系人：市政府督查室 王某，电话：0558-1234567
抄送：市委办公室，市人大常委会办公室。
阜阳市人民政府办公室                2019年1月20日印发
"""


def test_bracket_owners_above_field_lines_and_the_page_furniture_around_them():
    doc = document(NOISY)
    station, tunnel = doc.tasks
    assert owners(station) == [("市交通运输局", "lead"), ("颍州区政府", "assist")]
    assert [d.date for d in station.deadlines] == ["2019-04-30"]
    assert owners(tunnel) == [("市住房城乡建设局", "lead")]
    # The contact line, the 抄送 footer and the printing date are no task's text or date.
    assert [d.date for d in tunnel.deadlines] == ["2019-06-30"]
    assert "抄送" not in tunnel.text and "0558" not in tunnel.text
