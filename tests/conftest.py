"""Shared pytest fixtures (owned by the graph package; others reuse them — keep stable).

Fixtures
--------
``bolt_server`` (session)
    A real Bolt server for the whole run: the bundled ArcadeDB server started once on
    free 127.0.0.1 ports in a temporary folder (~3-6 s), or — only when the test-only
    ``ZEREN_TEST_NEO4J_URI`` is set — a Neo4j 5 you set aside for tests (with
    ``ZEREN_TEST_NEO4J_USERNAME`` / ``_PASSWORD`` / ``_DATABASE``, and a reader account
    in ``ZEREN_TEST_NEO4J_READ_USERNAME`` / ``_READ_PASSWORD``). The suite clears that
    database. ``NEO4J_URI`` and the other ``NEO4J_*`` settings of the user are removed
    from the environment for the whole session (and blanked, so a ``.env`` file cannot
    bring them back): a database configured for real use is never touched.
    A :class:`BoltServer` with ``uri``, ``username``, ``password``, ``database``,
    ``scratch_database``, ``kind``, ``pid`` (``None`` for Neo4j), ``read_username`` /
    ``read_password`` (the server-enforced read-only account) and ``query_timeout``.
``corpus_paths`` (session)
    The bundled corpus files (``data/corpus/*.txt``).
``corpus_documents`` (session)
    ``list[Document]`` extracted from the corpus by ``extract.extract_paths``.
``sample_docs`` (function)
    Fresh hand-made documents (:func:`sample_documents`) — safe to mutate.
``loaded_store`` (session)
    A :class:`graph.Store` on a database holding exactly ``corpus_documents``, opened
    with ``access="read"`` as the read-only account (writes are refused by the store
    and, on the local server, by the server itself). queries/ and app tests share it.
``empty_store`` (function)
    A :class:`graph.Store` on an emptied scratch database; write freely. On the local
    server this is a separate database from ``loaded_store``'s; on a single-database
    Neo4j the corpus is reloaded into it after the test that emptied it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extract import extract_paths  # noqa: E402 - needs ROOT on sys.path
from extract.models import (  # noqa: E402 - needs ROOT on sys.path
    Assignment,
    Deadline,
    Document,
    Org,
    SourceSpan,
    Task,
)
from graph import local_server  # noqa: E402
from graph.neo4j_store import Store  # noqa: E402
from graph.store import connect  # noqa: E402

__all__ = ["BoltServer", "sample_documents"]

CORPUS_DIR = ROOT / "data" / "corpus"
_LOADED_DB = "zeren_test"
_SCRATCH_DB = "zeren_scratch"
# The server's statement timeout for the session: long enough for every test's reads,
# short enough that the cartesian-product tests show it stops a runaway query.
TEST_QUERY_TIMEOUT = 12.0

# The user's own connection settings never reach a test (nor a subprocess it starts):
# removed, then blanked so that load_dotenv (override=False) cannot restore them from a
# .env file. Tests that need a server name it explicitly.
_NEO4J_SETTINGS = (
    "NEO4J_URI",
    "NEO4J_USERNAME",
    "NEO4J_PASSWORD",
    "NEO4J_DATABASE",
    "NEO4J_READ_USERNAME",
    "NEO4J_READ_PASSWORD",
)
for _name in [k for k in os.environ if k.startswith("NEO4J_")]:
    del os.environ[_name]
for _name in _NEO4J_SETTINGS:
    os.environ[_name] = ""


@dataclass(frozen=True)
class BoltServer:
    """Where the test session's Bolt server is and how to log in."""

    uri: str
    username: str
    password: str | None
    database: str | None
    scratch_database: str | None
    kind: str  # "local" | "neo4j"
    pid: int | None = None
    read_username: str | None = None
    read_password: str | None = None
    query_timeout: float | None = None
    data_dir: Path | None = None

    def connect(self, database: str | None, access: str = "write") -> Store:
        """A new :class:`Store` on ``database`` of this server (caller closes it);
        ``access="read"`` logs in as the read-only account when there is one."""
        reader = access == "read" and self.read_username is not None
        return connect(
            self.uri,
            username=self.read_username if reader else self.username,  # type: ignore[arg-type]
            password=self.read_password if reader else self.password,
            database=database,
            kind=self.kind,
            access=access,
            read_enforced=reader,
            query_timeout=self.query_timeout,
            data_dir=self.data_dir,
        )

    def env(self, database: str | None, **extra: str) -> dict[str, str]:
        """``NEO4J_*`` settings naming this server (for the app and CLI subprocesses),
        with the read-only account as ``NEO4J_READ_USERNAME`` / ``_PASSWORD``."""
        out = {
            "NEO4J_URI": self.uri,
            "NEO4J_USERNAME": self.username,
            "NEO4J_PASSWORD": self.password or "",
            "NEO4J_DATABASE": database or "",
            "NEO4J_READ_USERNAME": self.read_username or "",
            "NEO4J_READ_PASSWORD": self.read_password or "",
        }
        out.update(extra)
        return out


