"""Tests for extract.deadlines: real corpus phrases and other governments' styles."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract import deadlines
from extract.deadlines import parse_deadlines
from extract.models import DEADLINE_KINDS, Deadline


def summary(text: str, year: int | None = 2017, field: bool = False) -> list[tuple]:
    return [(d.date, d.raw, d.kind, d.final) for d in parse_deadlines(text, year, field=field)]


@pytest.mark.parametrize(
    ("text", "year", "field", "date"),
    [
        ("8月底前完成", 2017, False, "2017-08-31"),
        ("8月底", 2017, True, "2017-08-31"),
        ("2016年2月底前", None, False, "2016-02-29"),  # leap year
        ("2017年2月底前", None, False, "2017-02-28"),
        ("2017年底前", 2017, False, "2017-12-31"),
        ("年底前完成", 2017, False, "2017-12-31"),
        ("今年年底", 2019, False, "2019-12-31"),
        ("明年底前", 2017, False, "2018-12-31"),
        ("2017 年全年", 2017, True, "2017-12-31"),  # corpus 时间节点 line, PDF spaces
        ("10月中旬", 2017, False, "2017-10-20"),
        ("10月上旬前", 2017, False, "2017-10-10"),
        ("9月下旬", 2017, False, "2017-09-30"),
        ("11月中下旬", 2019, False, "2019-11-30"),
        ("3月上中旬", 2020, False, "2020-03-20"),
        ("2017年6月30日前", None, False, "2017-06-30"),
        ("2017年6月30日", 2017, True, "2017-06-30"),
        ("6月30日前", 2018, False, "2018-06-30"),
        ("下半年", 2017, True, "2017-12-31"),
        ("一季度", 2017, True, "2017-03-31"),
        ("第三季度末前", 2018, False, "2018-09-30"),
        ("到2020年", 2017, False, "2020-12-31"),
        ("2020年前", 2017, False, "2020-12-31"),
        ("2020年底前", 2017, False, "2020-12-31"),
        ("2017年8月底前", 2017, False, "2017-08-31"),
        ("2017 年 10 月底前", 2017, True, "2017-10-31"),
        ("２０１７年１０月底前", 2017, False, "2017-10-31"),  # full-width digits
        ("十一月底前", 2017, False, "2017-11-30"),
        ("2017年度", 2017, True, "2017-12-31"),
        ("2017—2020年", 2017, True, "2020-12-31"),
        # composed in other governments' styles
        ("西湖区各街道于2019年9月30日前完成排查", 2019, False, "2019-09-30"),
        ("洛阳市各县（市、区）力争上半年完成首批申报", 2018, False, "2018-06-30"),
        ("省直各部门2021年第二季度末前报送", 2021, False, "2021-06-30"),
    ],
)
def test_single_dated_phrase(text, year, field, date):
    found = parse_deadlines(text, year, field=field)
    assert [(d.date, d.kind, d.final) for d in found] == [(date, "date", True)]


def test_raw_is_phrase_without_spaces():
    assert summary("2017 年 10 月底前", field=True) == [
        ("2017-10-31", "2017年10月底前", "date", True)
    ]


def test_full_year_counts_in_a_field_or_with_a_target():
    assert summary("2017年全年", field=False) == []
    assert summary("2017年全年", field=True) == [("2017-12-31", "2017年全年", "date", True)]
    # prose: the year's target, not a heading or a progress report's past
    assert summary("全年规上工业总产值突破500亿元", year=2022) == [
        ("2022-12-31", "全年", "date", True)
    ]
    assert summary("确保完成全年主要预期目标", year=2022) == []
    assert summary("全年完成固定资产投资120亿元，同比增长9%", year=2022) == []
    # A figure the year is to reach (以上, 左右, 以内) is a target, whatever the verb.
    assert summary("全年开行中欧班列1400列以上", year=2022) == [
        ("2022-12-31", "全年", "date", True)]


def test_several_milestones_keep_all_final_on_last_date():
    # corpus 000, 责任 paragraph of the coal-reduction plan
    text = "8月底前制定专项方案，加大相关企业生产负荷。10月底前完成相关区域供热替代。"
    assert summary(text) == [
        ("2017-08-31", "8月底前", "date", False),
        ("2017-10-31", "10月底前", "date", True),
    ]


def test_final_is_latest_date_not_last_in_text():
    # corpus 000 line 2073 (时间节点): the 2020 target sits in the middle
    text = "2017年推动10家企业开展清洁生产审核、2020年达到40家。2018年基本实现全覆盖。"
    assert summary(text, field=True) == [
        ("2017-12-31", "2017年", "date", False),
        ("2020-12-31", "2020年", "date", True),
        ("2018-12-31", "2018年", "date", False),
    ]


def test_year_carries_to_later_phrases_without_year():
    text = "2018年3月底前完成摸底，6月底前完成整改"
    assert summary(text, year=2017) == [
        ("2018-03-31", "2018年3月底前", "date", False),
        ("2018-06-30", "6月底前", "date", True),
    ]


def test_half_year_then_year_end_in_field():
    # corpus 000 line 1971
    text = "2017年上半年确定全市13家市管工业企业改制形式，进入改制程序，2017年底前完成一批"
    assert summary(text, field=True) == [
        ("2017-06-30", "2017年上半年", "date", False),
        ("2017-12-31", "2017年底前", "date", True),
    ]


def test_noun_qualifying_year_is_not_a_deadline():
    # corpus 000 line 1917: "纳入2017年化解产能计划" names a plan, not a limit
    text = (
        "纳入2017年化解产能计划已经停工停产的煤矿6月底之前关闭到位，其它煤矿在9月底前"
        "关闭到位。2018年，全面完成省下达的煤炭行业化解过剩产能任务。"
    )
    assert summary(text, field=True) == [
        ("2017-06-30", "6月底之前", "date", False),
        ("2017-09-30", "9月底前", "date", False),
        ("2018-12-31", "2018年", "date", True),
    ]


def test_bare_year_in_field_but_not_in_prose():
    assert summary("2018年，达不到环保标准的水泥熟料生产线基本淘汰完毕。", field=True) == [
        ("2018-12-31", "2018年", "date", True)
    ]
    assert summary("2015 年全市共调查发现违法用地23宗", year=2015) == []
    assert summary("2018年，杭州市余杭区新建公办幼儿园10所。", year=2018) == []


def test_range_yields_its_end_only():
    assert summary("2017年7月1日至2018年6月30日") == [("2018-06-30", "2018年6月30日", "date", True)]
    assert summary("从2019年1月1日到2019年12月31日开展专项整治", year=2019) == [
        ("2019-12-31", "2019年12月31日", "date", True)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "从 2017 年 1 月 1 日起，对社会散居孤儿提高养育标准",  # corpus 002 line 953
        "本办法自2017年10月1日起执行",
        "自2020年5月1日起施行",
        "2017年以来，全市累计完成",
        "截至2016年底，全市共有高新技术企业500家",
        "郑政〔2017〕26号 2017年8月17日",  # signature date, not a limit
        "2019年2月29日前",  # no such day
        "三年内完成",
    ],
)
def test_not_deadlines(text):
    assert parse_deadlines(text, 2017) == []


def test_bare_year_next_to_a_commitment_in_prose():
    assert summary("确保2018年基本建成覆盖全区的网络", year=2017) == [
        ("2018-12-31", "2018年", "date", True)
    ]
    assert summary("杭州市西湖区2019年完成老旧小区改造20个", year=2019) == [
        ("2019-12-31", "2019年", "date", True)
    ]
    assert summary("2018年全市生产总值增长8%", year=2018) == []
    assert summary("力争2020年，全区有研发活动的企业达到60%", year=2019) == [
        ("2020-12-31", "2020年", "date", True)
    ]
    # corpus 000 line 4204: the year names the work, it is no limit
    assert summary("确保2017年城乡居民参保缴费工作取得显著成效", year=2017) == []


def test_history_before_document_year_is_dropped():
    assert summary("2016年底前完成的项目要及时验收", year=2017) == []
    assert summary("2016年底前完成", year=None) == [("2016-12-31", "2016年底前", "date", True)]


def test_open_ended_in_field():
    # corpus 000 line 2199
    assert summary("持续推进工业智能化改造信息化支撑项目建设", field=True) == [
        (None, "持续推进", "open", True)
    ]
    assert summary("长期坚持", field=True) == [(None, "长期坚持", "open", True)]


def test_open_ended_in_prose_only_when_it_is_the_limit():
    assert summary("持续推进工业智能化改造") == []
    assert summary("加强食品安全宣传（长期坚持）") == [(None, "长期坚持", "open", True)]
    assert summary("完成时限：长期") == [(None, "长期", "open", True)]
    assert summary("长期以来，我市高度重视") == []


def test_open_is_not_final_when_a_date_exists():
    # corpus 000 line 2055
    text = "持续开展重点企业能效水效对标提升活动。2018年2家企业进入名单，2020年达到10家。"
    assert summary(text, field=True) == [
        (None, "持续开展", "open", False),
        ("2018-12-31", "2018年", "date", False),
        ("2020-12-31", "2020年", "date", True),
    ]


def test_recurring():
    # corpus 000 line 135
    text = "每月24日前完成当月工作总结、每季度最后一个月25日前完成季度工作总结报市领导小组"
    assert summary(text) == [
        (None, "每月24日前", "recurring", True),
        (None, "每季度最后一个月25日前", "recurring", True),
    ]
    assert summary("每季度末") == [(None, "每季度末", "recurring", True)]


def test_bare_every_year_only_in_field():
    text = "每年滚动培育 5 个智能工厂、10 个智能车间。"  # corpus 000 line 2173
    assert summary(text, field=True) == [(None, "每年", "recurring", True)]
    assert summary(text) == []


def test_no_year_known_gives_dated_phrase_without_date():
    assert summary("8月底前", year=None) == [(None, "8月底前", "date", True)]


def test_dated_phrase_wins_final_over_undated():
    assert summary("每月5日前报送进度，2017年底前全面完成") == [
        (None, "每月5日前", "recurring", False),
        ("2017-12-31", "2017年底前", "date", True),
    ]


def test_no_deadline_text():
    assert parse_deadlines("", 2017) == []
    assert parse_deadlines("攻克一批先进基础工艺、基础零部件。", 2017, field=True) == []


@pytest.mark.parametrize(
    ("text", "field_count", "prose_count"),
    [("2017年" * 400, 1, 0), ("每年" * 400, 400, 0), ("月底前" * 400, 0, 0),
     ("（长期" * 400, 400, 0)],
    ids=["years", "every-year", "month-ends", "open-brackets"],
)
def test_pathological_input_shapes(text, field_count, prose_count):
    # Speed is measured in benchmarks/bench_deadlines.py; here the results' shape.
    # Only the first 2017年 begins a clause; the rest qualify the one before.
    assert len(parse_deadlines(text, 2017, field=True)) == field_count
    assert len(parse_deadlines(text, 2017)) == prose_count


def test_range_start_gives_its_year_to_the_end():
    # A bare 时间 label may be a work period; 举办时间 (corpus 002 line 682) is an
    # event's and is tested in test_event_dates_are_not_deadlines.
    assert summary("时间：2017年10月12日至10月15日", year=2017) == [
        ("2017-10-15", "10月15日", "date", True)
    ]
    assert summary("时间：2017年10月12日至10月15日", year=2018) == []  # all in the past
    assert summary("2019年12月20日至1月10日开展集中整治", year=None) == [
        ("2020-01-10", "1月10日", "date", True)
    ]
    assert summary("2017年至2020年", field=True) == [("2020-12-31", "至2020年", "date", True)]


def test_relative_years():
    assert summary("明年3月底前完成评估，6月底前完成整改", year=2017) == [
        ("2018-03-31", "明年3月底前", "date", False),
        ("2018-06-30", "6月底前", "date", True),
    ]
    assert summary("今年上半年完成", year=2019) == [("2019-06-30", "今年上半年", "date", True)]
    assert summary("明年底前完成摸底", year=None) == [(None, "明年底前", "date", True)]
    # 次年 ("the following year") is 明年 in a plan's own words.
    assert summary("2024年3月底前启动，次年6月底前完成", year=2024) == [
        ("2024-03-31", "2024年3月底前", "date", False),
        ("2025-06-30", "次年6月底前", "date", True),
    ]


def test_a_five_year_plan_period_ends_with_the_plan():
    # In a time limit cell: 十一五 ends in 2010, 十四五 in 2025, 十五五 in 2030.
    assert summary("“十四五”期间", year=2022, field=True) == [
        ("2025-12-31", "“十四五”期间", "date", True)]
    assert summary("十五五末", year=2026, field=True) == [("2030-12-31", "十五五末", "date", True)]
    assert summary("十三五期间", year=2022, field=True) == []  # over before the document


# --- table cells and field values, composed in other governments' styles -----------


@pytest.mark.parametrize(
    ("value", "date", "raw"),
    [
        ("2023.12", "2023-12-31", "2023.12"),
        ("2023.6", "2023-06-30", "2023.6"),
        ("2023-09", "2023-09-30", "2023-09"),
        ("2023/11", "2023-11-30", "2023/11"),
        ("2023.6.30", "2023-06-30", "2023.6.30"),
        ("２０２３．１２", "2023-12-31", "2023．12"),  # full-width digits and dot
        ("2024年3月", "2024-03-31", "2024年3月"),
        ("12月", "2023-12-31", "12月"),
        ("9月底", "2023-09-30", "9月底"),
        ("三季度", "2023-09-30", "三季度"),
        ("第四季度", "2023-12-31", "第四季度"),
        ("2023年二季度", "2023-06-30", "2023年二季度"),
        ("全年", "2023-12-31", "全年"),
        ("年底前", "2023-12-31", "年底前"),
        ("计划11月底建成投用", "2023-11-30", "11月底"),
    ],
)
def test_cell_values(value, date, raw):
    assert summary(value, year=2023, field=True) == [(date, raw, "date", True)]


@pytest.mark.parametrize("value", ["投资2023.5万元", "增长12.5%", "2023年2月29日", "2023.13"])
def test_cell_values_that_are_no_dates(value):
    assert summary(value, year=2023, field=True) == []


def test_numbered_milestones_in_a_cell_keep_both_last_final():
    assert summary("1.2023年5月 2.2023年10月", year=2023, field=True) == [
        ("2023-05-31", "2023年5月", "date", False),
        ("2023-10-31", "2023年10月", "date", True),
    ]
    # the same cell as a Word table gives it, one milestone a line
    assert summary("1.2023年5月\n2.2023年10月", year=2023, field=True) == [
        ("2023-05-31", "2023年5月", "date", False),
        ("2023-10-31", "2023年10月", "date", True),
    ]


def test_dotted_months_stay_apart_across_whitespace():
    assert summary("2021.8 2021.12", year=2021, field=True) == [
        ("2021-08-31", "2021.8", "date", False),
        ("2021-12-31", "2021.12", "date", True),
    ]
    assert summary("2021.1-2021.12", year=2021, field=True) == [
        ("2021-12-31", "2021.12", "date", True)
    ]


def test_dated_milestones_inside_a_cell():
    cell = (
        "1、游客中心6月1日对外开放 2、景区道路计划2024年10月底完成提升 "
        "3、停车场改造8月15日前完工"
    )
    assert summary(cell, year=2023, field=True) == [
        ("2023-06-01", "6月1日", "date", False),
        ("2024-10-31", "2024年10月底", "date", True),
        # a new item is a milestone of its own: the document's year, not 2024's
        ("2023-08-15", "8月15日前", "date", False),
    ]


def test_numbered_item_resets_the_carried_year():
    assert summary("1.滨江绿道2024年6月底前贯通 2.口袋公园9月底前建成", year=2023) == [
        ("2024-06-30", "2024年6月底前", "date", True),
        ("2023-09-30", "9月底前", "date", False),
    ]
    # one sentence: the second phrase is in the year the first one gave
    assert summary("滨江绿道2024年6月底前贯通，口袋公园9月底前建成", year=2023) == [
        ("2024-06-30", "2024年6月底前", "date", False),
        ("2024-09-30", "9月底前", "date", True),
    ]


@pytest.mark.parametrize(
    ("value", "raw", "kind"),
    [
        ("长期", "长期", "open"),
        ("持续推进", "持续推进", "open"),
        ("常态化开展", "常态化开展", "open"),
        ("每月5日前报送工作进展", "每月5日前", "recurring"),
        ("每季度首月10日前报送上季度情况", "每季度首月10日前", "recurring"),
        ("每周五下班前报送", "每周五", "recurring"),
        ("按季度报送", "按季度", "recurring"),
    ],
)
def test_open_and_recurring_cells(value, raw, kind):
    assert summary(value, year=2023, field=True) == [(None, raw, kind, True)]


def test_recurring_in_prose_needs_its_day():
    assert summary("各区县每月5日前报送工作进展", year=2023) == [
        (None, "每月5日前", "recurring", True)
    ]
    assert summary("每周五前报送信息", year=2023) == [(None, "每周五前", "recurring", True)]
    # Reporting progress is no recurrence of the task; the task's own rhythm is.
    assert summary("按季度报送进展情况", year=2023) == []
    assert summary("每月通报一次", year=2023) == [(None, "每月", "recurring", True)]
    assert summary("每季度向社会公布抽查结果", year=2023) == [(None, "每季度", "recurring", True)]
    assert summary("人均每月补贴500元", year=2023) == []
    assert summary("按季度组织召开银企对接会", year=2023) == [(None, "按季度", "recurring", True)]
    assert summary("每日8时前向市防指报告雨情", year=2023) == [
        (None, "每日8时前", "recurring", True)]


def test_long_standing_wording_is_open_in_prose_too():
    assert summary("长期坚持政府常务会议学法制度", year=2023) == [(None, "长期坚持", "open", True)]
    assert summary("持续推进农村改厕", year=2023) == []


# --- prose --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "raw"),
    [
        ("成都市天府新区力争10月建成投运", "2023-10-31", "10月"),
        ("城北污水处理厂6月底前开工建设", "2023-06-30", "6月底前"),
        ("确保年内完工", "2023-12-31", "年内"),
        ("十月十五日前完成验收", "2023-10-15", "十月十五日前"),
        ("三月底前完成摸排", "2023-03-31", "三月底前"),
        ("二〇二三年十二月三十一日前全部完成", "2023-12-31", "二〇二三年十二月三十一日前"),
        ("5月底前召开动员会", "2023-05-31", "5月底前"),  # 前: a limit, not the meeting's date
    ],
)
def test_prose_limits(text, date, raw):
    assert summary(text, year=2023) == [(date, raw, "date", True)]


def test_a_bare_month_needs_a_verb_or_a_commitment():
    assert summary("在6月的调度会上通报", year=2023) == []
    assert summary("要在6月完成", year=2023) == [("2023-06-30", "6月", "date", True)]


@pytest.mark.parametrize(
    ("text", "year", "date", "raw"),
    [
        # 春节 2023 is 01-22: the limit is its eve (除夕)
        ("春节前足额发放农民工工资", 2023, "2023-01-21", "春节前"),
        ("国庆节前完成改造", 2023, "2023-09-30", "国庆节前"),
        ("国庆前完成", 2023, "2023-09-30", "国庆前"),
        ("中秋节前完成月饼质量抽检", 2023, "2023-09-28", "中秋节前"),
        ("端午节前完成河道清理", 2024, "2024-06-09", "端午节前"),
        ("清明节前完成森林防火检查", 2024, "2024-04-03", "清明节前"),
        ("五一前开放", 2024, "2024-04-30", "五一前"),
        # 元旦 is at the year's start: the eve that falls in the document's year
        ("元旦前完成供暖设施检修", 2023, "2023-12-31", "元旦前"),
        # a written year names the holiday's year
        ("2024年春节前完成", 2023, "2024-02-09", "2024年春节前"),
        ("2024年元旦前完成", 2023, "2023-12-31", "2024年元旦前"),
        ("2034年春节前", 2034, "2034-02-18", "2034年春节前"),  # after the leap 11th month
        ("2020年端午节前", 2020, "2020-06-24", "2020年端午节前"),  # leap 4th month
    ],
)
def test_holidays_are_their_eve(text, year, date, raw):
    assert summary(text, year=year) == [(date, raw, "date", True)]


def test_holiday_outside_the_calendar_table_keeps_its_phrase():
    assert summary("春节前完成", year=2060) == [(None, "春节前", "date", True)]
    assert summary("春节前完成", year=None) == [(None, "春节前", "date", True)]
    assert summary("国庆节前完成", year=2060) == [("2060-09-30", "国庆节前", "date", True)]


def test_around_a_holiday_is_no_limit():
    assert summary("春节前后开展走访慰问", year=2023) == []
    assert summary("春节期间加强值守", year=2023) == []


@pytest.mark.parametrize(
    "text",
    ["第二季度起实施", "自2023年7月1日起施行", "从三季度开始推行", "2023年以来，全区累计完成"],
)
def test_starts_are_not_limits(text):
    assert summary(text, year=2023) == []


def test_a_start_then_a_limit():
    assert summary("自第二季度起，每月5日前报送", year=2023) == [
        (None, "每月5日前", "recurring", True)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "举办时间：2021年11月3日至6日",
        "举办时间:2021年11月3日—6日",
        "博览会于9月18日至20日在市会展中心举行",
        "活动时间为2021年6月1日至30日",
        "会议时间：2021年4月8日",
        "定于5月20日召开全市推进会",
        "拟于2021年10月12日至15日在会展中心举办",
    ],
)
def test_event_dates_are_not_deadlines(text):
    assert summary(text, year=2021) == []
    assert summary(text, year=2021, field=True) == []


def test_a_work_period_yields_its_end():
    assert summary("2021年6月1日至30日开展集中整治", year=2021) == [
        ("2021-06-30", "30日", "date", True)
    ]
    assert summary("10月28日至11月3日开展交叉督查", year=2021) == [
        ("2021-11-03", "11月3日", "date", True)
    ]
    assert summary("2021年12月28日至3日开展联合检查", year=2021) == [
        ("2022-01-03", "3日", "date", True)
    ]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("截至2021年底，全区共有规上企业320家", 2021),
        ("截至2021年10月底，累计完成投资12亿元", 2021),
        ("比2021年底增长10%", 2021),
        ("较2021年6月底下降3个百分点", 2021),
    ],
)
def test_reference_dates_are_not_deadlines(text, year):
    assert summary(text, year=year) == []


def test_progress_report_restating_last_year_is_history():
    # a 2022 report on 2021 tasks: the 2021 figures are the past
    progress = "进展情况：2021年，全区完成固定资产投资增长12.3%，高于全省平均水平。"
    assert summary(progress, year=2022) == []
    assert summary(progress, year=2022, field=True) == []
    assert summary("2021年，全区实现地区生产总值增长8.6%", year=2022, field=True) == []


# --- year inference -------------------------------------------------------------------


def test_year_inference():
    assert summary("8月底前", year=2023, field=True) == [("2023-08-31", "8月底前", "date", True)]
    assert summary("1.2021年8月 2.2021年12月", year=2021, field=True) == [
        ("2021-08-31", "2021年8月", "date", False),
        ("2021-12-31", "2021年12月", "date", True),
    ]
    # a later year in the document is kept
    assert summary("2022年12月底", year=2021, field=True) == [
        ("2022-12-31", "2022年12月底", "date", True)
    ]


# --- linear cost: shapes here, times in benchmarks/bench_deadlines.py ------------------


def test_megabyte_of_date_phrases():
    text = "2023年10月底前完成，每月5日前报送；" * 50_000  # 1.05 MB
    found = parse_deadlines(text, 2023)
    assert len(found) == 100_000
    assert found[0] == Deadline("2023-10-31", "2023年10月底前", "date", False)
    assert found[1] == Deadline(None, "每月5日前", "recurring", False)
    assert [i for i, d in enumerate(found) if d.final] == [99_998]


def test_forty_thousand_lines_without_punctuation():
    lines = "\n".join(f"第{i}项各县区政府10月底前完成排查整治工作" for i in range(40_000))
    found = parse_deadlines(lines, 2023)
    assert len(found) == 40_000
    assert {d.date for d in found} == {"2023-10-31"}
    plain = "\n".join("各县区政府要加强组织领导认真抓好落实" for _ in range(40_000))
    assert parse_deadlines(plain, 2023) == []
    assert parse_deadlines(plain, 2023, field=True) == []


# --- any text -------------------------------------------------------------------------

_TOKENS = [
    "2021", "2023", "12", "1", "3", "０", "年", "月", "日", "号", "底", "末", "前", "后", "内",
    "上旬", "季度", "第", "二", "十", "十五", "〇", "半年", "全年", "每", "按", "周五", "首月",
    "至", "-", ".", "．", "/", "—", "、", "，", "：", "（", "）", " ", "\n", "春节", "元旦",
    "长期", "持续", "举办", "召开", "截至", "较", "起", "完成", "建成", "力争", "于", "明年",
    "1.", "2、", "（3）", "\ud800", "\udfff",
    # whole phrases, so that sequences of them and their connectors come up often
    "2021年", "2023年", "10月", "6月30日", "15日", "2021.12", "上半年", "三季度", "年底",
    "春节前", "每月5日前", "10月底前",
]
_PHRASES = [
    "2021年", "2023年", "2023年10月", "10月", "6月30日", "15日", "2021.12", "上半年",
    "三季度", "年底", "春节前", "每月5日前", "10月底前", "长期",
]
_GLUE = ["至", "—", "-", "，", "前", "起", "以来", "完成", "举办", "截至", "较", "力争", "于",
         " ", "1.", "2、", "全市", "召开"]
_text = st.one_of(
    # anything, surrogates included
    st.lists(
        st.one_of(st.sampled_from(_TOKENS), st.characters(categories=["Cs"]), st.characters()),
        max_size=60,
    ).map("".join),
    # date phrases and the words around them, so that their combinations come up
    st.lists(st.sampled_from(_PHRASES + _GLUE), max_size=14).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(text=_text, year=st.one_of(st.none(), st.integers(1, 9998)), field=st.booleans())
def test_never_raises_and_results_are_well_formed(text, year, field):
    found = parse_deadlines(text, year, field=field)
    squeezed = "".join(text.split()).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    for d in found:
        assert d.kind in DEADLINE_KINDS
        assert d.raw and d.raw in squeezed
        if d.date is not None:
            assert d.kind == "date"
            date.fromisoformat(d.date)
    if any(d.date for d in found):
        assert sum(d.final for d in found) == 1


@settings(max_examples=400, deadline=None)
@given(text=_text)
def test_start_guard_admits_every_phrase(text):
    # The scanner tests where a phrase may start before trying the rules; with the
    # guard it must find exactly what the bare rules find.
    flat = deadlines._flatten(text)
    for field, rules in deadlines._MODE_RULES.items():
        guarded, _ = deadlines._SCANNERS[field]
        bare, _ = deadlines._combine(rules, None)
        assert [m.span() for m in guarded.finditer(flat)] == [
            m.span() for m in bare.finditer(flat)
        ]


@settings(max_examples=400, deadline=None)
@given(text=_text, year=st.one_of(st.none(), st.sampled_from([2017, 2021, 2023])))
@example(text="2019年—2020年", year=2017)
@example(text="2017年7月1日至2018年开展", year=2017)
@example(text="力争2020年，全区", year=2017)
@example(text="2019年完成", year=2019)
def test_prose_scan_leaves_out_only_years_that_cannot_matter(text, year):
    # Running text is scanned without the bare years that can be no limit, start or
    # range end there; the results must be those of the full scan.
    flat = deadlines._flatten(text)
    quick = deadlines._parse(flat, year, False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(deadlines._SCANNERS, False, deadlines._SCANNERS[True])
        assert deadlines._parse(flat, year, False) == quick


def test_a_footer_s_print_date_is_no_deadline():
    assert summary("做好征地拆迁工作。\n三亚市人民政府办公室  2012年3月12日印发", year=2012) == []
    assert summary("2018年6月30日印发实施方案", year=2018) == [
        ("2018-06-30", "2018年6月30日", "date", True)]
