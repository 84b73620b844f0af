"""`checker annotate` for a clerk working in Word: one comment per paragraph listing its findings, a summary
comment on the title of a draft with many findings, highlights that leave a template's own marking alone,
places in Word's terms, and copies of .txt drafts on A4 in Chinese."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest

from checker.annotate import AUTHOR, SUMMARY_OVER
from checker.readers import read_path
from tests import margin_view
from tests.conftest import SHARED, needs_shared, run_checker
from tests.docxfactory import make_docx, p, r

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ARTIFACTS = Path(__file__).parent / "artifacts"


def _ours(path):
    """checker's comments as the reader locates them: (line, column, end_column, text)."""
    return [(c.line, c.column, c.end_column, c.text) for c in read_path(path).comments if c.author == AUTHOR]


def _annotate(src, *args):
    out = Path(src).with_name("out" + "".join(args) + ".docx")
    proc = run_checker("annotate", "--select", "placeholder", *args, src, "-o", out)
    assert proc.returncode == 0, proc.stderr
    return out, proc


@pytest.mark.parametrize("first,second", [
    ("全年共接待XX人次，办结XX件，满意率x.x%，时间待定。", "今年投入XX万元。"),
    ("全年共接待XX人次，辦結XX件，滿意率x.x%，時間待定。", "今年投入XX萬元。"),
])
def test_one_comment_per_paragraph_lists_its_findings_in_order(tmp_path, first, second):
    src = make_docx(tmp_path / "稿.docx", [p("二〇二五年工作总结"), p(r(first[:7]), r(first[7:], bold=True)), p(second)])
    out, proc = _annotate(src, "--highlight")
    got = _ours(out)
    assert len(got) == 2
    (line1, col1, end1, text1), (line2, _, _, text2) = got
    assert (line1, col1, end1) == (2, first.index("XX") + 1, first.index("待定") + len("待定") + 1)
    lines = text1.splitlines()
    assert lines[0] == "本段 4 处问题（placeholder）："        # what they share is said once
    assert [re.match(r"(\d+)\. (【..】)\S*?“([^”]+)”", t).groups() for t in lines[1:]] == [
        ("1", "【错误】", "XX"), ("2", "【错误】", "x.x%"), ("3", "【警告】", "待定")]
    assert lines[1].endswith("（共 2 处）")                  # the same message twice: listed once, counted
    assert line2 == 3 and text2.startswith("【错误】") and "placeholder" in text2
    assert "2 条批注" in proc.stdout.decode("utf-8")
    # every flagged span is still highlighted (by severity), and nothing else is
    d = docx.Document(str(out))
    lit = [(run.text, str(run.font.highlight_color)) for para in d.paragraphs for run in para.runs
           if run.font.highlight_color is not None]
    assert [t for t, _ in lit] == ["XX", "XX", "x.x%", "待定", "XX"]
    assert "TURQUOISE" in lit[3][1] and "YELLOW" in lit[0][1]


def test_english_grouped_comment(tmp_path):
    src = make_docx(tmp_path / "稿.docx", [p("工作总结"), p("接待XX人次，某某同志负责。")])
    proc = run_checker("annotate", "--select", "placeholder", "--lang", "en", src, "-o", tmp_path / "en.docx")
    assert proc.returncode == 0
    (got,) = _ours(tmp_path / "en.docx")
    assert got[3].startswith("2 findings in this paragraph (error, placeholder):\n1. ")


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_per_finding_keeps_one_comment_for_each(tmp_path, kind):
    lines = ["工作总结", "接待XX人次，办结XX件。"]
    if kind == "txt":
        src = tmp_path / "稿.txt"
        src.write_text("\n".join(lines), encoding="utf-8")
    else:
        src = make_docx(tmp_path / "稿.docx", [p(t) for t in lines])
    grouped, _ = _annotate(src)
    each, _ = _annotate(src, "--per-finding")
    assert len(_ours(grouped)) == 1
    assert [g[:3] for g in _ours(each)] == [(2, 3, 5), (2, 10, 12)]


@pytest.mark.parametrize("slot", ["XX", "ＸＸ"])
def test_text_already_highlighted_keeps_its_colour_and_is_underlined(tmp_path, slot):
    src = make_docx(tmp_path / "稿.docx", [
        p("工作总结"), p(r("全年投入"), r(slot, highlight="green"), r("万元，接待"), r(slot), r("人次。"))])
    out, _ = _annotate(src, "--highlight")
    d = docx.Document(str(out))
    runs = {run.text: run for run in d.paragraphs[1].runs if run.text}
    marked = [run for run in d.paragraphs[1].runs if run.text == slot]
    assert len(marked) == 2
    kept, lit = marked
    assert kept._r.find(f"{W}rPr/{W}highlight").get(f"{W}val") == "green"   # the template's colour stays
    assert kept._r.find(f"{W}rPr/{W}u").get(f"{W}val") == "wave"
    assert lit._r.find(f"{W}rPr/{W}highlight").get(f"{W}val") == "yellow"
    assert lit._r.find(f"{W}rPr/{W}u") is None
    assert runs["全年投入"].font.highlight_color is None


