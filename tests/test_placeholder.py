"""The placeholder rule: every slot form fires, every look-alike stays quiet, in both scripts."""

import pytest

from tests.conftest import findings, texts

# (sentence, the slots it must report) — Simplified and Traditional.
POSITIVE = [
    ("截至年底完成固定资产投资X亿元。", ["X"]),
    ("全镇共有XX个行政村，XXX户。", ["XX", "XXX"]),
    ("全鎮共有XX個行政村，XXX戶。", ["XX", "XXX"]),
    ("新建茶叶基地xxxx亩，完成xx家企业改造。", ["xxxx", "xx"]),
    ("引進ＸＸ企業，新增ｘｘ個崗位。", ["ＸＸ", "ｘｘ"]),
    ("20XX年是“十四五”开局之年。", ["20XX"]),
    ("202X年工作計劃", ["202X"]),
    ("二〇XX年工作总结", ["XX"]),
    ("地区生产总值达x.xx亿元，增长xx.xx%。", ["x.xx", "xx.xx%"]),
    ("地區生產總值達x.xx億元，增長xx.xx%。", ["x.xx", "xx.xx%"]),
    ("成功创建xA级景区村。", ["x"]),
    ("××镇召开专题会议。", ["××"]),
    ("╳╳鎮召開專題會議。", ["╳╳"]),
    ("某某村党支部书记某某同志发言。", ["某某", "某某"]),
    ("某X村获评示范村。", ["某X"]),
    ("○○镇人民政府", ["○○"]),
    ("〇〇鎮人民政府", ["〇〇"]),
    ("□□乡完成任务。", ["□□"]),
    ("■■鄉完成任務。", ["■■"]),
    ("报送单位：＿＿＿＿", ["＿＿＿＿"]),
    ("報送單位：____", ["____"]),
    ("【请填写单位名称】召开会议。", ["【请填写单位名称】"]),
    ("【請填寫單位名稱】召開會議。", ["【請填寫單位名稱】"]),
    ("本年度【填写具体数据】万元。", ["【填写具体数据】"]),
    ("（此处插入图表）", ["（此处插入图表）"]),
    ("（此處插入圖表）", ["（此處插入圖表）"]),
    ("主要成效：[待补充]", ["[待补充]"]),
    ("主要成效：[待補充]", ["[待補充]"]),
    ("具体数字待补充。", ["待补充"]),
    ("具體數字待補充。", ["待補充"]),
    ("完成投资TBD万元，TODO：核对数据。", ["TBD", "TODO"]),
    ("联系电话待填，负责人待填写。", ["待填", "待填写"]),
    ("聯繫電話待填，負責人待填寫。", ["待填", "待填寫"]),
    ("╳鎮人民政府", ["╳"]),
    ("全年共接待游客???人次。", ["???"]),
    ("全年共接待遊客？？人次。", ["？？"]),
]


@pytest.mark.parametrize("sentence,expected", POSITIVE)
def test_slot_forms_fire(sentence, expected):
    got = findings(sentence, "placeholder")
    assert [f.text for f in got] == expected
    assert all(f.severity == "error" for f in got)


def test_soft_marker_is_a_warning():
    got = findings("活动时间待定。", "placeholder")
    assert [(f.text, f.severity) for f in got] == [("待定", "warning")]


LOOKALIKES = [
    "全镇新购X光机2台，X射线防护全面达标。",
    "全鎮新購X光機2臺，X射線防護全面達標。",
    "深入推进“1+X”证书制度试点。",
    "深入推進「1+X」證書制度試點。",
    "推进1+X证书试点工作。",
    "5G基站实现全覆盖，GEP核算试点稳步推进。",
    "PPP项目落地3个，APP上线运行，CPI涨幅控制在3%以内。",
    "PM2.5平均浓度下降10%。",
    "PM2.5平均濃度下降10%。",
    "淘汰Windows XP系统电脑20台。",
    "成功创建4A级景区1个、CD级危房改造完成。",
    "某些地方仍然存在形式主义，某种程度上影响了效率，某一环节出现问题。",
    "某些地方仍然存在形式主義，某種程度上影響了效率，某一環節出現問題。",
    "二〇二五年是“十四五”规划收官之年。",
    "二○○○年以来，累计投入资金3亿元。",
    "【典型案例】桃溪村探索“村企共建”模式。",
    "【典型案例】桃溪村探索「村企共建」模式。",
    "“12345”热线办结率98%。",
    "待填报的统计数据已全部上报。",
    "「12345」熱線辦結率98%。",
    "标准篮球场尺寸为28x15米。",
    "分辨率1920x1080的显示屏。",
    "队伍规模扩大2倍，马拉松赛事Xtreme系列落地。",
    "经济运行稳中有进（见附表）。",
    "会议时间：2025年3月1日（星期六）。",
    "请各村于月底前报送材料。",
    "Mac OS X 与 iPhone X 均不涉及。",
]


