"""Command line: ``python -m queries list | show NAME | run NAME [--param k=v …] | ledger``.

``run`` opens the configured store (the local server by default, Neo4j when
``NEO4J_URI`` is set; see :func:`graph.store.open_store`) and prints the audit's
rows as an aligned table, CSV (UTF-8 with a BOM, so Excel reads the Chinese), or JSON
(a list of row objects). ``ledger --doc NUMBER -o ledger.xlsx`` writes the 督查台账
(:mod:`queries.ledger`).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from errors import Errors, ZerenError
from queries.registry import (
    Audit,
    AuditResult,
    explain_empty,
    get_audit,
    list_audits,
    run_audit,
)

__all__ = ["FORMATS", "format_result", "main", "parse_param_args"]

FORMATS: tuple[str, ...] = ("table", "csv", "json")
# Table cells wider than this (in terminal columns) are cut with an ellipsis;
# task texts run to hundreds of characters.
_MAX_CELL = 40


def parse_param_args(items: Sequence[str]) -> dict[str, str]:
    """Turn ``["k=v", …]`` into a dict (the value may itself contain ``=``).

    Parameters
    ----------
    items:
        The ``--param`` values as typed.

    Returns
    -------
    dict[str, str]; raises :class:`ZerenError` (E306) for an item without ``=``.
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ZerenError(Errors.E306.format(text=item))
        out[key.strip()] = value
    return out


