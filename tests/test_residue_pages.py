"""vendor-residue: what a 范文 site wraps around a template — its words to its readers, site names off
the suffix lists, service numbers, the page furniture copied with the text (shape "page") and advert
blocks at the top or bottom of a file — and the report's own sentences that must stay quiet.
Our own sentences, Simplified and Traditional, full- and half-width punctuation, .txt and .docx."""

import pytest

from checker.engine import check_document
from checker.readers import read_path
from tests.conftest import ctx_for, findings
from tests.docxfactory import make_docx, p, r, table

TITLE = "青山镇2025年工作总结"
BODY = ("今年以来，全镇上下认真贯彻落实县委、县政府决策部署，统筹推进产业发展和民生保障，"
        "各项工作取得明显成效，群众获得感、幸福感不断增强。")


def vendor(text, **kw):
    return findings(text, "vendor-residue", **kw)


# A site speaking to its readers: each line alone must fire, whole.
SELLER_LINES = [
    "小编给大家整理了几篇乡镇工作总结，供您参考。",
    "小編給大家整理了幾篇鄉鎮工作總結,供您參考。",
    "以下是我为大家收集的优秀范文，一起来看看吧",
    "以下是我為大家收集的優秀範文,一起來看看吧",
    "希望这篇文章对你有所帮助",
    "本文由网友投稿，不代表本网立场。",
    "本文由網友投稿,不代表本網立場。",
    "（阅读全部内容，您需要先登录！）",
    "(閱讀全部內容,您需要先登錄!)",
    "如需代写请联系客服老师",
    "更多精彩范文请关注本站",
    "點擊下載完整版",
    "文章来源：青禾秘书网",
    "原创作品，转载请注明出处。",
    "欢迎阅读青山镇工作总结。",
    "如果您对本文有疑问，请联系网站客服。",
    # site names off the suffix lists
    "公文派网",
    "笔杆子秘书网",
    "青禾写材料网",
    "墨香學習網",
    # a seller's service number
    "客服电话：400-123-4567",
    "客服熱線:0571-88886666",
]


@pytest.mark.parametrize("line", SELLER_LINES)
def test_seller_line_fires_whole(line):
    got = vendor("\n".join([TITLE, BODY, line]))
    assert [(f.line, f.text, str(f.severity)) for f in got] == [(3, line, "error")]


def test_seller_sentence_at_the_end_of_a_paragraph_reports_only_that_sentence():
    (f,) = vendor(BODY + "以上就是小编为你整理的内容。")
    assert f.text == "以上就是小编为你整理的内容。"
    assert "网站对读者说的话" in f.message


REPORT_SENTENCES = [
    "欢迎各位代表提出宝贵意见。",
    "以上报告，供各位代表审议。",
    "以上報告,供各位代表審議。",
    "始终关注群众需求，解决群众急难愁盼问题。",
    "工会组织会员阅读经典书目，开展读书分享会。",
    "依法调解版权争议案件5件，鼓励原创作品创作。",
    "政务平台用户上传资料2000余份。",
    "群众需先登录平台进行注册，可立即下载APP办理业务。",
    "组织党员干部认真阅读全文，撰写心得体会。",
    "下面，我给大家分享几点体会。",
    "希望对大家的工作有所帮助。",
    "（三）完善农村电网",
    "（五）建设乡村数字文库",
    "县综合文化站",
    "便民服务站",
    "服务热线：0571-87654321",
    "服務熱線:0571-87654321",
    "在学习强国平台开展答题活动，参与党员1200人次。",
    "发展新会员200名，组织会员免费体检。",
]


@pytest.mark.parametrize("line", REPORT_SENTENCES)
def test_report_sentences_stay_quiet(line):
    assert vendor("\n".join([TITLE, line, BODY])) == []


# ---------------------------------------------------------------------------
# Page furniture: one finding per line, saying it came with the copied web page.

PAGE_LINES = [
    ("发布时间：2025-01-08 浏览次数：128", "meta"),
    ("發佈時間:2025-01-08 瀏覽次數:128", "meta"),
    ("时间：2025-01-08 10:22:31 作者：会员投稿", "meta"),
    ("时间:2025-01-08 10:22:31 总结 我要投稿", "meta"),
    ("2025-01-08 发布", "published"),
    ("- 36.5 KB", "size"),
    ("我要投稿", "nav"),
    ("上一篇：青山镇2024年工作总结", "nav"),
    ("下一篇:青山鎮2024年工作總結", "nav"),
    ("相关推荐", "nav"),
    ("閱讀全文", "nav"),
    ("栏目", "nav"),
    ("首页 > 工作总结 > 乡镇工作总结", "breadcrumb"),
    ("首頁 > 工作總結 > 鄉鎮工作總結", "breadcrumb"),
    ("当前位置：首页 > 党建材料", "breadcrumb"),
    ("Tag: 工作总结, 乡镇总结, 年终总结", "tags"),
    ("标签：工作总结 乡镇", "tags"),
    ("第2页共10页", "page-number"),
    ("第3篇 青山镇2025年工作总结", "article-number"),
    ("第三篇：青山鎮2025年工作總結", "article-number"),
    ("青山镇2025年工作总结（精选5篇）", "collection-title"),
    ("青山鎮2025年工作總結(精選5篇)", "collection-title"),
    ("乡镇年度工作总结范文", "collection-title"),
    ("鄉鎮年度工作總結範文", "collection-title"),
    ("乡镇工作总结篇二", "collection-title"),
    ("乡镇述职报告十二篇", "collection-title"),
]


