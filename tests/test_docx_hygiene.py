"""docx-comment, docx-revision, docx-highlight, docx-hidden-text, docx-metadata on .docx built here,
and the reader additions they rely on (hyperlink runs, formatting changes and their authors,
paragraph-level tracked changes)."""

from xml.sax.saxutils import escape, quoteattr

import pytest

from checker.engine import check_document
from checker.readers import read_path
from tests.conftest import SAMPLES, SHARED, ctx_for, findings, needs_shared
from tests.docxfactory import comment_range, dele, ins, make_docx, p, r

BODY = "全镇上下齐心协力，圆满完成全年目标任务。"


def run(path, rule, lang="zh"):
    doc = read_path(path)
    return [f for f in check_document(doc, ctx_for(lang)) if f.rule == rule]


def spans(fs):
    return [(f.line, f.column, f.end_column, f.text) for f in fs]


def fmt_run(text, author="周七", color="FF0000"):
    """A run whose formatting was changed with track changes on (w:rPrChange)."""
    return (f'<w:r><w:rPr><w:b/><w:rPrChange w:id="31" w:author="{author}" w:date="2026-01-02T00:00:00Z">'
            f'<w:rPr/></w:rPrChange></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def link(text, color="0000FF"):
    return (f'<w:hyperlink r:id="rIdX"><w:r><w:rPr><w:color w:val="{color}"/><w:u w:val="single"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:hyperlink>')


def field_link(text, color="0000FF"):
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://www.qingshan.gov.cn" </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:rPr><w:color w:val="{color}"/></w:rPr><w:t>{escape(text)}</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def para_with(ppr_inner, *runs):
    return f"<w:p><w:pPr>{ppr_inner}</w:pPr>{''.join(runs)}</w:p>"


# ---------------------------------------------------------------------------
# docx-comment

@pytest.mark.parametrize("author,note,anchor", [
    ("王五", "请核实该数据", "青山镇"),
    ("王五", "請核實該數據", "青山鎮"),
])
def test_comment_reported_with_author_and_text(tmp_path, author, note, anchor):
    path = make_docx(tmp_path / "c.docx", [p("标题"), p("今年", comment_range(1, r(anchor[:2]), r(anchor[2:])), BODY)],
                     comments=[(1, author, note)])
    (f,) = run(path, "docx-comment")
    assert (f.line, f.column, f.text, f.severity) == (2, 3, anchor, "warning")
    assert author in f.message and note in f.message
    assert f.extra == {"author": author, "comment": note}


def test_comment_without_anchor_and_english(tmp_path):
    path = make_docx(tmp_path / "c.docx", [p(BODY)], comments=[(7, "Li", "check this")])
    (f,) = run(path, "docx-comment", lang="en")
    assert (f.line, f.column, f.text) == (1, 1, "")
    assert "Li" in f.message and "check this" in f.message and "anchored nowhere" in f.message


def test_no_comments_no_finding(tmp_path):
    path = make_docx(tmp_path / "c.docx", [p(BODY)])
    assert run(path, "docx-comment") == []


# ---------------------------------------------------------------------------
# docx-revision

def test_insertion_and_deletion_name_author_and_text(tmp_path):
    path = make_docx(tmp_path / "r.docx", [p("全年接待游客", ins("12", author="李四"), dele("10", author="赵六"), "万人次。")])
    got = run(path, "docx-revision")
    assert spans(got) == [(1, 7, 9, "12"), (1, 9, 9, "")]
    assert all(f.severity == "error" for f in got)
    assert "李四插入了“12”" in got[0].message
    assert "赵六删除了“10”" in got[1].message


def test_traditional_revision_and_english(tmp_path):
    path = make_docx(tmp_path / "r.docx", [p("全年接待遊客", ins("十二", author="陳八"), "萬人次。")])
    (f,) = run(path, "docx-revision", lang="en")
    assert f.text == "十二" and "陳八 inserted “十二”" in f.message


def test_insertion_split_across_runs_is_one_finding(tmp_path):
    split = ('<w:ins w:id="5" w:author="李四" w:date="2026-01-01T00:00:00Z">'
             + r("青") + r("山", highlight=None) + r("镇") + "</w:ins>")
    path = make_docx(tmp_path / "r.docx", [p("关于", split, "工作总结")])
    assert spans(run(path, "docx-revision")) == [(1, 3, 6, "青山镇")]


def test_formatting_change_on_runs_is_one_finding_per_stretch(tmp_path):
    path = make_docx(tmp_path / "r.docx", [p("重点", fmt_run("打造"), fmt_run("精品"), "村落，", fmt_run("两个"))])
    got = run(path, "docx-revision")
    assert spans(got) == [(1, 3, 7, "打造精品"), (1, 10, 12, "两个")]
    assert "周七" in got[0].message and "格式" in got[0].message


def test_paragraph_level_changes(tmp_path):
    fmt = para_with('<w:jc w:val="center"/><w:pPrChange w:id="8" w:author="孙九" w:date="2026-01-01T00:00:00Z">'
                    '<w:pPr/></w:pPrChange>', r("青山镇2025年工作总结"))
    mark = para_with('<w:rPr><w:ins w:id="9" w:author="孙九" w:date="2026-01-01T00:00:00Z"/></w:rPr>', r("一、主要成效"))
    path = make_docx(tmp_path / "r.docx", [fmt, mark, p(BODY)])
    got = run(path, "docx-revision")
    assert [(f.line, f.column, f.end_column, f.extra["kind"]) for f in got] == [
        (1, 1, 13, "format"), (2, 7, 7, "ins")]
    assert "孙九" in got[0].message and "整段" in got[0].message
    assert "段落标记" in got[1].message


def test_moved_text_reported_where_it_left_and_where_it_arrived(tmp_path):
    src = ('<w:moveFrom w:id="11" w:author="郑一" w:date="2026-01-01T00:00:00Z"><w:r>'
           '<w:t>生态优先</w:t></w:r></w:moveFrom>')
    dst = ('<w:moveTo w:id="12" w:author="郑一" w:date="2026-01-01T00:00:00Z">' + r("生态") + r("优先") + "</w:moveTo>")
    path = make_docx(tmp_path / "m.docx", [p("坚持", src, "绿色发展"), p("坚持", dst, "的原则")])
    got = run(path, "docx-revision")
    assert spans(got) == [(1, 3, 3, ""), (2, 3, 7, "生态优先")]
    assert "郑一从此处移走了“生态优先”" in got[0].message
    assert "郑一移入了“生态优先”" in got[1].message
    assert [f.extra["kind"] for f in got] == ["move", "move"]


def test_clean_document_has_no_revision(tmp_path):
    path = make_docx(tmp_path / "r.docx", [p("全年接待游客", r("12"), "万人次。")])
    assert run(path, "docx-revision") == []


# ---------------------------------------------------------------------------
# docx-highlight

def test_marked_text_split_across_runs_is_one_finding(tmp_path):
    path = make_docx(tmp_path / "h.docx", [p("全镇共有", r("1", highlight="yellow"), r("2", highlight="yellow"), "个行政村。")])
    (f,) = run(path, "docx-highlight")
    assert (f.line, f.column, f.end_column, f.text, f.severity) == (1, 5, 7, "12", "warning")
    assert "黄色突出显示" in f.message and "“12”" in f.message


def test_a_marked_slot_is_reported_once_as_the_slot(tmp_path):
    path = make_docx(tmp_path / "h.docx", [p("全镇共有", r("X", highlight="yellow"), r("X", highlight="yellow"),
                                            "个行政村，", r("新增3个", highlight="yellow"), "。")])
    doc = read_path(path)
    got = [(f.rule, f.text) for f in check_document(doc, ctx_for("zh"))]
    assert got == [("placeholder", "XX"), ("docx-highlight", "新增3个")]
    # asked for alone, the highlight is still reported
    alone = check_document(doc, ctx_for("zh"), select=("docx-highlight",))
    assert [f.text for f in alone] == ["XX", "新增3个"]


@pytest.mark.parametrize("runs,shown,word", [
    ([r("青山", color="FF0000"), r("镇", color="C00000")], "青山镇", "红色字体"),
    ([r("青山", color="0070C0"), r("鎮", color="0000FF")], "青山鎮", "蓝色字体"),
    ([r("青山", shading="FFFF00"), r("镇", shading="FFFF00")], "青山镇", "底纹"),
    ([r("青山", highlight="green"), r("镇", color="FF0000", highlight="yellow")], "青山镇", "绿色突出显示"),
])
def test_marking_kinds(tmp_path, runs, shown, word):
    path = make_docx(tmp_path / "h.docx", [p(BODY), p("关于", *runs, "的工作总结")])
    (f,) = run(path, "docx-highlight")
    assert (f.line, f.text) == (2, shown)
    assert word in f.message


def test_separate_marks_are_separate_findings_and_headers_count(tmp_path):
    path = make_docx(tmp_path / "h.docx", [p(r("东岭", highlight="yellow"), "镇和", r("西坡", highlight="yellow"), "村")],
                     headers=[[p(r("青山镇人民政府", color="FF0000"), "文件")]])
    got = run(path, "docx-highlight")
    assert [(f.line, f.text, f.location) for f in got] == [(1, "东岭", "正文"), (1, "西坡", "正文"), (2, "青山镇人民政府", "页眉")]


def test_marked_blank_is_reported_as_a_slot(tmp_path):
    path = make_docx(tmp_path / "h.docx", [p("报送单位：", r("      ", highlight="yellow"))])
    # the blank after a field label is a slot of its own: reported once, as the slot
    assert run(path, "docx-highlight") == []
    (f,) = run(path, "placeholder")
    assert f.extra["expects"] == "name"


LOOKALIKE_DOCS = {
    "hyperlink": [p("详见", link("县政府网站"), "。")],
    "hyperlink field": [p("详见", field_link("县政府网站"), "。")],
    "dark colours": [p(r("正文", color="333333"), r("标题", color="1F3864"), r("注释", color="7F7F7F"))],
    "white highlight": [p(r("正文", highlight="white"))],
    "near-white shading": [p(r("网页粘贴的文字", shading="F5F5F5"))],
    "red letterhead": [p(r("青山镇人民政府文件", color="FF0000")), p("青政〔2025〕1号"), p(BODY)],
    "plain": [p("关于", r("青山镇", bold=True), "的工作总结")],
}


@pytest.mark.parametrize("name", LOOKALIKE_DOCS)
def test_highlight_lookalikes(tmp_path, name):
    path = make_docx(tmp_path / "h.docx", LOOKALIKE_DOCS[name])
    assert run(path, "docx-highlight") == []


def test_red_line_in_the_body_is_not_a_letterhead(tmp_path):
    path = make_docx(tmp_path / "h.docx", [p("标题"), p(BODY), p(BODY), p(r("请在此处填写本单位名称", color="FF0000"))])
    assert [f.line for f in run(path, "docx-highlight")] == [4]


def test_pack_adds_a_marking_colour(tmp_path):
    pack = tmp_path / "p.toml"
    pack.write_text('[docx_hygiene]\nmarking_colors = ["FF9900"]\n', encoding="utf-8")
    path = make_docx(tmp_path / "h.docx", [p(BODY), p("关于", r("青山镇", color="FF9900"), "的总结")])
    assert run(path, "docx-highlight") == []
    doc = read_path(path)
    got = [f for f in check_document(doc, ctx_for("zh", (str(pack),))) if f.rule == "docx-highlight"]
    assert [f.text for f in got] == ["青山镇"]


# ---------------------------------------------------------------------------
# docx-hidden-text

def test_hidden_text_split_across_runs(tmp_path):
    path = make_docx(tmp_path / "v.docx", [p("全年完成投资", r("（模板说明：", hidden=True), r("此处填数字）", hidden=True), "3亿元。")])
    (f,) = run(path, "docx-hidden-text")
    assert (f.text, f.column, f.severity) == ("（模板说明：此处填数字）", 7, "warning")
    assert "隐藏文字" in f.message


def test_hidden_traditional_and_english(tmp_path):
    path = make_docx(tmp_path / "v.docx", [p(r("範文網出品", hidden=True)), p(BODY)])
    (f,) = run(path, "docx-hidden-text", lang="en")
    assert f.text == "範文網出品" and "hidden text" in f.message


def test_hidden_whitespace_and_visible_text_are_quiet(tmp_path):
    path = make_docx(tmp_path / "v.docx", [p(BODY, r("  ", hidden=True)), p(r("正文", hidden=False))])
    assert run(path, "docx-hidden-text") == []


# ---------------------------------------------------------------------------
# docx-metadata

def meta(tmp_path, core=None, app=None, body=None):
    body = body or [p("青山镇2025年工作总结", style="Title"), p(BODY)]
    return run(make_docx(tmp_path / "m.docx", body, core=core, app=app), "docx-metadata")


@pytest.mark.parametrize("core,app,prop", [
    ({"title": "青禾范文网-工作总结模板"}, None, "title"),
    ({"title": "墨香範文站精選"}, None, "title"),
    (None, {"Company": "青禾文库 www.qinghe-wenku.cn"}, "company"),
    ({"creator": "客服QQ：3456789012"}, None, "creator"),
    ({"description": "本文档下载后可编辑修改"}, None, "description"),
    (None, {"Template": "青禾范文网通用模板.dotx"}, "template"),
    ({"title": "XX镇2025年工作总结"}, None, "title"),
    ({"title": "2019年工作总结"}, None, "title"),
    ({"title": "青山镇2025年工作计划"}, None, "title"),
])
def test_metadata_fires(tmp_path, core, app, prop):
    (f,) = meta(tmp_path, core, app)
    assert f.extra["property"] == prop and f.severity == "warning"
    assert (f.line, f.column, f.end_column) == (1, 1, 1)
    assert f.extra["value"] in f.message or f.extra["value"][:30] in f.message


def test_metadata_contradiction_in_traditional(tmp_path):
    body = [p("青山鎮2025年上半年工作總結", style="Title"), p(BODY)]
    (f,) = meta(tmp_path, {"title": "二〇一九年工作總結"}, None, body)
    assert "年份" in f.message
    assert meta(tmp_path, {"title": "二〇二五年上半年工作總結"}, None, body) == []


@pytest.mark.parametrize("core,app", [
    ({"creator": "张三", "last_modified_by": "李四", "title": "青山镇2025年工作总结"}, {"Company": "青山镇人民政府"}),
    ({"creator": "python-docx", "description": "generated by python-docx"}, {"Template": "Normal.dotm"}),
    ({"title": "工作总结"}, {"Company": "微软中国"}),
    ({"title": "2025年工作总结及2026年工作计划"}, None),
    ({"title": "青山镇网站 www.qingshan.gov.cn"}, None),
    ({"creator": "李明 13812345678"}, None),
])
def test_metadata_lookalikes(tmp_path, core, app):
    assert meta(tmp_path, core, app) == []


def test_metadata_title_compared_with_a_heading_title(tmp_path):
    body = [p("青山镇2025年工作计划", style="Heading1"), p(BODY)]
    assert [f.extra["property"] for f in meta(tmp_path, {"title": "青山镇2025年工作总结"}, None, body)] == ["title"]


# ---------------------------------------------------------------------------
# Plain text has none of it; the corpus

def test_txt_gets_no_docx_findings():
    text = "关于青山镇2025年工作总结\n" + BODY
    assert [f for f in findings(text) if f.rule.startswith("docx-")] == []


def test_samples_are_clean_of_docx_findings():
    for path in sorted(SAMPLES.glob("*.docx")):
        doc = read_path(path)
        got = [f.rule for f in check_document(doc, ctx_for()) if f.rule.startswith("docx-")]
        if "待填" in path.name:
            # the unfilled samples keep the template's title, slots and all, in their properties
            assert set(got) <= {"docx-highlight", "docx-metadata"}, path.name
        else:
            assert got == [], path.name


@needs_shared
def test_corpus_docx_hygiene():
    for path in sorted((SHARED / "corpus").glob("*.docx")):
        doc = read_path(path)
        got = check_document(doc, ctx_for())
        mine = [f for f in got if f.rule.startswith("docx-")]
        assert {f.rule for f in mine} <= {"docx-highlight"}, path.name
        slots = {(f.line, f.column) for f in got if f.rule == "placeholder"}
        marked = [(f.line, f.column) for f in mine]
        # the slots of 002 are coloured red on yellow: reported once, as slots
        assert marked == [], path.name
        alone = [(f.line, f.column) for f in check_document(doc, ctx_for(), select=("docx-highlight",))]
        if path.name.startswith("002"):
            # asked for alone, every marked stretch is a slot, one finding each
            assert len(alone) > 100 and set(alone) <= slots and len(set(alone)) == len(alone)
        else:
            assert alone == [], path.name


# ---------------------------------------------------------------------------
# Reader additions

def test_reader_marks_hyperlink_runs_and_keeps_their_text(tmp_path):
    path = make_docx(tmp_path / "l.docx", [p("详见", link("县政府网站"), "和", field_link("门户网站"), "。")])
    doc = read_path(path)
    b = doc.block(1)
    assert b.text == "详见县政府网站和门户网站。"
    linked = [b.text[x.start:x.end] for x in b.runs if x.props and x.props.get("hyperlink") and x.end > x.start]
    assert linked == ["县政府网站", "门户网站"]
    assert not any(x.props and x.props.get("hyperlink") for x in b.runs if b.text[x.start:x.end] in ("详见", "和", "。"))


def test_reader_keeps_formatting_change_author_and_paragraph_revisions(tmp_path):
    fmt = para_with('<w:pPrChange w:id="8" w:author="孙九"><w:pPr/></w:pPrChange>', r("标题"))
    dl = para_with('<w:rPr><w:del w:id="9" w:author="吴十"/></w:rPr>', r("正文"))
    path = make_docx(tmp_path / "f.docx", [p(fmt_run("打造", author="周七")), fmt, dl])
    doc = read_path(path)
    assert [x.props.get("format_changed") for x in doc.block(1).runs] == ["周七"]
    assert [(v.kind, v.author, v.text, v.line, v.column, v.end_column) for v in doc.revisions] == [
        ("format", "孙九", "", 2, 1, 3), ("del", "吴十", "", 3, 3, 3)]


@pytest.mark.parametrize("code", ["docx-comment", "docx-revision", "docx-highlight", "docx-hidden-text", "docx-metadata"])
def test_explain_pages(code):
    from checker.docs import rule_doc

    page = rule_doc(code)
    assert page and page.startswith(f"# {code}")


def watermark(text, fallback=False):
    """A Word watermark: VML WordArt in a header run (optionally stored twice, as mc:AlternateContent)."""
    shape = ('<w:pict><v:shape id="PowerPlusWaterMarkObject1" type="#_x0000_t136" fillcolor="silver" stroked="f">'
             f'<v:textpath style="font-family:&quot;宋体&quot;;font-size:1pt" string={quoteattr(text)}/>'
             '</v:shape></w:pict>')
    if fallback:
        return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{shape}</mc:Choice>'
                f'<mc:Fallback>{shape}</mc:Fallback></mc:AlternateContent></w:r>')
    return f"<w:r>{shape}</w:r>"


