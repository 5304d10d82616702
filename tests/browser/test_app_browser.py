"""Browser tests: ``streamlit run app.py`` on a free port against the test Bolt server,
driven by headless Chromium (Debian's ``/usr/bin/chromium`` via the ``playwright``
package; no browser download). Screenshots of every page at 1024 and 1400 px go to
``test-output/``.

What they check, as an analyst would see it: the graph is laid out afresh and fitted when
its element set changes (read from Cytoscape's own node positions), "expand" acts on the
node just clicked, an audit runs from its Chinese widgets and a row opens its source
passage, the ledger downloads as ``.xlsx`` with the document's tasks, a document without
tasks says why, and no page shows an English-only label.

Skipped when Chromium or playwright is missing on a developer machine (``tests/run.sh``
installs both); under ``CI=true`` a missing browser fails.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from queries import run_audit

from .streamlit_app import CHROMIUM, IN_CI, LAUNCH_ARGS, ROOT, free_port, needs_chromium, serve_app

OUT = ROOT / "test-output"
DOC_88 = "郑政办〔2017〕88号"
WIDTHS = (1024, 1400)
PAGES = [  # (url path, heading)
    ("", "总览 Overview"),
    ("org", "单位 Organisation"),
    ("tasks", "任务 Tasks"),
    ("ledger", "督查台账 Ledger"),
    ("deadlines", "期限 Deadlines"),
    ("audits", "审计 Audits"),
    ("graph", "图谱 Graph"),
    ("documents", "文档 Documents"),
    ("cypher", "Cypher 控制台 Console"),
    ("import", "导入 Import"),
]
# Words that are names, not labels: they may stand without Chinese beside them (and
# Streamlit's skip link for screen readers, off-screen unless focused).
ALLOWED_ENGLISH = re.compile(
    r"^(?:Skip to main content|Cypher|Neo4j|ArcadeDB|CSV|JSON|Excel|Zeren Graph|Louvain|"
    r"bolt://\S+|neo4j://\S+|\S+\.(?:txt|docx|pdf|html?|xlsx|csv)|[\w.\-/]+/[\w.\-/]+|"
    r"[A-Z]\d{3}|[\d\s.,:;%/\-–—()（）]+)$"
)

pytestmark = [needs_chromium, pytest.mark.timeout(600)]
if IN_CI:
    import playwright.sync_api as playwright_api
else:
    playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def app_url(bolt_server, loaded_store, tmp_path_factory) -> Iterator[str]:
    """The app served by ``streamlit run`` against the loaded test database, reading
    through the test server's read-only account as the app does."""
    port = free_port()
    env = {
        **bolt_server.env(bolt_server.database),
        "ZEREN_AUTOLOAD": "0",
        "ZEREN_UPLOAD_DIR": str(tmp_path_factory.mktemp("uploads")),
        "ZEREN_DATA_DIR": str(tmp_path_factory.mktemp("appdata")),
    }
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    args = ["--server.port", str(port), "--server.headless", "true",
            "--server.fileWatcherType", "none"]
    with serve_app(env, log, args) as (url, _proc):
        yield url


@pytest.fixture(scope="module")
def browser(app_url: str) -> Iterator[object]:
    with playwright_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page (1400 x 1100, Chinese locale) for one test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="zh-CN",
                                  accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    try:
        yield pg
    finally:
        context.close()


def _settle(pg) -> None:
    """Wait until Streamlit has finished running the script and drawn its tables."""
    pg.wait_for_load_state("networkidle")
    pg.wait_for_function(
        "() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
        " return !w || !w.innerText.trim(); }",
        timeout=60_000,
    )
    pg.wait_for_function(
        '() => [...document.querySelectorAll(\'[data-testid="stDataFrame"],'
        " [data-testid=\"stVegaLiteChart\"]')].every(e => e.querySelector('canvas, svg'))",
        timeout=30_000,
    )
    pg.wait_for_timeout(600)


def _open(pg, url: str, heading: str) -> None:
    pg.goto(url)
    pg.get_by_role("heading", name=heading).first.wait_for()
    _settle(pg)


def _no_exception(pg, name: str) -> None:
    assert pg.locator('[data-testid="stException"]').count() == 0, f"{name}: exception box"


_VISIBLE_TEXT = """() => {
  const out = [];
  const root = document.querySelector('[data-testid="stAppViewContainer"]');
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement, t = n.textContent.trim();
    // Icons render as ligatures; typed or quoted code (a Cypher query) is not a label.
    if (!t || !el || el.closest('[data-testid="stIconMaterial"], textarea, code, pre')) continue;
    const cs = getComputedStyle(el), r = el.getBoundingClientRect();
    if (cs.visibility === 'hidden' || cs.display === 'none' || parseFloat(cs.fontSize) === 0
        || r.width === 0 || r.height === 0 || r.right < 0 || r.bottom < 0) continue;
    out.push(t);
  }
  return out;
}"""


