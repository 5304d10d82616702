"""Organisation lists and canonical organisation names, for any government of China.

Government task documents name the organisations responsible for a task in lists such
as ``市科技局、工信委、发展改革委`` or ``郑州高新区、郑东新区管委会``: a shared place prefix
is written once at the front and a shared body once at the back. :func:`split_org_list`
turns such a list into full *mentions*; :func:`resolve_org` turns a mention into an
:class:`~extract.models.Org` with a canonical name, so ``市发改委`` and ``市发展和改革委员会``
are one organisation.

A name is read as *place* + *body* + *ending*:

- the place is a relative level (市/区/县/省), a place of the national gazetteer
  (``郑州``, ``苏州市吴中区``, ``吴江``; see :mod:`extract.districts`) or anything shaped
  like one (``某某县``);
- the body is looked up in the alias registry ``extract/data/org_aliases.tsv`` (longest
  match wins), which keeps the canonical spellings;
- a body the registry does not know is still an organisation when it ends like one: the
  endings and their kinds (``…专班``, ``…指挥部``, ``…高新区``, ``…集团``, ``…镇``), and the
  post and person words that are never organisations (``常务副区长``, ``牵头领导``), live
  in ``extract/data/org_shapes.tsv``. Such an org has ``known=False``.

Identity across governments. A relative name (``区财政局``) is always qualified by the
document's *jurisdiction* — the :attr:`~extract.districts.Place.key` of the government's
place (``郑州市``, ``吴中区``, ``杭州市西湖区``) — so two cities' bureaus are never one:

- the level matches (``市财政局`` in a 郑州市 document): ``郑州市财政局``;
- a level above (``市财政局`` in a 吴中区 document; ``省财政厅`` in any document): that
  place's city or province, ``苏州市财政局``, ``江苏省财政厅``;
- a level that cannot be placed (``区财政局`` in a city document, ``县教育局`` in a
  province one): the jurisdiction stays in front, ``郑州市区财政局``, a name no other
  government's bureau can have;
- a document whose place is unknown: :func:`unplaced_jurisdiction` gives it a
  jurisdiction of its own (``〔doc-1a2b〕``) and its relative names carry it
  (``区财政局〔doc-1a2b〕``), so they never merge with another document's.

Without any jurisdiction (a bare call ``resolve_org("市财政局")``) a relative name stays
relative. Every function here is total and linear: any string gives an answer, never an
exception (except :func:`resolve_org` on a string with no name in it).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from extract.districts import (
    COUNTY_LEVEL_KINDS,
    Place,
    district_of_org,
    lookup_place,
    place_prefix,
    place_spellings,
    places_named,
    province_of,
    starts_a_place,
)
from extract.models import Org, OrgKind

if TYPE_CHECKING:
    from extract.models import Document

__all__ = [
    "aliases_of",
    "canonical_jurisdiction",
    "document_jurisdiction",
    "infer_jurisdiction",
    "is_post",
    "is_unplaced",
    "jurisdiction_of",
    "looks_like_org",
    "normalise_org_text",
    "registry_terms",
    "resolve_org",
    "split_org_list",
    "unknown_orgs",
    "unplaced_jurisdiction",
]

_DATA = Path(__file__).parent / "data"
_REGISTRY = _DATA / "org_aliases.tsv"
_SHAPES = _DATA / "org_shapes.tsv"

_LEVEL_CHARS = "市区县省"
_LEVEL_OF_CHAR = {"市": "city", "区": "county", "县": "county", "省": "province"}
_LEVEL_OF_PLACE_KIND = {
    "province": "province",
    "municipality": "province",
    "city": "city",
    "district": "county",
    "county": "county",
    "county_city": "county",
    "development_zone": "county",
}
# Longest name or list item we read as one organisation; longer is a sentence.
_MAX_NAME = 40

_WS = re.compile(r"\s+")
_BRACKET_PAIRS = (("(", "（"), (")", "）"), ("〔", "（"), ("〕", "）"), ("[", "（"), ("]", "）"),
                  ("【", "（"), ("】", "）"))
_OPEN, _CLOSE = "（《〈", "）》〉"
# Lead markers in tables (★区发改委, *市委组织部): the readers read them; names ignore them.
_MARKERS = "★☆*＊※▲△●◆"

# Separators that always split a list (at bracket depth 0) ...
_HARD_SEPS = "，,；;"
_LIST_SEPS = "、"
# ... and conjunctions that only split between two org names: 和 also occurs
# inside names (发展和改革委员会, 人力资源和社会保障局), where the text before it
# never ends like an organisation does.
_CONJUNCTIONS = "和及与"

_LEADING_LABEL = re.compile(r"^(?:责任|牵头|配合|参与|协办|主办|协同)(?:单位|部门)[：:]")
_TRAILING = re.compile(
    r"(?:等(?:有关|相关|其他)?(?:部门|单位)?)?"
    r"(?:按照?职责分工|按职责|分别|分工)?(?:牵头)?(?:负责|落实)?"
    r"[。．.，,、；;：:]*$"
)
# Outline markers glued to the first name by line repair: （二）, 第五条, 3.
_ENUMERATION = re.compile(
    r"^(?:（[一二三四五六七八九十\d]{1,3}）|第[一二三四五六七八九十百\d]{1,4}[条款项]|\d{1,2}[.．、])"
)
_TRAILING_PUNCT = re.compile(r"[。．.，,、；;：:]+$")
# The characters those patterns can start or end with (a cheap test before the regex).
_ENUMERATION_START = frozenset("（第0123456789")
_TRAILING_END = frozenset("等门位工责别头实职。．.，,、；;：:")

# A place written out in a name the gazetteer does not know: short and ending in an
# administrative suffix (某某县). One flat quantifier: a nested "(unit)+" shape
# backtracks exponentially on long non-places.
_PLACE_SHAPE = re.compile(r"^[\u4e00-\u9fff]{1,8}[省市州盟区县旗镇乡]$")
_NOT_PLACE_START = frozenset("各相有全本该其市区县省")
_NATIONAL_PLACES = ("国家", "国务院", "中央")
# How a county-level place's name ends (区, 县, 市, 旗, and zones: 园, 城 …).
_PLACE_END_CHARS = frozenset("区县市旗园城港岛镇乡")

# Collectives: "each/relevant X", member units, the generic 县（市、区）.
_COLLECTIVE = re.compile(
    r"^(?:各|相关|有关|其他|全市各|市级各|区级各|县级各|市级其他|市直各?|区直各?|县直各?"
    r"|[省市区县]级(?:有关|相关))"
    r"|成员单位|有关部门|相关部门|有关单位|相关单位|主管部门|管理部门|县（市、区）"
    r"|有关工作部门|各工作部门|直属单位|直属机构|直属事业单位"
    r"|省辖市|省直管县|县（市）|乡（镇）"
)

# 团市委 / 共青团郑州市委: the level sits inside the name, so it takes no prefix.
_YOUTH = re.compile(r"^(?:共青团|团)(.{0,20}?)([市区县省])委$")
_SECOND_NAME = re.compile(r"^([^（）]{2,30})（([^（）]{2,30})）$")
# A unplaced document's jurisdiction: 〔document key〕.
_UNPLACED = re.compile(r"^〔(.+)〕$")


class _Entry(NamedTuple):
    canonical: str
    kind: OrgKind
    scope: str  # rel | abs | nat | coll


class _Shape(NamedTuple):
    kind: OrgKind
    level: str | None
    bare: bool  # needs a body in front (镇 alone is no org)


class _Shapes(NamedTuple):
    endings: dict[str, _Shape]
    ending_lengths: tuple[int, ...]
    posts: tuple[str, ...]
    person: re.Pattern[str]
    clause_inside: re.Pattern[str]
    org_words: tuple[str, ...]
    truncated: tuple[str, ...]
    collective_ends: tuple[str, ...]
    verb_start: re.Pattern[str]
    clause: re.Pattern[str]
    role: re.Pattern[str]
    national_start: re.Pattern[str]


class _Parse(NamedTuple):
    """A normalised name read as place + body."""

    place: str  # "" (bare), a level char, or a written-out place
    body: str  # the body as written ("" if the name is only a place)
    entry: _Entry | None  # registry row for the body, if known
    places: tuple[Place, ...]  # gazetteer places read from ``place``


def normalise_org_text(text: str) -> str:
    """Normalise a name or list for lookup: no whitespace, full-width brackets.

    Parameters
    ----------
    text : str
        Raw text, possibly with PDF line breaks and half-width or 〔〕 brackets.

    Returns
    -------
    str
        The text without whitespace, with ``( ) 〔 〕 [ ] 【 】`` written as ``（ ）``.
    """
    return _full_width_brackets(_WS.sub("", text))


def _full_width_brackets(text: str) -> str:
    # str.replace per bracket: str.translate is slow on long non-ASCII text.
    for half, full in _BRACKET_PAIRS:
        if half in text:
            text = text.replace(half, full)
    return text


@lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, _Entry], dict[str, list[str]]]:
    """Alias -> entry, and canonical -> its spellings; loaded once."""
    index: dict[str, _Entry] = {}
    spellings: dict[str, list[str]] = {}
    for line in _REGISTRY.read_text(encoding="utf-8").splitlines():
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
def _rel_index() -> tuple[dict[str, _Entry], dict[str, tuple[int, ...]]]:
    """Relative registry bodies, and for each last-two-character tail the lengths of the
    bodies that end with it, longest first (so a name is read with few lookups)."""
    rel = {k: e for k, e in _registry()[0].items() if e.scope == "rel"}
    tails: dict[str, set[int]] = {}
    for body in rel:
        tails.setdefault(body[-2:], set()).add(len(body))
    return rel, {t: tuple(sorted(ls, reverse=True)) for t, ls in tails.items()}


@lru_cache(maxsize=1)
def _shapes() -> _Shapes:
    """The shape vocabulary of ``org_shapes.tsv``; loaded once."""
    endings: dict[str, _Shape] = {}
    words: dict[str, list[str]] = {}
    for line in _SHAPES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, cls, kind, level = line.split("\t")
        if cls in ("ending", "bare_ending"):
            endings[word] = _Shape(kind, None if level == "-" else level,  # type: ignore[arg-type]
                                   cls == "bare_ending")
        else:
            words.setdefault(cls, []).append(word)

    def alternation(cls: str, anchor: str = "") -> re.Pattern[str]:
        alts = sorted(words.get(cls, []), key=len, reverse=True)
        return re.compile(anchor + "(?:" + "|".join(map(re.escape, alts)) + ")")

    return _Shapes(
        endings,
        tuple(sorted({len(e) for e in endings}, reverse=True)),
        tuple(words.get("post", [])),
        alternation("person"),
        alternation("clause_inside"),
        tuple(words.get("org_word", [])),
        tuple(words.get("truncated", [])),
        tuple(sorted(words.get("collective_end", []), key=len, reverse=True)),
        alternation("verb_start", "^"),
        alternation("clause_word"),
        alternation("role_word"),
        alternation("national_start", "^"),
    )


@lru_cache(maxsize=16384)
def _ending(name: str) -> tuple[str, _Shape] | None:
    """The longest shape ending of a name: (ending, shape), or None."""
    shapes = _shapes()
    for length in shapes.ending_lengths:
        if length <= len(name):
            shape = shapes.endings.get(name[-length:])
            if shape is not None:
                if shape.bare and length == len(name):
                    continue
                return name[-length:], shape
    return None


def _suffix_kind(name: str) -> OrgKind | None:
    found = _ending(name)
    return found[1].kind if found else None


def is_post(item: str) -> bool:
    """A person or a post (分管副市长, 牵头领导, 主要负责同志): never an organisation."""
    shapes = _shapes()
    if item.endswith(shapes.posts):
        return True
    for word in shapes.org_words:
        item = item.replace(word, "")
    return (shapes.person.search(item) is not None
            or shapes.clause_inside.search(item) is not None)


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
    norm = normalise_org_text(canonical_generic)[:_MAX_NAME]
    index, spellings = _registry()
    if norm in index and index[norm].scope != "rel":
        return list(spellings[index[norm].canonical])
    parse = _parse(norm)
    if parse.entry is None or not parse.body:
        return []
    return [parse.place + s for s in spellings[parse.entry.canonical]]


def _is_place(text: str) -> bool:
    """Whether ``text`` reads as a written-out place (郑州, 洛阳市, 苏州市吴中区, 某某县)."""
    if not text or text[0] in _NOT_PLACE_START:
        return False
    if text in _NATIONAL_PLACES:
        return True
    _, rest = place_prefix(text, whole=True)
    if not rest:
        return True
    return bool(_PLACE_SHAPE.match(rest)) and rest[-1] in "省市州盟区县旗"


@lru_cache(maxsize=16384)
def _parse(norm: str) -> _Parse:
    """Read a normalised name as place + registry body (longest body wins).

    Only registry bodies ending like the name are tried, so this is linear.
    """
    index, tails = _rel_index()
    for length in (*tails.get(norm[-2:], ()), *tails.get(norm[-1:], ())):
        if length > len(norm):
            continue
        i = len(norm) - length
        body = norm[i:]
        entry = index.get(body)
        if entry is None:
            continue
        place = norm[:i]
        if place == "" or place in _LEVEL_CHARS:
            return _Parse(place, body, entry, ())
        if _is_place(place):
            return _Parse(place, body, entry, place_prefix(place)[0])
    # Unknown body: still split off a gazetteer place or a relative level.
    places, rest = place_prefix(norm)
    if places and rest and not _starts_with_ending(rest):
        return _Parse(norm[: len(norm) - len(rest)], rest, None, places)
    if places and not rest:
        return _Parse(norm, "", None, places)
    if len(norm) > 2 and norm[0] in _LEVEL_CHARS and norm[1] not in "级直场":
        return _Parse(norm[0], norm[1:], None, ())
    shaped = _shaped_place_prefix(norm)
    if shaped:
        return _Parse(shaped, norm[len(shaped):], None, ())
    return _Parse("", norm, None, ())


def _starts_with_ending(rest: str) -> bool:
    """``区财政局`` after 郑州市 is a relative 区 name, not 郑州市 + body ``区财政局``."""
    return rest[0] in _LEVEL_CHARS and len(rest) > 1 and rest[1] not in "委"


def _shaped_place_prefix(norm: str) -> str:
    """A place the gazetteer lacks, written before a known body: 某某县 in 某某县财政局."""
    if norm[0] in _NOT_PLACE_START:
        return ""
    for i in range(2, min(len(norm) - 1, 10)):
        head, rest = norm[:i], norm[i:]
        if head[-1] in "县旗" and _PLACE_SHAPE.match(head) and (
            rest in _rel_index()[0] or _ending(rest) is not None
        ):
            return head
    return ""


def _is_collective(norm: str) -> bool:
    return bool(_COLLECTIVE.search(norm))


# --- jurisdictions ------------------------------------------------------------------


@lru_cache(maxsize=1024)
def canonical_jurisdiction(text: str | None) -> str | None:
    """A jurisdiction written any way -> the key of its place.

    ``郑州`` -> ``郑州市``; ``苏州市吴中区`` and ``吴中区`` -> ``吴中区``; ``西湖区`` with
    ``杭州市`` before it -> ``杭州市西湖区``. A place the gazetteer lacks is kept as
    written; an unplaced-document jurisdiction (``〔…〕``) is returned unchanged.
    """
    if not text:
        return None
    norm = normalise_org_text(text)
    if _UNPLACED.match(text):
        return text
    place = lookup_place(norm)
    if place is not None:
        return place.key
    return norm


def unplaced_jurisdiction(document_key: str) -> str:
    """The jurisdiction of a document whose government's place is unknown.

    Its relative names are qualified with it (``区财政局〔doc-1a2b〕``), so they cannot
    merge with another government's. ``document_key`` is any stable key of the
    document (its number or id).
    """
    return f"〔{normalise_org_text(document_key) or '?'}〕"


def is_unplaced(jurisdiction: str | None) -> bool:
    """Whether a jurisdiction is one made by :func:`unplaced_jurisdiction`."""
    return bool(jurisdiction) and bool(_UNPLACED.match(jurisdiction or ""))


@lru_cache(maxsize=1024)
def _own_place(jurisdiction: str | None) -> Place | None:
    if not jurisdiction or is_unplaced(jurisdiction):
        return None
    return lookup_place(jurisdiction)


def _level_char(jurisdiction: str) -> str | None:
    """The relative prefix a jurisdiction's own documents use (郑州市 -> 市)."""
    place = _own_place(jurisdiction)
    if place is not None:
        if place.kind == "development_zone":
            return "区"
        if place.kind == "municipality":
            return "市"
        name = place.name
    else:
        name = jurisdiction
    for char in reversed(name):
        if char in _LEVEL_CHARS:
            return char
        if char in "州盟":
            return "市"
        if char == "旗":
            return "县"
        break
    return "省" if name.endswith("自治区") else None


