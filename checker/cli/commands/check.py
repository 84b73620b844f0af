"""``checker check``: check drafts and print (or write) a report."""

from __future__ import annotations

import sys

import click

from checker.cli.options import (CONTEXT, baseline_options, fail, kind_option, known_kind, lang_option,
                                 pack_option, select_options, settings, use_color)
from checker.render import FORMATS


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(tuple(FORMATS)), default="terminal", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file (atomically).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="Lowest severity that makes the exit code 1.")
@select_options
@kind_option()
@click.option("--no-color", is_flag=True, help="No colour (also NO_COLOR=1).")
@baseline_options()
@pack_option()
@lang_option()
def check(paths, fmt, output, fail_on, select, ignore, kind, no_color, baseline, no_baseline, lang, packs):
    """Check drafts (.docx, .txt; folders are searched; - reads stdin).

    Exit code: 0 nothing at or above --fail-on, 1 something is, 2 usage error or unreadable file.
    """
    from checker.engine import check_paths, exit_code

    ctx = settings(lang, packs, select, ignore, kind)
    known_kind(kind, ctx)
    results = check_paths(list(paths), ctx)
    if not no_baseline:
        apply_baseline(results, baseline)
    for r in results:
        if r.error:
            click.echo(f"checker: {r.path}: {r.error['message']}", err=True)
    emit(results, fmt, output, ctx.lang, no_color)
    sys.exit(exit_code(results, fail_on))


def apply_baseline(results, explicit) -> None:
    from checker.baseline import BaselineError, apply

    try:
        apply(results, explicit)
    except BaselineError as e:
        fail(str(e))


def emit(results, fmt, output, lang, no_color) -> None:
    from checker.render import render

    color = output is None and fmt == "terminal" and use_color(no_color, sys.stdout)
    if output and fmt == "html":     # a big report: an index page plus a page per draft
        from checker.render import html

        try:
            html.write(results, output, lang=lang)
        except OSError as e:
            fail(f"{output}: 无法写入报告 / cannot write the report: {e.strerror}")
        return
    text = render(fmt, results, lang=lang, color=color)
    if output:
        from checker.fileio import atomic_write

        try:
            atomic_write(output, text)
        except OSError as e:
            fail(f"{output}: 无法写入报告 / cannot write the report: {e.strerror}")
    else:
        sys.stdout.write(text)
