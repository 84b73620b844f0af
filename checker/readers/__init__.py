"""Readers turn a file into a :class:`~checker.document.Document`.

The format is decided by the file's content, not only its name: a .docx
renamed .doc is still read, an old binary .doc or .wps gets an error that
says to save it as .docx.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.document import Document
from checker.errors import ReadError

from checker.limits import MAX_DOCX_BYTES, MAX_TEXT_BYTES  # noqa: F401  (MAX_TEXT_BYTES: re-exported)


def file_kind(mode: int) -> str | None:
    """None for a regular file, else what it is (a FIFO, a device...): only regular files are drafts."""
    import stat

    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "FIFO/pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def open_regular(path: str | os.PathLike):
    """A binary file object for a regular file, or ReadError. Opened without blocking (a FIFO would
    wait for a writer for ever) and checked after opening, so a file swapped for a device in between
    is refused too."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise os_read_error(e) from None
    kind = file_kind(st.st_mode)
    if kind == "directory":
        raise ReadError("is-directory")
    if kind:
        raise ReadError("not-a-file", kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise os_read_error(e) from None
    try:
        kind = file_kind(os.fstat(fd).st_mode)
        if kind:
            raise ReadError("not-a-file", kind)
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(fh, limit: int) -> bytes:
    """At most ``limit`` bytes of ``fh``, or ``too-large``: whatever size the file claims, never more."""
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise ReadError("too-large", f"超过/over {limit // 1024 // 1024} MB")
    return data


def read_path(path: str | os.PathLike) -> Document:
    p = Path(path)
    name = str(path)
    try:
        with open_regular(p) as fh:
            head = fh.read(8)
            fh.seek(0)
            kind = sniff(head)
            if kind == "zip":
                from checker.readers.docx import read_docx

                return read_docx(fh, name, p.suffix.lower())
            data = read_bounded(fh, MAX_TEXT_BYTES)
    except OSError as e:
        raise os_read_error(e) from None
    return read_bytes(data, name, p.suffix.lower())


def os_read_error(e: OSError) -> ReadError:
    """The reader's error for a failed file-system call."""
    if isinstance(e, FileNotFoundError):
        return ReadError("not-found")
    if isinstance(e, PermissionError):
        return ReadError("permission")
    if isinstance(e, IsADirectoryError):
        return ReadError("is-directory")
    return ReadError("damaged", e.strerror or str(e))


def sniff(head: bytes) -> str:
    """:func:`checker.readers.docx.sniff`, imported only for what may be a zip, OLE or RTF file: a plain
    text draft does not pay for the .docx reader (zipfile, lxml)."""
    if head[:2] != b"PK" and head[:1] != b"\xd0" and b"{" not in head:
        return "other"
    from checker.readers.docx import sniff as sniff_docx

    return sniff_docx(head)


def read_bytes(data: bytes, name: str, suffix: str = ".txt") -> Document:
    kind = sniff(data[:8])
    if kind == "zip":
        import io

        from checker.readers.docx import read_docx

        return read_docx(io.BytesIO(data), name, suffix)
    if kind == "ole":
        from checker.readers.docx import ole_error

        raise ole_error(data, suffix)
    if not data:
        raise ReadError("empty")
    if suffix in (".docx", ".docm", ".dotx"):
        if kind == "rtf":
            raise ReadError("not-docx", "RTF 格式，请另存为 .docx")
        raise ReadError("damaged", "不是 zip 包")
    if suffix in (".doc", ".wps") and kind == "rtf":
        raise ReadError("not-docx", "RTF 格式，请另存为 .docx")
    if len(data) > MAX_TEXT_BYTES:
        raise ReadError("too-large", f"超过/over {MAX_TEXT_BYTES // 1024 // 1024} MB")
    from checker.readers.txt import read_bytes as read_text

    return read_text(data, name)
