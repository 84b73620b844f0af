"""Rule modules and what they share.

A rule is a class with a stable ``name`` (its family in :mod:`checker.codes`)
and a ``check(doc, ctx)`` method that yields :class:`~checker.findings.Finding`
objects. The codes a rule emits, their default severities and summaries are
declared once, in :mod:`checker.codes`. Rules see only the
:class:`~checker.document.Document`; the vocabulary they use comes from the
merged rule pack in ``ctx.pack``.

Rules are listed here by module so that importing checker stays cheap:
a rule module is imported only when it runs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from checker import codes as _codes
from checker import packs as _packs
from checker.document import Document
from checker.findings import Finding, Related, Severity
from checker.i18n import tr

# name -> "module:Class". Order here is the order rules run and are listed.
REGISTRY: dict[str, str] = {
    "placeholder": "checker.rules.placeholder:PlaceholderRule",
    "figures": "checker.rules.figures:FiguresRule",
    "vendor-residue": "checker.rules.residue:VendorResidueRule",
    "missing-name": "checker.rules.missing_name:MissingNameRule",
    "duplicate-paragraph": "checker.rules.duplicate:DuplicateParagraphRule",
    "missing-section": "checker.rules.sections:SectionsRule",
    "numbering": "checker.rules.sections:NumberingRule",
    "stale-year": "checker.rules.period:StaleYearRule",
    "stale-period": "checker.rules.period:StalePeriodRule",
    "date-after-period": "checker.rules.period:DateAfterPeriodRule",
    "other-place": "checker.rules.period:OtherPlaceRule",
    "docx-comment": "checker.rules.docx_hygiene:DocxCommentRule",
    "docx-revision": "checker.rules.docx_hygiene:DocxRevisionRule",
    "docx-highlight": "checker.rules.docx_hygiene:DocxHighlightRule",
    "docx-hidden-text": "checker.rules.docx_hygiene:DocxHiddenTextRule",
    "docx-metadata": "checker.rules.docx_hygiene:DocxMetadataRule",
}

CONTEXT_CHARS = 30


class Rule:
    name = ""
    # Findings of these codes that cover the same characters make this rule's finding redundant:
    # the clerk is told once about a spot (a highlighted slot is reported as the slot).
    defers_to: tuple[str, ...] = ()
    # Whether the rule reads the draft's outline (built once per draft and shared): such rules run in
    # the same process when one large draft is split between two (run_rules' ``split``).
    reads_outline = False
    # How long the rule takes on report text relative to the others (ms for 10 MB of national-report
    # text, from tests/benchmark.py's per-rule table): how a large draft's rules are shared out.
    weight = 1

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes this rule emits, from the code table."""
        return _codes.of_family(self.name)

    def check(self, doc: Document, ctx: "Context"):  # pragma: no cover - interface
        raise NotImplementedError


