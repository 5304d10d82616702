"""The heading hierarchy of a document: 第一章 / 一、 / （一） / 1. / （1） / ①.

Each task's ``section`` is the path of the headings that enclose it, e.g.
``四、重点任务 > （一）严格控制燃煤电厂发电总量``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Heading", "Outline", "heading_of"]

_CN_NUM = "一二三四五六七八九十百零〇"
# (rank, pattern): a smaller rank encloses a larger one. Articles (第X条) are not
# headings: they are the items of a regulation.
_MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^第[{_CN_NUM}]+章")),
    (2, re.compile(rf"^第[{_CN_NUM}]+节")),
    (3, re.compile(rf"^[{_CN_NUM}]+[、.．]")),
    (4, re.compile(rf"^（[{_CN_NUM}]+）")),
    (5, re.compile(r"^\d{1,2}(?:[.．、](?!\d)|）)")),
    (6, re.compile(r"^（\d{1,2}）")),
    (7, re.compile(r"^[①-⑳]")),
    # A ledger's numbered records: 督办事项1 / 重点任务3 / 事项12, each a title over its
    # fields (牵头单位：… 督办内容：…), ranked as a numbered item.
    (5, re.compile(r"^(?:督办|督查|重点|交办)?(?:事项|任务)\s*\d{1,3}(?=$|\s|[：:、.．])")),
]
_PAIRS = (("《", "》"), ("（", "）"), ("“", "”"))
# Every marker starts with one of these: a cheap test before the patterns.
_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # ① … ⑳
_FIRST_CHARS = frozenset("第（督重交事任" + _CN_NUM + "0123456789" + _CIRCLED)
_SENTENCE_MARK = re.compile(r"[。；！？：]")
# A heading short enough to be a title rather than a numbered paragraph.
MAX_TITLE_LEN = 30


@dataclass(frozen=True)
class Heading:
    """A numbered line: its rank (1 = outermost) and whether it is only a title."""

    rank: int
    marker: str
    text: str
    forced_item: bool = False

    @property
    def is_title(self) -> bool:
        """True for ``（一）加强组织领导``; False for a numbered paragraph of work."""
        # A sentence ("2.规范煤炭经营市场监管。"), a labelled facet ("1.退出标准：…")
        # or a line cut inside a bracket ("…按照《河南省化解过剩产能") is an item.
        if self.forced_item or len(self.text) > MAX_TITLE_LEN or _SENTENCE_MARK.search(
                self.text):
            return False
        return all(self.text.count(a) == self.text.count(b) for a, b in _PAIRS)


@lru_cache(maxsize=16384)
def heading_of(text: str) -> Heading | None:
    """Return the heading a line starts with, or ``None``.

    Parameters
    ----------
    text : str
        A repaired (normalised) line.

    Returns
    -------
    Heading or None
    """
    if not text or text[0] not in _FIRST_CHARS:
        return None
    for rank, pattern in _MARKERS:
        match = pattern.match(text)
        if match:
            return Heading(rank, match.group(0), text)
    return None


class Outline:
    """A stack of the title headings seen so far in one document."""

    def __init__(self) -> None:
        self._stack: list[Heading] = []

    def see(self, heading: Heading) -> None:
        """Enter a heading: it closes every open heading of the same or deeper rank.

        A numbered paragraph (not a title) closes them too but opens no section:
        the task it carries is *in* the enclosing section.
        """
        while self._stack and self._stack[-1].rank >= heading.rank:
            self._stack.pop()
        if heading.is_title:
            self._stack.append(heading)

    def reset(self) -> None:
        self._stack.clear()

    def enter_annex(self, text: str) -> None:
        """An annex line (``附件：职责分工``) becomes the root of a fresh path."""
        self._stack = [Heading(0, "", text)]

    @property
    def path(self) -> str:
        """The section path, outermost first, joined with ``" > "``."""
        return " > ".join(h.text for h in self._stack)

    @property
    def innermost(self) -> Heading | None:
        return self._stack[-1] if self._stack else None
