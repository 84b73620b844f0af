"""Structure and figures on real documents (issue #15): each class of document, positive and
negative (a look-alike that must stay quiet), in Simplified and Traditional, as .txt and as .docx
(runs split at odd places). Every sentence is our own.
"""

import pytest

from checker import kinds as K
from checker import outline as O
from checker.engine import check_document
from checker.readers import read_path
from checker.readers.txt import document_from_text
from tests.conftest import ctx_for
from tests.docxfactory import make_docx, p, r

SECTIONS = ("missing-section", "empty-section", "section-order", "section-year")
FIGURES = ("subtotal-exceeds-total", "parts-sum-mismatch", "count-mismatch", "metric-conflict")
VARIANTS = [(False, "txt"), (False, "docx"), (True, "txt"), (True, "docx")]
IDS = ["zh-txt", "zh-docx", "tw-txt", "tw-docx"]


def _runs(line: str) -> str:
    """A paragraph whose text is split into runs at odd places (as Word leaves them)."""
    if len(line) < 3:
        return p(line) if line else "<w:p/>"
    a, b = len(line) // 3, (2 * len(line)) // 3 + 1
    return p(r(line[:a]), r(line[a:b]), r(line[b:]))


def doc_of(lines, fmt, tmp_path):
    if fmt == "txt":
        return document_from_text("\n".join(lines), "t.txt", "utf-8")
    return read_path(make_docx(tmp_path / "t.docx", [_runs(x) for x in lines]))


def run(lines, fmt, tmp_path, codes=None, **options):
    doc = doc_of(lines, fmt, tmp_path)
    out = check_document(doc, ctx_for(**options))
    return [f for f in out if codes is None or f.rule in codes]


def view(lines, fmt, tmp_path, **options):
    """(outline, detection, evidence) as `checker outline` sees them."""
    doc = doc_of(lines, fmt, tmp_path)
    pack = ctx_for(**options).pack
    ol = O.of(doc, pack)
    det = K.detect(doc, ol, pack)
    return ol, det, K.evidence(doc, ol, pack, det=det)


def pick(tw, zh_lines, tw_lines):
    return tw_lines if tw else zh_lines


# (Simplified, Traditional) sentences the drafts below share
REVIEW = ("全年新建村级便民服务站六个，改造农村公路十八公里，新增就业岗位四百余个，各项工作取得了新的进展。",
          "全年新建村級便民服務站六個，改造農村公路十八公里，新增就業崗位四百餘個，各項工作取得了新的進展。")
PROBLEMS = ("产业基础仍然薄弱，村集体经济增收渠道单一，部分干部服务群众的本领还不够强。",
            "產業基礎仍然薄弱，村集體經濟增收渠道單一，部分幹部服務群眾的本領還不夠強。")
PLAN = ("我们将继续抓好产业培育和基础设施建设，办好十件民生实事，推动各项工作再上新台阶。",
        "我們將繼續抓好產業培育和基礎設施建設，辦好十件民生實事，推動各項工作再上新台階。")


def draft(tw, *items):
    """Lines from items that are either one string (both scripts) or a (Simplified, Traditional) pair."""
    return [x if isinstance(x, str) else x[1 if tw else 0] for x in items]


# ------------------------------------------------------------------------------- standalone plans

