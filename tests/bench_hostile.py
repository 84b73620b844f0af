"""Time and memory of ``check`` (with the JSON report) and ``annotate`` on each hostile class of issue #20.

    python tests/bench_hostile.py            # every class
    python tests/bench_hostile.py 括号 样式链   # classes whose name contains one of these
    python tests/bench_hostile.py --timeout 120

Each case runs in a fresh process (peak memory is that process's); figures are printed, not asserted.
The bound checker aims for: at most ~10 s per MB of input and ~20x its size in memory above start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CASES = {
    "long-number": "hostile.long_number(5000)",
    "unicode-digits": "hostile.unicode_digits()",
    "style-chain-2000": "hostile.style_chain(2000)",
    "style-chain-8000": "hostile.style_chain(8000)",
    "brackets-100k": "hostile.open_brackets(100_000)",
    "mixed-brackets-100k": "hostile.mixed_brackets(100_000)",
    "brackets-100k-in-lines": "hostile.open_brackets(100_000, per_line=50_000)",
    "mixed-brackets-100k-in-lines": "hostile.mixed_brackets(100_000, per_line=60_000)",
    "text-30MB": "hostile.big_text(30)",
    "text-63MB": "hostile.big_text(63)",
    "single-line-20MB": "hostile.single_line(20)",
    "short-paragraphs-200k": "hostile.short_paragraphs(200_000)",
    "vendor-lines-100k": "hostile.vendor_lines(100_000)",
    "random-cjk-10MB": "hostile.random_cjk(10)",
    "docx-200k-paragraphs": "hostile.big_docx(200_000)",
    "annotate-4000-comments": "hostile.many_findings_docx(4000)",
    "at-char-limit": "hostile.at_char_limit()",
    "at-paragraph-limit": "hostile.at_paragraph_limit()",
    "at-line-limit": "hostile.at_line_limit()",
    "slots-everywhere": "hostile.slots_everywhere()",
}

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from tests import hostile
name, data = {expr}
path = {tmp!r} + "/" + name
open(path, "wb").write(data)
del data
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from checker.engine import Input, check_input, make_context
from checker.render import render
ctx = make_context()
t0 = time.perf_counter()
inp = Input(path, __import__("pathlib").Path(path))
r = check_input(inp, ctx)
report = render("json", [r], lang="zh")
t_check = time.perf_counter() - t0
out = {{"check_s": round(t_check, 2), "error": (r.error or {{}}).get("code"), "message": (r.error or {{}}).get("message", "")[-90:], "findings": len(r.findings),
        "report_mb": round(len(report.encode()) / 2**20, 2)}}
del report
if {annotate} and not r.error:
    from checker.annotate import annotated_copy
    from checker.engine import read_data
    t1 = time.perf_counter()
    try:
        blob, placed = annotated_copy(read_data(inp), r, "zh")
        out["annotate_s"] = round(time.perf_counter() - t1, 2)
        out["comments"] = placed
    except Exception as e:
        out["annotate_error"] = str(e)[:120]
out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
out["start_mb"] = round(base / 1024, 1)
print(json.dumps(out))
"""


def run(name: str, expr: str, timeout: float, annotate: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        code = _CHILD.format(root=str(ROOT), expr=expr, tmp=tmp, annotate=annotate)
        try:
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                                  cwd=ROOT)
        except subprocess.TimeoutExpired:
            return {"case": name, "timeout": timeout}
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
        if proc.returncode:
            return {"case": name, "crash": proc.stderr.strip().splitlines()[-1:] or proc.returncode}
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        out["case"], out["size_mb"] = name, round(size / 2**20, 2)
        return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("only", nargs="*")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--no-annotate", action="store_true")
    args = ap.parse_args(argv)
    for name, expr in CASES.items():
        if args.only and not any(o in name for o in args.only):
            continue
        out = run(name, expr, args.timeout, not args.no_annotate)
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
