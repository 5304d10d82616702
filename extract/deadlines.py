"""Deadline phrases: ``8月底前``, ``2021.12``, ``二季度``, ``春节前``, ``每月5日前``, ``长期``.

:func:`parse_deadlines` reads every deadline phrase of a task, in order, as a
:class:`~extract.models.Deadline`. Two modes:

* ``field=False`` (running task text): only phrases that are built as a time
  limit count: a month with 底/末/旬/前 (``6月底前开工``), ``到/至2020年``,
  ``2020年前``, ``年底``, ``年内``, a holiday with 前 (``国庆节前``), ``全年`` in a
  clause that sets a target (``全年…产值突破700亿元``); a full date,
  a bare month (``10月建成``), a half year, quarter or year only with 前/末 or next
  to a commitment word (``力争上半年完成``, ``6月30日完成``, ``确保2018年基本建成``),
  so a signature date is not a limit; a recurring ``每月24日前``; an open-ended
  phrase standing alone in brackets (``（长期坚持）``) or after a label
  (``时限：长期``). A bare ``2015年`` or ``2017年6月`` in prose is a date the text
  talks about, not a limit.
* ``field=True`` (the value of a 时间节点/完成时限 line or of a table's deadline
  cell): the whole value is about time, so bare years (``2018年，…淘汰完毕``),
  ``2017年全年``, ``全年``, bare months (``11月``), dotted months (``2021.12``,
  ``2021-8``, ``2021/12``), bare quarters (``二季度``) and open/recurring wording
  (``持续推进…``, ``每年…``, ``按月``) count too.

Never deadlines, in either mode: starts (``从2017年1月1日起``, ``第二季度起``,
``…以来``); reference dates (``截至2021年底，全市…``, ``较2010年降低``); an
event's date or date range (``举办时间：2021年10月12日至15日``,
``于10月12日至15日举办``, ``定于9月20日召开``) unless it says 前; dates before
1 January of ``year`` (a progress report's ``2021年，全市实现…`` in a 2022
document is history). The words behind these rules (commitment verbs, event
verbs and labels, holidays, open wording) are in ``extract/data/deadline_words.tsv``.

Conventions (documented here because callers depend on them):

* month end for 底/末/份/下旬, for a bare month and for ``6月前``; 上旬 = day 10,
  中旬 = day 20; a year alone (``到2020年``, ``2020年前``, ``全年``) = 12-31;
  上半年 = 06-30, 下半年 = 12-31, quarter *n* = the end of its last month.
* a holiday with 前 is the holiday's eve, the last day before it: ``国庆节前`` =
  09-30, ``春节前`` = the eve of the Spring Festival (除夕), from the Chinese
  calendar table ``extract/data/holiday_dates.tsv`` (1990–2050; outside it the
  phrase keeps kind ``date`` with ``date=None``). A written year names the
  holiday's year (``2022年春节前`` = 2022-01-31, ``2022年元旦前`` = 2021-12-31); a
  holiday without one is the eve that falls in the document's year, so
  ``春节前`` in a 2021 document is 2021-02-11 and ``元旦前`` is 2021-12-31. Which
  Spring Festival a document issued after it means (this one's or next year's)
  the text alone cannot tell: ``raw`` keeps the phrase for the reader.
* a phrase without a year takes the year of the previous dated phrase in the
  same text (``2018年3月底前…6月底前`` -> 2018-06-30), else ``year``; a numbered
  item (``1.…2.…``, ``1、…2、…``) starts afresh with ``year``, since each item
  of a cell is its own milestone (``1.…2022年12月底…2.…10月1日前`` in a 2021
  document: 2021-10-01). When no year is known the phrase is still returned
  with kind ``date`` and ``date=None``: it *is* a dated limit whose year the
  text does not give.
* ``今年``/``本年`` is ``year``, ``明年`` is ``year + 1`` (and carries on like a
  written year).
* ranges (``2017年7月1日至2018年6月30日``, ``2021.1-2021.12``) yield only their
  end, which takes the start's year when it has none (and the next year when
  it would otherwise come before the start: ``12月20日至1月10日``); an end that
  is a bare day (``10月12日至15日``) takes the start's month.
* ``final``: the dated phrase with the latest date (the later one on a tie);
  if no phrase has a date, the last ``date`` phrase; if there is none, every
  open/recurring phrase.

``raw`` is the phrase as matched in the text after whitespace was removed and
full-width digits were made ASCII (PDF text has ``2017 年 10 月底前``).
Whitespace is kept (as one space, never inside ``raw``) only between two digits
and before a numbered item, so ``2021.8 2021.12`` stays two months.

Cost is linear in the text: one scan by one pattern (each alternative bounded in
length, so nothing backtracks far), and a fixed-width look either side of each
phrase, never a search of the text before it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from extract.models import Deadline, DeadlineKind

__all__ = ["parse_deadlines"]

_DATA = Path(__file__).parent / "data"


# --- vocabulary -------------------------------------------------------------

def _load_words() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """``deadline_words.tsv`` as {kind: words, longest first} and {holiday: value}."""
    words: dict[str, list[str]] = {}
    holidays: dict[str, str] = {}
    with open(_DATA / "deadline_words.tsv", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or not cols[0]:
                raise ValueError(f"deadline_words.tsv:{n}: expected word<TAB>kind: {line!r}")
            words.setdefault(cols[1], []).append(cols[0])
            if cols[1] == "holiday":
                holidays[cols[0]] = cols[2]
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in words.items()}, holidays


def _load_holiday_dates() -> dict[tuple[str, int], tuple[int, int]]:
    """``holiday_dates.tsv`` as {(column, year): (month, day)}."""
    table: dict[tuple[str, int], tuple[int, int]] = {}
    header: list[str] = []
    with open(_DATA / "holiday_dates.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if not header:
                header = cols
                continue
            for name, value in zip(header[1:], cols[1:], strict=True):
                month, day = value.split("-")
                table[(name, int(cols[0]))] = (int(month), int(day))
    return table


_WORDS, _HOLIDAYS = _load_words()
_HOLIDAY_DATES = _load_holiday_dates()


def _alt(kind: str) -> str:
    return "|".join(re.escape(w) for w in _WORDS[kind])


# --- grammar ----------------------------------------------------------------

# Only ASCII digits: full-width ones are translated first, and \d would also let
# other scripts' digits reach int().
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")  # str.translate is slow; most texts need none
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}

_Y4 = r"(?:19|20)[0-9]{2}|[一二][〇○零九][〇○零一二三四五六七八九]{2}"
_YEAR = rf"(?:(?P<y>{_Y4})年)"
# A year written out or relative to the document's (今年6月底前, 明年上半年).
_ANY_YEAR = rf"(?:(?P<y>{_Y4})年|(?P<rel>今|明|本|次)年)"
_MON = r"(?P<mo>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
_CN_DAY = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_DAY = rf"(?P<d>3[01]|[12][0-9]|0?[1-9]|{_CN_DAY})[日号]"
# 前后 ("around") is no limit.
_BEFORE = r"(?P<before>之?前|以前)?(?!后)"

# One alternative per construction, tried in this order at each position: where
# two could start at the same character the longer, more specific one comes first.
_RULES: tuple[tuple[str, str], ...] = (
    ("holiday", rf"{_ANY_YEAR}?(?P<hol>{_alt('holiday')})(?P<before>之?前|以前)(?!后)"),
    ("recurring",
        r"(?:每(?:周(?P<wd>[一二三四五六日])?|年|月|季度|季|半年|半月|两周|双月|旬|日|天)"
        r"(?:第?[一二三四1-4]季度)?(?:(?:1[0-2]|0?[1-9])月)?"
        r"(?:最后一个月|第一个月|首月|末月)?"
        rf"(?P<when>[0-9]{{1,2}}[日号时点]|(?:{_CN_DAY})[日号]|底|末|上旬|中旬|下旬)?"
        r"(?:之?前|以前)?"
        r"|按(?:月|季度|季|周|半年)(?!节))"),
    ("ymd", rf"{_ANY_YEAR}?{_MON}{_DAY}{_BEFORE}"),
    # 2021.12, 2021-8, 2021/12/31: a cell's shorthand; never a decimal (2021.5亿元).
    ("dotted",
        r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[.．/／\-－])(?P<mo>1[0-2]|0?[1-9])"
        r"(?:(?P=sep)(?P<d>3[01]|[12][0-9]|0?[1-9]))?(?![0-9%％]|[.．][0-9]|[万亿元])"
        r"(?P<q>底|末)?" + _BEFORE),
    ("ym", rf"{_ANY_YEAR}?{_MON}(?P<q>份|底|末|上中旬|中下旬|上旬|中旬|下旬)?{_BEFORE}"),
    ("half", rf"{_ANY_YEAR}?(?P<h>上|下)半年(?:底|末)?{_BEFORE}"),
    ("quarter", rf"{_ANY_YEAR}?第?(?P<qn>[一二三四1-4])季度(?:末|底)?{_BEFORE}"),
    ("yearend",
        rf"(?:{_YEAR}年?|(?P<rel>今|明|本|次)年年?|(?<![一二三四五六七八九十两几0-9])年)"
        rf"(?:底|末|内){_BEFORE}"),
    ("fullyear", rf"{_YEAR}(?:全年|度)|(?<![0-9年])全年"),
    # “十四五”期间 / 十四五末: the five-year plan's last year (十一五 2010 … 十五五 2030).
    ("plan", r"[“\"]?十(?P<plan>[一二三四五])五[”\"]?(?:规划)?(?:期间|时期|期末|末)"
             r"(?P<before>之?前|以前)?"),
    ("year",
        rf"(?P<lead>到|至|截止到?|截至)?{_YEAR}"
        # Leave 2020年底 / 2018年6月 / 2017年上半年 to the longer rules that start later.
        r"(?!全年|上半年|下半年|[底末内度第]|[0-9]{1,2}月"
        r"|(?:十[一二]?|[一二三四五六七八九])(?:月|季度))" + _BEFORE),
    ("open", rf"(?:{_alt('open')})(?!以来)"),
    # The end of 10月12日至15日; read only right after a range start.
    ("day", rf"(?<=[至到—－\-~～]){_DAY}"),
)


# Where a phrase can start: a lookahead every position must pass before the
# alternatives are tried, so ordinary text (and runs of digits) cost about one
# character test a position. It must admit every start the rules can match
# (tests/test_deadlines.py checks it against the unguarded pattern).
_STARTS = (
    r"(?:19|20)[0-9]{2}(?:年|[.．/／\-－][0-9])"  # 2021年, 2021.12
    r"|[0-9]{1,2}[月日号季]"  # 10月, 15日, 3季度
    r"|[〇○零一二三四五六七八九十]{1,4}[年月日号季]"  # 二〇二一年, 十月, 十五日, 二季度
    r"|[今明本次]年|年[底末内]|[上下]半年|第[一二三四1-4]季|全年"
    r"|[“\"]?十[一二三四五]五"
    r"|到|至|截|每|按"
    rf"|{_alt('holiday')}|{_alt('open')}"
)
# The first characters of _STARTS, tested before it: one character test is all that
# most positions of ordinary text cost.
_FIRST = "0-9〇○零一二三四五六七八九十今明本次年上下第全到至截每按“\"" + re.escape(
    "".join(sorted({w[0] for kind in ("holiday", "open") for w in _WORDS[kind]}))
)


def _combine(
    rules: tuple[tuple[str, str], ...], starts: str | None
) -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, ...], tuple[int, ...]]]]:
    """One pattern of all rules (behind the ``starts`` lookahead when given), each
    rule's groups renamed ``<rule>__<group>`` since a name may occur once in a
    pattern, and per rule (its own group names, their group numbers)."""
    parts: list[str] = []
    for rule, source in rules:
        source = re.sub(r"\(\?P<(\w+)>", rf"(?P<{rule}__\1>", source)
        source = re.sub(r"\(\?P=(\w+)\)", rf"(?P={rule}__\1)", source)
        parts.append(f"(?P<{rule}>{source})")
    body = "|".join(parts)
    pattern = re.compile(f"(?=[{_FIRST}])(?=(?:{starts}))(?:{body})" if starts else body)
    groups: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}
    for rule, _ in rules:
        own = [(name.partition("__")[2], number) for name, number in pattern.groupindex.items()
               if name.startswith(rule + "__")]
        groups[rule] = (tuple(n for n, _ in own), tuple(i for _, i in own))
    return pattern, groups


# In running text a bare year (no 到/至, no 前) matters only as a range's end or
# before a pause, a range separator or a verb (2019年—2020年 / 2018年，… / 2019年完成);
# elsewhere it is a date the text talks about, and leaving it out of the prose scan
# keeps year-heavy text cheap. (A superset is fine: _qualifies_in_prose decides.)
_PROSE_YEAR = (
    r"(?:(?<=[至到—－\-~～])|(?=到|至|截)"
    rf"|(?=(?:{_Y4})年(?:之?前|以前|[，,]|至|到|—|－|-|~|～|{_alt('commit_after')})))"
)
_MODE_RULES = {  # field -> rules
    True: _RULES,
    False: tuple((r, _PROSE_YEAR + src if r == "year" else src) for r, src in _RULES),
}
_SCANNERS = {field: _combine(rules, _STARTS) for field, rules in _MODE_RULES.items()}

_WS = re.compile(r"\s+")
# Whitespace that is surely dropped (not before a digit, numeral or bracket): removed
# in one pass, so only the few other runs need a look at their neighbours.
_WS_DROP = re.compile(r"\s+(?![\s0-9（(一二三四五六七八九十])")
_ITEM_MARK = (
    r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})[、.．)）]"
    r"|[（(](?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})[)）]"
)
_SPACE_KEPT = re.compile(_ITEM_MARK)
# A numbered item inside a value: 1.2022年6月 2.2022年11月, 1、…；2、…
_ITEM = re.compile(rf"(?:(?<=[\s，,。；;：:|])|^)(?:{_ITEM_MARK})")

_AFTER_START = re.compile(_alt("start_after"))
_BEFORE_START = re.compile(f"(?:{_alt('start_before')})$")
_REFERENCE = re.compile(f"(?:{_alt('reference_before')})$")
_RANGE_SEP = re.compile(r"(?:至|到|—|－|-|~|～)")
_OPEN_BRACKET = re.compile(r"[（(]$")
_CLOSE_BRACKET = re.compile(r"[）)]")
_LABEL = re.compile(r"(?:时限|时间|期限|节点)[：:]$")
_EVENT_LABEL = re.compile(f"(?:{_alt('event_label')})(?:[：:]|为)?$")
_EVENT_VERB = re.compile(_alt("event_verb"))
_CLAUSE_END = re.compile(r"[，,。；;！!？?：:]")
# Words around a bare date that make it a commitment (力争上半年完成).
_COMMIT_BEFORE = re.compile(f"(?:{_alt('commit_before')}|{_alt('locative_before')})$")
_STRONG_BEFORE = re.compile(f"(?:{_alt('commit_before')})$")
_COMMIT_AFTER = re.compile(_alt("commit_after"))
_TARGET_VERB = re.compile(_alt("target_verb"))
_RECURRING_VERB = re.compile(_alt("recurring_verb"))
_PRINTED = re.compile(r"印发\s*(?:\n|$)")
_ONCE = re.compile(r"[^，,。；;]{0,12}?(?:一|1|两|2|几)次")
# A bare year in a field must begin a clause, not qualify a noun (纳入2017年计划).
_CLAUSE_START = re.compile(r"(?:^|[\s，,。；;、：:（(]|—|－|-|~|～|在|于|到|至)$")

_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _number(text: str) -> int:
    """An ASCII or Chinese numeral up to 31 (十五, 二十一, 三十)."""
    if text.isascii():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return 10 * (_CN_DIGIT[tens] if tens else 1) + (_CN_DIGIT[units] if units else 0)
    return _CN_DIGIT[text]


def _year_value(text: str) -> int:
    """2021 or 二〇二一."""
    return int(text) if text.isascii() else int("".join(str(_CN_DIGIT[c]) for c in text))


def _month_end(year: int, month: int) -> int:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if leap else _MONTH_DAYS[month]


def _flatten(text: str) -> str:
    """Whitespace removed (PDF text has ``2017 年 10 月``) except between two digits
    and before a numbered item, where one space keeps two phrases apart."""
    if _FULL_WIDTH_DIGIT.search(text):
        text = text.translate(_DIGITS)
    text = _WS_DROP.sub("", text)

    def keep(m: re.Match[str]) -> str:
        s, e = m.span()
        if s == 0 or e == len(text):
            return ""
        if text[s - 1].isdigit() and text[e].isdigit():
            return " "
        return " " if _SPACE_KEPT.match(text, e) else ""

    return _WS.sub(keep, text)


class _Hit:
    """One phrase the scanner found: its rule, span and text; ``get`` reads a group."""

    __slots__ = ("end", "g", "rule", "start", "text")

    def __init__(self, match: re.Match[str], groups: dict[str, tuple]) -> None:
        self.rule: str = match.lastgroup or ""
        self.start, self.end = match.span()
        self.text = match.group()
        names, numbers = groups[self.rule]
        values = match.group(*numbers) if len(numbers) > 1 else [match.group(*numbers)]
        self.g: dict[str, str | None] = dict(zip(names, values, strict=False))

    def get(self, name: str) -> str | None:
        return self.g.get(name)


def _before(flat: str, pos: int) -> str:
    """The few characters before ``pos``: the context regexes are anchored at its end,
    and searching the whole prefix each time would make long texts quadratic."""
    return flat[max(0, pos - 8) : pos]


def _clause_after(flat: str, pos: int) -> str:
    """The rest of the clause after ``pos``, at most 24 characters."""
    window = flat[pos : pos + 24]
    cut = _CLAUSE_END.search(window)
    return window[: cut.start()] if cut else window


def _is_start_or_range_start(
    flat: str, hit: _Hit, before: str, scanner: re.Pattern[str]
) -> bool:
    if _AFTER_START.match(flat, hit.end):
        return True
    sep = _RANGE_SEP.match(flat, hit.end)
    # The next phrase may start at the separator itself (至2020年 reads 至 as its lead).
    if sep and (scanner.match(flat, hit.end) or scanner.match(flat, sep.end())):
        return True
    return bool(_BEFORE_START.search(before))


def _is_event(flat: str, before: str, end: int, hit: _Hit) -> bool:
    """举办时间：… / 于10月12日至15日举办 / 定于9月20日召开: when an event happens.
    A date with 前 is a limit whatever follows (6月底前召开动员会)."""
    if hit.get("before"):
        return False
    if _EVENT_LABEL.search(before):
        return True
    if _COMMIT_AFTER.match(flat, end):
        return False
    return bool(_EVENT_VERB.search(_clause_after(flat, end)))


def _near_commitment(flat: str, hit: _Hit, before: str) -> bool:
    """力争上半年完成, 确保2018年基本建成: a bare date made a commitment by its words."""
    return bool(_COMMIT_BEFORE.search(before) or _COMMIT_AFTER.match(flat, hit.end))


def _qualifies_in_prose(hit: _Hit, flat: str, before: str) -> bool:
    """Whether a match is a time limit even outside a 时间节点 field."""
    rule = hit.rule
    if rule in ("yearend", "holiday"):
        return True
    if rule in ("ymd", "half", "quarter"):
        # 2017年8月17日 under a signature or 2017年一季度 in a title is a date,
        # not a limit; it becomes one with 前/末 or next to a commitment.
        if hit.get("before") or hit.text.endswith(("末", "底")):
            return True
        return _near_commitment(flat, hit, before)
    if rule in ("ym", "dotted"):
        # 10月建成 / 力争10月: a month is a limit next to a verb or a commitment,
        # but 在6月的会议上 is not (a locative alone is too weak for a bare month).
        if hit.get("q") or hit.get("before") or _LABEL.search(before):
            return True  # …；完成时限:2026年11月）: a time label's value
        return bool(_COMMIT_AFTER.match(flat, hit.end) or _STRONG_BEFORE.search(before))
    if rule == "year":
        lead = hit.get("lead")
        if hit.get("before") or lead in ("到", "至", "截止", "截止到"):
            return True
        # A year is often a noun's modifier (确保2017年参保工作取得成效): it needs
        # the verb right after it, or a commitment word and a pause (力争2018年，…).
        if lead:
            return False
        if _COMMIT_AFTER.match(flat, hit.end):
            return True
        pause = flat[hit.end : hit.end + 1] in ("，", ",")
        return pause and bool(_COMMIT_BEFORE.search(before))
    if rule == "recurring":
        # 每月5日前 names its day; 每季度向社会公布… / 每月开展一次 its work's rhythm.
        rhythm = bool(_RECURRING_VERB.match(flat, hit.end) or _ONCE.match(flat, hit.end))
        return bool(hit.get("when") or hit.get("wd") or rhythm)
    if rule == "open":
        bracketed = _OPEN_BRACKET.search(before) and _CLOSE_BRACKET.match(flat, hit.end)
        return bool(bracketed or _LABEL.search(before) or hit.text in _WORDS["open_in_prose"])
    # fullyear: 全年 is the year's target when the clause sets one (全年…突破700亿元),
    # not in a heading (确保完成全年主要预期目标)
    return bool(_TARGET_VERB.search(_clause_after(flat, hit.end)))


def _holiday_eve(name: str, year: int, explicit: bool) -> str | None:
    """The last day before a holiday (see the module docstring), or None off the table."""
    value = _HOLIDAYS[name]

    def eve(y: int) -> date | None:
        if value[:1].isdigit():
            month, day = (int(x) for x in value.split("-"))
        elif (value, y) in _HOLIDAY_DATES:
            month, day = _HOLIDAY_DATES[(value, y)]
        else:
            return None
        return date(y, month, day) - timedelta(days=1)

    if not 1 < year < 9999:
        return None
    found = eve(year)
    if found is not None and not explicit and found.year < year:
        found = eve(year + 1)  # 元旦前 in a 2021 document: 2021-12-31
    return found.isoformat() if found else None


def _date_of(hit: _Hit, year: int | None) -> tuple[str | None, int | None, bool]:
    """(ISO date or None, explicit year or None, valid) for a dated match."""
    written, rel = hit.get("y"), hit.get("rel")
    explicit = _year_value(written) if written else None
    if hit.rule == "plan":
        explicit = 2005 + 5 * ("一二三四五".find(hit.get("plan") or "一") + 1)
    if rel:
        base = year
        if base is not None and rel in ("明", "次"):
            base += 1
            explicit = base  # 明年底前…6月底前: later phrases are next year too
    else:
        base = explicit if explicit is not None else year
    if base is None:
        return None, None, True
    rule = hit.rule
    if rule == "holiday":
        return _holiday_eve(hit.get("hol") or "", base, explicit is not None), explicit, True
    if rule in ("ymd", "dotted") and hit.get("d"):
        month, day = _number(hit.get("mo") or ""), _number(hit.get("d") or "")
        if day > _month_end(base, month):
            return None, explicit, False
    elif rule in ("ym", "dotted"):
        month = _number(hit.get("mo") or "")
        # 上中旬 ends on the 20th; 中下旬, like 下旬, at the month's end.
        q = hit.get("q") or ""
        day = {"上旬": 10, "中旬": 20, "上中旬": 20}.get(q) or _month_end(base, month)
    elif rule == "half":
        month, day = (6, 30) if hit.get("h") == "上" else (12, 31)
    elif rule == "quarter":
        qn = hit.get("qn") or ""
        month = 3 * (int(qn) if qn.isdigit() else "一二三四".find(qn) + 1)
        day = _month_end(base, month)
    else:  # yearend, fullyear, year
        month, day = 12, 31
    return f"{base:04d}-{month:02d}-{day:02d}", explicit, True


def _day_after(start: str, hit: _Hit) -> str | None:
    """The ISO end of ``10月12日至15日``: the start's month, or the next one when the
    day comes before the start's (10月28日至3日)."""
    y, m, d0 = (int(x) for x in start.split("-"))
    day = _number(hit.get("d") or "")
    if day < d0:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if day > _month_end(y, m):
        return None
    return f"{y:04d}-{m:02d}-{day:02d}"


