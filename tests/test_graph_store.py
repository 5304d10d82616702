"""The store against a real Bolt server (the session's local ArcadeDB, or $NEO4J_URI)."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import ROOT, BoltServer

from errors import ZerenError
from extract.models import Assignment, Deadline, Document, Org, SourceSpan, Task
from graph.model import build_graph
from graph.neo4j_store import Store
from graph.schema import LABELS, REL_TYPES, ROLE_REL_TYPES
from graph.store import connect, open_store


def _normal(g: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[Any, Any]]:
    """Nodes and edges with order-free lists (aliases are a set of mentions)."""

    def fix(d: dict[str, Any]) -> dict[str, Any]:
        return {k: sorted(v) if k == "aliases" else v for k, v in d.items()}

    nodes = {n: fix(d) for n, d in g.nodes(data=True)}
    edges = {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)}
    return nodes, edges


def assert_same_graph(store: Store, docs: list[Document]) -> None:
    """The database holds exactly what the model builds from ``docs``."""
    want_nodes, want_edges = _normal(build_graph(docs))
    got_nodes, got_edges = _normal(store.to_networkx())
    assert set(got_nodes) == set(want_nodes)
    assert set(got_edges) == set(want_edges)
    assert got_nodes == want_nodes
    assert got_edges == want_edges


def _counts(store: Store) -> dict[str, int]:
    s = store.stats()
    return {**s["nodes"], **s["relationships"]}


# --- the corpus ------------------------------------------------------------------------


def test_corpus_counts_equal_extracted_records(
    loaded_store: Store, corpus_documents: list[Document]
) -> None:
    counts = _counts(loaded_store)
    tasks = {t.id: t for d in corpus_documents for t in d.tasks}
    assert counts["Document"] == len({d.id for d in corpus_documents})
    assert counts["Task"] == counts["HAS_TASK"] == len(tasks)
    orgs = {a.org.name for t in tasks.values() for a in t.assignments}
    # the issuer is resolved like any mention: 市政府办公厅 and 郑州市人民政府办公厅 are one
    orgs |= {d.issuer_org.name if d.issuer_org else d.issuer
             for d in corpus_documents if d.issuer}
    assert counts["Org"] == len(orgs)
    roles = {(a.org.name, a.role, t.id) for t in tasks.values() for a in t.assignments}
    assert sum(counts[t] for t in ROLE_REL_TYPES) == len(roles)
    due = {(t.id, dl.date or dl.kind, dl.raw) for t in tasks.values() for dl in t.deadlines}
    assert counts["DUE_BY"] == len(due)
    assert counts["CONCERNS"] == len({(t.id, x) for t in tasks.values() for x in t.districts})
    assert counts["ISSUED_BY"] == sum(1 for d in corpus_documents if d.issuer)
    assert sum(counts[t] for t in REL_TYPES) > 0


def test_corpus_graph_equals_model(loaded_store: Store, corpus_documents: list[Document]) -> None:
    assert_same_graph(loaded_store, corpus_documents)


def test_corpus_is_the_real_one(corpus_documents: list[Document]) -> None:
    assert len(corpus_documents) >= 40
    assert sum(len(d.tasks) for d in corpus_documents) >= 300


def test_read_returns_dicts_and_takes_parameters(loaded_store: Store) -> None:
    rows = loaded_store.read(
        "MATCH (d:Document) WHERE d.id = $id RETURN d.id AS id, d.title AS title",
        {"id": loaded_store.read("MATCH (d:Document) RETURN d.id AS id LIMIT 1")[0]["id"]},
        timeout=10,
    )
    assert len(rows) == 1 and set(rows[0]) == {"id", "title"}


# --- reloading ------------------------------------------------------------------------


def test_reload_unchanged_changes_nothing(
    empty_store: Store, corpus_documents: list[Document]
) -> None:
    first = empty_store.load_documents(corpus_documents)
    assert first.ok and len(first.created) == len({d.id for d in corpus_documents})
    before = _normal(empty_store.to_networkx())
    ids_before = empty_store.read("MATCH (t:Task) RETURN t.id AS id ORDER BY id")
    again = empty_store.load_documents(corpus_documents)
    assert again.ok
    assert again.created == again.updated == []
    assert len(again.unchanged) == len(first.created)
    assert again.rels_written == 0
    assert _normal(empty_store.to_networkx()) == before
    assert empty_store.read("MATCH (t:Task) RETURN t.id AS id ORDER BY id") == ids_before


def test_changed_document_leaves_no_stale_tasks(
    empty_store: Store, sample_docs: list[Document]
) -> None:
    assert empty_store.load_documents(sample_docs).ok
    doc = sample_docs[0]
    # t3 goes (and with it 登封市人民政府, its district and the "open" deadline, used
    # nowhere else); t2 changes its text and loses an assignment.
    gone = doc.tasks.pop()
    doc.tasks[1].text = "压减生产负荷（修订）。"
    doc.tasks[1].assignments = doc.tasks[1].assignments[:1]
    doc.content_hash = "h-doc1-v2"
    report = empty_store.load_documents(sample_docs)
    assert report.updated == [doc.id] and report.unchanged == [sample_docs[1].id]
    assert empty_store.read("MATCH (t:Task {id: $id}) RETURN t", {"id": gone.id}) == []
    for name in ("登封市人民政府",):
        assert empty_store.read("MATCH (o:Org {name: $n}) RETURN o", {"n": name}) == []
    assert empty_store.read("MATCH (x:District {name: '登封市'}) RETURN x") == []
    assert empty_store.read("MATCH (x:Deadline {key: 'open'}) RETURN x") == []
    assert_same_graph(empty_store, sample_docs)


def test_prune_removes_documents_and_orphans(
    empty_store: Store, sample_docs: list[Document]
) -> None:
    assert empty_store.load_documents(sample_docs).ok
    keep = sample_docs[1:]
    report = empty_store.load_documents(keep, prune=True)
    assert report.pruned == [sample_docs[0].id]
    assert_same_graph(empty_store, keep)
    # without prune nothing is removed
    assert empty_store.load_documents(sample_docs).created == [sample_docs[0].id]
    assert empty_store.load_documents(keep).pruned == []
    assert _counts(empty_store)["Document"] == 2


def test_force_rewrites_without_changing_the_graph(
    empty_store: Store, sample_docs: list[Document]
) -> None:
    assert empty_store.load_documents(sample_docs).ok
    report = empty_store.load_documents(sample_docs, force=True)
    assert len(report.updated) == 2
    assert_same_graph(empty_store, sample_docs)


# --- failures -------------------------------------------------------------------------


def _clashing_doc(template: Document, doc_id: str, clash_with: str) -> Document:
    """A copy of ``template`` whose last task reuses the task id ``clash_with``.

    The server refuses it (Task id uniqueness constraint) in the Task statement — after
    the document, its orgs, districts and deadlines were written in the same transaction,
    so the rollback has partial writes to undo.
    """
    doc = dataclasses.replace(
        template,
        id=doc_id,
        content_hash=f"h-{doc_id}-clash",
        tasks=[dataclasses.replace(t, id=f"{doc_id}/{t.id}") for t in template.tasks],
    )
    doc.tasks[-1].id = clash_with
    return doc


def test_failing_document_is_rolled_back_others_load(
    empty_store: Store, sample_docs: list[Document]
) -> None:
    bad = _clashing_doc(sample_docs[0], "doc-bad", clash_with=sample_docs[0].tasks[0].id)
    progress: list[tuple[str, str]] = []
    report = empty_store.load_documents(
        [sample_docs[0], bad, sample_docs[1]], progress=lambda i, s: progress.append((i, s))
    )
    assert [d for d, _ in report.failed] == ["doc-bad"]
    assert "doc-bad" in report.failed[0][1]
    assert ("doc-bad", "failed") in progress
    assert report.created == [sample_docs[0].id, sample_docs[1].id]
    assert empty_store.read("MATCH (d:Document {id: 'doc-bad'}) RETURN d") == []
    assert empty_store.read("MATCH (t:Task) WHERE t.doc_id = 'doc-bad' RETURN t") == []
    assert_same_graph(empty_store, sample_docs)


def test_load_skips_full_collections_and_restores_the_collector(
    empty_store: Store, sample_docs: list[Document]
) -> None:
    """No full GC while a load runs (it walked every live row), the young generations
    still collected, and the thresholds back as they were afterwards, also when the
    load raises."""
    import gc

    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    report = empty_store.load_documents(
        sample_docs, progress=lambda i, s: seen.append(gc.get_threshold())
    )
    assert report.ok and seen
    assert all(t[0] >= before[0] and t[1] == before[1] and t[2] > 10**6 for t in seen)
    assert gc.isenabled() and gc.get_threshold() == before
    with pytest.raises(RuntimeError):
        empty_store.load_documents(sample_docs, force=True,
                                   progress=lambda i, s: (_ for _ in ()).throw(RuntimeError(i)))
    assert gc.isenabled() and gc.get_threshold() == before


def test_empty_key_is_refused_before_the_server(
    empty_store: Store, sample_docs: list[Document]
) -> None:
    # A null key would MERGE a keyless node on some servers; the model refuses it.
    doc = sample_docs[0]
    doc.tasks[1].assignments[0] = dataclasses.replace(
        doc.tasks[1].assignments[0], org=Org("", "other")
    )
    report = empty_store.load_documents(sample_docs)
    assert [d for d, _ in report.failed] == [doc.id]
    assert_same_graph(empty_store, sample_docs[1:])


def test_failed_update_keeps_the_old_version(
    empty_store: Store, sample_docs: list[Document]
) -> None:
    assert empty_store.load_documents(sample_docs).ok
    before = _normal(empty_store.to_networkx())
    broken = _clashing_doc(sample_docs[0], sample_docs[0].id, sample_docs[1].tasks[0].id)
    report = empty_store.load_documents([broken, sample_docs[1]])
    assert [d for d, _ in report.failed] == [sample_docs[0].id]
    assert _normal(empty_store.to_networkx()) == before


def _many_documents(n: int) -> list[Document]:
    org = Org("郑州市测试局", "department", "city", "郑州市")
    docs = []
    for i in range(n):
        tasks = [
            Task(
                id=f"kill-{i}/t{j}",
                seq=j,
                text=f"任务 {i}-{j}",
                section="一",
                source=SourceSpan("k.txt", j, j),
                assignments=[Assignment(org, "市测试局", "lead", "牵头单位：市测试局", j)],
                deadlines=[Deadline(f"2017-{1 + j % 12:02d}-28", "月底前")],
            )
            for j in range(40)
        ]
        docs.append(
            Document(
                id=f"kill-{i}",
                number=None,
                title=f"文件 {i}",
                issuer="郑州市人民政府",
                date=None,
                year=2017,
                source=SourceSpan("k.txt", 1, 50),
                content_hash=f"k{i}",
                tasks=tasks,
            )
        )
    return docs


def _loader_script(template: str, server: BoltServer, **extra: object) -> str:
    """A ``python -c`` script loading into the session server's scratch database."""
    return template.format(
        root=str(ROOT),
        tests=str(Path(__file__).parent),
        uri=server.uri,
        user=server.username,
        pw=server.password,
        db=server.scratch_database,
        **extra,
    )


