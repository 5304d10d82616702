"""The table layout on composed tables (a prefecture's pipe table, a district's stacked
cells, table rows as Word or HTML readers give them)."""

from __future__ import annotations

from layout_helpers import deadlines, document, owners

from extract.blocks import Cell, SourceText, TableRow
from extract.pipeline import extract_source

PIPE_TABLE = """六盘水市人民政府办公室
关于印发2023年政府工作报告重点工作责任分解的通知
六盘水府办发〔2023〕4号 2023年3月2日

各县（市、区、特区）人民政府，市政府各部门：
现将《2023年政府工作报告重点工作责任分解》印发给你们，请认真贯彻执行。
序号 | 目标任务 | 责任领导 | 牵头单位 | 配合单位 | 完成时限 |
一、主要预期目标 | ||||
(1) | 地区生产总值增长6%左右。 | 张 伟 | 市发展改革委 | 市统计局 | 2023年12月 |
(2) | 规模以上工业增加值增长8%。 | | ★市工业和信息化局、市能源局 | 各县（市、区、特区）政府 | 全年 |
1 | 扩大有效投资。 | ||||
(3) | 新开工重点项目120个以上。 | 李 强 | 市发展改革委 | 市自然资源局 | 二季度 |
| 市住房城乡建设局 | 2023年9月 ||
"""


def test_pipe_table_rows_are_tasks_with_column_roles():
    doc = document(PIPE_TABLE)
    assert [t.text for t in doc.tasks] == [
        "地区生产总值增长6%左右。", "规模以上工业增加值增长8%。", "新开工重点项目120个以上。"]
    first, second, third = doc.tasks
    assert owners(first) == [("市发展改革委", "lead"), ("市统计局", "assist")]
    # People in 责任领导 are never owners.
    assert all("张" not in a.mention for t in doc.tasks for a in t.assignments)
    assert first.assignments[0].org.name == "六盘水市发展改革委"
    assert deadlines(first) == [("2023-12-31", "2023年12月", True)]
    assert owners(second) == [("市工业和信息化局", "lead"), ("市能源局", "lead"),
                              ("各县（市、区、特区）政府", "assist")]
    assert deadlines(second) == [("2023-12-31", "全年", True)]
    # A leftover row (no task text of its own) adds its owner and deadline to the row above.
    assert owners(third) == [("市发展改革委", "lead"), ("市自然资源局", "assist"),
                             ("市住房城乡建设局", "assist")]
    assert [d.date for d in third.deadlines] == ["2023-06-30", "2023-09-30"]


def test_table_provenance_points_at_rows_and_cells():
    first, _, third = document(PIPE_TABLE).tasks
    assert (first.source.line_start, first.source.line_end) == (9, 9)
    assert (first.source.table, first.source.row, first.source.column) == (1, 2, 2)
    lead = first.assignments[0]
    assert (lead.line, lead.table, lead.row, lead.column) == (9, 1, 2, 4)
    assert (third.source.line_start, third.source.line_end) == (12, 13)
    assert [(a.line, a.row) for a in third.assignments] == [(12, 5), (12, 5), (13, 6)]


def test_section_rows_are_not_tasks():
    first, second, third = document(PIPE_TABLE).tasks
    assert first.section == second.section == "一、主要预期目标"
    # "1 | 扩大有效投资。" is numbered in another style than the owned "(n)" rows.
    assert third.section == "一、主要预期目标 > 扩大有效投资。"


STACKED = """临夏县人民政府
关于印发2022年重点工作任务分解方案的通知
临县政发〔2022〕9号 2022年2月14日

各乡镇人民政府，县直各部门：
现将方案印发给你们。
附件
2022年重点工作任务分解表
序号
重点工作
牵头单位
责任单位
1
新建高标准农田3万亩。
县农业农村局
各乡镇人民政府
2
城镇新增就业1500人以上。
县人社局
县财政局
县工信局
"""


def test_stacked_cells_give_one_task_per_row_with_every_owner_line():
    doc = document(STACKED)
    assert [t.text for t in doc.tasks] == ["新建高标准农田3万亩。", "城镇新增就业1500人以上。"]
    first, second = doc.tasks
    assert owners(first) == [("县农业农村局", "lead"), ("各乡镇人民政府", "responsible")]
    assert first.assignments[0].org.name == "临夏县农业农村局"
    # The last row's cells run to the end: two owner lines in one cell are one task's.
    assert owners(second) == [("县人社局", "lead"), ("县财政局", "responsible"),
                              ("县工信局", "responsible")]
    assert (second.source.line_start, second.source.line_end) == (17, 21)


