"""The plain records the extractor produces.

Data flows one way: text -> :class:`Document` -> :class:`Task` with its
:class:`Assignment`, :class:`Deadline` and district records. Nothing here knows
about graphs, stores or apps; the graph package reads these records.

Every task and every assignment carries a :class:`SourceSpan` / line number that
points at the *original* file (1-based lines), so a user can check each claim
against the text it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "DEADLINE_KINDS",
    "ORG_KINDS",
    "ROLES",
    "Assignment",
    "Deadline",
    "DeadlineKind",
    "Document",
    "ExtractionResult",
    "ExtractionWarning",
    "FileError",
    "Org",
    "OrgKind",
    "Role",
    "SourceSpan",
    "Task",
    "UnreadItem",
]

Role = Literal["lead", "responsible", "assist"]
ROLES: tuple[Role, ...] = ("lead", "responsible", "assist")

OrgKind = Literal[
    "department",  # 市财政局, 县教育局, 省发展改革委 …
    "district_government",  # 登封市人民政府, 中原区政府 (a 县/市/区 government)
    "development_zone",  # 郑东新区管委会, 郑州高新区管委会
    "enterprise",  # 郑州供电公司, …有限公司
    "vertical_agency",  # 郑州海关, 人行郑州中心支行, 市国税局 (centrally managed)
    "people_organisation",  # 市总工会, 团市委, 市妇联, 市科协
    "collective",  # 各县（市、区）政府, 市政府有关部门, …各成员单位
    "government",  # 市政府, 市政府办公厅 (the issuing government itself)
    "other",
]
ORG_KINDS: tuple[str, ...] = OrgKind.__args__  # type: ignore[attr-defined]

DeadlineKind = Literal["date", "open", "recurring"]
DEADLINE_KINDS: tuple[str, ...] = DeadlineKind.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class SourceSpan:
    """Where a record came from: a file and an inclusive 1-based line range.

    Lines are those of the file's *source text* as its reader renders it (the text
    file itself; for Word, PDF and HTML the lines :func:`extract.readers.read_source`
    returns), so the app can show the passage for any format. ``page`` is the
    1-based page of ``line_start`` (PDF only); ``table``, ``row`` and ``column``
    (1-based) are set when the record came from a table cell.
    """

    file: str
    line_start: int
    line_end: int
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Org:
    """An organisation, resolved to its canonical name.

    ``name`` is canonical and, for names relative to a government (``市财政局``),
    qualified with that government's place (``郑州市财政局``) so that two cities'
    finance bureaus are two organisations. ``jurisdiction`` is that place.
    ``level`` is one of ``national``, ``province``, ``city``, ``county``, ``unknown``.
    """

    name: str
    kind: OrgKind
    level: str = "unknown"
    jurisdiction: str | None = None
    district: str | None = None
    known: bool = True  # False when recognised by its shape, not the alias registry


@dataclass(frozen=True)
class Assignment:
    """One organisation's role on one task.

    ``mention`` is the organisation as the text names it after list repair
    (``工信委`` from ``市科技局、工信委`` becomes ``市工信委``); ``evidence`` is the
    clause the role was read from and ``line`` its 1-based line in the source text;
    ``page`` (PDF) and ``table``/``row``/``column`` (a table cell) as in
    :class:`SourceSpan`.
    """

    org: Org
    mention: str
    role: Role
    evidence: str
    line: int
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Deadline:
    """A due date with the phrase it was read from.

    ``date`` is ISO ``YYYY-MM-DD`` or ``None`` (open-ended or recurring);
    ``final`` marks the last milestone of a task that has several.
    """

    date: str | None
    raw: str
    kind: DeadlineKind = "date"
    final: bool = True


@dataclass
class Task:
    """One unit of assigned work."""

    id: str
    seq: int
    text: str
    section: str
    source: SourceSpan
    assignments: list[Assignment] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    layout: str = ""  # the layout reader that read it (extract.layouts), e.g. "table"


@dataclass
class Document:
    """One government document (a notice and the plan attached to it)."""

    id: str
    number: str | None
    title: str
    issuer: str | None
    date: str | None
    year: int | None
    source: SourceSpan
    content_hash: str
    plan_title: str | None = None
    conventions: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    # The place its relative names (市财政局) belong to, and the issuer as an org
    # resolved like every mention, so the issuer and its mentions are one node.
    jurisdiction: str | None = None
    issuer_org: Org | None = None
    # extract.version.fingerprint(): which extractor and vocabulary produced it
    extractor: str = ""
    # Items that look like assignments but that no layout could read (never silent).
    unread: list[UnreadItem] = field(default_factory=list)


@dataclass(frozen=True)
class UnreadItem:
    """Text that looks like an assignment (role words, org names, a numbered item of
    work) but that no layout reader turned into a task with owners.

    ``code`` is the warning code saying why it was reported (see ``errors.Warnings``).
    """

    line_start: int
    line_end: int
    text: str
    code: str


@dataclass(frozen=True)
class ExtractionWarning:
    """Something the extractor read but could not fully parse."""

    file: str
    line: int
    code: str
    message: str


@dataclass(frozen=True)
class FileError:
    """A file that could not be read at all (it is skipped; others go on).

    ``code`` is the error's code: E101–E106 and the readers' codes for an unreadable or
    unsupported file, E107 when the extractor itself failed on a readable file (a bug).
    """

    file: str
    message: str
    code: str = ""


@dataclass
class ExtractionResult:
    """Everything one extraction run produced."""

    documents: list[Document] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    @property
    def tasks(self) -> list[Task]:
        return [t for d in self.documents for t in d.tasks]
