"""``python -m extract PATH... -o tasks.jsonl [--format jsonl|csv]``.

Writes one record per task (see :mod:`extract.export`) and a summary to stderr.
Exit status: 0 when every file was read; 1 when a file could not be read or has an
unsupported type; 3 when the extractor itself failed on a file (a bug: E107). In both
cases the other files are still written.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from extract.export import write_csv, write_jsonl
from extract.models import Document, ExtractionWarning, FileError, Org
from extract.org_names import unknown_orgs
from extract.pipeline import extract_paths
from extract.readers import SUPPORTED_SUFFIXES

__all__ = ["EXIT_EXTRACTOR_FAILED", "EXIT_UNREADABLE", "exit_status", "main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m extract",
        description="Extract tasks, owners, deadlines and districts from government "
                    "task documents (directories are searched recursively for every "
                    f"supported type: {', '.join(SUPPORTED_SUFFIXES)}).",
    )
    p.add_argument("paths", nargs="+", help="files or directories")
    p.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    p.add_argument("--format", choices=("jsonl", "csv"), default=None,
                   help="output format (default: from the output's suffix, else jsonl)")
    p.add_argument("--keywords", action="store_true",
                   help="add jieba TF-IDF keyword tags to each task (slower)")
    p.add_argument("--quiet", action="store_true", help="no per-warning lines on stderr")
    p.add_argument("--warnings", metavar="FILE",
                   help="also write every warning (unread items included) to FILE: "
                        ".csv (with a BOM, for Excel) or JSON lines")
    p.add_argument("--unknown-orgs", action="store_true",
                   help="list the organisations the alias registry does not know (read by "
                        "their shape), as registry lines to add to "
                        "extract/data/org_aliases.tsv")
    return p


def _write_warnings(path: Path, warnings: list[ExtractionWarning]) -> None:
    rows = [{"file": w.file, "line": w.line, "code": w.code, "message": w.message}
            for w in warnings]
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=["file", "line", "code", "message"])
            writer.writeheader()
            writer.writerows(rows)
    else:
        with path.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _unknown_org_lines(documents: list[Document]) -> list[str]:
    """Registry lines (``org_aliases.tsv`` format) for the orgs recognised by their shape,
    each with a comment giving how often and where it was first seen."""
    first: dict[str, tuple[Org, list[str], str]] = {}
    for doc in documents:
        for task in doc.tasks:
            for a in task.assignments:
                if not a.org.known:
                    org, mentions, _ = first.setdefault(
                        a.org.name, (a.org, [], f"{task.source.file}:{a.line}"))
                    if a.mention not in mentions and a.mention != a.org.name:
                        mentions.append(a.mention)
    lines = []
    for name, count in unknown_orgs(documents):
        org, mentions, where = first[name]
        aliases = "|".join(mentions) or "-"
        lines.append(f"{name}\t{org.kind}\tabs\t{aliases}\t# {count}x, first {where}")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    fmt = args.format or ("csv" if args.output.endswith(".csv") else "jsonl")
    result = extract_paths(args.paths)
    if args.keywords:
        from extract.keywords import tag_keywords

        tag_keywords(result.documents)
    writer = write_csv if fmt == "csv" else write_jsonl
    if args.output == "-":
        n = writer(result.documents, sys.stdout)
    else:
        # A BOM lets Excel read a UTF-8 CSV as UTF-8 (without one it shows mojibake).
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        with Path(args.output).open("w", encoding=encoding, newline="") as out:
            n = writer(result.documents, out)
    err = sys.stderr
    for e in result.errors:
        print(f"error: {e.message}", file=err)
    if not args.quiet:
        for w in result.warnings:
            print(f"warning: {w.file}:{w.line}: {w.code} {w.message}", file=err)
    if args.warnings:
        _write_warnings(Path(args.warnings), result.warnings)
    if args.unknown_orgs:
        print("# organisations the registry does not know (add the good ones to "
              "extract/data/org_aliases.tsv):", file=err)
        for line in _unknown_org_lines(result.documents):
            print(line, file=err)
    roles = Counter(a.role for t in result.tasks for a in t.assignments)
    unread = Counter(u.code for d in result.documents for u in d.unread)
    unread_text = ", ".join(f"{code} {count}" for code, count in sorted(unread.items()))
    print(
        f"{len(result.documents)} documents, {n} tasks, "
        f"{sum(roles.values())} assignments (lead {roles['lead']}, responsible "
        f"{roles['responsible']}, assist {roles['assist']}), "
        f"{sum(unread.values())} items left unread"
        + (f" ({unread_text}; listed as warnings)" if unread else "")
        + f", {len(result.warnings)} warnings, {len(result.errors)} unreadable files",
        file=err,
    )
    return exit_status(result.errors)


EXIT_UNREADABLE = 1
EXIT_EXTRACTOR_FAILED = 3


def exit_status(errors: list[FileError]) -> int:
    """0, or 3 if the extractor failed on a file (E107), else 1 if a file was unreadable."""
    if any(e.code == "E107" for e in errors):
        return EXIT_EXTRACTOR_FAILED
    return EXIT_UNREADABLE if errors else 0


if __name__ == "__main__":
    sys.exit(main())
