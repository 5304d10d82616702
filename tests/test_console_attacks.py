"""Console attacks against the real server, through the app's own console path
(:func:`queries.console.run_console` on a store opened with ``access="read"``).

Every attack must be refused with a coded, bilingual message; none may change the
graph, the server's users or passwords, or read a file. Each layer is also tested on
its own: the guard without a server (every attack is refused before anything is sent),
and the server without the guard (:func:`queries.console.execute_read`: the read-only
account still changes nothing and reads no file).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import TEST_QUERY_TIMEOUT, BoltServer
from neo4j.exceptions import Neo4jError

from errors import ZerenError
from graph.neo4j_store import Store
from queries.console import execute_read, run_console
from queries.cypher_guard import refusal

CANARY_TEXT = "zeren-canary-5d1f0c"  # in a file the attacks try to read


def _write_payloads(canary: Path) -> dict[str, str]:
    """Statements that would change the graph or the accounts, or read a file."""
    return {
        "create": "CREATE (:Evil {x: 1})",
        "insert": "INSERT (:Evil {x: 1})",
        "set": "MATCH (t:Task) SET t.evil = 1",
        "set-map": "MATCH (t:Task) SET t += {evil: true}",
        "set-label": "MATCH (t:Task) WITH t LIMIT 1 SET t:Evil",
        "detach-delete": "MATCH (t:Task) DETACH DELETE t",
        "delete": "MATCH (d:Deadline) DELETE d",
        "remove": "MATCH (t:Task) REMOVE t.text",
        "merge": "MERGE (:Evil {x: 1})",
        "create-rel": "MATCH (a:Task), (b:Task) WITH a, b LIMIT 1 CREATE (a)-[:EVIL]->(b)",
        "unwind-create": "UNWIND range(1, 3) AS i CREATE (:Evil {i: i})",
        "foreach": "FOREACH (i IN [1, 2] | CREATE (:Evil {i: i}))",
        "load-passwd": "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
        "load-canary": f"LOAD CSV FROM 'file://{canary}' AS r RETURN r",
        "load-path": f"LOAD CSV FROM '{canary}' AS r RETURN r",
        "load-http": "LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS r RETURN r",
        "alter-root": "ALTER USER root SET PASSWORD 'pwned-pwned-1'",
        "alter-reader": "ALTER USER zeren_reader SET PASSWORD 'pwned-pwned-1'",
        "create-user": "CREATE USER evil SET PASSWORD 'pwned-pwned-1'",
        "grant": "GRANT ROLE admin TO zeren_reader",
        "drop-constraint": "DROP CONSTRAINT task_id",
        "create-index": "CREATE INDEX evil FOR (n:Task) ON (n.seq)",
        "create-constraint": "CREATE CONSTRAINT evil IF NOT EXISTS FOR (n:Evil) "
        "REQUIRE n.x IS UNIQUE",
        "drop-database": "DROP DATABASE zeren_test",
        "create-database": "CREATE DATABASE evil",
        "show-users": "SHOW USERS",
        "call-subquery-write": "CALL { CREATE (:Evil) } RETURN 1",
        "in-transactions": "MATCH (t:Task) CALL { WITH t DETACH DELETE t } IN TRANSACTIONS",
    }


# How a payload is smuggled past a check (each keeps the payload executable for a
# server that reads the text the way the wrapper hopes it does).
WRAPPERS: dict[str, str] = {
    "plain": "{w}",
    "lower": "{lower}",  # keywords in lower case (labels as written)
    "cr-comment": "MATCH (n) RETURN count(n) AS c // x\r{w}",
    "crlf-comment": "MATCH (n) RETURN count(n) AS c // x\r\n{w}",
    "block-comment": "MATCH (n) RETURN count(n) AS c /* x */ {w}",
    "after-return": "MATCH (n) WITH count(n) AS c {w}",
    "semicolon": "MATCH (n) RETURN count(n) AS c; {w}",
    "union": "MATCH (n) RETURN count(n) AS c UNION {w}",
}
# Wrapped only around one payload each: the other shapes an attacker tries.
SPECIAL = {
    "fullwidth": "ＣＲＥＡＴＥ (:Evil)",
    "math-bold": "𝐂𝐑𝐄𝐀𝐓𝐄 (:Evil)",
    "long-s": "MATCH (t:Task) ſet t.evil = 1",
    "cyrillic-e": "MATCH (t:Task) DЕTACH DELETE t",
    "small-caps": "MATCH (t:Task) ᴅᴇʟᴇᴛᴇ t",
    "zero-width": "MATCH (n) RETURN n\u200bCREATE (:Evil)",
    "nbsp-split": "MATCH (n) RETURN n LIMIT 1\u00a0CREATE (:Evil)",
    "ls-comment": "MATCH (n) RETURN n // x\u2028CREATE (:Evil)",
    "exists-write": "MATCH (t:Task) WHERE EXISTS { MATCH (t) SET t.evil = 1 } RETURN t",
    "count-write": "MATCH (t:Task) RETURN COUNT { CREATE (:Evil) } AS n",
    "collect-write": "MATCH (t:Task) RETURN COLLECT { MATCH (t) DETACH DELETE t RETURN 1 } AS n",
    "nested-call": "CALL { CALL { CREATE (:Evil) } RETURN 1 AS x } RETURN x",
    "call-import-write": "MATCH (t:Task) CALL (t) { SET t.evil = 1 } RETURN t",
    "call-db-labels": "CALL db.labels()",
    "call-db-labels-yield": "CALL db.labels() YIELD label RETURN label",
    "call-dbms": "CALL dbms.security.createUser('evil', 'pwned-pwned-1', false)",
    "call-apoc": "CALL apoc.cypher.runWrite('CREATE (:Evil)', {})",
    "call-apoc-load": "CALL apoc.load.json('file:///etc/passwd')",
    "call-algo": "CALL algo.dijkstra(null, null, 'x')",
    "call-backticks": "CALL `db`.`labels`()",
    "fn-apoc": "RETURN apoc.load.json('file:///etc/passwd') AS x",
    "fn-backticks": "RETURN `apoc.create.node`(['Evil'], {}) AS x",
    "fn-file": "RETURN file() AS f",
    "foreach-nested": "MATCH (t:Task) FOREACH (x IN [t] | FOREACH (y IN [x] | SET y.evil = 1))",
    "foreach-case": "MATCH (t:Task) FOREACH (_ IN CASE WHEN true THEN [1] ELSE [] END | "
    "DELETE t)",
    "param-set": "MATCH (t:Task) SET t.text = $p",
    "param-key": "MATCH (t:Task) SET t[$k] = 1",
    "var-named-set": "MATCH (n) WITH n AS SET SET n.evil = 1",
    "label-named-create": "MATCH (n:CREATE) CREATE (:Evil)",
    "map-key-create": "RETURN {create: 1} AS m",
    "use-system": "USE system SHOW USERS",
    "profile": "PROFILE MATCH (t:Task) SET t.evil = 1",
    "explain": "EXPLAIN CREATE (:Evil)",
    "periodic": "USING PERIODIC COMMIT LOAD CSV FROM 'file:///etc/passwd' AS r CREATE (:Evil)",
    "terminate": "TERMINATE TRANSACTIONS 'x'",
    "unterminated-string": "MATCH (n) RETURN 'x CREATE (:Evil)",
    "unterminated-comment": "MATCH (n) RETURN n /* CREATE (:Evil)",
    "unterminated-name": "MATCH (n:`x) CREATE (:Evil)",
    "two-statements": "RETURN 1 AS x;\nCREATE (:Evil)",
    "unknown-clause": "MATCH (n) UPSERT (:Evil)",
    "finish": "MATCH (t:Task) SET t.evil = 1 FINISH",
    "let": "LET x = 1 RETURN x",
    "detach-split": "MATCH (t:Task) DETACH\n/* */\nDELETE t",
    "load-split": "LOAD\n\tCSV FROM 'file:///etc/passwd' AS r RETURN r",
}


def attacks(canary: Path) -> dict[str, str]:
    """Every attack, by a readable id (at least 100)."""
    out: dict[str, str] = {}
    for pname, payload in _write_payloads(canary).items():
        for wname, template in WRAPPERS.items():
            lower = re.sub(r"\b[A-Z]{2,}\b", lambda m: m.group().lower(), payload)
            out[f"{wname}:{pname}"] = template.format(w=payload, lower=lower)
    out.update({f"special:{k}": v for k, v in SPECIAL.items()})
    return out


_PARAMS = {"p": "CREATE (:Evil)", "k": "evil"}


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("canary") / "secret.csv"
    path.write_text(f"{CANARY_TEXT},1\n", encoding="utf-8")
    return path


def _graph_digest(store: Store) -> str:
    """Every node and relationship with its properties, hashed (order-free)."""
    nodes = store.read(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p", timeout=TEST_QUERY_TIMEOUT
    )
    rels = store.read(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, properties(r) AS p, "
        "properties(a) AS a, properties(b) AS b"
    )
    rows = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False, default=str)
                  for r in nodes + rels)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _credentials(server: BoltServer) -> dict[str, Any]:
    """What an attack on the accounts would change: the server's users and groups files
    (local server), and that root and the reader still log in with their passwords."""
    state: dict[str, Any] = {}
    if server.data_dir is not None:
        for name in ("config/server-users.jsonl", "config/server-groups.json"):
            path = server.data_dir / name
            state[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    for access in ("write", "read"):
        with server.connect(server.database, access=access) as store:
            state[f"login-{access}"] = store.read("RETURN 1 AS ok") == [{"ok": 1}]
    return state


@pytest.fixture(scope="module")
def before(loaded_store: Store, bolt_server: BoltServer) -> dict[str, Any]:
    """The graph and the accounts before any attack of this module ran."""
    return {"graph": _graph_digest(loaded_store), "credentials": _credentials(bolt_server)}


@pytest.fixture(scope="module")
def reader(loaded_store: Store) -> Iterator[Store]:
    """The read store the app's console uses (the session's loaded database)."""
    assert loaded_store.access == "read"
    yield loaded_store


def _evil_count(store: Store) -> int:
    return store.read("MATCH (n:Evil) RETURN count(n) AS n")[0]["n"]


# --- the attacks ---------------------------------------------------------------------


def test_there_are_at_least_100_attacks(canary: Path) -> None:
    assert len(attacks(canary)) >= 100


def test_the_guard_alone_refuses_every_attack(canary: Path) -> None:
    """Layer 1 without a server: every attack is refused before anything is sent."""
    passed = [name for name, q in attacks(canary).items() if refusal(q) is None]
    assert passed == []


def test_every_attack_is_refused_through_the_console(
    reader: Store, bolt_server: BoltServer, before: dict[str, Any], canary: Path
) -> None:
    """Both layers, as the app runs them: refused with a coded message, nothing changed."""
    unrefused = []
    for name, query in attacks(canary).items():
        try:
            result = run_console(reader, query, _PARAMS, limit=10, timeout=5)
        except ZerenError as exc:
            assert exc.code and exc.code.startswith("E3"), (name, exc.code)
            assert " | " in str(exc) and CANARY_TEXT not in str(exc), name
            continue
        unrefused.append((name, result.rows[:2]))
    assert unrefused == []
    assert _evil_count(reader) == 0
    assert _graph_digest(reader) == before["graph"]
    assert _credentials(bolt_server) == before["credentials"]


def _committed_as_reader(reader: Store, query: str) -> str:
    """Run ``query`` as the read-only account in an auto-commit transaction — no guard,
    no rollback by the console: only the server stands in the way. The outcome: the
    server's error code, or "ran"."""
    try:
        with reader.driver.session(database=reader.database) as session:
            rows = [r.data() for r in session.run(query, _PARAMS)]
    except Neo4jError as exc:
        assert CANARY_TEXT not in str(exc)
        return exc.code or "?"
    assert CANARY_TEXT not in json.dumps(rows, ensure_ascii=False, default=str)
    return "ran"