def _parse(flat: str, year: int | None, field: bool) -> tuple[Deadline, ...]:
    found: list[tuple[str | None, str, DeadlineKind]] = []
    context_year = year
    range_from: _Hit | None = None  # the start of a range whose end comes next
    range_start: str | None = None
    gap_from = 0
    scanner, groups = _SCANNERS[field]
    for match in scanner.finditer(flat):
        hit = _Hit(match, groups)
        # A numbered item between the last phrase and this one: its own milestone.
        if context_year != year and _ITEM.search(flat, gap_from, hit.start):
            context_year = year
        gap_from = hit.end
        start_hit, range_from = range_from, None
        before = _before(flat, hit.start)
        if hit.rule in ("open", "recurring"):
            if field or _qualifies_in_prose(hit, flat, before):
                found.append((None, hit.text, hit.rule))  # type: ignore[arg-type]
            continue
        if hit.get("lead") == "截至" or _REFERENCE.search(before):
            continue
        if hit.rule == "day":
            if start_hit is None:
                continue  # 15日 alone is no limit
        elif _is_start_or_range_start(flat, hit, before, scanner):
            if _RANGE_SEP.match(flat, hit.end):
                range_from = hit
                range_start, explicit, _ = _date_of(hit, context_year)
                if explicit is not None:
                    context_year = explicit  # 2017年10月12日至10月15日: the end is in 2017
            continue
        if start_hit is not None:
            # The end of a range is a limit whatever words surround it, unless the
            # range is when an event takes place.
            if _is_event(flat, _before(flat, start_hit.start), hit.end, hit):
                continue
        elif not (field or _qualifies_in_prose(hit, flat, before)):
            continue
        elif hit.rule == "year" and not hit.get("lead") and not hit.get("before") and not (
            _CLAUSE_START.search(before) or _near_commitment(flat, hit, before)
        ):
            continue  # a bare year must begin a clause or be a commitment
        elif _is_event(flat, before, hit.end, hit):
            continue
        elif hit.rule == "ymd" and not hit.get("before") and _PRINTED.match(flat, hit.end):
            continue  # the footer 三亚市人民政府办公室 2012年3月12日印发: when it was printed
        if hit.rule == "day":
            if range_start is None:
                date_, explicit = None, None
            else:
                date_, explicit = _day_after(range_start, hit), None
                if date_ is None:
                    continue
        else:
            date_, explicit, valid = _date_of(hit, context_year)
            if not valid:
                continue
            if start_hit is not None and explicit is None and date_ and range_start \
                    and date_ < range_start:
                # 2019年12月20日至1月10日: the end without a year is in the next year
                date_, explicit, _ = _date_of(hit, int(range_start[:4]) + 1)
        if date_ is not None and year is not None and int(date_[:4]) < year:
            continue  # dated before the document's year: the text reports the past
        if explicit is not None:
            context_year = explicit
        found.append((date_, hit.text, "date"))
    return tuple(_mark_final(found))


