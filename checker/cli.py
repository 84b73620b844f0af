"""The ``checker`` command. Heavy modules are imported inside the commands."""

from __future__ import annotations

import os
import sys

import click

from checker import __version__

FORMATS = ("terminal", "json", "html")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _version(ctx, _param, value):
    if value and not ctx.resilient_parsing:
        click.echo(f"checker {__version__}")
        ctx.exit()


def _use_color(no_color: bool, stream) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _fail(message: str, code: int = 2):
    click.echo(f"checker: {message}", err=True)
    sys.exit(code)


# Commands that live in their own modules, imported only when invoked: name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "watch": "checker.watch:watch",
    "annotate": "checker.annotate:annotate",
    "review": "checker.review:review",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS:
            import importlib

            module, attr = LAZY_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and exit.")
def main():
    """checker: 政府工作报告、工作总结、工作计划提交前检查。

    Finds leftover template slots, vendor watermarks, missing sections and figures that do
    not add up in .docx and .txt drafts.
    """


def _common(f):
    f = click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                     help="Message language (default zh; or CHECKER_LANG).")(f)
    f = click.option("--pack", "packs", multiple=True, type=click.Path(),
                     help="Extra rule pack (.toml file or folder); repeatable.")(f)
    return f


def _lang(lang):
    return lang or (os.environ.get("CHECKER_LANG") if os.environ.get("CHECKER_LANG") in ("zh", "en") else "zh")


def _options(lang, packs, select=(), ignore=(), kind=None):
    from checker.engine import Options

    return Options(lang=_lang(lang), packs=tuple(packs), select=tuple(select), ignore=tuple(ignore), kind=kind)


def _context(opts):
    from checker.engine import make_context
    from checker.packs import PackError

    try:
        return make_context(opts)
    except PackError as e:
        _fail(str(e))


def _split(values):
    out = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file (atomically).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="Lowest severity that makes the exit code 1.")
@click.option("--select", multiple=True, help="Only these rules (comma-separated or repeated).")
@click.option("--ignore", multiple=True, help="Skip these rules (comma-separated or repeated).")
@click.option("--kind", default=None, help="Kind of report, overriding detection (see `checker kinds`).")
@click.option("--year", type=click.IntRange(1949, 2100), default=None,
              help="The year the title would name (2025 for a 2025年工作总结), when it names none or a wrong one.")
@click.option("--no-color", is_flag=True, help="No colour (also NO_COLOR=1).")
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Accepted findings file (default: .checker-baseline.json beside each draft).")
@click.option("--no-baseline", is_flag=True, help="Show accepted findings too.")
@_common
def check(paths, fmt, output, fail_on, select, ignore, kind, year, no_color, baseline, no_baseline, lang, packs):
    """Check drafts (.docx, .txt; folders are searched; - reads stdin).

    Exit code: 0 nothing at or above --fail-on, 1 something is, 2 usage error or unreadable file.
    """
    from checker.engine import check_paths, exit_code

    opts = _options(lang, packs, _split(select), _split(ignore), kind)
    if year:
        opts.extra["year"] = year
    _check_rule_names(opts.select + opts.ignore)
    ctx = _context(opts)
    _known_kind(kind, ctx)
    results = check_paths(list(paths), opts, ctx)
    if not no_baseline:
        _apply_baseline(results, baseline)
    for r in results:
        if r.error:
            click.echo(f"checker: {r.path}: {r.error['message']}", err=True)
    _emit(results, fmt, output, opts.lang, no_color)
    sys.exit(exit_code(results, fail_on))


def _apply_baseline(results, explicit):
    from checker.baseline import BaselineError, apply

    try:
        apply(results, explicit)
    except BaselineError as e:
        _fail(str(e))


def _check_rule_names(names):
    if not names:
        return
    from checker import codes

    known = {*codes.CODES, *codes.families()}
    unknown = [n for n in names if n not in known]
    if unknown:
        _fail(f"未知规则 / unknown rule: {', '.join(unknown)}（checker rules 列出全部规则）")


