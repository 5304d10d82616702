"""Places of China in org names and task text: the national gazetteer.

Two data files, read once on first use:

- ``extract/data/gazetteer.tsv`` — every province, prefecture and county-level division
  with its other spellings, short forms, code and (for a former name) its successor.
  It is *generated* by ``scripts/build_gazetteer.py`` from jionlp's administrative-division
  data; never edit it by hand.
- ``extract/data/districts.tsv`` — curated additions and overrides, which win: development
  zones the national list lacks (郑东新区), the canonical spelling a zone goes by in task
  documents (郑州高新区 for 郑州高新技术产业开发区), extra spellings, strict flags.

Only *county-level* places (区/县/县级市/旗 and development zones) are ever returned as
districts; provinces and prefectures are there to read a place prefix such as ``郑州`` in
``郑州海关`` or ``苏州市`` in ``苏州市吴中区``.

Development zones (郑东新区, 郑州高新区) are returned as districts: in task documents they
are assigned work exactly like the 县（市、区）, through their 管委会.

A district's identity is its :attr:`Place.key`: the name alone when no other county-level
place of China has that name (中原区, 吴江区), else the prefecture and the name
(``杭州市西湖区`` and ``南昌市西湖区``), so that two cities' districts are never one. A name
read with nothing to tell which one is meant (``西湖区`` in a document of unknown place)
stays as written.

Spellings come in three sorts: full names and aliases are matched anywhere; *short* forms
(``吴江``, ``郑州``) only as the place prefix of an organisation name; names flagged
*strict* (everyday words: ``城区``, ``和县``) only in front of a government or zone body
(``和县人民政府``), never in running text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from extract.vocabulary import verb_pattern

__all__ = [
    "COUNTY_LEVEL_KINDS",
    "Place",
    "district_of_org",
    "districts_in_text",
    "lookup_place",
    "place_prefix",
    "place_spellings",
    "places_named",
    "province_of",
    "resolve_place",
    "starts_a_place",
]

_DATA = Path(__file__).parent / "data"
_NATIONAL = _DATA / "gazetteer.tsv"
_CURATED = _DATA / "districts.tsv"
_SHAPES = _DATA / "org_shapes.tsv"  # name endings: a zone's (…经济开发区) read from there

COUNTY_LEVEL_KINDS: frozenset[str] = frozenset(
    {"district", "county", "county_city", "development_zone"}
)
_UPPER_KINDS = frozenset({"province", "municipality", "city"})
_RANK = {"province": 0, "municipality": 0, "city": 1}

# Text comes from PDF conversion: stray spaces and newlines sit inside names.
_WS = re.compile(r"\s+")
# An unknown district/county written before a government or zone body.
_UNKNOWN_COUNTY = re.compile(
    r"([\u4e00-\u9fff]{1,10}?(?:回族区|区|县))(?:人民政府|政府|管委会|管理委员会)$"
)
# A strict name counts in running text only in front of one of these bodies.
_ORG_BODY_AFTER = ("人民政府", "政府", "管委会", "管理委员会")
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
    """One gazetteer place.

    ``name`` is the canonical full name, ``parent`` the enclosing place's key (None for a
    province), ``kind`` one of province/municipality/city/district/county/county_city/
    development_zone, ``strict`` whether the name is an everyday word matched only inside
    org names. ``key`` is unique in China (see the module docstring); ``code`` the
    administrative code (``-`` when none); ``successor`` what a former name became.
    """

    name: str
    parent: str | None
    kind: str
    strict: bool
    key: str = ""
    code: str = "-"
    successor: str | None = None


class _Gazetteer(NamedTuple):
    full: dict[str, tuple[Place, ...]]  # names and aliases -> places
    short: dict[str, tuple[Place, ...]]  # short forms -> places (org prefixes only)
    by_key: dict[str, Place]
    lengths: dict[str, tuple[int, ...]]  # first char -> spelling lengths, longest first
    county_ends: str  # last characters of county-level full spellings


def _rows(path: Path) -> Iterable[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _split(cell: str) -> list[str]:
    return [] if cell in ("-", "") else cell.split("|")


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Both data files merged and indexed; loaded once."""
    # (name, parent) -> [kind, strict, aliases, shorts, code, successor]
    places: dict[tuple[str, str | None], list] = {}
    for cols in _rows(_NATIONAL):
        name, aliases, parent, kind, strict, short, code, successor = cols
        par = None if parent == "-" else parent
        places[(name, par)] = [kind, strict == "1", _split(aliases), _split(short), code,
                               None if successor == "-" else successor]
    spelled_at: dict[tuple[str, str | None], tuple[str, str | None]] = {}
    for ident, row in places.items():
        for spelling in [ident[0], *row[2]]:
            spelled_at[(spelling, ident[1])] = ident
    for name, aliases, parent, kind, strict in _rows(_CURATED):
        par = None if parent == "-" else parent
        own = [name, *_split(aliases)]
        # A curated row overrides the national place it spells (same parent).
        same = next((spelled_at[(s, par)] for s in own if (s, par) in spelled_at), None)
        old = places.pop(same) if same else ["", False, [], [], "-", None]
        merged = [a for a in dict.fromkeys([*own[1:], *(same[:1] if same else []), *old[2]])
                  if a != name]
        places[(name, par)] = [kind, strict == "1", merged, old[3], old[4], old[5]]

    name_count: dict[str, int] = {}
    for name, _ in places:
        name_count[name] = name_count.get(name, 0) + 1
    by_key: dict[str, Place] = {}
    full: dict[str, list[Place]] = {}
    short: dict[str, list[Place]] = {}
    for (name, parent), (kind, strict, aliases, shorts, code, successor) in places.items():
        unique = name_count[name] == 1 or kind in _UPPER_KINDS or not parent
        key = name if unique else f"{parent}{name}"
        place = Place(name, parent, kind, strict, key, code, successor)
        by_key[key] = place
        for spelling in dict.fromkeys([name, *aliases]):
            full.setdefault(spelling, []).append(place)
        for spelling in shorts:
            short.setdefault(spelling, []).append(place)
    for spelling in list(short):
        if spelling in full:
            del short[spelling]  # a full name of another place wins (沙县 the county)
    lengths: dict[str, set[int]] = {}
    for spelling in (*full, *short):
        lengths.setdefault(spelling[0], set()).add(len(spelling))
    ends = {s[-1] for s, ps in full.items() if any(p.kind in COUNTY_LEVEL_KINDS for p in ps)}
    return _Gazetteer(
        {s: tuple(ps) for s, ps in full.items()},
        {s: tuple(ps) for s, ps in short.items()},
        by_key,
        {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()},
        "".join(sorted(ends)),
    )


