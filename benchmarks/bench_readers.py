"""File-reader speed: pages/s for PDF, documents/s for Word, HTML and text.

    python benchmarks/bench_readers.py [--pages 100] [--rows 100] [--repeat 3]

Builds its inputs with the test fixtures' real writers: a PDF of ``--pages`` pages
printed by headless Chromium (prose with bracketed owners and a ruled task table on
every page, running header and page numbers on), a Word file whose task table has
``--rows`` rows (python-docx), the same table on a GB2312 portal page, and as text.
Each reader runs ``--repeat`` times; the best time is printed.
Target (issue 9): a 100-page PDF read in under 10 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.readers import read_source  # noqa: E402 - needs ROOT on sys.path
from tests.fixtures.composed import (  # noqa: E402
    Composed,
    Para,
    to_docx,
    to_pdf,
    to_portal_html,
    to_text,
)

_PROSE = ("推进第{n}项重点工作，完善工作机制，细化责任分工，加强督促检查，"
          "确保按期完成各项目标任务，形成可复制可推广的经验做法。"
          "（县发改局牵头，县财政局、县自然资源局配合；2022年{m}月底前完成）")


def _table(rows: int) -> list[tuple[str, ...]]:
    head = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")
    return [head] + [(str(n), f"推进第{n}个重点项目前期工作和开工建设", "县住建局",
                      "县发改局、县财政局", f"2022年{n % 12 + 1}月底前")
                     for n in range(1, rows + 1)]


def _long_document(pages: int) -> Composed:
    """About one printed page per section: 12 bracket-style paragraphs and a
    10-row table, the table starting on a page of its own."""
    before = [Para("某某县人民政府办公室", "center"),
              Para("关于印发某某县重点任务分解方案的通知", "title"),
              Para("某政办〔2022〕1号", "center")]
    n = 0
    for section in range(pages // 2):
        before.append(Para(f"第{section + 1}部分 重点任务", "flush"))
        for _ in range(12):
            n += 1
            before.append(Para(_PROSE.format(n=n, m=n % 12 + 1)))
    return Composed("重点任务分解方案", before, _table(10 * max(1, pages // 2)), [])


def _time(path: Path, repeat: int) -> tuple[float, int, int]:
    best = float("inf")
    blocks = pages = 0
    for _ in range(repeat):
        start = time.perf_counter()
        source = read_source(path)
        best = min(best, time.perf_counter() - start)
        blocks = len(source.blocks)
        pages = max(source.pages, default=0)
    return best, blocks, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100, help="pages of the PDF")
    parser.add_argument("--rows", type=int, default=100, help="rows of the Word table")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zeren-bench-readers-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        pdf = to_pdf(_long_document(args.pages), folder / "long.pdf")
        printed = time.perf_counter() - start
        seconds, blocks, pages = _time(pdf, args.repeat)
        print(f"pdf   {pages:4d} pages  {blocks:6d} blocks  {seconds:7.2f} s  "
              f"{pages / seconds:7.1f} pages/s   (printed by chromium in {printed:.1f} s; "
              f"target: {args.pages} pages < 10 s)")
        table = Composed("任务分解表", [Para("某某县重点项目任务分解表", "title")],
                         _table(args.rows), [])
        inputs = {
            "docx": to_docx(table, folder / "table.docx"),
            "html": to_portal_html(table, folder / "table.html"),
            "txt": folder / "table.txt",
        }
        inputs["txt"].write_text(to_text(table), encoding="utf-8")
        for name, path in inputs.items():
            seconds, blocks, _ = _time(path, args.repeat)
            print(f"{name:5s} {args.rows:4d} rows   {blocks:6d} blocks  {seconds:7.3f} s  "
                  f"{1 / seconds:7.1f} documents/s")


if __name__ == "__main__":
    main()
