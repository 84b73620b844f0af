"""vendor-residue and missing-name: adverts found by their shape, broken sentences where a name was
deleted; look-alikes from real reports stay quiet. Simplified and Traditional, .txt and .docx."""

import json
import re

import pytest

from checker.engine import check_document
from checker.readers import read_path
from checker.rules.residue import _scan, build_vendor
from tests.conftest import SHARED, ctx_for, findings, needs_shared, texts
from tests.docxfactory import docx_from_lines, make_docx, p

LONG = ("今年以来，全镇上下认真贯彻落实县委、县政府决策部署，统筹推进疫情防控和经济社会发展，"
        "各项工作取得明显成效，群众获得感、幸福感、安全感不断增强。")


def vendor(text, **kw):
    return findings(text, "vendor-residue", **kw)


def docx_findings(path, rule=None, lang="zh"):
    doc = read_path(path)
    out = check_document(doc, ctx_for(lang))
    return [f for f in out if rule is None or f.rule == rule]


# ---------------------------------------------------------------------------
# vendor-residue: lines that must fire, each alone on its line

ADVERT_LINES = [
    "青禾范文网",
    "墨香範文站",
    "笔耕文秘网 整理",
    "本文由青禾范文网整理，仅供学习交流，禁止外传。",
    "本文由墨香範文站整理，僅供學習交流，禁止外傳。",
    "如有侵权请联系删除",
    "如有侵權請聯繫刪除",
    "本文档下载后可编辑修改",
    "本文檔下載後可編輯修改",
    "开通VIP会员，海量范文免费下载",
    "開通VIP會員，海量範文免費下載",
    "资料来源于网络，用后删除",
    "資料來源於網絡，用後刪除",
    "客服QQ：3456789012",
    "QQ群 612345678",
    "微信：fanwen_2024",
    "微信號：abc12345",
    "关注公众号“笔杆子”获取更多范文",
    "關注公眾號「筆桿子」獲取更多範文",
    "www.qinghe-wenku.cn",
    "https://moxiang-fw.com/list/12",
    "本文仅供参考",
    "本文僅供參考",
    "（仅供参考）",
    "青禾文库",
    "墨香文庫",
    "下载后请于24小时内删除",
    "禁止外传！",
    "本范文禁止外传",
    "开通会员，免费下载",
    "客服微信：fanwen_2024 电话：13812345678 有偿代写",
]


@pytest.mark.parametrize("line", ADVERT_LINES)
def test_advert_line_fires_on_the_whole_line(line):
    got = vendor(line)
    assert [(f.line, f.column, f.text, f.severity) for f in got] == [(1, 1, line, "error")]


@pytest.mark.parametrize("line", ADVERT_LINES)
def test_advert_line_fires_among_report_lines(line):
    text = "\n".join(["青山镇2025年工作总结", "", line, LONG])
    got = vendor(text)
    assert [(f.line, f.text) for f in got] == [(3, line)]


def test_message_names_what_was_found():
    (f,) = vendor("客服QQ：3456789012")
    assert "QQ号“QQ：3456789012”" in f.message and "删除" in f.message
    (f,) = vendor("客服QQ：3456789012", lang="en")
    assert "QQ number" in f.message and "delete it" in f.message
    (f,) = vendor("墨香範文站")
    assert "网站名“墨香範文站”" in f.message
    assert f.extra["marks"] == ["site"]


def test_advert_at_the_end_of_a_paragraph_reports_only_its_sentences():
    line = LONG + "本文由青禾范文网整理，仅供学习。"
    (f,) = vendor(line)
    assert f.text == "本文由青禾范文网整理，仅供学习。"
    assert f.column == len(LONG) + 1


def test_a_block_of_advert_lines_gives_one_finding_per_line():
    block = [
        "青禾范文网 —— 海量精品范文免费下载",
        "本文档下载后可编辑修改",
        "客服QQ：3456789012",
        "客服电话：400-123-4567",          # a phone number alone is not an advert, beside them it is
        "",
        "商务合作邮箱：hezuo@qinghe-fw.com",
    ]
    text = "\n".join(block + ["", "青山镇2025年工作总结", LONG, "联系电话：0571-87654321"])
    got = vendor(text)
    assert [f.line for f in got] == [1, 2, 3, 4, 6]
    assert [f.text for f in got] == [block[0], block[1], block[2], block[3], block[5]]


