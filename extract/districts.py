"""County-level places (县/市/区 and development zones) in org names and task text.

The gazetteer lives in ``extract/data/districts.tsv`` (format described in its
header). It lists provinces and cities too, because :mod:`extract.org_names`
needs them to recognise a place prefix such as ``郑州`` in ``郑州海关``; but only
*county-level* places are ever returned as districts here.

Development zones (郑东新区, 郑州高新区, 郑州经开区, 郑州航空港区) are returned
as districts: in task documents they are assigned work exactly like the
县（市、区）, through their 管委会, so a user asking "what must 郑东新区 do"
expects them. Their gazetteer kind ``development_zone`` keeps them apart for
anyone who wants only administrative divisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "COUNTY_LEVEL_KINDS",
    "Place",
    "district_of_org",
    "districts_in_text",
    "lookup_place",
    "place_prefix",
    "place_spellings",
]

_DATA = Path(__file__).parent / "data" / "districts.tsv"

COUNTY_LEVEL_KINDS: frozenset[str] = frozenset(
    {"district", "county", "county_city", "development_zone"}
)

# Text comes from PDF conversion: stray spaces and newlines sit inside names.
_WS = re.compile(r"\s+")
# An unknown district/county written before a government or zone body.
_UNKNOWN_COUNTY = re.compile(
    r"([\u4e00-\u9fff]{1,10}?(?:回族区|区|县))(?:人民政府|政府|管委会|管理委员会)$"
)
# Words that can end in 区/县 without being a place name ("各区", "全县", "市区").
_NOT_A_PLACE_START = frozenset("各相有全本该市县省区")
# Generic area words that end in 区 but name no particular place (开发区管委会).
_GENERIC_AREAS = frozenset(
    {
        "开发区", "新区", "高新区", "经开区", "园区", "城区", "市区", "景区", "社区", "片区",
        "辖区", "实验区", "试验区", "示范区", "保税区", "综保区", "集聚区", "功能区", "街区",
        "矿区", "林区", "山区", "郊区", "老区", "校区", "小区", "地区", "全区", "本区", "各区",
        "县区", "全县", "本县", "各县",
    }
)
# Suffixes that make a place-named org an enterprise, whose seat is not a district claim.
_ENTERPRISE_HINT = re.compile(r"公司|集团|厂|银行|有限")


class Place(NamedTuple):
    """One gazetteer row.

    ``name`` is canonical, ``parent`` the enclosing place (or None), ``kind`` one
    of province/city/district/county/county_city/development_zone, ``strict``
    whether the name is an everyday word matched only inside org names.
    """

    name: str
    parent: str | None
    kind: str
    strict: bool


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, Place]:
    """Every spelling (name and aliases) -> its Place, loaded once."""
    table: dict[str, Place] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, parent, kind, strict = line.split("\t")
        place = Place(name, None if parent == "-" else parent, kind, strict == "1")
        table[name] = place
        if aliases != "-":
            for alias in aliases.split("|"):
                table[alias] = place
    return table


@lru_cache(maxsize=1)
def _by_first_char() -> dict[str, tuple[str, ...]]:
    """Spellings grouped by first character, longest first, for prefix scans."""
    groups: dict[str, list[str]] = {}
    for spelling in _gazetteer():
        groups.setdefault(spelling[0], []).append(spelling)
    return {c: tuple(sorted(s, key=len, reverse=True)) for c, s in groups.items()}


def lookup_place(name: str) -> Place | None:
    """Look a place up by any of its spellings.

    Parameters
    ----------
    name : str
        A place name or alias, e.g. ``"郑州"``, ``"管城区"``, ``"郑州高新技术产业开发区"``.

    Returns
    -------
    Place or None
        The gazetteer row (with the canonical name), or None when unknown.
    """
    return _gazetteer().get(_WS.sub("", name))


@lru_cache(maxsize=4096)
def place_prefix(name: str) -> tuple[tuple[Place, ...], str]:
    """Split the known gazetteer places off the front of a name.

    Parameters
    ----------
    name : str
        An organisation name, e.g. ``"杭州市西湖区财政局"``.

    Returns
    -------
    (places, rest) : tuple
        The places read left to right (``(杭州市, 西湖区)``) and the remaining
        text (``"财政局"``). Places are matched longest-first so ``郑州高新区``
        wins over ``郑州``.
    """
    spelled, rest = place_spellings(name)
    return tuple(place for _, place in spelled), rest


@lru_cache(maxsize=4096)
def place_spellings(name: str) -> tuple[tuple[tuple[str, Place], ...], str]:
    """Like :func:`place_prefix`, keeping each place as it was spelled.

    Parameters
    ----------
    name : str
        An organisation name, e.g. ``"郑州经济开发区管委会"``.

    Returns
    -------
    (places, rest) : tuple
        ``((spelling, Place), …)`` left to right (``(("郑州经济开发区", 郑州经开区),)``)
        and the remaining text (``"管委会"``).
    """
    text = _WS.sub("", name)
    table = _gazetteer()
    groups = _by_first_char()
    places: list[tuple[str, Place]] = []
    pos = 0
    while pos < len(text):
        for spelling in groups.get(text[pos], ()):
            if text.startswith(spelling, pos):
                places.append((spelling, table[spelling]))
                pos += len(spelling)
                break
        else:
            break
    return tuple(places), text[pos:]


@lru_cache(maxsize=4096)
def district_of_org(name: str) -> str | None:
    """The county-level place an organisation belongs to, read from its name.

    Parameters
    ----------
    name : str
        An organisation name: ``"登封市人民政府"``, ``"中原区政府"``,
        ``"管城回族区人民政府"``, ``"杭州市西湖区财政局"``, ``"郑东新区管委会"``.

    Returns
    -------
    str or None
        The canonical district name (``"登封市"``, ``"管城回族区"``,
        ``"西湖区"``, ``"郑东新区"``), or None for city/province bodies
        (``"市财政局"``, ``"郑州海关"``), collectives and enterprises.
        A district missing from the gazetteer is still found when the name is
        ``…区/县`` + 人民政府/政府/管委会; an unknown ``…市人民政府`` is not, because
        it could be a prefecture-level city.
    """
    places, rest = place_prefix(name)
    if _ENTERPRISE_HINT.search(rest):
        return None
    county = [p for p in places if p.kind in COUNTY_LEVEL_KINDS]
    if county:
        return county[-1].name
    match = _UNKNOWN_COUNTY.match(rest)
    if (
        match
        and match.group(1)[0] not in _NOT_A_PLACE_START
        and match.group(1) not in _GENERIC_AREAS
    ):
        return match.group(1)
    return None


@lru_cache(maxsize=256)
def _matcher(city: str | None, known: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """A compiled alternation of district spellings -> canonical name."""
    canonical: dict[str, str] = {}
    strict: set[str] = set()
    city_place = lookup_place(city) if city else None
    city_name = city_place.name if city_place else city
    for spelling, place in _gazetteer().items():
        if place.kind not in COUNTY_LEVEL_KINDS:
            continue
        if city_name and place.parent != city_name:
            continue
        canonical[spelling] = place.name
        if place.strict:
            strict.add(spelling)
    for name in known:
        name = _WS.sub("", name)
        if len(name) < 2 or name in _GENERIC_AREAS:
            continue
        place = lookup_place(name)
        if place is not None and place.kind not in COUNTY_LEVEL_KINDS:
            continue  # a city passed in as "known" must still not count as a district
        canonical[name] = place.name if place else name
        strict.discard(name)
    parts = []
    for spelling in sorted(canonical, key=len, reverse=True):
        body = re.escape(spelling)
        if spelling in strict:
            body += "(?=人民政府|政府|管委会)"
        parts.append(body)
    # An impossible pattern when there is nothing to find keeps the code path uniform.
    pattern = re.compile("|".join(parts) if parts else r"(?!x)x")
    return pattern, canonical


def districts_in_text(
    text: str, known: Iterable[str] = (), *, city: str | None = None
) -> list[str]:
    """County-level places named in a piece of task text.

    Parameters
    ----------
    text : str
        Task text; whitespace (PDF line breaks inside names) is ignored.
    known : iterable of str, optional
        Extra district names to look for, e.g. those already seen in the
        document's org names; a known name that the gazetteer knows as a city
        or province is ignored.
    city : str, optional
        Restrict the gazetteer to this city's districts (``"郑州市"``), which
        avoids another city's district being read into a word.

    Returns
    -------
    list of str
        Canonical names in order of first mention, without duplicates. The city
        itself (``郑州市``) and the generic ``县（市、区）`` are never returned;
        full names only (``中原区``, never ``中原``), and ``中原区域`` is not
        ``中原区``.
    """
    flat = _WS.sub("", text)
    pattern, canonical = _matcher(city, tuple(sorted(set(known))))
    found: list[str] = []
    for match in pattern.finditer(flat):
        spelling = match.group()
        nxt = flat[match.end() : match.end() + 1]
        if spelling.endswith("区") and nxt == "域":
            continue  # 中原区域, 金水区域: "region", not the district
        name = canonical[spelling]
        if name not in found:
            found.append(name)
    return found
