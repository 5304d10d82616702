"""Owners in running text: ``由X牵头，会同Y…``, ``X会同Y负责``, ``X、Y按职责分工负责``,
``X、Y、Z分别负责``, ``由…副市长负责，市环保局牵头，相关部门配合`` (the post is no owner).

Each such sentence, with the text before it in its paragraph, is one task.
"""

from __future__ import annotations

import re

from extract.blocks import LogicalLine
from extract.layouts.base import Context, RawTask
from extract.outline import heading_of
from extract.roles import OwnerSpan, find_owner_clauses, parse_owner_text
from extract.units import Unit
from extract.vocabulary import field_label, label_kind

__all__ = ["ProseLayout", "clause_tasks", "inline_task"]


def inline_task(unit: Unit, line: LogicalLine, start: int, end: int, span: OwnerSpan,
                evidence: str, layout: str, context: Context) -> RawTask | None:
    """The task ``line.text[start:end]`` whose owners ``span`` names."""
    text = line.text[start:end].strip()
    heading = heading_of(text)
    if heading is not None and heading.is_title:
        text = text[len(heading.marker):]
    if not text:
        return None
    evidence_line = line.line_at(span.start)
    parsed = parse_owner_text(span.content, "responsible",
                              context.conventions.at(evidence_line) if span.ordered else [])
    task = RawTask(text, unit.section, line.line_at(start), line.line_at(max(end - 1, start)),
                   layout)
    task.owners = context.owners_from(parsed, evidence, evidence_line)
    return task


_TIME_BRACKET = re.compile(r"\s*[（(]([^（）()]{2,40})[）)]")


def _after_time_bracket(text: str, end: int) -> int:
    """Past a bracket that gives the sentence's time limit (``…制度。（完成时限:2022年11月）``)."""
    match = _TIME_BRACKET.match(text, end)
    if match:
        label = field_label(match.group(1))
        if label and label_kind(label.group("label")) == "deadline":
            return match.end()
    return end


def clause_tasks(unit: Unit, line: LogicalLine, cut: int, context: Context) -> list[RawTask]:
    """Tasks from the owner clauses in ``line.text[cut:]``.

    In a numbered item the clause closes the item's text before it on the same line, as
    a bracket does (``2.落实留抵退税政策。市税务局负责，市财政局配合。``); otherwise the task
    is the clause's own sentence.
    """
    tasks: list[RawTask] = []
    tail = line.text[cut:]
    heading = heading_of(line.text)
    item = heading is not None and not heading.is_title
    previous = cut  # where the text the next clause closes begins
    for span in find_owner_clauses(tail):
        end = cut + span.end
        if line.text[end:end + 1] in ("。", "；"):
            end += 1
        end = _after_time_bracket(line.text, end)
        moved = OwnerSpan(cut + span.start, end, span.content, span.ordered)
        # Absorb the item's own sentence before the clause, not paragraphs above it.
        start = previous if item and "\n" not in line.text[previous:moved.start] \
            else moved.start
        task = inline_task(unit, line, start, end, moved, span.content, "prose", context)
        if task is not None:
            tasks.append(task)
        previous = end
    return tasks


class ProseLayout:
    """Reads one paragraph that assigns work by clauses (see the module docstring)."""

    name = "prose"
    scope = "paragraph"

    def read(self, unit: Unit, paragraph: LogicalLine | None, context: Context
             ) -> list[RawTask] | None:
        if paragraph is None:
            return None
        return clause_tasks(unit, paragraph, 0, context) or None
