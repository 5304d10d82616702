"""Extraction speed and memory: the bundled corpus at 1x and replicated 100x.

    python benchmarks/bench_extract.py [--factor 100] [--jieba-all]

Prints documents/s, MB/s and peak resident memory for each size (each measured in a
fresh process so one run's memory does not hide the next), next to the time one
``jieba.lcut`` pass takes over the same text. jieba over the 100x text takes minutes,
so it runs at 1x unless ``--jieba-all`` is given.
Target (issue): the corpus in < 1 s in-process, cheaper than one jieba pass, linear at 100x.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
sys.path.insert(0, str(ROOT))


def _measure(directory: str, with_jieba: bool) -> dict[str, float]:
    """Run in a child process: extract everything under ``directory``."""
    from extract import extract_paths

    files = sorted(Path(directory).rglob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    start = time.perf_counter()
    result = extract_paths([directory])
    elapsed = time.perf_counter() - start
    out = {
        "files": len(files),
        "mb": size / 1e6,
        "documents": len(result.documents),
        "tasks": len(result.tasks),
        "seconds": elapsed,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if with_jieba:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        text = "\n".join(f.read_text(encoding="utf-8") for f in files)
        start = time.perf_counter()
        jieba.lcut(text)
        out["jieba_seconds"] = time.perf_counter() - start
    return out


def _child(directory: str, with_jieba: bool) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", directory]
    if with_jieba:
        cmd.append("--with-jieba")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _replicate(factor: int, into: Path) -> None:
    for i in range(factor):
        for f in CORPUS.glob("*.txt"):
            shutil.copy(f, into / f"{i:03d}_{f.name}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factor", type=int, default=100)
    parser.add_argument("--jieba-all", action="store_true")
    parser.add_argument("--child")
    parser.add_argument("--with-jieba", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.child, args.with_jieba)))
        return
    rows = [("1x", _child(str(CORPUS), True))]
    with tempfile.TemporaryDirectory() as tmp:
        _replicate(args.factor, Path(tmp))
        rows.append((f"{args.factor}x", _child(tmp, args.jieba_all)))
    print(
        f"{'size':>5} {'MB':>7} {'docs':>6} {'tasks':>7} {'seconds':>8} {'docs/s':>8} "
        f"{'MB/s':>6} {'peakRSS MB':>10} {'jieba.lcut s':>12}"
    )
    for name, r in rows:
        jieba_s = f"{r['jieba_seconds']:.2f}" if "jieba_seconds" in r else "-"
        print(
            f"{name:>5} {r['mb']:7.2f} {r['documents']:6d} {r['tasks']:7d} "
            f"{r['seconds']:8.3f} {r['documents'] / r['seconds']:8.0f} "
            f"{r['mb'] / r['seconds']:6.2f} {r['peak_rss_mb']:10.0f} {jieba_s:>12}"
        )
    one, many = rows[0][1], rows[1][1]
    print(
        f"scaling: {many['seconds'] / one['seconds']:.1f}x time for "
        f"{many['mb'] / one['mb']:.0f}x text"
    )


if __name__ == "__main__":
    main()
