"""st-link-analysis's own front end, with its few English words in Chinese.

The component's page (``index.html`` in the installed package) carries its button
tooltips and the side panel's "No selected elements" in English. Rather than ship a copy
of its JavaScript, the app copies the installed build once into a folder of its own,
replaces those words in ``index.html`` only, and declares the component from there; the
JavaScript, and so the behaviour, is the package's own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

__all__ = ["WORDS", "component"]

# English in the component's index.html -> what the app shows.
WORDS: dict[str, str] = {
    ">No selected elements<": ">未选中节点（点击节点查看属性）<",
    'title="Remove Nodes"': 'title="移除节点"',
    'title="Expand Node"': 'title="展开邻居"',
    'title="Refresh Layout"': 'title="重新布局"',
    'title="Download as JSON"': 'title="下载 JSON"',
    'title="Fullscreen"': 'title="全屏"',
    'title="Zoom In"': 'title="放大"',
    'title="Zoom Out"': 'title="缩小"',
    'title="Fit to Screen"': 'title="适应窗口"',
    'title="Recenter Veiw"': 'title="居中"',
    "<title>Streamlit Link Analysis</title>": "<title>责任图谱</title>",
}


def _build_dir() -> Path:
    import st_link_analysis

    return Path(st_link_analysis.__file__).parent / "frontend" / "build"


def _target() -> Path:
    base = os.environ.get("ZEREN_DATA_DIR") or os.path.join(tempfile.gettempdir(),
                                                            f"zeren-graph-{os.getuid()}")
    version = metadata.version("st-link-analysis")
    return Path(base) / "components" / f"st_link_analysis-{version}"


@cache
def component() -> Any:
    """The declared component (built on first use; the same arguments as the package's).

    Returns
    -------
    The component function: ``component()(elements=…, style=…, layout=…, height=…,
    key=…, nodeActions=…, events=…)``.
    """
    src, dst = _build_dir(), _target()
    index = dst / "index.html"
    if not index.is_file():
        tmp = dst.with_name(dst.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(src, tmp)
        text = (tmp / "index.html").read_text(encoding="utf-8")
        for english, chinese in WORDS.items():
            text = text.replace(english, chinese)
        (tmp / "index.html").write_text(text, encoding="utf-8")
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            tmp.rename(dst)
        except OSError:  # another process built it meanwhile
            shutil.rmtree(tmp, ignore_errors=True)
    return components.declare_component("zeren_link_analysis", path=str(dst))