def _level_of(jurisdiction: str) -> str:
    place = _own_place(jurisdiction)
    if place is not None:
        return _LEVEL_OF_PLACE_KIND.get(place.kind, "unknown")
    char = _level_char(jurisdiction)
    return _LEVEL_OF_CHAR.get(char, "unknown") if char else "unknown"


def _city_of(jurisdiction: str) -> str | None:
    """The prefecture above a county-level jurisdiction (吴中区 -> 苏州市)."""
    place = _own_place(jurisdiction)
    if place is None or place.kind not in COUNTY_LEVEL_KINDS or not place.parent:
        return None
    parent = lookup_place(place.parent)
    if parent is not None and parent.kind in ("city", "municipality"):
        return parent.key
    return None


def _qualify_relative(
    level_char: str, body: str, jurisdiction: str | None
) -> tuple[str, str | None, str]:
    """Name, jurisdiction and level for ``level_char + body`` in a jurisdiction."""
    level = _LEVEL_OF_CHAR[level_char]
    if not jurisdiction:
        return level_char + body, None, level
    if is_unplaced(jurisdiction):
        return f"{level_char}{body}{jurisdiction}", None, level
    own = _level_char(jurisdiction)
    if own == level_char:
        return jurisdiction + body, jurisdiction, _level_of(jurisdiction)
    if level_char == "省":
        province = province_of(jurisdiction)
        if province is not None:
            return province.key + body, province.key, "province"
    if level_char == "市" and own in ("区", "县"):
        city = _city_of(jurisdiction)
        if city:
            return city + body, city, "city"
    # A relative name of a level this government's documents cannot place (区财政局 in
    # a city document): qualified by the document's government all the same, so that it
    # never merges with another government's.
    return f"{jurisdiction}{level_char}{body}", jurisdiction, level


