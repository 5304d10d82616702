"""Field lines: a numbered item (or heading, or paragraphs) with ``牵头单位：`` /
``责任单位：`` / ``协同责任单位：`` / ``完成时限：`` lines before or after it.

The label decides the role (:func:`extract.vocabulary.label_kind`: the label's head, so
``协同责任单位`` is responsible and ``协同单位`` assists); people and posts
(``牵头领导：常务副区长``, ``牵头负责领导：金力``) and progress reports (``进展情况：…``) are
part of the block but never owners or task text. A clause inside the item's text
(``…。市财政局负责落实会议经费保障。``) names one more owner.
"""

from __future__ import annotations

from extract.blocks import LogicalLine
from extract.layouts.base import Context, RawOwner, RawTask, ReadWarning
from extract.outline import heading_of
from extract.roles import find_owner_brackets, find_owner_clauses, parse_owner_text
from extract.units import Field, Unit, field_of, task_text
from extract.vocabulary import OWNER_KINDS

__all__ = ["FieldsLayout"]


def owners_of_field(f: Field, context: Context) -> list[RawOwner]:
    """The owners a role field names; a field naming none is a warning (W101)."""
    parsed = parse_owner_text(f.value, f.kind,  # type: ignore[arg-type]
                              context.conventions.at(f.line.end))
    if not parsed.owners:
        context.warnings.append(ReadWarning(f.line.start, "W101", f.line.text))
    return context.owners_from(parsed, f.line.text, f.line.start)


class FieldsLayout:
    """Reads body units that have field lines attached (see the module docstring)."""

    name = "fields"
    scope = "unit"

    def read(self, unit: Unit, paragraph: LogicalLine | None, context: Context
             ) -> list[RawTask] | None:
        if unit.kind != "body" or not unit.fields:
            return None
        if not any(f.kind in OWNER_KINDS or f.kind == "deadline" for f in unit.fields):
            return None  # 联系人：… / 责任人：… alone assign nothing
        lines = unit.lines
        text = task_text(lines)
        if not text:
            return None
        # A block may come before its body: the span covers both.
        task = RawTask(text, unit.section, unit.start, unit.end, self.name)
        for f in unit.fields:
            if f.kind in OWNER_KINDS:
                task.add_owners(owners_of_field(f, context))
            elif f.kind == "deadline":
                task.deadline_fields.append(f.value)
        conventions = context.conventions.at(unit.end)
        for line in lines:
            # 1.…建设（牵头单位：市交通运输局；配合单位：…） above its 完成时限： line.
            for span in find_owner_brackets(line.text):
                parsed = parse_owner_text(span.content, "responsible", conventions)
                task.add_owners(context.owners_from(parsed, f"（{span.content}）",
                                                    line.line_at(span.start)))
            for span in find_owner_clauses(line.text):
                parsed = parse_owner_text(span.content, "responsible", conventions)
                for mention, role in parsed.owners:
                    if all(o.mention != mention for o in task.owners):
                        task.owners.append(RawOwner(mention, role, span.content,
                                                    line.line_at(span.start)))
        # A numbered facet inside the item ("3. 时间节点：6月底前…") is text and a field.
        for line in lines:
            inner = field_of(line)
            if inner and inner.kind == "deadline" and heading_of(line.text):
                task.deadline_fields.append(inner.value)
        return [task]