PLAN_ZH = [
    "青石镇2026年工作要点",
    "2026年全镇工作的总体要求是：以高质量发展为主线，统筹推进产业发展和民生改善，全年力争地区生产总值增长6%以上。",
    "一、做强特色产业",
    "扩大茶叶种植规模，新建标准化茶园两千亩，培育茶叶加工龙头企业两家，打响青石云雾茶品牌。",
    "二、补齐基础设施短板",
    "改造农村公路二十公里，新建村级便民服务站五个，完成集镇污水管网改造和三个村的饮水提升工程。",
    "三、办好民生实事",
    "新增城镇就业岗位三百个，完成农村危房改造五十户，新建公办幼儿园一所，让群众得到更多实惠。",
]
PLAN_TW = [
    "青石鎮2026年工作要點",
    "2026年全鎮工作的總體要求是：以高質量發展為主線，統籌推進產業發展和民生改善，全年力爭地區生產總值增長6%以上。",
    "一、做強特色產業",
    "擴大茶葉種植規模，新建標準化茶園兩千畝，培育茶葉加工龍頭企業兩家，打響青石雲霧茶品牌。",
    "二、補齊基礎設施短板",
    "改造農村公路二十公里，新建村級便民服務站五個，完成集鎮污水管網改造和三個村的飲水提升工程。",
    "三、辦好民生實事",
    "新增城鎮就業崗位三百個，完成農村危房改造五十戶，新建公辦幼兒園一所，讓群眾得到更多實惠。",
]


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_plan_is_its_own_kind_and_its_chapters_are_its_measures(tw, fmt, tmp_path):
    lines = pick(tw, PLAN_ZH, PLAN_TW)
    assert run(lines, fmt, tmp_path, SECTIONS) == []
    ol, det, found = view(lines, fmt, tmp_path)
    assert det.kind.name == "工作计划"
    assert not found["review"]                  # a plan's chapters are never a review
    assert [e.how for e in found["measures"]] == ["sections"] * 3
    assert found["aims"][0].line == 2


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_plan_without_its_aims_is_reported(tw, fmt, tmp_path):
    lines = pick(tw, PLAN_ZH, PLAN_TW)
    lines = [lines[0]] + lines[2:]
    got = run(lines, fmt, tmp_path, SECTIONS)
    assert [(f.rule, f.extra["part"], f.extra["kind"]) for f in got] == [("missing-section", "aims", "工作计划")]


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_summary_keeps_a_measures_chapter_in_its_review(tw, fmt, tmp_path):
    """Look-alike: 主要措施 in a summary is what was done, not a plan's part."""
    lines = draft(tw, ("青石镇2025年工作总结", "青石鎮2025年工作總結"), "一、主要措施和做法", REVIEW,
                  ("二、存在的问题", "二、存在的問題"), PROBLEMS, "三、下一步工作打算", PLAN)
    assert run(lines, fmt, tmp_path, SECTIONS) == []
    _ol, det, found = view(lines, fmt, tmp_path)
    assert det.kind.name == "年度工作总结" and "measures" not in found
    assert found["review"][0].line == 2


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_development_plan_needs_its_safeguards(tw, fmt, tmp_path):
    zh = ["青石镇“十五五”乡村振兴发展规划", "一、指导思想和发展目标",
          "以乡村全面振兴为总抓手，到2030年，力争农村居民人均可支配收入达到三万元，村集体经济收入全部超过二十万元。",
          "二、重点任务", "做强茶叶和林下经济两大产业，建设三个现代农业示范基地，完善农村公路和供水网络，办好每一件民生实事。",
          "三、保障措施", "成立由镇党委书记任组长的规划实施领导小组，建立年度监测评估制度，统筹各类涉农资金保障规划实施。"]
    tw_ = ["青石鎮“十五五”鄉村振興發展規劃", "一、指導思想和發展目標",
           "以鄉村全面振興為總抓手，到2030年，力爭農村居民人均可支配收入達到三萬元，村集體經濟收入全部超過二十萬元。",
           "二、重點任務", "做強茶葉和林下經濟兩大產業，建設三個現代農業示範基地，完善農村公路和供水網絡，辦好每一件民生實事。",
           "三、保障措施", "成立由鎮黨委書記任組長的規劃實施領導小組，建立年度監測評估制度，統籌各類涉農資金保障規劃實施。"]
    lines = pick(tw, zh, tw_)
    assert run(lines, fmt, tmp_path, SECTIONS) == []
    got = run(lines[:5], fmt, tmp_path, SECTIONS)
    assert [(f.extra["part"], f.extra["kind"]) for f in got] == [("safeguards", "发展规划")]


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_an_arrangement_that_is_no_plan_has_no_kind(tw, fmt, tmp_path):
    """Look-alike: 春节期间值班安排 ends in 安排 but is no work plan."""
    lines = draft(tw, ("青石镇2026年春节期间值班安排", "青石鎮2026年春節期間值班安排"),
                  ("为做好春节期间各项工作，确保全镇安全稳定，现将值班人员安排如下，请各位干部按时到岗，认真履行职责。",
                   "為做好春節期間各項工作，確保全鎮安全穩定，現將值班人員安排如下，請各位幹部按時到崗，認真履行職責。"),
                  ("一、带班领导", "一、帶班領導"),
                  ("镇党委书记、镇长轮流带班，每天不少于一人在岗，遇有重大情况及时报告。", "鎮黨委書記、鎮長輪流帶班，每天不少於一人在崗，遇有重大情況及時報告。"))
    assert run(lines, fmt, tmp_path, SECTIONS) == []
    assert view(lines, fmt, tmp_path)[1] is None


