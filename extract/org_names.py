"""Organisation lists and canonical organisation names.

Government task documents name the organisations responsible for a task in
lists such as ``市科技局、工信委、发展改革委`` or ``郑州高新区、郑东新区管委会``:
a shared place prefix is written once at the front and a shared body once at
the back. :func:`split_org_list` turns such a list into full *mentions*;
:func:`resolve_org` turns a mention into an :class:`~extract.models.Org` with a
canonical name, so ``市发改委`` and ``市发展和改革委员会`` are one organisation.

Known spellings live in the data file ``extract/data/org_aliases.tsv`` (format in
its header), not in code. A name is read as *place* + *body*: the body is looked
up in the registry (longest match wins) and the place is a relative level
(市/区/县/省), a gazetteer place (郑州, 杭州市西湖区, see
:mod:`extract.districts`) or anything shaped like a place name (苏州市). Names the
registry does not know are classified by their ending (局/委/办 department,
公司/厂 enterprise, 管委会 development zone …).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from extract.districts import (
    COUNTY_LEVEL_KINDS,
    district_of_org,
    lookup_place,
    place_prefix,
    place_spellings,
)
from extract.models import Org, OrgKind

__all__ = [
    "aliases_of",
    "jurisdiction_of",
    "looks_like_org",
    "normalise_org_text",
    "registry_terms",
    "resolve_org",
    "split_org_list",
]

_DATA = Path(__file__).parent / "data" / "org_aliases.tsv"

_LEVEL_CHARS = "市区县省"
_LEVEL_OF_CHAR = {"市": "city", "区": "county", "县": "county", "省": "province"}
_LEVEL_OF_PLACE_KIND = {
    "province": "province",
    "city": "city",
    "district": "county",
    "county": "county",
    "county_city": "county",
    "development_zone": "county",
}

_WS = re.compile(r"\s+")
_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）"})
_OPEN, _CLOSE = "（[【〈《", "）]】〉》"

# Separators that always split a list (at bracket depth 0) ...
_HARD_SEPS = "，,；;"
_LIST_SEPS = "、"
# ... and conjunctions that only split between two org names: 和 also occurs
# inside names (发展和改革委员会, 人力资源和社会保障局), where the text before it
# never ends like an organisation does.
_CONJUNCTIONS = "和及与"
_ORG_END_CHARS = frozenset("局委办厅部府会司院队社联所行处室站心关团厂区县市")

_LEADING_LABEL = re.compile(r"^(?:责任|牵头|配合|参与|协办|主办)(?:单位|部门)[：:]")
_TRAILING = re.compile(
    r"(?:等(?:有关|相关|其他)?(?:部门|单位)?)?"
    r"(?:按照?职责分工|按职责|分别)?(?:牵头)?(?:负责)?"
    r"[。．.，,、；;：:]*$"
)
# Outline markers glued to the first name by line repair: （二）, 第五条, 3.
_ENUMERATION = re.compile(
    r"^(?:（[一二三四五六七八九十\d]{1,3}）|第[一二三四五六七八九十百\d]{1,4}[条款项]|\d{1,2}[.．、])"
)
_TRAILING_PUNCT = re.compile(r"[。．.，,、；;：:]+$")

# A place written out in a name: short and ending in an administrative suffix
# ("苏州市", "苏州市吴中区"). Used only on the part in front of a registry body,
# so it cannot eat into the body. One flat quantifier: a nested "(unit)+" shape
# backtracks exponentially on long non-places.
_PLACE_SHAPE = re.compile(r"^[\u4e00-\u9fff]{1,15}[省市州盟区县旗]$")
_NOT_PLACE_START = frozenset("各相有全本该其")
_NATIONAL_PLACES = ("国家", "国务院", "中央")

# Collectives: "each/relevant X", member units, the generic 县（市、区）.
_COLLECTIVE = re.compile(
    r"^(?:各|相关|有关|其他|全市各|市级各|区级各|县级各|市直各?|区直各?|县直各?)"
    r"|成员单位|有关部门|相关部门|有关单位|相关单位|主管部门|管理部门|县（市、区）"
    r"|省辖市|省直管县|县（市）|乡（镇）"
)

# How a collective ends when it names organisations ("各有关单位"), not a verb phrase.
_COLLECTIVE_END = re.compile(
    r"(?:部门|单位|政府|管委会|企业|厂|机构|县（市、区）|县（市）|开发区|各地|乡镇|街道|"
    r"办事处|镇街|社区|园区|学校|医院|省辖市|[市县区乡镇村]|（[^（）]*[市县区镇]）)$"
)

# Words of a sentence, not of a name ("各地要加快建设智慧城市").
_CLAUSE_HINT = re.compile(r"要|应当|必须|须|将|把|按照|加快|推进|做好|落实|建设|开展")

# Name endings -> kind, checked in order, for names the registry does not know.
_SUFFIX_KINDS: tuple[tuple[re.Pattern[str], OrgKind], ...] = (
    (re.compile(r"(?:人民政府|政府)$"), "government"),
    (re.compile(r"(?:管委会|管理委员会)$"), "development_zone"),
    (re.compile(r"(?:公司|集团|厂|电厂|矿|有限公司|股份公司|银行)$"), "enterprise"),
    (re.compile(r"(?:海关|中心支行|支行|分行|监管局|监管分局|银监局|保监局|证监局)$"),
     "vertical_agency"),
    (re.compile(r"(?:总工会|工会|妇联|科协|残联|工商联|文联|侨联|红十字会|团委|协会|学会)$"),
     "people_organisation"),
    # Public institutions (电台, 医院, 学校 …): organisations, but not departments.
    (re.compile(r"(?:电台|电视台|报社|日报社|馆|学校|大学|学院|医院|研究院|研究所)$"), "other"),
    (re.compile(
        r"(?:局|委|办|厅|部|委员会|办公室|中心|所|站|队|支队|大队|院|社|室|处|署|分局|指挥部|小组)$"
    ), "department"),
)

# Things that end like an org but name a person or a post.
_PERSON_OR_POST = re.compile(
    r"负责人|负责同志|同志|组长|领导|主任|局长|处长|科长|厅长|部长|市长|县长|区长|书记|主席|干部|人员"
)
# Openings of verb phrases ("参与市场化电量交易", "加强监管") that are never names.
_VERB_START = re.compile(
    r"^(?:参与|参加|开展|推进|推动|加强|加快|建立|健全|完善|组织|制定|实施|落实|负责|配合|协助|做好|"
    r"举办|支持|鼓励|引导|督促|指导|严格|强化|深化|提高|提升|确保|按照|根据|依托|围绕|积极|进一步|"
    r"牵头|会同|做|抓|由|设在|位于|隶属|包括|以下简称|简称|例如|从)"
)
# Names cut short (a PDF line break inside 管委会, 人民政府, 委员会, 办事处): the
# core asks looks_like_org whether a line ends at a complete name.
_TRUNCATED = re.compile(r"(?:管委|管理委员|人民政|委员|办事|有限公)$")
_SECOND_NAME = re.compile(r"^([^（）]{2,30})（([^（）]{2,30})）$")
# Role words inside an item: "市卫计委会同市食品药品监督管理局" is a clause, not a name.
_ROLE_WORD = re.compile(r"会同|牵头|配合|协助|协办")


# 团市委 / 共青团郑州市委: the level sits inside the name, so it takes no prefix.
_YOUTH = re.compile(r"^(?:共青团|团)(.*?)([市区县省])委$")


class _Entry(NamedTuple):
    canonical: str
    kind: OrgKind
    scope: str  # rel | abs | coll


class _Parse(NamedTuple):
    """A normalised name read as place + body."""

    place: str  # "" (bare), a level char, or a written-out place
    body: str  # the body as written ("" if the name is only a place)
    entry: _Entry | None  # registry row for the body, if known


def normalise_org_text(text: str) -> str:
    """Normalise a name or list for lookup: no whitespace, full-width brackets.

    Parameters
    ----------
    text : str
        Raw text, possibly with PDF line breaks and half-width or 〔〕 brackets.

    Returns
    -------
    str
        The text without whitespace, with ``( ) 〔 〕`` written as ``（ ）``.
    """
    return _WS.sub("", text).translate(_BRACKETS)


@lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, _Entry], dict[str, list[str]]]:
    """Alias -> entry, and canonical -> its spellings; loaded once."""
    index: dict[str, _Entry] = {}
    spellings: dict[str, list[str]] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, kind, scope, aliases = line.split("\t")
        entry = _Entry(canonical, kind, scope)  # type: ignore[arg-type]
        names = [canonical] + ([] if aliases == "-" else aliases.split("|"))
        names = [normalise_org_text(n) for n in names]
        spellings[canonical] = list(dict.fromkeys(names))
        for name in names:
            index.setdefault(name, entry)
    return index, spellings


@lru_cache(maxsize=1)
def _rel_index() -> dict[str, _Entry]:
    return {k: e for k, e in _registry()[0].items() if e.scope == "rel"}


def registry_terms() -> list[str]:
    """Every spelling in the registry, e.g. for a jieba user dictionary.

    Returns
    -------
    list of str
        Registry spellings, longest first. ``rel`` bodies are also given with
        the 市/区/县 prefixes (``市发改委``) since documents write them that way.
    """
    terms: set[str] = set()
    for name, entry in _registry()[0].items():
        terms.add(name)
        if entry.scope == "rel" and entry.kind != "government":
            terms.update(c + name for c in "市区县")
    return sorted(terms, key=lambda t: (-len(t), t))


def aliases_of(canonical_generic: str) -> list[str]:
    """Known spellings of an organisation.

    Parameters
    ----------
    canonical_generic : str
        A registry canonical or any alias, with or without its place prefix:
        ``"发展改革委"``, ``"市发改委"``, ``"郑州市发展改革委"``.

    Returns
    -------
    list of str
        The spellings, each with the same place prefix as the argument
        (``市发展改革委``, ``市发改委`` …), canonical first; ``[]`` if unknown.
    """
    norm = normalise_org_text(canonical_generic)
    index, spellings = _registry()
    if norm in index and index[norm].scope != "rel":
        return list(spellings[index[norm].canonical])
    parse = _parse(norm)
    if parse.entry is None or not parse.body:
        return []
    return [parse.place + s for s in spellings[parse.entry.canonical]]


def _is_place(text: str) -> bool:
    """Whether ``text`` reads as a written-out place (郑州, 洛阳市, 苏州市吴中区)."""
    if not text or text[0] in _NOT_PLACE_START:
        return False
    if text in _NATIONAL_PLACES:
        return True
    _, rest = place_prefix(text)
    if not rest:
        return True
    return bool(_PLACE_SHAPE.match(rest))


@lru_cache(maxsize=8192)
def _parse(norm: str) -> _Parse:
    """Read a normalised name as place + registry body (longest body wins)."""
    index = _rel_index()
    for i in range(len(norm)):
        body = norm[i:]
        entry = index.get(body)
        if entry is None:
            continue
        place = norm[:i]
        if place == "" or place in _LEVEL_CHARS or _is_place(place):
            return _Parse(place, body, entry)
    # Unknown body: still split off a relative level or a gazetteer place.
    places, rest = place_prefix(norm)
    if places and rest:
        return _Parse(norm[: len(norm) - len(rest)], rest, None)
    if places:
        return _Parse(norm, "", None)
    if len(norm) > 2 and norm[0] in _LEVEL_CHARS and norm[1] not in "级直场":
        return _Parse(norm[0], norm[1:], None)
    return _Parse("", norm, None)


def _is_collective(norm: str) -> bool:
    return bool(_COLLECTIVE.search(norm))


def _suffix_kind(name: str) -> OrgKind | None:
    for pattern, kind in _SUFFIX_KINDS:
        if pattern.search(name):
            return kind
    return None


def _place_info(place: str) -> tuple[str, str, str | None]:
    """(jurisdiction, level, place kind) for a written-out place."""
    if place in _NATIONAL_PLACES:
        return place, "national", None
    places, rest = place_prefix(place)
    if places and not rest:
        last = places[-1]
        # Write the jurisdiction out in full ("郑州" -> "郑州市") but keep the
        # chain ("杭州市西湖区") so two cities' 西湖区 stay apart.
        chain = "".join(p.name for p in places)
        return chain, _LEVEL_OF_PLACE_KIND.get(last.kind, "unknown"), last.kind
    end = place[-1]
    level = {"省": "province", "区": "province" if place.endswith("自治区") else "county",
             "县": "county", "旗": "county", "市": "city", "州": "city", "盟": "city"}
    return place, level.get(end, "unknown"), None


def _level_char(jurisdiction: str) -> str | None:
    """The relative prefix a jurisdiction's own documents use (郑州市 -> 市)."""
    place = lookup_place(jurisdiction)
    if place is not None and place.kind == "development_zone":
        return "区"
    return jurisdiction[-1] if jurisdiction[-1] in _LEVEL_CHARS else None


