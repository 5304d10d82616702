"""App interaction timings: p50/p95 over N runs, on the corpus and at ``--scale`` x.

    python benchmarks/bench_app.py [--scale 100] [--runs 30] [--starts 5] [--data-dir DIR]
                                   [--uri bolt://…]

Starts a throw-away local graph server (in a temporary folder, or ``--data-dir`` to keep
the loaded graphs between runs), loads the bundled corpus into one database and, with
``--scale N``, ``N`` copies of it (new document and task ids, the same organisations:
``benchmarks/bench_graph.py``'s synthetic archive; 100x = 5,000 documents, 42,800 tasks,
~221k relationships) into another, then times what an analyst does at two levels:

``query``
    the app's read functions (:mod:`ui.reads`) and the audits they run, uncached: what a
    first visit with new inputs costs at the database (target p95 < 300 ms);
``page``
    the whole page script re-run by ``streamlit.testing.v1.AppTest`` after an input
    changed (widgets, tables, charts included), with the app's cache cleared before each
    run (cold; target p95 < 500 ms) and kept (warm);
``browser``
    ``streamlit run`` in headless Chromium: the first page after start with the graph
    server running (target < 3 s; ``--starts N`` starts the app N times for its spread)
    and page switches from the sidebar (target p95 < 1 s).

With ``--uri`` (or ``NEO4J_URI``) it times that server as it is (read-only, no load).
Exits 1 when a figure is over its target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
QUERY_MS = 300.0
PAGE_MS = 500.0

__all__ = ["main"]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _time(fn: Callable[[int], Any], runs: int) -> list[float]:
    fn(0)  # one untimed run: driver connection, server-side statement cache
    out = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i + 1)
        out.append((time.perf_counter() - t0) * 1000)
    return out


@dataclass
class Figures:
    """Every timed interaction's (name, p50, p95, target) at one scale."""

    label: str
    rows: list[tuple[str, float, float, float]]

    def add(self, name: str, ms: list[float], target: float) -> None:
        p50, p95 = statistics.median(ms), _pct(ms, 0.95)
        self.rows.append((name, p50, p95, target))
        flag = "ok" if p95 < target else "SLOW"
        print(f"  {name:<48} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {flag}", flush=True)

    @property
    def ok(self) -> bool:
        return all(p95 < target for _, _, p95, target in self.rows)


def _samples(store: Any) -> dict[str, list[str]]:
    """Real inputs from the graph being timed: busy organisations, documents, a task."""
    orgs = [r["name"] for r in store.read(
        "MATCH (f:OrgFigures) WHERE f.task_count > 0 RETURN f.name AS name "
        "ORDER BY f.task_count DESC LIMIT 5")]
    docs = [r["id"] for r in store.read(
        "MATCH (f:DocumentFigures) WHERE f.task_count > 10 RETURN f.id AS id "
        "ORDER BY f.task_count DESC LIMIT 5")]
    tasks = [r["id"] for r in store.read("MATCH (t:Task) RETURN t.id AS id LIMIT 5")]
    return {"orgs": orgs, "docs": docs, "tasks": tasks}


