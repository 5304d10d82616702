"""Text -> documents -> tasks: the extractor's public entry points.

>>> result = extract_text(open("gazette.txt").read(), file="gazette.txt")  # doctest: +SKIP
>>> result.documents[0].tasks[0].assignments[0].role                        # doctest: +SKIP
'lead'
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from errors import Errors, Warnings, ZerenError
from extract.blocks import SourceText
from extract.deadlines import parse_deadlines
from extract.districts import district_of_org, districts_in_text
from extract.documents import DocumentBlock, split_documents
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
from extract.org_names import jurisdiction_of, resolve_org
from extract.readers import collect_files, read_source
from extract.readers.text import source_from_text
from extract.roles import detect_conventions
from extract.tasks import RawTask, segment_tasks
from extract.version import fingerprint

__all__ = ["extract_paths", "extract_source", "extract_text"]

_WARNING_TEXT = {"W101": Warnings.W101, "W102": Warnings.W102}


def _doc_id(block: DocumentBlock, file: str) -> str:
    if block.number:
        return block.number
    digest = hashlib.sha1(f"{file}|{block.title}|{block.first_line}".encode()).hexdigest()
    return f"doc-{digest[:12]}"


def _deadlines(raw: RawTask, year: int | None) -> list[Deadline]:
    found: list[Deadline] = []
    for value in raw.deadline_fields:
        found.extend(parse_deadlines(value, year, field=True))
    if not found:
        found = parse_deadlines(raw.text, year)
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


def _build_task(raw: RawTask, seq: int, doc: Document, jurisdiction: str | None,
                known_districts: list[str], seen: Counter[str]) -> Task:
    key = f"{doc.id}|{raw.text}"
    seen[key] += 1
    task_id = hashlib.sha1(f"{key}|{seen[key]}".encode()).hexdigest()[:16]
    assignments: list[Assignment] = []
    for owner in raw.owners:
        org = resolve_org(owner.mention, jurisdiction)
        if any(a.org.name == org.name and a.role == owner.role for a in assignments):
            continue
        assignments.append(Assignment(org, owner.mention, owner.role, owner.evidence,
                                      owner.line))
    districts: list[str] = []
    for a in assignments:
        place = a.org.district or district_of_org(a.org.name)
        if place and place not in districts:
            districts.append(place)
    for place in districts_in_text(raw.text, known_districts):
        if place not in districts:
            districts.append(place)
    return Task(
        id=task_id,
        seq=seq,
        text=raw.text,
        section=raw.section,
        source=SourceSpan(doc.source.file, raw.line_start, raw.line_end),
        assignments=assignments,
        deadlines=_deadlines(raw, doc.year),
        districts=districts,
    )


def _build_document(block: DocumentBlock, file: str, raw_lines: list[str],
                    warnings: list[ExtractionWarning]) -> Document:
    first, last = block.first_line, block.last_line
    content = "\n".join(raw_lines[first - 1 : last])
    body_text = "\n".join(line.text for line in block.body)
    doc = Document(
        id=_doc_id(block, file),
        number=block.number,
        title=block.title,
        issuer=block.issuer,
        date=block.date,
        year=block.year,
        source=SourceSpan(file, first, last),
        content_hash=hashlib.sha256(content.encode()).hexdigest(),
        plan_title=block.plan_title,
        conventions=detect_conventions(body_text),
        extractor=fingerprint(),
    )
    jurisdiction = jurisdiction_of(block.issuer)
    doc.jurisdiction = jurisdiction
    if block.issuer:
        doc.issuer_org = resolve_org(block.issuer, jurisdiction)
    raws, seg_warnings = segment_tasks(block.body, doc.conventions)
    for w in seg_warnings:
        message = _WARNING_TEXT.get(w.code, "{text!r}").format(text=w.text)
        warnings.append(ExtractionWarning(file, w.line, w.code, message))
    # Districts named by any owner in the document help find them in task text.
    known: list[str] = []
    seen: Counter[str] = Counter()
    for seq, raw in enumerate(raws, start=1):
        task = _build_task(raw, seq, doc, jurisdiction, known, seen)
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
    result = ExtractionResult()
    ids: Counter[str] = Counter()
    for block in split_documents(source.blocks):
        doc = _build_document(block, source.file, source.lines, result.warnings)
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
