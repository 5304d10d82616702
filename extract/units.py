"""Units: a document body cut into the stretches that can each hold one or more tasks.

The layout readers (:mod:`extract.layouts`) read *units*, not lines. Cutting the body is
about structure only — where numbered items begin and end, which field lines belong to
which item, where a table starts — never about who the owners are:

* a **numbered item** (``1.``, ``（三）``, ``2、``) runs until the next heading, whatever its
  line breaks; its labelled facets (``1.退出标准：…``) and the sub-items of an item ending in
  ``：`` stay with it;
* **field lines** (``牵头单位：…``, ``完成时限：…``; the labels come from the role vocabulary)
  attach to the item before them; a block right after a title heading, with no body yet,
  either is about that heading (``（五）加强督查`` / ``责任单位：…``) or governs the body that
  follows it;
* **paragraphs** outside items are units of their own (a line cut at a page end joins the
  next);
* **tables** (runs of :class:`~extract.blocks.TableRow`, with the headings a flattened table
  had between its rows) are one unit each;
* an **annex** line (``附件1``) starts afresh.

Each unit records the section path (``四、重点任务 > （一）…``) it sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from extract.blocks import Block, LogicalLine, TableRow
from extract.outline import Heading, Outline, heading_of
from extract.repair import FOOTER_LINE, LABELLED_LINE, stands_alone
from extract.vocabulary import field_label, label_kind

__all__ = ["Field", "Unit", "build_units", "join_lines", "paragraphs", "task_text"]

# People, posts and phone numbers inside task blocks (组长：张三 / - 李四 市城管局副局长 /
# （联系电话：6718…）): never task text, never owners.
_PEOPLE_LINE = re.compile(
    r"^(?:组长|副组长|成员|联络员|联系人|联系电话|电话|主任|副主任|秘书长|办公室主任)：|"
    r"^（?联系电话|^\d{7,11}）?$|^.{0,40}（?联系电话：[\d\s-]{7,}|"
    r"^[\u4e00-\u9fff]{1,2}\s?[\u4e00-\u9fff]{1,2}\s*[\u4e00-\u9fff]{2,30}"
    r"(?:局长|主任|处长|科长|书记|县长|区长|市长|秘书长|经理|总经济师|董事长|支队长|部长|干部|委员)$"
)
_ANNEX = re.compile(r"^附\s*件\s*\d*[：:]?")
_SENTENCE_END = re.compile(r"[。；！？：）”]$")
# Field kinds that are not fields: an event's own facts are part of the text.
_NOT_FIELDS = frozenset({"event"})


@dataclass(frozen=True)
class Field:
    """A field line: its vocabulary kind, label, value and line."""

    kind: str
    label: str
    value: str
    line: LogicalLine


@dataclass
class Unit:
    """One stretch of a document body.

    ``kind`` is ``"body"`` (lines of text, possibly with attached ``fields``) or
    ``"table"`` (``rows``: table rows and the heading lines between them). ``heading`` is
    the title heading the unit sits right under (for ``（三）市公安局`` / ``负责…``);
    ``section`` the path of enclosing titles.
    """

    kind: str
    section: str
    lines: list[LogicalLine] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    rows: list[Block] = field(default_factory=list)
    heading: LogicalLine | None = None
    heading_only: bool = False  # the text is the heading itself (a block under a title)
    leaf: bool = True  # no later unit sits in a section below this one's

    @property
    def start(self) -> int:
        starts = [b.start for b in (*self.lines, *self.rows)] + [f.line.start
                                                                 for f in self.fields]
        return min(starts) if starts else 0

    @property
    def end(self) -> int:
        ends = [b.end for b in (*self.lines, *self.rows)] + [f.line.end for f in self.fields]
        return max(ends) if ends else 0


def field_of(line: LogicalLine) -> Field | None:
    """The line as a field (``牵头单位：市财政局``), or ``None``."""
    match = field_label(line.text)
    if not match:
        return None
    kind = label_kind(match.group("label"))
    if kind is None or kind in _NOT_FIELDS:
        return None
    return Field(kind, match.group("label"), line.text[match.end():].strip(), line)


def is_people_line(text: str) -> bool:
    """组长：张三, a contact phone line, ``李四 市城管局副局长``: never text, never owners."""
    return bool(_PEOPLE_LINE.match(text))


def task_text(lines: list[LogicalLine]) -> str:
    """The task's text: people lines dropped, a sentence cut at a page end rejoined."""
    out = ""
    for line in lines:
        if _PEOPLE_LINE.match(line.text):
            continue
        glue = "" if not out or (not _SENTENCE_END.search(out) and not heading_of(line.text)) \
            else "\n"
        out += glue + line.text
    return out


