"""App interaction timings on the bundled corpus: p50/p95 over N runs.

    python benchmarks/bench_app.py [--runs 30] [--uri bolt://…]

Starts a throw-away local graph server in a temporary folder and loads the corpus
(or uses ``--uri`` / ``NEO4J_URI`` as it is, read-only), then times four interactions
the way an analyst does them, at two levels:

``query``
    the app's own read functions (:mod:`ui.data`) against the server, uncached: what a
    first visit with new inputs costs at the database;
``page``
    the whole page script re-run by ``streamlit.testing.v1.AppTest`` after the input
    changed (widgets, tables, charts included), with the app's cache cleared before each
    run (cold) and kept (warm, as when the user returns to an input).

Interactions: organisation page (search 市工商局 → profile, partners, neighbourhood),
task search (多证合一 / a filter), an audit (workload_by_org), the graph view.
Target (issue): p95 < 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_MS = 300.0


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


def _time(fn: Callable[[int], Any], runs: int) -> list[float]:
    fn(0)  # warm the driver / JIT once
    out = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i + 1)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _report(name: str, ms: list[float]) -> bool:
    p50, p95 = statistics.median(ms), _pct(ms, 0.95)
    ok = p95 < TARGET_MS
    print(f"  {name:<44} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {'ok' if ok else 'SLOW'}")
    return ok


def bench_queries(store: Any, runs: int) -> bool:
    """Time the uncached read functions behind each interaction."""
    from ui import data as D

    orgs = ["市工商局", "市财政局", "市发展改革委", "工商局", "中原区"]
    words = ["多证合一", "供暖", "审批", "燃煤", "园区"]

    def org_page(i: int) -> None:
        cands = D.fetch_org_candidates(store, orgs[i % len(orgs)], 50)
        if cands:
            D.fetch_org_profile(store, cands[0]["name"])
            D.fetch_org_neighbourhood(store, cands[0]["name"], 30)

    def task_search(i: int) -> None:
        D.fetch_tasks(store, words[i % len(words)], limit=1000)

    def task_filter(i: int) -> None:
        D.fetch_tasks(store, "", org="郑州市工商局", role="LEADS" if i % 2 else "", limit=1000)

    def audit(i: int) -> None:
        D.run_audit_rows(store, "workload_by_org", {"limit": 500})

    def graph_view(i: int) -> None:
        D.fetch_document_graph(store, "郑政办〔2017〕55号", ["Org", "Task", "Document"], 40 + i % 3)

    def expand(i: int) -> None:
        D.fetch_expand(store, "Org:郑州市工商局", 50)

    print(f"query level (uncached reads, {runs} runs):")
    results = [
        _report("organisation page (search+profile+graph)", _time(org_page, runs)),
        _report("task search (text CONTAINS)", _time(task_search, runs)),
        _report("task filter (org + role)", _time(task_filter, runs)),
        _report("audit workload_by_org", _time(audit, runs)),
        _report("graph view (a document, 40 tasks)", _time(graph_view, runs)),
        _report("graph expand one node", _time(expand, runs)),
    ]
    return all(results)


def bench_pages(runs: int) -> bool:
    """Time whole page re-runs in AppTest after an input changed."""
    from streamlit.testing.v1 import AppTest

    from ui import data as D

    def page(path: str, act: Callable[[AppTest, int], None], cold: bool) -> list[float]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        at.switch_page(path)
        at.run()
        out = []
        for i in range(runs + 1):
            if cold:
                D.clear_caches()
            t0 = time.perf_counter()
            act(at, i)
            if at.exception:
                raise RuntimeError(f"{path}: {at.exception[0].value}")
            if i:
                out.append((time.perf_counter() - t0) * 1000)
        return out

    orgs = ["市工商局", "市财政局"]
    words = ["多证合一", "供暖"]
    audits = ["workload_by_org", "tasks_without_lead"]
    limits = [40, 50]

    cases: list[tuple[str, str, Callable[[AppTest, int], None]]] = [
        (
            "organisation page: type a spelling",
            "ui/pages/org.py",
            lambda at, i: at.text_input(key="org_q").input(orgs[i % 2]).run(),
        ),
        (
            "task search: type a word",
            "ui/pages/tasks.py",
            lambda at, i: at.text_input(key="task_q").input(words[i % 2]).run(),
        ),
        (
            "audit: pick an audit",
            "ui/pages/audits.py",
            lambda at, i: at.selectbox(key="audit_name").select(audits[i % 2]).run(),
        ),
        (
            "graph view: change the size limit",
            "ui/pages/graph.py",
            lambda at, i: at.slider(key="g_limit_document").set_value(limits[i % 2]).run(),
        ),
    ]
    ok = True
    for cold in (True, False):
        print(f"page level (AppTest script re-run, {'cold cache' if cold else 'warm cache'}):")
        for name, path, act in cases:
            ok &= _report(name, page(path, act, cold))
    return ok


def main() -> int:
    """Set up the server, run both levels, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"))
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    os.environ["ZEREN_AUTOLOAD"] = "0"

    from extract import extract_paths
    from graph import local_server
    from graph.store import connect

    tmp = None
    info = None
    if args.uri:
        os.environ["NEO4J_URI"] = args.uri
        store = connect(
            args.uri,
            username=os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD"),
            database=os.environ.get("NEO4J_DATABASE") or None,
        )
    else:
        tmp = tempfile.TemporaryDirectory(prefix="zeren-bench-")
        info = local_server.start_server(Path(tmp.name), database="bench", heap="512m")
        password = (Path(tmp.name) / "password").read_text(encoding="utf-8").strip()
        os.environ.update(
            NEO4J_URI=info.uri,
            NEO4J_USERNAME=local_server.USERNAME,
            NEO4J_PASSWORD=password,
            NEO4J_DATABASE="bench",
        )
        store = connect(
            info.uri, username=local_server.USERNAME, password=password, database="bench"
        )
        docs = extract_paths([ROOT / "data" / "corpus"]).documents
        report = store.load_documents(docs)
        print(
            f"loaded {len(report.created)} documents into a fresh local server "
            f"({report.seconds:.1f} s)"
        )
    try:
        counts = store.read("MATCH (t:Task) RETURN count(t) AS n")[0]["n"]
        print(f"store {store.uri} ({counts} tasks); target p95 < {TARGET_MS:.0f} ms\n")
        ok = bench_queries(store, args.runs)
        print()
        ok &= bench_pages(args.runs)
    finally:
        store.close()
        if info is not None:
            local_server.stop_server(info)
        if tmp is not None:
            tmp.cleanup()
    print("\nall interactions within target" if ok else "\nsome interactions over target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
