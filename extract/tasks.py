"""Cutting a document body into tasks and reading each task's owners.

The shapes, in the order a reader meets them:

* **field blocks** — a numbered item (or paragraphs) followed by ``牵头单位：`` /
  ``责任单位：`` / ``协办单位：`` / ``时间节点：`` lines. The block closes the task. A
  block right after a title heading, with no body yet, either *is* about that
  heading (``（五）加强督查\\n责任单位：…``) or governs the body that follows it.
* **inline owner brackets** — ``……（市环保局、国土资源局负责）。……（市卫计委负责）``:
  each bracket closes the sentence group before it.
* **owner clauses** in running text — ``由市物价局牵头，会同…``.
* **org headings** — ``（三）市公安局`` followed by a ``负责……`` paragraph.
* **tables** with an owner column (``责任单位`` / ``牵头单位``).

Output is :class:`RawTask` records: text, section, source lines, owner mentions with
their evidence lines, and deadline phrases. Resolving names and dates is the
pipeline's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.blocks import LogicalLine
from extract.models import Role
from extract.org_names import looks_like_org, split_org_list
from extract.outline import Heading, Outline, heading_of
from extract.repair import stands_alone
from extract.roles import (
    FIELD_LABEL,
    OwnerSpan,
    field_kind,
    find_owner_brackets,
    find_owner_clauses,
    parse_owner_text,
)

__all__ = ["RawOwner", "RawTask", "SegmentWarning", "segment_tasks"]


@dataclass(frozen=True)
class RawOwner:
    """An owner as written, with the role read for it and where it was read."""

    mention: str
    role: Role
    evidence: str
    line: int


@dataclass
class RawTask:
    """A task before names and dates are resolved."""

    text: str
    section: str
    line_start: int
    line_end: int
    owners: list[RawOwner] = field(default_factory=list)
    deadline_fields: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SegmentWarning:
    line: int
    code: str
    text: str


# People, posts and phone numbers inside task blocks (组长：张三 / - 李四 市城管局副局长 /
# （联系电话：6718…）): never task text, never owners.
_PEOPLE_LINE = re.compile(
    r"^(?:组长|副组长|成员|联络员|联系人|联系电话|电话|主任|副主任|秘书长|办公室主任)：|"
    r"^（?联系电话|^\d{7,11}）?$|^.{0,40}（?联系电话：[\d\s-]{7,}|"
    r"^[\u4e00-\u9fff]{1,2}\s?[\u4e00-\u9fff]{1,2}\s*[\u4e00-\u9fff]{2,30}"
    r"(?:局长|主任|处长|科长|书记|县长|区长|市长|秘书长|经理|总经济师|董事长|支队长|部长|干部|委员)$"
)


_ANNEX = re.compile(r"^附\s*件\s*\d*[：:]?")
_FACET = re.compile(r"^\s*[\u4e00-\u9fff]{2,6}：")


@dataclass
class _Field:
    kind: str
    label: str
    value: str
    line: LogicalLine


def _field_of(line: LogicalLine) -> _Field | None:
    match = FIELD_LABEL.match(line.text)
    if not match:
        return None
    kind = field_kind(match.group(1))
    if kind is None:
        return None
    return _Field(kind, match.group(1), line.text[match.end():].strip(), line)


_SENTENCE_END = re.compile(r"[。；！？：）”]$")


def _task_text(lines: list[LogicalLine]) -> str:
    """The task's text: people lines dropped, a sentence cut at a page end rejoined."""
    out = ""
    for line in lines:
        if _PEOPLE_LINE.match(line.text):
            continue
        glue = "" if not out or (not _SENTENCE_END.search(out) and not heading_of(line.text)) \
            else "\n"
        out += glue + line.text
    return out


def _join(lines: list[LogicalLine]) -> LogicalLine:
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


