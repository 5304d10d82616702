"""Deadline phrases: ``8月底前``, ``2017年6月30日前``, ``到2020年``, ``每月24日前``, ``长期坚持``.

:func:`parse_deadlines` reads every deadline phrase of a task, in order, as a
:class:`~extract.models.Deadline`. Two modes:

* ``field=False`` (running task text): only phrases that are built as a time
  limit count: a month with 底/末/旬/前, ``到/至2020年``, ``2020年前``, ``年底``,
  ``年内``; a full date, half year, quarter or year only with 前/末 or next to
  a commitment (``力争上半年完成``, ``6月30日完成``, ``确保2018年基本建成``), so a
  signature date is not a limit; a recurring ``每月24日前``; an open-ended phrase standing alone in
  brackets (``（长期坚持）``) or after a label (``时限：长期``). A bare ``2015年``
  or ``2017年6月`` in prose is a date the text talks about, not a limit.
* ``field=True`` (the value of a 时间节点/完成时限 line): the whole value is about
  time, so bare years (``2018年，…淘汰完毕``), ``2017年全年``, bare months and
  open/recurring wording (``持续推进…``, ``每年…``) count too.

Conventions (documented here because callers depend on them):

* month end for 底/末/份/下旬 and for ``6月前``; 上旬 = day 10, 中旬 = day 20;
  a year alone (``到2020年``, ``2020年前``) = 12-31; 上半年 =
  06-30, 下半年 = 12-31, quarter *n* = the end of its last month.
* a phrase without a year takes the year of the previous dated phrase in the
  same text (``2018年3月底前…6月底前`` -> 2018-06-30), else ``year``. When
  neither exists the phrase is still returned with kind ``date`` and
  ``date=None``: it *is* a dated limit whose year the text does not give.
* ``今年``/``本年`` is ``year``, ``明年`` is ``year + 1`` (and carries on like a
  written year).
* ranges (``2017年7月1日至2018年6月30日``) yield only their end, which takes
  the start's year when it has none (and the next year when it would
  otherwise come before the start: ``12月20日至1月10日``); starts
  (``从2017年1月1日起``, ``自…起执行``), ``…以来`` and ``截至…`` (an "as of" for
  statistics) yield nothing; with ``year`` given, a date before 1 January of
  that year describes the past and is dropped.
* ``final``: the dated phrase with the latest date (the later one on a tie);
  if no phrase has a date, the last ``date`` phrase; if there is none, every
  open/recurring phrase.

``raw`` is the phrase as matched in the text after whitespace was removed and
full-width digits were made ASCII (PDF text has ``2017 年 10 月底前``).
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from typing import NamedTuple

from extract.models import Deadline, DeadlineKind

__all__ = ["parse_deadlines"]

_WS = re.compile(r"\s+")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
           "十": 10, "十一": 11, "十二": 12}

_MON = r"(?P<mo>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
_BEFORE = r"(?P<before>之?前|以前)?"
_YEAR = r"(?:(?P<y>(?:19|20)\d{2})年)"
# A year written out or relative to the document's (今年6月底前, 明年上半年).
_ANY_YEAR = r"(?:(?P<y>(?:19|20)\d{2})年|(?P<rel>今|明|本)年)"

# One pattern per construction; overlaps are settled by position, then length.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("recurring", re.compile(
        r"每(?:年|月|季度|季|周|半年|旬)(?:第?[一二三四1-4]季度)?"
        r"(?:(?:1[0-2]|0?[1-9])月)?(?:最后一个月)?"
        r"(?P<when>\d{1,2}[日号]|底|末|上旬|中旬|下旬)?(?:之?前|以前)?"
    )),
    ("ymd", re.compile(_ANY_YEAR + r"?" + _MON + r"(?P<d>3[01]|[12]\d|0?[1-9])[日号]" + _BEFORE)),
    ("ym", re.compile(
        _ANY_YEAR + r"?" + _MON + r"(?P<q>份|底|末|上中旬|中下旬|上旬|中旬|下旬)?" + _BEFORE
    )),
    ("half", re.compile(_ANY_YEAR + r"?(?P<h>上|下)半年(?:底|末)?" + _BEFORE)),
    ("quarter", re.compile(_ANY_YEAR + r"?第?(?P<qn>[一二三四1-4])季度(?:末|底)?" + _BEFORE)),
    ("yearend", re.compile(
        r"(?:" + _YEAR + r"年?|(?P<rel>今|明|本)年年?|(?<![一二三四五六七八九十两几\d])年)"
        r"(?:底|末|内)" + _BEFORE
    )),
    ("fullyear", re.compile(_YEAR + r"(?:全年|度)|(?<![\d年])全年")),
    ("year", re.compile(
        r"(?P<lead>到|至|截止到?|截至)?" + _YEAR
        # Leave 2020年底 / 2018年6月 / 2017年上半年 to the longer rules that start later.
        + r"(?!全年|上半年|下半年|[底末内度第]|\d{1,2}月"
        + r"|(?:十[一二]?|[一二三四五六七八九])(?:月|季度))"
        + _BEFORE
    )),
    ("open", re.compile(
        r"长期坚持|长期(?!以来)|持续(?:推进|开展|实施|培育|加强|做好|进行)?|常态化推进|常态化|长效推进"
    )),
)

_AFTER_START = re.compile(r"(?:起|开始|以来|以后|后)")
_BEFORE_START = re.compile(r"(?:从|自|自从)$")
_RANGE_SEP = re.compile(r"(?:至|到|—|－|-|~|～)")
_OPEN_BRACKET = re.compile(r"[（(]$")
_CLOSE_BRACKET = re.compile(r"[）)]")
_LABEL = re.compile(r"(?:时限|时间|期限|节点)[：:]$")
# Words around a bare date that make it a commitment (力争上半年完成).
_COMMIT_BEFORE = re.compile(r"(?:力争|确保|争取|要|须|必须|务必|应|于|在)$")
_COMMIT_AFTER = re.compile(
    r"(?:内|止|为止|完成|建成|实现|到位|启动|开工|投用|投运|出台|制定|印发|全面|基本|取缔|关闭|完毕)"
)
# A bare year in a field must begin a clause, not qualify a noun (纳入2017年计划).
_CLAUSE_START = re.compile(r"(?:^|[，,。；;、：:（(]|—|－|-|~|～|在|于|到|至)$")


class _Hit(NamedTuple):
    start: int
    end: int
    rule: str
    match: re.Match[str]


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _CN_NUM[text]


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _scan(flat: str) -> list[_Hit]:
    """All rule matches, overlaps removed: earliest start wins, then the longest."""
    hits = [
        _Hit(m.start(), m.end(), rule, m)
        for rule, pattern in _RULES
        for m in pattern.finditer(flat)
        if m.end() > m.start()
    ]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _before(flat: str, pos: int) -> str:
    """The few characters before ``pos``: the context regexes are anchored at its end,
    and searching the whole prefix each time would make long texts quadratic."""
    return flat[max(0, pos - 8) : pos]


def _is_start_or_range_start(flat: str, hit: _Hit, nxt: _Hit | None) -> bool:
    if _AFTER_START.match(flat, hit.end):
        return True
    sep = _RANGE_SEP.match(flat, hit.end)
    # The next phrase may start at the separator itself (至2020年 reads 至 as its lead).
    if sep and nxt is not None and nxt.start in (hit.end, sep.end()):
        return True
    return bool(_BEFORE_START.search(_before(flat, hit.start)))


def _near_commitment(flat: str, hit: _Hit) -> bool:
    """力争上半年完成, 确保2018年基本建成: a bare date made a commitment by its words."""
    return bool(
        _COMMIT_BEFORE.search(_before(flat, hit.start)) or _COMMIT_AFTER.match(flat, hit.end)
    )


def _qualifies_in_prose(hit: _Hit, flat: str) -> bool:
    """Whether a match is a time limit even outside a 时间节点 field."""
    g = hit.match.groupdict()
    if hit.rule == "yearend":
        return True
    if hit.rule in ("ymd", "half", "quarter"):
        # 2017年8月17日 under a signature or 2017年一季度 in a title is a date,
        # not a limit; it becomes one with 前/末 or next to a commitment.
        if g["before"] or hit.match.group().endswith(("末", "底")):
            return True
        return _near_commitment(flat, hit)
    if hit.rule == "ym":
        return bool(g["q"] or g["before"])
    if hit.rule == "year":
        if g["before"] or g["lead"] in ("到", "至", "截止", "截止到"):
            return True
        # A year is often a noun's modifier (确保2017年参保工作取得成效): it needs
        # the verb right after it, or a commitment word and a pause (力争2018年，…).
        if g["lead"]:
            return False
        if _COMMIT_AFTER.match(flat, hit.end):
            return True
        pause = flat[hit.end : hit.end + 1] in ("，", ",")
        return pause and bool(_COMMIT_BEFORE.search(_before(flat, hit.start)))
    if hit.rule == "recurring":
        return bool(g["when"])
    if hit.rule == "open":
        before = _before(flat, hit.start)
        bracketed = _OPEN_BRACKET.search(before) and _CLOSE_BRACKET.match(flat, hit.end)
        return bool(bracketed or _LABEL.search(before))
    return False  # fullyear


def _date_of(hit: _Hit, year: int | None) -> tuple[str | None, int | None, bool]:
    """(ISO date or None, explicit year or None, valid) for a dated match."""
    g = hit.match.groupdict()
    explicit = int(g["y"]) if g.get("y") else None
    if g.get("rel"):
        base = year
        if base is not None and g["rel"] == "明":
            base += 1
            explicit = base  # 明年底前…6月底前: later phrases are next year too
    else:
        base = explicit if explicit is not None else year
    if base is None:
        return None, None, True
    if hit.rule == "ymd":
        month, day = _month(g["mo"]), int(g["d"])
        if day > _month_end(base, month):
            return None, explicit, False
    elif hit.rule == "ym":
        month = _month(g["mo"])
        # 上中旬 ends on the 20th; 中下旬, like 下旬, at the month's end.
        day = {"上旬": 10, "中旬": 20, "上中旬": 20}.get(g["q"] or "", _month_end(base, month))
    elif hit.rule == "half":
        month, day = (6, 30) if g["h"] == "上" else (12, 31)
    elif hit.rule == "quarter":
        month = 3 * "一二三四".find(g["qn"]) + 3 if not g["qn"].isdigit() else 3 * int(g["qn"])
        day = _month_end(base, month)
    else:  # yearend, fullyear, year
        month, day = 12, 31
    return f"{base:04d}-{month:02d}-{day:02d}", explicit, True


@lru_cache(maxsize=4096)
def _parse(flat: str, year: int | None, field: bool) -> tuple[Deadline, ...]:
    hits = _scan(flat)
    found: list[tuple[str | None, str, DeadlineKind]] = []
    context_year = year
    range_end = False
    range_start: str | None = None
    for i, hit in enumerate(hits):
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if hit.rule in ("open", "recurring"):
            if field or _qualifies_in_prose(hit, flat):
                found.append((None, hit.match.group(), hit.rule))  # type: ignore[arg-type]
            continue
        g = hit.match.groupdict()
        if g.get("lead") == "截至" or _is_start_or_range_start(flat, hit, nxt):
            range_end = bool(_RANGE_SEP.match(flat, hit.end))
            if range_end:
                range_start, explicit, _ = _date_of(hit, context_year)
                if explicit is not None:
                    context_year = explicit  # 2017年10月12日至10月15日: the end is in 2017
            continue
        is_range_end, range_end = range_end, False
        # The end of a range is a limit whatever words surround it.
        if not (field or is_range_end or _qualifies_in_prose(hit, flat)):
            continue
        bare_year = hit.rule == "year" and not g.get("lead") and not g.get("before")
        starts_clause = _CLAUSE_START.search(_before(flat, hit.start))
        if bare_year and not (starts_clause or _near_commitment(flat, hit)):
            continue
        date, explicit, valid = _date_of(hit, context_year)
        if is_range_end and explicit is None and date and range_start and date < range_start:
            # 2019年12月20日至1月10日: the end without a year is in the next year
            date, explicit, valid = _date_of(hit, int(range_start[:4]) + 1)
        if not valid:
            continue
        if date is not None and year is not None and int(date[:4]) < year:
            continue  # dated before the document's year: the text reports the past
        if explicit is not None:
            context_year = explicit
        found.append((date, hit.match.group(), "date"))
    return tuple(_mark_final(found))


def _mark_final(found: list[tuple[str | None, str, DeadlineKind]]) -> list[Deadline]:
    dated = [i for i, (date, _, kind) in enumerate(found) if kind == "date" and date]
    if dated:
        final = {max(dated, key=lambda i: (found[i][0], i))}
    else:
        undated = [i for i, (_, _, kind) in enumerate(found) if kind == "date"]
        final = {undated[-1]} if undated else set(range(len(found)))
    return [
        Deadline(date=date, raw=raw, kind=kind, final=i in final)
        for i, (date, raw, kind) in enumerate(found)
    ]


def parse_deadlines(text: str, year: int | None, *, field: bool = False) -> list[Deadline]:
    """Every deadline phrase in a text, in order.

    Parameters
    ----------
    text : str
        Task text, or the value of a 时间节点/完成时限 line. Whitespace and
        full-width digits are tolerated.
    year : int or None
        The document's year: the year of phrases that give none
        (``8月底前``), and the cut-off below which dates are history.
    field : bool, optional
        True when ``text`` is the value of a time field, which makes bare
        years, bare months, ``全年`` and open/recurring wording count (see the
        module docstring).

    Returns
    -------
    list of Deadline
        One per phrase, in text order, with ``date`` (ISO or None), ``raw``,
        ``kind`` (``date``/``open``/``recurring``) and ``final`` as described
        in the module docstring. Empty when the text sets no time limit.
    """
    flat = _WS.sub("", text).translate(_DIGITS)
    if not flat:
        return []
    return list(_parse(flat, year, field))
