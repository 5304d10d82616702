"""Same answers whatever the format: one composed document (a county notice whose
plan states tasks in provincial-style brackets and in a county task table) published
as .txt, .docx, .pdf and .html gives the same tasks, owners, roles and deadlines;
PDF tasks carry their page, table tasks their table row.

The expected answers (:data:`tests.fixtures.composed.EXPECTED`) were written by
reading the composed document, not by running the extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.blocks import SourceText
from extract.models import Task
from extract.pipeline import extract_source
from extract.readers import read_source
from tests.fixtures.composed import EXPECTED, EXPECTED_PAGES, TABLE_ROWS, write_all
from tests.fixtures.printing import libreoffice_convert, needs_chromium, needs_soffice

FORMATS = [".txt", ".docx", ".html", ".pdf"]
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, SourceText]:
    files = write_all(tmp_path_factory.mktemp("composed"))
    return {suffix: read_source(path) for suffix, path in files.items()}


class _Extracted(dict[str, list[Task]]):
    """Tasks per format, extracted when first asked for (one format failing to
    extract fails only the tests that use it)."""

    def __init__(self, published: dict[str, SourceText]) -> None:
        super().__init__()
        self.published = published

    def __missing__(self, suffix: str) -> list[Task]:
        found = [t for d in extract_source(self.published[suffix]).documents for t in d.tasks]
        self[suffix] = found
        return found


@pytest.fixture(scope="module")
def tasks(published: dict[str, SourceText]) -> dict[str, list[Task]]:
    return _Extracted(published)


def _phrase(task: Task) -> str:
    """The expected task phrase this task's text contains (its text if none)."""
    phrases = {key for key, *_ in EXPECTED}
    found = [p for p in phrases if p in task.text]
    return found[0] if len(found) == 1 else task.text


def _answers(tasks: list[Task]) -> set[tuple[str, str, str, str]]:
    out = set()
    for task in tasks:
        final = next((d.date for d in task.deadlines if d.final), None) or ""
        for a in task.assignments:
            out.add((_phrase(task), a.mention, a.role, final))
    return out


def test_the_four_publications_read_the_same_blocks(published: dict[str, SourceText]) -> None:
    def texts(source: SourceText) -> list[object]:
        return [getattr(b, "texts", None) or b.text for b in source.blocks]

    reference = texts(published[".html"])
    for suffix in (".docx", ".pdf"):
        assert texts(published[suffix]) == reference, suffix


@needs_soffice
def test_a_pdf_exported_by_libreoffice_reads_the_same(published: dict[str, SourceText],
                                                      tmp_path: Path) -> None:
    """Word's way of setting a page (list items with hanging indents, ragged right,
    tables ruled with lines), as LibreOffice exports the .docx to PDF."""
    exported = read_source(libreoffice_convert(Path(published[".docx"].file), "pdf", tmp_path))
    assert [getattr(b, "texts", None) or b.text for b in exported.blocks] == [
        getattr(b, "texts", None) or b.text for b in published[".docx"].blocks]
    assert exported.pages and exported.format == "pdf"


@pytest.mark.parametrize("suffix", FORMATS)
def test_expected_answers(tasks: dict[str, list[Task]], suffix: str) -> None:
    assert _answers(tasks[suffix]) == EXPECTED


def test_identical_answers_across_formats(tasks: dict[str, list[Task]]) -> None:
    def full(found: list[Task]) -> set[tuple[str, str, str, str | None]]:
        return {(t.text, a.org.name, a.role, next((d.date for d in t.deadlines if d.final), None))
                for t in found for a in t.assignments}

    reference = full(tasks[".txt"])
    assert reference
    for suffix in FORMATS[1:]:
        assert full(tasks[suffix]) == reference, suffix


def test_pdf_tasks_carry_their_page(tasks: dict[str, list[Task]]) -> None:
    pages = {_phrase(t): t.source.page for t in tasks[".pdf"]}
    assert pages == EXPECTED_PAGES
    for suffix in (".txt", ".docx", ".html"):
        assert all(t.source.page is None for t in tasks[suffix])


@pytest.mark.parametrize("suffix", FORMATS)
def test_table_tasks_carry_their_row(tasks: dict[str, list[Task]], suffix: str) -> None:
    rows = {_phrase(t): (t.source.table, t.source.row) for t in tasks[suffix]
            if _phrase(t) in TABLE_ROWS}
    assert rows == {phrase: (1, row) for phrase, row in TABLE_ROWS.items()}
    owners = [a for t in tasks[suffix] if _phrase(t) in TABLE_ROWS for a in t.assignments]
    assert {(a.table, a.column) for a in owners} == {(1, 3), (1, 4)}  # 牵头单位, 配合单位