def test_the_server_alone_refuses_what_the_guard_would(
    reader: Store, bolt_server: BoltServer, before: dict[str, Any], canary: Path
) -> None:
    """Layer 2 without the guard (and without the console's rollback): the read-only
    account changes nothing and reads no file, whatever reaches the server."""
    if not reader.read_enforced:
        pytest.skip("the external test server has no read-only account "
                    "(set ZEREN_TEST_NEO4J_READ_USERNAME / _READ_PASSWORD)")
    outcomes = {name: _committed_as_reader(reader, q) for name, q in attacks(canary).items()}
    assert _evil_count(reader) == 0
    assert _graph_digest(reader) == before["graph"]
    assert _credentials(bolt_server) == before["credentials"]
    # The server itself refused every write and file read as forbidden, or could not
    # run it (a syntax ArcadeDB lacks, a node that still has relationships).
    forbidden = {n for n, o in outcomes.items() if o == "Neo.ClientError.Security.Forbidden"}
    for payload in ("create", "insert", "set", "set-map", "set-label", "detach-delete",
                    "remove", "merge", "create-rel", "unwind-create", "foreach",
                    "load-passwd", "load-canary", "load-path", "load-http", "alter-root",
                    "alter-reader", "create-user", "drop-constraint", "create-index",
                    "create-constraint", "show-users", "call-subquery-write",
                    "in-transactions"):
        assert f"plain:{payload}" in forbidden, (payload, outcomes[f"plain:{payload}"])
    for name in ("special:nested-call", "special:call-import-write", "special:param-set",
                 "special:foreach-nested", "special:load-split"):
        assert name in forbidden, (name, outcomes[name])
    # What ran changed nothing (checked above): listing labels, EXPLAIN and PROFILE of a
    # write (planned, not applied), a MATCH on a label nobody has, …
    ran = {n for n, o in outcomes.items() if o == "ran"}
    assert ran <= {
        "special:call-db-labels", "special:call-db-labels-yield", "special:call-backticks",
        "special:map-key-create", "special:ls-comment", "special:fn-file",
        "special:label-named-create", "special:explain", "special:profile",
        "special:terminate", "special:let",
    }, ran


