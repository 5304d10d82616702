"""The Word reader on .docx files written by python-docx: exact blocks and lines."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from errors import ZerenError
from extract.blocks import Cell, LogicalLine, TableRow
from extract.readers import SUPPORTED_SUFFIXES, read_source
from extract.readers.docx import format_number
from tests.fixtures.word import CHINESE_OUTLINE, add_list, number, page_number_footer


def _county_notice(path: Path) -> Path:
    """A county notice: outline numbered by Word lists, a soft line break, a task
    table with a row merged across, a cell merged down, two owners in one cell, a
    nested table and an auto-numbered 序号 column; running header and page numbers."""
    d = docx.Document()
    page_number_footer(d.sections[0], "某某县人民政府办公室文件")
    d.add_paragraph("某某县人民政府办公室")
    d.add_paragraph("关于印发某某县2021年项目建设任务分工的通知")
    d.add_paragraph("某政办〔2021〕5号")
    outline = add_list(d, CHINESE_OUTLINE)
    for level, text in [(0, "总体要求"), (1, "加强组织领导"), (2, "建立工作专班。"),
                        (2, "落实调度制度。"), (1, "强化督查考核"), (2, "按月通报。"),
                        (0, "重点任务")]:
        number(d.add_paragraph(text), outline, level)
    roles = d.add_paragraph("牵头单位：县发改局")
    roles.add_run().add_break()
    roles.add_run("责任单位：县财政局")

    table = d.add_table(rows=5, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "重点任务", "责任单位", "完成时限"],
                          strict=True):
        cell.text = text
    section = table.cell(1, 0).merge(table.cell(1, 3))
    section.text = "一、项目建设"
    serial = add_list(d, [("decimal", "%1")])
    for r in (2, 3, 4):
        number(table.cell(r, 0).paragraphs[0], serial)
    table.cell(2, 1).text = "任务A：建成县城污水处理厂二期工程"
    owners = table.cell(2, 2).merge(table.cell(3, 2))
    owners.text = "县发改局"
    owners.add_paragraph("县财政局")
    table.cell(2, 3).text = "2021年6月底前"
    table.cell(3, 1).text = "任务B：推进老旧小区改造"
    inner = table.cell(3, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "子任务甲"
    inner.cell(1, 0).text = "子任务乙"
    table.cell(3, 3).text = "2021年12月底前"
    table.cell(4, 1).text = "任务C：完成农村公路提档升级"
    table.cell(4, 2).text = "县住建局"
    d.add_paragraph("附件：任务分解表")
    d.save(path)
    return path


@pytest.fixture(scope="module")
def notice(tmp_path_factory) -> Path:
    return _county_notice(tmp_path_factory.mktemp("docx") / "county.docx")


def test_docx_is_registered() -> None:
    assert ".docx" in SUPPORTED_SUFFIXES


def test_paragraphs_with_word_numbering_and_soft_breaks(notice: Path) -> None:
    source = read_source(notice)
    assert source.format == "docx"
    assert source.pages == []
    paragraphs = [b for b in source.blocks if isinstance(b, LogicalLine)]
    assert paragraphs[:12] == [
        LogicalLine("某某县人民政府办公室", 1, 1),
        LogicalLine("关于印发某某县2021年项目建设任务分工的通知", 2, 2),
        LogicalLine("某政办〔2021〕5号", 3, 3),
        LogicalLine("一、总体要求", 4, 4),
        LogicalLine("（一）加强组织领导", 5, 5),
        LogicalLine("1.建立工作专班。", 6, 6),
        LogicalLine("2.落实调度制度。", 7, 7),
        LogicalLine("（二）强化督查考核", 8, 8),
        # the third level restarts when the second moves on
        LogicalLine("1.按月通报。", 9, 9),
        LogicalLine("二、重点任务", 10, 10),
        # Shift+Enter ends a line like a paragraph does
        LogicalLine("牵头单位：县发改局", 11, 11),
        LogicalLine("责任单位：县财政局", 12, 12),
    ]
    assert paragraphs[-1] == LogicalLine("附件：任务分解表", 32, 32)
    assert len(paragraphs) == 13


def test_table_rows_merged_cells_nested_table(notice: Path) -> None:
    source = read_source(notice)
    rows = [b for b in source.blocks if isinstance(b, TableRow)]
    assert rows == [
        TableRow((Cell("序号", 1, 13, 13), Cell("重点任务", 2, 14, 14),
                  Cell("责任单位", 3, 15, 15), Cell("完成时限", 4, 16, 16)), 1, 1, 13, 16),
        # merged across the whole row: one cell, at column 1
        TableRow((Cell("一、项目建设", 1, 17, 17),), 1, 2, 17, 17),
        TableRow((Cell("1", 1, 18, 18), Cell("任务A：建成县城污水处理厂二期工程", 2, 19, 19),
                  Cell("县发改局\n县财政局", 3, 20, 21), Cell("2021年6月底前", 4, 22, 22)),
                 1, 3, 18, 22),
        # the owners cell is merged down: the same text again, pointing at row 3's lines
        TableRow((Cell("2", 1, 23, 23),
                  Cell("任务B：推进老旧小区改造\n子任务甲\n子任务乙", 2, 24, 26),
                  Cell("县发改局\n县财政局", 3, 20, 21, merged=True),
                  Cell("2021年12月底前", 4, 27, 27)), 1, 4, 23, 27),
        # an empty cell keeps its column and has an (empty) line of its own
        TableRow((Cell("3", 1, 28, 28), Cell("任务C：完成农村公路提档升级", 2, 29, 29),
                  Cell("县住建局", 3, 30, 30), Cell("", 4, 31, 31)), 1, 5, 28, 31),
    ]
    # blocks are in reading order: the table sits between 二、… and 附件
    kinds = [type(b).__name__ for b in source.blocks]
    assert kinds == ["LogicalLine"] * 12 + ["TableRow"] * 5 + ["LogicalLine"]


def test_lines_are_the_rendered_file_without_header_and_footer(notice: Path) -> None:
    source = read_source(notice)
    assert len(source.lines) == 32
    assert source.lines[3] == "一、总体要求"
    assert source.lines[19:21] == ["县发改局", "县财政局"]
    assert source.lines[30] == ""
    assert not any("文件" in line or "—" in line for line in source.lines)


def test_number_formats() -> None:
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 21, 100, 105)] == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(28, "upperLetter") == "BB"
    assert format_number(14, "lowerRoman") == "xiv"
    assert format_number(5, "bullet") == ""


def test_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ZerenError) as info:
        read_source(bad)
    assert info.value.code == "E120"
    assert "broken.docx" in str(info.value)


def test_old_word_file_named_docx(tmp_path: Path) -> None:
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(ZerenError) as info:
        read_source(old)
    assert info.value.code == "E121"
    assert "old.docx" in str(info.value)


def test_tracked_changes_and_content_controls(tmp_path: Path) -> None:
    """A draft passed round with changes tracked: deleted and moved-away text is not
    read, inserted text is; a paragraph and a table row inside content controls are."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    p = d.add_paragraph("牵头单位：")
    mark = 'w:author="a" w:date="2022-01-01T00:00:00Z"'
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" {mark}>'
                          "<w:r><w:delText>县经信局</w:delText></w:r></w:del>"))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" {mark}>'
                          "<w:r><w:t>县工信局</w:t></w:r></w:ins>"))
    p._p.append(parse_xml(f'<w:moveFrom {nsdecls("w")} w:id="3" {mark}>'
                          "<w:r><w:t>（已移走）</w:t></w:r></w:moveFrom>"))
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="完成时限"/></w:sdtPr><w:sdtContent>'
        "<w:p><w:r><w:t>完成时限：2022年6月底前</w:t></w:r></w:p></w:sdtContent></w:sdt>"))
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "序号"
    table.cell(0, 1).text = "任务"
    tr = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:tr><w:tc><w:p><w:r><w:t>1</w:t>'
                   "</w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>建设污水管网</w:t></w:r></w:p></w:tc>"
                   "</w:tr></w:sdtContent></w:sdt>")
    table._tbl.append(tr)
    path = tmp_path / "draft.docx"
    d.save(path)
    source = read_source(path)
    assert source.blocks == [
        LogicalLine("牵头单位：县工信局", 1, 1),
        LogicalLine("完成时限：2022年6月底前", 2, 2),
        TableRow((Cell("序号", 1, 3, 3), Cell("任务", 2, 4, 4)), 1, 1, 3, 4),
        TableRow((Cell("1", 1, 5, 5), Cell("建设污水管网", 2, 6, 6)), 1, 2, 5, 6),
    ]
