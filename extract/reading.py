"""Reading input files: encoding detection and binary rejection.

Gazette text reaches users as UTF-8 (with or without a BOM) and, from older
Windows tools, as GB18030/GBK. Anything else is reported, never guessed at
silently: a wrong guess would put garbage into the graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from errors import Errors, ZerenError

__all__ = ["collect_text_files", "read_text_file"]

# GB18030 is a superset of GBK and GB2312, so one attempt covers all three.
_ENCODINGS = ("utf-8-sig", "gb18030")
# Control characters other than tab/newline/carriage return/form feed are a strong
# sign of a binary file even when the bytes happen to decode.
_BINARY_CONTROLS = {c for c in range(32) if c not in (9, 10, 12, 13)}


def read_text_file(path: Path) -> str:
    """Read a text file as UTF-8, UTF-8 with BOM, or GB18030/GBK.

    Parameters
    ----------
    path : Path
        The file to read.

    Returns
    -------
    str
        The decoded text with ``\\r\\n`` and ``\\r`` normalised to ``\\n``.

    Raises
    ------
    ZerenError
        If the file cannot be opened, is binary, or decodes as none of the encodings.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ZerenError(Errors.E101.format(file=path, reason=exc.strerror or exc)) from exc
    head = data[:8192]
    if b"\x00" in head:
        raise ZerenError(Errors.E102.format(file=path, what="NUL bytes"))
    controls = sum(1 for b in head if b in _BINARY_CONTROLS)
    if head and controls / len(head) > 0.01:
        raise ZerenError(Errors.E102.format(file=path, what=f"{controls} control bytes"))
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ZerenError(Errors.E103.format(file=path))


def collect_text_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Expand files and directories (recursively, ``*.txt``) into a sorted file list.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and/or directories as the user named them.

    Returns
    -------
    files : list of Path
        Every file to read, in a stable order, without duplicates.
    problems : list of str
        One message for each path that does not exist or holds no text files.
    """
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                problems.append(Errors.E105.format(path=path))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Errors.E104.format(path=path))
    unique = list(dict.fromkeys(files))
    return unique, problems