# ------------------------------------------------------------------------ a title below an advert

SUMMARY_ZH = draft(False, "一、主要工作成效", REVIEW, "二、存在的问题", PROBLEMS)
SUMMARY_TW = draft(True, "一、主要工作成效", REVIEW, "二、存在的問題", PROBLEMS)
ADVERT_ZH = ["- 18.20 KB", "- 2025-11-03 发布", "- 本文档由网友上传，仅供学习交流，如有侵权请联系删除。", "- 客服QQ：12345678"]
ADVERT_TW = ["- 18.20 KB", "- 2025-11-03 發布", "- 本文檔由網友上傳，僅供學習交流，如有侵權請聯繫刪除。", "- 客服QQ：12345678"]


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_the_title_below_an_advert_gives_the_kind(tw, fmt, tmp_path):
    lines = pick(tw, ADVERT_ZH, ADVERT_TW) + [pick(tw, "青石镇2025年工作总结", "青石鎮2025年工作總結")] + \
        pick(tw, SUMMARY_ZH, SUMMARY_TW)
    got = run(lines, fmt, tmp_path, SECTIONS)
    assert [(f.line, f.extra["part"], f.extra["kind"], f.extra["detected_by"]) for f in got] == \
        [(5, "plan", "年度工作总结", "title")]
    assert view(lines, fmt, tmp_path)[0].title_lines == [5]
    assert 5 not in {f.line for f in run(lines, fmt, tmp_path, ("vendor-residue",))}


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_the_title_below_a_web_page_furniture(tw, fmt, tmp_path):
    """A breadcrumb, a collection's title (…工作总结(三篇)) and a page's article number are no title."""
    lines = draft(tw, ("范文大全 > 工作总结 > 年终总结", "範文大全 > 工作總結 > 年終總結"), "",
                  ("青石镇2025年工作总结(三篇)", "青石鎮2025年工作總結(三篇)"), ("发布时间：2025-01-02 热度：12", "發佈時間：2025-01-02 熱度：12"),
                  ("青石镇2025年工作总结", "青石鎮2025年工作總結"), ("第一篇 青石镇2025年工作总结", "第一篇 青石鎮2025年工作總結"),
                  ) + pick(tw, SUMMARY_ZH, SUMMARY_TW)
    ol, det, _found = view(lines, fmt, tmp_path)
    assert ol.title_lines == [5] and det.how == "title" and det.kind.name == "年度工作总结"
    assert {f.line for f in run(lines, fmt, tmp_path, ("vendor-residue",))} >= {1, 3, 4, 6}   # what the rule reports


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_part_heading_is_no_title_below_plain_text(tw, fmt, tmp_path):
    """Look-alike: a draft with no title whose first lines are text: its plain heading 上半年工作总结
    is a part, not a title found below an advert."""
    lines = draft(tw, ("现将我镇上半年工作情况和下半年打算报告如下，请审阅。", "現將我鎮上半年工作情況和下半年打算報告如下，請審閱。"),
                  ("上半年工作总结", "上半年工作總結"), REVIEW, ("下半年工作计划", "下半年工作計劃"), PLAN)
    ol, det, found = view(lines, fmt, tmp_path)
    assert ol.title_lines == [] and ol.runin_title is None and det is None and found["review"][0].line == 2


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_seller_line_is_never_the_title(tw, fmt, tmp_path):
    """Look-alike: a seller's line naming the report (《…工作总结》来源于网址) is no title."""
    seller = pick(tw, "《青石镇2025年工作总结》来源于好范文网", "《青石鎮2025年工作總結》來源於好範文網")
    lines = [seller] + pick(tw, SUMMARY_ZH, SUMMARY_TW)
    ol, det, _found = view(lines, fmt, tmp_path)
    assert ol.title_lines == [] and det is None
    assert {f.line for f in run(lines, fmt, tmp_path, ("vendor-residue",))} == {1}
    assert run(lines, fmt, tmp_path, ("missing-section",)) == []


