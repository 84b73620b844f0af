"""The command line wired to the integration pieces (issue #17): every command under every console
encoding, the CI report formats as `check --format`, `rules --format json`, project configuration
found upward and shown by `checker config`, exclusion and checker's own outputs, -q, --statistics
and the progress bar."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from checker import codes
from tests.conftest import json_report, run_checker
from tests.docxfactory import make_docx, p, r

# Our own drafts: Simplified with characters GBK lacks (•, an emoji, a character outside the BMP),
# Traditional as a .docx with the slot split across runs.
ZH = "𠀾坪村2025年工作总结\n今年投入XX万元修建便民桥 • 群众满意😀。\n全镇农户1000户，其中脱贫户1200户。\n"
TW_LINES = ["東壩鄉2025年工作總結", "本年投入XX萬元修建便民橋，由某某負責 ✓。"]
CLEAN = "东坝村2025年工作总结\n今年东坝村修建便民桥两座，群众满意。\n"
ENCODINGS = ("gbk", "cp936", "cp1252", "ascii", "utf-8")


def _tw_docx(path: Path) -> Path:
    return make_docx(path, [p(TW_LINES[0]), p(r("本年投入X"), r("X萬元修建便民橋，由某"), r("某負責 ✓。"))])


@pytest.fixture
def drafts(tmp_path):
    d = tmp_path / "草稿"
    d.mkdir()
    (d / "简体.txt").write_text(ZH, encoding="utf-8")
    _tw_docx(d / "繁體.docx")
    (d / "干净.txt").write_text(CLEAN, encoding="utf-8")
    return d


# --- every command, every encoding, to a pipe and to a file ----------------------------------------

COMMANDS = [
    # (arguments, keys on stdin, expected exit code)
    (["check", "草稿"], None, 1),
    (["check", "--format", "sarif", "草稿"], None, 1),
    (["check", "--format", "github", "草稿"], None, 1),
    (["check", "-q", "--statistics", "草稿"], None, 1),
    (["check", "草稿/没有.txt"], None, 2),
    (["text", "草稿/繁體.docx"], None, 0),
    (["rules"], None, 0),
    (["rules", "--format", "json"], None, 0),
    (["explain", "placeholder"], None, 0),
    (["outline", "草稿/简体.txt"], None, 0),
    (["outline", "--format", "json", "草稿/繁體.docx"], None, 0),
    (["kinds"], None, 0),
    (["config", "草稿"], None, 0),
    (["annotate", "草稿/繁體.docx"], None, 0),
    (["review", "草稿/简体.txt"], b"n\nn\nq\n", 0),
    (["watch", "--once", "草稿"], None, 0),
]


@pytest.mark.parametrize("to_file", [False, True], ids=["pipe", "file"])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_command_under_each_console_encoding(drafts, encoding, to_file):
    env = dict(os.environ, PYTHONIOENCODING=encoding, CHECKER_LANG="zh")
    env.pop("NO_COLOR", None)
    for args, keys, code in COMMANDS:
        cmd = [sys.executable, "-m", "checker", *args]
        if to_file:
            out_path = drafts.parent / "stdout.txt"
            with open(out_path, "wb") as out:
                proc = subprocess.run(cmd, input=keys, stdout=out, stderr=subprocess.PIPE, env=env,
                                      cwd=drafts.parent)
            stdout = out_path.read_bytes()
        else:
            proc = subprocess.run(cmd, input=keys, capture_output=True, env=env, cwd=drafts.parent)
            stdout = proc.stdout
        err = proc.stderr.decode(encoding)          # strict: only bytes of the stream's encoding
        # machine-readable formats are UTF-8 always; what people read is in the console's encoding
        text = stdout.decode("utf-8" if "--format" in args else encoding)
        assert "Traceback" not in err, (args, err)
        assert proc.returncode == code, (args, proc.returncode, err)
        if args[0] != "watch":
            assert text.strip(), args
    # the reports and copies were written as files, UTF-8 and .docx whatever the console
    assert (drafts / "_checker" / "index.json").exists()
    assert (drafts / "繁體.checked.docx").exists()


def test_gbk_console_keeps_chinese_and_replaces_what_it_lacks(drafts):
    proc = run_checker("check", drafts / "简体.txt", env={"PYTHONIOENCODING": "gbk"})
    out = proc.stdout.decode("gbk")
    assert "未填写的模板占位符" in out and "·" in out and "\\U0001f600" in out
    title = run_checker("outline", drafts / "简体.txt", env={"PYTHONIOENCODING": "gbk"}).stdout.decode("gbk")
    assert "\\U0002003e坪村2025年工作总结" in title          # 𠀾 (GBK lacks it): escaped, not lost
    ascii_out = run_checker("outline", drafts / "简体.txt", env={"PYTHONIOENCODING": "ascii"}).stdout.decode("ascii")
    assert "\\u" in ascii_out


# --- report formats for CI -------------------------------------------------------------------------

def _validate_sarif(log: dict):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
    assert not errors, [e.message for e in errors[:5]]


def test_check_writes_sarif_to_a_file_in_utf8_whatever_the_console(drafts, tmp_path):
    target = tmp_path / "out" / "checker.sarif"
    proc = run_checker("check", "--format", "sarif", "-o", target, drafts, env={"PYTHONIOENCODING": "cp1252"})
    assert proc.returncode == 1 and proc.stdout == b""
    log = json.loads(target.read_text(encoding="utf-8"))
    _validate_sarif(log)
    results = log["runs"][0]["results"]
    uris = {unquote(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for x in results}
    assert {Path(u).name for u in uris} == {"简体.txt", "繁體.docx"}
    slot = next(x for x in results if x["ruleId"] == "placeholder" and unquote(
        x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).endswith("简体.txt"))
    region = slot["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 5, 7)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_check_github_workflow_commands(drafts):
    proc = run_checker("check", "--format", "github", drafts)
    assert proc.returncode == 1
    lines = proc.stdout.decode("utf-8").splitlines()
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),endLine=\d+,col=(\d+),endColumn=\d+,"
                         r"title=[^:]+::(.+)$")
    parsed = [pattern.match(x) for x in lines]
    assert lines and all(parsed), lines
    found = {(Path(m.group(2)).name, m.group(3), m.group(4)) for m in parsed}
    # 𠀾 counts two UTF-16 units on line 1 of 简体.txt but the slot is on line 2 after 今年投入
    assert ("简体.txt", "2", "5") in found and ("繁體.docx", "2", "5") in found
    assert not any(Path(m.group(2)).name == "干净.txt" for m in parsed)


def test_check_junit_one_testcase_per_draft_and_fail_on(drafts):
    out = run_checker("check", "--format", "junit", drafts).stdout.decode("utf-8")
    suite = ET.fromstring(out)
    cases = {Path(c.get("name")).name: c for c in suite.iter("testcase")}
    assert set(cases) == {"简体.txt", "繁體.docx", "干净.txt"}
    assert cases["简体.txt"].find("failure") is not None and cases["干净.txt"].find("failure") is None
    never = ET.fromstring(run_checker("check", "--format", "junit", "--fail-on", "never", drafts).stdout)
    assert not list(never.iter("failure"))


def test_check_gitlab_code_quality(drafts):
    issues = json.loads(run_checker("check", "--format", "gitlab", drafts).stdout.decode("utf-8"))
    assert issues and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {Path(i["location"]["path"]).name for i in issues} == {"简体.txt", "繁體.docx"}
    assert {i["severity"] for i in issues} <= {"major", "minor", "info"}


def test_check_checkstyle(drafts):
    root = ET.fromstring(run_checker("check", "--format", "checkstyle", drafts).stdout)
    files = {Path(f.get("name")).name: f for f in root.iter("file")}
    assert set(files) == {"简体.txt", "繁體.docx", "干净.txt"}
    sources = {e.get("source") for e in files["繁體.docx"].iter("error")}
    assert "checker.placeholder" in sources and not list(files["干净.txt"].iter("error"))


def test_rules_as_json():
    # machine-readable reports are UTF-8 on stdout too, whatever the console's encoding
    proc = run_checker("rules", "--format", "json", env={"PYTHONIOENCODING": "ascii"})
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data == json.loads(json.dumps(codes.as_data()))
    assert [d["code"] for d in data] == list(codes.CODES)
    assert all(Path(d["doc_path"]).is_file() for d in data)


# --- project configuration ------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path):
    """A county office's drafts with a configuration at the top and drafts two folders down."""
    root = tmp_path / "县政府办"
    for rel, text in (("乡镇/东坝.txt", ZH), ("旧稿/去年.txt", ZH), ("乡镇/干净.txt", CLEAN)):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "縣直").mkdir()
    _tw_docx(root / "縣直" / "東壩.docx")
    return root