def join_lines(lines: list[LogicalLine]) -> LogicalLine:
    """One LogicalLine from several, keeping the map to physical lines."""
    first = lines[0]
    text, breaks = first.text, list(first.breaks)
    for line in lines[1:]:
        glue = "\n" if _SENTENCE_END.search(text) else ""
        text += glue
        breaks.append((len(text), line.start))
        breaks.extend((at + len(text), n) for at, n in line.breaks)
        text += line.text
    return LogicalLine(text, first.start, lines[-1].end, tuple(breaks))


def paragraphs(lines: list[LogicalLine]) -> list[LogicalLine]:
    """Group a unit's lines into the paragraphs inline owners close.

    A numbered item runs until the next heading, whatever its line breaks ("22.建立…
    评价体系。" / "加快实施…（市民政局负责）"); outside items, a paragraph is a unit
    and a line cut at a page end joins the next one.
    """
    groups: list[list[LogicalLine]] = []
    in_item = False
    for line in lines:
        is_item = heading_of(line.text) is not None
        if not groups or is_item or (not in_item and stands_alone(groups[-1][-1].text)):
            groups.append([line])
            in_item = is_item
        else:
            groups[-1].append(line)
    return [join_lines(group) for group in groups]


class _Builder:
    """Walks one document body block by block; see the module docstring."""

    def __init__(self) -> None:
        self.outline = Outline()
        self.units: list[Unit] = []
        self.body: list[LogicalLine] = []  # lines since the last boundary
        self.block: list[Field] = []  # the field block being read
        self.pre_block: list[Field] = []  # a block that came before its body
        self.heading_line: LogicalLine | None = None  # the last title heading
        self.list_rank: int | None = None  # rank of an item that ends in "："
        self.item_ranks: dict[int, bool] = {}  # rank -> last heading there was an item

    def _unit(self, lines: list[LogicalLine], fields: list[Field], *,
              heading_only: bool = False) -> None:
        self.units.append(Unit("body", self.outline.path, list(lines), list(fields),
                               heading=self.heading_line, heading_only=heading_only))

    def _close_block(self, next_block: Block | None) -> None:
        """A field block has ended: attach it to its body, or keep it for the body to come."""
        block, self.block = self.block, []
        if self.body:
            self._unit(self.body, self.pre_block + block)
            self.body, self.pre_block = [], []
            return
        next_line = next_block if isinstance(next_block, LogicalLine) else None
        nxt = heading_of(next_line.text) if next_line else None
        follows_body = next_line is not None and field_of(next_line) is None and (
            nxt is None or not nxt.is_title
        )
        if follows_body:
            self.pre_block.extend(block)
        elif self.heading_line is not None:
            self._unit([self.heading_line], block, heading_only=True)

    def _discard_body(self) -> None:
        """At a boundary: the body lines since the last one become a unit."""
        lines, self.body = self.body, []
        if self.pre_block:
            fields, self.pre_block = self.pre_block, []
            if lines:
                self._unit(lines, fields)
            return
        if lines:
            self._unit(lines, [])

    def boundary(self) -> None:
        if self.block:
            self._close_block(None)
        self._discard_body()

    def table(self, rows: list[Block]) -> None:
        self.boundary()
        self.units.append(Unit("table", self.outline.path, rows=rows,
                               heading=self.heading_line))

    def heading(self, line: LogicalLine, heading: Heading) -> None:
        # "13.放宽社会服务业市场准入，制定具体" cut at a page end looks like a title;
        # when its previous sibling was an item of work, it is one too.
        if heading.is_title and self.item_ranks.get(heading.rank):
            heading = Heading(heading.rank, heading.marker, heading.text, forced_item=True)
        self.item_ranks[heading.rank] = not heading.is_title
        inner = self.outline.innermost
        under_pre_block = (not heading.is_title and inner is not None
                           and heading.rank > inner.rank and bool(self.pre_block))
        # "1.退出标准：… 2.退出任务：… 3.时间节点：…" then one field block: labelled
        # facets of one task, so a facet does not close the body before it.
        facet = not heading.is_title and bool(self.body) and bool(
            LABELLED_LINE.match(line.text[len(heading.marker):].lstrip()))
        # "2.攻坚重点：" then "（1）… （2）…": the sub-items are one list.
        in_list = (self.list_rank is not None and heading.rank > self.list_rank
                   and not heading.is_title and bool(self.body))
        if not (under_pre_block or facet or in_list):
            self.boundary()
        if not in_list:
            self.list_rank = heading.rank if line.text.endswith("：") else None
        self.outline.see(heading)
        if heading.is_title:
            self.heading_line = line
        else:
            self.body.append(line)

    def run(self, blocks: list[Block]) -> None:
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, TableRow):
                j = _table_end(blocks, i)
                self.table(blocks[i:j])
                i = j
                continue
            line = block
            f = field_of(line)
            heading = heading_of(line.text)
            # A numbered facet "3.时间节点：…" is part of the item's text.
            if f is not None and not (f.kind == "deadline" and heading):
                self.block.append(f)
                i += 1
                nxt = blocks[i] if i < len(blocks) else None
                if not isinstance(nxt, LogicalLine) or field_of(nxt) is None:
                    self._close_block(nxt)
                continue
            if FOOTER_LINE.match(line.text):
                self.boundary()
                i += 1
                continue
            if _ANNEX.match(line.text):
                # An annex (附件) starts afresh: its own tasks under its own title.
                self.boundary()
                self.outline.enter_annex(line.text)
                self.heading_line = None
            elif heading is not None:
                self.heading(line, heading)
            elif not _PEOPLE_LINE.match(line.text) or self.body:
                self.body.append(line)
            i += 1
        self.boundary()