# ------------------------------------------------------------------------------------ run-in text

RUNIN_ZH = ("青石镇2025年工作总结 一、主要工作成效 全年新建村级便民服务站六个，改造农村公路十八公里，新增就业岗位四百余个，"
            "各项工作取得新成效。二、存在的问题 产业基础仍然薄弱，村集体经济增收渠道单一。"
            "三、下一步工作打算 我们将继续抓好产业培育和基础设施建设，办好十件民生实事。")
RUNIN_TW = ("青石鎮2025年工作總結 一、主要工作成效 全年新建村級便民服務站六個，改造農村公路十八公里，新增就業崗位四百餘個，"
            "各項工作取得新成效。二、存在的問題 產業基礎仍然薄弱，村集體經濟增收渠道單一。"
            "三、下一步工作打算 我們將繼續抓好產業培育和基礎設施建設，辦好十件民生實事。")


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_run_in_headings_hold_their_parts(tw, fmt, tmp_path):
    text = pick(tw, RUNIN_ZH, RUNIN_TW)
    assert run([text], fmt, tmp_path, SECTIONS + ("numbering",)) == []
    ol, det, found = view([text], fmt, tmp_path)
    assert det.kind.name == "年度工作总结" and ol.runin_title[2].endswith(("工作总结", "工作總結"))
    at = text.index("二、")
    assert [(e.how, e.column) for e in found["problems"]][0] == ("runin", at + 1)
    assert found["plan"][0].how == "runin"


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_run_in_text_missing_a_part_is_reported_at_its_title(tw, fmt, tmp_path):
    text = pick(tw, RUNIN_ZH, RUNIN_TW)
    cut = text[:text.index("二、")]
    text = "第1页共3页" + cut + text[text.index("三、"):]
    got = run([text], fmt, tmp_path, SECTIONS)
    assert [(f.extra["part"], f.column) for f in got] == [("problems", 7)]


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_numbers_in_a_row_are_no_run_in_heading(tw, fmt, tmp_path):
    """Look-alike: …。一、二、三产业融合发展 is a list of numbers, not a heading."""
    text = pick(tw, "全镇经济稳步增长，结构持续优化。一、二、三产业融合发展，农产品加工产值明显提高，带动农民增收。",
                "全鎮經濟穩步增長，結構持續優化。一、二、三產業融合發展，農產品加工產值明顯提高，帶動農民增收。")
    ol, _det, _found = view([text], fmt, tmp_path)
    assert ol.runin == []


# ---------------------------------------------------------------------- the review with no heading

GOV_ZH = ["青石镇2026年政府工作报告", "各位代表：",
          "过去一年，全镇上下团结一心，地区生产总值增长百分之六，新建村级便民服务站六个，改造农村公路十八公里，圆满完成了镇人代会确定的各项目标任务。",
          "一、2026年主要任务", "今年我们将继续抓好产业培育和基础设施建设，办好十件民生实事，推动各项工作再上新台阶。"]
GOV_TW = ["青石鎮2026年政府工作報告", "各位代表：",
          "過去一年，全鎮上下團結一心，地區生產總值增長百分之六，新建村級便民服務站六個，改造農村公路十八公里，圓滿完成了鎮人代會確定的各項目標任務。",
          "一、2026年主要任務", "今年我們將繼續抓好產業培育和基礎設施建設，辦好十件民生實事，推動各項工作再上新台階。"]


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_government_report_reviews_in_its_opening(tw, fmt, tmp_path):
    lines = pick(tw, GOV_ZH, GOV_TW)
    assert run(lines, fmt, tmp_path, SECTIONS) == []
    found = view(lines, fmt, tmp_path)[2]
    assert [(e.line, e.how) for e in found["review"]][:1] in ([(3, "paragraph")], [(3, "opening")])


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_government_report_with_no_review_is_reported(tw, fmt, tmp_path):
    """Look-alike: an opening that only presents the report is no review."""
    lines = pick(tw, GOV_ZH, GOV_TW)
    lines = lines[:2] + [pick(tw, "现在，我代表镇人民政府向大会报告工作，请予审议，并请列席人员提出意见。今年的工作安排如下。",
                              "現在，我代表鎮人民政府向大會報告工作，請予審議，並請列席人員提出意見。今年的工作安排如下。")] + lines[3:]
    got = run(lines, fmt, tmp_path, SECTIONS)
    assert [(f.extra["part"], f.extra["kind"]) for f in got] == [("review", "政府工作报告")]


