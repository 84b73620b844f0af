"""`checker check --format html`: one self-contained page, tested as text and in a real headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lhtml

from checker.document import Block, Document
from checker.findings import FileResult, Finding
from checker.render.html import CSP, CSS, JS, _hash, render
from tests.conftest import SHARED, json_report, needs_shared, run_checker
from tests.docxfactory import make_docx, p, table

ARTIFACTS = Path(__file__).parent / "artifacts"

EVIL = ("工作总结\n"
        "本镇<script>window.pwned=1</script>共接待群众XX人次。\n"
        '<img src=q onerror="window.pwned=2">全年完成投资xx.x%，&amp; "引号" \'单引号\'\n'
        "</div></span><b>未闭合\n")


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _drafts(tmp_path):
    """A Simplified .txt with markup in it, a Traditional .docx with a table, a clean one, a broken one."""
    evil = _write(tmp_path, "恶意.txt", EVIL)
    trad = make_docx(tmp_path / "總結.docx", [
        p("二〇二五年工作總結", style="Heading1"),
        p("本年度共辦結XX件，某某同志負責。"),
        table([["項目", "金額"], ["合計", "x.xx萬元"]]),
    ])
    clean = _write(tmp_path, "定稿.txt", "2025年工作总结\n全年完成投资3.5亿元。\n")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 broken")
    return [evil, Path(trad), clean, broken]


def _report(tmp_path, *extra):
    files = _drafts(tmp_path)
    out = tmp_path / "report.html"
    proc = run_checker("check", "--format", "html", "-o", out, *extra, *files)
    assert proc.returncode == 2, proc.stderr  # the broken draft
    data = json_report(*extra, *files)
    return out, data


# ---------------------------------------------------------------------------
# As text


def test_page_is_self_contained_and_draft_text_is_escaped(tmp_path):
    out, _ = _report(tmp_path)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # our one script, nothing from the draft became markup
    assert page.count("<script") == 1
    assert "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=q onerror=&quot;window.pwned=2&quot;&gt;" in page
    assert "&amp;amp; &quot;引号&quot; &#x27;单引号&#x27;" in page
    assert "&lt;/div&gt;&lt;/span&gt;&lt;b&gt;未闭合" in page
    # nothing loaded from anywhere: no URLs, no src attributes, no external style sheets
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", page, re.I)
    tree = lhtml.fromstring(page.encode("utf-8"))
    assert tree.xpath("//*[@src]") == [] and tree.xpath("//link | //iframe | //object | //embed") == []
    assert all(h.startswith("#") for h in tree.xpath("//@href"))
    assert "@import" not in page
    assert "url(" not in page
    # the policy pins the inline style and script by hash and allows nothing else
    assert f"script-src {_hash(JS)}" in CSP and f"style-src {_hash(CSS)}" in CSP
    assert "default-src 'none'" in CSP
    assert f"<script>{JS}</script>" in page and f"<style>{CSS}</style>" in page
    assert 'lang="zh-CN"' in page and "检查报告" in page


def test_counts_and_marks_match_the_json_report(tmp_path):
    out, data = _report(tmp_path)
    tree = lhtml.fromstring(out.read_bytes())
    summary = data["summary"]
    items = tree.xpath("//li[@data-sev]")
    assert len(items) == summary["findings"] > 0
    for sev, n in summary["by_severity"].items():
        assert len([i for i in items if i.get("data-sev") == sev]) == n
        assert tree.xpath(f'//b[@data-total="{sev}"]')[0].text == str(n)
    assert tree.xpath('//b[@data-total="unreadable"]')[0].text == "1"
    for rule, counts in summary["by_rule"].items():
        row = tree.xpath(f'//tr[@data-rule="{rule}"]')[0]
        assert [td.text for td in row.xpath("td[@data-rule-count]")] == [str(counts[s]) for s in
                                                                         ("error", "warning", "info")]
    sections = tree.xpath("//section[@data-path]")
    assert [s.get("data-path") for s in sections] == [f["path"] for f in data["files"]]
    for i, (sec, fdata) in enumerate(zip(sections, data["files"]), 1):
        lis = sec.xpath(".//li[@data-sev]")
        assert len(lis) == len(fdata["findings"])
        for li, f in zip(lis, fdata["findings"]):
            assert li.get("data-rule") == f["rule"] and li.get("data-sev") == f["severity"]
            assert li.xpath("a")[0].get("href") == f"#f{i}-L{f['line']}"
            # the marks of this finding, in its line, hold exactly the flagged characters
            marks = [m for m in sec.xpath(".//span[@class='tx']/mark") if li.get("id") in m.get("data-f").split()]
            assert "".join(m.text_content() for m in marks) == f["text"]
            line = sec.xpath(f".//div[@id='f{i}-L{f['line']}']")[0]
            assert all(m.getparent().getparent() is line for m in marks)
        if fdata["error"]:
            assert fdata["error"]["message"] in sec.text_content()
    # the full text of each readable draft is there, line by line
    evil = sections[0]
    texts = [d.xpath("span[@class='tx']")[0].text_content() for d in evil.xpath(".//div[starts-with(@class, 'line')]")]
    assert texts == EVIL.splitlines()


def test_stdout_without_output_and_english(tmp_path):
    src = _write(tmp_path, "a.txt", "总结\n共XX人\n")
    proc = run_checker("check", "--format", "html", "--lang", "en", src)
    assert proc.returncode == 1
    page = proc.stdout.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'lang="en"' in page
    assert "checker report" in page and "Full text" in page and "检查报告" not in page
    proc = run_checker("check", "--format", "html", src)
    assert "问题列表" in proc.stdout.decode("utf-8")


def test_unwritable_output_is_a_one_line_error(tmp_path):
    src = _write(tmp_path, "a.txt", "总结\n共XX人\n")
    (tmp_path / "f").write_text("x")
    proc = run_checker("check", "--format", "html", "-o", tmp_path / "f" / "r.html", src)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr and b"r.html" in proc.stderr


def _synthetic(tmp_path):
    """Two rules, overlapping spans, a multi-line finding, a point finding: the renderer on its own."""
    lines = ["某镇2025年工作总结", "一、主要成绩", "全年新建XX所学校，请填写XX名称。", "（缺少存在问题部分）",
             "跨行的问题从这里", "一直到这里结束"]
    doc = Document(path="合成.txt", format="txt", blocks=[Block(line=i, text=t) for i, t in enumerate(lines, 1)])

    def f(rule, sev, line, col, end_line, end_col, text, msg):
        return Finding(rule=rule, severity=sev, line=line, column=col, end_line=end_line, end_column=end_col,
                       text=text, message=msg, location="正文")

    findings = [
        f("placeholder", "error", 3, 5, 3, 7, "XX", "未填写的占位符"),
        f("instruction", "warning", 3, 11, 3, 17, "请填写XX名", "模板说明文字"),
        f("placeholder", "error", 3, 14, 3, 16, "XX", "未填写的占位符"),
        f("missing-section", "error", 2, 7, 2, 7, "", "缺少“存在问题”部分"),
        f("duplicate-paragraph", "info", 5, 3, 6, 5, "的问题从这里\n一直到这", "跨两行"),
    ]
    return [FileResult(path="合成.txt", format="txt", findings=findings, document=doc)]


def _tx(tree, line):
    return tree.xpath(f"//div[@id='f1-L{line}']/span[@class='tx']")[0]


def test_overlaps_points_and_multiline_findings_are_marked(tmp_path):
    page = render(_synthetic(tmp_path))
    tree = lhtml.fromstring(page)
    line3 = _tx(tree, 3)
    assert line3.text_content() == "全年新建XX所学校，请填写XX名称。"
    got = [(m.text_content(), m.get("data-f"), m.get("data-sev")) for m in line3.xpath("mark")]
    assert got == [("XX", "f1-1", "error"), ("请填写", "f1-2", "warning"), ("XX", "f1-2 f1-3", "error"),
                   ("名", "f1-2", "warning")]
    (pt,) = _tx(tree, 2).xpath("span[@class='pt']")
    assert pt.get("data-f") == "f1-4" and _tx(tree, 2).text_content() == "一、主要成绩"
    assert [m.text_content() for m in _tx(tree, 5).xpath("mark") + _tx(tree, 6).xpath("mark")] == ["的问题从这里", "一直到这"]


# ---------------------------------------------------------------------------
# In a real browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page_of(browser):
    pages = []

    def open_page(path, width=1200, height=900):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.problems = []
        page.requests = []
        page.on("console", lambda m: m.type in ("error", "warning") and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.on("request", lambda r: page.requests.append(r.url))
        page.goto(Path(path).resolve().as_uri())
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


def _in_view(page, selector) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= 0 && r.bottom <= window.innerHeight; }""", selector)


