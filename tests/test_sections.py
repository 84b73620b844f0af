"""Kinds of report and their parts: missing-section, empty-section, section-order, section-year.

Every kind, in Simplified and Traditional, as plain text (numbering typed) and as .docx with Word
heading styles (numbered and unnumbered headings). Each complete draft is quiet; each draft with one
part taken away is reported, naming the part, the kind and why.
"""

import pytest

from checker.engine import check_document
from checker.readers import read_path
from tests.conftest import SAMPLES, ctx_for, findings, run_checker
from tests.docxfactory import make_docx, p

SECTION_CODES = ("missing-section", "empty-section", "section-order", "section-year")

# Our own words. Each body paragraph is long enough for the draft not to count as a fragment.
REVIEW_ZH = ("全年新建村级便民服务站六个，改造农村公路十八公里，新增就业岗位四百余个，"
             "群众反映强烈的饮水、出行问题基本得到解决，各项工作取得了新的进展。")
REVIEW_TW = ("全年新建村級便民服務站六個，改造農村公路十八公里，新增就業崗位四百餘個，"
             "群眾反映強烈的飲水、出行問題基本得到解決，各項工作取得了新的進展。")
PROBLEMS_ZH = "产业基础仍然薄弱，村集体经济增收渠道单一，部分干部服务群众的本领还不够强。"
PROBLEMS_TW = "產業基礎仍然薄弱，村集體經濟增收渠道單一，部分幹部服務群眾的本領還不夠強。"
PLAN_ZH = "我们将继续抓好产业培育和基础设施建设，办好十件民生实事，推动各项工作再上新台阶。"
PLAN_TW = "我們將繼續抓好產業培育和基礎設施建設，辦好十件民生實事，推動各項工作再上新台階。"
INTEGRITY_ZH = "严格遵守中央八项规定精神，自觉做到廉洁自律，从未收受任何礼品礼金。"
INTEGRITY_TW = "嚴格遵守中央八項規定精神，自覺做到廉潔自律，從未收受任何禮品禮金。"

# kind -> (title S, title T, [(part, heading S, heading T)])
KINDS = {
    "年度工作总结": ("青石镇2025年工作总结", "青石鎮2025年工作總結",
                 [("review", "2025年工作回顾", "2025年工作回顧"), ("problems", "存在的问题", "存在的問題"),
                  ("plan", "2026年工作打算", "2026年工作打算")]),
    "半年工作总结": ("青石镇2025年上半年工作总结", "青石鎮2025年上半年工作總結",
                 [("review", "上半年工作总结", "上半年工作總結"), ("plan", "下半年工作计划", "下半年工作計劃")]),
    "工作总结及工作计划": ("青石镇2025年工作总结及2026年工作计划", "青石鎮2025年工作總結及2026年工作計劃",
                   [("review", "2025年主要工作成效", "2025年主要工作成效"),
                    ("problems", "困难和不足", "困難和不足"), ("plan", "2026年工作计划", "2026年工作計劃")]),
    "政府工作报告": ("青石镇2026年政府工作报告", "青石鎮2026年政府工作報告",
                 [("review", "2025年工作回顾", "2025年工作回顧"), ("plan", "2026年主要任务", "2026年主要任務")]),
    "人大工作总结": ("青石镇人大主席团2025年工作报告", "青石鎮人大主席團2025年工作報告",
                 [("review", "主要工作情况", "主要工作情況"), ("problems", "存在的不足", "存在的不足"),
                  ("plan", "下一步工作打算", "下一步工作打算")]),
    "专项工作总结": ("青石镇2025年安全生产工作总结", "青石鎮2025年安全生產工作總結",
                 [("review", "工作开展情况", "工作開展情況"), ("problems", "存在问题", "存在問題"),
                  ("plan", "下一步工作思路", "下一步工作思路")]),
    "述职报告": ("2025年度个人述职述廉报告", "2025年度個人述職述廉報告",
             [("review", "履职情况", "履職情況"), ("integrity", "廉洁自律情况", "廉潔自律情況"),
              ("problems", "存在的不足", "存在的不足"), ("plan", "今后努力方向", "今後努力方向")]),
}
CN = "一二三四五六"


