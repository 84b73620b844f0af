"""duplicate-paragraph: a title typed twice or a long paragraph pasted twice; nothing else."""

import pytest

from tests.conftest import SHARED, findings, needs_shared

LONG_ZH = "全年新建高标准农田一万二千亩，粮食播种面积稳定在四万六千亩，农业基础进一步夯实。"
LONG_TW = "全年新建高標準農田一萬二千畝，糧食播種面積穩定在四萬六千畝，農業基礎進一步夯實。"


@pytest.mark.parametrize("title,opening", [
    ("青石镇2025年工作总结和2026年工作计划", "2025年，青石镇在县委的领导下，各项工作取得新进展。"),
    ("青石鎮2025年工作總結和2026年工作計劃", "2025年，青石鎮在縣委的領導下，各項工作取得新進展。"),
])
def test_title_typed_again_after_the_opening(title, opening):
    text = f"某某范文网\n\n{title}\n\n{opening}\n{title}\n一、工作回顾"
    got = findings(text, "duplicate-paragraph")
    assert [(f.line, f.severity, f.extra["first_line"]) for f in got] == [(6, "warning", 3)]
    assert "标题" in got[0].message


@pytest.mark.parametrize("para", [LONG_ZH, LONG_TW])
def test_long_paragraph_pasted_twice(para):
    got = findings(f"标题行在这里写\n{para}\n中间一段。\n{para}", "duplicate-paragraph")
    assert [(f.line, f.extra["first_line"]) for f in got] == [(4, 2)]
    en = findings(f"标题行在这里写\n{para}\n{para}", "duplicate-paragraph", lang="en")
    assert en[0].message == "this paragraph repeats line 2 word for word: delete the copy"


@pytest.mark.parametrize("text", [
    "2025年政府工作报告\n\n各位代表：\n\n开头一段。\n各位代表：\n结尾。",                 # salutation repeated
    "青石镇2025年工作总结\n正文一段写得很长很长。\n青石镇人民政府\n附件\n青石镇人民政府",     # signature repeated
    "工作总结\n学习《农村工作条例（试行草案）》。\n农村工作条例（试行草案）\n其他。\n农村工作条例（试行草案）",
    "標題\n一、加強領導。\n二、加強領導。\n（一）加強領導\n（二）加強領導",                     # short lines
    f"标题\n开头一段。\n{LONG_ZH[:20]}\n{LONG_ZH[:20]}",                              # short paragraph repeated
    "Publicdomain\nPublicdomain\nPublicdomain",
])
def test_short_or_formulaic_repeats_stay_quiet(text):
    assert findings(text, "duplicate-paragraph") == []


def test_docx_table_cells_are_not_compared(tmp_path):
    from checker.engine import check_document
    from checker.readers import read_path
    from tests.conftest import ctx_for
    from tests.docxfactory import make_docx, p, table

    cell = "全镇共有行政村二十一个，其中省级示范村七个，市级示范村九个，县级示范村五个。"
    title = "青石镇2025年工作总结和2026年工作计划"
    path = make_docx(tmp_path / "t.docx", [p(title, style="Title"), p("开头一段。"),
                                           table([[cell, cell], [cell, "x"]]), p(title)])
    got = [f for f in check_document(read_path(path), ctx_for()) if f.rule == "duplicate-paragraph"]
    assert [(f.line, f.extra["first_line"]) for f in got] == [(7, 1)]


@needs_shared
def test_corpus_only_the_traditional_title_repeat():
    from tests.conftest import json_report

    files = sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.docx")) \
        + sorted((SHARED / "corpus" / "national").glob("*.txt"))
    report = json_report("--select", "duplicate-paragraph", *files)
    hits = [(f["path"].rsplit("/", 1)[-1], x["line"]) for f in report["files"] for x in f["findings"]]
    assert sorted(hits) == [("003_9f78d0cb03f390d2.docx", 7), ("003_9f78d0cb03f390d2.txt", 7)]


@pytest.mark.parametrize("para", [LONG_ZH, LONG_TW])
def test_a_paragraph_pasted_three_times_is_one_finding_with_its_other_copies(para):
    got = findings(f"标题行在这里写\n{para}\n中间一段。\n{para}\n又一段。\n{para}", "duplicate-paragraph")
    assert [(f.line, f.extra["first_line"], f.extra["copies"]) for f in got] == [(4, 2, 3)]
    assert [(r.line, r.note) for r in got[0].related] == [(2, "首次出现"), (6, "又一处")]
    assert got[0].message.endswith("（全文共 3 处相同）")
    en = findings(f"标题行在这里写\n{para}\n{para}\n{para}", "duplicate-paragraph", lang="en")
    assert en[0].message.endswith("(3 identical copies in all)")
    assert [r.note for r in en[0].related] == ["first occurrence", "another copy"]


def test_two_copies_keep_the_plain_message():
    got = findings(f"标题行在这里写\n{LONG_ZH}\n{LONG_ZH}", "duplicate-paragraph")
    assert got[0].extra["copies"] == 2 and "全文共" not in got[0].message
    assert [r.line for r in got[0].related] == [2]


def test_the_places_listed_are_bounded_the_count_is_not():
    from checker.rules.duplicate import MAX_PLACES

    got = findings("标题行在这里写\n" + "\n".join([LONG_ZH] * 60), "duplicate-paragraph")
    assert len(got) == 1
    assert got[0].extra["copies"] == 60
    assert len(got[0].related) == MAX_PLACES
    assert [r.line for r in got[0].related][:3] == [2, 4, 5]


