"""Organisation names of any government: open vocabulary, identity, jurisdictions.

Every mention here is composed in the style of some government's documents (other
provinces, prefectures, counties and zones than the sample corpus); none is copied from
a real document.
"""

from __future__ import annotations

import pytest

from extract.models import Org
from extract.org_names import (
    document_jurisdiction,
    infer_jurisdiction,
    is_unplaced,
    jurisdiction_of,
    looks_like_org,
    resolve_org,
    split_org_list,
    unknown_orgs,
    unplaced_jurisdiction,
)

# --- names the registry does not know, recognised by their ending ---------------------


@pytest.mark.parametrize(
    ("mention", "jurisdiction", "expected"),
    [
        # development zones without 管委会 are named by their 管委会
        (
            "柯桥经济开发区",
            "柯桥区",
            Org("柯桥经济开发区管委会", "development_zone", "county", "柯桥区", "柯桥经济开发区",
                False),
        ),
        (
            "宜昌高新区",
            "宜昌市",
            Org("宜昌高新区管委会", "development_zone", "county", "宜昌市", "宜昌高新区", False),
        ),
        (  # a zone of the national list
            "合肥经开区",
            "合肥市",
            Org("合肥经济技术开发区管委会", "development_zone", "county", "合肥经济技术开发区",
                "合肥经济技术开发区"),
        ),
        (
            "云岭数字产业园",
            "某某县",
            Org("云岭数字产业园管委会", "development_zone", "county", "某某县", "云岭数字产业园",
                False),
        ),
        (
            "千岛湖旅游度假区",
            "淳安县",
            Org("千岛湖旅游度假区管委会", "development_zone", "county", "淳安县",
                "千岛湖旅游度假区", False),
        ),
        (  # 滨湖 is also the short form of 无锡's 滨湖区, but not in an 安徽 document
            "滨湖新区",
            "合肥市",
            Org("滨湖新区管委会", "development_zone", "county", "合肥市", "滨湖新区", False),
        ),
        # task forces, headquarters, working groups, centres
        ("市招商引资专班", "宜昌市",
         Org("宜昌市招商引资专班", "department", "city", "宜昌市", None, False)),
        ("区城市更新指挥部", "历城区",
         Org("历城区城市更新指挥部", "department", "county", "历城区", "历城区", False)),
        ("市防汛抗旱指挥部办公室", "宜昌市",
         Org("宜昌市防汛抗旱指挥部办公室", "department", "city", "宜昌市", None, False)),
        ("市重点项目推进工作组", "宜昌市",
         Org("宜昌市重点项目推进工作组", "department", "city", "宜昌市", None, False)),
        ("市大数据中心", "宜昌市", Org("宜昌市大数据中心", "other", "city", "宜昌市", None, False)),
        ("区公安分局", "历城区",
         Org("历城区公安分局", "department", "county", "历城区", "历城区", False)),
        # offices named 办 / 处 after their subject
        ("市乡村振兴办", "宜昌市",
         Org("宜昌市乡村振兴办", "department", "city", "宜昌市", None, False)),
        ("市大运河保护办", "扬州市",
         Org("扬州市大运河保护办", "department", "city", "扬州市", None, False)),
        ("市人防信息保障处", "扬州市",
         Org("扬州市人防信息保障处", "department", "city", "扬州市", None, False)),
        # enterprises: a bare local company is its government's
        ("交投集团", "柯桥区",
         Org("柯桥区交投集团", "enterprise", "county", "柯桥区", None, False)),
        ("城发公司", "某某县",
         Org("某某县城发公司", "enterprise", "county", "某某县", None, False)),
        # ... but a company naming its own place keeps its name
        ("移动宜昌分公司", "宜昌市", Org("移动宜昌分公司", "enterprise", known=False)),
        ("国网宜昌供电公司", "宜昌市", Org("宜昌供电公司", "enterprise", "city", "宜昌市")),
        # vertical agencies with their own place
        ("人行宜昌市中心支行", "宜昌市",
         Org("人行宜昌市中心支行", "vertical_agency", "city", "宜昌市", None, False)),
        ("扬州海关", "扬州市", Org("扬州海关", "vertical_agency", "city", "扬州市")),
        ("柯桥海关", "绍兴市",
         Org("柯桥海关", "vertical_agency", "county", "柯桥区", "柯桥区")),
        ("国家开发银行湖北省分行", "宜昌市",
         Org("国家开发银行湖北省分行", "vertical_agency", "province", "湖北省", None, False)),
        ("区税务局", "历城区",
         Org("历城区税务局", "vertical_agency", "county", "历城区", "历城区")),
        # towns and sub-districts take their county: town names repeat across China
        ("华舍街道", "柯桥区",
         Org("柯桥区华舍街道", "government", "township", "柯桥区", "柯桥区", False)),
        ("平水镇", "柯桥区",
         Org("柯桥区平水镇人民政府", "government", "township", "柯桥区", "柯桥区", False)),
        ("各社区管委会", "某某新区",
         Org("某某新区各社区管委会", "collective", "unknown", "某某新区", None, False)),
        # party organs, with a second nameplate
        ("区委宣传部（区文明办）", "历城区",
         Org("历城区委宣传部", "department", "county", "历城区", "历城区")),
        ("市委组织部(市委人才办)", "扬州市", Org("扬州市委组织部", "department", "city", "扬州市")),
    ],
)
def test_unknown_names_by_their_shape(mention, jurisdiction, expected):
    assert resolve_org(mention, jurisdiction) == expected


