"""Join PDF-broken lines back into logical lines, keeping a map to the source.

PDF conversion breaks paragraphs at page ends (``国土`` / blank / ``资源局``) and,
in some files, at every printed line. A logical line is what the author wrote as
one line: a heading, a paragraph, a role field, a table row. Each one remembers the
first and last physical line (1-based) it was built from, which is how every task
and assignment points back to the text users check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.blocks import LogicalLine
from extract.header_patterns import DATE_LINE, ISSUER, NUMBER_LINE
from extract.normalize import normalize_line
from extract.org_names import looks_like_org
from extract.outline import heading_of
from extract.vocabulary import field_label

__all__ = ["FOOTER_LINE", "LABELLED_LINE", "LogicalLine", "logical_lines", "repair_lines",
           "stands_alone"]


# A line that ends like this finished its paragraph (sentence end, a closing
# bracket or quote, a colon introducing a list).
_ENDS_PARAGRAPH = re.compile(r"[。；！？：）》」』”…]$")
# A line that starts like this begins something new whatever came before.
_STARTS_NEW = re.compile(
    r"^(?:附件|附表|抄送|【|注：|（此件|第[一二三四五六七八九十百]+[章条节]|"
    r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|（\d{1,2}）|\d{1,2}[.．、）](?!\d)|"
    r"[①-⑳]|[一二三四五六七八九十]是)"
)
# Titles and signatures stand alone even though they end without punctuation.
_TITLE_END = re.compile(
    r"(?:方案|计划|要点|意见|办法|规划|细则|纲要|清单|制度|规定|决定|通知|通报|批复|"
    r"人民政府|办公厅|办公室|任务分解|分工|安排|一览表|明细表|汇总表|名单)$"
)


# Words that cannot open a line of their own: the rest of a name cut at a page end.
# A sentence of one to three characters ("用。强化…") is the tail of a word cut there.
_CONTINUES = re.compile(r"^(?:人民政府|政府|管委会|办事处|委员会|[\u4e00-\u9fff]{1,3}[。；])")


_LIST_SEPARATORS = "、，,；;"


def _last_item(value: str) -> str:
    """The last item of a list, found from its end (so a long list costs only its tail)."""
    depth = 0
    for i in range(len(value) - 1, -1, -1):
        ch = value[i]
        if ch in "）)】〕":
            depth += 1
        elif ch in "（(【〔":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _LIST_SEPARATORS:
            return value[i + 1 :].strip()
    return value.strip()


def stands_alone(text: str) -> bool:
    """True for a line that never continues onto the next one."""
    # "责任单位：…，相关县（市、区）" cut at a page end: a role list does not end
    # in a bracket, so the next line is the rest of the name.
    field = field_label(text)
    if field:
        if text.endswith(("。", "；", "！", "？")):
            return True  # 发布时间：…信息来源：…根据…如下。: a sentence ends it
        if text.endswith("）"):
            return False
        # "责任单位：市规划局、市住房保障局" is complete; "…财政局、国土" is not.
        if text.endswith(("、", "，")):
            return False
        last = _last_item(text[field.end():])
        return bool(last) and looks_like_org(last)
    if "\t" in text or _ENDS_PARAGRAPH.search(text) or DATE_LINE.match(text):
        return True
    if (len(text) <= 40 and _TITLE_END.search(text)) or _is_issuer_line(text):
        return True
    if NUMBER_LINE.match(text):
        return True
    heading = heading_of(text)
    # A short heading ("（一）加强组织领导") ends its line; a long numbered item
    # broken at a page end ("1. 以保证电网……力争") does not.
    return heading is not None and len(text) <= 30 and "。" not in text


def _starts_new(text: str) -> bool:
    return bool("\t" in text or _STARTS_NEW.match(text) or field_label(text)
                or _is_issuer_line(text) or NUMBER_LINE.match(text)
                or DATE_LINE.match(text) or _short_title(text) or FOOTER_LINE.match(text))


def _short_title(text: str) -> bool:
    """A numbered title alone on a short line (督办事项2, （三）市财政局)."""
    if len(text) > _SHORT_TITLE:
        return False
    heading = heading_of(text)
    return heading is not None and heading.is_title


_SHORT_TITLE = 12


def _is_issuer_line(text: str) -> bool:
    """An issuing government alone on its line, or with its whole title."""
    match = ISSUER.match(text)
    return bool(match) and (not match.group("title") or len(text) <= 100)


def _continues(previous: str, text: str) -> bool:
    """Whether ``text`` is the rest of ``previous``, cut at a page end."""
    if _CONTINUES.match(text):
        return True
    if LABELLED_LINE.match(text) and field_label(previous):
        return False  # 责任人：韩志刚、马玉梅 / 督办内容：…: one labelled line after another
    return not stands_alone(previous) and not _starts_new(text)


# A labelled line: a short label and its colon (督办内容：, 牵头领导：).
LABELLED_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")
# What a printed or published document has after its last task: the 抄送 line, the
# printing office and date (…办公室 2020年4月20日印发), a portal's share and print
# buttons. It starts a line of its own, ends the item before it and is no task text.
FOOTER_LINE = re.compile(
    r"^(?:抄送[：:]|抄报[：:]|分享到|扫一扫|【?打印本页|【?关闭窗口|【?打印】|相关链接|上一篇|下一篇"
    r"|.{0,30}\d{4}年\d{1,2}月\d{1,2}日印发$)"
)


_PAGE_NUMBER = re.compile(r"^[—－\-–]{1,2}\s*\d{1,3}\s*[—－\-–]{1,2}$")


# A whole page flattened onto one line (a web page's text copied without its breaks):
# its paragraphs are joined by a space. Such a line is cut at a space that ends a part
# (…的通知 / 〔2014〕56号 / 各县区人民政府，…： / a sentence) or starts one (一、 （二） 3.).
_FLAT_MIN = 200
_FLAT_CUT = re.compile(
    r"(?<=[\u4e00-\u9fff）)〕】》”。；：:！？])[ \u3000]+"
    r"(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、]"
    r"|附件))"
    r"|(?:(?<=通知)|(?<=[0-9）)]号)|(?<=[。：:；]))[ \u3000]+(?=[\u4e00-\u9fff《“（(])"
)


def _unflattened(text: str) -> list[str]:
    """``text`` cut into its parts when it is a flattened page, else ``[text]``."""
    if len(text) < _FLAT_MIN or (" " not in text and "\u3000" not in text):
        return [text]
    parts = [part for part in _FLAT_CUT.split(text) if part]
    return parts if len(parts) > 2 else [text]


def repair_lines(numbered: Iterable[tuple[int, str]]) -> list[LogicalLine]:
    """Normalise physical lines and join the ones a page break split.

    Parameters
    ----------
    numbered : iterable of (int, str)
        Physical lines with their 1-based line numbers (blank lines may be included;
        they are skipped: in PDF text they separate every line, so they carry no
        paragraph information).

    Returns
    -------
    list of LogicalLine
        The repaired lines in order.
    """
    out: list[LogicalLine] = []
    pending: _Pending | None = None
    for number, raw in numbered:
        text = normalize_line(raw)
        if not text or _PAGE_NUMBER.match(raw.strip()):
            continue  # a printed page's number (— 3 —) is no text, and joins nothing
        # Cut before normalising, which drops the spaces between CJK characters.
        first, *rest = [normalize_line(part) for part in _unflattened(raw)] \
            if len(text) >= _FLAT_MIN else [text]
        if pending is not None and not rest and _continues(pending.view(), first):
            pending.add(first, number)
        else:
            if pending is not None:
                out.append(pending.line())
            pending = _Pending(first, number)
        for part in rest:  # the parts of a flattened page are lines of their own
            out.append(pending.line())
            pending = _Pending(part, number)
    if pending is not None:
        out.append(pending.line())
    return out


class _Pending:
    """A logical line being built. Joining many physical lines (a list continued over
    thousands of lines) must stay linear: parts are kept in a list, and the decision to
    join looks only at the line's head and tail (:meth:`view`)."""

    _VIEW = 200

    def __init__(self, text: str, number: int) -> None:
        self.parts = [text]
        self.length = len(text)
        self.start = self.end = number
        self.breaks: list[tuple[int, int]] = []
        self._head = text[: self._VIEW]
        self._tail = text[-self._VIEW:]

    def add(self, text: str, number: int) -> None:
        self.breaks.append((self.length, number))
        self.parts.append(text)
        self.length += len(text)
        self.end = number
        if len(self._head) < self._VIEW:
            self._head = (self._head + text)[: self._VIEW]
        self._tail = (self._tail + text)[-self._VIEW:]

    def view(self) -> str:
        """The text, or for a long line its head and tail: every test
        :func:`stands_alone` makes of a line over 400 characters looks only at those."""
        if self.length <= 2 * self._VIEW:
            return "".join(self.parts)
        return self._head + self._tail

    def line(self) -> LogicalLine:
        return LogicalLine("".join(self.parts), self.start, self.end, tuple(self.breaks))


def logical_lines(text: str, first_line: int = 1) -> list[LogicalLine]:
    """Repair a whole text; ``first_line`` is the number of its first line."""
    return repair_lines(enumerate(text.split("\n"), start=first_line))
