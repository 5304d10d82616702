"""The national gazetteer: places anywhere in China, shared names, strict and short forms,
former names, and the script that generates the data file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from extract.districts import (
    district_of_org,
    districts_in_text,
    lookup_place,
    place_prefix,
    places_named,
    province_of,
    resolve_place,
)

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "extract" / "data" / "gazetteer.tsv"


def _build_module():
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# --- every province, prefecture and county-level division --------------------------------


def test_the_file_covers_the_country():
    kinds: dict[str, int] = {}
    for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        kind = line.split("\t")[3]
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds["province"] + kinds["municipality"] >= 34
    assert kinds["city"] >= 330
    county_level = kinds["district"] + kinds["county"] + kinds["county_city"]
    assert county_level >= 2800


@pytest.mark.parametrize(
    ("name", "kind", "parent"),
    [
        ("伊宁市", "county_city", "伊犁哈萨克自治州"),
        ("双江拉祜族佤族布朗族傣族自治县", "county", "临沧市"),
        ("大理白族自治州", "city", "云南省"),
        ("柯桥区", "district", "绍兴市"),
        ("济源市", "county_city", "河南省"),  # 省直辖: its parent is the province
        ("浦东新区", "district", "上海市"),
        ("上海市", "municipality", None),
        ("西藏自治区", "province", None),
    ],
)
def test_places_anywhere(name, kind, parent):
    place = lookup_place(name)
    assert (place.name, place.kind, place.parent) == (name, kind, parent)


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("双江县", "双江拉祜族佤族布朗族傣族自治县"),  # short + 县 for an autonomous county
        ("大理州", "大理白族自治州"),
        ("广西", "广西壮族自治区"),
        ("绍兴", "绍兴市"),
        ("合肥经开区", "合肥经济技术开发区"),
    ],
)
def test_other_spellings(spelling, name):
    assert lookup_place(spelling).name == name


def test_former_names_stay_as_written_and_know_their_successor():
    place = lookup_place("襄樊市")
    assert (place.kind, place.successor) == ("city", "襄阳市")
    assert lookup_place("江干区").successor == "上城区"
    assert district_of_org("杭州市江干区人民政府") == "江干区"


def test_province_of():
    assert province_of("柯桥区").name == "浙江省"
    assert province_of("济源市").name == "河南省"
    assert province_of("浦东新区").name == "上海市"
    assert province_of("不存在县") is None


# --- names several places share --------------------------------------------------------------


def test_shared_names_are_told_apart_by_their_city():
    assert {p.parent for p in places_named("鼓楼区")} >= {"南京市", "福州市", "徐州市", "开封市"}
    assert lookup_place("鼓楼区") is None  # nothing says which
    assert resolve_place("鼓楼区", "南京市").key == "南京市鼓楼区"
    assert resolve_place("福州市鼓楼区").key == "福州市鼓楼区"
    assert district_of_org("南京市鼓楼区教育局") == "南京市鼓楼区"
    assert district_of_org("鼓楼区人民政府", "福州市") == "福州市鼓楼区"
    assert district_of_org("鼓楼区人民政府") == "鼓楼区"  # kept as written


def test_a_unique_name_is_its_own_key():
    assert resolve_place("绍兴市柯桥区").key == "柯桥区"
    assert district_of_org("绍兴市柯桥区财政局") == "柯桥区"


# --- where spellings count -------------------------------------------------------------------


def test_districts_anywhere_in_china_in_task_text():
    text = "推动柯桥区、诸暨市和伊宁市协同发展，支持双江县建设"
    assert districts_in_text(text) == [
        "柯桥区", "诸暨市", "伊宁市", "双江拉祜族佤族布朗族傣族自治县"
    ]


def test_within_decides_a_shared_name_without_excluding_others():
    text = "鼓楼区、柯桥区同步推进"
    assert districts_in_text(text) == ["鼓楼区", "柯桥区"]
    assert districts_in_text(text, within="南京市") == ["南京市鼓楼区", "柯桥区"]
    assert districts_in_text(text, city="南京市") == ["南京市鼓楼区"]


@pytest.mark.parametrize(
    "text",
    [
        "省市和县三级联动",  # 和县 (安徽) read in a phrase
        "完成县域规划",  # 成县 (甘肃)
        "加快老城区和矿区改造",
        "推进城区更新",
        "提高港区综合承载力",  # 高港区 (泰州)
    ],
)
def test_everyday_words_are_not_districts(text):
    assert districts_in_text(text) == []


def test_strict_names_count_in_front_of_a_government():
    assert districts_in_text("和县人民政府负责") == ["和县"]


def test_short_forms_only_as_a_name_prefix():
    assert districts_in_text("柯桥要加快建设") == []
    places, rest = place_prefix("柯桥海关")
    assert [p.name for p in places] == ["柯桥区"] and rest == "海关"
    # an everyday word is not a short form (公安 of 公安县)
    assert place_prefix("公安分局") == ((), "公安分局")


# --- the generator ---------------------------------------------------------------------------

_LOCATIONS = """浙江省\t330000\t浙江
\t绍兴市\t330600\t绍兴
\t\t柯桥区\t330603\t柯桥
\t\t和县\t330699\t和县
\t\t景宁畲族自治县\t330698\t景宁
\t\t绍兴经济技术开发区\t330671\t经开区
\t\t\t平水镇
上海市\t310000\t上海
\t上海市\t310000\t上海
\t\t浦东新区\t310115\t浦东
"""
_CHANGES = "2013-10-18\t国批\t浙江省\t浙江\t绍兴市\t绍兴\t绍兴县\t绍兴=>浙江省\t绍兴市\t柯桥区\n"


def test_generator_reads_the_package_data():
    build = _build_module()
    rows = build.parse_locations(_LOCATIONS)
    build.add_former_names(rows, _CHANGES)
    build.mark_words(rows, {"和": (600000, "c")}, prose="")
    by_name = {r.name: r for r in rows}
    assert set(by_name) == {
        "浙江省", "绍兴市", "柯桥区", "和县", "景宁畲族自治县", "绍兴经济技术开发区",
        "上海市", "浦东新区", "绍兴县",
    }  # towns (平水镇) are not county-level; a municipality is listed once
    assert by_name["上海市"].kind == "municipality"
    assert by_name["浦东新区"].parent == "上海市"
    assert by_name["景宁畲族自治县"].aliases == ["景宁县", "景宁自治县"]
    assert by_name["柯桥区"].short == ["柯桥"]
    assert by_name["和县"].strict and not by_name["柯桥区"].strict
    zone = by_name["绍兴经济技术开发区"]
    assert zone.kind == "development_zone"
    assert "绍兴经开区" in zone.aliases and "经开区" not in zone.aliases
    former = by_name["绍兴县"]
    assert (former.parent, former.successor) == ("绍兴市", "柯桥区")


def test_generated_file_is_well_formed():
    names: set[tuple[str, str]] = set()
    kinds = {"province", "municipality", "city", "district", "county", "county_city",
             "development_zone"}
    for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        name, _, parent, kind, strict, *_ = line.split("\t")
        assert kind in kinds and strict in ("0", "1"), line
        assert parent == "-" or lookup_place(parent) is not None, line
        assert (name, parent) not in names, line
        names.add((name, parent))
