"""The report's period and place, and the rules that compare a draft against them:
stale-year, stale-period, date-after-period, other-place.

Our own sentences, in Simplified and Traditional, as .txt and as .docx with runs split mid-word;
each positive beside the look-alikes that must stay quiet.
"""

import json

import pytest

from checker.engine import check_document
from checker.period import period_of, place_of, title_place
from checker.readers import read_path
from checker.readers.txt import document_from_text
from tests.conftest import SAMPLES, SHARED, ctx_for, findings, needs_shared, run_checker
from tests.docxfactory import make_docx, p, r

CODES = ("stale-year", "stale-period", "date-after-period", "other-place")


def ours(text, **options):
    return [f for f in findings(text, **options) if f.rule in CODES]


def by_rule(text, rule, **options):
    return [f.text for f in findings(text, rule, **options)]


def period(text, **kw):
    doc = document_from_text(text, "t.txt", "utf-8")
    return period_of(doc, ctx_for().pack, kw.get("kind"), kw.get("year"))


def place(text):
    doc = document_from_text(text, "t.txt", "utf-8")
    return place_of(doc, ctx_for().pack)


def draft(title, review=(), plan=(), sign=(), tw=False):
    """A small summary: title, an opening, the review, the problems, the plan, a signature."""
    if tw:
        head = ["一、工作完成情況", "二、存在的問題", "三、下一步工作計劃"]
        opening = "一年來，在縣委、縣政府的堅強領導下，各項工作穩步推進，現將有關情況報告如下。"
        problems = "產業基礎仍然薄弱，村集體經濟增收渠道單一，部分幹部服務群眾的本領還不夠強。"
    else:
        head = ["一、工作完成情况", "二、存在的问题", "三、下一步工作计划"]
        opening = "一年来，在县委、县政府的坚强领导下，各项工作稳步推进，现将有关情况报告如下。"
        problems = "产业基础仍然薄弱，村集体经济增收渠道单一，部分干部服务群众的本领还不够强。"
    lines = [title, "", opening, head[0], *review, head[1], problems, head[2], *plan]
    if sign:
        lines += ["", *sign]
    return "\n".join(lines) + "\n"


# --- the period ---------------------------------------------------------------------------------

@pytest.mark.parametrize("title,review,plan,how", [
    ("西河乡2024年工作总结", (2024, 2024), (2025,), "title"),
    ("西河鄉2024年工作總結", (2024, 2024), (2025,), "title"),
    ("青石镇2025年工作总结及2026年工作计划", (2025, 2025), (2026,), "title"),
    ("青石鎮2025年工作總結和2026年工作計劃", (2025, 2025), (2026,), "title"),
    ("青石镇2026年政府工作报告", (2025, 2025), (2026,), "title"),
    ("魏家镇2025年政府工作报告和2026年工作计划", (2025, 2025), (2026,), "title"),
    ("魏家镇2025年政府工作报告", (2025, 2025), (2026,), "title"),       # its review heading says 2025
])
def test_period_from_the_title(title, review, plan, how):
    text = draft(title, ["全年办结民生实事十二件，群众满意度进一步提高。"])
    if "魏家镇2025年政府工作报告" == title:
        text = text.replace("一、工作完成情况", "一、2025年工作回顾")
    per = period(text)
    assert per.review == review and per.plan == plan and per.how == how and per.line == 1


def test_period_of_a_first_half_summary():
    per = period(draft("西河乡2025年上半年工作总结", ["上半年办结民生实事六件。"]))
    assert per.half == "上半年" and per.review_end == (2025, 6) and per.plan == (2025,)
    assert "2025年上半年" in per.describe() and "2025年下半年" in per.describe()


def test_period_of_a_government_report_from_its_date_line():
    text = "政府工作报告\n——2026年1月20日在东山县第十八届人民代表大会第五次会议上\n\n各位代表：\n一、2025年工作回顾\n全年办结实事十件。\n二、2026年主要任务\n抓好产业发展。\n"
    per = period(text)
    assert per.how == "delivered" and per.line == 2
    assert per.review == (2025, 2025) and per.plan == (2026,) and per.review_end == (2026, 1)


def test_no_year_no_period_and_year_option():
    text = draft("西河乡工作总结", ["全年办结民生实事十二件。"])
    assert period(text) is None
    per = period(text, year=2024)
    assert per.how == "option" and per.review == (2024, 2024)
    assert "--year 2024" in per.describe()