def _row(table: int, row: int, line: int, *cells: tuple[int, str, bool]) -> TableRow:
    return TableRow(tuple(Cell(text, col, line, line, merged) for col, text, merged in cells),
                    table, row, line, line)


def test_rows_from_a_word_table_with_a_merged_task_cell():
    """What the Word reader gives for a task cell merged over two rows."""
    blocks = [
        _row(1, 1, 1, (1, "序号", False), (2, "工作任务", False), (3, "责任单位", False),
             (4, "完成时间", False)),
        _row(1, 2, 2, (1, "1", False), (2, "建成智慧停车平台", False), (3, "区城管局", False),
             (4, "2024年6月", False)),
        _row(1, 3, 3, (1, "1", True), (2, "建成智慧停车平台", True), (3, "区公安分局", False),
             (4, "2024年9月", False)),
        _row(1, 4, 4, (1, "2", False), (2, "新增充电桩500个", False), (3, "区发改局", False)),
    ]
    source = SourceText("t.docx", ["row"] * 4, list(blocks), format="docx")
    (doc,) = extract_source(source).documents
    assert [t.text for t in doc.tasks] == ["建成智慧停车平台", "新增充电桩500个"]
    first, second = doc.tasks
    assert owners(first) == [("区城管局", "responsible"), ("区公安分局", "responsible")]
    assert [d.date for d in first.deadlines] == ["2024-06-30", "2024-09-30"]
    assert (first.source.row, first.source.line_end) == (2, 3)
    assert owners(second) == [("区发改局", "responsible")]


def test_a_table_without_an_owner_column_assigns_nothing():
    text = "指标名称\t单位\t2025年\n地区生产总值\t亿元\t3000\n"
    assert document(text).tasks == []


INDICATORS = """某区经济社会发展目标任务分解表
项目
分值
目标任务
监考单位
地区生产总值增长率
3
年终综合考核
区统计局
"""


def test_a_table_with_only_assessing_units_gives_tasks_without_owners():
    doc = document(INDICATORS)
    (task,) = doc.tasks
    assert task.text == "地区生产总值增长率：年终综合考核"
    assert task.assignments == []  # 监考单位 assesses; it does not do the work
    assert [(u.code, u.line_start) for u in doc.unread] == [("W113", 6)]


TWO_TEXT_COLUMNS = """序号 | 主要任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限 |
1 | 扩大有效投资 | 新开工项目200个 | 市发展改革委 | 各县区政府 | 2022年12月底 |
2 | 扩大有效投资 | 争取专项债券资金100亿元 | 市财政局 | 市发展改革委 | 三季度 |
"""


def test_two_task_columns_the_first_groups_the_rows():
    first, second = document(TWO_TEXT_COLUMNS).tasks
    assert first.text == "扩大有效投资：新开工项目200个"
    assert first.section == second.section == "扩大有效投资"
    assert owners(second) == [("市财政局", "lead"), ("市发展改革委", "assist")]
    assert [d.date for d in second.deadlines] == ["2022-09-30"]


STACKED_LEADERS = """附件
成都市武侯区2022年民生实事项目任务分解表
序号
项目名称
责任领导
牵头单位
责任单位
完成时限
1
新建普惠性幼儿园3所
王  军
区教育局
区财政局
区住建和交通局
2022年8月
2
改造城镇老旧小区30个
李  华
区住建和交通局
各街道办事处
2022年12月
"""


def test_stacked_rows_with_an_owner_cell_of_several_lines_stay_one_row():
    doc = document(STACKED_LEADERS)
    assert [t.text for t in doc.tasks] == ["新建普惠性幼儿园3所", "改造城镇老旧小区30个"]
    kindergartens, housing = doc.tasks
    # One lead, then the responsible units' lines; the deadline after them is the row's.
    assert owners(kindergartens) == [("区教育局", "lead"), ("区财政局", "responsible"),
                                     ("区住建和交通局", "responsible")]
    assert deadlines(kindergartens) == [("2022-08-31", "2022年8月", True)]
    assert owners(housing) == [("区住建和交通局", "lead"), ("各街道办事处", "responsible")]
    assert housing.assignments[1].org.name == "武侯区各街道办事处"


