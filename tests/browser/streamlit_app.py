"""Serving ``streamlit run app.py`` for the browser tests, and the browser they drive.

One place for what every browser test needs: Debian's Chromium (never a downloaded
browser) with the flags this machine's closed network wants, a free port, and the app
started as a subprocess and waited for until its health check answers.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

__all__ = ["CHROMIUM", "IN_CI", "LAUNCH_ARGS", "ROOT", "free_port", "needs_chromium",
           "serve_app"]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ZEREN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# Without Chromium a developer's run skips the browser tests and says so; in CI (where
# tests/run.sh installs it) a missing browser fails them.
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not IN_CI,
    reason="chromium is not installed (tests/run.sh installs it as root)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_app(env: Mapping[str, str], log: Path, args: Sequence[str] = ()
              ) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run ``streamlit run app.py [args]`` with ``env`` added to this process's
    environment; yield (url, process) once it answers, stop it afterwards.

    ``env`` must name the port: ``STREAMLIT_SERVER_PORT`` (or ``--server.port`` in args).
    """
    port = env.get("STREAMLIT_SERVER_PORT") or args[list(args).index("--server.port") + 1]
    with log.open("w") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", *args],
            cwd=ROOT, env={**os.environ, **env}, stdout=fh, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.3)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
