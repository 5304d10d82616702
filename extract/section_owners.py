"""Owners written on a section heading govern the numbered items under it.

``一、夯实数字基础设施（牵头单位：市经济和信息化局）`` followed by ``1.新建5G基站…`` and
``2.推进千兆光网建设。``: the heading is a task of its own (a layout read its owners), and
each numbered item below it, down to the next heading of the same or a higher rank, takes
the heading's owners for every role it does not name itself. ``1.…（责任单位：市通信发展办）``
keeps its responsible unit and is led by 市经济和信息化局; ``2.`` gets the heading's owners.
An inherited owner's evidence is the heading's own text and line, so the edge still points
at the words that assign it.

A heading that is only organisations (``一、市发展和改革局`` over ``1.制定…`` ``2.深化…``, a
document organised by owner) is their section: an item below that names no owner of its
own gets them as responsible, or as lead when the item's sentence starts with the verb
they are the subject of (``3.会同市财政局清理…``, ``8.牵头推进…``; the partners after 会同
assist).
"""

from __future__ import annotations

from dataclasses import replace

from extract.layouts.base import RawOwner, RawTask
from extract.org_names import looks_like_org, split_org_list
from extract.outline import heading_of
from extract.roles import leading_orgs
from extract.vocabulary import verb_kind

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
    # (line, rank, a task, or an org title's owners, or None for another title)
    events: list[tuple[int, float, RawTask | _TitleOwners | None]] = []
    for k, (line, text) in enumerate(titles):
        heading = heading_of(text)
        if heading is not None and line not in starts:
            events.append((line, heading.rank, _title_owners(text, line)))
        elif heading is None and k + 1 < len(titles) and heading_of(titles[k + 1][1]):
            # 市经济和信息化局 alone on its line over 4.… 5.…: an org title without a number
            # (a signature is followed by its date, never by a numbered item).
            owners = _bare_title_owners(text, line)
            if owners is not None:
                events.append((line, _BARE_TITLE_RANK, owners))
    for task in tasks:
        heading = heading_of(task.text)
        if heading is not None and task.table is None:  # a table row's owners are its cells
            events.append((task.line_start, heading.rank, task))
    events.sort(key=lambda e: e[0])
    # (rank, the heading's owners), outermost first
    enclosing: list[tuple[float, list[RawOwner] | _TitleOwners]] = []
    gained: list[RawTask] = []
    for _, rank, task in events:
        while enclosing and enclosing[-1][0] >= rank:
            enclosing.pop()
        if task is None:
            continue
        if isinstance(task, _TitleOwners):
            enclosing.append((rank, task))
            continue
        roles = {o.role for o in task.owners}
        added = False
        for _, owners in reversed(enclosing):
            above = owners.of(task) if isinstance(owners, _TitleOwners) else owners
            for owner in above:
                if owner.role not in roles:
                    task.owners.append(replace(owner))
                    added = True
            roles |= {o.role for o in above}
        if added:
            gained.append(task)
        if task.owners:
            enclosing.append((rank, task.owners))
    return gained


class _TitleOwners(list[RawOwner]):
    """The organisations an org title names, made the subject of each item below it."""

    def of(self, task: RawTask) -> list[RawOwner]:
        """Their owners for ``task``: none when the item names a lead or responsible unit
        of its own; lead when its sentence starts with a lead verb or 会同."""
        if any(o.role in ("lead", "responsible") for o in task.owners):
            return []
        heading = heading_of(task.text)
        body = task.text[len(heading.marker):] if heading else task.text
        lead = body.startswith("会同") or any(verb_kind(body[:n]) == "lead" for n in (2, 4))
        out = [RawOwner(o.mention, "lead" if lead else "responsible", o.evidence, o.line)
               for o in self]
        if body.startswith("会同"):
            out += [RawOwner(m, "assist", task.text, task.line_start)
                    for m in split_org_list(leading_orgs(body[2:])) if looks_like_org(m)]
        return out


# Below （一） (rank 4), above the numbered items (1. rank 5): the next such line, or any
# numbered title of rank 4 or higher, ends its section.
_BARE_TITLE_RANK = 4.5
_BARE_TITLE_MAX = 30


def _bare_title_owners(text: str, line: int) -> _TitleOwners | None:
    """The organisations an unnumbered line consists of, as an org title's."""
    text = text.strip()
    return _orgs_of(text, text, line) if len(text) <= _BARE_TITLE_MAX else None


def _title_owners(text: str, line: int) -> _TitleOwners | None:
    """The organisations a heading consists of (``八、各镇人民政府、各街道办事处``)."""
    heading = heading_of(text)
    if heading is None:
        return None
    return _orgs_of(text[len(heading.marker):].strip().rstrip("：:"), text, line)


def _orgs_of(names: str, evidence: str, line: int) -> _TitleOwners | None:
    """``names`` as a title's owners, if it is nothing but organisations."""
    if not names or any(c in names for c in "，,。；;：:") or not looks_like_org(names):
        return None
    return _TitleOwners(RawOwner(m, "responsible", evidence, line)
                        for m in split_org_list(names))
