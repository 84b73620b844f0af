"""Rule packs: bundled vocabulary, user packs, merging, switching rules off, changing severities."""

import pytest

from checker import packs
from tests.conftest import SAMPLES, json_report, run_checker


def test_bundled_packs_load_and_every_vocabulary_entry_can_match():
    merged = packs.load()
    voc = merged["placeholder"]
    assert "X光" in voc["allow"] and "待补充" in voc["markers"]
    # an entry that could never match (empty, or only whitespace) is a silent bug (Vale #1154)
    for key, words in voc.items():
        if isinstance(words, list):
            for w in words:
                assert not isinstance(w, str) or w.strip(), (key, w)


def test_lists_extend_and_tables_merge(tmp_path):
    (tmp_path / "a.toml").write_text('[placeholder]\nallow = ["甲"]\n[other]\nx = 1\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('[placeholder]\nallow = ["乙", "甲"]\n[other]\ny = 2\n', encoding="utf-8")
    merged = packs.load([str(tmp_path)])
    assert merged["placeholder"]["allow"][-2:] == ["甲", "乙"]
    assert merged["other"] == {"x": 1, "y": 2}


def test_replace_table(tmp_path):
    (tmp_path / "r.toml").write_text('[placeholder]\nreplace = true\nallow = ["只此一个"]\n', encoding="utf-8")
    merged = packs.load([str(tmp_path / "r.toml")])
    assert merged["placeholder"] == {"allow": ["只此一个"]}


def test_disable_and_severity_from_a_pack(tmp_path):
    sev = tmp_path / "sev.toml"
    sev.write_text('[checker]\nseverity = { placeholder = "warning" }\n', encoding="utf-8")
    report = json_report("--pack", sev, SAMPLES / "工作总结-待填.txt")
    assert report["summary"]["by_severity"]["error"] == 0
    assert report["summary"]["by_severity"]["warning"] == 35
    assert run_checker("check", "--pack", sev, SAMPLES / "工作总结-待填.txt").returncode == 0
    off = tmp_path / "off.toml"
    off.write_text('[checker]\ndisable = ["placeholder"]\n', encoding="utf-8")
    assert json_report("--pack", off, SAMPLES / "工作总结-待填.txt")["summary"]["findings"] == 0


def test_packs_from_the_environment(tmp_path):
    pack = tmp_path / "env.toml"
    pack.write_text('[placeholder]\nallow = ["XX镇人民政府"]\n', encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("XX镇人民政府\n全镇XX个村", encoding="utf-8")
    report = json_report(draft, env={"CHECKER_PACKS": str(pack)})
    assert [(f["line"], f["text"]) for f in report["files"][0]["findings"]] == [(2, "XX")]


def test_missing_pack_is_a_one_line_error(tmp_path):
    proc = run_checker("check", "--pack", tmp_path / "nope.toml", SAMPLES / "工作总结-定稿.txt")
    assert proc.returncode == 2
    assert "nope.toml" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_bad_user_regex_is_reported(tmp_path):
    pack = tmp_path / "bad.toml"
    pack.write_text('[[placeholder.patterns]]\npattern = "(unclosed"\n', encoding="utf-8")
    proc = run_checker("check", "--pack", pack, SAMPLES / "工作总结-定稿.txt")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "(unclosed" in err and str(pack) in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["fatal", 3])
def test_bad_severity_in_pack_is_reported(tmp_path, value):
    pack = tmp_path / "bad.toml"
    v = f'"{value}"' if isinstance(value, str) else value
    pack.write_text(f"[checker]\nseverity = {{ placeholder = {v} }}\n", encoding="utf-8")
    proc = run_checker("check", "--pack", pack, SAMPLES / "工作总结-定稿.txt")
    assert proc.returncode == 2
    assert "placeholder" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()
