"""The web-page reader on portal pages: the article only, tables with rowspan and
colspan resolved, GB2312 pages decoded by their meta charset."""

from __future__ import annotations

from pathlib import Path

import pytest

from errors import ZerenError
from extract.blocks import Cell, LogicalLine, TableRow
from extract.readers import SUPPORTED_SUFFIXES, read_source
from tests.fixtures.portal import portal_page
from tests.fixtures.printing import CHROMIUM, needs_chromium

TITLE = "某某县人民政府办公室关于印发某某县2021年项目建设任务分工的通知"
ARTICLE = """\
<p style="text-align:center">某政办〔2021〕5号</p>
<p>各乡镇人民政府，县政府各部门：</p>
<p style="text-indent:2em">&nbsp;&nbsp;经县政府同意，
现将《某某县2021年项目建设任务分工》印发给你们，请结合实际认真贯彻执行。</p>
<p><strong>一、</strong><span style="font-family:黑体">总体要求</span></p>
<ol><li>建立工作专班。</li><li>落实调度制度。</li></ol>
<p>牵头单位：县发改局<br>责任单位：县财政局</p>
<table border="1" cellspacing="0" style="width:100%">
<thead>
<tr><th rowspan="2">序号</th><th rowspan="2">类别</th><th rowspan="2">重点任务</th>
<th colspan="2">责任单位</th><th rowspan="2">完成时限</th></tr>
<tr><th>牵头单位</th><th>配合单位</th></tr>
</thead>
<tbody>
<tr><td>1</td><td rowspan="2">项目建设</td><td><p>任务A：建成县城污水处理厂二期工程</p></td>
<td>县发改局</td><td>县财政局<br>县自然资源局</td><td>2021年6月底前</td></tr>
<tr><td>2</td><td>任务B：推进老旧小区改造
<table><tr><td>子任务甲</td></tr><tr><td>子任务乙</td></tr></table></td>
<td>县住建局</td><td><p>县城管局</p><p>县交通局</p></td><td>2021年12月底前</td></tr>
<tr><td>3</td><td>民生保障</td><td>任务C：新建城区小学两所</td><td>县教育局</td><td></td>
<td>2021年9月底前</td></tr>
</tbody></table>
<p>附件：<a href="/att/1.docx">任务分解表</a></p>
<p style="text-align:right">某某县人民政府办公室</p>
<p style="text-align:right">2021年3月15日</p>
<!-- 以下为编辑备注，不显示 -->
"""

EXPECTED_PARAGRAPHS = [
    LogicalLine(TITLE, 1, 1),
    LogicalLine("某政办〔2021〕5号", 2, 2),
    LogicalLine("各乡镇人民政府，县政府各部门：", 3, 3),
    LogicalLine("经县政府同意，现将《某某县2021年项目建设任务分工》印发给你们，"
                "请结合实际认真贯彻执行。", 4, 4),
    LogicalLine("一、总体要求", 5, 5),
    LogicalLine("1.建立工作专班。", 6, 6),
    LogicalLine("2.落实调度制度。", 7, 7),
    LogicalLine("牵头单位：县发改局", 8, 8),
    LogicalLine("责任单位：县财政局", 9, 9),
]
EXPECTED_ROWS = [
    TableRow((Cell("序号", 1, 10, 10), Cell("类别", 2, 11, 11), Cell("重点任务", 3, 12, 12),
              Cell("责任单位", 4, 13, 13), Cell("完成时限", 6, 14, 14)), 1, 1, 10, 14),
    TableRow((Cell("序号", 1, 10, 10, merged=True), Cell("类别", 2, 11, 11, merged=True),
              Cell("重点任务", 3, 12, 12, merged=True), Cell("牵头单位", 4, 15, 15),
              Cell("配合单位", 5, 16, 16), Cell("完成时限", 6, 14, 14, merged=True)),
             1, 2, 15, 16),
    TableRow((Cell("1", 1, 17, 17), Cell("项目建设", 2, 18, 18),
              Cell("任务A：建成县城污水处理厂二期工程", 3, 19, 19), Cell("县发改局", 4, 20, 20),
              Cell("县财政局\n县自然资源局", 5, 21, 22), Cell("2021年6月底前", 6, 23, 23)),
             1, 3, 17, 23),
    TableRow((Cell("2", 1, 24, 24), Cell("项目建设", 2, 18, 18, merged=True),
              Cell("任务B：推进老旧小区改造\n子任务甲\n子任务乙", 3, 25, 27),
              Cell("县住建局", 4, 28, 28), Cell("县城管局\n县交通局", 5, 29, 30),
              Cell("2021年12月底前", 6, 31, 31)), 1, 4, 24, 31),
    TableRow((Cell("3", 1, 32, 32), Cell("民生保障", 2, 33, 33),
              Cell("任务C：新建城区小学两所", 3, 34, 34), Cell("县教育局", 4, 35, 35),
              Cell("", 5, 36, 36), Cell("2021年9月底前", 6, 37, 37)), 1, 5, 32, 37),
]
EXPECTED_TAIL = [
    LogicalLine("附件：任务分解表", 38, 38),
    LogicalLine("某某县人民政府办公室", 39, 39),
    LogicalLine("2021年3月15日", 40, 40),
]


