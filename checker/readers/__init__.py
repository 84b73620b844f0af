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

MAX_TEXT_BYTES = 64 * 1024 * 1024


def read_path(path: str | os.PathLike) -> Document:
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise ReadError("is-directory")
        with open(p, "rb") as fh:
            head = fh.read(8)
            fh.seek(0)
            kind = sniff(head)
            if kind == "zip":
                from checker.readers.docx import read_docx

                return read_docx(fh, name, p.suffix.lower())
            if os.fstat(fh.fileno()).st_size > MAX_TEXT_BYTES:
                raise ReadError("too-large", f"超过 {MAX_TEXT_BYTES // 1024 // 1024} MB")
            data = fh.read()
    except FileNotFoundError:
        raise ReadError("not-found") from None
    except PermissionError:
        raise ReadError("permission") from None
    except IsADirectoryError:
        raise ReadError("is-directory") from None
    except OSError as e:
        raise ReadError("damaged", e.strerror or str(e)) from None
    return read_bytes(data, name, p.suffix.lower())


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
        raise ReadError("too-large", f"超过 {MAX_TEXT_BYTES // 1024 // 1024} MB")
    from checker.readers.txt import read_bytes as read_text

    return read_text(data, name)
