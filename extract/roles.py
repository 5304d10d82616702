"""Reading who does what: role fields, inline owner brackets and owner clauses.

Three places name owners in government task documents:

* a **field line** after (or before) a numbered item: ``牵头单位：…``, ``责任单位：…``,
  ``协办单位：…``, ``时间节点：…``;
* an **inline bracket** closing a sentence group: ``（市环保局、国土资源局负责）``,
  ``（牵头单位：市财政局；责任单位：各县〔市、区〕政府）``, ``（X牵头，Y配合）``;
* a **clause** in running text: ``主要由X牵头，Y配合做好…``, ``X会同Y负责``,
  ``由X牵头，会同Y…``.

All three end up in :func:`parse_owner_text`, which turns the text that names the
owners into ``(mention, role)`` pairs. Organisation lists are split and repaired by
:mod:`extract.org_names`; this module decides the *role*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.models import Role
from extract.org_names import looks_like_org, split_org_list

__all__ = [
    "FIELD_LABEL",
    "FIRST_LISTED_LEADS",
    "FieldKind",
    "OwnerParse",
    "OwnerSpan",
    "detect_conventions",
    "field_kind",
    "find_owner_brackets",
    "find_owner_clauses",
    "parse_owner_text",
]

# A field line: a short label ending in a typical noun, then a colon.
FIELD_LABEL = re.compile(
    r"^(?:\d{1,2}[.．、]\s*)?"
    r"([\u4e00-\u9fff]{0,10}?(?:单位|部门|时限|时间|节点|领导|责任人|处室|秘书长|联系人|进度))"
    r"\s*："
)

FieldKind = str  # "lead" | "responsible" | "assist" | "deadline" | "person"

# 主办单位 (the host of an event) is not a lead of work, so it is not listed.
_LEAD_LABEL = re.compile(r"牵头|主责|主要责任")
_ASSIST_LABEL = re.compile(r"协办|配合|参与|协助|协同|支持")
_RESPONSIBLE_LABEL = re.compile(r"责任单位|责任部门|承办|实施单位|落实单位|负责单位")
# A bare "时间：" introduces an event's date, not a deadline.
_DEADLINE_LABEL = re.compile(r"时限|期限|节点|进度|完成时间|时间要求|时间安排|办结时间")


def field_kind(label: str) -> FieldKind | None:
    """Classify a field label.

    Parameters
    ----------
    label : str
        The label without its colon, e.g. ``牵头单位``, ``时间节点``, ``主管市领导``.

    Returns
    -------
    str or None
        ``lead``, ``responsible``, ``assist``, ``deadline``, ``person`` (people and
        offices: part of a role block but never an owner), or ``None`` when the
        line is not a field at all (``建设方式``).
    """
    if (_LEAD_LABEL.search(label) and "单位" in label) or label in ("牵头部门", "牵头"):
        return "lead"
    if _ASSIST_LABEL.search(label) and ("单位" in label or "部门" in label):
        return "assist"
    if _RESPONSIBLE_LABEL.search(label):
        return "responsible"
    if _DEADLINE_LABEL.search(label):
        return "deadline"
    if re.search(r"领导|责任人|处室|秘书长|联系人", label):
        return "person"
    return None


# Conventions a document declares once for all its lists.
FIRST_LISTED_LEADS = "first_listed_leads"
_FIRST_LISTED = re.compile(
    r"(?:列|排|位)(?:在|于)?(?:第一|首)(?:位|个)的?(?:单位|部门)?(?:为|是)牵头"
    r"|第一(?:个|家)?(?:单位|部门)为牵头"
)


def detect_conventions(text: str) -> list[str]:
    """Return the list-reading conventions a document declares.

    ``列第一位的为牵头单位`` (and its variants) means: in an owner list, the first
    organisation leads and the others are responsible, unless the list says
    ``分别牵头`` / ``分别负责``.
    """
    return [FIRST_LISTED_LEADS] if _FIRST_LISTED.search(text) else []


@dataclass
class OwnerParse:
    """The owners read from one piece of text, and the pieces that were not orgs."""

    owners: list[tuple[str, Role]] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    def add(self, mentions: list[str], role: Role) -> None:
        for mention in mentions:
            if (mention, role) not in self.owners:
                self.owners.append((mention, role))


# Words between an org list and its verb that are not part of any name.
_MANNER = re.compile(
    r"(?:按照?职责分工|按职责|根据职责|结合职责|依职责|分别|具体|共同|主要|要|应|积极|主动|全力|"
    r"负总责|统一|切实|认真|做好)+$"
)
_ET_CETERA = re.compile(r"等(?:有关|相关)?(?:部门|单位|机构)?$")
# verb → role, in the order they are tried inside a clause.
# "负责同志", "负责人" and "负责制" are people and systems, not the verb.
_VERB = re.compile(
    r"(?P<verb>牵头负责|牵头|会同|负总责|具体负责|分别负责|共同负责|负责(?![同人制])|"
    r"配合|协助|协办|参与|配好)"
)
_LABELLED_PART = re.compile(r"^([\u4e00-\u9fff]{1,8}?(?:单位|部门))：")


def _clean_org_part(part: str) -> str:
    part = part.strip("，、；： ")
    part = re.sub(r"^(?:主要|均)?由", "", part)
    part = _MANNER.sub("", part)
    part = _ET_CETERA.sub("", part)
    return part.strip("，、；： ")


def _orgs(part: str, result: OwnerParse, *, strict: bool = True, prefix_from: str = ""
          ) -> list[str]:
    """Split an org list, keeping only items that look like organisations.

    ``strict`` lists (a field's value) keep every org and report the rest; in a
    clause, words around the orgs are the work itself, so a clause whose subject is
    mostly not org names names no owner (and nothing is reported). ``prefix_from`` is the
    previous clause's last org: ``市农委牵头，畜牧局负责`` means 市畜牧局.
    """
    cleaned = _clean_org_part(part)
    if not cleaned:
        return []
    if prefix_from:
        mentions = split_org_list(f"{prefix_from}、{cleaned}")[1:]
    else:
        mentions = split_org_list(cleaned)
    good = [m for m in mentions if looks_like_org(m)]
    if not strict and len(good) * 2 < len(mentions):
        return []  # mostly not names: the clause's words are work, not owners
    result.rejected.extend(m for m in mentions if m not in good)
    return good


def _apply_list_role(mentions: list[str], role: Role, text: str, conventions: list[str],
                     result: OwnerParse) -> None:
    """Add a plain list under a default role, honouring the document's conventions."""
    if "分别牵头" in text:
        result.add(mentions, "lead")
    elif FIRST_LISTED_LEADS in conventions and role == "responsible" and "分别" not in text:
        result.add(mentions[:1], "lead")
        result.add(mentions[1:], "responsible")
    else:
        result.add(mentions, role)


def parse_owner_text(text: str, default_role: Role, conventions: list[str] | None = None
                     ) -> OwnerParse:
    """Read the owners named in a field's value or an owner bracket.

    Parameters
    ----------
    text : str
        e.g. ``市工信委、市发展改革委，郑州供电公司``, ``主要由市农委牵头，市城管局负责…，
        市公安局等配合做好…``, ``市卫计委会同市食品药品监督管理局负责``,
        ``牵头单位：市财政局；责任单位：各县（市、区）政府``.
    default_role : {"lead", "responsible", "assist"}
        The role a plain list gets (from the field label; ``responsible`` for ``负责``).
    conventions : list of str, optional
        The document's declared conventions (see :func:`detect_conventions`).

    Returns
    -------
    OwnerParse
        Owners in text order, plus the list items rejected as not organisations.
    """
    conventions = conventions or []
    result = OwnerParse()
    text = text.strip().rstrip("。；，")
    # Labelled parts inside one value: "牵头单位：X；责任单位：Y".
    parts = re.split(r"[；;]\s*(?=[\u4e00-\u9fff]{1,8}?(?:单位|部门)：)", text)
    if len(parts) > 1 or _LABELLED_PART.match(text):
        for part in parts:
            match = _LABELLED_PART.match(part)
            kind = field_kind(match.group(1)) if match else None
            role: Role = kind if kind in ("lead", "responsible", "assist") else default_role  # type: ignore[assignment]
            inner = parse_owner_text(part[match.end():] if match else part, role, conventions)
            result.owners.extend(o for o in inner.owners if o not in result.owners)
            result.rejected.extend(inner.rejected)
        return result

    if not _VERB.search(text):
        _apply_list_role(_orgs(text, result), default_role, text, conventions, result)
        return result

    # Clauses with verbs: "主要由X牵头，Y、Z负责…，W等配合做好…". Org lists may
    # themselves contain commas, so a clause without a verb joins the next one.
    pending = ""
    last = ""
    for clause in re.split(r"[，；。]", text):
        if not clause:
            continue
        match = _VERB.search(clause)
        if not match:
            pending += clause + "，"
            continue
        subject = pending + clause[: match.start()]
        pending = ""
        verb = match.group("verb")
        if verb == "会同":
            # "X会同Y负责": X leads, Y is responsible.
            rest = clause[match.end():]
            second = _VERB.search(rest)
            leads = _orgs(subject, result, strict=False, prefix_from=last)
            result.add(leads, "lead")
            partner = rest[: second.start()] if second else rest
            partners = _orgs(partner, result, strict=False, prefix_from=(leads or [last])[-1])
            result.add(partners, "responsible")
            last = (partners or leads or [last])[-1]
            continue
        mentions = _orgs(subject, result, strict=False, prefix_from=last)
        if not mentions:
            continue
        last = mentions[-1]
        if verb in ("牵头", "牵头负责"):
            result.add(mentions, "lead")
        elif verb in ("配合", "协助", "协办", "参与", "配好"):
            result.add(mentions, "assist")
        elif "主要" in subject or verb == "负总责":
            result.add(mentions, "lead")
        else:
            _apply_list_role(mentions, "responsible", clause, conventions, result)
    if pending.strip("，"):
        tail = _orgs(pending, result, strict=False, prefix_from=last)
        _apply_list_role(tail, default_role, pending, conventions, result)
    return result


@dataclass(frozen=True)
class OwnerSpan:
    """An owner-naming stretch inside a line: where it is and what it says."""

    start: int
    end: int
    content: str


_BRACKET_ROLE = re.compile(
    r"(?:牵头|负责|配合|协办|协助|参与)(?:完成|落实|实施)?$|^(?:牵头|责任|协办|配合)(?:单位|部门)："
)


def _top_level_brackets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every outermost （…） in ``text``; end is exclusive."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "（":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "）" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans


def find_owner_brackets(text: str) -> list[OwnerSpan]:
    """Find inline brackets that name owners: ``（市环保局、国土资源局负责）``.

    A bracket qualifies when it ends in a role verb or starts with a role label,
    and the words before the verb are organisation names (so ``（以下简称…）`` or
    ``（负责人：…）`` do not).
    """
    found = []
    for start, end in _top_level_brackets(text):
        content = text[start + 1 : end - 1].strip()
        if not _BRACKET_ROLE.search(content):
            continue
        if parse_owner_text(content, "responsible").owners:
            found.append(OwnerSpan(start, end, content))
    return found


# A sentence that assigns work in running text. The subject must be at the start of
# the sentence (or after 由) so that "…要求主要负责同志…" is never read as one.
_CLAUSE = re.compile(
    r"(?:^|(?<=[。；\n]))\s*(?P<clause>(?:主要)?由[^。；，]{2,60}?牵头[^。；]*|"
    r"[^。；，]{2,60}?会同[^。；，]{2,80}?负责[^。；]*|"
    r"[^。；，]{2,60}?(?:牵头，|负责(?![同人制]))[^。；]*)"
)


def find_owner_clauses(text: str) -> list[OwnerSpan]:
    """Find sentences in running text that assign work by a clause.

    ``由市物价局牵头，会同市政府法制办…`` (lead + responsible),
    ``市卫计委会同市食品药品监管局负责…``, ``新郑市人民政府负责按照…做好…``. The
    subject of the clause must be a list of organisations, checked name by name.
    """
    found = []
    for match in _CLAUSE.finditer(text):
        clause = match.group("clause")
        head = re.split(r"牵头|会同|负责", clause, maxsplit=1)[0]
        head = re.sub(r"^(?:主要)?由", "", head)
        head = _clean_org_part(head)
        if not head or not all(looks_like_org(m) for m in split_org_list(head)):
            continue
        owners_text = clause
        # "由X牵头，会同Y等部门，…": the partners after 会同 are responsible.
        partners = re.search(r"牵头，?会同([^，。；]+)", clause)
        if partners:
            owners_text = f"{head}牵头，{partners.group(1)}负责"
        parsed = parse_owner_text(owners_text, "responsible")
        if parsed.owners:
            found.append(OwnerSpan(match.start("clause"), match.end("clause"), owners_text))
    return found