@needs_shared
def test_national_reports_review_the_year_before_their_title():
    for path in sorted((SHARED / "corpus" / "national").glob("gwr-*.txt")):
        year = int(path.stem.split("-")[1])
        doc = read_path(path)
        per = period_of(doc, ctx_for().pack)
        assert per.kind == "政府工作报告", path.name
        assert per.review == (year - 1, year - 1) and per.plan == (year,), path.name


# --- the place ----------------------------------------------------------------------------------

@pytest.mark.parametrize("title,expected", [
    ("西河乡2025年工作总结", ("西河", "乡", "西河乡")),
    ("东山县西河乡2025年工作总结", ("西河", "乡", "西河乡")),
    ("東山縣西河鄉2025年工作總結", ("西河", "乡", "西河鄉")),
    ("关于桃溪镇2025年工作情况的报告", ("桃溪", "镇", "桃溪镇")),
    ("云山街道2025年工作总结", ("云山", "街道", "云山街道")),
    ("2025年东山县人民政府工作报告", ("东山", "县", "东山县")),
])
def test_place_from_a_title(title, expected):
    name, level, _, typed = title_place(title)
    assert (name, level, typed) == expected


@pytest.mark.parametrize("title", ["乡镇人民政府年度工作总结", "2020年度乡镇人大工作总结", "2025年工作总结",
                                   "2025年中华人民共和国国务院政府工作报告", "城乡建设工作总结"])
def test_no_place_in_a_title_without_one(title):
    assert title_place(title) is None


def test_place_from_signature_and_the_clash():
    text = draft("2025年工作总结", ["全年办结民生实事十二件。"], sign=["西河乡人民政府", "2025年12月20日"])
    pl = place(text)
    assert pl.full == "西河乡" and pl.how == "signature"
    text = draft("西河乡2025年工作总结", ["全年办结民生实事十二件。"], sign=["东岭镇人民政府", "2025年12月20日"])
    pl = place(text)
    assert pl.how == "title" and [o.full for o in pl.others] == ["东岭镇"]


# --- stale-year ---------------------------------------------------------------------------------

REVIEW_STALE = {
    False: "2023年，全乡完成固定资产投资1.2亿元，新建农村公路8公里。",
    True: "2023年，全鄉完成固定資產投資1.2億元，新建農村公路8公里。",
}
REVIEW_FINE = {
    False: ["2024年，全乡完成固定资产投资1.3亿元，比2023年增长8%，较上年多完成一千万元。",
            "2021年以来，全乡连续三年保持粮食产量稳定。",
            "2019年，我乡被评为省级文明乡镇。",
            "全乡去年新建的道路于2023年全部验收。",
            "2023年的旧账已于年内全部清理。",
            "2023年，全乡启动集镇污水管网建设，2024年全面完工并投入使用。",
            "2023年，全乡开工建设便民中心，今年已交付使用。"],
    True: ["2024年，全鄉完成固定資產投資1.3億元，比2023年增長8%，較上年多完成一千萬元。",
           "2021年以來，全鄉連續三年保持糧食產量穩定。",
           "2019年，我鄉被評為省級文明鄉鎮。",
           "全鄉去年新建的道路於2023年全部驗收。",
           "2023年的舊賬已於年內全部清理。",
           "2023年，全鄉啟動集鎮污水管網建設，2024年全面完工並投入使用。",
           "2023年，全鄉開工建設便民中心，今年已交付使用。"],
}


@pytest.mark.parametrize("tw", [False, True])
def test_stale_year_in_the_review(tw):
    title = "西河鄉2024年工作總結" if tw else "西河乡2024年工作总结"
    got = findings(draft(title, [REVIEW_STALE[tw], *REVIEW_FINE[tw]], tw=tw), "stale-year")
    assert [f.text for f in got] == ["2023年"]
    assert "2024年" in got[0].message and "标题" in got[0].message and "2023年，全" in got[0].message
    assert got[0].line == 5 and got[0].column == 1


@pytest.mark.parametrize("tw", [False, True])
def test_stale_year_look_alikes_alone(tw):
    title = "西河鄉2024年工作總結" if tw else "西河乡2024年工作总结"
    assert ours(draft(title, REVIEW_FINE[tw], tw=tw)) == []


@pytest.mark.parametrize("tw", [False, True])
def test_stale_year_in_the_plan(tw):
    title = "西河鄉2024年工作總結及2025年工作計劃" if tw else "西河乡2024年工作总结及2025年工作计划"
    stale = "2024年，我們將繼續抓好產業發展。" if tw else "2024年，我们将继续抓好产业发展。"
    fine = ["2025年，我們將辦好十件民生實事，到2027年建成示範園區。" if tw else
            "2025年，我们将办好十件民生实事，到2027年建成示范园区。",
            "2024年是攻堅克難的一年。" if tw else "2024年是攻坚克难的一年。"]
    got = findings(draft(title, ["全年办结民生实事十二件。"], [stale, *fine], tw=tw), "stale-year")
    assert [f.text for f in got] == ["2024年"]
    assert "计划" in got[0].message and "2025" in got[0].message


