"""From inputs to results: expand paths, read each file once, run the rules once.

:func:`make_context` resolves a run's settings into one :class:`~checker.rules.Context`;
:func:`check_input` is the one entry from a draft (a path, stdin or its bytes) to a checked
:class:`~checker.findings.FileResult`. ``check``, ``annotate``, ``review`` and ``watch`` all go through it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from checker.errors import ReadError
from checker.findings import SEVERITY_RANK, FileResult
from checker.limits import MAX_DOCX_BYTES as MAX_INPUT  # bytes read into memory for a writer
from checker.rules import Context, run_rules

DRAFT_SUFFIXES = (".docx", ".docm", ".dotx", ".txt", ".doc", ".wps")
REPORTS_DIR = "_checker"


def is_draft_name(name: str) -> bool:
    """A file name a draft could have: not hidden, not a Word/WPS lock or temporary file."""
    if name.startswith((".", "~$", "~WRL", "~WRD", ".~lock")) or name.endswith("#"):
        return False
    return name.lower().endswith(DRAFT_SUFFIXES)


@dataclass
class Input:
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


def check_document(doc, ctx: Context, *, select=None, ignore=None, omitted: dict | None = None) -> list:
    """The findings of the run's rules on ``doc`` (``select``/``ignore`` override the context's), at most
    :data:`~checker.limits.MAX_FINDINGS_PER_CODE` of one code; ``omitted`` counts the rest by code."""
    from checker import limits

    return run_rules(doc, ctx, select=select, ignore=ignore, limit=limits.MAX_FINDINGS_PER_CODE, omitted=omitted)


def check_read(read, path: str, ctx: Context) -> FileResult:
    """Read a draft once (``read()`` gives its Document), run the rules once, and return the checked
    result with its Document; a read error, or a bug, becomes the result's error."""
    result = FileResult(path=path)
    try:
        doc = read()
        result.format = doc.format
        result.encoding = doc.encoding
        result.document = doc
        result.findings = check_document(doc, ctx, omitted=result.omitted)
    except ReadError as e:
        result.error = {"code": e.code, "message": e.message(ctx.lang)}
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as e:  # a bug must cost one file, not the whole run, and never show a traceback
        detail = f"{type(e).__name__}: {e}".replace("\n", " ")[:300]
        result.error = {"code": "internal", "message": ReadError("internal", detail).message(ctx.lang)}
    return result


def check_input(inp: Input, ctx: Context, data: bytes | None = None) -> FileResult:
    """The engine's entry: a draft (from ``data`` when given, else from its path or stdin) read once
    and checked once, as a :class:`FileResult` with its Document."""
    if data is None:
        result = check_read(lambda: read_input(inp), inp.path, ctx)
    else:
        from checker.readers import read_bytes

        result = check_read(lambda: read_bytes(data, inp.path, suffix_of(inp)), inp.path, ctx)
    if result.error and result.format is None:
        suffix = Path(inp.path).suffix.lower()
        result.format = "docx" if suffix in (".docx", ".docm", ".dotx") else (suffix.lstrip(".") or None)
    return result


def check_paths(paths: list[str], ctx: Context) -> list[FileResult]:
    return [check_input(inp, ctx) for inp in expand(paths)]


def exit_code(results: list[FileResult], fail_on: str) -> int:
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        return 1
    return 0
