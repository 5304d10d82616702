"""Splitting a file into documents and reading each document's header.

A gazette issue holds many documents, each opening with a header::

    郑州市人民政府办公厅
    关于印发郑州市 2017 年简政放权放管结合优化服务
    改革重点任务分工方案的通知
    郑政办〔2017〕88号 2017年8月18日

(issuer, title broken over lines, number and date; the issuer and title may share a
line, the date may stand on its own line). A file with no header at all is one
document titled by its first line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.blocks import Block, LogicalLine
from extract.header_patterns import ISSUER, NUMBER_LINE, TITLE_START
from extract.outline import heading_of
from extract.vocabulary import field_label

__all__ = ["DocumentBlock", "iso_date", "split_documents"]

_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TITLE_END = re.compile(
    r"(?:通知|意见|决定|通报|批复|办法|规定|公告|通告|函|报告|命令|方案|细则)$"
)
_PLAN_IN_TITLE = re.compile(
    r"^关于(?:印发|转发|发布实施|发布|公布)(?P<plan>.+?)的(?:通知|意见)$"
)
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_MAX_TITLE_LINES = 5


@dataclass
class DocumentBlock:
    """A document's header fields and its body lines (headers excluded)."""

    issuer: str | None
    title: str
    number: str | None
    date: str | None
    header: list[Block]
    body: list[Block]

    @property
    def first_line(self) -> int:
        lines = self.header or self.body
        return lines[0].start if lines else 1

    @property
    def last_line(self) -> int:
        lines = self.body or self.header
        return lines[-1].end if lines else 1

    @property
    def year(self) -> int | None:
        """The document's year: from its date, else its number, else its text."""
        for source in (self.date, self.number, self.title):
            if source:
                # A year stands apart from other digits (not the 2000 of 索引号
                # 11410200005454321A/2025-00036).
                match = re.search(r"(?<![0-9A-Za-z])(?:19|20)\d\d(?!\d)", source)
                if match:
                    return int(match.group(0))
        for line in self.body[:40]:
            match = _YEAR.search(line.text)
            if match:
                return int(match.group(1))
        return None

    @property
    def plan_title(self) -> str | None:
        """The attached plan's title (``关于印发X的通知`` -> X), as the body spells it."""
        match = _PLAN_IN_TITLE.match(self.title)
        if not match:
            return None
        plan = match.group("plan").strip("《》")
        for line in self.body[:30]:
            if line.text.replace(" ", "") == plan.replace(" ", ""):
                return line.text
        return plan


def iso_date(text: str) -> str | None:
    """``2017年8月18日`` (spaces allowed) -> ``2017-08-18``; ``None`` if absent."""
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _clean_number(number: str) -> str:
    number = re.sub(r"\s+", "", number)
    # One spelling of the year bracket, so the same document always gets one id.
    return re.sub(r"[\[［【(（](\d{4})[\]］】)）]", r"〔\1〕", number)


def _header_at(lines: list[Block], i: int) -> tuple[int, dict[str, str | None]] | None:
    """If a document header starts at ``lines[i]``, return (lines used, fields)."""
    match = ISSUER.match(lines[i].text)
    if not match:
        return _masthead_header_at(lines, i) or _titled_header_at(lines, i)
    fields: dict[str, str | None] = {"issuer": match.group("issuer"), "number": None,
                                     "date": None}
    j = i + 1
    title_parts = [match.group("title")] if match.group("title") else []
    if not title_parts and (j >= len(lines) or not TITLE_START.match(lines[j].text)):
        return None
    # The title may run over several lines; it ends at its document type word or
    # right before the number line.
    while title_parts == [] or not _TITLE_END.search("".join(title_parts)):
        if j >= len(lines) or len(title_parts) >= _MAX_TITLE_LINES:
            break
        if NUMBER_LINE.match(lines[j].text) or iso_date(lines[j].text) == lines[j].text:
            break
        title_parts.append(lines[j].text)
        j += 1
    title = "".join(title_parts)
    if not _TITLE_END.search(title):
        return None
    fields["title"] = title
    # Number and date: on the next line or two.
    for _ in range(2):
        if j >= len(lines):
            break
        text = lines[j].text
        number = NUMBER_LINE.match(text)
        if number and fields["number"] is None:
            fields["number"] = _clean_number(number.group("number"))
            fields["date"] = iso_date(number.group("rest"))
            j += 1
            continue
        if fields["date"] is None and re.fullmatch(r"[\d年月日\s]+", text) and iso_date(text):
            fields["date"] = iso_date(text)
            j += 1
            continue
        break
    if fields["number"] is None and fields["date"] is None:
        # An issuer and a title with neither number nor date is a document quoted
        # inside another (a forwarded State Council notice), not a new one.
        return None
    return j - i, fields


_MASTHEAD = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{2,30}?)文件$")


