"""The PDF reader on PDFs printed by headless Chromium from HTML, with an embedded
CJK font: paragraphs rebuilt from printed lines (also across a page break), running
header and footer left out, a table broken over pages read as one table with its
merged cells, pages of every line; a scan refused with a message saying it needs OCR."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from errors import ZerenError
from extract.blocks import Cell, LogicalLine, SourceText, TableRow
from extract.normalize import normalize_line
from extract.readers import SUPPORTED_SUFFIXES, read_source
from tests.fixtures.printing import CHROMIUM, needs_chromium, print_pdf, printable

TITLE = "某某县人民政府关于印发某某县2021年重点项目建设任务分解表的通知"
FILLER = ("各地各部门要进一步提高思想认识，切实加强组织领导，细化工作措施，明确责任分工，"
          "确保各项任务落到实处、取得实效。")
# Printed over page 1 and page 2 (13 fillers above leave room for two of its lines).
CROSSING = ("加快推进县城污水处理厂二期工程建设，完善城区雨污分流管网，提升污水收集处理能力，"
            "年底前实现城区生活污水全收集全处理。同步推进乡镇污水处理设施提标改造，"
            "强化运行监管，确保出水水质稳定达标，由县住建局会同县生态环境分局负责。")
CATEGORIES = [
    ("项目建设", [("建成县城污水处理厂二期工程", "县住建局", "县发改局", "2021年6月底前"),
                  ("完成城区雨污分流管网改造", "县住建局", "县财政局", "2021年9月底前")]),
    ("产业发展", [(f"推进第{n}批重点产业项目集中开工", "县发改局", "县工信局", "2021年12月底前")
                  for n in range(1, 6)]),
    # merged down over the page break between pages 2 and 3
    ("民生保障", [(f"新建改建第{n}批城乡公办幼儿园", "县教育局", "县自然资源局", "2021年8月底前")
                  for n in range(1, 13)]),
]


def _body() -> str:
    rows = []
    n = 0
    for category, tasks in CATEGORIES:
        for i, (task, lead, assist, due) in enumerate(tasks):
            n += 1
            merged = f'<td rowspan="{len(tasks)}">{category}</td>' if i == 0 else ""
            rows.append(f"<tr><td>{n}</td>{merged}<td>{task}</td><td>{lead}</td>"
                        f"<td>{assist}</td><td>{due}</td></tr>")
    return (f"<h1>{TITLE}</h1>\n"
            '<p class="center">某政发〔2021〕8号</p>\n'
            '<p class="flush">各乡镇人民政府，县政府各部门：</p>\n'
            + "".join(f"<p>{FILLER}</p>\n" for _ in range(13))
            + f"<p>{CROSSING}</p>\n<p>二、重点任务</p>\n"
            '<table><thead><tr><th rowspan="2">序号</th><th rowspan="2">类别</th>'
            '<th rowspan="2">重点任务</th><th colspan="2">责任单位</th>'
            '<th rowspan="2">完成时限</th></tr><tr><th>牵头单位</th><th>配合单位</th></tr>'
            "</thead><tbody>" + "".join(rows) + "</tbody></table>\n"
            "<p>三、保障措施</p>\n"
            '<p class="right">某某县人民政府</p>\n<p class="right">2021年3月1日</p>\n')


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> SourceText:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}")
    path = tmp_path_factory.mktemp("pdf") / "county.pdf"
    print_pdf(printable(_body(), title="任务分解表"), path)  # with header and footer
    return read_source(path)


def _lines_text(source: SourceText, start: int, end: int) -> str:
    """A span's source lines as one text (printed lines of one paragraph or cell)."""
    return "".join(normalize_line(line) for line in source.lines[start - 1 : end])


def test_pdf_is_registered() -> None:
    assert ".pdf" in SUPPORTED_SUFFIXES


