"""From inputs to results: expand paths, read each file once, run the rules once.

:func:`make_context` resolves a run's settings into one :class:`~checker.rules.Context`;
:func:`check_input` is the one entry from a draft (a path, stdin or its bytes) to a checked
:class:`~checker.findings.FileResult`. ``check``, ``annotate``, ``review`` and ``watch`` all go through it.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple
from pathlib import Path

from checker.errors import ReadError
from checker.findings import SEVERITY_RANK, FileResult
from checker.fileio import REPORTS_DIR  # noqa: F401  (checker's own folder: never searched for drafts)
from checker.limits import MAX_DOCX_BYTES as MAX_INPUT  # bytes read into memory for a writer
from checker.rules import Context, run_rules

DRAFT_SUFFIXES = (".docx", ".docm", ".dotx", ".txt", ".doc", ".wps")


def is_draft_name(name: str) -> bool:
    """A file name a draft could have: not hidden, not a Word/WPS lock or temporary file."""
    if name.startswith((".", "~$", "~WRL", "~WRD", ".~lock")) or name.endswith("#"):
        return False
    return name.lower().endswith(DRAFT_SUFFIXES)


class Input(NamedTuple):
    """A draft to check: its name as shown, its file (None for stdin), or why it cannot be read."""

    path: str                 # as shown in reports
    real: Path | None         # None for stdin
    error: ReadError | None = None


def expand(paths: list[str]) -> list[Input]:
    """Files as given, folders walked recursively for drafts (sorted), ``-`` for stdin."""
    out: list[Input] = []
    for raw in paths:
        if raw == "-":
            out.append(Input("-", None))
            continue
        p = Path(raw)
        if p.is_dir():
            found: list[Input] = []

            def unlistable(e: OSError, found=found):
                where = e.filename if e.filename is not None else p
                found.append(Input(str(where), Path(where), ReadError("unlistable", e.strerror or str(e))))

            for root, dirs, files in os.walk(p, onerror=unlistable):
                dirs[:] = sorted(d for d in dirs if not skip_dir(d))
                found.extend(Input(str(f), f) for f in (Path(root) / f for f in sorted(files) if is_draft_name(f)))
            if not found:
                out.append(Input(raw, p, ReadError("no-drafts")))
            out.extend(found)
        elif not p.exists():
            out.append(Input(raw, p, ReadError("not-found")))
        else:
            out.append(Input(raw, p))
    return out


def make_context(lang: str = "zh", packs=(), select=(), ignore=(), kind: str | None = None,
                 extra: dict | None = None, pack: dict | None = None) -> Context:
    """The one resolved settings object of a run: language, merged packs, rule selection, options.

    Raises :class:`checker.packs.PackError` for a pack that cannot be read."""
    from checker import packs as packs_mod

    packs = tuple(str(p) for p in packs)
    pack = pack if pack is not None else packs_mod.load(packs)
    severities = dict(pack.get("checker", {}).get("severity", {}))
    options = dict(extra or {})
    if kind:
        options["kind"] = kind
    return Context(lang=lang, pack=pack, severities=severities, options=options, packs=packs,
                   select=tuple(select), ignore=tuple(ignore))


def skip_dir(name: str) -> bool:
    """A folder never searched for drafts: hidden, temporary, or a reports folder of ours."""
    return name.startswith((".", "~")) or name == REPORTS_DIR


def read_input(inp: Input):
    from checker.readers import read_bytes, read_path

    if inp.error:
        raise inp.error
    if inp.real is None:
        return read_bytes(read_stdin(), "-", ".txt")
    return read_path(inp.real)


def read_stdin() -> bytes:
    """Standard input, bounded (``/dev/zero`` piped in is refused, not read until memory runs out)."""
    from checker import limits
    from checker.readers import read_bounded

    return read_bounded(sys.stdin.buffer, limits.MAX_TEXT_BYTES)


def suffix_of(inp: Input) -> str:
    """The suffix the readers are told: the file's, or .txt for stdin."""
    return ".txt" if inp.real is None else inp.real.suffix.lower()


def read_data(inp: Input) -> bytes:
    """A draft's bytes, for a writer that needs them besides the Document (``checker annotate``)."""
    if inp.error:
        raise inp.error
    if inp.real is None:
        return read_stdin()
    from checker.readers import open_regular, read_bounded

    with open_regular(inp.real) as fh:
        return read_bounded(fh, MAX_INPUT)


