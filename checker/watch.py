"""``checker watch``: keep a report beside every draft in a (shared) folder.

Design, in short:

* One thread. File-system events (watchfiles: inotify / ReadDirectoryChangesW / FSEvents, or polling)
  only put *paths* into ``pending``; nothing is read on an event. A path is checked once two looks at
  ``(size, mtime_ns)`` a settle time apart agree (and, for a .docx, its zip directory opens), so a slow
  copy, a Word save (temp file + renames) or a burst of saves gives one check of the last version.
* Reports mirror the drafts' tree under the reports folder: ``a/b.docx`` -> ``a/b.docx.json``
  (+ ``.html``, ``.checked.docx``). The JSON report records the draft's size and mtime_ns it describes,
  so on start every report whose draft changed (whatever the file times say) is brought up to date.
* ``index.json`` / ``index.html`` list every draft, newest check first. The per-draft reports are the
  source of truth; the index is rebuilt from them after a crash.
* Memory: the queue holds paths, the index one small dict per draft; a document is dropped as soon as
  its reports are written.
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import click

from checker import __version__
from checker.engine import REPORTS_DIR, Input, Options, check_input, is_draft_name, make_context
from checker.findings import SEVERITIES, FileResult
from checker.i18n import tr

# File systems where inotify does not see changes made by other machines.
NETWORK_FS = {
    "cifs", "smb3", "smbfs", "smb2", "nfs", "nfs4", "afs", "ncpfs", "coda", "9p", "drvfs", "ceph", "lustre",
    "gpfs", "glusterfs", "virtiofs", "davfs", "sshfs",
}
NETWORK_FUSE = ("sshfs", "rclone", "glusterfs", "s3fs", "davfs", "smbnetfs", "curlftpfs", "gcsfuse", "cifs")

REPORT_SUFFIXES = {"html": ".html", "json": ".json", "docx": ".checked.docx"}
FORMAT_ORDER = ("html", "json", "docx")
INDEX_NAMES = ("index.json", "index.html")
DOCX_SUFFIXES = (".docx", ".docm", ".dotx")


# --------------------------------------------------------------------------------------------------
# Mounts


def _unescape_mount(s: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), s)


def mount_fstype(path: str | os.PathLike, mountinfo: str | None = None) -> str | None:
    """The file-system type of the mount holding ``path`` (from /proc/self/mountinfo), or None."""
    if mountinfo is None:
        try:
            with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as fh:
                mountinfo = fh.read()
        except OSError:
            return None
    real = os.path.realpath(path)
    best: tuple[str, str] | None = None
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5 or not right.split():
            continue
        mount_point = _unescape_mount(fields[4])
        inside = real == mount_point or real.startswith(mount_point.rstrip("/") + "/")
        # Later lines mount over earlier ones on the same point: >= keeps the last.
        if inside and (best is None or len(mount_point) >= len(best[0])):
            best = (mount_point, right.split()[0])
    return best[1] if best else None


def is_network_fs(fstype: str | None) -> bool:
    if not fstype:
        return False
    if fstype in NETWORK_FS:
        return True
    if fstype.startswith("fuse."):
        return fstype[5:] in NETWORK_FS or fstype[5:].startswith(NETWORK_FUSE)
    return False


# --------------------------------------------------------------------------------------------------
# Renderers that may or may not exist yet


def _html_renderer():
    try:
        from checker.render import html as mod
    except ImportError:
        return None
    fn = getattr(mod, "render", None)
    return fn if callable(fn) else None


def _annotator():
    """A callable ``(path, rel, ctx, opts) -> bytes`` giving the annotated .docx, or None (checker.annotate)."""
    try:
        from checker import annotate as mod
    except ImportError:
        return None
    fn = getattr(mod, "annotate_bytes", None)
    if not callable(fn):
        return None

    def call(path: Path, rel: str, ctx, opts) -> bytes:
        blob, _findings, _placed = fn(path.read_bytes(), rel, path.suffix.lower(), ctx, opts)
        return blob

    return call


def available_formats() -> tuple[str, ...]:
    out = []
    for fmt in FORMAT_ORDER:
        if fmt == "json" or (fmt == "html" and _html_renderer()) or (fmt == "docx" and _annotator()):
            out.append(fmt)
    return tuple(out)


def parse_formats(value: str | None) -> tuple[str, ...]:
    """``html,json`` -> ('html', 'json'); raises ValueError naming what is available."""
    avail = available_formats()
    if not value:
        return avail
    wanted = [v.strip().lower() for v in value.split(",") if v.strip()]
    bad = [w for w in wanted if w not in avail]
    if bad or not wanted:
        raise ValueError(", ".join(bad) or value)
    return tuple(f for f in FORMAT_ORDER if f in wanted)


# --------------------------------------------------------------------------------------------------
# Log


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


# --------------------------------------------------------------------------------------------------
# The watcher

_UNSET = object()


@dataclass(slots=True)
class Pending:
    due: float                 # monotonic time of the next look
    sig: tuple | None          # (size, mtime_ns) at the last look, None = not there
    since: float               # first event
    tries: int = 0             # failed writes / failed looks in a row
    noted: bool = False        # "not complete yet" was logged


def _now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _counts(result: FileResult) -> dict:
    c = dict.fromkeys(SEVERITIES, 0)
    for f in result.findings:
        c[f.severity] = c.get(f.severity, 0) + 1
    return c


def _is_draft(name: str) -> bool:
    """A draft's name; ``X.checked.docx`` (an annotated copy `checker annotate` left beside it) is not one."""
    return is_draft_name(name) and not name.lower().endswith(REPORT_SUFFIXES["docx"])