STREET_OFFICE = """遂昌县妙高街道办事处
关于印发2023年为民办实事项目清单的通知
妙高街发〔2023〕3号 2023年2月10日

各社区居委会，机关各科室：
现将清单印发给你们，请各科室抓好落实。
序号 | 项目名称 | 建设内容 | 牵头科室 | 配合科室 | 完成时限 |
1 | 背街小巷改造 | 完成8条背街小巷立面改造。 | 城建办 | 综合执法队、各社区 | 2023年10月底前 |
2 | 居家养老 | 新建居家养老服务照料中心2个。 | 社会事务办 | 各社区 | 2023年12月 |
"""


def test_content_columns_and_desk_columns_of_a_street_office():
    # 建设内容 is read by its 内容 suffix; 牵头科室 leads and 配合科室 assists.
    doc = document(STREET_OFFICE)
    assert [t.text for t in doc.tasks] == ["背街小巷改造：完成8条背街小巷立面改造。",
                                          "居家养老：新建居家养老服务照料中心2个。"]
    lanes, care = doc.tasks
    assert owners(lanes) == [("城建办", "lead"), ("综合执法队", "assist"), ("各社区", "assist")]
    assert deadlines(lanes) == [("2023-10-31", "2023年10月底前", True)]
    assert owners(care) == [("社会事务办", "lead"), ("各社区", "assist")]
    assert deadlines(care) == [("2023-12-31", "2023年12月", True)]


DESK_FIELDS = """南平市人民政府办公室
关于印发2021年为民办实事项目的通知
南政办〔2021〕2号 2021年1月20日

各县（市、区）人民政府，市直各单位：
一、新改建农村公路200公里。
责任处室：市交通运输局公路科
市政府办公厅责任处室：秘书三处
"""


def test_a_desk_field_owns_but_the_general_offices_tracking_desk_does_not():
    (task,) = document(DESK_FIELDS).tasks
    assert owners(task) == [("市交通运输局公路科", "responsible")]


PROJECTS = """汕尾市城区2024年重点项目推进表
序号 | 项目名称 | 建设性质 | 主要举措 | 责任单位 | 完成时限 |
1 | 城区污水管网 | 续建 | 新建污水管网15公里。 | 区住房城乡建设局 | 2024年11月 |
2 | 品清湖整治 | 新建 | 完成湖岸生态修复3公里。 | 区自然资源局 | 2024年12月底前 |
"""


def test_an_unknown_header_word_is_a_note_column_not_a_lost_table():
    # 建设性质 is in no vocabulary; the other cells make it a task header.
    doc = document(PROJECTS)
    assert [t.text for t in doc.tasks] == ["城区污水管网：新建污水管网15公里。",
                                          "品清湖整治：完成湖岸生态修复3公里。"]
    sewers, lake = doc.tasks
    assert owners(sewers) == [("区住房城乡建设局", "responsible")]
    assert deadlines(sewers) == [("2024-11-30", "2024年11月", True)]
    assert owners(lake) == [("区自然资源局", "responsible")]


INDICATOR_TARGETS = """营口市鲅鱼圈区2019年主要经济指标计划分解表
序号   指标    单位    目标值   牵头单位   配合单位
一、经济增长
1   地区生产总值增长    %    6.5    区发改局    区统计局
2   一般公共预算收入    亿元    45    区财政局    区税务局
3   实际利用外资    亿美元    3    区商务局
"""


def test_an_indicator_table_with_a_unit_column_and_target_figures():
    doc = document(INDICATOR_TARGETS)
    # The row number and the unit stay out of the text; the target figure joins it.
    assert [t.text for t in doc.tasks] == ["地区生产总值增长：6.5", "一般公共预算收入：45",
                                          "实际利用外资：3"]
    growth, revenue, investment = doc.tasks
    assert owners(growth) == [("区发改局", "lead"), ("区统计局", "assist")]
    # A figure of two digits is not an owner cell.
    assert owners(revenue) == [("区财政局", "lead"), ("区税务局", "assist")]
    # The empty 配合单位 cell vanished: the lone unit is the lead.
    assert owners(investment) == [("区商务局", "lead")]
    assert growth.section == "一、经济增长"


