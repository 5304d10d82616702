"""Numbered items of work that name no owner, in a document that assigns work.

``3. 强化重大项目建设`` / ``坚持以重大产业项目建设为抓手…`` in a 工作方案 is a task even when
no owner is named: the supervision office must know it is unassigned. Such items become
tasks without owners (the audit ``tasks_without_owner`` finds them) and are reported as
unread (W112), so a layout the readers do not know never passes silently. Only the
innermost items count (a title with numbered children is a section), and titles that
guide rather than assign (``一、指导思想``) are not tasks. In documents that do not assign
work (规划, 办法, 通报) numbered items are policy text and give nothing.
"""

from __future__ import annotations

from extract.blocks import LogicalLine
from extract.conventions import find_declarations
from extract.layouts.base import Context, RawTask
from extract.outline import heading_of
from extract.units import Unit, task_text
from extract.vocabulary import guides_rather_than_assigns

__all__ = ["ItemLayout"]


class ItemLayout:
    """The fallback for body units no other reader took (see the module docstring)."""

    name = "item"
    scope = "fallback"

    def read(self, unit: Unit, paragraph: LogicalLine | None, context: Context
             ) -> list[RawTask] | None:
        if not context.work_plan or unit.kind != "body" or unit.fields or not unit.lines:
            return None
        if not unit.leaf:
            return None
        first = unit.lines[0]
        heading = heading_of(first.text)
        if heading is not None and not heading.is_title:
            title, text, start = first.text, task_text(unit.lines), first.start
        elif unit.heading is not None and heading_of(unit.heading.text) is not None:
            title = unit.heading.text
            text = f"{title}\n{task_text(unit.lines)}"
            start = unit.heading.start
        else:
            return None
        if guides_rather_than_assigns(title[:20]) or guides_rather_than_assigns(unit.section):
            return None
        if find_declarations(task_text(unit.lines)):
            return None  # "以下任务均由各县政府落实，下同" declares; it is not a task
        return [RawTask(text, unit.section, start, unit.end, self.name)]
