"""``checker review``: walk through the findings one at a time and accept false alarms.

Keys: n / space / → next, p / ← previous, a accept (a false alarm: kept quiet from now on, saved in the
baseline at once), A accept every finding like this one (same rule, same flagged text), u un-accept,
r only this rule (again: every rule), s only one severity (cycles 错误 → 警告 → 提示 → all), q quit with a
summary. What a key did stays on screen above the next finding. ``n`` on the last finding says so and
stays. On a terminal a single key press acts, and keys typed while the screen is redrawn each count (the
command keeps the keyboard in cbreak mode for the whole review); when standard input is not a terminal
each line is one key (``printf 'a\\nn\\nq\\n' | checker review draft.txt``).
"""

from __future__ import annotations

import re
import sys

from checker.findings import SEVERITIES
from checker.i18n import tr

CONTEXT_LINES = 2

_ARROWS = {"\x1b[C": "n", "\x1bOC": "n", "\x1b[D": "p", "\x1bOD": "p",   # POSIX terminals
           "\xe0M": "n", "\x00M": "n", "\xe0K": "p", "\x00K": "p"}     # Windows consoles


def key_of(pressed: str) -> str:
    """One key press (an arrow comes as an escape sequence) as a key letter."""
    return _ARROWS.get(pressed, pressed[:1] if pressed else "")


_ESCAPE = re.compile(r"\x1b(?:\[[0-9;]*[A-Za-z~]|O[A-Za-z]|.)?", re.S)


def split_presses(typed: str) -> list[str]:
    """What one read of a terminal gave, as key presses: an escape sequence (an arrow) is one press,
    any other character one press each (keys typed quickly arrive together)."""
    out, i = [], 0
    while i < len(typed):
        m = _ESCAPE.match(typed, i) if typed[i] == "\x1b" else None
        j = m.end() if m else i + 1
        out.append(typed[i:j])
        i = j
    return out


def piped_keys(stream):
    """Keys from a stream that is not a terminal: each line is one key; then q."""
    for line in stream:
        yield (line.strip()[:1] or " ")
    yield "q"


ACTIONS = {"n": "next", " ": "next", "\r": "next", "\n": "next", "j": "next", "p": "prev", "k": "prev",
           "a": "accept", "A": "accept-like", "u": "unaccept", "r": "rule", "s": "severity",
           "q": "quit", "\x03": "quit", "\x04": "quit"}


def _normalise(key: str) -> str:
    return ACTIONS.get(key, "")