def _emit(results, fmt, output, lang, no_color):
    if fmt == "json":
        from checker.render.jsonfmt import render

        text = render(results)
    elif fmt == "html":
        from checker.render.html import render

        text = render(results, lang=lang)
    else:
        from checker.render import terminal

        if output is None:
            terminal.render(results, lang=lang, color=_use_color(no_color, sys.stdout))
            return
        import io

        from rich.console import Console

        buf = io.StringIO()
        console = Console(file=buf, highlight=False, soft_wrap=True, no_color=True, emoji=False, markup=False)
        terminal.render(results, lang=lang, color=False, console=console)
        text = buf.getvalue()
    if output:
        from checker.fileio import atomic_write

        try:
            atomic_write(output, text)
        except OSError as e:
            _fail(f"{output}: 无法写入报告 / cannot write the report: {e.strerror}")
    else:
        sys.stdout.write(text)


@main.command(context_settings=CONTEXT)
@click.argument("path")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Label language.")
def text(path, lang):
    """Print the numbered lines that rules see, with where each lives."""
    from checker.engine import Input, read_input
    from checker.errors import ReadError
    from pathlib import Path

    lang = _lang(lang)
    try:
        doc = read_input(Input(path, None if path == "-" else Path(path)))
    except ReadError as e:
        _fail(f"{path}: {e.message(lang)}")
    width = len(str(len(doc.blocks)))
    out = []
    for b in doc.blocks:
        label = b.location(lang)
        if b.outline_level is not None:
            label += f" {'大纲' if lang == 'zh' else 'level'}{b.outline_level + 1}"
        if b.style and b.style.lower() not in ("normal", "正文", "默认段落字体"):
            label += f" «{b.style}»"
        out.append(f"{b.line:>{width}}  [{label}]  {b.text}")
    enc = f", {doc.encoding}" if doc.encoding else ""
    click.echo(f"# {path} ({doc.format}{enc}, {len(doc.blocks)} lines)")
    click.echo("\n".join(out))


@main.command(context_settings=CONTEXT)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
def rules(lang):
    """List every finding code with its default severity, grouped by the rule that reports it."""
    from checker import codes

    lang = _lang(lang)
    for family in codes.families():
        members = codes.of_family(family)
        if family not in codes.CODES:
            click.echo(family)
        for name in members:
            c = codes.CODES[name]
            indent = "" if name == family else "  "
            click.echo(f"{indent}{name:<{24 - len(indent)}} {c.severity.label(lang):<8} {c.describe(lang)}")


@main.command(context_settings=CONTEXT)
@click.argument("rule")
def explain(rule):
    """Show a rule's documentation page."""
    from checker.docs import rule_doc

    doc = rule_doc(rule)
    if doc is None:
        _fail(f"未知规则 / unknown rule: {rule}")
    click.echo(doc)


def _known_kind(kind, ctx):
    if not kind:
        return
    from checker.kinds import KindError, find_kind, kinds_of

    try:
        find_kind(kind, ctx.pack)
    except KindError:
        _fail(f"未知的报告类型 / unknown kind of report: {kind}（可选 / one of: {'、'.join(kinds_of(ctx.pack))}）")