def jurisdiction_of(issuer: str | None) -> str | None:
    """The place a government's relative names (``市财政局``) belong to, as a key.

    ``郑州市人民政府办公厅`` -> ``郑州市``; ``杭州市西湖区人民政府`` -> ``杭州市西湖区``;
    ``河南省人民政府`` -> ``河南省``; ``苏州市吴中区人民政府`` -> ``吴中区``;
    ``中共某某县委办公室`` -> ``某某县``. None when the issuer names no place.
    """
    if not issuer:
        return None
    norm = normalise_org_text(issuer)[:_MAX_NAME]
    if norm.startswith("中共"):
        norm = norm[2:]
    zone = district_of_org(norm)
    if zone is not None:
        return zone  # 吴中区, and zones the gazetteer lacks (某某经济开发区管委会)
    spelled, _ = place_spellings(norm)
    if spelled:
        places = [p for _, p in spelled]
        county = [p for p in places if p.kind in COUNTY_LEVEL_KINDS]
        return (county[-1] if county else places[-1]).key
    match = re.match(r"^(.{1,12}?(?:省|自治区|市|州|盟|县|区|旗))(?:人民政府|政府|委员会|委)", norm)
    if match and match.group(1)[0] not in _NOT_PLACE_START:
        return match.group(1)
    return None


# Government bodies in a document's own text: its title, signature and addressees.
_GOV_BODY = re.compile(r"(?:人民政府|政府办公[厅室]|管理委员会|管委会|政府)")
# Relative names by level: 市发改委 / 区财政局 / 县教育局 / 省财政厅, 全市 / 区政府 …
_RELATIVE = re.compile(
    r"(?:^|[^\u4e00-\u9fff]|[各全本])([市区县省])(?:委|政府|[\u4e00-\u9fff]{1,8}?[局委办厅])"
)
# The characters after a government name that make it the issuer: a title (…关于),
# a signature (end of line), a document number (…文件).
_ISSUER_AFTER = ("关于", "文件", "办公厅", "办公室", "\n")
_IN_LIST_AFTER = frozenset("、，,和及与）)等")
# How much of a long text is read for the fallbacks that scan every character.
_SCAN_LIMIT = 20_000


def _place_before(flat: str, start: int) -> Place | str | None:
    """The place written right before ``flat[start]`` (a government body), longest first:
    a gazetteer chain (德阳市旌阳区), a zone named after a place (南宁经济技术开发区), or a
    county the gazetteer lacks (某某县)."""
    for k in range(max(0, start - 24), start - 1):
        if flat[k] in _NOT_PLACE_START or not starts_a_place(flat[k]):
            continue
        segment = flat[k:start]
        spelled, rest = place_spellings(segment, whole=True)
        if spelled and not rest:
            return spelled[-1][1]
        zone = _ending(rest) if spelled and rest else None
        if zone is not None and zone[1].kind == "development_zone":
            return segment
    for k in range(max(0, start - 6), start - 1):
        segment = flat[k:start]
        if segment[0] not in _NOT_PLACE_START and _PLACE_SHAPE.match(segment) and (
            segment[-1] in "县旗"
        ):
            return segment
    return None


def _level_votes(flat: str) -> Counter[str]:
    """How often the text uses relative names of each level (市/区/县/省)."""
    return Counter(m.group(1) for m in _RELATIVE.finditer(flat))


