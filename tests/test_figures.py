"""Figure consistency: the extractor, and every finding kind with real-looking sentences,
Simplified and Traditional, .txt and .docx (tables included), plus the look-alikes that
must stay silent."""

from __future__ import annotations

from fractions import Fraction

import pytest

from checker import figures as F
from checker.engine import check_document, make_context
from checker.packs import load
from checker.readers import read_path
from tests.conftest import findings
from tests.docxfactory import docx_from_lines, make_docx, p, table

CODES = {"subtotal-exceeds-total", "parts-sum-mismatch", "count-mismatch", "rate-out-of-range",
         "metric-conflict", "table-total-mismatch"}
UNITS = F.Units.from_pack(load(())["figures"])


def fig(text):
    return F.extract(text, UNITS)


def got(text, lang="zh", **kw):
    """(code, severity, flagged text) of the figure findings on a text."""
    return [(f.rule, f.severity, f.text) for f in findings(text, lang=lang, **kw) if f.rule in CODES]


def codes(text, **kw):
    return [c for c, _s, _t in got(text, **kw)]


def docx_findings(tmp_path, body, name="t.docx", lang="zh"):
    path = make_docx(tmp_path / name, body)
    doc = read_path(path)
    return [f for f in check_document(doc, make_context(lang=lang)) if f.rule in CODES]


# --------------------------------------------------------------------------- the extractor

@pytest.mark.parametrize("numeral,value,place", [
    ("三", 3, 1), ("十二", 12, 1), ("二十", 20, 10), ("一千二百", 1200, 100), ("一千二", 1200, 100),
    ("三万五千", 35000, 1000), ("一百零五", 105, 1), ("两千", 2000, 1000), ("一亿二千万", 120000000, 10 ** 7),
    ("十万", 100000, 100000), ("二〇二五", 2025, 1),
])
def test_chinese_numerals(numeral, value, place):
    assert F.parse_chinese(numeral) == (value, place)


@pytest.mark.parametrize("bad", ["三四", "零五", "万万", "十十", "亿万"])
def test_chinese_numeral_lookalikes_are_not_numbers(bad):
    assert F.parse_chinese(bad) is None


def test_multipliers_are_matched_atomically_and_exactly():
    [a, b] = fig("财政赤字1.18万亿元，地方9300亿元")
    assert (a.text, a.dim, a.value, a.unit) == ("1.18万亿元", "money", Fraction(118, 100), "万亿元")
    assert a.lo == Fraction(1175 * 10 ** 9) and a.hi == Fraction(1185 * 10 ** 9)
    assert isinstance(a.lo, (int, Fraction)) and isinstance(b.hi, (int, Fraction))  # exact, never floats
    assert not any(isinstance(x, float) for f in fig("约1.5万亩、0.35亿元、12‰、20余户") for x in (f.lo, f.hi, f.value))
    assert b.value * b.scale == 930_000_000_000


def test_full_width_digits_and_thousands_separators():
    [a] = fig("完成６，０００万元")
    assert a.value == 6000 and a.scale == 10000
    [b] = fig("受理1,860件")
    assert (b.value, b.lo, b.hi) == (1860, 1860, 1860)  # counted, not rounded


@pytest.mark.parametrize("text,lo,hi", [
    ("二十余个村", 20, 30), ("20多家企业", 20, 30), ("100余人", 100, 200),
    ("超过1000人", 1000, None), ("不少于50户", 50, None), ("1000人以上", 1000, None),
    ("不足30户", 0, 30), ("50户以下", 0, 50), ("约500万元", 4500000, 5500000),
    ("500万元左右", 4500000, 5500000), ("10-20万元", 95000, 205000), ("10至20万元", 95000, 205000),
])
def test_approximations_and_ranges_are_bounds(text, lo, hi):
    [f] = fig(text)
    assert f.lo == lo and f.hi == hi
    assert not f.exact


def test_written_precision_gives_the_interval():
    [a] = fig("1.83万亿元")
    assert (a.lo, a.hi) == (Fraction(1825 * 10 ** 9), Fraction(1835 * 10 ** 9))
    [b] = fig("500万元")
    assert (b.lo, b.hi) == (4995000, 5005000)