def _province_of(jurisdiction: str) -> str | None:
    place = lookup_place(jurisdiction)
    while place is not None and place.kind != "province":
        place = lookup_place(place.parent) if place.parent else None
    return place.name if place else None


def _qualify_relative(
    level_char: str, body: str, jurisdiction: str | None
) -> tuple[str, str | None, str]:
    """Name, jurisdiction and level for ``level_char + body`` in a jurisdiction."""
    level = _LEVEL_OF_CHAR[level_char]
    if jurisdiction:
        if _level_char(jurisdiction) == level_char:
            place = lookup_place(jurisdiction)
            if place is not None:
                level = _LEVEL_OF_PLACE_KIND.get(place.kind, level)
            return jurisdiction + body, jurisdiction, level
        if level_char == "省":
            province = _province_of(jurisdiction)
            if province:
                return province + body, province, "province"
    # A relative name of another level than the issuing government (区财政局 in a
    # city document) cannot be placed; it stays relative.
    return level_char + body, None, level


@lru_cache(maxsize=8192)
def resolve_org(mention: str, jurisdiction: str | None = None) -> Org:
    """Resolve a mention to its canonical organisation.

    Parameters
    ----------
    mention : str
        One organisation as written, after list repair (see
        :func:`split_org_list`): ``"市发改委"``, ``"登封市政府"``,
        ``"各县〔市、区〕政府"``, ``"郑州海关"``.
    jurisdiction : str, optional
        The place of the government that issued the document (``"郑州市"``,
        ``"杭州市西湖区"``). Relative names are qualified with it.

    Returns
    -------
    Org
        ``name`` is canonical: the registry's short official form with the
        mention's own prefix (``市发展改革委``). With a jurisdiction whose level
        matches the prefix it is qualified (``郑州市发展改革委``; ``省…`` uses the
        jurisdiction's province when the gazetteer knows it); ``郑州市科技局``
        in a 郑州市 document is therefore the same as ``市科技局``. Without a
        jurisdiction, ``市科技局`` stays relative while ``郑州市科技局`` keeps its
        place. Names carrying their own place (``郑州海关``,
        ``登封市人民政府``) are never re-qualified. Collectives get kind
        ``collective`` and the jurisdiction in front (``郑州市各县（市、区）政府``).
        Unknown names are classified by their ending and keep their spelling.
        District governments and zones are named by their district alone
        (``郑州市中原区人民政府`` -> ``中原区人民政府``).

    Raises
    ------
    ValueError
        If nothing is left of ``mention`` after whitespace, punctuation and a
        trailing ``等``/``负责`` are removed (:func:`split_org_list` never yields
        such items).
    """
    norm = _clean_item(normalise_org_text(mention))
    if not norm:
        raise ValueError(f"not an organisation mention: {mention!r}")
    if norm.endswith("）"):
        norm = _second_name(norm) or norm
    return _short_district_name(_resolve(norm, jurisdiction))


