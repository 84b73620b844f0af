"""``--format html``: one self-contained page to review the findings in a browser.

Everything is in the file: the style sheet and the small script are inline
and pinned by hash in a Content-Security-Policy that allows nothing else (no
network, no other script, no fonts or images from anywhere). Draft text is
data: every character of it goes through :func:`html.escape`, so a draft that
contains ``<script>`` shows those characters.

The page has a summary per draft and per rule, filters by severity and rule,
a list of findings per draft whose entries jump to their line, and the draft's
full text (from ``FileResult.document``; the file is never read again) with
every finding marked in place. Without the script the page still reads and the
links still jump; the script adds the filters.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from checker import __version__
from checker.findings import SEVERITIES, SEVERITY_RANK, severity_label
from checker.i18n import tr
from checker.places import finding_place
from checker.summary import summarize


def _e(s) -> str:
    return escape(str(s), quote=True)


CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei","Source Han Sans SC",sans-serif;color:#1f2328;background:#f6f7f9}
header.top{background:#24415f;color:#fff;padding:14px 24px}
header.top h1{margin:0;font-size:22px}
header.top .meta{margin:2px 0 0;opacity:.85;font-size:13px}
main{padding:0 24px 48px;max-width:1200px}
h2{font-size:18px;margin:28px 0 10px}
h3{font-size:15px;margin:18px 0 8px;color:#444}
table{border-collapse:collapse;background:#fff;margin:6px 0 12px;min-width:50%}
th,td{border:1px solid #d6d9de;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.totals span{display:inline-block;margin-right:18px}
.sev-error .sev,.c-error{color:#b3261e;font-weight:600}
.sev-warning .sev,.c-warning{color:#8a5a00;font-weight:600}
.sev-info .sev,.c-info{color:#1d5fa8}
.bad{color:#b3261e}
#filters{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid #d6d9de;padding:8px 24px;display:flex;flex-wrap:wrap;gap:6px 22px;align-items:center;box-shadow:0 1px 3px rgba(0,0,0,.06)}
#filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
#filters legend{float:left;font-weight:600;margin-right:6px;padding:0}
#filters label{white-space:nowrap;cursor:pointer}
#shown{margin-left:auto;color:#555}
section.file{background:#fff;border:1px solid #d6d9de;border-radius:6px;padding:4px 18px 16px;margin:22px 0}
section.file>h2{margin-top:14px;word-break:break-all}
ol.findings{padding-left:0;list-style:none;margin:0;max-height:50vh;overflow:auto}
li.finding{padding:3px 6px;border-left:4px solid transparent;margin:2px 0}
li.finding.sev-error{border-left-color:#b3261e}
li.finding.sev-warning{border-left-color:#d99a00}
li.finding.sev-info{border-left-color:#5b8fd0}
li.finding a.pos{margin-right:8px;text-decoration:none;color:#24415f}
li.finding code{background:#eef1f5;padding:0 4px;border-radius:3px;margin:0 6px}
li.finding q{quotes:"“" "”";background:#fff3c4;padding:0 2px}
li.finding .loc{color:#666;font-size:13px}
li.finding.flash{background:#fff3c4}
.text{font-size:15px;border-top:1px solid #e3e6ea;margin-top:6px}
.line{display:flex;gap:10px;padding:1px 0;scroll-margin-top:120px;border-bottom:1px solid #f1f2f4}
.line .ln{flex:0 0 3.5em;text-align:right;color:#8a8f98;font-family:Consolas,"DejaVu Sans Mono",monospace;font-size:13px;padding-top:2px;user-select:none}
.line .tx{flex:1;white-space:pre-wrap;word-break:break-word;min-height:1.4em}
.line .tag{flex:0 0 auto;font-size:12px;color:#666;background:#eef1f5;border-radius:3px;padding:0 5px;height:1.6em;align-self:center}
.line:target,.line.flash{background:#fff8d6}
body.only-flagged .line:not(.lit){display:none}
mark{background:none;color:inherit;cursor:pointer;border-radius:2px}
mark[data-sev=error]{background:#ffd3cf;box-shadow:inset 0 -2px #b3261e}
mark[data-sev=warning]{background:#ffeab0;box-shadow:inset 0 -2px #d99a00}
mark[data-sev=info]{background:#dce9fb;box-shadow:inset 0 -2px #5b8fd0}
mark.off{background:none;box-shadow:none;cursor:auto}
mark.flash{outline:2px solid #24415f}
span.pt::before{content:"‸";color:#b3261e;font-weight:700}
span.pt.off::before{content:""}
.empty{color:#2e7d32}
[hidden]{display:none!important}
@media print{#filters{display:none}body{background:#fff}section.file{border:0}}
""".strip()