# ------------------------------------------------------------------- a plan headed by its content

PROMISE = [("青石镇2025年工作总结及2026年工作计划", "青石鎮2025年工作總結及2026年工作計劃"), "一、2025年工作成效", REVIEW,
           ("二、存在的问题", "二、存在的問題"), PROBLEMS, ("三、聚焦产业振兴，推动强村富民", "三、聚焦產業振興，推動強村富民"),
           ("我们将扩大茶叶种植规模，力争村集体经济收入全部超过二十万元。", "我們將擴大茶葉種植規模，力爭村集體經濟收入全部超過二十萬元。")]
PROMISE_ZH, PROMISE_TW = draft(False, *PROMISE), draft(True, *PROMISE)


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_plan_after_the_problems_in_future_words_is_the_plan(tw, fmt, tmp_path):
    lines = pick(tw, PROMISE_ZH, PROMISE_TW)
    assert run(lines, fmt, tmp_path, SECTIONS) == []
    found = view(lines, fmt, tmp_path)[2]
    assert [(e.line, e.how) for e in found["plan"]] == [(6, "position")]


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_chapter_after_the_problems_in_past_words_is_no_plan(tw, fmt, tmp_path):
    """Look-alike: the chapter after the problems tells what was done: the promised plan is missing."""
    lines = pick(tw, PROMISE_ZH, PROMISE_TW)[:-1] + [
        pick(tw, "全镇扩大了茶叶种植规模，村集体经济收入全部超过了二十万元。", "全鎮擴大了茶葉種植規模，村集體經濟收入全部超過了二十萬元。")]
    got = run(lines, fmt, tmp_path, SECTIONS)
    assert [f.extra["part"] for f in got] == ["plan"]


# -------------------------------------------------------------------------------------- numbering

@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_one_style_on_two_levels(tw, fmt, tmp_path):
    body = pick(tw, "全年完成各项目标任务，群众满意度持续提高，干部作风明显转变。", "全年完成各項目標任務，群眾滿意度持續提高，幹部作風明顯轉變。")
    lines = [pick(tw, "青石镇2025年工作总结", "青石鎮2025年工作總結"), "一、总体情况", body, "二、重点工作", body,
             "一、产业发展", body, "二、基础设施", body, "三、民生保障", body, "三、下一步打算", body]
    assert run(lines, fmt, tmp_path, ("numbering",)) == []
    bad = lines[:11] + ["五、下一步打算", body]     # 五、 goes on neither from 三、 nor from 二、
    got = run(bad, fmt, tmp_path, ("numbering",))
    assert [(f.line, f.extra["problem"]) for f in got] == [(12, "gap")]


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_inline_lists_nested_in_an_item(tw, fmt, tmp_path):
    text = pick(tw, "全年工作有两个亮点。一是工业提质增效。在谈项目有两个：一是茶叶加工厂，二是竹木加工厂。二是农业规模经营。三是民生持续改善。",
                "全年工作有兩個亮點。一是工業提質增效。在談項目有兩個：一是茶葉加工廠，二是竹木加工廠。二是農業規模經營。三是民生持續改善。")
    assert run(["青石镇工作情况", text], fmt, tmp_path, ("numbering",)) == []
    bad = text.replace("三是", "二是")
    assert [f.extra["problem"] for f in run(["青石镇工作情况", bad], fmt, tmp_path, ("numbering",))] == ["repeat"]


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_ordinals_that_run_inside_paragraphs(tw, fmt, tmp_path):
    lines = draft(tw, ("青石镇工作情况", "青石鎮工作情況"),
                  ("第一，抓产业。茶园面积稳步扩大。第二，抓项目。三个项目顺利开工。第三，抓民生。办好十件实事。",
                   "第一，抓產業。茶園面積穩步擴大。第二，抓項目。三個項目順利開工。第三，抓民生。辦好十件實事。"),
                  ("第四，抓治理。矛盾纠纷及时化解。第五，抓党建。基层组织全面过硬。", "第四，抓治理。矛盾糾紛及時化解。第五，抓黨建。基層組織全面過硬。"),
                  ("第六，抓作风。干部作风明显转变。", "第六，抓作風。幹部作風明顯轉變。"))
    assert run(lines, fmt, tmp_path, ("numbering",)) == []
    bad = lines[:2] + [lines[2].replace("第四，", "第五，", 1).replace("第五，抓黨建" if tw else "第五，抓党建",
                                                                   "抓黨建" if tw else "抓党建")] + lines[3:]
    got = run(bad, fmt, tmp_path, ("numbering",))
    assert [(f.line, f.extra["problem"]) for f in got] == [(3, "gap")]


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_space_after_the_number_is_the_same_heading(tw, fmt, tmp_path):
    body = pick(tw, "全年完成各项目标任务，群众满意度持续提高，干部作风明显转变，各项事业取得新进展",
                "全年完成各項目標任務，群眾滿意度持續提高，幹部作風明顯轉變，各項事業取得新進展")
    lines = [pick(tw, "青石镇2025年工作总结", "青石鎮2025年工作總結"),
             pick(tw, "一年来，我们重点抓了以下四个方面的工作：", "一年來，我們重點抓了以下四個方面的工作：")]
    for i, mark in enumerate(["（一）", "（二） ", "( 三 ) ", "（四）　"]):
        lines += [mark + pick(tw, "产业发展", "產業發展") + "CDEF"[i], body]
    assert run(lines, fmt, tmp_path, ("count-mismatch", "numbering")) == []
    ol = view(lines, fmt, tmp_path)[0]
    assert [n.number for n in ol.nodes] == [1, 2, 3, 4]
    got = run(lines[:-2], fmt, tmp_path, ("count-mismatch",))
    assert [f.rule for f in got] == ["count-mismatch"]


