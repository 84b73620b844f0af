"""Speed benchmark (not a test): python tests/benchmark.py [--quick] [--inputs DIR]

Each figure is a ratio measured side by side on this machine (commands alternated, median of the
pairwise ratios: on a shared machine absolute times drift, ratios much less), against its target:

  1. all rules on 10 MB of report text, JSON out  vs  a Python script running one placeholder regex
     over the same lines and writing the same kind of JSON (the floor any Python tool pays)  <= 3x
  2. 100 .docx of 30,000 characters (both cores)  vs  python-docx merely reading their paragraphs  <= 0.5x
  3. a 3-line draft  vs  `checker --version`  <= 2x
  4. peak memory of (1), and per-rule throughput on the text (information, no target).

The inputs are built from our own sample drafts (samples/, the finished ones and those with a stale year or
a structural fault, Simplified and Traditional, the years varied): drafts that read like real ones, with a
handful of findings each, so the figures measure the rules and not the report writer. ``--inputs DIR``
takes the inputs of ../shared/tools/perf/make_inputs.py instead (c_10MB.txt, e_docx/, z_tiny.txt).
"""

from __future__ import annotations

import argparse
import os
import resource
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
SAMPLES = ("工作总结-定稿.txt", "工作總結-定稿-繁體.txt", "数字陷阱-无误.txt", "工作总结-沿用旧稿.txt",
           "半年总结-结构问题.txt", "工作總結-沿用舊稿-繁體.txt", "半年总结-照抄邻镇.txt")

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


def sample_text(target_chars: int) -> str:
    """Our sample drafts one after another, each copy with its years moved, until ``target_chars``."""
    texts = [(ROOT / "samples" / n).read_text(encoding="utf-8") for n in SAMPLES]
    parts, n, i = [], 0, 0
    while n < target_chars:
        shift = i // len(texts) % 20
        chunk = texts[i % len(texts)]
        for y in (2026, 2025, 2024):   # later years first: a moved year is never moved again
            chunk = chunk.replace(str(y), str(y - shift))
        parts.append(chunk)
        n += len(chunk) + 1
        i += 1
    return "\n".join(parts)[:target_chars]


def make_inputs(folder: Path, quick: bool) -> dict:
    from docx import Document

    big = folder / "text.txt"
    text = sample_text(1_000_000 if quick else 3_400_000)   # 3.4 M characters = 10 MB of UTF-8
    big.write_text(text, encoding="utf-8")
    tiny = folder / "tiny.txt"
    tiny.write_text("\n".join(text.split("\n")[:3]) + "\n", encoding="utf-8")
    docs = folder / "docx"
    docs.mkdir()
    pool = sample_text(200_000)
    for i in range(20 if quick else 100):
        doc = Document()
        start = (i * 7919) % (len(pool) - 30_000)
        start = pool.index("\n", start) + 1
        for line in pool[start:start + 30_000].split("\n"):
            doc.add_paragraph(line)
        doc.save(docs / f"draft{i:03}.docx")
    return {"text": big, "docx": docs, "tiny": tiny}


def run(cmd) -> tuple[float, int]:
    """(wall seconds, peak memory in KB) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dt = time.perf_counter() - t
    return dt, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller inputs, fewer runs")
    ap.add_argument("--inputs", type=Path, help="the folder make_inputs.py (../shared/tools/perf) wrote")
    args = ap.parse_args()
    n = 3 if args.quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        if args.inputs:
            inp = {"text": args.inputs / "c_10MB.txt", "docx": args.inputs / "e_docx", "tiny": args.inputs / "z_tiny.txt"}
        else:
            inp = make_inputs(Path(tmp), args.quick)
        floor = [sys.executable, "-c", FLOOR]
        met = []
        print(f"on {os.cpu_count()} cores; {'quick; ' if args.quick else ''}ratios are medians of {n} paired runs")

        r, a, b = ratio([*CHECKER, "check", "--format", "json", str(inp["text"])], [*floor, str(inp["text"])], n)
        mb = inp["text"].stat().st_size / 1e6
        met.append(r <= 3)
        print(f"1. {mb:.1f} MB of text, all rules: {a:.2f} s vs one-regex floor {b:.2f} s = {r:.2f}x "
              f"(target <= 3x: {'met' if r <= 3 else 'NOT met'}; {mb / a:.1f} MB/s including start-up)")
        _, peak = run([*CHECKER, "check", "--format", "json", str(inp["text"])])
        print(f"   peak memory of that run: {peak / 1024:.0f} MB")
        per_rule(inp["text"])

        r, a, b = ratio([*CHECKER, "check", "--format", "json", str(inp["docx"])], [*floor, str(inp["docx"])], n)
        count = len(list(inp["docx"].glob("*.docx")))
        met.append(r <= 0.5)
        print(f"2. {count} .docx: {a:.2f} s vs python-docx reading them {b:.2f} s = {r:.2f}x "
              f"(target <= 0.5x: {'met' if r <= 0.5 else 'NOT met'})")
        r1, a1, _ = ratio([*CHECKER, "check", "--jobs", "1", "--format", "json", str(inp["docx"])],
                          [*floor, str(inp["docx"])], max(1, n - 2))
        print(f"   the same on one core (--jobs 1): {a1:.2f} s = {r1:.2f}x")

        r, a, b = ratio([*CHECKER, "check", "--format", "json", str(inp["tiny"])], [*CHECKER, "--version"], n + 4)
        met.append(r <= 2)
        print(f"3. a 3-line draft: {a * 1000:.0f} ms vs checker --version {b * 1000:.0f} ms = {r:.2f}x "
              f"(target <= 2x: {'met' if r <= 2 else 'NOT met'})")
        print(f"targets met: {sum(met)} of {len(met)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
