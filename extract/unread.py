"""What looks like an assignment but that no layout read: reported, never silent.

* ``W110`` — a role verb right after something ending like an organisation
  (``…市发改委牵头落实…``) in a paragraph no reader took;
* ``W111`` — a bracket holding only organisation names that no reader took;
* ``W112`` — a numbered item of work that names no owner (made a task without owners by
  the ``item`` layout);
* ``W113`` — a row of a task table whose owner cells name no organisation;
* ``W114`` — a table whose header names owner columns (``责任单位``) but from which no
  task was read (no task column the readers know, or too few known column words).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.blocks import LogicalLine, TableRow
from extract.layouts.base import RawTask
from extract.models import UnreadItem
from extract.org_names import looks_like_org
from extract.roles import _top_level_brackets
from extract.units import Unit
from extract.vocabulary import OWNER_KINDS, column_kind, verb_pattern

__all__ = ["unread_in_paragraph", "unread_in_table"]

_MAX_TEXT = 120


@lru_cache(maxsize=1)
def _role_near_org() -> re.Pattern[str]:
    return re.compile(r"[局委办厅府会司院行处队站心组班部](?:等(?:单位|部门)?)?(?:"
                      + verb_pattern().pattern + ")")


def unread_in_paragraph(paragraph: LogicalLine) -> list[UnreadItem]:
    """Report a paragraph no reader took if it looks like an assignment."""
    text = paragraph.text
    found: list[UnreadItem] = []
    match = _role_near_org().search(text)
    if match:
        line = paragraph.line_at(match.start())
        found.append(UnreadItem(line, line, text[:_MAX_TEXT], "W110"))
        return found
    for start, end in _top_level_brackets(text):
        inner = text[start + 1 : end - 1]
        if 2 <= len(inner) <= 80 and "、" in inner and looks_like_org(inner):
            line = paragraph.line_at(start)
            found.append(UnreadItem(line, line, text[max(0, start - 40) : end][:_MAX_TEXT],
                                    "W111"))
            break
    return found


def unread_in_table(unit: Unit, tasks: list[RawTask]) -> list[UnreadItem]:
    """Rows of a task table that gave a task without owners; or, for a table that gave
    no task at all, its row naming owner columns (``责任单位``) if it has rows after it:
    a table the readers could not read, reported rather than dropped."""
    if tasks:
        return [UnreadItem(t.line_start, t.line_end, t.text[:_MAX_TEXT], "W113")
                for t in tasks if not t.owners]
    rows = [b for b in unit.rows if isinstance(b, TableRow)]
    for k, row in enumerate(rows[:3]):
        if k + 1 < len(rows) and any(column_kind(c.text.replace("\n", "")) in OWNER_KINDS
                                     for c in row.cells):
            text = " | ".join(c.text for c in row.cells)
            return [UnreadItem(row.start, row.end, text[:_MAX_TEXT], "W114")]
    return []