# ---------------------------------------------------------------------------------------- figures

def fig(lines, fmt, tmp_path):
    return [(f.rule, f.line, f.text) for f in run(lines, fmt, tmp_path, FIGURES)]


# (what, Simplified, Traditional, the codes reported): each class with its look-alike
FIGURE_CASES = [
    ("counts inside the items", "认真落实省“十五条”、市“十二条”、县双八条措施，帮助企业渡过难关。",
     "認真落實省“十五條”、市“十二條”、縣雙八條措施，幫助企業渡過難關。", []),
    ("a count beside its list", "建成东岭、桃溪、云山两个示范村。", "建成東嶺、桃溪、雲山兩個示範村。", ["count-mismatch"]),
    ("a count before its noun", "全乡辖行政村9个，其中11个村建成电商服务站。", "全鄉轄行政村9個，其中11個村建成電商服務站。",
     ["subtotal-exceeds-total"]),
    ("fewer before their noun", "全乡辖行政村9个，其中6个村建成电商服务站。", "全鄉轄行政村9個，其中6個村建成電商服務站。", []),
    ("another noun (村民小组 are not 村)", "全乡辖行政村9个，其中11个村民小组完成改造。",
     "全鄉轄行政村9個，其中11個村民小組完成改造。", []),
    ("a listed item deleted", "今年建成了东岭、三个标准化养殖小区。", "今年建成了東嶺、三個標準化養殖小區。", ["count-mismatch"]),
    ("every item listed", "今年建成了东岭、桃溪、云山三个标准化养殖小区。", "今年建成了東嶺、桃溪、雲山三個標準化養殖小區。", []),
    ("a rate per ten thousand", "每万人拥有执业医师28人，其中全科医生3500人。", "每萬人擁有執業醫師28人，其中全科醫生3500人。", []),
    ("a count and its parts", "全镇拥有执业医师28人，其中全科医生35人。", "全鎮擁有執業醫師28人，其中全科醫生35人。",
     ["subtotal-exceeds-total"]),
]


@pytest.mark.parametrize("what,zh,tw_,codes", FIGURE_CASES, ids=[c[0] for c in FIGURE_CASES])
@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_figures_on_real_documents(tw, fmt, tmp_path, what, zh, tw_, codes):
    assert [x[0] for x in fig([pick(tw, zh, tw_)], fmt, tmp_path)] == codes


