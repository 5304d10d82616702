"""Deadline parsing speed on the input shapes that cost most, at 1 MB and 4 MB.

    python benchmarks/bench_deadlines.py [--mb 1] [--limit 2.0]

For each shape prints MB, phrases found, seconds (wall and CPU) for prose and field
mode, and the 4 MB / 1 MB time ratio (about 4 when the cost is linear). Exits 1 when
any 1 MB input takes longer than ``--limit`` seconds of CPU (the issue's bound for
the whole extractor is 2 s per MB) or a ratio exceeds 6.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.deadlines import parse_deadlines  # noqa: E402


def _repeat(unit: str, mb: float) -> str:
    """``unit`` repeated to at least ``mb`` megabytes of UTF-8 (the size of the file)."""
    return unit * math.ceil(mb * 1e6 / len(unit.encode()))


def _corpus(mb: float) -> str:
    files = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    return _repeat("\n".join(p.read_text(encoding="utf-8") for p in files), mb)


def _lines_without_punctuation(mb: float) -> str:
    rng = random.Random(8)
    chars = [chr(c) for c in range(0x4E00, 0x9FA5)]
    line_bytes = 25 * 3
    return "\n".join(
        "".join(rng.choice(chars) for _ in range(24)) for _ in range(int(mb * 1e6 / line_bytes))
    )


SHAPES: dict[str, Callable[[float], str]] = {
    "date phrases": lambda mb: _repeat("2023年10月底前完成，每月5日前报送；", mb),
    "mixed cells": lambda mb: _repeat(
        "1.2022年6月 2.2022年11月 春节前 二季度 2021.12 举办时间：2021年10月12日至15日 "
        "截至2021年底，", mb),
    "bare years": lambda mb: _repeat("2017年", mb),
    "digits": lambda mb: _repeat("2021", mb),
    "dotted": lambda mb: _repeat("2021.", mb),
    "lines, no punct.": _lines_without_punctuation,
    "task lines, no punct.": lambda mb: _repeat("各县区政府10月底前完成排查整治工作\n", mb),
    "gazette corpus": _corpus,
}


def _time(text: str, field: bool) -> tuple[int, float, float]:
    """(phrases found, wall seconds, CPU seconds), the faster of two runs: the machine
    may be shared, and CPU time is what the parser itself costs."""
    runs = []
    for _ in range(2):
        wall, cpu = time.perf_counter(), time.process_time()
        found = parse_deadlines(text, 2023, field=field)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall, cpu = min(runs, key=lambda r: r[1])
    return len(found), wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--limit", type=float, default=2.0, help="CPU seconds per 1 MB input")
    args = parser.parse_args()
    print(f"{'shape':<22} {'mode':<5} {'MB':>5} {'found':>7} {'wall s':>7} {'cpu s':>6} "
          f"{'x4 ratio':>8}")
    failed = []
    for name, make in SHAPES.items():
        small, large = make(args.mb), make(4 * args.mb)
        for field in (False, True):
            found, wall, cpu = _time(small, field)
            _, _, cpu4 = _time(large, field)
            ratio = cpu4 / cpu if cpu > 0.005 else float("nan")
            mode = "field" if field else "prose"
            print(f"{name:<22} {mode:<5} {len(small.encode()) / 1e6:5.2f} {found:7d} "
                  f"{wall:7.2f} {cpu:6.2f} {ratio:8.1f}")
            if cpu > args.limit * args.mb or ratio > 6:
                failed.append(f"{name} ({mode})")
    if failed:
        print("over the bound:", ", ".join(failed))
        sys.exit(1)
    print(f"all shapes under {args.limit:.1f} s CPU per MB and linear")


if __name__ == "__main__":
    main()
