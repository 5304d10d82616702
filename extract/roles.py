"""Reading who does what in a piece of text: lists, labelled parts, verbs and marks.

Every layout ends up here with the text that names owners — a field's value
(``市财政局、市税务局``), a table cell, an inline bracket (``省财政厅主办，省国税局、地税局
协办``), a clause (``由市物价局牵头，会同…``) — and :func:`parse_owner_text` turns it into
``(mention, role)`` pairs. Organisation lists are split and repaired by
:mod:`extract.org_names`; the role words come from :mod:`extract.vocabulary`; the
conventions a document declares (:mod:`extract.conventions`) decide how a plain list is
read. This module decides the *role*.

:func:`find_owner_brackets` and :func:`find_owner_clauses` find, in running text, the
brackets and clauses that name owners.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract.conventions import (
    FIRST_LISTED_LEADS,
    FIRST_LISTED_LEADS_OTHERS_ASSIST,
    FIRST_LISTED_RESPONSIBLE_OTHERS_ASSIST,
    find_declarations,
    strip_declarations,
)
from extract.models import Role
from extract.org_names import looks_like_org, split_org_list
from extract.vocabulary import (
    OWNER_KINDS,
    field_label,
    glued_label_pattern,
    label_kind,
    lead_marks,
    lead_suffixes,
    refers_back,
    urges_rather_than_assigns,
    verb_kind,
    verb_pattern,
)

__all__ = [
    "OwnerParse",
    "OwnerSpan",
    "find_owner_brackets",
    "find_owner_clauses",
    "labelled_parts",
    "leading_orgs",
    "parse_owner_text",
]


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
# How a subject goes about its work, between its name and the verb: 按职责分工负责,
# 按照属地原则，负责… (a phrase with its own comma).
_MANNER_PHRASE = (r"[，,]?(?:按照|按|根据|依据|结合|依照)[^，,。；;]{1,12}?"
                  r"(?:原则|要求|规定|职能|职责|分工)[，,]?")
_MANNER = re.compile(
    r"(?:按照?职责分工|按职责|根据职责|结合职责|依职责|分别|具体|共同|主要|要|应|积极|主动|全力|"
    rf"负总责|统一|切实|认真|做好|分工|{_MANNER_PHRASE})+$"
)
_ET_CETERA = re.compile(r"等(?:有关|相关)?(?:部门|单位|机构)?$")
_HARD = "，,；;。"
_PART_LABEL = re.compile(r"^\s*([\u4e00-\u9fff（）()]{1,10}?)\s*[：:]")


def _marks() -> str:
    return "".join(lead_marks())


def _clean_org_part(part: str) -> str:
    part = part.strip("，、；： \n")
    part = re.sub(r"^(?:主要|均|都|分别|具体|统一)?由", "", part)
    part = _MANNER.sub("", part)
    part = _ET_CETERA.sub("", part)
    return part.strip("，、；： \n")


_INCLUDING = re.compile(r"[（(]含([^（）()]{2,60})[)）]")


def _naive_items(line: str) -> list[str]:
    """Split at list separators outside brackets (marks kept), for locating marks."""
    items: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(line):
        if ch in "（(【〔[":
            depth += 1
        elif ch in "）)】〕]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "、，,；;":
            items.append(line[start:i])
            start = i + 1
    items.append(line[start:])
    return [item for item in items if item.strip()]


def _split_marked(text: str) -> list[tuple[str, bool]]:
    """Split a list, remembering which items carry a lead mark (``★区发改委``)."""
    marks = _marks()
    unmark = str.maketrans("", "", marks)
    out: list[tuple[str, bool]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        # 各区县政府（含南太湖新区、长合区管委会）: the included bodies are owners too.
        line = _INCLUDING.sub(r"、\1", line)
        flags = [item.lstrip()[:1] in marks for item in _naive_items(line)]
        mentions = split_org_list(line.translate(unmark))
        if len(flags) != len(mentions):
            # 和/及 split one item in two, or an empty item vanished: find marks by name.
            flags = [any(mark + m[:2] in line.replace(" ", "") for mark in marks)
                     for m in mentions]
        out.extend(zip(mentions, flags, strict=True))
    return out


def _orgs(part: str, result: OwnerParse, *, strict: bool = True, prefix_from: str = ""
          ) -> list[tuple[str, bool]]:
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
        items = [(m, False) for m in split_org_list(f"{prefix_from}、{cleaned}")[1:]]
        if any(c in cleaned for c in _marks()):
            items = _split_marked(cleaned)
    else:
        items = _split_marked(cleaned)
    good = [(m, marked) for m, marked in items if looks_like_org(m)]
    if not strict and len(good) * 2 < len(items):
        return []  # mostly not names: the clause's words are work, not owners
    result.rejected.extend(m for m, _ in items if not looks_like_org(m))
    return good


def _apply_list_role(items: list[tuple[str, bool]], role: Role, text: str,
                     conventions: list[str], result: OwnerParse) -> None:
    """Add a plain list under a default role, honouring marks and conventions."""
    mentions = [m for m, _ in items]
    if any(marked for _, marked in items):
        # ★ marks the lead(s); the others keep the list's role.
        for mention, marked in items:
            result.add([mention], "lead" if marked else role)
    elif "分别牵头" in text:
        result.add(mentions, "lead")
    elif (role == "responsible" and "分别" not in text
          and FIRST_LISTED_RESPONSIBLE_OTHERS_ASSIST in conventions):
        result.add(mentions[:1], "responsible")
        result.add(mentions[1:], "assist")
    elif role == "responsible" and "分别" not in text and (
            FIRST_LISTED_LEADS in conventions
            or FIRST_LISTED_LEADS_OTHERS_ASSIST in conventions):
        others: Role = "assist" if FIRST_LISTED_LEADS_OTHERS_ASSIST in conventions \
            else "responsible"
        result.add(mentions[:1], "lead")
        result.add(mentions[1:], others)
    else:
        result.add(mentions, role)


def _suffix_marks_first(text: str) -> str:
    """``市发改委（牵头）、市财政局`` -> ``★市发改委、市财政局``: one way to mark a lead."""
    for suffix in lead_suffixes():
        if suffix in text:
            text = re.sub(r"([^、，,；;\n]+?)" + re.escape(suffix), lead_marks()[0] + r"\1",
                          text)
    return text


# What may stand between one field's value and the next label: a comma, a full stop or
# spaces (``牵头单位：X。完成时限：…``, ``牵头单位：X 配合单位：Y``).
_BEFORE_LABEL = re.compile(r"[，,。．]\s*|\s+")


def _split_parts(text: str) -> list[str]:
    pieces = re.split(r"[；;]", text)
    out: list[str] = []
    for piece in pieces:
        start = 0
        for match in _BEFORE_LABEL.finditer(piece):
            if field_label(piece[match.end():]):
                out.extend(_split_glued(piece[start:match.start()]))
                start = match.end()
        out.extend(_split_glued(piece[start:]))
    return out


def _split_glued(part: str) -> list[str]:
    """``牵头单位：X配合单位：Y`` -> the two fields (the spaces between them were lost)."""
    cuts = [m.start() for m in glued_label_pattern().finditer(part) if m.start() > 0]
    if not cuts or not field_label(part.strip()):
        return [part]
    bounds = [0, *cuts, len(part)]
    return [part[a:b] for a, b in itertools.pairwise(bounds)]


def labelled_parts(text: str) -> list[tuple[str | None, str]] | None:
    """``牵头单位：X；责任单位：Y`` -> [(label kind, value), …], or None if not labelled.

    Parts are split at ``；`` and at a ``，``, ``。`` or spaces that a label follows
    (``牵头单位：X，配合单位：Y、Z``, ``责任单位：X。完成时限：…``): a comma inside a value is
    part of the list.
    """
    parts = [p for p in _split_parts(text) if p.strip()]
    out: list[tuple[str | None, str]] = []
    labelled = False
    for part in parts:
        match = field_label(part.strip())
        if match:
            labelled = True
            out.append((label_kind(match.group("label")), part.strip()[match.end():]))
        elif out:
            out[-1] = (out[-1][0], out[-1][1] + "；" + part)
        else:
            out.append((None, part))
    return out if labelled else None


def parse_owner_text(text: str, default_role: Role, conventions: list[str] | None = None
                     ) -> OwnerParse:
    """Read the owners named in a field's value, a table cell or an owner bracket.

    See :func:`_parse_owner_text` (the result is cached: the same list recurs often).
    """
    owners, rejected = _cached_parse(text, default_role, tuple(conventions or ()))
    return OwnerParse(list(owners), list(rejected))


@lru_cache(maxsize=8192)
def _cached_parse(text: str, default_role: Role, conventions: tuple[str, ...]
                  ) -> tuple[tuple[tuple[str, Role], ...], tuple[str, ...]]:
    parsed = _parse_owner_text(text, default_role, list(conventions))
    return tuple(parsed.owners), tuple(parsed.rejected)


def _parse_owner_text(text: str, default_role: Role, conventions: list[str] | None = None
                      ) -> OwnerParse:
    """Read the owners named in a field's value, a table cell or an owner bracket.

    Parameters
    ----------
    text : str
        e.g. ``市工信委、市发展改革委，郑州供电公司``, ``主要由市农委牵头，市城管局负责…，
        市公安局等配合做好…``, ``市卫计委会同市食品药品监督管理局负责``,
        ``牵头单位：市财政局；责任单位：各县〔市、区〕政府``, ``★区发改委、统计局``.
        Several lines (a table cell with one org per line) are one list.
    default_role : {"lead", "responsible", "assist"}
        The role a plain list gets (from the field label; ``responsible`` for ``负责``).
    conventions : list of str, optional
        The conventions in force (:mod:`extract.conventions`).

    Returns
    -------
    OwnerParse
        Owners in text order, plus the list items rejected as not organisations.
    """
    conventions = conventions or []
    result = OwnerParse()
    text = _suffix_marks_first(strip_declarations(text).strip().rstrip("。；，"))
    parts = labelled_parts(text)
    if parts is not None:
        for kind, value in parts:
            if kind is not None and kind not in OWNER_KINDS:
                continue  # 责任领导：… — people and posts are never owners
            role: Role = kind if kind in OWNER_KINDS else default_role  # type: ignore[assignment]
            inner = _parse_owner_text(value, role, conventions)
            result.owners.extend(o for o in inner.owners if o not in result.owners)
            result.rejected.extend(inner.rejected)
        return result

    verbs = verb_pattern()
    if not verbs.search(text):
        _apply_list_role(_orgs(text.replace("\n", "、"), result), default_role, text,
                         conventions, result)
        return result

    # Clauses with verbs: "主要由X牵头，Y、Z负责…，W等配合做好…". Org lists may
    # themselves contain commas, so a clause without a verb joins the next one.
    pending = ""
    last = ""
    for clause in re.split(r"[，,；;。\n]", text):
        if not clause:
            continue
        match = verbs.search(clause)
        if not match:
            pending += clause + "，"
            continue
        subject = pending + clause[: match.start()]
        pending = ""
        verb = match.group("verb")
        if verb == "会同":
            # "X会同Y负责", "X要会同Y做好…": X leads, Y works with it (assists).
            rest = clause[match.end():]
            second = verbs.search(rest)
            subject = _MODAL_END.sub("", subject)
            leads = _orgs(subject, result, strict=False, prefix_from=last)
            result.add([m for m, _ in leads], "lead")
            partner = rest[: second.start()] if second else leading_orgs(rest)
            partners = _orgs(partner, result, strict=False,
                             prefix_from=(leads[-1][0] if leads else last))
            result.add([m for m, _ in partners], "assist")
            last = (partners or leads or [(last, False)])[-1][0]
            continue
        items = _orgs(subject, result, strict=False, prefix_from=last)
        if not items:
            continue
        last = items[-1][0]
        role_of_verb = verb_kind(verb)
        if role_of_verb in ("lead", "assist"):
            result.add([m for m, _ in items], role_of_verb)  # type: ignore[arg-type]
        elif "主要" in subject:
            result.add([m for m, _ in items], "lead")
        else:
            _apply_list_role(items, "responsible", clause, conventions, result)
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
    # False for "X、Y要…": a declared list order (列第一位的为牵头单位) is about role
    # fields and brackets, not about the subject of a sentence.
    ordered: bool = True


# Every bracket kind documents use around owners; 〔〕 also hold document-number years,
# which name no org and so are never read as owners.
_OPENERS = "（【〔［["
_CLOSERS = "）】〕］]"


_BRACKET_CHAR = re.compile("[" + re.escape(_OPENERS + _CLOSERS) + "]")


def _top_level_brackets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every outermost bracket pair in ``text``; end is exclusive.

    One pass over the bracket characters only, with a stack of expected closers: linear
    in the text.
    """
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    start = 0
    for match in _BRACKET_CHAR.finditer(text):
        ch, i = match.group(), match.start()
        k = _OPENERS.find(ch)
        if k >= 0:
            if not stack:
                start = i
            stack.append(_CLOSERS[k])
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                spans.append((start, i + 1))
        elif stack:
            stack.clear()  # unbalanced: start afresh after it
    return spans


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    verbs = verb_pattern().pattern
    return (re.compile(rf"(?:{verbs})(?:完成|落实|实施)?$"),
            re.compile(rf"(?:{verbs})[，,；;]"))


