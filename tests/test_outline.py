"""The outline (headings from styles and typed numbering, list items told apart), `checker outline`,
and the `numbering` rule, in Simplified and Traditional."""

import json

import pytest

from checker import outline as O
from checker.document import Block, Document
from checker.packs import load
from checker.readers import read_path
from tests.conftest import SHARED, findings, needs_shared, run_checker
from tests.docxfactory import make_docx, p

PACK = load()


def build(text):
    blocks = [Block(i, t) for i, t in enumerate(text.split("\n"), 1)]
    return O.build(Document("t.txt", "txt", blocks), PACK)


def tree(ol):
    return [(n.line, n.level, n.marker, n.title) for n in ol.nodes]


@pytest.mark.parametrize("marker,mtype,number", [
    ("一、", "cn", 1), ("十二、", "cn", 12), ("二十三．", "cn", 23), ("（三）", "cn_paren", 3), ("(三)", "cn_paren", 3),
    ("（三)", "cn_paren", 3), ("1.", "num", 1), ("１．", "num", 1), ("12、", "num", 12), ("（2）", "num_paren", 2),
    ("(２)", "num_paren", 2), ("⑶", "num_paren", 3), ("④", "circled", 4), ("第二部分", "part", 2),
])
def test_typed_numbering_styles(marker, mtype, number):
    ol = build(f"标题\n{marker}加强基层组织建設\n内容。")
    assert [(n.mtype, n.number, n.title) for n in ol.nodes] == [(mtype, number, "加强基层组织建設")]


@pytest.mark.parametrize("line", [
    "2.5", "1.5万元的投入已经到位。", "二〇二五年，全镇工作取得新进展。", "一年来，我们坚持稳中求进。", "三农工作是重中之重。",
    "十大工程全面启动。", "X光机已经配备到位。", "“1+X”证书试点扩大。", "某些村的集体经济仍然薄弱。", "【典型案例】",
    "一是加强领导。", "第一，加强领导。", "一抓产业发展，二抓民生保障。",
])
def test_look_alikes_are_not_headings(line):
    assert build(f"标题\n{line}\n内容。").nodes == []


def test_tree_follows_the_order_numbering_styles_appear_in():
    ol = build("标题\n一、总体情况\n（一）经济\n1.工业\n内容。\n2.农业\n内容。\n（二）社会\n内容。\n二、存在问题\n内容。")
    assert [(n.line, n.level) for n in ol.nodes] == [(2, 0), (3, 1), (4, 2), (6, 2), (8, 1), (10, 0)]
    assert ol.section_of(7).line == 6 and ol.nodes[0].end == 9
    # a draft that puts （一） above 一、 is read as written
    ol = build("标题\n（一）当前形势\n内容。\n（二）今后方针\n一、发展农业\n内容。\n二、发展工业\n内容。\n（三）前景\n内容。")
    assert [(n.line, n.level) for n in ol.nodes] == [(2, 0), (4, 0), (5, 1), (7, 1), (9, 0)]


def test_list_items_are_told_from_headings():
    ol = build("标题\n一、主要做法\n一是抓产业。二是抓民生；三是抓治理。\n二是加强队伍建设。\n第一，加强领导。\n"
               "一抓产业发展\n二抓民生保障\n（一）完善制度；\n（二）加强考核；\n（三）严格问责。")
    assert tree(ol) == [(2, 0, "一、", "主要做法")]
    assert [(i.line, i.stem, i.number, i.inline) for i in ol.items] == [
        (3, "是", 1, False), (3, "是", 2, True), (3, "是", 3, True), (4, "是", 2, False), (5, "第", 1, False),
        (6, "抓", 1, False), (7, "抓", 2, False), (8, "cn_paren", 1, False), (9, "cn_paren", 2, False),
        (10, "cn_paren", 3, False)]


def test_unnumbered_part_heading_is_top_level():
    ol = build("标题\n一、经济发展\n内容。\n（一）工业\n内容。\n下一步工作安排\n一抓产业。\n二抓民生。")
    assert [(n.line, n.level, n.mtype) for n in ol.nodes] == [(2, 0, "cn"), (4, 1, "cn_paren"), (6, 0, "plain")]


def test_docx_heading_styles_and_outline_levels(tmp_path):
    path = make_docx(tmp_path / "s.docx", [
        p("青石镇2025年工作总结", style="Title"), p("工作回顾", style="Heading1"), p("产业发展", style="Heading2"),
        p("内容。"), p("存在問題", style="Heading1"), p("內容。"), p("下一步打算", outline=0), p("内容。")])
    ol = O.build(read_path(path), PACK)
    assert ol.title_lines == [1]
    assert [(n.line, n.level, n.title) for n in ol.nodes] == [
        (2, 0, "工作回顾"), (3, 1, "产业发展"), (5, 0, "存在問題"), (7, 0, "下一步打算")]


