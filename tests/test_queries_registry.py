"""The audit registry and CLI without a server: headers, parameters, errors, output."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from errors import ZerenError
from queries import get_audit, list_audits
from queries.cli import _width, format_result, main, parse_param_args
from queries.registry import AuditResult, convert_params, parse_audit_file, run_audit

# The audits the issue asks for (numbers as in the issue) plus the two analytics.
EXPECTED = {
    "workload_by_org",  # 1
    "tasks_without_lead",  # 2
    "tasks_without_owner",  # 2
    "collective_only_tasks",  # 3
    "tasks_many_leads",  # 4
    "deadlines_in_window",  # 5
    "tasks_due_by",  # 5
    "open_commitments",  # 5
    "org_profile",  # 6
    "co_responsibility_pairs",  # 7
    "district_burden",  # 8
    "document_summary",  # 9
    "org_aliases",  # 10
    "central_orgs",
    "org_communities",
    "ledger",  # the 督查台账 (queries/ledger.py writes it as Excel)
}


def test_registry_lists_every_audit_with_metadata() -> None:
    audits = list_audits()
    assert {a.name for a in audits} == EXPECTED
    assert [a.name for a in audits] == sorted(a.name for a in audits)
    for audit in audits:
        assert audit.title_zh and audit.title_en and audit.title_zh != audit.title_en
        assert audit.answers and audit.columns
        # Asked in the analysts' words: a Chinese question for the app.
        assert re.search(r"[\u4e00-\u9fff]", audit.question), audit.name
        assert audit.kind in ("cypher", "analytics")
        assert (audit.cypher is not None) == (audit.kind == "cypher")
        # Every example names only declared parameters (so README commands work).
        for part in audit.example.split():
            if "=" in part:
                audit.param(part.split("=", 1)[0])
    assert get_audit("central_orgs").kind == "analytics"


def test_cypher_bodies_take_user_input_only_as_parameters() -> None:
    # No Python formatting placeholders and no quoting of a parameter into text.
    for audit in list_audits():
        if audit.cypher is None:
            continue
        for p in audit.params:
            assert f"${p.name}" in audit.cypher
            assert f"'${p.name}'" not in audit.cypher and f'"${p.name}"' not in audit.cypher


def test_unknown_audit() -> None:
    with pytest.raises(ZerenError, match=r"unknown audit 'workload'.*workload_by_org"):
        get_audit("workload")


def test_parameter_conversion() -> None:
    audit = get_audit("workload_by_org")
    got = convert_params(
        audit, {"year": "2017", "doc": " 郑政办〔2017〕53 号 ", "group_by": "YEAR"}
    )
    assert got == {
        "doc": "郑政办〔2017〕53号",  # the gazette's stray spaces removed
        "year": 2017,
        "kind": None,
        "group_by": "year",
        "limit": 200,
    }
    assert convert_params(audit, {"year": "null"})["year"] is None
    due = get_audit("tasks_due_by")
    assert convert_params(due, {})["as_of"] == "2017-12-31"
    assert convert_params(due, {"final_only": "no"})["final_only"] is False
    import datetime as dt

    assert convert_params(due, {"as_of": dt.date(2018, 1, 2)})["as_of"] == "2018-01-02"
    assert convert_params(get_audit("org_communities"), {"resolution": "1.5"})["resolution"] == 1.5


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("workload_by_org", {"yaer": "2017"}, r"unknown parameter 'yaer'; it takes: doc, year"),
        ("workload_by_org", {"year": "MMXVII"}, r"year \(int\?\) cannot take 'MMXVII'"),
        ("workload_by_org", {"group_by": "month"}, r"choose one of: none, document, year"),
        ("tasks_due_by", {"as_of": "2017/12/31"}, r"YYYY-MM-DD"),
        ("tasks_due_by", {"as_of": "2017-02-30"}, r"as_of \(date\)"),
        ("tasks_due_by", {"as_of": None}, r"cannot be null"),
        ("tasks_due_by", {"final_only": "maybe"}, r"true or false"),
        ("tasks_many_leads", {"min_leads": True}, r"whole number"),
        ("org_profile", {}, r"parameter name \(str\) is required"),
        ("org_profile", {"name": "  "}, r"empty text"),
    ],
)
def test_bad_parameters(name: str, params: dict[str, object], message: str) -> None:
    with pytest.raises(ZerenError, match=message):
        convert_params(get_audit(name), params)


def test_parameters_are_checked_before_the_server_is_touched() -> None:
    class Unreachable:
        def read(self, *args: object, **kwargs: object) -> list[dict[str, object]]:
            raise AssertionError("must not be called")

    with pytest.raises(ZerenError, match="unknown parameter"):
        run_audit(Unreachable(), "org_profile", {"nme": "市工商局"})
    with pytest.raises(ZerenError, match="cannot run audits on a int"):
        run_audit(42, "org_profile", {"name": "x"})


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.cypher"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "// @title: 测试 | Test\n// @answers: a test.\n// @columns: n\n"


def test_parse_audit_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "probe",
        HEADER
        + "// @param k: choice(a|b) = b -- which\n"
        + "// @param n: int? -- optional, no default means required\n"
        + "// a free comment\n\n"
        + "RETURN $n AS n, $k AS k // not '$other'\n",
    )
    audit = parse_audit_file(path)
    assert [(p.name, p.type_label, p.required, p.default) for p in audit.params] == [
        ("k", "choice(a|b)", False, "b"),
        ("n", "int?", True, None),
    ]
    assert audit.cypher is not None and audit.cypher.startswith("RETURN")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("// @answers: x\n// @columns: n\nRETURN 1 AS n\n", "missing @title"),
        (HEADER + "RETURN $n AS n\n", r"body uses \['n'\] undeclared"),
        (HEADER + "// @param n: int = 1\nRETURN 1 AS n\n", r"declares \['n'\] unused"),
        (HEADER + "// @param n: integer = 1\nRETURN $n AS n\n", "unknown type 'integer'"),
        (HEADER + "// @param n: int = one\nRETURN $n AS n\n", "bad default"),
        (HEADER + "// @param n int\nRETURN $n AS n\n", "cannot read @param"),
        (HEADER + "// @parm n: int = 1\nRETURN $n AS n\n", "unknown key @parm"),
        (HEADER, "no Cypher body"),
    ],
)
def test_bad_audit_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ZerenError, match=message):
        parse_audit_file(_write(tmp_path, "bad", text))


def test_parse_param_args() -> None:
    assert parse_param_args(["doc=郑政办〔2017〕88号", "x=a=b"]) == {
        "doc": "郑政办〔2017〕88号",
        "x": "a=b",
    }
    with pytest.raises(ZerenError, match="NAME=VALUE"):
        parse_param_args(["doc"])


RESULT = AuditResult(
    columns=["org", "n", "owners", "share"],
    rows=[
        {"org": "郑州市工商局", "n": 4, "owners": ["市工商局", "工商局"], "share": 15.4},
        {"org": "x" * 60, "n": None, "owners": [], "share": 0.5},
    ],
)


def test_format_json_is_a_list_of_row_objects() -> None:
    assert json.loads(format_result(RESULT, "json")) == RESULT.rows


def test_format_csv() -> None:
    rows = list(csv.reader(io.StringIO(format_result(RESULT, "csv"))))
    assert rows[0] == RESULT.columns
    assert rows[1] == ["郑州市工商局", "4", "市工商局、工商局", "15.4"]
    assert rows[2][1:] == ["", "", "0.5"]


def test_format_table_aligns_wide_characters() -> None:
    lines = format_result(RESULT, "table").splitlines()
    assert lines[0].split() == RESULT.columns
    # Column 2 starts at the same terminal column on every line: CJK counts double.
    header_pos = lines[0].index(" n ") + 1
    assert _width(lines[2][: lines[2].index("4")]) == header_pos
    assert "…" in lines[3]  # a 60-character cell is cut
    assert lines[-1] == "(2 rows)"


def test_cli_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == sorted(EXPECTED)
    assert main(["show", "org_profile"]) == 0
    shown = capsys.readouterr().out
    assert "name: str (required)" in shown and "MATCH (c:Org)" in shown
    assert "python -m queries run org_profile --param name=市工商局" in shown


def test_cli_user_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "no_such_audit"]) == 2
    assert "unknown audit 'no_such_audit'" in capsys.readouterr().err
    # Missing and malformed parameters are reported before any server is started.
    assert main(["run", "org_profile"]) == 2
    assert "--param name=" in capsys.readouterr().err
    assert main(["run", "org_profile", "--param", "name"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err


def test_every_layout_reader_has_a_chinese_label():
    from extract.layouts import LAYOUTS
    from queries.labels import LAYOUT_LABELS

    assert {layout.name for layout in LAYOUTS} == set(LAYOUT_LABELS)