def _short_district_name(org: Org) -> Org:
    """Name a district government or zone by its district alone.

    ``郑州市中原区人民政府``, ``区政府`` in a 中原区 document and ``中原区政府``
    are one organisation, named ``中原区人民政府`` like the ``district`` field.
    """
    if org.kind not in ("district_government", "development_zone") or not org.district:
        return org
    spelled, rest = place_spellings(org.name)
    if len(spelled) < 2 or spelled[-1][1].name != org.district:
        return org
    if spelled[-1][1].parent != spelled[-2][1].name:
        return org  # not the known parent: keep what the text says
    return Org(org.district + rest, org.kind, org.level, org.district, org.district)


def _resolve(norm: str, jurisdiction: str | None) -> Org:
    """resolve_org on a cleaned, non-empty mention."""
    if norm.startswith("中共") and len(norm) > 4:
        norm = norm[2:]  # 中共郑州市委宣传部 = 郑州市委宣传部
    index = _registry()[0]
    entry = index.get(norm)
    if entry is not None and entry.scope == "nat":
        return Org(entry.canonical, entry.kind, "national", None, None)
    if entry is not None and entry.scope == "abs":
        place, _ = _leading_place(entry.canonical)
        juris, level, _ = _place_info(place) if place else (None, "unknown", None)
        return Org(entry.canonical, entry.kind, level, juris, district_of_org(entry.canonical))
    if (entry is not None and entry.scope == "coll") or _is_collective(norm):
        known = entry.canonical if entry is not None and entry.scope == "coll" else norm
        return _collective(known, jurisdiction)

    youth = _YOUTH.match(norm)
    if youth:
        place = youth.group(1)
        if not place:
            name, juris, level = _qualify_relative(youth.group(2), "", jurisdiction)
            if juris:
                return Org(f"共青团{juris}委", "people_organisation", level, juris)
            return Org(f"团{youth.group(2)}委", "people_organisation", level, None)
        juris, level, _ = _place_info(place + youth.group(2))
        return Org(f"共青团{juris}委", "people_organisation", level, juris)

    parse = _parse(norm)
    if parse.entry is not None:
        body, kind = parse.entry.canonical, parse.entry.kind
    else:
        body, kind = parse.body, (_suffix_kind(parse.body) or "other") if parse.body else "other"
    if not parse.body:
        # The mention is only a place (中原区): read it as that place's government.
        return _place_org(parse.place, "", None)
    if parse.place == "":
        if jurisdiction and kind not in ("enterprise",):
            juris_place = lookup_place(jurisdiction)
            level = "unknown"
            if juris_place is not None:
                level = _LEVEL_OF_PLACE_KIND.get(juris_place.kind, "unknown")
            name = jurisdiction + body
            return Org(name, _gov_kind(kind, level), level, jurisdiction, district_of_org(name))
        return Org(body, kind, "unknown", None, None)
    if parse.place in _LEVEL_CHARS:
        name, juris, level = _qualify_relative(parse.place, body, jurisdiction)
        kind = _gov_kind(kind, level)
        district = None
        if juris and kind != "enterprise":
            district = district_of_org(name)
        return Org(name, kind, level, juris, district)
    return _place_org(parse.place, body, kind)


