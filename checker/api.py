"""checker's Python API: check paths, bytes or text, list the rules, load packs.

Everything here is re-exported from :mod:`checker` (lazily: ``import checker`` stays cheap), :func:`rules`
as ``checker.list_rules`` (``checker.rules`` is the package of rule modules)::

    import checker

    results = checker.check_path("草稿/")               # a file or a folder (or a list of them)
    for r in results:
        if r.error:
            print(r.path, r.error["message"])
        for f in r.findings:
            print(f"{r.path}:{f.line}:{f.column} {f.severity} {f.rule} {f.message}")

    checker.check_text("今年完成XX项工作。").findings    # one draft's text
    checker.check_bytes(open("a.docx", "rb").read(), "a.docx")
    checker.list_rules()                                # every code: severity, summaries, page

Results are :class:`checker.findings.FileResult` objects; ``r.as_json()`` gives a file's entry of the
JSON report (``checker check --format json``), field for field.

Settings are keyword arguments, as on the command line: ``lang``, ``select``, ``ignore``, ``kind``,
``packs``. :func:`check_path` also reads the project configuration (``checker.toml``,
``.checker.toml``, ``[tool.checker]`` in ``pyproject.toml``, found from each draft's folder upward;
see :mod:`checker.config`) unless ``isolated=True`` or another file is named with ``config=``, and
arguments given here win over it. Bad settings raise :class:`ConfigError`, a bad pack
:class:`PackError`, a bad baseline :class:`BaselineError`; a file that cannot be read is not an
exception but a result whose ``error`` says why.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from checker.baseline import BaselineError
from checker.config import ConfigError, Resolver, Settings, is_own_output
from checker.findings import FileResult
from checker.packs import PackError

__all__ = ["check_path", "check_bytes", "check_text", "rules", "load_packs", "Run",
           "ConfigError", "PackError", "BaselineError", "FileResult"]

PathLike = str | os.PathLike


def _context_for(settings: Settings, cache: dict, options: dict | None = None):
    """One context per distinct settings in a run (packs are read and compiled once for each), with
    the run's other ``options`` (``year``). An unknown ``kind`` is a :class:`ConfigError` naming where
    it was set."""
    from checker.engine import make_context

    lang, packs, select, ignore, kind = key = (settings.lang, tuple(settings.packs), tuple(settings.select),
                                               tuple(settings.ignore), settings.kind)
    if key not in cache:
        ctx = make_context(lang=lang, packs=packs, select=select, ignore=ignore, kind=kind, extra=options)
        if kind:
            from checker.kinds import KindError, find_kind, kinds_of

            try:
                find_kind(kind, ctx.pack)
            except KindError:
                raise ConfigError(f"{settings.sources['kind']}: kind: 未知的报告类型 / unknown kind of report: "
                                  f"{kind}（可选 / one of: {'、'.join(kinds_of(ctx.pack))}）") from None
        cache[key] = ctx
    return cache[key]


def expand(paths: Sequence[str], resolver: Resolver) -> list:
    """The engine's expansion (:func:`checker.engine.expand`) less checker's own outputs anywhere and,
    inside folders, what the ``exclude`` globs leave out (a file named explicitly is checked all the
    same). A folder whose drafts are all left out is an input with the ``no-drafts`` error."""
    from checker.engine import Input
    from checker.engine import expand as engine_expand
    from checker.errors import ReadError

    out = []
    for raw in paths:
        found = engine_expand([raw])
        walked = raw != "-" and Path(raw).is_dir()
        kept = [i for i in found if i.error or not (
            is_own_output(i.path) if not walked else resolver.excluded(i.path))]
        if walked and found and not kept:
            kept = [Input(raw, Path(raw), ReadError("no-drafts"))]
        out.extend(kept)
    return out


def _paths(path) -> list[str]:
    return [os.fspath(path)] if isinstance(path, (str, os.PathLike)) else [os.fspath(p) for p in path]


class Run:
    """One run over drafts, as :func:`check_path` makes it, for callers that want each draft as it is
    checked (a progress bar) and the settings in force for it (its ``fail_on``).

    ``Run(paths, **settings)``: ``inputs`` is the list of drafts found (known before any is read);
    iterating checks them in order, yielding ``(FileResult, Settings)``. Arguments as for
    :func:`check_path`, and ``fail_on`` and ``options`` (the engine's other options: ``{"year": 2025}``)
    as on the command line; ``skipped`` lists the paths named explicitly that are checker's own outputs.
    ``top`` is the settings in force for ``where``, else the first path (a report's language).
    """

    def __init__(self, path: PathLike | Iterable[PathLike], *, lang: str | None = None,
                 select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
                 kind: str | None = None, packs: Sequence[PathLike] | None = None,
                 exclude: Sequence[str] | None = None, baseline: PathLike | bool | None = None,
                 config: PathLike | None = None, isolated: bool = False, fail_on: str | None = None,
                 options: dict | None = None, where: PathLike | None = None):
        paths = _paths(path)
        cli: dict[str, Any] = {"lang": lang, "select": select, "ignore": ignore, "kind": kind,
                               "packs": [os.fspath(p) for p in packs] if packs else None, "exclude": exclude,
                               "fail-on": fail_on}
        self.resolver = Resolver(cli, config=config, isolated=isolated)
        self.baseline = baseline
        self.inputs = expand(paths, self.resolver)
        self.skipped = [raw for raw in paths if raw != "-" and not Path(raw).is_dir() and is_own_output(raw)]
        self.options = dict(options or {})
        self._contexts: dict = {}
        first = where if where is not None else next((p for p in paths if p != "-"), None)
        self.top = self.settings(first)

    def __len__(self) -> int:
        return len(self.inputs)

    def settings(self, target: PathLike | None = None) -> Settings:
        """The settings in force for ``target`` (a draft or folder; None: the current folder)."""
        return self.resolver.settings(None if target is None else os.fspath(target))

    def context(self, settings: Settings):
        """The engine's context for ``settings`` (one per distinct settings in the run)."""
        return _context_for(settings, self._contexts, self.options)

    def context_for(self, target: PathLike | None):
        """The engine's context for the draft ``target`` (its settings' context)."""
        return self.context(self.settings(target))

    def excluded(self, target: PathLike) -> bool:
        """Whether a file found in a folder is left out: checker's own output or an ``exclude`` glob."""
        return self.resolver.excluded(os.fspath(target))

    # Worker processes (``checker check --jobs``): 1 checks every draft here; None, one per core.
    # ``documents``: whether the caller reads every result's Document (an HTML report) or only those a
    # baseline may filter (see checker.engine.check_each: Documents cost time to send back).
    jobs: int | None = 1
    documents: bool = True

    def __iter__(self):
        from checker.engine import check_each, check_input

        if self.jobs == 1:   # one by one, each draft's settings resolved as it comes
            for inp in self.inputs:
                settings = self.resolver.settings(None if inp.real is None else inp.path)
                result = check_input(inp, self.context(settings))
                self._apply_baseline(result, settings)
                yield result, settings
            return
        plan = []
        for inp in self.inputs:
            settings = self.resolver.settings(None if inp.real is None else inp.path)
            plan.append((inp, settings, self._baseline_file(settings)))
        tasks = [(inp, self.context(settings), self._keep(inp, explicit)) for inp, settings, explicit in plan]
        for (inp, settings, explicit), result in zip(plan, check_each(tasks, self.jobs)):
            self._apply_baseline(result, settings)
            yield result, settings

    def _apply_baseline(self, result, settings) -> None:
        if self.baseline is not False:
            from checker.baseline import apply

            apply([result], self._baseline_file(settings))

    def _baseline_file(self, settings):
        return os.fspath(self.baseline) if self.baseline not in (None, True, False) else settings.baseline

    def _keep(self, inp, explicit) -> bool:
        """Whether the report needs the draft's Document back from a worker process."""
        if self.documents or inp.real is None:
            return True
        if self.baseline is False:
            return False
        from checker.baseline import location_for

        return location_for(inp.path, explicit).exists()


def check_path(path: PathLike | Iterable[PathLike], *, lang: str | None = None,
               select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
               kind: str | None = None, packs: Sequence[PathLike] | None = None,
               exclude: Sequence[str] | None = None, baseline: PathLike | bool | None = None,
               config: PathLike | None = None, isolated: bool = False) -> list[FileResult]:
    """Check a draft, a folder of drafts (walked recursively, in name order) or a list of them.

    ``path`` may be ``"-"`` for standard input. ``baseline``: ``None`` hides the findings accepted
    in the configuration's baseline, or else in ``.checker-baseline.json`` beside each draft (as the
    command does); a path names the file; ``False`` hides nothing. ``exclude``: more globs to leave
    out of folders (relative to the current folder). One result per file, in order.
    """
    return [result for result, _ in Run(path, lang=lang, select=select, ignore=ignore, kind=kind, packs=packs,
                                        exclude=exclude, baseline=baseline, config=config, isolated=isolated)]


def _explicit(lang, select, ignore, kind, packs) -> Settings:
    return Resolver({"lang": lang, "select": select, "ignore": ignore, "kind": kind,
                     "packs": [os.fspath(p) for p in packs] if packs else None}, isolated=True).settings()


def _check_document(read, name: str, settings: Settings) -> FileResult:
    from checker.engine import check_read

    return check_read(read, name, _context_for(settings, {}))


def check_bytes(data: bytes, name: str, *, lang: str | None = None, select: Sequence[str] | None = None,
                ignore: Sequence[str] | None = None, kind: str | None = None,
                packs: Sequence[PathLike] | None = None) -> FileResult:
    """Check a draft's bytes (.docx or text in any encoding the .txt reader knows). ``name`` is the
    path the result shows; its suffix decides how an unreadable file is described (.doc, .wps).
    No configuration file is read: settings are the arguments (defaults otherwise)."""
    from checker.readers import read_bytes

    suffix = Path(name).suffix.lower() or ".txt"
    return _check_document(lambda: read_bytes(bytes(data), name, suffix), name,
                           _explicit(lang, select, ignore, kind, packs))


def check_text(text: str, name: str = "<text>", *, lang: str | None = None,
               select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
               kind: str | None = None, packs: Sequence[PathLike] | None = None) -> FileResult:
    """Check a draft given as text: its lines are the lines findings cite (``\\n``, ``\\r\\n`` or
    ``\\r`` end a line). No configuration file is read."""
    from checker.readers.txt import document_from_text

    return _check_document(lambda: document_from_text(text, name, None), name,
                           _explicit(lang, select, ignore, kind, packs))


def rules() -> list[dict]:
    """Every finding code: ``code``, ``rule`` (the family ``--select`` also takes), ``severity``,
    ``summary`` ``{"zh", "en"}``, ``doc`` (its page under docs/rules/) and ``doc_path``."""
    from checker.codes import as_data

    return as_data()


def load_packs(paths: Sequence[PathLike] = ()) -> dict:
    """The merged rule pack: the bundled packs, then ``CHECKER_PACKS``, then ``paths`` (files or
    folders of .toml), merged as ``--pack`` merges them. Raises :class:`PackError` naming the file."""
    from checker import packs

    return packs.load([os.fspath(p) for p in paths])
