"""Speed benchmark (not a test): python tests/benchmark.py [--quick] [--inputs DIR]

Each figure is a ratio measured side by side on this machine (commands alternated, median of the
pairwise ratios: on a shared machine absolute times drift, ratios much less), against its target:

  1. all rules on 10 MB of report text, JSON out  vs  a Python script running one placeholder regex
     over the same lines and writing the same kind of JSON (the floor any Python tool pays)  <= 3x
  2. 100 .docx of 30,000 characters (both cores)  vs  python-docx merely reading their paragraphs  <= 0.5x
  3. a 3-line draft  vs  `checker --version`  <= 2x
  4. peak memory of (1), per-rule throughput on the text, and each command's start-up (information, no
     target).

The text of (1) is the published national reports of ../shared/corpus/national, whole, cycled to 10 MB, and
the .docx of (2) hold 30,000 characters of them each (the text the targets were set on). Our own drafts are
measured too: reports laid out as drafts are (title, opening, review, problems, plan, signature), their review
paragraphs taken from our finished samples (samples/, Simplified, and Traditional for every other .docx), a
handful of findings each; they are dense with figures, dates and names, where the figure and period rules do
the most work per character, so their per-rule table and .docx ratio are printed as information (without
../shared they stand in for the national text and .docx). ``--inputs DIR`` takes the inputs of ../shared/tools/perf/make_inputs.py instead
(c_10MB.txt, e_docx/, z_tiny.txt).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent
CHECKER = [str(BIN / "checker")] if (BIN / "checker").exists() else [sys.executable, "-m", "checker"]

FLOOR = r'''
import json, os, re, sys
PAT = re.compile(r"[XxＸｘ×]{1,4}|某某|＿{2,}|_{3,}|【请?填写")
def lines_of(path):
    if path.endswith(".docx"):
        from docx import Document
        d = Document(path)
        for p in d.paragraphs:
            yield p.text
        for t in d.tables:
            for row in t.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        yield p.text
    else:
        with open(path, encoding="utf-8") as fh:
            yield from fh.read().splitlines()
paths = []
for a in sys.argv[1:]:
    paths += sorted(os.path.join(a, n) for n in os.listdir(a)) if os.path.isdir(a) else [a]
out = []
for path in paths:
    finds = [{"rule": "placeholder", "line": n, "column": m.start() + 1, "end_column": m.end() + 1, "text": m.group()}
             for n, line in enumerate(lines_of(path), 1) for m in PAT.finditer(line)]
    out.append({"path": path, "findings": finds})
json.dump({"version": 1, "files": out}, sys.stdout, ensure_ascii=False)
'''


def _body(name: str) -> list[str]:
    """The review paragraphs of one of our samples: whole sentences, no headings, title or signature."""
    lines = (ROOT / "samples" / name).read_text(encoding="utf-8").split("\n")[1:]
    return [ln for ln in lines if len(ln) >= 30 and ln.endswith("。") and not ln.startswith(("（", "一", "二", "三"))]


def report(target_chars: int, traditional: bool = False, start: int = 0) -> list[str]:
    """One report as a draft is laid out — title, opening, review, problems, plan, signature — its
    review as long as ``target_chars`` asks, of paragraphs from our finished samples (a paragraph
    that comes round again is reported once, as duplicate-paragraph does: a handful of findings)."""
    if traditional:
        head = ["青石鎮2025年工作總結和2026年工作計劃", "", "2025年，青石鎮在縣委、縣政府的堅強領導下，各項工作取得了新的進展。",
                "一、2025年工作回顧"]
        tail = ["二、存在的問題", "在肯定成績的同時，我們也清醒地看到工作中還存在一些短板，產業結構不夠優化。",
                "三、2026年工作計劃", "2026年，我們將重點抓好穩增長、促振興、惠民生三個方面的工作。", "",
                "青石鎮人民政府", "2026年1月10日"]
        body = _body("工作總結-定稿-繁體.txt")
    else:
        head = ["青石镇2025年工作总结和2026年工作计划", "", "2025年，青石镇在县委、县政府的坚强领导下，各项工作取得了新的进展。",
                "一、2025年工作回顾"]
        tail = ["二、存在的问题", "在肯定成绩的同时，我们也清醒地看到工作中还存在一些短板，产业结构不够优化。",
                "三、2026年工作计划", "2026年，我们将重点抓好稳增长、促振兴、惠民生三个方面的工作。", "",
                "青石镇人民政府", "2026年1月10日"]
        body = _body("工作总结-定稿.txt") + _body("数字陷阱-无误.txt")
    out, size, i = list(head), 0, start
    while size < target_chars:
        para = body[i % len(body)]
        out.append(para)
        size += len(para) + 1
        i += 1
    return out + tail


NATIONAL = ROOT.parent / "shared" / "corpus" / "national"


def national_paragraphs() -> list[str]:
    return [ln for p in sorted(NATIONAL.glob("*.txt")) for ln in p.read_text(encoding="utf-8").split("\n") if ln.strip()]


def national_text(path: Path, size: int) -> bool:
    """``size`` bytes of the national reports, whole reports cycled (cut at a line); False without them."""
    reports = [p.read_text(encoding="utf-8").strip("\n") for p in sorted(NATIONAL.glob("*.txt"))]
    if not reports:
        return False
    out, n, i = [], 0, 0
    while n < size:
        for line in reports[i % len(reports)].split("\n") + [""]:
            out.append(line)
            n += len(line.encode("utf-8")) + 1
            if n >= size:
                break
        i += 1
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return True


def make_inputs(folder: Path, quick: bool) -> dict:
    from docx import Document

    drafts = folder / "drafts.txt"
    lines = report(1_000_000 if quick else 3_400_000)   # 3.4 M characters = 10 MB of UTF-8
    drafts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    big = folder / "text.txt"
    national_text(big, 2_600_000 if quick else 10_000_000)
    tiny = folder / "tiny.txt"
    tiny.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    count = 20 if quick else 100
    dense = folder / "draft-docx"
    dense.mkdir()
    for i in range(count):
        doc = Document()
        for line in report(30_000, traditional=i % 2 == 1, start=i):
            doc.add_paragraph(line)
        doc.save(dense / f"draft{i:03}.docx")
    paragraphs = national_paragraphs()
    if paragraphs:   # the targets' .docx: 30,000 characters of the national reports each, from different places
        docs = folder / "docx"
        docs.mkdir()
        step = max(1, len(paragraphs) // count)
        for i in range(count):
            doc, size, k = Document(), 0, i * step
            while size < 30_000:
                para = paragraphs[k % len(paragraphs)]
                doc.add_paragraph(para)
                size += len(para)
                k += 1
            doc.save(docs / f"report{i:03}.docx")
    return inputs_in(folder)


def inputs_in(folder: Path) -> dict:
    """The inputs :func:`make_inputs` wrote to ``folder``."""
    found = {"text": folder / "text.txt", "tiny": folder / "tiny.txt", "drafts": folder / "drafts.txt",
             "docx": folder / "docx", "draft-docx": folder / "draft-docx"}
    if not found["text"].exists():
        found["text"] = found["drafts"]
    if not found["docx"].exists():
        found["docx"] = found["draft-docx"]
    return found


def run(cmd) -> tuple[float, int]:
    """(wall seconds, peak memory in KB) of one run of ``cmd`` (that process and the ones it waited for).
    A child's peak counts the pages of this process it was forked from: this process stays small."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not hasattr(os, "wait4"):   # Windows: time only
        proc.wait()
        return time.perf_counter() - t, 0
    _, _, usage = os.wait4(proc.pid, 0)
    dt = time.perf_counter() - t
    proc.returncode = 0   # reaped here: Popen must not wait for it again
    return dt, usage.ru_maxrss


