"""The reports folder: where each draft's reports go, writing them atomically, the index of every draft
(kept in memory, written as index.json / index.html), and removing reports whose draft is gone.

Reports mirror the drafts' tree: ``a/b.docx`` -> ``a/b.docx.json`` (+ ``.html``, ``.checked.docx``).
The JSON report records the draft's size and mtime_ns it describes; the per-draft reports are the
source of truth and the index is rebuilt from them after a crash, by the same :func:`index_entry`
that builds an entry when a report is written."""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from pathlib import Path

from checker import __version__
from checker.fileio import json_escaped
from checker.findings import SEVERITIES
from checker.render.index import REPORT_SUFFIXES, now_iso, render_index
from checker.watch import fs

FORMAT_ORDER = ("html", "json", "docx")
INDEX_NAMES = ("index.json", "index.html")


def available_formats() -> tuple[str, ...]:
    return FORMAT_ORDER


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


def digest(data: bytes) -> str:
    """The content digest recorded with a report (BLAKE2b, 128 bits, hex)."""
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


_SHORTENED = re.compile(r"~[0-9a-f]{12}$")
NAME_MAX = 255   # bytes in one file name on ext4, NTFS (UTF-16 units there), APFS...
_LONGEST_SUFFIX = max(len(s.encode()) for s in REPORT_SUFFIXES.values())


def report_base(rel: str) -> str:
    """Where a draft's reports go, without the format's suffix: the draft's own relative path, or,
    when its name plus the longest suffix would be too long for a file name, the name cut short with
    a digest of the whole (``很长的名字…~1a2b3c4d5e6f``); the index records which draft it is."""
    folder, _, name = rel.rpartition("/")
    raw = os.fsencode(name)
    if len(raw) + _LONGEST_SUFFIX <= NAME_MAX:
        return rel
    import hashlib

    tag = "~" + hashlib.blake2b(raw, digest_size=6).hexdigest()
    keep = raw[: NAME_MAX - _LONGEST_SUFFIX - len(tag) - 8]
    short = keep.decode("utf-8", "ignore") if _decodes(raw) else os.fsdecode(keep)
    short = short + tag
    return f"{folder}/{short}" if folder else short


