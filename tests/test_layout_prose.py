"""Owners in running text: 由X牵头，会同Y…; X、Y按职责分工负责; 由…副市长负责，X牵头，
相关部门配合; a 由-clause after a comma."""

from __future__ import annotations

from layout_helpers import deadlines, document, owners, spans

DOC = """柳州市人民政府办公室
关于印发柳州市2020年重大项目推进工作方案的通知
柳政办〔2020〕33号 2020年5月8日

各县、区人民政府，市直各委、办、局：
现将方案印发给你们，请认真组织实施。

一、推进机制
1、柳州港扩能改造项目
由王刚副市长负责，市交通运输局牵头，相关部门配合，年内完成前期工作。
2、城市污水处理提质增效
由市住房城乡建设局牵头，会同市生态环境局、市财政局制定实施方案，2020年9月底前报市政府。
3、电子商务进农村
市商务局、市农业农村局按职责分工负责，确保全年新建村级服务站200个。
4、重点园区标准厂房建设
加快标准厂房建设，由柳东新区管委会、阳和工业新区管委会分别负责，6月底前开工。
"""


def test_clauses_name_leads_partners_and_assistants():
    doc = document(DOC)
    assert spans(doc) == [("prose", 10, 10), ("prose", 12, 12), ("prose", 14, 14),
                          ("prose", 16, 16)]
    port, sewage, commerce, parks = doc.tasks
    # The vice mayor is a post: never an owner.
    assert port.text == "由王刚副市长负责，市交通运输局牵头，相关部门配合，年内完成前期工作。"
    assert owners(port) == [("市交通运输局", "lead"), ("相关部门", "assist")]
    assert port.section == "一、推进机制 > 1、柳州港扩能改造项目"
    assert deadlines(port) == [("2020-12-31", "年内", True)]
    # 会同: the partners' list ends where the work begins.
    assert owners(sewage) == [("市住房城乡建设局", "lead"), ("市生态环境局", "responsible"),
                              ("市财政局", "responsible")]
    assert sewage.assignments[2].org.name == "柳州市财政局"
    assert deadlines(sewage) == [("2020-09-30", "2020年9月底前", True)]
    assert owners(commerce) == [("市商务局", "responsible"), ("市农业农村局", "responsible")]
    assert parks.text == ("加快标准厂房建设，由柳东新区管委会、阳和工业新区管委会分别负责，"
                          "6月底前开工。")
    assert owners(parks) == [("柳东新区管委会", "responsible"),
                             ("阳和工业新区管委会", "responsible")]


def test_a_sentence_about_a_leader_group_s_members_is_not_a_clause():
    doc = document("各成员单位主要负责同志要高度重视，亲自部署。\n")
    assert doc.tasks == []


def test_a_clause_closes_the_item_sentence_before_it():
    doc = document("一、重点任务\n2.落实留抵退税政策。市税务局负责，市财政局配合。\n")
    (task,) = doc.tasks
    assert task.text == "2.落实留抵退税政策。市税务局负责，市财政局配合。"
    assert owners(task) == [("市税务局", "responsible"), ("市财政局", "assist")]


PROVINCE = """山西省人民政府办公厅关于印发2023年重点任务分工方案的通知
晋政办发〔2023〕12号

各市、县（区）人民政府，省人民政府各委、厅，各直属机构：
现将方案印发给你们，请认真贯彻落实。
一、扩大有效投资
1.省住房城乡建设厅要会同省财政厅、省发展改革委推进城镇老旧小区改造，2023年底前开工改造2000个小区。
2.推进农村公路建设。省交通运输厅负责，2023年12月底前完成。
3.省发展改革委要会同省财政厅、省商务厅等部门切实做好联席会议各项工作。
"""


def test_a_lead_that_is_to_work_with_partners():
    housing, roads, meeting = document(PROVINCE).tasks
    # 要会同: the modal verb is not part of the lead's name; the partners are responsible.
    assert owners(housing) == [("省住房城乡建设厅", "lead"), ("省财政厅", "responsible"),
                               ("省发展改革委", "responsible")]
    assert housing.assignments[0].org.name == "山西省住房城乡建设厅"
    assert deadlines(housing) == [("2023-12-31", "2023年底前", True)]
    assert owners(roads) == [("省交通运输厅", "responsible")]
    # The partners' list ends at 等部门, not at the last 部 of the work after it.
    assert owners(meeting) == [("省发展改革委", "lead"), ("省财政厅", "responsible"),
                               ("省商务厅", "responsible")]