def test_units_group_by_dimension_with_conversions():
    mu, ha, sqm = fig("1.5万亩、100公顷、2万平方米")
    assert mu.dim == ha.dim == sqm.dim == "area"
    assert ha.value * ha.scale == 1_000_000 and mu.value * mu.scale == 10_000_000
    km, m = fig("5公里、300米")
    assert km.dim == m.dim == "length"
    people, visits, hh, villages, firms = fig("3万人、5万人次、120户、3个、5家")
    assert [people.dim, visits.dim, hh.dim, villages.dim, firms.dim] == \
        ["people", "person-times", "households", "count:个", "count:家"]


def test_percent_permille_points_and_percent_words():
    a, b, c, d = fig("占比12.5%，出生率8‰，提高3个百分点，达百分之六十")
    assert (a.dim, b.dim, c.dim, d.dim) == ("percent", "percent", "pp", "percent")
    assert b.value * b.scale == Fraction(8, 10) and d.value == 60


def test_slots_are_unknown_and_never_added():
    a, b = fig("投入X万元，参保率达xx.xx%")
    assert a.slot and a.dim == "money" and a.lo is None
    assert b.slot and b.dim == "percent"
    assert F.add([a, b]) == (None, None)


@pytest.mark.parametrize("text", ["统一零售价", "一是抓党建，二是抓发展", "全国两会精神", "千家万户", "十四五规划",
                                  "三令五申", "统一思想"])
def test_words_with_numeral_characters_are_not_figures(text):
    assert fig(text) == []


def test_traditional_units():
    [a, b] = fig("財政收入3.2億元，新增1.5萬畝")
    assert (a.dim, a.value * a.scale) == ("money", 320_000_000)
    assert b.dim == "area"


# --------------------------------------------------------------------------- subtotal-exceeds-total

SUBTOTAL = [
    "全镇财政收入完成500万元，其中税收收入完成300万元，非税收入完成260万元。",
    "全鎮財政收入完成500萬元，其中稅收收入完成300萬元，非稅收入完成260萬元。",
    "全年完成固定资产投资3.2亿元，其中政府投资2.6亿元，社会投资9000万元。",
    "全年完成固定資產投資3.2億元，其中政府投資2.6億元，社會投資9000萬元。",
    "全年受理群众来信1860件，其中办结1952件。",
    "全年受理群眾來信1860件，其中辦結1952件。",
    "新建产业路5条，改造通村路4条，合计8条。",
    "完成植树造林1200亩（其中生态林800亩、经济林600亩），成活率稳定。",
    "截至9月底完成固定资产投资1.6亿元；财政收入完成500万元，其中税收收入完成300万元，非税收入完成260万元。",
    "财政收入完成500万元，其中：税收收入完成300万元；非税收入完成260万元。",
    "財政收入完成500萬元，其中稅收收入完成300萬元﹔非稅收入完成260萬元。",
    # a growth note between the total and 其中; 增加值 is an amount, not a change
    "全年实现地区生产总值18.6亿元，同比增长6.5%，其中第一产业增加值3.2亿元，第二产业增加值8.1亿元，第三产业增加值8.3亿元。",
    "全年爭取上級資金2.3億元，比上年增長15%，其中中央資金8000萬元，省級資金9000萬元，市縣資金7000萬元。",
    # targets add up too; parts that share their first words are parallel
    "预计全年完成土地流转3.6万亩，其中流转给合作社1.2万亩，流转给家庭农场8000亩，流转给企业1.8万亩。",
]


@pytest.mark.parametrize("text", SUBTOTAL)
def test_parts_above_total_fire(text):
    out = got(text)
    assert [(c, s) for c, s, _t in out] == [("subtotal-exceeds-total", "error")]


@pytest.mark.parametrize("text", [
    "全镇共有企业120家，其中规上企业30家，限上企业25家，小微企业80家。",
    "全鎮共有企業120家，其中規上企業30家，限上企業25家，小微企業80家。",
])
def test_counted_parts_above_total_are_a_warning(text):
    """Things counted by kind may fall in two kinds at once: the sum is a warning, not an error."""
    [f] = [f for f in findings(text) if f.rule in CODES]
    assert (f.rule, f.severity) == ("subtotal-exceeds-total", "warning")
    assert "135家（30家 + 25家 + 80家）" in f.message and "互不重叠" in f.message


