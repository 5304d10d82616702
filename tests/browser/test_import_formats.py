"""Browser test: the app's Import page takes a Word file, a PDF, a saved web page and a
text file in a real browser (Debian's Chromium driven by playwright), extracts them
and loads them into an emptied scratch database.

Skipped when Chromium or playwright is missing outside CI (``tests/run.sh`` installs both).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from extract.readers import SUPPORTED_SUFFIXES
from graph.neo4j_store import Store
from tests.browser.streamlit_app import (
    CHROMIUM,
    IN_CI,
    LAUNCH_ARGS,
    free_port,
    needs_chromium,
    serve_app,
)
from tests.browser.test_app_browser import OUT, _settle
from tests.fixtures.composed import NOTICES, write_notices

pytestmark = [needs_chromium, pytest.mark.timeout(300)]
if IN_CI:
    import playwright.sync_api as playwright_api
else:
    playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def upload_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("to-upload")
    return list(write_notices(folder).values())


@pytest.fixture()
def import_app(bolt_server, empty_store: Store, tmp_path: Path) -> Iterator[str]:
    """The app on the emptied scratch database (imports write; the shared database
    other browser tests read stays as it is)."""
    port = free_port()
    env = {
        **bolt_server.env(bolt_server.scratch_database),
        "ZEREN_AUTOLOAD": "0",
        "ZEREN_UPLOAD_DIR": str(tmp_path / "uploads"),
    }
    args = ["--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false"]
    with serve_app(env, tmp_path / "streamlit.log", args) as (url, _proc):
        yield url


def test_import_page_takes_word_pdf_html_and_text(import_app: str, upload_files: list[Path],
                                                  empty_store: Store) -> None:
    assert {p.suffix for p in upload_files} == {".docx", ".pdf", ".html", ".txt"}
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1800}, locale="zh-CN")
        page.set_default_timeout(60_000)
        try:
            page.goto(f"{import_app}/import")
            page.get_by_role("heading", name="导入 Import").first.wait_for()
            _settle(page)
            uploader = page.locator('[data-testid="stFileUploader"]').first
            # The uploader says which types it takes.
            listed = uploader.inner_text().lower()
            for suffix in (".docx", ".pdf", ".html", ".txt"):
                assert suffix in SUPPORTED_SUFFIXES
                assert suffix.lstrip(".") in listed, f"uploader does not list {suffix}"
            uploader.locator('input[type="file"]').set_input_files([str(p) for p in upload_files])
            for p in upload_files:
                page.get_by_text(p.name).first.wait_for()
            page.get_by_role("button", name="抽取并载入 Extract and load").click()
            page.get_by_text("载入失败").first.wait_for(timeout=120_000)
            _settle(page)
            OUT.mkdir(exist_ok=True)
            page.screenshot(path=str(OUT / "app_import_formats.png"), full_page=True)
            assert page.locator('[data-testid="stException"]').count() == 0
            body = page.locator("body").inner_text()
            assert "新增 4 · " in body, body[-2000:]
            assert "载入失败 0 份文件" in body and "被拒绝 0 个上传文件" in body
        finally:
            browser.close()
    rows = empty_store.read("MATCH (d:Document) RETURN d.title AS title, d.source_file AS file")
    assert {r["title"] for r in rows} == {doc.title for _w, doc, _l in NOTICES.values()}
    assert {Path(r["file"]).suffix for r in rows} == {".docx", ".pdf", ".html", ".txt"}
