"""`checker watch` honours the accepted-findings baseline beside each draft, as `checker check` does: its
reports hide accepted findings, a change to the baseline re-reports the drafts beside it (and only those),
the index shows how many were hidden, and the log says n/total while catching up."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_checker
from tests.test_watch import MODES, draft_text, index, report, wait_for, watcher, write  # noqa: F401

SETTLE = ("--settle", "0.05")


def _review(draft: Path, keys: str) -> None:
    proc = run_checker("review", draft, input=keys.encode())
    assert proc.returncode == 0, proc.stderr


def _once(root: Path) -> str:
    proc = run_checker("watch", root, "--once", "--format", "json,html", *SETTLE)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr.decode()


def _findings(reports: Path, rel: str) -> list[str]:
    return [f["text"] for f in report(reports, rel)["files"][0]["findings"]]


@pytest.mark.parametrize("script", ["zh", "tw"])
def test_once_honours_the_baseline_and_a_baseline_change_re_reports(tmp_path, script):
    root = tmp_path / "共享"
    write(root / "乡镇" / "甲.txt", draft_text(1, 3, script))
    write(root / "乙.txt", draft_text(2, 1, script))
    reports = root / "_checker"
    _review(root / "乡镇" / "甲.txt", "a\nq\n")            # accept the first slot of 甲

    log = _once(root)
    assert re.search(r"\[1/2\] ", log) and re.search(r"\[2/2\] ", log), log
    assert "基线隐藏 1" in log
    assert _findings(reports, "乡镇/甲.txt") == ["XX", "XX"]
    assert report(reports, "乡镇/甲.txt")["files"][0]["suppressed"] == 1
    entries = {e["path"]: e for e in index(reports)["drafts"]}
    assert entries["乡镇/甲.txt"]["suppressed"] == 1 and entries["乙.txt"]["suppressed"] == 0
    page = (reports / "index.html").read_text("utf-8")
    assert "已接受（基线隐藏）" in page and "基线隐藏了 1 条已接受的问题" in page
    # the same as checker check says
    check = json.loads(run_checker("check", "--format", "json", root / "乡镇" / "甲.txt").stdout)
    assert [f["text"] for f in check["files"][0]["findings"]] == _findings(reports, "乡镇/甲.txt")

    assert "甲.txt" not in _once(root)                      # nothing changed: nothing checked
    _review(root / "乡镇" / "甲.txt", "n\na\nq\n")         # accept another: the baseline changes
    log = _once(root)
    assert "甲.txt" in log and "乙.txt" not in log         # only the drafts beside that baseline
    assert _findings(reports, "乡镇/甲.txt") == ["XX"]
    assert index(reports)["drafts"][0]["suppressed"] == 2

    (root / "乡镇" / ".checker-baseline.json").unlink()   # no baseline: everything shows again
    _once(root)
    assert _findings(reports, "乡镇/甲.txt") == ["XX", "XX", "XX"]


@pytest.mark.parametrize("mode", MODES)
def test_watching_an_accepted_finding_leaves_the_report(tmp_path, watcher, mode):
    root = tmp_path / "共享"
    write(root / "丙.txt", draft_text(3, 2))
    w = watcher(root, mode)
    wait_for(lambda: report(w.reports, "丙.txt") and len(_findings(w.reports, "丙.txt")) == 2,
             what="the first report", on_timeout=w.log)
    _review(root / "丙.txt", "a\nq\n")
    wait_for(lambda: report(w.reports, "丙.txt")["files"][0]["suppressed"] == 1,
             what="the report to honour the new baseline", on_timeout=w.log)
    assert _findings(w.reports, "丙.txt") == ["XX"]
    wait_for(lambda: index(w.reports)["drafts"] and index(w.reports)["drafts"][0].get("suppressed") == 1,
             what="the index to show the accepted finding", on_timeout=w.log)
    assert w.stop() == 0