def test_reader_gives_watermarks_a_line_and_vendor_residue_sees_them(tmp_path):
    path = make_docx(tmp_path / "w.docx", [p("青山镇2025年工作总结"), p(BODY)],
                     headers=[[p(watermark("青禾范文网")), p("第一页")], [p(watermark("內部資料", fallback=True))]])
    doc = read_path(path)
    assert [(b.kind, b.text) for b in doc.blocks[2:]] == [
        ("header", "第一页"), ("header", "青禾范文网"), ("header", "內部資料")]
    got = [f for f in check_document(doc, ctx_for()) if f.rule == "vendor-residue"]
    assert [(f.line, f.text, f.location) for f in got] == [(4, "青禾范文网", "页眉")]


_MARK_STYLES = (
    '<w:style w:type="character" w:styleId="Fill"><w:name w:val="待填写"/>'
    '<w:rPr><w:highlight w:val="yellow"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="FillRed"><w:name w:val="待填写红"/><w:basedOn w:val="Fill"/>'
    '<w:rPr><w:color w:val="FF0000"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="模板说明"/><w:basedOn w:val="Normal"/>'
    '<w:rPr><w:vanish/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="IntenseEmphasis"><w:name w:val="Intense Emphasis"/>'
    '<w:rPr><w:i/><w:color w:val="4472C4"/></w:rPr></w:style>'
)