def _places_named(flat: str, kinds: frozenset[str]) -> Counter[str]:
    """Keys of the places of these kinds the text names (full or short spellings)."""
    found: Counter[str] = Counter()
    pos = 0
    text = flat[:_SCAN_LIMIT]
    while pos < len(text):
        spelled, _ = place_spellings(text[pos : pos + 24])
        if spelled:
            for _, place in spelled:
                if place.kind in kinds and not place.strict:
                    found[place.key] += 1
            pos += sum(len(s) for s, _ in spelled)
        else:
            pos += 1
    return found


def infer_jurisdiction(text: str, issuer: str | None = None) -> str | None:
    """The jurisdiction of a document, from its issuer or else from its own text.

    Parameters
    ----------
    text : str
        The document's text (title, notice, plan). Only the first 200,000 characters
        are read, and for the last fallback the first 20,000; the cost is linear.
    issuer : str, optional
        The issuer line, when the document reader found one.

    Returns
    -------
    str or None
        A jurisdiction key. Tried in order:

        1. the issuer (:func:`jurisdiction_of`);
        2. the governments named in the text in front of a government body, a title
           (``平湖市人民政府办公室关于…``) or a signature line (``德阳市旌阳区人民政府``)
           counting three times, one inside ``《》`` (another document's title) or in a list
           of owners (``嘉善县政府、…``) not at all; ties go to the level the text's relative
           names use (``区政府``, ``全区`` -> a 区);
        3. with relative ``市…`` names, the one prefecture that every county-level
           government the text names lies in (``嘉善县政府`` -> 嘉兴市);
        4. the place of the level the relative names use (``省财政厅`` -> a province)
           that the text names most often, if at least twice as often as any other.

        None when nothing places it.
    """
    found = jurisdiction_of(issuer)
    if found:
        return found
    raw = text[:200_000]
    flat = _full_width_brackets(_WS.sub(lambda m: "\n" if "\n" in m.group() else "", raw))
    votes: Counter[str] = Counter()
    owners: Counter[str] = Counter()
    quoted = 0
    last = 0
    for match in _GOV_BODY.finditer(flat):
        start = match.start()
        quoted += flat.count("《", last, start) - flat.count("》", last, start)
        last = start
        place = _place_before(flat, start)
        if place is None:
            continue
        key = place.key if isinstance(place, Place) else place
        after = flat[match.end() : match.end() + 3]
        if after[:1] in _IN_LIST_AFTER:
            owners[key] += 1  # a government named in a list of owners
            continue
        if quoted > 0:
            continue  # 《某某市人民政府关于…》: another document's title
        votes[key] += 3 if after.startswith(_ISSUER_AFTER) or not after else 1
    levels = _level_votes(flat)
    if votes:
        best = max(votes.values())
        tied = [k for k, v in votes.items() if v == best]
        if len(tied) > 1 and levels:
            level = levels.most_common(1)[0][0]
            fitting = [k for k in tied if _level_char(k) == level]
            if fitting:
                return fitting[0]
        return tied[0]
    if owners and levels.get("市"):
        parents = {_city_of(key) for key in owners}
        if len(parents) == 1 and None not in parents:
            return parents.pop()
    if levels:
        level = levels.most_common(1)[0][0]
        kinds = {
            "省": frozenset({"province", "municipality"}),
            "市": frozenset({"city", "county_city", "municipality"}),
            "区": frozenset({"district", "development_zone"}),
            "县": frozenset({"county"}),
        }[level]
        named = _places_named(flat, kinds).most_common(2)
        if named and (len(named) == 1 or named[0][1] >= 2 * named[1][1]):
            return named[0][0]
    return None


def document_jurisdiction(issuer: str | None, text: str, document_key: str) -> str:
    """The jurisdiction to resolve a document's names with: never None.

    :func:`infer_jurisdiction`, else :func:`unplaced_jurisdiction` of ``document_key``,
    so that an unplaced document's relative names stay its own.
    """
    return infer_jurisdiction(text, issuer) or unplaced_jurisdiction(document_key)


# --- resolving one mention ----------------------------------------------------------


