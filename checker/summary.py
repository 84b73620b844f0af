"""Counting findings: the summary every report format shows (part of the findings model)."""

from __future__ import annotations

from checker.findings import SEVERITIES, FileResult


def severity_counts(findings) -> dict[str, int]:
    """{"error": n, "warning": n, "info": n} for a list of findings."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


def summarize(results: list[FileResult]) -> dict:
    by_sev = dict.fromkeys(SEVERITIES, 0)
    by_rule: dict[str, dict[str, int]] = {}
    for r in results:
        for f in r.findings:
            by_sev[f.severity] += 1
            by_rule.setdefault(f.rule, dict.fromkeys(SEVERITIES, 0))[f.severity] += 1
    return {
        "files": len(results),
        "unreadable": sum(1 for r in results if r.error),
        "findings": sum(by_sev.values()),
        "by_severity": by_sev,
        "by_rule": dict(sorted(by_rule.items())),
        "suppressed": sum(r.suppressed for r in results),
    }