def _units(lines: list[LogicalLine]) -> list[LogicalLine]:
    """Group body lines into the units inline owners close.

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
    return [_join(group) for group in groups]


class _Segmenter:
    """Walks one document body line by line; see the module docstring."""

    def __init__(self, conventions: list[str]) -> None:
        self.conventions = conventions
        self.outline = Outline()
        self.tasks: list[RawTask] = []
        self.warnings: list[SegmentWarning] = []
        self.body: list[LogicalLine] = []  # lines since the last boundary
        self.block: list[_Field] = []  # the field block being read
        self.pre_block: list[_Field] = []  # a block that came before its body
        self.heading_line: LogicalLine | None = None  # the last title heading
        self.list_rank: int | None = None  # rank of an item that ends in "："
        self.item_ranks: dict[int, bool] = {}  # rank -> last heading there was an item

    # -- owners --------------------------------------------------------------
    def _owners_from_field(self, f: _Field) -> list[RawOwner]:
        role: Role = f.kind  # type: ignore[assignment]
        parsed = parse_owner_text(f.value, role, self.conventions)
        if not parsed.owners:
            self.warnings.append(SegmentWarning(f.line.start, "W101", f.line.text))
        for rejected in parsed.rejected:
            self.warnings.append(SegmentWarning(f.line.start, "W102", rejected))
        return [RawOwner(m, r, f.line.text, f.line.start) for m, r in parsed.owners]

    # -- emitting ------------------------------------------------------------
    def _emit(self, lines: list[LogicalLine], fields: list[_Field]) -> None:
        text = _task_text(lines)
        if not text:
            return
        # A block may come before its body: the span covers both.
        task = RawTask(text, self.outline.path,
                       min([lines[0].start, *(f.line.start for f in fields)]),
                       max([lines[-1].end, *(f.line.end for f in fields)]))
        for f in fields:
            if f.kind in ("lead", "responsible", "assist"):
                task.owners.extend(self._owners_from_field(f))
            elif f.kind == "deadline":
                task.deadline_fields.append(f.value)
        # "…。市财政局负责落实会议经费保障。" inside the body names one more owner.
        for line in lines:
            for span in find_owner_clauses(line.text):
                parsed = parse_owner_text(span.content, "responsible", self.conventions)
                for mention, role in parsed.owners:
                    if all(o.mention != mention for o in task.owners):
                        task.owners.append(RawOwner(mention, role, span.content,
                                                    line.line_at(span.start)))
        # A numbered facet inside the item ("3. 时间节点：6月底前…") is text and a field.
        for line in lines:
            inner = _field_of(line)
            if inner and inner.kind == "deadline" and heading_of(line.text):
                task.deadline_fields.append(inner.value)
        self.tasks.append(task)

    def _close_block(self, next_line: LogicalLine | None) -> None:
        """A field block has ended: make its task, or keep it for the body to come."""
        block, self.block = self.block, []
        if self.body:
            self._emit(self.body, self.pre_block + block)
            self.body, self.pre_block = [], []
            return
        nxt = heading_of(next_line.text) if next_line else None
        follows_body = next_line is not None and _field_of(next_line) is None and (
            nxt is None or not nxt.is_title
        )
        if follows_body:
            self.pre_block.extend(block)
        elif self.heading_line is not None:
            self._emit([self.heading_line], block)

    def _discard_body(self) -> None:
        """At a boundary, body lines no block claimed: look for inline owners."""
        lines, self.body = self.body, []
        if self.pre_block:
            fields, self.pre_block = self.pre_block, []
            if lines:
                self._emit(lines, fields)
            return
        if not lines:
            return
        if self._org_heading_task(lines):
            return
        for unit in _units(lines):
            self._inline_tasks(unit)

    def _org_heading_task(self, lines: list[LogicalLine]) -> bool:
        """``（三）市公安局`` + ``负责……``: the heading names the owner."""
        heading = self.outline.innermost
        if heading is None or self.heading_line is None or not lines[0].text.startswith("负责"):
            return False
        name = heading.text[len(heading.marker):].strip()
        mentions = split_org_list(name)
        if not mentions or not all(looks_like_org(m) for m in mentions):
            return False
        text = _task_text(lines)
        task = RawTask(text, self.outline.path, self.heading_line.start, lines[-1].end)
        task.owners = [RawOwner(m, "responsible", self.heading_line.text,
                                self.heading_line.start) for m in mentions]
        self.tasks.append(task)
        return True

    def _inline_tasks(self, line: LogicalLine) -> None:
        """Owner brackets close sentence groups; clauses name owners in the rest."""
        cut = 0
        for span in find_owner_brackets(line.text):
            end = span.end
            # The closing "。" belongs to the group the bracket ends.
            if line.text[end:end + 1] in "。；":
                end += 1
            self._inline_task(line, cut, end, span, f"（{span.content}）")
            cut = end
        tail = line.text[cut:]
        for span in find_owner_clauses(tail):
            end = cut + span.end
            if line.text[end:end + 1] in "。；":
                end += 1
            moved = OwnerSpan(cut + span.start, end, span.content)
            self._inline_task(line, moved.start, end, moved, span.content)

    def _inline_task(self, line: LogicalLine, start: int, end: int, span: OwnerSpan,
                     evidence: str) -> None:
        text = line.text[start:end].strip()
        heading = heading_of(text)
        if heading is not None and heading.is_title:
            text = text[len(heading.marker):]
        if not text:
            return
        parsed = parse_owner_text(span.content, "responsible", self.conventions)
        evidence_line = line.line_at(span.start)
        task = RawTask(text, self.outline.path, line.line_at(start),
                       line.line_at(max(end - 1, start)))
        task.owners = [RawOwner(m, r, evidence, evidence_line) for m, r in parsed.owners]
        for rejected in parsed.rejected:
            self.warnings.append(SegmentWarning(evidence_line, "W102", rejected))
        self.tasks.append(task)

    # -- tables --------------------------------------------------------------
    def table(self, rows: list[LogicalLine]) -> None:
        """A table whose header names an owner column: one task per row."""
        header = [c.strip() for c in rows[0].text.split("\t")]
        roles: dict[int, Role] = {}
        deadline_col = text_col = None
        for i, cell in enumerate(header):
            kind = field_kind(cell) if re.search(r"单位|部门", cell) else None
            if kind in ("lead", "responsible", "assist"):
                roles[i] = kind  # type: ignore[assignment]
            elif re.search(r"时限|时间|节点|期限", cell):
                deadline_col = i
            elif text_col is None and re.search(r"任务|内容|工作|措施|事项|目标|项目", cell):
                text_col = i
        if not roles:
            return
        for row in rows[1:]:
            cells = [c.strip() for c in row.text.split("\t")]
            if text_col is None:
                candidates = [(len(c), i) for i, c in enumerate(cells) if i not in roles]
                col = max(candidates)[1] if candidates else 0
            else:
                col = text_col
            text = cells[col] if col < len(cells) else ""
            if not text:
                continue
            task = RawTask(text, self.outline.path, row.start, row.end)
            for i, role in roles.items():
                if i < len(cells) and cells[i]:
                    f = _Field(role, header[i], cells[i], row)
                    task.owners.extend(self._owners_from_field(f))
            if deadline_col is not None and deadline_col < len(cells) and cells[deadline_col]:
                task.deadline_fields.append(cells[deadline_col])
            self.tasks.append(task)

    # -- the walk ------------------------------------------------------------
    def run(self, lines: list[LogicalLine]) -> None:
        i = 0
        while i < len(lines):
            line = lines[i]
            if "\t" in line.text:
                j = i
                while j < len(lines) and "\t" in lines[j].text:
                    j += 1
                self._boundary()
                self.table(lines[i:j])
                i = j
                continue
            f = _field_of(line)
            heading = heading_of(line.text)
            # A numbered facet "3.时间节点：…" is part of the item's text.
            if f is not None and not (f.kind == "deadline" and heading):
                self.block.append(f)
                i += 1
                if i >= len(lines) or _field_of(lines[i]) is None:
                    self._close_block(lines[i] if i < len(lines) else None)
                continue
            if _ANNEX.match(line.text):
                # An annex (附件) starts afresh: its own tasks under its own title.
                self._boundary()
                self.outline.enter_annex(line.text)
                self.heading_line = None
            elif heading is not None:
                self._heading(line, heading)
            elif not _PEOPLE_LINE.match(line.text) or self.body:
                self.body.append(line)
            i += 1
        self._boundary()

    def _boundary(self) -> None:
        if self.block:
            self._close_block(None)
        self._discard_body()

    def _heading(self, line: LogicalLine, heading: Heading) -> None:
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
            _FACET.match(line.text[len(heading.marker):]))
        # "2.攻坚重点：" then "（1）… （2）…": the sub-items are one list.
        in_list = (self.list_rank is not None and heading.rank > self.list_rank
                   and not heading.is_title and bool(self.body))
        if not (under_pre_block or facet or in_list):
            self._boundary()
        if not in_list:
            self.list_rank = heading.rank if line.text.endswith("：") else None
        self.outline.see(heading)
        if heading.is_title:
            self.heading_line = line
        else:
            self.body.append(line)


def segment_tasks(body: list[LogicalLine], conventions: list[str]
                  ) -> tuple[list[RawTask], list[SegmentWarning]]:
    """Cut a document body into raw tasks.

    Parameters
    ----------
    body : list of LogicalLine
        The document's repaired lines after its header.
    conventions : list of str
        Conventions the document declares (see :func:`extract.roles.detect_conventions`).

    Returns
    -------
    tasks : list of RawTask
    warnings : list of SegmentWarning
    """
    segmenter = _Segmenter(conventions)
    segmenter.run(body)
    return segmenter.tasks, segmenter.warnings