@pytest.mark.parametrize("date,flagged", [("2024年3月5日", True), ("2023年12月28日", True),
                                          ("二〇二四年四月", True), ("2024年12月20日", False),
                                          ("2024年11月", False), ("2025年1月8日", False)])
def test_stale_year_signature_date(date, flagged):
    text = draft("西河乡2024年工作总结", ["全年办结民生实事十二件。"], sign=["西河乡人民政府", date])
    got = by_rule(text, "stale-year")
    assert got == ([date[:date.index("月") + 1]] if flagged else [])


def test_stale_year_first_half_signature():
    text = draft("西河乡2025年上半年工作总结", ["上半年办结民生实事六件。"], sign=["2025年3月1日"])
    assert by_rule(text, "stale-year") == ["2025年3月"]
    text = draft("西河乡2025年上半年工作总结", ["上半年办结民生实事六件。"], sign=["2025年6月28日"])
    assert by_rule(text, "stale-year") == []


def test_stale_year_silent_without_a_year_and_with_year_option():
    text = draft("西河乡工作总结", [REVIEW_STALE[False]])
    assert by_rule(text, "stale-year") == []
    assert by_rule(text, "stale-year", year=2024) == ["2023年"]
    assert by_rule(text, "stale-year", year=2023) == []


def test_stale_year_government_report_term_review_alone():
    text = ("东山县2026年政府工作报告\n\n各位代表：\n一、过去五年工作回顾\n"
            "2022年，全县完成地区生产总值120亿元。\n2025年，全县完成地区生产总值160亿元。\n"
            "二、2026年主要任务\n2026年，我们将继续抓好产业发展。\n")
    assert by_rule(text, "stale-year") == []
    text = text.replace("过去五年工作回顾", "2025年工作回顾")
    assert by_rule(text, "stale-year") == ["2022年"]


# --- stale-period -------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,tw,expected", [
    ("今年是“十三五”规划收官之年，全乡上下团结一心。", False, "十三五"),
    ("今年是「十三五」規劃收官之年，全鄉上下團結一心。", True, "十三五"),
    ("今年是“十四五”开局之年，我们新建公路8公里。", False, "十四五"),
    ("全乡上下深入学习贯彻党的十九大精神，扎实开展主题教育。", False, "十九大"),
    ("全鄉上下深入學習貫徹黨的十九大精神，紮實開展主題教育。", True, "十九大"),
    ("全乡认真落实“十三五”规划，推动各项工作。", False, "十三五"),
    ("全乡以党的十九届五中全会精神为指导，推动各项工作。", False, "十九届五中全会"),
])
def test_stale_period_found(sentence, tw, expected):
    title = "西河鄉2024年工作總結" if tw else "西河乡2024年工作总结"
    got = findings(draft(title, [sentence], tw=tw), "stale-period")
    assert [f.text for f in got] == [expected]
    assert "2024" in got[0].message and "标题" in got[0].message


@pytest.mark.parametrize("sentence", [
    "党的十八大以来，全乡面貌焕然一新。",
    "“十三五”期间打下的产业基础更加牢固。",
    "“十四五”以来累计投入资金2亿元。",
    "2020年是“十三五”收官之年，全乡脱贫攻坚取得全面胜利。",
    "今年是“十四五”规划的关键之年，全乡新建公路8公里。",
    "全乡深入学习贯彻党的二十大和二十届三中全会精神。",
    "全乡深入学习贯彻党的十九大和二十大精神。",
    "实施“十三五”规划以来，全乡累计新建公路80公里。",
    "县十五届人大代表视察了我乡的重点项目。",
    "深入贯彻党的十八大以来党中央的决策部署。",
])
def test_stale_period_look_alikes_alone(sentence):
    assert by_rule(draft("西河乡2024年工作总结", [sentence]), "stale-period") == []


