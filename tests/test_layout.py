"""The shape of the package: renderers behind one signature, commands that borrow no privates,
a start-up that imports no engine."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from checker.engine import check_paths, make_context
from checker.render import FORMATS, render, renderer
from tests.conftest import SAMPLES

PACKAGE = Path(__file__).resolve().parent.parent / "checker"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_with_the_one_signature(fmt):
    results = check_paths([str(SAMPLES / "工作总结-待填.txt")], make_context(lang="en"))
    text = renderer(fmt)(results, lang="en", color=False)
    assert isinstance(text, str) and "工作总结-待填.txt" in unquote(text)     # SARIF's URIs are percent-encoded
    assert render(fmt, results, lang="en") == text


def test_no_module_imports_another_modules_private_names():
    bad = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("checker"):
                bad += [f"{path.relative_to(PACKAGE)}: {node.module}.{a.name}" for a in node.names
                        if a.name.startswith("_") and not a.name.endswith("__")]
    assert bad == []


def test_logic_modules_have_no_click_code():
    for name in ("review.py", "engine.py", *(f"{d}/{p.name}" for d in ("watch", "annotate") for p in (PACKAGE / d).glob("*.py"))):
        assert "click" not in (PACKAGE / name).read_text(encoding="utf-8"), name


def test_start_up_imports_neither_the_engine_nor_heavy_libraries():
    code = ("import sys, checker.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('lxml', 'rich', 'docx', 'chardet') "
            "or m in ('checker.engine', 'checker.rules', 'checker.watch', 'checker.annotate')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