def _rules_of(report, name):
    f = next(x for x in report["files"] if Path(x["path"]).name == name)
    return {x["rule"] for x in f["findings"]}


def test_a_configuration_in_a_parent_folder_changes_what_check_reports(project):
    before = json_report(project / "乡镇" / "东坝.txt")
    assert "placeholder" in _rules_of(before, "东坝.txt")
    (project / "checker.toml").write_text('ignore = ["placeholder"]\n', encoding="utf-8")
    after = json_report(project / "乡镇" / "东坝.txt")
    assert "placeholder" not in _rules_of(after, "东坝.txt") and _rules_of(after, "东坝.txt")
    # the command line wins; --isolated reads no configuration
    assert "placeholder" in _rules_of(json_report("--select", "placeholder", project / "乡镇" / "东坝.txt"), "东坝.txt")
    assert "placeholder" in _rules_of(json_report("--isolated", project / "乡镇" / "东坝.txt"), "东坝.txt")
    # checker config shows it and where it came from
    out = run_checker("config", project / "乡镇" / "东坝.txt").stdout.decode("utf-8")
    assert f"# {project / 'checker.toml'}" in out
    assert re.search(rf'^ignore = \["placeholder"\]    # {re.escape(str(project / "checker.toml"))}$', out, re.M)
    assert re.search(r'^select = \[\]    # default$', out, re.M)
    cli = json.loads(run_checker("config", "--format", "json", "--ignore", "numbering", project).stdout)
    assert cli["settings"]["ignore"] == {"value": ["numbering"], "source": "command line"}
    assert cli["config"] == str(project / "checker.toml")


