"""Faults: damaged state files, lost or wrong passwords, a locked-out user, a full disk,
crashing and unreadable input files, a server restart under the console. Each gets one
clear, coded message with a way out — no traceback, no 60 s wait, no silent new
password — and no committed document is lost."""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, BoltServer, sample_documents
from neo4j import GraphDatabase

from errors import ZerenError
from graph import local_server
from graph.neo4j_store import Store
from graph.store import open_store

pytestmark = pytest.mark.timeout(600)


def _cli(*args: str, env: dict[str, str] | None = None,
         timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _one_clear_error(proc: subprocess.CompletedProcess[str]) -> str:
    """The CLI failed with exactly one ``error:`` line and no traceback."""
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, proc.stderr
    return errors[0]


@pytest.fixture(scope="module")
def existing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose (stopped) local server holds the two sample documents."""
    data = tmp_path_factory.mktemp("existing") / "zg"
    with open_store(data_dir=data, env_file=None) as store:
        assert store.load_documents(sample_documents()).ok
    assert local_server.read_state(data) is None  # stopped again
    return data


def _copy(existing: Path, tmp_path: Path) -> Path:
    data = tmp_path / "zg"
    shutil.copytree(existing, data, symlinks=True)
    return data


def _documents(data: Path) -> int:
    with open_store(data_dir=data, env_file=None, access="read") as store:
        return store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]


# --- server.json ---------------------------------------------------------------------

DAMAGED_STATE = {
    "a list": b"[1, 2]",
    "a string pid": json.dumps({"pid": "123", "bolt_port": 1, "http_port": 2,
                                "database": "zeren", "data_dir": "/x"}).encode(),
    "a boolean pid": json.dumps({"pid": True, "bolt_port": 1, "http_port": 2,
                                 "database": "zeren", "data_dir": "/x"}).encode(),
    "a negative pid": json.dumps({"pid": -5, "bolt_port": 1, "http_port": 2,
                                  "database": "zeren", "data_dir": "/x"}).encode(),
    "a huge pid": json.dumps({"pid": 2**70, "bolt_port": 1, "http_port": 2,
                              "database": "zeren", "data_dir": "/x"}).encode(),
    "missing keys": b'{"pid": 12}',
    "not JSON": b"{pid: 12",
    "binary": bytes(range(256)),
    "empty": b"",
    "null": b"null",
}


@pytest.mark.parametrize("what", list(DAMAGED_STATE))
def test_damaged_state_file_is_replaced_when_no_server_runs(
    tmp_path: Path, what: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "zg"
    data.mkdir()
    (data / "server.json").write_bytes(DAMAGED_STATE[what])
    assert local_server.read_state(data) is None
    with local_server._locked(data):
        assert local_server._running_or_none(data.resolve()) is None
    err = capsys.readouterr().err
    assert "server.json was damaged" in err and "it was replaced" in err, err
    assert not (data / "server.json").exists()


def test_state_file_that_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "zg"
    (data / "server.json").mkdir(parents=True)
    with local_server._locked(data):
        assert local_server._running_or_none(data.resolve()) is None
    assert "server.json was damaged" in capsys.readouterr().err
    assert not (data / "server.json").exists()


def test_cli_with_a_damaged_state_file_starts_a_server(tmp_path: Path) -> None:
    """The issue's traceback cases end to end: a list, and a string pid."""
    data = tmp_path / "zg"
    data.mkdir()
    (data / "server.json").write_bytes(DAMAGED_STATE["a list"])
    proc = _cli("--data-dir", str(data), "stats")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "server.json was damaged" in proc.stderr
    (data / "server.json").write_bytes(DAMAGED_STATE["a string pid"])
    proc = _cli("--data-dir", str(data), "stats", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["nodes"]["Document"] == 0


def test_damaged_state_while_a_server_runs_names_its_pid(existing: Path, tmp_path: Path) -> None:
    data = _copy(existing, tmp_path)
    with local_server.acquire(data) as handle:
        good = (data / "server.json").read_bytes()
        (data / "server.json").write_bytes(b"[garbage")
        with pytest.raises(ZerenError) as err:
            local_server.acquire(data)
        assert err.value.code == "E212"
        assert f"kill {handle.info.pid}" in str(err.value)
        (data / "server.json").write_bytes(good)


# --- the password file ---------------------------------------------------------------


def test_missing_password_is_an_error_never_a_new_password(existing: Path, tmp_path: Path) -> None:
    data = _copy(existing, tmp_path)
    (data / "password").unlink()
    t0 = time.monotonic()
    with pytest.raises(ZerenError) as err:
        open_store(data_dir=data, env_file=None)
    assert time.monotonic() - t0 < 10  # no wait for a server that cannot log in
    assert err.value.code == "E213"
    assert "reset-password" in str(err.value)
    assert not (data / "password").exists()  # nothing generated
    assert local_server.running_servers(data.resolve()) == []
    line = _one_clear_error(_cli("--data-dir", str(data), "stats"))
    assert "is missing" in line and "reset-password" in line


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "it is empty"),
        (b"  \n\n", "it is empty"),
        (b"\xff\xfe\x00binary\x81", "it is not text"),
        (b"two words\n", "more than one word"),
        (b"short\n", "shorter than 8"),
    ],
)
def test_damaged_password_is_an_error(
    existing: Path, tmp_path: Path, content: bytes, reason: str
) -> None:
    data = _copy(existing, tmp_path)
    (data / "password").write_bytes(content)
    t0 = time.monotonic()
    with pytest.raises(ZerenError) as err:
        open_store(data_dir=data, env_file=None)
    assert time.monotonic() - t0 < 10
    assert err.value.code == "E214" and reason in str(err.value)
    assert (data / "password").read_bytes() == content  # left for the user to restore