def ratio(a, b, n: int) -> tuple[float, float, float]:
    """Median of the pairwise ratios a/b (alternating a b a b …, after one warm-up each), and the
    medians of a and b."""
    run(a), run(b)
    pairs = [(run(a)[0], run(b)[0]) for _ in range(n)]
    return (statistics.median(x / y for x, y in pairs), statistics.median(x for x, _ in pairs),
            statistics.median(y for _, y in pairs))


def per_rule(path: Path) -> None:
    from checker.engine import Input, make_context, read_input
    from checker.rules import REGISTRY, load_rule

    ctx = make_context()
    doc = read_input(Input(str(path), path))
    size = path.stat().st_size / 1e6
    total, rows = 0.0, []
    for name in REGISTRY:
        rule = load_rule(name)
        t = time.process_time()
        found = sum(1 for _ in rule.check(doc, ctx))
        dt = time.process_time() - t
        total += dt
        rows.append((name, dt, found))
    print(f"    per rule, in process, {size:.1f} MB: all rules {total:.2f} s CPU = {size / total:.1f} MB/s")
    for name, dt, found in rows:
        print(f"      {name:<22} {dt * 1000:7.0f} ms  {found} findings")


def startup(tiny: Path, n: int) -> None:
    """Each command's start-up on a 3-line draft, against ``checker --version`` (information, no target)."""
    print("4. start-up per command (3-line draft), vs checker --version:")
    for args in (["check", "--format", "json"], ["check"], ["check", "--format", "sarif"], ["text"], ["outline"],
                 ["rules"], ["kinds"], ["explain", "placeholder"]):
        cmd = [*CHECKER, *args] + ([] if args[0] in ("rules", "kinds", "explain") else [str(tiny)])
        r, a, _ = ratio(cmd, [*CHECKER, "--version"], n)
        print(f"      {' '.join(args):<24} {a * 1000:5.0f} ms = {r:.2f}x")


