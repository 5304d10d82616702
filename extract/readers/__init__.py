"""File readers: one module per file type, each turning a file into a :class:`SourceText`.

Every reader gives the same thing — the file's source lines and its blocks (paragraph
lines and table rows, :mod:`extract.blocks`) — so everything after reading is the same
whatever the format. A new format is a new module and one line in :data:`READERS`.

>>> source = read_source(Path("data/corpus/000_21dbe221950a7587.txt"))  # doctest: +SKIP
>>> source.blocks[0]                                                      # doctest: +SKIP
LogicalLine(text='郑州市人民政府公报', start=1, end=1, breaks=())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from errors import Errors, ZerenError
from extract.blocks import SourceText
from extract.readers import docx, html, office, pdf, text

__all__ = ["READERS", "SUPPORTED_SUFFIXES", "collect_files", "read_source"]

Reader = Callable[[Path], SourceText]

# suffix (lower case) -> reader. Each reader raises ZerenError (with a code) for a file
# it cannot read; it never returns partial garbage.
READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".docx": docx.read,
    ".html": html.read,
    ".htm": html.read,
    ".mht": html.read,  # "web page, single file" (IE, 360, Chromium)
    ".mhtml": html.read,
    ".pdf": pdf.read,
    # converted with LibreOffice when it is installed (E127 says how otherwise)
    ".doc": office.read,
    ".wps": office.read,
    ".rtf": office.read,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(READERS)


def read_source(path: Path) -> SourceText:
    """Read one file with the reader for its suffix.

    Parameters
    ----------
    path : Path

    Returns
    -------
    SourceText

    Raises
    ------
    ZerenError
        E106 for an unsupported suffix; the reader's own error for a file it cannot read.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ZerenError(Errors.E106.format(file=path, suffix=path.suffix,
                                            suffixes=", ".join(SUPPORTED_SUFFIXES)))
    return reader(path)


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Expand files and directories (recursively, every supported suffix) into a file list.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and/or directories as the user named them. A file named directly is
        kept whatever its suffix (reading it reports an unsupported type by name).

    Returns
    -------
    files : list of Path
        Every file to read, in a stable order, without duplicates.
    problems : list of str
        One message for each path that does not exist or holds no supported file.
    """
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in READERS)
            if not found:
                problems.append(Errors.E105.format(path=path,
                                                   suffixes=", ".join(SUPPORTED_SUFFIXES)))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Errors.E104.format(path=path))
    return list(dict.fromkeys(files)), problems
