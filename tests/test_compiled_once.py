"""Packs compiled once per run, and data derived once per document.

`checker.packs.compiled` (reached by rules as `ctx.vocab`) is the one cache for what code compiles
from a pack; `Document.derived` holds what several rules derive from one document (its outline).
The figures rule dispatches each trigger word to a handler of its family.
"""

from __future__ import annotations

import pytest

from checker import kinds as K
from checker import outline as O
from checker import packs
from checker.document import Block, Document
from checker.readers import read_path
from checker.readers.txt import document_from_text
from checker.rules import Context, run_rules
from checker.rules import docx_hygiene, duplicate
from checker.rules import figures as FR
from checker.rules.figures import scan as figures_scan
from tests.docxfactory import docx_from_lines, make_docx, p

SIMPLIFIED = "\n".join([
    "桃溪镇2025年工作总结",
    "一、主要工作成效",
    "全镇财政收入1860万元，其中税收收入1200万元，非税收入500万元。",
    "东岭、桃溪、云山三个示范村建设完成。",
    "二、存在的问题",
    "产业基础仍然薄弱。",
    "三、2026年工作计划",
    "围绕以下三个方面推进：",
    "一是抓产业。二是抓民生。",
])
TRADITIONAL = "\n".join([
    "桃溪鎮2025年工作總結",
    "一、主要工作成效",
    "全鎮財政收入1860萬元，其中稅收收入1200萬元，非稅收入500萬元。",
    "東嶺、桃溪、雲山三個示範村建設完成。",
    "二、存在的問題",
    "產業基礎仍然薄弱。",
    "三、2026年工作計劃",
    "圍繞以下三個方面推進：",
    "一是抓產業。二是抓民生。",
])


def _context() -> Context:
    """A run's context: the bundled packs, freshly loaded."""
    return Context(pack=packs.load())


def _check(doc) -> list[str]:
    return [f.rule for f in run_rules(doc, _context())]


def _doc(lines: list[str]) -> Document:
    return Document("t.txt", "txt", [Block(i, t) for i, t in enumerate(lines, 1)])


# ---------------------------------------------------------------------- packs.compiled / ctx.vocab

def test_a_pack_section_is_compiled_once_per_pack_and_anew_for_another_pack():
    calls = []

    def build(section):
        calls.append(section)
        return object()

    first, second = {"demo": {"words": ["甲"]}}, {"demo": {"words": ["乙"]}}
    a = packs.compiled(first, "demo", build)
    assert packs.compiled(first, "demo", build) is a
    b = packs.compiled(second, "demo", build)
    assert b is not a
    assert calls == [{"words": ["甲"]}, {"words": ["乙"]}]


def test_a_missing_section_compiles_from_an_empty_table():
    assert packs.compiled({}, "absent", lambda section: ("built", dict(section))) == ("built", {})


def test_ctx_vocab_is_the_same_cache_as_the_pack_s():
    ctx = Context(pack={"demo": {"n": 3}})
    built = ctx.vocab("demo", duplicate.build_vocab)
    assert built is packs.compiled(ctx.pack, "demo", duplicate.build_vocab)
    # another build function over the same section is another vocabulary
    assert ctx.vocab("demo", docx_hygiene.build_vocab) is not built


def _counting(monkeypatch, module, name, calls, label):
    real = getattr(module, name)

    def counting(section):
        calls[label] = calls.get(label, 0) + 1
        return real(section)

    monkeypatch.setattr(module, name, counting)


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_checking_many_drafts_compiles_every_vocabulary_once(monkeypatch, tmp_path, kind):
    calls: dict = {}
    for module, name, label in ((FR, "build_vocab", "figures"), (O, "build_vocab", "outline"),
                                (O, "build_part_headings", "part headings"), (K, "build_sections", "sections"),
                                (K, "build_kinds", "kinds"), (duplicate, "build_vocab", "duplicate"),
                                (docx_hygiene, "build_vocab", "docx_hygiene")):
        _counting(monkeypatch, module, name, calls, label)
    ctx = _context()
    docs = []
    for i, text in enumerate((SIMPLIFIED, TRADITIONAL, SIMPLIFIED.replace("1860", "1900"))):
        if kind == "txt":
            docs.append(document_from_text(text, f"d{i}.txt", "utf-8"))
        else:
            docs.append(read_path(docx_from_lines(tmp_path / f"d{i}.docx", text.split("\n"))))
    for doc in docs:
        run_rules(doc, ctx)
    once = {"figures": 1, "outline": 1, "part headings": 1, "sections": 1, "kinds": 1, "duplicate": 1}
    assert calls == (once if kind == "txt" else {**once, "docx_hygiene": 1})
    # another run (another context, another pack) compiles its own
    run_rules(docs[0], _context())
    assert calls["figures"] == calls["sections"] == calls["duplicate"] == 2


