"""Work done in a forked copy of this process, its result sent back pickled.

Used to let one large draft use both cores: the copy inherits the draft and the compiled vocabularies
(nothing is read or compiled twice) and runs some of the rules while this process runs the others.
Only where ``os.fork`` is safe: a POSIX system, and this process running one thread (a fork of a
threaded process may inherit a lock held by another thread). Anything that goes wrong in the copy —
an exception, a crash, being killed — gives None, and the caller does the work itself.
"""

from __future__ import annotations

import os
import pickle
import sys


def available() -> bool:
    import threading

    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


class Copy:
    """A forked copy doing ``work()``: :meth:`result` waits for it, :meth:`cancel` stops it."""

    def __init__(self, pid: int, fd: int):
        self.pid, self.fd = pid, fd

    def result(self):
        """What ``work()`` returned, or None if the copy failed."""
        chunks = []
        try:
            with os.fdopen(self.fd, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    chunks.append(chunk)
        finally:
            _, status = os.waitpid(self.pid, 0)
        if status != 0:
            return None
        try:
            value, compiled = pickle.loads(b"".join(chunks))
        except Exception:   # a truncated or damaged result: the caller does the work itself
            return None
        from checker import cache

        cache.keep(compiled)
        return value

    def cancel(self) -> None:
        import signal

        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.fd)
        except OSError:
            pass


def start(work) -> Copy | None:
    """Run ``work()`` in a forked copy of this process, or return None when no copy can be made."""
    from checker import cache

    known = cache.compiled_keys()   # what the copy compiles beyond these comes back to be kept
    try:
        r, w = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return None
    if pid == 0:   # the copy: never returns, never runs this process's exit handlers or flushes its output
        status = 1
        try:
            os.close(r)
            value = work()
            data = pickle.dumps((value, cache.compiled_since(known)), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(w, "wb") as fh:
                fh.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(w)
    return Copy(pid, r)
