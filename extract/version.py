"""Which extractor produced a record: a version plus a hash of the vocabulary data.

A stored document remembers :func:`fingerprint` so that a reload after an extractor
upgrade or an edit of ``extract/data/*`` (a new spelling in the alias registry, a role
word) rewrites exactly the documents an older extractor made, instead of skipping them
as unchanged.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__all__ = ["EXTRACTOR_VERSION", "data_hash", "fingerprint"]

# Bump when the rules change what is read from the same text (not for refactors).
EXTRACTOR_VERSION = "2"

_DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def data_hash() -> str:
    """SHA-256 (first 12 hex digits) over every file of ``extract/data/``, names included."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _DATA.rglob("*") if p.is_file()):
        digest.update(path.relative_to(_DATA).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def fingerprint() -> str:
    """``"<version>+<data hash>"``, e.g. ``"2+3f9a0c1d2e4b"``."""
    return f"{EXTRACTOR_VERSION}+{data_hash()}"
