"""From inputs to results: expand paths, read each file, run the rules."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import ReadError
from checker.findings import SEVERITY_RANK, FileResult
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
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "~")) and d != REPORTS_DIR)
                found.extend(Path(root) / f for f in sorted(files) if is_draft_name(f))
            if not found:
                out.append(Input(raw, p, ReadError("no-drafts")))
            out.extend(Input(str(f), f) for f in found)
        elif not p.exists():
            out.append(Input(raw, p, ReadError("not-found")))
        else:
            out.append(Input(raw, p))
    return out


@dataclass
class Options:
    lang: str = "zh"
    packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    kind: str | None = None
    extra: dict = field(default_factory=dict)


def make_context(opts: Options, pack: dict | None = None) -> Context:
    from checker import packs

    pack = pack if pack is not None else packs.load(opts.packs)
    severities = dict(pack.get("checker", {}).get("severity", {}))
    options = dict(opts.extra)
    if opts.kind:
        options["kind"] = opts.kind
    return Context(lang=opts.lang, pack=pack, severities=severities, options=options)


def read_input(inp: Input):
    from checker.readers import read_bytes, read_path

    if inp.error:
        raise inp.error
    if inp.real is None:
        return read_bytes(sys.stdin.buffer.read(), "-", ".txt")
    return read_path(inp.real)


def check_document(doc, ctx: Context, opts: Options) -> list:
    return run_rules(doc, ctx, select=opts.select or None, ignore=opts.ignore)


def check_input(inp: Input, ctx: Context, opts: Options) -> FileResult:
    result = FileResult(path=inp.path)
    try:
        doc = read_input(inp)
        result.format = doc.format
        result.encoding = doc.encoding
        result.document = doc
        result.findings = check_document(doc, ctx, opts)
    except ReadError as e:
        result.error = {"code": e.code, "message": e.message(ctx.lang)}
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as e:  # a bug must cost one file, not the whole run, and never show a traceback
        detail = f"{type(e).__name__}: {e}".replace("\n", " ")[:300]
        result.error = {"code": "internal", "message": ReadError("internal", detail).message(ctx.lang)}
    if result.error and result.format is None:
        suffix = Path(inp.path).suffix.lower()
        result.format = "docx" if suffix in (".docx", ".docm", ".dotx") else (suffix.lstrip(".") or None)
    return result


def check_paths(paths: list[str], opts: Options, ctx: Context | None = None) -> list[FileResult]:
    ctx = ctx or make_context(opts)
    return [check_input(inp, ctx, opts) for inp in expand(paths)]


def summarize(results: list[FileResult]) -> dict:
    by_sev = {"error": 0, "warning": 0, "info": 0}
    by_rule: dict[str, dict[str, int]] = {}
    for r in results:
        for f in r.findings:
            by_sev[f.severity] += 1
            by_rule.setdefault(f.rule, {"error": 0, "warning": 0, "info": 0})[f.severity] += 1
    return {
        "files": len(results),
        "unreadable": sum(1 for r in results if r.error),
        "findings": sum(by_sev.values()),
        "by_severity": by_sev,
        "by_rule": dict(sorted(by_rule.items())),
        "suppressed": sum(r.suppressed for r in results),
    }


def exit_code(results: list[FileResult], fail_on: str) -> int:
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        return 1
    return 0