@pytest.mark.parametrize("line,what", PAGE_LINES)
def test_page_furniture_fires_once_per_line(line, what):
    got = vendor("\n".join([TITLE, BODY, line, BODY]))
    assert [(f.line, f.text) for f in got] == [(3, line)]
    assert got[0].extra == {"shape": "page", "page": what}
    assert "网页" in got[0].message


def test_page_furniture_message_in_english():
    (f,) = vendor("\n".join([TITLE, "发布时间：2025-01-08 浏览次数：128", BODY]), lang="en")
    assert "came with a copied web page" in f.message


def test_a_page_count_glued_to_the_text_is_reported_alone():
    (f,) = vendor("第1页共10页" + TITLE + BODY)
    assert (f.column, f.text) == (1, "第1页共10页")


NOT_PAGE = [
    "时间：2025年3月1日 地点：镇会议室",
    "時間:2025年3月1日 地點:鎮會議室",
    "来源：国家统计局",
    "第一篇 开启全面建设社会主义现代化国家新征程",
    "（三）撰写调研报告三篇",
    "撰写调研报告三篇。",
    "本报告共分三篇",
    "产业链延伸：种植 > 加工 > 销售",
    "组织开展优秀范文评选",
    "2025年12月20日",
    "栏目设置丰富，群众喜闻乐见。",
    "首页改版后访问量明显上升。",
]


@pytest.mark.parametrize("line", NOT_PAGE)
def test_report_lines_that_look_like_page_furniture_stay_quiet(line):
    assert vendor("\n".join([TITLE, line, BODY])) == []


# ---------------------------------------------------------------------------
# Advert blocks

TOP_BLOCK = [
    "青禾范文网",
    "资料每日更新、海量共享",
    "每天分享实用文档",
    "开通VIP即享全部资料",
    "【严禁转卖】",
    "VIP交流群：见主页",
    "客服微信：qinghe_fw",
    "本文档下载后可编辑修改",
    "精品文档",
]


def test_a_block_at_the_top_is_reported_line_by_line_up_to_the_title():
    got = vendor("\n".join([*TOP_BLOCK, "", TITLE, BODY]))
    assert [f.line for f in got] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert [f.line for f in got if f.extra.get("shape") == "advert-block"] == [2, 3]


def test_a_block_at_the_top_in_traditional():
    block = ["墨香範文站", "資料每日更新、海量共享", "【嚴禁轉賣】", "客服微信：moxiang_fw"]
    got = vendor("\n".join([*block, "各位代表：", BODY]))
    assert [f.line for f in got] == [1, 2, 3, 4]


def test_a_block_at_the_bottom_after_the_signature():
    text = "\n".join([TITLE, BODY, "青山镇人民政府", "2025年12月20日", "青禾范文网", "资料每日更新、海量共享",
                      "客服微信：qinghe_fw", "感谢您的支持"])
    assert [f.line for f in vendor(text)] == [5, 6, 7, 8]


def test_one_seller_line_makes_no_block():
    text = "\n".join(["青禾范文网", "资料每日更新、海量共享", TITLE, BODY])
    assert [f.line for f in vendor(text)] == [1]


def test_the_drafters_notes_and_the_report_are_not_pulled_into_a_block():
    text = "\n".join(["（征求意见稿）", "青禾范文网", "资料每日更新、海量共享", "客服微信：qinghe_fw", TITLE,
                      "加强组织领导", BODY])
    assert [f.line for f in vendor(text)] == [2, 3, 4]


def test_page_numbers_inside_a_report_pasted_from_a_pdf_make_no_block():
    lines = [TITLE, "今年以来全镇上下认真贯彻", "落实县委县政府决策部署", "第1页共10页", "统筹推进产业发展和民生",
             "保障各项工作取得明显成效", "第2页共10页", "全镇上下团结一心"]
    assert [f.line for f in vendor("\n".join(lines))] == [4, 7]