def _org(name: str, kind: str = "department", district: str | None = None) -> Org:
    return Org(name=name, kind=kind, level="city", jurisdiction="郑州市", district=district)  # type: ignore[arg-type]


def sample_documents() -> list[Document]:
    """Two small hand-made documents shaped like the corpus (shared orgs and deadlines,
    all three roles, open and recurring deadlines, districts on tasks and on orgs).

    Returns
    -------
    list[Document]
        New objects on every call.
    """
    f1, f2 = "data/corpus/sample_a.txt", "data/corpus/sample_b.txt"
    fin = _org("郑州市财政局")
    dev = _org("郑州市发展改革委")
    ind = _org("郑州市工信委")
    zy = _org("中原区人民政府", "district_government", district="中原区")
    dfs = _org("登封市人民政府", "district_government", district="登封市")
    power = _org("郑州供电公司", "enterprise")

    def a(org: Org, role: str, mention: str, line: int) -> Assignment:
        return Assignment(
            org=org, mention=mention, role=role, evidence=f"责任单位：{mention}", line=line
        )  # type: ignore[arg-type]

    doc1 = Document(
        id="doc-2017-24",
        number="郑政〔2017〕24号",
        title="关于印发郑州市2017年电力行业燃煤削减实施方案的通知",
        issuer="郑州市人民政府",
        date="2017-08-03",
        year=2017,
        source=SourceSpan(f1, 1, 60),
        content_hash="h-doc1-v1",
        plan_title="郑州市2017年电力行业燃煤削减实施方案",
        tasks=[
            Task(
                id="doc-2017-24/t1",
                seq=1,
                text="严格控制燃煤电厂发电总量。",
                section="四、重点任务",
                source=SourceSpan(f1, 20, 22),
                assignments=[
                    a(dev, "lead", "市发展改革委", 22),
                    a(ind, "responsible", "市工信委", 22),
                    a(power, "responsible", "郑州供电公司", 22),
                ],
                deadlines=[Deadline("2017-08-31", "8月底前")],
                districts=[],
            ),
            Task(
                id="doc-2017-24/t2",
                seq=2,
                text="压减郑州新力电力有限公司发电机组生产负荷。",
                section="四、重点任务",
                source=SourceSpan(f1, 24, 27),
                assignments=[
                    a(zy, "lead", "中原区人民政府", 27),
                    a(ind, "responsible", "工信委", 27),
                    a(fin, "assist", "市财政局", 27),
                ],
                deadlines=[
                    Deadline("2017-08-31", "8月底前", final=False),
                    Deadline("2017-10-31", "10月底前"),
                ],
                districts=["中原区"],
            ),
            Task(
                id="doc-2017-24/t3",
                seq=3,
                text="实现郑州中岳电力有限公司火电机组关停。",
                section="四、重点任务",
                source=SourceSpan(f1, 29, 31),
                assignments=[
                    a(dfs, "lead", "登封市人民政府", 31),
                    a(ind, "assist", "市工信委", 31),
                ],
                deadlines=[Deadline(None, "长期坚持", kind="open")],
                districts=["登封市"],
            ),
        ],
    )
    doc2 = Document(
        id="doc-2017-14",
        number="郑政〔2017〕14号",
        title="关于印发郑州市财政资金管理工作要点的通知",
        issuer="郑州市人民政府",
        date="2017-03-10",
        year=2017,
        source=SourceSpan(f2, 1, 40),
        content_hash="h-doc2-v1",
        tasks=[
            Task(
                id="doc-2017-14/t1",
                seq=1,
                text="加强财政资金监管。",
                section="二、主要任务",
                source=SourceSpan(f2, 10, 12),
                assignments=[a(fin, "lead", "市财政局", 12), a(dev, "assist", "发展改革委", 12)],
                deadlines=[Deadline(None, "每季度", kind="recurring")],
                districts=[],
            ),
            Task(
                id="doc-2017-14/t2",
                seq=2,
                text="推进中原区预算公开。",
                section="二、主要任务",
                source=SourceSpan(f2, 14, 16),
                assignments=[a(zy, "responsible", "中原区政府", 16)],
                deadlines=[Deadline("2017-10-31", "10月底前")],
                districts=["中原区"],
            ),
        ],
    )
    return [doc1, doc2]


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
    """The session's Bolt server (see the module docstring)."""
    uri = os.environ.get("ZEREN_TEST_NEO4J_URI")
    if uri:
        db = os.environ.get("ZEREN_TEST_NEO4J_DATABASE") or None
        yield BoltServer(
            uri=uri,
            username=os.environ.get("ZEREN_TEST_NEO4J_USERNAME") or "neo4j",
            password=os.environ.get("ZEREN_TEST_NEO4J_PASSWORD"),
            database=db,
            scratch_database=db,
            kind="neo4j",
            read_username=os.environ.get("ZEREN_TEST_NEO4J_READ_USERNAME") or None,
            read_password=os.environ.get("ZEREN_TEST_NEO4J_READ_PASSWORD") or None,
        )
        return
    data_dir = tmp_path_factory.mktemp("arcadedb")
    info = local_server.start_server(
        data_dir,
        database=_LOADED_DB,
        extra_databases=(_SCRATCH_DB,),
        heap="512m",
        query_timeout=TEST_QUERY_TIMEOUT,
    )
    try:
        yield BoltServer(
            uri=info.uri,
            username=local_server.USERNAME,
            password=(data_dir / "password").read_text(encoding="utf-8").strip(),
            database=_LOADED_DB,
            scratch_database=_SCRATCH_DB,
            kind="local",
            pid=info.pid,
            read_username=local_server.READER,
            read_password=(data_dir / "reader-password").read_text(encoding="utf-8").strip(),
            query_timeout=info.query_timeout,
            data_dir=Path(info.data_dir),
        )
    finally:
        local_server.stop_server(info)