@pytest.mark.parametrize(
    "text",
    [
        "柯桥经济开发区",
        "宜昌高新区",
        "市招商引资专班",
        "区城市更新指挥部",
        "市防汛抗旱指挥部办公室",
        "市重点项目推进工作组",
        "交投集团、城发公司",
        "区公安分局、区税务局",
        "华舍街道、平水镇",
        "区委宣传部（区文明办）",
        "人行宜昌市中心支行、扬州海关",
        "市乡村振兴办、市人防信息保障处",
        "经开区",
    ],
)
def test_shapes_look_like_orgs(text):
    assert looks_like_org(text)


@pytest.mark.parametrize(
    "text",
    [
        "分管副市长",
        "常务副县长",
        "牵头领导",
        "主要负责同志",
        "市长",
        "李 明",
        "张强、刘芳",
        "周 涛\n吴 敏",
        "镇",
        "开发区管委",  # cut at a line break
    ],
)
def test_people_and_posts_are_never_orgs(text):
    assert not looks_like_org(text)


def test_known_flag_tells_registry_from_shape():
    assert resolve_org("市发改委", "宜昌市").known
    assert not resolve_org("市招商引资专班", "宜昌市").known
    assert unknown_orgs([]) == []


# --- registry spellings of other governments --------------------------------------------


@pytest.mark.parametrize(
    ("spellings", "canonical"),
    [
        (["省发改委", "省发展和改革委员会", "省发展改革委"], "四川省发展改革委"),
        (["省工信委", "省工业和信息化委员会"], "四川省工信委"),
        (["省住建厅", "省住房和城乡建设厅"], "四川省住房城乡建设厅"),
        (["省国土资源厅", "省国土厅"], "四川省国土资源厅"),
        (["市发展改革局", "市发改局", "市发展和改革局"], "宜昌市发展改革委"),
        (["市经信局", "市经济和信息化局"], "宜昌市经信局"),
        (["市经信委", "市经济和信息化委员会"], "宜昌市经信委"),
        (["市人力社保局", "市人保局", "市人力资源和社会保障局"], "宜昌市人社局"),
        (["市教体局", "市教育体育局"], "宜昌市教体局"),
        (["市人行", "市人民银行"], "宜昌市人行"),
    ],
)
def test_common_spellings_are_one_org(spellings, canonical):
    jurisdiction = "四川省" if spellings[0].startswith("省") else "宜昌市"
    assert {resolve_org(s, jurisdiction).name for s in spellings} == {canonical}


# --- the bugs the issue names ------------------------------------------------------------


def test_a_district_named_in_its_own_document_is_not_doubled():
    for mention in ("柯桥区", "柯桥区政府", "区政府", "绍兴市柯桥区人民政府"):
        assert resolve_org(mention, "绍兴市柯桥区").name == "柯桥区人民政府", mention
    assert resolve_org("吴中区", "苏州市吴中区").name == "吴中区人民政府"


