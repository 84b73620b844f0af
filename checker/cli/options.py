"""What the sub-commands share: option decorators declared once, the one-line failure, the language,
writing through :mod:`checker.console`, and turning options into the run's resolved settings
(:func:`checker.engine.make_context`, or a :class:`checker.api.Run` with the project configuration)."""

from __future__ import annotations

import os
import sys

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Write to stdout (or stderr) through :mod:`checker.console`: characters the stream's encoding
    lacks become look-alikes or escapes, never an exception."""
    from checker import console

    console.write(f"{text}\n" if nl else text, sys.stderr if err else sys.stdout)


def echo_data(text: str) -> None:
    """Write a machine-readable report (JSON, SARIF, XML, workflow commands) to stdout as UTF-8 bytes,
    the same bytes ``-o`` writes to a file, whatever the console's encoding: a look-alike or an escape
    would make it invalid, and these formats are UTF-8 by definition."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:               # a text-only stream (tests, an embedding program)
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8", "backslashreplace"))   # a lone surrogate of an undecodable file name
    buffer.flush()


def fail(message: str, code: int = 2):
    """Say what is wrong on one line (``checker: …`` on stderr) and exit, with no traceback."""
    echo(f"checker: {message}", err=True)
    sys.exit(code)


def resolve_lang(lang: str | None) -> str:
    """--lang, else CHECKER_LANG when it is zh or en, else zh."""
    return lang or (os.environ.get("CHECKER_LANG") if os.environ.get("CHECKER_LANG") in ("zh", "en") else "zh")


def use_color(no_color: bool, stream) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def split(values) -> tuple[str, ...]:
    """``--select a,b --select c`` -> ('a', 'b', 'c')."""
    out = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


# ---- option decorators --------------------------------------------------------------------------

LANG_HELP = "Message language (default zh; or CHECKER_LANG)."
PACK_HELP = "Extra rule pack (.toml file or folder); repeatable."
KIND_HELP = "Kind of report, overriding detection (see `checker kinds`)."


def lang_option(help: str | None = LANG_HELP):
    return click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help=help)


def pack_option(help: str = PACK_HELP):
    return click.option("--pack", "packs", multiple=True, type=click.Path(), help=help)


def kind_option(help: str = KIND_HELP):
    return click.option("--kind", default=None, help=help)


def year_option():
    return click.option("--year", type=click.IntRange(1949, 2100), default=None,
                        help="The year the title would name (2025 for a 2025年工作总结), when it names none "
                             "or a wrong one.")


def select_options(f):
    """--select and --ignore: which rule codes run."""
    f = click.option("--ignore", multiple=True, help="Skip these rules (comma-separated or repeated).")(f)
    return click.option("--select", multiple=True, help="Only these rules (comma-separated or repeated).")(f)


def baseline_options(no_baseline_help: str = "Show accepted findings too."):
    """--baseline FILE and --no-baseline: the accepted findings (see ``checker review``)."""
    def deco(f):
        f = click.option("--no-baseline", is_flag=True, help=no_baseline_help)(f)
        return click.option("--baseline", type=click.Path(dir_okay=False),
                            help="Accepted findings file (default: .checker-baseline.json beside each draft).")(f)
    return deco


def config_options(f):
    """--config FILE, --isolated and --exclude GLOB: the project configuration (see checker.config)."""
    f = click.option("--exclude", multiple=True, metavar="GLOB",
                     help="Leave out files in folders matching GLOB (added to the configuration's "
                          "exclude); repeatable.")(f)
    f = click.option("--isolated", is_flag=True, help="Read no configuration file.")(f)
    return click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE",
                        help="Use this configuration file instead of the checker.toml / .checker.toml / "
                             "pyproject.toml found upward from each draft.")(f)


# ---- from options to settings -------------------------------------------------------------------

def check_rule_names(names) -> None:
    if not names:
        return
    from checker import codes

    known = {*codes.CODES, *codes.families()}
    unknown = [n for n in names if n not in known]
    if unknown:
        fail(f"未知规则 / unknown rule: {', '.join(unknown)}（checker rules 列出全部规则）")


def settings(lang=None, packs=(), select=(), ignore=(), kind=None, year=None):
    """The run's :class:`~checker.rules.Context` from the command's options; a bad rule name or pack
    ends the command with one line."""
    from checker.engine import make_context
    from checker.packs import PackError

    select, ignore = split(select), split(ignore)
    check_rule_names(select + ignore)
    try:
        return make_context(lang=resolve_lang(lang), packs=packs, select=select, ignore=ignore, kind=kind,
                            extra={"year": year} if year else None)
    except PackError as e:
        fail(str(e))


def known_kind(kind, ctx) -> None:
    if not kind:
        return
    from checker.kinds import KindError, find_kind, kinds_of

    try:
        find_kind(kind, ctx.pack)
    except KindError:
        fail(f"未知的报告类型 / unknown kind of report: {kind}（可选 / one of: {'、'.join(kinds_of(ctx.pack))}）")


def read_document(path: str, lang: str):
    """The Document of one draft (``-`` = stdin) for the commands that show one; unreadable: fail."""
    from pathlib import Path

    from checker.engine import Input, read_input
    from checker.errors import ReadError

    try:
        return read_input(Input(path, None if path == "-" else Path(path)))
    except ReadError as e:
        fail(f"{path}: {e.message(lang)}")


def open_run(paths, *, where=None, lang=None, packs=(), select=(), ignore=(), kind=None, exclude=(), baseline=None,
             no_baseline=False, config_file=None, isolated=False, fail_on=None, options=None):
    """The :class:`checker.api.Run` over ``paths`` with the project configuration and the command line
    (which wins); bad settings end the command with one line. ``run.top`` is the settings in force for
    ``where``, else the first path (the report's language, junit's fail-on)."""
    from checker.api import ConfigError, Run
    from checker.packs import PackError

    select, ignore = split(select), split(ignore)
    check_rule_names(select + ignore)
    try:
        run = Run(list(paths), lang=lang, select=select, ignore=ignore, kind=kind, packs=packs,
                  exclude=tuple(exclude), baseline=False if no_baseline else baseline, config=config_file,
                  isolated=isolated, fail_on=fail_on, options=options, where=where)
        run.context(run.top)            # a bad pack or kind: said before any draft is read
    except (ConfigError, PackError) as e:
        fail(str(e))
    for raw in run.skipped:
        echo(f"checker: {raw}: checker 自己的输出，不作为文稿检查 / checker's own output, not checked as a draft",
             err=True)
    return run


def checked(items):
    """Iterate a run (``(result, settings)`` per draft); a configuration, pack or baseline met on the
    way that cannot be used ends the command with one line."""
    from checker.api import BaselineError, ConfigError
    from checker.packs import PackError

    it = iter(items)
    while True:
        try:
            item = next(it)
        except StopIteration:
            return
        except (ConfigError, PackError, BaselineError) as e:
            fail(str(e))
        yield item
