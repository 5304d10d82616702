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
from extract.org_names import looks_like_org, split_org_list
from extract.outline import heading_of
from extract.vocabulary import field_label

__all__ = ["LogicalLine", "logical_lines", "repair_lines", "stands_alone"]


# A line that ends like this finished its paragraph (sentence end, a closing
# bracket or quote, a colon introducing a list).
_ENDS_PARAGRAPH = re.compile(r"[。；！？：）》」』”…]$")
# A line that starts like this begins something new whatever came before.
_STARTS_NEW = re.compile(
    r"^(?:附件|附表|抄送|注：|（此件|第[一二三四五六七八九十百]+[章条节]|"
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


def stands_alone(text: str) -> bool:
    """True for a line that never continues onto the next one."""
    # "责任单位：…，相关县（市、区）" cut at a page end: a role list does not end
    # in a bracket, so the next line is the rest of the name.
    field = field_label(text)
    if field:
        if text.endswith("）"):
            return False
        # "责任单位：市规划局、市住房保障局" is complete; "…财政局、国土" is not.
        items = split_org_list(text[field.end():])
        return bool(items) and looks_like_org(items[-1]) and not text.endswith(("、", "，"))
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
                or DATE_LINE.match(text))


def _is_issuer_line(text: str) -> bool:
    """An issuing government alone on its line, or with its whole title."""
    match = ISSUER.match(text)
    return bool(match) and (not match.group("title") or len(text) <= 100)


def _continues(previous: str, text: str) -> bool:
    """Whether ``text`` is the rest of ``previous``, cut at a page end."""
    if _CONTINUES.match(text):
        return True
    return not stands_alone(previous) and not _starts_new(text)


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
    for number, raw in numbered:
        text = normalize_line(raw)
        if not text:
            continue
        if out and _continues(out[-1].text, text):
            last = out[-1]
            breaks = (*last.breaks, (len(last.text), number))
            out[-1] = LogicalLine(last.text + text, last.start, number, breaks)
        else:
            out.append(LogicalLine(text, number, number))
    return out


def logical_lines(text: str, first_line: int = 1) -> list[LogicalLine]:
    """Repair a whole text; ``first_line`` is the number of its first line."""
    return repair_lines(enumerate(text.split("\n"), start=first_line))
