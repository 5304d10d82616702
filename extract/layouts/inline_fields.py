"""Field labels inside a paragraph, after the item's sentence:
``1.加快铁路配套工程建设。牵头单位：州发改委；配合单位：州交通运输局；完成时限：10月底。``

The text before the first label is the task; each labelled part is read as a field line
would be (the label decides the role; people and posts are skipped; a 完成时限 part is a
deadline).
"""

from __future__ import annotations

from extract.blocks import LogicalLine
from extract.layouts.base import Context, RawTask
from extract.roles import labelled_parts, parse_owner_text
from extract.units import Unit
from extract.vocabulary import OWNER_KINDS, inline_label_pattern

__all__ = ["InlineFieldsLayout"]


class InlineFieldsLayout:
    """Reads one paragraph whose sentence is followed by field labels."""

    name = "inline_fields"
    scope = "paragraph"

    def read(self, unit: Unit, paragraph: LogicalLine | None, context: Context
             ) -> list[RawTask] | None:
        if paragraph is None:
            return None
        match = inline_label_pattern().search(paragraph.text)
        if match is None:
            return None
        text = paragraph.text[: match.start()].strip()
        fields = paragraph.text[match.start("label"):].strip()
        parts = labelled_parts(fields) or []
        # People may come first (责任领导：…；责任单位：…); an owner or a deadline must follow.
        if not text or not any(kind in (*OWNER_KINDS, "deadline") for kind, _ in parts):
            return None
        line = paragraph.line_at(match.start("label"))
        task = RawTask(text, unit.section, paragraph.start, paragraph.end, self.name)
        parsed = parse_owner_text(fields, "responsible", context.conventions.at(line))
        task.owners = context.owners_from(parsed, fields, line)
        for kind, value in parts:
            if kind == "deadline":
                task.deadline_fields.append(value.rstrip("。；;"))
        return [task]
