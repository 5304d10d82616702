"""责任图谱's graph package: extracted records -> networkx model -> Neo4j/Bolt store.

Public API (kept small and stable; other packages build on it):

- :func:`open_store` (``access="write"`` for load/import, ``"read"`` for every read
  path: the server-enforced read-only account) -> :class:`Store` (context manager):
  ``.driver``, ``.database``, ``.uri``, ``.kind`` (``"local"`` | ``"neo4j"``), ``.access``,
  ``.read_enforced``, ``.query_timeout``, ``.read(cypher, params, timeout=)``,
  ``.load_documents(documents, prune=, force=, progress=)`` -> :class:`LoadReport`
  (``.stale``: rewritten because an older extractor made them), ``.stats()`` (with
  ``stale_documents``), ``.stale_count()``, ``.to_networkx()``, ``.clear()``.
- :func:`build_graph` -> ``networkx.MultiDiGraph`` from extracted documents.
- :mod:`graph.schema` — labels, keys and relationship types.
"""

from __future__ import annotations

from graph.model import build_graph
from graph.neo4j_store import LoadReport, Store
from graph.store import connect, open_store

__all__ = ["LoadReport", "Store", "build_graph", "connect", "open_store"]