JS = """
(function () {
  "use strict";
  var RANK = {error: 3, warning: 2, info: 1};
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-sev]"));
  var ruleBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-rule]"));
  var only = document.getElementById("only-flagged");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll(".tx [data-f]"));
  var lines = Array.prototype.slice.call(document.querySelectorAll(".line.has-f"));
  var shown = document.getElementById("shown-n");
  var files = Array.prototype.slice.call(document.querySelectorAll("section.file"));

  function apply() {
    var sev = {}, rule = {}, visible = {}, n = 0;
    sevBoxes.forEach(function (b) { sev[b.getAttribute("data-filter-sev")] = b.checked; });
    ruleBoxes.forEach(function (b) { rule[b.getAttribute("data-filter-rule")] = b.checked; });
    items.forEach(function (li) {
      var on = sev[li.getAttribute("data-sev")] !== false && rule[li.getAttribute("data-rule")] !== false;
      li.hidden = !on;
      if (on) { visible[li.id] = li.getAttribute("data-sev"); n += 1; }
    });
    marks.forEach(function (m) {
      var best = "";
      m.getAttribute("data-f").split(" ").forEach(function (id) {
        var s = visible[id];
        if (s && (!best || RANK[s] > RANK[best])) { best = s; }
      });
      if (best) { m.classList.remove("off"); m.setAttribute("data-sev", best); }
      else { m.classList.add("off"); m.removeAttribute("data-sev"); }
    });
    lines.forEach(function (line) {
      line.classList.toggle("lit", !!line.querySelector("[data-f]:not(.off)"));
    });
    files.forEach(function (sec) {
      var c = sec.querySelector(".shown-in-file");
      if (c) { c.textContent = String(sec.querySelectorAll("li.finding:not([hidden])").length); }
    });
    if (shown) { shown.textContent = String(n); }
    document.body.classList.toggle("only-flagged", !!(only && only.checked));
  }

  var flashed = [];
  function flash(els) {
    flashed.forEach(function (el) { el.classList.remove("flash"); });
    flashed = els;
    els.forEach(function (el) { el.classList.add("flash"); });
  }

  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t && t.matches && t.matches("#filters input")) { apply(); }
  });
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[data-jump]") : null;
    if (a) {
      var line = document.getElementById(a.getAttribute("data-jump"));
      if (!line) { return; }
      ev.preventDefault();
      line.scrollIntoView({block: "center"});
      var li = a.closest("li.finding");
      var fid = li ? li.id : "";
      var hits = [line];
      marks.forEach(function (m) {
        if ((" " + m.getAttribute("data-f") + " ").indexOf(" " + fid + " ") >= 0) { hits.push(m); }
      });
      flash(hits);
      if (history.replaceState) { history.replaceState(null, "", "#" + line.id); }
      return;
    }
    var m = ev.target.closest ? ev.target.closest(".tx [data-f]") : null;
    if (m && !m.classList.contains("off")) {
      var ids = m.getAttribute("data-f").split(" ");
      for (var i = 0; i < ids.length; i++) {
        var item = document.getElementById(ids[i]);
        if (item && !item.hidden) {
          item.scrollIntoView({block: "center"});
          flash([item, m]);
          break;
        }
      }
    }
  });
  apply();
})();
""".strip()


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


CSP = ("default-src 'none'; style-src " + _hash(CSS) + "; script-src " + _hash(JS)
       + "; img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")


def _labels(lang):
    t = lambda zh, en: tr(lang, zh, en)  # noqa: E731
    return {
        "title": t("checker 检查报告", "checker report"),
        "back": t("← 全部文稿", "← all drafts"),
        "summary": t("概况", "Summary"),
        "files": t("文稿", "Drafts"),
        "file": t("文稿", "Draft"),
        "format": t("格式", "Format"),
        "lines": t("行数", "Lines"),
        "rules": t("按规则", "By rule"),
        "rule": t("规则", "Rule"),
        "about": t("说明", "What it finds"),
        "total": t("合计", "Total"),
        "filters_sev": t("级别", "Severity"),
        "filters_rule": t("规则", "Rule"),
        "only": t("只显示有问题的行", "Only lines with findings"),
        "shown": t("显示", "Showing"),
        "of": t("条，共", "of"),
        "items": t("条", "findings"),
        "list": t("问题列表", "Findings"),
        "text": t("全文", "Full text"),
        "none": t("未发现问题。", "Nothing found."),
        "unreadable": t("无法读取", "Cannot read"),
        "no_text": t("（没有可显示的正文）", "(no text to show)"),
        "suppressed": t("基线隐藏了 {n} 条已接受的问题", "{n} accepted finding(s) hidden by the baseline"),
        "checked": t("检查了 {n} 个文件", "{n} file(s) checked"),
        "jump": t("跳到第 {line} 行", "Go to line {line}"),
        "in_file": t("本文稿显示", "shown in this draft"),
    }


