"""The outline, the kinds and the numbered lines as text (and the outline as JSON): what
``checker outline``, ``checker kinds`` and ``checker text`` print."""

from __future__ import annotations

import json
from dataclasses import dataclass

from checker.period import period_json, period_lines

_HOW_LABEL = {"heading": ("标题", "heading"), "paragraph": ("段落", "paragraph"),
              "runin": ("行内标题", "heading run into the line"),
              "opening": ("开头段落", "opening paragraphs"),
              "sections": ("未点明的章节", "chapters naming no part"),
              "position": ("位置和将来时的措辞", "its place and future wording")}


@dataclass
class OutlineView:
    """What the outline command shows of one draft: its outline, its detected kind, where each part is."""

    doc: object
    outline: object          # checker.outline.Outline
    detected: object         # checker.kinds detection, or None
    found: dict              # part name -> evidence list
    parts: dict              # part name -> Part
    named: dict              # heading line -> names of the parts it is
    period: object = None    # checker.period.Period, or None when no year is known
    place: object = None     # checker.period.Place, or None

    @classmethod
    def of(cls, doc, pack: dict, kind: str | None = None, year: int | None = None) -> "OutlineView":
        from checker import kinds as K
        from checker import outline as O
        from checker.period import period_of, place_of

        ol = O.build(doc, pack)
        det = K.detect(doc, ol, pack, kind)
        found = K.evidence(doc, ol, pack, det=det)
        named: dict = {}
        for name, evs in found.items():
            for e in evs:
                if e.how in ("heading", "runin", "sections", "position"):
                    named.setdefault(e.line, []).append(name)
        return cls(doc, ol, det, found, K.parts_of(pack), named,
                   period_of(doc, pack, kind, year), place_of(doc, pack, kind))


def render_json(path: str, view: OutlineView, lang: str) -> str:
    ol, det, named = view.outline, view.detected, view.named

    def node_json(n):
        return {"line": n.line, "marker": n.marker, "title": n.title, "style": n.mtype,
                "number": n.number, "end_line": n.end, "parts": named.get(n.line, []),
                "children": [node_json(c) for c in n.children]}

    data = {"path": path, "title_lines": ol.title_lines,
            "kind": det and {"name": det.kind.name, "detected_by": det.how, "line": det.line,
                             "reason": det.reason(lang),
                             "requires": sorted(set(det.kind.requires) | {r.part for r in det.requirements})},
            "outline": [node_json(n) for n in ol.roots],
            "list_items": [{"line": i.line, "column": i.column, "marker": i.marker, "number": i.number,
                            "inline": i.inline} for i in ol.items],
            "runin_title": ol.runin_title and {"line": ol.runin_title[0], "column": ol.runin_title[1],
                                               "text": ol.runin_title[2]},
            "runin_headings": [{"line": n.line, "column": n.column, "marker": n.marker, "title": n.title,
                                "parts": [k for k, evs in view.found.items() for e in evs if e.node is n]}
                               for n in ol.runin],
            "parts": {name: [{"line": e.line, "column": e.column, "how": e.how} for e in evs]
                      for name, evs in view.found.items()},
            **period_json(view.period, view.place)}
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_outline(path: str, view: OutlineView, lang: str) -> str:
    ol, det, doc = view.outline, view.detected, view.doc
    en = lang == "en"
    width = len(str(ol.last_line or 1))
    lines = []
    if det:
        lines.append(f"# {path}: {det.kind.label(lang)} ({det.reason(lang)})" if en else
                     f"# {path}：{det.kind.label(lang)}（{det.reason(lang)}）")
    else:
        lines.append(f"# {path}: kind of report not recognised (use --kind)" if en else
                     f"# {path}：未能识别报告类型（可用 --kind 指定）")
    for n in ol.title_lines:
        lines.append(f"{n:>{width}}  {'title' if en else '标题'}  {doc.block(n).text.strip()}")
    if ol.runin_title:
        n, col, words = ol.runin_title
        lines.append(f"{n:>{width}}  {'title (run in, column ' + str(col) + ')' if en else '标题（行内，第 ' + str(col) + ' 列）'}"
                     f"  {words}")
    shown = sorted(ol.nodes + ol.runin, key=lambda x: (x.line, x.column))
    for node in shown:
        tag = ""
        parts_here = [k for k, evs in view.found.items() for e in evs if e.node is node]
        if parts_here:
            tag = "   ← " + "、".join(view.parts[p].label(lang) for p in dict.fromkeys(parts_here))
        at = (f":{node.column}" if node in ol.runin else "")
        lines.append(f"{node.line:>{width}}{at}  {'  ' * node.level}{node.marker}{node.title}{tag}")
    if not shown:
        lines.append("(no headings found)" if en else "（没有找到标题）")
    if det:
        lines.extend(_required_parts(view, lang))
    lines.extend(period_lines(view.period, view.place, lang))
    return "\n".join(lines)


