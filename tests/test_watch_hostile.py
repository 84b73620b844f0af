"""The watcher on hostile drafts (issue #20): a slow draft is time-limited and does not hold the queue,
same size and time but other content is re-checked, long and undecodable names get reports, and a
FIFO is said once and skipped."""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

import pytest

from checker.watch import Log, Watcher
from checker.watch.store import NAME_MAX, report_base

TEXT = "某县2025年工作总结\n一、主要工作\n负责人：XX。\n二、下步打算\n继续抓好落实。\n"
TEXT_TC = "某縣2025年工作總結\n一、主要工作\n負責人：XX，某某。\n二、下步打算\n繼續抓好落實。\n"


def once(root: Path, **kw) -> tuple[Watcher, str]:
    stream = io.StringIO()
    w = Watcher(root, formats=kw.pop("formats", ("json",)), log=Log(1, "zh", stream), settle=0.0, once=True, **kw)
    w.run()
    return w, stream.getvalue()


def report(root: Path, rel: str) -> dict:
    return json.loads((root / "_checker" / (report_base(rel) + ".json")).read_bytes())


def _slow_serve(conn, ctx, formats, level):   # runs in the worker process
    """The real worker, but a draft whose name has 慢 takes 60 s: a stand-in for a hostile draft."""
    from checker.watch import worker

    class Slow:
        def recv(self):
            job = conn.recv()
            if job and "慢" in job[0]:
                time.sleep(60)
            return job

        def send(self, x):
            conn.send(x)

    worker._serve(Slow(), ctx, formats, level)


def test_a_slow_draft_is_stopped_at_the_limit_and_the_others_are_checked(tmp_path, monkeypatch):
    from checker.watch import worker

    monkeypatch.setattr(worker, "_serve", _slow_serve)
    root = tmp_path / "稿"
    root.mkdir()
    (root / "甲.txt").write_text(TEXT, encoding="utf-8")
    (root / "慢.txt").write_text(TEXT, encoding="utf-8")
    (root / "乙.txt").write_text(TEXT_TC, encoding="utf-8")
    t0 = time.monotonic()
    w, log = once(root, time_limit=8.0)
    assert time.monotonic() - t0 < 45
    slow = report(root, "慢.txt")["files"][0]
    assert slow["error"]["code"] == "timeout" and "8" in slow["error"]["message"]
    assert "超过 8 秒" in log
    for rel in ("甲.txt", "乙.txt"):
        assert report(root, rel)["files"][0]["findings"]
    # the slow draft is not tried again until it changes
    w2, log2 = once(root, time_limit=8.0)
    assert w2.checked == 0


def test_the_worker_gives_the_same_report_as_in_process(tmp_path):
    root = tmp_path / "稿"
    root.mkdir()
    (root / "甲.txt").write_text(TEXT, encoding="utf-8")
    once(root, time_limit=60.0, formats=("json", "html", "docx"))
    timed = report(root, "甲.txt")["files"][0]["findings"]
    assert (root / "_checker" / "甲.txt.checked.docx").exists() and (root / "_checker" / "甲.txt.html").exists()
    (root / "_checker" / "甲.txt.json").unlink()
    once(root, formats=("json", "html", "docx"))
    assert report(root, "甲.txt")["files"][0]["findings"] == timed


@pytest.mark.parametrize("texts", [(TEXT, TEXT.replace("XX", "张三")), (TEXT_TC, TEXT_TC.replace("XX", "李四"))])
def test_same_size_and_time_other_content_is_checked_again(tmp_path, texts):
    before, after = texts
    root = tmp_path / "稿"
    root.mkdir()
    draft = root / "总结.txt"
    # same length in bytes: XX (2 bytes) -> 张三 would be 6; pad the first so both are equal
    pad = len(after.encode()) - len(before.encode())
    before = before.replace("继续", "继续" + " " * pad) if "继续" in before else before.replace("繼續", "繼續" + " " * pad)
    assert len(before.encode()) == len(after.encode())
    draft.write_text(before, encoding="utf-8")
    once(root)
    st = os.stat(draft)
    assert any(f["text"] == "XX" for f in report(root, "总结.txt")["files"][0]["findings"])
    tmp = root / "新.tmp"
    tmp.write_text(after, encoding="utf-8")
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, draft)
    assert (os.stat(draft).st_size, os.stat(draft).st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    w, _ = once(root)
    assert w.checked == 1
    assert not any(f["text"] == "XX" for f in report(root, "总结.txt")["files"][0]["findings"])


def test_same_content_touched_is_not_checked_again(tmp_path):
    root = tmp_path / "稿"
    root.mkdir()
    draft = root / "总结.txt"
    draft.write_text(TEXT, encoding="utf-8")
    once(root)
    os.chmod(draft, 0o600)      # the change time moves, the bytes do not
    w, _ = once(root)
    assert w.checked == 0


def test_a_long_name_gets_a_shortened_report_named_in_the_index(tmp_path):
    root = tmp_path / "稿"
    root.mkdir()
    name = "关于" + "某某乡镇" * 19 + "工作总结.txt"      # 242 bytes: with .checked.docx over 255
    assert len(name.encode()) <= NAME_MAX < len((name + ".checked.docx").encode())
    (root / name).write_text(TEXT, encoding="utf-8")
    (root / "短.txt").write_text(TEXT, encoding="utf-8")
    w, log = once(root, formats=("json", "html", "docx"))
    base = report_base(name)
    assert base != name and len((base + ".checked.docx").encode()) <= NAME_MAX
    for suffix in (".json", ".html", ".checked.docx"):
        assert (root / "_checker" / (base + suffix)).exists()
    entry = next(e for e in json.loads((root / "_checker" / "index.json").read_bytes())["drafts"] if e["path"] == name)
    assert entry["report"] == base
    from urllib.parse import quote

    assert quote(base + ".json") in (root / "_checker" / "index.html").read_text(encoding="utf-8")
    w2, _ = once(root, formats=("json", "html", "docx"))
    assert w2.checked == 0       # up to date: not retried for ever
    (root / name).unlink()
    once(root, formats=("json", "html", "docx"))
    assert not any(base in f.name for f in (root / "_checker").iterdir())
    assert (root / "_checker" / "短.txt.json").exists()


@pytest.mark.skipif(sys.platform in ("win32", "darwin") or not hasattr(os, "mkfifo"),
                    reason="byte names and FIFOs: Linux")
def test_fifo_and_undecodable_name_in_a_watched_folder(tmp_path):
    root = tmp_path / "稿"
    root.mkdir()
    os.mkfifo(root / "管道.txt")
    gbk = os.fsdecode(os.fsencode(str(root)) + b"/" + "工作".encode("gbk") + b".txt")
    Path(gbk).write_text(TEXT, encoding="utf-8")
    (root / "好.txt").write_text(TEXT_TC, encoding="utf-8")
    w, log = once(root, formats=("json", "html", "docx"))
    assert w.checked == 2 and log.count("不是普通文件") == 1
    rel = os.path.basename(gbk)
    assert report(root, rel)["files"][0]["findings"]
    index = (root / "_checker" / "index.json").read_bytes()
    index.decode("utf-8")
    assert rel in {e["path"] for e in json.loads(index)["drafts"]}
    w2, _ = once(root)
    assert w2.checked == 0