def verdict(ok: bool, quick: bool) -> str:
    return ("met" if ok else "NOT met") + (" at this size" if quick else "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller inputs, fewer runs")
    ap.add_argument("--inputs", type=Path, help="the folder make_inputs.py (../shared/tools/perf) wrote")
    ap.add_argument("--make-inputs", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.make_inputs:
        make_inputs(args.make_inputs, args.quick)
        return 0
    n = 3 if args.quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        if args.inputs:
            inp = {"text": args.inputs / "c_10MB.txt", "docx": args.inputs / "e_docx", "tiny": args.inputs / "z_tiny.txt"}
        else:   # made in another process: this one stays small, as the runs it starts (see run) measure
            subprocess.run([sys.executable, __file__, "--make-inputs", tmp, *(["--quick"] if args.quick else [])],
                           check=True)
            inp = inputs_in(Path(tmp))
        floor = [sys.executable, "-c", FLOOR]
        met = []
        print(f"on {os.cpu_count()} cores; {'quick; ' if args.quick else ''}ratios are medians of {n} paired runs")

        r, a, b = ratio([*CHECKER, "check", "--format", "json", str(inp["text"])], [*floor, str(inp["text"])], n)
        mb = inp["text"].stat().st_size / 1e6
        met.append(r <= 3)
        what = "national-report text" if inp["text"].name == "text.txt" else "report text"
        print(f"1. {mb:.1f} MB of {what}, all rules: {a:.2f} s vs one-regex floor {b:.2f} s = {r:.2f}x "
              f"(target <= 3x: {verdict(r <= 3, args.quick)}; {mb / a:.1f} MB/s including start-up)")
        _, peak = run([*CHECKER, "check", "--format", "json", str(inp["text"])])
        print(f"   peak memory of that run: {peak / 1024:.0f} MB")
        per_rule(inp["text"])
        if inp.get("drafts") not in (None, inp["text"]):
            print("   the draft text (figures, dates and names in every paragraph):")
            per_rule(inp["drafts"])

        r, a, b = ratio([*CHECKER, "check", "--format", "json", str(inp["docx"])], [*floor, str(inp["docx"])], n)
        count = len(list(inp["docx"].glob("*.docx")))
        met.append(r <= 0.5)
        print(f"2. {count} .docx: {a:.2f} s vs python-docx reading them {b:.2f} s = {r:.2f}x "
              f"(target <= 0.5x: {verdict(r <= 0.5, args.quick)})")
        r1, a1, _ = ratio([*CHECKER, "check", "--jobs", "1", "--format", "json", str(inp["docx"])],
                          [*floor, str(inp["docx"])], max(1, n - 2))
        print(f"   the same on one core (--jobs 1): {a1:.2f} s = {r1:.2f}x")
        if inp.get("draft-docx") not in (None, inp["docx"]):
            r2, a2, _ = ratio([*CHECKER, "check", "--format", "json", str(inp["draft-docx"])],
                              [*floor, str(inp["draft-docx"])], max(1, n - 2))
            print(f"   our drafts dense with figures instead (information): {a2:.2f} s = {r2:.2f}x")

        r, a, b = ratio([*CHECKER, "check", "--format", "json", str(inp["tiny"])], [*CHECKER, "--version"], n + 4)
        met.append(r <= 2)
        print(f"3. a 3-line draft: {a * 1000:.0f} ms vs checker --version {b * 1000:.0f} ms = {r:.2f}x "
              f"(target <= 2x: {verdict(r <= 2, args.quick)})")
        startup(inp["tiny"], max(3, n))
        print(f"targets met: {sum(met)} of {len(met)}" + ("  (--quick: smaller inputs, where start-up weighs "
                                                          "more; run without it to judge the targets)" if args.quick else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
