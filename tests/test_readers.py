"""Readers: encodings and line ends of .txt, everything a .docx holds, and one meaning of "line"."""

import codecs
import re

import pytest

from checker.readers import read_bytes, read_path
from checker.readers.txt import decode
from tests.docxfactory import (comment_range, dele, docx_from_lines, field, ins, make_docx, p, r,
                               table, textbox)

SHORT_TEXTS = [
    "乡镇工作总结", "鄉鎮工作總結", "一、主要成效", "二、存在問題", "全镇共有XX个行政村",
    "財政收入完成五百萬元", "关于", "總結", "二〇二五年计划", "朱镕基堃",
]


def _encodable(encodings):
    for enc in encodings:
        for text in SHORT_TEXTS:
            try:
                yield text.encode(enc), text, enc
            except UnicodeEncodeError:
                continue  # Simplified-only characters have no Big5 form


EXPECTED_NAME = {"gbk": "gb18030", "gb18030": "gb18030", "big5": "big5", "utf-8": "utf-8",
                 "utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}


@pytest.mark.parametrize("data,text,encoding",
                         list(_encodable(["gbk", "gb18030", "big5", "utf-8", "utf-8-sig", "utf-16"])))
def test_short_chinese_texts_decode_exactly(data, text, encoding):
    decoded, name = decode(data)
    assert decoded == text
    assert name == EXPECTED_NAME[encoding]


def test_gbk_and_big5_longer_text_report_their_encoding(tmp_path):
    text = "青石镇2025年工作总结\r\n一、工作回顾\r\n全年完成投资9.4亿元。\r\n"
    (tmp_path / "a.txt").write_bytes(text.encode("gbk"))
    doc = read_path(tmp_path / "a.txt")
    assert doc.encoding == "gb18030"
    assert [b.text for b in doc.blocks] == ["青石镇2025年工作总结", "一、工作回顾", "全年完成投资9.4亿元。"]
    tw = "青石鎮2025年工作總結\n一、工作回顧\n全年完成投資9.4億元。\n"
    (tmp_path / "b.txt").write_bytes(tw.encode("big5"))
    doc = read_path(tmp_path / "b.txt")
    assert doc.encoding == "big5"
    assert doc.blocks[2].text == "全年完成投資9.4億元。"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_give_the_same_lines(newline):
    doc = read_bytes(newline.join(["第一行", "", "第三行XX"]).encode("utf-8"), "x.txt")
    assert [(b.line, b.text) for b in doc.blocks] == [(1, "第一行"), (2, ""), (3, "第三行XX")]


@pytest.mark.parametrize("text", ["第一行\n第二行\n", "第一行\n第二行", "甲\n\n", "\n甲", "乙", "x\n\ny\n\n",
                                  "第一行\r\n第二行\n", "甲\u2028乙\n", "甲\x0c乙", "甲\r乙\r"])
def test_the_document_text_is_its_lines_joined(text):
    """The one string rules scan is the lines joined with \\n, whatever the file's line ends (a file
    of \\n ends alone gives its own text, without joining the lines again)."""
    doc = read_bytes(text.encode("utf-8"), "x.txt")
    assert doc.text == "\n".join(b.text for b in doc.blocks)
    ends = re.compile("\r\n|\r|\n|\u2028|\u2029|\x0c")
    assert [b.text for b in doc.blocks] == ends.split(ends.sub("\n", text).removesuffix("\n"))


def test_utf16_and_utf8_bom():
    for data, enc in ((codecs.BOM_UTF16_LE + "第一行\r\n第二行".encode("utf-16-le"), "utf-16"),
                      (codecs.BOM_UTF8 + "第一行\n第二行".encode("utf-8"), "utf-8-sig")):
        doc = read_bytes(data, "x.txt")
        assert doc.encoding == enc
        assert [b.text for b in doc.blocks] == ["第一行", "第二行"]


def test_docx_runs_split_inside_a_slot_are_joined(tmp_path):
    path = make_docx(tmp_path / "a.docx", [p("全镇", r("X"), r("X", highlight="yellow"), "个村")])
    doc = read_path(path)
    block = doc.blocks[0]
    assert block.text == "全镇XX个村"
    assert [(x.start, x.end, x.index) for x in block.runs] == [(0, 2, 0), (2, 3, 1), (3, 4, 2), (4, 6, 3)]
    assert block.runs[2].props == {"highlight": "yellow"}


def test_docx_everything_it_holds_in_order(tmp_path):
    body = [
        p("2025年工作总结", style="Heading1"),
        p("正文", ins("插入的字"), dele("删掉的字"), "。页码", field("PAGE", "3"), textbox(p("文本框里的字"))),
        table([["项目", "金额"], ["合计", [p("第一段"), p("第二段")]]]),
        "<w:p/>",
        p("结束", comment_range(1, r("批注处"))),
    ]
    path = make_docx(tmp_path / "a.docx", body, headers=[[p("页眉文字")]], footers=[[p("页脚文字")]],
                     footnotes=[p("脚注文字")], endnotes=[p("尾注文字")], comments=[(1, "李四", "请核对")],
                     core={"title": "范文标题", "creator": "某人"}, app={"Company": "某公司"})
    doc = read_path(path)
    got = [(b.line, b.kind, b.text) for b in doc.blocks]
    assert got == [
        (1, "body", "2025年工作总结"),
        (2, "body", "正文插入的字。页码3"),
        (3, "table", "项目"), (4, "table", "金额"), (5, "table", "合计"),
        (6, "table", "第一段"), (7, "table", "第二段"),
        (8, "body", ""),
        (9, "body", "结束批注处"),
        (10, "textbox", "文本框里的字"),   # stored twice by Word, read once
        (11, "header", "页眉文字"), (12, "footer", "页脚文字"),
        (13, "footnote", "脚注文字"), (14, "endnote", "尾注文字"),
    ]
    assert doc.blocks[0].outline_level == 0 and doc.blocks[0].style == "heading 1"
    assert (doc.blocks[6].table, doc.blocks[6].row, doc.blocks[6].col) == (1, 2, 2)
    assert doc.blocks[6].location("zh") == "表格1 2行2列"
    assert doc.blocks[9].location("en") == "text box"
    [c] = doc.comments
    assert (c.author, c.text, c.line, c.column, c.end_column) == ("李四", "请核对", 9, 3, 6)
    kinds = [(v.kind, v.text, v.line) for v in doc.revisions]
    assert kinds == [("ins", "插入的字", 2), ("del", "删掉的字", 2)]
    assert doc.properties == {"title": "范文标题", "creator": "某人", "company": "某公司"}


def test_docx_tabs_and_breaks(tmp_path):
    body = [p(r("甲", raw="<w:tab/>"), r("乙", raw='<w:br/>'), r("丙", raw='<w:br w:type="page"/>'), "丁")]
    doc = read_path(make_docx(tmp_path / "a.docx", body))
    assert doc.blocks[0].text == "甲\t乙 丙丁"


def test_docx_content_control_placeholder_is_a_slot(tmp_path):
    sdt = ('<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
           + r("单击此处输入文字。") + "</w:sdtContent></w:sdt>")
    doc = read_path(make_docx(tmp_path / "a.docx", [p("报送单位：", sdt)]))
    assert doc.blocks[0].text == "报送单位：单击此处输入文字。"
    assert doc.blocks[0].runs[1].props == {"placeholder": True}
    from tests.conftest import ctx_for
    from checker.rules import run_rules
    found = run_rules(doc, ctx_for())
    assert [(f.rule, f.text) for f in found] == [("placeholder", "单击此处输入文字。")]


def test_docx_paragraphs_number_like_the_txt_lines(tmp_path):
    lines = ["标题", "", "一、回顾", "全镇XX个村", "", "二、计划"]
    docx = read_path(docx_from_lines(tmp_path / "a.docx", lines))
    txt = read_bytes("\n".join(lines).encode(), "a.txt")
    assert [(b.line, b.text) for b in docx.blocks] == [(b.line, b.text) for b in txt.blocks]


def test_docx_renamed_doc_is_still_read(tmp_path):
    path = make_docx(tmp_path / "a.docx", [p("全镇XX个村")])
    renamed = tmp_path / "draft.doc"
    renamed.write_bytes(open(path, "rb").read())
    assert read_path(renamed).blocks[0].text == "全镇XX个村"


def test_reading_never_modifies_the_draft(tmp_path):
    path = make_docx(tmp_path / "a.docx", [p("全镇XX个村")])
    before = open(path, "rb").read()
    import os
    mtime = os.stat(path).st_mtime_ns
    read_path(path)
    assert open(path, "rb").read() == before and os.stat(path).st_mtime_ns == mtime


def test_docx_styles_are_read_from_each_drafts_own_styles_part(tmp_path):
    """Parsed styles are kept per template; a draft whose styles part differs is read afresh."""
    from tests.docxfactory import NS, _STYLES

    body = ['<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>一年来的主要工作</w:t></w:r></w:p>',
            p("全镇各项工作稳步推进。")]
    # same style id, but in this template it is an ordinary body style with no outline level
    plain = _STYLES.replace('<w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr>',
                            '<w:name w:val="正文缩进"/><w:basedOn w:val="Normal"/>')
    assert plain != _STYLES
    a = make_docx(tmp_path / "a.docx", body)
    b = make_docx(tmp_path / "b.docx", body, styles=plain.format(ns=NS))
    broken = make_docx(tmp_path / "c.docx", body, styles=_STYLES.format(ns=NS)[:-20])
    for path, level, style in ((a, 0, "heading 1"), (b, None, "正文缩进"), (a, 0, "heading 1"), (b, None, "正文缩进")):
        block = read_path(path).blocks[0]
        assert (block.outline_level, block.style) == (level, style), path
    with pytest.raises(Exception) as e:
        read_path(broken)
    assert getattr(e.value, "code", None) == "damaged"
