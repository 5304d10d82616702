"""Tests for extract.deadlines: real corpus phrases and other governments' styles."""

from __future__ import annotations

import pytest

from extract.deadlines import parse_deadlines


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


def test_full_year_counts_only_in_a_field():
    assert summary("2017年全年", field=False) == []
    assert summary("2017年全年", field=True) == [("2017-12-31", "2017年全年", "date", True)]


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
    "text",
    ["2017年" * 400, "每年" * 400, "月底前" * 400, "（长期" * 400],
    ids=["years", "every-year", "month-ends", "open-brackets"],
)
def test_pathological_input_is_fast(text):
    import time

    start = time.perf_counter()
    parse_deadlines(text, 2017, field=True)
    parse_deadlines(text, 2017)
    assert time.perf_counter() - start < 0.5


def test_range_start_gives_its_year_to_the_end():
    # corpus 002 style event notice: 时间：2017年10月12日至10月15日
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
