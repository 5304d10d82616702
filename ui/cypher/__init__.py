"""The app's read statements, one ``<name>.cypher`` file each (so they can be read,
reviewed and linted with Neo4j's own parser apart from the Python that runs them).

Every statement is complete as written: values arrive only as ``$parameters``, and no
label, type or property name is ever spliced in.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["CYPHER_DIR", "names", "statement"]

CYPHER_DIR = Path(__file__).parent


@cache
def statement(name: str) -> str:
    """The text of ``ui/cypher/<name>.cypher`` (read once per process).

    Parameters
    ----------
    name:
        The file's stem, e.g. ``"org_candidates"``.

    Returns
    -------
    str

    Raises
    ------
    FileNotFoundError
        When there is no such statement (a programming error, caught by the tests).
    """
    return (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")


def names() -> list[str]:
    """Every statement's name, sorted.

    Returns
    -------
    list[str]
    """
    return sorted(p.stem for p in CYPHER_DIR.glob("*.cypher"))
