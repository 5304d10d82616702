"""Fuzzing ``extract_text``: no input crashes it, and no input takes long.

Random text (every code point, lone surrogates included) and composed documents mutated
character by character (deleted, repeated, swapped for brackets, pipes, colons and role
words) must all extract without an exception, each within hypothesis' deadline.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_text
from extract.models import ExtractionResult

SEEDS = [
    "某市人民政府办公室\n关于印发重点任务分工方案的通知\n某政办〔2021〕3号 2021年3月1日\n"
    "1.推进项目建设。\n牵头单位：市发改委\n责任单位：市财政局、各县（市、区）政府\n完成时限：6月底前\n",
    "（一）地区生产总值增长6%。(省发展改革委负责)(二)财政收入增长5%。【省财政厅主办，省税务局协办】\n",
    "序号 | 主要工作任务 | 责任单位 |\n1 | 新增就业1万人。 | ★市人社局、市财政局 |\n"
    "2021.8 | 区城投公司 | ||\n",
    "序号\n|\n工作目标\n|\n责任单位\n|\n1\n|\n增长6%。\n|\n★县工信局\n|\n||\n",
    "由王刚副市长负责，市交通局牵头，相关部门配合，年内完成。（列第一位的为牵头单位，下同）\n",
]
# Characters that change how the extractor reads a line.
SPECIAL = [*"（）()【】〔〕[]|：:；;，,、。\n\t ★*", "牵头", "负责", "配合", "责任单位：",
           "一、", "1.", "（1）", "年底前"]

any_text = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()),
    max_size=400,
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 12))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "insert"]))
        if action == "delete":
            text = text[:i] + text[i + 1:]
        elif action == "repeat":
            text = text[:i] + text[i:i + 20] * draw(st.integers(1, 30)) + text[i:]
        else:
            text = text[:i] + draw(st.sampled_from(SPECIAL)) + text[i:]
    return text


FUZZ = settings(max_examples=150, deadline=timedelta(seconds=2),
                suppress_health_check=[HealthCheck.too_slow])


def _check(text: str) -> None:
    result = extract_text(text, file="fuzz.txt")
    assert isinstance(result, ExtractionResult)
    for task in result.tasks:
        assert task.text
        assert 1 <= task.source.line_start <= task.source.line_end
        for a in task.assignments:
            assert a.org.name and a.role in ("lead", "responsible", "assist")


@FUZZ
@given(any_text)
def test_random_text_never_raises(text: str) -> None:
    _check(text)


@FUZZ
@given(mutated())
def test_mutated_documents_never_raise(text: str) -> None:
    _check(text)
