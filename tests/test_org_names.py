"""Tests for extract.org_names: list splitting, canonical names, org detection."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from extract.models import ORG_KINDS, Org
from extract.org_names import (
    aliases_of,
    looks_like_org,
    registry_terms,
    resolve_org,
    split_org_list,
)

DATA = Path(__file__).resolve().parents[1] / "extract" / "data"

# --- split_org_list -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shared prefix, corpus 000 line 3592 and other levels / cities
        (
            "市环保局、国土资源局、工信委、发展改革委、农委",
            ["市环保局", "市国土资源局", "市工信委", "市发展改革委", "市农委"],
        ),
        ("市科技局、工信委、发展改革委", ["市科技局", "市工信委", "市发展改革委"]),
        ("区财政局、发改委", ["区财政局", "区发改委"]),
        ("省发展改革委、财政厅", ["省发展改革委", "省财政厅"]),
        ("县教育局、卫计委", ["县教育局", "县卫计委"]),
        ("洛阳市财政局、人社局", ["洛阳市财政局", "洛阳市人社局"]),
        ("杭州市西湖区财政局、发改委", ["杭州市西湖区财政局", "杭州市西湖区发改委"]),
        ("市检察院、法院", ["市检察院", "市法院"]),
        ("市委宣传部、组织部、统战部", ["市委宣传部", "市委组织部", "市委统战部"]),
        (
            "市政府法制办、食品药品监督管理局、民委",  # corpus 000 line 3642
            ["市政府法制办", "市食品药品监督管理局", "市民委"],
        ),
        # shared suffix
        ("郑州高新区、郑东新区管委会", ["郑州高新区管委会", "郑东新区管委会"]),
        ("中原区、二七区人民政府", ["中原区人民政府", "二七区人民政府"]),
        ("西湖区、滨江区人民政府", ["西湖区人民政府", "滨江区人民政府"]),
        # brackets never split; 〔〕 and () become （）
        ("各县（市、区）政府", ["各县（市、区）政府"]),
        ("各县〔市、区〕政府和开发区管委会", ["各县（市、区）政府", "开发区管委会"]),
        (
            "郑州荣奇(俱进)能源有限公司、郑州中岳电力有限公司",
            ["郑州荣奇（俱进）能源有限公司", "郑州中岳电力有限公司"],
        ),
        # 和 inside a name is not a separator
        (
            "市人力资源和社会保障局、住房和城乡建设局",
            ["市人力资源和社会保障局", "市住房和城乡建设局"],
        ),
        ("新郑市人民政府和惠济区人民政府", ["新郑市人民政府", "惠济区人民政府"]),
        # trailing 等/负责 and punctuation, leading label, PDF whitespace
        ("市工信委、市发展改革委、市财政局等。", ["市工信委", "市发展改革委", "市财政局"]),
        (
            "责任单位：市发展改革委、市教育局、市体育局等部门按职责分工负责",
            ["市发展改革委", "市教育局", "市体育局"],
        ),
        ("市卫计委、市食药监局等按职责分工负责", ["市卫计委", "市食药监局"]),
        ("市 工 信委、\n市发展 改革委", ["市工信委", "市发展改革委"]),
        ("区教育局、区卫健委等有关部门", ["区教育局", "区卫健委"]),
    ],
)
def test_split_org_list(text, expected):
    assert split_org_list(text) == expected


def test_split_never_prefixes_names_with_their_own_place():
    text = (
        "市工信委、市发展改革委，相关县（市、区）人民政府，郑州煤电股份有限公司东风电厂、"
        "郑州荣奇（俱进）能源有限公司、中铝河南分公司永安电厂。"
    )  # corpus 000 line 41
    assert split_org_list(text) == [
        "市工信委",
        "市发展改革委",
        "相关县（市、区）人民政府",
        "郑州煤电股份有限公司东风电厂",
        "郑州荣奇（俱进）能源有限公司",
        "中铝河南分公司永安电厂",
    ]
    assert split_org_list("河南保监局、市食品药品监督管理局") == [
        "河南保监局",
        "市食品药品监督管理局",
    ]
    assert split_org_list("市委宣传部、市政府食品安全办、团市委") == [
        "市委宣传部",
        "市政府食品安全办",
        "团市委",
    ]


def test_split_prefix_only_after_a_prefixed_department():
    # a bare name first has nothing to inherit; a vertical agency passes nothing on
    assert split_org_list("财政局、市教育局") == ["财政局", "市教育局"]
    assert split_org_list("郑州海关、商务局") == ["郑州海关", "商务局"]


def test_split_suffix_not_across_commas():
    assert split_org_list("中原区，二七区人民政府") == ["中原区", "二七区人民政府"]


def test_split_collectives_stay_whole():
    text = "各县(市、区)、市级各开发区、市政府各有关部门、各有关单位"  # corpus 000 line 3215
    assert split_org_list(text) == [
        "各县（市、区）",
        "市级各开发区",
        "市政府各有关部门",
        "各有关单位",
    ]


# --- resolve_org ----------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ["市发改委", "市发展改革委", "市发展和改革委员会"],
        ["市食品药品监督管理局", "市食品药品监管局", "市食药监局"],
        ["市政府办公厅", "市政府办"],
        ["市人社局", "市人力资源社会保障局", "市人力资源和社会保障局"],
        ["市卫计委", "市卫生计生委"],
        ["市国土资源局", "市国土局"],
        ["市环保局", "市环境保护局"],
        ["市城管局", "市城市管理局"],
        ["市交通委", "市交通运输委"],
        ["市公安局消防支队", "市消防支队"],
        ["市政府法制办", "市法制办"],
        ["市城建委", "市城乡建设委"],
        ["区发改委", "区发展和改革委员会"],
        ["登封市人民政府", "登封市政府"],
        ["各县（市、区）人民政府", "各县（市、区）政府", "各县〔市、区〕政府", "各县(市、区)政府"],
        ["市政府有关部门", "市政府各有关部门"],
    ],
)
def test_aliases_resolve_to_one_org(spellings):
    for jurisdiction in (None, "郑州市"):
        orgs = {resolve_org(s, jurisdiction) for s in spellings}
        assert len(orgs) == 1, orgs


@pytest.mark.parametrize(
    ("mention", "jurisdiction", "expected"),
    [
        ("市发改委", None, Org("市发展改革委", "department", "city")),
        ("市工商局", "郑州市", Org("郑州市工商局", "department", "city", "郑州市")),
        ("郑州市科技局", "郑州市", Org("郑州市科技局", "department", "city", "郑州市")),
        # 西湖区 is also a district of 南昌市: its key names the city
        (
            "区财政局",
            "杭州市西湖区",
            Org("杭州市西湖区财政局", "department", "county", "杭州市西湖区", "杭州市西湖区"),
        ),
        # 嵩县 is unique in China: 嵩县 and 洛阳市嵩县 documents name one bureau
        ("县教育局", "洛阳市嵩县", Org("嵩县教育局", "department", "county", "嵩县", "嵩县")),
        ("省发展改革委", "郑州市", Org("河南省发展改革委", "department", "province", "河南省")),
        ("省财政厅", "河南省", Org("河南省财政厅", "department", "province", "河南省")),
        ("市政府", "郑州市", Org("郑州市人民政府", "government", "city", "郑州市")),
        ("市政府办公厅", "洛阳市", Org("洛阳市政府办公厅", "government", "city", "洛阳市")),
        (
            "登封市政府",
            "郑州市",
            Org("登封市人民政府", "district_government", "county", "登封市", "登封市"),
        ),
        (
            "中原区政府",
            None,
            Org("中原区人民政府", "district_government", "county", "中原区", "中原区"),
        ),
        (
            "惠济区人民政府",
            "郑州市",
            Org("惠济区人民政府", "district_government", "county", "惠济区", "惠济区"),
        ),
        (
            "西湖区人民政府",
            "杭州市",
            Org("杭州市西湖区人民政府", "district_government", "county", "杭州市西湖区",
                "杭州市西湖区"),
        ),
        (
            "郑州高新区管委会",
            "郑州市",
            Org("郑州高新区管委会", "development_zone", "county", "郑州高新区", "郑州高新区"),
        ),
        ("郑州供电公司", "郑州市", Org("郑州供电公司", "enterprise", "city", "郑州市")),
        ("国网郑州供电公司", None, Org("郑州供电公司", "enterprise", "city", "郑州市")),
        ("郑州海关", "郑州市", Org("郑州海关", "vertical_agency", "city", "郑州市")),
        ("河南保监局", "郑州市", Org("河南保监局", "vertical_agency", "province", "河南省")),
        (
            "人行郑州中心支行",
            "郑州市",
            Org("人行郑州中心支行", "vertical_agency", "city", "郑州市"),
        ),
        ("市国税局", "郑州市", Org("郑州市国税局", "vertical_agency", "city", "郑州市")),
        ("团市委", "郑州市", Org("共青团郑州市委", "people_organisation", "city", "郑州市")),
        ("市妇联", "洛阳市", Org("洛阳市妇联", "people_organisation", "city", "洛阳市")),
        ("市委宣传部", "郑州市", Org("郑州市委宣传部", "department", "city", "郑州市")),
        (
            "各县（市、区）政府",
            "郑州市",
            Org("郑州市各县（市、区）政府", "collective", "county", "郑州市"),
        ),
        ("各县〔市、区〕政府", None, Org("各县（市、区）政府", "collective", "county")),
        (
            "相关县（市、区）人民政府",
            "郑州市",
            Org("郑州市相关县（市、区）政府", "collective", "county", "郑州市"),
        ),
        ("市政府有关部门", "郑州市", Org("郑州市政府有关部门", "collective", "city", "郑州市")),
        (
            "各行业主管部门",
            "郑州市",
            Org("郑州市各行业主管部门", "collective", "unknown", "郑州市"),
        ),
        (
            "市政府食品安全委各成员单位",
            None,
            Org("市政府食品安全委各成员单位", "collective", "city"),
        ),
        ("各开发区管委会", None, Org("各开发区管委会", "collective")),
        ("开发区管委会", None, Org("开发区管委会", "collective")),
        # unknown names: classified by their ending, qualified if relative
        ("市攻坚办", "郑州市", Org("郑州市攻坚办", "department", "city", "郑州市")),
        ("市文物局", "洛阳市", Org("洛阳市文物局", "department", "city", "洛阳市", known=False)),
        (
            "郑州热力总公司",
            "郑州市",
            Org("郑州热力总公司", "enterprise", "city", "郑州市", known=False),
        ),
        (
            "中铝河南分公司永安电厂",
            "郑州市",
            Org("中铝河南分公司永安电厂", "enterprise", known=False),
        ),
        ("苏州市财政局", None, Org("苏州市财政局", "department", "city", "苏州市")),
    ],
)
def test_resolve_org(mention, jurisdiction, expected):
    assert resolve_org(mention, jurisdiction) == expected


def test_relative_name_of_other_level_stays_with_its_government():
    # 区财政局 in a city document cannot be placed in one district, but it is still
    # that city's: two cities' 区财政局 must never be one node.
    assert resolve_org("区财政局", "郑州市") == Org("郑州市区财政局", "department", "county",
                                                 "郑州市")
    assert resolve_org("区财政局", "洛阳市").name == "洛阳市区财政局"
    assert resolve_org("区财政局") == Org("区财政局", "department", "county")


def test_own_city_spelled_out_equals_relative_form():
    assert resolve_org("郑州市科技局", "郑州市") == resolve_org("市科技局", "郑州市")


def test_every_corpus_style_mention_has_a_valid_kind():
    text = (
        "市煤炭局、市发展改革委、市工信委、市国资委、市国土资源局、河南煤监局郑州分局、"
        "市政府金融办、市中级人民法院、郑州出入境检验检疫局、郑州铁路局、市供销社"
    )  # corpus 000 lines 1919, 1975, 3616
    for mention in split_org_list(text):
        org = resolve_org(mention, "郑州市")
        assert org.kind in ORG_KINDS
        assert org.kind != "other" or "法院" in org.name
    assert resolve_org("郑州出入境检验检疫局").kind == "vertical_agency"


# --- looks_like_org -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "市环保局",
        "市环保局、国土资源局、工信委",
        "各县〔市、区〕政府、开发区管委会、市政府食品安全委各成员单位",  # corpus 000 line 3620
        "郑州出入境检验检疫局、郑州海关",
        "市委宣传部",
        "各行业主管部门",
        "西湖区人民政府",
        "洛阳市文物局",
        "中原区",
        "各镇街",  # 杭州 style: the towns and sub-districts of a district
        "各乡（镇）人民政府",
        "各区县（自治县）",  # 重庆 style
    ],
)
def test_looks_like_org_true(text):
    assert looks_like_org(text)


@pytest.mark.parametrize(
    "text",
    [
        "主要负责同志",
        "负责人",
        "组长",
        "参与市场化电量交易",
        "加强监管",
        "相关部门按照备忘录约定内容采取惩戒措施",
        "企业",
        "群众",
        "",
        "市环保局" * 20,
    ],
)
def test_looks_like_org_false(text):
    assert not looks_like_org(text)


# --- registry helpers -------------------------------------------------------------


def test_aliases_of_keeps_the_prefix():
    spellings = aliases_of("市发改委")
    assert spellings[0] == "市发展改革委"
    assert {"市发改委", "市发展和改革委员会"} <= set(spellings)
    assert "发改委" in aliases_of("发展改革委")
    assert aliases_of("不存在的东西") == []


def test_registry_terms_for_a_user_dictionary():
    terms = registry_terms()
    assert {"食品药品监督管理局", "市食药监局", "人行郑州中心支行", "各县（市、区）政府"} <= set(
        terms
    )
    assert len(terms) == len(set(terms))
    assert all(len(a) >= len(b) for a, b in itertools.pairwise(terms))


def test_county_level_place_spellings_are_canonical_but_city_spellings_stay():
    assert resolve_org("郑州经济开发区管委会", "郑州市") == resolve_org("郑州经开区管委会")
    assert resolve_org("郑州航空港经济综合实验区管委会").name == "郑州航空港区管委会"
    assert resolve_org("管城区人民政府").name == "管城回族区人民政府"
    assert resolve_org("郑州海关").name == "郑州海关"  # not 郑州市海关


def test_outline_markers_glued_to_a_name_are_dropped():
    assert split_org_list("第五条市盐业局、财政局") == ["市盐业局", "市财政局"]
    assert resolve_org("（二）各级建设行政主管部门", "洛阳市").name == "洛阳市各级建设行政主管部门"


def test_collective_naming_its_own_place_is_not_prefixed_again():
    org = resolve_org("郑州市政府其他各有关单位", "郑州市")
    assert org == Org("郑州市政府其他各有关单位", "collective", "unknown", "郑州市", known=False)


def test_institutions_are_orgs_of_kind_other():
    assert looks_like_org("市人民广播电台")
    assert resolve_org("市人民广播电台", "郑州市").kind == "other"


def test_empty_mention_is_an_error():
    with pytest.raises(ValueError, match="not an organisation mention"):
        resolve_org("、 。")
    assert split_org_list("、 。") == []
    assert not looks_like_org("  ")


@pytest.mark.parametrize(
    "text",
    ["市区" * 200 + "x", "（" * 300 + "市" * 300, "市财政局、" * 300, "郑州" * 300 + "局"],
    ids=["level-chars", "open-brackets", "long-list", "repeated-place"],
)
def test_pathological_input_is_fast(text):
    # a nested "(unit)+" place pattern once took seconds on 40 characters
    import time

    start = time.perf_counter()
    split_org_list(text)
    looks_like_org(text)
    resolve_org(text + "局", "郑州市")
    assert time.perf_counter() - start < 0.5


def test_district_government_named_by_its_district_alone():
    short = Org("中原区人民政府", "district_government", "county", "中原区", "中原区")
    assert resolve_org("郑州市中原区人民政府") == short
    assert resolve_org("中原区政府", "郑州市") == short
    assert resolve_org("区政府", "杭州市西湖区").name == "杭州市西湖区人民政府"
    assert resolve_org("郑州市郑东新区管委会").name == "郑东新区管委会"
    # a parent the gazetteer does not confirm is kept as written
    assert resolve_org("洛阳市中原区人民政府").name == "洛阳市中原区人民政府"
    # departments keep the jurisdiction chain
    assert resolve_org("区财政局", "杭州市西湖区").name == "杭州市西湖区财政局"


@pytest.mark.parametrize(
    "text",
    [
        "设在市商务局",  # corpus: 联席会议办公室（设在市商务局）
        "以下简称市国资委",
        "市卫计委会同市食品药品监督管理局负责",  # the role words are the core's to read
    ],
)
def test_looks_like_org_rejects_clauses_around_names(text):
    assert not looks_like_org(text)


@pytest.mark.parametrize("text", ["开发区管委", "各区人民政", "市政府食品安全委员", "街道办事"])
def test_names_cut_at_a_line_break_are_not_complete(text):
    # corpus 002 line 3484: "…各区政府、开发区管委\n会负责人。"
    assert not looks_like_org(text)
    assert looks_like_org(text + {"委": "会", "政": "府", "员": "会", "事": "处"}[text[-1]])


def test_second_nameplate_in_brackets():
    assert looks_like_org("市政府办公厅（市政府研究室）")
    assert resolve_org("市发展改革委（市物价局）", "郑州市") == resolve_org("市发改委", "郑州市")
    assert resolve_org("各县（市、区）政府").kind == "collective"  # not a second name


def test_trailing_role_words_are_dropped_not_rejected():
    assert split_org_list("市科技局牵头") == ["市科技局"]
    assert looks_like_org("各行业主管部门分别负责")


def test_national_bodies():
    assert split_org_list("国家发展改革委、财政部、工业和信息化部") == [
        "国家发展改革委",
        "财政部",
        "工业和信息化部",
    ]
    assert resolve_org("国家发展改革委") == Org("国家发展改革委", "department", "national", "国家")
    assert resolve_org("工信部", "郑州市") == Org("工业和信息化部", "department", "national")
    assert resolve_org("审计署").level == "national"


def test_provincial_collectives():
    # 河南省政府 style: 各省辖市、省直管县（市）人民政府
    assert split_org_list("各省辖市、省直管县（市）人民政府") == [
        "各省辖市",
        "省直管县（市）人民政府",
    ]
    assert looks_like_org("各省辖市")
    org = resolve_org("省直管县（市）人民政府", "河南省")
    assert org == Org("河南省直管县（市）政府", "collective", "county", "河南省", known=False)
    assert not looks_like_org("各地要加快建设智慧城市")


def test_other_city_styles():
    assert [resolve_org(m, "洛阳市嵩县").name for m in split_org_list("县发改局、财政局")] == [
        "嵩县发展改革委",
        "嵩县财政局",
    ]
    assert resolve_org("市自然资源和规划局", "洛阳市").name == "洛阳市自然资源局"
    assert resolve_org("宁波海关", "宁波市") == Org("宁波海关", "vertical_agency", "city", "宁波市")
    assert resolve_org("中国人民银行杭州中心支行").name == "人行杭州中心支行"
    zone = resolve_org("余杭经济技术开发区管委会", "杭州市")
    assert (zone.kind, zone.district) == ("development_zone", "余杭经济技术开发区")


def test_collectives_with_their_levels_in_brackets():
    for mention in ("各镇（街道）", "各乡镇（街道）", "各镇（街道）党委", "各乡（镇）"):
        assert looks_like_org(mention), mention
        assert resolve_org(mention, "汇川区") == Org(f"汇川区{mention}", "collective",
                                                    "unknown", "汇川区", None, False)
    assert split_org_list("区统计局，各镇（街道）") == ["区统计局", "各镇（街道）"]
    # A bracket that holds no level is not a collective's.
    assert not looks_like_org("各镇（推进）")


def test_a_street_keeps_its_own_name_inside_the_district():
    org = resolve_org("高坪街道办事处", "汇川区")
    assert (org.name, org.level, org.district) == ("汇川区高坪街道办事处", "township", "汇川区")


def test_registry_file_is_well_formed():
    # Every row has four columns, a known kind and scope, and no spelling names two orgs.
    owner: dict[str, str] = {}
    rows = (DATA / "org_aliases.tsv").read_text(encoding="utf-8")
    for line in rows.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, kind, scope, aliases = line.split("\t")
        assert kind in ORG_KINDS, line
        assert scope in ("rel", "abs", "coll", "nat"), line
        for spelling in [canonical, *([] if aliases == "-" else aliases.split("|"))]:
            assert owner.setdefault(spelling, canonical) == canonical, spelling


def test_phrases_that_hold_a_date_a_label_or_a_preposition_are_not_names() -> None:
    from extract.org_names import looks_like_org

    for phrase in ("8月底前制定煤矿", "二是各县（市、区）政府", "建设内容：推动郑州大学",
                   "市财政局对政府", "完善配套措施各县（市、区）"):
        assert not looks_like_org(phrase), phrase
    for name in ("市委对外宣传办", "市贸促会", "县计生协", "各县（市、区）政府"):
        assert looks_like_org(name), name


def test_lists_share_a_street_s_prefix_a_zone_s_committee_and_a_town_s_government() -> None:
    from extract.org_names import split_org_list

    # A street office's own offices; a station with a name of its own keeps it.
    assert split_org_list("街道平安建设办、司法所、观澜派出所、各社区") == [
        "街道平安建设办", "街道司法所", "观澜派出所", "各社区"]
    assert split_org_list("街道经济发展办、观澜市场监管所、党政办") == [
        "街道经济发展办", "观澜市场监管所", "街道党政办"]
    assert split_org_list("镇农业农村办、环卫所、各村（社区）") == [
        "镇农业农村办", "镇环卫所", "各村（社区）"]
    # Zones listed before a zone's 管委会 share it; towns before a town's 人民政府.
    assert split_org_list("市商务局、绵阳高新区、科技城新区、游仙经济开发区管委会") == [
        "市商务局", "绵阳高新区管委会", "科技城新区管委会", "游仙经济开发区管委会"]
    assert split_org_list("龙驹镇、古井乡人民政府") == ["龙驹镇人民政府", "古井乡人民政府"]
    # Not across a comma; a national system's body takes no province prefix.
    assert split_org_list("科技城新区，游仙经济开发区管委会") == [
        "科技城新区", "游仙经济开发区管委会"]
    assert split_org_list("省交通运输厅、民航西南地区管理局、财政厅") == [
        "省交通运输厅", "民航西南地区管理局", "省财政厅"]


def test_qualified_collectives_registry_bodies_that_end_like_a_cut_and_clauses() -> None:
    from extract.org_names import looks_like_org

    assert looks_like_org("区级有关执法部门")
    assert looks_like_org("市城管委")  # 城市管理委员会, not 管委会 cut at a line break
    assert not looks_like_org("郑东新区管委")
    # The work after 负责…，, read as if it were a name.
    assert not looks_like_org("区对重点项目实行全程代办")
    assert looks_like_org("将乐县人民政府") and looks_like_org("向阳区人民政府")


def test_a_name_holding_and_is_not_split_at_it() -> None:
    from extract.org_names import split_org_list

    assert split_org_list("南充市城市和交通建设投资集团有限公司") == [
        "南充市城市和交通建设投资集团有限公司"]
    assert split_org_list("顺庆区和高坪区人民政府") == ["顺庆区人民政府", "高坪区人民政府"]


def test_an_enterprise_s_full_name_may_run_long() -> None:
    from extract.org_names import looks_like_org

    assert looks_like_org("中国邮政集团有限公司伊犁哈萨克自治州分公司")
    assert looks_like_org("内蒙古电力（集团）有限责任公司鄂尔多斯供电分公司")
    assert not looks_like_org("全面推进城乡环境综合整治和农村人居环境整治工作领导小组办公室主任")
