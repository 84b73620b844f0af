"""Text to any console or pipe, whatever its encoding, without raising.

A Simplified Chinese Windows console or pipe encodes with cp936 (GBK), a Windows CI runner with
cp1252, a bare POSIX locale with ascii: each lacks characters a report holds (✓, •, emoji, Chinese
itself for cp1252). Writing them raises ``UnicodeEncodeError``. Here a character the stream's
encoding lacks becomes a look-alike the encoding has (✓ → √ or ``+``, • → · or ``*``, “ ” → ``"``)
or, failing that, a backslash escape (``\\u4e2d``) — never an exception and never lost silently.

The CLI calls :func:`setup` once for ``sys.stdout`` and ``sys.stderr`` (so click, rich and ``print``
all go through the handler); :func:`write` does the same for any one stream. Files written with
``-o`` are UTF-8 always (:func:`checker.fileio.atomic_write`), never the console's encoding.
"""

from __future__ import annotations

import codecs
import io
import locale
import sys
from typing import TextIO

ERRORS = "checker-console"

# Look-alikes, best first; each is used only when the target encoding has it.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "✓": ("√", "+"), "✔": ("√", "+"), "✗": ("×", "x"), "✘": ("×", "x"), "×": ("x",),
    "•": ("·", "*"), "·": ("*",), "●": ("*",), "○": ("o",), "■": ("#",), "□": ("[]",),
    "←": ("<-",), "→": ("->",), "↑": ("^",), "↓": ("v",), "⚠": ("!",), "…": ("...",),
    "—": ("--",), "–": ("-",), "“": ('"',), "”": ('"',), "‘": ("'",), "’": ("'",),
    "「": ('"',), "」": ('"',), "『": ('"',), "』": ('"',), "《": ("<<",), "》": (">>",),
    "，": (",",), "。": (".",), "：": (":",), "；": (";",), "！": ("!",), "？": ("?",),
    "（": ("(",), "）": (")",), "【": ("[",), "】": ("]",), "、": (",",),
    "\u00a0": (" ",), "\u3000": ("  ",), "\ufeff": ("",),
}


def _fits(s: str, encoding: str) -> bool:
    try:
        s.encode(encoding)
        return True
    except (UnicodeError, LookupError):
        return False


def _escape(ch: str) -> str:
    n = ord(ch)
    if n <= 0xFF:
        return f"\\x{n:02x}"
    return f"\\u{n:04x}" if n <= 0xFFFF else f"\\U{n:08x}"


def _handler(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        for alt in FALLBACKS.get(ch, ()):
            if _fits(alt, exc.encoding):
                out.append(alt)
                break
        else:
            out.append(_escape(ch))
    return "".join(out), exc.end


codecs.register_error(ERRORS, _handler)


def encoding_of(stream) -> str:
    """The encoding text written to ``stream`` ends up in (the locale's when the stream does not say)."""
    enc = getattr(stream, "encoding", None)
    if not enc:
        enc = locale.getpreferredencoding(False) or "utf-8"
    try:
        return codecs.lookup(enc).name
    except LookupError:
        return "utf-8"


def safe_text(text: str, encoding: str) -> str:
    """``text`` with every character ``encoding`` lacks replaced by a look-alike or an escape."""
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        return text.encode(encoding, ERRORS).decode(encoding)
    except LookupError:
        return text


def setup(*streams: TextIO) -> None:
    """Make ``streams`` (default: ``sys.stdout`` and ``sys.stderr``) replace what they cannot encode.

    Only the error handler changes: the encoding, the line buffering and the newline translation stay
    as Python chose them (``PYTHONIOENCODING`` still decides the encoding)."""
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors=ERRORS)
        except (ValueError, io.UnsupportedOperation, AttributeError):  # detached or closed
            pass


def write(text: str, stream: TextIO | None = None) -> None:
    """Write ``text`` to ``stream`` (default ``sys.stdout``), replacing what its encoding lacks."""
    stream = stream if stream is not None else sys.stdout
    enc = getattr(stream, "encoding", None)
    if enc:       # a text stream over bytes: make the text fit its encoding
        text = safe_text(text, encoding_of(stream))
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a stream that says one encoding and writes another
        stream.write(text.encode("ascii", ERRORS).decode("ascii"))
