"""The pre-commit hook (.pre-commit-hooks.yaml), run as a drafts repository would run it:
``pre-commit try-repo`` against a local clone of this repository, in a temporary git repository
with staged drafts. pre-commit installs checker from the clone with pip (dependencies from the
package registry); where that cannot happen (no pre-commit, no git, no registry) the test skips."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"
OFFLINE = re.compile(r"No matching distribution|Could not find a version|Failed to establish|"
                     r"Temporary failure in name resolution|Network is unreachable|ProxyError")


def test_hook_definition():
    yaml = pytest.importorskip("yaml")
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "checker" and hook["entry"] == "checker check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    for name in ("草稿/总结.docx", "總結.txt", "a.b.txt"):
        assert files.search(name), name
    for name in ("总结.doc", "总结.docx.bak", "说明.md", "txt"):
        assert not files.search(name), name


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of checker")
    pytest.importorskip("pre_commit")
    head = subprocess.run(["git", "ls-tree", "HEAD", "--name-only", ".pre-commit-hooks.yaml"], cwd=ROOT,
                          capture_output=True, text=True)
    if ".pre-commit-hooks.yaml" not in head.stdout:
        pytest.skip("the hook definition is not committed yet")
    dest = tmp_path_factory.mktemp("clone") / "checker"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True, capture_output=True)
    return dest


@pytest.fixture(scope="module")
def pc_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(clone: Path, repo: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("CHECKER_PACKS", None)
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(clone), "checker", "--color", "never"],
                          cwd=repo, capture_output=True, env=env, timeout=900)
    out = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    log = home / "pre-commit.log"
    if log.exists():
        out += log.read_text(encoding="utf-8", errors="replace")
    if proc.returncode not in (0, 1) and OFFLINE.search(out):     # the hook's environment was not built
        pytest.skip("pre-commit could not install checker offline: " + OFFLINE.search(out).group(0))
    proc.output = out
    return proc


def _repo(tmp_path, files: dict[str, str]) -> Path:
    repo = tmp_path / "drafts"
    repo.mkdir()
    _git(repo, "init", "-q")
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    return repo


def test_try_repo_fails_on_a_staged_draft_with_slots(clone, pc_home, tmp_path):
    repo = _repo(tmp_path, {
        "乡镇/东坝镇工作总结.txt": "东坝镇2025年工作总结\n今年投入XX万元修建便民桥。\n",
        "縣直/東壩鎮總結.txt": "東壩鎮2025年工作總結\n本年投入XX萬元修建便民橋。\n",
        "说明.md": "XX\n",
    })
    proc = _try_repo(clone, repo, pc_home)
    assert proc.returncode == 1, proc.output
    assert "东坝镇工作总结.txt" in proc.output and "東壩鎮總結.txt" in proc.output
    assert "placeholder" in proc.output
    assert "说明.md" not in proc.output


def test_try_repo_passes_clean_drafts(clone, pc_home, tmp_path):
    repo = _repo(tmp_path, {"乡镇/干净.txt": "卫生院新添一台X光机，群众看病更方便。\n",
                            "縣直/乾淨.txt": "衛生院新添一臺X光機，群眾看病更方便。\n", "笔记.md": "XX\n"})
    proc = _try_repo(clone, repo, pc_home)
    assert proc.returncode == 0, proc.output
    assert "Passed" in proc.output
