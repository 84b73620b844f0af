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


class Progress:
    """The line said for each checked draft, counting through a catch-up: ``[3/40] 乡/总结.docx：…``."""

    def __init__(self, log: Log):
        self.log = log
        self.batch = [0, 0]            # catch-up progress: [checked, to check]

    def start(self, total: int) -> None:
        self.batch = [0, total]

    def done(self) -> None:
        """Caught up (drafts skipped or gone are not counted)."""
        self.batch = [0, 0]

    def checked(self, rel: str, entry: dict, seconds: float) -> None:
        c = entry["counts"]
        n = ""
        if self.batch[1]:                      # catching up: say how far
            self.batch[0] += 1
            n = f"[{self.batch[0]}/{self.batch[1]}] "
            if self.batch[0] >= self.batch[1]:
                self.batch = [0, 0]
        if entry["error"]:
            self.log.info("{n}{p}：无法读取：{m}（{t:.2f} 秒）", "{n}{p}: unreadable: {m} ({t:.2f} s)",
                          n=n, p=rel, m=entry["error"], t=seconds)
        else:
            hidden = entry.get("suppressed") or 0
            self.log.info("{n}{p}：{e} 错误，{w} 警告，{i} 提示{h}（{t:.2f} 秒）",
                          "{n}{p}: {e} errors, {w} warnings, {i} info{h} ({t:.2f} s)",
                          n=n, p=rel, e=c["error"], w=c["warning"], i=c["info"], t=seconds,
                          h=tr(self.log.lang, f"，基线隐藏 {hidden}", f", {hidden} hidden by the baseline")
                          if hidden else "")
