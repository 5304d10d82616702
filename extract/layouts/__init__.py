"""Layout readers: one module per way documents write who does what.

=============  ======================================================================
``table``      tables with a task column and owner columns (:mod:`.table`)
``fields``     field lines after or before an item: 牵头单位：… 责任单位：… (:mod:`.fields`)
``org_heading`` an organisation as a heading, then 负责…  (:mod:`.org_heading`)
``brackets``   inline owner brackets closing a sentence group (:mod:`.brackets`)
``inline_fields`` field labels after the item's sentence, in its paragraph (:mod:`.inline_fields`)
``prose``      clauses in running text: 由X牵头，会同Y… (:mod:`.prose`)
``item``       numbered items of work naming no owner, in a work plan (:mod:`.item`)
=============  ======================================================================

They are tried in the declared order of :data:`LAYOUTS`: unit readers on each unit, then
paragraph readers on each paragraph of a body unit no unit reader took, then the
fallback on a unit whose paragraphs gave nothing. What no reader takes but looks like an
assignment is reported (:mod:`extract.unread`). Adding a layout is adding one module
and one entry here.
"""

from __future__ import annotations

from extract.layouts.base import Context, Layout, RawOwner, RawTask, ReadWarning
from extract.layouts.brackets import BracketsLayout
from extract.layouts.fields import FieldsLayout
from extract.layouts.inline_fields import InlineFieldsLayout
from extract.layouts.item import ItemLayout
from extract.layouts.org_heading import OrgHeadingLayout
from extract.layouts.prose import ProseLayout
from extract.layouts.table import TableLayout
from extract.models import UnreadItem
from extract.section_owners import inherit_section_owners
from extract.units import Unit, paragraphs
from extract.unread import unread_in_paragraph, unread_in_table

__all__ = [
    "LAYOUTS",
    "Context",
    "Layout",
    "RawOwner",
    "RawTask",
    "ReadWarning",
    "read_units",
]

LAYOUTS: tuple[Layout, ...] = (
    TableLayout(),
    FieldsLayout(),
    OrgHeadingLayout(),
    BracketsLayout(),
    InlineFieldsLayout(),
    ProseLayout(),
    ItemLayout(),
)


def _first(scope: str, unit: Unit, paragraph: object, context: Context
           ) -> list[RawTask] | None:
    for layout in LAYOUTS:
        if layout.scope == scope:
            found = layout.read(unit, paragraph, context)  # type: ignore[arg-type]
            if found is not None:
                return found
    return None


def read_units(units: list[Unit], context: Context) -> tuple[list[RawTask], list[UnreadItem]]:
    """Read every unit with the first layout that takes it.

    Parameters
    ----------
    units : list of Unit
        A document body cut by :func:`extract.units.build_units`.
    context : Context
        Conventions in force, the document kind, and the warnings list.

    Returns
    -------
    tasks : list of RawTask
        In document order.
    unread : list of UnreadItem
        What looks like an assignment but gave no owner (see :mod:`extract.unread`).
    """
    tasks: list[RawTask] = []
    unread: list[UnreadItem] = []
    for unit in units:
        found = _first("unit", unit, None, context)
        if found is not None:
            tasks.extend(found)
            if unit.kind == "table":
                unread.extend(unread_in_table(unit, found))
            continue
        if unit.kind != "body":
            continue
        from_paragraphs: list[RawTask] = []
        left: list = []
        for paragraph in paragraphs(unit.lines):
            read = _first("paragraph", unit, paragraph, context)
            if read:
                from_paragraphs.extend(read)
            else:
                left.append(paragraph)
        if not from_paragraphs:
            fallback = _first("fallback", unit, None, context)
            if fallback:
                tasks.extend(fallback)
                unread.extend(UnreadItem(t.line_start, t.line_end, t.text[:120], "W112")
                              for t in fallback)
                continue
        tasks.extend(from_paragraphs)
        for paragraph in left:
            unread.extend(unread_in_paragraph(paragraph))
    titles = [(line.start, line.text) for unit in units
              for line in ([unit.heading] if unit.heading else []) + unit.lines]
    owned = {t.line_start for t in inherit_section_owners(tasks, titles)}
    unread = [u for u in unread if not (u.code == "W112" and u.line_start in owned)]
    return tasks, unread
