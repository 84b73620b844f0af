"""The file-system side of the watcher: which paths are drafts (the engine's own name and folder rules),
walking the drafts' tree, network-mount detection, and the probe for a .docx still being copied."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from checker.annotate import SUFFIX as COPY_SUFFIX
from checker.engine import is_draft_name, skip_dir

# File systems where inotify does not see changes made by other machines.
NETWORK_FS = {
    "cifs", "smb3", "smbfs", "smb2", "nfs", "nfs4", "afs", "ncpfs", "coda", "9p", "drvfs", "ceph", "lustre",
    "gpfs", "glusterfs", "virtiofs", "davfs", "sshfs",
}
NETWORK_FUSE = ("sshfs", "rclone", "glusterfs", "s3fs", "davfs", "smbnetfs", "curlftpfs", "gcsfuse", "cifs")


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


def is_draft(name: str) -> bool:
    """A draft's name; ``X.checked.docx`` (an annotated copy `checker annotate` left beside it) is not one."""
    return is_draft_name(name) and not name.lower().endswith(COPY_SUFFIX)


def incomplete(path: Path, st) -> bool:
    """A .docx still being copied: it starts like a zip but its directory (at the end) is not there yet."""
    if st.st_size == 0:
        return True
    import zipfile

    from checker.readers.docx import sniff

    try:
        with open(path, "rb") as fh:
            if sniff(fh.read(8)) != "zip":
                return False      # not a zip at all (encrypted, .doc renamed...): the reader will say so
            fh.seek(0)
            with zipfile.ZipFile(fh) as z:
                z.infolist()
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return True
    return False


class Tree:
    """The drafts folder: event paths to draft-relative names, the walk, the folder's identity."""

    def __init__(self, root: Path, reports: Path, log):
        self.root = root
        self.log = log
        self.dev = None
        self.ino = None
        # Where the reports live relative to the drafts (events there are ours: ignore them).
        self.reports_rel = None
        real_root, real_rep = os.path.realpath(root), os.path.realpath(reports)
        if real_rep == real_root or real_rep.startswith(real_root.rstrip(os.sep) + os.sep):
            self.reports_rel = Path(os.path.relpath(real_rep, real_root)).as_posix()

    def _in_reports(self, rel: str) -> bool:
        return bool(self.reports_rel) and (rel == self.reports_rel or rel.startswith(self.reports_rel + "/"))

    def rel_of(self, path: str) -> str | None:
        """The draft-relative posix path of an event's path, or None when it is none of our business."""
        try:
            rel = os.path.relpath(path, self.root)
        except ValueError:  # another drive on Windows
            return None
        parts = Path(rel).parts
        if not parts or parts[0] in (".", "..") or rel.startswith(".."):
            return None
        if any(skip_dir(d) for d in parts[:-1]):
            return None
        rel = "/".join(parts)
        return None if self._in_reports(rel) else rel

    def sig(self, rel: str):
        """(size, mtime_ns) of a draft, None when it is not there."""
        try:
            st = os.stat(self.root / rel)
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns)

    def ok(self) -> bool:
        """The drafts folder is there and is the same file system as at the start (a share still mounted)."""
        try:
            st = os.stat(self.root)
        except OSError:
            return False
        if self.dev is None:
            self.dev = st.st_dev
        return st.st_dev == self.dev and stat.S_ISDIR(st.st_mode)

    def changed(self) -> bool:
        """The drafts folder vanished, was replaced, or its share was unmounted: the watch is dead."""
        try:
            st = os.stat(self.root)
        except OSError:
            return True
        return st.st_dev != self.dev or st.st_ino != self.ino

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
                        if not skip_dir(e.name) and not self._in_reports(rel):
                            subdirs.append(rel)
                    elif is_draft(e.name):
                        if e.is_file():
                            yield rel, e.stat()
                        else:   # a FIFO, a device or a link to one: never opened, said once
                            self.log.warn("{p}：不是普通文件，不检查", "{p}: not a regular file, not checked",
                                          key=f"special:{rel}", every=86400, p=rel)
                except OSError:
                    continue
            stack.extend(reversed(subdirs))
