"""``python -m extract`` and ``python -m graph load`` read Word, PDF, web pages and
text side by side; one unreadable or unsupported file gets one error naming it and
the other files are still read and loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.neo4j_store import Store
from tests.fixtures.composed import NOTICES as DOCUMENTS
from tests.fixtures.composed import write_notices as _write
from tests.fixtures.printing import needs_chromium

ROOT = Path(__file__).resolve().parent.parent
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("formats") / "inbox"
    _write(path)
    (path / "broken.pdf").write_bytes(b"%PDF-1.7\n% cut short by a failed download\n")
    # folders are searched recursively
    (path / "2024").mkdir()
    (path / "beiling.txt").rename(path / "2024" / "beiling.txt")
    return path


def _file(folder: Path, name: str) -> Path:
    return next(folder.rglob(name))


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env or dict(os.environ),
                          capture_output=True, text=True, timeout=300)


def test_extract_cli_reads_all_four(folder: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "台账.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    out = tmp_path / "tasks.jsonl"
    done = _run("-m", "extract", *(str(_file(folder, n)) for n in DOCUMENTS),
                str(folder / "broken.pdf"),
                str(sheet), "-o", str(out))
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert "broken.pdf" in errors[0] and "台账.xlsx" in errors[1] and ".docx" in errors[1]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    leads = {(Path(r["source"]["file"]).name, a["mention"]) for r in records
             for a in r["assignments"] if a["role"] == "lead"}
    assert leads == {(name, lead) for name, (_w, _d, lead) in DOCUMENTS.items()}


def test_extract_cli_records_carry_the_pdf_page(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "tasks.jsonl"
    done = _run("-m", "extract", str(folder / "nanxi.pdf"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["source"]["page"] == 1 for r in records)


def test_graph_load_reads_a_folder_of_all_four(folder: Path, empty_store: Store,
                                                bolt_server) -> None:
    env = {**os.environ, "NEO4J_URI": bolt_server.uri,
           "NEO4J_USERNAME": bolt_server.username,
           "NEO4J_PASSWORD": bolt_server.password or "",
           "NEO4J_DATABASE": bolt_server.scratch_database or ""}
    done = _run("-m", "graph", "load", str(folder), "--no-progress", env=env)
    assert done.returncode == 1, done.stderr  # one file could not be read
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken.pdf" in errors[0]
    assert "documents: 4 new" in done.stdout
    rows = empty_store.read("MATCH (d:Document) RETURN d.source_file AS file, d.title AS title")
    assert {(Path(r["file"]).name, r["title"]) for r in rows} == {
        (name, doc.title) for name, (_w, doc, _l) in DOCUMENTS.items()}
