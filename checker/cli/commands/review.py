"""``checker review``: walk through the findings and accept false alarms into the baseline."""

from __future__ import annotations

import contextlib
import sys

import click

from checker.cli.options import (CONTEXT, check_rule_names, checked, config_options, echo, fail, lang_option,
                                 open_run, pack_option, split)


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Accepted findings file (default: .checker-baseline.json beside each draft).")
@click.option("--rule", "rules", multiple=True, help="Only findings of these rules (codes or rule names).")
@click.option("--severity", "severities", multiple=True, type=click.Choice(["error", "warning", "info"]),
              help="Only findings of this severity; repeatable.")
@lang_option(None)
@pack_option("Extra rule pack; repeatable.")
@config_options
def review(paths, baseline, rules, severities, lang, packs, config_file, isolated, exclude):
    """Walk through the findings one by one; accept false alarms into the baseline.

    Keys: n/space/→ next, p/← previous, a accept, A accept every finding like this one, u un-accept,
    r only this rule, s by severity, q quit.
    """
    from checker import review as R
    from checker.baseline import BaselineError
    from checker.codes import names_for

    rules = split(rules)
    check_rule_names(rules)
    # every finding, accepted ones too: review shows which are accepted and can un-accept them
    run = open_run(paths, lang=lang, packs=packs, exclude=exclude, no_baseline=True, config_file=config_file,
                   isolated=isolated)
    items, baselines = [], {}
    try:
        for r, settings in checked(run):
            if r.error:
                echo(f"checker: {r.path}: {r.error['message']}", err=True)
            found, kept = R.collect([r], baseline or settings.baseline)
            items += found
            baselines.update(kept)
    except BaselineError as e:
        fail(str(e))
    codes = tuple(c for name in rules for c in names_for(name))
    keyboard = _keyboard() if sys.stdin.isatty() else contextlib.nullcontext(R.piped_keys(sys.stdin))
    with keyboard as keys:
        R.review(items, baselines, run.top.lang, rules=codes, severities=tuple(severities), keys=keys)


@contextlib.contextmanager
def _keyboard():
    """Single key presses (no Enter); Ctrl+C or the end of input is q.

    On a POSIX terminal the keyboard is put in cbreak mode once, for the whole review, and given back as
    it was: switching modes for each key (as click.getchar does) dropped a key pressed while the screen
    was redrawn, and left it echoed on the screen. Elsewhere (a Windows console) click reads each key."""
    from checker.review import key_of

    try:
        import termios
        import tty
    except ImportError:          # a Windows console
        yield _clicked_keys(key_of)
        return
    fd = sys.stdin.fileno()
    try:
        saved = termios.tcgetattr(fd)
    except (termios.error, OSError, ValueError):   # not a terminal after all
        yield _clicked_keys(key_of)
        return
    tty.setcbreak(fd, termios.TCSANOW)   # TCSANOW: keys already typed are kept
    try:
        yield _read_keys(fd)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _read_keys(fd):
    import os

    from checker.review import key_of, split_presses

    while True:
        try:
            data = os.read(fd, 64)
        except KeyboardInterrupt:
            data = b"q"
        if not data:
            yield "q"
            return
        for pressed in split_presses(data.decode("utf-8", "replace")):
            yield key_of(pressed)


def _clicked_keys(key_of):
    while True:
        try:
            pressed = click.getchar()
        except (KeyboardInterrupt, EOFError):
            pressed = "q"
        yield key_of(pressed)
