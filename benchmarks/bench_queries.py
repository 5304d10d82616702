"""Time every audit on the bundled corpus in the local Bolt server.

    python benchmarks/bench_queries.py [--runs 30] [--warmup 3] [--data-dir DIR]

Extracts ``data/corpus``, loads it into a local ArcadeDB server started in a
temporary data folder (or ``--data-dir``; the user's own graph is never touched),
then runs each audit ``--warmup`` times untimed and ``--runs`` times timed, from the
client's call to the last row received. Prints median and p95 in milliseconds and
marks an audit over the 200 ms budget (issue) with ``!``; exits 1 if any is.
With ``NEO4J_URI`` set it times that server instead (after loading the corpus into
it — only point it at a scratch database).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
sys.path.insert(0, str(ROOT))

from queries import list_audits, run_audit  # noqa: E402 - needs ROOT on sys.path

__all__ = ["BUDGET_MS", "PARAMS", "bench", "main"]

BUDGET_MS = 200.0

# One realistic value for the audits that need one (or where the default is trivial).
PARAMS: dict[str, dict[str, Any]] = {
    "org_profile": {"name": "市工商局"},
    "tasks_due_by": {"as_of": "2017-10-31"},
}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def bench(store: Any, runs: int, warmup: int) -> list[tuple[str, int, float, float]]:
    """Time each audit.

    Parameters
    ----------
    store:
        An open ``graph.store.Store`` holding the corpus.
    runs, warmup:
        Timed and untimed repetitions per audit.

    Returns
    -------
    ``(name, rows, median_ms, p95_ms)`` per audit, in registry order.
    """
    out = []
    for audit in list_audits():
        params = PARAMS.get(audit.name, {})
        for _ in range(warmup):
            run_audit(store, audit.name, params)
        times = []
        rows = 0
        for _ in range(runs):
            start = time.perf_counter()
            rows = len(run_audit(store, audit.name, params).rows)
            times.append((time.perf_counter() - start) * 1000)
        out.append((audit.name, rows, statistics.median(times), _p95(times)))
    return out


def main(argv: list[str] | None = None) -> int:
    """Load the corpus, time every audit, print the table.

    Parameters
    ----------
    argv:
        Command-line arguments (default ``sys.argv[1:]``).

    Returns
    -------
    0 when every audit's median is within budget, else 1.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args(argv)

    from extract import extract_paths
    from graph.store import open_store

    with tempfile.TemporaryDirectory(prefix="zeren-bench-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        with open_store(data_dir=data_dir, env_file=None) as store:
            documents = extract_paths([CORPUS]).documents
            store.clear()
            report = store.load_documents(documents)
            counts = store.read(
                "MATCH (t:Task) WITH count(t) AS tasks "
                "MATCH ()-[r]->() RETURN tasks, count(r) AS rels"
            )[0]
            print(
                f"{store.kind} server {store.uri}: {len(documents)} documents, "
                f"{counts['tasks']} tasks, {counts['rels']} relationships "
                f"(loaded in {report.seconds:.1f} s); {args.runs} runs after {args.warmup} "
                "warm-up"
            )
            results = bench(store, args.runs, args.warmup)
    print(f"{'audit':<26} {'rows':>5} {'median ms':>10} {'p95 ms':>8}")
    over = False
    for name, rows, median, p95 in results:
        flag = " !" if median > BUDGET_MS else ""
        over = over or bool(flag)
        print(f"{name:<26} {rows:>5} {median:>10.1f} {p95:>8.1f}{flag}")
    print(f"budget {BUDGET_MS:.0f} ms per audit (median): {'EXCEEDED' if over else 'met'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
