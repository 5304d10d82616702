"""An organisation as a heading, its duties below: ``（三）市公安局`` / ``负责……``."""

from __future__ import annotations

from extract.blocks import LogicalLine
from extract.layouts.base import Context, RawOwner, RawTask
from extract.org_names import looks_like_org, split_org_list
from extract.outline import heading_of
from extract.units import Unit, task_text

__all__ = ["OrgHeadingLayout"]


class OrgHeadingLayout:
    """The heading names the owner (responsible); the paragraph starting 负责 is the task."""

    name = "org_heading"
    scope = "unit"

    def read(self, unit: Unit, paragraph: LogicalLine | None, context: Context
             ) -> list[RawTask] | None:
        if unit.kind != "body" or unit.fields or unit.heading is None or not unit.lines:
            return None
        if not unit.lines[0].text.startswith("负责"):
            return None
        heading = heading_of(unit.heading.text)
        if heading is None:
            return None
        mentions = split_org_list(heading.text[len(heading.marker):].strip())
        if not mentions or not all(looks_like_org(m) for m in mentions):
            return None
        task = RawTask(task_text(unit.lines), unit.section, unit.heading.start,
                       unit.lines[-1].end, self.name)
        task.owners = [RawOwner(m, "responsible", unit.heading.text, unit.heading.start)
                       for m in mentions]
        return [task]
