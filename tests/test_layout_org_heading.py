"""An organisation as a heading, its duties below (一个区的部门职责)."""

from __future__ import annotations

from layout_helpers import deadlines, document, owners, spans

DOC = """温州市鹿城区人民政府
关于印发鹿城区创建全国文明城区工作方案的通知
温鹿政发〔2019〕21号 2019年6月3日

各街道办事处，区政府各部门：
现将方案印发给你们，请认真贯彻执行。

三、部门职责
（一）区委宣传部（区文明办）
负责创建工作的综合协调，制定年度工作计划，2019年7月底前完成。
（二）区城管局、区市场监管局
负责市容环境和农贸市场的整治提升。
（三）加强督查考核
建立月度通报制度，对工作不力的单位进行约谈。
四、工作要求
各部门要高度重视，加强领导。
"""


def test_the_heading_names_the_owner_of_the_paragraph_below():
    doc = document(DOC)
    assert spans(doc)[:2] == [("org_heading", 9, 10), ("org_heading", 11, 12)]
    first, second = doc.tasks[:2]
    assert first.text == "负责创建工作的综合协调，制定年度工作计划，2019年7月底前完成。"
    assert owners(first) == [("区委宣传部（区文明办）", "responsible")]
    assert first.assignments[0].org.jurisdiction == "鹿城区"
    assert deadlines(first) == [("2019-07-31", "2019年7月底前", True)]
    assert owners(second) == [("区城管局", "responsible"), ("区市场监管局", "responsible")]


def test_a_heading_that_is_not_an_org_gives_an_item_without_owners():
    doc = document(DOC)
    item = doc.tasks[2]
    assert item.layout == "item"
    assert item.text == "（三）加强督查考核\n建立月度通报制度，对工作不力的单位进行约谈。"
    assert item.assignments == []
    # "四、工作要求" guides rather than assigns: no task.
    assert len(doc.tasks) == 3
