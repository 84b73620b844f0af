"""Accepted findings: a baseline of false alarms a reviewer chose to keep quiet.

The baseline lives in ``.checker-baseline.json`` beside the drafts (or wherever
``--baseline PATH`` says). A finding is matched by a fingerprint of its rule,
the flagged text and a few characters either side (whitespace removed), plus
its rank among findings with the same fingerprint in the draft — never by its
line number, so lines inserted or deleted above it do not un-accept it, while
an edit to the flagged text or its neighbourhood does.

File format (version 1)::

    {"version": 1,
     "drafts": {"工作总结.docx": [
        {"fingerprint": "3f2a…", "rule": "placeholder", "text": "X", "excerpt": "推广X光机进村"}]}}

Draft names are relative to the baseline's folder, with ``/`` separators.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path


FILENAME = ".checker-baseline.json"
VERSION = 1
NEIGHBOURHOOD = 8
_SPACE = re.compile(r"\s+")


class BaselineError(Exception):
    """A baseline that cannot be used; the message names the file."""


def _norm(s: str) -> str:
    return _SPACE.sub("", s)


def fingerprints(findings, document) -> list[str]:
    """One fingerprint per finding, in order: content-based, ranked among equals."""
    import hashlib  # here, not at import: `checker check` imports this module for every run

    seen: dict[str, int] = {}
    out = []
    for f in findings:
        text = document.block(f.line).text if document is not None and 1 <= f.line <= len(document.blocks) else ""
        start = f.column - 1
        end = f.end_column - 1 if f.end_line == f.line else len(text)
        before = _norm(text[max(0, start - NEIGHBOURHOOD * 2):start])[-NEIGHBOURHOOD:]
        after = _norm(text[end:end + NEIGHBOURHOOD * 2])[:NEIGHBOURHOOD]
        key = "\x1f".join((f.rule, _norm(f.text), before, after))
        base = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        rank = seen.get(base, 0)
        seen[base] = rank + 1
        out.append(f"{base}-{rank}")
    return out


def location_for(draft: str, explicit: str | os.PathLike | None) -> Path:
    return Path(explicit) if explicit else Path(draft).resolve().parent / FILENAME


def _key(draft: str, baseline: Path) -> str:
    try:
        rel = os.path.relpath(Path(draft).resolve(), baseline.resolve().parent)
    except ValueError:  # another drive on Windows
        rel = str(Path(draft).resolve())
    return rel.replace(os.sep, "/")


def load(path: Path) -> dict:
    if not path.exists():
        return {"version": VERSION, "drafts": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BaselineError(f"{path}: 基线文件无法读取 / baseline unreadable: {e}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("drafts"), dict):
        raise BaselineError(f"{path}: 不是 checker 基线文件（version {VERSION}）/ not a checker baseline")
    for name, entries in data["drafts"].items():
        if not isinstance(entries, list) or not all(isinstance(e, dict) and "fingerprint" in e for e in entries):
            raise BaselineError(f"{path}: “{name}”的条目格式不对 / malformed entries for {name}")
    return data


def save(path: Path, data: dict) -> None:
    data["drafts"] = {k: v for k, v in sorted(data["drafts"].items()) if v}
    from checker.fileio import atomic_write

    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def apply(results, explicit: str | os.PathLike | None = None) -> None:
    """Hide accepted findings from ``results`` (in place), counting them in ``suppressed``."""
    cache: dict[Path, dict] = {}
    for r in results:
        if not r.findings or r.path == "-" or r.document is None:
            continue
        keep = filter_findings(r.path, r.findings, r.document, explicit, cache)
        r.suppressed += len(r.findings) - len(keep)
        r.findings = keep


def filter_findings(draft: str, findings, document, explicit=None, cache: dict | None = None) -> list:
    """The findings of ``draft`` that its baseline has not accepted."""
    if draft == "-" or not findings:
        return list(findings)
    path = location_for(draft, explicit)
    cache = {} if cache is None else cache
    if path not in cache:
        cache[path] = load(path)
    accepted = {e["fingerprint"] for e in cache[path]["drafts"].get(_key(draft, path), [])}
    if not accepted:
        return list(findings)
    return [f for f, fp in zip(findings, fingerprints(findings, document)) if fp not in accepted]


class Baseline:
    """The baseline of one draft, for ``checker review``: accept and un-accept, saved at once."""

    def __init__(self, draft: str, explicit=None):
        self.path = location_for(draft, explicit)
        self.key = _key(draft, self.path)
        load(self.path)  # fail early on a corrupt file

    def accepted(self) -> set[str]:
        return {e["fingerprint"] for e in load(self.path)["drafts"].get(self.key, [])}

    def accept(self, finding, fingerprint: str, document) -> None:
        data = load(self.path)  # re-read: another reviewer may have written meanwhile
        entries = data["drafts"].setdefault(self.key, [])
        if any(e["fingerprint"] == fingerprint for e in entries):
            return
        text = document.block(finding.line).text if document is not None else ""
        a = max(0, finding.column - 1 - 15)
        entries.append({"fingerprint": fingerprint, "rule": finding.rule, "text": finding.text,
                        "line_when_accepted": finding.line, "excerpt": text[a:finding.end_column - 1 + 15]})
        save(self.path, data)

    def unaccept(self, fingerprint: str) -> None:
        data = load(self.path)
        entries = data["drafts"].get(self.key, [])
        data["drafts"][self.key] = [e for e in entries if e["fingerprint"] != fingerprint]
        save(self.path, data)
