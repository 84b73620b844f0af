"""``checker watch FOLDER``: keep a fresh report for every draft in a folder (see :mod:`checker.watch`)."""

from __future__ import annotations

import os
import signal
import sys
import threading

import click

from checker.cli.options import (CONTEXT, config_options, fail, kind_option, lang_option, open_run, pack_option,
                                 select_options)
from checker.engine import REPORTS_DIR


def _install_signals(stop: threading.Event, log):
    def handler(signum, _frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        log.info("收到停止信号，检查完当前文稿后退出", "stop requested: finishing the current draft")

    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, handler)
            except (ValueError, OSError):   # not the main thread
                pass


@click.command("watch", context_settings=CONTEXT)
@click.argument("folder", type=click.Path())
@click.option("--reports", type=click.Path(), default=None,
              help=f"Reports folder, mirroring the drafts' tree (default FOLDER/{REPORTS_DIR}).")
@click.option("--format", "fmt", default=None, metavar="LIST",
              help="Report formats, comma-separated, of html,json,docx (default: every one available here).")
@click.option("--poll", type=click.FloatRange(min=0.05), default=None, metavar="SECONDS",
              help="Poll every SECONDS instead of file-system events (chosen by itself, every 2 s, "
                   "on SMB/CIFS/NFS/SSHFS mounts).")
@click.option("--settle", type=click.FloatRange(min=0.0), default=1.0, show_default=True, metavar="SECONDS",
              help="Check a draft once its size and time stayed the same this long.")
@click.option("--once", is_flag=True, help="Bring every report up to date, then exit (for cron / Task Scheduler).")
@click.option("--rescan", type=click.FloatRange(min=0.0), default=600.0, show_default=True, metavar="SECONDS",
              help="Also walk the whole folder this often, in case an event was lost (0 = never).")
@click.option("--time-limit", type=click.FloatRange(min=0.0), default=120.0, show_default=True, metavar="SECONDS",
              help="Stop checking a draft after this long and report it, so it cannot hold the others up (0 = no limit).")
@click.option("--retry", type=click.FloatRange(min=0.05), default=5.0, hidden=True)
@select_options
@kind_option()
@click.option("-q", "--quiet", is_flag=True, help="Log only problems.")
@click.option("-v", "--verbose", is_flag=True, help="Log every decision too.")
@lang_option()
@pack_option()
@config_options
def watch(folder, reports, fmt, poll, settle, once, rescan, time_limit, retry, select, ignore, kind, quiet, verbose,
          lang, packs, config_file, isolated, exclude):
    """Keep a fresh report for every draft in FOLDER (a shared folder).

    On start, every draft whose report is missing or stale is checked; then new, changed and
    moved-in drafts are checked once they stop changing. Reports mirror the drafts' tree;
    index.html lists every draft, newest first. Stop with Ctrl+C or SIGTERM.
    """
    from checker.watch import Log, Watcher, available_formats, parse_formats

    if not os.path.isdir(folder):
        fail(f"{folder}: " + ("不是文件夹 / not a folder" if os.path.exists(folder) else "文件夹不存在 / no such folder"))
    if reports and os.path.realpath(reports) == os.path.realpath(folder):
        fail(f"{reports}: 报告文件夹不能就是文稿文件夹 / the reports folder cannot be the drafts folder itself")
    try:
        formats = parse_formats(fmt)
    except ValueError as e:
        fail(f"--format: 不支持 / not available here: {e} (可用 / available: {','.join(available_formats())})")
    # settings per draft from the project configuration (found upward from each draft), the command line winning
    project = open_run([], where=folder, lang=lang, packs=packs, select=select, ignore=ignore, kind=kind, exclude=exclude,
                       config_file=config_file, isolated=isolated)
    ctx = project.context(project.top)
    log = Log(0 if quiet else (2 if verbose else 1), ctx.lang)
    stop = threading.Event()
    _install_signals(stop, log)
    w = Watcher(folder, reports, formats, ctx, log, settle=settle, poll=poll, once=once, rescan=rescan,
                retry=retry, stop_event=stop, project=project, time_limit=time_limit or None)
    try:
        code = w.run()
    except KeyboardInterrupt:
        log.warn("强制退出", "interrupted")
        code = 130
    sys.exit(code)
