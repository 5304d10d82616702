"""Field labels inside the item's paragraph, after its sentence (an autonomous
prefecture's task list: 州 is its relative prefix)."""

from __future__ import annotations

from layout_helpers import deadlines, document, owners, spans

DOC = """大理白族自治州人民政府办公室
关于印发大理州2024年重点工作任务清单的通知
大政办发〔2024〕7号 2024年2月2日

各县市人民政府，州级各部门：
现将任务清单印发给你们，请抓好落实。
一、项目建设
1.加快大临铁路配套工程建设。牵头单位：州发改委；配合单位：州交通运输局、大理市政府；完成时限：2024年10月底。
2.推进机场改扩建。（州发改委牵头，大理机场集团配合）
二、民生保障
3.新增城镇就业2.5万人。责任领导：分管副州长；责任单位：州人社局。
"""


def test_labels_after_the_sentence_are_fields():
    doc = document(DOC)
    assert spans(doc) == [("inline_fields", 8, 8), ("brackets", 9, 9), ("inline_fields", 11, 11)]
    rail, airport, jobs = doc.tasks
    assert rail.text == "1.加快大临铁路配套工程建设。"
    assert owners(rail) == [("州发改委", "lead"), ("州交通运输局", "assist"),
                            ("大理市政府", "assist")]
    assert deadlines(rail) == [("2024-10-31", "2024年10月底", True)]
    assert owners(airport) == [("州发改委", "lead"), ("大理机场集团", "assist")]
    # The post beside the unit is never an owner.
    assert owners(jobs) == [("州人社局", "responsible")]


def test_the_prefecture_s_own_prefix_is_qualified_by_the_prefecture():
    rail = document(DOC).tasks[0]
    assert [a.org.name for a in rail.assignments[:2]] == ["大理白族自治州发展改革委",
                                                          "大理白族自治州交通运输局"]


COUNTY = """南谯区2024年重点工作任务清单
一、产业发展
1．全年招引亿元以上项目50个。责任单位：区投资促进中心（牵头）、区经信局、各乡镇（街道）。完成时限：2024年12月底。
2．加快园区建设。牵头单位：区经开区管委会 配合单位：区住建局、区水务局 完成时限：2024年上半年
"""


def test_fields_after_a_full_stop_or_a_space_are_fields_of_their_own():
    projects, park = document(COUNTY).tasks
    # 。 ends the owner list: 完成时限 is a field, not a part of the last owner's name.
    assert owners(projects) == [("区投资促进中心", "lead"), ("区经信局", "responsible"),
                                ("各乡镇（街道）", "responsible")]
    assert deadlines(projects) == [("2024-12-31", "2024年12月底", True)]
    # Spaces between the fields (lost when the line is normalised) still separate them.
    assert owners(park) == [("区经开区管委会", "lead"), ("区住建局", "assist"),
                            ("区水务局", "assist")]
    assert deadlines(park) == [("2024-06-30", "2024年上半年", True)]