def test_a_shared_district_name_is_consistent_in_its_document():
    # 鼓楼区 is a district of 南京, 福州, 徐州 and 开封: its city is part of its key
    for mention in ("鼓楼区", "区政府", "鼓楼区人民政府"):
        org = resolve_org(mention, "南京市鼓楼区")
        assert org.name == "南京市鼓楼区人民政府", mention
        assert org.district == "南京市鼓楼区"
    assert resolve_org("区政府", "福州市鼓楼区").name == "福州市鼓楼区人民政府"


@pytest.mark.parametrize("mention", ["市区财政局", "县区教育局", "市县", "市区", "区市", "省市县"])
def test_two_levels_at_once_never_raise(mention):
    org = resolve_org(mention, "宜昌市")
    assert org.name.startswith("宜昌市")


def test_two_levels_at_once_is_a_collective_of_that_government():
    assert resolve_org("市区财政局", "宜昌市") == Org(
        "宜昌市区财政局", "collective", "city", "宜昌市", None, False
    )
    assert resolve_org("区市场监管局", "历城区").name == "历城区市场监管局"  # 区 + 市场…


def test_a_province_prefix_is_kept():
    assert resolve_org("省地方金融监管局", "四川省") == Org(
        "四川省地方金融监管局", "department", "province", "四川省"
    )
    assert resolve_org("省地方金融监管局", "宜宾市").name == "四川省地方金融监管局"
    assert resolve_org("省地方金融监管局").name == "省地方金融监管局"


# --- identity across governments ----------------------------------------------------------


def test_two_cities_relative_names_are_two_orgs():
    assert resolve_org("市财政局", "济南市").name == "济南市财政局"
    assert resolve_org("市财政局", "青岛市").name == "青岛市财政局"
    # a level the document cannot place still carries the document's government
    assert resolve_org("区财政局", "济南市").name == "济南市区财政局"
    assert resolve_org("区财政局", "青岛市").name == "青岛市区财政局"
    # a county document's 市 names are its prefecture's
    assert resolve_org("市财政局", "历城区").name == "济南市财政局"
    # a 县级市 document's 市 names are its own
    assert resolve_org("市财政局", "常熟市").name == "常熟市财政局"


def test_unplaced_documents_never_share_relative_names():
    a, b = unplaced_jurisdiction("doc-a1"), unplaced_jurisdiction("doc-b2")
    assert is_unplaced(a) and not is_unplaced("济南市")
    assert resolve_org("区财政局", a) == Org("区财政局〔doc-a1〕", "department", "county")
    assert resolve_org("区财政局", a) != resolve_org("区财政局", b)
    assert resolve_org("财政局", a).name == "财政局〔doc-a1〕"
    assert resolve_org("各有关单位", a).name == "各有关单位〔doc-a1〕"
    # names with their own place are the same org in any document
    assert resolve_org("济南市财政局", a) == resolve_org("济南市财政局", b)
    assert resolve_org("扬州海关", a) == resolve_org("扬州海关")


@pytest.mark.parametrize(
    ("issuer", "mentions"),
    [
        ("济南市人民政府办公厅", ["市政府办公厅", "市政府办公室", "济南市政府办"]),
        ("四川省人民政府", ["省政府", "四川省政府"]),
        ("绍兴市柯桥区人民政府", ["区政府", "柯桥区政府", "柯桥区人民政府"]),
        ("中共宜昌市委办公室", ["市委办公室", "市委办"]),
    ],
)
def test_issuer_and_its_mentions_are_one_org(issuer, mentions):
    jurisdiction = jurisdiction_of(issuer)
    issuer_org = resolve_org(issuer, jurisdiction)
    for mention in mentions:
        assert resolve_org(mention, jurisdiction) == issuer_org, mention


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        ("济南市人民政府办公厅", "济南市"),
        ("绍兴市柯桥区人民政府", "柯桥区"),
        ("柯桥区人民政府", "柯桥区"),
        ("南京市鼓楼区人民政府办公室", "南京市鼓楼区"),
        ("四川省人民政府", "四川省"),
        ("广西壮族自治区人民政府办公厅", "广西壮族自治区"),
        ("大理白族自治州人民政府", "大理白族自治州"),
        ("宜昌高新技术产业开发区管理委员会", "宜昌高新技术产业开发区"),
        ("中共某某县委办公室", "某某县"),
        ("各有关单位", None),
        (None, None),
    ],
)
def test_jurisdiction_of_issuer(issuer, expected):
    assert jurisdiction_of(issuer) == expected