def _gov_kind(kind: OrgKind, level: str) -> OrgKind:
    """A government below city level is a district government."""
    if kind == "government" and level == "county":
        return "district_government"
    return kind


def _canonical_place(place: str) -> str:
    """Write county-level places canonically (郑州经济开发区 -> 郑州经开区, 管城区 ->
    管城回族区); city and province spellings stay, they are part of official
    names (郑州海关 is not 郑州市海关)."""
    spelled, rest = place_spellings(place)
    parts = [p.name if p.kind in COUNTY_LEVEL_KINDS else s for s, p in spelled]
    return "".join(parts) + rest


def _place_org(place: str, body: str, kind: OrgKind | None) -> Org:
    """An org whose name carries its own place: never re-qualified."""
    place = _canonical_place(place)
    juris, level, place_kind = _place_info(place)
    if not body:
        if place_kind == "development_zone":
            body, kind = "管委会", "development_zone"
        else:
            body, kind = "人民政府", "government"
    name = place + body
    kind = _gov_kind(kind or "other", level)
    if kind == "development_zone" and place_kind not in (None, "development_zone"):
        kind = "department"  # 某区管委会 of a plain district is unusual; keep it generic
    district = None if kind in ("enterprise",) else district_of_org(name)
    return Org(name, kind, level, juris, district)


