"""Conventions declared in a notice or inside a role field, applied to what follows."""

from __future__ import annotations

from layout_helpers import document, owners

from extract.conventions import find_declarations, strip_declarations

DOC = """宜昌市人民政府办公室
关于印发2021年市政府重点工作任务分解的通知
宜府办发〔2021〕6号 2021年3月1日

各县市区人民政府，市政府各部门：
现将任务分解印发给你们。在任务分解中，排名第一的责任单位为牵头单位，其他列入单位为参与单位。无牵头单位的，责任单位即为牵头单位，下同。

一、重点任务
1.推动宜昌港口岸扩大开放。（市商务局、宜昌海关、市交通运输局）
2.建设长江大保护示范区。（市生态环境局负责）
3.提升城市公共服务水平。
责任单位：市城管执法委、市住建局、各县市区政府
以下任务均由各县市区政府落实，下同。
4.开展农村人居环境整治。（市农业农村局牵头）
"""


def test_declared_conventions_govern_the_lists_after_them():
    doc = document(DOC)
    assert doc.conventions == ["first_listed_leads_others_assist", "lead_if_no_lead",
                               "default_party:各县市区政府"]
    port, river, city, village = doc.tasks
    # 排名第一的…为牵头单位，其他…为参与单位: a bare list, first leads, the others assist.
    assert owners(port) == [("市商务局", "lead"), ("宜昌海关", "assist"),
                            ("市交通运输局", "assist")]
    # 无牵头单位的，责任单位即为牵头单位.
    assert owners(river) == [("市生态环境局", "lead")]
    assert owners(city) == [("市城管执法委", "lead"), ("市住建局", "assist"),
                            ("各县市区政府", "assist")]
    # 以下任务均由各县市区政府落实，下同: every task after it, not the ones before.
    assert owners(village) == [("市农业农村局", "lead"), ("各县市区政府", "responsible")]
    assert village.assignments[1].line == 13
    # The declaration itself is no task.
    assert all("以下任务" not in t.text for t in doc.tasks)


def test_a_declaration_inside_a_role_field_is_never_an_owner():
    text = """湖州市人民政府办公室
关于印发重点工作责任分解的通知
湖政办发〔2024〕3号 2024年2月8日

1.加快建设现代化港口。
责任单位：市交通运输局、市发改委、市财政局（列第一位的为牵头单位，下同）
2.建设综合交通枢纽。
责任单位：市发改委、市交通运输局
"""
    first, second = document(text).tasks
    assert owners(first) == [("市交通运输局", "lead"), ("市发改委", "responsible"),
                             ("市财政局", "responsible")]
    assert owners(second) == [("市发改委", "lead"), ("市交通运输局", "responsible")]


def test_find_and_strip_declarations():
    (c,) = find_declarations("在责任单位中，列第一位的为牵头单位，其他为责任单位。", 7)
    assert (c.name, c.line) == ("first_listed_leads", 7)
    (c,) = find_declarations("责任单位为主要负责单位，其他为配合单位。")
    assert c.name == "responsible_is_main"
    stripped = strip_declarations("市财政局、市税务局（排在第一位的为牵头单位，下同）")
    assert stripped == "市财政局、市税务局"
    assert strip_declarations("市财政局（市国资委）") == "市财政局（市国资委）"


ONE_LIST = """太原市人民政府办公室
关于印发2023年重点任务分工方案的通知
并政办发〔2023〕5号

各县（市、区）人民政府，市直各单位：
现将方案印发给你们。
1.深化国资国企改革。责任单位：市国资委、市财政局，其中第一个单位为牵头单位。
2.城镇新增就业6万人。
责任单位：市人社局、市财政局
"""


def test_a_convention_said_of_one_list_governs_that_list_only():
    reform, jobs = document(ONE_LIST).tasks
    # 其中… without 下同 speaks of its own list: it is stripped and applied there ...
    assert owners(reform) == [("市国资委", "lead"), ("市财政局", "responsible")]
    # ... and not to the next task's list.
    assert owners(jobs) == [("市人社局", "responsible"), ("市财政局", "responsible")]
    stripped = strip_declarations("市国资委、市财政局，其中第一个单位为牵头单位。")
    assert stripped == "市国资委、市财政局，"
    (local,) = find_declarations("市国资委、市财政局，其中第一个单位为牵头单位", 7)
    assert (local.name, local.line, local.local) == ("first_listed_leads", 7, True)
    (shared,) = find_declarations("（其中列第一位的为牵头单位，下同）", 7)
    assert not shared.local


STREET = """龙华区观澜街道办事处
关于印发观澜街道2024年重点工作任务的通知
观办〔2024〕3号

各社区工作站，街道各部门：
方案中列第一位的为责任单位（即主要负责单位），其他为配合单位。未列明牵头单位的，责任单位即为牵头单位。

1.完成辖区固定资产投资40亿元。[街道经济服务办、街道财政办]
2.推进城中村综合治理。[街道城市建设办、街道执法队、各社区工作站]
"""


def test_first_listed_responsible_others_assist_is_not_first_listed_leads():
    doc = document(STREET)
    assert doc.conventions == ["first_listed_responsible_others_assist", "lead_if_no_lead"]
    invest, villages = doc.tasks
    # The first is the responsible unit, the others assist; 未列明牵头单位的 makes the
    # responsible unit the lead, as the notice says.
    assert owners(invest) == [("街道经济服务办", "lead"), ("街道财政办", "assist")]
    assert owners(villages) == [("街道城市建设办", "lead"), ("街道执法队", "assist"),
                                ("各社区工作站", "assist")]


def test_reworded_lead_if_no_lead():
    for said in ("方案中未列明牵头单位的，责任单位即为牵头单位。",
                 "未明确牵头单位的，责任单位为牵头单位。",
                 "不设牵头单位的，责任单位即为牵头单位。"):
        assert [c.name for c in find_declarations(said)] == ["lead_if_no_lead"], said


def test_a_bracket_declaring_a_convention_may_list_the_owners_after_its_colon():
    assert strip_declarations("（排名第一的为牵头单位，下同：市发展改革委、市财政局）") == (
        "（市发展改革委、市财政局）")
    assert strip_declarations("排名第一的为牵头单位，下同：市发展改革委、各区县人民政府") == (
        "市发展改革委、各区县人民政府")
    assert strip_declarations("市发展改革委、各区县人民政府（列第一位的为牵头单位，下同）") == (
        "市发展改革委、各区县人民政府")
