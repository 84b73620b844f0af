"""The CI report formats (sarif, github, junit, gitlab, checkstyle) and `rules` as data, each tested by
parsing what it writes. SARIF is validated against the official 2.1.0 schema (tests/data)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from checker import codes
from checker.engine import check_paths, make_context
from checker.findings import FileResult, Finding, Related
from checker.render import checkstyle, github, gitlab, junit, sarif
from tests.docxfactory import make_docx, p, r

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"

# Our own drafts. Line 2 of each has a slot after a character outside the BMP (two UTF-16 units).
ZH_LINES = ["𠀾坪村2025年工作总结", "今年𠀾坪村投入XX万元修建便民桥，群众满意。", "全镇共有农户1000户，其中脱贫户1200户。"]
TW_LINES = ["𡈼溪鄉2025年工作總結", "本年𡈼溪鄉投入XX萬元修建便民橋，由某某負責。"]
CLEAN = ["东坝村2025年工作总结", "今年东坝村修建便民桥两座，群众满意。"]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    d = tmp_path_factory.mktemp("drafts")
    (d / "简体.txt").write_text("\n".join(ZH_LINES) + "\n", encoding="utf-8")
    make_docx(d / "繁體.docx", [p(TW_LINES[0]), p(r("本年𡈼溪鄉投入X"), r("X萬元修建便民橋，由某"), r("某負責。"))])
    (d / "干净.txt").write_text("\n".join(CLEAN) + "\n", encoding="utf-8")
    (d / "空的.txt").write_bytes(b"")
    return d


@pytest.fixture(scope="module")
def results(drafts):
    paths = [drafts / "简体.txt", drafts / "繁體.docx", drafts / "干净.txt", drafts / "空的.txt"]
    out = check_paths([str(x) for x in paths], make_context())
    by_name = {Path(x.path).name: x for x in out}
    assert by_name["空的.txt"].error and not by_name["干净.txt"].findings
    assert {f.rule for f in by_name["简体.txt"].findings} >= {"placeholder", "subtotal-exceeds-total"}
    return out


def synthetic(path="a,b:c%d.txt") -> FileResult:
    """Findings of each severity, one spanning two lines, one with a related place (no document)."""
    return FileResult(path=path, format="txt", findings=[
        Finding("placeholder", "error", 1, 3, 1, 5, "XX", "第一行\n第二行 50% a:b,c"),
        Finding("metric-conflict", "warning", 2, 1, 3, 4, "一二三", "两个值", related=(Related(1, 1, 2, "甲", "另一处"),)),
        Finding("parts-sum-mismatch", "info", 4, 2, 4, 6, "四五六七", "小于总数"),
    ])


# --- SARIF ---------------------------------------------------------------------------------------

def _validate(log: dict):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, [e.message for e in errors[:5]]


def _results_for(log, name):
    return [x for x in log["runs"][0]["results"]
            if unquote(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).endswith(name)]


def test_sarif_validates_against_the_official_schema(results):
    log = json.loads(sarif.render(results, lang="zh"))
    _validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "checker"
    assert run["columnKind"] == "utf16CodeUnits"
    _validate(json.loads(sarif.render([synthetic()], lang="en")))
    _validate(json.loads(sarif.render([], lang="en")))


@pytest.mark.parametrize("name, line", [("简体.txt", ZH_LINES[1]), ("繁體.docx", TW_LINES[1])])
def test_sarif_columns_count_utf16_code_units(results, name, line):
    log = json.loads(sarif.render(results))
    slot = next(x for x in _results_for(log, name) if x["ruleId"] == "placeholder"
                and x["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "XX")
    region = slot["locations"][0]["physicalLocation"]["region"]
    chars = line.index("XX") + 1                      # the column in characters
    assert region["startLine"] == 2
    assert region["startColumn"] == chars + 1         # 𠀾 / 𡈼 before it are two code units each
    assert region["endColumn"] == region["startColumn"] + 2
    units = line.encode("utf-16-le")
    start = (region["startColumn"] - 1) * 2
    assert units[start:start + 4].decode("utf-16-le") == "XX"


def test_sarif_bmp_text_keeps_character_columns(results):
    log = json.loads(sarif.render(results))
    found = next(x for x in _results_for(log, "简体.txt") if x["ruleId"] == "subtotal-exceeds-total")
    region = found["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == ZH_LINES[2].index("1200户") + 1


def test_sarif_rules_carry_metadata_and_help_uris(results):
    log = json.loads(sarif.render(results, lang="en"))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [x["id"] for x in rules] == list(codes.CODES)
    for i, rule in enumerate(rules):
        c = codes.CODES[rule["id"]]
        assert rule["shortDescription"]["text"] == c.summary[1]
        assert rule["defaultConfiguration"]["level"] == sarif.LEVELS[c.severity.value]
        page = Path(unquote(urlparse(rule["helpUri"]).path))
        assert page.name == c.doc and page.is_file()
    for x in log["runs"][0]["results"]:
        assert rules[x["ruleIndex"]]["id"] == x["ruleId"]
    based = json.loads(sarif.render(results, help_base="https://example.org/rules/"))
    assert based["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == "https://example.org/rules/placeholder.md"


def test_sarif_levels_related_places_and_unreadable_files(results):
    log = json.loads(sarif.render([synthetic()]))
    levels = [x["level"] for x in log["runs"][0]["results"]]
    assert levels == ["error", "warning", "note"]
    multi = log["runs"][0]["results"][1]
    region = multi["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["endLine"]) == (2, 3)
    assert multi["relatedLocations"][0]["message"]["text"] == "另一处"
    assert unquote(multi["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) == "a,b:c%d.txt"
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True

    log = json.loads(sarif.render(results))
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    [note] = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["descriptor"]["id"] == "empty"
    assert not _results_for(log, "空的.txt") and not _results_for(log, "干净.txt")


def test_sarif_fingerprints_survive_lines_inserted_above(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n".join(ZH_LINES), encoding="utf-8")
    b.write_text("\n".join([ZH_LINES[0], "新插入的一段说明。", *ZH_LINES[1:]]), encoding="utf-8")
    logs = [json.loads(sarif.render(check_paths([str(x)], make_context()))) for x in (a, b)]
    fps = [[x["partialFingerprints"][sarif.FINGERPRINT_KEY] for x in log["runs"][0]["results"]] for log in logs]
    lines = [[x["locations"][0]["physicalLocation"]["region"]["startLine"] for x in log["runs"][0]["results"]]
             for log in logs]
    assert fps[0] == fps[1] and len(set(fps[0])) == len(fps[0])
    assert lines[1] == [n + 1 for n in lines[0]]


def test_sarif_uris_of_relative_absolute_and_stdin_paths():
    assert sarif.artifact_uri("草稿/一 月.txt") == "%E8%8D%89%E7%A8%BF/%E4%B8%80%20%E6%9C%88.txt"
    assert sarif.artifact_uri(str(Path("/tmp/x.txt").resolve())).startswith("file:///")
    log = json.loads(sarif.render([FileResult(path="-", format="txt")]))
    assert log["runs"][0]["results"] == []
    log = json.loads(sarif.render([synthetic("-")]))
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert "uri" not in loc and loc["description"]["text"]
    _validate(log)


# --- GitHub workflow commands ----------------------------------------------------------------------

_CMD = re.compile(r"^::(\w+)(?: ([^:]*))?::(.*)$")


def _unescape(s: str) -> str:
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _commands(text: str) -> list[tuple[str, dict, str]]:
    out = []
    for line in text.splitlines():
        m = _CMD.match(line)
        assert m, line
        props = dict(kv.split("=", 1) for kv in m.group(2).split(",")) if m.group(2) else {}
        out.append((m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))))
    return out


def test_github_commands_escape_and_round_trip():
    text = github.render([synthetic()])
    assert len(text.splitlines()) == 3            # the newline inside a message stays escaped
    cmds = _commands(text)
    assert [c[0] for c in cmds] == ["error", "warning", "notice"]
    name, props, msg = cmds[0]
    assert props["file"] == "a,b:c%d.txt"
    assert (props["line"], props["col"], props["endColumn"]) == ("1", "3", "5")
    assert props["title"] == "checker placeholder"
    assert msg == "第一行\n第二行 50% a:b,c"
    assert cmds[1][1]["endLine"] == "3"
    assert github.escape_property("a:b,c%\r\n") == "a%3Ab%2Cc%25%0D%0A"
    assert github.escape_data("a:b,c%\r\n") == "a:b,c%25%0D%0A"


def test_github_annotations_of_real_drafts(results):
    cmds = _commands(github.render(results))
    by_file = {}
    for kind, props, msg in cmds:
        by_file.setdefault(Path(props["file"]).name, []).append((kind, props, msg))
    assert "干净.txt" not in by_file
    [(kind, props, msg)] = by_file["空的.txt"]
    assert kind == "error" and "line" not in props and msg
    slot = next(c for c in by_file["繁體.docx"] if c[1]["title"] == "checker placeholder")
    assert slot[1]["col"] == str(TW_LINES[1].index("XX") + 2)      # UTF-16 units, after 𡈼


# --- JUnit ----------------------------------------------------------------------------------------

def _cases(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "testsuites"
    return {Path(c.get("name")).name: c for c in root.iter("testcase")}


def test_junit_one_testcase_per_draft(results):
    xml = junit.render(results)
    root = ET.fromstring(xml.encode("utf-8"))
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "1")
    cases = _cases(xml)
    assert set(cases) == {"简体.txt", "繁體.docx", "干净.txt", "空的.txt"}
    assert list(cases["干净.txt"]) == []
    assert cases["空的.txt"].find("error").get("type") == "empty"
    failure = cases["繁體.docx"].find("failure")
    assert failure.get("type") == "error"
    listed = failure.text.splitlines()
    assert any(" placeholder " in x and x.startswith("2:") for x in listed)


def test_junit_fail_on_moves_lower_findings_to_system_out():
    cases = _cases(junit.render([synthetic()], fail_on="warning"))
    case = cases["a,b:c%d.txt"]
    assert len(case.find("failure").text.splitlines()) == 3      # the error's message has a newline
    assert "parts-sum-mismatch" in case.find("system-out").text
    cases = _cases(junit.render([synthetic()], fail_on="never"))
    assert cases["a,b:c%d.txt"].find("failure") is None
    with pytest.raises(ValueError):
        junit.render([synthetic()], fail_on="sometimes")


def test_junit_and_checkstyle_survive_characters_xml_forbids():
    res = synthetic()
    res.findings[0].message = "竖\x0b线\x01"
    for fmt in (junit, checkstyle):
        ET.fromstring(fmt.render([res]).encode("utf-8"))     # parses


# --- GitLab Code Quality ---------------------------------------------------------------------------

def test_gitlab_code_quality(results):
    issues = json.loads(gitlab.render(results))
    required = {"description", "check_name", "fingerprint", "severity", "location"}
    assert all(required <= set(i) for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    tw = [i for i in issues if i["location"]["path"].endswith("繁體.docx")]
    assert {i["check_name"] for i in tw} == {"placeholder"} and all(i["location"]["lines"]["begin"] == 2 for i in tw)
    [bad] = [i for i in issues if i["location"]["path"].endswith("空的.txt")]
    assert bad["check_name"] == "unreadable" and bad["severity"] == "critical"
    assert not [i for i in issues if i["location"]["path"].endswith("干净.txt")]
    sev = [i["severity"] for i in json.loads(gitlab.render([synthetic()]))]
    assert sev == ["major", "minor", "info"]


# --- Checkstyle ------------------------------------------------------------------------------------

def test_checkstyle(results):
    root = ET.fromstring(checkstyle.render(results).encode("utf-8"))
    files = {Path(f.get("name")).name: f for f in root.iter("file")}
    assert set(files) == {"简体.txt", "繁體.docx", "干净.txt", "空的.txt"}
    assert list(files["干净.txt"]) == []
    [err] = list(files["空的.txt"])
    assert err.get("source") == "checker.unreadable" and err.get("severity") == "error"
    sources = {e.get("source") for e in files["简体.txt"]}
    assert {"checker.placeholder", "checker.subtotal-exceeds-total"} <= sources
    slot = next(e for e in files["简体.txt"] if e.get("source") == "checker.placeholder")
    assert (slot.get("line"), slot.get("column")) == ("2", str(ZH_LINES[1].index("XX") + 1))  # characters


# --- every format: same signature, English, empty input -------------------------------------------

@pytest.mark.parametrize("fmt", [sarif, github, junit, gitlab, checkstyle])
def test_every_format_renders_nothing_and_english(fmt, results):
    assert isinstance(fmt.render([], lang="zh", color=False), str)
    assert isinstance(fmt.render(results, lang="en", color=True, unknown_option=1), str)


# --- `checker rules` as data -----------------------------------------------------------------------

def test_rules_as_data():
    data = codes.as_data()
    assert [d["code"] for d in data] == list(codes.CODES)
    for d in data:
        c = codes.CODES[d["code"]]
        assert d["severity"] == c.severity.value and d["rule"] == c.family
        assert (d["summary"]["zh"], d["summary"]["en"]) == c.summary
        assert d["doc"] == f"docs/rules/{c.doc}" and Path(d["doc_path"]).is_file()
    json.dumps(data, ensure_ascii=False)