def test_two_kinds_of_contact_details_in_a_long_line():
    line = LONG + "需要更多材料请加QQ：3456789012或访问www.qinghe-wenku.cn。"
    (f,) = vendor(line)
    assert f.text == "需要更多材料请加QQ：3456789012或访问www.qinghe-wenku.cn。"


def test_a_drafters_note_next_to_an_advert_is_not_pulled_into_it():
    text = "\n".join(["客服QQ：3456789012", "（征求意见稿，仅供参考）", "青山镇2025年工作总结", LONG])
    assert [f.line for f in vendor(text)] == [1]


def test_contact_lines_of_a_report_are_not_an_advert_block():
    # the report's own contact line, far from any advert, stays quiet
    text = "\n".join(["青禾范文网", "", "青山镇2025年工作总结", LONG, "联系人：李明", "联系电话：13812345678"])
    assert [f.line for f in vendor(text)] == [1]


LOOKALIKES = [
    # a government website cited in a report
    "在中国政府网（www.gov.cn）和县政府门户网站（http://www.qingshan.gov.cn）及时公开政务信息。",
    "在中國政府網（www.gov.cn）和縣政府門戶網站（http://www.qingshan.gov.cn）及時公開政務信息。",
    "县政府网站：www.qingshan.gov.cn",
    "来源：人民网 http://politics.people.com.cn/n1/2025/0101/c1001.html",
    "共产党员网：www.12371.cn",
    "扫码关注“青山发布”公众号",
    "建立党员QQ群12个、微信群30个，及时推送学习资料。",
    "欢迎投稿：qsfb@163.com",
    "进一步加强政府网站建设，全年发布信息1200余条。",
    # hotlines
    "畅通12345热线和服务热线0571-87654321，全年受理群众诉求3000余件，办结率98%。",
    "暢通12345熱線和服務熱線0571-87654321，全年受理群眾訴求3000餘件，辦結率98%。",
    "服务热线：0571-87654321",
    "联系人：李明，联系电话：13812345678",
    "联系邮箱：qsz_office@163.com",
    # the office's own publicity accounts, named in a sentence
    "依托政务公众号“青山发布”和抖音号，全年推送信息300余条，阅读量超50万人次。",
    "依託政務公眾號「青山發布」和抖音號，全年推送信息300餘條，閱讀量超50萬人次。",
    "（三）开通微信公众号“青山发布”",
    "关注群众反映的热点难点问题，开展专题调研5次。",
    # 仅供参考 in a normal sentence, and a drafter's own note
    "以上测算数据仅供参考，最终以统计部门公布的数据为准。",
    "以上測算數據僅供參考，最終以統計部門公佈的數據為準。",
    "（征求意见稿，仅供参考）",
    # words that look like site names but run on, or name a real thing
    "注：维基文库社群认为，本作品属于公有领域。",
    "（五）建设乡村数字文库",
    "建成乡村数字文库，收录地方文献2000余册，开展读书活动12场。",
    "持续开展农村土地整理，新增耕地300亩。",
    "依法打击侵权行为，切实保护知识产权。",
    "会员单位达到56家，工会会员覆盖率达到95%。",
    "推进“互联网+政务服务”，“浙里办”APP注册用户突破10万。",
    # what reports on confidentiality, trade unions and markets say of themselves
    "严格执行涉密文件管理制度，涉密资料禁止外传、用后删除。",
    "嚴格執行涉密文件管理制度，涉密資料禁止外傳。",
    "发展新会员200名，吸纳300名职工成为会员，组织会员免费体检。",
    "密切关注市场动态，及时获取更多信息。",
    "清理违规应用，下载的违规软件已全部删除。",
    "在县门户网站（www.qingshan.com.cn）开设专栏，发布信息200余条。",
    "内部资料 禁止外传",
    "引导群众下载“浙里办”APP、关注“青山发布”公众号，及时获取政策信息。",
    "引導群眾下載「浙里辦」APP、關注「青山發布」公眾號，及時獲取政策信息。",
    "建成乡村数字文库，提供免费下载服务，全年访问量超过2万人次。",
    "登录www.12306.cn下载购票软件，开展助老服务150余次。",
    "县图书馆数字文库，咨询电话0571-87654321。",
    # numbers that are not QQ numbers
    "全年完成投资123456789元。",
]


@pytest.mark.parametrize("line", LOOKALIKES)
def test_lookalikes_stay_quiet(line):
    assert vendor("\n".join(["青山镇2025年工作总结", line, LONG])) == []