def with_styles(path, extra=_MARK_STYLES):
    """Rewrite a factory .docx with extra styles in word/styles.xml."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", extra.encode() + b"</w:styles>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    return path


def styled(text, style, raw_rpr=""):
    return (f'<w:r><w:rPr><w:rStyle w:val="{style}"/>{raw_rpr}</w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def test_marks_given_by_styles(tmp_path):
    body = [
        p("全镇共有", styled("1", "Fill"), styled("2", "FillRed"), "个行政村。"),           # highlight from the style chain
        p("关于", styled("青山镇", "Fill", '<w:highlight w:val="none"/>'), "的总结"),   # switched off on the run
        para_with('<w:pStyle w:val="Note"/>', r("（模板说明：请删除本段）")),               # hidden by its paragraph style
        p("重点", styled("强调", "IntenseEmphasis"), "内容"),                               # a built-in style's blue: not a mark
    ]
    path = with_styles(make_docx(tmp_path / "s.docx", body))
    assert spans(run(path, "docx-highlight")) == [(1, 5, 7, "12")]
    assert spans(run(path, "docx-hidden-text")) == [(3, 1, 13, "（模板说明：请删除本段）")]
    doc = read_path(path)
    assert [(x.props or {}).get("highlight") for x in doc.block(1).runs] == [None, "yellow", "yellow", None]
