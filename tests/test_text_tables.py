"""Flattened tables read back into rows (extract.text_tables), on composed documents.

Each shape of ../shared/corpus-other's README, written for other governments: a row per
line with ``|`` between cells (with filler pipes and leftover rows), one cell per line,
one cell per line with ``|`` lines between cells, a row per line with spaces.
"""

from __future__ import annotations

from extract.blocks import LogicalLine, TableRow
from extract.readers.text import source_from_text
from extract.text_tables import find_text_tables


def rows_of(text: str) -> list[list[tuple[int, str]]]:
    """Every table row as [(column, text)], in order."""
    return [[(c.column, c.text) for c in b.cells]
            for b in source_from_text(text).blocks if isinstance(b, TableRow)]


PIPE_ROWS = """遵义市汇川区2023年民生实事推进表
项目名称 | 工作任务 | 计划完成时间 | 牵头单位 |
1.老旧小区改造 | 完成12个老旧小区改造； | 10月 | 区住建局 |
2023.6 | 区城投公司 | ||
新增公共停车位800个。 | 2023.12 | 区交通运输局 | |
一、教育提升 | |||
2.校园食堂提升 | 完成30所学校明厨亮灶建设； | 9月底前 | ★区教育局、区市场监管局 |
"""


def test_pipe_rows_align_cells_by_what_they_hold():
    rows = rows_of(PIPE_ROWS)
    assert rows[0] == [(1, "项目名称"), (2, "工作任务"), (3, "计划完成时间"), (4, "牵头单位")]
    assert rows[1] == [(1, "1.老旧小区改造"), (2, "完成12个老旧小区改造；"), (3, "10月"),
                       (4, "区住建局")]
    # A leftover row of merged cells: its deadline and owner keep their own columns.
    assert rows[2] == [(3, "2023.6"), (4, "区城投公司")]
    # The project cell vanished: the task text still lands in the task column.
    assert rows[3] == [(2, "新增公共停车位800个。"), (3, "2023.12"), (4, "区交通运输局")]
    assert rows[4] == [(1, "2.校园食堂提升"), (2, "完成30所学校明厨亮灶建设；"), (3, "9月底前"),
                       (4, "★区教育局、区市场监管局")]


def test_a_heading_between_rows_stays_a_paragraph_line_inside_the_table():
    blocks = source_from_text(PIPE_ROWS).blocks
    kinds = [(type(b).__name__, b.start) for b in blocks]
    assert kinds == [("LogicalLine", 1), ("TableRow", 2), ("TableRow", 3), ("TableRow", 4),
                     ("TableRow", 5), ("LogicalLine", 6), ("TableRow", 7)]
    assert blocks[5].text == "一、教育提升"


STACKED = """附件
2022年重点工作责任分解表
序号
主 要 工 作 任 务
责 任 单 位
1
城镇新增就业1.2万人。
人社局
2
粮食播种面积稳定在60万亩以上。
农业农村局
"""


def test_one_cell_per_line_with_spaced_header_words():
    (table,) = find_text_tables(STACKED.split("\n"))
    assert [[(c.column, c.text) for c in r.cells] for r in table.rows] == [
        [(1, "序号"), (2, "主要工作任务"), (3, "责任单位")],
        [(1, "1"), (2, "城镇新增就业1.2万人。"), (3, "人社局")],
        [(1, "2"), (2, "粮食播种面积稳定在60万亩以上。"), (3, "农业农村局")],
    ]
    assert (table.first, table.last) == (3, 11)
    # Each cell keeps its own line.
    assert [(c.start, c.end) for c in table.rows[2].cells] == [(9, 9), (10, 10), (11, 11)]


PIPE_LINES = """序号
|
工作目标
|
责任领导
|
责任单位
|
1
|
规上工业增加值增长6%。
|
李 明
|
★县工信局、统计局
|
2
|
外贸进出口总额增长5%。
|
|
★县商务局
|
"""