def test_lookalikes_next_to_an_advert_are_not_pulled_into_it():
    # a heading right after the advert line is the report's
    text = "\n".join(["墨香範文站", "", "上半年鄉鎮工作總結", "", LONG])
    assert [f.line for f in vendor(text)] == [1]


def test_every_vocabulary_entry_can_match():
    from checker import packs

    voc = packs.load()["vendor"]
    for suffix in voc["site_suffixes"]:
        assert texts(f"青禾{suffix}", "vendor-residue") == [f"青禾{suffix}"], suffix
    for suffix in voc["soft_site_suffixes"]:
        assert texts(f"青禾{suffix}", "vendor-residue") == [f"青禾{suffix}"], suffix
    for word in voc["sales"]:
        line = f"{LONG}{word}。"
        assert texts(line, "vendor-residue") == [f"{word}。"], word
    for word in voc["soft_sales"]:
        assert texts(f"{word}！", "vendor-residue") == [f"{word}！"], word
        assert texts(f"{LONG[:-1]}，{word}。", "vendor-residue") == [], word  # alone in prose: quiet
    for subject in voc["soft_sales_subjects"]:
        line = f"{LONG}{subject}仅供参考。"
        assert texts(line, "vendor-residue") == [f"{subject}仅供参考。"], subject