def _ancestors(place: Place) -> list[str]:
    """Keys of the places above ``place``, nearest first."""
    table = _gazetteer().by_key
    out: list[str] = []
    parent = place.parent
    while parent and parent not in out and len(out) < 4:
        out.append(parent)
        above = table.get(parent)
        parent = above.parent if above else None
    return out


def _inside(place: Place, area: Place) -> bool:
    """Whether ``place`` is ``area`` or lies within it (a county's siblings count too)."""
    if place.key == area.key:
        return True
    if area.kind in COUNTY_LEVEL_KINDS and area.parent:
        return area.parent in _ancestors(place)
    return area.key in _ancestors(place)


def _choose(candidates: tuple[Place, ...], before: Place | None,
            context: Place | None) -> Place | None:
    """Pick the place a spelling means: under the place written before it, else in the
    context area, else the higher level (a prefecture's short form over a county's);
    None when that still leaves several."""
    if len(candidates) == 1:
        return candidates[0]
    for area in (before, context):
        if area is not None:
            inside = [p for p in candidates if _inside(p, area)]
            if len(inside) == 1:
                return inside[0]
            if inside:
                candidates = tuple(inside)
    top = min(_RANK.get(p.kind, 2) for p in candidates)
    ranked = [p for p in candidates if _RANK.get(p.kind, 2) == top]
    return ranked[0] if len(ranked) == 1 else None


def _unplaced(spelling: str, candidates: tuple[Place, ...]) -> Place:
    """A name several places share, with nothing to tell which: kept as written."""
    first = candidates[0]
    strict = any(p.strict for p in candidates)
    return Place(first.name if spelling == first.name else spelling, None, first.kind,
                 strict, spelling)


def starts_a_place(char: str) -> bool:
    """Whether some place's spelling (full or short) starts with this character."""
    return char in _gazetteer().lengths


def places_named(spelling: str) -> list[Place]:
    """Every place with this full name or alias (several for 西湖区, 鼓楼区)."""
    return list(_gazetteer().full.get(_WS.sub("", spelling), ()))


