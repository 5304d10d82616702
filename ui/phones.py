"""Phone numbers in task text are masked wherever the app shows it (tables, headings,
graph captions, source passages, console results) unless the user turns them on.

Formats (written with ASCII or full-width digits and punctuation, with ``-``, ``—``, ``–``
or spaces between groups):

- mobiles: ``13812345678``, ``138-1234-5678``, ``138 1234 5678``, ``+86 138…``,
  ``+8613812345678``, ``0086-138…``, ``(+86)138…``;
- landlines with an area code: ``0371-67181234``, ``0371 6718 1234``, ``0371-6718-1234``,
  ``(0371)6718 1234``, ``（0371）67181234``, ``037167181234``, ``010-12345678``,
  ``+86-371-67181234``, ``+86 (371) 6718 1234``, with an extension
  (``-8001``, ``转8001``, ``分机8001``, ``ext. 8001``);
- national service numbers: ``400-123-4567``, ``4001234567``, ``800-810-8888``,
  ``400-6666-888``;
- a local number after a phone label (电话, 联系电话, 热线, 传真, 手机, 座机, 联系方式,
  Tel, Phone, Fax …): ``电话：67181234``, ``电话: 6718 1234``, ``热线 6718-1234``, and the
  further numbers listed after it (``电话：67181234、67181235``), also across a line
  break.

Other numbers stay as written: years and dates (2017, 2017-08-31), amounts (6520亿元,
15000000000元), document numbers (郑政办〔2017〕88号), short public hotlines (12345).

The data keeps the text as written: exports and the graph are not masked; masking is
a matter of display.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["MASK", "mask_phones", "mask_value"]

MASK = "■■■■"

# Full-width digits and the punctuation numbers are written with, mapped one character
# to one character, so positions found in the mapped text are positions in the original.
_FOLD = str.maketrans(
    "０１２３４５６７８９－（）＋：　．／", "0123456789-()+: ./"
)
_SEP = r"[-\u2010-\u2015\u2212 ]?"  # at most one separator between digit groups
_NOT_DIGIT_BEFORE = r"(?<![\d.])"
# Not part of a longer number, an amount or a decimal.
_NOT_AFTER = r"(?![\d]|[.,]\d|\s*[元万亿千百个人次户台套件吨米%])"
_COUNTRY = r"(?:\(\+?86\)|(?:\+|00)86)" + _SEP
_LOCAL = rf"(?:\d{{7,8}}|\d{{3,4}}{_SEP}\d{{4}})"
_EXTENSION = r"(?:\s*(?:-|转|分机|ext\.?|x)\s*\d{1,5}(?!\d))?"
_AREA = rf"(?:\(0\d{{2,3}}\)|0\d{{2,3}}){_SEP}"
_AREA_INTL = rf"(?:\(0?\d{{2,3}}\)|0?\d{{2,3}}){_SEP}"
_MOBILE = rf"1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}"
_SERVICE = rf"[48]00(?:{_SEP}\d){{7}}"

_NUMBER = re.compile(
    _NOT_DIGIT_BEFORE
    + "(?:"
    + rf"{_COUNTRY}(?:{_MOBILE}|{_AREA_INTL}{_LOCAL}{_EXTENSION})"
    + rf"|{_AREA}{_LOCAL}{_EXTENSION}"
    + rf"|{_SERVICE}"
    + rf"|{_MOBILE}"
    + ")"
    + _NOT_AFTER,
    re.I,
)
_LABEL = (
    r"(?:(?:联系|办公|咨询|投诉|举报|服务|值班|监督)?(?:电话|热线|传真|手机|座机|固话)(?:号码)?"
    r"|联系方式|tel|phone|fax|mobile)"
)
# A label, then one or more local numbers separated by list punctuation or a line break.
_LABELLED = re.compile(
    rf"{_LABEL}\s*[:.]?\s*(?P<nums>{_LOCAL}(?:\s*[、,，;；/或和]?\s*{_LOCAL})*){_NOT_AFTER}",
    re.I,
)
_LOCAL_RE = re.compile(_NOT_DIGIT_BEFORE + _LOCAL + r"(?!\d)")


def _spans(folded: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _NUMBER.finditer(folded)]
    for m in _LABELLED.finditer(folded):
        start = m.start("nums")
        spans.extend(
            (start + n.start(), start + n.end()) for n in _LOCAL_RE.finditer(m.group("nums"))
        )
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def mask_phones(text: str) -> str:
    """Replace every phone number in ``text`` with :data:`MASK`.

    Parameters
    ----------
    text:
        Plain text (one or more lines).

    Returns
    -------
    str
        The text with the numbers listed in the module docstring masked and everything
        else as written.

    Examples
    --------
    >>> mask_phones("电话：(0371)6718 1234，手机 138-1234-5678")
    '电话：■■■■，手机 ■■■■'
    >>> mask_phones("2017年10月底前完成，投资6520亿元")
    '2017年10月底前完成，投资6520亿元'
    """
    if not text or not any(c.isdigit() for c in text):
        return text
    out = []
    last = 0
    for a, b in _spans(text.translate(_FOLD)):
        out.append(text[last:a])
        out.append(MASK)
        last = b
    out.append(text[last:])
    return "".join(out)


def mask_value(value: Any) -> Any:
    """:func:`mask_phones` applied to every string inside ``value`` (lists, dicts,
    tuples), for query results shown as tables, captions or JSON.

    Parameters
    ----------
    value:
        A plain value.

    Returns
    -------
    Any
        A masked copy (non-string scalars unchanged).
    """
    if isinstance(value, str):
        return mask_phones(value)
    if isinstance(value, dict):
        return {k: mask_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(mask_value(v) for v in value)
    return value