@pytest.mark.parametrize("sep", ["；", "﹔", ";", "；其中："])
@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_a_total_with_its_parts_after_semicolons(tw, fmt, tmp_path, sep):
    head = pick(tw, "全年发放各类补助资金合计860万元", "全年發放各類補助資金合計860萬元")
    q = "" if "其中" in sep else pick(tw, "其中", "其中")
    sep0 = sep[0]
    a = pick(tw, "耕地地力保护补贴", "耕地地力保護補貼")
    b = pick(tw, "生猪调出大县奖励", "生豬調出大縣獎勵")
    unit = pick(tw, "万元", "萬元")
    loud = f"{head}{sep}{q}{a}920{unit}{sep0}{b}40{unit}。"
    quiet = f"{head}{sep}{q}{a}620{unit}{sep0}{b}40{unit}。"
    assert [x[0] for x in fig([loud], fmt, tmp_path)] == ["subtotal-exceeds-total"]
    assert fig([quiet], fmt, tmp_path) == []


@pytest.mark.parametrize("tw,fmt", VARIANTS, ids=IDS)
def test_one_named_size_given_twice(tw, fmt, tmp_path):
    a = pick(tw, "东岭村果园连片种植320亩，带动周边农户增收。", "東嶺村果園連片種植320畝，帶動周邊農戶增收。")
    mid = pick(tw, "今年重点推进产业发展和基础设施建设。", "今年重點推進產業發展和基礎設施建設。")
    b = pick(tw, "东岭村果园连片种植302亩，亩均产值八千元。", "東嶺村果園連片種植302畝，畝均產值八千元。")
    got = run([a, mid, b], fmt, tmp_path, ("metric-conflict",))
    assert [(f.line, f.text) for f in got] == [(3, "302" + pick(tw, "亩", "畝"))]
    assert got[0].related[0].line == 1
    same = run([a, mid, a], fmt, tmp_path, ("metric-conflict",))
    assert same == []
    batch = [pick(tw, "东岭村新建大棚20亩。", "東嶺村新建大棚20畝。"), mid, pick(tw, "东岭村新建大棚15亩。", "東嶺村新建大棚15畝。")]
    assert run(batch, fmt, tmp_path, ("metric-conflict",)) == []      # two batches, no contradiction
    other = [a, mid, pick(tw, "桃溪村果园连片种植302亩。", "桃溪村果園連片種植302畝。")]
    assert run(other, fmt, tmp_path, ("metric-conflict",)) == []




@pytest.mark.parametrize("line,seller", [
    ("- 2025-11-03 发布", True), ("- 18.20 KB", True), ("客服QQ：12345678", True), ("第2页共10页", True),
    ("範文大全 > 工作總結 > 年終總結", True), ("青石镇2025年工作总结(三篇)", True), ("第1篇 青石镇2025年工作总结", True),
    ("如有侵權請聯繫刪除", True),
    # titles that look like it
    ("青石镇2025.1-2025.6工作总结", False), ("青石鎮2021-2025年發展規劃", False), ("青石镇第三季度工作总结", False),
    ("青石镇2025年工作总结", False), ("关于青石镇2025年财政预算执行情况的报告", False),
])
def test_seller_lines_and_titles(line, seller):
    from checker import furniture, packs

    shapes = packs.compiled(ctx_for().pack, "vendor", furniture.build_shapes)
    assert shapes.is_seller_line(line) is seller


@pytest.mark.parametrize("lang,words", [("zh", ("行内标题", "标题（行内，第 1 列）", "位置和将来时的措辞")),
                                        ("en", ("heading run into the line", "title (run in, column 1)",
                                                "its place and future wording"))])
def test_outline_says_how_each_part_was_recognised(lang, words, tmp_path):
    from checker.render.outline import OutlineView, render_outline

    pack = ctx_for().pack
    runin = render_outline("t.txt", OutlineView.of(doc_of([RUNIN_ZH], "txt", tmp_path), pack), lang)
    assert words[0] in runin and words[1] in runin
    assert f"1:{RUNIN_ZH.index('二、') + 1}" in runin          # a run-in heading at its column
    placed = render_outline("t.txt", OutlineView.of(doc_of(PROMISE_ZH, "txt", tmp_path), pack), lang)
    assert words[2] in placed
