"""Shared helpers for the layout tests: extract a composed document, read its tasks."""

from __future__ import annotations

from extract import extract_text
from extract.models import Document, Task

__all__ = ["deadlines", "document", "owners", "spans"]


def document(text: str, file: str = "composed.txt") -> Document:
    """The one document of a composed text."""
    (doc,) = extract_text(text, file=file).documents
    return doc


def owners(task: Task) -> list[tuple[str, str]]:
    """(mention, role) in reading order."""
    return [(a.mention, a.role) for a in task.assignments]


def deadlines(task: Task) -> list[tuple[str | None, str, bool]]:
    """(ISO date, phrase, final)."""
    return [(d.date, d.raw, d.final) for d in task.deadlines]


def spans(doc: Document) -> list[tuple[str, int, int]]:
    """(layout, first line, last line) of every task."""
    return [(t.layout, t.source.line_start, t.source.line_end) for t in doc.tasks]