@main.command(context_settings=CONTEXT)
@click.argument("path")
@click.option("--kind", default=None, help="Kind of report, overriding detection (see `checker kinds`).")
@click.option("--year", type=click.IntRange(1949, 2100), default=None, help="The year the title would name.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_common
def outline(path, kind, year, fmt, lang, packs):
    """Print a draft's outline: its headings as a tree, with line numbers, the kind of report and
    where each part it requires is."""
    from pathlib import Path

    from checker import kinds as K
    from checker import outline as O
    from checker.engine import Input, read_input
    from checker.errors import ReadError
    from checker.period import period_json, period_lines

    opts = _options(lang, packs, kind=kind)
    ctx = _context(opts)
    _known_kind(kind, ctx)
    try:
        doc = read_input(Input(path, None if path == "-" else Path(path)))
    except ReadError as e:
        _fail(f"{path}: {e.message(opts.lang)}")
    ol = O.build(doc, ctx.pack)
    det = K.detect(doc, ol, ctx.pack, kind)
    found = K.evidence(doc, ol, ctx.pack)
    parts = K.parts_of(ctx.pack)
    named = {}
    for name, evs in found.items():
        for e in evs:
            if e.how in ("heading", "sections"):
                named.setdefault(e.line, []).append(name)
    if fmt == "json":
        import json

        def node_json(n):
            return {"line": n.line, "marker": n.marker, "title": n.title, "style": n.mtype,
                    "number": n.number, "end_line": n.end, "parts": named.get(n.line, []),
                    "children": [node_json(c) for c in n.children]}

        data = {"path": path, "title_lines": ol.title_lines,
                "kind": det and {"name": det.kind.name, "detected_by": det.how, "line": det.line,
                                 "reason": det.reason(opts.lang),
                                 "requires": sorted(set(det.kind.requires) | {r.part for r in det.requirements})},
                "outline": [node_json(n) for n in ol.roots],
                "list_items": [{"line": i.line, "column": i.column, "marker": i.marker, "number": i.number,
                                "inline": i.inline} for i in ol.items],
                "parts": {name: [{"line": e.line, "how": e.how} for e in evs] for name, evs in found.items()},
                **period_json(doc, ctx.pack, kind, year)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    en = opts.lang == "en"
    width = len(str(ol.last_line or 1))
    lines = []
    if det:
        lines.append(f"# {path}: {det.kind.label(opts.lang)} ({det.reason(opts.lang)})" if en else
                     f"# {path}：{det.kind.label(opts.lang)}（{det.reason(opts.lang)}）")
    else:
        lines.append(f"# {path}: kind of report not recognised (use --kind)" if en else
                     f"# {path}：未能识别报告类型（可用 --kind 指定）")
    for n in ol.title_lines:
        lines.append(f"{n:>{width}}  {'title' if en else '标题'}  {doc.block(n).text.strip()}")
    for node in ol.nodes:
        tag = ""
        if node.line in named:
            tag = "   ← " + "、".join(parts[p].label(opts.lang) for p in named[node.line])
        lines.append(f"{node.line:>{width}}  {'  ' * node.level}{node.marker}{node.title}{tag}")
    if not ol.nodes:
        lines.append("(no headings found)" if en else "（没有找到标题）")
    if det:
        required = list(dict.fromkeys([*det.kind.requires, *(r.part for r in det.requirements)]))
        how_label = {"heading": ("标题", "heading"), "paragraph": ("段落", "paragraph"),
                     "sections": ("未命名的回顾章节", "unnamed review sections")}
        lines.append("")
        lines.append("Parts:" if en else "必备部分：")
        for name in required:
            part = parts.get(name)
            if part is None:
                continue
            evs = found.get(name, [])
            if evs:
                e = evs[0]
                where = (f"line {e.line} ({how_label[e.how][1]})" if en else
                         f"第 {e.line} 行（{how_label[e.how][0]}）")
                lines.append(f"  ✓ {part.label(opts.lang)}: {where}" if en else f"  ✓ {part.label(opts.lang)}：{where}")
            else:
                lines.append(f"  ✗ {part.label(opts.lang)}: missing" if en else f"  ✗ {part.label(opts.lang)}：缺少")
    lines.extend(period_lines(doc, ctx.pack, kind, year, opts.lang))
    click.echo("\n".join(lines))


@main.command(context_settings=CONTEXT)
@_common
def kinds(lang, packs):
    """List the kinds of report, how each is recognised and the parts it requires."""
    from checker import kinds as K

    opts = _options(lang, packs)
    ctx = _context(opts)
    en = opts.lang == "en"
    parts = K.parts_of(ctx.pack)
    out = []
    for kind in K.kinds_of(ctx.pack).values():
        out.append(f"{kind.name}  ({kind.en})")
        out.append(("  recognised by the title: " if en else "  标题：") + " | ".join(p.pattern for p in kind.title))
        if kind.signals:
            out.append(("  or the opening: " if en else "  或开头：") + " | ".join(p.pattern for p in kind.signals))
        req = []
        for name in kind.requires:
            part = parts.get(name)
            req.append(f"{part.label(opts.lang)} [{part.also}]" if part else name)
        out.append(("  requires: " if en else "  必备：") + ("; ".join(req) if en else "；".join(req)))
        why = kind.why_en if en else kind.why
        if why:
            out.append(("  note: " if en else "  说明：") + why)
        out.append("")
    extra = ctx.pack.get("sections", {}).get("title_requires", [])
    if extra:
        out.append("A title adds:" if en else "标题另加的要求：")
        for item in extra:
            part = parts.get(item["part"])
            out.append(f"  /{item['pattern']}/ → {part.label(opts.lang) if part else item['part']}")
    click.echo("\n".join(out).rstrip())
