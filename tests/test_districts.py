"""Tests for extract.districts: gazetteer lookups, org names and task text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.districts import (
    district_of_org,
    districts_in_text,
    lookup_place,
    place_prefix,
    place_spellings,
)


@pytest.mark.parametrize(
    ("name", "district"),
    [
        ("登封市人民政府", "登封市"),  # corpus 000 line 55
        ("中原区政府", "中原区"),
        ("管城回族区人民政府", "管城回族区"),
        ("管城区政府", "管城回族区"),  # alias -> canonical
        ("中牟县政府", "中牟县"),
        ("西湖区人民政府", "西湖区"),
        ("杭州市西湖区财政局", "杭州市西湖区"),  # 南昌市 has a 西湖区 too
        ("西湖区人民政府", "西湖区"),  # which one is not said: kept as written
        ("洛阳市偃师市人民政府", "偃师市"),
        ("郑东新区管委会", "郑东新区"),
        ("郑州高新技术产业开发区管委会", "郑州高新区"),
        ("上 街 区人民政府", "上街区"),  # PDF spaces
        ("平阳县人民政府", "平阳县"),  # not in the gazetteer: read by shape
        ("市财政局", None),
        ("郑州市人民政府", None),
        ("郑州海关", None),
        ("郑东新区热电有限公司", None),  # an enterprise, not a district body
        ("各区人民政府", None),
        ("各县（市、区）政府", None),
        ("某某市人民政府", None),  # could be a prefecture-level city
    ],
)
def test_district_of_org(name, district):
    assert district_of_org(name) == district


def test_lookup_and_prefix():
    assert lookup_place("郑州").name == "郑州市"
    assert lookup_place("郑州").kind == "city"
    assert lookup_place("登封市").kind == "county_city"
    assert lookup_place("不存在市") is None
    places, rest = place_prefix("杭州市西湖区财政局")
    assert [p.name for p in places] == ["杭州市", "西湖区"]
    assert rest == "财政局"
    # the longest spelling wins: 郑州高新区 is a zone, not 郑州 + 高新区
    places, rest = place_prefix("郑州高新区管委会")
    assert [p.name for p in places] == ["郑州高新区"] and rest == "管委会"


def test_districts_in_text_order_and_canonical_names():
    text = "支持郑州市中原区、登封 市和郑州高新技术产业开发区建设，中原区要率先完成"
    assert districts_in_text(text) == ["中原区", "登封市", "郑州高新区"]


def test_city_and_generic_are_not_districts():
    text = "郑州市各县（市、区）要结合本地发展实际确定攻坚重点"  # corpus 000 line 2475 style
    assert districts_in_text(text) == []
    assert districts_in_text("洛阳市人民政府", known=["洛阳市"]) == []


def test_region_word_is_not_a_district():
    assert districts_in_text("建设中原区域性金融中心") == []


def test_everyday_word_district_only_inside_org_names():
    assert districts_in_text("推进老城区改造") == []
    assert districts_in_text("老城区人民政府负责") == ["老城区"]


def test_known_names_are_found():
    assert districts_in_text("由新区城管局负责，某某镇配合", known=["某某镇"]) == ["某某镇"]
    assert districts_in_text("新密市、荥阳市要加快", known=["新密市"]) == ["新密市", "荥阳市"]


def test_city_filter():
    text = "西湖区、中原区同步推进"
    assert districts_in_text(text) == ["西湖区", "中原区"]
    assert districts_in_text(text, city="郑州市") == ["中原区"]
    assert districts_in_text(text, city="杭州") == ["杭州市西湖区"]


def test_corpus_sentence():
    # corpus 002: 表彰 list naming two district governments
    text = "新郑市人民政府和惠济区人民政府在2016年度工作中表现突出"
    assert districts_in_text(text) == ["新郑市", "惠济区"]


@pytest.mark.parametrize("name", ["郑州市开发区管委会", "开发区管委会", "市区政府", "本区人民政府"])
def test_generic_area_words_are_not_districts(name):
    assert district_of_org(name) is None


def test_unknown_named_zone_is_read_by_shape():
    assert district_of_org("西咸新区管委会") == "西咸新区"


def test_generic_known_names_are_ignored():
    assert districts_in_text("各开发区要加快建设", known=["开发区", "区"]) == []


def test_a_county_named_like_a_role_verb():
    # 会同县 (Hunan) is the county where it names a government, the verb 会同 after a clause.
    assert districts_in_text("会同县人民政府负责", within="怀化市") == ["会同县"]
    text = "由县自然资源局牵头，会同县发改局、县住建局做好重点项目用地报批工作"
    assert districts_in_text(text, within="衡阳县") == []


def test_a_township_named_like_a_counties_short_form_is_not_that_county():
    # 高坪 is 南充's 高坪区 written short, and also streets and towns elsewhere.
    assert place_spellings("高坪街道办事处") == ((), "高坪街道办事处")
    assert place_spellings("吴江镇人民政府") == ((), "吴江镇人民政府")
    # 乡村振兴局 is a bureau: the short form still reads before it.
    (spelled, rest) = place_spellings("吴江乡村振兴局")
    assert [p.key for _, p in spelled] == ["吴江区"] and rest == "乡村振兴局"


def test_gazetteer_file_is_well_formed():
    kinds = {"province", "city", "district", "county", "county_city", "development_zone"}
    names: dict[str, str] = {}
    rows = (Path(__file__).resolve().parents[1] / "extract" / "data" / "districts.tsv").read_text(
        encoding="utf-8"
    )
    for line in rows.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, parent, kind, strict = line.split("\t")
        assert kind in kinds and strict in ("0", "1"), line
        assert parent == "-" or lookup_place(parent) is not None, line
        for spelling in [name, *([] if aliases == "-" else aliases.split("|"))]:
            assert names.setdefault(spelling, name) == name, spelling
