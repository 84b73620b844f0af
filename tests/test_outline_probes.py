"""The outline reads a line for list items inside a paragraph and for run-in headings only where a
probe of the whole text found a mark that may start one, and stops reading where the rest cannot
change the answer (a heading's content, the size of a fragment). Each answer is the one of reading
everything: checked here on every shape of mark, in Simplified and Traditional, in .txt and .docx."""

from __future__ import annotations

import pytest

from checker import hanzi
from checker import kinds as K
from checker import outline as O
from checker.document import Block, Document
from checker.engine import check_document
from checker.packs import load
from checker.readers import read_path
from tests.conftest import ctx_for, findings
from tests.docxfactory import make_docx, p, r

PACK = load()

LEAD_ZH = "全镇道路硬化里程稳步增加，村容村貌明显改善，群众满意度逐年提高"
LEAD_TW = "全鎮道路硬化里程穩步增加，村容村貌明顯改善，群眾滿意度逐年提高"
BREAKS = ["。", "；", "，", "：", "！", "？", ";", ",", ":", "!", "?", ""]
SPACES = ["", " ", "　", "\t", " 　"]
MARKS = ["二是", "十二是", "三要", "四抓", "五靠", "一二是", "第三，", "第十二、", "第四：", "第二部分", "第十一部分",
         "二、", "三 、", "十二、", "一、二、三", "（二）", "( 三 )", "（十一）", "（ 四）", "(1)", "①", "三方面"]


def doc_of(lines: list[str]) -> Document:
    return Document("t.txt", "txt", [Block(i, t) for i, t in enumerate(lines, 1)])


def shape(ol: O.Outline):
    nodes = [(n.line, n.column, n.marker, n.mtype, n.number, n.title, n.runin, n.level, n.end) for n in ol.nodes]
    runin = [(n.line, n.column, n.marker, n.mtype, n.number, n.title) for n in ol.runin]
    items = [(i.line, i.column, i.end_column, i.stem, i.number, i.inline, i.marker) for i in ol.items]
    return nodes, runin, items, ol.body_lines, ol.title_lines


def every_line(doc, probes) -> set[int]:
    """What the probes stand in for: every line read."""
    return {b.line for b in doc.blocks}


def marked_lines(tw: bool) -> list[str]:
    lead = LEAD_TW if tw else LEAD_ZH
    words = "存在的問題和不足之處" if tw else "存在的问题和不足之处"
    return ["青石鎮2025年工作總結" if tw else "青石镇2025年工作总结"] + [
        lead + brk + sp + mark + words for brk in BREAKS for sp in SPACES for mark in MARKS]


def with_stems(stems: list[str]) -> dict:
    pack = {k: v for k, v in PACK.items() if k != "_compiled"}
    pack["outline"] = dict(PACK.get("outline", {}), list_stems=stems)
    return pack


@pytest.mark.parametrize("tw", [False, True], ids=["zh", "tw"])
@pytest.mark.parametrize("stems", [None, ["是", "要", "方面"], ["", "是"], ["是\n"]], ids=["pack", "two-char", "empty", "newline"])
def test_probed_lines_give_the_outline_of_every_line(tw, stems, monkeypatch):
    pack = PACK if stems is None else with_stems(stems)
    doc = doc_of(marked_lines(tw))
    probed = shape(O.build(doc, pack))
    monkeypatch.setattr(O, "_lines_with", every_line)
    assert probed == shape(O.build(doc, pack))
    nodes, runin, items, _, _ = probed
    assert sum(i[5] for i in items) > 100 and len(runin) > 100      # the marks were read, not skipped


def test_probes_find_marks_only_after_a_break_or_a_space():
    lines = [LEAD_ZH + "推进统一是关键" + "，进一步要加强", LEAD_ZH + "它们（一）" + "三、两项" + "次第三，" + "第二部分",
             LEAD_ZH + "。二是推进。 三要落实。" + "　第四，保障", LEAD_ZH + "。（ 二 ）存在问题" + "；三 、下一步"]
    found = O._lines_with(doc_of(lines), O.build_vocab(PACK["outline"]).probes)
    assert found == {3, 4}


@pytest.mark.parametrize("tw", [False, True], ids=["zh", "tw"])
def test_items_and_runin_headings_after_spaces(tw):
    lead = LEAD_TW if tw else LEAD_ZH
    lines = ["青石鎮2025年工作總結" if tw else "青石镇2025年工作总结",
             lead + "。　十二是抓產業。" if tw else lead + "。　十二是抓产业。",
             lead + "。（ 二 ）存在的問題 " + lead if tw else lead + "。（ 二 ）存在的问题 " + lead]
    ol = O.build(doc_of(lines), PACK)
    assert [(i.line, i.marker, i.number, i.inline) for i in ol.items] == [(2, "十二是", 12, True)]
    assert ol.items[0].column == len(lead) + 3
    assert [(n.line, n.mtype, n.number, n.title) for n in ol.runin] == [
        (3, "cn_paren", 2, "存在的問題" if tw else "存在的问题")]