def _skip_dir(name: str) -> bool:
    return name.startswith((".", "~")) or name == REPORTS_DIR


class _RootChanged(Exception):
    pass


class Watcher:
    def __init__(self, root, reports=None, formats=("json",), opts: Options | None = None, ctx=None,
                 log: Log | None = None, settle: float = 1.0, poll: float | None = None, once: bool = False,
                 rescan: float = 600.0, retry: float = 5.0, incomplete_wait: float = 60.0,
                 stop_event: threading.Event | None = None):
        self.root = Path(os.path.abspath(root))
        self.reports = Path(os.path.abspath(reports)) if reports else self.root / REPORTS_DIR
        self.formats = tuple(formats)
        self.opts = opts or Options()
        self.ctx = ctx or make_context(self.opts)
        self.log = log or Log(1, self.opts.lang)
        self.settle = settle
        self.once = once
        self.rescan_every = rescan
        self.retry = retry
        self.incomplete_wait = incomplete_wait
        self.stop = stop_event or threading.Event()
        self.settings = {
            "checker": __version__, "lang": self.opts.lang, "packs": [str(p) for p in self.opts.packs],
            "select": list(self.opts.select), "ignore": list(self.opts.ignore), "kind": self.opts.kind,
        }
        # Where the reports live relative to the drafts (events there are ours: ignore them).
        self.reports_rel = None
        real_root, real_rep = os.path.realpath(self.root), os.path.realpath(self.reports)
        if real_rep == real_root or real_rep.startswith(real_root.rstrip(os.sep) + os.sep):
            self.reports_rel = Path(os.path.relpath(real_rep, real_root)).as_posix()
        self.fstype = mount_fstype(self.root)
        if poll:
            self.poll, self.poll_reason = poll, "--poll"
        elif is_network_fs(self.fstype):
            self.poll, self.poll_reason = 2.0, self.fstype
        else:
            self.poll, self.poll_reason = None, None
        self.index: dict[str, dict] = {}
        self.dirs: Counter = Counter()           # folders holding indexed drafts (to notice a folder moved out)
        self.pending: dict[str, Pending] = {}
        self.index_dirty = False
        self.index_written = 0.0
        self.last_rescan = time.monotonic()
        self.root_dev = None
        self.root_ino = None
        self.loaded = False            # index and reports read once (the first catch-up)
        self.checked = 0
        self.failures = 0
        self.write_failing = False
        self.busy_seconds = 0.0
        self._html = _html_renderer() if "html" in self.formats else None
        self._annotate = _annotator() if "docx" in self.formats else None

    # ---- paths -------------------------------------------------------------------------------

    def rel_of(self, path: str) -> str | None:
        """The draft-relative posix path of an event's path, or None when it is none of our business."""
        try:
            rel = os.path.relpath(path, self.root)
        except ValueError:  # another drive on Windows
            return None
        parts = Path(rel).parts
        if not parts or parts[0] in (".", "..") or rel.startswith(".."):
            return None
        if any(_skip_dir(d) for d in parts[:-1]):
            return None
        rel = "/".join(parts)
        if self.reports_rel and (rel == self.reports_rel or rel.startswith(self.reports_rel + "/")):
            return None
        return rel

    def report_path(self, rel: str, fmt: str) -> Path:
        return self.reports / (rel + REPORT_SUFFIXES[fmt])

    def root_ok(self) -> bool:
        """The drafts folder is there and is the same file system as at the start (a share still mounted)."""
        try:
            st = os.stat(self.root)
        except OSError:
            return False
        if self.root_dev is None:
            self.root_dev = st.st_dev
        return st.st_dev == self.root_dev and stat.S_ISDIR(st.st_mode)

    def walk(self, start: str = "", errors: set | None = None):
        """Yield (rel, stat) of every draft under ``start`` (a rel folder); unreadable folders go to errors."""
        stack = [start]
        while stack:
            d = stack.pop()
            full = self.root / d if d else self.root
            try:
                with os.scandir(full) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except FileNotFoundError:
                continue
            except OSError as e:
                if errors is not None:
                    errors.add(d)
                self.log.warn("无法读取文件夹 {p}：{e}", "cannot list folder {p}: {e}", key=f"list:{d}", every=600,
                              p=full, e=e.strerror or e)
                continue
            subdirs = []
            for e in entries:
                rel = f"{d}/{e.name}" if d else e.name
                try:
                    if e.is_dir(follow_symlinks=False):
                        if not _skip_dir(e.name) and not (
                                self.reports_rel and (rel == self.reports_rel
                                                      or rel.startswith(self.reports_rel + "/"))):
                            subdirs.append(rel)
                    elif _is_draft(e.name) and e.is_file():
                        yield rel, e.stat()
                except OSError:
                    continue
            stack.extend(reversed(subdirs))

    # ---- queue -------------------------------------------------------------------------------

    def _sig(self, rel: str):
        try:
            st = os.stat(self.root / rel)
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns)

    def enqueue(self, rel: str, sig=_UNSET, delay: float | None = None) -> None:
        now = time.monotonic()
        if sig is _UNSET:
            sig = self._sig(rel)
        due = now + (self.settle if delay is None else delay)
        p = self.pending.get(rel)
        if p is None:
            self.pending[rel] = Pending(due, sig, now)
        else:
            p.due, p.sig = due, sig

    def on_changes(self, changes) -> None:
        for _change, path in changes:
            rel = self.rel_of(path)
            if rel is None:
                continue
            name = rel.rsplit("/", 1)[-1]
            if _is_draft(name):
                self.enqueue(rel)
            elif _skip_dir(name):
                continue
            elif rel in self.dirs or os.path.isdir(path):
                self.enqueue(rel)   # a folder moved in or out: looked at once it settles

    # ---- index -------------------------------------------------------------------------------

    def _index_add(self, rel: str, entry: dict) -> None:
        if rel not in self.index:
            parts = rel.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                self.dirs["/".join(parts[:i])] += 1
        self.index[rel] = entry
        self.index_dirty = True

    def _index_drop(self, rel: str) -> None:
        if self.index.pop(rel, None) is not None:
            parts = rel.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                key = "/".join(parts[:i])
                self.dirs[key] -= 1
                if self.dirs[key] <= 0:
                    del self.dirs[key]
            self.index_dirty = True

    def load_index(self) -> None:
        try:
            data = json.loads((self.reports / "index.json").read_bytes())
            for e in data.get("drafts", []):
                if isinstance(e, dict) and isinstance(e.get("path"), str):
                    self._index_add(e["path"], e)
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        self.index_dirty = False

    def _entry_from_report(self, rel: str, data: dict, rst) -> dict:
        w = data["watch"]
        f = data["files"][0]
        return {
            "path": rel,
            "checked_at": w["checked_at"],
            "checked": float(w["checked"]),
            "seconds": w.get("seconds"),
            "counts": {s: int(data["summary"]["by_severity"].get(s, 0)) for s in SEVERITIES},
            "error": (f.get("error") or {}).get("message"),
            "size": int(w["size"]),
            "mtime_ns": int(w["mtime_ns"]),
            "formats": list(w["formats"]),
            "settings": w.get("settings"),
            "report_sig": [rst.st_size, rst.st_mtime_ns],
        }

    def recorded(self, rel: str) -> dict | None:
        """What the reports folder says about a draft: the index entry if the JSON report is the one the
        index saw, else the JSON report itself (the index may be older after a crash)."""
        jp = self.report_path(rel, "json")
        try:
            rst = os.stat(jp)
        except OSError:
            self._index_drop(rel)
            return None
        e = self.index.get(rel)
        if e and e.get("report_sig") == [rst.st_size, rst.st_mtime_ns]:
            return e
        try:
            data = json.loads(jp.read_bytes())
            entry = self._entry_from_report(rel, data, rst)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            self._index_drop(rel)
            return None
        self._index_add(rel, entry)
        return entry

    def up_to_date(self, entry: dict | None, sig, files: bool = False) -> bool:
        if not entry or sig is None or (entry.get("size"), entry.get("mtime_ns")) != tuple(sig):
            return False
        if entry.get("settings") != self.settings or not set(self.formats) <= set(entry.get("formats", ())):
            return False
        if files:
            for fmt in self.formats:
                if fmt == "docx" and entry.get("error"):
                    continue
                if not self.report_path(entry["path"], fmt).exists():
                    return False
        return True

    def write_index(self, force: bool = False) -> None:
        if not self.index_dirty:
            return
        now = time.monotonic()
        # While busy, at most every few seconds (more drafts -> less often), so a burst stays linear.
        if not force and self.pending and now - self.index_written < max(2.0, len(self.index) / 500):
            return
        entries = sorted(self.index.values(), key=lambda e: (-e.get("checked", 0), e["path"]))
        data = {
            "version": 1, "checker": __version__, "root": str(self.root), "updated_at": _now_iso(),
            "drafts": entries,
        }
        from checker.fileio import atomic_write

        try:
            atomic_write(self.reports / "index.html", render_index(entries, self.root, self.log.lang))
            atomic_write(self.reports / "index.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        except OSError as e:
            self.index_written = now
            self.log.warn("无法写入索引 {p}：{e}（稍后重试）", "cannot write the index {p}: {e} (will retry)",
                          key="index", every=60, p=self.reports / "index.json", e=e.strerror or e)
            return
        self.index_dirty = False
        self.index_written = now

    # ---- removing ----------------------------------------------------------------------------

    def _unlink(self, path: Path) -> bool:
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as e:
            self.log.warn("无法删除 {p}：{e}", "cannot remove {p}: {e}", p=path, e=e.strerror or e)
            return False
        folder = path.parent
        while folder != self.reports and self.reports in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
        return True

    def forget(self, rel: str) -> None:
        """A draft (or a folder of drafts) is gone: remove its reports and index entries."""
        gone = [r for r in (self.index if rel in self.dirs else ()) if r.startswith(rel + "/")]
        if rel in self.index or not gone:
            gone.append(rel)
        for r in gone:
            removed = False
            for fmt in REPORT_SUFFIXES:
                removed |= self._unlink(self.report_path(r, fmt))
            if r in self.index or removed:
                self.log.info("已删除 {p} 的报告（文稿已不在）", "removed the report of {p} (draft gone)", p=r)
            self._index_drop(r)
            self.pending.pop(r, None)

    def sweep_orphans(self, drafts: set, errors: set) -> None:
        """Remove reports whose draft is gone and temporary files a killed watcher left behind."""
        if not self.reports.is_dir():
            return
        for folder, dirs, files in os.walk(self.reports):
            for name in files:
                full = Path(folder) / name
                if name.startswith(".") and name.endswith(".tmp"):
                    self._unlink(full)
                    continue
                rel_report = full.relative_to(self.reports).as_posix()
                if rel_report in INDEX_NAMES:
                    continue
                for suffix in REPORT_SUFFIXES.values():
                    if rel_report.endswith(suffix):
                        rel = rel_report[: -len(suffix)]
                        if (_is_draft(rel.rsplit("/", 1)[-1]) and rel not in drafts
                                and not any(rel.startswith(e + "/") or not e for e in errors)):
                            self._index_drop(rel)
                            if self._unlink(full) and suffix == ".json":
                                self.log.info("已删除 {p} 的报告（文稿已不在）", "removed the report of {p} (draft gone)",
                                              p=rel)
                        break

    # ---- catching up -------------------------------------------------------------------------

    def catch_up(self, initial: bool = False) -> None:
        """Queue every draft whose report is missing or stale; queue every indexed draft that is gone."""
        self.last_rescan = time.monotonic()
        if not self.root_ok():
            self.log.warn("无法访问文稿文件夹 {p}（稍后重试）", "cannot reach the drafts folder {p} (will retry)",
                          key="root", every=60, p=self.root)
            return
        if initial:
            self.load_index()
            self.loaded = True
        errors: set = set()
        found = {}
        for rel, st in self.walk("", errors):
            found[rel] = st
        if not self.root_ok():
            return
        stale = 0
        for rel, st in found.items():
            sig = (st.st_size, st.st_mtime_ns)
            if rel in self.pending:
                continue
            entry = self.recorded(rel) if initial else self.index.get(rel)
            if self.up_to_date(entry, sig, files=initial):
                continue
            stale += 1
            self.enqueue(rel, sig)
        for rel in list(self.index):
            if rel not in found and not any(not e or rel.startswith(e + "/") for e in errors):
                self.enqueue(rel, None)
        if initial:
            self.sweep_orphans(set(found), errors)
            self.log.info("{n} 份文稿，{s} 份需要检查", "{n} drafts, {s} to check", n=len(found), s=stale)
        elif stale:
            self.log.debug("定期复查：{s} 份需要检查", "rescan: {s} drafts to check", s=stale)

    def scan_dir(self, rel: str) -> None:
        """A folder appeared or changed: queue its drafts that have no current report; forget vanished ones."""
        errors: set = set()
        seen = set()
        for r, st in self.walk(rel, errors):
            seen.add(r)
            sig = (st.st_size, st.st_mtime_ns)
            if r not in self.pending and not self.up_to_date(self.index.get(r), sig):
                self.enqueue(r, sig)
        if rel in self.dirs and not errors:
            for r in [r for r in self.index if r.startswith(rel + "/") and r not in seen]:
                self.enqueue(r, None)

    # ---- handling one path -------------------------------------------------------------------

    def _incomplete(self, path: Path, st) -> bool:
        """A .docx still being copied: it starts like a zip but its directory (at the end) is not there yet."""
        if st.st_size == 0:
            return True
        if path.suffix.lower() not in DOCX_SUFFIXES:
            return False
        import zipfile

        try:
            with open(path, "rb") as fh:
                if fh.read(4) != b"PK\x03\x04":
                    return False      # not a zip at all (encrypted, .doc renamed...): the reader will say so
                fh.seek(0)
                with zipfile.ZipFile(fh) as z:
                    z.infolist()
        except (OSError, zipfile.BadZipFile, ValueError, EOFError):
            return True
        return False

    def handle(self, rel: str, p: Pending) -> None:
        now = time.monotonic()
        path = self.root / rel
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            if not self.root_ok():
                p.due = now + max(self.settle, self.retry)
                return
            del self.pending[rel]
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
            del self.pending[rel]
            self.scan_dir(rel)
            return
        if st is not None and not stat.S_ISREG(st.st_mode):
            del self.pending[rel]
            return
        sig = (st.st_size, st.st_mtime_ns) if st is not None else None
        if st is not None:
            if sig != p.sig:            # still changing: look again after a quiet settle time
                p.sig, p.due = sig, now + self.settle
                return
            limit = self.incomplete_wait if st.st_size else min(self.incomplete_wait, 10.0)
            if self._incomplete(path, st) and now - p.since < limit:
                if not p.noted:
                    p.noted = True
                    self.log.debug("{p} 尚未写完，稍后再看", "{p} is not complete yet, looking again later", p=rel)
                p.due = now + self.settle
                return
            if self.up_to_date(self.index.get(rel), sig) and self.report_path(rel, "json").exists():
                del self.pending[rel]
                self.log.debug("{p} 未变，跳过", "{p} unchanged, skipped", p=rel)
                return
        del self.pending[rel]
        self.check(rel, path, sig, p.tries)

    def check(self, rel: str, path: Path, sig, tries: int = 0) -> None:
        t0 = time.perf_counter()
        checked_at, checked = _now_iso(), time.time()
        try:
            result = check_input(Input(rel, path), self.ctx, self.opts)
        except Exception as e:   # a bug on one draft must not stop the watcher
            self.log.warn("检查 {p} 时出错：{e}", "checking {p} failed: {e}", p=rel, e=f"{type(e).__name__}: {e}")
            self.log.debug("{t}", "{t}", t=traceback.format_exc().rstrip())
            result = FileResult(path=rel, error={"code": "internal", "message": tr(
                self.opts.lang, f"检查程序出错：{type(e).__name__}: {e}", f"checker failed: {type(e).__name__}: {e}")})
        # The report must describe one version: if the draft changed while we read it, look again.
        after = self._sig(rel)
        if sig is not None and after != sig:
            result.document = None
            self.enqueue(rel)
            self.log.debug("{p} 在检查时被修改，稍后重查", "{p} changed while being checked, will check again", p=rel)
            return
        seconds = time.perf_counter() - t0
        try:
            entry = self.write_reports(rel, path, result, sig, checked_at, checked, seconds)
        except OSError as e:
            result.document = None
            self.failures += 1
            self.write_failing = True
            where = getattr(e, "filename", None) or self.reports
            self.log.warn("无法写入报告 {w}：{e}{r}", "cannot write the report {w}: {e}{r}", key="write", every=60,
                          w=where, e=e.strerror or e,
                          r="" if self.once else tr(self.opts.lang, "（稍后重试）", " (will retry)"))
            if not self.once:
                delay = min(self.retry * (2 ** min(tries, 6)), 300.0)
                self.enqueue(rel, sig, delay=delay)
                self.pending[rel].tries = tries + 1
            return
        finally:
            self.busy_seconds += time.perf_counter() - t0
        result.document = None
        seconds = time.perf_counter() - t0
        if self.write_failing:
            self.write_failing = False
            self.log.warn("报告文件夹恢复可写", "the reports folder is writable again")
        self._index_add(rel, entry)
        self.checked += 1
        c = entry["counts"]
        if entry["error"]:
            self.log.info("{p}：无法读取：{m}（{t:.2f} 秒）", "{p}: unreadable: {m} ({t:.2f} s)",
                          p=rel, m=entry["error"], t=seconds)
        else:
            self.log.info("{p}：{e} 错误，{w} 警告，{i} 提示（{t:.2f} 秒）",
                          "{p}: {e} errors, {w} warnings, {i} info ({t:.2f} s)",
                          p=rel, e=c["error"], w=c["warning"], i=c["info"], t=seconds)

    def write_reports(self, rel, path, result, sig, checked_at, checked, seconds) -> dict:
        from checker.fileio import atomic_write
        from checker.render import jsonfmt

        written = set()
        if self._html is not None:
            try:
                page = self._html([result], lang=self.opts.lang)
            except Exception as e:
                page = None
                self.log.warn("{p}：HTML 报告出错：{e}", "{p}: HTML report failed: {e}", p=rel, e=e)
            if page is not None:
                atomic_write(self.report_path(rel, "html"), page)
                written.add("html")
        if self._annotate is not None and not result.error:
            try:
                blob = self._annotate(path, rel, self.ctx, self.opts)
            except Exception as e:   # .docm python-docx refuses, a draft that changed under us...
                blob = None
                self.log.debug("{p}：未写批注版：{e}", "{p}: no annotated copy: {e}", p=rel, e=e)
            if blob is not None:
                atomic_write(self.report_path(rel, "docx"), blob)
                written.add("docx")
        size, mtime_ns = sig if sig is not None else (None, None)
        data = jsonfmt.report([result])
        data["watch"] = {
            "draft": rel, "size": size, "mtime_ns": mtime_ns, "checked_at": checked_at, "checked": checked,
            "seconds": round(seconds, 4), "formats": list(self.formats), "settings": self.settings,
        }
        jp = self.report_path(rel, "json")
        atomic_write(jp, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        written.add("json")
        for fmt in REPORT_SUFFIXES:     # an older report of another kind would now be stale
            if fmt not in written:
                self._unlink(self.report_path(rel, fmt))
        rst = os.stat(jp)
        return {
            "path": rel, "checked_at": checked_at, "checked": checked, "seconds": round(seconds, 4),
            "counts": _counts(result), "error": (result.error or {}).get("message"),
            "size": size, "mtime_ns": mtime_ns, "formats": list(self.formats), "settings": self.settings,
            "report_sig": [rst.st_size, rst.st_mtime_ns],
        }

    # ---- loops -------------------------------------------------------------------------------

    def process_due(self) -> None:
        now = time.monotonic()
        for rel in [r for r, p in self.pending.items() if p.due <= now]:
            if self.stop.is_set():
                return
            p = self.pending.get(rel)
            if p is not None:
                self.handle(rel, p)
            self.write_index()

    def drain(self) -> None:
        """--once: work the queue until it is empty."""
        while self.pending and not self.stop.is_set():
            self.process_due()
            if self.pending:
                wait = min(p.due for p in self.pending.values()) - time.monotonic()
                self.stop.wait(min(max(wait, 0.005), 1.0))

    def _root_changed(self) -> bool:
        """The drafts folder vanished, was replaced, or its share was unmounted: the watch is dead."""
        try:
            st = os.stat(self.root)
        except OSError:
            return True
        return st.st_dev != self.root_dev or st.st_ino != self.root_ino

    def follow(self) -> None:
        import watchfiles

        st = os.stat(self.root)
        self.root_ino = st.st_ino
        tick = int(min(max(self.settle * 250, 50), 500))
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
                if self._root_changed():
                    raise _RootChanged()
                self.on_changes(changes)
                self.process_due()
                self.write_index(force=not self.pending)
                if self.stop.is_set():
                    break
                if (rescan and not self.pending
                        and time.monotonic() - self.last_rescan > rescan):
                    self.catch_up()
        finally:
            gen.close()

    def run(self) -> int:
        mode = (tr(self.opts.lang, f"轮询，每 {self.poll:g} 秒（{self.poll_reason}）",
                   f"polling every {self.poll:g} s ({self.poll_reason})") if self.poll
                else tr(self.opts.lang, "文件系统通知", "file-system events"))
        self.log.info("监视 {d}，报告写入 {r}（{m}；格式 {f}）", "watching {d}, reports in {r} ({m}; formats {f})",
                      d=self.root, r=self.reports, m=mode if not self.once else "--once", f=",".join(self.formats))
        self.root_ok()
        if self.once:
            self.catch_up(initial=True)
            self.drain()
        else:
            while not self.stop.is_set():
                if not self.root_ok():
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
                    if self.poll is None and isinstance(e, OSError) and self.root_ok():
                        self.poll, self.poll_reason = 2.0, type(e).__name__
                        self.log.warn("改为轮询", "falling back to polling")
                    self.stop.wait(5.0)
        self.write_index(force=True)
        peak = _peak_rss_mb()
        self.log.info("停止：本次检查 {n} 份文稿{m}", "stopped: {n} drafts checked{m}", n=self.checked,
                      m=f"，峰值内存 {peak:.0f} MB" if peak and self.log.lang == "zh"
                      else (f", peak memory {peak:.0f} MB" if peak else ""))
        return 1 if (self.once and self.failures) else 0


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


# --------------------------------------------------------------------------------------------------
# Index page


def render_index(entries: list[dict], root: Path, lang: str = "zh") -> str:
    from html import escape
    from urllib.parse import quote

    t = lambda zh, en: tr(lang, zh, en)  # noqa: E731
    rows = []
    for e in entries:
        links = []
        for fmt, label in (("html", t("报告", "report")), ("docx", t("批注版", "annotated")), ("json", "JSON")):
            if fmt in e.get("formats", ()) and not (fmt == "docx" and e.get("error")):
                links.append(f'<a href="{escape(quote(e["path"] + REPORT_SUFFIXES[fmt]))}">{label}</a>')
        c = e.get("counts", {})
        when = str(e.get("checked_at", "")).replace("T", " ")[:19]
        status = (f'<td class="err" colspan="3">{escape(t("无法读取：", "unreadable: ") + e["error"])}</td>'
                  if e.get("error") else
                  "".join(f'<td class="n{" " + s if c.get(s) else ""}">{c.get(s, 0)}</td>' for s in SEVERITIES))
        rows.append(f"<tr><td>{escape(e['path'])}</td><td>{escape(when)}</td>{status}<td>{' '.join(links)}</td></tr>")
    title = t("文稿检查索引", "Draft check index")
    total = dict.fromkeys(SEVERITIES, 0)
    for e in entries:
        for s in SEVERITIES:
            total[s] += e.get("counts", {}).get(s, 0)
    summary = t(f"{len(entries)} 份文稿：{total['error']} 个错误，{total['warning']} 个警告，{total['info']} 个提示",
                f"{len(entries)} drafts: {total['error']} errors, {total['warning']} warnings, {total['info']} info")
    head = "".join(f"<th>{h}</th>" for h in (t("文稿", "draft"), t("检查时间", "checked"), t("错误", "errors"),
                                             t("警告", "warnings"), t("提示", "info"), t("报告", "reports")))
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="60">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em;color:#222}}
table{{border-collapse:collapse}} th,td{{border:1px solid #ccc;padding:.3em .6em;text-align:left}}
th{{background:#f3f3f3}} td.n{{text-align:right}} td.error{{color:#b00020;font-weight:bold}}
td.warning{{color:#a15c00;font-weight:bold}} td.err{{color:#b00020}} .meta{{color:#666}}
</style></head><body>
<h1>{title}</h1>
<p class="meta">{escape(str(root))} · {escape(summary)} · {t("更新于", "updated")} {escape(_now_iso().replace("T", " ")[:19])}</p>
<table><thead><tr>{head}</tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table>
</body></html>
"""


# --------------------------------------------------------------------------------------------------
# Command


def _install_signals(stop: threading.Event, log: Log):
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


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


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
@click.option("--retry", type=click.FloatRange(min=0.05), default=5.0, hidden=True)
@click.option("--select", multiple=True, help="Only these rules (comma-separated or repeated).")
@click.option("--ignore", multiple=True, help="Skip these rules (comma-separated or repeated).")
@click.option("--kind", default=None, help="Kind of report, overriding detection (see `checker kinds`).")
@click.option("-q", "--quiet", is_flag=True, help="Log only problems.")
@click.option("-v", "--verbose", is_flag=True, help="Log every decision too.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language (default zh; or CHECKER_LANG).")
@click.option("--pack", "packs", multiple=True, type=click.Path(), help="Extra rule pack (.toml file or folder); repeatable.")
def watch(folder, reports, fmt, poll, settle, once, rescan, retry, select, ignore, kind, quiet, verbose, lang,
          packs):
    """Keep a fresh report for every draft in FOLDER (a shared folder).

    On start, every draft whose report is missing or stale is checked; then new, changed and
    moved-in drafts are checked once they stop changing. Reports mirror the drafts' tree;
    index.html lists every draft, newest first. Stop with Ctrl+C or SIGTERM.
    """
    from checker.cli import _check_rule_names, _context, _fail, _options, _split

    if not os.path.isdir(folder):
        _fail(f"{folder}: " + ("不是文件夹 / not a folder" if os.path.exists(folder) else "文件夹不存在 / no such folder"))
    if reports and os.path.realpath(reports) == os.path.realpath(folder):
        _fail(f"{reports}: 报告文件夹不能就是文稿文件夹 / the reports folder cannot be the drafts folder itself")
    try:
        formats = parse_formats(fmt)
    except ValueError as e:
        _fail(f"--format: 不支持 / not available here: {e} (可用 / available: {','.join(available_formats())})")
    opts = _options(lang, packs, _split(select), _split(ignore), kind)
    _check_rule_names(opts.select + opts.ignore)
    ctx = _context(opts)
    log = Log(0 if quiet else (2 if verbose else 1), opts.lang)
    stop = threading.Event()
    _install_signals(stop, log)
    w = Watcher(folder, reports, formats, opts, ctx, log, settle=settle, poll=poll, once=once, rescan=rescan,
                retry=retry, stop_event=stop)
    try:
        code = w.run()
    except KeyboardInterrupt:
        log.warn("强制退出", "interrupted")
        code = 130
    sys.exit(code)