def test_the_console_never_commits(reader: Store, before: dict[str, Any], canary: Path) -> None:
    """Layer 3, the console's execution without the guard: it reads in a transaction it
    rolls back, so even what the server would run changes nothing."""
    for query in attacks(canary).values():
        try:
            execute_read(reader, query, _PARAMS, limit=10, timeout=5)
        except ZerenError as exc:
            assert exc.code and exc.code.startswith("E3") and CANARY_TEXT not in str(exc)
    assert _evil_count(reader) == 0
    assert _graph_digest(reader) == before["graph"]


def test_a_string_that_hides_a_clause_stays_a_string(reader: Store) -> None:
    """The guard and the server read escapes alike: this is one string, not a CREATE."""
    query = "RETURN 'a\\' CREATE (:Evil) //' AS s"
    result = run_console(reader, query)
    assert result.rows == [{"s": "a' CREATE (:Evil) //"}]
    assert _evil_count(reader) == 0


def test_parameters_are_data(reader: Store) -> None:
    result = run_console(reader, "RETURN $q AS q, size($q) AS n", {"q": "CREATE (:Evil)"})
    assert result.rows == [{"q": "CREATE (:Evil)", "n": 14}]
    with pytest.raises(ZerenError) as err:
        run_console(reader, "RETURN 1", ["not", "an", "object"])  # type: ignore[arg-type]
    assert err.value.code == "E327"