def test_password_file_that_is_a_folder(existing: Path, tmp_path: Path) -> None:
    data = _copy(existing, tmp_path)
    (data / "password").unlink()
    (data / "password").mkdir()
    with pytest.raises(ZerenError) as err:
        open_store(data_dir=data, env_file=None)
    assert err.value.code == "E214" and "it is a folder" in str(err.value)


def test_wrong_password_is_named_before_any_login(existing: Path, tmp_path: Path) -> None:
    """A replaced password file: told at once (the stored hash disagrees), without
    knocking on the server until it locks root out."""
    data = _copy(existing, tmp_path)
    (data / "password").write_text("a-perfectly-valid-but-wrong-password\n")
    t0 = time.monotonic()
    with pytest.raises(ZerenError) as err:
        open_store(data_dir=data, env_file=None)
    assert time.monotonic() - t0 < 10
    assert err.value.code == "E215"
    assert "not the password" in str(err.value) and "reset-password" in str(err.value)
    assert local_server.running_servers(data.resolve()) == []


def test_reset_password_keeps_the_data(existing: Path, tmp_path: Path) -> None:
    """The way out of E213/E214/E215: a new root password, the documents still there."""
    data = _copy(existing, tmp_path)
    (data / "password").unlink()
    proc = _cli("--data-dir", str(data), "reset-password")
    assert proc.returncode == 0, proc.stderr
    assert "new password" in proc.stdout
    assert list((data / "config").glob("server-users.jsonl.*.bak"))
    assert _documents(data) == 2
    with open_store(data_dir=data, env_file=None) as store:  # root logs in again
        assert store.stats()["nodes"]["Document"] == 2


def test_reset_password_refuses_while_the_server_runs(existing: Path, tmp_path: Path) -> None:
    data = _copy(existing, tmp_path)
    with local_server.acquire(data) as handle:
        with pytest.raises(ZerenError) as err:
            local_server.reset_password(data)
        assert err.value.code == "E223" and str(handle.info.pid) in str(err.value)


