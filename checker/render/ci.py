"""What the CI report formats (sarif, github, junit, gitlab, checkstyle) share.

Columns: a :class:`~checker.findings.Finding` counts columns in characters (code points) from 1.
Formats read by JavaScript or .NET tools (SARIF's default ``utf16CodeUnits``, GitHub annotations)
count UTF-16 code units: a character outside the Basic Multilingual Plane (𠀀, an emoji) is two.
:func:`utf16_columns` converts with the line's text, which every result read from a file carries.
"""

from __future__ import annotations

import hashlib
import re

# XML 1.0 allows only these characters; a draft may hold others (a vertical tab pasted from Word).
_XML_ILLEGAL = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(s: str) -> str:
    """``s`` with the characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", s)


def line_text(result, line: int) -> str | None:
    doc = getattr(result, "document", None)
    blocks = getattr(doc, "blocks", None)
    if not blocks or not 1 <= line <= len(blocks):
        return None
    return doc.block(line).text


def utf16_column(text: str | None, column: int) -> int:
    """The 1-based UTF-16 column of the 1-based character column ``column`` of ``text``."""
    if not text:
        return column
    head = text[: max(column - 1, 0)]
    astral = sum(1 for ch in head if ord(ch) > 0xFFFF)
    return column + astral


def utf16_columns(result, finding) -> tuple[int, int]:
    """(start, end) columns of ``finding`` in UTF-16 code units, end exclusive."""
    start = utf16_column(line_text(result, finding.line), finding.column)
    end = utf16_column(line_text(result, finding.end_line), finding.end_column)
    return start, end


def with_fingerprints(result) -> list[tuple[object, str]]:
    """``result``'s findings in report order, each with a content fingerprint (the baseline's: rule,
    flagged text and a few characters around it, ranked among equals): lines inserted above a
    finding do not change it."""
    from checker.baseline import fingerprints

    found = sorted_findings(result)
    return list(zip(found, fingerprints(found, getattr(result, "document", None))))


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def sorted_findings(result):
    return sorted(result.findings, key=lambda f: f.sort_key())
