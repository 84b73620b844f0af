"""`checker review` keys in a real terminal (tmux): what a key did stays on screen, n on the last finding
says so and stays, q quits with a summary, r/s filter, A accepts every finding like this one; and the
--rule/--severity options with piped keys."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import pytest

from tests.conftest import run_checker

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Term:
    def __init__(self, cwd, *args):
        self.session = f"checker-keys-{time.time_ns()}"
        cmd = f"cd {cwd} && {sys.executable} -m checker review {' '.join(args)}; sleep 30"
        for attempt in range(5):   # a tmux server still shutting down (the last session just closed) refuses
            proc = subprocess.run(["tmux", "new-session", "-d", "-s", self.session, "-x", "160", "-y", "40", cmd],
                                  capture_output=True)
            if proc.returncode == 0:
                break
            time.sleep(0.2 * (attempt + 1))
        assert proc.returncode == 0, proc.stderr.decode(errors="replace")

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.session], capture_output=True).stdout.decode()

    def wait(self, *texts, timeout=60) -> str:
        end = time.time() + timeout
        while time.time() < end:
            s = self.screen()
            if all(t in s for t in texts):
                return s
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} never appeared:\n{self.screen()}")

    def key(self, *keys):
        subprocess.run(["tmux", "send-keys", "-t", self.session, *keys], check=True)

    def close(self):
        subprocess.run(["tmux", "kill-session", "-t", self.session], capture_output=True)


@pytest.fixture
def review_of(tmp_path):
    """review_of(text): `checker review 稿.txt` of that text, running in tmux (closed after the test)."""
    terms = []

    def start(text):
        (tmp_path / "稿.txt").write_text(text, encoding="utf-8")
        terms.append(Term(tmp_path, "稿.txt"))
        return terms[-1]

    yield start
    for t in terms:
        t.close()


def _baseline(folder, name):
    return [e["text"] for e in json.loads((folder / ".checker-baseline.json").read_text("utf-8"))["drafts"][name]]


@needs_tmux
@pytest.mark.parametrize("text", ["工作总结\n全镇共有XX个村。\n活动时间待定。\n共XX户。\n",
                                  "工作總結\n全鎮共有XX個村。\n活動時間待定。\n共XX戶。\n"])
def test_keys_confirm_stay_on_the_last_filter_and_quit_with_a_summary(tmp_path, review_of, text):
    t = review_of(text)
    first = t.wait("[1/3]", "第 2 行 “")
    assert "a 接受为误报" in first and "A 接受所有同类" in first
    t.key("a")                                            # one key press, no Enter
    s = t.wait("[2/3]")
    assert "✓ 已接受第 1 条（placeholder“XX”）为误报，已记入基线。" in s   # the confirmation survives the redraw
    t.key("Right")
    t.wait("[3/3]")
    t.key("n")
    s = t.wait("这是最后一条")
    assert "[3/3]" in s                                   # n on the last one stays
    t.key("s")                                            # errors only: the two XX, still on the last
    t.wait("只看错误：2 条", "[2/2]", "筛选：错误")
    t.key("s")
    t.wait("只看警告：1 条", "[1/1]", "待定")
    t.key("s")
    t.wait("显示全部级别", "[2/3]")                          # still on 待定
    t.key("r")
    t.wait("只看规则 placeholder：3 条")
    t.key("q")
    t.wait("复核了 3 条，共 3 条；接受为误报 1 条；仍需处理 2 条。", "基线文件")
    assert _baseline(tmp_path, "稿.txt") == ["XX"]


@needs_tmux
@pytest.mark.parametrize("text", ["工作总结\n接待XX人次。\n办结XX件。\n某某同志发言。\n收到XX封。\n",
                                  "工作總結\n接待XX人次。\n辦結XX件。\n某某同志發言。\n收到XX封。\n"])
def test_accept_every_finding_like_this_one_with_a_count(tmp_path, review_of, text):
    t = review_of(text)
    t.wait("[1/4]")
    t.key("A")
    s = t.wait("✓ 已接受 3 条同类问题（placeholder“XX”）为误报")
    assert "[2/4]" in s
    t.key("q")
    t.wait("接受为误报 3 条；仍需处理 1 条。")
    assert _baseline(tmp_path, "稿.txt") == ["XX", "XX", "XX"]
    # the accepted ones are quiet in check; the look-alike 某某 is not
    out = run_checker("check", tmp_path / "稿.txt").stdout.decode()
    assert "某某" in out and "基线隐藏了 3 条" in out


@needs_tmux
@pytest.mark.parametrize("text", ["工作总结\n全镇共有XX个村。\n活动时间待定。\n共XX户。\n",
                                  "工作總結\n全鎮共有XX個村。\n活動時間待定。\n共XX戶。\n"])
def test_keys_pressed_quickly_are_each_acted_on_and_never_echoed(review_of, text):
    """Keys typed faster than the screen is redrawn arrive together or while it is drawn: each one
    counts, none is dropped or shown on the screen."""
    t = review_of(text)
    t.wait("[1/3]")
    t.key("Right", "Right", "n")                          # three presses at once
    s = t.wait("这是最后一条", "[3/3]")
    assert "\nn\n" not in s and "^[[C" not in s
    t.key("p", "p", "a")
    s = t.wait("[2/3]", "已接受第 1 条")              # back to the first, accepted, on to the next
    t.key("q")
    t.wait("接受为误报 1 条")


def test_key_presses_read_together_are_split_one_by_one():
    from checker.review import key_of, split_presses

    assert [key_of(k) for k in split_presses("\x1b[C\x1b[Dn a\x1bOCq")] == ["n", "p", "n", " ", "a", "n", "q"]
    assert split_presses("") == [] and split_presses("\x1b") == ["\x1b"]


def test_rule_and_severity_options_with_piped_keys(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("全镇共有XX个村。\n活动时间待定。\n某某同志发言。\n", encoding="utf-8")
    warn = run_checker("review", "--severity", "warning", draft, input=b"n\nq\n").stdout.decode()
    assert "[1/1]" in warn and "待定" in warn and "这是最后一条" in warn
    assert "[1/3]" not in warn
    only = run_checker("review", "--rule", "placeholder", "--severity", "error", draft, input=b"q\n").stdout.decode()
    assert "[1/2]" in only
    bad = run_checker("review", "--rule", "no-such-rule", draft)
    assert bad.returncode == 2 and "no-such-rule" in bad.stderr.decode()