SPLIT_CHARS = 500_000   # a draft this long (a few hundred pages) may share its rules between two processes


def check_document(doc, ctx: Context, *, select=None, ignore=None, omitted: dict | None = None,
                   split: bool = False) -> list:
    """The findings of the run's rules on ``doc`` (``select``/``ignore`` override the context's), at most
    :data:`~checker.limits.MAX_FINDINGS_PER_CODE` of one code; ``omitted`` counts the rest by code.
    ``split``: a second core is free, so a draft of :data:`SPLIT_CHARS` or more may use it."""
    from checker import limits

    return run_rules(doc, ctx, select=select, ignore=ignore, limit=limits.MAX_FINDINGS_PER_CODE, omitted=omitted,
                     split=split and len(doc.text) >= SPLIT_CHARS)


def check_read(read, path: str, ctx: Context, split: bool = False) -> FileResult:
    """Read a draft once (``read()`` gives its Document), run the rules once, and return the checked
    result with its Document; a read error, or a bug, becomes the result's error."""
    result = FileResult(path=path)
    try:
        doc = read()
        result.format = doc.format
        result.encoding = doc.encoding
        result.document = doc
        result.findings = check_document(doc, ctx, omitted=result.omitted, split=split)
    except ReadError as e:
        result.error = {"code": e.code, "message": e.message(ctx.lang)}
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as e:  # a bug must cost one file, not the whole run, and never show a traceback
        detail = f"{type(e).__name__}: {e}".replace("\n", " ")[:300]
        result.error = {"code": "internal", "message": ReadError("internal", detail).message(ctx.lang)}
    return result


def check_input(inp: Input, ctx: Context, data: bytes | None = None, split: bool = False) -> FileResult:
    """The engine's entry: a draft (from ``data`` when given, else from its path or stdin) read once
    and checked once, as a :class:`FileResult` with its Document (``split``: see :func:`check_document`)."""
    if data is None:
        result = check_read(lambda: read_input(inp), inp.path, ctx, split)
    else:
        from checker.readers import read_bytes

        result = check_read(lambda: read_bytes(data, inp.path, suffix_of(inp)), inp.path, ctx, split)
    if result.error and result.format is None:
        suffix = Path(inp.path).suffix.lower()
        result.format = "docx" if suffix in (".docx", ".docm", ".dotx") else (suffix.lstrip(".") or None)
    return result


def check_paths(paths: list[str], ctx: Context, jobs: int | None = 1, keep: "Keep | None" = None) -> list[FileResult]:
    """Every draft under ``paths`` checked, in the order :func:`expand` gives.

    ``jobs``: worker processes (``None`` = one per core, ``1`` = all in this process); ``keep``: which
    Documents come back from them; see :func:`check_all`."""
    return check_all(expand(paths), ctx, jobs, keep)


# ---- checking in worker processes ---------------------------------------------------------------
#
# Files are checked in a pool of worker processes, each file read and checked whole in one worker;
# the results come back in input order, so the report is the serial run's byte for byte. What
# crosses the process boundary is plain data: the FileResult and its Findings, and, where the run
# needs it (the terminal and HTML reports name places and show lines; the CI formats and a baseline
# fingerprint a finding by the text around it; ``checker review`` checks in this process), a lean
# copy of its Document — its lines (text, kind, table place, style) plus comments, revisions and
# properties — without the runs of a .docx paragraph and without what rules derived from it
# (outline, period), which only the rules use. A Document never holds lxml elements. Sending every
# Document back cost a sixth of a run over 100 .docx, so a JSON report without a baseline gets none.
# ``checker annotate`` and the watcher check in their own process, where the full Document stays.

SMALL_RUN = 2   # this many drafts or fewer: checked in this process (no pool to start)


class Keep(NamedTuple):
    """Which Documents a run needs back from its worker processes: all of them (``all``: an HTML
    report), or those of drafts with findings that a baseline may hide (``baseline``: the file
    ``explicit``, or the one beside the draft, exists)."""

    all: bool = True
    baseline: bool = False
    explicit: str | None = None

    def __call__(self, result: FileResult) -> bool:
        if self.all:
            return True
        if not self.baseline or not result.findings or result.path == "-":
            return False
        from checker.baseline import location_for

        return location_for(result.path, self.explicit).exists()


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_all(inputs: list[Input], ctx: Context, jobs: int | None = 1, keep: Keep | None = None) -> list[FileResult]:
    """Check ``inputs`` in order with one context, in up to ``jobs`` processes: :func:`check_each`."""
    return list(check_each([(inp, ctx, None) for inp in inputs], jobs, keep))


