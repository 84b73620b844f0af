"""How the figures rule scans (issue #19): the trigger words found at their last character are
exactly the trie's matches, one pass over numerals and areas finds exactly what the two scanners
find, and the cheap looks before a handler (``MAY``, ``may_count``) never drop a finding — each
shown on look-alikes that overlap, in Simplified and Traditional, .txt and .docx."""

from __future__ import annotations

import random

import pytest

from checker import figures as F
from checker.engine import check_document, make_context
from checker.packs import load
from checker.readers import read_path
from checker.rules.figures import scan as S
from tests.conftest import findings
from tests.docxfactory import docx_from_lines

VOC = S.build_vocab(load(())["figures"])
CODES = {"subtotal-exceeds-total", "parts-sum-mismatch", "count-mismatch", "rate-out-of-range",
         "metric-conflict", "table-total-mismatch"}


def trie_matches(text):
    """What the scan is to give: the trie's matches, but measure words no amount follows."""
    out = []
    for m in VOC.words.finditer(text):
        kind = VOC.kinds[m.group()]
        if kind != "head" or S.AMOUNT_AFTER.match(text, m.end()):
            out.append((m.start(), m.end(), kind))
    return out


def codes(text):
    return [f.rule for f in findings(text) if f.rule in CODES]


# --------------------------------------------------------------------------- the trigger words

@pytest.mark.parametrize("text", [
    "全镇税收收入1200万元，其中个人所得税300万元。",     # 税收 and 收入 share 收
    "全鎮稅收收入1200萬元，其中個人所得稅300萬元。",
    "税收入住率达到85%",                                  # 税收 / 收入 / 入住率 chained
    "围绕以下列明的三个方面",                              # 以下 / 下列
    "如下列清单",
    "其中收入为3万元，占总收入的比重为12%",
    "佔總人口的比重",
    "收入收入收入5",
    "总计合计共计總計合計共計",
    "满意度滿意度满意率90%",
    "总人口总值总量总额1",
    "",
    "收入",
])
def test_anchored_words_are_the_tries_matches(text):
    assert list(S.trigger_words(VOC, text)) == trie_matches(text)


def test_anchored_words_on_generated_text():
    """Strings of the words' own characters, pieces of words and amounts: every overlap there is."""
    rnd = random.Random(19)
    words = sorted(VOC.kinds)
    chars = sorted({c for w in words for c in w}) + list("0123456789为达是共完实，。、\n") * 3
    for _ in range(4000):
        pieces = []
        for _ in range(rnd.randint(1, 24)):
            r = rnd.random()
            w = rnd.choice(words)
            pieces.append(w if r < 0.45 else w[rnd.randint(0, len(w) - 1):] if r < 0.7 else rnd.choice(chars))
        text = "".join(pieces)
        assert list(S.trigger_words(VOC, text)) == trie_matches(text), text


def test_measure_words_without_an_amount_are_left_out():
    assert [k for _s, _e, k in S.trigger_words(VOC, "财政收入稳步增长")] == []
    assert [k for _s, _e, k in S.trigger_words(VOC, "财政收入1860万元")] == ["head"]
    assert [k for _s, _e, k in S.trigger_words(VOC, "財政收入為1860萬元")] == ["head"]


def test_a_word_a_measure_word_can_overlap_is_read_again():
    groups = {(n, kind): risky for n, kind, risky in VOC.anchor_groups[1:]}
    assert S._overlapped_by(["收入", "其中", "入住率", "总人口", "人口", "中"], ["税收", "人口"]) == {"收入", "总人口"}
    assert S._overlapped_by(["收入", "入住率", "税收"], ["收入"]) == {"入住率", "税收"}   # never itself
    assert any(groups.values()) and not all(groups.values())


# --------------------------------------------------------------------------- numerals and areas

@pytest.mark.parametrize("text", [
    "建成3个示范村，新增三个基地、两个园区",
    "建成３個示範村，新增兩個園區",
    "东岭村果园连片种植320亩，桃溪村1.5公顷",
    "東嶺村果園連片種植320畝，桃溪村1.5公頃",
    "三万亩、5.亩、.5亩、12.5.3亩、十2亩、2万万亩",
    "X个示范村、xx项工程",
    "2024年新增12个村320亩，1,200平方米",
    "一二三四五六七八九十个",
])
def test_one_numeral_pass_is_the_two_scanners(text):
    counted, sizes = S.numeral_hits(VOC, text)
    assert counted == [m.start() for m in VOC.counted.finditer(text) if text[m.start()] not in F.SLOT_CHARS]
    assert sizes == [m.start() for m in VOC.sizes.finditer(text)]