def test_configuration_fail_on_overrides_and_exclude(project):
    (project / "checker.toml").write_text("""
fail-on = "never"
exclude = ["旧稿"]

[[overrides]]
files = ["縣直/**"]
select = ["placeholder"]
fail-on = "error"
lang = "en"
""", encoding="utf-8")
    report = json_report(project)
    names = sorted(Path(f["path"]).name for f in report["files"])
    assert names == ["东坝.txt", "干净.txt", "東壩.docx"]             # 旧稿 excluded
    tw = next(f for f in report["files"] if f["path"].endswith("東壩.docx"))
    assert {x["rule"] for x in tw["findings"]} == {"placeholder"}
    assert tw["findings"][0]["message"].startswith("unfilled")          # the override's lang
    # fail-on: never for 乡镇, error for 縣直
    assert run_checker("check", project / "乡镇").returncode == 0
    assert run_checker("check", project / "縣直").returncode == 1
    assert run_checker("check", "--fail-on", "never", project / "縣直").returncode == 0
    # --exclude adds to the configuration's; a file named explicitly is checked all the same
    report = json_report("--exclude", "縣直", project)
    assert sorted(Path(f["path"]).name for f in report["files"]) == ["东坝.txt", "干净.txt"]
    assert json_report(project / "旧稿" / "去年.txt")["files"][0]["findings"]
    # --config names a file for every draft
    other = project.parent / "别处.toml"
    other.write_text('select = ["numbering"]\n', encoding="utf-8")
    assert _rules_of(json_report("--config", other, project / "縣直"), "東壩.docx") == set()


def test_bad_configuration_is_one_line(project):
    (project / "checker.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    for args in (["check", project], ["annotate", project / "乡镇"], ["config", project],
                 ["watch", "--once", project], ["review", project / "乡镇" / "东坝.txt"]):
        proc = run_checker(*args)
        err = proc.stderr.decode("utf-8").strip()
        assert proc.returncode == 2 and "Traceback" not in err, (args, err)
        assert len(err.splitlines()) == 1 and "checker.toml" in err and "fail-on" in err, (args, err)
    proc = run_checker("check", "--config", project / "checker.toml", "--isolated", project / "乡镇")
    assert proc.returncode == 2 and len(proc.stderr.decode().strip().splitlines()) == 1


