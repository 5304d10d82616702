"""Text -> documents -> tasks: the extractor's public entry points.

>>> result = extract_text(open("gazette.txt").read(), file="gazette.txt")  # doctest: +SKIP
>>> result.documents[0].tasks[0].assignments[0].role                        # doctest: +SKIP
'lead'
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from collector import calm_collector
from errors import Errors, Warnings, ZerenError
from extract.blocks import Block, LogicalLine, SourceText, TableRow
from extract.conventions import (
    LEAD_IF_NO_LEAD,
    RESPONSIBLE_IS_MAIN,
    Conventions,
    find_declarations,
)
from extract.deadlines import parse_deadlines
from extract.districts import district_of_org, districts_in_text
from extract.documents import DocumentBlock, split_documents
from extract.layouts import Context, RawOwner, RawTask, read_units
from extract.models import (
    Assignment,
    Deadline,
    Document,
    ExtractionResult,
    ExtractionWarning,
    FileError,
    SourceSpan,
    Task,
)
from extract.org_names import document_jurisdiction, is_unplaced, resolve_org, split_org_list
from extract.readers import collect_files, read_source
from extract.readers.text import source_from_text
from extract.units import build_units
from extract.version import fingerprint
from extract.vocabulary import plan_kind

__all__ = ["extract_paths", "extract_source", "extract_text"]



def _doc_id(block: DocumentBlock, file: str) -> str:
    if block.number:
        return block.number
    digest = hashlib.sha1(f"{file}|{block.title}|{block.first_line}".encode()).hexdigest()
    return f"doc-{digest[:12]}"


def _deadlines(raw: RawTask, year: int | None) -> list[Deadline]:
    found: list[Deadline] = []
    for value in raw.deadline_fields:
        found.extend(parse_deadlines(value, year, field=True))
    # The text's own dates count too, unless its time field already states them
    # (全年引进项目5个 beside a 完成时限 cell of 2024年12月底前 is one deadline).
    stated = {(d.date, d.kind) for d in found if d.date}
    found.extend(d for d in parse_deadlines(raw.text, year)
                 if not (d.date and (d.date, d.kind) in stated))
    if not found:
        return []
    # "…年底前建成…；…年底前建成…" states one deadline twice, not two milestones.
    unique: dict[tuple[str | None, str, str], Deadline] = {}
    for d in found:
        unique.setdefault((d.date, d.raw, d.kind), d)
    found = list(unique.values())
    # Exactly one final milestone: the latest date (ties: the later phrase), else
    # the last phrase. Field and prose phrases are merged, so re-mark here.
    dated = [i for i, d in enumerate(found) if d.date]
    last = max(dated, key=lambda i: (found[i].date, i)) if dated else len(found) - 1
    return [Deadline(d.date, d.raw, d.kind, i == last) for i, d in enumerate(found)]


def _apply_task_conventions(raw: RawTask, conventions: Conventions) -> list[RawOwner]:
    """Owners after the task-level conventions: a default party, and responsible units
    that lead when no lead is named (``lead_if_no_lead``, ``responsible_is_main``)."""
    owners = list(raw.owners)
    for party in conventions.parties_at(raw.line_start):
        for mention in split_org_list(party.party):
            if all(o.mention != mention for o in owners):
                owners.append(RawOwner(mention, "responsible", party.party, party.line))
    names = conventions.at(raw.line_end)
    if (LEAD_IF_NO_LEAD in names or RESPONSIBLE_IS_MAIN in names) and not any(
            o.role == "lead" for o in owners):
        owners = [replace(o, role="lead") if o.role == "responsible" else o for o in owners]
    return owners


def _build_task(raw: RawTask, seq: int, doc: Document, jurisdiction: str, source: SourceText,
                conventions: Conventions, known_districts: list[str], seen: Counter[str]
                ) -> Task:
    key = f"{doc.id}|{raw.text}"
    seen[key] += 1
    task_id = hashlib.sha1(f"{key}|{seen[key]}".encode()).hexdigest()[:16]
    assignments: list[Assignment] = []
    for owner in _apply_task_conventions(raw, conventions):
        org = resolve_org(owner.mention, jurisdiction)
        if any(a.org.name == org.name and a.role == owner.role for a in assignments):
            continue
        assignments.append(Assignment(org, owner.mention, owner.role, owner.evidence,
                                      owner.line, source.page_of(owner.line), owner.table,
                                      owner.row, owner.column))
    districts: list[str] = []
    for a in assignments:
        place = a.org.district or district_of_org(a.org.name, jurisdiction)
        if place and place not in districts:
            districts.append(place)
    for place in districts_in_text(raw.text, known_districts,
                                   within=None if is_unplaced(jurisdiction) else jurisdiction):
        if place not in districts:
            districts.append(place)
    return Task(
        id=task_id,
        seq=seq,
        text=raw.text,
        section=raw.section,
        source=SourceSpan(doc.source.file, raw.line_start, raw.line_end,
                          source.page_of(raw.line_start), raw.table, raw.row, raw.column),
        assignments=assignments,
        deadlines=_deadlines(raw, doc.year),
        districts=districts,
        layout=raw.layout,
    )


def _declarations(blocks: list[Block]) -> Conventions:
    """Every convention the document declares, with the line it is declared on."""
    conventions = Conventions()
    for block in blocks:
        if isinstance(block, TableRow):
            for cell in block.cells:
                conventions.declare(find_declarations(cell.text, cell.start))
        else:
            conventions.declare(find_declarations(block.text, block.start))
    return conventions


def _warn(warnings: list[ExtractionWarning], file: str, line: int, code: str, text: str
          ) -> None:
    template = getattr(Warnings, code, None)
    message = template.format(text=text) if template is not None else repr(text)
    warnings.append(ExtractionWarning(file, line, code, message))


def _build_document(block: DocumentBlock, source: SourceText,
                    warnings: list[ExtractionWarning]) -> Document:
    first, last = block.first_line, block.last_line
    content = "\n".join(source.lines[first - 1 : last])
    conventions = _declarations([*block.header, *block.body])
    doc = Document(
        id=_doc_id(block, source.file),
        number=block.number,
        title=block.title,
        issuer=block.issuer,
        date=block.date,
        year=block.year,
        source=SourceSpan(source.file, first, last, source.page_of(first)),
        content_hash=hashlib.sha256(content.encode()).hexdigest(),
        plan_title=block.plan_title,
        conventions=conventions.names,
        extractor=fingerprint(),
    )
    # The place relative names belong to: from the issuer, else from the document's own
    # title, signature and owner lists; a document nothing places keeps its names apart.
    body_text = "\n".join(b.text for b in block.body[:400])
    jurisdiction = document_jurisdiction(block.issuer, f"{block.title}\n{body_text}", doc.id)
    doc.jurisdiction = None if is_unplaced(jurisdiction) else jurisdiction
    if block.issuer:
        doc.issuer_org = resolve_org(block.issuer, jurisdiction)
    # What kind of document: its title says, or for a document without a header (a
    # saved web page) its first lines.
    head = " ".join([block.title, block.plan_title or ""])
    kind = plan_kind(head)
    if kind is None and block.number is None:
        # Only when the title is silent: a 规划 in the first lines is as likely the
        # 自然资源和规划局 of an item as the kind of the document.
        kind = plan_kind(" ".join(b.text for b in block.body[:5] if isinstance(b, LogicalLine)))
    context = Context(conventions, work_plan=kind == "work_plan")
    raws, doc.unread = read_units(build_units(block.body), context)
    for w in context.warnings:
        _warn(warnings, source.file, w.line, w.code, w.text)
    for item in doc.unread:
        _warn(warnings, source.file, item.line_start, item.code, item.text)
    # Districts named by any owner in the document help find them in task text.
    known: list[str] = []
    seen: Counter[str] = Counter()
    for seq, raw in enumerate(raws, start=1):
        task = _build_task(raw, seq, doc, jurisdiction, source, conventions, known, seen)
        known.extend(d for d in task.districts if d not in known)
        doc.tasks.append(task)
    return doc


def extract_source(source: SourceText) -> ExtractionResult:
    """Extract documents and tasks from one read file.

    Parameters
    ----------
    source : SourceText
        What a reader made of the file (:func:`extract.readers.read_source`).

    Returns
    -------
    ExtractionResult
        Documents (each with its tasks) and warnings; ``errors`` stays empty.
    """
    with calm_collector():
        return _extract_source(source)


def _extract_source(source: SourceText) -> ExtractionResult:
    result = ExtractionResult()
    for line, code, text in source.warnings:
        _warn(result.warnings, source.file, line, code, text)
    ids: Counter[str] = Counter()
    for block in split_documents(source.blocks):
        doc = _build_document(block, source, result.warnings)
        ids[doc.id] += 1
        if ids[doc.id] > 1:
            # The same number twice (a reprint in another issue): keep both apart.
            doc.id = f"{doc.id}#{ids[doc.id]}"
        result.documents.append(doc)
    return result


def extract_text(text: str, file: str = "<text>") -> ExtractionResult:
    """Extract documents and tasks from one text.

    Parameters
    ----------
    text : str
        The whole text of one file (a gazette issue or a single document).
    file : str
        The name recorded as every record's source file.

    Returns
    -------
    ExtractionResult
        Documents (each with its tasks) and warnings; ``errors`` stays empty.
    """
    with calm_collector():
        return extract_source(source_from_text(text, file=file))


def extract_paths(paths: Iterable[str | Path]) -> ExtractionResult:
    """Extract every supported file under the given files and directories.

    One unreadable file is reported in ``errors`` and skipped; the others are
    still extracted.

    Parameters
    ----------
    paths : iterable of str or Path

    Returns
    -------
    ExtractionResult
    """
    files, problems = collect_files(paths)
    result = ExtractionResult(errors=[FileError(str(p), p, p.code) for p in problems])
    for path in files:
        try:
            source = read_source(path)
        except ZerenError as exc:
            result.errors.append(FileError(str(path), str(exc), exc.code or ""))
            continue
        try:
            one = extract_source(source)
        except Exception as exc:  # a bug must not cost the user the other files
            message = Errors.E107.format(file=path, error=f"{type(exc).__name__}: {exc}")
            result.errors.append(FileError(str(path), message, message.code))
            continue
        result.documents.extend(one.documents)
        result.warnings.extend(one.warnings)
    return result