@dataclass
class Context:
    """What a run was asked for and the rule packs it uses: every rule reads its settings here."""

    lang: str = "zh"
    pack: dict = field(default_factory=dict)
    severities: dict = field(default_factory=dict)   # overrides by rule code
    options: dict = field(default_factory=dict)      # e.g. {"kind": "年度工作总结"}
    # What the run was asked for (resolved once, see checker.engine.make_context): the packs named,
    # and which rule codes to run (empty select = all) and to skip.
    packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def vocab(self, section: str, build):
        """A rule's typed vocabulary: ``build(pack section)``, compiled once per run and then shared.

        The one cache idiom for packs (:func:`checker.packs.compiled`): the pack lives for a run, so
        every draft checked with it reuses the compiled patterns, and a different pack compiles its own.
        """
        return _packs.compiled(self.pack, section, build)

    def say(self, zh: str, en: str, **params) -> str:
        return tr(self.lang, zh, en).format(**params)

    def section(self, name: str) -> dict:
        return self.pack.get(name, {})

    def severity_of(self, code: str, default: Severity | None = None) -> Severity:
        """A pack's ``[checker.severity]`` for ``code``, else ``default``, else the code table's."""
        if code in self.severities:
            return Severity.parse(self.severities[code])
        return default if default is not None else _codes.CODES[code].severity

    def finding(self, doc: Document, code: str, start: int, end: int, message: str, *,
                severity: Severity | None = None, related=(), suggestion: str | None = None,
                **extra) -> Finding:
        """A finding of ``code`` for characters ``start``..``end`` of ``doc.text``.

        ``severity`` is only for a finding the rule is less sure of than its code's default
        (a part that may be counted twice); otherwise the code table decides.
        """
        line, col = doc.position(start)
        end_line, end_col = doc.position(max(start, end - 1))
        return self._make(doc, code, severity, line, col, end_line, end_col + (1 if end > start else 0),
                          doc.text[start:end], message, related, suggestion, extra)

    def finding_at(self, doc: Document, code: str, line: int, column: int, end_column: int | None,
                   message: str, *, severity: Severity | None = None, related=(),
                   suggestion: str | None = None, **extra) -> Finding:
        """A finding of ``code`` on one line; ``column`` 1-based, ``end_column`` exclusive."""
        text = doc.block(line).text
        if end_column is None:
            end_column = len(text) + 1
        return self._make(doc, code, severity, line, column, line, end_column,
                          text[column - 1:end_column - 1], message, related, suggestion, extra)

    def where(self, doc: Document, line: int) -> str:
        """Where ``line`` is for a person, to cite in a message: 第 6 段 / 表格1 第2行第3列 / 页眉 in a .docx
        (Word numbers no lines), 第 6 行 in a .txt (text editors do)."""
        from checker.places import where

        return where(doc, line, self.lang)

    def related(self, doc: Document, line: int, column: int = 1, end_column: int | None = None,
                note: str = "") -> Related:
        """Another place a finding refers to, on ``line``."""
        text = doc.block(line).text
        if end_column is None:
            end_column = len(text) + 1
        return Related(line, column, end_column, text[column - 1:end_column - 1], note)

    def _make(self, doc, code, severity, line, col, end_line, end_col, text, message, related,
              suggestion, extra):
        block = doc.blocks[line - 1]
        # Finding's fields in order: rule, severity, line, column, end_line, end_column, text, message,
        # context, location, extra, related, suggestion
        return Finding(code, self.severity_of(code, severity), line, col, end_line, end_col, text, message,
                       trim_context(block.text, col - 1, end_col - 1 if end_line == line else len(block.text)),
                       block.location(self.lang), extra, tuple(related), suggestion)


def trim_context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "")


def load_rule(name: str) -> Rule:
    module, cls = REGISTRY[name].split(":")
    return getattr(importlib.import_module(module), cls)()


_RUNNING: dict[str, Rule] = {}


def running_rule(name: str) -> Rule:
    """The rule object ``run_rules`` uses: created once per process (rules keep no state between
    documents; what they compile lives in the pack, see :meth:`Context.vocab`)."""
    rule = _RUNNING.get(name)
    if rule is None:
        rule = _RUNNING[name] = load_rule(name)
    return rule


def all_rules() -> list[Rule]:
    return [load_rule(n) for n in REGISTRY]


def _expand(names) -> set[str]:
    """Codes named directly or through their rule's name."""
    return {code for n in names for code in _codes.names_for(n)}


def run_rules(doc: Document, ctx: Context, select=None, ignore=None, limit: int | None = None,
              omitted: dict | None = None, split: bool = False) -> list[Finding]:
    """Run the rules on ``doc``; ``select``/``ignore`` default to the context's. With ``limit``, at most
    that many findings of one code are kept; ``omitted`` (a dict) counts the rest by code. With ``split``,
    the rules that share the draft's outline run in a forked copy of this process while this one runs
    the others (see :mod:`checker.forked`); the findings are the same."""
    select = ctx.select if select is None else select
    ignore = ctx.ignore if ignore is None else ignore
    disabled = _expand([*ctx.pack.get("checker", {}).get("disable", []), *ignore])
    wanted = _expand(select) if select else None
    names = []
    for name in REGISTRY:
        family = set(_codes.of_family(name))
        if not (family <= disabled or (wanted is not None and not family & wanted)):
            names.append(name)
    found = _found(names, doc, ctx, (disabled, wanted, limit), split)
    findings: list[Finding] = []
    deferring: list[tuple[tuple[str, ...], Finding]] = []
    kept: dict[str, int] = {}
    for name in names:
        rule = running_rule(name)
        got, over = found[name]
        for code, n in over.items():
            if omitted is not None:
                omitted[code] = omitted.get(code, 0) + n
        for f in got:
            if rule.defers_to:
                deferring.append((rule.defers_to, f))
            elif _within(f, limit, kept, omitted):
                findings.append(f)
    if deferring:
        spans: dict = {}   # codes -> line -> sorted spans: built once, not searched for every finding
        findings.extend(f for codes, f in deferring
                        if not _covered(f, codes, findings, spans) and _within(f, limit, kept, omitted))
    findings.sort(key=Finding.sort_key)
    return findings


