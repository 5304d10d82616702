"""Extract tasks and their owners from Chinese government task documents.

Public API::

    from extract import extract_paths, extract_text, read_source
    result = extract_paths(["data/"])          # files and folders of every supported type
    for doc in result.documents: ...
    read_source(Path("a.pdf")).lines           # the source lines records point into

The extractor knows nothing of graphs or apps: it returns the plain records in
:mod:`extract.models`. Reading goes file -> :mod:`extract.readers` -> blocks
(:mod:`extract.blocks`) -> units (:mod:`extract.units`) -> layout readers
(:mod:`extract.layouts`) -> records (:mod:`extract.pipeline`).
"""

from extract.models import (
    Assignment,
    Deadline,
    Document,
    ExtractionResult,
    ExtractionWarning,
    FileError,
    Org,
    SourceSpan,
    Task,
    UnreadItem,
)
from extract.pipeline import extract_paths, extract_source, extract_text
from extract.readers import SUPPORTED_SUFFIXES, read_source

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Assignment",
    "Deadline",
    "Document",
    "ExtractionResult",
    "ExtractionWarning",
    "FileError",
    "Org",
    "SourceSpan",
    "Task",
    "UnreadItem",
    "extract_paths",
    "extract_source",
    "extract_text",
    "read_source",
]
