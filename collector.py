"""Python's cyclic garbage collector, calmed while an extraction or a load runs.

Both make millions of small objects and almost no reference cycles, and hold many of
them alive for a while (a document's blocks, a batch's rows and parameters). The
collector's default rhythm — a young-generation pass every 700 allocations, a full pass
every 100 young ones, each full pass walking everything alive — then costs a large share
of the CPU: 15-45 % of extracting a 1 MB table (``benchmarks/bench_extract.py``), ~60 % of
building the rows and parameters of the 100x load (``benchmarks/bench_graph.py``).
Inside :func:`calm_collector` young passes run every 50,000 allocations and full passes
not at all; reference counting still frees the objects, and the young passes still
collect the cycles the neo4j driver leaves (a transaction and its results). Nested and
concurrent users share one pause; the last one out restores the thresholds it found.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["calm_collector"]

_GEN0 = 50_000  # allocations between young-generation passes
_NO_FULL = 10**9  # young passes between full ones: none while calm

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def calm_collector() -> Iterator[None]:
    """Collect young objects rarely and old ones never, for the length of the block."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(max(_saved[0], _GEN0), _saved[1], _NO_FULL)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