def test_numerals_and_areas_share_a_pass_only_when_their_characters_are_apart():
    assert S._numerals(["亩", "平方米"]) is not None
    assert S._numerals(None) is not None
    assert S._numerals(["亩个"]) is None       # a counter inside a unit
    assert S._numerals(["三亩"]) is None       # a numeral inside a unit
    assert S._numerals([".亩"]) is None        # a unit that could take a point of the digits


def test_a_pack_with_a_counter_in_an_area_unit_still_counts(tmp_path):
    pack = tmp_path / "county.toml"
    pack.write_text('[figures.units]\n"个亩" = ["area", 666.67]\n', encoding="utf-8")
    text = "东岭、桃溪、云山两个示范村建设完成。"
    ctx = make_context(packs=(str(pack),))
    assert ctx.vocab("figures", S.build_vocab).numerals is None
    out = [f.rule for f in findings(text, packs=(str(pack),)) if f.rule in CODES]
    assert out == codes(text) == ["count-mismatch"]


# --------------------------------------------------------------------------- the looks before a handler

@pytest.mark.parametrize("text", [
    "城乡居民参保率达到103%。",
    "城鄉居民參保率達到１０３％。",
    "覆盖率为一百零五%。",
    "普及率达到百分之一百二十。",
    "普及率達到百分之一百二十。",
    "知晓率为1005‰。",
    "覆盖率达一二〇%。",
    "参保率约为100.4%。",
])
def test_rates_above_100_in_every_writing_fire(text):
    assert codes(text) == ["rate-out-of-range"]


@pytest.mark.parametrize("text", [
    "参保率达到99.5%。",
    "參保率達到99.5%。",
    "知晓率为999‰。",
    "覆盖率为九十九%。",
    "参保率达到100%。",
    "普及率达百分之九十。",
    "參保率達百分之九十。",
])
def test_rates_that_cannot_be_above_100_stay_silent(text):
    assert codes(text) == []


@pytest.mark.parametrize("text,expected", [
    ("东岭、桃溪、云山两个示范村建设完成。", ["count-mismatch"]),
    ("東嶺、桃溪、雲山兩個示範村建設完成。", ["count-mismatch"]),
    ("建成三个示范村：桃源村、白鹤村。", ["count-mismatch"]),
    ("建成3个示范村（桃源村、白鹤村）。", ["count-mismatch"]),
    ("建成3個示範村（桃源村、白鶴村）。", ["count-mismatch"]),
    # the 、 list in another clause, or no list in reach: nothing to count
    ("东岭、桃溪，云山两个示范村建设完成。", []),
    ("東嶺、桃溪，雲山兩個示範村建設完成。", []),
    ("东岭、桃溪、云山，建成两个示范村。", []),
    ("建成3个示范村，桃源村、白鹤村获评。", []),
])
def test_counts_with_and_without_a_list_in_reach(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 税收 before 收入: the measure word is found where the two overlap
    ("全镇税收收入1200万元，增长明显，全镇税收收入1500万元。", ["metric-conflict"]),
    ("全鎮稅收收入1200萬元，增長明顯，全鎮稅收收入1500萬元。", ["metric-conflict"]),
    ("全镇税收收入1200万元，全镇非税收入1500万元。", []),
    ("全镇税收收入稳步增长，全镇税收收入1500万元。", []),
])
def test_measures_a_measure_word_overlaps(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize("lines,code", [
    (["标题", "城乡居民参保率达到103%。"], "rate-out-of-range"),
    (["標題", "城鄉居民參保率達到１０３％。"], "rate-out-of-range"),
    (["标题", "东岭、桃溪、云山两个示范村建设完成。"], "count-mismatch"),
    (["標題", "全鎮稅收收入1200萬元，增長明顯，全鎮稅收收入1500萬元。"], "metric-conflict"),
    (["标题", "东岭、桃溪，云山两个示范村建设完成。"], None),
    (["标题", "参保率达到99.5%。"], None),
])
def test_the_same_in_docx(tmp_path, lines, code):
    doc = read_path(docx_from_lines(tmp_path / "s.docx", lines))
    out = [f.rule for f in check_document(doc, make_context()) if f.rule in CODES]
    assert out == ([code] if code else [])