def _line_marks(text: str, spans) -> str:
    """The escaped text of one line with ``<mark>``s; ``spans`` = [(start, end, fid, severity, message)]."""
    if not spans:
        return _e(text)
    n = len(text)
    points = {}
    cuts = {0, n}
    ranges = []
    for s, e, fid, sev, msg in spans:
        s = min(max(0, s), n)
        e = min(max(0, e), n)
        if e <= s:
            points.setdefault(s, []).append((fid, sev, msg))
        else:
            ranges.append((s, e, fid, sev, msg))
            cuts.update((s, e))
    order = sorted(cuts)
    out = []
    for i, a in enumerate(order):
        if a in points:
            ids = [p[0] for p in points[a]]
            best = max((p[1] for p in points[a]), key=SEVERITY_RANK.get)
            tip = "\n".join(p[2] for p in points[a])
            out.append(f'<span class="pt" data-f="{_e(" ".join(ids))}" data-sev="{best}" title="{_e(tip)}"></span>')
        if i + 1 == len(order):
            break
        b = order[i + 1]
        chunk = _e(text[a:b])
        cover = [r for r in ranges if r[0] <= a and r[1] >= b]
        if cover:
            ids = " ".join(r[2] for r in cover)
            best = max((r[3] for r in cover), key=SEVERITY_RANK.get)
            tip = "\n".join(r[4] for r in cover)
            out.append(f'<mark data-f="{_e(ids)}" data-sev="{best}" title="{_e(tip)}">{chunk}</mark>')
        else:
            out.append(chunk)
    return "".join(out)


def _rule_summaries(lang) -> dict:
    from checker.codes import CODES

    return {name: code.describe(lang) for name, code in CODES.items()}


def render(results, *, lang: str = "zh", color=False, pages: list | None = None, back: str | None = None,
           **_) -> str:
    """The report as one page. With ``pages`` (one relative address per draft) it is the index of a
    split report: the summary, each draft linking to its own page, no draft text. ``back`` is the
    address of that index, linked from a draft's own page."""
    L = _labels(lang)
    summary = summarize(results)
    about = _rule_summaries(lang)
    out = []
    w = out.append
    w("<!DOCTYPE html>")
    w(f'<html lang="{"en" if lang == "en" else "zh-CN"}">')
    w("<head>")
    w('<meta charset="utf-8">')
    w(f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">')
    w('<meta name="generator" content="checker ' + _e(__version__) + '">')
    w(f"<title>{_e(L['title'] if len(results) != 1 or pages else results[0].path + ' · ' + L['title'])}</title>")
    w(f"<style>{CSS}</style>")
    w("</head>")
    w("<body>")
    home = f'<a class="back" href="{_e(back)}">{_e(L["back"])}</a> · ' if back else ""
    w(f'<header class="top"><h1>{_e(L["title"])}</h1>'
      f'<p class="meta">{home}{_e(L["checked"].format(n=summary["files"]))} · checker {_e(__version__)}</p></header>')
    if pages is None:
        _filters(w, summary, lang, L)
    w("<main>")
    _summary_section(w, results, summary, lang, L, about, pages)
    if pages is None:
        for i, r in enumerate(results, 1):
            _file_section(w, i, r, lang, L)
    w("</main>")
    if pages is None:
        w(f"<script>{JS}</script>")
    w("</body></html>")
    return "\n".join(out) + "\n"


# A report whose drafts' text adds up to more than this many characters is written as an index page plus
# one page per draft (``write``): a browser opens the index at once and each draft's page on demand.
SPLIT_OVER = 2_000_000


def estimated_size(results) -> int:
    """Roughly how many characters the one-page report of ``results`` has: text, marks and findings."""
    return sum(len(r.document.text) + 120 * len(r.document.blocks) if r.document is not None else 200
               for r in results) + 600 * sum(len(r.findings) for r in results)


def write(results, output, *, lang: str = "zh", split_over: int | None = None) -> list:
    """Write the HTML report to ``output`` (atomically); above ``split_over`` characters, ``output`` is
    an index page and each draft gets its own page in the folder ``<name>_files`` beside it. Returns the
    paths written."""
    from pathlib import Path
    from urllib.parse import quote

    from checker.fileio import atomic_write

    output = Path(output)
    if estimated_size(results) <= (SPLIT_OVER if split_over is None else split_over):
        atomic_write(output, render(results, lang=lang))
        return [output]
    folder = output.with_name(output.stem + "_files")
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"{i:04d}.html" for i in range(1, len(results) + 1)]
    for old in folder.glob("[0-9][0-9][0-9][0-9].html"):
        if old.name not in names:
            old.unlink()
    back = "../" + quote(output.name)
    written = []
    for r, name in zip(results, names):
        atomic_write(folder / name, render([r], lang=lang, back=back))
        written.append(folder / name)
    pages = [f"{quote(folder.name)}/{name}" for name in names]
    atomic_write(output, render(results, lang=lang, pages=pages))
    return [output, *written]


