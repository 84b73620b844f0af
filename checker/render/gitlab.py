"""``--format gitlab``: GitLab Code Quality JSON (a subset of Code Climate's), shown in merge requests.

A JSON array; each issue has ``description``, ``check_name`` (the finding code), ``fingerprint``
(unique in the report and stable when lines are inserted above: the draft's path and the finding's
content fingerprint), ``severity`` and ``location.path`` / ``location.lines.begin``. Severities:
error → ``major``, warning → ``minor``, info → ``info``. A file that could not be read is an issue
of severity ``critical`` whose ``check_name`` is ``unreadable``.
"""

from __future__ import annotations

import json

from checker.render.ci import digest, with_fingerprints

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(results, *, lang: str = "zh", color: bool = False, **_) -> str:
    issues = []
    for r in results:
        if r.error:
            issues.append({
                "type": "issue",
                "description": f"{r.path}: {r.error.get('message', '')}",
                "check_name": "unreadable",
                "fingerprint": digest("unreadable", r.path, r.error.get("code", "")),
                "severity": "critical",
                "location": {"path": r.path, "lines": {"begin": 1}},
            })
            continue
        for f, fp in with_fingerprints(r):
            issues.append({
                "type": "issue",
                "description": f.message,
                "check_name": f.rule,
                "fingerprint": digest(r.path, fp),
                "severity": SEVERITIES.get(f.severity, "minor"),
                "location": {"path": r.path, "lines": {"begin": f.line, "end": f.end_line}},
            })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
