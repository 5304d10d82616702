"""``python -m extract PATH... -o tasks.jsonl [--format jsonl|csv]``.

Writes one record per task (see :mod:`extract.export`) and a summary to stderr.
Exit status: 0 when every file was read; 1 when a file could not be read or has an
unsupported type; 3 when the extractor itself failed on a file (a bug: E107). In both
cases the other files are still written.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from extract.export import write_csv, write_jsonl
from extract.models import FileError
from extract.pipeline import extract_paths

__all__ = ["EXIT_EXTRACTOR_FAILED", "EXIT_UNREADABLE", "exit_status", "main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m extract",
        description="Extract tasks, owners, deadlines and districts from government "
                    "task documents (text, Word, PDF, web pages; directories are searched "
                    "recursively for every supported type).",
    )
    p.add_argument("paths", nargs="+", help="files (.txt .docx .pdf .html …) or directories")
    p.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    p.add_argument("--format", choices=("jsonl", "csv"), default=None,
                   help="output format (default: from the output's suffix, else jsonl)")
    p.add_argument("--keywords", action="store_true",
                   help="add jieba TF-IDF keyword tags to each task (slower)")
    p.add_argument("--quiet", action="store_true", help="no per-warning lines on stderr")
    return p


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
    roles = Counter(a.role for t in result.tasks for a in t.assignments)
    print(
        f"{len(result.documents)} documents, {n} tasks, "
        f"{sum(roles.values())} assignments (lead {roles['lead']}, responsible "
        f"{roles['responsible']}, assist {roles['assist']}), "
        f"{len(result.warnings)} warnings, {len(result.errors)} unreadable files",
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