def test_a_pack_adds_page_words_and_seller_patterns(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text('[vendor]\npage_words = ["一键复制"]\nseller_patterns = ["亲[，,]?本店"]\n', encoding="utf-8")
    text = "\n".join([TITLE, "一键复制", "亲，本店资料均可编辑", BODY])
    assert vendor(text) == []
    assert [f.line for f in vendor(text, packs=(str(pack),))] == [2, 3]


# ---------------------------------------------------------------------------
# .docx: runs split anywhere; headers and footers; tables

def _docx(tmp_path, body, **kw):
    path = make_docx(tmp_path / "d.docx", body, **kw)
    return [f for f in check_document(read_path(path), ctx_for()) if f.rule == "vendor-residue"]


def _split(text):
    return p(*[r(c) for c in text])


def test_seller_lines_and_page_furniture_in_docx_with_runs_split(tmp_path):
    lines = [TITLE, BODY] + SELLER_LINES + [line for line, _ in PAGE_LINES]
    got = _docx(tmp_path, [_split(s) for s in lines])
    assert [(f.line, f.text) for f in got] == [(i, s) for i, s in enumerate(lines, 1) if i > 2]


def test_report_sentences_stay_quiet_in_docx(tmp_path):
    lines = [TITLE] + REPORT_SENTENCES + NOT_PAGE + [BODY]
    assert _docx(tmp_path, [_split(s) for s in lines]) == []


def test_docx_page_count_in_the_footer_is_the_documents_own(tmp_path):
    got = _docx(tmp_path, [p(TITLE), p(BODY)], footers=[[p("第", r("1"), "页 共", r("10"), "页")]])
    assert got == []


def test_docx_table_cells_are_not_page_furniture(tmp_path):
    rows = [["项目", "成果"], ["调研", "撰写调研报告三篇"], ["宣传", "乡镇工作总结范文"]]
    assert _docx(tmp_path, [p(TITLE), table(rows), p(BODY)]) == []


def test_docx_advert_block_at_the_top(tmp_path):
    got = _docx(tmp_path, [_split(s) for s in [*TOP_BLOCK, TITLE, BODY]])
    assert [f.line for f in got] == list(range(1, len(TOP_BLOCK) + 1))


MORE_PAGE_LINES = [
    ("作者：佚名 阅读：1234", "meta"),
    ("2024-11-14 閱讀：1234次", "meta"),
    ("浏览1234次 2024/11/14", "meta"),          # a counter and a web date, no colon at all
    ("瀏覽 98 次 2024-11-14", "meta"),
    ("阅读 1234 08:15:30", "meta"),
    ("原标题：青山镇召开工作会议", "meta"),
    ("【字体：大 中 小】【打印】【关闭】", "nav"),
    ("展开阅读全文", "nav"),
]


@pytest.mark.parametrize("line,what", MORE_PAGE_LINES)
def test_more_page_furniture(line, what):
    got = vendor("\n".join([TITLE, BODY, line, BODY]))
    assert [(f.line, f.extra.get("page")) for f in got] == [(3, what)]


@pytest.mark.parametrize("line", ["阅读：《习近平谈治国理政》第四卷", "閱讀:《鄉土中國》"])
def test_a_reading_list_is_not_a_page_counter(line):
    assert vendor("\n".join([TITLE, line, BODY])) == []


@pytest.mark.parametrize("line", ["来源：青禾作文网", "來源:墨香作文網", "本文来自：青禾秘书网"])
def test_a_site_name_after_a_source_label(line):
    assert [f.text for f in vendor("\n".join([TITLE, BODY, line]))] == [line]


def test_every_page_word_fires_as_a_line_of_its_own():
    from checker import packs

    for word in packs.load()["vendor"]["page_words"]:
        got = vendor("\n".join([TITLE, BODY, word, BODY]))
        assert [f.line for f in got] == [3], word


def test_the_documented_pack_keys_work(tmp_path):
    """The new keys shown in docs/rules/vendor-residue.md and placeholder.md do what the comments say."""
    import re

    from tests.conftest import ROOT

    for page in ("vendor-residue", "placeholder"):
        text = (ROOT / "docs" / "rules" / f"{page}.md").read_text(encoding="utf-8")
        block = re.search(r"```toml\n(.*?)```", text, re.S).group(1)
        (tmp_path / f"{page}.toml").write_text(block, encoding="utf-8")
    pack = (str(tmp_path / "vendor-residue.toml"), str(tmp_path / "placeholder.toml"))
    lines = [TITLE, BODY, "亲，本店资料均可编辑", "青禾党课网", "引自：青禾作文网", "访问量：1024", "一键复制",
             "第1篇 青山镇党委会议纪要", BODY]
    assert [f.line for f in vendor("\n".join(lines))] == []
    assert [f.line for f in vendor("\n".join(lines), packs=pack)] == [3, 4, 5, 6, 7, 8]
    slots = "集装箱吞吐量  标箱，同比增长约标箱。\n工号：      "
    assert findings(slots, "placeholder") == []
    got = findings(slots, "placeholder", packs=pack)
    assert [(f.text, f.extra["expects"]) for f in got] == [("  ", "number"), ("约标箱", "number"),
                                                           ("      ", "number")]