@pytest.mark.parametrize("title,opening", [
    ("青石镇2025年工作总结", "2025年，全镇经济社会持续健康发展。"),
    ("青石鎮2025年工作總結", "2025年，全鎮經濟社會持續健康發展。"),
])
def test_a_title_typed_twice_more_is_one_finding(title, opening):
    got = findings(f"{title}\n{opening}\n{title}\n一、主要工作\n{title}", "duplicate-paragraph")
    assert [(f.line, f.extra["copies"], [r.line for r in f.related]) for f in got] == [(3, 3, [1, 5])]


@pytest.mark.parametrize("para", [LONG_ZH, LONG_TW])
def test_short_repeats_among_long_ones_stay_quiet(para):
    # each short line repeated many times, the long one twice: one finding, for the long one
    text = "\n".join(["标题行在这里写", para, "各位代表：", "一、加强领导", para, "各位代表：", "一、加强领导",
                      "各位代表："])
    got = findings(text, "duplicate-paragraph")
    assert [(f.line, f.extra["copies"]) for f in got] == [(5, 2)]


@pytest.mark.parametrize("para", [LONG_ZH, LONG_TW])
def test_docx_repeats_with_runs_split_anywhere(tmp_path, para):
    from checker.engine import check_document
    from checker.readers import read_path
    from tests.conftest import ctx_for
    from tests.docxfactory import make_docx, p

    def split(text, at):
        return p(*[text[i:j] for i, j in zip([0, *at], [*at, len(text)])])

    path = make_docx(tmp_path / "d.docx", [p("标题行在这里写"), split(para, [3, 17]), p("中间一段。"),
                                           split(para, [1, 30]), split(para, [25])])
    got = [f for f in check_document(read_path(path), ctx_for()) if f.rule == "duplicate-paragraph"]
    assert [(f.line, f.extra["copies"], [r.line for r in f.related]) for f in got] == [(4, 3, [2, 5])]


@pytest.mark.parametrize("lang,title,said", [("zh", "青石镇2025年工作总结", "标题在第 1 段已经出现"),
                                             ("zh", "青石鎮2025年工作總結", "标题在第 1 段已经出现"),
                                             ("en", "青石镇2025年工作总结", "already at paragraph 1")])
def test_docx_message_cites_a_paragraph_a_word_user_can_count(tmp_path, lang, title, said):
    """Word numbers no lines: in a .docx the message counts paragraphs with text (empty ones and table
    cells are skipped, as a reader counting on screen would), never the reader's line number."""
    from checker.engine import check_document
    from checker.readers import read_path
    from tests.conftest import ctx_for
    from tests.docxfactory import make_docx, p, table

    path = make_docx(tmp_path / "t.docx", [p(""), p(title), p(""), table([["甲", "乙"]]), p("开头一段。"), p(title)])
    [f] = [f for f in check_document(read_path(path), ctx_for(lang)) if f.rule == "duplicate-paragraph"]
    assert f.line == 7 and said in f.message   # line 7 of `checker text`, paragraph 1 on screen
    txt = tmp_path / "t.txt"
    txt.write_text(f"\n{title}\n开头一段。\n{title}\n", encoding="utf-8")
    [g] = [g for g in check_document(read_path(txt), ctx_for(lang)) if g.rule == "duplicate-paragraph"]
    assert ("第 2 行" if lang == "zh" else "line 2") in g.message    # a text editor does number lines


@pytest.mark.parametrize("para", [LONG_ZH, LONG_TW])
def test_copies_differing_only_in_spaces_are_one_paragraph_listed_in_order(para):
    spaced = para[:10] + " " + para[10:20] + "\u3000" + para[20:]
    other = LONG_TW if para == LONG_ZH else LONG_ZH
    text = "\n".join(["标题行在这里写", spaced, other, para, "中间一段。", other, spaced + " ", para])
    got = findings(text, "duplicate-paragraph")
    # one finding per paragraph, in the order of their first repeats (the other one repeats first)
    assert [(f.line, f.extra["first_line"], f.extra["copies"]) for f in got] == [(4, 2, 4), (6, 3, 2)]
    assert [r.line for r in got[0].related] == [2, 7, 8]


def test_findings_come_in_the_order_of_first_repeats_under_the_per_code_limit():
    """Over the limit of one code, the findings kept are those whose first repeat comes first."""
    from checker import engine
    from checker.readers import read_bytes
    from checker.rules import run_rules

    paras = [f"第{i}段{LONG_ZH}" for i in range(6)]
    # first occurrences in order 0..5, first repeats in the order 5, 3, 1, 4, 2, 0
    text = "\n".join(["标题行在这里写", *paras, *(paras[i] for i in (5, 3, 1, 4, 2, 0))])
    doc = read_bytes(text.encode("utf-8"), "x.txt")
    omitted: dict = {}
    got = run_rules(doc, engine.make_context(), select=["duplicate-paragraph"], limit=3, omitted=omitted)
    assert [f.extra["first_line"] for f in got] == [7, 5, 3]    # sorted by line: repeats at 8, 9, 10
    assert omitted == {"duplicate-paragraph": 3}