def _names_role(content: str) -> bool:
    """A bracket that ends in a role verb, is made of labelled parts, or holds clauses."""
    stripped = content.rstrip("。；，")
    at_end, before_pause = _role_patterns()
    return bool(at_end.search(stripped[-12:]) or field_label(stripped.lstrip()) is not None
                or before_pause.search(stripped) is not None)


def _stands_apart(text: str, start: int) -> bool:
    """A bracket at the start of its line or right after a sentence end."""
    before = text[:start].rstrip()
    return not before or before[-1] in "。；！？\n"


_MAX_BRACKET = 2000  # an owner bracket is a few lines at most; longer is prose in brackets


def find_owner_brackets(text: str) -> list[OwnerSpan]:
    """Find inline brackets that name owners: ``（市环保局、国土资源局负责）``.

    A bracket qualifies when it ends in a role verb, holds labelled parts
    (``牵头单位：…；责任单位：…``) or verb clauses (``市科技局牵头，市财政局配合``), or — on its
    own line or right after a sentence end — is nothing but an organisation list
    (``（市发改委、财政局，无锡国税局、地税局）``); and it names at least one organisation.
    ``（以下简称…）`` or ``（负责人：…）`` do not.
    """
    found = []
    for start, end in _top_level_brackets(text):
        content = text[start + 1 : end - 1].strip()
        if not content or len(content) > _MAX_BRACKET:
            continue
        cleaned = strip_declarations(content)
        if _names_role(cleaned):
            if parse_owner_text(cleaned, "responsible").owners:
                found.append(OwnerSpan(start, end, content))
        elif _stands_apart(text, start) and looks_like_org(
                re.sub(r"[，,；;]", "、", cleaned).lstrip(_marks())):
            found.append(OwnerSpan(start, end, content))
    return found


