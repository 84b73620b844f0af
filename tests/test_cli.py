"""The command line as a clerk and a script use it: report, JSON, exit codes, inputs, languages."""

import json
import os
import re

import pytest

from checker import __distribution__, __version__
from tests.conftest import SAMPLES, json_report, run_checker
from tests.docxfactory import make_docx, p, r

ANSI = re.compile(r"\x1b\[")
SLOTTED = SAMPLES / "工作总结-待填.txt"
CLEAN = SAMPLES / "工作总结-定稿.txt"


def test_version():
    proc = run_checker("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == f"checker {__version__} ({__distribution__})"
    assert __distribution__ == "gongwen-checker"


def test_terminal_report_lines_and_summary_when_piped():
    proc = run_checker("check", SLOTTED)
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert not ANSI.search(out)
    lines = out.splitlines()
    assert lines[0] == f"{SLOTTED}（txt，编码 utf-8）：错误 34，警告 1，提示 0"
    assert re.match(rf"^{re.escape(str(SLOTTED))}:1:1  第 1 行 “XX镇人民政府20XX年工作…”  错误  placeholder  未填写的模板占位符“XX”", lines[1])
    # the line's text, then a caret line under the span
    assert lines[2].strip().startswith("XX镇人民政府")
    assert lines[3].strip() == "^^"
    assert "检查了 1 个文件：错误 34，警告 1，提示 0" in out
    assert re.search(r"^  placeholder\s+错误 34  警告 1$", out, re.M)


def test_output_is_stable_across_runs():
    assert run_checker("check", SLOTTED).stdout == run_checker("check", SLOTTED).stdout


def test_colour_only_when_asked_and_no_color_wins():
    forced = run_checker("check", SLOTTED, env={"FORCE_COLOR": "1"}).stdout.decode()
    assert ANSI.search(forced)
    assert not ANSI.search(run_checker("check", SLOTTED, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout.decode())
    assert not ANSI.search(run_checker("check", "--no-color", SLOTTED, env={"FORCE_COLOR": "1"}).stdout.decode())


def test_clean_draft_exits_zero():
    proc = run_checker("check", CLEAN)
    assert proc.returncode == 0, proc.stdout.decode()
    assert "错误 0，警告 0" in proc.stdout.decode()


def test_json_report_schema():
    report = json_report(SLOTTED, CLEAN)
    assert report["version"] == 1
    assert [f["path"] for f in report["files"]] == [str(SLOTTED), str(CLEAN)]
    slotted = report["files"][0]
    assert (slotted["format"], slotted["encoding"], slotted["error"]) == ("txt", "utf-8", None)
    f = slotted["findings"][0]
    assert set(f) >= {"rule", "severity", "line", "column", "end_line", "end_column", "text", "message",
                      "context", "location"}
    assert (f["rule"], f["severity"], f["line"], f["column"], f["end_column"], f["text"]) == \
        ("placeholder", "error", 1, 1, 3, "XX")
    lines = SLOTTED.read_text(encoding="utf-8").splitlines()
    for x in slotted["findings"]:
        assert lines[x["line"] - 1][x["column"] - 1:x["end_column"] - 1] == x["text"]
    positions = [(x["line"], x["column"]) for x in slotted["findings"]]
    assert positions == sorted(positions)
    assert report["summary"]["by_severity"] == {"error": 34, "warning": 1, "info": 0}
    assert report["summary"]["by_rule"]["placeholder"]["error"] == 34


def test_docx_and_txt_give_the_same_positions():
    a = json_report(SAMPLES / "工作总结-待填.txt")["files"][0]["findings"]
    b = json_report(SAMPLES / "工作总结-待填.docx")["files"][0]["findings"]
    key = lambda f: (f["rule"], f["line"], f["column"], f["end_column"], f["text"])  # noqa: E731
    assert [key(f) for f in a if f["rule"] == "placeholder"] == [key(f) for f in b if f["rule"] == "placeholder"]


@pytest.mark.parametrize("fail_on,code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(tmp_path, fail_on, code):
    proc = run_checker("check", "--fail-on", fail_on, SLOTTED)
    assert proc.returncode == code


def test_fail_on_warning_counts_warnings_only_drafts(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text("活动时间待定。", encoding="utf-8")
    assert run_checker("check", draft).returncode == 0
    assert run_checker("check", "--fail-on", "warning", draft).returncode == 1


def test_stdin():
    proc = run_checker("check", "-", input="全镇共有XX个村。".encode("utf-8"))
    assert proc.returncode == 1
    assert "-:1:5" in proc.stdout.decode()
    gbk = run_checker("check", "--format", "json", "-", input="全镇共有XX个村。".encode("gbk"))
    assert json.loads(gbk.stdout)["files"][0]["encoding"] == "gb18030"


def test_folders_are_walked_skipping_lock_hidden_and_other_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("XX镇", encoding="utf-8")
    (tmp_path / "a.txt").write_text("干净的文稿。", encoding="utf-8")
    (tmp_path / "~$a.docx").write_bytes(b"\x00lock")
    (tmp_path / ".secret.txt").write_text("XX", encoding="utf-8")
    (tmp_path / ".hidden" / "c.txt").write_text("XX", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    make_docx(tmp_path / "sub" / "c.docx", [p(r("X"), r("X"), "村")])
    report = json_report(tmp_path)
    names = [os.path.relpath(f["path"], tmp_path) for f in report["files"]]
    assert names == ["a.txt", os.path.join("sub", "b.txt"), os.path.join("sub", "c.docx")]


def test_english_messages():
    out = run_checker("check", "--lang", "en", SLOTTED).stdout.decode()
    assert "error  placeholder  unfilled template slot “XX”: a name belongs here" in out
    assert "checked 1 file(s): error 34, warning 1, info 0" in out


def test_output_file_written_atomically(tmp_path):
    target = tmp_path / "out" / "report.json"
    proc = run_checker("check", "--format", "json", "-o", target, SLOTTED)
    assert proc.returncode == 1 and proc.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 1
    assert [x.name for x in target.parent.iterdir()] == ["report.json"]  # no temporary left behind


def test_unknown_rule_is_a_usage_error():
    proc = run_checker("check", "--select", "nonsense", SLOTTED)
    assert proc.returncode == 2
    assert "nonsense" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_select_and_ignore():
    assert json_report("--ignore", "placeholder", SLOTTED)["summary"]["by_rule"].get("placeholder") is None
    only = json_report("--select", "placeholder", SLOTTED)["summary"]["by_rule"]
    assert list(only) == ["placeholder"]


def test_bad_pack_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[placeholder\nallow = 1", encoding="utf-8")
    proc = run_checker("check", "--pack", bad, SLOTTED)
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert str(bad) in err and len(err.splitlines()) == 1


def test_text_command_prints_numbered_lines_with_locations(tmp_path):
    path = make_docx(tmp_path / "a.docx", [p("2025年工作总结", style="Heading1"), p(r("全镇"), r("X"), r("X"), "个村")],
                     headers=[[p("页眉")]])
    out = run_checker("text", path).stdout.decode().splitlines()
    assert out[0].startswith(f"# {path} (docx")
    assert out[1:] == ["1  [正文 大纲1 «heading 1»]  2025年工作总结", "2  [正文]  全镇XX个村", "3  [页眉]  页眉"]


def test_text_command_on_unreadable_file(tmp_path):
    proc = run_checker("text", tmp_path / "missing.docx")
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().endswith("missing.docx: 文件不存在")


def test_rules_and_explain():
    out = run_checker("rules").stdout.decode()
    assert out.startswith("placeholder")
    page = run_checker("explain", "placeholder")
    assert page.returncode == 0 and "X光" in page.stdout.decode()
    assert run_checker("explain", "nope").returncode == 2


def test_caret_stays_under_the_span_with_tabs_and_wide_characters():
    proc = run_checker("check", "-", input="项目\t全镇XX个村\x0b完\x1a".encode("gbk"))
    lines = proc.stdout.decode().splitlines()
    assert lines[0] == "-（txt，编码 gb18030）：错误 1，警告 0，提示 0"
    assert lines[2] == "    项目 全镇XX个村 完"
    assert lines[3] == "    " + " " * 9 + "^^"