_KILL_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
sys.path.insert(0, {tests!r})
from test_graph_store import _many_documents
from graph.store import connect
store = connect({uri!r}, username={user!r}, password={pw!r}, database={db!r})
def progress(doc_id, status):
    print(doc_id, status, flush=True)
store.load_documents(_many_documents(400), progress=progress)
print("finished", flush=True)
"""


def test_killed_load_leaves_whole_documents(empty_store: Store, bolt_server: BoltServer) -> None:
    script = _loader_script(_KILL_SCRIPT, bolt_server)
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert proc.stdout is not None
    done = 0
    deadline = time.monotonic() + 120
    for line in proc.stdout:
        if line.endswith("created\n"):
            done += 1
        if done >= 5 or time.monotonic() > deadline:
            break
    # SIGKILL: no clean-up, no rollback message; the server must drop the open transaction.
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    assert done >= 5, "the loader never got going"
    time.sleep(0.5)  # the server notices the dropped connection
    per_doc = empty_store.read(
        "MATCH (d:Document) OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task) "
        "RETURN d.id AS id, count(t) AS tasks"
    )
    assert done <= len(per_doc) < 400
    assert all(r["tasks"] == 40 for r in per_doc), per_doc
    stray = empty_store.read(
        "MATCH (t:Task) WHERE NOT EXISTS { MATCH (:Document)-[:HAS_TASK]->(t) } "
        "RETURN count(t) AS n"
    )
    assert stray == [{"n": 0}]
    counts = _counts(empty_store)
    assert counts["LEADS"] == counts["DUE_BY"] == counts["Task"] == 40 * len(per_doc)
    # and a new load finishes the job
    report = empty_store.load_documents(_many_documents(400)[:20])
    assert report.ok


_RACE_SCRIPT = """
import sys, time
sys.path.insert(0, {root!r})
sys.path.insert(0, {tests!r})
from test_graph_store import _many_documents
from graph.store import connect
with connect({uri!r}, username={user!r}, password={pw!r}, database={db!r}) as store:
    store.ensure_schema()
    docs = _many_documents(30)
    time.sleep(max(0.0, {start} - time.time()))  # both loaders begin together
    report = store.load_documents(docs)
    print(len(report.created), len(report.updated), len(report.unchanged), len(report.failed))
