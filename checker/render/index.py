"""The watcher's index page: every draft of the folder, newest check first, with links to its reports."""

from __future__ import annotations

from pathlib import Path

from checker.fileio import COPY_SUFFIX
from checker.findings import SEVERITIES
from checker.i18n import tr

REPORT_SUFFIXES = {"html": ".html", "json": ".json", "docx": COPY_SUFFIX}


def now_iso() -> str:
    from datetime import datetime

    return datetime.now().astimezone().isoformat(timespec="seconds")


def render_index(entries: list[dict], root: Path, lang: str = "zh") -> str:
    from html import escape
    from os import fsencode
    from urllib.parse import quote

    t = lambda zh, en: tr(lang, zh, en)  # noqa: E731
    rows = []
    for e in entries:
        links = []
        for fmt, label in (("html", t("报告", "report")), ("docx", t("批注版", "annotated")), ("json", "JSON")):
            if fmt in e.get("formats", ()) and not (fmt == "docx" and e.get("error")):
                links.append(f'<a href="{escape(quote(fsencode(e.get("report", e["path"]) + REPORT_SUFFIXES[fmt])))}">{label}</a>')
        c = e.get("counts", {})
        when = str(e.get("checked_at", "")).replace("T", " ")[:19]
        status = (f'<td class="err" colspan="4">{escape(t("无法读取：", "unreadable: ") + e["error"])}</td>'
                  if e.get("error") else
                  "".join(f'<td class="n{" " + s if c.get(s) else ""}">{c.get(s, 0)}</td>' for s in SEVERITIES)
                  + f'<td class="n accepted">{int(e.get("suppressed") or 0)}</td>')
        rows.append(f"<tr><td>{escape(e['path'])}</td><td>{escape(when)}</td>{status}<td>{' '.join(links)}</td></tr>")
    title = t("文稿检查索引", "Draft check index")
    total = dict.fromkeys(SEVERITIES, 0)
    for e in entries:
        for s in SEVERITIES:
            total[s] += e.get("counts", {}).get(s, 0)
    hidden = sum(int(e.get("suppressed") or 0) for e in entries)
    summary = t(f"{len(entries)} 份文稿：{total['error']} 个错误，{total['warning']} 个警告，{total['info']} 个提示",
                f"{len(entries)} drafts: {total['error']} errors, {total['warning']} warnings, {total['info']} info")
    if hidden:
        summary += t(f"；基线隐藏了 {hidden} 条已接受的问题", f"; {hidden} accepted finding(s) hidden by the baseline")
    head = "".join(f"<th>{h}</th>" for h in (t("文稿", "draft"), t("检查时间", "checked"), t("错误", "errors"),
                                             t("警告", "warnings"), t("提示", "info"),
                                             t("已接受（基线隐藏）", "accepted (hidden)"), t("报告", "reports")))
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="60">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em;color:#222}}
table{{border-collapse:collapse}} th,td{{border:1px solid #ccc;padding:.3em .6em;text-align:left}}
th{{background:#f3f3f3}} td.n{{text-align:right}} td.error{{color:#b00020;font-weight:bold}}
td.warning{{color:#a15c00;font-weight:bold}} td.err{{color:#b00020}} .meta{{color:#666}}
</style></head><body>
<h1>{title}</h1>
<p class="meta">{escape(str(root))} · {escape(summary)} · {t("更新于", "updated")} {escape(now_iso().replace("T", " ")[:19])}</p>
<table><thead><tr>{head}</tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table>
</body></html>
"""