def test_one_cell_per_line_with_pipe_lines_between_cells():
    rows = rows_of(PIPE_LINES)
    assert rows == [
        [(1, "序号"), (2, "工作目标"), (3, "责任领导"), (4, "责任单位")],
        [(1, "1"), (2, "规上工业增加值增长6%。"), (3, "李明"), (4, "★县工信局、统计局")],
        # Two "|" lines in a row are an empty cell (the leader's).
        [(1, "2"), (2, "外贸进出口总额增长5%。"), (4, "★县商务局")],
    ]


SPACED = """现将全年工作任务分解如下，请抓好落实。 序号 名称 工作任务 牵头单位

一、主要指标

1 地区生产总值增长6.5%. 发改局

2 一般公共预算收入增长5%以上. 财政局、税务局
"""


def test_a_row_per_line_with_spaces_and_the_header_at_a_paragraph_end():
    rows = rows_of(SPACED)
    assert rows[1:] == [
        [(1, "1"), (3, "地区生产总值增长6.5%."), (4, "发改局")],
        [(1, "2"), (3, "一般公共预算收入增长5%以上."), (4, "财政局、税务局")],
    ]
    blocks = source_from_text(SPACED).blocks
    assert isinstance(blocks[0], LogicalLine)  # the notice sentence stays a paragraph
    assert any(isinstance(b, LogicalLine) and b.text == "一、主要指标" for b in blocks)


INDICATORS = """项目
分值
目标任务
监考单位
经济运行
工业增加值增长率
3
年终综合考核
县经信局
税收收入增长率
2
全社会固定资产投资
3
95
县发改局
"""


def test_cells_that_vanished_do_not_shift_the_next_rows():
    rows = rows_of(INDICATORS)
    assert rows[1:] == [
        [(1, "工业增加值增长率"), (2, "3"), (3, "年终综合考核"), (4, "县经信局")],
        [(1, "税收收入增长率"), (3, "2")],
        [(1, "全社会固定资产投资"), (2, "3"), (3, "95"), (4, "县发改局")],
    ]


def test_text_without_a_table_header_gives_no_rows():
    text = "序号工作要求如下：\n一、加强领导\n各部门要按照职责分工，抓好落实。\n"
    assert find_text_tables(text.split("\n")) == []


def test_tab_separated_lines_without_a_known_header_become_rows_by_position():
    (table,) = find_text_tables(["指标\t2018年\t2020年", "地区生产总值\t2000\t2500"])
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["指标", "2018年", "2020年"], ["地区生产总值", "2000", "2500"]]


SPACED_LEDGER = """渭南市临渭区重点工作督查清单
序号 工作事项 责任单位 完成时限 进展情况
1 推进渭河综合治理工程 区水务局 2024年9月 已完成前期工作
2 实施 高标准农田 建设 区农业农村局 区财政局 2024年11月 正在 施工
3 开展安全生产专项整治 区应急管理局 已检查企业120家
"""


def test_spaced_rows_group_their_tokens_into_the_header_columns():
    rows = rows_of(SPACED_LEDGER)
    # A text column after the deadline (进展情况) keeps its own cell.
    assert rows[1] == [(1, "1"), (2, "推进渭河综合治理工程"), (3, "区水务局"), (4, "2024年9月"),
                       (5, "已完成前期工作")]
    # Spaces inside a cell: the words of one task, two owners, two words of progress.
    assert rows[2] == [(1, "2"), (2, "实施高标准农田建设"), (3, "区农业农村局\n区财政局"),
                       (4, "2024年11月"), (5, "正在施工")]
    # The deadline cell vanished: the progress text is not taken for it.
    assert rows[3] == [(1, "3"), (2, "开展安全生产专项整治"), (3, "区应急管理局"),
                       (5, "已检查企业120家")]


MARKDOWN = """汇川区2023年重点工作任务分解表
|序号|工作任务|牵头单位|完成时限|
|---|:---|---|---:|
|1|新开工亿元以上项目30个|区投资促进局|2023年11月底|
"""


def test_a_markdown_rule_under_the_header_is_not_a_row():
    rows = rows_of(MARKDOWN)
    assert rows[1:] == [[(1, "1"), (2, "新开工亿元以上项目30个"), (3, "区投资促进局"),
                         (4, "2023年11月底")]]


