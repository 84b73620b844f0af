"""``checker watch``: keep a report beside every draft in a (shared) folder.

Design, in short:

* One thread. File-system events (watchfiles: inotify / ReadDirectoryChangesW / FSEvents, or polling)
  only put *paths* into the settle queue (:mod:`.queue`); nothing is read on an event. A path is checked
  once two looks at ``(size, mtime_ns)`` a settle time apart agree (and, for a .docx, its zip directory
  opens), so a slow copy, a Word save (temp file + renames) or a burst of saves gives one check of the
  last version.
* Each draft is read once and checked once (:func:`checker.engine.check_input`); its JSON, HTML and
  commented copy are all written from that one result (:mod:`.loop`).
* Reports mirror the drafts' tree under the reports folder (:mod:`.store`): ``a/b.docx`` ->
  ``a/b.docx.json`` (+ ``.html``, ``.checked.docx``). The JSON report records the draft's size and
  mtime_ns it describes, so on start every report whose draft changed (whatever the file times say) is
  brought up to date.
* ``index.json`` / ``index.html`` list every draft, newest check first. The per-draft reports are the
  source of truth; the index is rebuilt from them after a crash.
* A time limit (:mod:`.worker`): with ``time_limit`` each draft is checked in a worker process that is
  killed when it runs over, so one hostile draft cannot hold up the others.
* Memory: the queue holds paths, the index one small dict per draft; a document is dropped as soon as
  its reports are written.

Parts: :mod:`.fs` (walking, mounts, incomplete copies), :mod:`.queue` (settling), :mod:`.store`
(reports and index), :mod:`.loop` (the :class:`Watcher`), :mod:`.worker` (the time limit), :mod:`.log`.
"""

from __future__ import annotations

from checker.watch.fs import is_network_fs, mount_fstype
from checker.watch.log import Log
from checker.watch.loop import Watcher
from checker.watch.store import available_formats, parse_formats

__all__ = ["Log", "Watcher", "available_formats", "is_network_fs", "mount_fstype", "parse_formats"]
