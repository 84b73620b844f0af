"""The watcher's log: one line per event on stderr, in the run's language."""

from __future__ import annotations

import sys
import time

from checker.i18n import tr


class Log:
    """One line per event on stderr: ``2026-11-22 14:03:05 message``. level 0 = -q, 1 normal, 2 = -v."""

    def __init__(self, level: int = 1, lang: str = "zh", stream=None):
        self.level = level
        self.lang = lang
        self.stream = stream
        self._last: dict[str, float] = {}

    def _emit(self, msg: str) -> None:
        stream = self.stream or sys.stderr
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {msg}\n"
        try:
            try:
                stream.write(line)
            except UnicodeEncodeError:
                enc = getattr(stream, "encoding", None) or "ascii"
                stream.write(line.encode(enc, "backslashreplace").decode(enc))
            stream.flush()
        except (OSError, ValueError):
            pass

    def say(self, zh: str, en: str, **kw) -> str:
        return tr(self.lang, zh, en).format(**kw)

    def info(self, zh, en, **kw):
        if self.level >= 1:
            self._emit(self.say(zh, en, **kw))

    def debug(self, zh, en, **kw):
        if self.level >= 2:
            self._emit(self.say(zh, en, **kw))

    def warn(self, zh, en, key: str | None = None, every: float = 0.0, **kw):
        """Always shown (even with -q); with ``key``, at most once per ``every`` seconds."""
        if key is not None:
            now = time.monotonic()
            if now - self._last.get(key, -1e18) < every:
                return
            self._last[key] = now
        self._emit(self.say(zh, en, **kw))