@pytest.mark.parametrize("sentence", LOOKALIKES)
def test_lookalikes_do_not_fire(sentence):
    assert findings(sentence, "placeholder") == []


@pytest.mark.parametrize("sentence", ["构建“网格员+三支队伍+X”治理模式。", "推行“3+X”服务模式。",
                                      "推行「N+X」服務模式。"])
def test_formula_x_is_info_at_most(sentence):
    got = findings(sentence, "placeholder")
    assert [f.severity for f in got] == ["info"]
    assert got[0].text == "X"


@pytest.mark.parametrize("sentence,expects", [
    ("完成投资X亿元", "number"), ("20XX年工作总结", "year"), ("XX镇人民政府", "name"),
    ("XX鎮人民政府", "name"), ("于X月X日召开", "date"), ("《X县实施方案》", "name"),
    ("增长x.x%", "number"), ("某某同志", "name"),
])
def test_expectation_in_message(sentence, expects):
    f = findings(sentence, "placeholder")[0]
    assert f.extra["expects"] == expects


def test_message_says_what_and_where_in_both_languages():
    zh = findings("完成投资X亿元", "placeholder")[0]
    assert "“X”" in zh.message and "数字" in zh.message
    en = findings("完成投资X亿元", "placeholder", lang="en")[0]
    assert "“X”" in en.message and "a number" in en.message


def test_columns_are_characters_and_end_is_exclusive():
    f = findings("第一行\n全镇XX个村", "placeholder")[0]
    assert (f.line, f.column, f.end_line, f.end_column, f.text) == (2, 3, 2, 5, "XX")


def test_user_pack_extends_vocabulary(tmp_path):
    pack = tmp_path / "county.toml"
    pack.write_text('[placeholder]\nallow = ["X档案"]\nmarkers = ["待审定"]\n'
                    '[[placeholder.patterns]]\npattern = "＃{2,}"\nseverity = "warning"\nexpects = "编号"\n',
                    encoding="utf-8")
    text = "建立X档案，数据待审定，编号＃＃＃。"
    assert texts(text, "placeholder") == ["X"]
    got = findings(text, "placeholder", packs=(str(pack),))
    assert [(f.text, f.severity) for f in got] == [("待审定", "error"), ("＃＃＃", "warning")]
    assert "编号" in got[1].message


def test_instruction_and_marker_messages():
    [b] = findings("参保率达到【请填写参保率】。", "placeholder")
    assert "填写说明" in b.message and "删去" in b.message
    [m] = findings("具体数字待补充。", "placeholder", lang="en")
    assert m.message == "unfinished-text marker “待补充”: put the real content here"


def _docx_findings(tmp_path, sentences):
    """Each sentence a paragraph, every character its own run: the worst split Word can leave."""
    from checker.engine import check_document
    from checker.readers import read_path
    from tests.conftest import ctx_for
    from tests.docxfactory import make_docx, p, r

    path = make_docx(tmp_path / "d.docx", [p(*[r(c) for c in s]) for s in sentences])
    doc = read_path(path)
    return [f for f in check_document(doc, ctx_for()) if f.rule == "placeholder"]


def test_every_slot_form_in_docx_with_runs_split_everywhere(tmp_path):
    got = _docx_findings(tmp_path, [s for s, _ in POSITIVE])
    expected = [(i, t) for i, (_, slots) in enumerate(POSITIVE, 1) for t in slots]
    assert [(f.line, f.text) for f in got] == expected


def test_no_lookalike_fires_in_docx(tmp_path):
    assert _docx_findings(tmp_path, LOOKALIKES) == []