def _leading_place(name: str) -> tuple[str, str]:
    places, rest = place_prefix(name)
    if places:
        return name[: len(name) - len(rest)], rest
    match = re.search(r"(?:人行|人民银行)(.+?)(?:中心支行|支行)$", name)
    if match and _is_place(match.group(1)):
        return match.group(1), name
    return "", name


def _collective(canonical: str, jurisdiction: str | None) -> Org:
    """A collective (各县（市、区）政府): qualified by putting the place in front."""
    canonical = canonical.replace("人民政府", "政府") if "（市" in canonical else canonical
    level = "unknown"
    if re.search(r"[县区]（市(?:、区)?）|[县区](?:人民)?政府$", canonical):
        level = "county"
    elif canonical[0] in _LEVEL_CHARS:
        level = _LEVEL_OF_CHAR[canonical[0]]
    places, _ = place_prefix(canonical)
    if places:  # the text names its place already (郑州市政府其他各有关单位)
        return Org(canonical, "collective", level, "".join(p.name for p in places), None)
    if not jurisdiction:
        return Org(canonical, "collective", level, None, None)
    if canonical[0] in _LEVEL_CHARS and _level_char(jurisdiction) == canonical[0]:
        return Org(jurisdiction + canonical[1:], "collective", level, jurisdiction, None)
    return Org(jurisdiction + canonical, "collective", level, jurisdiction, None)


