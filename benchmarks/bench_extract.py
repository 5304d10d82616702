"""Extraction speed and memory: the corpus at 1x and 100x, and 1 MB adversarial inputs.

    python benchmarks/bench_extract.py [--factor 100] [--jieba-all] [--no-shapes]

Prints documents/s, MB/s and peak resident memory for each size (each measured in a
fresh process so one run's memory does not hide the next), next to the time one
``jieba.lcut`` pass takes over the same text. jieba over the 100x text takes minutes,
so it runs at 1x unless ``--jieba-all`` is given. Then each input shape that was once
quadratic (a list continued over many lines, thousands of orgs on one line or in one
bracket, lines without punctuation …) at 1 MB, wall and CPU seconds (on a shared machine
CPU time is the fairer figure).
Targets (issue): the corpus cheaper than one jieba pass, linear at 100x, every 1 MB
shape under 2 s.
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


_ORGS = ["市财政局", "市教育局", "市发展改革委", "市科技局", "市工信局", "市民政局", "市公安局",
         "市人社局"]
_HEAD = ("某市人民政府办公室\n关于印发某市重点任务分工方案的通知\n"
         "某政办〔2021〕1号 2021年1月5日\n\n1.推进重点项目建设。\n")
_MB = 1_000_000


def _orgs(n: int) -> str:
    return "、".join(_ORGS[i % len(_ORGS)] for i in range(n))


def _shapes() -> dict[str, str]:
    """1 MB inputs of the shapes that were quadratic, and of the ones heavy in tasks."""
    fields = "".join(f"{o}、\n" for o in _ORGS * (_MB // 130))
    return {
        "a field list continued over many lines": _HEAD + "责任单位：" + fields[:_MB],
        "16,000+ orgs on one line": _HEAD + "责任单位：" + _orgs(_MB // 15),
        "an inline bracket of 20,000+ orgs": f"{_HEAD}2.加快建设。（{_orgs(_MB // 15)}负责）\n",
        "40,000+ lines without punctuation": _HEAD + "\n".join(
            "加快推进重点项目建设落实责任" for _ in range(_MB // 42)),
        "one line without punctuation": _HEAD + "加快推进重点项目建设落实责任" * (_MB // 42),
        "date phrases": _HEAD + "，".join(["2021年6月底前完成"] * (_MB // 27)),
        "a pipe table of 16,000 rows": "序号 | 主要工作任务 | 责任单位 |\n" + "".join(
            f"{i} | 地区生产总值增长6%以上。 | 市发展改革委、市统计局 |\n"
            for i in range(_MB // 82)),
        "stacked cells, 20,000 rows": "序号\n主要工作任务\n责任单位\n" + "".join(
            f"{i}\n地区生产总值增长6%。\n市发展改革委\n" for i in range(_MB // 54)),
        "a spaced table of 14,000 rows": "序号 工作事项 责任单位 完成时限 进展情况\n" + "".join(
            f"{i % 999 + 1} 推进 重点 项目 建设{i} 区水务局 区财政局 2024年9月 已完成\n"
            for i in range(_MB // 70)),
        "one spaced row of 70,000 alternating cells":
            "序号 工作事项 牵头单位 责任单位 配合单位 完成时限 进展情况 备注\n1 "
            + " ".join(["推进 区水务局"] * (_MB // 20)) + "\n",
        "20,000 numbered items with brackets": _HEAD + "\n".join(
            f"{i % 99 + 1}.推进工作（市财政局负责）。" for i in range(_MB // 45)),
        "alternating field lines": _HEAD + "".join(
            "牵头单位：市财政局\n责任单位：市教育局\n" for _ in range(_MB // 60)),
    }


def _measure_shape(name: str) -> dict[str, float]:
    """Run in a child process: extract one shape."""
    from extract import extract_text

    text = _shapes()[name]
    wall, cpu = time.perf_counter(), time.process_time()
    result = extract_text(text)
    return {"mb": len(text.encode()) / 1e6, "wall": time.perf_counter() - wall,
            "cpu": time.process_time() - cpu, "tasks": len(result.tasks)}


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
    parser.add_argument("--no-shapes", action="store_true")
    parser.add_argument("--child")
    parser.add_argument("--shape")
    parser.add_argument("--with-jieba", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.child, args.with_jieba)))
        return
    if args.shape:
        print(json.dumps(_measure_shape(args.shape)))
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
    if args.no_shapes:
        return
    print(f"\n{'1 MB input shape':42} {'MB':>5} {'wall s':>7} {'cpu s':>6} {'tasks':>6}")
    for name in _shapes():
        proc = subprocess.run([sys.executable, __file__, "--shape", name], capture_output=True,
                              text=True, check=True)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{name:42} {r['mb']:5.2f} {r['wall']:7.2f} {r['cpu']:6.2f} {int(r['tasks']):6d}")


if __name__ == "__main__":
    main()
