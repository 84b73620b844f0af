"""Speed benchmark (not a test): python tests/benchmark.py [--quick]

Measures, on this machine:
  1. `checker --version` wall time (median of 15 runs; target < 0.15 s),
  2. text throughput of all rules on Chinese text (UTF-8 MB/s; target >= 10 MB/s), per rule too,
  3. one `checker check` run over 100 .docx of about 30,000 characters each, best of 5 (target < 5 s),
  4. with ../shared beside the project, the same throughput on the national reports.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.engine import make_context  # noqa: E402
from checker.readers.txt import document_from_text  # noqa: E402
from checker.rules import REGISTRY, load_rule  # noqa: E402


def corpus_text(target_chars: int) -> str:
    """Our own sample drafts, repeated with varied numbers until ``target_chars`` long."""
    base = "\n".join((ROOT / "samples" / n).read_text(encoding="utf-8")
                     for n in ("工作总结-定稿.txt", "工作总结-待填.txt", "工作總結-定稿-繁體.txt"))
    parts, n, i = [], 0, 0
    while n < target_chars:
        chunk = base.replace("2025", str(1990 + i % 35))  # vary the years; keep the sums true
        parts.append(chunk)
        n += len(chunk)
        i += 1
    return "\n".join(parts)


def time_version(runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "checker"), "--version"], check=True,
                       capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def throughput(text: str, label: str) -> None:
    ctx = make_context()
    doc = document_from_text(text, "bench.txt", "utf-8")
    size = len(text.encode("utf-8")) / 1e6
    rules = [load_rule(name) for name in REGISTRY]
    for rule in rules:  # warm up: compile patterns, load packs
        list(rule.check(document_from_text(text[:2000], "w.txt", "utf-8"), ctx))
    total = 0.0
    per_rule = []
    for rule in rules:
        doc = document_from_text(text, "bench.txt", "utf-8")
        t = time.perf_counter()
        found = sum(1 for _ in rule.check(doc, ctx))
        dt = time.perf_counter() - t
        total += dt
        per_rule.append((rule.name, dt, found))
    print(f"{label}: {size:.1f} MB UTF-8, all rules {total:.2f} s = {size / total:.1f} MB/s")
    for name, dt, found in per_rule:
        print(f"    {name:<24} {dt * 1000:8.0f} ms  {found} findings")


def docx_batch(n: int, chars: int, runs: int) -> None:
    from docx import Document

    text = corpus_text(chars * 2)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            doc = Document()
            start = (i * 997) % (len(text) - chars)
            for line in text[start:start + chars].splitlines():
                doc.add_paragraph(line)
            doc.save(Path(tmp) / f"draft{i:03}.docx")
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            proc = subprocess.run([str(Path(sys.executable).parent / "checker"), "check", "--format", "json", tmp],
                                  capture_output=True)
            times.append(time.perf_counter() - t)
            assert proc.returncode in (0, 1), proc.stderr.decode()
    # best of the runs, as timeit does: on a shared machine the slower runs measure the neighbours
    print(f"{n} .docx of {chars} characters in one run: {min(times):.2f} s best of {runs} "
          f"(median {statistics.median(times):.2f} s)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller inputs, fewer runs")
    args = ap.parse_args()
    print(f"checker --version: {time_version(5 if args.quick else 15) * 1000:.0f} ms (median)")
    throughput(corpus_text(1_000_000 if args.quick else 4_000_000), "sample drafts")
    national = ROOT.parent / "shared" / "corpus" / "national"
    if national.is_dir():
        throughput("\n".join(p.read_text(encoding="utf-8") for p in sorted(national.glob("*.txt"))),
                   "national reports")
    docx_batch(20 if args.quick else 100, 30_000, 1 if args.quick else 5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