# --- a jurisdiction from the document's own text ----------------------------------------------

_SIGNED = """关于印发2023年重点工作任务分解的通知
各镇人民政府、街道办事处，区政府各部门：
现将任务分解印发给你们，请认真贯彻落实。
济南市历城区人民政府
2023年2月10日
1.推进城市更新。（区住建局牵头，区财政局配合）
"""

_TITLED = """宜昌市人民政府办公室关于印发重点工作责任分工的通知
各县市区人民政府，市政府各部门：
1.稳定工业增长。（市经信局负责）
"""

_QUOTED_OTHER = """根据《四川省人民政府关于下达年度目标的通知》要求，结合全区实际，
现将任务下达你们。
成都市武侯区人民政府
2022年3月1日
"""

_OWNERS_ONLY = """序号 | 任务 | 责任单位 |
1 | 建设产业园区。 | 柯桥区政府、市发改委 |
2 | 完善交通网络。 | 诸暨市政府、市交通运输局 |
"""

_PROVINCE_STYLE = """一、稳定经济增长
1.扩大有效投资，做好四川重大项目储备。（省发展改革委牵头，省财政厅配合）
2.推进四川制造业升级。（省经济和信息化厅负责）
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_SIGNED, "历城区"),
        (_TITLED, "宜昌市"),
        (_QUOTED_OTHER, "武侯区"),  # another document's title in 《》 does not count
        (_OWNERS_ONLY, "绍兴市"),  # the prefecture every named county lies in
        (_PROVINCE_STYLE, "四川省"),  # relative 省 names and the province the text names
        ("1.推进工作。（有关部门负责）", None),
    ],
)
def test_infer_jurisdiction(text, expected):
    assert infer_jurisdiction(text) == expected


def test_document_jurisdiction_is_never_none():
    assert document_jurisdiction("宜昌市人民政府", "", "doc-1") == "宜昌市"
    assert document_jurisdiction(None, _TITLED, "doc-1") == "宜昌市"
    assert document_jurisdiction(None, "1.推进工作。", "doc-1") == "〔doc-1〕"


# --- lists -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # levels listed with 、 inside one collective
        ("各县、市、区人民政府", ["各县（市、区）人民政府"]),
        ("各旗、县、区政府，市直各部门", ["各旗（县、区）政府", "市直各部门"]),
        # names glued when a table cell lost its line breaks
        ("区发改局区统计局", ["区发改局", "区统计局"]),
        ("市财政局 市商务局 各县市区政府", ["市财政局", "市商务局", "各县市区政府"]),
        ("市政府各有关部门", ["市政府各有关部门"]),  # one collective, not glued names
        # a lead marker stays on its item and does not hide the shared prefix
        ("★区发改委、统计局、税务局", ["★区发改委", "区统计局", "区税务局"]),
        # zones with a shared 管委会 and a second nameplate
        ("柯桥经济开发区、平水镇", ["柯桥经济开发区", "平水镇"]),
    ],
)
def test_split_other_styles(text, expected):
    assert split_org_list(text) == expected


def test_zone_with_a_town_nameplate_resolves_to_the_zone():
    org = resolve_org("柯桥经济开发区（平水镇）管委会", "柯桥区")
    assert org.name == "柯桥经济开发区管委会"
    assert org.kind == "development_zone"


def test_a_long_list_is_split_whole():
    names = ["市财政局", "区发改委", "县教育局", "各有关单位", "扬州海关"]
    text = "、".join(names * 3200)  # 16,000 organisations on one line
    items = split_org_list(text)
    assert len(items) == 16000
    assert items[:5] == names
    assert looks_like_org(text) is False  # a phrase of 16,000 names is not "a name"