def lookup_place(name: str) -> Place | None:
    """Look a place up by any of its spellings or its key.

    Parameters
    ----------
    name : str
        A place name, alias, short form or key, e.g. ``"郑州"``, ``"管城区"``,
        ``"杭州市西湖区"``; a chain of places (``"苏州市吴中区"``) gives its last place.

    Returns
    -------
    Place or None
        The place, or None when unknown or when several places share the spelling and
        nothing says which (``"西湖区"``).
    """
    text = _WS.sub("", name)
    table = _gazetteer()
    if text in table.by_key:
        return table.by_key[text]
    candidates = table.full.get(text) or table.short.get(text)
    if candidates:
        return _choose(candidates, None, None)
    return resolve_place(text)


def resolve_place(text: str, context: str | None = None) -> Place | None:
    """The place a whole text names, read as a chain (``"苏州市吴中区"`` -> 吴中区).

    ``context`` (a jurisdiction such as ``"杭州市"``) decides a shared name
    (``resolve_place("西湖区", "杭州市")`` -> the key ``杭州市西湖区``). None unless the
    whole text is places.
    """
    spelled, rest = place_spellings(text, context, whole=True)
    if not spelled or rest:
        return None
    return spelled[-1][1]


@lru_cache(maxsize=256)
def _context_place(context: str | None) -> Place | None:
    if not context:
        return None
    return lookup_place(context)


def province_of(place: Place | str | None) -> Place | None:
    """The province (or municipality) a place lies in; itself for a province."""
    if isinstance(place, str):
        place = _context_place(place)
    if place is None:
        return None
    if place.kind in ("province", "municipality"):
        return place
    table = _gazetteer().by_key
    for key in _ancestors(place):
        above = table.get(key)
        if above is not None and above.kind in ("province", "municipality"):
            return above
    return None


@lru_cache(maxsize=8192)
def place_prefix(
    name: str, context: str | None = None, *, whole: bool = False
) -> tuple[tuple[Place, ...], str]:
    """Split the known places off the front of a name.

    Parameters
    ----------
    name : str
        An organisation name, e.g. ``"杭州市西湖区财政局"``.
    context : str, optional
        The document's jurisdiction, to tell apart places that share a name.
    whole : bool
        ``name`` is meant to be only places, so a short form may end it (``河南``).

    Returns
    -------
    (places, rest) : tuple
        The places read left to right (``(杭州市, 杭州市西湖区)``) and the remaining
        text (``"财政局"``). Places are matched longest-first so ``郑州高新区`` wins over
        ``郑州``.
    """
    spelled, rest = place_spellings(name, context, whole=whole)
    return tuple(place for _, place in spelled), rest


@lru_cache(maxsize=8192)
def place_spellings(
    name: str, context: str | None = None, *, whole: bool = False
) -> tuple[tuple[tuple[str, Place], ...], str]:
    """Like :func:`place_prefix`, keeping each place as it was spelled.

    Parameters
    ----------
    name : str
        An organisation name, e.g. ``"郑州经济开发区管委会"``.
    context : str, optional
        The document's jurisdiction, to tell apart places that share a name.

    Returns
    -------
    (places, rest) : tuple
        ``((spelling, Place), …)`` left to right (``(("郑州经济开发区", 郑州经开区),)``)
        and the remaining text (``"管委会"``). A short form (``吴江``) is read only when
        text follows it, unless ``whole``.
    """
    text = _WS.sub("", name)
    table = _gazetteer()
    if not text or text[0] not in table.lengths:
        return (), text
    area = _context_place(context)
    places: list[tuple[str, Place]] = []
    pos = 0
    while pos < len(text) and len(places) < 6:
        found = None
        for length in table.lengths.get(text[pos], ()):
            spelling = text[pos : pos + length]
            candidates = table.full.get(spelling)
            if candidates is None and (whole or pos + length < len(text)) and not (
                    _township_at(text, pos + length)):
                # 高坪街道, 临平镇: a township named like a county's short form is its own
                # place, not the county (高坪区 is in another province).
                candidates = table.short.get(spelling)
                if candidates and area is not None:
                    # a short form (滨湖 of 无锡's 滨湖区) is a local usage: only places in
                    # the document's own province read that way
                    home = province_of(area)
                    candidates = tuple(p for p in candidates if province_of(p) == home)
            if candidates:
                before = places[-1][1] if places else None
                chosen = _choose(candidates, before, area)
                found = (spelling, chosen or _unplaced(spelling, candidates))
                break
        if found is None:
            break
        places.append(found)
        pos += len(found[0])
    return tuple(places), text[pos:]


