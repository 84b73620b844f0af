"""Accepted findings: fingerprints that survive edits elsewhere, check honouring the baseline, review."""

import json
import shutil
import subprocess
import sys
import time

import pytest

from checker.baseline import fingerprints
from checker.readers.txt import document_from_text
from tests.conftest import findings, json_report, run_checker


def fps(text):
    doc = document_from_text(text, "d.txt", "utf-8")
    from checker.engine import check_document
    from tests.conftest import ctx_for

    found = check_document(doc, ctx_for())
    return {f.text + "@" + str(f.line): fp for f, fp in zip(found, fingerprints(found, doc))}


BASE_ZH = "工作总结\n全镇共有XX个村。\n活动时间待定。\n全镇共有XX个村。"
BASE_TW = "工作總結\n全鎮共有XX個村。\n活動時間待定。\n全鎮共有XX個村。"


@pytest.mark.parametrize("base", [BASE_ZH, BASE_TW])
def test_fingerprint_survives_lines_inserted_and_deleted_above(base):
    before = fps(base)
    lines = base.split("\n")
    inserted = "\n".join([lines[0], "新增的一段话。", "又一段。", *lines[1:]])
    after = fps(inserted)
    assert after[lines[1][4:6] + "@4"] == before[lines[1][4:6] + "@2"]
    deleted = "\n".join(lines[1:])
    assert fps(deleted)["XX@1"] == before["XX@2"]


def test_identical_findings_are_told_apart_by_rank():
    got = fps(BASE_ZH)
    assert got["XX@2"] != got["XX@4"]
    assert got["XX@2"].rsplit("-", 1)[0] == got["XX@4"].rsplit("-", 1)[0]


@pytest.mark.parametrize("edited", ["全镇共有XXX个村。", "全镇拥有XX个村。", "全镇共有XX个社区。"])
def test_editing_the_span_or_its_neighbourhood_changes_the_fingerprint(edited):
    before = fps("标题\n全镇共有XX个村。")
    after = fps("标题\n" + edited)
    assert set(after.values()).isdisjoint(before.values())


def _accept_all(tmp_path, draft, keys):
    return subprocess.run([sys.executable, "-m", "checker", "review", str(draft)], input=keys.encode(),
                          capture_output=True, cwd=tmp_path)


def test_check_honours_the_baseline_and_no_baseline_shows_all(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("标题\n全镇共有XX个村。\n推广X光机。\n", encoding="utf-8")
    assert run_checker("check", draft).returncode == 1
    proc = _accept_all(tmp_path, draft, "a\nq\n")
    assert proc.returncode == 0, proc.stderr.decode()
    base = json.loads((tmp_path / ".checker-baseline.json").read_text(encoding="utf-8"))
    assert base["version"] == 1 and [e["text"] for e in base["drafts"]["d.txt"]] == ["XX"]
    report = json_report(draft)
    assert report["files"][0]["findings"] == [] and report["summary"]["suppressed"] == 1
    checked = run_checker("check", draft)
    assert checked.returncode == 0
    assert "基线隐藏了 1 条已接受的问题" in checked.stdout.decode()
    assert run_checker("check", "--no-baseline", draft).returncode == 1
    # lines added above: still accepted
    draft.write_text("标题\n前言一段。\n前言又一段。\n全镇共有XX个村。\n", encoding="utf-8")
    assert run_checker("check", draft).returncode == 0
    # the flagged text's neighbourhood changed: no longer accepted
    draft.write_text("标题\n全镇现有XX个村。\n", encoding="utf-8")
    assert run_checker("check", draft).returncode == 1


def test_explicit_baseline_path_and_corrupt_baseline(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("全镇共有XX个村。", encoding="utf-8")
    elsewhere = tmp_path / "base" / "accepted.json"
    elsewhere.parent.mkdir()
    proc = subprocess.run([sys.executable, "-m", "checker", "review", "--baseline", str(elsewhere), str(draft)],
                          input=b"a\n", capture_output=True)
    assert proc.returncode == 0
    assert "../d.txt" in json.loads(elsewhere.read_text(encoding="utf-8"))["drafts"]
    assert run_checker("check", "--baseline", elsewhere, draft).returncode == 0
    assert run_checker("check", draft).returncode == 1
    elsewhere.write_text("{not json", encoding="utf-8")
    bad = run_checker("check", "--baseline", elsewhere, draft)
    err = bad.stderr.decode().strip()
    assert bad.returncode == 2 and str(elsewhere) in err and len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_review_piped_keys_accept_unaccept_previous_and_summary(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("全镇共有XX个村。\n活动时间待定。\n某某同志发言。", encoding="utf-8")
    proc = _accept_all(tmp_path, draft, "a\np\nu\nn\na\nq\n")
    out = proc.stdout.decode()
    assert "[1/3]" in out and "[2/3]" in out
    assert "复核了 3 条，共 3 条；接受为误报 1 条；仍需处理 2 条。" in out
    base = json.loads((tmp_path / ".checker-baseline.json").read_text(encoding="utf-8"))
    assert [e["text"] for e in base["drafts"]["d.txt"]] == ["待定"]
    en = subprocess.run([sys.executable, "-m", "checker", "review", "--lang", "en", str(draft)],
                        input=b"q\n", capture_output=True).stdout.decode()
    assert "reviewed 1 of 3" in en


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_review_in_a_real_terminal_with_tmux(tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_text("工作總結\n全鎮共有XX個村。\n活動時間待定。\n", encoding="utf-8")
    session = f"checker-review-{int(time.time() * 1000)}"
    cmd = f"cd {tmp_path} && {sys.executable} -m checker review 草稿.txt; sleep 30"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", cmd], check=True)

    def screen():
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True).stdout.decode()

    def wait(text, timeout=15):
        end = time.time() + timeout
        while time.time() < end:
            if text in screen():
                return screen()
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{screen()}")

    try:
        first = wait("[1/2]")
        assert "全鎮共有XX個村" in first and "a 接受为误报" in first
        subprocess.run(["tmux", "send-keys", "-t", session, "a"], check=True)   # a single key, no Enter
        wait("[2/2]")
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        wait("复核了 2 条，共 2 条；接受为误报 1 条；仍需处理 1 条。")
        wait("基线文件")   # printed just after the summary: wait for it too
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    base = json.loads((tmp_path / ".checker-baseline.json").read_text(encoding="utf-8"))
    assert [e["text"] for e in base["drafts"]["草稿.txt"]] == ["XX"]


def test_nothing_to_review(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("干净的文稿。", encoding="utf-8")
    proc = _accept_all(tmp_path, draft, "")
    assert proc.returncode == 0 and "没有需要复核的问题" in proc.stdout.decode()
    assert not (tmp_path / ".checker-baseline.json").exists()


def test_findings_helper_unchanged_by_baselines():
    # rules themselves know nothing of baselines
    assert [f.text for f in findings("全镇共有XX个村。", "placeholder")] == ["XX"]


def test_annotate_leaves_accepted_findings_out(tmp_path):
    from docx import Document

    draft = tmp_path / "d.txt"
    draft.write_text("全镇共有XX个村。\n某某同志发言。", encoding="utf-8")
    _accept_all(tmp_path, draft, "a\nq\n")
    assert run_checker("annotate", draft).returncode == 0
    comments = [c.text for c in Document(str(tmp_path / "d.checked.docx")).comments]
    assert len(comments) == 1 and "某某" in comments[0]
    assert run_checker("annotate", "--no-baseline", draft).returncode == 0
    assert len(Document(str(tmp_path / "d.checked.docx")).comments) == 2
