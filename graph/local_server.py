"""The zero-setup local Bolt server: ArcadeDB from the ``arcadedb-embedded`` wheel.

When ``NEO4J_URI`` is unset the project talks Bolt to an ArcadeDB server that it starts
itself, with the JRE and jars shipped inside the installed wheel (nothing to download).

One data folder holds one server (``ZEREN_DATA_DIR``, default
``~/.local/share/zeren-graph``); the folder and everything below it is owner-only
(folders 0700, files 0600)::

    <data dir>/password          root's password, generated once; the server reads it
                                 from this file (never from its command line) when it
                                 creates the root user on first start
    <data dir>/reader-password   the read-only account's password (user zeren_reader)
    <data dir>/server.json       pid, ports, database of the running server
    <data dir>/server.lock       flock held while a process checks or starts the server
    <data dir>/clients/<pid>     one file per process using the server
    <data dir>/server.log        the server's own output
    <data dir>/config/           the server's users and groups (server-users.jsonl,
                                 server-groups.json); the reader group is kept there
    <data dir>/databases/        the data; it persists across restarts

Least privilege is enforced by the server: every start makes sure the group
``zeren_reader`` (per-type access ``readRecord`` only, a read timeout and a scan limit)
and the user ``zeren_reader`` in it exist, and every statement of every user is stopped
after ``query_timeout`` seconds (``arcadedb.command.timeout``: measured precise to
~0.1 s, unlike the group's ``readTimeout`` which restarts with every nested scan).
LOAD CSV may read neither local files nor URLs.

Every process that calls :func:`acquire` either reuses the live server named in
``server.json`` or starts one, and registers itself as a client. :meth:`ServerHandle.release`
unregisters it; the last client out stops a server that is not *detached* (``serve``
starts a detached one and stops it itself on Ctrl-C). A client that died without
releasing is pruned by pid, so a server never outlives all its clients by more than the
next command.

The server is stopped by SIGTERM to its own pid, after checking that the pid still is
our server (``/proc/<pid>/cmdline`` names ArcadeDB and this data folder) — never by name.

Damaged state never produces a traceback and never loses the password: a damaged
``server.json`` is replaced when no server runs on the folder (else the running pid is
named); a damaged or missing ``password`` for an existing database is an error with the
way out (:func:`reset_password`), never a silent regeneration; a refused login is told
apart from a lock-out by checking the password file against the server's stored hash.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import hashlib
import hmac
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
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from errors import Errors, Warnings, ZerenError

__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_HEAP",
    "DEFAULT_JVM_OPTS",
    "DEFAULT_QUERY_TIMEOUT",
    "DEFAULT_READER_SCAN_LIMIT",
    "READER",
    "USERNAME",
    "ServerHandle",
    "ServerInfo",
    "acquire",
    "default_data_dir",
    "java_path",
    "read_state",
    "reset_password",
    "running_servers",
    "start_server",
    "stop_server",
]

USERNAME = "root"
READER = "zeren_reader"  # the read-only user, and the group that holds it
DEFAULT_DATABASE = "zeren"
DEFAULT_HEAP = "512m"
# Measured on 2 cores: the serial GC starts the server faster and uses less memory than
# a parallel collector. C2 stays on: with batched loads (large statements) the 100x
# benchmark ran 15-25 s with it against 30-43 s with C1 only (TieredStopAtLevel=1),
# with no measurable cost at start-up or on the corpus.
DEFAULT_JVM_OPTS = "-XX:+UseSerialGC"
# First query succeeds ~1.5 s after launch on a 2-core machine; a cold JVM on a busy CI
# box can take several times that, so the timeout is generous.
DEFAULT_TIMEOUT = 60.0
# Every statement of every user stops after this many seconds. The writer's statements
# are per document (well under a second each), so this bounds what a reader can cost.
DEFAULT_QUERY_TIMEOUT = 30.0
# ArcadeDB's resultSetLimit caps the records *each scan* of a reader's query reads (so an
# aggregate over a bigger type would be silently short); it is set far above any graph
# this project builds (the 100x benchmark has ~43k tasks) and only stops runaway scans.
DEFAULT_READER_SCAN_LIMIT = 1_000_000
_MIN_PASSWORD = 8  # ArcadeDB refuses shorter root passwords
_STATE = "server.json"
_PASSWORD = "password"
_READER_PASSWORD = "reader-password"
_LOCK = "server.lock"
_LOG = "server.log"
_CLIENTS = "clients"
_USERS = Path("config") / "server-users.jsonl"
_GROUPS = Path("config") / "server-groups.json"
_MAIN_CLASS = "com.arcadedb.server.ArcadeDBServer"
_DIR_MODE = 0o700
_FILE_MODE = 0o600
# Handles this process holds per data folder: the folder's clients/<pid> file goes only
# when the last one is released (the app holds a writer and a reader at once).
_HANDLES: dict[str, int] = {}


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
    query_timeout: float = DEFAULT_QUERY_TIMEOUT

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


# --- the data folder and its private files -------------------------------------------


def _prepare_dir(data_dir: Path) -> Path:
    try:
        data_dir.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
        os.chmod(data_dir, _DIR_MODE)
        clients = data_dir / _CLIENTS
        if clients.exists() and not clients.is_dir():
            raise ZerenError(
                Errors.E204.format(path=data_dir, reason=f"{clients} is a file, not a folder "
                                   "(it only lists running clients: delete it)")
            )
        clients.mkdir(mode=_DIR_MODE, exist_ok=True)
        probe = data_dir / f".write-test-{os.getpid()}"
        _write_private(probe, "ok")
        probe.unlink()
    except OSError as exc:
        raise ZerenError(Errors.E204.format(path=data_dir, reason=exc.strerror or exc)) from None
    return data_dir.resolve()


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable by the owner only."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, _FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _secure_tree(data_dir: Path) -> None:
    """Folders 0700 and files 0600 below ``data_dir`` (a folder made by an older version,
    or a file the server made before it ran with our umask)."""
    for root, dirs, files in os.walk(data_dir):
        for name in dirs:
            with contextlib.suppress(OSError):
                path = os.path.join(root, name)
                if not os.path.islink(path):
                    os.chmod(path, _DIR_MODE)
        for name in files:
            with contextlib.suppress(OSError):
                path = os.path.join(root, name)
                if not os.path.islink(path):
                    os.chmod(path, _FILE_MODE)


def _database_exists(data_dir: Path) -> bool:
    """Whether the server already created its users (and so root's password is fixed)."""
    if (data_dir / _USERS).exists():
        return True
    databases = data_dir / "databases"
    return databases.is_dir() and any(databases.iterdir())


def _read_secret(path: Path) -> str:
    """A password file's password; ``ValueError`` says what is wrong with the file."""
    if path.is_dir():
        raise ValueError("it is a folder")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("it is not text (binary content)") from None
    pw = text.strip()
    if not pw:
        raise ValueError("it is empty")
    if any(c.isspace() or not c.isprintable() for c in pw):
        raise ValueError("it holds more than one word or control characters")
    if len(pw) < _MIN_PASSWORD:
        raise ValueError(f"the password is shorter than {_MIN_PASSWORD} characters")
    return pw


def _new_secret(path: Path) -> str:
    pw = secrets.token_urlsafe(18)
    _write_private(path, pw + "\n")
    return pw


def _root_password(data_dir: Path) -> str:
    """Root's password from its file; made only when no database exists yet.

    Raises
    ------
    ZerenError
        E213 (missing for an existing database) or E214 (damaged).
    """
    path = data_dir / _PASSWORD
    exists = _database_exists(data_dir)
    try:
        return _read_secret(path)
    except FileNotFoundError:
        if exists:
            raise ZerenError(Errors.E213.format(path=path, data_dir=data_dir)) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if exists or path.is_dir():
            error = Errors.E214.format(path=path, reason=reason, data_dir=data_dir)
            raise ZerenError(error) from None
        _warn(Warnings.W209.format(path=path, reason=f"was unusable ({reason})"))
    return _new_secret(path)


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


# --- the server's own security files -------------------------------------------------


def _stored_hashes(data_dir: Path) -> dict[str, str]:
    """user -> stored password hash, from the server's users file (empty if unreadable)."""
    out: dict[str, str] = {}
    try:
        lines = (data_dir / _USERS).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return out
    for line in lines:
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            user = json.loads(line)
            if isinstance(user.get("name"), str) and isinstance(user.get("password"), str):
                out[user["name"]] = user["password"]
    return out


def _hash_matches(stored: str, password: str) -> bool | None:
    """Check ``password`` against ArcadeDB's ``PBKDF2WithHmacSHA256$iter$salt$hash``.

    Returns ``None`` for a format we do not know (then nothing is concluded). The salt is
    used as the text it is stored as (verified against hashes the server wrote).
    """
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != "PBKDF2WithHmacSHA256":
        return None
    try:
        iterations, want = int(parts[1]), base64.b64decode(parts[3])
    except ValueError:
        return None
    got = hashlib.pbkdf2_hmac("sha256", password.encode(), parts[2].encode(), iterations,
                              dklen=len(want))
    return hmac.compare_digest(got, want)


def _check_root_password(data_dir: Path, password: str) -> None:
    """Fail fast (E215) when the password file does not match root's stored hash, rather
    than knocking on the server until it locks root out."""
    stored = _stored_hashes(data_dir).get(USERNAME)
    if stored is not None and _hash_matches(stored, password) is False:
        raise ZerenError(Errors.E215.format(path=data_dir / _PASSWORD, data_dir=data_dir))


def _reader_group(query_timeout: float, scan_limit: int) -> dict[str, Any]:
    return {
        "resultSetLimit": scan_limit,
        "readTimeout": int(query_timeout * 1000),
        "access": [],  # no updateSecurity, updateSchema or updateDatabaseSettings
        "types": {"*": {"access": ["readRecord"]}},
    }


# What the server writes on first start; kept when we write the file before it does.
_DEFAULT_GROUPS: dict[str, Any] = {
    "admin": {
        "resultSetLimit": -1,
        "readTimeout": -1,
        "access": ["updateSecurity", "updateSchema", "updateDatabaseSettings"],
        "types": {"*": {"access": ["createRecord", "readRecord", "updateRecord", "deleteRecord"]}},
    },
    "*": {"resultSetLimit": -1, "readTimeout": -1, "access": [], "types": {"*": {"access": []}}},
}


def _ensure_reader_group(data_dir: Path, query_timeout: float, scan_limit: int) -> None:
    """Put the ``zeren_reader`` group into ``config/server-groups.json`` (the server
    reloads the file when it changes, and reads it at start)."""
    path = data_dir / _GROUPS
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        groups = doc["databases"]["*"]["groups"]
        if not isinstance(groups, dict):
            raise TypeError("'groups' is not an object")
    except FileNotFoundError:
        doc = {"databases": {"*": {"groups": json.loads(json.dumps(_DEFAULT_GROUPS))}},
               "version": 2}
        groups = doc["databases"]["*"]["groups"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ZerenError(Errors.E221.format(path=path, reason=_short(exc))) from None
    want = _reader_group(query_timeout, scan_limit)
    if groups.get(READER) == want:
        return
    groups[READER] = want
    path.parent.mkdir(mode=_DIR_MODE, exist_ok=True)
    _write_private(path, json.dumps(doc, indent=2))


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _server_command(info: ServerInfo, password: str, command: str) -> None:
    """Run one server command (``create user …``) over the local HTTP API as root."""
    req = urllib.request.Request(
        f"http://127.0.0.1:{info.http_port}/api/v1/server",
        data=json.dumps({"command": command}).encode(),
        method="POST",
        headers={
            "Authorization": "Basic "
            + base64.b64encode(f"{USERNAME}:{password}".encode()).decode(),
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:200]
        raise ZerenError(Errors.E217.format(
            reason=f"HTTP {exc.code} {detail}", log=Path(info.data_dir) / _LOG)) from None
    except OSError as exc:
        raise ZerenError(Errors.E217.format(reason=_short(exc),
                                            log=Path(info.data_dir) / _LOG)) from None


def _ensure_reader_user(info: ServerInfo, root_password: str) -> str:
    """Make sure user ``zeren_reader`` exists with the password in ``reader-password``;
    (re)create it when either is missing or they disagree. Returns the password."""
    data_dir = Path(info.data_dir)
    path = data_dir / _READER_PASSWORD
    stored = _stored_hashes(data_dir).get(READER)
    problem = None
    try:
        pw = _read_secret(path)
    except FileNotFoundError:
        pw, problem = None, "missing"
    except (OSError, ValueError) as exc:
        pw, problem = None, f"unusable ({_short(exc)})"
    if pw is not None and stored is not None and _hash_matches(stored, pw) is not False:
        return pw
    if pw is None:
        if stored is not None:  # only worth saying when an account existed
            _warn(Warnings.W206.format(path=path, reason=problem))
        pw = _new_secret(path)
    if stored is not None:
        _server_command(info, root_password, f"drop user {READER}")
    user = {"name": READER, "password": pw, "databases": {"*": [READER]}}
    _server_command(info, root_password, "create user " + json.dumps(user))
    return pw


# --- ports, lock, state ----------------------------------------------------------------


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
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, _FILE_MODE)
    except OSError as exc:
        raise ZerenError(Errors.E220.format(path=path, reason=exc.strerror or exc)) from None
    try:
        try:
            import fcntl  # POSIX only
        except ImportError:  # pragma: no cover - Windows: no lock, best effort
            yield
            return
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ZerenError(Errors.E211.format(path=path)) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


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
    except OverflowError:
        return False
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


def _cmdline_is_server(args: list[bytes], data_dir: Path) -> bool:
    want = f"-Darcadedb.server.rootPath={data_dir}".encode()
    return _MAIN_CLASS.encode() in args and want in args


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
    return _cmdline_is_server(args, data_dir)


def running_servers(data_dir: Path) -> list[int]:
    """Pids of every ArcadeDB server running on ``data_dir``, found by their command
    line (``/proc``), whatever ``server.json`` says. Empty without procfs.

    Parameters
    ----------
    data_dir:
        The data folder (resolved).

    Returns
    -------
    list[int]
    """
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if _cmdline_is_server(args, data_dir) and _pid_alive(int(entry.name)):
            found.append(int(entry.name))
    return sorted(found)


_STATE_TYPES: dict[str, tuple[type, ...]] = {
    "pid": (int,),
    "bolt_port": (int,),
    "http_port": (int,),
    "database": (str,),
    "data_dir": (str,),
    "detached": (bool,),
    "started_at": (int, float),
    "query_timeout": (int, float),
}
_STATE_REQUIRED = ("pid", "bolt_port", "http_port", "database", "data_dir")


def _parse_state(raw: bytes) -> ServerInfo:
    """The state file's content as a :class:`ServerInfo`; ``ValueError`` says what is wrong."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValueError("not JSON") from None
    if not isinstance(doc, dict):
        raise ValueError(f"a JSON {type(doc).__name__}, not an object")
    missing = [k for k in _STATE_REQUIRED if k not in doc]
    if missing:
        raise ValueError(f"no {', '.join(missing)}")
    for key, types in _STATE_TYPES.items():
        value = doc.get(key)
        if key in doc and (not isinstance(value, types) or
                           (isinstance(value, bool) and bool not in types)):
            raise ValueError(f"{key} is {value!r}")
    if not 0 < doc["pid"] < 2**31 or not all(0 < doc[k] < 65536 for k in ("bolt_port",
                                                                           "http_port")):
        raise ValueError("pid or port out of range")
    return ServerInfo(**{k: doc[k] for k in _STATE_TYPES if k in doc})


def _load_state(data_dir: Path) -> tuple[ServerInfo | None, str | None]:
    """(recorded server, None), (None, what is wrong with the file), or (None, None)."""
    path = data_dir / _STATE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, exc.strerror or str(exc)
    try:
        return _parse_state(raw), None
    except ValueError as exc:
        return None, str(exc)


def read_state(data_dir: Path | None = None) -> ServerInfo | None:
    """The server recorded in ``server.json`` if it is still running, else ``None``
    (also for a damaged file: :func:`acquire` deals with that).

    Parameters
    ----------
    data_dir:
        The data folder (default :func:`default_data_dir`).

    Returns
    -------
    ServerInfo | None
    """
    data_dir = (data_dir or default_data_dir()).expanduser()
    info, _problem = _load_state(data_dir)
    if info is None or not _is_our_server(info.pid, data_dir.resolve()):
        return None
    return info


def _write_state(data_dir: Path, info: ServerInfo) -> None:
    _write_private(data_dir / _STATE, json.dumps(asdict(info)))


def _remove_state(data_dir: Path) -> None:
    path = data_dir / _STATE
    if path.is_dir():
        with contextlib.suppress(OSError):
            path.rmdir()
    else:
        path.unlink(missing_ok=True)


def _clear_state(data_dir: Path, pid: int) -> None:
    info, _problem = _load_state(data_dir)
    if info is not None and info.pid == pid:
        _remove_state(data_dir)


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
            with contextlib.suppress(OSError):
                f.unlink()
    return live


def _log_tail(log: Path, n: int = 15) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(lines[-n:])


# --- start and stop ------------------------------------------------------------------


def _wait_ready(
    proc: subprocess.Popen[bytes], info: ServerInfo, password: str, timeout: float, log: Path
) -> None:
    """Poll a real ``RETURN 1`` until it succeeds: the Bolt port opens before the
    database exists, so an open port is not readiness. A refused login ends the wait at
    once (each retry would count towards the server's lock-out)."""
    from neo4j import GraphDatabase  # keep module import light
    from neo4j.exceptions import AuthError

    from graph.neo4j_store import PING

    deadline = time.monotonic() + timeout
    # Refused connections are expected while the JVM starts; the driver would log
    # each one as a warning on stderr.
    neo_log = logging.getLogger("neo4j")
    old_level = neo_log.level
    neo_log.setLevel(logging.CRITICAL)
    try:
        with GraphDatabase.driver(
            info.uri, auth=(USERNAME, password), connection_timeout=2.0,
            max_connection_pool_size=1,
        ) as driver:
            while True:
                code = proc.poll()
                if code is not None:
                    raise ZerenError(Errors.E205.format(code=code, log=log, tail=_log_tail(log)))
                try:
                    with driver.session(database=info.database) as session:
                        session.run(PING).consume()
                    return
                except AuthError:
                    raise _login_refused(Path(info.data_dir), USERNAME, password) from None
                except Exception:  # any other failure here means "not ready yet"
                    if time.monotonic() > deadline:
                        raise ZerenError(Errors.E206.format(seconds=timeout, log=log)) from None
                    time.sleep(0.1)
    finally:
        neo_log.setLevel(old_level)


def _login_refused(data_dir: Path, user: str, password: str) -> ZerenError:
    """E216 (locked out: the password is right) or E215 (the password file is wrong)."""
    path = data_dir / (_PASSWORD if user == USERNAME else _READER_PASSWORD)
    stored = _stored_hashes(data_dir).get(user)
    if stored is not None and _hash_matches(stored, password):
        return ZerenError(Errors.E216.format(user=user, path=path))
    return ZerenError(Errors.E215.format(path=path, data_dir=data_dir))


def login_refused(data_dir: Path | str, user: str, password: str) -> ZerenError:
    """The error for a refused login to the local server (see :func:`_login_refused`)."""
    return _login_refused(Path(data_dir), user, password)


def _command(
    java: Path,
    data_dir: Path,
    databases: list[str],
    bolt: int,
    http: int,
    heap: str,
    query_timeout: float,
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
        # The server reads root's password from the file (only when it creates root):
        # never on this command line, which every local user can read in `ps`.
        f"-Darcadedb.server.rootPasswordPath={data_dir / _PASSWORD}",
        f"-Darcadedb.server.defaultDatabases={default_dbs}",
        f"-Darcadedb.command.timeout={int(query_timeout * 1000)}",
        "-Darcadedb.opencypher.loadCsv.allowFileUrls=false",
        "-Darcadedb.opencypher.loadCsv.allowRemoteUrls=false",
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


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name)
    try:
        return float(value) if value else default
    except ValueError:
        return default


def start_server(
    data_dir: Path,
    *,
    database: str = DEFAULT_DATABASE,
    extra_databases: tuple[str, ...] = (),
    heap: str | None = None,
    timeout: float | None = None,
    detached: bool = False,
    query_timeout: float | None = None,
    reader_scan_limit: int | None = None,
) -> ServerInfo:
    """Launch a server on ``data_dir``, wait until it answers a query, provision the
    read-only account.

    The caller must hold the data folder lock (see :func:`acquire`); tests and
    ``serve`` may call this directly on a folder nobody else uses.

    Parameters
    ----------
    data_dir:
        Folder for databases, log, passwords and state (created if missing).
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
    query_timeout:
        Seconds after which the server stops any statement of any user (default
        ``$ZEREN_SERVER_QUERY_TIMEOUT`` or 30).
    reader_scan_limit:
        Records one scan of a reader's query may read (default
        ``$ZEREN_READER_SCAN_LIMIT`` or 1,000,000).

    Returns
    -------
    ServerInfo

    Raises
    ------
    ZerenError
        E203 (no Java), E204 (data folder), E205 (server died), E206 (timeout), E207
        (port), E213/E214/E215/E216 (password file missing, damaged, wrong; locked out),
        E217 (read-only account), E221 (permission file damaged).
    """
    data_dir = _prepare_dir(data_dir)
    java = java_path()
    heap = heap or os.environ.get("ZEREN_SERVER_HEAP") or DEFAULT_HEAP
    timeout = timeout or _env_number("ZEREN_SERVER_TIMEOUT", DEFAULT_TIMEOUT)
    query_timeout = query_timeout or _env_number("ZEREN_SERVER_QUERY_TIMEOUT",
                                                 DEFAULT_QUERY_TIMEOUT)
    scan_limit = int(reader_scan_limit or _env_number("ZEREN_READER_SCAN_LIMIT",
                                                      DEFAULT_READER_SCAN_LIMIT))
    password = _root_password(data_dir)
    _check_root_password(data_dir, password)
    _ensure_reader_group(data_dir, query_timeout, scan_limit)
    _secure_tree(data_dir)
    log = data_dir / _LOG
    last_error: ZerenError | None = None
    # Two tries: a port picked free can be taken by someone else before the JVM binds it.
    for _ in range(2):
        bolt, http = _free_port(), _free_port()
        while http == bolt:
            http = _free_port()
        cmd = _command(java, data_dir, [database, *extra_databases], bolt, http, heap,
                       query_timeout)
        try:
            out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, _FILE_MODE)
        except OSError as exc:
            raise ZerenError(Errors.E204.format(path=data_dir, reason=exc.strerror)) from None
        try:
            proc = subprocess.Popen(
                cmd,
                cwd=data_dir,  # the server writes ./log relative to its working dir
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                # Own session: a Ctrl-C in the terminal goes to us, and we stop the
                # server in order, rather than the JVM dying mid-write.
                start_new_session=True,
                # Every file the server creates is owner-only.
                umask=0o077 if os.name == "posix" else -1,
            )
        finally:
            os.close(out)
        info = ServerInfo(
            pid=proc.pid,
            bolt_port=bolt,
            http_port=http,
            database=database,
            data_dir=str(data_dir),
            detached=detached,
            started_at=time.time(),
            query_timeout=query_timeout,
        )
        try:
            _wait_ready(proc, info, password, timeout, log)
            _ensure_reader_user(info, password)
        except ZerenError as exc:
            last_error = exc
            if proc.poll() is None:
                _terminate(proc.pid)
                raise
            continue
        except BaseException:
            _terminate(proc.pid)
            raise
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


def reset_password(data_dir: Path | None = None) -> Path:
    """Give root (and the read-only account) new passwords, keeping the data.

    The way out when ``password`` was lost or damaged: with the server stopped, the
    server's users file is set aside (``server-users.jsonl.<time>.bak``), so the next
    start creates root again with a new password from a new ``password`` file and
    provisions the read-only account. Users someone added by hand are in the backup.

    Parameters
    ----------
    data_dir:
        Default :func:`default_data_dir`.

    Returns
    -------
    Path
        The new password file.

    Raises
    ------
    ZerenError
        E223 when a server is running on the folder.
    """
    data_dir = _prepare_dir((data_dir or default_data_dir()).expanduser())
    with _locked(data_dir):
        running = running_servers(data_dir)
        if running:
            raise ZerenError(Errors.E223.format(data_dir=data_dir, pid=running[0]))
        users = data_dir / _USERS
        if users.exists():
            users.replace(users.with_name(f"{users.name}.{time.strftime('%Y%m%d-%H%M%S')}.bak"))
        for name in (_PASSWORD, _READER_PASSWORD):
            path = data_dir / name
            if path.is_dir():
                path.rmdir()
            path.unlink(missing_ok=True)
        _new_secret(data_dir / _PASSWORD)
        _remove_state(data_dir)
    return data_dir / _PASSWORD


class ServerHandle:
    """One process's claim on the shared local server; release it when done.

    Attributes
    ----------
    info: ServerInfo
    password: str
        Root's password (load and import).
    reader_password: str
        The read-only account's password (user :data:`READER`).
    started: bool
        True when this process launched the server.
    """

    def __init__(self, info: ServerInfo, password: str, started: bool,
                 reader_password: str = "") -> None:
        self.info = info
        self.password = password
        self.reader_password = reader_password
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
            key = str(data_dir)
            _HANDLES[key] = _HANDLES.get(key, 1) - 1
            if _HANDLES[key] > 0:
                return  # another handle of this process still uses the server
            del _HANDLES[key]
            with contextlib.suppress(OSError):
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


def _running_or_none(data_dir: Path) -> ServerInfo | None:
    """The live server of ``server.json``; a dead or damaged record is removed (with a
    warning) unless a server still runs on the folder without being recorded (E212)."""
    info, problem = _load_state(data_dir)
    if info is not None and _is_our_server(info.pid, data_dir):
        return info
    path = data_dir / _STATE
    orphans = running_servers(data_dir)
    if orphans:
        raise ZerenError(Errors.E212.format(
            path=path, reason=problem or f"it names pid {info.pid if info else '?'}",
            pid=orphans[0], data_dir=data_dir))
    if problem is not None:
        _warn(Warnings.W205.format(path=path, reason=problem))
        _remove_state(data_dir)
    elif info is not None:
        _warn(Warnings.W203.format(pid=info.pid))
        _remove_state(data_dir)
    return None


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

    Raises
    ------
    ZerenError
        See :func:`start_server`; E212 (a server runs but its state file is damaged),
        E220 (lock file).
    """
    data_dir = _prepare_dir((data_dir or default_data_dir()).expanduser())
    with _locked(data_dir):
        info = _running_or_none(data_dir)
        started = False
        if info is None:
            info = start_server(data_dir, heap=heap, timeout=timeout, detached=detached)
            started = True
        password = _root_password(data_dir)
        reader_password = _ensure_reader_user(info, password)
        try:
            _write_private(data_dir / _CLIENTS / str(os.getpid()), "")
        except OSError as exc:
            raise ZerenError(Errors.E204.format(path=data_dir, reason=exc.strerror)) from None
        _HANDLES[str(data_dir)] = _HANDLES.get(str(data_dir), 0) + 1
        handle = ServerHandle(info, password, started, reader_password)
    # A long-lived user (the app) may never close its store: release at interpreter
    # exit, so the server does not outlive its last client.
    atexit.register(handle.release)
    return handle
