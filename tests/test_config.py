"""checker.config: configuration found upward like ruff's, overrides, precedence and where each value
came from, exclusion globs, checker's own outputs, and one-line errors naming the file and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import config as C
from checker.config import ConfigError, Glob, Resolver, is_own_output, resolve

NO_ENV: dict = {}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path):
    """A county's drafts folder with a configuration at its top."""
    root = tmp_path / "县政府办"
    write(root / "规则" / "县级.toml", "[placeholder]\n")
    write(root / "checker.toml", """
select = ["placeholder", "figures"]
fail-on = "warning"
packs = ["规则/县级.toml"]
exclude = ["旧稿", "附件/**"]
baseline = "审核/基线.json"

[[overrides]]
files = ["县直/**", "縣直/**"]
ignore = ["missing-section"]
lang = "en"
""")
    for rel in ("乡镇/东坝.txt", "县直/财政局.txt", "縣直/教育局.txt", "旧稿/去年.txt", "附件/表.txt"):
        write(root / rel, "今年完成XX项工作。\n")
    return root


def test_found_from_the_drafts_folder_upward(project):
    s = resolve(project / "乡镇" / "东坝.txt", env=NO_ENV)
    assert s.config == project / "checker.toml"
    assert s.select == ("placeholder", "figures") and s.fail_on == "warning"
    assert s.sources["select"] == str(project / "checker.toml")
    assert s.packs == (str(project / "规则" / "县级.toml"),)
    assert s.baseline == str(project / "审核" / "基线.json")
    assert s.sources["kind"] == C.DEFAULT and s.kind is None and s.lang == "zh"


def test_a_draft_outside_any_configuration_gets_the_defaults(tmp_path):
    d = write(tmp_path / "别处" / "a.txt", "x\n")
    s = resolve(d, env=NO_ENV)
    assert s.config is None and s.values == C.DEFAULTS
    assert set(s.sources.values()) == {C.DEFAULT}


@pytest.mark.parametrize("folder", ["县直", "縣直"])
def test_overrides_apply_to_their_folder_only(project, folder):
    inside = resolve(project / folder / "x.txt", env=NO_ENV)
    assert inside.ignore == ("missing-section",) and inside.lang == "en"
    assert "[[overrides]] #1" in inside.sources["ignore"]
    assert inside.select == ("placeholder", "figures")          # not overridden: the file's value
    outside = resolve(project / "乡镇" / "东坝.txt", env=NO_ENV)
    assert outside.ignore == () and outside.lang == "zh"
    assert outside.sources["ignore"] == C.DEFAULT


def test_command_line_wins_env_lang_between_packs_add_up(project, tmp_path):
    cli_pack = write(tmp_path / "mine.toml", "")
    s = resolve(project / "县直" / "x.txt", {"ignore": ["numbering"], "fail_on": "error", "packs": [str(cli_pack)],
                                            "select": None, "kind": "年度工作总结"},
                env={"CHECKER_LANG": "zh"})
    assert s.ignore == ("numbering",) and s.sources["ignore"] == C.COMMAND_LINE
    assert s.fail_on == "error" and s.kind == "年度工作总结"
    assert s.select == ("placeholder", "figures")                  # None: not given
    assert s.lang == "zh" and s.sources["lang"] == "CHECKER_LANG"  # env beats the override
    assert s.packs == (str(project / "规则" / "县级.toml"), str(cli_pack))
    assert s.sources["packs"] == f"{project / 'checker.toml'}; {C.COMMAND_LINE}"
    assert resolve(project / "县直" / "x.txt", {"lang": "zh"}, env={"CHECKER_LANG": "en"}).lang == "zh"


def test_file_names_in_one_folder_and_pyproject_without_a_table(tmp_path):
    write(tmp_path / "checker.toml", 'fail-on = "info"\n')
    sub = tmp_path / "sub"
    write(sub / "pyproject.toml", '[project]\nname = "drafts"\n')           # no [tool.checker]: passed over
    assert resolve(sub / "a.txt", env=NO_ENV).fail_on == "info"
    write(sub / "pyproject.toml", '[tool.checker]\nfail-on = "never"\n[[tool.checker.overrides]]\n'
                                  'files = ["县直/**"]\nfail-on = "warning"\n')
    assert resolve(sub / "a.txt", env=NO_ENV).fail_on == "never"
    assert resolve(sub / "县直" / "a.txt", env=NO_ENV).fail_on == "warning"
    write(sub / "checker.toml", 'fail-on = "error"\n')
    assert resolve(sub / "a.txt", env=NO_ENV).config == sub / "checker.toml"
    write(sub / ".checker.toml", 'fail-on = "info"\n')
    assert resolve(sub / "a.txt", env=NO_ENV).config == sub / ".checker.toml"