def test_annotate_watch_and_review_read_the_configuration(project):
    (project / "checker.toml").write_text('select = ["placeholder"]\nexclude = ["旧稿"]\n', encoding="utf-8")
    proc = run_checker("annotate", project)
    assert proc.returncode == 0, proc.stderr
    assert not (project / "旧稿" / "去年.checked.docx").exists()
    assert (project / "乡镇" / "东坝.checked.docx").exists()
    import docx

    comments = [c.text for c in docx.Document(str(project / "乡镇" / "东坝.checked.docx")).comments]
    assert comments and all("placeholder" in c for c in comments)
    # watch: the excluded draft is not indexed; the others are checked with the configuration's select
    assert run_checker("watch", "--once", "-q", project).returncode == 0
    index = json.loads((project / "_checker" / "index.json").read_text(encoding="utf-8"))
    indexed = {d["path"] for d in index["drafts"]}
    assert indexed == {"乡镇/东坝.txt", "乡镇/干净.txt", "縣直/東壩.docx"}
    report = json.loads((project / "_checker" / "乡镇" / "东坝.txt.json").read_text(encoding="utf-8"))
    assert {f["rule"] for f in report["files"][0]["findings"]} == {"placeholder"}
    # review: only the configuration's rules are walked through
    out = run_checker("review", project / "乡镇" / "东坝.txt", input=b"q\n").stdout.decode("utf-8")
    assert "[1/1]" in out and "placeholder" in out


def test_own_outputs_are_never_checked_as_drafts(drafts):
    assert run_checker("annotate", drafts).returncode == 0
    assert (drafts / "繁體.checked.docx").exists()
    assert run_checker("watch", "--once", "-q", drafts).returncode == 0
    report = json_report(drafts)
    names = sorted(Path(f["path"]).name for f in report["files"])
    assert names == ["干净.txt", "简体.txt", "繁體.docx"]
    assert not any(x["rule"] == "docx-comment" for f in report["files"] for x in f["findings"])
    # named explicitly, a copy is still not a draft: one line says so
    proc = run_checker("check", drafts / "繁體.checked.docx", drafts / "干净.txt")
    assert proc.returncode == 0
    assert "繁體.checked.docx" in proc.stderr.decode() and "繁體.checked.docx" not in proc.stdout.decode()
    assert "检查了 1 个文件" in proc.stdout.decode()


# --- quiet, statistics, progress ------------------------------------------------------------------

def test_quiet_shows_only_files_with_findings_and_the_summary(drafts):
    out = run_checker("check", "-q", drafts).stdout.decode("utf-8")
    assert "干净.txt" not in out and "简体.txt" in out and "繁體.docx" in out
    assert "检查了 3 个文件" in out
    full = run_checker("check", drafts).stdout.decode("utf-8")
    assert "干净.txt" in full


def test_statistics_counts_per_rule(drafts, tmp_path):
    report = json_report(drafts)
    by_rule = report["summary"]["by_rule"]
    proc = run_checker("check", "--statistics", drafts)
    assert proc.returncode == 1
    lines = proc.stdout.decode("utf-8").splitlines()
    stats = [re.match(r"^\s*(\d+)  (\S+)\s+(错误|警告|提示)  (.+)$", x) for x in lines]
    stats = [m for m in stats if m]
    assert {m.group(2) for m in stats} == set(by_rule)
    placeholder = sum(int(m.group(1)) for m in stats if m.group(2) == "placeholder")
    assert placeholder == sum(by_rule["placeholder"].values())
    counts = [int(m.group(1)) for m in stats]
    assert counts == sorted(counts, reverse=True)
    assert not any(":2:5" in x for x in lines)              # no per-finding lines
    assert any(x.startswith("检查了 3 个文件") for x in lines)
    # with another format: the report to -o, the counts here; without -o: a usage error
    target = tmp_path / "r.json"
    proc = run_checker("check", "--format", "json", "-o", target, "--statistics", drafts)
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["by_rule"] == by_rule
    assert "placeholder" in proc.stdout.decode("utf-8")
    assert run_checker("check", "--format", "json", "--statistics", drafts).returncode == 2


