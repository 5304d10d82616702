"""The Word reader: ``.docx`` files (python-docx), paragraphs and tables in order.

What it keeps:

* the body's paragraphs in document order (content controls and text boxes included;
  headers, footers and their page numbers, footnotes and comments left out: they
  live in other parts; tracked changes read as accepted);
* Word list numbering rendered into the text (``一、`` ``（一）`` ``1.`` ``①``) as Word
  shows it, counted per list with restarts when a higher level moves on: an owner
  column of numbered items or a heading numbered by its style reads as typed text;
* tables as rows of cells (:mod:`extract.readers.render`): ``gridSpan`` / ``vMerge``
  resolved, nested tables flattened into their cell's lines, several paragraphs of
  one cell joined with ``\\n``;
* a soft line break (Shift+Enter) ends a line like a paragraph does.

Word files have no fixed pages, so provenance is the rendered line (one per
paragraph, one per paragraph of a table cell) and, for tables, table/row/column.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from errors import Errors, ZerenError
from extract.blocks import SourceText
from extract.readers.render import CellSpec, Grid, SourceBuilder

__all__ = ["ListNumbering", "read"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# An lxml element of the document XML (python-docx exposes lxml trees).
Element = Any
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT = (_q(t) for t in ("p", "tbl", "tr", "tc", "sdt",
                                                     "sdtContent"))
_VAL = _q("val")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# --- list numbering -----------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


def _chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五 (as Word's chineseCounting)."""
    if n <= 0:
        return digits[0]
    if n >= 1000:
        return str(n)
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out = f"{digits[h]}{hundred}" if h else ""
    if t:
        out += ("" if (t == 1 and not h) else digits[t]) + ten
    elif h and u:
        out += digits[0]
    if u:
        out += digits[u]
    return out


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                           (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: 27 -> AA, 28 -> BB.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _from_table(table: str, n: int) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word ``numFmt`` (unknown formats count in digits)."""
    if fmt in ("bullet", "none"):
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "koreanCounting", "ideographDigital"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾", "佰")
    if fmt in ("ideographTraditional", "ideographZodiac"):
        return _from_table(_TIANGAN, n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _from_table(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _from_table(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _from_table(_FULLSTOP, n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    restart: int | None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool  # w:isLgl: every level shown in digits


def _int(el: Element, default: int) -> int:
    try:
        return int(el.get(_VAL))
    except (AttributeError, TypeError, ValueError):  # no element, or no number
        return default


def _levels(lvls: Iterable[Any], ilvl: int | None = None) -> dict[int, _Level]:
    """Levels by 0-based index (``ilvl`` forces the index of a single override)."""
    out: dict[int, _Level] = {}
    for lvl in lvls:
        index = ilvl if ilvl is not None else int(lvl.get(_q("ilvl"), "0"))
        fmt = lvl.find(_q("numFmt"))
        text = lvl.find(_q("lvlText"))
        restart = lvl.find(_q("lvlRestart"))
        out[index] = _Level(
            start=_int(lvl.find(_q("start")), 1),
            fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
            text=text.get(_VAL, "") if text is not None else "",
            restart=_int(restart, 0) if restart is not None else None,
            legal=lvl.find(_q("isLgl")) is not None,
        )
    return out


class ListNumbering:
    """Word's list counters: the number label Word shows before each paragraph.

    Counters are kept per list instance (``w:num``); moving on at one level resets
    the deeper levels; ``w:startOverride`` restarts an instance.

    Parameters
    ----------
    numbering : lxml element or None
        The ``w:numbering`` root of ``word/numbering.xml``.
    styles : lxml element or None
        The ``w:styles`` root (paragraph styles may carry the numbering).
    """

    def __init__(self, numbering: Element | None, styles: Element | None) -> None:
        abstracts: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, dict[int, _Level]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if numbering is not None:
            for abstract in numbering.findall(_q("abstractNum")):
                abstracts[abstract.get(_q("abstractNumId"), "")] = _levels(
                    abstract.findall(_q("lvl")))
            for num in numbering.findall(_q("num")):
                ref = num.find(_q("abstractNumId"))
                levels = dict(abstracts.get(ref.get(_VAL, "") if ref is not None else "", {}))
                for override in num.findall(_q("lvlOverride")):
                    ilvl = int(override.get(_q("ilvl"), "0"))
                    replaced = override.find(_q("lvl"))
                    if replaced is not None:
                        levels.update(_levels([replaced], ilvl))
                    start = override.find(_q("startOverride"))
                    if start is not None and ilvl in levels:
                        old = levels[ilvl]
                        levels[ilvl] = _Level(_int(start, 1), old.fmt, old.text,
                                              old.restart, old.legal)
                self._nums[num.get(_q("numId"), "")] = levels
        # Paragraph styles that carry numbering (headings numbered by their style).
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._based_on: dict[str, str] = {}
        if styles is not None:
            for style in styles.findall(_q("style")):
                sid = style.get(_q("styleId"), "")
                based = style.find(_q("basedOn"))
                if based is not None:
                    self._based_on[sid] = based.get(_VAL, "")
                num_pr = style.find(f"{_q('pPr')}/{_q('numPr')}")
                if num_pr is not None:
                    self._style_num[sid] = _num_pr(num_pr)

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self._style_num:
                return self._style_num[style]
            style = self._based_on.get(style)
        return None, None

    def label(self, p: Element) -> str:
        """The number label of paragraph ``p`` (``""`` when it is not numbered),
        counting it."""
        ppr = p.find(_q("pPr"))
        num_id: str | None = None
        ilvl: int | None = None
        style = None
        if ppr is not None:
            pstyle = ppr.find(_q("pStyle"))
            style = pstyle.get(_VAL) if pstyle is not None else None
            num_pr = ppr.find(_q("numPr"))
            if num_pr is not None:
                num_id, ilvl = _num_pr(num_pr)
        if num_id is None:
            style_num, style_lvl = self._style_numbering(style)
            num_id = style_num
            ilvl = ilvl if ilvl is not None else style_lvl
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        levels = self._nums[num_id]
        ilvl = ilvl or 0
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, [None] * 10)
        current = counters[ilvl]
        counters[ilvl] = levels[ilvl].start if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            level = levels.get(deeper)
            if level is None or (level.restart != 0 and (level.restart is None
                                                         or level.restart > ilvl)):
                counters[deeper] = None
        return self._render(levels, counters, ilvl)

    @staticmethod
    def _render(levels: dict[int, _Level], counters: list[int | None], ilvl: int) -> str:
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for k in range(9, -1, -1):  # %10 before %1
            token = f"%{k + 1}"
            if token not in text:
                continue
            other = levels.get(k)
            value = counters[k] if counters[k] is not None else (other.start if other else 1)
            fmt = "decimal" if (level.legal and k != ilvl) or other is None else other.fmt
            text = text.replace(token, format_number(value or 0, fmt))
        return text


def _num_pr(num_pr: Element) -> tuple[str | None, int | None]:
    num = num_pr.find(_q("numId"))
    lvl = num_pr.find(_q("ilvl"))
    return (num.get(_VAL) if num is not None else None,
            _int(lvl, 0) if lvl is not None else None)


# --- paragraph text -------------------------------------------------------------

_T, _TAB, _BR, _CR, _NBH, _DRAWING_TEXT = (_q(t) for t in ("t", "tab", "br", "cr",
                                                          "noBreakHyphen", "txbxContent"))
_FALLBACK = f"{{{_MC}}}Fallback"
_PPR = _q("pPr")
# Text that is not shown: the old place of moved text (tracked changes), a content
# control's properties.
_HIDDEN = {_FALLBACK, _PPR, _q("moveFrom"), _q("sdtPr"), _q("rPr")}
_WRAPPERS = {SDT, SDT_CONTENT, _q("customXml"), _q("ins"), _q("smartTag")}


def _runs_text(p: Element, boxes: list[Element]) -> list[str]:
    """The paragraph's own text as lines (soft breaks split it); text boxes met on the
    way are collected into ``boxes`` instead."""
    lines = [""]

    def walk(el: Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _HIDDEN:
                continue
            if tag == _DRAWING_TEXT:
                boxes.append(child)
                continue
            if tag == _T:
                lines[-1] += child.text or ""
            elif tag == _TAB:
                lines[-1] += " "
            elif tag == _NBH:
                lines[-1] += "-"
            elif tag in (_BR, _CR):
                if child.get(_q("type")) not in ("page", "column"):
                    lines.append("")
            else:
                walk(child)

    walk(p)
    return lines


class _Walker:
    def __init__(self, builder: SourceBuilder, numbering: ListNumbering) -> None:
        self.out = builder
        self.numbering = numbering

    def paragraph_lines(self, p: Element) -> list[str]:
        """A paragraph as its rendered lines, text boxes first, numbering rendered."""
        boxes: list[Element] = []
        lines = _runs_text(p, boxes)
        label = self.numbering.label(p)
        if label:  # Word shows the number even on an empty item
            lines[0] = label + lines[0].lstrip()
        box_lines = [line for box in boxes for line in self.content_lines(box)]
        return box_lines + lines

    def content_lines(self, container: Element) -> list[str]:
        """Every line in a container (a cell, a text box), nested tables flattened."""
        out: list[str] = []
        for kind, el in _content(container):
            if kind == "p":
                out.extend(self.paragraph_lines(el))
            else:
                for row in _children(el, TR):
                    for tc in _children(row, TC):
                        out.extend(self.content_lines(tc))
        return out

    def body(self, body: Element) -> None:
        for kind, el in _content(body):
            if kind == "p":
                for line in self.paragraph_lines(el):
                    self.out.paragraph([line])
            else:
                self.out.table(self.grid(el))

    def grid(self, tbl: Element) -> Grid:
        """The table's slots: a cell with ``gridSpan`` n fills n slots, a ``vMerge``
        continuation repeats the cell above."""
        grid: Grid = []
        for tr in _children(tbl, TR):
            row: list[CellSpec | None] = []
            trpr = tr.find(_q("trPr"))
            before = _int(trpr.find(_q("gridBefore")), 0) if trpr is not None else 0
            row.extend([None] * before)
            for tc in _children(tr, TC):
                tcpr = tc.find(_q("tcPr"))
                span = 1
                vmerge = None
                if tcpr is not None:
                    span = max(1, _int(tcpr.find(_q("gridSpan")), 1))
                    vm = tcpr.find(_q("vMerge"))
                    if vm is not None:
                        vmerge = vm.get(_VAL, "continue")
                column = len(row)
                above = grid[-1][column] if grid and column < len(grid[-1]) else None
                if vmerge == "continue" and above is not None:
                    spec = above
                    self.content_lines(tc)  # counts any numbering inside, as Word does
                else:
                    spec = CellSpec(self.content_lines(tc))
                row.extend([spec] * min(span, 64))
            grid.append(row)
        return grid


def _children(el: Element, tag: str) -> Iterator[Element]:
    """``el``'s children with ``tag``, also those wrapped in content controls or
    custom XML (a row or cell can be)."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _children(inner, tag)


def _content(container: Element) -> Iterator[tuple[str, Element]]:
    """Paragraphs and tables of a container in order, looking into content controls,
    custom XML and change-tracking insertions."""
    for child in container:
        tag = child.tag
        if tag == P:
            yield "p", child
        elif tag == TBL:
            yield "tbl", child
        elif isinstance(tag, str) and tag in _WRAPPERS:
            inner = child.find(SDT_CONTENT) if tag == SDT else child
            if inner is not None:
                yield from _content(inner)


def read(path: Path) -> SourceText:
    """Read a ``.docx`` file into a :class:`SourceText` (see the module docstring).

    Raises
    ------
    ZerenError
        E101 when the file cannot be opened, E121 for an old binary Word file with a
        ``.docx`` name, E120 for anything else python-docx cannot open.
    """
    import docx  # python-docx; imported here so text-only use needs no Word library

    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        raise ZerenError(Errors.E101.format(file=path, reason=exc.strerror or exc)) from exc
    if head == _OLE_MAGIC:
        raise ZerenError(Errors.E121.format(file=path))
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ZerenError(Errors.E120.format(file=path, reason=_reason(exc))) from exc
    except Exception as exc:  # python-docx raises its own types for bad packages
        raise ZerenError(Errors.E120.format(file=path, reason=_reason(exc))) from exc
    part = document.part
    numbering_el = None
    with contextlib.suppress(KeyError, NotImplementedError):
        numbering_el = part.numbering_part.element
    styles_el = part.styles.element if part.styles is not None else None
    builder = SourceBuilder(str(path), "docx")
    _Walker(builder, ListNumbering(numbering_el, styles_el)).body(document.element.body)
    return builder.source()


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:200]
