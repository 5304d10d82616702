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
from tests.fixtures.composed import Composed, Para, to_docx, to_pdf, to_portal_html, to_text
from tests.fixtures.printing import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
_IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not _IN_CI,
                                reason="chromium is not installed (it prints the PDF)")


def _notice(issuer: str, title: str, number: str, salutation: str, task: str,
            lead: str, responsible: str, due: str) -> Composed:
    """A short notice stating one task with role field lines."""
    return Composed(title, [
        Para(issuer, "center"), Para(title, "title"), Para(number, "center"),
        Para(salutation, "flush"),
        Para("现将有关事项通知如下，请认真抓好落实。"),
        Para("重点工作", "outline0", "一、"),
        Para(task, "outline1", "（一）"),
        Para(f"牵头单位：{lead}", "flush"), Para(f"责任单位：{responsible}", "flush"),
        Para(f"完成时限：{due}", "flush"),
    ], [], [Para(issuer, "right")], site=issuer)


# One document per format, from four governments: (writer, document, the lead).
DOCUMENTS = {
    "qinghe.docx": (to_docx, _notice(
        "青河市人民政府办公室", "关于做好2023年企业开办便利化工作的通知", "青政办〔2023〕7号",
        "各区县人民政府，市政府各部门：", "推行企业开办“一网通办”，实现全程网上办理。",
        "市市场监管局", "市行政审批局、市大数据局", "2023年6月底前"), "市市场监管局"),
    "nanxi.pdf": (to_pdf, _notice(
        "南溪县人民政府办公室", "关于加快推进农村饮水安全巩固提升工程的通知",
        "南府办发〔2022〕21号", "各乡镇人民政府，县级各部门：",
        "完成农村集中供水工程改造，提高农村自来水普及率。", "县水利局", "县财政局、各乡镇人民政府",
        "2022年10月底前"), "县水利局"),
    "dongshan.html": (to_portal_html, _notice(
        "东山区人民政府办公室", "关于开展老旧小区改造提升工作的通知", "东政办〔2021〕12号",
        "各街道办事处，区政府各部门：", "完成老旧小区改造项目，同步完善养老托育等配套设施。",
        "区住建局", "区财政局、各街道办事处", "2021年11月底前"), "区住建局"),
    "beiling.txt": (None, _notice(
        "北岭市人民政府", "关于印发北岭市2024年重点民生实事的通知", "北政发〔2024〕3号",
        "各县（市、区）人民政府，市政府各部门：", "新建改扩建城区公办幼儿园，新增学位三千个。",
        "市教育局", "市自然资源局、市财政局", "2024年8月底前"), "市教育局"),
}


def _write(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (writer, doc, _lead) in DOCUMENTS.items():
        path = folder / name
        if writer is None:
            path.write_text(to_text(doc), encoding="utf-8")
        else:
            writer(doc, path)
        out[name] = path
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("formats") / "inbox"
    _write(path)
    (path / "broken.pdf").write_bytes(b"%PDF-1.7\n% cut short by a failed download\n")
    return path


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env or dict(os.environ),
                          capture_output=True, text=True, timeout=300)


def test_extract_cli_reads_all_four(folder: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "台账.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    out = tmp_path / "tasks.jsonl"
    done = _run("-m", "extract", *(str(folder / n) for n in DOCUMENTS), str(folder / "broken.pdf"),
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