# The modal verb of "X要会同Y…" (not part of X's name).
_MODAL = r"(?:要|应当?|须|将)"
_TITLE_MAX = 32  # "（一）健全防止返贫动态监测和帮扶机制。": an item's marker and its title
# "X要…" alone: 将 ("will") is left out, as "市政府将适时督查" describes rather than assigns.
# A subject and the rhythm of its work (市政府督查室每月对重点项目进行督查通报) assign too.
_MUST = r"(?:要|应当?|必须|须|(?=每[月周季年日天旬]|定期))"
# A sentence that assigns work in running text. The subject must be at the start of
# the sentence (or after 由, which may follow a comma: "加快建设，由X负责") so that
# "…要求主要负责同志…" is never read as one.
_CLAUSE = re.compile(
    # An item's own marker may open the sentence: （一）由镇水利站牵头，会同…
    r"(?:^|(?<=[。；\n]))\s*(?:[（(][一二三四五六七八九十0-9]{1,3}[)）]|"
    r"[一二三四五六七八九十0-9]{1,3}[、.．])?\s*(?P<clause>(?:主要)?由[^。；，]{2,60}?(?:牵头|会同)[^。；]*|"
    r"[^。；，]{2,60}?会同[^。；，]{2,80}?负责[^。；]*|"
    rf"[^。；，]{{2,60}}?{_MODAL}?会同[^。；]{{2,}}|"
    rf"[^。；，]{{2,60}}?(?:{_MANNER_PHRASE})?(?:牵头(?:抓总|负责)?[，,]|负责(?![同人制]))[^。；]*|"
    # 各县（市、区）人民政府要足额落实…: an org list, then 要 and the work (checked below:
    # every name of the subject must be an organisation's).
    rf"(?P<modal>[^。；，]{{2,60}}?){_MUST}(?![求点])[^。；]{{2,}})"
    r"|(?<=[，,])\s*(?P<late>(?:主要|均|统一|分别|具体)?由[^。；，]{2,60}?"
    r"(?:牵头|会同|负责(?![同人制])|承办)"
    r"[^。；]*|[^。；，]{2,60}?(?:按照?职责分工|按职责)?(?:配合|协助)(?=[。；，,]|$))"
)
# A list closed by 等部门 / 等有关单位 before the work it is to do.
_CLOSED_LIST = re.compile(r"^.{2,60}?等(?:有关|相关|其他)?(?:部门|单位)")
_MODAL_END = re.compile(rf"{_MODAL}$")
# A person or post made responsible (由杨志武副市长负责，…): the org clause follows it.
_PERSON_CLAUSE = re.compile(r"^(?:由)?(?P<who>[^，,。；]{1,20}?)(?:负责|主抓|挂帅)[，,]")
_ORG_END = "局委办厅府会司院行处队站心部组班社室所门位"


