"""The Python API (checker.api, re-exported lazily from checker)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import checker
from checker import codes
from tests.conftest import json_report
from tests.docxfactory import make_docx, p, r

ZH = "东坝镇2025年工作总结\n今年投入XX万元修建便民桥。\n"
TW = "東壩鎮2025年工作總結\n本年投入XX萬元修建便民橋。\n"
LOOKALIKE = "东坝镇2025年工作总结\n卫生院新添一台X光机，XXL号防护服一批。\n"


def slots(result) -> list[str]:
    return [f.text for f in result.findings if f.rule == "placeholder"]


def test_import_is_cheap_and_the_api_is_lazy():
    code = ("import sys, checker; heavy = [m for m in sys.modules if m.split('.')[0] in "
            "('docx', 'lxml', 'rich', 'click', 'chardet') or m.startswith('checker.')]; print(heavy); "
            "checker.check_text; print('checker.api' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "True"]
    assert {"check_path", "check_bytes", "check_text", "list_rules", "load_packs"} <= set(dir(checker))
    assert checker.__distribution__ == "gongwen-checker"
    with pytest.raises(AttributeError):
        checker.no_such_function


@pytest.mark.parametrize("text", [ZH, TW], ids=["zh", "tw"])
def test_check_text(text):
    res = checker.check_text(text)
    assert slots(res) == ["XX"]
    f = next(f for f in res.findings if f.rule == "placeholder")
    assert (f.line, f.column) == (2, 5) and res.format == "txt" and res.error is None
    assert checker.check_text(text, select=["numbering"]).findings == []
    en = checker.check_text(text, lang="en", select=["placeholder"])
    assert en.findings and all(ch.isascii() or ch in "XX“”" for ch in en.findings[0].message[:10])


def test_check_text_leaves_look_alikes_alone():
    assert slots(checker.check_text(LOOKALIKE)) == []
    assert checker.check_text("").findings == []


def test_check_bytes_docx_and_encodings(tmp_path):
    make_docx(tmp_path / "a.docx", [p("東壩鎮2025年工作總結"), p(r("本年投入X"), r("X萬元修建便民橋。"))])
    res = checker.check_bytes((tmp_path / "a.docx").read_bytes(), "草稿/a.docx")
    assert res.format == "docx" and res.path == "草稿/a.docx" and slots(res) == ["XX"]
    res = checker.check_bytes(ZH.encode("gb18030"), "b.txt")
    assert res.encoding and slots(res) == ["XX"]
    res = checker.check_bytes(TW.encode("big5"), "c.txt")
    assert slots(res) == ["XX"]
    res = checker.check_bytes(b"", "d.txt")
    assert res.error["code"] == "empty" and res.findings == []
    res = checker.check_bytes(LOOKALIKE.encode(), "e.txt")
    assert slots(res) == []


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "县政府办"
    for rel, text in (("乡镇/东坝.txt", ZH), ("縣直/東壩.txt", TW), ("旧稿/去年.txt", ZH), ("乡镇/干净.txt", LOOKALIKE)):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "乡镇" / "东坝.checked.docx").write_bytes(b"not a draft")
    return root


def test_check_path_walks_a_folder_and_skips_own_outputs(tree):
    res = checker.check_path(tree, isolated=True)
    names = [Path(x.path).relative_to(tree).as_posix() for x in res]
    assert names == ["乡镇/东坝.txt", "乡镇/干净.txt", "旧稿/去年.txt", "縣直/東壩.txt"]
    assert [len(slots(x)) for x in res] == [1, 0, 1, 1]
    assert checker.check_path(tree / "乡镇" / "东坝.checked.docx", isolated=True) == []


def test_a_configuration_in_a_parent_folder_changes_what_is_reported(tree):
    (tree / "checker.toml").write_text(
        'exclude = ["旧稿"]\n[[overrides]]\nfiles = ["縣直/**"]\nignore = ["placeholder"]\n', encoding="utf-8")
    res = {Path(x.path).relative_to(tree).as_posix(): x for x in checker.check_path(tree)}
    assert set(res) == {"乡镇/东坝.txt", "乡镇/干净.txt", "縣直/東壩.txt"}
    assert slots(res["縣直/東壩.txt"]) == [] and slots(res["乡镇/东坝.txt"]) == ["XX"]
    # arguments win over the configuration; a file named explicitly is checked though excluded
    [one] = checker.check_path(tree / "縣直" / "東壩.txt", ignore=["numbering"])
    assert slots(one) == ["XX"]
    [old] = checker.check_path(tree / "旧稿" / "去年.txt")
    assert slots(old) == ["XX"]
    # isolated: no configuration
    assert len(checker.check_path(tree, isolated=True)) == 4
    # a folder whose drafts are all excluded says so
    [none] = checker.check_path(tree / "旧稿")
    assert none.error["code"] == "no-drafts"


def test_bad_settings_raise(tree, tmp_path):
    (tree / "checker.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    with pytest.raises(checker.api.ConfigError, match="fail-on"):
        checker.check_path(tree)
    with pytest.raises(checker.api.ConfigError, match="select"):
        checker.check_text(ZH, select=["nope"])
    with pytest.raises(checker.api.PackError):
        checker.check_text(ZH, packs=[tmp_path / "missing.toml"])


def test_results_have_the_fields_of_the_json_report(tree):
    draft = tree / "乡镇" / "东坝.txt"
    [res] = checker.check_path(draft, isolated=True, baseline=False)
    assert res.as_json() == json_report(str(draft), "--no-baseline")["files"][0]


def test_baseline_hides_accepted_findings_unless_false(tree):
    from checker.baseline import Baseline, fingerprints

    draft = tree / "乡镇" / "东坝.txt"
    [res] = checker.check_path(draft, isolated=True)
    f = next(f for f in res.findings if f.rule == "placeholder")
    fp = fingerprints(res.findings, res.document)[res.findings.index(f)]
    Baseline(str(draft)).accept(f, fp, res.document)
    [hidden] = checker.check_path(draft, isolated=True)
    assert slots(hidden) == [] and hidden.suppressed == 1
    [shown] = checker.check_path(draft, isolated=True, baseline=False)
    assert slots(shown) == ["XX"]


def test_rules_and_packs(tmp_path):
    data = checker.list_rules()
    assert [d["code"] for d in data] == list(codes.CODES) and data == checker.api.rules()
    package = importlib.import_module("checker.rules")      # the package of rule modules keeps its name
    assert checker.rules is package and hasattr(package, "REGISTRY") and checker.list_rules() == data
    base = checker.load_packs()
    assert "placeholder" in base
    pack = tmp_path / "县级.toml"
    pack.write_text('[placeholder]\nmarkers = ["待审定"]\n', encoding="utf-8")
    merged = checker.load_packs([pack])
    assert "待审定" in merged["placeholder"]["markers"]
    assert "待审定" not in checker.load_packs()["placeholder"].get("markers", [])
    bad = tmp_path / "坏.toml"
    bad.write_text("[placeholder\n", encoding="utf-8")
    with pytest.raises(checker.api.PackError, match="坏.toml"):
        checker.load_packs([bad])
    res = checker.check_text("本年度待审定事项三件。\n", packs=[pack], select=["placeholder"])
    assert slots(res) == ["待审定"]
    assert slots(checker.check_text("本年度待审定事项三件。\n", select=["placeholder"])) == []
