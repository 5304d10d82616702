"""Charts as Vega-Lite specs: plain dicts in the JSON Vega-Lite reads, drawn with
``st.vega_lite_chart(data, spec, width="stretch")``.

The pages used to build them with Altair, which renders to exactly these specs; importing
Altair (with narwhals and the JSON-schema validator behind it) costs 0.2-0.5 s of CPU on
the 2-core machine, paid by the first page that draws a chart: the overview, right after
start. ``tests/test_app_pages.py`` validates every spec the pages send against the
Vega-Lite schema that Altair bundles.
"""

from __future__ import annotations

from typing import Any

__all__ = ["channel"]


def channel(field: str | None, kind: str, **props: Any) -> dict[str, Any]:
    """One encoding channel (Altair's ``alt.X("org:N", title=None)`` is
    ``channel("org", "nominal", title=None)``).

    Parameters
    ----------
    field:
        The data column, or ``None`` for a count (``aggregate="count"``).
    kind:
        ``"nominal"``, ``"ordinal"`` or ``"quantitative"``.
    **props:
        Further channel properties: ``title``, ``sort``, ``axis``, ``scale``, ``legend``,
        ``aggregate``.

    Returns
    -------
    dict
    """
    return {**({"field": field} if field is not None else {}), "type": kind, **props}
