"""The zero-setup local Bolt server: ArcadeDB from the ``arcadedb-embedded`` wheel.

When ``NEO4J_URI`` is unset the project talks Bolt to an ArcadeDB server that it starts
itself, with the JRE and jars shipped inside the installed wheel (nothing to download).

One data folder holds one server (``ZEREN_DATA_DIR``, default
``~/.local/share/zeren-graph``)::

    <data dir>/password        generated once (0600); ArcadeDB stores the root user
                               on first start, so the same password must be reused
    <data dir>/server.json     pid, ports, database of the running server (0600)
    <data dir>/server.lock     flock held while a process checks or starts the server
    <data dir>/clients/<pid>   one file per process using the server
    <data dir>/server.log      the server's own output
    <data dir>/databases/      the data; it persists across restarts

Every process that calls :func:`acquire` either reuses the live server named in
``server.json`` or starts one, and registers itself as a client. :meth:`ServerHandle.release`
unregisters it; the last client out stops a server that is not *detached* (``serve``
starts a detached one and stops it itself on Ctrl-C). So ``python -m graph load data/``
starts a server, loads, and stops it (the data stays on disk); ``stats`` or the app then
start it again (~2 s) — or reuse it while ``python -m graph serve`` runs. A client that
died without releasing is pruned by pid, so a server never outlives all its clients by
more than the next command.

The server is stopped by SIGTERM to its own pid, after checking that the pid still is
our server (``/proc/<pid>/cmdline`` names ArcadeDB and this data folder) — never by name.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from errors import Errors, Warnings, ZerenError

__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_HEAP",
    "DEFAULT_JVM_OPTS",
    "USERNAME",
    "ServerHandle",
    "ServerInfo",
    "acquire",
    "default_data_dir",
    "java_path",
    "read_state",
    "start_server",
    "stop_server",
]

USERNAME = "root"
DEFAULT_DATABASE = "zeren"
DEFAULT_HEAP = "512m"
# Measured on 2 cores: the serial GC and C1-only JIT start the server in ~1.4 s instead
# of ~3.4 s, load the corpus on a cold server ~2x faster and use ~60 MB less memory; a
# graph this size never needs C2's peak throughput or a parallel collector.
DEFAULT_JVM_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
# First query succeeds ~1.5 s after launch on a 2-core machine; a cold JVM on a busy CI
# box can take several times that, so the timeout is generous.
DEFAULT_TIMEOUT = 60.0
_STATE = "server.json"
_PASSWORD = "password"
_LOCK = "server.lock"
_LOG = "server.log"
_CLIENTS = "clients"
_MAIN_CLASS = "com.arcadedb.server.ArcadeDBServer"


@dataclass(frozen=True)
class ServerInfo:
    """What a client needs to reach a running local server (also the state file)."""

    pid: int
    bolt_port: int
    http_port: int
    database: str
    data_dir: str
    detached: bool = False
    started_at: float = 0.0

    @property
    def uri(self) -> str:
        """The Bolt URI (``bolt://127.0.0.1:PORT``)."""
        return f"bolt://127.0.0.1:{self.bolt_port}"


def default_data_dir() -> Path:
    """The data folder: ``$ZEREN_DATA_DIR``, else ``$XDG_DATA_HOME/zeren-graph``.

    Returns
    -------
    Path
        Not created here; :func:`acquire` creates it.
    """
    env = os.environ.get("ZEREN_DATA_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "zeren-graph"


def _package_dir() -> Path:
    import arcadedb_embedded  # only needed to locate the bundled JRE

    return Path(arcadedb_embedded.__file__).resolve().parent


def java_path() -> Path:
    """The bundled ``java`` executable of the installed ``arcadedb-embedded`` wheel.

    Returns
    -------
    Path
        ``<pkg>/jre/bin/java`` (``java.exe`` on Windows).

    Raises
    ------
    ZerenError
        E203 when the wheel or its JRE is missing.
    """
    exe = "java.exe" if os.name == "nt" else "java"
    try:
        java = _package_dir() / "jre" / "bin" / exe
    except ImportError as exc:
        raise ZerenError(Errors.E203.format(java=f"arcadedb_embedded ({exc})")) from None
    if not java.is_file() or not os.access(java, os.X_OK):
        raise ZerenError(Errors.E203.format(java=java))
    return java


def _prepare_dir(data_dir: Path) -> Path:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / _CLIENTS).mkdir(exist_ok=True)
        probe = data_dir / f".write-test-{os.getpid()}"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise ZerenError(Errors.E204.format(path=data_dir, reason=exc.strerror or exc)) from None
    return data_dir.resolve()


def _password(data_dir: Path) -> str:
    path = data_dir / _PASSWORD
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    # ArcadeDB refuses root passwords shorter than 8 characters.
    pw = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(pw + "\n")
    return pw


def _free_port() -> int:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            return int(s.getsockname()[1])
    except OSError as exc:
        raise ZerenError(Errors.E207.format(reason=exc)) from None


@contextlib.contextmanager
def _locked(data_dir: Path, timeout: float = DEFAULT_TIMEOUT + 30) -> Iterator[None]:
    """Hold an exclusive lock on the data folder (so two processes start one server)."""
    path = data_dir / _LOCK
    fh = open(path, "a+")  # noqa: SIM115 - closed in finally
    try:
        try:
            import fcntl  # POSIX only
        except ImportError:  # pragma: no cover - Windows: no lock, best effort
            yield
            return
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ZerenError(Errors.E211.format(path=path)) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    finally:
        fh.close()


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - not run on Linux CI
    # os.kill(pid, 0) on Windows sends CTRL_C_EVENT; ask the process table instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie still answers kill(0): reap it if it is our child; if it is another
    # process' child (that process started the server, we stopped it) it is dead too.
    with contextlib.suppress(ChildProcessError, OSError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no procfs (macOS): trust kill(0)
    return stat_line.rsplit(")", 1)[-1].split()[0] not in ("Z", "X")


def _is_our_server(pid: int, data_dir: Path) -> bool:
    """Whether ``pid`` is an ArcadeDB server on ``data_dir`` (guards against pid reuse)."""
    if not _pid_alive(pid):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():  # no procfs (macOS): trust the pid
        return True
    try:
        args = cmdline.read_bytes().split(b"\0")
    except OSError:
        return False
    want = f"-Darcadedb.server.rootPath={data_dir}".encode()
    return _MAIN_CLASS.encode() in args and want in args


def read_state(data_dir: Path | None = None) -> ServerInfo | None:
    """The server recorded in ``server.json`` if it is still running, else ``None``.

    Parameters
    ----------
    data_dir:
        The data folder (default :func:`default_data_dir`).

    Returns
    -------
    ServerInfo | None
    """
    data_dir = (data_dir or default_data_dir()).expanduser()
    path = data_dir / _STATE
    try:
        info = ServerInfo(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if not _is_our_server(info.pid, data_dir.resolve()):
        return None
    return info


def _write_state(data_dir: Path, info: ServerInfo) -> None:
    tmp = data_dir / (_STATE + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(asdict(info), fh)
    os.replace(tmp, data_dir / _STATE)


def _clear_state(data_dir: Path, pid: int) -> None:
    path = data_dir / _STATE
    with contextlib.suppress(OSError, ValueError):
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == pid:
            path.unlink()


def _live_clients(data_dir: Path) -> list[int]:
    live = []
    for f in (data_dir / _CLIENTS).iterdir():
        try:
            pid = int(f.name)
        except ValueError:
            continue
        if _pid_alive(pid):
            live.append(pid)
        else:
            f.unlink(missing_ok=True)
    return live


def _log_tail(log: Path, n: int = 15) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(lines[-n:])


def _wait_ready(
    proc: subprocess.Popen[bytes], info: ServerInfo, password: str, timeout: float, log: Path
) -> None:
    """Poll a real ``RETURN 1`` until it succeeds: the Bolt port opens before the
    database exists, so an open port is not readiness."""
    from neo4j import GraphDatabase  # keep module import light

    deadline = time.monotonic() + timeout
    # Refused connections are expected while the JVM starts; the driver would log
    # each one as a warning on stderr.
    neo_log = logging.getLogger("neo4j")
    old_level = neo_log.level
    neo_log.setLevel(logging.CRITICAL)
    try:
        _poll(proc, info, password, deadline, timeout, log, GraphDatabase)
    finally:
        neo_log.setLevel(old_level)


def _poll(
    proc: subprocess.Popen[bytes],
    info: ServerInfo,
    password: str,
    deadline: float,
    timeout: float,
    log: Path,
    graph_database: type,
) -> None:
    with graph_database.driver(
        info.uri, auth=(USERNAME, password), connection_timeout=2.0, max_connection_pool_size=1
    ) as driver:
        while True:
            code = proc.poll()
            if code is not None:
                raise ZerenError(Errors.E205.format(code=code, log=log, tail=_log_tail(log)))
            try:
                driver.execute_query("RETURN 1 AS ok", database_=info.database)
                return
            except Exception:  # any failure here means "not ready yet"
                if time.monotonic() > deadline:
                    raise ZerenError(Errors.E206.format(seconds=timeout, log=log)) from None
                time.sleep(0.1)


def _command(
    java: Path,
    data_dir: Path,
    password: str,
    databases: list[str],
    bolt: int,
    http: int,
    heap: str,
) -> list[str]:
    pkg = java.parent.parent.parent
    # Databases listed here are created on first start; the first is Bolt's default.
    default_dbs = ";".join(f"{db}[{USERNAME}]" for db in databases)
    return [
        str(java),
        f"-Xmx{heap}",
        *shlex.split(os.environ.get("ZEREN_SERVER_JVM_OPTS", DEFAULT_JVM_OPTS)),
        "-Djava.awt.headless=true",
        "-Dfile.encoding=UTF8",
        # The engine uses the incubating vector API; without the module it logs noise.
        "--add-modules=jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED",
        "-Dpolyglot.engine.WarnInterpreterOnly=false",
        f"-Darcadedb.server.rootPath={data_dir}",
        f"-Darcadedb.server.rootPassword={password}",
        f"-Darcadedb.server.defaultDatabases={default_dbs}",
        "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "-Darcadedb.bolt.host=127.0.0.1",
        f"-Darcadedb.bolt.port={bolt}",
        f"-Darcadedb.bolt.defaultDatabase={databases[0]}",
        "-Darcadedb.server.httpIncomingHost=127.0.0.1",
        f"-Darcadedb.server.httpIncomingPort={http}",
        "-cp",
        str(pkg / "jars" / "*"),
        _MAIN_CLASS,
    ]


def start_server(
    data_dir: Path,
    *,
    database: str = DEFAULT_DATABASE,
    extra_databases: tuple[str, ...] = (),
    heap: str | None = None,
    timeout: float | None = None,
    detached: bool = False,
) -> ServerInfo:
    """Launch a server on ``data_dir`` and wait until it answers a query.

    The caller must hold the data folder lock (see :func:`acquire`); tests and
    ``serve`` may call this directly on a folder nobody else uses.

    Parameters
    ----------
    data_dir:
        Folder for databases, log, password and state (created if missing).
    database:
        Name of the database created on first start (Bolt's default database).
    extra_databases:
        More databases to create (the test suite keeps a scratch one).
    heap:
        JVM max heap, e.g. ``"512m"`` (default ``$ZEREN_SERVER_HEAP`` or 512m).
    timeout:
        Seconds to wait for readiness (default ``$ZEREN_SERVER_TIMEOUT`` or 60).
    detached:
        Recorded in the state file; a detached server is not stopped by its last client.

    Returns
    -------
    ServerInfo

    Raises
    ------
    ZerenError
        E203 (no Java), E204 (data folder), E205 (server died), E206 (timeout), E207 (port).
    """
    data_dir = _prepare_dir(data_dir)
    java = java_path()
    heap = heap or os.environ.get("ZEREN_SERVER_HEAP") or DEFAULT_HEAP
    timeout = timeout or float(os.environ.get("ZEREN_SERVER_TIMEOUT") or DEFAULT_TIMEOUT)
    password = _password(data_dir)
    log = data_dir / _LOG
    last_error: ZerenError | None = None
    # Two tries: a port picked free can be taken by someone else before the JVM binds it.
    for _ in range(2):
        bolt, http = _free_port(), _free_port()
        while http == bolt:
            http = _free_port()
        cmd = _command(java, data_dir, password, [database, *extra_databases], bolt, http, heap)
        with open(log, "ab") as out:
            proc = subprocess.Popen(
                cmd,
                cwd=data_dir,  # the server writes ./log relative to its working dir
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                # Own session: a Ctrl-C in the terminal goes to us, and we stop the
                # server in order, rather than the JVM dying mid-write.
                start_new_session=True,
            )
        info = ServerInfo(
            pid=proc.pid,
            bolt_port=bolt,
            http_port=http,
            database=database,
            data_dir=str(data_dir),
            detached=detached,
            started_at=time.time(),
        )
        try:
            _wait_ready(proc, info, password, timeout, log)
        except ZerenError as exc:
            last_error = exc
            if proc.poll() is None:
                _terminate(proc.pid)
                raise
            continue
        _write_state(data_dir, info)
        return info
    assert last_error is not None
    raise last_error


def _terminate(pid: int, grace: float = 15.0) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while _pid_alive(pid):
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
            break
        time.sleep(0.05)


def stop_server(info: ServerInfo) -> bool:
    """Stop the server by its pid (SIGTERM, then SIGKILL after 15 s) and clear its state.

    Parameters
    ----------
    info:
        As returned by :func:`start_server` or :func:`read_state`.

    Returns
    -------
    bool
        True when a running server was stopped.
    """
    data_dir = Path(info.data_dir)
    if not _is_our_server(info.pid, data_dir):
        _clear_state(data_dir, info.pid)
        return False
    _terminate(info.pid)
    _clear_state(data_dir, info.pid)
    return True


class ServerHandle:
    """One process's claim on the shared local server; release it when done.

    Attributes
    ----------
    info: ServerInfo
    password: str
    started: bool
        True when this process launched the server.
    """

    def __init__(self, info: ServerInfo, password: str, started: bool) -> None:
        self.info = info
        self.password = password
        self.started = started
        self._released = False

    def release(self) -> None:
        """Unregister this process; stop the server if it was the last client and the
        server is not detached."""
        if self._released:
            return
        self._released = True
        data_dir = Path(self.info.data_dir)
        with _locked(data_dir):
            (data_dir / _CLIENTS / str(os.getpid())).unlink(missing_ok=True)
            if self.info.detached or _live_clients(data_dir):
                return
            current = read_state(data_dir)
            if current is not None and current.pid == self.info.pid and not current.detached:
                stop_server(current)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire(
    data_dir: Path | None = None,
    *,
    heap: str | None = None,
    timeout: float | None = None,
    detached: bool = False,
) -> ServerHandle:
    """Reuse the data folder's running server, or start one, and register as a client.

    Parameters
    ----------
    data_dir:
        Default :func:`default_data_dir`.
    heap, timeout:
        See :func:`start_server` (used only when a server is started).
    detached:
        Start the server detached (``serve``); ignored when one is already running.

    Returns
    -------
    ServerHandle
        Call :meth:`ServerHandle.release` (or use it as a context manager).
    """
    data_dir = _prepare_dir((data_dir or default_data_dir()).expanduser())
    with _locked(data_dir):
        info = read_state(data_dir)
        started = False
        if info is None:
            stale = data_dir / _STATE
            if stale.exists():
                with contextlib.suppress(OSError, ValueError):
                    old = json.loads(stale.read_text(encoding="utf-8")).get("pid")
                    print(f"warning: {Warnings.W203.format(pid=old)}", file=sys.stderr)
                stale.unlink(missing_ok=True)
            info = start_server(data_dir, heap=heap, timeout=timeout, detached=detached)
            started = True
        (data_dir / _CLIENTS / str(os.getpid())).write_text("")
        handle = ServerHandle(info, _password(data_dir), started)
    # A long-lived user (the app) may never close its store: release at interpreter
    # exit, so the server does not outlive its last client.
    atexit.register(handle.release)
    return handle
