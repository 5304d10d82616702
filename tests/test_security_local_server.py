"""The local server's secrets and privileges, measured on real processes: no password on
any command line or in any log, owner-only files, the read-only account provisioned at
first start and on every start of a database that lacks it, and the tests' own
isolation from a database the user configured."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT, BoltServer, sample_documents

from errors import ZerenError
from graph import local_server
from graph.store import open_store


def _modes(root: Path) -> list[tuple[str, str]]:
    """Every folder that is not 0700 and every file that is not 0600 below ``root``."""
    wrong = []
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode != (0o700 if path.is_dir() else 0o600):
            wrong.append((str(path.relative_to(root)), oct(mode)))
    return wrong


def _logs(root: Path) -> bytes:
    return b"".join(
        p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and (p.name.endswith((".log", ".jsonl")) or ".log." in p.name)
        and "server-users" not in p.name
    )


def test_no_password_on_the_command_line_or_in_a_log(bolt_server: BoltServer) -> None:
    if bolt_server.pid is None or bolt_server.data_dir is None:
        pytest.skip("an external test server: not ours to inspect")
    secrets = [bolt_server.password, bolt_server.read_password]
    assert all(s and len(s) >= 8 for s in secrets)
    cmdline = Path(f"/proc/{bolt_server.pid}/cmdline").read_bytes()
    ps = subprocess.run(["ps", "-ww", "-o", "args=", "-p", str(bolt_server.pid)],
                        capture_output=True, text=True, check=True).stdout
    environ = Path(f"/proc/{bolt_server.pid}/environ").read_bytes()
    logs = _logs(bolt_server.data_dir)
    assert "ArcadeDBServer" in ps and logs  # we looked at the real things
    for secret in secrets:
        assert secret is not None
        assert secret.encode() not in cmdline and secret not in ps
        assert secret.encode() not in environ
        assert secret.encode() not in logs
    # the server reads root's password from its owner-only file instead
    assert f"-Darcadedb.server.rootPasswordPath={bolt_server.data_dir / 'password'}" in ps


def test_data_folder_is_owner_only(bolt_server: BoltServer) -> None:
    if bolt_server.data_dir is None:
        pytest.skip("an external test server")
    assert _modes(bolt_server.data_dir) == []


def test_an_old_folder_is_made_private_and_gets_a_reader(tmp_path: Path) -> None:
    """A data folder made by an older version: world-readable files, no reader group or
    user. The next start tightens the modes and provisions the read-only account; the
    data stays."""
    data = tmp_path / "zg"
    with open_store(data_dir=data, env_file=None) as store:
        assert store.load_documents(sample_documents()).ok
    # undo what this version did: no reader, public files
    users = data / "config" / "server-users.jsonl"
    users.write_text("".join(line + "\n" for line in users.read_text().splitlines()
                             if json.loads(line)["name"] != local_server.READER))
    groups_path = data / "config" / "server-groups.json"
    groups = json.loads(groups_path.read_text())
    del groups["databases"]["*"]["groups"][local_server.READER]
    groups_path.write_text(json.dumps(groups))
    (data / "reader-password").unlink()
    for path in [data, *data.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)

    with open_store(data_dir=data, env_file=None, access="read") as reader:
        assert reader.read_enforced and reader.access == "read"
        assert reader.read("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 2}]
        with pytest.raises(ZerenError) as err:
            reader.load_documents(sample_documents())
        assert err.value.code == "E219"  # a read store does not even try
        # and the server refuses the account itself, whatever the client does
        session = reader.driver.session(database=reader.database)
        with session, pytest.raises(Exception) as forbidden:
            session.run("CREATE (:Evil)").consume()
        assert getattr(forbidden.value, "code", "") == "Neo.ClientError.Security.Forbidden"
        assert _modes(data) == []
    names = [json.loads(line)["name"] for line in users.read_text().splitlines()]
    assert sorted(names) == sorted(["root", local_server.READER])


def test_serve_prints_where_the_passwords_are_not_the_passwords(tmp_path: Path) -> None:
    data = tmp_path / "zg"
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "--data-dir", str(data), "serve"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    out = []
    for line in proc.stdout:
        out.append(line)
        if line.startswith("Ctrl-C"):
            break
    try:
        text = "".join(out)
        for name in ("password", "reader-password"):
            secret = (data / name).read_text().strip()
            assert secret not in text
            assert str(data / name) in text
    finally:
        proc.terminate()
        assert proc.wait(60) == 0


# --- the tests never touch the user's database -----------------------------------------


class _Listener:
    """A TCP port that records every connection (a stand-in for the user's Neo4j)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.thread.join(5)
        self.sock.close()


def test_the_suite_ignores_neo4j_uri(tmp_path: Path) -> None:
    """A user who exported NEO4J_URI runs the tests: tests that
    clear and load databases run against the suite's own server, and not one
    connection reaches the user's."""
    users_db = _Listener()
    try:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("NEO4J_", "ZEREN_TEST_", "PYTEST_"))}
        env.update({
            "NEO4J_URI": f"bolt://127.0.0.1:{users_db.port}",
            "NEO4J_USERNAME": "neo4j",
            "NEO4J_PASSWORD": "the-users-password",
            "NEO4J_DATABASE": "production",
        })
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             "tests/test_graph_store.py::test_reload_unchanged_changes_nothing",
             "tests/test_graph_store.py::test_cli_load_stats_export"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )
    finally:
        users_db.close()
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "2 passed" in proc.stdout
    assert users_db.connections == 0