def test_a_writer_store_is_refused(bolt_server: BoltServer) -> None:
    with bolt_server.connect(bolt_server.database) as writer, pytest.raises(ZerenError) as err:
        run_console(writer, "MATCH (n) RETURN count(n) AS n")
    assert err.value.code == "E331"


# --- limits the server enforces ------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks


def test_a_cartesian_product_stops_within_the_limit(
    reader: Store, bolt_server: BoltServer
) -> None:
    """Three-way product of every task (~78 million rows): stopped by the server at
    its statement timeout, and the server is idle afterwards."""
    query = (
        "MATCH (a:Task), (b:Task), (c:Task) "
        "RETURN sum(size(a.id) + size(b.id) + size(c.id)) AS n"
    )
    limit = reader.query_timeout or 5.0
    t0 = time.monotonic()
    with pytest.raises(ZerenError) as err:
        run_console(reader, query, timeout=limit)
    took = time.monotonic() - t0
    assert err.value.code == "E329", str(err.value)
    assert took < limit * 1.5 + 2, took
    if bolt_server.pid is not None:  # the server really stopped working on it
        time.sleep(0.5)
        cpu = _cpu_seconds(bolt_server.pid)
        time.sleep(2.0)
        assert _cpu_seconds(bolt_server.pid) - cpu < 1.0


def test_rows_are_limited_on_the_server(reader: Store) -> None:
    """A product with millions of rows, limited to 50: answered at once, truncated."""
    query = "MATCH (a:Task), (b:Task), (c:Task) RETURN a.id AS a, b.id AS b, c.id AS c"
    t0 = time.monotonic()
    result = run_console(reader, query, limit=50, timeout=5)
    assert time.monotonic() - t0 < 3.0
    assert len(result.rows) == 50 and result.truncated
    assert result.columns == ["a", "b", "c"]
    union = run_console(reader, "MATCH (t:Task) RETURN t.id AS id UNION ALL "
                        "MATCH (t:Task) RETURN t.id AS id", limit=7)
    assert len(union.rows) == 7 and union.truncated