class Session:
    """The findings, the current filter and position, and what was accepted."""

    def __init__(self, items, baselines, lang, rules=(), severities=()):
        self.items = items
        self.baselines = baselines
        self.lang = lang
        self.rule = None                     # the r key: only this rule
        self.rules = tuple(rules)            # --rule
        self.severity = None                 # the s key: only this severity
        self.severities = tuple(severities)  # --severity
        self.accepted = set()
        for b in baselines.values():
            self.accepted |= b.accepted()
        self.seen = set()
        self.view = self._view()
        self.pos = 0
        self.notice = ""

    def _view(self) -> list[int]:
        out = []
        for k, (_r, f, _fp) in enumerate(self.items):
            if self.rules and f.rule not in self.rules:
                continue
            if self.severities and f.severity not in self.severities:
                continue
            if self.rule and f.rule != self.rule:
                continue
            if self.severity and f.severity != self.severity:
                continue
            out.append(k)
        return out

    def current(self):
        return self.items[self.view[self.pos]] if self.view else None

    def refilter(self, keep: int | None) -> None:
        self.view = self._view()
        self.pos = self.view.index(keep) if keep in self.view else 0

    def say(self, zh, en):
        self.notice = tr(self.lang, zh, en)

    def act(self, action: str) -> bool:
        """Do what a key asks; False to quit."""
        self.notice = ""
        if action == "quit":
            return False
        item = self.current()
        here = self.view[self.pos] if self.view else None
        last = self.pos >= len(self.view) - 1
        if action == "next":
            if last:
                self.say("这是最后一条。按 p 回看，q 退出并查看小结。",
                         "This is the last finding. p goes back, q quits with a summary.")
            else:
                self.pos += 1
        elif action == "prev":
            if self.pos == 0:
                self.say("这是第一条。", "This is the first finding.")
            self.pos = max(0, self.pos - 1)
        elif action == "accept" and item is not None:
            self._accept(item, last)
        elif action == "accept-like" and item is not None:
            self._accept_like(item, last)
        elif action == "unaccept" and item is not None:
            result, finding, fp = item
            self.baselines[result.path].unaccept(fp)
            self.accepted.discard(fp)
            self.say(f"已取消接受第 {self.pos + 1} 条。", f"Finding {self.pos + 1} is no longer accepted.")
        elif action == "rule" and item is not None:
            self.rule = None if self.rule else item[1].rule
            self.refilter(here)
            self.say(f"只看规则 {self.rule}：{len(self.view)} 条。" if self.rule else "显示全部规则。",
                     f"Only rule {self.rule}: {len(self.view)}." if self.rule else "Showing every rule.")
        elif action == "severity":
            self._next_severity(here)
        return True

    def _accept(self, item, last) -> None:
        result, finding, fp = item
        self.baselines[result.path].accept(finding, fp, result.document)
        self.accepted.add(fp)
        self.say(f"✓ 已接受第 {self.pos + 1} 条（{finding.rule}“{finding.text}”）为误报，已记入基线。",
                 f"✓ Accepted finding {self.pos + 1} ({finding.rule} “{finding.text}”) as a false alarm: "
                 "recorded in the baseline.")
        if last:
            self.notice += tr(self.lang, "这是最后一条；按 q 退出。", " This is the last one; q quits.")
        else:
            self.pos += 1

    def _next_severity(self, here) -> None:
        """Show only the next severity the findings have (after the last one: all of them again)."""
        levels = [s for s in SEVERITIES if any(self.items[k][1].severity == s for k in range(len(self.items)))]
        order = [None, *levels]
        self.severity = order[(order.index(self.severity) + 1) % len(order)] if self.severity in order else None
        self.refilter(here)
        if self.severity:
            from checker.findings import severity_label

            label = severity_label(self.severity, self.lang)
            self.say(f"只看{label}：{len(self.view)} 条。", f"Only {label}: {len(self.view)}.")
        else:
            self.say("显示全部级别。", "Showing every severity.")

    def _accept_like(self, item, last) -> None:
        result, finding, _fp = item
        n = 0
        for r, f, fp in self.items:
            if f.rule == finding.rule and f.text == finding.text and fp not in self.accepted:
                self.baselines[r.path].accept(f, fp, r.document)
                self.accepted.add(fp)
                n += 1
        self.say(f"✓ 已接受 {n} 条同类问题（{finding.rule}“{finding.text}”）为误报，已记入基线。",
                 f"✓ Accepted {n} finding(s) like this one ({finding.rule} “{finding.text}”) as false alarms: "
                 "recorded in the baseline.")
        if not last:
            self.pos += 1

    def summary(self) -> str:
        total = len(self.items)
        n_acc = sum(1 for _, _, fp in self.items if fp in self.accepted)
        return tr(self.lang, f"复核了 {len(self.seen)} 条，共 {total} 条；接受为误报 {n_acc} 条；仍需处理 {total - n_acc} 条。",
                  f"reviewed {len(self.seen)} of {total}; accepted as false alarms {n_acc}; "
                  f"still to fix {total - n_acc}.")


