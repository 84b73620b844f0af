"""--help and usage errors in Chinese by default, English with --lang en or CHECKER_LANG=en."""

from __future__ import annotations

import pytest

from checker.cli import COMMANDS as COMMAND_MODULES
from checker.cli import main
from checker.cli.helptext import COMMANDS, OPTIONS

NAMES = sorted(COMMAND_MODULES)


def _run(cli, *args, env=None):
    from click.testing import CliRunner

    r = CliRunner().invoke(main, [str(a) for a in args], env=env or {"CHECKER_LANG": ""}, catch_exceptions=False,
                            prog_name="checker")
    return r.exit_code, r.output


def test_top_level_help_is_chinese_by_default(cli):
    code, out = _run(cli, "-h")
    assert code == 0
    assert out.startswith("用法：")
    assert "选项" in out and "命令" in out and "显示本帮助并退出。" in out
    assert "检查文稿" in out and "逐条查看问题" in out
    assert "Show this message" not in out and "Usage:" not in out


@pytest.mark.parametrize("name", NAMES)
def test_every_command_help_is_chinese_and_every_option_has_chinese(cli, name):
    import click

    code, out = _run(cli, name, "--help")
    assert code == 0 and out.startswith("用法：")
    assert COMMANDS[name][:12] in out
    cmd = main.get_command(click.Context(main), name)
    for param in cmd.params:
        if isinstance(param, click.Option) and param.help and not param.hidden:
            assert param.help in OPTIONS, f"{name} {param.opts}: no Chinese help"
            assert OPTIONS[param.help] in " ".join(out.split()).replace(" ", "") or \
                OPTIONS[param.help][:8] in out


@pytest.mark.parametrize("how", ["option", "env"])
def test_english_with_lang_en_or_checker_lang(cli, how):
    if how == "option":
        code, out = _run(cli, "check", "--lang", "en", "--help")
    else:
        code, out = _run(cli, "check", "--help", env={"CHECKER_LANG": "en"})
    assert code == 0 and out.startswith("Usage:")
    assert "Report format (" in out and "报告格式" not in out and "显示本帮助" not in out


def test_usage_errors_are_chinese_by_default_and_english_on_request(cli):
    code, out = _run(cli, "check", "--no-such-option", "x.txt")
    assert code == 2
    assert "错误：没有选项 '--no-such-option'。" in out and "用“checker check --help”查看帮助。" in out
    code, out = _run(cli, "check", "--fail-on", "sometimes", "x.txt")
    assert code == 2 and "'--fail-on' 的值无效" in out and "不是" in out
    code, out = _run(cli, "chek")
    assert code == 2 and "没有命令 'chek'" in out
    code, out = _run(cli, "check")
    assert code == 2 and "缺少参数" in out
    code, out = _run(cli, "check", "--lang", "en", "--no-such-option", "x.txt")
    assert "Error: No such option '--no-such-option'." in out and "错误" not in out


def test_the_installed_command_speaks_chinese_too():
    from tests.conftest import run_checker

    proc = run_checker("annotate", "-h", env={"CHECKER_LANG": ""})
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and "每个问题一条批注" in out and "用法：" in out