def test_message_shows_the_arithmetic_in_both_languages():
    text = "全年完成固定资产投资3.2亿元，其中政府投资2.6亿元，社会投资9000万元。"
    [f] = [f for f in findings(text) if f.rule == "subtotal-exceeds-total"]
    assert f.message.startswith("其中各项合计 3.5亿元（2.6亿元 + 9000万元），超过总数 3.2亿元")
    [e] = [f for f in findings(text, lang="en") if f.rule == "subtotal-exceeds-total"]
    assert "3.5亿元" in e.message and "2.6亿元 + 9000万元" in e.message and "total 3.2亿元" in e.message
    [one] = [f for f in findings("全年受理群众来信1860件，其中办结1952件。") if f.rule == "subtotal-exceeds-total"]
    assert "办结" in one.message and "1952件" in one.message and "1860件" in one.message
    assert one.text == "1952件"


SUBTOTAL_SILENT = [
    # the list ends where a new measure begins (the issue's own example)
    "财政收入完成1200万元，其中税收收入完成300万元，非税收入完成900万元，规模以上企业工业总产值400亿元。",
    # parts that add up, with a unit conversion and rounding (1.83万亿 + 9300亿 = 2.76万亿)
    "财政赤字2.76万亿元，其中中央财政赤字1.83万亿元，地方财政赤字9300亿元。",
    "財政赤字2.76萬億元，其中中央財政赤字1.83萬億元，地方財政赤字9300億元。",
    # rounding: 1.55 + 1.66 = 3.21, written as 3.2
    "完成投资3.2亿元，其中政府投资1.55亿元，社会投资1.66亿元。",
    # a change, an average, a rise: the number before 其中 is no total
    "财政收入比上年增加1500万元，其中税收收入增加1800万元。",
    "近五年年均超收2040万元，其中去年2573万元。",
    "低保标准由每月500元提高到800元，其中农村低保由400元提高到900元。",
    # approximations widen the total
    "全年接待游客约20万人次，其中过夜游客21万人次。",
    "总投资1000余万元，其中财政资金800万元，自筹资金250万元。",
    # a non-exhaustive 其中 list below its total
    "完成投资5000万元，其中道路建设2000万元。",
    # different dimensions: money total, area part
    "投入资金300万元，其中新建高标准农田500亩。",
    # slots never take part
    "财政收入完成X万元，其中税收收入完成X万元，非税收入完成X万元。",
    # a later number in the sentence that is not in the list
    "村级集体经济收入达800万元，其中东岭村突破50万元，全镇消除5万元以下薄弱村，新增项目投资900万元。",
    # 合计 counting something else
    "开展培训12期，共计培训1500人次。",
    # 其中 after two coordinated amounts may take in both: no telling which is the total
    "全镇有行政村12个，社区3个，其中省级文明村5个。",
    "全鎮有行政村12個、社區3個，其中省級文明村5個。",
    # parts on different axes: the list stops at the first part
    "结对帮扶对象500人，其中党员200人，妇女350人。",
]


@pytest.mark.parametrize("text", SUBTOTAL_SILENT)
def test_subtotal_lookalikes_stay_silent(text):
    assert [c for c in codes(text) if c in ("subtotal-exceeds-total", "parts-sum-mismatch")] == []


# --------------------------------------------------------------------------- parts-sum-mismatch

@pytest.mark.parametrize("text", [
    "财政收入完成1000万元，其中税收收入600万元，非税收入300万元。",
    "財政收入完成1000萬元，其中稅收收入600萬元，非稅收入300萬元。",
    "全镇户籍人口12000人，其中男性5800人、女性5900人。",
    "总投资800万元，其中一期、二期分别为300万元、400万元。",
    "新建道路10条，硬化道路5条，合计20条。",
])
def test_exhaustive_parts_below_total_are_info(text):
    out = got(text)
    assert [(c, s) for c, s, _t in out] == [("parts-sum-mismatch", "info")]


def test_parts_sum_message():
    [f] = [f for f in findings("财政收入完成1000万元，其中税收收入600万元，非税收入300万元。")
           if f.rule == "parts-sum-mismatch"]
    assert "900万元（600万元 + 300万元）" in f.message and "少 100万元" in f.message


@pytest.mark.parametrize("text", [
    "财政收入完成1000万元，其中税收收入600万元，非税收入400万元。",   # adds up exactly
    "完成投资5000万元，其中道路2000万元，水利1000万元。",              # not said to be complete
])
def test_parts_sum_silent(text):
    assert codes(text) == []


