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


BY_OWNER = """韶关市人民政府办公室
关于印发韶关市2022年政务服务改革任务分工的通知
韶府办〔2022〕8号

各县（市、区）人民政府，市政府各部门：
现将任务分工印发给你们，请抓好落实。

一、市政务服务数据管理局
1.推进政务服务事项标准化，6月底前完成事项清单编制。
2.会同市财政局、市司法局建立电子证照共享机制。
二、市住房和城乡建设局
3.牵头推进工程建设项目审批改革，市自然资源局、市水务局按职责分工配合。
4.推行施工图数字化审查。（市建设工程质量中心负责）
三、各县（市、区）人民政府
5.建设县级政务服务中心综合窗口，年内实现一窗通办。
"""


def test_an_organisation_as_title_is_the_subject_of_the_items_below_it():
    doc = document(BY_OWNER)
    standards, licences, approval, drawings, windows = doc.tasks
    assert owners(standards) == [("市政务服务数据管理局", "responsible")]
    (owner,) = standards.assignments
    assert (owner.line, owner.evidence) == (8, "一、市政务服务数据管理局")
    # 会同 with the title's org as its subject: it leads, the partners assist.
    assert sorted(owners(licences)) == [("市司法局", "assist"), ("市政务服务数据管理局", "lead"),
                                        ("市财政局", "assist")]
    # 牵头 with the title's org as subject; the assistants are named in the item.
    assert sorted(owners(approval)) == [("市住房和城乡建设局", "lead"), ("市水务局", "assist"),
                                        ("市自然资源局", "assist")]
    # An item that names its own responsible unit keeps it alone.
    assert owners(drawings) == [("市建设工程质量中心", "responsible")]
    assert owners(windows) == [("各县（市、区）人民政府", "responsible")]
    assert [d.date for d in windows.deadlines] == ["2022-12-31"]


BARE_TITLES = """湘潭市2024年市政府重点工作督办事项清单（按责任单位分列）
发布时间：2024-03-08  信息来源：市政府督查室
根据市政府常务会议安排，现将督办事项按责任单位分列如下。
市发展改革委
1.争取中央预算内投资项目60个以上，一季度完成首批项目申报。
2.会同市财政局、市自然资源和规划局做好专项债券项目储备。
市商务局
3.新增有进出口实绩企业50家。
"""


def test_an_organisation_alone_on_its_line_owns_the_numbered_items_under_it():
    # The first lines name 自然资源和规划局: a 规划 there does not make the list a plan.
    projects, bonds, trade = document(BARE_TITLES).tasks
    assert owners(projects) == [("市发展改革委", "responsible")]
    assert sorted(owners(bonds)) == [("市发展改革委", "lead"), ("市自然资源和规划局", "assist"),
                                     ("市财政局", "assist")]
    assert owners(trade) == [("市商务局", "responsible")]