def test_a_spaced_row_with_a_token_per_character_keeps_the_whole_task():
    # PDFs space every character; the run of one-character words is one task cell.
    task = "加快推进城乡供水一体化工程建设提升农村饮水安全保障水平"
    text = "序号 工作任务 责任单位 完成时限\n1 " + " ".join(task) + " 区水务局 2024年9月\n"
    assert rows_of(text)[1] == [(1, "1"), (2, task), (3, "区水务局"),
                                (4, "2024年9月")]


def test_tab_rows_as_wide_as_the_header_keep_their_positions():
    lines = ["序号\t改革任务\t具体措施\t牵头单位\t配合单位\t完成时限",
             "1\t深化国企改革\t完成改革深化提升行动\t市国资委（牵头）\t\t2025年",
             "\t\t推进“高效办成一件事”\t市政务服务管理局\t各区县人民政府\t每年12月"]
    (table,) = find_text_tables(lines)
    # The lead mark after the name does not hide the organisation, and the empty
    # 配合单位 cell keeps the deadline in its own column.
    assert [(c.column, c.text) for c in table.rows[1].cells] == [
        (1, "1"), (2, "深化国企改革"), (3, "完成改革深化提升行动"), (4, "市国资委（牵头）"),
        (6, "2025年")]
    # Empty leading cells (merged above) do not pull the measure into the task column.
    assert [c.column for c in table.rows[2].cells] == [3, 4, 5, 6]


def test_stacked_rows_numbered_past_999_still_start_rows():
    cells = "".join(f"{i}\n新建村级服务站{i}个。\n县商务局\n" for i in range(998, 1003))
    rows = rows_of("序号\n主要工作任务\n责任单位\n" + cells)
    assert [r[0] for r in rows[1:]] == [(1, str(i)) for i in range(998, 1003)]
    assert rows[-1] == [(1, "1002"), (2, "新建村级服务站1002个。"), (3, "县商务局")]


def test_an_unknown_word_between_known_header_lines_is_a_column():
    text = ("序号\n项目名称\n总投资\n责任单位\n完成时限\n"
            "1\n县城污水处理厂提标改造\n1.2亿元\n县住建局\n2023年9月\n")
    rows = rows_of(text)
    assert rows[0] == [(1, "序号"), (2, "项目名称"), (3, "总投资"), (4, "责任单位"),
                       (5, "完成时限")]
    assert rows[1] == [(1, "1"), (2, "县城污水处理厂提标改造"), (3, "1.2亿元"), (4, "县住建局"),
                       (5, "2023年9月")]


def test_an_unknown_word_after_the_last_header_line_is_body_text():
    # After 责任单位 the body may begin with any short text: the header ends there.
    text = "工作任务\n责任单位\n扩大招商\n县商务局\n"
    ((header, *_),) = [t.rows for t in find_text_tables(text.split("\n"))]
    assert [c.text for c in header.cells] == ["工作任务", "责任单位"]


def test_an_unknown_word_before_the_spaced_header_is_the_notice():
    text = "请各单位抓好落实 序号 工作任务 牵头单位\n1 新建公园3个 区城管局\n"
    (table,) = find_text_tables(text.split("\n"))
    assert [c.text for c in table.rows[0].cells] == ["序号", "工作任务", "牵头单位"]


def test_a_header_of_mostly_unknown_words_naming_an_owner_column_gives_rows_by_position():
    # Not a header the reader knows, but 责任单位 says it assigns: the table layout gets
    # the rows (and reports them, W114), the table does not vanish into paragraphs.
    text = ("序号 | 建设地点 | 建设性质 | 总投资 | 责任单位 |\n"
            "1 | 城东 | 新建 | 2亿元 | 区住建局 |\n")
    (table,) = find_text_tables(text.split("\n"))
    assert [[(c.column, c.text) for c in r.cells] for r in table.rows] == [
        [(1, "序号"), (2, "建设地点"), (3, "建设性质"), (4, "总投资"), (5, "责任单位")],
        [(1, "1"), (2, "城东"), (3, "新建"), (4, "2亿元"), (5, "区住建局")]]


def test_pipe_lines_that_name_no_owner_column_stay_paragraphs():
    text = "地区 | 2022年 | 2023年 |\n城东 | 12 | 15 |\n"
    assert find_text_tables(text.split("\n")) == []