def _split_top_level(text: str) -> list[tuple[str, str]]:
    """Split on separators outside brackets -> [(item, separator before it)]."""
    items: list[tuple[str, str]] = []
    depth = 0
    start = 0
    sep_before = ""
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in _HARD_SEPS or ch in _LIST_SEPS):
            items.append((text[start:i], sep_before))
            sep_before, start = ch, i + 1
        elif depth == 0 and ch in _CONJUNCTIONS and _ends_like_org(text[start:i]):
            items.append((text[start:i], sep_before))
            sep_before, start = "、", i + 1
    items.append((text[start:], sep_before))
    return items


def _ends_like_org(left: str) -> bool:
    if len(left) < 2:
        return False
    return left[-1] in _ORG_END_CHARS or left[-1] == "）"


def _clean_item(item: str) -> str:
    item = _ENUMERATION.sub("", item)
    item = _TRAILING.sub("", item)
    return _TRAILING_PUNCT.sub("", item)


def _is_bare_place(item: str) -> bool:
    """A list item that is only a county-level place (郑州高新区, 中原区)."""
    if _is_collective(item):
        return False
    places, rest = place_prefix(item)
    if places and not rest:
        return places[-1].kind in COUNTY_LEVEL_KINDS
    shaped = re.fullmatch(r"[\u4e00-\u9fff]{1,6}?(?:区|县)", item)
    return bool(shaped) and item[0] not in "各相有全本该其市"


def _sets_prefix(parse: _Parse) -> bool:
    """Whether a list item's place should be carried to following bare items."""
    if not parse.place or not parse.body:
        return False
    kind = parse.entry.kind if parse.entry else _suffix_kind(parse.body)
    if kind in (None, "enterprise", "collective", "development_zone"):
        return False
    if parse.place in _NATIONAL_PLACES:
        return False  # 国家发展改革委、财政部: ministries are not "国家财政部"
    # 郑州海关 names its own seat; 市国税局 is relative like any department.
    return not (kind == "vertical_agency" and parse.place not in _LEVEL_CHARS)


def _takes_prefix(item: str, parse: _Parse) -> bool:
    """Whether a bare list item is a department abbreviation that lost its prefix."""
    if parse.place or not parse.body or _is_collective(item) or _YOUTH.match(item):
        return False
    if parse.entry is not None:
        return parse.entry.kind not in ("enterprise", "development_zone", "collective") and (
            parse.entry.canonical != "人民政府"
        )
    return _suffix_kind(item) == "department" and len(item) <= 12 and not _VERB_START.match(item)


