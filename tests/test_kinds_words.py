"""`checker kinds` says how each kind is recognised in words; the patterns only with --verbose."""

from __future__ import annotations

import re

import pytest

from checker.render.pattern_words import describe
from tests.conftest import run_checker


@pytest.mark.parametrize("pattern,zh,en", [
    ("工作总结|年度总结", "“工作总结”或“年度总结”", "“工作总结” or “年度总结”"),
    ("(上|下)半年.{0,30}(总结|回顾)", "“上半年”或“下半年”，其后 30 字内有“总结”或“回顾”",
     "“上半年” or “下半年”, then within 30 characters “总结” or “回顾”"),
    ("半年(工作)?总结", "“半年总结”或“半年工作总结”", "“半年总结” or “半年工作总结”"),
    ("^各位代表[：:]", "开头是“各位代表：”或“各位代表:”", "starts with “各位代表：” or “各位代表:”"),
    ("(?P<year>[0-9]{4})年.{0,16}总结", "4 位数字“年”，其后 16 字内有“总结”", "4 digits “年”, then within 16 characters “总结”"),
    ("述職", "“述職”", "“述職”"),
])
def test_patterns_in_words(pattern, zh, en):
    assert describe(pattern, "zh") == zh
    assert describe(pattern, "en") == en


@pytest.mark.parametrize("pattern", [r"\b总结", "(?<!年)总结", "[^的]总结", r"总结\d+", "(a|b)+"])
def test_what_cannot_be_said_is_left_to_the_pattern(pattern):
    assert describe(pattern) is None


def test_kinds_in_words_and_patterns_only_when_verbose(tmp_path):
    plain = run_checker("kinds").stdout.decode()
    assert "标题含：“述职”" in plain
    assert "半年工作总结" in plain and "其后 30 字内有" in plain
    assert ".{0," not in plain and "模式：" not in plain
    verbose = run_checker("kinds", "--verbose").stdout.decode()
    assert "模式：(上|下)半年.{0,30}(总结|回顾)" in verbose
    en = run_checker("kinds", "--lang", "en").stdout.decode()
    assert "title has: “述职”" in en and "then within" in en and ".{0," not in en


def test_a_pack_pattern_that_cannot_be_said_is_shown_as_a_pattern(tmp_path):
    pack = tmp_path / "县.toml"
    pack.write_text('[kinds."调研报告"]\nen = "survey report"\ntitle = [\'调研(?<=研)报告\']\n'
                    'requires = ["review"]\n', encoding="utf-8")
    proc = run_checker("kinds", "--pack", pack)
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr
    assert "调研报告  (survey report)" in out
    assert "标题含：调研(?<=研)报告" in out


def test_a_negative_lookahead_is_said_in_words():
    """人大(?!…政府): a pack's exception said as an exception, not shown as a pattern."""
    from checker.render.pattern_words import describe

    zh = describe("人民代表大会(?!第|.{0,12}政府).{0,12}(工作)?(总结|报告)")
    assert zh.startswith("“人民代表大会”（后面紧接“第”或 12 字内有“政府”的除外）")
    assert "(?" not in zh and ".{0," not in zh
    en = describe("人大(?!.{0,12}政府).{0,12}报告", "en")
    assert "unless followed within 12 characters “政府”" in en
    assert describe("人大(?=政府)") is None   # a shape not put into words: the caller shows the pattern