def test_progress_bar_on_a_terminal_only(drafts):
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "checker", "check", drafts], stdout=subprocess.PIPE,
                              stderr=slave, env=dict(os.environ, COLUMNS="100", TERM="xterm"))
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    tty_err = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 1
    assert "检查" in tty_err and "/3" in tty_err                   # "检查 ━━━ 2/3 …"
    assert b"\x1b" not in proc.stdout                               # the report on the pipe stays plain
    piped = run_checker("check", drafts)
    assert piped.stderr == b""                                      # no bar when stderr is not a terminal
    assert run_checker("check", "-q", drafts).stderr == b""


# --- no traceback, whatever happens ----------------------------------------------------------------

def test_a_bug_is_one_line_and_exit_code_2(drafts, monkeypatch):
    from click.testing import CliRunner

    import checker.render
    from checker.cli import main

    def broken(*_a, **_k):
        raise RuntimeError("renderer broke\non two lines")

    monkeypatch.setattr(checker.render, "render", broken)
    result = CliRunner().invoke(main, ["check", str(drafts / "简体.txt")])
    assert result.exit_code == 2
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert "RuntimeError: renderer broke on two lines" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_terminal_report_to_a_file_is_utf8_under_any_console(drafts, tmp_path):
    target = tmp_path / "报告.txt"
    proc = run_checker("check", "-o", target, drafts / "简体.txt", env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 1 and proc.stdout == b""
    text = target.read_text(encoding="utf-8")
    assert "未填写的模板占位符" in text and "•" in text


def test_help_lists_config_and_new_options():
    out = run_checker("--help", env={"PYTHONIOENCODING": "cp1252"}).stdout.decode("cp1252")
    assert re.search(r"^\s+config\s", out, re.M)
    check_help = run_checker("check", "--help").stdout.decode("utf-8")
    for option in ("--config", "--isolated", "--exclude", "--quiet", "--statistics", "sarif", "checkstyle"):
        assert option in check_help, option


def test_api_run_gives_each_draft_with_its_settings(project):
    from checker.api import Run

    (project / "checker.toml").write_text('fail-on = "never"\n[[overrides]]\nfiles = ["縣直/**"]\nfail-on = "info"\n',
                                          encoding="utf-8")
    (project / "乡镇" / "东坝.checked.docx").write_bytes(b"PK")
    run = Run([project, project / "乡镇" / "东坝.checked.docx"], select=["placeholder"], options={"year": 2025})
    names = [Path(i.path).name for i in run.inputs]
    assert names == ["东坝.txt", "干净.txt", "去年.txt", "東壩.docx"] and len(run) == 4
    assert run.skipped == [str(project / "乡镇" / "东坝.checked.docx")]
    assert run.top.fail_on == "never" and run.top.config == project / "checker.toml"
    got = {Path(r.path).name: (s.fail_on, [f.text for f in r.findings]) for r, s in run}
    assert got["東壩.docx"] == ("info", ["XX", "某某"])
    assert got["东坝.txt"] == ("never", ["XX"]) and got["干净.txt"] == ("never", [])
    assert run.context(run.top).options["year"] == 2025


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "gbk"])
def test_caret_stays_under_the_span_when_the_console_escapes(drafts, encoding):
    out = run_checker("check", "--select", "placeholder", drafts / "简体.txt",
                      env={"PYTHONIOENCODING": encoding}).stdout.decode(encoding).splitlines()
    context, carets = out[2], out[3]
    assert carets.strip() == "^^"
    from checker.render.terminal import cell_width

    start = carets.index("^")                         # in columns: a Chinese character is two wide
    before = next(context[:i] for i in range(len(context) + 1) if cell_width(context[:i]) >= start)
    assert context[len(before):len(before) + 2] == "XX" and cell_width(before) == start
    if encoding == "gbk":                             # GBK has the Chinese: kept as it is
        assert "今年投入XX" in context
    else:
        assert "\\u4eca\\u5e74" in context              # 今年, escaped