def test_summary_comment_on_the_title_only_for_many_findings(tmp_path):
    many = make_docx(tmp_path / "多.docx", [p("二〇二五年工作總結")] +
                     [p(f"第{i}項工作投入XX萬元。") for i in range(SUMMARY_OVER + 1)])
    few = make_docx(tmp_path / "少.docx", [p("二〇二五年工作总结")] + [p("投入XX万元。")] * 3)
    out, _ = _annotate(many)
    got = _ours(out)
    assert len(got) == SUMMARY_OVER + 2
    summary = [t for line, _, _, t in got if line == 1]
    assert len(summary) == 1
    assert summary[0].startswith(f"checker 检查结果：共 {SUMMARY_OVER + 1} 处问题（错误 {SUMMARY_OVER + 1}）")
    assert f"· placeholder（" in summary[0] and "先改错误" in summary[0]
    out, _ = _annotate(few)
    assert all(line != 1 for line, *_ in _ours(out))


def test_findings_outside_the_body_say_where_in_words_a_word_user_knows(tmp_path):
    src = make_docx(tmp_path / "稿.docx", [p("二〇二五年工作总结"), p("正文。")],
                    headers=[[p("XX县人民政府")]], footers=[[p("第X页")]])
    out, _ = _annotate(src)
    (got,) = _ours(out)
    assert got[0] == 1
    assert "页眉 “XX县人民政府”中的“XX”：" in got[3]
    assert "行" not in got[3].replace("第X页", "")


@pytest.mark.parametrize("text", ["二〇二五年工作总结\n投入XX万元。\n", "二〇二五年工作總結\n投入XX萬元。\n"])
def test_copy_of_a_txt_is_a4_chinese_with_a_chinese_font(tmp_path, text):
    src = tmp_path / "稿.txt"
    src.write_text(text, encoding="utf-8")
    out, _ = _annotate(src)
    d = docx.Document(str(out))
    sec = d.sections[0]
    assert (sec.page_width.mm, sec.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    assert sec.top_margin.mm == pytest.approx(37, abs=0.5) and sec.left_margin.mm == pytest.approx(28, abs=0.5)
    styles = d.styles.element
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}eastAsia") == "zh-CN"
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "zh-CN"
    normal = d.styles["Normal"]
    assert normal.element.rPr.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋"
    assert normal.font.size.pt == 16
    assert [p_.text for p_ in d.paragraphs] == text.rstrip("\n").split("\n")


@needs_shared
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None
                    or not Path(margin_view.CHROMIUM).exists(),
                    reason="LibreOffice (soffice), poppler-utils and chromium are needed")
def test_corpus_template_with_160_slots_gets_a_readable_margin(tmp_path):
    """The shared corpus's template draft (160+ slots): one comment per paragraph plus a summary on the
    title; LibreOffice renders it with the comments in the margin (PNGs kept under tests/artifacts)."""
    (name,) = [n.name for n in (SHARED / "corpus").glob("002_*.docx")]
    src = tmp_path / name
    shutil.copy(SHARED / "corpus" / name, src)
    out = tmp_path / "annotated.docx"
    assert run_checker("annotate", "--highlight", src, "-o", out).returncode == 0
    doc = read_path(src)
    from checker.engine import check_document, make_context

    findings = check_document(doc, make_context())
    assert len(findings) >= 160
    got = _ours(out)
    paragraphs = {f.line for f in findings}
    assert len(got) <= len(paragraphs) + 1 < len(findings) / 4
    assert sum(t.startswith("checker 检查结果") for *_, t in got) == 1
    # every finding's message is in a comment
    listed = "\n".join(t for *_, t in got)
    assert all(f.message in listed for f in findings)
    for old in ARTIFACTS.glob("annotate-corpus-002*"):
        old.unlink()
    pytest.importorskip("playwright.sync_api")
    shots = margin_view.render(out, ARTIFACTS, "annotate-corpus-002", tmp_path)
    assert shots
    # the comments LibreOffice laid out: as many as were written, the first page's few enough to read
    notes = margin_view.pdf_notes(ARTIFACTS / "annotate-corpus-002.pdf")
    assert sum(len(n) for *_, n in notes) == len(got)
    assert len(notes[0][2]) <= 15
    # the old way, for comparison: one comment per finding
    each = tmp_path / "each" / "per-finding.docx"
    each.parent.mkdir()
    assert run_checker("annotate", "--per-finding", "--highlight", src, "-o", each).returncode == 0
    margin_view.render(each, ARTIFACTS, "annotate-corpus-002-per-finding", each.parent, pages=1)
    assert len(margin_view.pdf_notes(ARTIFACTS / "annotate-corpus-002-per-finding.pdf")[0][2]) > 3 * len(notes[0][2])
