"""The role vocabulary (``extract/data/role_words.tsv``), read once, used by every reader.

Every word that says who does what — field labels (``牵头单位``), verbs in brackets and
clauses (``牵头``, ``配合``), people and posts that are never owners (``牵头领导``), table
column headers (``序号``, ``工作任务``) and lead marks (``★``) — lives in that one file.
Readers ask this module; none keeps a list of its own.

>>> label_kind("协同责任单位"), label_kind("市级牵头单位"), label_kind("牵头负责领导")
('responsible', 'lead', 'person')
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

__all__ = [
    "OWNER_KINDS",
    "WordKind",
    "column_kind",
    "column_word_shape",
    "field_label",
    "glued_label_pattern",
    "guides_rather_than_assigns",
    "inline_label_pattern",
    "is_work_plan",
    "label_kind",
    "lead_marks",
    "lead_suffixes",
    "plan_kind",
    "refers_back",
    "urges_rather_than_assigns",
    "verb_kind",
    "verb_pattern",
]

_DATA = Path(__file__).parent / "data" / "role_words.tsv"
_PLAN_DATA = Path(__file__).parent / "data" / "plan_words.tsv"

WordKind = Literal[
    "lead", "responsible", "assist", "deadline", "person", "progress", "event", "monitor",
    "seq", "task", "score", "note", "value", "lead_mark",
]
OWNER_KINDS: frozenset[str] = frozenset({"lead", "responsible", "assist"})

# A label may carry a short modifier in front (市级牵头单位, 区级责任单位) and full- or
# half-width brackets inside (牵头单位（部门）).
_MODIFIER = r"[\u4e00-\u9fff]{0,6}?"
# Verbs that are something else when a noun follows: 负责同志/负责人 are people,
# 负责制 a system, 落实情况 a report.
_VERB_NOT_BEFORE = {"负责": "(?![同人制])", "落实": "(?![情到])"}


class _Vocabulary(NamedTuple):
    labels: dict[str, str]
    verbs: dict[str, str]
    columns: dict[str, str]
    marks: tuple[str, ...]
    suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    labels: dict[str, str] = {}
    verbs: dict[str, str] = {}
    columns: dict[str, str] = {}
    marks: list[str] = []
    suffixes: list[str] = []
    for number, line in enumerate(_DATA.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        word, kind, use = line.split("\t")
        table = {"label": labels, "verb": verbs, "column": columns}.get(use)
        if use == "mark":
            marks.append(word)
        elif use == "suffix":
            suffixes.append(word)
        elif table is None:
            raise ValueError(f"{_DATA}:{number}: unknown use {use!r}")
        elif word in table and table[word] != kind:
            raise ValueError(f"{_DATA}:{number}: {word!r} listed twice as {use}")
        else:
            table[word] = kind
    return _Vocabulary(labels, verbs, columns, tuple(marks), tuple(suffixes))


def _by_suffix(table: dict[str, str], text: str) -> str | None:
    """The kind of ``text``: exact, else its longest listed suffix."""
    if text in table:
        return table[text]
    for start in range(1, len(text)):
        kind = table.get(text[start:])
        if kind is not None:
            return kind
    return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def label_kind(label: str) -> str | None:
    """The kind of a field label (without its colon).

    Parameters
    ----------
    label : str
        ``牵头单位``, ``协同责任单位``, ``市级牵头单位``, ``牵头领导``, ``完成时限`` …

    Returns
    -------
    str or None
        A kind of ``role_words.tsv`` (``lead``, ``responsible``, ``assist``,
        ``deadline``, ``person``, ``progress``, ``event``, ``monitor``), or ``None`` when
        the label is not in the vocabulary (``建设方式``).
    """
    return _by_suffix(_vocabulary().labels, _squash(label))


@lru_cache(maxsize=1)
def _header_endings() -> frozenset[str]:
    vocab = _vocabulary()
    return frozenset(w[-1] for w in (*vocab.columns, *vocab.labels))


@lru_cache(maxsize=8192)
def column_kind(header: str) -> str | None:
    """The kind of a table column from its header (spaces inside are ignored).

    Parameters
    ----------
    header : str
        ``序号``, ``主 要 工 作 任 务``, ``责任单位``, ``计划完成时间`` …

    Returns
    -------
    str or None
        A label kind (``lead`` …) or a column kind (``seq``, ``task``, ``score``,
        ``note``, ``value``); ``None`` for a header the vocabulary does not know.
    """
    text = _squash(header).strip("：:")
    if not text or text[-1] not in _header_endings():
        return None
    vocab = _vocabulary()
    return vocab.columns.get(text) or _by_suffix(vocab.labels, text) or _by_suffix(
        vocab.columns, text)


_COLUMN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def column_word_shape(header: str) -> bool:
    """Whether a header cell the vocabulary does not know is shaped like a column word
    (单位, 建设性质, 民生实事): a few Chinese characters, no punctuation, no figure."""
    return bool(_COLUMN_WORD.match(_squash(header)))


@lru_cache(maxsize=1)
def _label_alternation() -> str:
    """Every field label, longest first, brackets full- or half-width."""
    words = sorted({*_vocabulary().labels}, key=len, reverse=True)
    return "|".join(re.escape(w).replace("（", "[（(]").replace("）", "[）)]") for w in words)


@lru_cache(maxsize=1)
def _label_regex() -> re.Pattern[str]:
    alternation = _label_alternation()
    # A field line's label ends with a colon, or a dash (责任单位——市住建局、市财政局).
    return re.compile(
        rf"^(?:\d{{1,2}}[.．、]\s*)?(?P<label>{_MODIFIER}(?:{alternation}))"
        r"\s*(?:[：:]|——|－－|—|--)"
    )


@lru_cache(maxsize=1)
def inline_label_pattern() -> re.Pattern[str]:
    """A field label right after a sentence end inside a paragraph
    (``…建设。牵头单位：州发改委；配合单位：…``); group ``label``."""
    alternation = _label_alternation()
    return re.compile(rf"(?<=[。；;！？])\s*(?P<label>{_MODIFIER}(?:{alternation}))\s*[：:]")


@lru_cache(maxsize=1)
def glued_label_pattern() -> re.Pattern[str]:
    """A field label anywhere (``…管委会配合单位：…``, where spaces between fields were
    lost); no modifier in front, which would swallow the previous value; group ``label``."""
    alternation = _label_alternation()
    return re.compile(rf"(?P<label>{alternation})\s*[：:]")


def field_label(text: str) -> re.Match[str] | None:
    """Match a field line's label at the start of ``text`` (``牵头单位：…``).

    Returns
    -------
    re.Match or None
        Group ``label`` is the label; ``end()`` is where the value starts.
    """
    return _label_regex().match(text)


def verb_kind(verb: str) -> str | None:
    """The role a verb gives (``牵头`` -> ``lead``), or ``None`` if it is not a role verb."""
    return _vocabulary().verbs.get(verb)


@lru_cache(maxsize=1)
def verb_pattern() -> re.Pattern[str]:
    """Every role verb, longest first, plus ``会同``; group ``verb``."""
    words = sorted({*_vocabulary().verbs}, key=len, reverse=True)
    # A verb before 单位/部门 is part of a noun (各承办单位配合, 牵头单位), not a verb.
    parts = [re.escape(w) + _VERB_NOT_BEFORE.get(w, "") + "(?!单位|部门)" for w in words]
    return re.compile(rf"(?P<verb>会同|{'|'.join(parts)})")


def lead_marks() -> tuple[str, ...]:
    """Marks that make the org after them the lead (``★区发改委``)."""
    return _vocabulary().marks


def lead_suffixes() -> tuple[str, ...]:
    """Marks that make the org before them the lead (``市发改委（牵头）``)."""
    return _vocabulary().suffixes


@lru_cache(maxsize=1)
def _plan_words() -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for line in _PLAN_DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind = line.split("\t")
            kinds.setdefault(kind, []).append(word)
    return kinds


def is_work_plan(title: str) -> bool:
    """Whether a document titled ``title`` assigns work (``plan_words.tsv``).

    >>> is_work_plan("关于印发2024年政府工作报告重点工作责任分解的通知")
    True
    >>> is_work_plan("关于印发郑州市“十三五”质量强市建设规划的通知")
    False
    """
    return plan_kind(title) == "work_plan"


def plan_kind(text: str) -> str | None:
    """``"not_work_plan"`` if ``text`` holds such a word (规划, 办法 …; they win),
    ``"work_plan"`` if it holds a work-plan word (方案, 清单 …), else ``None``."""
    words = _plan_words()
    if any(w in text for w in words.get("not_work_plan", ())):
        return "not_work_plan"
    if any(w in text for w in words.get("work_plan", ())):
        return "work_plan"
    return None


def guides_rather_than_assigns(heading: str) -> bool:
    """A section title such as ``一、指导思想`` whose text is not a task."""
    return any(w in heading for w in _plan_words().get("not_a_task", ()))


def urges_rather_than_assigns(predicate: str) -> bool:
    """Whether the words after 要 in ``X要…`` urge (``高度重视…``) rather than assign work.

    >>> urges_rather_than_assigns("切实加强组织领导，确保…")
    True
    >>> urges_rather_than_assigns("足额落实配套资金")
    False
    """
    head = predicate.lstrip("要应当须将进一步切实充分认真")
    return any(head.startswith(w) or predicate.startswith(w)
               for w in _plan_words().get("urges", ()))


def refers_back(mention: str) -> bool:
    """Whether a subject means the owners already named (``各责任单位``, ``各成员单位``).

    >>> refers_back("各责任单位")
    True
    >>> refers_back("各县（市、区）政府")
    False
    """
    return mention.lstrip("各有关相") in _plan_words().get("refers_back", ())
