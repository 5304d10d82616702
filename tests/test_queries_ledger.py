"""The 督查台账 ledger: the audit's rows, the Excel file (read back with openpyxl), the CSV
and the command line, on the bundled corpus in the real test server."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from errors import ZerenError
from queries import run_audit
from queries.cli import main
from queries.ledger import COLUMNS, build_ledger, to_csv, write_xlsx

DOC_88 = "郑政办〔2017〕88号"
DOC_24 = "郑政〔2017〕24号"


def _tasks(store, doc: str) -> list[dict]:
    return store.read(
        "MATCH (:Document {id: $d})-[:HAS_TASK]->(t:Task) "
        "RETURN t.id AS id, t.text AS text ORDER BY t.line_start, t.seq",
        {"d": doc},
    )


def test_ledger_rows_follow_the_document(loaded_store) -> None:
    sheets = build_ledger(loaded_store, docs=[DOC_88])
    assert len(sheets) == 1 and sheets[0].doc == DOC_88
    rows = sheets[0].rows
    assert [r.task_id for r in rows] == [t["id"] for t in _tasks(loaded_store, DOC_88)]
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    first = rows[0]
    assert "多证合一" in first.text and first.lead == ("郑州市工商局",)
    assert first.deadlines == ("2017年10月底前",)
    assert first.source == "000_21dbe221950a7587.txt 第 3089–3095 行"


def test_ledger_xlsx_reads_back(loaded_store, tmp_path: Path) -> None:
    sheets = build_ledger(loaded_store, docs=[DOC_88, DOC_24])
    path = tmp_path / "ledger.xlsx"
    write_xlsx(sheets, path)
    wb = load_workbook(path)
    assert wb.sheetnames == [DOC_88, DOC_24]
    for name in wb.sheetnames:
        ws = wb[name]
        assert [c.value for c in ws[2]] == [h for h, _ in COLUMNS]
        assert ws.freeze_panes == "A3"
        assert ws.column_dimensions["B"].width == 60
        assert ws["B3"].alignment.wrap_text
        texts = [row[1] for row in ws.iter_rows(min_row=3, values_only=True)]
        assert texts == [t["text"] for t in _tasks(loaded_store, name)]
        assert all(row[7] is None and row[8] is None
                   for row in ws.iter_rows(min_row=3, values_only=True))


def test_ledger_filters_and_csv(loaded_store) -> None:
    by_org = build_ledger(loaded_store, org="郑州市工商局")
    assert by_org and all("郑州市工商局" in (*r.lead, *r.responsible, *r.assist)
                          for s in by_org for r in s.rows)
    expected = run_audit(loaded_store, "org_profile", {"name": "郑州市工商局"})
    assert sum(len(s.rows) for s in by_org) == len({r["task_id"] for r in expected.rows})
    window = build_ledger(loaded_store, docs=[DOC_88], from_date="2017-10-01",
                          to_date="2017-10-31")
    assert window and len(window[0].rows) < len(_tasks(loaded_store, DOC_88))
    data = to_csv(window)
    assert data.startswith("\ufeff".encode()) and "序号" in data.decode("utf-8-sig")
    with pytest.raises(ZerenError) as err:
        build_ledger(loaded_store)
    assert err.value.code == "E340"


def test_ledger_command_line(bolt_server, loaded_store, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("NEO4J_URI", bolt_server.uri)
    monkeypatch.setenv("NEO4J_USERNAME", bolt_server.username)
    monkeypatch.setenv("NEO4J_PASSWORD", bolt_server.password or "")
    monkeypatch.setenv("NEO4J_DATABASE", bolt_server.database or "")
    out = tmp_path / "ledger.xlsx"
    assert main(["ledger", "--doc", DOC_88, "-o", str(out)]) == 0
    n = len(_tasks(loaded_store, DOC_88))
    assert f"1 document(s), {n} task(s)" in capsys.readouterr().out
    assert load_workbook(out)[DOC_88].max_row == n + 2
    assert main(["ledger", "--doc", DOC_88, "-o", str(tmp_path / "x.pdf")]) == 2
    assert "E342" not in capsys.readouterr().err  # the message, not the code, is shown
    csv_out = tmp_path / "due.csv"
    assert main(["run", "tasks_due_by", "--format", "csv", "-o", str(csv_out)]) == 0
    assert csv_out.read_bytes().startswith("\ufeff".encode())
