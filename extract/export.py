"""The export contract: one JSON object (or CSV row) per task.

Users pipe this into spreadsheets and other tools read it, so its field names are a
promise; ``task_record.schema.json`` beside this file states it formally.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extract.models import Document, Task

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA_PATH",
    "iter_records",
    "task_record",
    "write_csv",
    "write_jsonl",
]

SCHEMA_PATH = Path(__file__).with_name("task_record.schema.json")

CSV_COLUMNS = [
    "task_id", "doc_id", "doc_number", "doc_title", "doc_date", "doc_issuer", "seq",
    "section", "text", "leads", "responsible", "assists", "deadline", "deadlines",
    "districts", "layout", "source_file", "line_start", "line_end", "page", "table", "row",
]


def task_record(doc: Document, task: Task) -> dict[str, Any]:
    """The contract's JSON object for one task.

    Parameters
    ----------
    doc : Document
    task : Task
        A task of ``doc``.

    Returns
    -------
    dict
        JSON-serialisable; see ``task_record.schema.json``.
    """
    return {
        "task_id": task.id,
        "doc_id": doc.id,
        "doc_number": doc.number,
        "doc_title": doc.title,
        "doc_date": doc.date,
        "doc_issuer": doc.issuer,
        "seq": task.seq,
        "text": task.text,
        "section": task.section,
        "assignments": [
            {
                "org": a.org.name,
                "mention": a.mention,
                "role": a.role,
                "kind": a.org.kind,
                "level": a.org.level,
                "known": a.org.known,
                "evidence": a.evidence,
                "line": a.line,
                "page": a.page,
                "table": a.table,
                "row": a.row,
                "column": a.column,
            }
            for a in task.assignments
        ],
        "deadlines": [
            {"date": d.date, "raw": d.raw, "kind": d.kind, "final": d.final}
            for d in task.deadlines
        ],
        "districts": list(task.districts),
        "keywords": list(task.keywords),
        "layout": task.layout,
        "source": {
            "file": task.source.file,
            "line_start": task.source.line_start,
            "line_end": task.source.line_end,
            "page": task.source.page,
            "table": task.source.table,
            "row": task.source.row,
            "column": task.source.column,
        },
    }


def iter_records(documents: Iterable[Document]) -> Iterator[dict[str, Any]]:
    for doc in documents:
        for task in doc.tasks:
            yield task_record(doc, task)


def write_jsonl(documents: Iterable[Document], out: io.TextIOBase) -> int:
    """Write one JSON object per line; returns the number of records."""
    n = 0
    for record in iter_records(documents):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def _names(record: dict[str, Any], role: str) -> str:
    return "；".join(a["org"] for a in record["assignments"] if a["role"] == role)


def write_csv(documents: Iterable[Document], out: io.TextIOBase) -> int:
    """Write a flat CSV (owners joined with ``；``); returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for r in iter_records(documents):
        final = next((d for d in r["deadlines"] if d["final"]), None)
        writer.writerow({
            "task_id": r["task_id"], "doc_id": r["doc_id"], "doc_number": r["doc_number"],
            "doc_title": r["doc_title"], "doc_date": r["doc_date"],
            "doc_issuer": r["doc_issuer"], "seq": r["seq"], "section": r["section"],
            "text": r["text"], "leads": _names(r, "lead"),
            "responsible": _names(r, "responsible"), "assists": _names(r, "assist"),
            "deadline": (final["date"] or final["raw"]) if final else "",
            "deadlines": "；".join(d["raw"] for d in r["deadlines"]),
            "districts": "；".join(r["districts"]),
            "layout": r["layout"],
            "source_file": r["source"]["file"], "line_start": r["source"]["line_start"],
            "line_end": r["source"]["line_end"], "page": r["source"]["page"],
            "table": r["source"]["table"], "row": r["source"]["row"],
        })
        n += 1
    return n