def _masthead_header_at(lines: list[Block], i: int) -> tuple[int, dict[str, str | None]] | None:
    """The printed layout of an official document: the masthead (``芜湖市人民政府办公室文件``),
    the number line, then the title (``芜湖市人民政府办公室关于印发…的通知``, over lines)."""
    mark = _MASTHEAD.match(lines[i].text)
    if mark is None or i + 2 >= len(lines):
        return None
    number = NUMBER_LINE.match(lines[i + 1].text)
    if number is None:
        return None
    j, title = i + 2, ""
    while j < len(lines) and j - i - 2 < _MAX_TITLE_LINES:
        title += lines[j].text
        j += 1
        if _TITLE_END.search(title):
            break
    titled = ISSUER.match(title)
    if not _TITLE_END.search(title) or not (titled or TITLE_START.match(title)):
        return None
    issuer = titled.group("issuer") if titled else mark.group("issuer")
    if titled and titled.group("title"):
        title = titled.group("title")
    return j - i, {"issuer": issuer, "title": title,
                   "number": _clean_number(number.group("number")),
                   "date": iso_date(number.group("rest"))}


def _titled_header_at(lines: list[Block], i: int) -> tuple[int, dict[str, str | None]] | None:
    """A header without an issuer line, as web pages print one: the title
    (``关于印发…的通知``, over a line or two), then the number line. The number is
    required: a title alone is a document named in the text."""
    if not TITLE_START.match(lines[i].text) or (i > 0 and not _after_gap(lines, i)):
        return None
    j, title = i, ""
    while j < len(lines) and j - i < _MAX_TITLE_LINES and not NUMBER_LINE.match(lines[j].text):
        title += lines[j].text
        j += 1
        if _TITLE_END.search(title):
            break
    if not _TITLE_END.search(title) or j >= len(lines):
        return None
    number = NUMBER_LINE.match(lines[j].text)
    if number is None:
        return None
    return j + 1 - i, {"issuer": None, "title": title,
                       "number": _clean_number(number.group("number")),
                       "date": iso_date(number.group("rest"))}


def _after_gap(lines: list[Block], i: int) -> bool:
    """A line that opens a new page of text: after a blank line or a file's first line."""
    return lines[i].start > lines[i - 1].end + 1


def _closing_date(body: list[Block]) -> str | None:
    """A document without a dated header is dated by its last standalone date line."""
    for line in reversed(body[-8:]):
        if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", line.text):
            return iso_date(line.text)
    return None


_CHROME_MAX_LINES = 15


def _is_page_chrome(preamble: list[Block]) -> bool:
    """A few short lines without a sentence (门户网站 / 首页|政务公开 / 发布日期：…) before
    the first header: what a saved web page prints above the document, not a document."""
    return len(preamble) <= _CHROME_MAX_LINES and all(
        isinstance(b, LogicalLine) and "。" not in b.text for b in preamble)


def split_documents(lines: list[Block]) -> list[DocumentBlock]:
    """Split a file's repaired lines into documents.

    Parameters
    ----------
    lines : list of LogicalLine
        The whole file, repaired.

    Returns
    -------
    list of DocumentBlock
        One block per header found. Text before the first header, or a file with
        no header at all, becomes a document titled by its first line.
    """
    starts: list[tuple[int, int, dict[str, str | None]]] = []
    i = 0
    while i < len(lines):
        found = _header_at(lines, i)
        if found:
            used, fields = found
            starts.append((i, used, fields))
            i += used
        else:
            i += 1
    blocks: list[DocumentBlock] = []
    first = starts[0][0] if starts else len(lines)
    preamble = lines[:first]
    if starts and _is_page_chrome(preamble):
        preamble = []  # a web page's site name and menus before the document's header
    if any(len(line.text) > 1 for line in preamble):
        # Titled by its first paragraph line; a file that opens with a table has no title
        # line, and the table stays whole in the body.
        first_line = next((k for k, b in enumerate(preamble) if isinstance(b, LogicalLine)),
                          None)
        opening = preamble[0].text if first_line == 0 else ""
        if first_line == 0 and not (heading_of(opening) or field_label(opening)):
            title, header, rest = opening, preamble[:1], preamble[1:]
        elif first_line == 0:
            # An excerpt that opens with a numbered item or a field: that is text, not a
            # title; the document is titled by it but keeps it in its body.
            title, header, rest = opening[:60], [], preamble
        else:
            title, header, rest = (preamble[first_line].text if first_line is not None
                                   else ""), [], preamble
        blocks.append(DocumentBlock(None, title, None, _closing_date(preamble), header, rest))
    for k, (i, used, fields) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = lines[i + used : end]
        blocks.append(DocumentBlock(
            issuer=fields["issuer"],
            title=fields["title"] or "",
            number=fields["number"],
            date=fields["date"] or _closing_date(body),
            header=lines[i : i + used],
            body=body,
        ))
    return blocks