# ---------------------------------------------------------------------- Document.derived

def test_derived_data_is_built_once_per_key():
    doc = _doc(["甲", "乙"])
    built = []
    first = doc.derived(("demo", 1), lambda: built.append(1) or ["data"])
    assert doc.derived(("demo", 1), lambda: built.append(2) or ["other"]) is first
    assert doc.derived(("demo", 2), lambda: built.append(3) or ["other"]) == ["other"]
    assert built == [1, 3]


def test_derived_data_does_not_change_what_a_document_is():
    a, b = _doc(["甲", "乙"]), _doc(["甲", "乙"])
    a.derived("x", lambda: 1)
    assert a == b
    assert "derived" not in repr(a)


@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL])
def test_the_outline_is_built_once_per_document_and_pack(monkeypatch, text):
    pack = packs.load()
    doc = document_from_text(text, "t.txt", "utf-8")
    builds = []
    real = O.build
    monkeypatch.setattr(O, "build", lambda d, p: builds.append(1) or real(d, p))
    ol = O.of(doc, pack)
    assert O.of(doc, pack) is ol
    assert [n.line for n in ol.roots] == [2, 5, 7]
    assert len(builds) == 1


def test_another_pack_derives_its_own_outline(tmp_path):
    own = tmp_path / "stems.toml"
    own.write_text('[outline]\nlist_stems = ["抓"]\nreplace = true\n', encoding="utf-8")
    doc = document_from_text(SIMPLIFIED, "t.txt", "utf-8")
    bundled = O.of(doc, packs.load())
    narrow = O.of(doc, packs.load([str(own)]))
    assert narrow is not bundled
    assert [i.stem for i in bundled.items] == ["是", "是"]
    assert [i.stem for i in narrow.items] == []


@pytest.mark.parametrize("text,title", [(SIMPLIFIED, "桃溪镇2025年工作总结"), (TRADITIONAL, "桃溪鎮2025年工作總結")])
def test_the_kind_is_told_from_the_outline_s_title(text, title):
    pack = packs.load()
    doc = document_from_text(text, "t.txt", "utf-8")
    det = K.detect(doc, O.of(doc, pack), pack)
    assert (det.how, det.text, det.title_year) == ("title", title, 2025)
    assert K.detect(_doc(["各项工作进展顺利。"]), O.of(_doc(["各项工作进展顺利。"]), pack), pack) is None


# ---------------------------------------------------------------------- the figures dispatch

def test_every_trigger_word_has_a_handler_and_every_handler_a_word():
    voc = figures_scan.build_vocab(packs.load()["figures"])
    assert set(voc.kinds.values()) == set(FR.HANDLERS)
    for word in ("其中", "合計", "下列"):
        assert voc.words.fullmatch(word)


@pytest.mark.parametrize("text,codes", [
    ("收入500万元，其中税收600万元。", ["subtotal-exceeds-total"]),
    ("收入500萬元，其中稅收600萬元。", ["subtotal-exceeds-total"]),
    ("镇级投入300万元，村级投入300万元，合计500万元。", ["subtotal-exceeds-total"]),
    ("鎮級投入200萬元，村級投入300萬元，合計500萬元。", []),
    ("參保率達到103%。", ["rate-out-of-range"]),
    ("东岭、桃溪、云山两个示范村。", ["count-mismatch"]),
    # look-alikes: one value in its range, a share of a growth, a count that agrees
    ("收入500万元，其中税收400万元。", []),
    ("參保率比上年提高103%。", []),
    ("东岭、桃溪、云山三个示范村。", []),
])
def test_each_family_is_reached_through_the_one_scan(text, codes):
    got = _check(document_from_text(text, "t.txt", "utf-8"))
    assert [r for r in got if r in ("subtotal-exceeds-total", "rate-out-of-range", "count-mismatch")] == codes


@pytest.mark.parametrize("sentence", ["收入500万元，其中税收600万元。", "收入500萬元，其中稅收600萬元。"])
def test_headers_are_not_scanned_the_body_is(tmp_path, sentence):
    in_header = read_path(make_docx(tmp_path / "h.docx", [p("正文。")], headers=[[p(sentence)]]))
    in_body = read_path(make_docx(tmp_path / "b.docx", [p(sentence)]))
    for doc, expected in ((in_header, []), (in_body, ["subtotal-exceeds-total"])):
        assert [r for r in _check(doc) if r == "subtotal-exceeds-total"] == expected