def _filters(w, summary, lang, L):
    """The sticky bar: a checkbox per severity and per rule, and the count shown."""
    sev_counts = summary["by_severity"]
    rule_totals = {rule: sum(c.values()) for rule, c in summary["by_rule"].items()}
    w('<nav id="filters">')
    w(f'<fieldset><legend>{_e(L["filters_sev"])}</legend>')
    for s in SEVERITIES:
        w(f'<label class="c-{s}"><input type="checkbox" checked data-filter-sev="{s}"> '
          f'{_e(severity_label(s, lang))} ({sev_counts[s]})</label>')
    w("</fieldset>")
    if rule_totals:
        w(f'<fieldset><legend>{_e(L["filters_rule"])}</legend>')
        for rule, n in rule_totals.items():
            w(f'<label><input type="checkbox" checked data-filter-rule="{_e(rule)}"> {_e(rule)} ({n})</label>')
        w("</fieldset>")
    w(f'<label><input type="checkbox" id="only-flagged"> {_e(L["only"])}</label>')
    if lang == "en":
        w(f'<span id="shown">{L["shown"]} <b id="shown-n">{summary["findings"]}</b> of '
          f'<b id="total-n">{summary["findings"]}</b> findings</span>')
    else:
        w(f'<span id="shown">显示 <b id="shown-n">{summary["findings"]}</b> 条，共 '
          f'<b id="total-n">{summary["findings"]}</b> 条</span>')
    w("</nav>")


def _summary_section(w, results, summary, lang, L, about, pages=None):
    """Totals, a row per draft, and a row per rule."""
    sev_counts = summary["by_severity"]
    w(f'<section id="summary"><h2>{_e(L["summary"])}</h2>')
    w('<p class="totals">')
    for s in SEVERITIES:
        w(f'<span class="c-{s}">{_e(severity_label(s, lang))} <b data-total="{s}">{sev_counts[s]}</b></span>')
    if summary["unreadable"]:
        w(f'<span class="bad">{_e(L["unreadable"])} <b data-total="unreadable">{summary["unreadable"]}</b></span>')
    if summary["suppressed"]:
        w(f'<span>{_e(L["suppressed"].format(n=summary["suppressed"]))}</span>')
    w("</p>")
    w(f'<table class="by-file"><thead><tr><th>{_e(L["file"])}</th><th>{_e(L["format"])}</th>'
      f'<th class="n">{_e(L["lines"])}</th>'
      + "".join(f'<th class="n c-{s}">{_e(severity_label(s, lang))}</th>' for s in SEVERITIES)
      + "</tr></thead><tbody>")
    for i, r in enumerate(results, 1):
        counts = {s: sum(1 for f in r.findings if f.severity == s) for s in SEVERITIES}
        doc = r.document
        nlines = len(doc.blocks) if doc is not None else ""
        if r.error:
            cells = f'<td colspan="4" class="bad">{_e(L["unreadable"])}：{_e(r.error.get("message", ""))}</td>'
        else:
            cells = "".join(f'<td class="n" data-file-count="{s}">{counts[s]}</td>' for s in SEVERITIES)
        href = pages[i - 1] if pages else f"#file-{i}"
        w(f'<tr data-file="{i}"><td><a href="{_e(href)}">{_e(r.path)}</a></td><td>{_e(r.format or "")}'
          f'{_e(" · " + r.encoding) if r.encoding else ""}</td>'
          + ("" if r.error else f'<td class="n">{nlines}</td>') + cells + "</tr>")
    w("</tbody></table>")
    if summary["by_rule"]:
        w(f'<h3>{_e(L["rules"])}</h3>')
        w(f'<table class="by-rule"><thead><tr><th>{_e(L["rule"])}</th><th>{_e(L["about"])}</th>'
          + "".join(f'<th class="n c-{s}">{_e(severity_label(s, lang))}</th>' for s in SEVERITIES)
          + "</tr></thead><tbody>")
        for rule, c in summary["by_rule"].items():
            w(f'<tr data-rule="{_e(rule)}"><td><code>{_e(rule)}</code></td><td>{_e(about.get(rule, ""))}</td>'
              + "".join(f'<td class="n" data-rule-count="{s}">{c[s]}</td>' for s in SEVERITIES) + "</tr>")
        w("</tbody></table>")
    w("</section>")