"""


def test_concurrent_loaders_converge(empty_store: Store, bolt_server: BoltServer) -> None:
    # Two processes load the same new documents at once: one creates each document, the
    # other finds it created (constraint error -> re-checked -> unchanged) or retries a
    # transient conflict; nothing fails and nothing is doubled.
    script = _loader_script(_RACE_SCRIPT, bolt_server, start=time.time() + 3.0)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=180)[0].split() for p in procs]
    assert all(len(r) == 4 and r[3] == "0" for r in results), results
    assert sum(int(r[0]) for r in results) == 30
    assert_same_graph(empty_store, _many_documents(30))


# --- connection errors ----------------------------------------------------------------


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_names_the_uri() -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    with pytest.raises(ZerenError) as err:
        open_store(uri, password="whatever", env_file=None)
    assert uri in str(err.value)
    assert "cannot reach" in str(err.value)


def test_unreachable_server_cli_exit_code() -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_PASSWORD": "whatever"}
    proc = subprocess.run(
        [sys.executable, "-m", "graph", "stats"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert uri in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_wrong_password_is_a_login_error(bolt_server: BoltServer) -> None:
    if bolt_server.kind != "local":
        pytest.skip("would count a failed login against your Neo4j account")
    with pytest.raises(ZerenError) as err:
        connect(bolt_server.uri, username="root", password="not-the-password")
    assert "refused the login" in str(err.value)


# --- the CLI on the session's server ----------------------------------------------------


def test_cli_load_stats_export(
    empty_store: Store,
    bolt_server: BoltServer,
    tmp_path: Path,
    corpus_documents: list[Document],
) -> None:
    # load writes with NEO4J_USERNAME; stats and export read with NEO4J_READ_USERNAME
    env = {**os.environ, **bolt_server.env(bolt_server.scratch_database)}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "graph", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    load = cli("load", "data/", "--no-progress")
    assert load.returncode == 0, load.stderr
    assert "0 failed" in load.stdout
    stats = cli("stats", "--json")
    assert stats.returncode == 0, stats.stderr
    got = json.loads(stats.stdout)
    assert got["total_nodes"] == sum(_counts(empty_store)[lbl] for lbl in LABELS)
    # The CLI extracted data/, which is the corpus.
    g = build_graph(corpus_documents)
    assert got["total_nodes"] == g.number_of_nodes()
    assert got["total_relationships"] == g.number_of_edges()
    out = tmp_path / "csv"
    exp = cli("export", "--format", "csv", "-o", str(out))
    assert exp.returncode == 0, exp.stderr
    assert (out / "nodes_Task.csv").exists() and (out / "rels_HAS_TASK.csv").exists()
    bad = cli("export", "--format", "xml")
    assert bad.returncode == 2 and "unknown export format" in bad.stderr
    again = cli("load", "data/", "--no-progress")
    assert "0 new, 0 updated" in again.stdout
    # --prune on an input that yielded nothing must not wipe the graph
    (tmp_path / "empty").mkdir()
    wipe = cli("load", str(tmp_path / "empty"), "--prune")
    assert wipe.returncode == 1 and "not pruning" in wipe.stderr
    assert Counter(empty_store.stats()["nodes"]) == Counter(got["nodes"])
