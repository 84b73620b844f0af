"""``--format checkstyle``: Checkstyle XML, read by Jenkins' warnings plugin, reviewdog and others.

One ``<file name=…>`` per input, one ``<error line column severity message source>`` per finding
(``source`` is ``checker.<code>``; severity error/warning/info; columns in characters from 1).
A file that could not be read gets one ``<error>`` of severity error with source
``checker.unreadable``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.render.ci import sorted_findings, xml_text


def render(results, *, lang: str = "zh", color: bool = False, **_) -> str:
    root = ET.Element("checkstyle", version="4.3")
    for r in results:
        el = ET.SubElement(root, "file", name=xml_text(r.path))
        if r.error:
            ET.SubElement(el, "error", line="1", severity="error",
                          message=xml_text(r.error.get("message", "")), source="checker.unreadable")
            continue
        for f in sorted_findings(r):
            ET.SubElement(el, "error", line=str(f.line), column=str(f.column), severity=f.severity,
                          message=xml_text(f.message), source=f"checker.{f.rule}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
