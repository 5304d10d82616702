"""Extract tasks and their owners from Chinese government task documents.

Public API::

    from extract import extract_paths, extract_text
    result = extract_paths(["data/"])
    for doc in result.documents: ...

The extractor knows nothing of graphs or apps: it returns the plain records in
:mod:`extract.models`.
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
)
from extract.pipeline import extract_paths, extract_text

__all__ = [
    "Assignment",
    "Deadline",
    "Document",
    "ExtractionResult",
    "ExtractionWarning",
    "FileError",
    "Org",
    "SourceSpan",
    "Task",
    "extract_paths",
    "extract_text",
]
