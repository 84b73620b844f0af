"""placeholder: the slots real templates leave without an X — asterisks, blanks left as spaces, numbers
deleted before their unit, single underscores, ellipses in brackets — and the look-alikes that must stay
quiet (footnote marks, Markdown emphasis, text pasted from PDFs, signature blocks, 12.5 亿元, tables).
Our own sentences, Simplified and Traditional, full- and half-width punctuation, .txt and .docx."""

import pytest

from checker.engine import check_document
from checker.readers import read_path
from tests.conftest import ctx_for, findings
from tests.docxfactory import make_docx, p, r, table

# (text, [(flagged text, severity, expects)])
POSITIVE = [
    # asterisks
    ("**镇召开产业发展推进会。", [("**", "error", "name")]),
    ("**鎮召開產業發展推進會。", [("**", "error", "name")]),
    ("*乡党委组织开展专题学习。", [("*", "error", "name")]),
    ("20**年，全镇上下团结一心。", [("20**", "error", "year")]),
    ("201*年，全鎮上下團結一心。", [("201*", "error", "year")]),
    ("20*年工作计划", [("20*", "error", "year")]),
    ("成功举办第三届****文化节。", [("****", "error", "content")]),
    ("建成**示范园，带动农户增收。", [("**", "error", "content")]),
    ("财政收入增长*%，完成投资**万元。", [("*", "error", "number"), ("**", "error", "number")]),
    ("財政收入增長*%,完成投資**萬元。", [("*", "error", "number"), ("**", "error", "number")]),
    ("走出一条具有＊＊特色的发展之路。", [("＊＊", "error", "content")]),
    ("**镇、**村两级联动。", [("**", "error", "name"), ("**", "error", "name")]),
    # blanks left as spaces
    ("医保基金 万元，覆盖率达 %。", [(" ", "warning", "number"), (" ", "warning", "number")]),
    ("醫保基金 萬元,覆蓋率達 %。", [(" ", "warning", "number"), (" ", "warning", "number")]),
    ("完成投资    万元，新建道路  公里。", [("    ", "error", "number"), ("  ", "error", "number")]),
    ("全年调处纠纷 件，办结 件。", [(" ", "warning", "number"), (" ", "warning", "number")]),
    ("全镇共有 个行政村，完成  项重点工程。", [(" ", "warning", "number"), ("  ", "error", "number")]),
    ("全鎮共有 個行政村,完成  項重點工程。", [(" ", "warning", "number"), ("  ", "error", "number")]),
    ("培训农民\u3000\u3000人次。", [("\u3000\u3000", "error", "number")]),
    ("培训农民\t人次。", [("\t", "error", "number")]),
    ("会议定于2024年 月 日召开。", [(" 月 日", "error", "date")]),
    ("會議定於2024年 月 日召開。", [(" 月 日", "error", "date")]),
    ("    年  月  日", [("    年  月  日", "error", "date")]),
    ("全镇共（  ）个行政村。", [("（  ）", "error", "number")]),
    ("全鎮共(  )個行政村。", [("(  )", "error", "number")]),
    ("联系人：        电话：", [("        ", "error", "name")]),
    ("聯繫人:        電話:", [("        ", "error", "name")]),
    ("填报日期：      ", [("      ", "error", "date")]),
    # numbers deleted with no mark
    ("全年产粮约万吨，同比下降%。", [("约万吨", "warning", "number"), ("下降%", "warning", "number")]),
    ("全年產糧約萬噸,同比下降%。", [("約萬噸", "warning", "number"), ("下降%", "warning", "number")]),
    ("村集体收入达万元，完成投资万元。", [("达万元", "warning", "number"), ("投资万元", "warning", "number")]),
    # one underscore between Chinese characters
    ("共修通水泥路近_公里，覆盖_个村。", [("_", "error", "number"), ("_", "error", "number")]),
    ("共修通水泥路近＿公里，覆蓋＿個村。", [("＿", "error", "number"), ("＿", "error", "number")]),
    # an ellipsis standing for content
    ("主要做法：〔...〕", [("〔...〕", "error", "content")]),
    ("主要做法:[…]", [("[…]", "error", "content")]),
    ("主要做法：（……）", [("（……）", "error", "content")]),
]


@pytest.mark.parametrize("text,expected", POSITIVE)
def test_unmarked_slot_forms_fire(text, expected):
    got = findings(text, "placeholder")
    assert [(f.text, str(f.severity), f.extra["expects"]) for f in got] == expected


