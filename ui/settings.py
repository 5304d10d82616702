"""Where the app's store is and where its files are (read from the environment).

``NEO4J_URI`` (unset = the built-in local server), ``NEO4J_USERNAME``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` — from the environment first, then a ``.env``
file in the repository root, exactly as :func:`graph.store.open_store` reads them.
``ZEREN_AUTOLOAD=0`` turns off loading the bundled corpus into an empty store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

__all__ = ["CORPUS_DIR", "QUERY_TIMEOUT", "ROOT", "Settings", "autoload_enabled",
           "corpus_path", "settings"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "data" / "corpus"
QUERY_TIMEOUT = 20.0  # seconds, for the app's own queries


@dataclass(frozen=True)
class Settings:
    """Where the app's store is (``uri=None`` = the local server)."""

    uri: str | None
    username: str | None
    password: str | None
    database: str | None

    @property
    def key(self) -> str:
        """A cache key naming the store (never includes the password)."""
        return f"{self.uri or 'local'}|{self.username or ''}|{self.database or ''}"


def settings() -> Settings:
    """Read the connection settings (environment first, then ``.env`` in the repo root).

    Returns
    -------
    Settings
    """
    env_file = ROOT / ".env"
    if env_file.is_file():
        load_dotenv(env_file, override=False)
    return Settings(
        uri=os.environ.get("NEO4J_URI") or None,
        username=os.environ.get("NEO4J_USERNAME") or None,
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )


def autoload_enabled() -> bool:
    """Whether an empty store gets the bundled corpus on first start (``ZEREN_AUTOLOAD``)."""
    return os.environ.get("ZEREN_AUTOLOAD", "1") != "0"


def corpus_path() -> Path:
    """The bundled corpus folder, relative (``data/corpus``) when the app runs from the
    repository root, so stored ``source_file`` values match ``python -m graph load data/``.

    Returns
    -------
    Path
    """
    return CORPUS_DIR.relative_to(ROOT) if Path.cwd().resolve() == ROOT else CORPUS_DIR
