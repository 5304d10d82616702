"""Source passages: read a document's lines, mask phone numbers, highlight task spans.

The graph stores ``source_file`` (relative to the repository root, or absolute) and
1-based inclusive ``line_start`` / ``line_end``; this module only *reads* those lines back
(it does not parse them). Text is HTML-escaped before any markup is added.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from errors import Errors, ZerenError
from extract.readers import read_source
from ui.phones import MASK, mask_phones

__all__ = [
    "MASK",
    "SpanNote",
    "mask_phones",
    "passage_html",
    "read_source_lines",
    "resolve_source",
]

_ROOT = Path(__file__).resolve().parent.parent


def resolve_source(source_file: str) -> Path:
    """The path of a stored ``source_file`` on this machine.

    Parameters
    ----------
    source_file:
        As stored in the graph: relative to the repository root (or the working
        directory), or absolute.

    Returns
    -------
    Path
        The existing file.

    Raises
    ------
    ZerenError
        E405 when the file is not on this machine.
    """
    p = Path(source_file)
    candidates = [p] if p.is_absolute() else [_ROOT / p, Path.cwd() / p]
    for c in candidates:
        if c.is_file():
            return c
    raise ZerenError(Errors.E405.format(file=source_file, root=_ROOT))


@lru_cache(maxsize=16)
def _lines(path: str, mtime: float) -> tuple[str, ...]:
    # The extractor's own reader: its lines are the ones every record's line numbers count
    # (for Word, PDF and web pages, the lines it rendered the file as).
    return tuple(read_source(Path(path)).lines)


def read_source_lines(source_file: str) -> tuple[str, ...]:
    """All source lines of a file (index 0 is line 1), as the extractor's reader for its
    type renders them (text as decoded; Word, PDF and HTML as rendered).

    Parameters
    ----------
    source_file:
        As stored in the graph.

    Returns
    -------
    tuple[str, ...]

    Raises
    ------
    ZerenError
        E405 when the file is not on this machine or cannot be read.
    """
    path = resolve_source(source_file)
    try:
        return _lines(str(path), path.stat().st_mtime)
    except (OSError, ZerenError):
        raise ZerenError(Errors.E405.format(file=source_file, root=_ROOT)) from None


class SpanNote:
    """A highlighted line range with a note shown beside it (a task and its owners)."""

    def __init__(self, start: int, end: int, note: str = "", anchor: str = "") -> None:
        self.start = start
        self.end = end
        self.note = note
        self.anchor = anchor


_STYLE = (
    "<style>.zg-src{font-family:ui-monospace,Menlo,monospace;font-size:13px;line-height:1.55;"
    "border:1px solid #ddd;border-radius:6px;padding:6px 8px;background:#fafafa;"
    "max-height:560px;overflow:auto}"
    ".zg-src .ln{color:#999;display:inline-block;min-width:3.2em;user-select:none}"
    ".zg-src .hl{background:#fff3b0;display:block}"
    ".zg-src .ev{background:#ffd27a;display:block;font-weight:600}"
    ".zg-src .nt{display:block;margin:2px 0 6px 3.2em;padding:2px 8px;border-left:3px solid"
    " #d98e04;background:#fff;color:#5a4500;font-family:sans-serif;font-size:12px}"
    ".zg-src .row{display:block;white-space:pre-wrap}"
    ".zg-side{display:grid;grid-template-columns:minmax(0,1fr) 300px;column-gap:10px}"
    ".zg-side .sd{font-family:sans-serif;font-size:12px;color:#5a4500;align-self:start}"
    ".zg-side .sd:not(:empty){border-left:3px solid #d98e04;background:#fff;padding:2px 8px}"
    "</style>"
)


def passage_html(
    lines: Sequence[str],
    first: int,
    last: int,
    *,
    spans: Iterable[SpanNote] = (),
    strong_lines: Iterable[int] = (),
    terms: Iterable[str] = (),
    mask: bool = True,
    notes_beside: bool = False,
) -> str:
    """Lines ``first..last`` (1-based, inclusive) as HTML, with spans highlighted.

    Parameters
    ----------
    lines:
        From :func:`read_source_lines`.
    first, last:
        The range to show (clipped to the file).
    spans:
        Ranges to highlight; each span's note is shown after its last line.
    strong_lines:
        Lines to mark more strongly (the lines a role was read from).
    terms:
        Search words to mark inside the shown lines.
    mask:
        Mask phone numbers.
    notes_beside:
        Show each span's note in a right-hand column level with the span's first line
        (instead of below its last line).

    Returns
    -------
    str
        An HTML fragment (for ``st.html`` / ``st.markdown(unsafe_allow_html=True)``).
    """
    first = max(1, first)
    last = min(len(lines), last)
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    strong = set(strong_lines)
    marks = [html.escape(t) for t in terms if t and t.strip()]
    notes_after: dict[int, list[str]] = {}
    in_span: set[int] = set()
    anchors: dict[int, str] = {}
    for s in spans:
        in_span.update(range(s.start, s.end + 1))
        if s.note:
            at = max(s.start, first) if notes_beside else min(s.end, last)
            notes_after.setdefault(at, []).append(s.note)
        if s.anchor:
            anchors.setdefault(s.start, s.anchor)
    out = [_STYLE, '<div class="zg-src zg-side">' if notes_beside else '<div class="zg-src">']
    for n in range(first, last + 1):
        text = lines[n - 1]
        if mask:
            text = mask_phones(text)
        cls = "ev" if n in strong else ("hl" if n in in_span else "row")
        anchor = f' id="{html.escape(anchors[n])}"' if n in anchors else ""
        body = html.escape(text)
        for m in marks:
            body = body.replace(m, f"<mark>{m}</mark>")
        out.append(f'<span class="{cls} row"{anchor}><span class="ln">{n}</span>{body}</span>')
        notes = [html.escape(note) for note in notes_after.get(n, [])]
        if notes_beside:
            out.append(f'<span class="sd">{"<br>".join(notes)}</span>')
        else:
            out.extend(f'<span class="nt">{note}</span>' for note in notes)
    out.append("</div>")
    return "".join(out)
