"""What looks like an assignment but that no layout read: reported, never silent.

* ``W110`` — a role verb right after something ending like an organisation
  (``…市发改委牵头落实…``) in a paragraph no reader took;
* ``W111`` — a bracket holding only organisation names that no reader took;
* ``W112`` — a numbered item of work that names no owner (made a task without owners by
  the ``item`` layout);
* ``W113`` — a row of a task table whose owner cells name no organisation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.blocks import LogicalLine
from extract.layouts.base import RawTask
from extract.models import UnreadItem
from extract.org_names import looks_like_org
from extract.roles import _top_level_brackets
from extract.units import Unit
from extract.vocabulary import verb_pattern

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
    """Rows of a task table that gave a task without owners."""
    return [UnreadItem(t.line_start, t.line_end, t.text[:_MAX_TEXT], "W113")
            for t in tasks if not t.owners]