VANISHED_CELLS = """铜仁市碧江区人民政府办公室
关于印发2024年政府工作报告重点任务分工的通知
碧府办发〔2024〕7号 2024年3月1日

各乡镇人民政府、街道办事处，区直各部门：
现将分工印发给你们。
序号
重点任务
牵头单位
责任单位
完成时限
1
新建标准化厂房5万平方米。
区工信局
区自然资源局
2024年10月底前
2
守住不发生规模性返贫底线。
区乡村振兴局
持续推进
"""


def test_a_lone_unit_in_a_row_of_its_own_fills_the_first_owner_column():
    factories, poverty = document(VANISHED_CELLS).tasks
    assert owners(factories) == [("区工信局", "lead"), ("区自然资源局", "responsible")]
    # The 责任单位 cell was empty and vanished: the unit is the lead, not the responsible.
    assert owners(poverty) == [("区乡村振兴局", "lead")]
    assert [(d.date, d.raw) for d in poverty.deadlines] == [(None, "持续推进")]


DESK_TABLE = """宁波市海曙区鼓楼街道办事处
关于印发2024年重点工作任务分解表的通知
鼓街〔2024〕4号 2024年2月26日

各社区，机关各办（中心）：
序号 | 工作任务 | 具体措施 | 责任领导 | 责任科室 | 配合单位 | 时间节点 |
1 | 招商引资 | 全年引进亿元以上项目5个。 | 周敏 | 经济发展办 | 2024年12月底前 |
2 | 垃圾分类 | 垃圾分类小区覆盖率达到100%。 | 城市管理办 | 各社区 | 二季度 |
"""


def test_vanished_cells_of_a_desk_table_leave_the_units_in_their_columns():
    investment, waste = document(DESK_TABLE).tasks
    # The 配合单位 cell vanished: the one unit is the responsible desk.
    assert owners(investment) == [("经济发展办", "responsible")]
    assert deadlines(investment) == [("2024-12-31", "2024年12月底前", True)]
    # The leader's cell vanished: two units are the desk and its helper.
    assert owners(waste) == [("城市管理办", "responsible"), ("各社区", "assist")]
    assert deadlines(waste) == [("2024-06-30", "二季度", True)]


GROUP_AFTER_ROW = """附件
2023年政府工作报告重点任务分工
序号
重点任务
牵头单位
责任单位
完成时限
一、扩大有效投资
1
新开工亿元以上项目25个。
县发改局
县自然资源局
2023年9月底前
二、推进城乡融合
2
完成农村公路提质改造80公里。
县交通运输局
各乡镇
2023年11月底前
"""


def test_a_group_row_after_a_row_of_stacked_cells_closes_it():
    projects, roads = document(GROUP_AFTER_ROW).tasks
    assert projects.text == "新开工亿元以上项目25个。"
    assert owners(projects) == [("县发改局", "lead"), ("县自然资源局", "responsible")]
    assert deadlines(projects) == [("2023-09-30", "2023年9月底前", True)]
    assert projects.section.endswith("一、扩大有效投资")
    assert roads.section.endswith("二、推进城乡融合")
    assert owners(roads) == [("县交通运输局", "lead"), ("各乡镇", "responsible")]


PIPES_WITHOUT_FILLER = """宿迁市人民政府办公室关于印发宿迁市2020年大气污染防治重点任务的通知
宿政办发〔2020〕15号
各县、区人民政府，市各委办局：
现将重点任务印发给你们。责任单位中标注★的为牵头单位，其他为责任单位。
宿迁市人民政府办公室　2020年3月2日
序号
|
主要任务
|
具体措施
|
责任单位
|
完成时限
|
一、工业污染治理
|
||||
1
|
钢铁超低排放
|
1.完成两家钢铁企业超低排放改造。
|
★市生态环境局、工信局
|
2020年10月底前
|
2.推进钢铁企业原料场全封闭。
|
★市工信局
|
2020.8
|
二、扬尘污染治理
|
||||
2
|
施工扬尘
|
3.落实建筑工地扬尘管控“六个百分之百”。
|
★市住建局、城管局
|
长期坚持
|
"""


