"""The watcher's loop: catch up with the folder, follow its events, and check each settled draft
once: read once, rules run once, and every report format (JSON, HTML, commented copy) written from
that one checked result."""

from __future__ import annotations

import os
import stat
import sys
import threading
import time
import traceback
from pathlib import Path

from checker import __version__
from checker.engine import MAX_INPUT, REPORTS_DIR, Input, check_input, make_context
from checker.findings import FileResult
from checker.i18n import tr
from checker.watch import fs
from checker.watch.drafts import Drafts
from checker.watch.log import Log, Progress
from checker.watch.queue import Pending, SettleQueue
from checker.watch.store import ReportStore, now_iso


class _RootChanged(Exception):
    pass


def read_and_check(inp: Input, sig, ctx, want_bytes: bool = True) -> tuple[FileResult, bytes | None, str | None]:
    """The draft read once and checked once from those bytes: (result, the bytes when ``want_bytes``,
    the digest of the bytes (:func:`checker.watch.store.digest`) or None when they could not be read)."""
    from checker.errors import ReadError
    from checker.readers import open_regular, read_bounded
    from checker.watch.store import digest

    data = None
    if sig is not None and sig[0] <= MAX_INPUT:
        try:
            with open_regular(inp.real) as fh:
                data = read_bounded(fh, MAX_INPUT)
        except (OSError, ReadError):
            data = None      # the engine reads it again and says what is wrong
    result = check_input(inp, ctx, data)
    return result, (data if want_bytes else None), (digest(data) if data is not None else None)


def hide_accepted(result: FileResult, draft: Path, accepted: Path, log) -> None:
    """Hide the findings of ``draft`` accepted in its baseline (``accepted``), as ``checker check`` does."""
    from checker.baseline import BaselineError, filter_findings

    if result.error or result.document is None or not result.findings:
        return
    try:
        keep = filter_findings(str(draft), result.findings, result.document, accepted)
    except BaselineError as e:
        log.warn("{e}（未使用基线）", "{e} (baseline not used)", key=f"baseline:{accepted.parent}", every=600, e=e)
        return
    result.suppressed += len(result.findings) - len(keep)
    result.findings = keep


def check_draft(inp: Input, sig, ctx, formats, accepted: Path, log) -> tuple[FileResult, str | None, dict]:
    """One draft read once and checked once, its accepted findings hidden, and every page asked for
    written from that result: (result, digest of the bytes read, pages). The watcher runs this in
    process, or in its time-limited worker (:mod:`checker.watch.worker`)."""
    result, data, digest = read_and_check(inp, sig, ctx, "docx" in formats)
    hide_accepted(result, inp.real, accepted, log)
    return result, digest, pages(result, data, formats, ctx.lang, log)


def pages(result: FileResult, data: bytes | None, formats, lang: str, log) -> dict:
    """The HTML report and the commented copy of a checked draft (those asked for and possible)."""
    out = {}
    rel = result.path
    if "html" in formats:
        from checker.render.html import render

        try:
            out["html"] = render([result], lang=lang)
        except Exception as e:
            log.warn("{p}：HTML 报告出错：{e}", "{p}: HTML report failed: {e}", p=rel, e=e)
    if "docx" in formats and not result.error and data is not None:
        from checker.annotate import write_copy

        try:
            out["docx"] = write_copy(data, result, lang)
        except Exception as e:   # .docm python-docx refuses...
            log.debug("{p}：未写批注版：{e}", "{p}: no annotated copy: {e}", p=rel, e=e)
    return out


def timed_out(rel: str, limit: float, lang: str, log) -> FileResult:
    """The result of a draft whose check took longer than ``--time-limit`` (said in the log)."""
    log.warn("{p}：检查超过 {t:g} 秒，已停止（文稿改动后再查）",
             "{p}: checking took over {t:g} s and was stopped (checked again once it changes)", p=rel, t=limit)
    return FileResult(path=rel, error={"code": "timeout", "message": tr(
        lang, f"检查超过时限 {limit:g} 秒，已停止", f"checking took longer than the limit of {limit:g} s and was stopped")})


def failed(rel: str, e: Exception, lang: str, log) -> FileResult:
    """The result of a draft whose check raised (a bug): said in the log, with the traceback at -v."""
    log.warn("检查 {p} 时出错：{e}", "checking {p} failed: {e}", p=rel, e=f"{type(e).__name__}: {e}")
    log.debug("{t}", "{t}", t=traceback.format_exc().rstrip())
    return FileResult(path=rel, error={"code": "internal", "message": tr(
        lang, f"检查程序出错：{type(e).__name__}: {e}", f"checker failed: {type(e).__name__}: {e}")})