def _table_end(blocks: list[Block], i: int) -> int:
    """End (exclusive) of the table starting at ``blocks[i]``: its rows and the headings
    a flattened table had between them."""
    table = blocks[i].table  # type: ignore[union-attr]
    j = i + 1
    while j < len(blocks):
        block = blocks[j]
        if isinstance(block, TableRow):
            if block.table != table:
                break
            j += 1
            continue
        # A line belongs to the table only if a row of the same table follows it.
        k = j
        while k < len(blocks) and isinstance(blocks[k], LogicalLine) and k - j < 3:
            k += 1
        follow = blocks[k] if k < len(blocks) else None
        if isinstance(follow, TableRow) and follow.table == table:
            j = k
        else:
            break
    return j


def build_units(body: list[Block]) -> list[Unit]:
    """Cut a document body into units (see the module docstring).

    Parameters
    ----------
    body : list of Block
        The document's blocks after its header.

    Returns
    -------
    list of Unit
        In document order.
    """
    builder = _Builder()
    builder.run(body)
    units = builder.units
    for unit, nxt in pairwise(units):
        unit.leaf = not (unit.section and nxt.section.startswith(unit.section + " > ")) \
            and not _item_with_children(unit, nxt)
    return units


def _item_with_children(unit: Unit, nxt: Unit) -> bool:
    """``（一）全力推进产业项目建设。`` followed by ``1.…``: a numbered group, not an item."""
    if not unit.lines or not nxt.lines or unit.kind != "body" or nxt.kind != "body":
        return False
    mine, theirs = heading_of(unit.lines[0].text), heading_of(nxt.lines[0].text)
    return mine is not None and theirs is not None and theirs.rank > mine.rank
