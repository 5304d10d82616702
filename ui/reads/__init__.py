"""The app's read functions, one module per concern.

Each function takes an open :class:`graph.Store` first and returns plain values (or
:class:`ui.graphview.EdgeRow` for graphs); its Cypher is in ``ui/cypher/``. Pages call
them through :func:`ui.cache.cached`; tests and ``benchmarks/bench_app.py`` call them
directly.
"""
