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
    # 会同: the partners (who assist) end where the work begins.
    assert owners(sewage) == [("市住房城乡建设局", "lead"), ("市生态环境局", "assist"),
                              ("市财政局", "assist")]
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
    # 要会同: the modal verb is not part of the lead's name; the partners assist.
    assert owners(housing) == [("省住房城乡建设厅", "lead"), ("省财政厅", "assist"),
                               ("省发展改革委", "assist")]
    assert housing.assignments[0].org.name == "山西省住房城乡建设厅"
    assert deadlines(housing) == [("2023-12-31", "2023年底前", True)]
    assert owners(roads) == [("省交通运输厅", "responsible")]
    # The partners' list ends at 等部门, not at the last 部 of the work after it.
    assert owners(meeting) == [("省发展改革委", "lead"), ("省财政厅", "assist"),
                               ("省商务厅", "assist")]


MUST = """南充市人民政府办公室
关于印发南充市2021年城乡供水保障工作方案的通知
南府办发〔2021〕22号

各县（市、区）人民政府，市级有关部门：
现将工作方案印发给你们，请认真组织实施。

（一）落实建设资金。各县（市、区）人民政府要足额落实农村供水工程配套资金，9月底前拨付到位。
（二）加强水源保护。市生态环境局应于6月底前完成县级水源地保护区划定。
（三）强化组织领导。各地、各部门要高度重视，切实加强组织领导，形成工作合力。
（四）推进管网延伸。顺庆区、高坪区人民政府按照属地原则，负责城区管网向农村延伸。
（五）完善水价机制。由市发展改革委牵头，南充水务投资集团有限公司具体实施。
"""


def test_an_org_list_that_must_do_the_work_is_responsible():
    doc = document(MUST)
    funds, source, pipes, price = doc.tasks
    assert owners(funds) == [("各县（市、区）人民政府", "responsible")]
    assert [d.date for d in funds.deadlines] == ["2021-09-30"]
    assert owners(source) == [("市生态环境局", "responsible")]
    # 要高度重视…: urged, not assigned, so (三) is no task.
    # A manner phrase with its own comma stands between the subject and 负责.
    assert owners(pipes) == [("顺庆区人民政府", "responsible"), ("高坪区人民政府", "responsible")]
    assert owners(price) == [("市发展改革委", "lead"), ("南充水务投资集团有限公司", "responsible")]


ZONE = """宜宾临港经济技术开发区管理委员会
关于印发2022年防汛工作方案的通知
临港管发〔2022〕4号

各街道办事处，园区各部门：
现将工作方案印发给你们。

（一）由开发区应急管理局牵头，会同开发区财政局、开发区规划建设局，对辖区水利设施开展汛前检查，5月10日前完成整改。
（二）开发区城市管理局牵头推进排涝泵站改造，开发区水务中心、各街道办事处配合，年底前完成。
"""


def test_a_clause_right_after_the_item_number_and_a_zone_s_own_bodies():
    doc = document(ZONE)
    check, pumps = doc.tasks
    assert owners(check) == [("开发区应急管理局", "lead"), ("开发区财政局", "assist"),
                             ("开发区规划建设局", "assist")]
    # A zone's documents write the zone before its bodies: 开发区财政局 is the zone's.
    zone = doc.jurisdiction
    assert zone.endswith("临港经济技术开发区")
    assert [a.org.name for a in check.assignments] == [
        f"{zone}应急管理局", f"{zone}财政局", f"{zone}规划建设局"]
    assert [d.date for d in check.deadlines] == ["2022-05-10"]
    # X、Y配合 followed by more of the sentence.
    assert ("开发区水务中心", "assist") in owners(pumps)
    assert ("各街道办事处", "assist") in owners(pumps)


ORDERED = """保定市人民政府办公室
关于印发保定市2018年清洁取暖工作方案的通知
保政办发〔2018〕9号

各县（市、区）人民政府，市政府有关部门：
现将方案印发给你们。列第一位的责任单位为牵头单位，其他为配合单位。

（一）推进气代煤。责任单位：市发展改革委、市住房城乡建设局。
（二）加强宣传引导。各县（市、区）人民政府、市直各有关单位要通过多种形式宣传清洁取暖政策。
"""


def test_a_declared_list_order_governs_role_fields_not_the_subject_of_a_sentence():
    doc = document(ORDERED)
    gas, publicity = doc.tasks
    assert owners(gas) == [("市发展改革委", "lead"), ("市住房城乡建设局", "assist")]
    assert owners(publicity) == [("各县（市、区）人民政府", "responsible"),
                                 ("市直各有关单位", "responsible")]


SEVERALLY = """镇平县人民政府办公室
关于印发镇平县2018年重点工作分解的通知
镇政办〔2018〕11号

各乡镇人民政府，县政府各部门：
现将分解方案印发给你们。

4.做好金融服务和风险防范，年内新增各项贷款20亿元，分别由县金融办、人行镇平县支行负责。
（一）建立统筹推进机制。县水利局牵头抓总，县环保局、县住建局各负其责，5月底前制定实施方案。
"""


def test_severally_by_x_and_y_and_a_lead_with_overall_charge():
    loans, rivers = document(SEVERALLY).tasks
    assert owners(loans) == [("县金融办", "responsible"), ("人行镇平县支行", "responsible")]
    assert owners(rivers) == [("县水利局", "lead"), ("县环保局", "responsible"),
                              ("县住建局", "responsible")]


RHYTHM = """固原市人民政府办公室
关于印发固原市2016年大气污染防治工作方案的通知
固政办发〔2016〕30号

各县（区）人民政府，市政府各部门：
现将方案印发给你们。

（八）信息公开。市环保局每月在市政府网站公布各县（区）空气质量状况。
（九）强化督查。市政府督查室定期对重点任务推进情况进行督查通报。
"""


def test_a_subject_and_the_rhythm_of_its_work_assign_it():
    publish, inspect = document(RHYTHM).tasks
    assert owners(publish) == [("市环保局", "responsible")]
    assert [d.kind for d in publish.deadlines] == ["recurring"]
    assert owners(inspect) == [("市政府督查室", "responsible")]


LONG_TITLES = """思南县人民政府办公室
关于印发思南县2022年乡村振兴重点工作方案的通知
思府办发〔2022〕19号

各乡镇（街道），县直各部门：
现将方案印发给你们。

（一）健全防止返贫动态监测和帮扶机制。县乡村振兴局要每月开展一次防返贫监测。
（二）促进消费。县商务局要会同有关部门每季度公开曝光一批侵害消费者权益典型案例。
（三）河湖管理。各乡镇河长办要落实巡河制度。（完成时限:2022年11月）
（四）补齐短板。县交通运输局、县水务局按职责分工负责，完成农村供水保障工程20处。
"""


def test_long_titles_collectives_of_offices_and_work_that_ends_like_a_name():
    watch, consumers, rivers, gaps = document(LONG_TITLES).tasks
    assert owners(watch) == [("县乡村振兴局", "responsible")]
    assert [d.kind for d in watch.deadlines] == ["recurring"]
    assert owners(consumers) == [("县商务局", "lead"), ("有关部门", "assist")]
    assert [d.kind for d in consumers.deadlines] == ["recurring"]
    assert owners(rivers) == [("各乡镇河长办", "responsible")]
    assert [d.date for d in rivers.deadlines] == ["2022-11-30"]
    assert owners(gaps) == [("县交通运输局", "responsible"), ("县水务局", "responsible")]
