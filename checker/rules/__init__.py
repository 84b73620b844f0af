"""Rule modules and what they share.

A rule is a class with a stable ``name`` (the code findings carry), a default
``severity``, a one-line ``summary`` in both languages and a ``check(doc,
ctx)`` method that yields :class:`~checker.findings.Finding` objects. Rules
see only the :class:`~checker.document.Document`; the vocabulary they use
comes from the merged rule pack in ``ctx.pack``.

Rules are listed here by module so that importing checker stays cheap:
a rule module is imported only when it runs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from checker.document import Document
from checker.findings import SEVERITIES, Finding
from checker.i18n import tr

# name -> "module:Class". Order here is the order rules run and are listed.
REGISTRY: dict[str, str] = {
    "placeholder": "checker.rules.placeholder:PlaceholderRule",
    "figures": "checker.rules.figures:FiguresRule",
    "vendor-residue": "checker.rules.residue:VendorResidueRule",
    "missing-name": "checker.rules.residue:MissingNameRule",
    "duplicate-paragraph": "checker.rules.duplicate:DuplicateParagraphRule",
    "missing-section": "checker.rules.sections:SectionsRule",
    "numbering": "checker.rules.sections:NumberingRule",
    "docx-comment": "checker.rules.docx_hygiene:DocxCommentRule",
    "docx-revision": "checker.rules.docx_hygiene:DocxRevisionRule",
    "docx-highlight": "checker.rules.docx_hygiene:DocxHighlightRule",
    "docx-hidden-text": "checker.rules.docx_hygiene:DocxHiddenTextRule",
    "docx-metadata": "checker.rules.docx_hygiene:DocxMetadataRule",
}

CONTEXT_CHARS = 30


class Rule:
    name = ""
    severity = "error"
    summary = ("", "")
    # Other names this rule may emit besides ``name`` (a rule module can own several codes).
    codes: tuple[str, ...] = ()
    # Findings of these codes that cover the same characters make this rule's finding redundant:
    # the clerk is told once about a spot (a highlighted slot is reported as the slot).
    defers_to: tuple[str, ...] = ()

    def check(self, doc: Document, ctx: "Context"):  # pragma: no cover - interface
        raise NotImplementedError


@dataclass
class Context:
    lang: str = "zh"
    pack: dict = field(default_factory=dict)
    severities: dict = field(default_factory=dict)   # overrides by rule code
    options: dict = field(default_factory=dict)      # e.g. {"kind": "年度工作总结"}

    def say(self, zh: str, en: str, **params) -> str:
        return tr(self.lang, zh, en).format(**params)

    def section(self, name: str) -> dict:
        return self.pack.get(name, {})

    def severity_of(self, code: str, default: str) -> str:
        return self.severities.get(code, default)

    def finding(self, doc: Document, rule: str, severity: str, start: int, end: int,
                message: str, **extra) -> Finding:
        """A finding for characters ``start``..``end`` of ``doc.text``."""
        line, col = doc.position(start)
        end_line, end_col = doc.position(max(start, end - 1))
        return self._make(doc, rule, severity, line, col, end_line, end_col + (1 if end > start else 0),
                          doc.text[start:end], message, extra)

    def finding_at(self, doc: Document, rule: str, severity: str, line: int, column: int,
                   end_column: int | None, message: str, **extra) -> Finding:
        """A finding on one line; ``column`` 1-based, ``end_column`` exclusive."""
        text = doc.block(line).text
        if end_column is None:
            end_column = len(text) + 1
        return self._make(doc, rule, severity, line, column, line, end_column,
                          text[column - 1:end_column - 1], message, extra)

    def _make(self, doc, rule, severity, line, col, end_line, end_col, text, message, extra):
        block = doc.block(line)
        return Finding(rule=rule, severity=self.severity_of(rule, severity), line=line, column=col,
                       end_line=end_line, end_column=end_col, text=text, message=message,
                       context=trim_context(block.text, col - 1, end_col - 1 if end_line == line else len(block.text)),
                       location=block.location(self.lang), extra=extra)


def trim_context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "")


def load_rule(name: str) -> Rule:
    module, cls = REGISTRY[name].split(":")
    return getattr(importlib.import_module(module), cls)()


def all_rules() -> list[Rule]:
    return [load_rule(n) for n in REGISTRY]


def rule_codes() -> dict[str, Rule]:
    """Every finding code, mapped to the rule that emits it."""
    out = {}
    for rule in all_rules():
        out[rule.name] = rule
        for code in rule.codes:
            out[code] = rule
    return out


def run_rules(doc: Document, ctx: Context, select=None, ignore=()) -> list[Finding]:
    disabled = set(ctx.pack.get("checker", {}).get("disable", [])) | set(ignore)
    findings: list[Finding] = []
    deferring: list[tuple[tuple[str, ...], Finding]] = []
    for name in REGISTRY:
        if name in disabled:
            continue
        rule = load_rule(name)
        if select and not ({rule.name, *rule.codes} & set(select)):
            continue
        for f in rule.check(doc, ctx):
            if f.rule in disabled or (select and f.rule not in select):
                continue
            if rule.defers_to:
                deferring.append((rule.defers_to, f))
            else:
                findings.append(f)
    if deferring:
        findings.extend(f for codes, f in deferring if not _covered(f, codes, findings))
    findings.sort(key=Finding.sort_key)
    return findings


def _covered(f: Finding, codes, findings) -> bool:
    """True when the characters of ``f`` lie within findings of ``codes`` on its line."""
    if f.end_line != f.line:
        return False
    spans = sorted((g.column, g.end_column) for g in findings
                   if g.rule in codes and g.line == f.line and g.end_line == f.line)
    pos = f.column
    for a, b in spans:
        if a <= pos < b:
            pos = b
        if pos >= f.end_column:
            return True
    return pos >= f.end_column


def validate_severity(value: str) -> str:
    if value not in SEVERITIES:
        raise ValueError(value)
    return value
