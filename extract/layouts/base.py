"""What every layout reader shares: the raw task it produces and the context it reads in.

A layout reader is a small object with a ``name`` (recorded on each task it reads as
``Task.layout``), a ``scope`` (``"unit"``: it reads a whole :class:`~extract.units.Unit`;
``"paragraph"``: it reads one paragraph of a body unit that no unit reader took) and a
``read`` method returning the tasks it found, or ``None`` when the text is not its layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from extract.blocks import LogicalLine
from extract.conventions import Conventions
from extract.models import Role
from extract.roles import OwnerParse
from extract.units import Unit

__all__ = ["Context", "Layout", "RawOwner", "RawTask", "ReadWarning"]


@dataclass(frozen=True)
class RawOwner:
    """An owner as written, with the role read for it and where it was read."""

    mention: str
    role: Role
    evidence: str
    line: int
    table: int | None = None
    row: int | None = None
    column: int | None = None


@dataclass
class RawTask:
    """A task before names and dates are resolved."""

    text: str
    section: str
    line_start: int
    line_end: int
    layout: str
    owners: list[RawOwner] = field(default_factory=list)
    deadline_fields: list[str] = field(default_factory=list)
    table: int | None = None
    row: int | None = None
    column: int | None = None  # the task text's cell

    def add_owners(self, owners: list[RawOwner]) -> None:
        for owner in owners:
            if all((o.mention, o.role) != (owner.mention, owner.role) for o in self.owners):
                self.owners.append(owner)


@dataclass(frozen=True)
class ReadWarning:
    """A problem met while reading: its line, code (``errors.Warnings``) and text."""

    line: int
    code: str
    text: str


@dataclass
class Context:
    """What a reader needs besides the text: the conventions in force, whether the
    document is a work plan (numbered items are tasks even without owners), and where
    warnings go."""

    conventions: Conventions
    work_plan: bool = False
    warnings: list[ReadWarning] = field(default_factory=list)

    def owners_from(self, parsed: OwnerParse, evidence: str, line: int, **cell: int | None
                    ) -> list[RawOwner]:
        """Owners of a parse, each with its evidence; rejected parts become warnings."""
        for rejected in parsed.rejected:
            self.warnings.append(ReadWarning(line, "W102", rejected))
        return [RawOwner(m, r, evidence, line, **cell) for m, r in parsed.owners]


class Layout(Protocol):
    """One document layout (see the module docstring)."""

    name: str
    scope: str

    def read(self, unit: Unit, paragraph: LogicalLine | None, context: Context
             ) -> list[RawTask] | None:
        """The tasks of ``unit`` (scope "unit") or of one of its paragraphs."""
        ...