@lru_cache(maxsize=8192)
def district_of_org(name: str, context: str | None = None) -> str | None:
    """The county-level place an organisation belongs to, read from its name.

    Parameters
    ----------
    name : str
        An organisation name: ``"登封市人民政府"``, ``"中原区政府"``,
        ``"管城回族区人民政府"``, ``"杭州市西湖区财政局"``, ``"郑东新区管委会"``.
    context : str, optional
        The document's jurisdiction: tells which 西湖区 a bare ``西湖区人民政府`` is.

    Returns
    -------
    str or None
        The district's key (``"登封市"``, ``"管城回族区"``, ``"杭州市西湖区"``,
        ``"郑东新区"``), or None for city/province bodies (``"市财政局"``,
        ``"郑州海关"``), collectives and enterprises. A district missing from the
        gazetteer is still found when the name is ``…区/县`` + 人民政府/政府/管委会; an
        unknown ``…市人民政府`` is not, because it could be a prefecture-level city.
    """
    places, rest = place_prefix(name, context)
    if _ENTERPRISE_HINT.search(rest):
        return None
    zone = _zone_named(rest)
    if zone in ("开发区", "新区") and places and places[-1].kind in _UPPER_KINDS:
        zone = None  # 郑州市开发区: the city's zones in general, not one of them
    if places and zone:
        # 余杭经济技术开发区管委会: a zone named after its place is a district of its own
        text = _WS.sub("", name)
        return text[: len(text) - len(rest)] + zone
    county = [p for p in places if p.kind in COUNTY_LEVEL_KINDS]
    if county:
        return county[-1].key
    match = _UNKNOWN_COUNTY.match(rest)
    if (
        match
        and match.group(1)[0] not in _NOT_A_PLACE_START
        and match.group(1) not in _GENERIC_AREAS
        and not (places and places[-1].kind in _UPPER_KINDS and rest == match.group(0)
                 and match.group(1) in ("区", "县"))
    ):
        return match.group(1)
    return None


@lru_cache(maxsize=1)
def _zone_pattern() -> re.Pattern[str]:
    """``<zone name ending>`` + optional 管委会, from the endings in org_shapes.tsv."""
    endings = []
    for cols in _rows(_SHAPES):
        if cols[2] == "development_zone" and not cols[0].startswith(("管", "社区")):
            endings.append(cols[0])
    alts = "|".join(map(re.escape, sorted(endings, key=len, reverse=True)))
    return re.compile(f"^((?:{alts}))(?:管委会|管理委员会)?$")


@lru_cache(maxsize=1)
def _township_endings() -> tuple[str, ...]:
    """The endings of township names (镇, 乡, 街道 …: level ``township`` in org_shapes.tsv)."""
    return tuple(cols[0] for cols in _rows(_SHAPES) if len(cols) > 3 and cols[3] == "township")


def _township_at(text: str, pos: int) -> bool:
    """A township's ending at ``pos``: 街道…, or 镇/乡 ending the name or before its
    government (乡村振兴局 is a bureau, not a 乡)."""
    for ending in _township_endings():
        if text.startswith(ending, pos):
            after = text[pos + len(ending):]
            if len(ending) > 1 or not after or after.startswith(("人民政府", "政府")):
                return True
    return False


def _zone_named(rest: str) -> str | None:
    match = _zone_pattern().match(rest)
    return match.group(1) if match else None


class _TextIndex(NamedTuple):
    places: dict[str, tuple[Place, ...]]  # spelling -> county-level places
    strict: frozenset[str]
    ends: frozenset[str]  # the last characters of the spellings
    tails: dict[str, tuple[int, ...]]  # last two characters -> lengths, longest first


def _tails(spellings: Iterable[str]) -> dict[str, tuple[int, ...]]:
    tails: dict[str, set[int]] = {}
    for spelling in spellings:
        tails.setdefault(spelling[-2:], set()).add(len(spelling))
    return {t: tuple(sorted(ls, reverse=True)) for t, ls in tails.items()}


@lru_cache(maxsize=64)
def _gazetteer_text_index(city: str | None) -> _TextIndex:
    """The gazetteer's county-level spellings to find in running text (within ``city``)."""
    table = _gazetteer()
    area = _context_place(city) if city else None
    found: dict[str, tuple[Place, ...]] = {}
    strict: set[str] = set()
    if not (city and area is None):
        for spelling, candidates in table.full.items():
            county = tuple(p for p in candidates if p.kind in COUNTY_LEVEL_KINDS
                           and (area is None or _inside(p, area)))
            if county:
                found[spelling] = county
                if all(p.strict for p in county):
                    strict.add(spelling)
    return _TextIndex(found, frozenset(strict), frozenset(s[-1] for s in found), _tails(found))