def test_the_nearest_configuration_is_used_whole(project):
    write(project / "乡镇" / ".checker.toml", 'ignore = ["numbering"]\n')
    s = resolve(project / "乡镇" / "东坝.txt", env=NO_ENV)
    assert s.ignore == ("numbering",) and s.select == () and s.fail_on == "error"


def test_config_file_and_isolated(project, tmp_path):
    other = write(tmp_path / "别处" / "a.txt", "x\n")
    s = resolve(other, config=project / "checker.toml", env=NO_ENV)
    assert s.config == project / "checker.toml" and s.fail_on == "warning"
    s = resolve(project / "乡镇" / "东坝.txt", isolated=True, env=NO_ENV)
    assert s.config is None and s.values == C.DEFAULTS
    with pytest.raises(ConfigError, match="--isolated"):
        resolve(other, config=project / "checker.toml", isolated=True)
    # relative --config: from the current folder
    s = resolve(other, config="checker.toml", cwd=project, env=NO_ENV)
    assert s.config == project / "checker.toml"
    with pytest.raises(ConfigError, match="not found"):
        resolve(other, config=tmp_path / "nope.toml")
    write(tmp_path / "pyproject.toml", "[project]\n")
    with pytest.raises(ConfigError, match=r"\[tool\.checker\]"):
        resolve(other, config=tmp_path / "pyproject.toml")


def test_standard_input_uses_the_current_folder(project):
    assert resolve("-", cwd=project / "乡镇", env=NO_ENV).config == project / "checker.toml"
    assert resolve(None, cwd=project, env=NO_ENV).fail_on == "warning"


@pytest.mark.parametrize("text, key, problem", [
    ('fail-on = "sometimes"\n', "fail-on", "must be one of"),
    ('selct = ["placeholder"]\n', "selct", "unknown key"),
    ('select = ["placeholdr"]\n', "select", "unknown rule"),
    ('ignore = "numbering"\nlang = "fr"\n', "lang", "must be one of"),
    ('select = [1, 2]\n', "select", "list of strings"),
    ('packs = ["没有.toml"]\n', "packs", "not found"),
    ('kind = ""\n', "kind", "kind of report"),
    ('baseline = 3\n', "baseline", "file path"),
    ('[[overrides]]\nignore = ["numbering"]\n', "overrides #1 files", "missing"),
    ('[[overrides]]\nfiles = ["a/**"]\nexclude = ["b"]\n', "overrides #1 exclude", "unknown key"),
    ('overrides = "a"\n', "overrides", "array of tables"),
    ('select = [\n', "", "invalid TOML"),
])
def test_a_bad_configuration_is_one_line_naming_file_and_key(tmp_path, text, key, problem):
    path = write(tmp_path / "checker.toml", text)
    with pytest.raises(ConfigError) as e:
        resolve(tmp_path / "a.txt", env=NO_ENV)
    msg = str(e.value)
    assert "\n" not in msg
    assert msg.startswith(str(path)) and key in msg and problem in msg


def test_pyproject_errors_name_the_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.checker]\nfail-on = "x"\n')
    with pytest.raises(ConfigError, match=r"pyproject\.toml: \[tool\.checker\] fail-on"):
        resolve(tmp_path / "a.txt", env=NO_ENV)


def test_bad_command_line_values_are_named(tmp_path):
    with pytest.raises(ConfigError, match="--select"):
        resolve(tmp_path, {"select": ["nope"]}, env=NO_ENV)
    with pytest.raises(ConfigError, match="--fail-on"):
        resolve(tmp_path, {"fail_on": "x"}, env=NO_ENV)
    with pytest.raises(ConfigError, match="unknown setting"):
        resolve(tmp_path, {"colour": True}, env=NO_ENV)


# --- exclusion ------------------------------------------------------------------------------------

def test_exclude_globs_from_the_configuration(project):
    r = Resolver(env=NO_ENV)
    assert r.excluded(project / "旧稿")
    assert r.excluded(project / "旧稿" / "去年.txt")
    assert r.excluded(project / "乡镇" / "旧稿" / "x.txt")              # a name pattern: any folder
    assert r.excluded(project / "附件" / "表.txt")
    assert not r.excluded(project / "乡镇" / "附件" / "表.txt")         # a path pattern: from the root
    assert not r.excluded(project / "旧稿说明.txt")
    assert not r.excluded(project / "乡镇" / "东坝.txt")
    assert not Resolver(env=NO_ENV, isolated=True).excluded(project / "旧稿" / "去年.txt")


