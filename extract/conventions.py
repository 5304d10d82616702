"""Conventions a document declares for reading its owner lists, and where they apply.

Documents say once how their lists are to be read — in the notice, in a 说明, or in a
bracket inside the first role field — and the rule then governs what follows (``下同``):

=================================  ==========================================================
``first_listed_leads``             列第一位的（责任）单位为牵头单位 / 排在第一位的为牵头单位:
                                   in a plain list the first org leads, the others are
                                   responsible (unless the list says 分别牵头/分别负责)
``first_listed_leads_others_assist``  排名第一的…为牵头单位，其他…为参与单位: the others assist
``first_listed_responsible_others_assist``  列第一位的为责任单位，其他为配合单位: in a
                                   plain list the first org is responsible, the others assist
``lead_if_no_lead``                无牵头单位的，责任单位即为牵头单位: a task that names no
                                   lead has its responsible units as leads
``responsible_is_main``            将主要负责单位确定为责任单位，其他…为配合单位: the
                                   责任单位 is the one main owner (it leads), 配合单位 assist
``default_party``                  以下任务均由各县（区）政府落实: that party is responsible
                                   for every task after it (its org text is kept)
=================================  ==========================================================

Leads marked by a symbol (``★区发改委``) need no declaration; the symbols are in the role
vocabulary. A declaration is never an owner: :func:`strip_declarations` removes it from the
text before lists are read (a bracket ``（列第一位的为牵头单位，下同）`` inside a 责任单位
field would otherwise be read as part of the list).

All the phrases live here, in this one module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "DEFAULT_PARTY",
    "FIRST_LISTED_LEADS",
    "FIRST_LISTED_LEADS_OTHERS_ASSIST",
    "FIRST_LISTED_RESPONSIBLE_OTHERS_ASSIST",
    "LEAD_IF_NO_LEAD",
    "RESPONSIBLE_IS_MAIN",
    "Convention",
    "Conventions",
    "find_declarations",
    "strip_declarations",
]

FIRST_LISTED_LEADS = "first_listed_leads"
FIRST_LISTED_LEADS_OTHERS_ASSIST = "first_listed_leads_others_assist"
FIRST_LISTED_RESPONSIBLE_OTHERS_ASSIST = "first_listed_responsible_others_assist"
LEAD_IF_NO_LEAD = "lead_if_no_lead"
RESPONSIBLE_IS_MAIN = "responsible_is_main"
DEFAULT_PARTY = "default_party"

_FIRST_LISTED = (r"(?:列|排|位|排名|名列)(?:在|于)?(?:第一|首)(?:位|个|名)?的?"
                 r"(?:责任)?(?:单位|部门)?(?:为|是)")
_FIRST = _FIRST_LISTED + r"(?:工作)?牵头"
_OTHERS_ASSIST = (r"[^。；]{0,20}?其[他它余](?:列入|列出|排列)?(?:的)?(?:单位|部门)?(?:为|是)"
                  r"(?:参与|配合|协办|协助)")
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (FIRST_LISTED_LEADS_OTHERS_ASSIST, re.compile(_FIRST + _OTHERS_ASSIST)),
    # 列第一位的为责任单位（即主要负责单位），其他为配合单位
    (FIRST_LISTED_RESPONSIBLE_OTHERS_ASSIST, re.compile(
        _FIRST_LISTED + r"(?:主要)?(?:责任|负责|承办)(?:单位|部门)" + _OTHERS_ASSIST)),
    (FIRST_LISTED_LEADS, re.compile(_FIRST + r"|第一(?:个|家)?(?:单位|部门)为牵头")),
    (LEAD_IF_NO_LEAD, re.compile(
        r"(?:无|没有|不设|未(?:明确|列明|列出|列|注明|标明|标注|确定|指定)?)"
        r"(?:列明|明确)?牵头(?:单位|部门)的?[，,]?(?:其?责任(?:单位|部门))(?:即|就)?"
        r"(?:为|是|作为)牵头")),
    (RESPONSIBLE_IS_MAIN, re.compile(
        r"(?:主要负责单位|主要责任单位)(?:确定|明确)?为责任单位[^。]{0,30}?其[他它余]"
        r"[^。]{0,10}?(?:确定|明确)?为配合单位"
        r"|责任单位为主要负责(?:单位|部门)[，,；;]?其[他它余][^。]{0,6}?为配合")),
)
# 以下任务均由各县（区）政府落实，下同 / 以下各项均由…负责
_DEFAULT_PARTY = re.compile(
    r"以下(?:任务|各项|工作|事项)?(?:均|都|皆)由(?P<party>[^，。；]{2,40}?)(?:负责|落实|承担|组织实施)"
)
# A declaration written in brackets (removed whole) or as a clause.
_BRACKETED = re.compile(r"[（(]([^（）()]{0,80})[)）]")


@dataclass(frozen=True)
class Convention:
    """One declared convention: its name, the line it was declared on, and for
    ``default_party`` the party as written."""

    name: str
    line: int
    party: str = ""
    # ``X、Y，其中第一个单位为牵头单位``: said of the list on its own line only (no 下同).
    local: bool = False


# Every declaration holds one of these words: most lines are rejected without a regex.
_CUES = ("牵头", "以下", "主要负责", "主要责任", "第一", "首位")


# 其中 ("of which") ties a declaration to the list before it; 下同 ("the same below")
# extends any declaration to what follows.
_OF_WHICH = re.compile(r"其中[，,]?$")
_SAME_BELOW = ("下同", "以下同", "后同")


def _is_local(text: str, start: int, end: int) -> bool:
    return bool(_OF_WHICH.search(text[max(0, start - 4):start])) and not any(
        word in text[end:end + 12] for word in _SAME_BELOW)


def _declared(text: str) -> list[tuple[int, str, str, bool]]:
    """(offset, name, party, local) of every declaration in ``text``."""
    found: list[tuple[int, str, str, bool]] = []
    if not any(cue in text for cue in _CUES):
        return found
    taken: list[tuple[int, int]] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue  # the longer convention at this place was found first
            taken.append((match.start(), match.end()))
            found.append((match.start(), name, "", _is_local(text, match.start(), match.end())))
    for match in _DEFAULT_PARTY.finditer(text):
        found.append((match.start(), DEFAULT_PARTY, match.group("party"), False))
    return sorted(found)


def find_declarations(text: str, line_at: int | None = None) -> list[Convention]:
    """The conventions declared in one piece of text.

    Parameters
    ----------
    text : str
        A line or paragraph of a document.
    line_at : int, optional
        The line number to record for them.

    Returns
    -------
    list of Convention
    """
    return [Convention(name, line_at or 0, party, local)
            for _, name, party, local in _declared(text)]


def strip_declarations(text: str) -> str:
    """``text`` without the brackets and sentences that declare a convention.

    ``市政府办公室、各区县政府（列第一位的为工作牵头单位或汇总单位，下同）`` ->
    ``市政府办公室、各区县政府``.
    """
    def bracket(match: re.Match[str]) -> str:
        if not _declared(match.group(1)):
            return match.group(0)
        # （排名第一的为牵头单位，下同：X、Y）: the declaration, then the list it governs.
        listed = re.split(r"[：:]", match.group(1), maxsplit=1)[1:]
        return f"（{listed[0]}）" if listed and listed[0].strip() else ""

    text = _BRACKETED.sub(bracket, text)
    if not _declared(text):
        return text
    # A declaration as a sentence or clause of its own inside the value
    # (``X、Y，其中第一个单位为牵头单位。``): drop it, to the end of its sentence.
    kept: list[str] = []
    for sentence in re.split(r"(?<=[。；;])", text):
        if not _declared(sentence):
            kept.append(sentence)
            continue
        for clause in re.split(r"(?<=[，,])", sentence):
            if _declared(clause):
                break
            kept.append(clause)
        else:
            continue
        # …，下同：X、Y — the list after the declaration's colon is kept.
        rest = sentence[sum(len(c) for c in kept):]
        listed = re.split(r"[：:]", rest, maxsplit=1)
        if len(listed) == 2 and listed[1].strip() and not _declared(listed[1]):
            kept.append(listed[1])
    return "".join(kept)


class Conventions:
    """The conventions in force at each point of one document.

    A convention applies from the line it is declared on to the end of the document;
    one declared before the first task (in the notice) therefore governs them all. One
    said of a single list (``其中第一个单位为牵头单位`` without 下同) applies on its line.
    """

    def __init__(self) -> None:
        self._declared: list[Convention] = []

    def declare(self, found: list[Convention]) -> None:
        for convention in found:
            if convention not in self._declared:
                self._declared.append(convention)

    def at(self, line: int) -> list[str]:
        """Names of the conventions in force at ``line``."""
        names: list[str] = []
        for c in self._declared:
            if c.local and c.line != line:
                continue
            if c.line <= line and c.name != DEFAULT_PARTY and c.name not in names:
                names.append(c.name)
        return names

    def parties_at(self, line: int) -> list[Convention]:
        """``default_party`` declarations in force at ``line``."""
        return [c for c in self._declared if c.name == DEFAULT_PARTY and c.line <= line]

    @property
    def names(self) -> list[str]:
        """Every convention the document declares (for the Document record)."""
        out: list[str] = []
        for c in self._declared:
            name = c.name if c.name != DEFAULT_PARTY else f"{DEFAULT_PARTY}:{c.party}"
            if name not in out:
                out.append(name)
        return out
