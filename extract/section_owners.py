"""Owners written on a section heading govern the numbered items under it.

``一、夯实数字基础设施（牵头单位：市经济和信息化局）`` followed by ``1.新建5G基站…`` and
``2.推进千兆光网建设。``: the heading is a task of its own (a layout read its owners), and
each numbered item below it, down to the next heading of the same or a higher rank, takes
the heading's owners for every role it does not name itself. ``1.…（责任单位：市通信发展办）``
keeps its responsible unit and is led by 市经济和信息化局; ``2.`` gets the heading's owners.
An inherited owner's evidence is the heading's own text and line, so the edge still points
at the words that assign it.
"""

from __future__ import annotations

from dataclasses import replace

from extract.layouts.base import RawTask
from extract.outline import heading_of

__all__ = ["inherit_section_owners"]


def inherit_section_owners(tasks: list[RawTask], titles: list[tuple[int, str]]
                           ) -> list[RawTask]:
    """Give numbered items the owners of the owned headings above them.

    Parameters
    ----------
    tasks : list of RawTask
        A document's tasks in reading order (changed in place).
    titles : list of (int, str)
        The document's lines (line number, text) that may be headings and are not
        tasks: a title such as ``二、培育数字产业`` ends the sections of its rank.

    Returns
    -------
    list of RawTask
        The tasks that gained an owner.
    """
    starts = {t.line_start for t in tasks}
    events: list[tuple[int, int, RawTask | None]] = []  # (line, rank, task or None)
    for line, text in titles:
        heading = heading_of(text)
        if heading is not None and line not in starts:
            events.append((line, heading.rank, None))
    for task in tasks:
        heading = heading_of(task.text)
        if heading is not None and task.table is None:  # a table row's owners are its cells
            events.append((task.line_start, heading.rank, task))
    events.sort(key=lambda e: e[0])
    enclosing: list[tuple[int, RawTask]] = []  # (rank, heading task), outermost first
    gained: list[RawTask] = []
    for _, rank, task in events:
        while enclosing and enclosing[-1][0] >= rank:
            enclosing.pop()
        if task is None:
            continue
        roles = {o.role for o in task.owners}
        added = False
        for _, above in reversed(enclosing):
            for owner in above.owners:
                if owner.role not in roles:
                    task.owners.append(replace(owner))
                    added = True
            roles |= {o.role for o in above.owners}
        if added:
            gained.append(task)
        if task.owners:
            enclosing.append((rank, task))
    return gained