def _skip_person_clauses(text: str) -> str:
    """``由杨志武副市长负责，市发改委牵头，…`` -> ``市发改委牵头，…`` (same length: blanks)."""
    match = _PERSON_CLAUSE.match(text)
    if match and not looks_like_org(_clean_org_part(match.group("who"))):
        return " " * match.end() + text[match.end():]
    return text


def leading_orgs(text: str) -> str:
    """The org list at the start of ``text``: ``市生态环境局、市财政局制定实施方案`` ->
    ``市生态环境局、市财政局`` (the partners of 会同 run straight into the work)."""
    if looks_like_org(text):
        return text
    closed = _CLOSED_LIST.match(text)
    if closed and looks_like_org(closed.group(0)):
        return closed.group(0)  # …市工商局等部门切实做好…: the list ends at 等部门
    for i in range(min(len(text), 60) - 1, 0, -1):
        if text[i] in _ORG_END and looks_like_org(text[: i + 1]):
            return text[: i + 1]
    return text


def find_owner_clauses(text: str) -> list[OwnerSpan]:
    """Find sentences in running text that assign work by a clause.

    ``由市物价局牵头，会同市政府法制办…`` (lead + responsible),
    ``市卫计委会同市食品药品监管局负责…``, ``新郑市人民政府负责按照…做好…``,
    ``由吴继德副市长负责，市环保局牵头，相关部门配合，…`` (the post is no owner),
    ``加快标准厂房建设，由X、Y分别负责…``. The subject of the clause must be a list of
    organisations, checked name by name. A span starts where its sentence starts.
    """
    found = []
    sentences = re.split(r"(?<=[。；\n])", text)
    offset = 0
    before = ""  # the paragraph's text before this sentence
    for sentence in sentences:
        # "X要…" assigns where it opens its paragraph or item (after a short title such
        # as "（六）河道保洁。"); further on, it is the paragraph's requirements of the
        # owners it named (报送, 总结), not a task of its own.
        # The title is one sentence without a comma; anything longer is the paragraph's.
        opens = not before.strip() or (len(before.strip()) <= _TITLE_MAX
                                       and not re.search(r"[，,；;]", before)
                                       and before.count("。") <= 1)
        before = "" if sentence.endswith("\n") else before + sentence
        if find_declarations(sentence):
            offset += len(sentence)
            continue  # a convention declared ("以下任务均由…负责，下同") is no task
        view = _skip_person_clauses(sentence)
        lead_in = len(sentence) - len(sentence.lstrip())
        for match in _CLAUSE.finditer(view):
            group = "clause" if match.group("clause") is not None else "late"
            clause = match.group(group).lstrip()
            head = (match.group("modal") if match.group("modal") is not None
                    else re.split(r"牵头|会同|负责|配合|协助", clause, maxsplit=1)[0])
            head = _clean_org_part(head)
            if not head or not all(looks_like_org(m) for m in split_org_list(head)):
                continue
            if match.group("modal") is not None and (
                    not opens or urges_rather_than_assigns(
                        clause[len(match.group("modal")):].lstrip("要应当必须"))
                    or any(refers_back(m) for m in split_org_list(head))):
                continue  # 各地、各部门要高度重视… / 各责任单位要…: urged, not assigned
            owners_text = clause
            # "由X牵头，会同Y等部门，…": the partners after 会同 assist.
            partners = re.search(r"牵头[，,]?会同([^，,。；]+)", clause)
            if partners:
                owners_text = f"{head}牵头，{leading_orgs(partners.group(1))}配合"
            elif match.group("modal") is not None:
                owners_text = f"{head}负责"
            if parse_owner_text(owners_text, "responsible").owners:
                found.append(OwnerSpan(offset + lead_in, offset + match.end(group),
                                       owners_text, match.group("modal") is None))
        offset += len(sentence)
    return found
