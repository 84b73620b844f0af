"""Places a Word user can find (checker.places): paragraphs counted as a reader counts them, table cells,
headers, notes and text boxes in Word's words, a .txt by its lines; from the reader's blocks only."""

from __future__ import annotations

import pytest

from checker.engine import check_paths, make_context
from checker.places import place, quote, where
from checker.readers import read_path
from tests.docxfactory import make_docx, p, table, textbox


def _doc(path):
    return read_path(str(path))


@pytest.mark.parametrize("title,body,cell", [
    ("二〇二五年工作总结", "全年完成地区生产总值XX亿元，同比增长。", "合计"),
    ("二〇二五年工作總結", "全年完成地區生產總值XX億元，同比增長。", "合計"),
])
def test_docx_places(tmp_path, title, body, cell):
    path = make_docx(tmp_path / "d.docx", [
        p(title), p(""), p("   "), p(body), table([["项目", "金额"], [cell, "x.xx"]]), p(textbox(p("文本框里的字"))),
    ], headers=[[p("页眉的字")]], footnotes=[p("脚注的字")])
    doc = _doc(path)
    by_text = {b.text: b.line for b in doc.blocks}
    assert where(doc, by_text[title]) == "第 1 段"
    # empty paragraphs are not counted: the body text is the second paragraph a reader sees
    assert place(doc, by_text[body]) == f"第 2 段 “{body[:14]}…”"
    assert place(doc, by_text[body], "en").startswith("paragraph 2 “")
    assert where(doc, 2) == "第 1 段后的空段"
    assert place(doc, by_text[cell]) == f"表格1 第2行第1列 “{cell}”"
    assert where(doc, by_text[cell], "en") == "table 1, row 2, column 1"
    assert place(doc, by_text["页眉的字"]) == "页眉 “页眉的字”"
    assert place(doc, by_text["脚注的字"]) == "脚注 “脚注的字”"
    assert place(doc, by_text["文本框里的字"]) == "文本框 “文本框里的字”"


@pytest.mark.parametrize("text", ["标题\n\n今年投入XX万元。\n", "標題\n\n今年投入XX萬元。\n"])
def test_txt_places_are_lines(tmp_path, text):
    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    doc = _doc(path)
    assert place(doc, 3) == f"第 3 行 “{text.split(chr(10))[2]}”"   # a text editor numbers lines
    assert where(doc, 2, "en") == "line 2"


def test_quote_shortens_and_folds_spaces():
    assert quote("") == ""
    assert quote("一 二\t三") == "“一 二 三”"
    assert quote("一二三四五六七八九十一二三四五") == "“一二三四五六七八九十一二三四…”"


def test_terminal_report_gives_the_place_after_the_tool_prefix(tmp_path):
    from checker.render.terminal import render

    path = make_docx(tmp_path / "d.docx", [p("工作总结"), p(""), p("今年投入XX万元。")])
    out = render(check_paths([str(path)], make_context()), lang="zh")
    assert f"{path}:3:5  第 2 段 “今年投入XX万元。”  错误  placeholder" in out