def _screen(console, s: Session):
    from rich.text import Text

    from checker.findings import severity_label
    from checker.places import finding_place
    from checker.render.terminal import STYLE

    lang = s.lang
    if s.notice:
        console.print(Text(s.notice, style="bold green" if s.notice.startswith("✓") else "bold"))
        console.print()
    item = s.current()
    if item is None:
        console.print(tr(lang, "没有符合筛选的问题（r/s 取消筛选）。", "no finding matches the filter (r/s to clear it)."))
        return
    result, finding, fp = item
    doc = result.document
    head = Text()
    head.append(f"[{s.pos + 1}/{len(s.view)}] ", style="bold")
    head.append(f"{result.path}  {finding_place(result, finding, lang)}  ", style="bold")
    head.append(severity_label(finding.severity, lang), style=STYLE[finding.severity])
    head.append(f"  {finding.rule}", style="magenta")
    if fp in s.accepted:
        head.append(tr(lang, "  （已接受为误报）", "  (accepted as a false alarm)"), style="green")
    filters = [x for x in (s.rule, s.severity and severity_label(s.severity, lang)) if x]
    if filters:
        head.append(tr(lang, f"  筛选：{'，'.join(filters)}", f"  filter: {', '.join(filters)}"), style="cyan")
    console.print(head)
    console.print(Text(finding.message))
    console.print()
    lo = max(1, finding.line - CONTEXT_LINES)
    hi = min(len(doc.blocks), finding.end_line + CONTEXT_LINES)
    for line in range(lo, hi + 1):
        text = doc.block(line).text
        t = Text(f"{line:>5} │ ", style="dim")
        if line == finding.line:
            a = finding.column - 1
            b = finding.end_column - 1 if finding.end_line == line else len(text)
            t.append(text[:a])
            t.append(text[a:b], style="reverse " + STYLE[finding.severity])
            t.append(text[b:])
        else:
            t.append(text, style="dim")
        console.print(t)
    console.print()
    console.print(Text(tr(lang, "n/空格/→ 下一条   p/← 上一条   a 接受为误报   A 接受所有同类   u 取消接受   "
                                "r 只看此规则   s 按级别筛选   q 退出",
                          "n/space/→ next   p/← previous   a accept (false alarm)   A accept all like this   "
                          "u un-accept   r only this rule   s by severity   q quit"), style="dim"))


def collect(results, baseline=None):
    """The findings to review, as (result, finding, fingerprint), and each draft's Baseline.

    Raises :class:`checker.baseline.BaselineError` for a baseline file that cannot be used."""
    from checker.baseline import Baseline, fingerprints

    items, baselines = [], {}
    for r in results:
        if r.error or not r.findings or r.path == "-":
            continue
        baselines[r.path] = Baseline(r.path, baseline)
        items.extend((r, f, fp) for f, fp in zip(r.findings, fingerprints(r.findings, r.document)))
    return items, baselines


def review(items, baselines, lang: str, rules=(), severities=(), keys=None) -> None:
    """Show the findings one at a time, reading ``keys`` (an iterator of key letters; default: lines of
    standard input), until q or the keys run out."""
    from rich.console import Console

    tty = sys.stdout.isatty()
    console = Console(highlight=False, markup=False, emoji=False, soft_wrap=True,
                      no_color=not tty, force_terminal=tty)
    if not items:
        console.print(tr(lang, "没有需要复核的问题。", "nothing to review."))
        return
    s = Session(items, baselines, lang, rules, severities)
    keys = iter(keys if keys is not None else piped_keys(sys.stdin))
    while True:
        if s.view:
            s.seen.add(s.view[s.pos])
        if tty:
            console.clear()
        _screen(console, s)
        if not s.act(_normalise(next(keys, "q"))):
            break
    if s.notice:
        console.print(s.notice, style="green")
    console.print()
    console.print(s.summary(), style="bold")
    paths_written = sorted({str(b.path) for b in baselines.values() if b.path.exists()})
    if paths_written:
        console.print(tr(lang, "基线文件：", "baseline: ") + ", ".join(paths_written))