def bench_queries(store: Any, runs: int, fig: Figures) -> None:
    """Time the uncached read functions behind each interaction."""
    from queries import run_audit
    from ui.reads import documents as docs_r
    from ui.reads import graph as graph_r
    from ui.reads import orgs as orgs_r
    from ui.reads import overview as over_r
    from ui.reads import tasks as tasks_r

    s = _samples(store)
    spellings = ["市工商局", "市财政局", "发展改革委", "工商局", "中原区"]
    words = ["多证合一", "供暖", "审批", "燃煤", "园区"]
    roles = ["LEADS", "", "RESPONSIBLE_FOR"]

    def pick(values: list[str], i: int) -> str:
        return values[i % len(values)]

    def org_page(i: int) -> None:
        found = orgs_r.org_candidates(store, pick(spellings, i), 50)
        name = found[0]["name"] if found else pick(s["orgs"], i)
        orgs_r.org(store, name)
        orgs_r.org_tasks(store, name, "", 0, 50)

    cases: list[tuple[str, Callable[[int], Any]]] = [
        ("overview (counts, workload, months, stale)",
         lambda i: (over_r.counts(store), over_r.workload(store, 500),
                    over_r.deadline_months(store), over_r.stale_documents(store))),
        ("organisation page (search, figures, 50 tasks)", org_page),
        ("organisation by document", lambda i: orgs_r.org_documents(store, pick(s["orgs"], i))),
        ("organisation graph (30 tasks)",
         lambda i: graph_r.org_graph(store, pick(s["orgs"], i), 30)),
        ("task search (text)",
         lambda i: tasks_r.tasks(store, tasks_r.TaskFilter(q=pick(words, i)), 0, 100)),
        ("task filter (organisation + role)",
         lambda i: tasks_r.tasks(store, tasks_r.TaskFilter(org=pick(s["orgs"], i),
                                                           role=pick(roles, i)), 0, 100)),
        ("task filter (text + no lead)",
         lambda i: tasks_r.tasks(store, tasks_r.TaskFilter(q=pick(words, i), no_lead=True),
                                 0, 100)),
        ("task detail", lambda i: tasks_r.task(store, pick(s["tasks"], i))),
        ("documents page (list, one document, its tasks)",
         lambda i: (docs_r.documents(store, "", 0, 100),
                    docs_r.document(store, pick(s["docs"], i)),
                    docs_r.document_tasks(store, pick(s["docs"], i)))),
        ("graph: a document (40 tasks)",
         lambda i: graph_r.document_graph(store, pick(s["docs"], i), ["Org", "Task", "Document"],
                                          40)),
        ("graph: expand one node",
         lambda i: graph_r.expand(store, f"Org:{pick(s['orgs'], i)}", 50)),
        ("graph: most-connected organisations", lambda i: graph_r.top_orgs_graph(store, 20)),
        ("audit workload_by_org", lambda i: run_audit(store, "workload_by_org", {"limit": 500})),
        ("audit org_profile", lambda i: run_audit(store, "org_profile",
                                                  {"name": pick(spellings, i)})),
        ("audit tasks_due_by", lambda i: run_audit(store, "tasks_due_by",
                                                   {"as_of": "2017-10-31"})),
        ("audit tasks_without_lead (one document)",
         lambda i: run_audit(store, "tasks_without_lead", {"doc": pick(s["docs"], i)})),
        ("ledger (one document)",
         lambda i: run_audit(store, "ledger", {"doc": pick(s["docs"], i)})),
    ]
    print(f"query level, {fig.label} (uncached reads, {runs} runs):", flush=True)
    for name, fn in cases:
        fig.add(name, _time(fn, runs), QUERY_MS)


def bench_pages(runs: int, fig: Figures) -> None:
    """Time whole page re-runs in AppTest after an input changed."""
    from streamlit.testing.v1 import AppTest

    from ui import cache

    def page(path: str, act: Callable[[AppTest, int], None], cold: bool) -> list[float]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        at.switch_page(path)
        at.run()
        out = []
        for i in range(runs + 1):
            if cold:
                cache.clear()
            t0 = time.perf_counter()
            act(at, i)
            if at.exception:
                raise RuntimeError(f"{path}: {at.exception[0].value}")
            if i:
                out.append((time.perf_counter() - t0) * 1000)
        return out

    two = ["市工商局", "市财政局"]
    words = ["多证合一", "供暖"]
    audits = ["workload_by_org", "tasks_without_lead"]
    limits = [40, 50]
    cases: list[tuple[str, str, Callable[[AppTest, int], None]]] = [
        ("overview: change the top N", "ui/pages/overview.py",
         lambda at, i: at.slider(key="ov_top").set_value(15 + i % 2).run()),
        ("organisation page: type a spelling", "ui/pages/org.py",
         lambda at, i: at.text_input(key="org_q").input(two[i % 2]).run()),
        ("task search: type a word", "ui/pages/tasks.py",
         lambda at, i: at.text_input(key="task_q").input(words[i % 2]).run()),
        ("audit: pick an audit", "ui/pages/audits.py",
         lambda at, i: at.selectbox(key="audit_name").select(audits[i % 2]).run()),
        ("graph view: change the size limit", "ui/pages/graph.py",
         lambda at, i: at.slider(key="g_limit_document").set_value(limits[i % 2]).run()),
        ("documents: pick a document", "ui/pages/documents.py",
         lambda at, i: at.selectbox(key="doc_pick").select_index(i % 2).run()),
    ]
    for cold in (True, False):
        print(f"page level, {fig.label} (AppTest re-run, {'cold' if cold else 'warm'} cache):",
              flush=True)
        for name, path, act in cases:
            fig.add(f"{name} ({'cold' if cold else 'warm'})", page(path, act, cold), PAGE_MS)