@pytest.mark.parametrize("title", ["西河乡2024年工作总结", "西河乡工作总结"])
@pytest.mark.parametrize("sentence,expected", [
    ("2023年是“十二五”的开局之年，全乡上下团结一心。", "十二五"),
    ("2023年是〝十二五〞的開局之年，全鄉上下團結一心。", "十二五"),
    ("2025年是“十三五”规划收官之年。", "十三五"),
    ("2022年是“十四五”开局之年。", "十四五"),
    ("2021年是“十四五”开局之年。", None),
    ("2020年是“十三五”收官之年。", None),
    ("2023年是“十四五”承上启下的关键之年。", None),
])
def test_stale_period_a_year_that_does_not_fit_its_plan(title, sentence, expected):
    got = findings(draft(title, [sentence]), "stale-period")
    assert [f.text for f in got] == ([expected] if expected else [])
    if got:
        assert "年份和规划对不上" in got[0].message


def test_stale_period_in_its_own_time_is_current():
    assert by_rule(draft("西河乡2019年工作总结", ["全乡深入学习贯彻党的十九大精神。"]), "stale-period") == []
    assert by_rule(draft("西河乡2022年工作总结", ["全乡深入学习贯彻党的十九大精神。"]), "stale-period") == []
    assert by_rule(draft("西河乡2020年工作总结", ["今年是“十三五”规划收官之年。"]), "stale-period") == []


def test_stale_period_latest_plenum():
    text = draft("西河乡2026年工作总结", ["全乡认真学习贯彻刚刚闭幕的二十届三中全会精神。"])
    got = findings(text, "stale-period")
    assert [f.text for f in got] == ["二十届三中全会"] and "二十届四中全会" in got[0].message
    text = draft("西河乡2024年工作总结", ["全乡认真学习贯彻刚刚闭幕的二十届三中全会精神。"])
    assert by_rule(text, "stale-period") == []


def test_stale_period_pack_extends(tmp_path):
    pack = tmp_path / "p.toml"
    pack.write_text('[[periods.congresses]]\nname = "二十一大"\ndate = "2027-10"\n', encoding="utf-8")
    text = draft("西河乡2029年工作总结", ["全乡深入学习贯彻党的二十大精神。"])
    assert by_rule(text, "stale-period") == []
    assert by_rule(text, "stale-period", packs=(str(pack),)) == ["二十大"]


# --- date-after-period --------------------------------------------------------------------------

@pytest.mark.parametrize("tw", [False, True])
def test_date_after_period(tw):
    title = "西河鄉2024年工作總結" if tw else "西河乡2024年工作总结"
    review = (["截至2025年9月底，全鄉已累計發放補貼300萬元。", "截至2024年11月底，全鄉已累計發放補貼280萬元。",
               "全鄉計劃於2025年3月完成驗收。"] if tw else
              ["截至2025年9月底，全乡已累计发放补贴300万元。", "截至2024年11月底，全乡已累计发放补贴280万元。",
               "全乡计划于2025年3月完成验收。"])
    plan = ["2025年6月，全鄉將建成便民中心。" if tw else "2025年6月，全乡将建成便民中心。"]
    got = findings(draft(title, review, plan, tw=tw), "date-after-period")
    assert [f.text for f in got] == ["2025年9月"]
    assert "2024年12月" in got[0].message


def test_date_after_a_first_half():
    review = ["7月，我乡顺利举办了高山蔬菜采摘节。", "8月，将组织开展防汛演练。", "6月，我乡举办了技能培训。",
              "上半年，全乡完成投资1.2亿元，预计7月底前完成全部验收。"]
    got = findings(draft("西河乡2025年上半年工作总结", review), "date-after-period")
    assert [f.text for f in got] == ["7月"]


def test_date_in_a_government_report_before_delivery():
    text = ("政府工作报告\n——2026年2月3日在东山县第十八届人民代表大会第五次会议上\n\n各位代表：\n"
            "一、2025年工作回顾\n截至2026年1月底，全县已累计发放补贴3亿元。\n截至2026年5月底，全县已累计发放补贴4亿元。\n"
            "二、2026年主要任务\n抓好产业发展。\n")
    assert by_rule(text, "date-after-period") == ["2026年5月"]


# --- other-place --------------------------------------------------------------------------------

# (Simplified, Traditional): a neighbour as the subject twice, then partners, a visitor and our own leaders
OTHER_PLACE = [
    ("今年以来，在县委、县政府的正确领导下，东岭镇党委、政府团结带领全镇干部群众攻坚克难。",
     "今年以來，在縣委、縣政府的正確領導下，東嶺鎮黨委、政府團結帶領全鎮幹部群眾攻堅克難。"),
    ("全东岭镇上下围绕特色种植做文章。", "全東嶺鎮上下圍繞特色種植做文章。"),
    ("我乡与桃溪镇党委、政府签订了协作协议，东岭镇党委书记带队来我乡考察。",
     "我鄉與桃溪鎮黨委、政府簽訂了協作協議，東嶺鎮黨委書記帶隊來我鄉考察。"),
    ("组织干部到东岭镇人民政府学习便民服务经验。", "組織幹部到東嶺鎮人民政府學習便民服務經驗。"),
    ("在县委、县政府和西河乡党委的领导下，桃源村党支部带领群众修路。",
     "在縣委、縣政府和西河鄉黨委的領導下，桃源村黨支部帶領群眾修路。"),
]


