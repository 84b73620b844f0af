"""``checker check``: check drafts and print (or write) a report."""

from __future__ import annotations

import sys

import click

from checker.cli.options import (CONTEXT, baseline_options, checked, config_options, echo, echo_data, fail,
                                 kind_option, lang_option, open_run, pack_option, select_options, use_color,
                                 year_option)
from checker.render import FORMATS


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(tuple(FORMATS)), default="terminal", show_default=True,
              help="Report format (sarif, github, junit, gitlab and checkstyle are for CI systems).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the report to this file (atomically, UTF-8).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 (default error, or fail-on in the configuration).")
@select_options
@kind_option()
@year_option()
@click.option("--no-color", is_flag=True, help="No colour (also NO_COLOR=1).")
@baseline_options()
@pack_option()
@lang_option()
@config_options
@click.option("-q", "--quiet", is_flag=True, help="Terminal report: only the files with findings, and the summary.")
@click.option("--statistics", is_flag=True,
              help="Counts per rule instead of each finding (with -o, the report goes to the file and the counts here).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Check files in this many processes (default: one per core; 1: one after another).")
def check(paths, fmt, output, fail_on, select, ignore, kind, year, no_color, baseline, no_baseline, lang, packs,
          config_file, isolated, exclude, quiet, statistics, jobs):
    """Check drafts (.docx, .txt; folders are searched; - reads stdin).

    Exit code: 0 nothing at or above --fail-on, 1 something is, 2 usage error or unreadable file.
    """
    if statistics and fmt != "terminal" and not output:
        fail("--statistics 须用终端报告，或与 -o 同用 / --statistics needs the terminal format, or -o for the report")
    run = open_run(paths, lang=lang, packs=packs, select=select, ignore=ignore, kind=kind, exclude=exclude,
                   baseline=baseline, no_baseline=no_baseline, config_file=config_file, isolated=isolated,
                   fail_on=fail_on, options={"year": year} if year else None)
    # --jobs; every report but JSON reads the documents (places, lines, fingerprints)
    run.jobs, run.documents = jobs, fmt != "json"
    results, codes = [], []
    for result, settings in checked(progress(run, quiet)):
        results.append(result)
        codes.append(file_exit_code(result, settings.fail_on))
        if result.error:
            echo(f"checker: {result.path}: {result.error['message']}", err=True)
    lang = run.top.lang
    opts = {"fail_on": run.top.fail_on, "quiet": quiet}
    if statistics and fmt != "terminal":
        emit(results, fmt, output, lang, no_color, opts)
        emit(results, "terminal", None, lang, no_color, {**opts, "statistics": True})
    else:
        emit(results, fmt, output, lang, no_color, {**opts, "statistics": statistics})
    sys.exit(2 if 2 in codes else max(codes, default=0))


def file_exit_code(result, fail_on: str) -> int:
    from checker.engine import exit_code

    return exit_code([result], fail_on)


def progress(run, quiet: bool):
    """The run's items, with a progress bar on stderr when it is a terminal and there are several drafts."""
    if quiet or len(run) < 2 or not _is_tty(sys.stderr):
        yield from run
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from checker.i18n import tr

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
               TextColumn("{task.fields[name]}", style="dim"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(tr(run.top.lang, "检查", "checking"), total=len(run), name="")
        items = iter(run)
        for inp in run.inputs:
            bar.update(task, name=inp.path)
            item = next(items)
            bar.advance(task)
            yield item


def _is_tty(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()


def emit(results, fmt, output, lang, no_color, opts) -> None:
    from checker.render import render

    color = output is None and fmt == "terminal" and use_color(no_color, sys.stdout)
    if output and fmt == "html":     # a big report: an index page plus a page per draft
        from checker.render import html

        try:
            html.write(results, output, lang=lang)
        except OSError as e:
            fail(f"{output}: 无法写入报告 / cannot write the report: {e.strerror}")
        return
    if output is None and fmt == "terminal":
        from checker.console import encoding_of

        opts = {**opts, "encoding": encoding_of(sys.stdout)}
    text = render(fmt, results, lang=lang, color=color, **opts)
    if output:
        from checker.fileio import atomic_write, for_output

        try:
            atomic_write(output, for_output(text, fmt))   # undecodable names: escaped in JSON, else replaced
        except OSError as e:
            fail(f"{output}: 无法写入报告 / cannot write the report: {e.strerror}")
    elif fmt == "terminal":
        echo(text, nl=False)
    else:
        echo_data(text)
