"""Deadline phrases (placeholder, being written)."""

from __future__ import annotations

from extract.models import Deadline

__all__ = ["parse_deadlines"]


def parse_deadlines(text: str, year: int | None, *, field: bool = False) -> list[Deadline]:
    """Placeholder returning no deadlines."""
    return []