def _file_section(w, i, r, lang, L):
    w(f'<section class="file" id="file-{i}" data-path="{_e(r.path)}">')
    w(f"<h2>{_e(r.path)}</h2>")
    if r.error:
        w(f'<p class="bad">{_e(L["unreadable"])}：{_e(r.error.get("message", ""))}</p></section>')
        return
    counts = {s: sum(1 for f in r.findings if f.severity == s) for s in SEVERITIES}
    bits = " · ".join(f'<span class="c-{s}">{_e(severity_label(s, lang))} {counts[s]}</span>' for s in SEVERITIES)
    extra = f' · {_e(L["suppressed"].format(n=r.suppressed))}' if r.suppressed else ""
    w(f'<p>{bits}{extra} · {_e(L["in_file"])} <b class="shown-in-file">{len(r.findings)}</b></p>')

    doc = r.document
    nblocks = len(doc.blocks) if doc is not None else 0
    fids = _findings_list(w, i, r, lang, L, nblocks)
    w(f'<h3>{_e(L["text"])}</h3>')
    if doc is None or not doc.blocks:
        w(f'<p>{_e(L["no_text"])}</p></section>')
        return
    _text_view(w, i, r, fids, lang)


def _findings_list(w, i, r, lang, L, nblocks) -> list[str]:
    """The numbered list of a file's findings, each linking to its line; the ids given to them."""
    fids = []
    if not r.findings:
        w(f'<p class="empty">{_e(L["none"])}</p>')
        return fids
    w(f'<h3>{_e(L["list"])}</h3><ol class="findings">')
    for j, f in enumerate(r.findings, 1):
        fid = f"f{i}-{j}"
        fids.append(fid)
        line = min(max(1, f.line), nblocks) if nblocks else f.line
        flagged = f" <q>{_e(f.text)}</q>" if f.text else ""
        w(f'<li class="finding sev-{_e(f.severity)}" id="{fid}" data-sev="{_e(f.severity)}" '
          f'data-rule="{_e(f.rule)}"><a class="pos" href="#f{i}-L{line}" data-jump="f{i}-L{line}" '
          f'title="{_e(L["jump"].format(line=f.line))} ({f.line}:{f.column})">{_e(finding_place(r, f, lang))}</a>'
          f'<span class="sev">{_e(severity_label(f.severity, lang))}</span>'
          f'<code>{_e(f.rule)}</code>{_e(f.message)}{flagged}</li>')
    w("</ol>")
    return fids


def _text_view(w, i, r, fids, lang) -> None:
    """The draft's numbered lines with every finding's span marked (a span over several lines on each),
    closing the file's section."""
    doc = r.document
    nblocks = len(doc.blocks)
    per_line: dict[int, list] = {}
    for fid, f in zip(fids, r.findings):
        first = min(max(1, f.line), nblocks)
        last = min(max(first, f.end_line), nblocks)
        for ln in range(first, last + 1):
            text = doc.blocks[ln - 1].text
            s = f.column - 1 if ln == f.line else 0
            e = f.end_column - 1 if ln == f.end_line else len(text)
            per_line.setdefault(ln, []).append((s, e, fid, f.severity, f"{f.rule}: {f.message}"))
    w('<div class="text">')
    for b in doc.blocks:
        spans = per_line.get(b.line)
        tag = ""
        if b.kind != "body":
            tag = f'<span class="tag">{_e(b.location(lang))}</span>'
        cls = "line has-f" if spans else "line"
        w(f'<div class="{cls}" id="f{i}-L{b.line}"><span class="ln">{b.line}</span>'
          f'<span class="tx">{_line_marks(b.text, spans)}</span>{tag}</div>')
    w("</div></section>")
