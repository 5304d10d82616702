"""Benchmark the graph load on the bundled local server.

    python benchmarks/bench_graph.py [--scale 100] [--heap 512m] [--profile]

Starts a fresh ArcadeDB server in a temporary folder and prints: server start time
(launch -> first successful query), corpus extraction time, corpus load time and
relationships/s (cold server, then an unchanged reload), the same for a synthetic graph
of ``--scale`` copies of the corpus' documents (new document and task ids, shared orgs,
deadlines and districts) with the CPU seconds the server (JIT compilers, Bolt workers,
other threads) and this process spent on it, and the java process' peak RSS (VmHWM).

Targets: corpus load < 3 s; >= 20k relationships/s at 100x.
``--profile`` also prints where the 100x load spends its time, per Cypher statement.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import extract_paths  # noqa: E402
from extract.models import Document  # noqa: E402
from graph import local_server  # noqa: E402
from graph.model import build_graph  # noqa: E402
from graph.store import connect  # noqa: E402

__all__ = ["main", "replicate"]


def replicate(docs: list[Document], copies: int) -> list[Document]:
    """``copies`` copies of ``docs`` with new document and task ids and hashes.

    Parameters
    ----------
    docs:
        Extracted documents.
    copies:
        How many copies (copy 0 also gets new ids).

    Returns
    -------
    list[Document]
    """
    out = []
    for i in range(copies):
        for d in docs:
            tasks = [dataclasses.replace(t, id=f"{t.id}#{i}") for t in d.tasks]
            out.append(
                dataclasses.replace(
                    d, id=f"{d.id}#{i}", content_hash=f"{d.content_hash}#{i}", tasks=tasks
                )
            )
    return out


def _thread_cpu(pid: int) -> dict[str, tuple[str, float]]:
    """CPU seconds of each live thread of the java process: id -> (kind, seconds); kinds
    are the JIT compilers, the Bolt workers (the server's work on our statements) and
    the rest (GC, I/O)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            name = (task / "comm").read_text()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the thread ended meanwhile
            continue
        kind = "jit" if "CompilerThre" in name else "bolt" if name.startswith("BOLT") else "other"
        out[task.name] = (kind, (int(fields[11]) + int(fields[12])) / tick)
    return out


def _cpu_since(pid: int, before: dict[str, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds by kind since ``before`` (threads still alive; JIT compiler threads
    come and go, so the figure is a lower bound)."""
    out = {"jit": 0.0, "bolt": 0.0, "other": 0.0}
    for tid, (kind, sec) in _thread_cpu(pid).items():
        out[kind] += sec - before.get(tid, (kind, 0.0))[1]
    return out


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@contextmanager
def _profiled(enabled: bool) -> Iterator[dict[str, list[float]]]:
    """Time every statement the store runs (benchmark only: wraps the driver's run)."""
    stats: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0])
    if not enabled:
        yield stats
        return
    import neo4j

    real = neo4j.ManagedTransaction.run

    def run(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        result = real(self, query, *args, **kwargs)
        if "RETURN" not in query:  # results read later by the caller stay unconsumed
            result.consume()
        entry = stats[" ".join(query.split())[:90]]
        entry[0] += time.perf_counter() - t0
        entry[1] += 1
        return result

    neo4j.ManagedTransaction.run = run  # type: ignore[method-assign]
    try:
        yield stats
    finally:
        neo4j.ManagedTransaction.run = real  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures.

    Parameters
    ----------
    argv:
        Command-line arguments.

    Returns
    -------
    int
        0
    """
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=int, default=100)
    ap.add_argument("--heap", default="512m")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    result = extract_paths([ROOT / "data" / "corpus"])
    t_extract = time.perf_counter() - t0
    docs = result.documents
    corpus_edges = build_graph(docs).number_of_edges()
    print(
        f"corpus: {len(docs)} documents, {len(result.tasks)} tasks, {corpus_edges} "
        f"relationships; extraction {t_extract:.2f} s"
    )

    with tempfile.TemporaryDirectory(prefix="bench-graph-") as tmp:
        t0 = time.perf_counter()
        info = local_server.start_server(Path(tmp), heap=args.heap)
        t_start = time.perf_counter() - t0
        print(f"server start (launch -> first query): {t_start:.2f} s  [heap {args.heap}]")
        password = (Path(tmp) / "password").read_text().strip()
        try:
            store = connect(
                info.uri, username="root", password=password, database=info.database, kind="local"
            )
            with store:
                t0 = time.perf_counter()
                rep = store.load_documents(docs)
                t = time.perf_counter() - t0
                assert rep.ok, rep.failed
                print(
                    f"corpus load (cold server): {t:.2f} s, {corpus_edges / t:,.0f} rel/s "
                    f"[target < 3 s]"
                )
                t0 = time.perf_counter()
                store.load_documents(docs)
                print(f"corpus reload, unchanged:  {time.perf_counter() - t0:.2f} s")
                store.clear()
                t0 = time.perf_counter()
                store.load_documents(docs)
                t = time.perf_counter() - t0
                print(f"corpus load (warm server): {t:.2f} s, {corpus_edges / t:,.0f} rel/s")

                big = replicate(docs, args.scale)
                big_edges = build_graph(big).number_of_edges()
                store.clear()
                cpu0, py0 = _thread_cpu(info.pid), time.process_time()
                with _profiled(args.profile) as prof:
                    t0 = time.perf_counter()
                    rep = store.load_documents(big)
                    t = time.perf_counter() - t0
                cpu = _cpu_since(info.pid, cpu0)
                py = time.process_time() - py0
                assert rep.ok, rep.failed[:3]
                stats = store.stats()
                assert stats["total_relationships"] == big_edges
                print(
                    f"{args.scale}x synthetic: {len(big)} documents, "
                    f"{stats['total_nodes']:,} nodes, {big_edges:,} relationships: "
                    f"{t:.1f} s, {big_edges / t:,.0f} rel/s, {len(big) / t:,.0f} docs/s "
                    f"[target >= 20,000 rel/s]"
                )
                print(
                    f"  CPU during it: server {sum(cpu.values()):.1f} s (JIT compilers "
                    f"{cpu['jit']:.1f}, Bolt workers {cpu['bolt']:.1f}, other "
                    f"{cpu['other']:.1f}), this process {py:.1f} s; load average "
                    f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
                )
                if args.profile:
                    total = sum(v[0] for v in prof.values())
                    print(
                        f"  time in statements: {total:.1f} s of {t:.1f} s "
                        "(the rest: Python row building, BEGIN/COMMIT round trips)"
                    )
                    for q, (sec, n) in sorted(prof.items(), key=lambda kv: -kv[1][0])[:10]:
                        print(f"  {sec:6.2f} s {n:6d}x  {q}")
            rss = _peak_rss_mb(info.pid)
            print(f"java peak RSS (VmHWM): {rss:,.0f} MB" if rss else "java peak RSS: n/a")
        finally:
            local_server.stop_server(info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