def test_a_row_without_its_filler_pipes_does_not_shift_the_rows_after_the_group_row():
    steel, yards, dust = document(PIPES_WITHOUT_FILLER).tasks
    assert steel.text == "钢铁超低排放：1.完成两家钢铁企业超低排放改造。"
    assert owners(steel) == [("市生态环境局", "lead"), ("市工信局", "responsible")]
    assert deadlines(steel) == [("2020-10-31", "2020年10月底前", True)]
    # No "||" closes this row: the group row after it does.
    assert yards.text == "2.推进钢铁企业原料场全封闭。"
    assert owners(yards) == [("市工信局", "lead")]
    assert [d.date for d in yards.deadlines] == ["2020-08-31"]
    assert dust.text == "施工扬尘：3.落实建筑工地扬尘管控“六个百分之百”。"
    assert owners(dust) == [("市住建局", "lead"), ("市城管局", "responsible")]
    assert dust.section == "二、扬尘污染治理 > 施工扬尘"


MARKDOWN_GROUPS = """德阳市旌阳区2023年营商环境提升任务清单
| 序号 | 改革事项 | 具体任务 | 牵头单位 | 配合单位 | 完成时间 |
|---|---|---|---|---|---|
| 一 | 提升政务服务效能 |  |  |  |  |
| 1 | 企业开办 | 企业开办时间压缩至1个工作日。 | 区市场监管局 | 区税务局 | 2023年6月底前 |
| 二 | 优化要素保障 |  |  |  |  |
| 2 | 获得用水 | 用水报装时间压缩至3个工作日。 | 区水务局 | 区住建局 | 三季度 |
"""


def test_markdown_group_rows_numbered_in_chinese_are_sections_not_tasks():
    doc = document(MARKDOWN_GROUPS)
    assert [t.text for t in doc.tasks] == ["企业开办：企业开办时间压缩至1个工作日。",
                                          "获得用水：用水报装时间压缩至3个工作日。"]
    opening, water = doc.tasks
    assert opening.section == "提升政务服务效能 > 企业开办"
    assert water.section == "优化要素保障 > 获得用水"
    assert owners(water) == [("区水务局", "lead"), ("区住建局", "assist")]
    assert deadlines(water) == [("2023-09-30", "三季度", True)]
    assert doc.unread == []


UNNUMBERED_ROWS = """| 序号 | 工作任务 | 责任单位 | 完成时限 |
| （一） | 稳住工业增长 |  |  |
|  | 新增规上工业企业20家。 | 县工信局 | 2022年12月 |
| （二） | 扩大有效投资 |  |  |
|  | 新开工重点项目30个。 | 县发改局 | 2022年10月 |
"""


def test_a_group_row_numbered_in_chinese_where_owned_rows_have_no_number():
    doc = document(UNNUMBERED_ROWS)
    assert [(t.text, t.section) for t in doc.tasks] == [
        ("新增规上工业企业20家。", "稳住工业增长"), ("新开工重点项目30个。", "扩大有效投资")]
    assert [owners(t) for t in doc.tasks] == [[("县工信局", "responsible")],
                                             [("县发改局", "responsible")]]


UNREADABLE = """攀枝花市东区2023年重点项目表
序号 | 建设地点 | 建设性质 | 总投资 | 责任单位 |
1 | 炳草岗 | 新建 | 2亿元 | 区住建局 |
"""


def test_a_table_naming_owner_columns_that_cannot_be_read_is_reported():
    doc = document(UNREADABLE)
    assert doc.tasks == []
    assert [(u.code, u.line_start) for u in doc.unread] == [("W114", 2)]
    assert doc.unread[0].text == "序号 | 建设地点 | 建设性质 | 总投资 | 责任单位"


def test_a_word_table_naming_owners_without_a_task_column_is_reported():
    blocks = [_row(1, 1, 1, (1, "责任单位", False), (2, "联系电话", False)),
              _row(1, 2, 2, (1, "区教育局", False), (2, "0812-3333333", False))]
    (doc,) = extract_source(SourceText("t.docx", ["row"] * 2, blocks, format="docx")).documents
    assert doc.tasks == []
    assert [(u.code, u.line_start) for u in doc.unread] == [("W114", 1)]


# --- two-level headers: 责任单位 over 牵头单位 / 配合单位 ----------------------------------

TWO_LEVEL_STACKED = """佳木斯市2021年农村人居环境整治任务分工表
序号
工作任务
责任单位
完成时限
牵头单位
配合单位
1.
完成农村改厕1.2万户。
市农业农村局
市卫健委、各县（市）区政府
2021年10月底前
2.
建设乡镇污水处理设施8处。
市生态环境局
市住建局
2021年11月底前
"""


