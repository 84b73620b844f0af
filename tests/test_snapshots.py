"""Golden terminal reports: every sample draft, in both languages, as a clerk sees it.

A change of wording, position or rule shows up here as a diff. When the change is meant,
regenerate with ``pytest tests/test_snapshots.py --update-snapshots`` and review the diff in git.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run_checker

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
DRAFTS = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", DRAFTS)
def test_terminal_report_snapshot(name, lang, request):
    proc = run_checker("check", "--no-color", "--fail-on", "never", "--lang", lang, name, cwd=SAMPLES)
    assert proc.returncode == 0, proc.stderr.decode()
    got = proc.stdout.decode("utf-8")
    snap = SNAPSHOTS / f"{name}.{lang}.txt"
    if request.config.getoption("--update-snapshots"):
        SNAPSHOTS.mkdir(exist_ok=True)
        snap.write_text(got, encoding="utf-8")
        return
    assert snap.is_file(), f"no snapshot {snap.name}: run pytest with --update-snapshots"
    assert got == snap.read_text(encoding="utf-8"), f"report for {name} ({lang}) changed: review, then --update-snapshots"


def test_every_snapshot_has_its_draft():
    """A snapshot left behind by a renamed or deleted sample is stale."""
    expected = {f"{n}.{lang}.txt" for n in DRAFTS for lang in ("zh", "en")}
    assert {p.name for p in SNAPSHOTS.glob("*.txt")} <= expected
