"""``streamlit run app.py`` as a user starts it — no command-line flags, only the repo's
``.streamlit/config.toml`` — listens on 127.0.0.1 only, shows no Deploy button, and
sends nothing out: every request the page makes (Debian's Chromium driven by playwright)
goes to the app itself, and the app's process opens no connection but to 127.0.0.1.
Stopped, the app stops the built-in graph server it started.

Skipped like the other browser test when Chromium or playwright is missing (a failure
in CI, where ``tests/run.sh`` installs both).
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from graph import local_server

from .streamlit_app import CHROMIUM, LAUNCH_ARGS, free_port, needs_chromium, serve_app
from .test_app_browser import playwright_api

pytestmark = [needs_chromium, pytest.mark.timeout(300)]
_LOCAL_SCHEMES = ("data", "blob", "about", "chrome-extension", "chrome")


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _tcp_sockets(pid: int) -> list[tuple[str, str, str]]:
    """(local address, remote address, state) of the process' TCP sockets (IPv4 and v6),
    addresses as the kernel writes them in /proc/net/tcp (hex)."""
    inodes = _socket_inodes(pid)
    out = []
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes:
                out.append((fields[1], fields[2], fields[3]))
    return out


def _is_loopback(hex_addr: str) -> bool:
    host = hex_addr.split(":")[0]
    if len(host) == 8:  # IPv4, little-endian
        return host.endswith("7F")
    # IPv6 ::1, or an IPv4-mapped 127.x address
    return host in ("00000000000000000000000001000000",) or (
        host.startswith("0000000000000000FFFF0000") and host.endswith("7F")
    )


def _other_address() -> str | None:
    """An address of this machine that is not loopback (None if it has none)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # no packet is sent for UDP connect
            addr = s.getsockname()[0]
        except OSError:
            return None
    return None if addr.startswith("127.") else addr


@pytest.fixture(scope="module")
def served(bolt_server, loaded_store, tmp_path_factory) -> Iterator[tuple[str, int, int]]:
    """``streamlit run app.py`` with no flags: (url, port, pid)."""
    port = free_port()
    env = {
        **bolt_server.env(bolt_server.database),
        "ZEREN_AUTOLOAD": "0",
        "ZEREN_UPLOAD_DIR": str(tmp_path_factory.mktemp("uploads")),
        # Only the port: everything else (address, usage statistics, toolbar) comes from
        # .streamlit/config.toml, as for a user.
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_HEADLESS": "true",
    }
    log = tmp_path_factory.mktemp("streamlit-local") / "streamlit.log"
    with serve_app(env, log) as (url, proc):
        yield url, port, proc.pid


def test_listens_on_127_0_0_1_only(served: tuple[str, int, int]) -> None:
    _url, port, pid = served
    listening = [(local, state) for local, _remote, state in _tcp_sockets(pid)
                 if state == "0A" and int(local.split(":")[1], 16) == port]  # 0A = LISTEN
    assert listening, "the app's port is not among its sockets"
    assert all(_is_loopback(local) for local, _ in listening), listening
    other = _other_address()
    if other is not None:  # reached from another address of this machine: refused
        with socket.socket() as s, pytest.raises(OSError):
            s.settimeout(3)
            s.connect((other, port))


def test_pages_send_nothing_out(served: tuple[str, int, int]) -> None:
    url, _port, pid = served
    requests: list[str] = []
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_context(locale="zh-CN").new_page()
            page.set_default_timeout(30_000)
            page.on("request", lambda r: requests.append(r.url))
            page.on("websocket", lambda ws: requests.append(ws.url))
            for path, heading in [("", "总览 Overview"), ("/graph", "图谱 Graph"),
                                  ("/cypher", "Cypher 控制台 Console")]:
                page.goto(url + path)
                page.get_by_role("heading", name=heading).first.wait_for()
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(1500)
            page.get_by_role("button", name="运行 Run").click()
            page.get_by_text("行 rows").first.wait_for()
            page.wait_for_load_state("networkidle")
            assert page.get_by_role("button", name="Deploy").count() == 0
            assert page.get_by_text("Deploy", exact=True).count() == 0
        finally:
            browser.close()
    outside = [u for u in requests
               if urlparse(u).scheme not in _LOCAL_SCHEMES
               and urlparse(u).hostname not in ("127.0.0.1", "localhost")]
    assert requests and outside == []
    remote = [(local, peer) for local, peer, state in _tcp_sockets(pid)
              if state != "0A" and not _is_loopback(peer)]
    assert remote == []  # the app process itself talks to 127.0.0.1 only


def test_stopping_the_app_stops_the_local_server_it_started(tmp_path: Path) -> None:
    # A user's start: no NEO4J_URI, so the first page starts the built-in server. Stopped
    # by SIGTERM (as a service manager or the tests stop it), the app ends by that signal
    # without running atexit, so its shut-down (ui/lifespan.py) must release the server.
    data = tmp_path / "graph-data"
    port = free_port()
    env = {"NEO4J_URI": "", "ZEREN_DATA_DIR": str(data), "ZEREN_AUTOLOAD": "0",
           "STREAMLIT_SERVER_PORT": str(port), "STREAMLIT_SERVER_HEADLESS": "true"}
    try:
        with serve_app(env, tmp_path / "streamlit.log") as (url, _proc):
            with playwright_api.sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                try:
                    page = browser.new_context(locale="zh-CN").new_page()
                    page.goto(url)
                    page.get_by_role("heading", name="总览 Overview").wait_for(timeout=120_000)
                finally:
                    browser.close()
            assert local_server.running_servers(data.resolve())
        deadline = time.monotonic() + 30
        while local_server.running_servers(data.resolve()) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert local_server.running_servers(data.resolve()) == []
    finally:
        info = local_server.read_state(data)
        if info is not None:  # the test failed: do not leave the server running
            local_server.stop_server(info)
