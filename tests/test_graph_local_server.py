"""The zero-setup local server's life cycle: start, share, release, stop (real processes)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from errors import ZerenError
from extract.models import Document
from graph import local_server
from graph.store import connect, open_store

_CLIENT = """
import sys, time
sys.path.insert(0, {root!r})
from graph.store import connect, open_store
with open_store(data_dir={data!r}, env_file=None) as store:
    print(store.uri, flush=True)
    sys.stdin.readline()   # hold the server until told to go
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # our own child may be a zombie until reaped
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done != pid
    except ChildProcessError:
        return Path(f"/proc/{pid}").exists() or sys.platform != "linux"


@pytest.fixture
def no_neo4j_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)


def test_local_server_life_cycle(
    tmp_path: Path, no_neo4j_env: None, sample_docs: list[Document]
) -> None:
    """Stale state -> start; share with a second process; last client out stops it;
    the data persists; ``serve`` restarts it, prints credentials, stops on SIGTERM."""
    data = tmp_path / "zg"
    data.mkdir()
    # a stale state file: its pid is not an ArcadeDB server on this folder
    (data / "server.json").write_text(
        json.dumps(
            {
                "pid": os.getpid(),
                "bolt_port": 1,
                "http_port": 2,
                "database": "zeren",
                "data_dir": str(data),
            }
        )
    )
    assert local_server.read_state(data) is None
    first = open_store(data_dir=data, env_file=None)
    try:
        assert first.kind == "local" and first.uri.startswith("bolt://127.0.0.1:")
        info = local_server.read_state(data)
        assert info is not None and not info.detached and info.pid != os.getpid()
        for name in ("password", "reader-password", "server.json"):  # secrets are private
            assert stat.S_IMODE((data / name).stat().st_mode) == 0o600
        assert len((data / "password").read_text().strip()) >= 8
        assert first.load_documents(sample_docs).ok
        # a second process reuses the same server instead of starting one
        other = subprocess.Popen(
            [sys.executable, "-c", _CLIENT.format(root=str(ROOT), data=str(data))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert other.stdout is not None and other.stdin is not None
        assert other.stdout.readline().strip() == first.uri
    finally:
        first.close()  # the starter leaves first: the other client keeps it running
    assert _alive(info.pid)
    with open_store(data_dir=data, env_file=None) as again:
        assert again.uri == first.uri
    assert _alive(info.pid)
    other.stdin.write("\n")
    other.stdin.flush()
    assert other.wait(60) == 0
    deadline = time.monotonic() + 20  # the last client out stops it
    while _alive(info.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(info.pid)
    assert local_server.read_state(data) is None

    # `serve` restarts it on the same folder: the data is still there
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "--data-dir", str(data), "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    lines: dict[str, str] = {}
    for line in proc.stdout:
        key, _, value = line.partition(":")
        lines[key.strip()] = value.strip()
        if line.startswith("Ctrl-C"):
            break
    served = local_server.read_state(data)
    assert served is not None and served.detached and served.pid != info.pid
    assert lines["bolt URI"] == served.uri
    assert lines["writer"] == f"user root, password in {data.resolve() / 'password'}"
    password = (data / "password").read_text().strip()
    with connect(served.uri, username="root", password=password) as store:
        assert store.stats()["nodes"]["Document"] == len(sample_docs)
    # a client of a detached server does not stop it
    with open_store(data_dir=data, env_file=None) as client:
        assert client.uri == served.uri
    assert _alive(served.pid)
    proc.terminate()
    assert proc.wait(60) == 0
    assert not _alive(served.pid)


def test_unusable_data_dir_is_a_clear_error(tmp_path: Path, no_neo4j_env: None) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ZerenError) as err:
        open_store(data_dir=blocker / "sub", env_file=None)
    assert "cannot use the data folder" in str(err.value)
    assert str(blocker / "sub") in str(err.value)


def test_data_dir_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ZEREN_DATA_DIR", str(tmp_path / "x"))
    assert local_server.default_data_dir() == tmp_path / "x"
    monkeypatch.delenv("ZEREN_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert local_server.default_data_dir() == tmp_path / "xdg" / "zeren-graph"


def test_bundled_java_exists() -> None:
    java = local_server.java_path()
    assert java.is_file() and os.access(java, os.X_OK)
