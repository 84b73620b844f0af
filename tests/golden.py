"""Same findings before and after a change: save the JSON reports of a set of drafts, compare later.

    python tests/golden.py save DIR      # before the change
    python tests/golden.py compare DIR   # after it: lists every report that differs

The drafts are the bundled samples and, when ../shared is beside the project, the shared corpus
(.txt and .docx), the national reports and the wild texts. Fields a change may add to a finding
(``--added related,suggestion``) are dropped before comparing; everything else must be equal.
Exit 0 when every report matches, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"


def drafts() -> list[Path]:
    out = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "samples").glob("*.docx"))
    if SHARED.is_dir():
        out += sorted(SHARED.glob("*.txt")) + sorted(SHARED.glob("*.docx"))
        out += sorted((SHARED / "national").glob("*.txt")) + sorted((SHARED / "wild" / "docs").glob("*.txt"))
    return out


def key(path: Path) -> str:
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.relative_to(ROOT.parent)
    return str(rel).replace("/", "__") + ".json"


def report(path: Path, extra: list[str]) -> dict:
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", *extra, str(path)],
                          capture_output=True, cwd=ROOT)
    return json.loads(proc.stdout.decode("utf-8"))


def normalise(rep: dict, added: set[str]) -> dict:
    for f in rep.get("files", []):
        f["path"] = Path(f["path"]).name
        for finding in f.get("findings", []):
            for name in added:
                finding.pop(name, None)
    return rep


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=("save", "compare"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--added", default="related,suggestion", help="finding fields to ignore when comparing")
    ap.add_argument("--arg", action="append", default=[], help="extra argument for `checker check`")
    args = ap.parse_args(argv)
    added = {a for a in args.added.split(",") if a}
    args.dir.mkdir(parents=True, exist_ok=True)
    differ = 0
    files = drafts()
    for path in files:
        rep = normalise(report(path, args.arg), added)
        target = args.dir / key(path)
        if args.action == "save":
            target.write_text(json.dumps(rep, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
            continue
        if not target.is_file():
            print(f"missing: {target.name}")
            differ += 1
            continue
        before = normalise(json.loads(target.read_text(encoding="utf-8")), added)
        if before != rep:
            differ += 1
            b = {json.dumps(x, ensure_ascii=False, sort_keys=True) for f in before["files"] for x in f["findings"]}
            a = {json.dumps(x, ensure_ascii=False, sort_keys=True) for f in rep["files"] for x in f["findings"]}
            print(f"differs: {path.name}: {len(b - a)} gone, {len(a - b)} new")
            for x in sorted(b - a)[:3]:
                print("   -", x[:200])
            for x in sorted(a - b)[:3]:
                print("   +", x[:200])
    if args.action == "compare":
        print(f"{len(files) - differ} of {len(files)} reports identical")
    else:
        print(f"saved {len(files)} reports in {args.dir}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