@pytest.mark.parametrize("tw", [False, True])
def test_other_place(tw):
    review = [pair[tw] for pair in OTHER_PLACE]
    title = ("西河乡2025年工作总结", "西河鄉2025年工作總結")[tw]
    sign = [("东岭镇人民政府", "東嶺鎮人民政府")[tw], "2025年12月20日"]
    got = findings(draft(title, review, sign=sign, tw=tw), "other-place")
    assert [(f.line, f.text) for f in got] == [(5, sign[0][:3]), (6, sign[0][:3]), (14, sign[0][:3])]
    assert all(title[:3] in f.message for f in got)
    assert "落款" in got[-1].message


def test_other_place_county_and_villages_alone():
    review = ["在县委、县政府的正确领导下，西河乡党委、政府团结带领全乡干部群众攻坚克难。",
              "东山县人民政府对我乡的工作给予充分肯定。", "桃源村党支部、白鹤村委会积极配合。"]
    assert ours(draft("东山县西河乡2025年工作总结", review, sign=["西河乡人民政府", "2025年12月20日"])) == []


def test_other_place_words_before_the_township_organs_are_not_names():
    review = ["全乡上下团结一心，同时镇党委、政府高度重视民生工作。", "各村积极配合镇人民政府做好征地工作。",
              "東嶺鎮黨委、政府高度重視民生工作。"]
    assert ours(draft("西河乡2025年工作总结", review)) == []


def test_other_place_silent_without_a_place():
    review = ["东岭镇党委、政府团结带领全镇干部群众攻坚克难。"]
    assert by_rule(draft("2025年工作总结", review), "other-place") == []


# --- .docx, with runs split mid-word -------------------------------------------------------------

def test_docx_split_runs(tmp_path):
    path = tmp_path / "d.docx"
    make_docx(path, [
        p(r("西河"), r("乡2024"), r("年工作总结"), style="Title"), p(""),
        p("一年来，在县委、县政府的坚强领导下，各项工作稳步推进，现将有关情况报告如下。"),
        p("一、工作完成情况", style="Heading1"),
        p(r("202"), r("3年，全乡完成固定资产投资1.2亿元。")),
        p(r("全乡深入学习贯彻党的十"), r("九大精神。")),
        p(r("截至2025年"), r("9月底，全乡已累计发放补贴300万元。")),
        p(r("东岭"), r("镇党委、政府高度重视民生。")),
        p("二、存在的问题", style="Heading1"), p("产业基础仍然薄弱，村集体经济增收渠道单一。"),
        p("三、下一步工作计划", style="Heading1"), p("抓好产业发展。"), p(""),
        p(r("东岭镇人"), r("民政府")), p(r("2024年"), r("3月5日")),
    ])
    doc = read_path(path)
    got = sorted((f.rule, f.line, f.text) for f in check_document(doc, ctx_for()) if f.rule in CODES)
    assert got == [("date-after-period", 7, "2025年9月"), ("other-place", 8, "东岭镇"), ("other-place", 14, "东岭镇"),
                   ("stale-period", 6, "十九大"), ("stale-year", 5, "2023年"), ("stale-year", 15, "2024年3月")]


# --- samples, corpus, CLI -------------------------------------------------------------------------

COPIED = {"工作总结-沿用旧稿": {"stale-year": 3, "stale-period": 2, "date-after-period": 1},
          "工作總結-沿用舊稿-繁體": {"stale-year": 3, "stale-period": 2, "date-after-period": 1},
          "半年总结-照抄邻镇": {"other-place": 3, "date-after-period": 1},
          "半年總結-照抄鄰鎮-繁體": {"other-place": 3, "date-after-period": 1}}


@pytest.mark.parametrize("stem", sorted(COPIED))
@pytest.mark.parametrize("ext", [".txt", ".docx"])
def test_copied_samples(stem, ext):
    doc = read_path(SAMPLES / f"{stem}{ext}")
    counts = {}
    for f in check_document(doc, ctx_for()):
        counts[f.rule] = counts.get(f.rule, 0) + 1
    assert counts == COPIED[stem]