# --------------------------------------------------------------------------- count-mismatch

COUNT = [
    ("建成东岭、桃溪、云山、望江三个示范村。", "三个"),
    ("建成東嶺、桃溪、雲山、望江三個示範村。", "三個"),
    ("创成北溪、新和、白鹤、深垟五个美丽乡村样板村。", "五个"),
    ("重点打造了青光、两个茶叶基地。", "两个"),
    ("重點打造了青光、兩個茶葉基地。", "兩個"),
    ("创成全国文明村3个（桃源村、白鹤村）。", "3个"),
    ("創成全國文明村3個（桃源村、白鶴村）。", "3個"),
    ("建成示范村3个：东岭村、桃溪村。", "3个"),
    ("建成示範村3個：東嶺村、桃溪村。", "3個"),
]


@pytest.mark.parametrize("text,stated", COUNT)
def test_counts_contradicting_their_lists_fire(text, stated):
    out = [f for f in findings(text) if f.rule == "count-mismatch"]
    assert len(out) == 1 and out[0].severity == "error"
    assert stated in out[0].message


def test_count_message_names_the_items():
    [f] = [f for f in findings("建成东岭、桃溪、云山、望江三个示范村。") if f.rule == "count-mismatch"]
    assert "列出 4 项" in f.message and "东岭、桃溪、云山、望江" in f.message
    [e] = [f for f in findings("建成东岭、桃溪、云山、望江三个示范村。", lang="en") if f.rule == "count-mismatch"]
    assert "lists 4" in e.message


COUNT_SILENT = [
    "创成北溪、新和、白鹤、深垟四个美丽乡村样板村。",
    "成功打造“省级美丽城镇样板、山区治理样板、农业绿色发展示范区”三大标杆。",
    "持续打响“蓝天、碧水、净土、清废”四大攻坚战。",
    "新建白茶、蔬菜、水果等五个基地。",
    "更好利用国内国际两个市场、两种资源。",
    "坚持“一个中心、两个基本点”。",
    "二、打好四个攻坚战",
    "在党的十九大、二十大精神指引下。",
    "覆盖29个省（自治区、直辖市）。",
    "在“稳、进、好”三个字上下功夫。",
    "东岭村、桃溪村三个项目全部完工。",
    "东岭、桃溪两村三个项目全部完工。",
    "新建、改扩建农村公路12条。",
    "完成两、三个村的改造。",
    "东岭、桃溪、云山各两个示范点。",
    "東嶺、桃溪、雲山每村三個示範點。",
    "下一步重点做好几个方面的工作。",
    "重点工作有4项：招商、环境、治理。",
    "建成示范村3个：东岭村、桃溪村、云山村，完成投资500万元。",
]


@pytest.mark.parametrize("text", COUNT_SILENT)
def test_count_lookalikes_stay_silent(text):
    assert codes(text) == []


STATED_THREE_OF_FOUR = [
    "下一步重点抓好以下四个方面工作。",
    "一、抓好产业发展。推进茶叶提质增效。",
    "二、抓好人居环境。推进垃圾分类。",
    "三、抓好社会治理。推进矛盾调处。",
    "各位代表，让我们团结一心，再接再厉。",
]


def test_stated_count_against_numbered_items_txt():
    out = [f for f in findings("\n".join(STATED_THREE_OF_FOUR)) if f.rule == "count-mismatch"]
    assert [(f.line, f.text) for f in out] == [(1, "以下四个方面")]
    assert "3 项" in out[0].message


def test_stated_count_traditional_and_inline():
    text = "下一步重點抓好以下三個方面：一是推進產業發展；二是改善人居環境；三是加強社會治理；四是抓好黨建。"
    assert codes(text) == ["count-mismatch"]
    ok = "下一步重点抓好以下三个方面：一是推进产业发展；二是改善人居环境；三是加强社会治理。"
    assert codes(ok) == []


@pytest.mark.parametrize("lines", [
    ["下一步重点抓好以下三个方面工作。", "一、抓好产业发展。", "二、抓好人居环境。", "三、抓好社会治理。", "各位代表："],
    # items marked otherwise (——): not counted, silent
    ["重点抓好以下四个方面：", "——抓产业。", "——抓环境。", "——抓治理。"],
    # sub-items of another shape inside the items do not count
    ["重点抓好以下两个方面：", "（一）抓好产业。一是茶叶；二是蔬菜；三是水果。", "（二）抓好环境。", "三、其他工作"],
])
def test_stated_count_silent(lines):
    assert codes("\n".join(lines)) == []