def test_a_two_level_header_flattened_one_cell_per_line_splits_its_owner_column():
    # The top row (序号 … 完成时限), then the second (牵头单位 配合单位 under 责任单位).
    toilets, sewage = document(TWO_LEVEL_STACKED).tasks
    assert toilets.text == "完成农村改厕1.2万户。"
    assert owners(toilets) == [("市农业农村局", "lead"), ("市卫健委", "assist"),
                               ("各县（市）区政府", "assist")]
    assert deadlines(toilets) == [("2021-10-31", "2021年10月底前", True)]
    assert owners(sewage) == [("市生态环境局", "lead"), ("市住建局", "assist")]
    assert deadlines(sewage) == [("2021-11-30", "2021年11月底前", True)]


TWO_LEVEL_PIPES = """茂名市2018年创建国家卫生城市重点任务分工
序号 | 工作任务 | 责任单位 | | 完成时限
| | 牵头单位 | 配合单位 |
1 | 整治城区农贸市场环境卫生 | 市市场监管局 | 茂南区政府、电白区政府 | 2018年6月底前
2 | 完成病媒生物防制达标 | 市卫生计生局 | 市爱卫办 | 2018年9月底前
"""


def test_a_two_level_header_on_two_pipe_lines_is_no_task():
    doc = document(TWO_LEVEL_PIPES)
    assert [t.text for t in doc.tasks] == ["整治城区农贸市场环境卫生", "完成病媒生物防制达标"]
    market, vectors = doc.tasks
    assert owners(market) == [("市市场监管局", "lead"), ("茂南区政府", "assist"),
                              ("电白区政府", "assist")]
    assert deadlines(market) == [("2018-06-30", "2018年6月底前", True)]
    assert owners(vectors) == [("市卫生计生局", "lead"), ("市爱卫办", "assist")]
    assert deadlines(vectors) == [("2018-09-30", "2018年9月底前", True)]


def test_a_word_table_with_a_two_level_header_reads_the_sub_columns():
    """责任单位 spans two columns (one cell at its first); the row below names them, the
    cells merged down from the header row beside them."""
    blocks = [
        _row(1, 1, 1, (1, "序号", False), (2, "工作任务", False), (3, "责任单位", False),
             (5, "完成时限", False)),
        _row(1, 2, 2, (1, "序号", True), (2, "工作任务", True), (3, "牵头单位", False),
             (4, "配合单位", False), (5, "完成时限", True)),
        _row(1, 3, 3, (1, "1", False), (2, "建成城市书房6个", False), (3, "市文广旅局", False),
             (4, "市教育局", False), (5, "2020年12月", False)),
    ]
    (doc,) = extract_source(SourceText("t.docx", ["row"] * 3, blocks, format="docx")).documents
    (study,) = doc.tasks
    assert study.text == "建成城市书房6个"
    assert owners(study) == [("市文广旅局", "lead"), ("市教育局", "assist")]
    assert deadlines(study) == [("2020-12-31", "2020年12月", True)]


# --- cells wrapped onto the next lines of a | row -----------------------------------------

WRAPPED_CELLS = """许昌市魏都区2023年民生实事工作台账
序号 | 工作任务 | 责任单位 | 完成时限 |
1 | 改造提升背街小巷15条，
完善沿街照明、排水设施，
打通断头路3条。 | 牵头：区住建局
配合：区城管局、各街道办事处 | 2023年10月底前 |
2 | 新增托育机构托位300个。 | 牵头：区卫健委 配合：区教体局 | 2023年12月底前 |
三、工作要求
各单位要按月报送进展。
"""


def test_a_task_cell_and_an_owner_cell_wrapped_onto_the_next_lines_stay_one_row():
    doc = document(WRAPPED_CELLS)
    assert [t.text for t in doc.tasks][:2] == [
        "改造提升背街小巷15条，完善沿街照明、排水设施，打通断头路3条。",
        "新增托育机构托位300个。"]
    lanes, nursery = doc.tasks[:2]
    assert owners(lanes) == [("区住建局", "lead"), ("区城管局", "assist"),
                             ("各街道办事处", "assist")]
    assert deadlines(lanes) == [("2023-10-31", "2023年10月底前", True)]
    assert (lanes.source.line_start, lanes.source.line_end) == (3, 6)
    assert owners(nursery) == [("区卫健委", "lead"), ("区教体局", "assist")]
    assert deadlines(nursery) == [("2023-12-31", "2023年12月底前", True)]
    # The paragraph after the table is not taken into its last cell.
    assert all("按月报送" not in t.text for t in doc.tasks[:2])


