"""The Import page's work: save uploads, extract them with :mod:`extract`, load them.

Extraction happens before anything is written, so a file the extractor cannot read is
reported and skipped without touching the graph; each document then loads in its own
transaction (:meth:`graph.Store.load_documents`), so one failure rolls back only itself.
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
from graph import Store

__all__ = ["MAX_MB", "ImportOutcome", "import_paths", "save_upload", "upload_dir"]

MAX_MB = 20


def upload_dir() -> Path:
    """Where uploads are kept so the Documents page can show their text later:
    ``$ZEREN_UPLOAD_DIR``, default ``<ZEREN_DATA_DIR or ~/.local/share/zeren-graph>/uploads``.

    Returns
    -------
    Path
        The folder (created if missing).
    """
    base = os.environ.get("ZEREN_UPLOAD_DIR") or os.path.join(
        os.environ.get("ZEREN_DATA_DIR") or Path.home() / ".local/share/zeren-graph", "uploads"
    )
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(name: str, data: bytes) -> Path:
    """Save one uploaded file under a safe name (content hash + its own name, ``.txt``).

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
    stem = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", Path(name).name)[:80] or "upload"
    if not stem.lower().endswith(".txt"):
        stem += ".txt"
    target = upload_dir() / f"{hashlib.sha1(data).hexdigest()[:10]}_{stem}"
    target.write_bytes(data)
    return target


@dataclass
class ImportOutcome:
    """What one import did (all values plain, for the page and for tests).

    Attributes
    ----------
    errors:
        User messages (E406/E407) for files that were skipped.
    documents:
        One row per extracted document: number, title, tasks, status.
    warnings:
        Extractor and loader warnings as rows.
    failed:
        (document id, reason) for documents that were rolled back.
    created, updated, unchanged:
        Document ids by outcome.
    """

    errors: list[str] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def import_paths(
    store: Store,
    paths: Iterable[str | Path],
    progress: Callable[[int, int, str, str], None] | None = None,
) -> ImportOutcome:
    """Extract files and load the documents into ``store``.

    Parameters
    ----------
    store:
        Where to load.
    paths:
        Files or folders (folders are searched for ``*.txt``).
    progress:
        Called as ``progress(done, total, doc_id, status)`` after each document.

    Returns
    -------
    ImportOutcome
        With ``errors`` = [E407] and nothing loaded when no document was found.
    """
    result = extract_paths(list(paths))
    out = ImportOutcome(
        errors=[Errors.E406.format(file=Path(e.file).name, reason=e.message) for e in result.errors]
    )
    out.warnings = [
        {
            "文件 file": Path(w.file).name,
            "行 line": w.line,
            "代码 code": w.code,
            "说明 message": w.message,
        }
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
            "failed"
            if d.id in failed_ids
            else "created"
            if d.id in report.created
            else "updated"
            if d.id in report.updated
            else "unchanged"
        )
        out.documents.append(
            {
                "文号 number": d.number or d.id,
                "标题 title": d.title,
                "任务 tasks": len(d.tasks),
                "状态 status": status,
            }
        )
    out.warnings += [
        {"文件 file": "", "行 line": None, "代码 code": "load", "说明 message": w}
        for w in report.warnings
    ]
    return out