@needs_chromium
def test_paragraphs_rebuilt_from_printed_lines(printed: SourceText) -> None:
    paragraphs = [b for b in printed.blocks if isinstance(b, LogicalLine)]
    assert [p.text for p in paragraphs] == (
        [TITLE, "某政发〔2021〕8号", "各乡镇人民政府，县政府各部门："] + [FILLER] * 13
        + [CROSSING, "二、重点任务", "三、保障措施", "某某县人民政府", "2021年3月1日"])
    # the centred title over two printed lines; every filler over two (28 + 30 characters)
    assert paragraphs[0] == LogicalLine(TITLE, 1, 2, ((21, 2),))
    assert paragraphs[3] == LogicalLine(FILLER, 5, 6, ((28, 6),))
    # the paragraph cut by the page break is one line again, two printed lines per page
    crossing = paragraphs[16]
    assert (crossing.start, crossing.end) == (31, 34)
    assert [printed.page_of(n) for n in range(31, 35)] == [1, 1, 2, 2]
    assert crossing.line_at(crossing.text.index("同步推进")) == 33
    for p in paragraphs:
        assert _lines_text(printed, p.start, p.end) == p.text


@needs_chromium
def test_running_header_footer_and_page_numbers_left_out(printed: SourceText) -> None:
    text = "\n".join(printed.lines)
    assert "任务分解表" not in text.replace("任务分解表的通知", "")  # Chromium's header title
    assert "file:" not in text and "/3" not in text
    assert printed.pages[0] == 1 and printed.pages[-1] == 3
    assert len(printed.pages) == len(printed.lines)


@needs_chromium
def test_table_over_two_pages_is_one_table(printed: SourceText) -> None:
    rows = [b for b in printed.blocks if isinstance(b, TableRow)]
    # 2 header rows (repeated by the browser on page 3, read once) and 19 task rows
    assert {r.table for r in rows} == {1}
    assert [r.row for r in rows] == list(range(1, 22))
    assert rows[0] == TableRow((Cell("序号", 1, 36, 37), Cell("类别", 2, 38, 38),
                                Cell("重点任务", 3, 39, 39), Cell("责任单位", 4, 40, 40),
                                Cell("完成时限", 6, 41, 41)), 1, 1, 36, 41)
    assert [(c.text, c.column, c.merged) for c in rows[1].cells] == [
        ("序号", 1, True), ("类别", 2, True), ("重点任务", 3, True), ("牵头单位", 4, False),
        ("配合单位", 5, False), ("完成时限", 6, True)]
    expected = []
    n = 0
    for category, tasks in CATEGORIES:
        for i, task in enumerate(tasks):
            n += 1
            expected.append([(str(n), 1, False), (category, 2, i > 0)]
                            + [(t, c, False) for c, t in enumerate(task, start=3)])
    assert [[(c.text, c.column, c.merged) for c in r.cells] for r in rows[2:]] == expected
    # rows 3-16 on page 2, rows 17-21 after the break on page 3
    assert [printed.page_of(r.start) for r in rows] == [2] * 16 + [3] * 5
    # a merged cell points at its first row's lines, wherever the row is
    first = rows[9].cells[1]
    assert all(r.cells[1].start == first.start for r in rows[10:])
    for r in rows:
        for c in r.cells:
            assert _lines_text(printed, c.start, c.end) == c.text.replace("\n", "")


def _scan_png() -> str:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    for y in range(60, 760, 24):  # lines of "text" as a scanner sees them: ink, no letters
        draw.rectangle((60, y, 540, y + 10), fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _scan_pdf(path: Path) -> Path:
    return print_pdf(printable(f'<img src="data:image/png;base64,{_scan_png()}" width="560">'),
                     path, header_footer=False)


@needs_chromium
def test_a_scanned_page_among_text_pages_is_reported(tmp_path: Path) -> None:
    from extract.pipeline import extract_paths

    body = (f"<p>{FILLER}</p>"
            f'<div style="break-before: page"><img src="data:image/png;base64,{_scan_png()}"'
            f' width="560"></div><p style="break-before: page">{CROSSING}</p>')
    path = print_pdf(printable(body), tmp_path / "mixed.pdf", header_footer=False)
    source = read_source(path)
    assert source.warnings == [(source.pages.index(3) + 1, "W120", "page 2")]
    (warning,) = [w for w in extract_paths([path]).warnings if w.code == "W120"]
    assert "page 2" in warning.message and "OCR" in warning.message


@needs_chromium
def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    path = _scan_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ZerenError) as info:
        read_source(path)
    assert info.value.code == "E124"
    message = str(info.value)
    assert "scan.pdf" in message and "OCR" in message and "1 page" in message


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("这不是PDF文件", encoding="utf-8")
    with pytest.raises(ZerenError) as info:
        read_source(path)
    assert info.value.code == "E122"
    assert "fake.pdf" in str(info.value)