LOOKALIKES = [
    # footnote marks, emphasis, arithmetic, separators, codes and web addresses
    "全年GDP*增长6.5%。\n*注：GDP按可比价格计算。",
    "地区生产总值*达到120亿元。\n＊註：按可比價格計算。".replace("＊", "*"),
    "**重点工作**：抓好产业发展。",
    "**重點工作**：抓好產業發展。",
    "一是**抓党建**，二是**促发展**。",
    "按3*4米规格建设宣传栏。",
    "注：带*的指标为预计数。",
    "註：標*的指標為預計數。",
    "說明：*號表示按可比價格計算。",
    "**********",
    "＊＊＊＊＊＊",
    "账号初始密码为a1*b2c，请及时修改。",
    "详见 http://www.qingshan.gov.cn/*/index.html",
    "* 加强基层党组织建设",
    # spacing that is not a blank
    "全 镇 实 现 地 区 生 产 总 值 人 均 收 入 稳 步 增 长",
    "按照创 建卫生先进单位的要求，农民 素质得到提高，群众 人人参与，干部 个个带头。",
    "桃溪镇人民政府      2025年12月20日",
    "桃溪鎮人民政府      2025年12月20日",
    "地区生产总值达到12.5 亿元，增长6.2 %。",
    "卫生保健 。在抓好防疫的同时， 人禽流感防治有序推进。",
    "全体 人员参加培训，各 项工作有序推进。",
    "全體 人員參加培訓,各 項工作有序推進。",
    "时间：2025年3月1日    地点：镇会议室",
    "联系人：李明    电话：0571-87654321",
    "单位：万元",
    "单位：%",
    # numbers that are there, or idioms in which 万/亿 is the number
    "参与群众近万人，带动投资超亿元，年收入上万元的农户增加。",
    "參與群眾近萬人，帶動投資超億元。",
    "新增亿元以上项目3个，同比增长12%。",
    "完成投资3.2亿元，同比下降5%。",
    "同比增长百分之五。",
    # underscores and ellipses that are not slots
    "微信号：fanwen_2024",
    "文件名为report_2025.docx。",
    "一是……二是……",
    "“……”",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_unmarked_lookalikes_stay_quiet(text):
    assert findings(text, "placeholder") == []


def test_blank_message_and_suggestion_in_both_languages():
    (f,) = findings("完成投资    万元。", "placeholder")
    assert "空着4个空格" in f.message and "数字" in f.message
    assert f.suggestion == "填入数字" and f.extra["shape"] == "blank"
    (f,) = findings("完成投资    万元。", "placeholder", lang="en")
    assert "a blank left as 4 space(s)" in f.message and f.suggestion == "fill in a number"


def test_deleted_number_message_and_suggestion():
    (f,) = findings("同比下降%。", "placeholder")
    assert "没有数字" in f.message and f.suggestion == "在“%”前填入数字"
    assert f.extra["shape"] == "deleted-number"
    (f,) = findings("同比下降%。", "placeholder", lang="en")
    assert "no figure" in f.message


def test_a_pack_adds_a_unit(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text('[placeholder]\ngap_units = ["标箱"]\nbare_units = ["标箱"]\n', encoding="utf-8")
    text = "集装箱吞吐量  标箱，同比增长约标箱。"
    assert findings(text, "placeholder") == []
    got = findings(text, "placeholder", packs=(str(pack),))
    assert [f.text for f in got] == ["  ", "约标箱"]


# ---------------------------------------------------------------------------
# .docx: every form with its runs split at every character, and the look-alikes

def _docx(tmp_path, body):
    path = make_docx(tmp_path / "d.docx", body)
    return [f for f in check_document(read_path(path), ctx_for()) if f.rule == "placeholder"]


def _split(text):
    return p(*[r(c) for c in text])


def test_every_unmarked_form_in_docx_with_runs_split(tmp_path):
    lines = [line for text, _ in POSITIVE for line in text.split("\n")]
    got = _docx(tmp_path, [_split(s) for s in lines])
    expected = [(i, t) for i, (_, slots) in enumerate(POSITIVE, 1) for t, _s, _e in slots]
    assert [(f.line, f.text) for f in got] == expected


def test_no_unmarked_lookalike_fires_in_docx(tmp_path):
    lines = [line for text in LOOKALIKES for line in text.split("\n")]
    assert _docx(tmp_path, [_split(s) for s in lines]) == []


def test_table_cells_left_empty_or_spaced_are_left_alone(tmp_path):
    # a statistics table: an empty cell may mean "not applicable", a header asks for a unit
    rows = [["指标", "单位", "数值", "增长%"], ["粮食产量", "万吨", "", " "], ["投资", "亿元", "3.2", "  "]]
    body = [p("桃溪镇2025年主要指标"), table(rows), p("填表日期：2025年12月20日")]
    assert _docx(tmp_path, body) == []


def test_a_blank_date_in_a_table_cell_is_still_a_slot(tmp_path):
    body = [table([["报送日期", "    年  月  日"]])]
    got = _docx(tmp_path, body)
    assert [(f.text, f.location) for f in got] == [("    年  月  日", "表格1 1行2列")]


@pytest.mark.parametrize("text", [
    "指标\t完成值\t增长%",
    "指标    完成值    同比增长%",
    "粮食产量  万吨  12.5  3.2%",
    "糧食產量  萬噸  12.5  3.2%",
])
def test_a_table_typed_with_spaces_is_left_alone(text):
    assert findings(text, "placeholder") == []