def test_a_fresh_folder_with_an_empty_password_file_gets_a_new_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No database yet, so nobody can be locked out: the empty file is replaced."""
    data = tmp_path / "zg"
    data.mkdir()
    (data / "password").write_text("")
    with open_store(data_dir=data, env_file=None) as store:
        assert store.read("RETURN 1 AS ok") == [{"ok": 1}]
    assert "no database existed yet; a new one was made" in capsys.readouterr().err
    assert len((data / "password").read_text().strip()) >= 8


def test_locked_out_user_is_told_what_happened(existing: Path, tmp_path: Path) -> None:
    """About ten wrong logins lock root out; the message says so (the password file is
    right) instead of blaming the settings."""
    data = _copy(existing, tmp_path)
    with local_server.acquire(data) as handle:
        for _ in range(12):
            wrong = GraphDatabase.driver(handle.info.uri, auth=("root", "wrong-password-x"))
            with wrong, contextlib.suppress(Exception):  # each refusal counts
                wrong.verify_connectivity()
        with pytest.raises(ZerenError) as err:
            open_store(data_dir=data, env_file=None)
    assert err.value.code == "E216"
    assert "locks a user out" in str(err.value) and "NEO4J" not in str(err.value)


# --- the read-only account and the server's permission file --------------------------


def test_lost_reader_password_makes_a_new_reader(
    existing: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _copy(existing, tmp_path)
    (data / "reader-password").unlink()
    (data / "config" / "server-groups.json").write_text("{not json")
    with pytest.raises(ZerenError) as err:
        open_store(data_dir=data, env_file=None, access="read")
    assert err.value.code == "E221" and "delete it" in str(err.value)
    (data / "config" / "server-groups.json").unlink()  # the way out the message gives
    with open_store(data_dir=data, env_file=None, access="read") as store:
        assert store.read_enforced
        assert store.read("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 2}]
    assert "reader-password was missing" in capsys.readouterr().err
    groups = json.loads((data / "config" / "server-groups.json").read_text())
    reader = groups["databases"]["*"]["groups"][local_server.READER]
    assert reader["types"]["*"]["access"] == ["readRecord"] and reader["access"] == []


def test_lock_file_that_is_a_folder(tmp_path: Path) -> None:
    data = tmp_path / "zg"
    (data / "server.lock").mkdir(parents=True)
    with pytest.raises(ZerenError) as err:
        open_store(data_dir=data, env_file=None)
    assert err.value.code == "E220" and "delete" in str(err.value)


def test_clients_entry_that_is_a_file(tmp_path: Path) -> None:
    data = tmp_path / "zg"
    data.mkdir()
    (data / "clients").write_text("x")
    with pytest.raises(ZerenError) as err:
        open_store(data_dir=data, env_file=None)
    assert err.value.code == "E204" and "clients is a file" in str(err.value)


# --- a full disk ---------------------------------------------------------------------


class _FullDisk:
    """Writes by the server process fail as on a full disk (EFBIG via RLIMIT_FSIZE:
    no root, no mount needed); the soft limit is put back afterwards."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.saved = resource.prlimit(pid, resource.RLIMIT_FSIZE)

    def __enter__(self) -> _FullDisk:
        resource.prlimit(self.pid, resource.RLIMIT_FSIZE, (4096, self.saved[1]))
        return self

    def __exit__(self, *exc: object) -> None:
        resource.prlimit(self.pid, resource.RLIMIT_FSIZE, self.saved)


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[tuple[Store, int]]:
    """A store on a new local server that has no schema yet, and the server's pid."""
    data = tmp_path / "zg"
    store = open_store(data_dir=data, env_file=None)
    info = local_server.read_state(data)
    assert info is not None
    try:
        yield store, info.pid
    finally:
        store.close()


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs Linux prlimit")
def test_disk_full_during_schema_creation_and_load(fresh_store: tuple[Store, int]) -> None:
    store, pid = fresh_store
    docs = sample_documents()
    with _FullDisk(pid), pytest.raises(ZerenError) as err:
        store.load_documents(docs)
    assert err.value.code == "E218" and "disk is full" in str(err.value)
    assert store.stats()["total_nodes"] == 0
    report = store.load_documents(docs[:1])  # space is back
    assert report.ok and report.created == [docs[0].id]
    with _FullDisk(pid):
        report = store.load_documents(docs)
    assert [d for d, _ in report.failed] == [docs[1].id]
    assert report.failed[0][1].startswith(f"{docs[1].id}: document not loaded")
    assert report.unchanged == [docs[0].id]  # the committed document is kept
    counts = store.stats()["nodes"]
    assert counts["Document"] == 1 and counts["Task"] == len(docs[0].tasks)
    assert store.load_documents(docs).created == [docs[1].id]


