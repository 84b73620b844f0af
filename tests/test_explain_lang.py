"""Every rule page in Chinese and English; `checker explain` renders the one in the chosen language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import codes
from checker.findings import severity_label
from tests.conftest import findings, run_checker
from tests.test_doc_examples import BLOCK, DOCX_ONLY

PAGES = Path(__file__).resolve().parent.parent / "docs" / "rules"
NAMES = sorted(codes.CODES) + [f for f in codes.families() if f not in codes.CODES]


@pytest.mark.parametrize("name", NAMES)
def test_every_page_exists_in_both_languages(name):
    en = (PAGES / f"{name}.md").read_text(encoding="utf-8")
    zh = (PAGES / "zh" / f"{name}.md").read_text(encoding="utf-8")
    assert en.splitlines()[0] == zh.splitlines()[0]          # the same heading: code — 中文名
    if name in codes.CODES:
        m = re.search(r"^\*\*级别：\*\* (\S\S)", zh, re.M)
        assert m, f"zh/{name}.md has no **级别：** line"
        assert m.group(1) == severity_label(codes.CODES[name].severity.value, "zh")
        assert "## 查什么" in zh
    # the Chinese page shows the same examples as the English one
    assert BLOCK.findall(zh) == BLOCK.findall(en)


@pytest.mark.parametrize("code", sorted(set(codes.CODES) - DOCX_ONLY))
def test_chinese_page_examples_hold(code):
    zh = (PAGES / "zh" / codes.CODES[code].doc).read_text(encoding="utf-8")
    for kind, text in BLOCK.findall(zh):
        rules = [f.rule for f in findings(text)]
        assert (code in rules) == (kind == "bad"), f"zh/{code}.md: the {kind} example"


def test_explain_renders_chinese_by_default_and_english_on_request():
    zh = run_checker("explain", "placeholder", env={"CHECKER_LANG": ""})
    out = zh.stdout.decode("utf-8")
    assert zh.returncode == 0
    assert out.lstrip().startswith("placeholder — 模板占位符未填写")
    assert "查什么" in out and "X光" in out
    assert "## " not in out and "**级别" not in out        # rendered, not raw Markdown
    assert "空位前后的字（后面是“亿元”：数字；后面是“镇”：名称" in out   # Chinese lines joined without spaces
    en = run_checker("explain", "--lang", "en", "placeholder").stdout.decode("utf-8")
    assert "What it finds" in en and "查什么" not in en
    env = run_checker("explain", "count-mismatch", env={"CHECKER_LANG": "en"}).stdout.decode("utf-8")
    assert "What it finds" in env
    raw = run_checker("explain", "--raw", "figures", env={"CHECKER_LANG": ""}).stdout.decode("utf-8")
    assert raw.startswith("# figures — 数字前后矛盾\n")
    bad = run_checker("explain", "nope")
    assert bad.returncode == 2 and "nope" in bad.stderr.decode("utf-8")


def test_explain_shows_draft_examples_without_searching_for_a_highlighter():
    """A page's ```draft examples are plain text: rendering them must not send the highlighter looking
    through every installed package for a plugin that knows the language (a third of the command)."""
    import subprocess
    import sys

    probe = ("import sys, io, contextlib\n"
             "sys.argv = ['checker', 'explain', 'placeholder']\n"
             "from checker.cli import main\n"
             "out = io.StringIO()\n"
             "try:\n"
             "    with contextlib.redirect_stdout(out): main()\n"
             "except SystemExit: pass\n"
             "print('importlib.metadata' in sys.modules, '例子' in out.getvalue() or 'X光' in out.getvalue())\n")
    got = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env={"CHECKER_LANG": "",
                         "PATH": "/usr/bin:/bin", "CHECKER_CACHE_DIR": ""})
    assert got.stdout.split() == ["False", "True"], got.stderr
