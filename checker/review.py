"""``checker review``: walk through the findings one at a time and accept false alarms.

Keys: n / space / → next, p / ← previous, a accept (a false alarm: kept quiet from now on, saved in the
baseline at once), u un-accept, q quit. On a terminal a single key press acts; when standard input is
not a terminal each line is one key (``printf 'a\\nn\\nq\\n' | checker review draft.txt``).
"""

from __future__ import annotations

import sys


from checker.i18n import tr

CONTEXT_LINES = 2


def _read_key_tty() -> str:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        ch = msvcrt.getwch()
        if ch in ("\x00", "\xe0"):
            return {"M": "n", "K": "p"}.get(msvcrt.getwch(), "")
        return ch
    import termios
    import tty

    fd = sys.stdin.fileno()
    old = termios.tcgetattr(fd)
    try:
        tty.setraw(fd)
        ch = sys.stdin.read(1)
        if ch == "\x1b":
            seq = sys.stdin.read(2)
            return {"[C": "n", "[D": "p"}.get(seq, "")
        return ch
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


def _keys():
    if sys.stdin.isatty():
        while True:
            yield _read_key_tty()
    else:
        for line in sys.stdin:
            yield (line.strip()[:1] or " ")
        yield "q"


def _normalise(key: str) -> str:
    if key in ("n", " ", "\r", "\n", "j"):
        return "next"
    if key in ("p", "k"):
        return "prev"
    if key == "a":
        return "accept"
    if key == "u":
        return "unaccept"
    if key in ("q", "\x03", "\x04"):
        return "quit"
    return ""


def _screen(console, lang, item, n, total, accepted):
    from rich.text import Text

    from checker.findings import severity_label
    from checker.render.terminal import STYLE

    result, finding, fp = item
    doc = result.document
    head = Text()
    head.append(f"[{n}/{total}] ", style="bold")
    head.append(f"{result.path}:{finding.line}:{finding.column}  ", style="bold")
    head.append(severity_label(finding.severity, lang), style=STYLE[finding.severity])
    head.append(f"  {finding.rule}", style="magenta")
    if fp in accepted:
        head.append(tr(lang, "  （已接受为误报）", "  (accepted as a false alarm)"), style="green")
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
            t.append(text, style="dim" if line != finding.line else None)
        console.print(t)
    console.print()
    console.print(Text(tr(lang, "n/空格/→ 下一条   p/← 上一条   a 接受为误报   u 取消接受   q 退出",
                          "n/space/→ next   p/← previous   a accept (false alarm)   u un-accept   q quit"),
                       style="dim"))


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


def review(items, baselines, lang: str) -> None:
    """Show the findings one at a time, reading keys, until the last one or q."""
    from rich.console import Console

    tty = sys.stdout.isatty()
    console = Console(highlight=False, markup=False, emoji=False, soft_wrap=True,
                      no_color=not tty, force_terminal=tty)
    if not items:
        console.print(tr(lang, "没有需要复核的问题。", "nothing to review."))
        return
    accepted = set()
    for b in baselines.values():
        accepted |= b.accepted()
    seen = set()
    i = 0
    keys = _keys()
    while True:
        seen.add(i)
        if tty:
            console.clear()
        _screen(console, lang, items[i], i + 1, len(items), accepted)
        action = _normalise(next(keys, "q"))
        result, finding, fp = items[i]
        if action == "quit":
            break
        if action == "accept":
            baselines[result.path].accept(finding, fp, result.document)
            accepted.add(fp)
            console.print(tr(lang, "已接受，记入基线。", "accepted: recorded in the baseline."), style="green")
            action = "next"
        elif action == "unaccept":
            baselines[result.path].unaccept(fp)
            accepted.discard(fp)
            console.print(tr(lang, "已取消接受。", "no longer accepted."))
            continue
        if action == "next":
            if i == len(items) - 1:
                break
            i += 1
        elif action == "prev":
            i = max(0, i - 1)
    n_acc = sum(1 for _, _, fp in items if fp in accepted)
    console.print()
    console.print(tr(lang, f"复核了 {len(seen)} 条，共 {len(items)} 条；接受为误报 {n_acc} 条；仍需处理 {len(items) - n_acc} 条。",
                     f"reviewed {len(seen)} of {len(items)}; accepted as false alarms {n_acc}; "
                     f"still to fix {len(items) - n_acc}."), style="bold")
    paths_written = sorted({str(b.path) for b in baselines.values() if b.path.exists()})
    if paths_written:
        console.print(tr(lang, "基线文件：", "baseline: ") + ", ".join(paths_written))
