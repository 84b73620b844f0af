"""Findings: what rules yield and renderers present."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from checker.record import Record


class Severity(str, Enum):
    """How serious a finding is. A ``str`` so that it compares, hashes and serialises as its name."""

    error = "error"
    warning = "warning"
    info = "info"

    __hash__ = str.__hash__

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.value]

    def label(self, lang: str = "zh") -> str:
        return severity_label(self.value, lang)

    @classmethod
    def parse(cls, value) -> "Severity":
        """A severity from a pack or an option; ValueError names the wrong value."""
        try:
            return cls(str(value))
        except ValueError:
            raise ValueError(value) from None


SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
SEVERITY_LABELS = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
}


def severity_label(severity: str, lang: str = "zh") -> str:
    zh, en = SEVERITY_LABELS[severity]
    return en if lang == "en" else zh


class Related(NamedTuple):
    """Another place a finding refers to: the first copy of a repeated title, a metric's other value."""

    line: int
    column: int
    end_column: int
    text: str
    note: str = ""     # what that place is, in the report's language

    def as_json(self) -> dict:
        d = {"line": self.line, "column": self.column, "end_column": self.end_column, "text": self.text}
        if self.note:
            d["note"] = self.note
        return d


class Finding(Record):
    """One thing a rule found: where (line and 1-based columns, in characters; end exclusive), what
    (the flagged text, a message), and how sure (severity)."""

    __slots__ = ("rule", "severity", "line", "column", "end_line", "end_column", "text", "message",
                 "context", "location", "extra", "related", "suggestion")

    def __init__(self, rule: str, severity: str, line: int, column: int, end_line: int, end_column: int,
                 text: str, message: str, context: str = "", location: str = "", extra: dict | None = None,
                 related: tuple = (), suggestion: str | None = None):
        self.rule = rule
        self.severity = severity
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.text = text                # the flagged characters
        self.message = message
        self.context = context          # the line's text trimmed around the span
        self.location = location        # 正文 / 表格1 2行3列 / 页眉 ...
        self.extra = {} if extra is None else extra
        self.related = related          # Related places this finding refers to
        self.suggestion = suggestion    # what belongs here, when the rule can tell (a count, a number)

    def sort_key(self):
        return (self.line, self.column, self.end_line, self.end_column, self.rule)

    def as_json(self) -> dict:
        d = {
            "rule": self.rule,
            "severity": self.severity,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "message": self.message,
            "context": self.context,
            "location": self.location,
        }
        if self.extra:
            d["extra"] = self.extra
        if self.related:
            d["related"] = [r.as_json() for r in self.related]
        if self.suggestion is not None:
            d["suggestion"] = self.suggestion
        return d


class FileResult(Record):
    """One input file: its document (if it could be read), findings, or the error that stopped it."""

    __slots__ = ("path", "format", "encoding", "error", "findings", "document", "suppressed", "omitted")

    def __init__(self, path: str, format: str | None = None, encoding: str | None = None,
                 error: dict | None = None, findings: list[Finding] | None = None, document: object | None = None,
                 suppressed: int = 0, omitted: dict | None = None):
        self.path = path
        self.format = format
        self.encoding = encoding
        self.error = error                # {"code", "message"}
        self.findings = [] if findings is None else findings
        self.document = document          # checker.document.Document
        self.suppressed = suppressed      # findings hidden by the baseline
        self.omitted = {} if omitted is None else omitted   # code -> findings beyond the per-code limit

    def as_json(self) -> dict:
        d = {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "error": self.error,
            "findings": [f.as_json() for f in self.findings],
            "suppressed": self.suppressed,
        }
        if self.omitted:
            d["omitted"] = dict(self.omitted)
        return d