def _body(part, tw):
    return {"review": REVIEW_TW if tw else REVIEW_ZH, "problems": PROBLEMS_TW if tw else PROBLEMS_ZH,
            "plan": PLAN_TW if tw else PLAN_ZH, "integrity": INTEGRITY_TW if tw else INTEGRITY_ZH}[part]


def draft_lines(kind, tw=False, drop=None, numbered=True):
    """(lines, heading line numbers) of a complete draft of ``kind``, without part ``drop``."""
    title_zh, title_tw, parts = KINDS[kind]
    lines = [title_tw if tw else title_zh]
    heads = []
    n = 0
    for part, h_zh, h_tw in parts:
        if part == drop:
            continue
        head = h_tw if tw else h_zh
        lines.append(f"{CN[n]}、{head}" if numbered else head)
        heads.append(len(lines))
        lines.extend(lead + _body(part, tw) for lead in ("", "同时，", "此外，"))
        n += 1
    return lines, heads


def docx_findings(tmp_path, lines, heads, **options):
    body = [p(t, style="Title") if i == 1 else p(t, style="Heading1") if i in heads else p(t)
            for i, t in enumerate(lines, 1)]
    path = make_docx(tmp_path / "d.docx", body)
    doc = read_path(path)
    return [f for f in check_document(doc, ctx_for(**options)) if f.rule in SECTION_CODES]


def section_findings(text, **kw):
    return [f for f in findings(text, **kw) if f.rule in SECTION_CODES]


