"""Writing files atomically: a reader never sees half a report."""

from __future__ import annotations

import os
import re
from pathlib import Path

# A file name that is not valid in the file system's encoding (a GBK name on a UTF-8 system) reaches
# Python with its bytes as lone surrogates (PEP 383), which no UTF-8 text can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")
JSON_FORMATS = ("json", "sarif", "gitlab")
# checker's own outputs, named once: the commented copy beside a draft and the watcher's reports folder.
# They are never drafts (engine, config and the watcher all ask here).
COPY_SUFFIX = ".checked.docx"
REPORTS_DIR = "_checker"


def json_escaped(text: str) -> str:
    """JSON text with each lone surrogate written as its ``\\udcXX`` escape: valid UTF-8, and
    ``json.loads`` gives the name back exactly (``os.fsencode`` of it is the file's bytes)."""
    return _SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text) if _SURROGATE.search(text) else text


def shown(text: str) -> str:
    """Text for people (a terminal, a page): each undecodable byte of a name shown as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def for_output(text: str, fmt: str) -> str:
    """A rendered report made writable as UTF-8: escaped in JSON formats, replaced in the others."""
    return json_escaped(text) if fmt in JSON_FORMATS else shown(text)


def _mode(target: Path) -> int:
    """The mode an ordinary new file gets (mkstemp's 0600 would hide reports on a share),
    or the existing file's mode when it is replaced."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: str | os.PathLike, data: bytes | str, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A symbolic link at ``path`` stays a link: its target file is replaced. Text that cannot be
    encoded (names with undecodable bytes) is written with replacement characters, never lost."""
    target = Path(path)
    if target.is_symlink():
        # write through the link to its file; replacing the link itself would cut it
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        try:
            data = data.encode(encoding)
        except UnicodeEncodeError:
            data = shown(data).encode(encoding, "replace")
    # the temporary name stays short whatever the target's (a name may already be near the limit)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:32]}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