@pytest.mark.parametrize("text,expected", [
    ("标题\n一、甲\n内容。\n二、乙\n内容。\n四、丁\n内容。", [(6, "gap", "“三、”")]),
    ("標題\n一、甲\n內容。\n二、乙\n內容。\n四、丁\n內容。", [(6, "gap", "“三、”")]),
    ("标题\n一、甲\n（一）子\n内容。\n（二）子\n内容。\n（二）子\n内容。", [(7, "repeat", "第 5 行")]),
    ("标题\n一、甲\n内容。\n三、丙\n内容。\n二、乙\n内容。", [(4, "gap", "“二、”"), (6, "back", "第 4 行")]),
    ("标题\n一、甲\n一是抓产业。\n三是抓治理。", [(4, "gap", "“二是”")]),
    ("標題\n一、甲\n一是抓產業；二是抓民生；四是抓治理。", [(3, "gap", "“三是”")]),
    ("标题\n一、甲\n第一，抓产业。\n第三，抓治理。", [(4, "gap", "“第二”")]),
    ("标题\n1.甲\n内容。\n2.乙\n内容。\n2.丙\n内容。", [(6, "repeat", "第 4 行")]),
    # two lists run in on one line, their items interleaved: each counts on its own
    ("标题\n一、甲\n全年抓了几件事。一是抓产业，一要稳住基本盘；三是抓治理，二要守住底线。", [(3, "gap", "“二是”")]),
    ("標題\n一、甲\n全年抓了幾件事。一要穩住基本盤，二要守住底線，四要抓治理；一是抓產業，二是抓民生。", [(3, "gap", "“三要”")]),
])
def test_numbering_gaps_repeats_and_steps_back(text, expected):
    got = findings(text, "numbering")
    assert [(f.line, f.extra["problem"]) for f in got] == [(line, what) for line, what, _ in expected]
    for f, (_, _, words) in zip(got, expected):
        assert words in f.message
        assert f.severity == "warning"


@pytest.mark.parametrize("text", [
    # each level counts on its own: （一） under 二、 starts again
    "标题\n一、甲\n（一）子\n内容。\n（二）子\n内容。\n二、乙\n（一）子\n内容。\n（二）子\n内容。",
    # lists start again at one; 一是…一是… is an old way of listing
    "标题\n一、甲\n一是抓产业。二是抓民生。\n内容。\n一是抓队伍。二是抓作风。\n基本点是两条，一是坚持甲，一是坚持乙。",
    # a list that went on inside the paragraphs between
    "标题\n一、甲\n一是抓产业。\n另外一段，二是抓民生。三是抓治理。\n四是抓作风。",
    # a first number that is not one is not judged (the part before may be elsewhere)
    "标题\n三、丙\n内容。\n四、丁\n内容。",
    # numbered sentences ending in semicolons inside a section are a list of their own
    "标题\n四、技术改造\n要抓好以下工作：\n一、节约能源；\n二、改革产品结构；\n三、合理利用资源。\n五、企业整顿\n内容。",
    # look-alikes
    "标题\n一、甲\n三农工作是重中之重，十大工程全面启动，一年来成效明显。\n二、乙\n内容。",
])
def test_numbering_quiet(text):
    assert findings(text, "numbering") == []


def test_cli_outline_text_and_json(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("青石镇2025年工作总结\n一、2025年工作回顾\n内容。\n（一）产业\n内容。\n二、存在问题\n内容。\n"
                     "下一步工作安排\n一是抓产业。", encoding="utf-8")
    proc = run_checker("outline", draft)
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "年度工作总结" in out and "标题“青石镇2025年工作总结”含“工作总结”" in out
    assert "\n2  一、2025年工作回顾   ← 工作回顾" in out
    assert "\n4    （一）产业" in out
    assert "✓ 存在问题（困难和不足）：第 6 行（标题）" in out
    data = json.loads(run_checker("outline", "--format", "json", draft).stdout)
    assert data["kind"]["name"] == "年度工作总结"
    assert [n["line"] for n in data["outline"]] == [2, 6, 8]
    assert data["outline"][0]["children"][0]["title"] == "产业"
    assert data["list_items"] == [{"line": 9, "column": 1, "marker": "一是", "number": 1, "inline": False}]
    en = run_checker("outline", "--lang", "en", draft).stdout.decode()
    assert "Parts:" in en and "annual work summary" in en


def test_cli_outline_bad_input(tmp_path):
    proc = run_checker("outline", tmp_path / "none.docx")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "none.docx" in err and "Traceback" not in err
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    proc = run_checker("outline", bad)
    assert proc.returncode == 2 and "bad.docx" in proc.stderr.decode()


@needs_shared
def test_corpus_outlines():
    ol = O.build(read_path(SHARED / "corpus" / "003_9f78d0cb03f390d2.txt"), PACK)
    assert [(n.line, n.level) for n in ol.nodes][:3] == [(9, 0), (11, 1), (15, 1)]
    assert [n.line for n in ol.roots] == [9, 39]
    ol = O.build(read_path(SHARED / "corpus" / "000_6e89bb6b74dc778e.txt"), PACK)
    assert [n.line for n in ol.roots] == [4, 6, 8, 12, 14, 16, 21]
    assert all(i.stem in ("是", "抓") for i in ol.items)