# --- input files that cannot be read, and an extractor crash ------------------------

_CRASH_LOADER = """
import sys
sys.path.insert(0, {root!r})
from extract import readers
from extract.blocks import SourceText

def broken_reader(path):
    # A reader that breaks its contract: the extractor then fails on a readable file.
    return SourceText(file=str(path), lines=["x"], blocks=[42])

readers.READERS[".boom"] = broken_reader
from graph.__main__ import main
sys.exit(main(["load", {folder!r}, "--no-progress"]))
"""


def test_load_exit_status_tells_a_crash_from_an_unreadable_file(
    bolt_server: BoltServer, empty_store: Store, tmp_path: Path
) -> None:
    good = (ROOT / "data" / "corpus").glob("*.txt").__next__()
    env = bolt_server.env(bolt_server.scratch_database)
    unreadable = tmp_path / "unreadable"
    unreadable.mkdir()
    shutil.copy(good, unreadable / "good.txt")
    (unreadable / "binary.txt").write_bytes(b"\x00\x01\x02" * 500)
    proc = _cli("load", str(unreadable), "--no-progress", env=env)
    assert proc.returncode == 1, proc.stderr
    assert "binary.txt" in proc.stderr and "Traceback" not in proc.stderr
    loaded = re.search(r"documents: (\d+) new", proc.stdout)
    assert loaded and int(loaded.group(1)) > 0, proc.stdout

    crash = tmp_path / "crash"
    crash.mkdir()
    shutil.copy(good, crash / "good.txt")
    (crash / "bad.boom").write_text("x")
    proc = subprocess.run(
        [sys.executable, "-c", _CRASH_LOADER.format(root=str(ROOT), folder=str(crash))],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 3, proc.stderr
    assert "the extractor failed on this file" in proc.stderr and "bad.boom" in proc.stderr
    assert "Traceback" not in proc.stderr
    # the readable file is still read and loaded (its documents are already there)
    assert f"{loaded.group(1)} unchanged" in proc.stdout, proc.stdout


# --- the console page after a server restart ----------------------------------------


def test_console_page_reconnects_after_a_server_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    data = tmp_path / "zg"
    monkeypatch.setenv("ZEREN_DATA_DIR", str(data))
    monkeypatch.setenv("ZEREN_AUTOLOAD", "0")
    with local_server.acquire(data, detached=True) as first:
        with open_store(data_dir=data, env_file=None) as writer:
            assert writer.load_documents(sample_documents()).ok
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        at.switch_page("ui/pages/console.py").run()
        at.text_area(key="cy_query").input("MATCH (d:Document) RETURN count(d) AS n")
        at.button(key="cy_run").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        local_server.stop_server(first.info)
    with local_server.acquire(data, detached=True) as second:  # new ports
        assert second.info.bolt_port != first.info.bolt_port
        at.button(key="cy_run").click().run()
        assert not at.exception
        assert not at.error, [e.value for e in at.error]
        assert any("1 行 rows" in s.value for s in at.success)
        local_server.stop_server(second.info)