def _decodes(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def index_entry(rel: str, data: dict, rst, strict: bool = False) -> dict:
    """The index's entry for a draft, from its JSON report ``data`` and the report file's stat.

    ``strict`` (recovering after a crash) insists on the report's numbers, so a damaged report is redone."""
    w = data["watch"]
    f = data["files"][0]
    num = int if strict else (lambda v: v)
    return {
        "path": rel,
        "checked_at": w["checked_at"],
        "checked": float(w["checked"]) if strict else w["checked"],
        "seconds": w.get("seconds"),
        "counts": {s: int(data["summary"]["by_severity"].get(s, 0)) for s in SEVERITIES},
        "suppressed": num(f.get("suppressed") or 0),
        "baseline": w.get("baseline"),
        "error": (f.get("error") or {}).get("message"),
        "size": num(w["size"]),
        "mtime_ns": num(w["mtime_ns"]),
        "formats": list(w["formats"]),
        "settings": w.get("settings"),
        "content": w.get("content"),
        "ino": w.get("ino"),
        "ctime_ns": w.get("ctime_ns"),
        "report_sig": [rst.st_size, rst.st_mtime_ns],
        **({"report": report_base(rel)} if report_base(rel) != rel else {}),
    }


class ReportStore:
    def __init__(self, root: Path, reports: Path, formats, settings: dict, log):
        self.root = root
        self.reports = reports
        self.formats = tuple(formats)
        self.settings = settings
        self.log = log
        self.index: dict[str, dict] = {}
        self.dirs: Counter = Counter()    # folders holding indexed drafts (to notice a folder moved out)
        self.index_dirty = False
        self.index_written = 0.0
        self._shortened: dict | None = None   # shortened report name -> draft, while sweeping

    def report_path(self, rel: str, fmt: str) -> Path:
        return self.reports / (report_base(rel) + REPORT_SUFFIXES[fmt])

    def identity(self, rel: str) -> dict:
        """The draft file's inode and change time: while both stay, its content is the one recorded."""
        try:
            st = os.stat(self.root / rel)
        except OSError:
            return {}
        return {"ino": st.st_ino, "ctime_ns": st.st_ctime_ns}

    def same_content(self, entry: dict) -> bool:
        """Size and time match the report: is it still the same content? A file replaced by another of
        the same size and time has a new inode or change time; then its digest decides."""
        if not entry.get("content"):
            return True      # a report from before digests were recorded (or of an unreadable draft)
        ident = self.identity(entry["path"])
        if ident and ident.get("ino") == entry.get("ino") and ident.get("ctime_ns") == entry.get("ctime_ns"):
            return True
        from checker.errors import ReadError
        from checker.limits import MAX_DOCX_BYTES
        from checker.readers import open_regular, read_bounded

        try:
            with open_regular(self.root / entry["path"]) as fh:
                same = digest(read_bounded(fh, MAX_DOCX_BYTES)) == entry["content"]
        except (OSError, ReadError):
            return False
        if same:
            entry.update(ident)   # a chmod or a touch of the same bytes: no need to read it again
        return same

    # ---- the index in memory -------------------------------------------------------------------

    def add(self, rel: str, entry: dict) -> None:
        if rel not in self.index:
            parts = rel.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                self.dirs["/".join(parts[:i])] += 1
        self.index[rel] = entry
        self.index_dirty = True

    def drop(self, rel: str) -> None:
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
                    self.add(e["path"], e)
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        self.index_dirty = False

    def recorded(self, rel: str) -> dict | None:
        """What the reports folder says about a draft: the index entry if the JSON report is the one the
        index saw, else the JSON report itself (the index may be older after a crash)."""
        jp = self.report_path(rel, "json")
        try:
            rst = os.stat(jp)
        except OSError:
            self.drop(rel)
            return None
        e = self.index.get(rel)
        if e and e.get("report_sig") == [rst.st_size, rst.st_mtime_ns]:
            return e
        try:
            entry = index_entry(rel, json.loads(jp.read_bytes()), rst, strict=True)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            self.drop(rel)
            return None
        self.add(rel, entry)
        return entry

    def up_to_date(self, entry: dict | None, sig, files: bool = False, baseline=None) -> bool:
        """The entry describes the draft at ``sig`` checked with these settings (and, given the draft's
        ``baseline`` signature, with that baseline: accepting a finding re-reports the draft)."""
        if not entry or sig is None or (entry.get("size"), entry.get("mtime_ns")) != tuple(sig):
            return False
        if baseline is not None and (entry.get("baseline") or False) != (baseline or False):
            return False
        if entry.get("settings") != self.settings or not set(self.formats) <= set(entry.get("formats", ())):
            return False
        if not self.same_content(entry):
            return False
        if files:
            for fmt in self.formats:
                if fmt == "docx" and entry.get("error"):
                    continue
                if not self.report_path(entry["path"], fmt).exists():
                    return False
        return True

    def write_index(self, force: bool = False, busy: bool = False) -> None:
        if not self.index_dirty:
            return
        now = time.monotonic()
        # While busy, at most every few seconds (more drafts -> less often), so a burst stays linear.
        if not force and busy and now - self.index_written < max(2.0, len(self.index) / 500):
            return
        from checker.fileio import atomic_write

        entries = sorted(self.index.values(), key=lambda e: (-e.get("checked", 0), e["path"]))
        data = {"version": 1, "checker": __version__, "root": str(self.root), "updated_at": now_iso(),
                "drafts": entries}
        try:
            atomic_write(self.reports / "index.html", render_index(entries, self.root, self.log.lang))
            atomic_write(self.reports / "index.json", json_escaped(json.dumps(data, ensure_ascii=False, indent=1)) + "\n")
        except OSError as e:
            self.index_written = now
            self.log.warn("无法写入索引 {p}：{e}（稍后重试）", "cannot write the index {p}: {e} (will retry)",
                          key="index", every=60, p=self.reports / "index.json", e=e.strerror or e)
            return
        self.index_dirty = False
        self.index_written = now

    # ---- writing one draft's reports -----------------------------------------------------------

    def write(self, rel: str, result, sig, watch: dict, pages: dict) -> dict:
        """Write the JSON report (with ``watch``: when and how it was checked) and the other ``pages``
        ({format: text or bytes}) atomically; remove reports of formats not written; return the entry."""
        from checker.fileio import atomic_write
        from checker.render import jsonfmt

        written = set()
        for fmt, content in pages.items():
            atomic_write(self.report_path(rel, fmt), content)
            written.add(fmt)
        size, mtime_ns = sig if sig is not None else (None, None)
        data = jsonfmt.report([result])
        data["watch"] = {"draft": rel, "size": size, "mtime_ns": mtime_ns, **watch,
                         "formats": list(self.formats), "settings": self.settings}
        jp = self.report_path(rel, "json")
        atomic_write(jp, json_escaped(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
        written.add("json")
        for fmt in REPORT_SUFFIXES:     # an older report of another kind would now be stale
            if fmt not in written:
                self.unlink(self.report_path(rel, fmt))
        entry = index_entry(rel, data, os.stat(jp))
        self.add(rel, entry)
        return entry

    # ---- removing ------------------------------------------------------------------------------

    def unlink(self, path: Path) -> bool:
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

    def forget(self, rel: str) -> list[str]:
        """A draft (or a folder of drafts) is gone: remove its reports and index entries; return the drafts."""
        gone = [r for r in (self.index if rel in self.dirs else ()) if r.startswith(rel + "/")]
        if rel in self.index or not gone:
            gone.append(rel)
        for r in gone:
            removed = False
            for fmt in REPORT_SUFFIXES:
                removed |= self.unlink(self.report_path(r, fmt))
            if r in self.index or removed:
                self.log.info("已删除 {p} 的报告（文稿已不在）", "removed the report of {p} (draft gone)", p=r)
            self.drop(r)
        return gone

    def sweep_orphans(self, drafts: set, errors: set) -> None:
        """Remove reports whose draft is gone and temporary files a killed watcher left behind."""
        if not self.reports.is_dir():
            return
        self._shortened = None
        for folder, _dirs, files in os.walk(self.reports):
            for name in files:
                full = Path(folder) / name
                if name.startswith(".") and name.endswith(".tmp"):
                    self.unlink(full)
                    continue
                rel_report = full.relative_to(self.reports).as_posix()
                if rel_report not in INDEX_NAMES:
                    self._sweep_one(full, rel_report, drafts, errors)

    def _sweep_one(self, full: Path, rel_report: str, drafts: set, errors: set) -> None:
        for suffix in REPORT_SUFFIXES.values():
            if rel_report.endswith(suffix):
                rel = rel_report[: -len(suffix)]
                if _SHORTENED.search(rel):   # a long name's reports: whose draft is it?
                    if self._shortened is None:
                        self._shortened = {report_base(d): d for d in drafts if report_base(d) != d}
                    rel = self._shortened.get(rel, rel + ".txt")   # no draft of that name: an orphan
                if (fs.is_draft(rel.rsplit("/", 1)[-1]) and rel not in drafts
                        and not any(rel.startswith(e + "/") or not e for e in errors)):
                    self.drop(rel)
                    if self.unlink(full) and suffix == ".json":
                        self.log.info("已删除 {p} 的报告（文稿已不在）", "removed the report of {p} (draft gone)", p=rel)
                return
