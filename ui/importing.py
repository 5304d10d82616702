"""The Import page's work: check and save uploads, extract them with :mod:`extract`, load.

Extraction happens before anything is written to the graph, so a file the extractor
cannot read is reported by the name the user gave it and skipped; its saved copy is
deleted (a rejected upload is not kept). Each document then loads in its own
transaction (:meth:`graph.Store.load_documents`), so one failure rolls back only itself.
The accepted file types are those the extractor reads (``extract.readers``).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from errors import Errors
from extract import extract_paths
from extract.readers import SUPPORTED_SUFFIXES
from graph import Store
from queries.labels import STATUS_LABELS

__all__ = [
    "MAX_MB",
    "ImportOutcome",
    "accepted_types",
    "import_paths",
    "import_uploads",
    "save_upload",
    "upload_dir",
]

MAX_MB = 20


def accepted_types() -> list[str]:
    """The suffixes the uploader accepts (without the dot), from the extractor's readers.

    Returns
    -------
    list[str]
    """
    return [s.lstrip(".") for s in SUPPORTED_SUFFIXES]


def upload_dir() -> Path:
    """Where uploads are kept so the Documents page can show their text later:
    ``$ZEREN_UPLOAD_DIR``, default ``<ZEREN_DATA_DIR or ~/.local/share/zeren-graph>/uploads``
    (created owner-only).

    Returns
    -------
    Path
    """
    base = os.environ.get("ZEREN_UPLOAD_DIR") or os.path.join(
        os.environ.get("ZEREN_DATA_DIR") or Path.home() / ".local/share/zeren-graph", "uploads"
    )
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def save_upload(name: str, data: bytes) -> Path:
    """Save one uploaded file under a safe name (content hash + its own name and suffix).

    Parameters
    ----------
    name:
        The name the browser sent (only its last part is used).
    data:
        The bytes.

    Returns
    -------
    Path
    """
    stem = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", Path(name).name)[:80] or "upload.txt"
    target = upload_dir() / f"{hashlib.sha1(data).hexdigest()[:10]}_{stem}"
    target.write_bytes(data)
    target.chmod(0o600)
    return target


@dataclass
class ImportOutcome:
    """What one import did (all values plain, for the page and for tests).

    Attributes
    ----------
    errors:
        User messages for files that were rejected (each names the user's file).
    rejected:
        The names (as the user gave them) of files that were not imported.
    documents:
        One row per extracted document: number, title, tasks, status (in Chinese).
    warnings:
        Extractor and loader warnings as rows.
    failed:
        (document id, reason) for documents that were rolled back.
    created, updated, unchanged:
        Document ids by outcome.
    """

    errors: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def import_uploads(
    store: Store,
    uploads: Iterable[tuple[str, bytes]],
    progress: Callable[[int, int, str, str], None] | None = None,
) -> ImportOutcome:
    """Check, save, extract and load uploaded files.

    Parameters
    ----------
    store:
        Where to load (a writer).
    uploads:
        ``(name as the user gave it, bytes)`` per file.
    progress:
        As for :func:`import_paths`.

    Returns
    -------
    ImportOutcome
        Files of an unsupported type or too large are rejected before they are saved;
        files the extractor cannot read are rejected and their saved copy deleted.
    """
    rejected: list[tuple[str, str]] = []
    saved: dict[Path, str] = {}
    for name, data in uploads:
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            rejected.append((name, Errors.E412.format(
                file=name, suffix=suffix or "（无后缀）", suffixes=" ".join(SUPPORTED_SUFFIXES))))
        elif len(data) > MAX_MB * 1024 * 1024:
            rejected.append((name, Errors.E411.format(file=name, mb=MAX_MB)))
        else:
            saved[save_upload(name, data)] = name
    out = import_paths(store, list(saved), progress, names=saved) if saved else ImportOutcome()
    for path in list(saved):
        if saved[path] in out.rejected:
            path.unlink(missing_ok=True)
    out.errors = [m for _, m in rejected] + out.errors
    out.rejected = [n for n, _ in rejected] + out.rejected
    if not saved and not out.documents:
        out.errors.append(Errors.E407)
    return out


def import_paths(
    store: Store,
    paths: Iterable[str | Path],
    progress: Callable[[int, int, str, str], None] | None = None,
    *,
    names: dict[Path, str] | None = None,
) -> ImportOutcome:
    """Extract files and load the documents into ``store``.

    Parameters
    ----------
    store:
        Where to load (a writer).
    paths:
        Files or folders (folders are searched for every supported type).
    progress:
        Called as ``progress(done, total, doc_id, status)`` after each document.
    names:
        The user's name for each saved path (messages use it, not the saved name).

    Returns
    -------
    ImportOutcome
        With ``errors`` = [E407] and nothing loaded when no document was found.
    """
    names = names or {}

    def shown(file: str) -> str:
        return names.get(Path(file), Path(file).name)

    result = extract_paths(list(paths))
    out = ImportOutcome()
    for e in result.errors:
        out.errors.append(Errors.E413.format(file=shown(e.file), reason=e.message))
        out.rejected.append(shown(e.file))
    out.warnings = [
        {"文件 file": shown(w.file), "行 line": w.line, "代码 code": w.code,
         "说明 message": w.message}
        for w in result.warnings
    ]
    if not result.documents:
        out.errors.append(Errors.E407)
        return out
    total = len(result.documents)
    done = [0]

    def step(doc_id: str, status: str) -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], total, doc_id, status)

    report = store.load_documents(result.documents, progress=step)
    out.created, out.updated, out.unchanged = report.created, report.updated, report.unchanged
    out.failed = list(report.failed)
    failed_ids = {d for d, _ in report.failed}
    for d in result.documents:
        status = (
            "failed" if d.id in failed_ids
            else "created" if d.id in report.created
            else "updated" if d.id in report.updated
            else "unchanged"
        )
        out.documents.append(
            {
                "文件 file": shown(d.source.file),
                "文号 number": d.number or "（无文号）",
                "标题 title": d.title,
                "任务 tasks": len(d.tasks),
                "状态 status": STATUS_LABELS[status],
            }
        )
    out.warnings += [
        {"文件 file": "", "行 line": None, "代码 code": "load", "说明 message": w}
        for w in report.warnings
    ]
    return out