def _found(names, doc, ctx, filters, split) -> dict:
    """Each rule's findings: ``name -> (findings, {code: omitted})``, some rules (:func:`_halves`) in a
    forked copy when ``split`` and one can be made."""
    away = _halves(names)[1] if split else []
    here = [n for n in names if n not in away]
    copy = None
    if away and here:
        from checker import forked

        if forked.available():
            doc.text, doc.line_starts   # noqa: B018 - derived before the fork: both processes share them
            copy = forked.start(lambda: {n: _run_one(n, doc, ctx, filters) for n in away})
    if copy is None:
        return {n: _run_one(n, doc, ctx, filters) for n in names}
    try:
        out = {n: _run_one(n, doc, ctx, filters) for n in here}
    except BaseException:
        copy.cancel()
        raise
    theirs = copy.result()
    out.update(theirs if theirs is not None else {n: _run_one(n, doc, ctx, filters) for n in away})
    return out


def _halves(names) -> tuple[list[str], list[str]]:
    """The rules split into two sets of about the same :attr:`Rule.weight`: the rules that read the
    outline stay together (it is built once per process), and that set goes to the second half, which
    runs in the forked copy (whose findings are sent back: the rules that find most stay here)."""
    outline = [n for n in names if running_rule(n).reads_outline]
    halves: tuple[list[str], list[str]] = ([], list(outline))
    loads = [0, sum(running_rule(n).weight for n in outline)]
    for name in sorted((n for n in names if n not in outline), key=lambda n: -running_rule(n).weight):
        side = 0 if loads[0] <= loads[1] else 1
        halves[side].append(name)
        loads[side] += running_rule(name).weight
    return halves


def _run_one(name, doc, ctx, filters) -> tuple[list[Finding], dict]:
    """One rule's findings that the run keeps, at most ``limit`` of a code (each code is one rule's),
    and how many of each code were left out."""
    disabled, selected, limit = filters   # codes left out, codes asked for (None: all), per-code limit
    rule = running_rule(name)
    out: list[Finding] = []
    kept: dict[str, int] = {}
    over: dict[str, int] = {}
    for f in rule.check(doc, ctx):
        if f.rule in disabled or (selected is not None and f.rule not in selected):
            continue
        if rule.defers_to or _within(f, limit, kept, over):
            out.append(f)
    return out, over


def _within(f: Finding, limit: int | None, kept: dict, omitted: dict | None) -> bool:
    """Whether ``f`` is kept under the per-code ``limit``; if not, it is counted in ``omitted``."""
    if limit is None:
        return True
    kept[f.rule] = kept.get(f.rule, 0) + 1
    if kept[f.rule] <= limit:
        return True
    if omitted is not None:
        omitted[f.rule] = omitted.get(f.rule, 0) + 1
    return False


def _covered(f: Finding, codes, findings, index: dict | None = None) -> bool:
    """True when the characters of ``f`` lie within findings of ``codes`` on its line."""
    if f.end_line != f.line:
        return False
    if index is None:
        index = {}
    by_line = index.get(codes)
    if by_line is None:
        by_line = index[codes] = {}
        for g in findings:
            if g.rule in codes and g.line == g.end_line:
                by_line.setdefault(g.line, []).append((g.column, g.end_column))
        for v in by_line.values():
            v.sort()
    spans = by_line.get(f.line, ())
    pos = f.column
    for a, b in spans:
        if a <= pos < b:
            pos = b
        if pos >= f.end_column:
            return True
    return pos >= f.end_column


def validate_severity(value: str) -> Severity:
    return Severity.parse(value)
