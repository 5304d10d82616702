"""Inline owner brackets: ``……（市环保局、国土资源局负责）。……（省财政厅主办，省国税局、
地税局协办）``, of every bracket kind (``（）`` ``()`` ``〔〕`` ``【】`` ``[]``).

Each bracket closes the sentence group before it, which is one task. A bracket may hold
labelled parts (``（责任领导：…；牵头单位：…；责任单位：…）``, the people skipped), clauses
mixing posts and orgs (``（分管副市长负责，市科技局牵头，市财政局、市发展改革委配合）``), or —
on its own line or right after a sentence end — a bare list of organisations (responsible).
Text after the last bracket that assigns work by a clause becomes a prose task.
"""

from __future__ import annotations

from extract.blocks import LogicalLine
from extract.layouts.base import Context, RawTask
from extract.layouts.prose import clause_tasks, inline_task
from extract.outline import heading_of
from extract.roles import find_owner_brackets
from extract.units import Unit

__all__ = ["BracketsLayout"]


def _opens(before: str) -> bool:
    """Whether only an item's number (or nothing) stands before a bracket."""
    before = before.strip()
    if not before:
        return True
    heading = heading_of(before + "x")
    return heading is not None and heading.marker.strip() == before


class BracketsLayout:
    """Reads one paragraph that holds owner brackets (see the module docstring)."""

    name = "brackets"
    scope = "paragraph"

    def read(self, unit: Unit, paragraph: LogicalLine | None, context: Context
             ) -> list[RawTask] | None:
        if paragraph is None:
            return None
        spans = find_owner_brackets(paragraph.text)
        if not spans:
            return None
        tasks: list[RawTask] = []
        cut = 0
        text = paragraph.text
        for k, span in enumerate(spans):
            end = span.end
            if _opens(text[cut:span.start]):
                # 1.（牵头单位：X；配合单位：Y）推进…: the bracket opens its item, whose
                # text follows it (to the next bracket, or the paragraph's end).
                end = spans[k + 1].start if k + 1 < len(spans) else len(text)
            # The closing "。" belongs to the group the bracket ends.
            elif text[end:end + 1] in ("。", "；"):
                end += 1
            task = inline_task(unit, paragraph, cut, end, span, f"（{span.content}）",
                               self.name, context)
            if task is not None:
                tasks.append(task)
            cut = end
        tasks.extend(clause_tasks(unit, paragraph, cut, context))
        return tasks
