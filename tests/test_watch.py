"""`checker watch`, tested with real file-system events in temporary folders.

The watcher runs as a subprocess (``python -m checker watch …``), as an IT person would start it,
once with file-system events and once polling (``--poll``): every behaviour test runs in both modes.
Settle and poll times are short so the suite stays quick.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.render.index import render_index
from checker.watch import Watcher, is_network_fs, mount_fstype
from tests.docxfactory import make_docx, p

SETTLE = 0.4
POLL = 0.2
MODES = ["events", "poll"]

# Our own draft lines: each holds exactly one unfilled number slot (XX).
SLOT_LINES = {
    "zh": ["全年新建农村道路XX公里。", "完成固定资产投资XX万元。", "新增就业岗位XX个。",
           "接待群众来访XX人次。", "整治河道XX处。", "培训基层干部XX人。"],
    "tw": ["全年新建農村道路XX公里。", "完成固定資產投資XX萬元。", "新增就業崗位XX個。",
           "接待群眾來訪XX人次。", "整治河道XX處。", "培訓基層幹部XX人。"],
}


def draft_text(i: int, slots: int, script: str = "zh") -> str:
    """A small work summary with ``slots`` unfilled slots (Simplified or Traditional)."""
    title = f"青石镇第{i}号2025年工作总结" if script == "zh" else f"青石鎮第{i}號2025年工作總結"
    lines = [title, "一、主要工作" if script == "zh" else "一、主要工作", *SLOT_LINES[script][:slots],
             "二、下步打算" if script == "zh" else "二、下步打算",
             "继续抓好各项工作落实。" if script == "zh" else "繼續抓好各項工作落實。"]
    return "\n".join(lines) + "\n"


def wait_for(pred, timeout=30.0, step=0.02, what="condition", on_timeout=None):
    """Wait for ``pred``; the timeout is generous because CI shares two cores (latency targets are
    asserted separately)."""
    end = time.monotonic() + timeout
    while True:
        value = pred()
        if value:
            return value
        if time.monotonic() > end:
            detail = f"\n{on_timeout()}" if on_timeout else ""
            raise AssertionError(f"timed out waiting for {what}{detail}")
        time.sleep(step)


class WatchProc:
    """A watcher subprocess whose stderr goes to a log file."""

    def __init__(self, root: Path, mode: str, *args, log: Path | None = None, ready=True):
        self.root = root
        self.reports = root / "_checker"
        self.log_path = log or root.parent / f"watch-{time.monotonic_ns()}.log"
        cmd = [sys.executable, "-m", "checker", "watch", str(root), "--lang", "en", "-v",
               "--settle", str(SETTLE), "--retry", "0.3", *map(str, args)]
        if mode == "poll":
            cmd += ["--poll", str(POLL)]
        if "--format" not in args:
            cmd += ["--format", "json"]
        self.fh = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=self.fh)
        if ready:
            wait_for(lambda: re.search(r"^\S+ \S+ watching$", self.log(), re.M) or self.proc.poll() is not None,
                     what="the watcher to start")
            assert self.proc.poll() is None, self.log()

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def checks(self, rel: str) -> int:
        return len(re.findall(rf"^\S+ \S+ (?:\[\d+/\d+\] )?{re.escape(rel)}: (?:\d+ errors|unreadable)",
                              self.log(), re.M))

    def stop(self, sig=signal.SIGTERM, timeout=15) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        finally:
            self.fh.close()

    def kill(self):
        self.proc.kill()
        self.proc.wait(10)
        self.fh.close()


@pytest.fixture
def watcher(tmp_path):
    procs = []

    def start(root, mode, *args, **kw):
        w = WatchProc(root, mode, *args, **kw)
        procs.append(w)
        return w

    yield start
    for w in procs:
        if w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait(10)
        if not w.fh.closed:
            w.fh.close()


def report(reports: Path, rel: str) -> dict | None:
    try:
        return json.loads((reports / (rel + ".json")).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def slots(rep: dict) -> int:
    return sum(1 for f in rep["files"][0]["findings"] if f["rule"] == "placeholder")


def current(root: Path, reports: Path, rel: str, want_slots: int | None = None) -> bool:
    """The report of ``rel`` describes the draft as it is now (and has ``want_slots`` slots)."""
    rep = report(reports, rel)
    if rep is None:
        return False
    st = (root / rel).stat()
    if (rep["watch"]["size"], rep["watch"]["mtime_ns"]) != (st.st_size, st.st_mtime_ns):
        return False
    return want_slots is None or slots(rep) == want_slots


def index(reports: Path) -> dict:
    try:
        return json.loads((reports / "index.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {"drafts": []}


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def report_files(reports: Path) -> set[str]:
    return {f.relative_to(reports).as_posix() for f in reports.rglob("*") if f.is_file()}


# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_new_draft_gets_a_report_within_2s_of_becoming_stable(tmp_path, watcher, mode):
    root = tmp_path / "drafts"
    root.mkdir()
    w = watcher(root, mode)
    write(root / "乡镇" / "二月总结.txt", draft_text(1, 3))
    stable = time.monotonic()
    wait_for(lambda: report(w.reports, "乡镇/二月总结.txt"), what="the report")
    took = time.monotonic() - stable
    assert took < SETTLE + 2.0, took
    rep = report(w.reports, "乡镇/二月总结.txt")
    assert rep["files"][0]["path"] == "乡镇/二月总结.txt"
    assert slots(rep) == 3
    assert current(root, w.reports, "乡镇/二月总结.txt", 3)
    # the index lists it with the report's counts
    entries = wait_for(lambda: index(w.reports)["drafts"], what="the index")
    assert [e["path"] for e in entries] == ["乡镇/二月总结.txt"]
    assert entries[0]["counts"] == rep["summary"]["by_severity"]
    assert (w.reports / "index.html").is_file()
    assert w.checks("乡镇/二月总结.txt") == 1
    assert re.search(r"^\S+ \S+ 乡镇/二月总结\.txt: \d+ errors, \d+ warnings, \d+ info \(\d+\.\d\d s\)$", w.log(), re.M)
    assert w.stop() == 0
    assert "stopped: 1 drafts checked" in w.log()


@pytest.mark.parametrize("mode", MODES)
def test_draft_written_in_two_halves_is_checked_once_whole(tmp_path, watcher, mode):
    root = tmp_path / "drafts"
    root.mkdir()
    w = watcher(root, mode)
    text = draft_text(2, 6, "tw").encode("utf-8")
    half = text.index("接待".encode()) if "接待".encode() in text else len(text) // 2
    target = root / "年度總結.txt"
    with open(target, "wb") as fh:
        fh.write(text[:half])
        fh.flush()
        os.fsync(fh.fileno())
        time.sleep(SETTLE / 2)           # a pause shorter than the settle time
        fh.write(text[half:])
        fh.flush()
        os.fsync(fh.fileno())
    wait_for(lambda: current(root, w.reports, "年度總結.txt"), what="the report")
    time.sleep(SETTLE + 3 * POLL)       # any second check would have happened by now
    rep = report(w.reports, "年度總結.txt")
    assert rep["watch"]["size"] == len(text)
    assert slots(rep) == 6
    assert max(f["line"] for f in rep["files"][0]["findings"]) == 8   # the slot in the second half
    assert w.checks("年度總結.txt") == 1, w.log()
    # a burst of saves (rewrites and replace-by-rename, 50 ms apart) is one check of the last version
    for k in range(8):
        if k % 2:
            write(root / "年度總結.txt", draft_text(k, k % 6))
        else:
            write(root / ".tmp-save", draft_text(k, k % 6))
            os.replace(root / ".tmp-save", root / "年度總結.txt")
        time.sleep(0.05)
    write(root / "年度總結.txt", draft_text(9, 2, "tw"))
    wait_for(lambda: current(root, w.reports, "年度總結.txt", 2), what="the report of the last save")
    time.sleep(SETTLE + 3 * POLL)
    assert w.checks("年度總結.txt") == 2, w.log()


@pytest.mark.parametrize("mode", MODES)
def test_word_style_save_through_temp_file_and_renames(tmp_path, watcher, mode):
    root = tmp_path / "drafts"
    root.mkdir()
    draft = root / "政府工作报告.docx"
    make_docx(draft, [p("2025年政府工作报告", style="Heading1"), p("全年完成投资XX亿元。")])
    w = watcher(root, mode)
    wait_for(lambda: current(root, w.reports, "政府工作报告.docx", 1), what="the first report")
    # What Word does on save: owner file, write a temp file, rename the original away, rename the temp
    # file to the name, delete the old one, then the owner file.
    owner = root / "~$政府工作报告.docx"
    write(owner, b"\x05clerk" + b"\x00" * 150)
    tmp = root / "~WRD0000.tmp"
    make_docx(tmp, [p("2025年政府工作报告", style="Heading1"), p("全年完成投资XX亿元，增长X.X%。"),
                    p("新增就业XX万人。")])
    os.rename(draft, root / "~WRL0001.tmp")
    os.rename(tmp, draft)
    os.unlink(root / "~WRL0001.tmp")
    os.unlink(owner)
    wait_for(lambda: current(root, w.reports, "政府工作报告.docx", 3), what="the report of the saved version",
             on_timeout=w.log)
    time.sleep(SETTLE + 3 * POLL)
    assert w.checks("政府工作报告.docx") == 2, w.log()
    assert "removed the report" not in w.log()
    assert report_files(w.reports) == {"政府工作报告.docx.json", "index.json", "index.html"}


@pytest.mark.parametrize("mode", MODES)
def test_lock_temporary_and_hidden_files_are_ignored(tmp_path, watcher, mode):
    root = tmp_path / "drafts"
    root.mkdir()
    w = watcher(root, mode)
    write(root / "~$工作计划.docx", b"\x05owner")
    write(root / ".~lock.工作计划.docx#", "clerk,PC-01,2025")
    write(root / "~WRL0002.tmp", b"PK\x03\x04old")
    write(root / "~WRD0003.tmp", b"PK\x03\x04new")
    write(root / ".隐藏草稿.txt", draft_text(3, 2))
    write(root / ".git" / "notes.txt", draft_text(4, 2))
    write(root / "~临时" / "草稿.txt", draft_text(5, 2))
    write(root / "说明.pdf", b"%PDF-1.4")
    write(root / "工作计划.checked.docx", b"PK\x03\x04")   # an annotated copy left beside a draft
    write(root / "哨兵.txt", draft_text(6, 1))        # a real draft, to know the events were handled
    wait_for(lambda: report(w.reports, "哨兵.txt"), what="the sentinel report")
    time.sleep(SETTLE + 3 * POLL)
    assert report_files(w.reports) == {"哨兵.txt.json", "index.json", "index.html"}
    assert [e["path"] for e in index(w.reports)["drafts"]] == ["哨兵.txt"]
    assert not re.search(r"lock|WRL|WRD|隐藏|notes|临时|checked", "\n".join(
        line for line in w.log().splitlines() if ": " in line and "errors" in line))


@pytest.mark.parametrize("mode", MODES)
def test_300_drafts_dropped_at_once_all_get_correct_reports(tmp_path, watcher, mode):
    root = tmp_path / "drafts"
    (root / "东村").mkdir(parents=True)
    (root / "西村").mkdir()
    stage = tmp_path / "stage"
    stage.mkdir()
    expected = {}
    for i in range(200):   # files moved in one by one
        rel = f"{'东村' if i % 2 else '西村'}/总结{i:03d}.txt"
        write(stage / f"{i}.txt", draft_text(i, i % 7, "tw" if i % 3 == 0 else "zh"))
        expected[rel] = (stage / f"{i}.txt", i % 7)
    batch = stage / "南村"
    for i in range(200, 300):   # a whole folder moved in
        write(batch / f"总结{i:03d}.txt", draft_text(i, i % 7))
    w = watcher(root, mode)
    for rel, (src, _n) in list(expected.items()):
        os.rename(src, root / rel)
    os.rename(batch, root / "南村")
    for i in range(200, 300):
        expected[f"南村/总结{i:03d}.txt"] = (None, i % 7)
    wait_for(lambda: len(index(w.reports)["drafts"]) == 300, timeout=90, step=0.1, what="300 index entries")
    for rel, (_src, n) in expected.items():
        assert current(root, w.reports, rel, n), rel
        assert w.checks(rel) == 1, rel
    entries = index(w.reports)["drafts"]
    assert sorted(e["path"] for e in entries) == sorted(expected)
    stamps = [e["checked"] for e in entries]
    assert stamps == sorted(stamps, reverse=True)      # newest first
    assert w.stop() == 0


@pytest.mark.parametrize("mode", MODES)
def test_killed_with_sigkill_midrun_then_restarted_brings_every_report_up_to_date(tmp_path, watcher, mode):
    root = tmp_path / "drafts"
    root.mkdir()
    stage = tmp_path / "stage"
    want = {}
    for i in range(300):
        write(stage / f"组{i % 5}" / f"草稿{i:03d}.txt", draft_text(i, i % 7))
        want[f"组{i % 5}/草稿{i:03d}.txt"] = i % 7
    w = watcher(root, mode)
    for d in sorted(stage.iterdir()):
        os.rename(d, root / d.name)
    wait_for(lambda: len(list(w.reports.rglob("*.txt.json"))) >= 20, timeout=60, what="some reports")
    w.kill()
    done = {r for r in want if report(w.reports, r)}
    assert done, "nothing was checked before the kill"
    # While the watcher is down: change some checked drafts, one of them keeping its old mtime
    # (a copy tool does that), delete some, add some.
    done = sorted(done)
    for rel in done[:4]:
        path = root / rel
        st = path.stat()
        write(path, draft_text(999, 6))
        want[rel] = 6
        if rel == done[0]:
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    for rel in done[4:7]:
        (root / rel).unlink()
        del want[rel]
    for i in range(5):
        write(root / "新增" / f"补充{i}.txt", draft_text(i, 2, "tw"))
        want[f"新增/补充{i}.txt"] = 2
    w2 = watcher(root, mode)
    wait_for(lambda: all(current(root, w2.reports, r, n) for r, n in want.items())
             and sorted(e["path"] for e in index(w2.reports)["drafts"]) == sorted(want),
             timeout=90, step=0.2, what="every report up to date")
    for rel in done[4:7]:
        assert not (w2.reports / (rel + ".json")).exists()
    assert not [f for f in w2.reports.rglob("*") if f.name.endswith(".tmp")]   # no half-written leftovers
    # everything without a current report at the kill, and everything changed since, was checked by the
    # restarted watcher (a draft killed between its report and its log line has a report: it is in `done`)
    for r in want:
        if r not in done or r in done[:4]:
            assert w2.checks(r) >= 1, r
    # drafts checked before the kill and untouched since were not checked again
    untouched = [r for r in done[7:]]
    assert untouched and all(w2.checks(r) == 0 for r in untouched)
    assert w2.stop() == 0


@pytest.mark.parametrize("mode", MODES)
def test_deleted_and_moved_out_drafts_lose_their_reports(tmp_path, watcher, mode):
    root = tmp_path / "drafts"
    write(root / "甲.txt", draft_text(1, 1))
    write(root / "分组" / "乙.txt", draft_text(2, 2))
    write(root / "分组" / "丙.txt", draft_text(3, 3))
    w = watcher(root, mode)
    wait_for(lambda: len(index(w.reports)["drafts"]) == 3, what="three entries")
    (root / "甲.txt").unlink()
    shutil.move(str(root / "分组"), str(tmp_path / "别处"))      # a whole folder moved out
    wait_for(lambda: not index(w.reports)["drafts"], what="an empty index")
    assert report_files(w.reports) == {"index.json", "index.html"}
    assert "removed the report of 分组/乙.txt" in w.log()


@pytest.mark.parametrize("mode", MODES)
def test_unreadable_drafts_get_a_report_saying_why_and_the_watcher_goes_on(tmp_path, watcher, mode):
    root = tmp_path / "drafts"
    root.mkdir()
    w = watcher(root, mode)
    write(root / "坏的.docx", b"this is not a zip at all " * 20)
    write(root / "旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    write(root / "空的.txt", b"")
    write(root / "好的.txt", draft_text(1, 2))
    wait_for(lambda: all(report(w.reports, r) for r in ("坏的.docx", "旧版.doc", "好的.txt")), what="reports")
    assert report(w.reports, "坏的.docx")["files"][0]["error"]["code"] == "damaged"
    assert report(w.reports, "旧版.doc")["files"][0]["error"]["code"] == "legacy-doc"
    assert slots(report(w.reports, "好的.txt")) == 2
    entries = {e["path"]: e for e in wait_for(lambda: len(index(w.reports)["drafts"]) >= 3
                                              and index(w.reports)["drafts"], what="index")}
    assert entries["旧版.doc"]["error"] and not entries["好的.txt"]["error"]
    assert re.search(r"旧版\.doc: unreadable: ", w.log())
    assert w.proc.poll() is None


def test_half_copied_docx_waits_for_its_zip_directory(tmp_path, watcher):
    root = tmp_path / "drafts"
    root.mkdir()
    src = tmp_path / "src.docx"
    make_docx(src, [p("工作计划"), p("计划完成XX项任务。"), p("新建XX个站点。")])
    data = src.read_bytes()
    w = watcher(root, "events")
    target = root / "慢慢复制.docx"
    with open(target, "wb") as fh:        # a slow copy that stalls longer than the settle time
        fh.write(data[: len(data) * 2 // 3])
        fh.flush()
        time.sleep(SETTLE * 4)
        fh.write(data[len(data) * 2 // 3:])
    wait_for(lambda: current(root, w.reports, "慢慢复制.docx", 2), what="the report")
    time.sleep(SETTLE + 0.3)
    assert w.checks("慢慢复制.docx") == 1, w.log()
    assert "not complete yet" in w.log()


@pytest.mark.parametrize("mode", MODES)
def test_unwritable_reports_folder_is_logged_and_retried(tmp_path, watcher, mode):
    root = tmp_path / "drafts"
    root.mkdir()
    w = watcher(root, mode)
    write(w.reports / "分组", b"a file where the watcher needs a folder")  # works even as root
    write(root / "分组" / "草稿.txt", draft_text(1, 4))
    wait_for(lambda: "cannot write the report" in w.log(), what="the write error")
    write(root / "别的.txt", draft_text(2, 1))                               # the watcher goes on
    wait_for(lambda: current(root, w.reports, "别的.txt", 1), what="another report")
    (w.reports / "分组").unlink()
    wait_for(lambda: current(root, w.reports, "分组/草稿.txt", 4), what="the retried report")
    assert "the reports folder is writable again" in w.log()
    assert w.proc.poll() is None


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_or_sigint_during_a_burst_finishes_cleanly(tmp_path, watcher, sig):
    root = tmp_path / "drafts"
    stage = tmp_path / "stage"
    for i in range(150):
        write(stage / f"稿{i:03d}.txt", draft_text(i, i % 5))
    root.mkdir()
    w = watcher(root, "events")
    os.rename(stage, root / "批量")
    wait_for(lambda: len(list(w.reports.rglob("*.txt.json"))) >= 5, timeout=60, what="some reports")
    t0 = time.monotonic()
    assert w.stop(sig) == 0
    assert time.monotonic() - t0 < 5
    assert "stop requested" in w.log() and "stopped:" in w.log()
    # every report on disk is whole, and the index lists exactly those
    on_disk = set()
    for f in w.reports.rglob("*.txt.json"):
        rep = json.loads(f.read_text("utf-8"))
        on_disk.add(rep["watch"]["draft"])
    assert on_disk and {e["path"] for e in index(w.reports)["drafts"]} == on_disk


def test_once_catches_up_and_exits(tmp_path):
    from tests.conftest import run_checker

    root = tmp_path / "drafts"
    for i in range(6):
        write(root / ("子" if i % 2 else "") / f"稿{i}.txt", draft_text(i, i))
    proc = run_checker("watch", root, "--once", "--lang", "en", "--format", "json", "--settle", "0.05")
    assert proc.returncode == 0, proc.stderr.decode()
    err = proc.stderr.decode()
    assert "6 drafts, 6 to check" in err and "stopped: 6 drafts checked" in err
    reports = root / "_checker"
    for i in range(6):
        assert current(root, reports, ("子/" if i % 2 else "") + f"稿{i}.txt", i)
    # nothing changed: nothing to check
    proc = run_checker("watch", root, "--once", "--lang", "en", "--format", "json", "--settle", "0.05")
    assert "6 drafts, 0 to check" in proc.stderr.decode()
    # same size, later time -> checked again; a deleted draft's report and entry go
    st = (root / "稿0.txt").stat()
    os.utime(root / "稿0.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    (root / "子" / "稿1.txt").unlink()
    proc = run_checker("watch", root, "--once", "--lang", "en", "--format", "json", "--settle", "0.05")
    err = proc.stderr.decode()
    assert "5 drafts, 1 to check" in err and "removed the report of 子/稿1.txt" in err
    assert current(root, reports, "稿0.txt", 0)
    assert not (reports / "子" / "稿1.txt.json").exists()
    assert sorted(e["path"] for e in index(reports)["drafts"]) == sorted(
        ["稿0.txt", "稿2.txt", "稿4.txt", "子/稿3.txt", "子/稿5.txt"])
    # the index is rebuilt from the reports when it is lost
    (reports / "index.json").unlink()
    proc = run_checker("watch", root, "--once", "--lang", "en", "--format", "json", "--settle", "0.05")
    assert "5 drafts, 0 to check" in proc.stderr.decode()
    assert len(index(reports)["drafts"]) == 5


def test_once_with_reports_elsewhere_and_default_formats(tmp_path):
    from checker.watch import available_formats
    from tests.conftest import run_checker

    root = tmp_path / "共享" / "文稿"
    reports = tmp_path / "报告"
    write(root / "一组" / "工作计划.docx", b"")
    make_docx(root / "一组" / "工作计划.docx", [p("2026年工作计划"), p("计划新建XX所学校。")])
    write(root / "工作总结.txt", draft_text(1, 2))
    proc = run_checker("watch", root, "--reports", reports, "--once", "--lang", "en", "--settle", "0.05")
    assert proc.returncode == 0, proc.stderr.decode()
    assert not (root / "_checker").exists()
    rep = report(reports, "一组/工作计划.docx")
    assert slots(rep) == 1 and rep["files"][0]["format"] == "docx"
    formats = available_formats()
    assert rep["watch"]["formats"] == list(formats)
    for fmt, suffix in (("html", ".html"), ("docx", ".checked.docx")):
        assert (reports / ("一组/工作计划.docx" + suffix)).exists() == (fmt in formats)
    if "docx" in formats:
        import docx

        copy = docx.Document(str(reports / "一组/工作计划.docx.checked.docx"))
        assert any("XX" in c.text for c in copy.comments)


def test_format_is_validated_against_what_exists(tmp_path):
    from tests.conftest import run_checker

    proc = run_checker("watch", tmp_path, "--format", "json,pdf", "--once")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "pdf" in err and "json" in err and "Traceback" not in err
    proc = run_checker("watch", tmp_path / "nowhere", "--once")
    assert proc.returncode == 2 and "no such folder" in proc.stderr.decode()
    proc = run_checker("watch", tmp_path, "--reports", tmp_path, "--once")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr.decode()


def test_quiet_logs_only_problems(tmp_path):
    from tests.conftest import run_checker

    write(tmp_path / "d" / "a.txt", draft_text(1, 1))
    proc = run_checker("watch", tmp_path / "d", "--once", "-q", "--format", "json", "--settle", "0")
    assert proc.returncode == 0 and proc.stderr == b""
    assert report(tmp_path / "d" / "_checker", "a.txt")


def test_mount_detection_from_mountinfo():
    info = "\n".join([
        r"22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
        r"40 22 0:35 / /mnt/share rw,relatime shared:2 - cifs //nas/公文 rw,vers=3.0",
        r"41 40 0:36 / /mnt/share/local rw shared:3 - ext4 /dev/sdb1 rw",
        r"42 22 0:37 / /srv/nfs\040drafts rw - nfs4 nas:/export rw",
        r"43 22 0:38 / /home/u/remote rw - fuse.sshfs u@host: rw",
    ])
    assert mount_fstype("/mnt/share/乡镇", info) == "cifs"
    assert mount_fstype("/mnt/share", info) == "cifs"
    assert mount_fstype("/mnt/share/local/x", info) == "ext4"
    assert mount_fstype("/mnt/sharex", info) == "ext4"
    assert mount_fstype("/srv/nfs drafts/a", info) == "nfs4"
    assert mount_fstype("/home/u/remote/a", info) == "fuse.sshfs"
    assert [is_network_fs(t) for t in ("cifs", "smb3", "nfs4", "fuse.sshfs", "ext4", "tmpfs", "fuse.portal", None)] \
        == [True, True, True, True, False, False, False, False]


def test_network_mount_turns_polling_on(tmp_path, monkeypatch):
    import checker.watch.fs as wmod

    monkeypatch.setattr(wmod, "mount_fstype", lambda path, info=None: "cifs")
    w = Watcher(tmp_path)
    assert w.poll == 2.0 and w.poll_reason == "cifs"
    monkeypatch.setattr(wmod, "mount_fstype", lambda path, info=None: "ext4")
    assert Watcher(tmp_path).poll is None
    assert Watcher(tmp_path, poll=0.5).poll == 0.5


def test_index_page_escapes_names_and_lists_newest_first(tmp_path):
    entries = [
        {"path": "a<script>alert(1)</script>.txt", "checked_at": "2026-01-02T10:00:00+08:00", "checked": 2.0,
         "counts": {"error": 2, "warning": 0, "info": 1}, "error": None, "formats": ["json", "html"]},
        {"path": "旧.doc", "checked_at": "2026-01-01T10:00:00+08:00", "checked": 1.0,
         "counts": {"error": 0, "warning": 0, "info": 0}, "error": "这是旧版 Word", "formats": ["json"]},
    ]
    page = render_index(entries, tmp_path)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert page.index("a&lt;script") < page.index("旧.doc")
    assert 'href="a%3Cscript%3Ealert%281%29%3C/script%3E.txt.html"' in page
    assert "无法读取：这是旧版 Word" in page and "2 份文稿" in page


def test_reports_are_not_watched_as_drafts(tmp_path):
    w = Watcher(tmp_path)
    assert w.tree.rel_of(str(tmp_path / "_checker" / "a.txt.json")) is None
    assert w.tree.rel_of(str(tmp_path / "sub" / "a.txt")) == "sub/a.txt"
    assert w.tree.rel_of(str(tmp_path / ".git" / "a.txt")) is None
    assert w.tree.rel_of(str(tmp_path.parent / "a.txt")) is None
    w2 = Watcher(tmp_path, reports=tmp_path / "审核结果")
    assert w2.tree.rel_of(str(tmp_path / "审核结果" / "x.docx")) is None


def test_drafts_folder_replaced_while_watching_is_watched_again(tmp_path, watcher):
    root = tmp_path / "drafts"
    write(root / "甲.txt", draft_text(1, 1))
    w = watcher(root, "events", "--reports", tmp_path / "reports")
    w.reports = tmp_path / "reports"
    wait_for(lambda: report(w.reports, "甲.txt"), what="the first report")
    shutil.rmtree(root)                       # the folder goes away (a share unmounted, a folder recreated)
    wait_for(lambda: "gone or was replaced" in w.log(), what="the warning")
    root.mkdir()
    write(root / "乙.txt", draft_text(2, 3))
    wait_for(lambda: current(root, w.reports, "乙.txt", 3), what="a report in the new folder")
    wait_for(lambda: not (w.reports / "甲.txt.json").exists(), what="the old report removed")
    assert w.proc.poll() is None


def test_each_draft_is_read_once_and_checked_once_for_all_formats(tmp_path, monkeypatch):
    """JSON, HTML and the commented copy come from one read and one rule run per draft."""
    import docx

    import checker.engine
    import checker.readers
    from checker.watch import Log

    root = tmp_path / "drafts"
    write(root / "总结.txt", draft_text(1, 2))
    (root / "子").mkdir()
    make_docx(root / "子" / "计划.docx", [p("2026年工作计划"), p("计划新建XX所学校。")])
    calls = {"read": [], "rules": 0}
    real_path, real_bytes, real_rules = checker.readers.read_path, checker.readers.read_bytes, checker.engine.run_rules

    def read_path(path, *a, **kw):
        calls["read"].append(Path(path).name)
        return real_path(path, *a, **kw)

    def read_bytes(data, name, *a, **kw):
        calls["read"].append(Path(name).name)
        return real_bytes(data, name, *a, **kw)

    def run_rules(*a, **kw):
        calls["rules"] += 1
        return real_rules(*a, **kw)

    monkeypatch.setattr(checker.readers, "read_path", read_path)
    monkeypatch.setattr(checker.readers, "read_bytes", read_bytes)
    monkeypatch.setattr(checker.engine, "run_rules", run_rules)
    w = Watcher(root, formats=("html", "json", "docx"), log=Log(0), settle=0.0, once=True)
    assert w.run() == 0
    assert sorted(calls["read"]) == ["总结.txt", "计划.docx"] and calls["rules"] == 2
    reports = root / "_checker"
    for rel in ("总结.txt", "子/计划.docx"):
        assert slots(report(reports, rel)) == (2 if rel.endswith(".txt") else 1)
        assert (reports / (rel + ".html")).exists()
        copy = docx.Document(str(reports / (rel + ".checked.docx")))
        assert sum("XX" in c.text for c in copy.comments) == slots(report(reports, rel))