def test_browser_loads_cleanly_counts_match_and_markup_stays_text(tmp_path, page_of):
    out, data = _report(tmp_path)
    page = page_of(out)
    assert page.problems == []
    assert page.requests == [out.resolve().as_uri()]  # the page fetched nothing else
    assert page.evaluate("window.pwned") is None
    # the draft's markup is shown as characters
    assert "<script>window.pwned=1</script>" in page.inner_text("#f1-L2")
    assert '<img src=q onerror="window.pwned=2">' in page.inner_text("#f1-L3")
    assert page.locator("img").count() == 0
    # counts shown agree with the JSON report
    s = data["summary"]
    assert page.locator("li.finding").count() == s["findings"]
    for sev, n in s["by_severity"].items():
        assert page.locator(f'li.finding[data-sev="{sev}"]').count() == n
        assert page.inner_text(f'b[data-total="{sev}"]') == str(n)
    assert page.inner_text("#shown-n") == str(s["findings"])
    # every finding is marked in the text (a mark may carry several findings that cover the same characters)
    marked = page.evaluate("Array.from(document.querySelectorAll('.tx [data-f]:not(.off)'))"
                           ".flatMap(m => m.dataset.f.split(' '))")
    assert len(set(marked)) == s["findings"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report.png"), full_page=False)


def test_browser_severity_filter_hides_what_it_should(tmp_path, page_of):
    out = tmp_path / "syn.html"
    out.write_text(render(_synthetic(tmp_path)), encoding="utf-8")
    page = page_of(out)
    assert page.problems == []
    assert page.inner_text("#shown-n") == "5"
    page.uncheck('input[data-filter-sev="error"]')
    for li in page.locator("li.finding").all():
        assert li.is_visible() == (li.get_attribute("data-sev") != "error")
    assert page.inner_text("#shown-n") == "2"
    # XX flagged only as an error loses its mark; the XX inside the warning's span keeps it, as a warning
    marks = page.locator("#f1-L3 mark")
    assert [marks.nth(i).get_attribute("class") or "" for i in range(4)] == ["off", "", "", ""]
    assert marks.nth(2).get_attribute("data-sev") == "warning"
    assert "off" in (page.get_attribute("#f1-L2 .pt", "class") or "")
    page.check('input[data-filter-sev="error"]')
    assert page.inner_text("#shown-n") == "5"
    assert page.locator(".tx .off").count() == 0
    assert page.problems == []


def test_browser_rule_filter_and_only_flagged_lines(tmp_path, page_of):
    out = tmp_path / "syn.html"
    out.write_text(render(_synthetic(tmp_path)), encoding="utf-8")
    page = page_of(out)
    page.uncheck('input[data-filter-rule="placeholder"]')
    rules = {li.get_attribute("data-rule"): li.is_visible() for li in page.locator("li.finding").all()}
    assert rules == {"placeholder": False, "instruction": True, "missing-section": True,
                     "duplicate-paragraph": True}
    assert page.inner_text("#shown-n") == "3"
    assert page.inner_text(".shown-in-file") == "3"
    page.check("#only-flagged")
    shown = [d.get_attribute("id") for d in page.locator(".line").all() if d.is_visible()]
    assert shown == ["f1-L2", "f1-L3", "f1-L5", "f1-L6"]
    page.uncheck('input[data-filter-rule="instruction"]')
    shown = [d.get_attribute("id") for d in page.locator(".line").all() if d.is_visible()]
    assert shown == ["f1-L2", "f1-L5", "f1-L6"]  # line 3 had only placeholder and instruction
    page.uncheck("#only-flagged")
    assert page.locator(".line:visible").count() == 6
    assert page.problems == []


def _long_draft(tmp_path):
    lines = ["某镇2025年工作总结"] + [f"第{i}段：各项工作稳步推进，群众满意度持续提升。" for i in range(1, 200)]
    lines[150] = "第150段：本段共有XX个村完成了改造任务。"
    return _write(tmp_path, "长稿.txt", "\n".join(lines) + "\n")


def test_browser_click_on_a_finding_scrolls_its_line_into_view(tmp_path, page_of):
    src = _long_draft(tmp_path)
    out = tmp_path / "long.html"
    assert run_checker("check", "--select", "placeholder", "--format", "html", "-o", out, src).returncode == 1
    page = page_of(out, height=700)
    assert page.problems == []
    assert not _in_view(page, "#f1-L151")
    page.click("li.finding a.pos")
    page.wait_for_function("() => document.getElementById('f1-L151').classList.contains('flash')")
    assert _in_view(page, "#f1-L151")
    # not hidden under the sticky filter bar
    top = page.evaluate("document.getElementById('f1-L151').getBoundingClientRect().top")
    bar = page.evaluate("document.getElementById('filters').getBoundingClientRect().bottom")
    assert top >= bar
    assert page.url.endswith("#f1-L151")
    assert page.inner_text("#f1-L151 mark") == "XX"
    # and a click on the mark brings the finding in the list back into view
    page.evaluate("window.scrollTo(0, 0)")
    page.click("#f1-L151 mark")
    assert _in_view(page, "li.finding")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report-jump.png"))


@needs_shared
def test_browser_on_the_corpus(tmp_path, page_of):
    corpus = SHARED / "corpus"
    files = [corpus / n for n in ("000_6e89bb6b74dc778e.docx", "002_cc03cb1b8fd4d28d.docx",
                                  "003_9f78d0cb03f390d2.txt")]
    out = tmp_path / "corpus.html"
    run_checker("check", "--format", "html", "-o", out, *files)
    data = json.loads(run_checker("check", "--format", "json", *files).stdout)
    page = page_of(out)
    assert page.problems == []
    assert page.locator("li.finding").count() == data["summary"]["findings"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report-corpus.png"))
    shutil.copy(out, ARTIFACTS / "html-report-corpus.html")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_code_in_the_by_rule_table_has_its_own_summary(lang):
    """The by-rule table describes each code with its own summary from checker/codes.py, for every code."""
    from checker.codes import CODES

    doc = Document("全.txt", "txt", [Block(line=1, text="标题")])
    findings = [Finding(code, c.severity, 1, 1, 1, 2, "标", "消息") for code, c in CODES.items()]
    page = render([FileResult("全.txt", "txt", findings=findings, document=doc)], lang=lang)
    rows = lhtml.fromstring(page.encode("utf-8")).xpath('//table[@class="by-rule"]//tr[@data-rule]')
    described = {row.get("data-rule"): row.xpath("./td[2]")[0].text_content() for row in rows}
    assert described == {code: c.describe(lang) for code, c in CODES.items()}
    assert len(set(described.values())) == len(described)   # no two codes share a description


def test_finding_list_gives_the_place_a_word_user_can_find(tmp_path):
    path = make_docx(tmp_path / "位置.docx", [
        p("二〇二五年工作总结"), p(""), p("全年完成地区生产总值XX亿元。"),
        table([["項目", "金額"], ["合計", "x.xx萬元"]]),
    ])
    from checker.engine import check_paths, make_context

    page = render(check_paths([str(path)], make_context()), lang="zh")
    places = [a.text_content() for a in lhtml.fromstring(page.encode("utf-8")).xpath('//a[@class="pos"]')]
    assert "第 2 段 “全年完成地区生产总值XX亿元…”" in places
    assert any(t.startswith("表格1 第2行第2列") for t in places)


def test_big_report_is_an_index_plus_a_page_per_draft(tmp_path):
    from checker.engine import check_paths, make_context
    from checker.render.html import write

    drafts = []
    for i, (title, line) in enumerate([("工作总结", "全年投入XX万元。"), ("工作總結", "全年投入XX萬元。"),
                                       ("定稿", "全年投入300万元。")]):
        path = tmp_path / f"稿{i}.txt"
        path.write_text(f"{title}\n" + (line + "\n") * 50, encoding="utf-8")
        drafts.append(str(path))
    results = check_paths(drafts, make_context())
    small = write(results, tmp_path / "one.html")
    assert small == [tmp_path / "one.html"]
    written = write(results, tmp_path / "报告.html", split_over=100)
    folder = tmp_path / "报告_files"
    assert written == [tmp_path / "报告.html", folder / "0001.html", folder / "0002.html", folder / "0003.html"]
    index = lhtml.fromstring((tmp_path / "报告.html").read_bytes())
    assert not index.xpath('//section[@class="file"]') and not index.xpath("//script")
    links = index.xpath('//table[@class="by-file"]//a/@href')
    assert links == ["%E6%8A%A5%E5%91%8A_files/0001.html", "%E6%8A%A5%E5%91%8A_files/0002.html",
                     "%E6%8A%A5%E5%91%8A_files/0003.html"]
    page = lhtml.fromstring((folder / "0002.html").read_bytes())
    assert page.xpath('//a[@class="back"]/@href') == ["../%E6%8A%A5%E5%91%8A.html"]
    assert len(page.xpath('//li[contains(@class,"finding")]')) == len(results[1].findings) >= 50
    # a smaller report later in the same place removes the pages it no longer has
    write(results[:1], tmp_path / "报告.html", split_over=100)
    assert sorted(p.name for p in folder.iterdir()) == ["0001.html"]


def test_check_writes_a_split_report_through_the_command(tmp_path, monkeypatch):
    from checker.render import html as H

    monkeypatch.setattr(H, "SPLIT_OVER", 10)
    draft = tmp_path / "稿.txt"
    draft.write_text("工作总结\n投入XX万元。\n", encoding="utf-8")
    from click.testing import CliRunner

    from checker.cli import main

    res = CliRunner().invoke(main, ["check", "--format", "html", "-o", str(tmp_path / "r.html"), str(draft)])
    assert res.exit_code == 1
    assert (tmp_path / "r_files" / "0001.html").is_file()
