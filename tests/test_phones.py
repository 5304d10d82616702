"""Phone masking (ui/phones.py): every format of the issue and more, numbers that are not
phones left alone, and the console's results masked unless the user shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.phones import MASK, mask_phones, mask_value

ROOT = Path(__file__).resolve().parent.parent

M = MASK
MASKED = [
    # the misses
    ("(0371)6718 1234", M),
    ("0371-6718-1234", M),
    ("+86-371-67181234", M),
    ("+86-371-6718-1234", M),
    ("电话: 6718 1234", "电话: " + M),
    ("电话：０３７１－６７１８１２３４", "电话：" + M),  # full-width digits and dash
    ("手机：１３８１２３４５６７８", "手机：" + M),
    ("400-123-4567", M),
    ("4001234567", M),
    ("400 6666 888", M),
    ("400-6666-888", M),
    ("800-810-8888", M),
    # mobiles
    ("13812345678", M),
    ("138-1234-5678", M),
    ("138 1234 5678", M),
    ("+86 138 1234 5678", M),
    ("+8613812345678", M),
    ("0086-13812345678", M),
    ("(+86)13812345678", M),
    # landlines with an area code
    ("0371-67181234", M),
    ("0371 67181234", M),
    ("0371 6718 1234", M),
    ("0371-6718 1234", M),
    ("037167181234", M),
    ("（0371）67181234", M),
    ("(0371) 67181234", M),
    ("010-12345678", M),
    ("0371—67181234", M),
    ("0371-67181234-8001", M),
    ("0371-67181234转8001", M),
    ("+86 (371) 6718 1234", M),
    # local numbers after a phone label, several in a row, across a line break
    ("电话：67181234、67181235", f"电话：{M}、{M}"),
    ("联系方式：67181234；67181235", f"联系方式：{M}；{M}"),
    ("(联系电话：67170737\n13333811139)", f"(联系电话：{M}\n{M})"),
    ("热线：12345678", "热线：" + M),
    ("传真 0371-67181235", "传真 " + M),
    ("Tel: 6718-1234", "Tel: " + M),
    ("联系人：张三，电话：0371-67181234，邮箱 a@b.cn", f"联系人：张三，电话：{M}，邮箱 a@b.cn"),
]
KEPT = [
    "2017年10月底前完成，投资6520亿元，郑政办〔2017〕88号，4800万平方米",
    "2017-08-31",
    "2016年12月31日",
    "2017年1-10月",
    "15000000000元",
    "共13812345人次",
    "人口8100万",
    "GDP 8113.4亿元",
    "比例为13.81234567%",
    "1.3812345678",
    "12345市长热线",  # a public service number
    "拨打12345",
    "编号 20170831001",
    "第400-500页",
    "4800 0000",
]


@pytest.mark.parametrize(("text", "masked"), MASKED)
def test_phone_formats_are_masked(text: str, masked: str) -> None:
    assert mask_phones(text) == masked


@pytest.mark.parametrize("text", KEPT)
def test_other_numbers_stay(text: str) -> None:
    assert mask_phones(text) == text


def test_values_inside_results_are_masked() -> None:
    row = {"t": {"_label": "Task", "text": "电话：0371-67181234"}, "n": 13812345678,
           "list": ["手机 13812345678", 3], "pair": ("0371-67181234", 1)}
    assert mask_value(row) == {"t": {"_label": "Task", "text": "电话：" + M}, "n": 13812345678,
                               "list": ["手机 " + M, 3], "pair": (M, 1)}


def test_console_results_are_masked_unless_shown(
    bolt_server, loaded_store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in bolt_server.env(bolt_server.database, ZEREN_AUTOLOAD="0").items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("ui/pages/console.py").run()
    at.text_area(key="cy_query").input("RETURN '联系电话：0371-67181234' AS contact")
    at.button(key="cy_run").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    shown = "\n".join(df.value.to_csv(index=False) for df in at.dataframe)
    assert "0371-67181234" not in shown and M in shown
    at.sidebar.toggle(key="show_phones").set_value(True).run()
    shown = "\n".join(df.value.to_csv(index=False) for df in at.dataframe)
    assert "0371-67181234" in shown
