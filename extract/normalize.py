"""Character-level clean-up of one line of PDF-converted text.

The repaired text is what we parse and what we show as a task's text; the line
numbers of the original stay with it (see :mod:`extract.repair`), so clean-up may
change characters freely but never moves text between lines.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["CJK", "normalize_line"]

CJK = r"\u3400-\u9fff\uf900-\ufaff"
# Punctuation that sits between CJK words in running text.
_CJK_PUNCT = r"，。、；：？！“”‘’（）〔〕【】《》—…·％"

_FULLWIDTH_ALNUM = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ\u3000",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz ",
)
_LATEX = [
    (re.compile(r"\\leq?\b|\\leqslant\b"), "≤"),
    (re.compile(r"\\geq?\b|\\geqslant\b"), "≥"),
    (re.compile(r"\\times\b"), "×"),
    (re.compile(r"\\sim\b"), "～"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\(?:text|mathrm|mathbf)\{([^}]*)\}"), r"\1"),
    (re.compile(r"\^\{?\\circ\}?|\\circ\b"), "°"),
    (re.compile(r"[\^_]\{([^}]*)\}"), r"\1"),
]
_LATEX_SPAN = re.compile(r"\$([^$]{1,80})\$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪●]\s+|#{1,6}\s+)")
_BOLD = re.compile(r"\*\*")
# Half-width punctuation that mixes with full-width in PDF text; digits keep theirs
# (1,000 / 10:30) so those are only converted when a digit is not on both sides.
_HALF_PUNCT = [
    (re.compile(r"\("), "（"),
    (re.compile(r"\)"), "）"),
    (re.compile(r"(?<!\d):|:(?!\d)"), "："),
    (re.compile(r";"), "；"),
    (re.compile(r"(?<!\d),|,(?!\d)"), "，"),
]
_HALF_PUNCT_CHARS = ("(", ")", ":", ";", ",")  # the character each _HALF_PUNCT rule changes
_BULLET_STARTS = frozenset("-*•·▪●#")
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{CJK}{_CJK_PUNCT}]) +| +(?=[{CJK}{_CJK_PUNCT}])")


def _strip_latex(match: re.Match[str]) -> str:
    body = match.group(1)
    for pattern, repl in _LATEX:
        body = pattern.sub(repl, body)
    return body.replace("{", "").replace("}", "").replace("\\", "").strip()


def normalize_line(line: str) -> str:
    """Return a clean version of one physical line.

    Full-width digits and letters become ASCII, half-width brackets, colons,
    semicolons and commas become full-width, spaces next to Chinese characters are
    removed (``2017 年 8 月`` -> ``2017年8月``), LaTeX fragments (``$\\leq 0.5\\%$``)
    become plain symbols, and stray bullets (``- ``) and ``**`` markers go.
    Tabs are kept: they separate table cells.

    Parameters
    ----------
    line : str
        One physical line, without its newline.

    Returns
    -------
    str
        The cleaned line, stripped of surrounding spaces.
    """
    return _normalized(line)


@lru_cache(maxsize=16384)
def _normalized(line: str) -> str:
    # Each pattern runs only when its characters occur: most lines need two or three.
    text = line.translate(_FULLWIDTH_ALNUM)
    if "$" in text:
        text = _LATEX_SPAN.sub(_strip_latex, text)
    if "**" in text:
        text = _BOLD.sub("", text)
    if text[:1] in _BULLET_STARTS or text[:1].isspace():
        text = _BULLET.sub("", text)
    for char, (pattern, repl) in zip(_HALF_PUNCT_CHARS, _HALF_PUNCT, strict=True):
        if char in text:
            text = pattern.sub(repl, text)
    if " " in text:
        text = _SPACE_NEAR_CJK.sub("", text)
    return text.strip(" ")
