"""Benchmark of `checker watch`: drafts per second in a burst, and the watcher's peak memory.

    .venv/bin/python tests/bench_watch.py                 # 300 drafts, events, json reports
    .venv/bin/python tests/bench_watch.py --count 3000 --mode poll --format html,json,docx

Writes N drafts (two thirds .txt of ~6 KB, one third .docx of ~60 paragraphs; Simplified and
Traditional) into a staging folder, starts the watcher on an empty folder, moves them all in at once,
and waits until index.json lists N drafts. Prints:
- end-to-end: from the drop to the last report (includes the settle time and the index writes);
- checking: drafts per second over the watcher's busy time (first check started -> last report written);
- peak memory: the watcher's ru_maxrss (what it reports on exit, and RUSAGE_CHILDREN).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.docxfactory import make_docx, p  # noqa: E402

PARA_ZH = ("全镇上下紧紧围绕年初确定的目标任务，扎实推进各项重点工作，农村人居环境整治持续深化，"
           "全年新建农村道路XX公里，完成固定资产投资{n}万元，同比增长6.5%。")
PARA_TW = ("全鎮上下緊緊圍繞年初確定的目標任務，紮實推進各項重點工作，農村人居環境整治持續深化，"
           "全年新建農村道路XX公里，完成固定資產投資{n}萬元，同比增長6.5%。")


def make_drafts(stage: Path, count: int) -> None:
    for i in range(count):
        para = PARA_TW if i % 4 == 3 else PARA_ZH
        lines = [f"青石镇第{i}号2025年工作总结", "一、主要工作"] + [para.format(n=i * 7 + k) for k in range(60)]
        sub = stage / f"村{i % 10}"
        sub.mkdir(parents=True, exist_ok=True)
        if i % 3 == 2:
            make_docx(sub / f"总结{i:05d}.docx", [p(t) for t in lines])
        else:
            (sub / f"总结{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def count_index(reports: Path) -> int:
    try:
        return len(json.loads((reports / "index.json").read_text("utf-8"))["drafts"])
    except (OSError, ValueError, KeyError):
        return 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--mode", choices=("events", "poll"), default="events")
    ap.add_argument("--format", default="json")
    ap.add_argument("--settle", type=float, default=0.5)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        tmp = Path(tmp)
        stage, root = tmp / "stage", tmp / "drafts"
        root.mkdir()
        make_drafts(stage, args.count)
        size = sum(f.stat().st_size for f in stage.rglob("*") if f.is_file())
        log = tmp / "watch.log"
        cmd = [sys.executable, "-m", "checker", "watch", str(root), "--lang", "en", "--settle", str(args.settle),
               "--format", args.format]
        if args.mode == "poll":
            cmd += ["--poll", "0.5"]
        with open(log, "wb") as fh:
            proc = subprocess.Popen(cmd, stderr=fh, stdout=subprocess.DEVNULL, cwd=ROOT)
            while b" watching\n" not in log.read_bytes():
                time.sleep(0.02)
            t0 = time.monotonic()
            for d in stage.iterdir():
                os.rename(d, root / d.name)
            reports = root / "_checker"
            while count_index(reports) < args.count:
                if proc.poll() is not None:
                    sys.exit(f"watcher exited:\n{log.read_text()}")
                time.sleep(0.05)
            elapsed = time.monotonic() - t0
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)
        text = log.read_text("utf-8")
        peak_logged = next((line.rsplit("peak memory ", 1)[1] for line in text.splitlines()
                            if "peak memory" in line), "?")
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        stamps = []
        for f in reports.rglob("*.json"):
            if f.name == "index.json":
                continue
            w = json.loads(f.read_text("utf-8"))["watch"]
            stamps.append((w["checked"], w["seconds"], f.stat().st_mtime))
        first = min(s[0] for s in stamps)
        last = max(s[2] for s in stamps)
        busy = last - first
        check_sum = sum(s[1] for s in stamps)
        print(f"drafts: {args.count} ({size / 1e6:.1f} MB; mode {args.mode}; formats {args.format}; "
              f"settle {args.settle} s)")
        print(f"end-to-end: {elapsed:.2f} s from the drop to the last report = {args.count / elapsed:.0f} drafts/s")
        print(f"checking: {busy:.2f} s busy = {args.count / busy:.0f} drafts/s "
              f"(reading + rules alone: {check_sum:.2f} s = {args.count / check_sum:.0f} drafts/s)")
        print(f"peak memory (ru_maxrss): {peak_logged} (watcher's own log); {children:.0f} MB (RUSAGE_CHILDREN)")


if __name__ == "__main__":
    main()
