"""Only for ``ui/pages/console.py``, which still imports ``ui.data`` (it belongs to the
console's own rework and is re-wired at merge). Everything else lives in
:mod:`ui.settings`, :mod:`ui.connection`, :mod:`ui.cache`, :mod:`ui.reads` and
:mod:`ui.console_runner`.
"""

from __future__ import annotations

from ui.connection import reader as get_store
from ui.console_runner import ConsoleResult, run_console

__all__ = ["ConsoleResult", "get_store", "run_console"]
