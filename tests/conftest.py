"""Shared test helpers: run rules on a text, run the CLI, find ../shared if present."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.engine import check_document, make_context
from checker.readers.txt import document_from_text

# checker's start-up cache (checker.cache) goes to a folder of the test run, not the user's cache
if "CHECKER_CACHE_DIR" not in os.environ:
    import atexit
    import shutil
    import tempfile

    os.environ["CHECKER_CACHE_DIR"] = tempfile.mkdtemp(prefix="checker-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CHECKER_CACHE_DIR"], True)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"

_CTX = {}


def ctx_for(lang="zh", packs=(), **options):
    key = (lang, tuple(packs), tuple(sorted(options.items())))
    if key not in _CTX:
        _CTX[key] = make_context(lang=lang, packs=tuple(packs), extra=options)
    return _CTX[key]


def findings(text: str, rule: str | None = None, lang="zh", packs=(), **options):
    """Findings of all rules (or one rule code) on a text, as the .txt reader would see it."""
    doc = document_from_text(text, "test.txt", "utf-8")
    ctx = ctx_for(lang, packs, **options)
    out = check_document(doc, ctx)
    return [f for f in out if rule is None or f.rule == rule]


def texts(text: str, rule: str, **kw) -> list[str]:
    """The flagged strings of one rule."""
    return [f.text for f in findings(text, rule, **kw)]


@pytest.fixture
def cli():
    """Invoke the CLI in-process: cli("check", path) -> click Result."""
    from checker.cli import main

    runner = CliRunner()

    def invoke(*args, input=None, env=None):
        return runner.invoke(main, [str(a) for a in args], input=input, env=env, catch_exceptions=False)

    return invoke


def run_checker(*args, input: bytes | None = None, env=None, cwd=None) -> subprocess.CompletedProcess:
    """Run the installed command in a subprocess, as a user would."""
    e = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], input=input,
                          capture_output=True, env=e, cwd=cwd)


def json_report(*args, **kw) -> dict:
    proc = run_checker("check", "--format", "json", *args, **kw)
    return json.loads(proc.stdout.decode("utf-8"))


needs_shared = pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared is not beside the project")


def pytest_addoption(parser):
    parser.addoption("--update-snapshots", action="store_true", default=False,
                     help="rewrite tests/snapshots/ from the current reports instead of comparing")
