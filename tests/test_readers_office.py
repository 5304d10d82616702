"""Older office formats (.doc, .wps, .rtf) through LibreOffice, and the one clear
message when LibreOffice is not installed.

The files are written by LibreOffice itself (from a .docx written by python-docx);
Kingsoft WPS saves its .wps in Word's binary format, so a .doc saved under a .wps
name stands for one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx
import pytest

from errors import ZerenError
from extract.blocks import Cell, LogicalLine, TableRow
from extract.readers import SUPPORTED_SUFFIXES, read_source
from tests.fixtures.printing import libreoffice_convert, needs_soffice

EXPECTED = [
    LogicalLine("某某市人民政府办公室关于做好2022年防汛工作的通知", 1, 1),
    LogicalLine("一、落实防汛责任。（市水利局牵头，各县区政府负责）", 2, 2),
    TableRow((Cell("序号", 1, 3, 3), Cell("工作任务", 2, 4, 4), Cell("责任单位", 3, 5, 5)),
             1, 1, 3, 5),
    TableRow((Cell("1", 1, 6, 6), Cell("排查病险水库", 2, 7, 7),
              Cell("市水利局\n市应急局", 3, 8, 9)),
             1, 2, 6, 9),
    TableRow((Cell("2", 1, 10, 10), Cell("清理河道障碍", 2, 11, 11),
              Cell("市水利局\n市应急局", 3, 8, 9, merged=True)), 1, 3, 10, 11),
    LogicalLine("二、完成时限：2022年5月底前。", 12, 12),
]


@pytest.fixture(scope="module")
def word_source(tmp_path_factory) -> Path:
    d = docx.Document()
    d.add_paragraph("某某市人民政府办公室关于做好2022年防汛工作的通知")
    d.add_paragraph("一、落实防汛责任。（市水利局牵头，各县区政府负责）")
    table = d.add_table(rows=3, cols=3)
    for row, texts in zip(table.rows, [("序号", "工作任务", "责任单位"), ("1", "排查病险水库", ""),
                                       ("2", "清理河道障碍", "")], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    owners = table.cell(1, 2).merge(table.cell(2, 2))
    owners.text = "市水利局"
    owners.add_paragraph("市应急局")
    d.add_paragraph("二、完成时限：2022年5月底前。")
    path = tmp_path_factory.mktemp("office") / "flood.docx"
    d.save(path)
    return path


def test_office_suffixes_are_registered() -> None:
    assert {".doc", ".wps", ".rtf"} <= set(SUPPORTED_SUFFIXES)


def test_the_word_original(word_source: Path) -> None:
    assert read_source(word_source).blocks == EXPECTED


@needs_soffice
@pytest.mark.parametrize("fmt", ["doc", "rtf"])
def test_converted_by_libreoffice(word_source: Path, tmp_path: Path, fmt: str) -> None:
    path = libreoffice_convert(word_source, fmt, tmp_path)
    source = read_source(path)
    assert source.blocks == EXPECTED
    assert source.file == str(path)
    assert source.format == fmt


@needs_soffice
def test_wps_file(word_source: Path, tmp_path: Path) -> None:
    wps = tmp_path / "防汛通知.wps"
    shutil.move(libreoffice_convert(word_source, "doc", tmp_path), wps)
    source = read_source(wps)
    assert source.blocks == EXPECTED
    assert source.file == str(wps)


def test_without_libreoffice_one_clear_message(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZEREN_SOFFICE", str(tmp_path / "no-such-soffice"))
    old = tmp_path / "旧文件.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(ZerenError) as info:
        read_source(old)
    assert info.value.code == "E127"
    message = str(info.value)
    assert "旧文件.doc" in message and "LibreOffice" in message and ".docx" in message


@needs_soffice
def test_a_file_libreoffice_cannotlibreoffice_convert(tmp_path: Path) -> None:
    bad = tmp_path / "garbage.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2048))
    with pytest.raises(ZerenError) as info:
        read_source(bad)
    assert info.value.code in ("E128", "E120")
    assert "garbage.doc" in str(info.value)