BROWSER_SWITCH_MS = 1000.0
BROWSER_FIRST_MS = 3000.0
_NAV = ["单位 Organisation", "任务 Tasks", "督查台账 Ledger", "期限 Deadlines", "审计 Audits",
        "图谱 Graph", "文档 Documents", "导入 Import", "总览 Overview"]


def _serve_app() -> tuple[Any, str]:
    """``streamlit run app.py`` on a free port, waited for until its health check answers;
    returns the process and the app's URL."""
    import socket
    import subprocess
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    return proc, url


_IDLE = ("() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
         " return !w || !w.innerText.trim(); }")


def _first_page(browser: Any, url: str) -> tuple[Any, float]:
    """Open the app in a new browser context (no cache, as a first visit has) and time it
    until the overview's heading is shown and its script has finished; returns the page
    and the milliseconds."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.get_by_role("heading", name="总览 Overview").wait_for(timeout=60_000)
    page.wait_for_function(_IDLE, timeout=60_000)
    return page, (time.perf_counter() - t0) * 1000


def bench_browser(rounds: int, fig: Figures, starts: int = 1) -> None:
    """Serve the app with ``streamlit run`` and time it in headless Chromium: the first
    page after start (the graph server already running; ``starts`` fresh app processes)
    and page switches from the sidebar, each until the page's heading is shown and its
    script has finished."""
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium,
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        firsts: list[float] = []
        page = None
        # Every start but the last is only timed; the last one's session goes on to the
        # page switches, as a user's would.
        for n in range(starts):
            proc, url = _serve_app()
            try:
                page, ms = _first_page(browser, url)
                firsts.append(ms)
                if n < starts - 1:
                    page.context.close()
                    continue
                print(f"browser, {fig.label}:", flush=True)
                fig.add(f"first page after start (server warm, {starts} starts)", firsts,
                        BROWSER_FIRST_MS)
                if starts > 1:
                    print("    each start: " + ", ".join(f"{ms:.0f}" for ms in firsts) + " ms")
                switches = []
                for i in range(rounds * len(_NAV)):
                    heading = _NAV[i % len(_NAV)]
                    link = page.locator('[data-testid="stSidebarNavLink"]').filter(
                        has_text=heading)
                    t0 = time.perf_counter()
                    link.click()
                    page.get_by_role("heading", name=heading).wait_for()
                    page.wait_for_function(_IDLE)
                    switches.append((time.perf_counter() - t0) * 1000)
                fig.add(f"page switch from the sidebar ({len(switches)} switches)", switches,
                        BROWSER_SWITCH_MS)
                names = [_NAV[i % len(_NAV)] for i in range(len(switches))]
                slowest = sorted(zip(switches, names, strict=True), reverse=True)[:3]
                print("    slowest: " + ", ".join(f"{name} {ms:.0f} ms" for ms, name in slowest))
            finally:
                proc.terminate()
                proc.wait(timeout=15)
        browser.close()


def _point_app_at(uri: str, username: str, password: str, database: str | None) -> None:
    os.environ.update(NEO4J_URI=uri, NEO4J_USERNAME=username, NEO4J_PASSWORD=password,
                      NEO4J_DATABASE=database or "")


def _run_scale(store: Any, label: str, runs: int, pages: bool, browser: bool = False,
               starts: int = 1) -> Figures:
    from ui import cache

    cache.clear()
    stats = store.read("MATCH (d:Document) WITH count(d) AS d MATCH (t:Task) "
                       "RETURN d, count(t) AS t")[0]
    fig = Figures(f"{label}: {stats['d']:,} documents, {stats['t']:,} tasks", [])
    bench_queries(store, runs, fig)
    if pages:
        bench_pages(runs, fig)
    if browser:
        bench_browser(max(2, runs // 10), fig, starts)
    return fig


def main() -> int:
    """Set up the server(s), time both levels, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--scale", type=int, default=1, help="also time N copies of the corpus")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="keep the server's data here (reused when already loaded)")
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"))
    parser.add_argument("--no-pages", action="store_true", help="query level only")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the Chromium timings (first page, page switches)")
    parser.add_argument("--starts", type=int, default=1,
                        help="start the app this many times for the first page (its spread)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    os.environ["ZEREN_AUTOLOAD"] = "0"

    from bench_graph import replicate

    from extract import extract_paths
    from graph import aggregates, local_server
    from graph.store import connect

    figures: list[Figures] = []
    if args.uri:
        user = os.environ.get("NEO4J_USERNAME", "neo4j")
        password = os.environ.get("NEO4J_PASSWORD") or ""
        database = os.environ.get("NEO4J_DATABASE") or None
        _point_app_at(args.uri, user, password, database)
        with connect(args.uri, username=user, password=password, database=database) as store:
            figures.append(_run_scale(store, args.uri, args.runs, not args.no_pages,
                                      not args.no_browser, args.starts))
    else:
        tmp = None if args.data_dir else tempfile.TemporaryDirectory(prefix="zeren-bench-")
        data_dir = args.data_dir or Path(tmp.name)
        data_dir.mkdir(parents=True, exist_ok=True)
        scales = [1] + ([args.scale] if args.scale > 1 else [])
        dbs = {n: f"bench_{n}x" for n in scales}
        info = local_server.start_server(data_dir, database=dbs[1],
                                         extra_databases=tuple(dbs[n] for n in scales[1:]),
                                         heap="512m")
        password = (data_dir / "password").read_text(encoding="utf-8").strip()
        try:
            corpus = extract_paths([ROOT / "data" / "corpus"]).documents
            for n in scales:
                with connect(info.uri, username=local_server.USERNAME, password=password,
                             database=dbs[n], kind="local") as store:
                    want = len(corpus) * n
                    have = store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
                    if have != want:
                        store.clear()
                        docs = corpus if n == 1 else replicate(corpus, n)
                        t0 = time.perf_counter()
                        store.load_documents(docs)
                        print(f"loaded {n}x ({len(docs):,} documents) in "
                              f"{time.perf_counter() - t0:.1f} s, figures included", flush=True)
                    elif aggregates.missing(store):
                        aggregates.refresh(store)
                    t0 = time.perf_counter()
                    aggregates.refresh(store)
                    print(f"{n}x: refreshing the stored figures takes "
                          f"{time.perf_counter() - t0:.2f} s", flush=True)
                    _point_app_at(info.uri, local_server.USERNAME, password, dbs[n])
                    label = "corpus" if n == 1 else f"{n}x"
                    figures.append(_run_scale(store, label, args.runs, not args.no_pages,
                                              not args.no_browser, args.starts))
        finally:
            local_server.stop_server(info)
            if tmp is not None:
                tmp.cleanup()
    print("\nsummary (p95 ms; query < 300, page < 500, browser switch < 1000, first page < 3000):")
    for fig in figures:
        worst = max(fig.rows, key=lambda r: r[2] / r[3])
        print(f"  {fig.label}: {'all within target' if fig.ok else 'SOME OVER TARGET'}; "
              f"closest to its target: {worst[0]} p95 {worst[2]:.0f} ms")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