def check_each(tasks, jobs: int | None = 1, keep: Keep | None = None):
    """Results of ``tasks`` — ``(Input, Context, keep its Document)``, that last None to ask ``keep``
    (default: keep it) — one by one, in order, checked in up to ``jobs`` processes (``None``:
    :func:`default_jobs`).

    A run of :data:`SMALL_RUN` drafts or fewer, or ``jobs`` 1, stays in this process. Otherwise the
    first draft is checked here (the run's vocabularies are then compiled once, before the workers
    are forked, and inherited by them) and the rest in a pool, each worker knowing the run's few
    contexts. Standard input is read here, in its place.

    A run of one or two drafts with ``jobs`` 2 or more leaves a core free: a large draft then shares
    its rules with a forked copy of this process (:func:`check_document`)."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    tasks = list(tasks)
    files = [i for i, (inp, _, _) in enumerate(tasks) if inp.real is not None and inp.error is None]
    if jobs == 1 or len(files) <= SMALL_RUN:
        for inp, ctx, _ in tasks:
            yield check_input(inp, ctx, split=jobs > 1)
        return
    contexts: list[Context] = []
    number: dict[int, int] = {}
    for _, ctx, _ in tasks:
        if id(ctx) not in number:
            number[id(ctx)] = len(contexts)
            contexts.append(ctx)
    rest = set(files[1:])
    pooled = _pooled([(tasks[i][0], number[id(tasks[i][1])], tasks[i][2]) for i in files[1:]], contexts,
                     min(jobs, len(rest)), keep or Keep())
    for i, (inp, ctx, _) in enumerate(tasks):
        r = next(pooled, None) if i in rest else None   # the pool gives its drafts in order
        yield r if r is not None else check_input(inp, ctx)


_WORKER_CONTEXTS: list[Context] = []


def _init_worker(contexts: list[Context] | None) -> None:
    global _WORKER_CONTEXTS
    if contexts is not None:   # spawn: the contexts come pickled; fork: they are inherited
        _WORKER_CONTEXTS = contexts
    import gc

    gc.freeze()  # what the worker inherited or imported stays out of the collector's way


def _check_in_worker(task, keep: Keep) -> FileResult:
    inp, n, want = task
    result = check_input(inp, _WORKER_CONTEXTS[n])
    return _lean_result(result, keep if want is None else (lambda _r: want))


def _lean_result(result: FileResult, keep=Keep()) -> FileResult:
    result.document = lean(result.document) if keep(result) else None
    return result


def lean(doc):
    """The Document as it crosses a process boundary: no runs, nothing derived (see above)."""
    if doc is None:
        return None
    for b in doc.blocks:
        b.runs = []
    doc._derived = {}
    doc._text = doc._starts = None
    return doc


def _portable(ctx: Context) -> Context:
    """The context as a spawned worker gets it: without the compiled vocabularies (compiled again there)."""
    return Context(**{**ctx.__dict__, "pack": {k: v for k, v in ctx.pack.items() if k != "_compiled"}})


def _pooled(tasks: list, contexts: list[Context], jobs: int, keep: Keep):
    """Results of ``tasks`` (Input, context number, keep) checked in ``jobs`` worker processes, in
    order, until the pool fails: a worker that dies (out of memory) leaves its drafts and those after
    them to be checked here."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    global _WORKER_CONTEXTS
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux" else "spawn"
    if method == "fork":
        _WORKER_CONTEXTS, init = contexts, None
    else:
        init = [_portable(c) for c in contexts]
    chunk = max(1, min(8, len(tasks) // (jobs * 4)))
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                                 initializer=_init_worker, initargs=(init,)) as pool:
            yield from pool.map(partial(_check_in_worker, keep=keep), tasks, chunksize=chunk)
    except Exception:  # a worker killed (BrokenProcessPool), a result that did not cross: see above
        return
    finally:
        _WORKER_CONTEXTS = []


def exit_code(results: list[FileResult], fail_on: str) -> int:
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        return 1
    return 0