@needs_chromium
def test_truncated_pdf(tmp_path: Path) -> None:
    whole = print_pdf(printable(f"<p>{FILLER}</p>"), tmp_path / "whole.pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.read_bytes()[:400])
    with pytest.raises(ZerenError) as info:
        read_source(cut)
    assert info.value.code in ("E122", "E124")
    assert "cut.pdf" in str(info.value)


@needs_chromium
def test_a_row_cut_by_the_page_break_is_one_row(tmp_path: Path) -> None:
    """A row taller than the rest of its page is printed in two pieces, the second
    under the header the browser repeats; it is read back as one row."""
    tall = FILLER * 30
    rows = "".join(f"<tr><td>{n}</td><td>{tall if n == 7 else FILLER}</td><td>县发改局</td></tr>"
                   for n in range(1, 12))
    body = ("".join(f"<p>{FILLER}</p>" for _ in range(6))
            + "<table><thead><tr><th>序号</th><th>任务</th><th>单位</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")
    source = read_source(print_pdf(printable(body), tmp_path / "tall.pdf"))
    table = [b for b in source.blocks if isinstance(b, TableRow)]
    assert [r.texts for r in table] == [["序号", "任务", "单位"]] + [
        [str(n), tall if n == 7 else FILLER, "县发改局"] for n in range(1, 12)]
    cut = table[7]
    pages = {source.page_of(n) for n in range(cut.cells[1].start, cut.cells[1].end + 1)}
    assert pages == {2, 3}
    assert _lines_text(source, cut.cells[1].start, cut.cells[1].end) == tall


# A gazette page: a title across the page over two columns of text.
GAZETTE_CSS = ("<style>body { width: 36em; } .columns { column-count: 2; column-gap: 2em; "
               "column-fill: auto; height: 600px; }</style>")
GAZETTE = (["各县（市、区）人民政府，市人民政府各部门，各有关单位："]
           + [f"{n}.{FILLER}" for n in range(1, 10)])


@needs_chromium
def test_two_column_gazette_page_reads_column_by_column(tmp_path: Path) -> None:
    body = (GAZETTE_CSS + "<h1>某某市人民政府公报</h1><div class='columns'>"
            + "".join(f"<p>{text}</p>" for text in GAZETTE) + "</div>")
    source = read_source(print_pdf(printable(body), tmp_path / "gazette.pdf"))
    assert [b.text for b in source.blocks] == ["某某市人民政府公报", *GAZETTE]
    # the 21 lines of the left column hold the title's page line, the address and the
    # first four items and the first two lines of the fifth; it goes on at the top
    # of the right column
    fifth = source.blocks[6]
    assert (fifth.start, fifth.end) == (20, 23)
    assert _lines_text(source, fifth.start, fifth.end) == fifth.text


@needs_chromium
def test_narrow_margins_keep_the_first_and_last_lines(tmp_path: Path) -> None:
    """Text printed close to the page edge is text, not a running header or footer."""
    lines = [f"（{n}）{FILLER[:20]}" for n in range(1, 39)]
    body = ("<style>@page { margin: 6mm 0; }</style>"
            + "".join(f'<p class="flush">{line}</p>' for line in lines))
    source = read_source(print_pdf(printable(body), tmp_path / "narrow.pdf",
                                   header_footer=False))
    assert [b.text for b in source.blocks] == lines
    assert source.pages == [1] * len(lines)