def test_stated_count_docx(tmp_path):
    body = [p(STATED_THREE_OF_FOUR[0])] + [p(s, style="Heading2") for s in STATED_THREE_OF_FOUR[1:4]] + \
        [p(STATED_THREE_OF_FOUR[4])]
    out = docx_findings(tmp_path, body)
    assert [(f.rule, f.line) for f in out] == [("count-mismatch", 1)]


# --------------------------------------------------------------------------- rate-out-of-range

@pytest.mark.parametrize("text", [
    "城乡居民基本医疗保险参保率达101.5%。",
    "城鄉居民基本醫療保險參保率達101.5%。",
    "家庭医生签约服务覆盖率达到120%。",
    "信访事项按期办结率为100.6%。",
    "第三产业增加值占比108%。",
])
def test_bounded_rates_above_100_fire(text):
    assert got(text)[0][:2] == ("rate-out-of-range", "error") and len(got(text)) == 1


@pytest.mark.parametrize("text", [
    "规上工业增加值同比增长135%。",
    "完成全年目标任务的112%。",
    "参保率达100%，同比提高3个百分点。",
    "参保率比上年提高120%。",
    "城乡居民养老保险参保率达xx%。",
    "森林覆盖率达68.5%，旅游收入增长150%。",
    "满意度达99.8%。",
    "參保率達100%，完成目標任務的112%。",
])
def test_unbounded_or_valid_rates_stay_silent(text):
    assert codes(text) == []


def test_rate_message():
    [f] = [f for f in findings("参保率达101.5%。") if f.rule == "rate-out-of-range"]
    assert "101.5%" in f.message and "100%" in f.message
    [e] = [f for f in findings("参保率达101.5%。", lang="en") if f.rule == "rate-out-of-range"]
    assert "cannot exceed 100%" in e.message


def test_user_pack_adds_a_bounded_rate(tmp_path):
    pack = tmp_path / "county.toml"
    pack.write_text('[figures]\nbounded_rates = ["设施完好率"]\n', encoding="utf-8")
    text = "村级设施完好率达105%。"
    assert [f.rule for f in findings(text) if f.rule in CODES] == []
    assert [f.rule for f in findings(text, packs=(str(pack),)) if f.rule in CODES] == ["rate-out-of-range"]


# --------------------------------------------------------------------------- metric-conflict

def test_same_village_area_two_values():
    text = "\n".join([
        "一、产业发展",
        "桃源村大棚面积197亩，带动农户增收。",
        "二、乡村建设",
        "桃源村大棚面积194亩，已全部投产。",
    ])
    out = [f for f in findings(text) if f.rule == "metric-conflict"]
    assert [(f.line, f.severity, f.text) for f in out] == [(4, "warning", "194亩")]
    assert "197亩" in out[0].message and "第 2 行为" in out[0].message
    [en] = [f for f in findings(text, lang="en") if f.rule == "metric-conflict"]
    assert "197亩 at line 2" in en.message


def test_same_period_income_two_values_traditional():
    text = "2024年全鎮財政收入完成860萬元，穩步增長。\n2024年全鎮財政收入完成880萬元。"
    assert codes(text) == ["metric-conflict"]


@pytest.mark.parametrize("text", [
    # different periods
    "2023年全镇财政收入完成800万元。\n2024年全镇财政收入完成860万元。",
    # actual against target
    "全镇财政收入完成860万元。\n力争全镇财政收入完成950万元。",
    # different villages
    "桃源村大棚面积197亩。\n白鹤村大棚面积194亩。",
    # generic names in different paragraphs without a period: not provably the same thing
    "农业总产值达5亿元。\n农业总产值达6亿元。",
    # same value written twice
    "桃源村大棚面积197亩。\n桃源村大棚面积197亩。",
    # rounding: 1.5万亩 and 15000亩 are the same
    "桃源村茶园面积1.5万亩。\n桃源村茶园面积15000亩。",
])
def test_metric_lookalikes_stay_silent(text):
    assert codes(text) == []


# --------------------------------------------------------------------------- tables (.docx)