@pytest.fixture(scope="session")
def corpus_paths() -> list[Path]:
    """The bundled corpus files."""
    return sorted(CORPUS_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_documents(corpus_paths: list[Path]) -> list[Document]:
    """Documents extracted from the bundled corpus by the real extractor."""
    return list(extract_paths(corpus_paths).documents)


@pytest.fixture
def sample_docs() -> list[Document]:
    """Fresh hand-made documents (mutate freely)."""
    return sample_documents()


@pytest.fixture(scope="session")
def _shared_db_state() -> dict[str, bool]:
    # Only used when loaded_store and empty_store share one database (a real Neo4j).
    return {"loaded": False}


@pytest.fixture(scope="session")
def loaded_store(
    bolt_server: BoltServer, corpus_documents: list[Document], _shared_db_state: dict[str, bool]
) -> Iterator[Store]:
    """A store holding exactly the corpus, opened read-only."""
    with bolt_server.connect(bolt_server.database) as writer:
        writer.clear()
        report = writer.load_documents(corpus_documents)
    assert report.ok, report.failed
    _shared_db_state["loaded"] = True
    store = bolt_server.connect(bolt_server.database, access="read")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def empty_store(
    bolt_server: BoltServer,
    request: pytest.FixtureRequest,
    _shared_db_state: dict[str, bool],
) -> Iterator[Store]:
    """A store on an emptied scratch database."""
    store = bolt_server.connect(bolt_server.scratch_database)
    store.clear()
    try:
        yield store
    finally:
        store.clear()
        if bolt_server.scratch_database == bolt_server.database and _shared_db_state["loaded"]:
            # One database for both fixtures: put the corpus back for loaded_store users.
            docs = request.getfixturevalue("corpus_documents")
            store.load_documents(docs)
        store.close()
