"""Run one of ``ui/cypher/*.cypher`` with the app's timeout."""

from __future__ import annotations

from typing import Any

from graph import Store
from ui.cypher import statement
from ui.settings import QUERY_TIMEOUT

__all__ = ["run"]


def run(store: Store, name: str, /, **params: Any) -> list[dict[str, Any]]:
    """Rows of statement ``name`` with ``params``.

    Parameters
    ----------
    store:
        The store.
    name:
        A statement of ``ui/cypher/``.
    **params:
        Its ``$parameters``.

    Returns
    -------
    list[dict]
    """
    return store.read(statement(name), params, timeout=QUERY_TIMEOUT)
