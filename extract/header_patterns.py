"""Patterns of a document header, shared by line repair and document splitting.

Repair must not glue a header line onto the text before it, and the splitter must
recognise the same lines, so both read the patterns from here.
"""

from __future__ import annotations

import re

__all__ = ["DATE_LINE", "DOC_NUMBER", "ISSUER", "NUMBER_LINE", "TITLE_START"]

# 郑政办〔2017〕88号, 豫政[2016]77号, 西政发（2018）3号 — the bracket varies by source.
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,10}[〔\[［【（(]\s*(?:19|20)\d\d\s*[〕\]］】）)]\s*第?\s*\d{1,4}\s*号"
)
# A line that starts with a document number (the header's number line).
NUMBER_LINE = re.compile(rf"^(?P<number>{DOC_NUMBER.pattern})\s*(?P<rest>.*)$")
TITLE_START = re.compile(r"^(?:关于|转发|批转|印发)")
# The issuing government, alone or followed by the title on the same line.
ISSUER = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff]{2,24}?(?:人民政府(?:办公厅|办公室)?|政府办公室|政府办公厅|"
    r"委员会(?:办公室)?|办公厅))(?:\s*(?P<title>(?:关于|转发|批转|印发).*))?$"
)
DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
