"""Owners written on a section heading govern the numbered items under it."""

from __future__ import annotations

from layout_helpers import document, owners

DOC = """绵阳市人民政府办公室
关于印发绵阳市2023年数字经济发展工作要点的通知
绵府办发〔2023〕11号

各县（市、区）人民政府，科技城新区管委会，市级各部门：
现将工作要点印发给你们，请认真贯彻落实。

一、夯实数字基础设施（牵头单位：市经济和信息化局）
1.新建5G基站3000个，实现乡镇以上全覆盖。（责任单位：市通信发展办，各县市区政府）
2.推进千兆光网建设。
二、培育数字产业
3.引进数字经济项目30个以上。（市投促局负责）
"""


def test_items_take_the_heading_s_owners_for_the_roles_they_do_not_name():
    doc = document(DOC)
    heading, stations, fibre, projects = doc.tasks
    assert owners(heading) == [("市经济和信息化局", "lead")]
    # The item keeps its responsible units and is led by the heading's lead ...
    assert owners(stations) == [("市通信发展办", "responsible"), ("各县市区政府", "responsible"),
                                ("市经济和信息化局", "lead")]
    # ... an item that names no owner gets the heading's, with the heading as evidence ...
    assert owners(fibre) == [("市经济和信息化局", "lead")]
    (lead,) = fibre.assignments
    assert (lead.line, lead.evidence) == (8, "（牵头单位：市经济和信息化局）")
    assert doc.unread == []
    # ... and the next heading of the same rank ends the section.
    assert owners(projects) == [("市投促局", "responsible")]
