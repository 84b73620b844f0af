"""`checker annotate`: a copy of the draft with a Word comment on exactly the flagged characters."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from checker.annotate import AUTHOR, Annotator, output_path, split_run
from checker.engine import check_document, make_context
from checker.findings import Finding
from checker.readers import read_path
from tests.conftest import SHARED, needs_shared, run_checker
from tests.docxfactory import comment_range, make_docx, p, r, table, textbox

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# Other rules (hygiene, figures …) have their own tests; here the placeholder rule alone gives known findings.
ONLY = ("--select", "placeholder")


def annotate(*args, **kw):
    return run_checker("annotate", "--per-finding", *ONLY, *args, **kw)


def _findings(path, select=("placeholder",)):
    doc = read_path(path)
    return doc, check_document(doc, make_context(select=tuple(select)))


def _checker_comments(path):
    """Comments by checker in an annotated copy, as the reader locates them: (line, col, end_col, text)."""
    doc = read_path(path)
    return [(c.line, c.column, c.end_column, c.text) for c in doc.comments if c.author == AUTHOR]


def _spans(findings):
    return sorted((f.line, f.column, f.end_column) for f in findings)


def _sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ---------------------------------------------------------------------------


def test_comment_on_exact_characters_inside_one_run_splits_it_and_keeps_formatting(tmp_path):
    src = make_docx(tmp_path / "草稿.docx", [
        p("关于2025年工作的总结", style="Heading1"),
        p(r("全年共完成投资XX万元，同比增长x.x%。", bold=True)),
    ])
    before = _sha(src)
    proc = annotate(src)
    assert proc.returncode == 0, proc.stderr.decode()
    out = tmp_path / "草稿.checked.docx"
    assert out.exists()
    assert _sha(src) == before  # the draft is never touched
    assert "草稿.checked.docx" in proc.stdout.decode()

    _, fs = _findings(src)
    assert [f.text for f in fs] == ["XX", "x.x%"]
    got = _checker_comments(out)
    assert sorted(g[:3] for g in got) == _spans(fs)
    assert all(g[3].startswith("【错误】") and "placeholder" in g[3] for g in got)

    # the run was cut into pieces, each still bold, and the text reads the same
    d = docx.Document(str(out))
    para = d.paragraphs[1]
    texts = [run.text for run in para.runs if run.text]
    assert texts == ["全年共完成投资", "XX", "万元，同比增长", "x.x%", "。"]
    assert all(run.bold for run in para.runs if run.text)
    assert para.text == "全年共完成投资XX万元，同比增长x.x%。"
    # python-docx sees the comments, authored by checker, saying severity, message and rule
    comments = list(d.comments)
    assert len(comments) == 2
    assert {c.author for c in comments} == {"checker"}
    assert all("规则：placeholder" in c.text and "【错误】" in c.text for c in comments)


def test_finding_across_several_runs_and_traditional_text(tmp_path):
    # 某某 typed as two runs, the second red; Traditional text
    src = make_docx(tmp_path / "總結.docx", [
        p("二〇二五年工作總結", style="Heading1"),
        p(r("本鎮由"), r("某", color="FF0000"), r("某同志負責，", color="FF0000"), r("成效顯著。")),
    ])
    out = tmp_path / "out.docx"
    assert annotate(src, "-o", out).returncode == 0
    _, fs = _findings(src)
    assert [f.text for f in fs] == ["某某"]
    assert [g[:3] for g in _checker_comments(out)] == _spans(fs)
    d = docx.Document(str(out))
    runs = [(x.text, x.font.color.rgb is not None) for x in d.paragraphs[1].runs if x.text]
    assert runs == [("本鎮由", False), ("某", True), ("某", True), ("同志負責，", True), ("成效顯著。", False)]


def test_clean_draft_gets_a_copy_without_comments(tmp_path):
    src = make_docx(tmp_path / "定稿.docx", [p("2025年工作总结", style="Heading1"), p("全年完成投资3.5亿元。")])
    proc = annotate(src)
    assert proc.returncode == 0
    assert "未发现问题" in proc.stdout.decode()
    assert _checker_comments(tmp_path / "定稿.checked.docx") == []


def test_english_comments(tmp_path):
    src = make_docx(tmp_path / "d.docx", [p("年度总结"), p("共XX人参加。")])
    assert annotate("--lang", "en", src).returncode == 0
    (text,) = [g[3] for g in _checker_comments(tmp_path / "d.checked.docx")]
    assert text.startswith("[error] ") and text.endswith("(rule: placeholder)")


def test_existing_comments_styles_headers_tables_and_images_survive(tmp_path):
    from docx.shared import Cm

    png = _png()
    d = docx.Document()
    d.add_heading("某镇2025年工作总结", level=1)
    para = d.add_paragraph("全年接待群众")
    run = para.add_run("XX")
    para.add_run("人次。")
    d.add_comment(para.runs[0], text="请核对数据", author="王科长", initials="W")
    t = d.add_table(rows=2, cols=2)
    t.style = "Table Grid"
    t.cell(0, 0).text, t.cell(0, 1).text = "项目", "金额"
    t.cell(1, 0).text, t.cell(1, 1).text = "合计", "XX万元"
    d.add_picture(io.BytesIO(png), width=Cm(2))
    d.sections[0].header.paragraphs[0].text = "某镇人民政府"
    src = tmp_path / "带图.docx"
    d.save(str(src))
    assert annotate("--highlight", src).returncode == 0
    out = tmp_path / "带图.checked.docx"

    got = docx.Document(str(out))
    comments = list(got.comments)
    assert [c.author for c in comments].count("王科长") == 1
    assert next(c for c in comments if c.author == "王科长").text == "请核对数据"
    assert [c.author for c in comments].count("checker") == 2
    assert got.paragraphs[0].style.name == "Heading 1"
    assert got.tables[0].style.name == "Table Grid"
    assert got.tables[0].cell(1, 1).text == "XX万元"
    assert got.sections[0].header.paragraphs[0].text == "某镇人民政府"
    assert len(got.inline_shapes) == 1
    with zipfile.ZipFile(out) as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and zf.read(media[0]) == png
    # the table-cell finding is anchored in the cell, highlighted
    _, fs = _findings(src)
    assert sorted(g[:3] for g in _checker_comments(out)) == _spans(fs)
    cell_runs = got.tables[0].cell(1, 1).paragraphs[0].runs
    xx = [x for x in cell_runs if x.text == "XX"]
    assert xx and xx[0].font.highlight_color is not None
    # the old comment still anchored where it was
    old = next(c for c in read_path(out).comments if c.author == "王科长")
    assert (old.line, old.column, old.end_column) == (2, 1, 7)


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_highlight_only_with_the_option(tmp_path):
    src = make_docx(tmp_path / "h.docx", [p("总结"), p("完成XX项。")])
    annotate(src, "-o", tmp_path / "plain.docx")
    annotate("--highlight", src, "-o", tmp_path / "hl.docx")
    plain = [x for x in docx.Document(str(tmp_path / "plain.docx")).paragraphs[1].runs if x.text == "XX"][0]
    hl = [x for x in docx.Document(str(tmp_path / "hl.docx")).paragraphs[1].runs if x.text == "XX"][0]
    assert plain.font.highlight_color is None
    assert hl.font.highlight_color is not None
    # only the flagged characters are highlighted
    others = [x for x in docx.Document(str(tmp_path / "hl.docx")).paragraphs[1].runs if x.text and x.text != "XX"]
    assert all(x.font.highlight_color is None for x in others)


def test_runs_inside_hyperlink_and_tracked_insertion(tmp_path):
    link = ('<w:hyperlink w:anchor="x">' + r("链接中有XX字样") + "</w:hyperlink>")
    insert = '<w:ins w:id="5" w:author="李四" w:date="2026-01-01T00:00:00Z">' + r("新增XX项") + "</w:ins>"
    src = make_docx(tmp_path / "l.docx", [p("总结"), p("见", link, "。"), p("今年", insert, "。")])
    out = tmp_path / "l.out.docx"
    assert annotate(src, "-o", out).returncode == 0
    _, fs = _findings(src)
    assert len(fs) == 2
    assert sorted(g[:3] for g in _checker_comments(out)) == _spans(fs)
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("word/document.xml").decode()
    # the reference run sits in the paragraph, not inside the hyperlink or the insertion
    from lxml import etree

    root = etree.fromstring(xml.encode())
    for ref in root.iter(f"{W}commentReference"):
        assert ref.getparent().getparent().tag == f"{W}p"
    assert read_path(out).blocks[2].text == "今年新增XX项。"


def test_textbox_finding_goes_on_the_run_holding_the_box(tmp_path):
    src = make_docx(tmp_path / "t.docx", [
        p("某镇2025年工作总结"),
        p("封面说明", textbox(p("报送单位：XX办公室"))),
        p("正文第一段。"),
    ])
    out = tmp_path / "t.out.docx"
    assert annotate(src, "-o", out).returncode == 0
    (c,) = _checker_comments(out)
    assert c[0] == 2  # the paragraph holding the box
    assert "文本框" in c[3] and "“XX”" in c[3]


def test_header_and_footer_findings_go_on_the_title(tmp_path):
    src = make_docx(tmp_path / "h.docx", [p("某镇2025年工作总结", style="Heading1"), p("正文。")],
                    headers=[[p("XX县人民政府")]], footers=[[p("第X页")]], footnotes=[p("数据来源：XX局")])
    out = tmp_path / "h.out.docx"
    assert annotate(src, "-o", out).returncode == 0
    got = _checker_comments(out)
    assert len(got) == 3
    assert any("脚注" in g[3] for g in got)
    assert all(g[0] == 1 and g[1] == 1 and g[2] == 12 for g in got)  # the whole title
    assert any("页眉" in g[3] and "“XX”" in g[3] for g in got)
    assert any("页脚" in g[3] for g in got)
    # nothing was written into the header part
    with zipfile.ZipFile(out) as zf:
        assert "commentRangeStart" not in zf.read("word/header1.xml").decode()
        assert "commentRangeStart" not in zf.read("word/footnotes.xml").decode()


def _annotate_with(tmp_path, body, findings, **kw):
    """Run the Annotator on hand-made findings (rules without a precise span, such as a missing part)."""
    src = make_docx(tmp_path / "s.docx", body, **kw)
    doc = read_path(src)
    d = docx.Document(str(src))
    ann = Annotator(d, doc, "zh", highlight=False)
    placed = [ann.add(f) for f in findings]
    out = tmp_path / "s.out.docx"
    d.save(str(out))
    return placed, _checker_comments(out), doc


def _finding(line, col, end_col, text="", rule="missing-section"):
    return Finding(rule=rule, severity="error", line=line, column=col, end_line=line, end_column=end_col,
                   text=text, message="缺少“存在问题”部分")


def test_section_finding_without_a_span_goes_on_the_nearest_heading(tmp_path):
    body = [p("某镇2025年工作总结", style="Title"), p("一、主要成绩", style="Heading1"), p("成绩很多。"),
            p("二、下一步打算", style="Heading1"), p("", ), p("继续努力。")]
    placed, got, doc = _annotate_with(tmp_path, body, [_finding(5, 1, 1)])
    assert placed == [True]
    (c,) = got
    assert c[:3] == (4, 1, 1 + len("二、下一步打算"))
    assert "缺少“存在问题”部分" in c[3] and "missing-section" in c[3]


def test_section_finding_before_any_heading_goes_on_the_title(tmp_path):
    body = [p("", ), p("某镇2025年工作总结"), p("正文。")]
    placed, got, _ = _annotate_with(tmp_path, body, [_finding(1, 1, 1)])
    assert placed == [True]
    assert got[0][:3] == (2, 1, 1 + len("某镇2025年工作总结"))


def test_point_finding_is_anchored_on_a_neighbouring_character(tmp_path):
    body = [p("总结"), p("全年完成任务")]
    placed, got, _ = _annotate_with(tmp_path, body, [_finding(2, 4, 4, rule="punctuation")])
    assert placed == [True]
    assert got[0][:3] == (2, 3, 4)


def test_overlapping_findings_both_get_their_own_range(tmp_path):
    body = [p("总结"), p(r("请填写XX单位名称"))]
    fs = [_finding(2, 4, 6, "XX", "placeholder"), _finding(2, 1, 10, "请填写XX单位名称", "instruction")]
    placed, got, _ = _annotate_with(tmp_path, body, fs)
    assert placed == [True, True]
    assert sorted(g[:3] for g in got) == [(2, 1, 10), (2, 4, 6)]


def test_split_run_keeps_attributes_and_tab(tmp_path):
    from lxml import etree

    xml = (f'<w:r xmlns:w="{W[1:-1]}" w:rsidR="00AB"><w:rPr><w:b/></w:rPr><w:t>甲乙</w:t><w:tab/>'
           f'<w:t>丙丁</w:t></w:r>')
    run = etree.fromstring(xml)
    parent = etree.Element("x")
    parent.append(run)
    second = split_run(run, 4)  # after 甲乙<tab>丙
    assert second is not None
    assert "".join(t.text for t in run.iter(f"{W}t")) == "甲乙丙"
    assert run.find(f"{W}tab") is not None
    assert "".join(t.text for t in second.iter(f"{W}t")) == "丁"
    assert second.get(f"{W}rsidR") == "00AB" and second.find(f"{W}rPr/{W}b") is not None
    assert split_run(second, 1) is None  # at its end: nothing to split
    assert split_run(second, 0) is None


def test_txt_draft_becomes_an_annotated_docx(tmp_path):
    src = tmp_path / "草稿.txt"
    src.write_text("某镇2025年工作总结\n\n一、主要成绩\n全年共接待XX人次，办结率xx.x%。\n\t缩进的XX行\n",
                   encoding="utf-8")
    before = _sha(src)
    assert annotate(src).returncode == 0
    out = tmp_path / "草稿.checked.docx"
    assert _sha(src) == before
    copy = read_path(out)
    lines = src.read_text(encoding="utf-8").splitlines()
    assert [b.text for b in copy.blocks] == lines  # paragraph N = line N
    _, fs = _findings(src)
    assert len(fs) == 3
    assert sorted(g[:3] for g in _checker_comments(out)) == _spans(fs)
    assert docx.Document(str(out)).core_properties.author == "checker"


def test_gbk_txt_and_stdin(tmp_path):
    src = tmp_path / "gbk.txt"
    src.write_bytes("工作总结\n本年度新建XX所学校，惠及全镇群众。\n".encode("gbk"))
    assert annotate(src).returncode == 0
    assert len(_checker_comments(tmp_path / "gbk.checked.docx")) == 1
    out = tmp_path / "stdin.docx"
    proc = annotate("-", "-o", out, input="总结\n共XX人\n".encode())
    assert proc.returncode == 0, proc.stderr
    assert len(_checker_comments(out)) == 1
    proc = annotate("-", input=b"x")
    assert proc.returncode == 2 and b"-o" in proc.stderr


def test_bad_inputs_give_one_line_errors(tmp_path):
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    missing = tmp_path / "无.docx"
    proc = annotate(broken, missing)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert str(broken) in err and str(missing) in err
    assert len(err.strip().splitlines()) == 2
    assert not (tmp_path / "坏.checked.docx").exists()

    # -o with two drafts is a usage error
    a = make_docx(tmp_path / "a.docx", [p("甲")])
    b = make_docx(tmp_path / "b.docx", [p("乙")])
    proc = annotate(a, b, "-o", tmp_path / "x.docx")
    assert proc.returncode == 2 and b"-o" in proc.stderr

    # the output may not be the draft itself
    proc = annotate(a, "-o", a)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


def test_unwritable_output_is_a_clear_error(tmp_path):
    src = make_docx(tmp_path / "a.docx", [p("总结"), p("XX")])
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = annotate(src, "-o", blocker / "out.docx")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "Traceback" not in err and "out.docx" in err


def test_folder_skips_earlier_annotated_copies(tmp_path):
    make_docx(tmp_path / "a.docx", [p("总结"), p("XX")])
    assert annotate(tmp_path).returncode == 0
    assert (tmp_path / "a.checked.docx").exists()
    proc = annotate(tmp_path)
    assert proc.returncode == 0
    assert not (tmp_path / "a.checked.checked.docx").exists()
    assert output_path(Path("x/草稿.docx")) == Path("x/草稿.checked.docx")


@needs_shared
@pytest.mark.parametrize("name", ["002_cc03cb1b8fd4d28d.docx", "003_9f78d0cb03f390d2.docx",
                                  "000_6e89bb6b74dc778e.txt"])
def test_corpus_every_finding_is_a_comment_on_its_characters(tmp_path, name):
    src = tmp_path / name
    shutil.copy(SHARED / "corpus" / name, src)
    out = tmp_path / "out.docx"
    assert annotate(src, "-o", out).returncode == 0
    doc, fs = _findings(src)
    assert fs
    assert sorted(g[:3] for g in _checker_comments(out)) == _spans(fs)
    copy = read_path(out)
    assert [b.text for b in copy.blocks] == [b.text for b in doc.blocks]
    # with every rule on, every finding becomes one comment
    every = tmp_path / "every.docx"
    assert run_checker("annotate", "--per-finding", src, "-o", every).returncode == 0
    _, all_findings = _findings(src, select=())
    assert len(_checker_comments(every)) == len(all_findings)
    # the same slots are found in the copy (its comments are news to the hygiene rules, so compare slots)
    _, again = _findings(out)
    assert ([(f.line, f.column, f.text) for f in again if f.rule == "placeholder"]
            == [(f.line, f.column, f.text) for f in fs if f.rule == "placeholder"])


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and poppler-utils are not installed")
def test_libreoffice_opens_the_copy_and_shows_the_comments(tmp_path):
    src = make_docx(tmp_path / "lo.docx", [
        p("某镇2025年工作总结", style="Heading1"),
        p(r("全年共完成投资"), r("XX万元，", bold=True), r("同比增长x.x%。")),
        table([["项目", "金额"], ["合计", "XX万元"]]),
    ], headers=[[p("XX县")]], comments=[(0, "王科长", "请核对")])
    out = tmp_path / "lo.checked.docx"
    assert annotate("--highlight", src).returncode == 0
    profile = tmp_path / "profile"
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
         "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=180)
    pdf = tmp_path / "lo.checked.pdf"
    assert pdf.exists(), proc.stderr.decode()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True).stdout.decode()
    assert "全年共完成投资XX万元，同比增长x.x%。" in "".join(text.split())
    # comments become PDF text annotations by checker, one per finding
    import re

    data = pdf.read_bytes()
    notes = [bytes.fromhex(h.decode()).decode("utf-16")
             for h in re.findall(rb"/Subtype\s*/Text.*?/Contents\s*<([0-9A-Fa-f]+)>", data, re.S)]
    _, fs = _findings(src)
    assert len([n for n in notes if "placeholder" in n]) == len(fs) == 4
    assert sum("页眉" in n for n in notes) == 1
    artifacts = Path(__file__).parent / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(pdf, artifacts / "annotate-libreoffice.pdf")
    if shutil.which("pdftoppm"):  # a picture of page 1 to look at
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(artifacts / "annotate-libreoffice")], capture_output=True)


def test_field_results_and_content_controls(tmp_path):
    from tests.docxfactory import field

    sdt = ('<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' + r("填报单位：XX")
           + "</w:sdtContent></w:sdt>")
    src = make_docx(tmp_path / "f.docx", [p("总结"), p("日期：", field("DATE", "20XX年X月"), "。"), p(sdt)])
    out = tmp_path / "f.out.docx"
    assert annotate(src, "-o", out).returncode == 0
    _, fs = _findings(src)
    assert [f.text for f in fs] == ["20XX", "X", "XX"]
    assert sorted(g[:3] for g in _checker_comments(out)) == _spans(fs)
    assert [b.text for b in read_path(out).blocks] == ["总结", "日期：20XX年X月。", "填报单位：XX"]


def test_finding_across_two_paragraphs(tmp_path):
    body = [p("总结"), p("第一段的结尾"), p("第二段的开头")]
    f = Finding(rule="duplicate", severity="warning", line=2, column=4, end_line=3, end_column=3,
                text="的结尾\n第二", message="跨段")
    placed, got, _ = _annotate_with(tmp_path, body, [f])
    assert placed == [True]
    (c,) = got
    assert c[0] == 2 and c[1] == 4  # starts where the finding starts
    d = docx.Document(str(tmp_path / "s.out.docx"))
    xml = d.element.body.xml
    assert (xml.index("commentRangeStart") < xml.index("的结尾") < xml.index("第二</w:t>")
            < xml.index("commentRangeEnd") < xml.index("段的开头"))
    assert d.paragraphs[2].runs[0].text == "第二"


def test_template_or_macro_document_is_refused_clearly(tmp_path):
    src = make_docx(tmp_path / "m.docx", [p("总结"), p("共XX人")])
    dotx = tmp_path / "m.dotx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(info, data)
    proc = annotate(dotx)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "另存为” .docx" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "m.checked.docx").exists()