def _cell(value: Any) -> str:
    """One value as text: lists joined with 、 (the Chinese list comma), None empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\n", " ")


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: CJK characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` terminal columns (with … when cut)."""
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_result(result: AuditResult, fmt: str) -> str:
    """Render an audit result.

    Parameters
    ----------
    result:
        The rows to print.
    fmt:
        ``table`` (aligned, long cells cut), ``csv`` (header row, lists joined with 、)
        or ``json`` (a list of row objects, full values).

    Returns
    -------
    The text, ending in a newline.
    """
    if fmt == "json":
        return json.dumps(result.rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow([_cell(row.get(c)) for c in result.columns])
        return buf.getvalue()
    if fmt != "table":
        raise ZerenError(Errors.E309.format(fmt=fmt, choices=", ".join(FORMATS)))
    cells = [[_fit(_cell(row.get(c)), _MAX_CELL) for c in result.columns] for row in result.rows]
    widths = [
        max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(result.columns)
    ]
    lines = [
        "  ".join(_pad(c, w) for c, w in zip(result.columns, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _describe(audit: Audit) -> str:
    """The long description ``show`` prints: title, question, parameters, example."""
    lines = [f"{audit.name} — {audit.title}", "", audit.answers, "", "parameters:"]
    if not audit.params:
        lines.append("  (none)")
    for p in audit.params:
        default = "required" if p.required else f"default {_cell(p.default) or 'null'}"
        lines.append(f"  {p.name}: {p.type_label} ({default})  {p.description}".rstrip())
    lines += ["", f"columns: {', '.join(audit.columns)}"]
    example = f"python -m queries run {audit.name} {audit.example}".rstrip()
    lines += [f"example: {example}", f"source:  {audit.source}"]
    if audit.cypher:
        lines += ["", audit.cypher]
    return "\n".join(lines) + "\n"


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m queries",
        description="Accountability audits over the responsibility graph.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="one audit a line: name, kind, title")
    show = sub.add_parser("show", help="an audit's question, parameters and Cypher")
    show.add_argument("name")
    run = sub.add_parser("run", help="run one audit against the configured store")
    run.add_argument("name")
    run.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter value (repeatable)",
    )
    run.add_argument("--format", "-f", default="table", choices=FORMATS)
    run.add_argument("--output", "-o", default=None, metavar="FILE",
                     help="write to FILE instead of stdout (CSV files get a UTF-8 BOM for Excel)")
    run.add_argument(
        "--timeout", type=float, default=None, help="seconds before the server gives up"
    )
    led = sub.add_parser("ledger", help="督查台账: a document's tasks as an Excel ledger")
    led.add_argument("--doc", action="append", default=[], metavar="NUMBER",
                     help="a document number or id (repeatable: one sheet each)")
    led.add_argument("--org", default=None, help="only tasks this organisation is on")
    led.add_argument("--from", dest="from_date", default=None, metavar="YYYY-MM-DD",
                     help="only tasks due on or after this day")
    led.add_argument("--to", dest="to_date", default=None, metavar="YYYY-MM-DD",
                     help="only tasks due on or before this day")
    led.add_argument("-o", "--output", required=True, help="ledger.xlsx or ledger.csv")
    return parser


def _ledger(args: argparse.Namespace) -> str:
    """Write the ledger file; returns the summary line for stdout."""
    from pathlib import Path

    from queries.ledger import build_ledger, to_csv, write_xlsx
    from queries.registry import convert_params

    out = Path(args.output)
    if out.suffix.lower() not in (".xlsx", ".csv"):
        raise ZerenError(Errors.E342.format(path=str(out)))
    if not args.doc and not args.org:
        raise ZerenError(Errors.E340)
    for doc in args.doc or [None]:  # check the values before starting a server
        convert_params(get_audit("ledger"), {k: v for k, v in {
            "doc": doc, "org": args.org, "from_date": args.from_date, "to_date": args.to_date
        }.items() if v})
    from graph.store import open_store

    with open_store(access="read") as store:
        sheets = build_ledger(store, docs=args.doc, org=args.org, from_date=args.from_date,
                              to_date=args.to_date)
        if not sheets:
            for doc in args.doc or [None]:
                for note in explain_empty(store, "ledger", {"doc": doc, "org": args.org}):
                    print(f"note: {note}", file=sys.stderr)
    if not sheets:
        what = ", ".join(filter(None, [*args.doc, args.org]))
        raise ZerenError(Errors.E343.format(what=what))
    try:
        if out.suffix.lower() == ".csv":
            out.write_bytes(to_csv(sheets))
        else:
            write_xlsx(sheets, out)
    except OSError as exc:
        raise ZerenError(Errors.E341.format(path=str(out), reason=exc.strerror or exc)) from None
    tasks = sum(len(s.rows) for s in sheets)
    return f"wrote {out}: {len(sheets)} document(s), {tasks} task(s)\n"


def _run(name: str, params: dict[str, str], fmt: str, timeout: float | None) -> str:
    """Validate first (no server start for a typo), then open the store and run."""
    from queries.registry import convert_params

    convert_params(get_audit(name), params)
    from graph.store import open_store  # imported late: list/show must work without it

    with open_store(access="read") as store:  # audits only read
        result = run_audit(store, name, params, timeout=timeout)
        if not result.rows:
            for note in explain_empty(store, name, params):
                print(f"note: {note}", file=sys.stderr)
    return format_result(result, fmt)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m queries``.

    Parameters
    ----------
    argv:
        Arguments without the program name (default ``sys.argv[1:]``).

    Returns
    -------
    Exit status: 0 on success, 2 on a user error (message on stderr).
    """
    args = _build_parser().parse_args(argv)
    try:
        if args.command == "list":
            for audit in list_audits():
                sys.stdout.write(f"{audit.name:<26} {audit.kind:<9} {audit.title}\n")
        elif args.command == "show":
            sys.stdout.write(_describe(get_audit(args.name)))
        elif args.command == "ledger":
            sys.stdout.write(_ledger(args))
        else:
            params = parse_param_args(args.param)
            text = _run(args.name, params, args.format, args.timeout)
            if args.output:
                from pathlib import Path

                # Excel reads a CSV as the local code page unless it starts with a BOM.
                encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
                Path(args.output).write_text(text, encoding=encoding)
            else:
                sys.stdout.write(text)
    except ZerenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