def test_other_samples_are_silent():
    for path in sorted(SAMPLES.glob("*.*")):
        if path.suffix not in (".txt", ".docx") or path.stem in COPIED:
            continue
        doc = read_path(path)
        assert [f for f in check_document(doc, ctx_for()) if f.rule in CODES] == [], path.name


@needs_shared
def test_silent_on_published_reports_and_corpus_drafts():
    paths = [*sorted((SHARED / "corpus" / "national").glob("*.txt")),
             *(SHARED / "corpus" / "wild" / "docs" / f"{n}.txt" for n in ("001", "003", "005")),
             *sorted((SHARED / "corpus").glob("*.txt")), *sorted((SHARED / "corpus").glob("*.docx"))]
    for path in paths:
        doc = read_path(path)
        assert [f for f in check_document(doc, ctx_for()) if f.rule in CODES] == [], path.name


def test_outline_prints_period_and_place():
    proc = run_checker("outline", SAMPLES / "半年总结-照抄邻镇.txt")
    out = proc.stdout.decode("utf-8")
    assert "时期：总结2025年上半年" in out and "地方：西河乡（依据标题，第 1 行）" in out and "东岭镇" in out
    proc = run_checker("outline", "--format", "json", "--year", "2024", SAMPLES / "工作总结-沿用旧稿.txt")
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data["period"]["how"] == "option" and data["period"]["review"] == [2024, 2024]
    assert data["place"]["name"] == "桃溪" and data["place"]["level"] == "镇"
    proc = run_checker("outline", "--lang", "en", SAMPLES / "数字陷阱-无误.txt")
    assert "period: reviews 2025, plans 2026" in proc.stdout.decode("utf-8")