# --- a merged lead cell, flattened into its group's first row -----------------------------

MERGED_LEAD = """韶关市浈江区2019年人居环境整治任务分工表
序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限
一、城区整治
1 | 整治城区主干道占道经营 | 区城管局 | 区市场监管局 | 2019年6月底前
2 | 清理城区乱张贴乱涂画 | 各街道办事处 | 2019年8月底前
3 | 规范共享单车停放秩序 | 区交通运输局 | 2019年9月底前
二、农村整治
4 | 完成农村厕所改造800户 | 区农业农村局 | 区卫健局 | 2019年11月底前
5 | 开展村庄清洁行动 | 区住建局 | 长期坚持
"""


def test_a_merged_lead_cell_carries_down_to_the_rows_that_lack_it():
    doc = document(MERGED_LEAD)
    roads, posters, bikes, toilets, villages = doc.tasks
    assert owners(roads) == [("区城管局", "lead"), ("区市场监管局", "assist")]
    # Collectives are no lead of their own: the lead cell above was merged over this row.
    assert owners(posters) == [("区城管局", "lead"), ("各街道办事处", "assist")]
    assert deadlines(posters) == [("2019-08-31", "2019年8月底前", True)]
    # The row before already went without the lead: the merged cell still spans.
    assert owners(bikes) == [("区城管局", "lead"), ("区交通运输局", "assist")]
    assert owners(toilets) == [("区农业农村局", "lead"), ("区卫健局", "assist")]
    # A new group (a heading between): one unit of its own is the lead, as before.
    assert owners(villages) == [("区住建局", "lead")]
    assert [(d.date, d.raw) for d in villages.deadlines] == [(None, "长期坚持")]
    # The carried lead points at the line where the merged cell was written.
    assert [(a.line, a.row) for a in posters.assignments] == [(4, 3), (5, 3)]


MERGED_LEAD_MARKDOWN = """| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 建成城市污水处理厂三期 | 市水务局 | 市发改委 | 2022年6月底前 |
| 2 | 新建污水管网40公里 |  | 市住建局 | 2022年10月底前 |
| 3 | 建立水质在线监测体系 | 市生态环境局 |  | 2022年12月底前 |
"""


def test_an_empty_lead_cell_kept_by_its_pipes_is_the_merged_lead_above():
    sewage, pipes, monitoring = document(
        "南平市2022年水环境治理任务清单\n" + MERGED_LEAD_MARKDOWN).tasks
    assert owners(sewage) == [("市水务局", "lead"), ("市发改委", "assist")]
    assert owners(pipes) == [("市水务局", "lead"), ("市住建局", "assist")]
    # Every cell kept its place: the empty 配合单位 cell leaves the unit the lead.
    assert owners(monitoring) == [("市生态环境局", "lead")]
    assert deadlines(monitoring) == [("2022-12-31", "2022年12月底前", True)]


# --- a PDF converter's continuation rows -------------------------------------------------

CONVERTER_ROWS = """株洲市2024年湘江保护重点任务清单
| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 完成湘江株洲段沿岸排污口 | 市生态环境局 | 市水利局 | 2024年9月底前 |
|   | 溯源整治 |  |  |  |
| 2 | 建成城区雨污分流管网20公里。 | 市住建局 | 市城管局 | 2024年12月底前 |
|   | 清水塘老工业区土壤修复 | 市自然资源局 |  |  |
"""


def test_a_row_with_only_the_rest_of_the_task_text_joins_the_task_above():
    outfalls, sewers, soil = document(CONVERTER_ROWS).tasks
    assert outfalls.text == "完成湘江株洲段沿岸排污口溯源整治"
    assert owners(outfalls) == [("市生态环境局", "lead"), ("市水利局", "assist")]
    assert deadlines(outfalls) == [("2024-09-30", "2024年9月底前", True)]
    assert (outfalls.source.line_start, outfalls.source.line_end) == (4, 5)
    assert sewers.text == "建成城区雨污分流管网20公里。"
    # A row with owners of its own is a task of its own, not the rest of the one above.
    assert soil.text == "清水塘老工业区土壤修复"
    assert owners(soil) == [("市自然资源局", "lead")]


