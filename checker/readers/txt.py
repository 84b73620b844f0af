"""Plain-text drafts: decode, split into lines.

Order of evidence: a BOM; strict UTF-8; then a detector restricted to the
encodings Chinese offices actually produce (GB family, Big5, UTF-16 without
BOM is not attempted). The GB family is always decoded as gb18030, its
superset.
"""

from __future__ import annotations

import codecs
import re

from checker.document import Block, Document
from checker.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

_GB = {"gb2312", "gbk", "gb18030", "hz-gb-2312", "cp936"}
_BIG5 = {"big5", "big5hkscs", "cp950"}

# Control characters other than tab, LF, VT (Word's manual line break), FF, CR and the DOS
# end-of-file mark: their presence means "not text".
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x19\x1c-\x1f]")
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0c")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise ReadError."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as e:
                raise ReadError("encoding", f"{name}: {e.reason}") from None
    if _CONTROL.search(data[:65536]):
        raise ReadError("binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


_DETECT_BYTES = 256 * 1024


def _decode_legacy(data: bytes) -> tuple[str, str]:
    import chardet  # lazy: only non-UTF-8 files pay for it

    guess = chardet.detect(
        data[:_DETECT_BYTES],   # the detector is pure Python: a sample decides, the whole is decoded
        include_encodings=["gb18030", "big5", "utf-8"],
        no_match_encoding="gb18030",
    )
    enc = (guess.get("encoding") or "gb18030").lower()
    candidates = ["big5", "gb18030"] if enc in _BIG5 else ["gb18030", "big5"]
    for cand in candidates:
        try:
            text = data.decode(cand)
        except UnicodeDecodeError:
            continue
        return text, cand
    raise ReadError("encoding", "不是 UTF-8、GB18030 或 Big5")


def _only_lf(text: str) -> bool:
    """Whether ``\n`` is the only line end in ``text`` (most files: then a plain split is enough)."""
    return not any(end in text for end in ("\r", "\u2028", "\u2029", "\x0c"))


def split_lines(text: str, only_lf: bool | None = None) -> list[str]:
    """The lines of ``text`` (``only_lf``: whether ``\n`` is its only line end, when the caller knows)."""
    lines = text.split("\n") if (_only_lf(text) if only_lf is None else only_lf) else _NEWLINES.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # a final newline ends the last line; it does not start another
    return lines


def document_from_text(text: str, path: str, encoding: str | None) -> Document:
    from checker import limits

    if len(text) > 2 * limits.MAX_CHARS:   # refused before it is split (line ends count as characters here)
        limits.check_text_size(0, len(text), 0)
    only_lf = _only_lf(text)
    lines = split_lines(text, only_lf)
    limits.check_text_size(len(lines), sum(map(len, lines)), max(map(len, lines), default=0))
    blocks = [Block(i, t) for i, t in enumerate(lines, 1)]
    doc = Document(path=path, format="txt", blocks=blocks, encoding=encoding)
    if only_lf:   # the lines joined again would be the text itself (less a final line end)
        doc._text = text[:-1] if text.endswith("\n") else text
    return doc


def read_bytes(data: bytes, path: str) -> Document:
    if not data:
        raise ReadError("empty")
    text, encoding = decode(data)
    text = text.rstrip("\x1a")
    if not text.strip():
        raise ReadError("empty")
    return document_from_text(text, path, encoding)