def _table_rows(total="1230", col_total=None):
    rows = [["村名", "茶园面积（亩）", "蔬菜面积（亩）", col_total or "合计"],
            ["东岭村", "320", "80", "400"],
            ["桃溪村", "410", "90", "500"],
            ["云山村", "270", "60", "330"],
            ["合计", "1000", "230", total]]
    return rows


def test_table_total_row_mismatch(tmp_path):
    rows = _table_rows()
    rows[4][1] = "1100"  # 320 + 410 + 270 = 1000
    out = docx_findings(tmp_path, [p("表1 各村种植面积"), table(rows)])
    assert [(f.rule, f.severity, f.text) for f in out] == [("table-total-mismatch", "error", "1100")]
    f = out[0]
    assert "1000" in f.message and "320 + 410 + 270" in f.message and f.location.startswith("表格1")


def test_table_total_column_mismatch_traditional(tmp_path):
    rows = [["村名", "茶園面積（畝）", "蔬菜面積（畝）", "合計"],
            ["東嶺村", "320", "80", "410"],
            ["桃溪村", "410", "90", "500"],
            ["合計", "730", "170", "910"]]
    out = docx_findings(tmp_path, [table(rows)])
    assert [(f.rule, f.text) for f in out] == [("table-total-mismatch", "410")]
    assert "400" in out[0].message


@pytest.mark.parametrize("rows,bad", [
    ([["村名", "参保人数", "参保率（%）"], ["东岭村", "1200", "98.5"], ["桃溪村", "860", "101.2"]], "101.2"),
    ([["村名", "參保人數", "參保率"], ["東嶺村", "1200", "98.5%"], ["桃溪村", "860", "103%"]], "103%"),
])
def test_table_rate_column_above_100(tmp_path, rows, bad):
    out = docx_findings(tmp_path, [table(rows)])
    assert [(f.rule, f.text) for f in out] == [("rate-out-of-range", bad)]
    assert "100%" in out[0].message


@pytest.mark.parametrize("rows", [
    [["村名", "参保率（%）", "增长率（%）"], ["东岭村", "98.5", "135"], ["桃溪村", "100", "112"]],
    [["村名", "参保率", "完成率"], ["东岭村", "98.5%", "112%"], ["桃溪村", "99%", "120%"]],
    [["村名", "参保率提高（百分点）"], ["东岭村", "1.5"], ["桃溪村", "2"]],
    [["村名", "参保率"], ["东岭村", "98"], ["桃溪村", "101"]],  # no % anywhere: not sure it is a percentage
])
def test_table_rates_that_may_exceed_100_or_are_fine(tmp_path, rows):
    assert docx_findings(tmp_path, [table(rows)]) == []


def test_table_total_english(tmp_path):
    rows = _table_rows()
    rows[4][2] = "250"
    [f] = docx_findings(tmp_path, [table(rows)], lang="en")
    assert "add up to 230" in f.message


@pytest.mark.parametrize("rows", [
    _table_rows(),
    # a share column is never summed
    [["村名", "户数", "占比（%）"], ["东岭村", "120", "40"], ["桃溪村", "180", "70"], ["合计", "300", "100"]],
    # rounding: 1.24 + 2.31 = 3.55, written 3.6? no: a total written with less precision
    [["项目", "投资（亿元）"], ["道路", "1.24"], ["水利", "2.31"], ["合计", "3.6"]],
    # 其中 rows are subsets, not addends
    [["项目", "投资（万元）"], ["道路", "500"], ["其中：村道", "200"], ["水利", "300"], ["合计", "800"]],
    # slots in the table: unknown, silent
    [["项目", "投资（万元）"], ["道路", "X"], ["水利", "300"], ["合计", "XX"]],
])
def test_tables_that_add_up_or_cannot_be_judged(tmp_path, rows):
    assert docx_findings(tmp_path, [table(rows)]) == []


# --------------------------------------------------------------------------- the same findings in .docx paragraphs