@pytest.mark.parametrize("tw", [False, True], ids=["zh", "tw"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_complete_drafts_are_quiet_as_text_and_as_docx(kind, tw, tmp_path):
    lines, heads = draft_lines(kind, tw)
    assert section_findings("\n".join(lines)) == []
    assert docx_findings(tmp_path, lines, heads) == []
    plain, plain_heads = draft_lines(kind, tw, numbered=False)       # Word headings with no numbers
    assert docx_findings(tmp_path, plain, plain_heads) == []


@pytest.mark.parametrize("tw", [False, True], ids=["zh", "tw"])
@pytest.mark.parametrize("kind,part", [(k, part) for k, (_, _, parts) in KINDS.items() for part, _, _ in parts])
def test_each_part_taken_away_is_reported(kind, part, tw, tmp_path):
    lines, heads = draft_lines(kind, tw, drop=part)
    got = section_findings("\n".join(lines))
    assert [(f.rule, f.line, f.extra["part"], f.extra["kind"]) for f in got] == [("missing-section", 1, part, kind)]
    assert kind in got[0].message and "标题" in got[0].message
    got = docx_findings(tmp_path, lines, heads)
    assert [(f.rule, f.extra["part"]) for f in got] == [("missing-section", part)]


def test_message_names_part_kind_and_why_in_english():
    lines, _ = draft_lines("年度工作总结", drop="problems")
    (f,) = section_findings("\n".join(lines), lang="en")
    assert "problems and shortcomings" in f.message
    assert "annual work summary" in f.message
    assert "the title “青石镇2025年工作总结” says “工作总结”" in f.message


@pytest.mark.parametrize("tw", [False, True], ids=["zh", "tw"])
def test_problems_in_one_paragraph_count(tw):
    lines, _ = draft_lines("年度工作总结", tw, drop="problems")
    para = ("在肯定成績的同時，我們也清醒地看到，工作中還存在一些困難和問題。" if tw else
            "在肯定成绩的同时，我们也清醒地看到，工作中还存在一些困难和问题。")
    lines.insert(4, para)
    assert section_findings("\n".join(lines)) == []


@pytest.mark.parametrize("tw", [False, True], ids=["zh", "tw"])
def test_plan_as_an_unnumbered_line_counts(tw):
    lines, _ = draft_lines("年度工作总结", tw, drop="plan")
    lines += ["下一步工作安排", PLAN_TW if tw else PLAN_ZH]
    assert section_findings("\n".join(lines)) == []


def test_review_as_numbered_sections_with_no_review_word():
    text = "\n".join(["青石镇2025年工作总结", "一、产业发展稳中有进", REVIEW_ZH, "二、民生保障持续加强", REVIEW_ZH,
                      "三、存在的问题", PROBLEMS_ZH, "四、下一步打算", PLAN_ZH])
    assert section_findings(text) == []


def test_announcement_of_the_parts_is_not_the_part():
    """现将…总结和…计划报告如下 announces the parts; it is neither of them."""
    lines, _ = draft_lines("半年工作总结", drop="plan")
    lines.insert(1, "现将2025年上半年工作总结和下半年工作计划报告如下：")
    got = section_findings("\n".join(lines))
    assert [f.extra["part"] for f in got] == ["plan"]


def test_title_promises_the_plan_and_its_year():
    lines, heads = draft_lines("工作总结及工作计划", drop="plan")
    (f,) = section_findings("\n".join(lines))
    assert "2026年工作计划" in f.message and "工作总结及工作计划" in f.message
    lines, heads = draft_lines("工作总结及工作计划")
    lines[heads[2] - 1] = "三、2027年工作计划"
    got = section_findings("\n".join(lines))
    assert [(f.rule, f.line, f.text, f.extra["expected"]) for f in got] == [("section-year", heads[2], "2027", [2026])]


@pytest.mark.parametrize("title,head,bad", [
    ("青石镇2021年工作总结", "2020年工作回顾", "2020"),
    ("青石鎮2021年工作總結", "2019年工作回顧", "2019"),
    ("青石镇2021年工作总结", "2023年工作计划", "2023"),
])
def test_heading_year_contradicting_the_title(title, head, bad):
    text = "\n".join([title, f"一、{head}", REVIEW_ZH, "二、存在问题", PROBLEMS_ZH, "三、下一步打算", PLAN_ZH])
    if "计划" in head:
        text = text.replace("三、下一步打算", f"三、{head}").replace(f"一、{head}", "一、工作回顾")
    got = [f for f in section_findings(text) if f.rule == "section-year"]
    assert [f.text for f in got] == [bad]
    assert got[0].severity == "warning"


@pytest.mark.parametrize("text", [
    # the year before in a government work report is the year reviewed
    "青石镇2026年政府工作报告\n一、2025年工作回顾\n{r}\n二、2026年工作安排\n{p}",
    # a summary's plan may be for the same year or the next
    "青石镇2025年工作总结\n一、2025年工作回顾\n{r}\n二、存在问题\n{q}\n三、2026年工作计划\n{p}",
    # years inside a heading that are not the part's year
    "青石镇2025年工作总结\n一、2016年以来的发展回顾与2025年工作总结\n{r}\n二、存在问题\n{q}\n三、下一步打算\n{p}",
])
def test_matching_years_are_quiet(text):
    assert section_findings(text.format(r=REVIEW_ZH, p=PLAN_ZH, q=PROBLEMS_ZH)) == []


def test_plan_before_review_is_out_of_order():
    text = "\n".join(["青石镇2025年工作总结", "一、下一步工作打算", PLAN_ZH, "二、2025年工作回顾", REVIEW_ZH,
                      "三、存在问题", PROBLEMS_ZH])
    got = section_findings(text)
    assert [(f.rule, f.line, f.severity) for f in got] == [("section-order", 2, "warning")]
    assert "第 4 行" in got[0].message


@pytest.mark.parametrize("tw", [False, True], ids=["zh", "tw"])
def test_empty_heading_and_heading_with_only_slots(tw):
    body = REVIEW_TW if tw else REVIEW_ZH
    lines = ["青石鎮2025年工作總結" if tw else "青石镇2025年工作总结",
             "一、工作回顧" if tw else "一、工作回顾",                      # nothing under it
             "二、存在問題" if tw else "二、存在问题", "XXXXXXXXXXXX。", "【請填寫】" if tw else "【请填写】",
             "三、下一步打算", body, "同时，" + body]
    got = section_findings("\n".join(lines))
    assert [(f.rule, f.line, f.extra["only_slots"]) for f in got] == [
        ("empty-section", 2, False), ("empty-section", 3, True)]
    assert "没有内容" in got[0].message and "占位符" in got[1].message


def test_last_heading_with_nothing_after_it():
    lines, heads = draft_lines("年度工作总结")
    got = section_findings("\n".join(lines[:heads[-1]]))
    assert [(f.rule, f.line) for f in got] == [("empty-section", heads[-1])]


@pytest.mark.parametrize("text", [
    # numbered sentences in a row are a list, not empty headings
    "青石镇2025年工作总结\n{r}\n（一）要把产业发展放在首位。\n（二）要把民生实事办好办实。\n存在的不足是：{q}\n下一步{p}",
    # a parent with subheadings only
    "标题\n一、主要做法\n（一）抓产业\n内容一。\n（二）抓民生\n内容二。",
])
def test_not_empty(text):
    got = [f for f in section_findings(text.format(r=REVIEW_ZH, p=PLAN_ZH, q=PROBLEMS_ZH)) if f.rule == "empty-section"]
    assert got == []


def test_heading_followed_by_a_table_is_not_empty(tmp_path):
    from tests.docxfactory import table

    path = make_docx(tmp_path / "t.docx", [p("标题", style="Title"), p("一、基本情况", style="Heading1"),
                                           table([["村名", "人口"], ["东岭村", "1200"]]), p("二、主要做法"), p(REVIEW_ZH)])
    got = [f for f in check_document(read_path(path), ctx_for()) if f.rule == "empty-section"]
    assert got == []


def test_fragments_are_not_judged_for_parts():
    assert section_findings("青石镇2025年工作总结\n全镇共有XX个村。\n活动时间待定。") == []


def test_unrecognised_draft_is_not_judged_for_parts():
    text = "关于青石镇农村公路建设情况的调研\n" + REVIEW_ZH * 3
    assert section_findings(text) == []


def test_kind_option_overrides_detection():
    lines, _ = draft_lines("半年工作总结")        # a half-year summary has no problems part
    assert section_findings("\n".join(lines)) == []
    got = section_findings("\n".join(lines), kind="年度工作总结")
    assert [(f.extra["part"], f.extra["detected_by"]) for f in got] == [("problems", "option")]
    assert "--kind" in got[0].message


def test_government_report_recognised_by_its_salutation():
    text = "\n".join(["各位代表：", "现在，我代表镇人民政府向大会报告工作，请予审议。", "一、2025年工作回顾", REVIEW_ZH,
                      REVIEW_ZH])
    got = section_findings(text)
    assert [(f.extra["part"], f.extra["kind"], f.extra["detected_by"]) for f in got] == [
        ("plan", "政府工作报告", "signal")]


def test_cli_kind_errors_and_listing(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("\n".join(draft_lines("年度工作总结")[0]), encoding="utf-8")
    proc = run_checker("check", "--kind", "不存在的类型", draft)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "不存在的类型" in err and "年度工作总结" in err
    proc = run_checker("check", "--kind", "half-year work summary", draft)  # English names work too
    assert proc.returncode == 0
    out = run_checker("kinds").stdout.decode()
    for kind in KINDS:
        assert kind in out
    assert "存在问题" in out and "下一步工作计划" in out
    en = run_checker("kinds", "--lang", "en").stdout.decode()
    assert "requires: review of the work done" in en


def test_county_pack_sample_adds_a_part(tmp_path):
    """samples/县级规则包-示例.toml: a county that wants a 安全生产 part in every annual summary."""
    pack = SAMPLES / "县级规则包-示例.toml"
    lines, _ = draft_lines("年度工作总结")
    draft = tmp_path / "d.txt"
    draft.write_text("\n".join(lines), encoding="utf-8")
    assert run_checker("check", draft).returncode == 0
    proc = run_checker("check", "--format", "json", "--pack", pack, draft)
    import json

    found = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["extra"]["part"]) for f in found] == [("missing-section", "safety")]
    lines += ["四、安全生产", "全年未发生较大以上安全生产事故，排查整改各类隐患一百二十处。"]
    draft.write_text("\n".join(lines), encoding="utf-8")
    assert run_checker("check", "--pack", pack, draft).returncode == 0
    out = run_checker("kinds", "--pack", pack).stdout.decode()
    assert "安全生产情况" in out


@pytest.mark.parametrize("stem", ["半年总结-结构问题", "半年總結-結構問題-繁體"])
@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_structure_samples(stem, suffix):
    """Our half-year drafts with structural faults: each is reported where it is, nothing else."""
    doc = read_path(SAMPLES / f"{stem}{suffix}")
    got = [(f.rule, f.line, f.text) for f in check_document(doc, ctx_for())
           if f.rule not in ("docx-metadata",)]
    assert got == [("numbering", 10, "（四）"), ("empty-section", 12, doc.block(12).text),
                   ("section-year", 13, "2024"), ("numbering", 15, "三是")]