@lru_cache(maxsize=16384)
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
        ``"杭州市西湖区"``; any spelling, see :func:`canonical_jurisdiction`), or an
        :func:`unplaced_jurisdiction`. Relative names are qualified with it.

    Returns
    -------
    Org
        ``name`` is canonical: the registry's short official form with the mention's
        own prefix (``市发展改革委``), qualified by the jurisdiction as the module
        docstring says (``郑州市发展改革委``). Names carrying their own place
        (``郑州海关``, ``登封市人民政府``) are never re-qualified; a county-level place
        is written by its key (``郑州市中原区人民政府`` -> ``中原区人民政府``,
        ``苏州市吴中区财政局`` -> ``吴中区财政局``). Collectives get kind ``collective``
        and the jurisdiction in front (``郑州市各县（市、区）政府``). Unknown names are
        classified by their ending, keep their spelling and have ``known=False``.

    Raises
    ------
    ValueError
        If nothing is left of ``mention`` after whitespace, punctuation and a
        trailing ``等``/``负责`` are removed (:func:`split_org_list` never yields
        such items).
    """
    norm = _clean_item(normalise_org_text(mention).lstrip(_MARKERS))
    if "、" in norm:
        # 各县、市、区政府 is spelt 各县（市、区）政府 in lists: one collective, one spelling.
        norm = _bracket_level_lists(norm)
    if not norm:
        raise ValueError(f"not an organisation mention: {mention!r}")
    if "）" in norm:
        norm = _second_name(norm) or _inner_second_name(norm) or norm
    juris = canonical_jurisdiction(jurisdiction)
    if len(norm) > _MAX_NAME:
        return Org(norm, "other", "unknown", None, None, False)
    return _short_district_name(_resolve(_own_level_prefix(norm, juris), juris))


# The relative prefix a 州 / 盟 / 旗 / 自治区 government's documents write (州发改委 in a
# 大理白族自治州 document), read as the prefix its level uses everywhere else.
_OWN_PREFIXES = (("自治区", "省", "自治区"), ("州", "市", "州"), ("盟", "市", "盟"),
                 ("旗", "县", "旗"))


def _own_level_prefix(norm: str, jurisdiction: str | None) -> str:
    """``州生态环境局`` in a 州 document -> ``市生态环境局`` (qualified as that 州's)."""
    if not jurisdiction or is_unplaced(jurisdiction):
        return norm
    for prefix, level, ending in _OWN_PREFIXES:
        if (norm.startswith(prefix) and jurisdiction.endswith(ending)
                and len(norm) > len(prefix) + 1 and norm[len(prefix)] not in "级直内"):
            return level + norm[len(prefix):]
    # 开发区规划建设局 in a development zone's document: the zone's own bureau, written
    # the way 区规划建设局 is (not 昆山市经济技术开发区开发区规划建设局).
    if jurisdiction.endswith(_zone_endings()):
        for word in _zone_endings():
            rest = norm[len(word):]
            if (norm.startswith(word) and len(rest) > 1
                    and not rest.startswith(("管委会", "管理委员会"))):
                return "区" + rest
    return norm


def _short_district_name(org: Org) -> Org:
    """Write a county-level place in a name by its key.

    ``郑州市中原区人民政府``, ``区政府`` in a 中原区 document and ``中原区政府`` are one
    organisation, named ``中原区人民政府`` like the ``district`` field; so are
    ``苏州市吴中区财政局`` and ``区财政局`` in a 吴中区 document.
    """
    if not org.district or org.kind in ("enterprise", "collective", "vertical_agency"):
        return org  # 吴江海关 is official as written
    spelled, rest = place_spellings(org.name, org.district)
    county = [i for i, (_, p) in enumerate(spelled) if p.key == org.district]
    if not county or not rest:
        return org
    i = county[-1]
    if i > 0 and spelled[i][1].parent != spelled[i - 1][1].key:
        return org  # not the known parent: keep what the text says
    if any(p.kind in COUNTY_LEVEL_KINDS for _, p in spelled[:i]):
        return org
    name = org.district + "".join(s for s, _ in spelled[i + 1 :]) + rest
    return dataclasses.replace(org, name=name,
                               jurisdiction=org.district if org.jurisdiction else None)


def _resolve(norm: str, jurisdiction: str | None) -> Org:
    """resolve_org on a cleaned, non-empty, normalised mention."""
    if norm.startswith("中共") and len(norm) > 4:
        norm = norm[2:]  # 中共郑州市委宣传部 = 郑州市委宣传部
    if norm.startswith("国网") and len(norm) > 4 and starts_a_place(norm[2]):
        norm = norm[2:]  # 国网宜昌供电公司 = 宜昌供电公司 (State Grid's local company)
    index = _registry()[0]
    entry = index.get(norm)
    if entry is not None and entry.scope == "nat":
        return Org(entry.canonical, entry.kind, "national", None, None)
    if entry is not None and entry.scope == "abs":
        place, _ = _leading_place(entry.canonical)
        juris, level, _ = _place_info(place) if place else (None, "unknown", None)
        return Org(entry.canonical, entry.kind, level, juris, district_of_org(entry.canonical))
    if (entry is not None and entry.scope == "coll") or _is_collective(norm):
        known = entry is not None and entry.scope == "coll"
        return _collective(entry.canonical if known else norm, jurisdiction, known)
    if (len(norm) > 2 and norm[0] in _LEVEL_CHARS and norm[1] in _LEVEL_CHARS
            and norm[1:] not in index and norm[1:3] != "委"):
        # 市区财政局, 县区教育局: the bodies of two levels at once (区市场监管局 is not)
        return _collective(norm, jurisdiction, False)

    youth = _YOUTH.match(norm)
    if youth:
        return _youth(youth.group(1), youth.group(2), jurisdiction)

    parse = _parse(norm)
    known = parse.entry is not None
    if parse.entry is None and parse.body and parse.place not in ("", *_LEVEL_CHARS):
        shape = _shapes().endings.get(parse.body)
        if shape is not None and (shape.bare or (
                shape.kind == "development_zone" and not parse.body.startswith("管"))):
            # 吴江开发区, 某某高新区: a zone (or town) named after its place
            return _named_area(norm, shape, jurisdiction)
    if parse.entry is not None:
        body, kind = parse.entry.canonical, parse.entry.kind
    else:
        body, kind = parse.body, _suffix_kind(parse.body) or "other"
    if not parse.body:
        # The mention is only a place (中原区): read it as that place's government.
        return _place_org(parse.place, "", None, jurisdiction, True)
    if parse.place == "":
        return _bare(norm, body, kind, jurisdiction, known)
    if parse.place in _LEVEL_CHARS:
        name, juris, level = _qualify_relative(parse.place, body, jurisdiction)
        kind = _gov_kind(kind, level)
        district = None
        if juris and kind != "enterprise":
            district = _district_of_qualified(name, juris)
        return Org(name, kind, level, juris, district, known)
    return _place_org(parse.place, body, kind, jurisdiction, known)


def _named_area(name: str, shape: _Shape, jurisdiction: str | None) -> Org:
    """A development zone or town that carries its own name (汾湖高新区, 吴江开发区,
    黎里镇): never qualified; a zone is named by its 管委会 like a gazetteer zone."""
    places, _ = place_prefix(name, jurisdiction)
    juris = places[-1].key if places else (
        jurisdiction if jurisdiction and not is_unplaced(jurisdiction) else None)
    if shape.level == "township":
        town = name if name.endswith(("人民政府", "办事处")) else name + _town_body(name)
        county = next((p.key for p in reversed(places) if p.kind in COUNTY_LEVEL_KINDS), None)
        if county is None and jurisdiction and not places:
            # 盛泽镇 in a 吴江区 document: town names repeat across China, so the county
            # it lies in is part of its name
            county = _county_key(jurisdiction)
            if county:
                town = county + town
        return Org(town, "government", "township", county or juris, county, False)
    if shape.kind == "development_zone":
        own = _ending(name)
        office = own is not None and own[0].startswith("管")  # 管委会, 管理办: kept
        full = name if office else name + "管委会"
        stem = name[: len(name) - len(own[0])] if office and own is not None else name
        zone = district_of_org(full, jurisdiction) or (
            stem if _ending(stem) is not None else name)  # 东太湖度假区管理办 -> 东太湖度假区
        return Org(full, "development_zone", "county", juris, zone, False)
    return Org(name, shape.kind, "unknown", juris, None, False)


def _youth(place: str, level_char: str, jurisdiction: str | None) -> Org:
    """团市委 / 共青团某某县委: the Youth League committee of a place."""
    if not place:
        name, juris, level = _qualify_relative(level_char, "", jurisdiction)
        if juris:
            return Org(f"共青团{juris}委", "people_organisation", level, juris)
        return Org(f"团{name}委", "people_organisation", level, None)
    juris, level, _ = _place_info(place + level_char)
    return Org(f"共青团{juris}委", "people_organisation", level, juris)


def _bare(norm: str, body: str, kind: OrgKind, jurisdiction: str | None, known: bool) -> Org:
    """A name with no place in front (财政局, 城投集团, 市场监管局 in a table)."""
    own = _inner_place(norm)
    if own is not None:
        # 中国移动郑州分公司, 电信某某分公司: the name carries its place inside; for a
        # vertical agency (人行某某中心支行, 某银行某省分行) that place is its seat.
        if kind == "vertical_agency":
            return Org(norm, kind, _LEVEL_OF_PLACE_KIND.get(own.kind, "unknown"), own.key,
                       None, known)
        return Org(norm, kind, "unknown", None, None, known)
    if _is_place_shaped(norm) and kind in ("government", "other", "development_zone"):
        town = _ending(norm)
        if town is not None and town[1].level == "township":
            return _named_area(norm, town[1], jurisdiction)  # 盛泽镇 in a 吴江区 document
        return _place_org(norm, "", None, jurisdiction, False)
    shape = _ending(body)
    if (shape is not None and shape[1].kind == "development_zone" and not known
            and len(body) > len(shape[0]) and shape[0] != "管委会"
            and body not in _shapes().endings):
        # 长江新区, 汾湖高新区, 东太湖度假区管理办: a zone's own name, not a relative one
        return _named_area(body.removesuffix("管委会").removesuffix("管理委员会"),
                           shape[1], jurisdiction)
    if not jurisdiction:
        return Org(body, kind, "unknown", None, None, known)
    if is_unplaced(jurisdiction):
        return Org(f"{body}{jurisdiction}", kind, "unknown", None, None, known)
    level = _level_of(jurisdiction)
    if body in _shapes().endings and _shapes().endings[body].kind == "development_zone":
        # 经开区 alone in a county's table: that county's zone
        name = jurisdiction + body.removesuffix("管委会") + "管委会"
        return Org(name, "development_zone", "county", jurisdiction, None, known)
    if shape is not None and shape[1].level == "township":
        # 黎里镇 in a 吴江区 document: a town of that county.
        name = body if body.endswith(("人民政府", "办事处", "管委会")) else body + _town_body(body)
        return Org(jurisdiction + name, "government", "township", jurisdiction,
                   _county_key(jurisdiction), known)
    name = jurisdiction + body
    district = None if kind == "enterprise" else _district_of_qualified(name, jurisdiction)
    return Org(name, _gov_kind(kind, level), level, jurisdiction, district, known)


def _district_of_qualified(name: str, jurisdiction: str) -> str | None:
    """The district of a name qualified with a jurisdiction: the jurisdiction's own when
    the gazetteer knows it (no need to read the name again)."""
    if _own_place(jurisdiction) is not None:
        return _county_key(jurisdiction)
    return district_of_org(name)


def _town_body(name: str) -> str:
    return "" if name.endswith("街道") else "人民政府"


def _county_key(jurisdiction: str) -> str | None:
    place = _own_place(jurisdiction)
    return place.key if place is not None and place.kind in COUNTY_LEVEL_KINDS else None


def _inner_place(norm: str) -> Place | None:
    """A prefecture or province named inside a name (中铝河南分公司, 移动安康分公司)."""
    for i in range(1, min(len(norm) - 1, _MAX_NAME)):
        spelled, rest = place_spellings(norm[i:])
        if spelled and rest:
            place = spelled[0][1]
            if place.kind in ("province", "municipality", "city") and len(spelled[0][0]) >= 2:
                return place
    return None


def _is_place_shaped(norm: str) -> bool:
    """A place the gazetteer lacks, alone (恒口镇, 某某县)."""
    return bool(_PLACE_SHAPE.match(norm)) and norm[0] not in _NOT_PLACE_START and (
        norm[-1] in "县旗镇乡"
    )


def _gov_kind(kind: OrgKind, level: str) -> OrgKind:
    """A government below city level is a district government."""
    if kind == "government" and level == "county":
        return "district_government"
    return kind


def _canonical_place(place: str, kind: OrgKind | None) -> str:
    """Write a written-out place canonically.

    County-level places are written by their key (郑州经济开发区 -> 郑州经开区, 管城区 ->
    管城回族区). City and province spellings stay for names that are official with them
    (郑州海关 is not 郑州市海关); a department or government gets the full name
    (郑州科技局 -> 郑州市科技局).
    """
    spelled, rest = place_spellings(place, whole=True)
    parts = []
    official = kind in ("department", "government", "people_organisation")
    for s, p in spelled:
        if p.kind in COUNTY_LEVEL_KINDS:
            # 余杭经济技术开发区 and 吴江海关 are official with the short form
            parts.append(p.name if official or places_named(s) else s)
        elif kind in ("department", "government", "people_organisation"):
            parts.append(p.name)
        else:
            parts.append(s)
    return "".join(parts) + rest


def _place_info(place: str) -> tuple[str, str, str | None]:
    """(jurisdiction, level, place kind) for a written-out place."""
    if place in _NATIONAL_PLACES:
        return place, "national", None
    places, rest = place_prefix(place, whole=True)
    if places and not rest:
        last = places[-1]
        return last.key, _LEVEL_OF_PLACE_KIND.get(last.kind, "unknown"), last.kind
    end = place[-1]
    level = {"省": "province", "区": "province" if place.endswith("自治区") else "county",
             "县": "county", "旗": "county", "市": "city", "州": "city", "盟": "city",
             "镇": "township", "乡": "township"}
    return place, level.get(end, "unknown"), None


def _place_org(place: str, body: str, kind: OrgKind | None, jurisdiction: str | None,
               known: bool) -> Org:
    """An org whose name carries its own place: never re-qualified."""
    if not body and _ending(place) is not None and lookup_place(place) is None:
        # 吴江高新区, 某某镇: a zone or town named by itself
        _, shape = _ending(place)  # type: ignore[misc]
        places, _ = place_prefix(place, jurisdiction)
        juris = places[-1].key if places else jurisdiction
        if shape.level == "township":
            return Org(place + _town_body(place), "government", "township",
                       juris if not is_unplaced(juris) else None, district_of_org(place), False)
        return Org(place, shape.kind, "county" if shape.kind == "development_zone" else "unknown",
                   juris if not is_unplaced(juris) else None, district_of_org(place + "管委会"),
                   False)
    spelled_places, rest_after = place_prefix(place, jurisdiction, whole=True)
    place = _canonical_place(place, kind)
    juris, level, place_kind = _place_info(place)
    if spelled_places and not rest_after:
        last = spelled_places[-1]
        juris = last.key
        level = _LEVEL_OF_PLACE_KIND.get(last.kind, "unknown")
        place_kind = last.kind
    if not body:
        if place_kind == "development_zone":
            body, kind = "管委会", "development_zone"
        elif level == "township":
            body, kind = _town_body(place), "government"
        else:
            body, kind = "人民政府", "government"
    name = place + body
    kind = _gov_kind(kind or "other", level)
    if kind == "development_zone" and place_kind not in (None, "development_zone"):
        kind = "department"  # 某区管委会 of a plain district is unusual; keep it generic
    district = None if kind in ("enterprise",) else district_of_org(name, jurisdiction)
    return Org(name, kind, level, juris, district, known)


def _leading_place(name: str) -> tuple[str, str]:
    places, rest = place_prefix(name)
    if places:
        return name[: len(name) - len(rest)], rest
    match = re.search(r"(?:人行|人民银行)(.{1,12}?)(?:中心支行|支行)$", name)
    if match and _is_place(match.group(1)):
        return match.group(1), name
    return "", name


def _collective(canonical: str, jurisdiction: str | None, known: bool) -> Org:
    """A collective (各县（市、区）政府): qualified by putting the place in front."""
    canonical = canonical.replace("人民政府", "政府") if "（市" in canonical else canonical
    level = "unknown"
    if re.search(r"[县区]（市(?:、区)?）|[县区](?:人民)?政府$", canonical):
        level = "county"
    elif canonical[0] in _LEVEL_CHARS:
        level = _LEVEL_OF_CHAR[canonical[0]]
    places, _ = place_prefix(canonical)
    if places:  # the text names its place already (郑州市政府其他各有关单位)
        return Org(canonical, "collective", level, places[-1].key, None, known)
    if not jurisdiction:
        return Org(canonical, "collective", level, None, None, known)
    if is_unplaced(jurisdiction):
        return Org(canonical + jurisdiction, "collective", level, None, None, known)
    if canonical[0] in _LEVEL_CHARS and _level_char(jurisdiction) == canonical[0]:
        return Org(jurisdiction + canonical[1:], "collective", level, jurisdiction, None, known)
    return Org(jurisdiction + canonical, "collective", level, jurisdiction, None, known)


# --- lists --------------------------------------------------------------------------


_SPLIT_CHARS = re.compile(f"[{_OPEN}{_CLOSE}{_HARD_SEPS}{_LIST_SEPS}{_CONJUNCTIONS}]")


def _split_top_level(text: str) -> list[tuple[str, str]]:
    """Split on separators outside brackets -> [(item, separator before it)]."""
    items: list[tuple[str, str]] = []
    depth = 0
    start = 0
    sep_before = ""
    for match in _SPLIT_CHARS.finditer(text):
        ch = match.group()
        i = match.start()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif ch in _HARD_SEPS or ch in _LIST_SEPS:
            items.append((text[start:i], sep_before))
            sep_before, start = ch, i + 1
        elif _ends_like_org(text, start, i):
            items.append((text[start:i], sep_before))
            sep_before, start = "、", i + 1
    items.append((text[start:], sep_before))
    return items


def _ends_like_org(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (the item before a 和) ends like an organisation."""
    if end - start < 2:
        return False
    last = text[end - 1]
    if last == "）":
        return True
    tail = text[max(start, end - 6) : end]
    if _ending(tail) is not None or last == "府":
        return True
    # 中原区和二七区, but not the 城市 of 宜宾市城市和交通建设投资集团有限公司.
    item = text[start:end]
    return last in "区县市镇" and (_is_bare_place(item) or _is_collective(item))


@lru_cache(maxsize=16384)
def _clean_item(item: str) -> str:
    if item and item[0] in _ENUMERATION_START:
        item = _ENUMERATION.sub("", item)
    if item and item[-1] in _TRAILING_END:
        item = _TRAILING.sub("", item)
        item = _TRAILING_PUNCT.sub("", item)
    return item


@lru_cache(maxsize=16384)
def _is_bare_place(item: str) -> bool:
    """A list item that is only a county-level place (郑州高新区, 中原区)."""
    if not item or len(item) > 20 or item[-1] not in _PLACE_END_CHARS or _is_collective(item):
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
    shape = _ending(item)
    return (
        shape is not None
        and shape[1].kind in ("department", "vertical_agency", "people_organisation")
        and len(item) <= 12
        and not _shapes().verb_start.match(item)
        and not _shapes().national_start.match(item)
        and _inner_place(item) is None
    )


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
        Separators inside brackets never split (``各县（市、区）政府``). A lead
        marker (``★``, ``*``) stays on its item. Linear in the length of ``text``.
    """
    norm = _LEADING_LABEL.sub("", normalise_org_text(text))
    if "、" in norm:
        norm = _bracket_level_lists(norm)
    raw = [(_clean_item(item), sep) for item, sep in _split_top_level(norm)]
    raw = [(piece, sep if k == 0 else "、") for item, sep in raw if item
           for k, piece in enumerate(_unglue(item))]
    marks = [item[: len(item) - len(item.lstrip(_MARKERS))] for item, _ in raw]
    items = [item[len(mark):] for (item, _), mark in zip(raw, marks, strict=True)]

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
            parse = _parse(items[j][:_MAX_NAME])
            if (
                parse.place
                and parse.body
                and parse.place not in _LEVEL_CHARS
                and _is_bare_place(parse.place)
            ):
                for k in range(i, j):
                    items[k] = items[k] + parse.body
        i = j + 1 if j > i else i + 1

    if "管委会" in norm or "政府" in norm or "办事处" in norm:
        _share_bodies(items, [sep for _, sep in raw])

    # Shared prefix at the front: 市科技局、工信委.
    prefix = ""
    unit = ""  # 街道 of 街道平安建设办: a township's or street's own offices share it
    owner = ""  # 市政府 of 市政府各部门: shared by the collective that follows (各直属单位)
    out: list[str] = []
    rel = _rel_index()[0]
    for mark, item in zip(marks, items, strict=True):
        if item:
            parse = _parse(item[:_MAX_NAME])
            if owner and item.startswith(_OWNED_BODIES):
                item = owner + item
            owned = _OWNED_COLLECTIVE.match(item)
            owner = owned.group(1) if owned else ""
            unit_word = _unit_of(item)
            if _sets_prefix(parse):
                prefix, unit = parse.place, ""
            elif unit_word:
                unit = unit_word
            elif unit and _takes_unit(item, parse):
                item = unit + item  # 街道平安建设办、司法所 -> 街道司法所
            elif prefix and "委" + item in rel:
                # Party bodies hang off the party committee: 市委宣传部、组织部 -> 市委组织部.
                item = prefix + "委" + item
            elif prefix and _takes_prefix(item, parse) and not item.startswith(prefix):
                item = prefix + item
        if item:  # a mark alone names nobody
            out.append(mark + item)
    return [item for item in out if item]


@lru_cache(maxsize=1)
def _zone_endings() -> tuple[str, ...]:
    """How a development zone's name ends (新区, 高新区, 经济技术开发区 …), not its committee."""
    return tuple(sorted((e for e, shape in _shapes().endings.items()
                         if shape.kind == "development_zone"
                         and not e.startswith(("管委会", "管理委员会", "管理办"))),
                        key=len, reverse=True))


_BARE_TOWN = re.compile(r"[\u4e00-\u9fff]{2,4}(?:镇|乡|街道)")


def _is_zone(item: str) -> bool:
    return item.endswith(_zone_endings()) and not _is_collective(item)


def _is_town(item: str) -> bool:
    return bool(_BARE_TOWN.fullmatch(item)) and item[0] not in "各相有全本该其"


# (which items, the body they share): 济宁高新区、太白湖新区、济宁经济技术开发区管委会;
# 团山镇、米庄镇人民政府.
_SHARED_BODIES: tuple[tuple[Callable[[str], bool], tuple[str, ...]], ...] = (
    (_is_zone, ("管委会",)),
    (_is_town, ("人民政府", "政府", "办事处")),
)


def _share_bodies(items: list[str], seps: list[str]) -> None:
    """Names listed before one that ends with their shared body take it (in place; only
    across 、, as the shared body of places does)."""
    for member, bodies in _SHARED_BODIES:
        run: list[int] = []
        for k, item in enumerate(items):
            if k and seps[k] != "、":
                run = []
            body = next((b for b in bodies if item.endswith(b) and member(item[:-len(b)])),
                        None)
            if body is not None:
                for j in run:
                    items[j] += body
                run = []
            elif member(item):
                run.append(k)
            else:
                run = []


# A township's or street's documents name its own offices 街道X / 镇X; a list shares it.
_UNIT_WORDS = ("街道", "镇", "乡")


def _unit_of(item: str) -> str:
    """``街道`` of ``街道平安建设办`` (an office of the street itself), else ``""``."""
    for word in _UNIT_WORDS:
        if (item.startswith(word) and len(item) > len(word) + 1
                and not item.startswith(("街道办", "镇政府", "镇人民政府", "乡政府", "乡人民政府"))
                and not _is_collective(item)):
            return word
    return ""


def _takes_unit(item: str, parse: _Parse) -> bool:
    """Whether a bare item is one of those offices (司法所, 党政办), not a body with a name
    of its own (龙塔派出所) or another level's."""
    if not _takes_prefix(item, parse):
        return False
    kind = parse.entry.kind if parse.entry else _suffix_kind(parse.body)
    # An office (…办) or a short 所/站; a longer one is named for its place (龙塔市场监管所).
    return kind in ("department", "people_organisation") and (
        item.endswith("办") or len(item) <= _UNIT_BODY_MAX)


_UNIT_BODY_MAX = 5


_OWNED_COLLECTIVE = re.compile(r"^([市区县省](?:政府|委))各")
# Bodies that belong to someone (市政府各部门、各直属单位 = 市政府各直属单位), unlike
# 各有关单位, which may be anyone's.
_OWNED_BODIES = ("各直属", "各部门", "各工作部门", "各委办局", "各组成部门")

# 各县、市、区政府 = 各县（市、区）政府: levels listed with 、 inside one collective
_LEVEL_LIST = re.compile(
    r"各([县市区旗州])、([县市区旗])(?:、([县市区旗]))?(?=人民政府|政府|[，,；;、和]|$)")


# 各市（县）、区政府 = 各市（县、区）政府
_LEVEL_LIST_BRACKETED = re.compile(
    r"各([县市区旗州])（([县市区旗])）、([县市区旗])(?=人民政府|政府|[，,；;、和]|$)")


def _bracket_levels(match: re.Match[str]) -> str:
    rest = "、".join(g for g in match.groups()[1:] if g)
    return f"各{match.group(1)}（{rest}）"


def _bracket_level_lists(norm: str) -> str:
    """Levels listed with 、 inside one collective, written the one way lists use."""
    norm = _LEVEL_LIST_BRACKETED.sub(_bracket_levels, norm)
    return _LEVEL_LIST.sub(_bracket_levels, norm)


# Where two names were glued together when a table cell lost its line break:
# 区发改局区统计局, 市财政局市工业和信息化局各县市区政府.
# A collective of the org before it (指挥部各工作组) is not glued: only 各 + a level is.
_GLUE = re.compile(r"(?<=[局委办厅部府会司院队社室处心])(?=[市区县省]|各[县市区乡镇街旗州])")


def _unglue(item: str) -> list[str]:
    """Split an item made of several names written without a separator."""
    if (not 6 <= len(item) <= _MAX_NAME * 2 or not _GLUE.search(item)
            or item in _registry()[0] or _is_collective(item)):
        return [item]  # 市政府各有关部门 is one collective
    pieces: list[str] = []
    start = 0
    for match in _GLUE.finditer(item):
        cut = match.start()
        left, right = item[start:cut], item[cut:]
        if (len(left) >= 3 and len(right) >= 3 and left not in _registry()[0]
                and _item_looks_like_org(left) and _looks_like_names(right)):
            pieces.append(left)
            start = cut
    pieces.append(item[start:])
    return pieces


def _looks_like_names(text: str) -> bool:
    """Whether ``text`` is one or more glued names (checked greedily from the left)."""
    if _item_looks_like_org(text):
        return True
    for match in _GLUE.finditer(text):
        if _item_looks_like_org(text[: match.start()]):
            return _looks_like_names(text[match.start():])
    return False


def _second_name(item: str) -> str | None:
    """The name before a bracketed second name: 市发展改革委（市物价局） -> 市发展改革委.

    One office often carries two nameplates; the first is the one to resolve.
    """
    match = _SECOND_NAME.match(item)
    if match and _item_looks_like_org(match.group(1)) and _item_looks_like_org(match.group(2)):
        return match.group(1)
    return None


_INNER_SECOND = re.compile(r"^([^（）]{2,30})（([^（）]{2,20})）([^（）]{1,8})$")


def _inner_second_name(item: str) -> str | None:
    """吴江高新区（盛泽镇）管委会 -> 吴江高新区管委会: a second nameplate inside a name."""
    match = _INNER_SECOND.match(item)
    if match is None:
        return None
    joined = match.group(1) + match.group(3)
    if _item_looks_like_org(match.group(2)) and _item_looks_like_org(joined):
        return joined
    return None


_LAST_BRACKET = re.compile(r"（([^（）]{1,12})）$")


def _collective_bracket(item: str) -> bool:
    """各镇（街道）, 各乡（镇）, 各镇（区、街道）: the levels in the closing bracket are
    collective endings (or level characters) too."""
    match = _LAST_BRACKET.search(item)
    if match is None:
        return False
    ends = _shapes().collective_ends
    return all(part and (part.endswith(ends) or part in "市县区镇乡旗")
               for part in match.group(1).split("、"))


def _item_looks_like_org(item: str) -> bool:
    item = item.lstrip(_MARKERS)
    if "）" in item and (_second_name(item) or _inner_second_name(item)):
        return True
    shapes = _shapes()
    if not 2 <= len(item) <= 30 or "的" in item:
        return False
    if item.endswith(shapes.truncated) and _parse(item).entry is None:
        return False  # 郑东新区管委 (cut at a line break), but 市城管委 is a name
    index = _registry()[0]
    if item in index:
        return True
    if is_post(item):
        return False
    if _NOT_A_NAME.search(item):
        return False
    if _is_collective(item):
        return (
            len(item) <= 20
            and not shapes.clause.search(item)
            and not shapes.verb_start.match(item)
            and (item.endswith(shapes.collective_ends) or _collective_bracket(item))
        )
    if shapes.verb_start.match(item) or shapes.role.search(item):
        return False
    parse = _parse(item)
    if parse.entry is not None:
        return True
    if not parse.body:
        return _is_bare_place(item)
    if len(item) > 20 and _suffix_kind(parse.body) != "enterprise":
        return False  # an enterprise's full name runs longer (…有限公司…分公司)
    shape = shapes.endings.get(parse.body)
    if shape is not None and shape.bare:
        # 吴江开发区 (a place + 开发区), 经开区 alone in a county's table; 镇 alone is not
        return bool(parse.place) or shape.kind == "development_zone"
    return _ending(parse.body) is not None


# What no organisation's name holds: a date (8月底前), a field label's colon, an
# enumerator (二是…), or a name followed by a preposition and its object (市财政局对政府…).
_NOT_A_NAME = re.compile(r"\d+[月日]|\d{4}年|[：:]|^[一二三四五六七八九十]是"
                         r"|[局厅办府院](?:对(?!外)|向|把|将)|^(?:[市区县]?对(?!外)|把|按照)"
                         r"|\d+(?:处|个|座|所|家|条|项|公里|万|亿)")


@lru_cache(maxsize=1)
def _org_end_chars() -> frozenset[str]:
    """Every character a phrase that :func:`looks_like_org` accepts can end with: the
    last characters of registry names, shape and collective endings and places, a
    closing bracket, and the trailing words list readers drop (``等``, ``负责`` …). A cheap
    test that turns most sentences and table cells away before the list is split."""
    shapes = _shapes()
    chars = {name[-1] for name in _registry()[0]}
    chars |= {e[-1] for e in shapes.endings} | {e[-1] for e in shapes.collective_ends}
    return frozenset(chars | set(_PLACE_END_CHARS) | set(_TRAILING_END) | {"）"})


@lru_cache(maxsize=16384)
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
        organisation ending; False for posts and people (``负责人``, ``常务副区长``,
        ``钱 宇``), verb phrases and anything longer than 60 characters.
    """
    norm = normalise_org_text(text)
    if not norm or len(norm) > 60 or norm[-1] not in _org_end_chars():
        return False
    items = split_org_list(norm)
    return bool(items) and all(_item_looks_like_org(item) for item in items)


def unknown_orgs(documents: Iterable[Document]) -> list[tuple[str, int]]:
    """Organisations recognised by their shape, not by the registry, most frequent first.

    For ``--unknown-orgs``: the list a user reads to grow ``org_aliases.tsv``.

    Returns
    -------
    list of (name, count)
        Each org name with ``known=False`` and how many assignments name it.
    """
    counts: Counter[str] = Counter()
    for doc in documents:
        for task in doc.tasks:
            for a in task.assignments:
                if not a.org.known:
                    counts[a.org.name] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
