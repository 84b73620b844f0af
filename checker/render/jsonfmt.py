"""``--format json``: the versioned, documented machine-readable report."""

from __future__ import annotations

import json

from checker import __version__
from checker.summary import summarize

SCHEMA_VERSION = 1


def report(results) -> dict:
    return {
        "version": SCHEMA_VERSION,
        "checker": __version__,
        "files": [r.as_json() for r in results],
        "summary": summarize(results),
    }


def render(results, *, lang="zh", color=False, **_) -> str:
    # compact: a report of tens of thousands of findings is written three times faster than indented
    return json.dumps(report(results), ensure_ascii=False, separators=(",", ":")) + "\n"