def _required_parts(view: OutlineView, lang: str) -> list[str]:
    det, en = view.detected, lang == "en"
    required = list(dict.fromkeys([*det.kind.requires, *(r.part for r in det.requirements)]))
    lines = ["", "Parts:" if en else "必备部分："]
    for name in required:
        part = view.parts.get(name)
        if part is None:
            continue
        evs = view.found.get(name, [])
        label = part.label(lang)
        if evs:
            e = evs[0]
            where = (f"line {e.line} ({_HOW_LABEL[e.how][1]})" if en else
                     f"第 {e.line} 行（{_HOW_LABEL[e.how][0]}）")
            lines.append(f"  ✓ {label}: {where}" if en else f"  ✓ {label}：{where}")
        else:
            lines.append(f"  ✗ {label}: missing" if en else f"  ✗ {label}：缺少")
    return lines


def render_kinds(pack: dict, lang: str, verbose: bool = False) -> str:
    """The kinds of report: how each is recognised (in words; the patterns too with ``verbose``) and
    the parts it requires."""
    from checker import kinds as K
    from checker.render.pattern_words import describe, describe_all

    en = lang == "en"
    parts = K.parts_of(pack)
    out = []

    def how(patterns, zh_head, en_head):
        pats = [p.pattern for p in patterns]
        words = describe_all(pats, lang)
        out.append("  " + (f"{en_head}: " if en else f"{zh_head}：") + (words if words is not None else " | ".join(pats)))
        if verbose and words is not None:
            out.append(("    pattern: " if en else "    模式：") + " | ".join(pats))

    for kind in K.kinds_of(pack).values():
        out.append(f"{kind.name}  ({kind.en})")
        how(kind.title, "标题含", "title has")
        if kind.signals:
            how(kind.signals, "或开头一行", "or the opening line has")
        req = []
        for name in kind.requires:
            part = parts.get(name)
            req.append(f"{part.label(lang)} [{part.also}]" if part else name)
        out.append(("  requires: " if en else "  必备：") + ("; ".join(req) if en else "；".join(req)))
        why = kind.why_en if en else kind.why
        if why:
            out.append(("  note: " if en else "  说明：") + why)
        out.append("")
    extra = pack.get("sections", {}).get("title_requires", [])
    if extra:
        out.append("A title adds:" if en else "标题另加的要求：")
        for item in extra:
            part = parts.get(item["part"])
            words = describe(item["pattern"], lang)
            shown = words if words is not None and not verbose else f"/{item['pattern']}/"
            if words is not None and verbose:
                shown = f"{words}  /{item['pattern']}/"
            out.append(f"  {shown} → {part.label(lang) if part else item['part']}")
    return "\n".join(out).rstrip()


def render_text(path: str, doc, lang: str) -> str:
    """``checker text``: a header line, then every line with its number and where it lives."""
    width = len(str(len(doc.blocks)))
    out = []
    for b in doc.blocks:
        label = b.location(lang)
        if b.outline_level is not None:
            label += f" {'大纲' if lang == 'zh' else 'level'}{b.outline_level + 1}"
        if b.style and b.style.lower() not in ("normal", "正文", "默认段落字体"):
            label += f" «{b.style}»"
        out.append(f"{b.line:>{width}}  [{label}]  {b.text}")
    enc = f", {doc.encoding}" if doc.encoding else ""
    return f"# {path} ({doc.format}{enc}, {len(doc.blocks)} lines)\n" + "\n".join(out)

