"""``python -m extract PATH... -o tasks.jsonl [--format jsonl|csv]``.

Writes one record per task (see :mod:`extract.export`) and a summary to stderr.
Exit code 1 when any file could not be read (the others are still written).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from extract.export import write_csv, write_jsonl
from extract.pipeline import extract_paths

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m extract",
        description="Extract tasks, owners, deadlines and districts from government "
                    "task documents (UTF-8 or GB18030 text; directories are searched "
                    "recursively for *.txt).",
    )
    p.add_argument("paths", nargs="+", help="text files or directories")
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
        with Path(args.output).open("w", encoding="utf-8", newline="") as out:
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
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
