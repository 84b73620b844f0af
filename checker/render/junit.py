"""``--format junit``: JUnit XML, which Jenkins, GitLab and Azure test views read.

One ``<testcase>`` per draft (``name`` its path, ``file`` too). A draft with findings at or above
``fail_on`` (default ``error``, like the exit code) fails: its ``<failure>`` lists every such finding,
one per line (``line:col severity rule message``). Findings below ``fail_on`` are listed in the
testcase's ``<system-out>``. A file that could not be read is an ``<error>`` with its reason.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.findings import SEVERITY_RANK
from checker.render.ci import sorted_findings, xml_text


def _line(f) -> str:
    return f"{f.line}:{f.column} {f.severity} {f.rule} {f.message}"


def _fails(severity: str, fail_on: str) -> bool:
    return fail_on != "never" and SEVERITY_RANK.get(severity, 0) >= SEVERITY_RANK[fail_on]


def render(results, *, lang: str = "zh", color: bool = False, fail_on: str = "error", **_) -> str:
    if fail_on not in (*SEVERITY_RANK, "never"):
        raise ValueError(f"fail_on: {fail_on!r}")
    suite = ET.Element("testsuite", name="checker")
    failures = errors = 0
    for r in results:
        case = ET.SubElement(suite, "testcase", classname="checker", name=xml_text(r.path),
                             file=xml_text(r.path), time="0")
        if r.error:
            errors += 1
            el = ET.SubElement(case, "error", message=xml_text(r.error.get("message", "")),
                               type=r.error.get("code", "unreadable"))
            el.text = xml_text(f"{r.path}: {r.error.get('message', '')}")
            continue
        found = sorted_findings(r)
        failing = [f for f in found if _fails(f.severity, fail_on)]
        other = [f for f in found if not _fails(f.severity, fail_on)]
        if failing:
            failures += 1
            worst = max(failing, key=lambda f: SEVERITY_RANK.get(f.severity, 0)).severity
            summary = (f"{len(failing)} finding(s)" if lang == "en" else f"{len(failing)} 处问题")
            el = ET.SubElement(case, "failure", message=summary, type=worst)
            el.text = xml_text("\n".join(_line(f) for f in failing))
        if other:
            ET.SubElement(case, "system-out").text = xml_text("\n".join(_line(f) for f in other))
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors), "skipped": "0"}
    suite.attrib.update(counts, time="0")
    root = ET.Element("testsuites", name="checker", **counts)
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