@pytest.mark.parametrize("tw", [False, True], ids=["zh", "tw"])
def test_docx_runs_split_inside_the_marks(tw, tmp_path, monkeypatch):
    lines = marked_lines(tw)[:200]
    body = [p(r(t[:len(t) // 2 + 1]), r(t[len(t) // 2 + 1:])) for t in lines]
    doc = read_path(make_docx(tmp_path / "t.docx", body))
    probed = shape(O.build(doc, PACK))
    monkeypatch.setattr(O, "_lines_with", every_line)
    assert probed == shape(O.build(doc, PACK))
    assert probed[:3] == shape(O.build(doc_of(lines), PACK))[:3]


def _empty(lines: list[str]) -> tuple[bool, bool]:
    doc = doc_of(["标题", "一、工作回顾", *lines, "二、下一步打算", LEAD_ZH + "。"])
    ol = O.build(doc, PACK)
    return K.is_empty(doc, ol.nodes[0])


@pytest.mark.parametrize("lines,expected", [
    (["（此处填写全年工作）XXXX"], (True, True)),       # four Han characters, all inside a slot
    (["（此處填寫全年工作）XXXX"], (True, True)),
    (["【单位名称】XXXX年工作"], (True, True)),          # three outside the slot: still only slots
    (["XX镇", "XX村（待补充）"], (True, True)),
    (["XX（待", "全年工作补充）"], (True, True)),          # a slot opened on an earlier line goes on
    (["全年工作（待补充）"], (False, False)),             # four before any bracket: words
    (["全年工作（待補充）XXXX"], (False, False)),
    (["XX镇XX村", "道路硬化里程稳步增加。"], (False, False)),  # the words come on a later line
    ([""], (True, False)),
])
def test_heading_content_read_until_words_show(lines, expected):
    assert _empty(lines) == expected


@pytest.mark.parametrize("tw", [False, True], ids=["zh", "tw"])
def test_fragment_size_is_counted_to_the_limit(tw):
    limit = int(PACK.get("sections", {}).get("min_body_chars", 100))
    title = "青石鎮2025年工作總結" if tw else "青石镇2025年工作总结"
    unit = "村容村貌明顯改善，" if tw else "村容村貌明显改善，"
    body = (unit * (limit // len(unit) + 1))[:limit]
    enough = findings("\n".join([title, body[:limit // 2], body[limit // 2:]]), "missing-section")
    short = findings("\n".join([title, body[:limit // 2], body[limit // 2:-1]]), "missing-section")
    assert enough and not short


def test_fragment_size_counted_the_same_in_docx(tmp_path):
    limit = int(PACK.get("sections", {}).get("min_body_chars", 100))
    body = ("村容村貌明显改善，" * 20)[:limit]
    for text, expect in ((body, True), (body[:-1], False)):
        path = make_docx(tmp_path / "t.docx", [p("青石镇2025年工作总结"), p(r(text[:7]), r(text[7:]))])
        got = [f for f in check_document(read_path(path), ctx_for()) if f.rule == "missing-section"]
        assert bool(got) is expect


def test_openers_are_the_characters_that_fold_to_a_numbering_start():
    """A line is given the heading work when its first character, folded, may open numbering."""
    wanted = O._MARKER_FIRST | {chr(c) for c in range(0x2460, 0x2488)}
    brute = {chr(i) for i in range(0x10000) if not 0xD800 <= i < 0xE000 and hanzi.fold(chr(i)) in wanted}
    assert O._OPENERS == brute
    assert "１" in brute and "⑶" in brute and "兩" not in brute


@pytest.mark.parametrize("head,read", [
    ("青石镇党委和镇政府下一步工作安排", True), ("青石鎮黨委和鎮政府下一步工作安排", True),
    ("　青石镇党委和镇政府下一步工作安排　", True),        # spaces around it do not count
    ("青石镇党委和镇人民政府下一步工作安排", False),       # seventeen characters: a sentence, not a heading
    ("青石镇党委，镇政府下一步工作安排", False),            # a break inside
])
def test_short_unnumbered_line_naming_a_part(head, read):
    ol = O.build(doc_of(["标题", LEAD_ZH + "。", head, LEAD_ZH + "。"]), PACK)
    assert [(n.line, n.mtype) for n in ol.nodes] == ([(3, "plain")] if read else [])