def test_user_pack_extends_the_vocabulary(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text('[vendor]\nsite_suffixes = ["公文之家"]\nsales = ["仅限本店"]\n', encoding="utf-8")
    assert vendor("青禾公文之家") == []
    assert texts("青禾公文之家", "vendor-residue", packs=(str(pack),)) == ["青禾公文之家"]
    assert texts(LONG + "仅限本店使用。", "vendor-residue", packs=(str(pack),)) == ["仅限本店使用。"]
    # the bundled vocabulary is still there
    assert texts("青禾范文网", "vendor-residue", packs=(str(pack),)) == ["青禾范文网"]


def test_docx_advert_in_body_header_and_footer(tmp_path):
    path = make_docx(tmp_path / "d.docx", [p("墨香範文站"), p(""), p("青山镇2025年工作总结"), p(LONG)],
                     headers=[[p("青禾文库 www.qinghe-wenku.cn")]], footers=[[p("第1页")]])
    got = docx_findings(path, "vendor-residue")
    doc = read_path(path)
    assert [(doc.block(f.line).kind, f.text) for f in got] == [
        ("body", "墨香範文站"), ("header", "青禾文库 www.qinghe-wenku.cn")]


def test_docx_contact_table_is_not_an_advert(tmp_path):
    from tests.docxfactory import table

    rows = [["姓名", "电话", "QQ", "网址"], ["李明", "13812345678", "QQ：3456789012", "www.qingshan-coop.com"]]
    path = make_docx(tmp_path / "d.docx", [p("青山镇2025年工作总结"), p(LONG), table(rows),
                                           table([["青禾范文网"]])])
    got = docx_findings(path, "vendor-residue")
    assert [(f.text, f.location) for f in got] == [("青禾范文网", "表格2 1行1列")]


def test_docx_advert_split_across_runs(tmp_path):
    from tests.docxfactory import r

    path = make_docx(tmp_path / "d.docx", [p(r("本文由青禾"), r("范文"), r("网整理，仅供学"), r("习交流。"))])
    assert [f.text for f in docx_findings(path, "vendor-residue")] == ["本文由青禾范文网整理，仅供学习交流。"]


# ---------------------------------------------------------------------------
# The shared corpus: 003's first line, and nothing else.

@needs_shared
@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_corpus_vendor_residue_is_exactly_the_truth(suffix):
    truth = json.loads((SHARED / "corpus" / "truth.json").read_text(encoding="utf-8"))
    for name, facts in truth.items():
        path = SHARED / "corpus" / (name[:-4] + suffix)
        got = [f.line for f in docx_findings(path, "vendor-residue")]
        assert got == facts.get("vendor_residue_lines", []), name


# ---------------------------------------------------------------------------
# missing-name

BROKEN = [
    ("关于镇2020年工作总结", "关于镇"),
    ("關於鎮2021年工作計劃", "關於鎮"),
    ("关于县二〇二四年重点工作安排的报告", "关于县"),
    ("镇2025年上半年工作总结", "镇"),
    ("鎮2025年上半年工作總結", "鎮"),
    ("全镇村级集体经济收入稳步增长，其中村、村的收入突破30万元。", "村、村"),
    ("全鎮村級集體經濟收入穩步增長，其中村、村的收入突破30萬元。", "村、村"),
    ("我们将坚持生态优先，努力把打造成全县知名的茶叶小镇。", "把打造成"),
    ("我們將堅持生態優先，努力把打造成全縣知名的茶葉小鎮。", "把打造成"),
    ("团结带领全镇干部群众，把建设成为生态宜居的美丽城镇。", "把建设成"),
    ("下一步，将建打造成集观光、研学于一体的农旅综合体。", "将建打造成"),
    ("下一步，將建打造成集觀光、研學於一體的農旅綜合體。", "將建打造成"),
    ("深入挖掘红色资源，结合的镇史村史，编印乡土教材。", "结合的"),
    ("深入挖掘紅色資源，結合的鎮史村史，編印鄉土教材。", "結合的"),
    ("全年重点打造了云岭、两个精品村，带动周边发展。", "、"),
    ("全年重點打造了雲嶺、兩個精品村，帶動周邊發展。", "、"),
]


@pytest.mark.parametrize("text,shown", BROKEN)
def test_missing_name_fires(text, shown):
    got = findings(text, "missing-name")
    assert [(f.text, f.severity) for f in got] == [(shown, "info")]
    assert "名称" in got[0].message


def test_missing_name_message_in_english():
    (f,) = findings("关于镇2020年工作总结", "missing-name", lang="en")
    assert "a name seems to be missing" in f.message


WHOLE = [
    "关于青山镇2020年工作总结",
    "关于全镇2020年工作情况的报告",
    "乡镇2020年工作总结",
    "全镇2020年共完成固定资产投资3.2亿元。",
    "我镇2020年新增规上企业3家。",
    "关于镇党委换届工作的报告",
    "关于市十五届人大三次会议精神的传达",
    "镇2020年至2025年发展规划的编制情况详见附件，全镇各村、各部门要认真对照落实，确保各项任务按期完成。",
    "健全县、乡、村三级医疗卫生服务网络。",
    "镇、村两级干部全部下沉一线。",
    "加强农村、村级组织建设。",
    "其中镇、村两级投入资金500万元。",
    "把建设成果更多惠及全镇群众。",
    "把發展成果更多更公平惠及全體人民。",
    "把建成区绿化覆盖率提高到40%。",
    "该项目将打造成为全省乡村振兴示范点。",
    "将建成高标准农田5000亩。",
    "构建产学研相结合的创新体系，坚持点面结合的工作方法。",
    "坚持以人民为中心，依托的是群众。",
    "坚持一个中心、两个基本点，",
    "覆盖了青山村、两个社区，",
    "完成了道路硬化、两个村的饮水工程。",
    "建成青山、云岭两个精品村，",
    "全年打造了青山、云岭、两个精品村，",
]


@pytest.mark.parametrize("text", WHOLE)
def test_missing_name_leaves_whole_sentences_alone(text):
    assert findings(text, "missing-name") == []


def test_missing_name_in_docx(tmp_path):
    path = docx_from_lines(tmp_path / "d.docx", ["关于镇2020年工作总结", "", LONG])
    got = docx_findings(path, "missing-name")
    assert [(f.line, f.column, f.text) for f in got] == [(1, 1, "关于镇")]


_SLOT = re.compile(r"(?<![A-Za-z])[0-9]*[Xx]+[0-9Xx.]*%?(?![A-Za-z])")


@needs_shared
def test_missing_name_quiet_on_corpus_drafts_and_national_reports():
    for path in sorted((SHARED / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert findings(text, "missing-name") == [], path.name
        filled = _SLOT.sub("青山", text)          # the slots filled with a name
        assert findings(filled, "missing-name") == [], path.name
    for path in sorted((SHARED / "corpus" / "national").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert findings(text, "missing-name") == [], path.name
        assert findings(text, "vendor-residue") == [], path.name


@needs_shared
def test_missing_name_finds_deleted_slots_in_the_corpus():
    """Delete the slots instead of filling them: what fires must be where a slot was."""
    found = 0
    for path in sorted((SHARED / "corpus").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        deleted = "\n".join(_SLOT.sub("", line) for line in lines)
        for f in findings(deleted, "missing-name"):
            assert _SLOT.search(lines[f.line - 1]), (path.name, f.line)
            found += 1
    assert found >= 2


def test_documented_pack_example_works(tmp_path):
    """The pack shown in docs/rules/vendor-residue.md and missing-name.md does what they say."""
    pack = tmp_path / "my.toml"
    pack.write_text(
        '[vendor]\nsite_suffixes = ["公文之家"]\nsoft_site_suffixes = ["文汇站"]\nsales = ["仅限本店使用"]\n'
        'sales_patterns = ["本资料由[^\\\\n。]{1,12}提供"]\nsoft_sales = ["感谢支持"]\n'
        'allow_domains = ["qingshan-news.cn"]\ndraft_notes = ["内部讨论"]\n'
        '[missing_name]\nunits = ["片区"]\nclause_verbs = ["围绕"]\n', encoding="utf-8")
    lines = ["青禾公文之家", "青禾文汇站", LONG + "仅限本店使用。", "本资料由青禾小店提供。", "感谢支持！",
             "www.qingshan-news.cn", "（内部讨论，仅供参考）", "关于片区2025年工作总结", "，围绕的主题活动"]
    got = findings("\n".join(lines), packs=(str(pack),))
    assert [(f.line, f.rule, f.text) for f in got if f.rule in ("vendor-residue", "missing-name")] == [
        (1, "vendor-residue", "青禾公文之家"), (2, "vendor-residue", "青禾文汇站"),
        (3, "vendor-residue", "仅限本店使用。"), (4, "vendor-residue", "本资料由青禾小店提供。"),
        (5, "vendor-residue", "感谢支持！"), (8, "missing-name", "关于片区"), (9, "missing-name", "围绕的")]
    # without the pack only the web address fires (the pack allows its domain)
    assert [f.line for f in findings("\n".join(lines)) if f.rule in ("vendor-residue", "missing-name")] == [6]


@pytest.mark.parametrize("code", ["vendor-residue", "missing-name"])
def test_explain_pages(code):
    from checker.docs import rule_doc

    page = rule_doc(code)
    assert page and page.startswith(f"# {code}")


# ---------------------------------------------------------------------------
# A long draft: the rules look for where a mark may start with one quick scan (patterns.Starts)
# and try their patterns only there; what they find is what the patterns alone find.

_BLOCKS = 150    # (a rule reports 1000 findings at most)


def _long_draft():
    lines = []
    for k in range(_BLOCKS):
        lines += [LONG * 30, ADVERT_LINES[k % len(ADVERT_LINES)], LOOKALIKES[k % len(LOOKALIKES)],
                  BROKEN[k % len(BROKEN)][0], WHOLE[k % len(WHOLE)], ""]
    return "\n".join(lines)


@pytest.mark.parametrize("code", ["vendor-residue", "missing-name"])
def test_a_long_draft_gives_what_the_patterns_alone_give(code, monkeypatch):
    from checker.patterns import Starts
    text = _long_draft()
    assert len(text) >= Starts.MIN_TEXT
    voc = ctx_for("zh").vocab("vendor", build_vendor)
    fast = [(f.line, f.column, f.end_column, f.text, f.message) for f in findings(text, code)]
    marks = _scan(voc, text)
    monkeypatch.setattr(Starts, "MIN_TEXT", len(text) + 1)
    slow = [(f.line, f.column, f.end_column, f.text, f.message) for f in findings(text, code)]
    assert fast == slow
    assert marks == _scan(voc, text)   # every mark, also those a finding does not show
    lines = {line for line, *_ in fast}
    own = 2 if code == "vendor-residue" else 4   # each block's advert line, its broken sentence
    assert all(k * 6 + own in lines for k in range(_BLOCKS))


@pytest.mark.parametrize("line, short", [
    ("字" * 40, True),
    ("字" * 41, False),
    ("\u3000\u3000" + "字" * 40, True),                    # the indent does not count
    ("\u3000\u3000" + "字" * 41, False),
    ("字 " * 40, True),                                      # 80 characters, half of them spaces
    ("字\u3000" * 40 + "字", False),
    ("字\t" * 20 + "\u00a0" * 30 + "字" * 20, True),
    ("字" * 39 + " " * 100 + "字", True),                    # spaces after a long stretch
    ("字" * 39 + " " * 100 + "字字", False),
])
def test_a_short_line_counts_its_characters_spaces_aside(line, short):
    from checker.rules.residue import is_short
    assert is_short(line, 40) is short