@pytest.mark.parametrize("text,code", [
    (SUBTOTAL[0], "subtotal-exceeds-total"),
    (SUBTOTAL[3], "subtotal-exceeds-total"),
    (COUNT[0][0], "count-mismatch"),
    (COUNT[4][0], "count-mismatch"),
    ("城乡居民基本医疗保险参保率达101.5%。", "rate-out-of-range"),
    ("城鄉居民基本醫療保險參保率達101.5%。", "rate-out-of-range"),
    ("建成東嶺、桃溪、雲山、望江三個示範村。", "count-mismatch"),
    ("總投資800萬元，其中一期、二期分別為300萬元、400萬元。", "parts-sum-mismatch"),
    ("財政收入完成1000萬元，其中稅收收入600萬元，非稅收入300萬元。", "parts-sum-mismatch"),
])
def test_docx_paragraphs(tmp_path, text, code):
    path = docx_from_lines(tmp_path / "d.docx", ["标题", text])
    doc = read_path(path)
    out = [f for f in check_document(doc, make_context()) if f.rule in CODES]
    assert [(f.rule, f.line) for f in out] == [(code, 2)]


@pytest.mark.parametrize("lines", [
    ["一、产业发展", "桃源村大棚面积197亩，带动农户增收。", "二、乡村建设", "桃源村大棚面积194亩，已全部投产。"],
    ["一、產業發展", "桃源村大棚面積197畝，帶動農戶增收。", "二、鄉村建設", "桃源村大棚面積194畝，已全部投產。"],
])
def test_docx_metric_conflict(tmp_path, lines):
    path = make_docx(tmp_path / "m.docx", [p(lines[0], style="Heading1"), p(lines[1]), p(lines[2], style="Heading1"),
                                           p(lines[3])])
    doc = read_path(path)
    out = [f for f in check_document(doc, make_context()) if f.rule in CODES]
    assert [(f.rule, f.severity, f.line, f.text) for f in out] == [("metric-conflict", "warning", 4, lines[3][7:11])]


def test_docx_table_cell_sentence(tmp_path):
    """A sentence inside a table cell is checked like any other line."""
    rows = [["事项", "说明"], ["财政", SUBTOTAL[0]]]
    out = docx_findings(tmp_path, [table(rows)])
    assert [f.rule for f in out] == ["subtotal-exceeds-total"]
    assert out[0].location.startswith("表格1 2行2列")


# --------------------------------------------------------------------------- placeholder suggests a count

@pytest.mark.parametrize("text,slot,n", [
    ("创成全国文明村x个(桃源村、白鹤村)。", "x", 2),
    ("創成全國文明村x個（桃源村、白鶴村）。", "x", 2),
    ("建成示范村XX个（东岭村、桃溪村、云山村）。", "XX", 3),
    ("建成示范村X个：东岭村、桃溪村、云山村。", "X", 3),
    ("东岭、桃溪、云山x个示范村全部通过验收。", "x", 3),
    ("東嶺、桃溪、雲山x個示範村全部通過驗收。", "x", 3),
])
def test_placeholder_suggests_the_count(text, slot, n):
    [f] = findings(text, "placeholder")
    assert f.text == slot and f.extra["suggest"] == n and f"应填 {n}" in f.message
    [e] = findings(text, "placeholder", lang="en")
    assert f"so {n} belongs here" in e.message


@pytest.mark.parametrize("text", ["全镇xx个村（社区）。", "完成X个项目（东岭村、桃溪村）。", "覆盖X个省（自治区、直辖市）。",
                                  "建成X个基地（茶叶、蔬菜等）。", "新建白茶、蔬菜、水果等x个基地。",
                                  "东岭、桃溪x个村。", "在东岭、桃溪、云山新建x个基地。",
                                  "重点工作有X项：招商、环境、治理。"])
def test_placeholder_makes_no_suggestion_without_a_clear_list(text):
    [f] = findings(text, "placeholder")
    assert "suggest" not in f.extra and "列出了" not in f.message


def test_rule_can_be_selected_and_disabled(tmp_path):
    text = SUBTOTAL[0]
    assert codes(text) == ["subtotal-exceeds-total"]
    pack = tmp_path / "off.toml"
    pack.write_text('[checker]\ndisable = ["subtotal-exceeds-total"]\n', encoding="utf-8")
    assert codes(text, packs=(str(pack),)) == []


def test_user_pack_adds_a_unit(tmp_path):
    pack = tmp_path / "units.toml"
    pack.write_text('[figures.units]\n"标准箱" = ["cigarettes", "1"]\n"万标准箱" = ["cigarettes", "10000"]\n',
                    encoding="utf-8")
    text = "全年卷烟销量1.2万标准箱，其中一类烟9000标准箱，二类烟4000标准箱。"
    assert codes(text) == []
    assert codes(text, packs=(str(pack),)) == ["subtotal-exceeds-total"]