@lru_cache(maxsize=1024)
def _known_index(known: tuple[str, ...]) -> _TextIndex:
    """Extra names to find (a document's districts so far): never strict."""
    table = _gazetteer()
    found: dict[str, tuple[Place, ...]] = {}
    for name in known:
        name = _WS.sub("", name)
        if len(name) < 2 or name in _GENERIC_AREAS:
            continue
        place = table.by_key.get(name) or lookup_place(name)
        if place is not None and place.kind not in COUNTY_LEVEL_KINDS:
            continue  # a city passed in as "known" must still not count as a district
        spelling = place.name if place is not None and name == place.key else name
        found[spelling] = (place or Place(name, None, "district", False, name),)
    return _TextIndex(found, frozenset(), frozenset(s[-1] for s in found), _tails(found))


@lru_cache(maxsize=256)
def _end_pattern(ends: frozenset[str]) -> re.Pattern[str]:
    chars = "".join(sorted(ends))
    return re.compile(f"[{re.escape(chars)}]" if chars else r"(?!x)x")


def _verb_then_relative(flat: str, start: int, spelling: str) -> bool:
    """A place whose name opens with a role verb, read right after a clause where a
    relative name follows the verb (``…牵头，会同县发改局``); at the start of a text
    ``会同县人民政府`` is the county."""
    verb = verb_pattern().match(spelling)
    if verb is None or verb.end() >= len(spelling):
        return False
    before = flat[start - 1 : start]
    return bool(before) and before in "，,；;" and spelling[verb.end()] in "市区县省"


def districts_in_text(
    text: str,
    known: Iterable[str] = (),
    *,
    city: str | None = None,
    within: str | None = None,
) -> list[str]:
    """County-level places named in a piece of task text.

    Parameters
    ----------
    text : str
        Task text; whitespace (PDF line breaks inside names) is ignored.
    known : iterable of str, optional
        Extra district names or keys to look for, e.g. those already seen in the
        document's org names; a known name that the gazetteer knows as a city or
        province is ignored. A known key also decides a shared name (``杭州市西湖区``).
    city : str, optional
        Only places inside this area (``"郑州市"``, ``"浙江省"``) count.
    within : str, optional
        The document's jurisdiction: decides a name several places share (``西湖区`` in
        a 杭州市 document is ``杭州市西湖区``) without excluding places elsewhere.

    Returns
    -------
    list of str
        District keys in order of first mention, without duplicates. Prefectures and
        provinces, the generic ``县（市、区）``, short forms (``中原``) and strict names
        outside an org name are never returned; ``中原区域`` is not ``中原区``.
    """
    flat = _WS.sub("", text)
    known_keys = tuple(sorted(set(known)))
    base = _gazetteer_text_index(city)
    extra = _known_index(known_keys)
    known_places, gazetteer_places = extra.places, base.places
    area = _context_place(within)
    matches: list[tuple[int, int, str]] = []
    for end_match in _end_pattern(base.ends | extra.ends).finditer(flat):
        end = end_match.end()
        tail = flat[end - 2 : end]
        lengths = base.tails.get(tail, ())
        if extra.tails:
            lengths = tuple(sorted({*lengths, *extra.tails.get(tail, ())}, reverse=True))
        for length in lengths:
            start = end - length
            if start < 0:
                continue
            spelling = flat[start:end]
            if spelling in known_places or spelling in gazetteer_places:
                matches.append((start, end, spelling))
                break
    found: list[str] = []
    last_end = -1
    # Leftmost-longest: a match inside an earlier, longer one (西湖区 in 东西湖区) is not
    # a mention of its own.
    for start, end, spelling in sorted(matches, key=lambda m: (m[0], -m[1])):
        if start < last_end:
            continue
        nxt = flat[end : end + 1]
        if spelling.endswith("区") and nxt == "域":
            continue  # 中原区域, 金水区域: "region", not the district
        if _verb_then_relative(flat, start, spelling):
            continue  # 牵头，会同县发改局: the verb 会同 before 县发改局, not 会同县
        candidates = known_places.get(spelling)
        if candidates is None:
            if spelling in base.strict and not flat.startswith(_ORG_BODY_AFTER, end):
                continue
            candidates = gazetteer_places[spelling]
        chosen = next((p for p in candidates if p.key in known_keys), None)
        chosen = chosen or _choose(candidates, None, area) or _unplaced(spelling, candidates)
        last_end = end
        if chosen.key not in found:
            found.append(chosen.key)
    return found
