"""The terminal report: ``path:line:col  第 6 段 “…”  级别  rule  message``, then the flagged text.

``path:line:col`` is for tools (editors jump to it); the place after it is for people (see
:mod:`checker.places`).

Colour only on a terminal (and never with NO_COLOR or --no-color); piped
output is plain text, one finding per line plus its context, stable across
runs and widths.
"""

from __future__ import annotations

import unicodedata

from checker.findings import severity_label
from checker.i18n import tr
from checker.places import finding_place
from checker.rules import CONTEXT_CHARS
from checker.summary import summarize

# tabs and other control characters become spaces, so the caret line stays under the span
_CONTROLS = {i: " " for i in [*range(32), 127]}

# rich styles of the severities (also used by ``checker review``)
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def cell_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _span_in_context(f) -> tuple[str, int, int]:
    """The context string and where the flagged span sits in it (see checker.rules.trim_context)."""
    ctx = f.context.translate(_CONTROLS)
    start = f.column - 1
    trimmed = max(0, start - CONTEXT_CHARS)
    offset = start - trimmed + (1 if trimmed else 0)
    n = len(f.text) if f.end_line == f.line else len(ctx) - offset
    return ctx, offset, max(0, min(n, len(ctx) - offset))


def _counts(findings, lang, color):
    from rich.text import Text

    t = Text()
    if not findings:
        t.append(tr(lang, "未发现问题", "no findings"), style="green" if color else None)
        return t
    for i, key in enumerate(("error", "warning", "info")):
        n = sum(1 for f in findings if f.severity == key)
        if i:
            t.append(tr(lang, "，", ", "))
        t.append(f"{severity_label(key, lang)} {n}", style=STYLE[key] if color and n else None)
    return t


def _file_header(r, lang, color):
    from rich.text import Text

    t = Text()
    t.append(r.path, style="bold underline" if color else None)
    bits = [r.format or "?"]
    if r.encoding:
        bits.append(tr(lang, f"编码 {r.encoding}", f"encoding {r.encoding}"))
    t.append(tr(lang, f"（{'，'.join(bits)}）：", f" ({', '.join(bits)}): "))
    t.append_text(_counts(r.findings, lang, color))
    return t


def render_lines(results, lang="zh", color=False, encoding=None):
    """Yield rich Text objects (or plain strings when ``color`` is False). ``encoding``: the console's,
    when it lacks characters (the context line then shows what the console will, so that the caret
    line stays under the span; see :mod:`checker.console`)."""
    from rich.text import Text

    for r in results:
        if r.error:
            t = Text()
            t.append(f"{r.path}", style="bold" if color else None)
            t.append(": ")
            t.append(tr(lang, "无法读取：", "cannot read: "), style="bold red" if color else None)
            t.append(r.error["message"])
            yield t
            continue
        yield _file_header(r, lang, color)
        for f in r.findings:
            t = Text()
            t.append(f"{r.path}:{f.line}:{f.column}", style="bold" if color else None)
            t.append("  ")
            t.append(finding_place(r, f, lang), style="cyan" if color else None)
            t.append("  ")
            t.append(severity_label(f.severity, lang), style=STYLE[f.severity] if color else None)
            t.append("  ")
            t.append(f.rule, style="magenta" if color else None)
            t.append("  ")
            t.append(f.message)
            yield t
            if f.context:
                ctx, off, n = _span_in_context(f)
                before, span, after = ctx[:off], ctx[off:off + n], ctx[off + n:]
                if encoding:
                    from checker.console import safe_text

                    before, span, after = (safe_text(x, encoding) for x in (before, span, after))
                line = Text("    ")
                line.append(before)
                line.append(span, style="reverse " + STYLE[f.severity] if color else None)
                line.append(after)
                yield line
                if not color and n:
                    yield Text("    " + " " * cell_width(before) + "^" * max(1, cell_width(span)))
        for rule, n in r.omitted.items():
            from checker.limits import MAX_FINDINGS_PER_CODE as most

            yield Text(tr(lang, f"{r.path}：另有 {n} 条 {rule} 未列出（每个文稿每种问题最多列出 {most} 条）",
                          f"{r.path}: {n} more {rule} not listed (at most {most} of one kind per draft)"))


def summary_lines(results, lang="zh", color=False):
    from rich.text import Text

    s = summarize(results)
    sev = s["by_severity"]
    t = Text()
    t.append(tr(lang, f"检查了 {s['files']} 个文件：", f"checked {s['files']} file(s): "))
    parts = []
    for key in ("error", "warning", "info"):
        parts.append((f"{severity_label(key, lang)} {sev[key]}", STYLE[key] if color and sev[key] else None))
    for i, (p, style) in enumerate(parts):
        if i:
            t.append(tr(lang, "，", ", "))
        t.append(p, style=style)
    if s["unreadable"]:
        t.append(tr(lang, f"；{s['unreadable']} 个文件无法读取", f"; {s['unreadable']} unreadable"),
                 style="bold red" if color else None)
    if s["suppressed"]:
        t.append(tr(lang, f"；基线隐藏了 {s['suppressed']} 条已接受的问题",
                    f"; {s['suppressed']} accepted finding(s) hidden by the baseline"))
    yield t
    for rule, counts in s["by_rule"].items():
        line = Text(f"  {rule:<24}")
        bits = [f"{severity_label(k, lang)} {v}" for k, v in counts.items() if v]
        line.append("  ".join(bits))
        yield line


def statistics_lines(results, lang="zh", color=False):
    """Counts per finding code, most frequent first (``--statistics``, as ruff prints them)."""
    from rich.text import Text

    from checker import codes

    counts: dict[tuple[str, str], int] = {}
    for r in results:
        for f in r.findings:
            counts[f.rule, f.severity] = counts.get((f.rule, f.severity), 0) + 1
    for (rule, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        t = Text(f"{n:>6}  ")
        t.append(f"{rule:<24}", style="magenta" if color else None)
        t.append(f"{severity_label(severity, lang):<4}", style=STYLE[severity] if color else None)
        code = codes.CODES.get(rule)
        if code is not None:
            t.append(f"  {code.describe(lang)}")
        yield t


def render(results, *, lang="zh", color=False, quiet=False, statistics=False, encoding=None, **_) -> str:
    """The report as text; with ``color``, with the terminal's escape codes. ``quiet``: only the files
    with findings (or that could not be read), then the summary; ``statistics``: counts per rule
    instead of each finding; ``encoding``: the console's (see :func:`render_lines`)."""
    import io

    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, highlight=False, soft_wrap=True, no_color=not color,
                      force_terminal=color, emoji=False, markup=False)
    print_report(results, console, lang=lang, color=color, quiet=quiet, statistics=statistics, encoding=encoding)
    return buf.getvalue()


def print_report(results, console, *, lang="zh", color=False, quiet=False, statistics=False,
                 encoding=None) -> None:
    last = None
    if statistics:
        shown = statistics_lines(results, lang, color)
    else:
        shown = render_lines([r for r in results if r.error or r.findings] if quiet else results, lang, color,
                             encoding)
    for item in shown:
        console.print(item)
        last = item
    if last is not None:
        console.print()
    for i, item in enumerate(summary_lines(results, lang, color)):
        if i == 0 or not statistics:
            console.print(item)