def test_exclude_from_the_command_line_adds_to_the_configuration(project):
    r = Resolver({"exclude": ["*.bak.txt"]}, env=NO_ENV, cwd=project)
    assert r.excluded("乡镇/东坝.bak.txt") and r.excluded(project / "旧稿" / "去年.txt")
    assert not r.excluded("乡镇/东坝.txt")
    assert r.settings(project / "乡镇" / "东坝.txt").sources["exclude"] == f"{project / 'checker.toml'}; {C.COMMAND_LINE}"


@pytest.mark.parametrize("pattern, path, expected", [
    ("县直/**", "县直/财政局/a.txt", True),
    ("县直/**", "县直", False),
    ("县直/", "县直/a.txt", True),
    ("县直/", "乡镇/县直", False),          # a folder-only pattern: 县直 is the file's name here
    ("**/附件", "乡镇/东坝/附件/b.txt", True),
    ("*.bak.docx", "乡镇/a.bak.docx", True),
    ("*.bak.docx", "乡镇/a.docx", False),
    ("第?季度", "第3季度/a.txt", True),
    ("第?季度", "第12季度/a.txt", False),
    ("[!旧]稿", "新稿/a.txt", True),
    ("[!旧]稿", "旧稿/a.txt", False),
    ("/乡镇", "乡镇/a.txt", True),
    ("/乡镇", "县/乡镇/a.txt", False),
])
def test_glob_semantics(tmp_path, pattern, path, expected):
    assert Glob(pattern, tmp_path).matches(tmp_path / path) is expected


def test_a_path_pattern_never_matches_outside_its_folder(tmp_path):
    assert not Glob("县直/**", tmp_path / "a").matches(tmp_path / "县直" / "x.txt")
    assert Glob("*.bak.txt", tmp_path / "a").matches(tmp_path / "b" / "x.bak.txt")   # the file's own name


@pytest.mark.parametrize("path, own", [
    ("草稿/总结.checked.docx", True),
    ("草稿/總結.CHECKED.DOCX", True),
    ("草稿/_checker/总结.json", True),
    ("_checker/a/b.html", True),
    ("_checker", True),
    ("草稿/总结.docx", False),
    ("草稿/checked.docx", False),
    ("草稿/_checker说明.txt", False),
    ("草稿/总结.checked.txt", False),
])
def test_checkers_own_outputs(path, own):
    assert is_own_output(path) is own


def test_own_outputs_are_excluded_without_any_configuration(tmp_path):
    assert Resolver(env=NO_ENV, isolated=True).excluded(tmp_path / "总结.checked.docx")
    assert C.Settings().excluded(tmp_path / "_checker" / "x.json")


def test_own_output_names_agree_with_the_modules_that_write_them():
    from checker.annotate import SUFFIX
    from checker.engine import REPORTS_DIR

    assert C.OWN_SUFFIXES == (SUFFIX,) and C.OWN_FOLDERS == (REPORTS_DIR,)


# --- showing the settings -------------------------------------------------------------------------

def test_settings_as_data_and_text(project):
    s = resolve(project / "县直" / "x.txt", {"kind": "述职报告"}, env=NO_ENV)
    d = s.as_dict()
    json.dumps(d, ensure_ascii=False)
    assert d["config"] == str(project / "checker.toml")
    assert d["settings"]["kind"] == {"value": "述职报告", "source": C.COMMAND_LINE}
    assert d["settings"]["exclude"]["value"] == ["旧稿", "附件/**"]
    assert set(d["settings"]) == set(C.KEYS)
    text = s.describe()
    assert 'kind = "述职报告"    # command line' in text
    assert 'ignore = ["missing-section"]    # ' in text and "[[overrides]] #1" in text


def test_resolver_reads_each_configuration_once(project, monkeypatch):
    calls = []
    real = C.load
    monkeypatch.setattr(C, "load", lambda p: calls.append(p) or real(p))
    r = Resolver(env=NO_ENV)
    for rel in ("乡镇/东坝.txt", "县直/财政局.txt", "縣直/教育局.txt", "乡镇/东坝.txt"):
        r.settings(project / rel)
    assert len(calls) == 1