UNKNOWN_TASK_WORD = """平邑县2021年为民办实事分工表
序号 | 为民办实事 | 牵头单位 | 配合单位 | 完成时限
1 | 新建城区公厕20座 | 县综合行政执法局 | 县住建局 | 2021年9月底前
2 | 为农村低保户免费安装净水设备 | 县水利局 | 各镇人民政府 | 年内
"""


def test_the_one_unknown_column_word_beside_a_number_and_owners_names_the_tasks():
    toilets, water = document(UNKNOWN_TASK_WORD).tasks
    assert toilets.text == "新建城区公厕20座"
    assert owners(toilets) == [("县综合行政执法局", "lead"), ("县住建局", "assist")]
    assert deadlines(toilets) == [("2021-09-30", "2021年9月底前", True)]
    assert water.text == "为农村低保户免费安装净水设备"
    assert owners(water) == [("县水利局", "lead"), ("各镇人民政府", "assist")]
    assert deadlines(water) == [("2021-12-31", "年内", True)]


def test_a_word_table_with_one_unknown_column_word_reads_it_as_the_task():
    blocks = [_row(1, 1, 1, (1, "序号", False), (2, "惠民工程", False), (3, "责任单位", False)),
              _row(1, 2, 2, (1, "1", False), (2, "改造农村危房300户", False),
                   (3, "县住建局", False))]
    (doc,) = extract_source(SourceText("t.docx", ["row"] * 2, blocks, format="docx")).documents
    assert [(t.text, owners(t)) for t in doc.tasks] == [
        ("改造农村危房300户", [("县住建局", "responsible")])]


TEXT_ENDING_LIKE_A_UNIT = """三明市2022年督办事项清单 序号 督办事项 承办单位 协办单位 办结时限
1 推进三明学院新校区建设 市教育局 三元区政府 2022年8月31日前
2 建成三明市政务服务中心 市行政服务中心管委会 市发改委、市住建局 2022年10月底前
3 完成沙溪河流域综合治理 市水利局 沙县区政府 2022年11月底前
"""


def test_a_numbered_row_whose_text_ends_like_a_unit_keeps_its_text():
    schools, centre, river = document(TEXT_ENDING_LIKE_A_UNIT).tasks
    assert owners(schools) == [("市教育局", "responsible"), ("三元区政府", "assist")]
    # …政务服务中心 ends like a unit's name, but two owner cells follow: it is the task.
    assert centre.text == "建成三明市政务服务中心"
    assert owners(centre) == [("市行政服务中心管委会", "responsible"), ("市发改委", "assist"),
                              ("市住建局", "assist")]
    assert deadlines(centre) == [("2022-10-31", "2022年10月底前", True)]
    assert river.text == "完成沙溪河流域综合治理"


WRAPPED_SPACED = """徐州市人民政府办公室
关于印发徐州市2019年优化营商环境重点任务的通知
徐政办发〔2019〕40号

各县（市）、区人民政府，市各委办局：
现将重点任务印发给你们。

序号 重点任务 牵头单位 配合单位 完成时限
1 企业开办时间压缩至3个工作日以内 市政务办 市市场监管局 2019年6月底
2 低压小微企业用户获得电力时间压缩至 国网徐州供电公司 市发展改革委 2019年12月底
15个工作日以内
3 推进互联网加监管系统建设 市政务办 市市场监管局 长期坚持
"""


def test_a_spaced_row_whose_task_cell_wraps_onto_a_line_of_its_own():
    doc = document(WRAPPED_SPACED)
    opening, power, supervision = doc.tasks
    assert owners(opening) == [("市政务办", "lead"), ("市市场监管局", "assist")]
    assert "低压小微企业用户获得电力时间压缩至" in power.text
    assert "15个工作日以内" in power.text
    assert owners(power) == [("国网徐州供电公司", "lead"), ("市发展改革委", "assist")]
    assert [d.date for d in power.deadlines] == ["2019-12-31"]
    # The row after the wrapped one is still read.
    assert owners(supervision) == [("市政务办", "lead"), ("市市场监管局", "assist")]
    assert [d.kind for d in supervision.deadlines] == ["open"]
