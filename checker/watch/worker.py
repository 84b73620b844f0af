"""A time limit on checking one draft: the check (and its HTML page and commented copy) runs in a
worker process that is killed when it takes longer than the limit, so one hostile draft cannot hold
up every other one. The worker is started once and reused; after a kill the next draft starts a new one.

The draft that ran over gets a report whose error (``timeout``) says the limit; it is checked again
only when it changes.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path


def _serve(conn, ctx, formats, level) -> None:  # pragma: no cover - runs in the worker process
    from checker.engine import Input
    from checker.watch.log import Log
    from checker.watch.loop import check_draft

    log = Log(level, ctx.lang)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        rel, path, sig, new_ctx, accepted = job
        if new_ctx is not None:     # the draft's own settings (project configuration), sent when they change
            ctx = new_ctx
        try:
            result, digest, out = check_draft(Input(rel, Path(path)), sig, ctx, formats, Path(accepted) if accepted else None, log)
            result.document = None
            conn.send(("ok", result, digest, out))
        except BaseException as e:   # reported by the watcher like a bug in the loop itself
            conn.send(("error", f"{type(e).__name__}: {e}", None, None))


class TimedChecker:
    """``run(rel, path, sig, ctx)`` -> (FileResult without its Document, content digest, pages), or
    :class:`TimeoutError` after ``limit`` seconds (the worker is then killed)."""

    def __init__(self, ctx, formats, limit: float, level: int = 1):
        self.ctx = ctx
        self.formats = tuple(formats)
        self.limit = limit
        self.level = level
        self.proc = None
        self.conn = None
        self.sent = ctx          # the context the worker holds

    def _start(self) -> None:
        mp = multiprocessing.get_context("spawn")   # no fork of a threaded process
        parent, child = mp.Pipe()
        self.proc = mp.Process(target=_serve, args=(child, self.ctx, self.formats, self.level), daemon=True,
                               name="checker-watch-worker")
        self.proc.start()
        child.close()
        self.conn = parent
        self.sent = self.ctx

    def run(self, rel: str, path, sig, ctx=None, accepted=None):
        """Check one draft (with ``ctx``, default the watcher's; ``accepted``: its baseline file) in the
        worker, within the limit."""
        if self.proc is None or not self.proc.is_alive():
            self._start()
        ctx = ctx if ctx is not None else self.ctx
        self.conn.send((rel, str(path), sig, None if ctx is self.sent else ctx, str(accepted or "")))
        self.sent = ctx
        deadline = time.monotonic() + self.limit
        if not self.conn.poll(max(0.0, deadline - time.monotonic())):
            self.kill()
            raise TimeoutError(self.limit)
        try:
            status, result, digest, out = self.conn.recv()
        except (EOFError, OSError) as e:   # the worker died (out of memory, killed)
            self.kill()
            raise RuntimeError(f"worker exited: {e or 'no answer'}") from None
        if status != "ok":
            raise RuntimeError(result)
        return result, digest, out

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join(5)
        if self.conn is not None:
            self.conn.close()
        self.proc = self.conn = None

    def close(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            try:
                self.conn.send(None)
                self.proc.join(2)
            except (OSError, ValueError):
                pass
        self.kill()
