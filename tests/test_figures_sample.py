"""Our trap-filled clean draft (samples/数字陷阱-无误.*): nothing serious from any rule, and each trap
is live — change one number and the matching finding appears."""

from __future__ import annotations

import pytest

from checker.engine import check_document, make_context
from checker.readers import read_path
from checker.readers.txt import document_from_text
from tests.conftest import SAMPLES
from tests.docxfactory import make_docx, p, table

NAME = "数字陷阱-无误"
CODES = {"subtotal-exceeds-total", "parts-sum-mismatch", "count-mismatch", "rate-out-of-range",
         "metric-conflict", "table-total-mismatch"}


def run(doc):
    return check_document(doc, make_context())


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_sample_raises_nothing_serious(suffix):
    doc = read_path(SAMPLES / (NAME + suffix))
    serious = [(f.rule, f.line, f.text) for f in run(doc) if f.severity in ("error", "warning")]
    assert serious == []
    assert [f for f in run(doc) if f.rule in CODES] == []


def test_docx_sample_has_its_tables():
    doc = read_path(SAMPLES / (NAME + ".docx"))
    cells = [b for b in doc.blocks if b.kind == "table"]
    assert {b.table for b in cells} == {1, 2}
    assert any(b.text == "1230" and b.row == 5 and b.col == 4 for b in cells)


SLIPS = [
    ("非税收入3500万元", "非税收入3900万元", "subtotal-exceeds-total"),
    ("社会投资1.66亿元", "社会投资1.86亿元", "subtotal-exceeds-total"),
    ("黄茶基地80公顷", "黄茶基地800公顷", "subtotal-exceeds-total"),
    ("其中按期办结1852件", "其中按期办结1952件", "subtotal-exceeds-total"),
    ("女性11500人", "女性10500人", "parts-sum-mismatch"),
    ("合计9条", "合计8条", "subtotal-exceeds-total"),
    ("望江四个示范村", "望江三个示范村", "count-mismatch"),
    ("参保率达99.2%", "参保率达109.2%", "rate-out-of-range"),
    ("白鹤村大棚面积194亩", "桃源村大棚面积194亩", "metric-conflict"),
    ("下一步重点抓好以下三个方面工作", "下一步重点抓好以下四个方面工作", "count-mismatch"),
]


@pytest.mark.parametrize("before,after,code", SLIPS)
def test_each_trap_is_live(before, after, code):
    text = (SAMPLES / (NAME + ".txt")).read_text(encoding="utf-8")
    assert before in text
    doc = document_from_text(text.replace(before, after, 1), "slip.txt", "utf-8")
    assert [f.rule for f in run(doc) if f.rule in CODES] == [code]


def test_table_slip_is_caught(tmp_path):
    rows = [["村名", "茶园面积（亩）", "蔬菜面积（亩）", "合计"],
            ["东岭村", "320", "80", "400"], ["桃溪村", "410", "90", "500"], ["云山村", "270", "60", "330"],
            ["合计", "1100", "230", "1230"]]
    doc = read_path(make_docx(tmp_path / "t.docx", [p("表1"), table(rows)]))
    assert [(f.rule, f.text) for f in run(doc) if f.rule in CODES] == [("table-total-mismatch", "1100")]
