"""Organisation names and places: cost on long and hostile inputs, and first-use cost.

    python benchmarks/bench_names.py

For each input shape, the seconds :func:`extract.org_names.split_org_list`,
:func:`~extract.org_names.looks_like_org`, :func:`~extract.org_names.resolve_org` (on each
item), :func:`extract.districts.districts_in_text` and
:func:`~extract.org_names.infer_jurisdiction` take at 100 KB and at 1 MB, and the ratio
(about 10 when the cost is linear). Target (issue 8): any 1 MB input under 2 s, linear.
Each size runs in a fresh process so caches filled by one run do not flatter the next.
Times are CPU seconds of that process (``time.process_time``): on a shared machine wall
time measures the neighbours.
Also prints the one-off cost of loading the gazetteer, registry and shape vocabulary.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_NAMES = ["市财政局", "区发改委", "县教育局", "各有关单位", "宜昌海关", "柯桥经济开发区",
          "市招商引资专班", "★区统计局", "市委宣传部（市文明办）", "城投集团"]
_ALPHABET = ("市区县省镇局委办厅部会公司集团中心各有关部门政府管委开发高新区郑州苏吴江"
             "和及与、，；（）")


def _shape(name: str, size: int) -> str:
    rng = random.Random(7)
    if name == "repeated names, one line":
        text = "、".join(_NAMES)
    elif name == "unique names, one line":
        return "、".join(f"市{n}号工作专班" for n in range(size // 8))[:size]
    elif name == "random name characters":
        return "".join(rng.choice(_ALPHABET) for _ in range(size))
    elif name == "one name, no separators":
        text = "市财政局"
    else:  # task prose naming places
        text = "推动柯桥区、诸暨市和伊宁市协同发展，支持鼓楼区和双江县建设，完成县域规划。"
    return (text * (size // len(text) + 1))[:size]


_SHAPES = ["repeated names, one line", "unique names, one line", "random name characters",
           "one name, no separators", "task prose"]


def _run(shape: str, size: int) -> dict[str, float]:
    from extract.districts import districts_in_text
    from extract.org_names import infer_jurisdiction, looks_like_org, resolve_org, split_org_list

    text = _shape(shape, size)
    out: dict[str, float] = {}
    start = time.process_time()
    items = split_org_list(text)
    out["split"] = time.process_time() - start
    start = time.process_time()
    looks_like_org(text)
    for item in items[:20000]:
        looks_like_org(item)
    out["looks(<=20k)"] = time.process_time() - start
    start = time.process_time()
    resolve_org(text + "局", "宜昌市")
    for item in items[:20000]:
        resolve_org(item, "宜昌市")
    out["resolve(<=20k)"] = time.process_time() - start
    start = time.process_time()
    districts_in_text(text, within="宜昌市")
    out["districts"] = time.process_time() - start
    start = time.process_time()
    infer_jurisdiction(text)
    out["jurisdiction"] = time.process_time() - start
    return out


def _load() -> dict[str, float]:
    start = time.process_time()
    from extract.districts import lookup_place
    from extract.org_names import resolve_org

    imported = time.process_time()
    lookup_place("郑州")
    resolve_org("市财政局", "郑州市")
    return {"import": imported - start, "first use": time.process_time() - imported}


def _child(*args: str) -> dict[str, float]:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1:
        if sys.argv[1] == "--load":
            print(json.dumps(_load()))
        else:
            print(json.dumps(_run(sys.argv[1], int(sys.argv[2]))))
        return
    load = _child("--load")
    print(f"import {load['import']:.3f} s, first use (gazetteer, registry, shapes) "
          f"{load['first use']:.3f} s")
    columns = ["split", "looks(<=20k)", "resolve(<=20k)", "districts", "jurisdiction"]
    print(f"{'shape':28} {'size':>6} " + " ".join(f"{c:>15}" for c in columns))
    for shape in _SHAPES:
        small = _child(shape, "100000")
        big = _child(shape, "1000000")
        for label, row in (("100KB", small), ("1MB", big)):
            print(f"{shape:28} {label:>6} " + " ".join(f"{row[c]:15.3f}" for c in columns))
        ratio = " ".join(f"{big[c] / max(small[c], 1e-4):15.1f}" for c in columns)
        print(f"{'':28} {'ratio':>6} {ratio}")


if __name__ == "__main__":
    main()
