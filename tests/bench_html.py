"""HTML report benchmark (not a test): python tests/bench_html.py [--drafts 500] [--chars 30000]

Checks N drafts of our own sample text (about --chars characters each), writes the HTML report both ways
— one page (``render``) and the split report (``write``: an index plus a page per draft) — and measures in
Chromium (playwright, Debian's /usr/bin/chromium) how long each takes until its first screen is usable:
navigation to the ``load`` event, then the summary table painted. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.benchmark import corpus_text  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


TIMEOUT = 60.0


def first_screen(browser, path: Path, tries: int = 3) -> float:
    """Seconds from navigation until the summary table is there and painted (best of ``tries``);
    infinity when it takes more than TIMEOUT seconds."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    best = float("inf")
    for _ in range(tries):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        t0 = time.perf_counter()
        try:
            page.goto(path.as_uri(), wait_until="load", timeout=TIMEOUT * 1000)
            page.wait_for_selector("table.by-file", state="visible")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        except PlaywrightTimeout:
            page.close()
            return best
        best = min(best, time.perf_counter() - t0)
        page.close()
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--drafts", type=int, default=500)
    ap.add_argument("--chars", type=int, default=30_000)
    args = ap.parse_args(argv)
    from checker.engine import check_paths, make_context
    from checker.render.html import render, write

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        text = corpus_text(args.chars)[:args.chars]
        folder = tmp / "drafts"
        folder.mkdir()
        for i in range(args.drafts):
            (folder / f"草稿{i:03d}.txt").write_text(text.replace("2025", str(1990 + i % 35)), encoding="utf-8")
        t0 = time.perf_counter()
        results = check_paths([str(folder)], make_context())
        print(f"checked {len(results)} drafts of {args.chars} characters in {time.perf_counter() - t0:.1f} s, "
              f"{sum(len(r.findings) for r in results)} findings", flush=True)
        one = tmp / "one.html"
        t0 = time.perf_counter()
        one.write_text(render(results), encoding="utf-8")
        t_one = time.perf_counter() - t0
        t0 = time.perf_counter()
        split = write(results, tmp / "split.html")
        t_split = time.perf_counter() - t0
        sizes = {"one page": one.stat().st_size, "split index": split[0].stat().st_size,
                 "split, largest draft page": max((p.stat().st_size for p in split[1:]), default=0)}
        if not Path(CHROMIUM).exists():
            print("chromium not installed: sizes only", sizes)
            return 0
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                rows = [("one page", one, t_one), ("split: index", split[0], t_split)]
                if len(split) > 1:
                    rows.append(("split: one draft's page", split[1], 0.0))
                print(f"{'report':<26}{'size':>12}{'written':>10}{'first screen':>15}")
                for name, path, written in rows:
                    secs = first_screen(browser, path)
                    shown = f"{secs:>14.2f}s" if secs != float("inf") else f"{'> ' + str(int(TIMEOUT)) + ' s':>15}"
                    print(f"{name:<26}{path.stat().st_size / 1e6:>10.1f}MB{written:>9.1f}s{shown}", flush=True)
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