@lru_cache(maxsize=4096)
def _parse_cached(flat: str, year: int | None, field: bool) -> tuple[Deadline, ...]:
    return _parse(flat, year, field)


def _mark_final(found: list[tuple[str | None, str, DeadlineKind]]) -> list[Deadline]:
    dated = [i for i, (date_, _, kind) in enumerate(found) if kind == "date" and date_]
    if dated:
        final = {max(dated, key=lambda i: (found[i][0], i))}
    else:
        undated = [i for i, (_, _, kind) in enumerate(found) if kind == "date"]
        final = {undated[-1]} if undated else set(range(len(found)))
    return [
        Deadline(date=date_, raw=raw, kind=kind, final=i in final)
        for i, (date_, raw, kind) in enumerate(found)
    ]


def parse_deadlines(text: str, year: int | None, *, field: bool = False) -> list[Deadline]:
    """Every deadline phrase in a text, in order.

    Parameters
    ----------
    text : str
        Task text, or the value of a 时间节点/完成时限 line or deadline cell.
        Whitespace and full-width digits are tolerated.
    year : int or None
        The document's year: the year of phrases that give none
        (``8月底前``), and the cut-off below which dates are history.
    field : bool, optional
        True when ``text`` is the value of a time field, which makes bare
        years, bare months and quarters, ``全年`` and open/recurring wording
        count (see the module docstring).

    Returns
    -------
    list of Deadline
        One per phrase, in text order, with ``date`` (ISO or None), ``raw``,
        ``kind`` (``date``/``open``/``recurring``) and ``final`` as described
        in the module docstring. Empty when the text sets no time limit.
    """
    flat = _flatten(text)
    if not flat:
        return []
    # Task texts repeat (a field and its task); a long text is not worth keeping.
    if len(flat) <= 1000:
        return list(_parse_cached(flat, year, field))
    return list(_parse(flat, year, field))