def split_org_list(text: str) -> list[str]:
    """Split a list of organisations into full mentions.

    Parameters
    ----------
    text : str
        A list as written, e.g. ``"市科技局、工信委、发展改革委"``,
        ``"郑州高新区、郑东新区管委会"``, ``"各县（市、区）政府和开发区管委会"``.
        Whitespace and newlines are ignored; a leading ``责任单位：`` label and a
        trailing ``等部门``/``负责``/punctuation are dropped.

    Returns
    -------
    list of str
        The mentions in order, brackets normalised to full-width ``（）``. A
        shared prefix is given to the bare department abbreviations that follow
        a prefixed department (``市科技局、工信委`` -> ``市工信委``;
        ``郑州市科技局、工信委`` -> ``郑州市工信委``); names with their own place,
        collectives, enterprises and vertical agencies are left alone. A shared
        body at the end is given to the bare places before it
        (``中原区、二七区人民政府`` -> ``中原区人民政府``, ``二七区人民政府``), but
        only across ``、``/和/及/与, never across ``，`` or ``；``.
        Separators inside brackets never split (``各县（市、区）政府``).
    """
    norm = _LEADING_LABEL.sub("", normalise_org_text(text))
    raw = [(_clean_item(item), sep) for item, sep in _split_top_level(norm)]
    raw = [(item, sep) for item, sep in raw if item]
    items = [item for item, _ in raw]

    # Shared body at the end: 中原区、二七区人民政府.
    i = 0
    while i < len(items):
        if not _is_bare_place(items[i]):
            i += 1
            continue
        j = i
        while j < len(items) and _is_bare_place(items[j]) and (j == i or raw[j][1] == "、"):
            j += 1
        if j < len(items) and raw[j][1] == "、":
            parse = _parse(items[j])
            if (
                parse.place
                and parse.body
                and parse.place not in _LEVEL_CHARS
                and _is_bare_place(parse.place)
            ):
                for k in range(i, j):
                    items[k] = items[k] + parse.body
        i = j + 1 if j > i else i + 1

    # Shared prefix at the front: 市科技局、工信委.
    prefix = ""
    out: list[str] = []
    for item in items:
        parse = _parse(item)
        if _sets_prefix(parse):
            prefix = parse.place
        elif prefix and "委" + item in _rel_index():
            # Party bodies hang off the party committee: 市委宣传部、组织部 -> 市委组织部.
            item = prefix + "委" + item
        elif prefix and _takes_prefix(item, parse):
            item = prefix + item
        out.append(item)
    return out


def _second_name(item: str) -> str | None:
    """The name before a bracketed second name: 市发展改革委（市物价局） -> 市发展改革委.

    One office often carries two nameplates; the first is the one to resolve.
    """
    match = _SECOND_NAME.match(item)
    if match and _item_looks_like_org(match.group(1)) and _item_looks_like_org(match.group(2)):
        return match.group(1)
    return None


def _item_looks_like_org(item: str) -> bool:
    if item.endswith("）") and _second_name(item):
        return True
    if not 2 <= len(item) <= 30 or "的" in item or _TRUNCATED.search(item):
        return False
    index = _registry()[0]
    if item in index:
        return True
    if _is_collective(item):
        return (
            len(item) <= 16
            and not _CLAUSE_HINT.search(item)
            and bool(_COLLECTIVE_END.search(item))
        )
    if _PERSON_OR_POST.search(item) or _VERB_START.match(item) or _ROLE_WORD.search(item):
        return False
    parse = _parse(item)
    if parse.entry is not None:
        return True
    if not parse.body:
        return _is_bare_place(item)
    if len(item) > 20:
        return False
    return _suffix_kind(parse.body) is not None


@lru_cache(maxsize=8192)
def looks_like_org(text: str) -> bool:
    """Whether a short phrase names one or more organisations.

    Parameters
    ----------
    text : str
        A phrase such as the X in ``（X负责）``: ``"市环保局、国土资源局"``,
        ``"主要负责同志"``, ``"参与市场化电量交易"``.

    Returns
    -------
    bool
        True when every item of the phrase (split as in :func:`split_org_list`)
        is a registry name, a collective, a place, or a short name with an
        organisation ending; False for posts and people (``负责人``, ``组长``),
        verb phrases and anything longer than 60 characters.
    """
    norm = normalise_org_text(text)
    if not norm or len(norm) > 60:
        return False
    items = split_org_list(norm)
    return bool(items) and all(_item_looks_like_org(item) for item in items)


def jurisdiction_of(issuer: str | None) -> str | None:
    """The place a government's relative names (``市财政局``) belong to.

    ``郑州市人民政府办公厅`` -> ``郑州市``; ``杭州市西湖区人民政府`` -> ``杭州市西湖区``;
    ``河南省人民政府`` -> ``河南省``.
    """
    if not issuer:
        return None
    match = re.match(r"^(.+?(?:省|自治区|市|州|盟|县|区|旗))(?:人民政府|政府|委员会)", issuer)
    return match.group(1) if match else None