def _english_only(pg) -> list[str]:
    """Text on screen with Latin words and no Chinese (names such as Cypher excepted)."""
    bad = []
    for line in pg.evaluate(_VISIBLE_TEXT):
        if re.search(r"[\u4e00-\u9fff]", line) or not re.search(r"[A-Za-z]{2}", line):
            continue
        if not ALLOWED_ENGLISH.match(line):
            bad.append(line)
    return bad


def _graph_frame(pg):
    pg.frame_locator("iframe").first.locator("canvas").first.wait_for()
    frame = next(f for f in pg.frames if "zeren_link_analysis" in f.url)
    frame.wait_for_function("() => document.getElementById('cy')?._cyreg?.cy?.nodes().length > 0")
    pg.wait_for_timeout(800)  # the layout runs after the elements arrive
    return frame


_POSITIONS = """() => {
  const cy = document.getElementById('cy')._cyreg.cy;
  return {w: cy.width(), h: cy.height(),
          nodes: cy.nodes().map(n => ({id: n.id(), x: n.renderedPosition().x,
                                        y: n.renderedPosition().y,
                                        font: parseFloat(n.renderedStyle('font-size')),
                                        label: n.data('label'), caption: n.data('caption')}))};
}"""


def _spread(info: dict) -> None:
    """Nodes inside the frame and spread over it (not piled up at the origin)."""
    xs = [n["x"] for n in info["nodes"]]
    ys = [n["y"] for n in info["nodes"]]
    assert all(-1 <= x <= info["w"] + 1 for x in xs) and all(-1 <= y <= info["h"] + 1 for y in ys)
    assert max(xs) - min(xs) > 0.4 * info["w"] or max(ys) - min(ys) > 0.4 * info["h"]
    distinct = {(round(x / 10), round(y / 10)) for x, y in zip(xs, ys, strict=True)}
    assert len(distinct) >= 0.8 * len(xs), "nodes pile up on each other"


def test_every_page_at_two_widths_in_chinese(browser, app_url: str) -> None:
    OUT.mkdir(exist_ok=True)
    for width in WIDTHS:
        # Streamlit scrolls inside its own container, so a tall window is what captures
        # the whole page in the screenshot.
        context = browser.new_context(viewport={"width": width, "height": 2200}, locale="zh-CN")
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        try:
            for path, heading in PAGES:
                _open(pg, f"{app_url}/{path}", heading)
                _no_exception(pg, path)
                name = path or "overview"
                assert not _english_only(pg), (name, width, _english_only(pg))
                pg.screenshot(path=str(OUT / f"app_{name}_{width}.png"), full_page=True)
            # The overview's chart keeps its bars at 1024 px (it spans the page width).
            _open(pg, app_url, "总览 Overview")
            chart = pg.locator('[data-testid="stVegaLiteChart"]').first.bounding_box()
            assert chart and chart["width"] > 0.5 * (width - 300)
        finally:
            context.close()