def test_check_year_option(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(draft("西河乡工作总结", [REVIEW_STALE[False]]), encoding="utf-8")
    proc = run_checker("check", "--format", "json", "--select", "stale-year", path)
    assert json.loads(proc.stdout.decode("utf-8"))["files"][0]["findings"] == []
    proc = run_checker("check", "--format", "json", "--year", "2024", "--select", "stale-year", path)
    assert [f["text"] for f in json.loads(proc.stdout.decode("utf-8"))["files"][0]["findings"]] == ["2023年"]
    proc = run_checker("check", "--year", "twenty", path)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr


def test_a_bad_period_entry_is_one_line_naming_it(tmp_path):
    pack = tmp_path / "p.toml"
    pack.write_text('[[periods.plenums]]\nname = "二十届五中全会"\ndate = "明年"\n', encoding="utf-8")
    path = tmp_path / "d.txt"
    path.write_text(draft("西河乡2025年工作总结", ["全年办结民生实事十二件。"]), encoding="utf-8")
    proc = run_checker("check", "--pack", pack, path)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "二十届五中全会" in err and "YYYY-MM" in err and "Traceback" not in err


@pytest.mark.parametrize("tw", [False, True])
def test_stale_year_a_sense_of_gain_is_not_an_honour(tw):
    """获得感 (the people's sense of gain) is not 获得 an honour: the paragraph is still this year's claim."""
    title = "西河鄉2024年工作總結" if tw else "西河乡2024年工作总结"
    para = ("2023年，全鄉完成固定資產投資1.2億元，群眾獲得感不斷增強。" if tw else
            "2023年，全乡完成固定资产投资1.2亿元，群众获得感不断增强。")
    assert [f.text for f in findings(draft(title, [para], tw=tw), "stale-year")] == ["2023年"]


# --- the scans that pick the lines to read (issue #19) ----------------------------------------------
# The rules read only the lines a scan of the text as written finds; these check that the scans
# find every line the rules' own patterns, run on the folded line, would match: Traditional forms,
# full-width digits, the first line, a table cell among the lines.

from checker import outline as O
from checker.document import Block, Document
from checker.hanzi import _TABLE, fold, fold_sources
from checker.period import signature_lines
from checker.rules import period as RP


def test_fold_sources_are_exactly_what_folds_to_a_character():
    every = {chr(k) for k in _TABLE} | set(_TABLE.values()) | set("年月截至镇全")
    for c in every:
        assert set(fold_sources(c)) == {x for x in every if fold(x) == c}, c
    assert fold_sources("会") == "会會" and fold_sources("會") == "" and fold_sources("3") == "3３"


LEAD_WORDS = ["十九届五中全会", "十四五", "镇党委", "截至", "过去五年"]
LEAD_TEXTS = ["全乡以党的十九届五中全会精神为指导。", "全鄉以黨的十九屆五中全會精神為指導。", "十九届人大代表",
              "“十四五”开局", "東嶺鎮黨委、政府", "截至２０２５年９月底", "過去五年", "过去五十年", "十四",
              "镇党", "党委镇", ""]


@pytest.mark.parametrize("text", LEAD_TEXTS)
def test_lead_scans_find_what_the_folded_text_has(text):
    named = any(w in fold(text) for w in LEAD_WORDS)
    assert any(s.search(text) for s in RP._lead_scans(LEAD_WORDS)) == named
    if named:   # a prefix of each word finds at least as much
        assert any(s.search(text) for s in RP._lead_scans(LEAD_WORDS, 2))


ALL_OF_TEXTS = [("全东岭镇上下围绕特色种植做文章。", True), ("全東嶺鎮上下圍繞特色種植做文章。", True),
                ("，全桃溪乡干部群众齐心协力", True), ("，全桃溪鄉幹部群眾齊心協力", True),
                ("全东岭山镇广大党员", True), ("全東嶺山鎮廣大黨員", True), ("。全西河乡共有耕地三万亩", True),
                ("全年完成地区生产总值", False), ("全镇划分网格86个", False), ("全體幹部", False),
                ("全东镇上下", False), ("全东岭镇政府", False), ("全东岭县上下", False), ("", False)]


@pytest.mark.parametrize("text,named", ALL_OF_TEXTS)
def test_all_of_hint_finds_what_all_of_finds(text, named):
    assert (RP._ALL_OF.search(fold(text)) is not None) == named
    if named:
        assert RP._ALL_OF_HINT.search(text)
    elif "全年" in text or "全镇" in text or "全體" in text:   # 全 alone does not make a line a candidate
        assert RP._ALL_OF_HINT.search(text) is None


@pytest.mark.parametrize("line", ["今年是“十四五”规划的开局之年", "第十四五", "十五五届", "〝十三五〞和十四五规划",
                                  "九五十五十五五", "十四五十四五", "「十一五」、十二五、第十三五", "十五届十五"])
def test_plan_matches_are_those_of_the_whole_pattern(line):
    voc = RP.build_vocab(ctx_for().pack["periods"])
    got = [(m.span(), m.group(1)) for m in RP._plan_matches(line, voc)]
    assert got == [(m.span(), m.group(1)) for m in voc.plan_re.finditer(line)]


def _doc(lines, kinds=None):
    kinds = kinds or {}
    return Document("t.txt", "txt", [Block(i, t, kinds.get(i, "body")) for i, t in enumerate(lines, 1)])


def test_lines_that_open_with_a_year_or_a_date():
    doc = _doc(["2023年，全乡完成投资。", "正文一段，2023年，不在行首。", "\u3000\u3000２０２２年，全鄉完成投資。",
                "（一）二〇二四年三月，举办培训。", "第三，2021年是关键之年。", "一是2020年度，完成任务。", "2023 年，空格隔开。"])
    lines = RP._Lines(doc, O.of(doc, ctx_for().pack), ctx_for().pack)
    assert lines.leads() == [1, 3, 4, 5, 6]


def test_hits_and_body_lines_skip_table_cells_and_titles():
    doc = _doc(["西河乡2024年工作总结", "", "全乡深入学习贯彻党的十九大精神。", "十九大", "贯彻十九大精神，落实十九大部署。"],
               {4: "table"})
    pack = ctx_for().pack
    ol = O.of(doc, pack)
    lines = RP._Lines(doc, ol, pack)
    hits = lines.hits(RP.build_vocab(pack["periods"]).period_hint)
    assert hits == [3, 4, 5]
    assert [n for n, _, _ in lines.body(hits)] == [3, 5]


@pytest.mark.parametrize("n", range(-2, 9))
def test_signature_lines_are_the_last_body_lines(n):
    doc = _doc(["西河乡2024年工作总结", "", "全年办结民生实事十二件。", "表格一格", "产业基础仍然薄弱。", "", "西河乡人民政府",
                "表格二格", "2024年12月20日"], {4: "table", 8: "table"})
    ol = O.of(doc, ctx_for().pack)
    assert signature_lines(doc, ol, n) == [k for k in ol.body_lines if doc.block(k).kind == "body"][-n:]


# (Simplified, Traditional): a stale year, a date after the period, a stale plenum, a stale plan year
FULL_WIDTH = [("２０２３年，全乡完成固定资产投资1.2亿元。", "２０２３年，全鄉完成固定資產投資1.2億元。"),
              ("截至２０２５年９月底，全乡已累计发放补贴300万元。", "截至２０２５年９月底，全鄉已累計發放補貼300萬元。"),
              ("全乡以党的十九届五中全会精神为指导，推动各项工作。", "全鄉以黨的十九屆五中全會精神為指導，推動各項工作。"),
              ("２０２４年，我们将继续抓好产业发展。", "２０２４年，我們將繼續抓好產業發展。")]


@pytest.mark.parametrize("tw", [False, True])
def test_full_width_years_and_dates_are_read(tw):
    title = ("西河乡2024年工作总结及2025年工作计划", "西河鄉2024年工作總結及2025年工作計劃")[tw]
    *review, plan = [pair[tw] for pair in FULL_WIDTH]
    got = sorted((f.rule, f.line, f.text) for f in ours(draft(title, review, [plan], tw=tw)))
    assert got == [("date-after-period", 6, "２０２５年９月"), ("stale-period", 7, ("十九届五中全会", "十九屆五中全會")[tw]),
                   ("stale-year", 5, "２０２３年"), ("stale-year", 11, "２０２４年")]


def test_full_width_years_in_a_docx_with_split_runs(tmp_path):
    path = tmp_path / "d.docx"
    make_docx(path, [
        p(r("西河鄉2024"), r("年工作總結"), style="Title"), p(""),
        p("一年來，在縣委、縣政府的堅強領導下，各項工作穩步推進，現將有關情況報告如下。"),
        p("一、工作完成情況", style="Heading1"),
        p(r("２０"), r("２３年，全鄉完成固定資產投資1.2億元。")),
        p(r("截至２０２５"), r("年９月底，全鄉已累計發放補貼300萬元。")),
        p(r("全鄉深入學習貫徹黨的十"), r("九屆五中全會精神。")),
        p("二、存在的問題", style="Heading1"), p("產業基礎仍然薄弱，村集體經濟增收渠道單一。"),
        p("三、下一步工作計劃", style="Heading1"), p("抓好產業發展。"),
    ])
    got = sorted((f.rule, f.line, f.text) for f in check_document(read_path(path), ctx_for()) if f.rule in CODES)
    assert got == [("date-after-period", 6, "２０２５年９月"), ("stale-period", 7, "十九屆五中全會"),
                   ("stale-year", 5, "２０２３年")]


@pytest.mark.parametrize("tw", [False, True])
def test_stale_year_a_term_review_in_traditional(tw):
    text = ("東山縣2026年政府工作報告\n\n各位代表：\n一、過去五年工作回顧\n"
            "2022年，全縣完成地區生產總值120億元。\n二、2026年主要任務\n2026年，我們將繼續抓好產業發展。\n")
    if not tw:
        text = fold(text)
    assert by_rule(text, "stale-year") == []
    assert by_rule(text.replace("過去五年" if tw else "过去五年", "2025年"), "stale-year") == ["2022年"]


# --- the review ends at a paragraph that reads like the problems ------------------------------------

CUT = {False: ["西河乡2024年工作总结", "", "一、产业发展", "2023年，全乡完成固定资产投资1.2亿元。", "二、民生保障",
               "在肯定成绩的同时，我们也清醒地看到工作中还有不少短板。", "三、基层治理", "2023年，全乡完成村级阵地改造12个。",
               "四、下一步工作计划", "抓好产业发展。"],
       True: ["西河鄉2024年工作總結", "", "一、產業發展", "2023年，全鄉完成固定資產投資1.2億元。", "二、民生保障",
              "在肯定成績的同時，我們也清醒地看到工作中還有不少短板。", "三、基層治理", "2023年，全鄉完成村級陣地改造12個。",
              "四、下一步工作計劃", "抓好產業發展。"]}


@pytest.mark.parametrize("tw", [False, True])
def test_unnamed_review_chapters_end_at_a_problems_paragraph(tw, tmp_path):
    lines = CUT[tw]
    doc = document_from_text("\n".join(lines) + "\n", "t.txt", "utf-8")
    parts = RP.parts_by_line(doc, O.of(doc, ctx_for().pack), ctx_for().pack)
    assert parts[3:9] == ["review", "review", "review", "review", None, None] and parts[9] == "plan"
    # a year left in a chapter of the review is flagged; the same line after the problems paragraph is not
    assert [(f.line, f.text) for f in findings("\n".join(lines) + "\n", "stale-year")] == [(4, "2023年")]
    path = tmp_path / "cut.docx"
    make_docx(path, [p(lines[0], style="Title"), p("")] + [
        p(t, style="Heading1") if t[1:2] == "、" else p(r(t[:3]), r(t[3:])) for t in lines[2:]])
    got = [(f.line, f.text) for f in check_document(read_path(path), ctx_for()) if f.rule == "stale-year"]
    assert got == [(4, "2023年")]