def _write(path: Path, charset: str = "utf-8", http_equiv: bool = False) -> Path:
    page = portal_page(TITLE, ARTICLE, charset=charset, http_equiv=http_equiv)
    path.write_bytes(page.encode(charset))
    return path


def test_html_is_registered() -> None:
    assert {".html", ".htm", ".mht", ".mhtml"} <= set(SUPPORTED_SUFFIXES)


def test_portal_page_gives_the_article_only(tmp_path: Path) -> None:
    source = read_source(_write(tmp_path / "notice.html"))
    assert source.format == "html"
    assert source.blocks == EXPECTED_PARAGRAPHS + EXPECTED_ROWS + EXPECTED_TAIL
    assert len(source.lines) == 40
    text = "\n".join(source.lines)
    for chrome in ("首页", "当前位置", "发布时间", "分享到", "相关链接", "打印本页", "ICP备",
                   "访问量统计", "统计代码", "编辑备注", "English"):
        assert chrome not in text


@pytest.mark.parametrize("http_equiv", [False, True], ids=["meta-charset", "http-equiv"])
def test_gb2312_page(tmp_path: Path, http_equiv: bool) -> None:
    path = _write(tmp_path / "notice.htm", charset="gb2312", http_equiv=http_equiv)
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert read_source(path).blocks == EXPECTED_PARAGRAPHS + EXPECTED_ROWS + EXPECTED_TAIL


def test_gbk_page_without_a_declared_charset(tmp_path: Path) -> None:
    page = portal_page(TITLE, ARTICLE).replace('<meta charset="utf-8">', "")
    path = tmp_path / "saved.html"
    path.write_bytes(page.encode("gbk"))
    assert read_source(path).blocks == EXPECTED_PARAGRAPHS + EXPECTED_ROWS + EXPECTED_TAIL


def test_headline_inside_the_article_is_not_repeated(tmp_path: Path) -> None:
    page = portal_page(TITLE, f'<p style="text-align:center">{TITLE}</p>\n' + ARTICLE)
    path = tmp_path / "titled.html"
    path.write_text(page, encoding="utf-8")
    blocks = read_source(path).blocks
    assert blocks[:2] == [LogicalLine(TITLE, 1, 1), LogicalLine("某政办〔2021〕5号", 2, 2)]


def test_undecodable_page(tmp_path: Path) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(b'<meta charset="utf-8"><p>' + bytes(range(0x80, 0x100)) * 4 + b"</p>")
    with pytest.raises(ZerenError) as info:
        read_source(path)
    assert info.value.code == "E125"
    assert "bad.html" in str(info.value)


def test_article_laid_out_in_a_one_cell_table(tmp_path: Path) -> None:
    """Old portals put the article in the one cell of a layout table; the task table
    inside it is still a table."""
    framed = f'<table width="900" align="center"><tr><td class="bt_content">{ARTICLE}</td></tr>' \
             "</table>"
    path = tmp_path / "old.html"
    path.write_text(portal_page(TITLE, framed), encoding="utf-8")
    assert read_source(path).blocks == EXPECTED_PARAGRAPHS + EXPECTED_ROWS + EXPECTED_TAIL


def test_class_names_inside_the_article_are_not_chrome(tmp_path: Path) -> None:
    """A header row classed "head", a paragraph's link classed "link" stay."""
    article = ('<p>牵头单位：<span class="link">县发改局</span></p>'
               '<table border="1"><tr class="head"><td>序号</td><td>任务</td></tr>'
               "<tr><td>1</td><td>建设污水管网</td></tr></table>" + ARTICLE)
    path = tmp_path / "classes.html"
    path.write_text(portal_page(TITLE, article), encoding="utf-8")
    blocks = read_source(path).blocks
    assert blocks[1] == LogicalLine("牵头单位：县发改局", 2, 2)
    assert [b.texts for b in blocks[2:4]] == [["序号", "任务"], ["1", "建设污水管网"]]


@needs_chromium
def test_single_file_web_archive_saved_by_chromium(tmp_path: Path) -> None:
    """The page saved as "web page, single file" by Chromium (its MHTML writer)."""
    import playwright.sync_api as playwright

    page_file = _write(tmp_path / "notice.html", charset="gb2312", http_equiv=True)
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            snapshot = page.context.new_cdp_session(page).send(
                "Page.captureSnapshot", {"format": "mhtml"})["data"]
        finally:
            browser.close()
    archive = tmp_path / "notice.mhtml"
    archive.write_bytes(snapshot.encode("utf-8"))
    assert archive.read_bytes().startswith(b"From: <Saved by Blink>")
    assert read_source(archive).blocks == EXPECTED_PARAGRAPHS + EXPECTED_ROWS + EXPECTED_TAIL