def test_graph_relayout_after_mode_change_and_expand_of_clicked_node(page, app_url: str) -> None:
    _open(page, f"{app_url}/graph", "图谱 Graph")
    frame = _graph_frame(page)
    first = frame.evaluate(_POSITIONS)
    assert len(first["nodes"]) >= 10
    _spread(first)
    # Readable at the fitted zoom: organisations' captions at least 9 px on screen.
    orgs = [n for n in first["nodes"] if n["label"] == "单位"]
    assert orgs and min(n["font"] for n in orgs) >= 9
    # Another mode: a new element set, laid out afresh in the same frame.
    page.get_by_text("全图：联系最多的单位").click()
    _settle(page)
    frame.wait_for_function(
        "ids => { const cy = document.getElementById('cy')._cyreg.cy;"
        " return cy.nodes().length > 0 && !cy.nodes().some(n => ids.includes(n.id())); }",
        arg=[n["id"] for n in first["nodes"] if not n["id"].startswith("Org:")],
    )
    page.wait_for_timeout(800)
    top = frame.evaluate(_POSITIONS)
    assert {n["label"] for n in top["nodes"]} == {"单位"} and len(top["nodes"]) >= 10
    _spread(top)
    page.screenshot(path=str(OUT / "app_graph_top.png"), full_page=True)
    # Click one organisation on the canvas: the selected node becomes that one ...
    target = top["nodes"][len(top["nodes"]) // 2]
    box = page.locator("iframe").first.bounding_box()
    cy_box = frame.locator("#cy").bounding_box()
    page.mouse.click(cy_box["x"] + target["x"], cy_box["y"] + target["y"])
    _settle(page)
    page.wait_for_timeout(500)
    picked = page.locator('[data-testid="stSelectbox"]').filter(has_text="选中的节点")
    page.screenshot(path=str(OUT / "app_graph_clicked.png"), full_page=True)
    assert target["caption"] in picked.inner_html(), picked.inner_html()[-1500:]
    # ... and 展开邻居 adds that node's tasks.
    page.get_by_role("button", name="展开邻居 Expand neighbours").click()
    _settle(page)
    page.get_by_text("已展开 expanded 1").wait_for()
    frame.wait_for_function(
        "() => document.getElementById('cy')._cyreg.cy.nodes('[label = \"任务\"]').length > 0")
    page.wait_for_timeout(800)
    grown = frame.evaluate(_POSITIONS)
    assert len(grown["nodes"]) > len(top["nodes"])
    _spread(grown)
    assert box is not None
    page.screenshot(path=str(OUT / "app_graph_expanded.png"), full_page=True)
    help_text = frame.locator(".infopanel__help").inner_text()
    assert re.search(r"[\u4e00-\u9fff]", help_text)


def _choose(pg, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (type to filter, then click)."""
    box = pg.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    pg.keyboard.type(option)
    pg.get_by_role("option").filter(has_text=option).first.click()
    _settle(pg)


def test_audit_from_chinese_widgets_opens_a_row_at_its_source(page, app_url: str,
                                                              loaded_store) -> None:
    _open(page, f"{app_url}/audits", "审计 Audits")
    _choose(page, "审计问题 Audit", "截至某日应完成的任务")
    page.get_by_text("截至某日应完成哪些任务").first.wait_for()
    # The date field: type the date into its year / month / day segments.
    field = page.locator('[data-testid="stDateInput"]').filter(has_text="截至日期")
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type("20171031")
    page.get_by_role("heading", name="审计 Audits").click()  # leaving the field commits it
    _settle(page)
    n = len(run_audit(loaded_store, "tasks_due_by", {"as_of": dt.date(2017, 10, 31)}))
    page.screenshot(path=str(OUT / "app_audit_due.png"), full_page=True)
    page.get_by_text(f"{n} 行 rows").wait_for()
    # Open the second row's source passage from the picker under the table.
    task = loaded_store.read(
        "MATCH (t:Task)-[r:DUE_BY]->(dl:Deadline) WHERE t.text CONTAINS '多证合一' "
        "RETURN t.text AS text, t.line_start AS start")[0]
    _choose(page, "查看任务原文", "多证合一")
    page.get_by_text("原文 Source passage").wait_for()
    passage = page.locator(".zg-src").first
    assert "多证合一" in passage.inner_text() and str(task["start"]) in passage.inner_text()
    assert passage.locator(".hl, .ev").count() >= 1
    _no_exception(page, "audits")
    page.screenshot(path=str(OUT / "app_audit_source.png"), full_page=True)


def test_ledger_downloads_as_xlsx(page, app_url: str, loaded_store, tmp_path: Path) -> None:
    _open(page, f"{app_url}/ledger", "督查台账 Ledger")
    search = page.get_by_role("textbox", name="文件 Document：文号或标题中的字 Search")
    search.fill("88号")
    search.press("Enter")
    _settle(page)
    _choose(page, "文件 Document", DOC_88)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Excel 台账 | Download .xlsx").click()
    path = tmp_path / "ledger.xlsx"
    info.value.save_as(path)
    ws = load_workbook(path)[DOC_88]
    assert [c.value for c in ws[2]] == ["序号", "任务", "牵头单位", "责任单位", "配合单位",
                                        "完成时限", "来源", "进展情况", "完成情况"]
    texts = [row[1] for row in ws.iter_rows(min_row=3, values_only=True)]
    expected = [r["text"] for r in loaded_store.read(
        "MATCH (:Document {id: $d})-[:HAS_TASK]->(t:Task) RETURN t.text AS text "
        "ORDER BY t.line_start, t.seq", {"d": DOC_88})]
    assert texts == expected
    page.screenshot(path=str(OUT / "app_ledger_doc.png"), full_page=True)


def test_documents_page_on_a_document_without_tasks(page, app_url: str, loaded_store) -> None:
    empty = loaded_store.read(
        "MATCH (d:Document) WHERE NOT EXISTS { MATCH (d)-[:HAS_TASK]->() } "
        "RETURN coalesce(d.number, d.id) AS number, d.title AS title ORDER BY number LIMIT 1"
    )[0]
    _open(page, f"{app_url}/documents", "文档 Documents")
    search = page.get_by_role("textbox", name="查找文件 Find：文号或标题中的字")
    search.fill(empty["number"])
    search.press("Enter")
    _settle(page)
    page.get_by_text("这份文件没有读出任务").first.wait_for()
    page.get_by_text("只显示任务所在段落 Only task passages").click()
    _settle(page)
    page.get_by_text("这份文件没有任务段落可显示").wait_for()
    _no_exception(page, "documents")
    page.screenshot(path=str(OUT / "app_documents_empty.png"), full_page=True)
