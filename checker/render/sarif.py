"""``--format sarif``: SARIF 2.1.0, the log format code-scanning services read (GitHub, Azure DevOps).

One run, tool ``checker``, with every finding code as a rule (``reportingDescriptor``): its summary,
default level and a help URI to its page. Regions use SARIF's ``utf16CodeUnits`` column kind, said
explicitly in the run, so a character outside the BMP counts two; ``endColumn`` is exclusive, as in
SARIF. A .docx's lines are its paragraphs numbered as ``checker text`` prints them. Each result has a
content fingerprint (``partialFingerprints``) that survives lines inserted above it. A file that could
not be read is a ``toolExecutionNotification`` of level error, and the invocation is then not
successful (the exit code is 2).

Help URIs point at ``help_base`` + ``<code>.md`` when given (the project's published rule pages),
else at the page installed with checker (a ``file:`` URI).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from checker.render.ci import line_text, utf16_column, utf16_columns, with_fingerprints

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "checkerContent/v1"


def help_uri(code, help_base: str | None = None) -> str:
    if help_base:
        return help_base.rstrip("/") + "/" + quote(code.doc)
    from checker.docs import docs_dir

    return (docs_dir() / code.doc).resolve().as_uri()


def artifact_uri(path: str) -> str:
    """A URI reference for a path as the report shows it: relative paths stay relative (with ``/``),
    absolute ones become ``file:`` URIs; characters outside URI syntax are percent-encoded."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(PurePosixPath(*p.parts).as_posix() if p.parts else path, safe="/")


def _artifact(path: str) -> dict:
    if path == "-":
        return {"description": {"text": "standard input"}}
    return {"uri": artifact_uri(path)}


def _rules(lang: str, help_base: str | None) -> tuple[list[dict], dict[str, int]]:
    from checker import codes

    rules, index = [], {}
    for i, c in enumerate(codes.CODES.values()):
        index[c.name] = i
        rules.append({
            "id": c.name,
            "name": "".join(w.capitalize() for w in c.name.split("-")),
            "shortDescription": {"text": c.describe(lang)},
            "fullDescription": {"text": c.describe("en" if lang != "en" else "zh")},
            "helpUri": help_uri(c, help_base),
            "defaultConfiguration": {"level": LEVELS[c.severity.value]},
            "properties": {"family": c.family, "tags": [c.family]},
        })
    return rules, index


def _region(result, f) -> dict:
    start, end = utf16_columns(result, f)
    region = {"startLine": f.line, "startColumn": start, "endLine": f.end_line, "endColumn": end}
    if f.text:
        region["snippet"] = {"text": f.text}
    return region


def _result(result, f, fp: str, index: dict[str, int]) -> dict:
    out = {
        "ruleId": f.rule,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {"artifactLocation": _artifact(result.path), "region": _region(result, f)},
        }],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
    }
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    if f.location:
        out["locations"][0]["message"] = {"text": f.location}
    if f.related:
        related = []
        for n, r in enumerate(f.related, 1):
            start = _col16(result, r.line, r.column)
            end = _col16(result, r.line, r.end_column)
            loc = {"id": n, "physicalLocation": {
                "artifactLocation": _artifact(result.path),
                "region": {"startLine": r.line, "startColumn": start, "endLine": r.line, "endColumn": end}}}
            if r.note:
                loc["message"] = {"text": r.note}
            related.append(loc)
        out["relatedLocations"] = related
    props = {}
    if f.suggestion is not None:
        props["suggestion"] = f.suggestion
    if f.context:
        props["context"] = f.context
    if props:
        out["properties"] = props
    return out


def _col16(result, line: int, column: int) -> int:
    return utf16_column(line_text(result, line), column)


def report(results, *, lang: str = "zh", help_base: str | None = None) -> dict:
    from checker import __distribution__, __version__

    rules, index = _rules(lang, help_base)
    out_results, notes = [], []
    for r in results:
        if r.error:
            notes.append({
                "level": "error",
                "message": {"text": f"{r.path}: {r.error.get('message', '')}"},
                "descriptor": {"id": r.error.get("code", "unreadable")},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.path)}}],
            })
            continue
        for f, fp in with_fingerprints(r):
            out_results.append(_result(r, f, fp, index))
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "checker",
                "fullName": f"checker ({__distribution__})",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }},
            "invocations": [{"executionSuccessful": not notes, "toolExecutionNotifications": notes}],
            "columnKind": "utf16CodeUnits",
            "language": "zh-CN" if lang != "en" else "en-US",
            "results": out_results,
        }],
    }


def render(results, *, lang: str = "zh", color: bool = False, help_base: str | None = None, **_) -> str:
    return json.dumps(report(results, lang=lang, help_base=help_base), ensure_ascii=False, indent=2) + "\n"
