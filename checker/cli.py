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
@click.option("--no-color", is_flag=True, help="No colour (also NO_COLOR=1).")
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Accepted findings file (default: .checker-baseline.json beside each draft).")
@click.option("--no-baseline", is_flag=True, help="Show accepted findings too.")
@_common
def check(paths, fmt, output, fail_on, select, ignore, kind, no_color, baseline, no_baseline, lang, packs):
    """Check drafts (.docx, .txt; folders are searched; - reads stdin).

    Exit code: 0 nothing at or above --fail-on, 1 something is, 2 usage error or unreadable file.
    """
    from checker.engine import check_paths, exit_code

    opts = _options(lang, packs, _split(select), _split(ignore), kind)
    _check_rule_names(opts.select + opts.ignore)
    ctx = _context(opts)
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
    from checker.rules import rule_codes

    known = rule_codes()
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
    """List the rules and the codes they report."""
    from checker.rules import all_rules
    from checker.i18n import tr

    lang = _lang(lang)
    for rule in all_rules():
        click.echo(f"{rule.name:<24} {rule.severity:<8} {tr(lang, *rule.summary)}")
        for code in rule.codes:
            click.echo(f"  {code}")


@main.command(context_settings=CONTEXT)
@click.argument("rule")
def explain(rule):
    """Show a rule's documentation page."""
    from checker.docs import rule_doc

    doc = rule_doc(rule)
    if doc is None:
        _fail(f"未知规则 / unknown rule: {rule}")
    click.echo(doc)