class Watcher:
    """Watches one folder: catches up, follows its events, and checks each settled draft once; the
    parts it drives are the file system side (:mod:`.fs`), the settle queue (:mod:`.queue`), the report
    store (:mod:`.store`) and the per-draft settings (:mod:`.drafts`)."""

    def __init__(self, root, reports=None, formats=("json",), ctx=None, log: Log | None = None,
                 settle: float = 1.0, poll: float | None = None, once: bool = False, rescan: float = 600.0,
                 retry: float = 5.0, incomplete_wait: float = 60.0, stop_event: threading.Event | None = None,
                 project=None, time_limit: float | None = None):
        self.root = Path(os.path.abspath(root))
        self.reports = Path(os.path.abspath(reports)) if reports else self.root / REPORTS_DIR
        self.formats = tuple(formats)
        self.ctx = ctx or make_context()
        self.log = log or Log(1, self.ctx.lang)
        self.once = once
        self.rescan_every = rescan
        self.retry = retry
        self.stop = stop_event or threading.Event()
        # project: the project configuration (a checker.api.Run): each draft's context and what it excludes
        self.drafts = Drafts(self.root, self.ctx, project)
        ctx = self.ctx
        self.settings = {"checker": __version__, "lang": ctx.lang, "packs": list(ctx.packs),
                         "select": list(ctx.select), "ignore": list(ctx.ignore), "kind": ctx.options.get("kind")}
        self.tree = fs.Tree(self.root, self.reports, self.log)
        self.queue = SettleQueue(self.tree, self.log, settle, incomplete_wait)
        self.store = ReportStore(self.root, self.reports, self.formats, self.settings, self.log)
        self.fstype = fs.mount_fstype(self.root)
        if poll:
            self.poll, self.poll_reason = poll, "--poll"
        elif fs.is_network_fs(self.fstype):
            self.poll, self.poll_reason = 2.0, self.fstype
        else:
            self.poll, self.poll_reason = None, None
        self.last_rescan = time.monotonic()
        self.loaded = False            # index and reports read once (the first catch-up)
        self.checked = 0
        self.failures = 0
        self.write_failing = False
        self.busy_seconds = 0.0
        self.progress = Progress(self.log)
        self.timed = None
        if time_limit:
            from checker.watch.worker import TimedChecker

            self.timed = TimedChecker(self.ctx, self.formats, time_limit, self.log.level)

    # ---- catching up -------------------------------------------------------------------------

    def catch_up(self, initial: bool = False) -> None:
        """Queue every draft whose report is missing or stale; queue every indexed draft that is gone."""
        self.last_rescan = time.monotonic()
        if not self.tree.ok():
            self.log.warn("无法访问文稿文件夹 {p}（稍后重试）", "cannot reach the drafts folder {p} (will retry)",
                          key="root", every=60, p=self.root)
            return
        store = self.store
        if initial:
            store.load_index()
            self.loaded = True
        errors: set = set()
        found = {r: st for r, st in self.tree.walk("", errors) if not self.drafts.excluded(r)}
        if not self.tree.ok():
            return
        stale = 0
        for rel, st in found.items():
            sig = (st.st_size, st.st_mtime_ns)
            if rel in self.queue:
                continue
            entry = store.recorded(rel) if initial else store.index.get(rel)
            if store.up_to_date(entry, sig, files=initial, baseline=self.drafts.baseline_sig(rel)):
                continue
            stale += 1
            self.queue.enqueue(rel, sig)
        for rel in list(store.index):
            if rel not in found and not any(not e or rel.startswith(e + "/") for e in errors):
                self.queue.enqueue(rel, None)
        if stale:
            self.progress.start(stale)
        if initial:
            store.sweep_orphans(set(found), errors)
            self.log.info("{n} 份文稿，{s} 份需要检查", "{n} drafts, {s} to check", n=len(found), s=stale)
        elif stale:
            self.log.debug("定期复查：{s} 份需要检查", "rescan: {s} drafts to check", s=stale)

    def scan_dir(self, rel: str) -> None:
        """A folder appeared or changed: queue its drafts that have no current report; forget vanished ones."""
        errors: set = set()
        seen = set()
        for r, st in self.tree.walk(rel, errors):
            if self.drafts.excluded(r):
                continue
            seen.add(r)
            sig = (st.st_size, st.st_mtime_ns)
            if r not in self.queue and not self.store.up_to_date(self.store.index.get(r), sig,
                                                                  baseline=self.drafts.baseline_sig(r)):
                self.queue.enqueue(r, sig)
        if rel in self.store.dirs and not errors:
            for r in [r for r in self.store.index if r.startswith(rel + "/") and r not in seen]:
                self.queue.enqueue(r, None)

    def forget(self, rel: str) -> None:
        for r in self.store.forget(rel):
            self.queue.pending.pop(r, None)

    # ---- handling one path -------------------------------------------------------------------

    def handle(self, rel: str, p: Pending) -> None:
        now = time.monotonic()
        pending = self.queue.pending
        path = self.root / rel
        if self.drafts.excluded(rel):
            del pending[rel]
            self.forget(rel)
            return
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            if not self.tree.ok():
                p.due = now + max(self.queue.settle, self.retry)
                return
            del pending[rel]
            self.forget(rel)
            return
        except OSError as e:
            p.tries += 1
            if p.tries < 3:
                p.due = now + self.retry
                self.log.debug("暂时无法访问 {p}：{e}", "cannot stat {p} for now: {e}", p=rel, e=e.strerror or e)
                return
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            del pending[rel]
            self.scan_dir(rel)
            return
        if st is not None and not stat.S_ISREG(st.st_mode):
            del pending[rel]
            return
        sig = (st.st_size, st.st_mtime_ns) if st is not None else None
        if st is not None:
            if not self.queue.settled(rel, p, st):
                return
            if (self.store.up_to_date(self.store.index.get(rel), sig, baseline=self.drafts.baseline_sig(rel))
                    and self.store.report_path(rel, "json").exists()):
                del pending[rel]
                self.log.debug("{p} 未变，跳过", "{p} unchanged, skipped", p=rel)
                return
        del pending[rel]
        self.check(rel, path, sig, p.tries)

    def check(self, rel: str, path: Path, sig, tries: int = 0) -> None:
        t0 = time.perf_counter()
        checked_at, checked = now_iso(), time.time()
        out = digest = None
        baseline = self.drafts.baseline_sig(rel)
        accepted = self.drafts.baseline_of(rel)
        try:
            if self.timed is not None:
                result, digest, out = self.timed.run(rel, path, sig, self.drafts.context_for(rel), accepted)
            else:
                result, digest, out = check_draft(Input(rel, path), sig, self.drafts.context_for(rel), self.formats,
                                                  accepted, self.log)
        except TimeoutError:
            result = timed_out(rel, self.timed.limit, self.ctx.lang, self.log)
        except Exception as e:   # a bug on one draft must not stop the watcher
            result = failed(rel, e, self.ctx.lang, self.log)
        # The report must describe one version: if the draft changed while we read it, look again.
        if sig is not None and self.tree.sig(rel) != sig:
            self.queue.enqueue(rel)
            self.log.debug("{p} 在检查时被修改，稍后重查", "{p} changed while being checked, will check again", p=rel)
            return
        try:
            seconds = time.perf_counter() - t0
            watch = {"checked_at": checked_at, "checked": checked, "seconds": round(seconds, 4), "baseline": baseline,
                     "content": digest, **self.store.identity(rel)}
            if out is None:      # the check itself failed: the HTML page says so
                out = pages(result, None, self.formats, self.ctx.lang, self.log)
            entry = self.store.write(rel, result, sig, watch, out)
        except OSError as e:
            self._write_failed(rel, sig, tries, e)
            return
        finally:
            result.document = None
            self.busy_seconds += time.perf_counter() - t0
        if self.write_failing:
            self.write_failing = False
            self.log.warn("报告文件夹恢复可写", "the reports folder is writable again")
        self.checked += 1
        self.progress.checked(rel, entry, time.perf_counter() - t0)

    def _write_failed(self, rel: str, sig, tries: int, e: OSError) -> None:
        self.failures += 1
        self.write_failing = True
        where = getattr(e, "filename", None) or self.reports
        self.log.warn("无法写入报告 {w}：{e}{r}", "cannot write the report {w}: {e}{r}", key="write", every=60,
                      w=where, e=e.strerror or e, r="" if self.once else tr(self.ctx.lang, "（稍后重试）", " (will retry)"))
        if not self.once:
            delay = min(self.retry * (2 ** min(tries, 6)), 300.0)
            self.queue.enqueue(rel, sig, delay=delay)
            self.queue.pending[rel].tries = tries + 1

    # ---- loops -------------------------------------------------------------------------------

    def process_due(self) -> None:
        for rel in self.queue.due():
            if self.stop.is_set():
                return
            p = self.queue.pending.get(rel)
            if p is not None:
                self.handle(rel, p)
            self.store.write_index(busy=bool(self.queue))
        if not self.queue:
            self.progress.done()

    def drain(self) -> None:
        """--once: work the queue until it is empty."""
        while self.queue and not self.stop.is_set():
            self.process_due()
            if self.queue:
                wait = self.queue.next_due() - time.monotonic()
                self.stop.wait(min(max(wait, 0.005), 1.0))

    def follow(self) -> None:
        import watchfiles

        self.tree.ino = os.stat(self.root).st_ino
        tick = int(min(max(self.queue.settle * 250, 50), 500))
        gen = watchfiles.watch(
            self.root, watch_filter=None, debounce=max(tick, 100), step=30, stop_event=self.stop,
            rust_timeout=tick, yield_on_timeout=True, raise_interrupt=False,
            force_polling=self.poll is not None, poll_delay_ms=int((self.poll or 0.3) * 1000),
            ignore_permission_denied=True)
        # When polling, compare every draft's (size, mtime_ns) with its report every few polls too: the
        # poller can miss a replace-by-rename that keeps the name (a Word save), and on a share nothing
        # else would tell us. That walk is what polling costs anyway.
        rescan = self.rescan_every
        if self.poll:
            rescan = min(rescan or float("inf"), max(self.poll * 10, 2.0))
        first = True
        try:
            for changes in gen:
                # The watch is in place from the first yield on: now catch up, nothing falls in between.
                if first:
                    first = False
                    self.catch_up(initial=not self.loaded)
                    self.log.info("开始监视", "watching")
                if self.tree.changed():
                    raise _RootChanged()
                self.queue.on_changes(changes, self.store.dirs)
                self.process_due()
                self.store.write_index(force=not self.queue)
                if self.stop.is_set():
                    break
                if rescan and not self.queue and time.monotonic() - self.last_rescan > rescan:
                    self.catch_up()
        finally:
            gen.close()

    def run(self) -> int:
        lang = self.ctx.lang
        mode = (tr(lang, f"轮询，每 {self.poll:g} 秒（{self.poll_reason}）",
                   f"polling every {self.poll:g} s ({self.poll_reason})") if self.poll
                else tr(lang, "文件系统通知", "file-system events"))
        self.log.info("监视 {d}，报告写入 {r}（{m}；格式 {f}）", "watching {d}, reports in {r} ({m}; formats {f})",
                      d=self.root, r=self.reports, m=mode if not self.once else "--once", f=",".join(self.formats))
        self.tree.ok()
        if self.once:
            self.catch_up(initial=True)
            self.drain()
        else:
            self._follow_until_stopped()
        self.store.write_index(force=True)
        if self.timed is not None:
            self.timed.close()
        peak = _peak_rss_mb()
        self.log.info("停止：本次检查 {n} 份文稿{m}", "stopped: {n} drafts checked{m}", n=self.checked,
                      m=f"，峰值内存 {peak:.0f} MB" if peak and self.log.lang == "zh"
                      else (f", peak memory {peak:.0f} MB" if peak else ""))
        return 1 if (self.once and self.failures) else 0

    def _follow_until_stopped(self) -> None:
        while not self.stop.is_set():
            if not self.tree.ok():
                self.log.warn("文稿文件夹 {p} 不在了或已被替换，等待它回来", "the drafts folder {p} is gone or "
                              "was replaced; waiting for it", key="root", every=300, p=self.root)
                self.stop.wait(2.0)
                continue
            try:
                self.follow()
            except _RootChanged:
                continue
            except Exception as e:   # out of inotify watches, a share that errors...
                self.log.warn("监视中断：{e}（5 秒后重试）", "watching failed: {e} (retrying in 5 s)",
                              key="follow", every=60, e=f"{type(e).__name__}: {e}")
                if self.poll is None and isinstance(e, OSError) and self.tree.ok():
                    self.poll, self.poll_reason = 2.0, type(e).__name__
                    self.log.warn("改为轮询", "falling back to polling")
                self.stop.wait(5.0)


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
