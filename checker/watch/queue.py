"""The settle queue: paths waiting until they stop changing. Nothing is read on an event; a path is
due once two looks at ``(size, mtime_ns)`` a settle time apart agree (and a .docx's zip directory opens)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from checker.baseline import FILENAME as BASELINE
from checker.engine import skip_dir
from checker.watch import fs

_UNSET = object()


@dataclass(slots=True)
class Pending:
    due: float                 # monotonic time of the next look
    sig: tuple | None          # (size, mtime_ns) at the last look, None = not there
    since: float               # first event
    tries: int = 0             # failed writes / failed looks in a row
    noted: bool = False        # "not complete yet" was logged


class SettleQueue:
    def __init__(self, tree: fs.Tree, log, settle: float = 1.0, incomplete_wait: float = 60.0):
        self.tree = tree
        self.log = log
        self.settle = settle
        self.incomplete_wait = incomplete_wait
        self.pending: dict[str, Pending] = {}

    def __len__(self) -> int:
        return len(self.pending)

    def __contains__(self, rel: str) -> bool:
        return rel in self.pending

    def enqueue(self, rel: str, sig=_UNSET, delay: float | None = None) -> None:
        now = time.monotonic()
        if sig is _UNSET:
            sig = self.tree.sig(rel)
        due = now + (self.settle if delay is None else delay)
        p = self.pending.get(rel)
        if p is None:
            self.pending[rel] = Pending(due, sig, now)
        else:
            p.due, p.sig = due, sig

    def on_changes(self, changes, known_dirs) -> None:
        """File-system events: queue drafts, and folders that moved in or out (``known_dirs`` hold drafts)."""
        for _change, path in changes:
            rel = self.tree.rel_of(path)
            if rel is None:
                continue
            name = rel.rsplit("/", 1)[-1]
            if name == BASELINE:      # accepted findings changed: the folder's drafts are looked at again
                self.enqueue(rel.rsplit("/", 1)[0] if "/" in rel else "")
            elif fs.is_draft(name):
                self.enqueue(rel)
            elif skip_dir(name):
                continue
            elif rel in known_dirs or os.path.isdir(path):
                self.enqueue(rel)   # a folder moved in or out: looked at once it settles

    def due(self) -> list[str]:
        now = time.monotonic()
        return [r for r, p in self.pending.items() if p.due <= now]

    def next_due(self) -> float:
        return min(p.due for p in self.pending.values())

    def settled(self, rel: str, p: Pending, st) -> bool:
        """Whether a draft with stat ``st`` has stopped changing and is complete; if not, look again later."""
        now = time.monotonic()
        sig = (st.st_size, st.st_mtime_ns)
        if sig != p.sig:            # still changing: look again after a quiet settle time
            p.sig, p.due = sig, now + self.settle
            return False
        limit = self.incomplete_wait if st.st_size else min(self.incomplete_wait, 10.0)
        if fs.incomplete(self.tree.root / rel, st) and now - p.since < limit:
            if not p.noted:
                p.noted = True
                self.log.debug("{p} 尚未写完，稍后再看", "{p} is not complete yet, looking again later", p=rel)
            p.due = now + self.settle
            return False
        return True
