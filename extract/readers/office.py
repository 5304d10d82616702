"""Older office formats — ``.doc``, ``.wps``, ``.rtf`` — read by converting them to
``.docx`` with LibreOffice, then reading that with the Word reader.

LibreOffice is optional (it is large, and most users have ``.docx``): when it is not
installed the file gets one message naming it and saying how to convert it. The
program is ``$ZEREN_SOFFICE`` if set, else ``soffice`` or ``libreoffice`` on the PATH.
Each conversion runs in a private temporary profile, so it works while the user has
LibreOffice open and two conversions never share state.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from errors import Errors, ZerenError
from extract.blocks import SourceText
from extract.readers import docx

__all__ = ["CONVERT_TIMEOUT", "find_soffice", "read"]

CONVERT_TIMEOUT = 120  # seconds; a normal document converts in a few
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def find_soffice() -> str | None:
    """The LibreOffice program to convert with, or ``None`` when there is none."""
    configured = os.environ.get("ZEREN_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(path: Path) -> SourceText:
    """Convert ``path`` to .docx with LibreOffice and read it; records keep ``path``.

    Raises
    ------
    ZerenError
        E101 when the file cannot be opened, E127 when LibreOffice is not installed,
        E128 when the conversion fails or times out; the Word reader's errors after.
    """
    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        raise ZerenError(Errors.E101.format(file=path, reason=exc.strerror or exc)) from exc
    # Name LibreOffice's import filter by the content: without one, a file it cannot
    # read is imported as plain text, and garbage would reach the graph.
    if head == _OLE_MAGIC:
        in_filter = "MS Word 97"  # .doc, and Kingsoft WPS's .wps (the same binary format)
    elif head.startswith(b"{\\rtf"):
        in_filter = "Rich Text Format"
    else:
        raise ZerenError(Errors.E128.format(
            file=path, reason="its content is neither Word's binary format nor RTF"))
    soffice = find_soffice()
    if soffice is None:
        raise ZerenError(Errors.E127.format(file=path, suffix=path.suffix.lower()))
    with tempfile.TemporaryDirectory(prefix="zeren-soffice-") as tmp:
        work = Path(tmp)
        # A plain ASCII name: LibreOffice names its output after the input.
        source = work / f"input{path.suffix.lower()}"
        shutil.copyfile(path, source)
        out_dir = work / "out"
        args = [soffice, "--headless", "--norestore", "--nologo", "--nodefault",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                f"--infilter={in_filter}",
                "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(source)]
        try:
            done = subprocess.run(args, capture_output=True, timeout=CONVERT_TIMEOUT,
                                  stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired as exc:
            reason = f"no answer within {CONVERT_TIMEOUT} s"
            raise ZerenError(Errors.E128.format(file=path, reason=reason)) from exc
        except OSError as exc:
            raise ZerenError(Errors.E128.format(file=path, reason=exc.strerror or exc)) from exc
        converted = out_dir / "input.docx"
        if done.returncode != 0 or not converted.exists():
            said = (done.stderr + done.stdout).decode("utf-8", "replace").splitlines()
            errors = [line for line in said if line.startswith("Error")] or said
            reason = errors[-1].strip()[:200] if errors else f"exit code {done.returncode}"
            raise ZerenError(Errors.E128.format(file=path, reason=reason))
        source_text = docx.read(converted)
    source_text.file = str(path)
    source_text.format = path.suffix.lower().lstrip(".")
    return source_text
