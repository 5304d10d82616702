"""Unit tests of the app's pure parts: phone masking,
passage highlighting, graph elements, and the import work on a real scratch store."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.graphview import elements_from_rows, merge_elements
from ui.importing import import_paths, import_uploads, save_upload, upload_dir
from ui.source import MASK, SpanNote, mask_phones, passage_html, read_source_lines

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("(联系电话：67170737", "(联系电话：" + MASK),
        ("13333811139)", MASK + ")"),
        ("电话 0371-67181234", "电话 " + MASK),
        ("热线：12345678", "热线：" + MASK),
    ],
)
def test_mask_phones(text: str, masked: str) -> None:
    assert mask_phones(text) == masked


def test_mask_keeps_other_numbers() -> None:
    text = "2017年10月底前完成，投资6520亿元，郑政办〔2017〕88号，4800万平方米"
    assert mask_phones(text) == text


def test_corpus_phone_lines_are_masked() -> None:
    lines = read_source_lines("data/corpus/002_63fbf1d4df33faad.txt")
    html = passage_html(lines, 1214, 1218, mask=True)
    assert "67170737" not in html and "13333811139" not in html and MASK in html
    assert "13333811139" in passage_html(lines, 1214, 1218, mask=False)


def test_passage_html_escapes_and_marks() -> None:
    lines = ["<script>x</script>", "牵头单位：市工商局", "其他"]
    html = passage_html(
        lines, 1, 3, spans=[SpanNote(1, 2, "note <b>")], strong_lines=[2], terms=["工商"]
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "note &lt;b&gt;" in html and 'class="ev row"' in html
    assert "<mark>工商</mark>" in html


def test_elements_unique_ids() -> None:
    row = {
        "la": "Org",
        "pa": {"name": "郑州市工商局", "aliases": ["市工商局"]},
        "t": "LEADS",
        "pr": {"line": 3093},
        "lb": "Task",
        "pb": {"id": "t1", "text": "实现多证合一"},
    }
    el = elements_from_rows([row, row])
    assert [n["data"]["id"] for n in el["nodes"]] == ["Org:郑州市工商局", "Task:t1"]
    assert len(el["edges"]) == 1 and el["edges"][0]["data"]["source"] == "Org:郑州市工商局"
    assert el["nodes"][0]["data"]["原文写法"] == "市工商局"  # side panel names in Chinese
    assert el["nodes"][0]["data"]["label"] == "单位" and el["edges"][0]["data"]["label"] == "牵头"
    assert merge_elements(el, el) == el


def test_import_skips_bad_file_and_loads_good_one(
    empty_store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ZEREN_UPLOAD_DIR", str(tmp_path))
    lines = read_source_lines("data/corpus/000_21dbe221950a7587.txt")
    good = save_upload("88号.txt", "\n".join(lines[3072:3307]).encode("utf-8"))
    bad = save_upload("bad.doc", b"\x00\x01\x02PK\x03\x04" * 200)
    out = import_paths(empty_store, [bad, good])
    assert len(out.errors) == 1 and "bad" in out.errors[0]
    assert len(out.created) == 1 and not out.failed
    rows = empty_store.read(
        "MATCH (o:Org {name: '郑州市工商局'})-[:LEADS]->(t:Task) "
        "WHERE t.text CONTAINS '多证合一' RETURN t.source_file AS f"
    )
    assert rows and Path(rows[0]["f"]).name == good.name
    only_bad = import_paths(empty_store, [bad])
    assert only_bad.documents == [] and any("没有找到" in e for e in only_bad.errors)
    assert empty_store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"] == 1


def test_import_rejects_unsupported_and_unreadable_uploads_and_keeps_none(
    empty_store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ZEREN_UPLOAD_DIR", str(tmp_path))
    lines = read_source_lines("data/corpus/000_21dbe221950a7587.txt")
    good = "\n".join(lines[3072:3307]).encode("utf-8")
    out = import_uploads(
        empty_store,
        [("简政放权分工.txt", good), ("表格.xlsx", b"PK\x03\x04" * 50),
         ("乱码.txt", b"\x00\x01\x02\xff" * 400)],
    )
    assert out.rejected == ["表格.xlsx", "乱码.txt"]
    assert "表格.xlsx" in out.errors[0] and "不支持的文件类型" in out.errors[0]
    assert "乱码.txt" in out.errors[1]
    assert len(out.created) == 1 and out.documents[0]["文件 file"] == "简政放权分工.txt"
    assert out.documents[0]["状态 status"] == "新增"
    kept = sorted(p.name for p in upload_dir().iterdir())
    assert len(kept) == 1 and kept[0].endswith("简政放权分工.txt")


def test_warm_up_imports_the_first_page_and_restores_the_switch_interval() -> None:
    import sys

    from ui import lifespan

    before = sys.getswitchinterval()
    lifespan.warm_up()
    assert sys.getswitchinterval() == before
    assert all(name in sys.modules for name in lifespan.FIRST_PAGE_MODULES)
    lifespan.wait_for_warm_up()  # finished: returns at once
