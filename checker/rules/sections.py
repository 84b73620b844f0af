"""Sections a report must have, and the numbering of its headings and lists.

`missing-section` (error): a part the kind of report requires (or its title promises) is not
there, neither as a heading nor as a recognisable paragraph. The message names the part, the
kind, and why checker took the draft for that kind.

`empty-section` (error): a heading with nothing under it, or only slots.

`section-order` (warning): two parts, each under a heading of its own, in an order the kind does
not allow (the plan before the review).

`section-year` (warning): a review or plan heading naming a year the title contradicts
("三、2022年工作计划" under "2020年工作总结及2021年工作计划").

`numbering` (warning): a gap, a repeat or a step back in the numbers of one level of headings
(一、二、四、), or of one list (一是…三是…), never across levels.
"""

from __future__ import annotations

from checker import kinds as K
from checker import outline as O
from checker.rules import Rule


class SectionsRule(Rule):
    name = "missing-section"
    weight = 60
    reads_outline = True

    def check(self, doc, ctx):
        ol = O.of(doc, ctx.pack)
        yield from self._empty(doc, ol, ctx)
        try:
            det = K.detect(doc, ol, ctx.pack, ctx.options.get("kind"))
        except K.KindError:
            return  # the command line reports an unknown --kind before any file is read
        if det is None:
            return
        if det.how != "option" and self._short(doc, ol, ctx.vocab("sections", K.build_sections).min_body_chars):
            yield from self._years(doc, ctx, det, K.evidence(doc, ol, ctx.pack, det=det))
            return
        needed = {*det.kind.requires, *(r.part for r in det.requirements), "problems", "plan"}
        found = K.evidence(doc, ol, ctx.pack, needed, det)
        parts = K.parts_of(ctx.pack)
        yield from self._missing(doc, ol, ctx, det, found, parts)
        yield from self._order(doc, ctx, det, found, parts)
        yield from self._years(doc, ctx, det, found)

    @staticmethod
    def _short(doc, ol, min_chars: int) -> bool:
        """The body (the title aside) has fewer than ``min_chars`` characters: too short to judge.
        Counting stops once there are enough."""
        titles = set(ol.title_lines)
        size = 0
        for n in ol.body_lines:
            if n not in titles:
                size += len(doc.block(n).text.strip())
                if size >= min_chars:
                    return False
        return size < min_chars

    def _empty(self, doc, ol, ctx):
        for node in ol.nodes:
            empty, slots = K.is_empty(doc, node)
            if not empty:
                continue
            head = (node.marker + node.title).strip()
            if slots:
                msg = ctx.say("标题“{h}”下面只有待填的占位符，没有内容：补写这一部分或删去标题",
                              "the heading “{h}” has only slots under it: write the section or delete the heading",
                              h=_clip(head))
            else:
                msg = ctx.say("标题“{h}”下面没有内容：补写这一部分或删去标题",
                              "nothing is written under the heading “{h}”: write the section or delete the heading",
                              h=_clip(head))
            yield ctx.finding_at(doc, "empty-section", node.line, node.column, None, msg,
                                 heading=head, only_slots=slots)

    def _missing(self, doc, ol, ctx, det, found, parts):
        required: dict[str, str] = {}
        reasons: dict[str, str] = {}
        for name in det.kind.requires:
            if name in parts:
                required[name] = parts[name].label(ctx.lang)
                reasons[name] = "kind"
        for req in det.requirements:
            if req.part in parts:
                required[req.part] = req.label(ctx.lang)
                reasons[req.part] = "title" if reasons.get(req.part) != "kind" else "both"
        line = det.line or (ol.body_lines[0] if ol.body_lines else None)
        if line is None:
            return
        kind = det.kind.label(ctx.lang)
        for name, label in required.items():
            if found.get(name):
                continue
            part = parts[name]
            if reasons[name] == "title":
                why = ctx.say("标题“{t}”要求有这一部分（本文按“{k}”检查）", "the title “{t}” promises it (checked as a {k})",
                              t=_clip(det.text), k=kind)
            else:
                why = ctx.say("按“{k}”检查（{r}），这类报告必须有这一部分",
                              "checked as a {k} ({r}), which must have it", k=kind, r=det.reason(ctx.lang))
            msg = ctx.say("缺少“{p}”部分：{w}。可用“{a}”等作标题，或写成一段",
                          "the draft has no “{p}”: {w}. Give it a heading such as {a}, or a paragraph of its own",
                          p=label, w=why, a=part.also.split(" / ")[0] if ctx.lang != "en" else part.also)
            col, end = (det.column, det.end_column) if line == det.line else (1, None)
            yield ctx.finding_at(doc, self.name, line, col, end, msg,
                                 part=name, kind=det.kind.name, detected_by=det.how)

    def _order(self, doc, ctx, det, found, parts):
        pos = {}
        for name in det.kind.order:
            placed = [e for e in found.get(name, []) if e.how in ("heading", "runin", "sections")]
            if placed:
                pos[name] = placed[0]
        present = [n for n in det.kind.order if n in pos]
        for a_i, a in enumerate(present):
            for b in present[a_i + 1:]:
                if pos[b].line < pos[a].line:
                    eb, ea = pos[b], pos[a]
                    msg = ctx.say("“{b}”（{lb}）排在了“{a}”（{la}）前面：{k}应先写{a}，再写{b}",
                                  "“{b}” ({lb}) comes before “{a}” ({la}): a {k} puts {a} first",
                                  a=parts[a].label(ctx.lang), b=parts[b].label(ctx.lang), la=ctx.where(doc, ea.line),
                                  lb=ctx.where(doc, eb.line),
                                  k=det.kind.label(ctx.lang))
                    node = eb.node
                    yield ctx.finding_at(doc, "section-order", eb.line, node.column if node else 1, None,
                                         msg, part=b, before=a)
                    return

    def _years(self, doc, ctx, det, found):
        if det.title_year is None and not any(r.year for r in det.requirements):
            return
        for part, offsets in (("review", det.kind.review_years), ("plan", det.kind.plan_years)):
            explicit = [r.year for r in det.requirements if r.part == part and r.year]
            if explicit:
                allowed = set(explicit)
            elif det.title_year is not None and offsets:
                allowed = {det.title_year + o for o in offsets}
            else:
                continue
            seen = set()
            for ev in found.get(part, []):
                if ev.how != "heading" or ev.line in seen:
                    continue
                seen.add(ev.line)
                node = ev.node
                for year, a, b in K.heading_years(node.title, part):
                    if year in allowed:
                        continue
                    col = node.column + len(node.marker) + _lead(doc.block(node.line).text, node) + a
                    want = "、".join(str(y) for y in sorted(allowed))
                    msg = ctx.say("标题写的是 {y} 年，与题目“{t}”不符（应为 {w} 年）：多半是旧模板留下的年份",
                                  "this heading says {y}, which contradicts the title “{t}” ({w} expected): "
                                  "probably a year left from an old template",
                                  y=year, t=_clip(det.text), w=want)
                    yield ctx.finding_at(doc, "section-year", node.line, col, col + (b - a), msg,
                                         year=year, expected=sorted(allowed), part=part)


def _lead(text: str, node) -> int:
    """Characters between the numbering and the heading's words on the line."""
    start = node.column - 1 + len(node.marker)
    i = start
    while i < len(text) and text[i] in " \t\u3000":
        i += 1
    return i - start


def _clip(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[:n] + "…"


class NumberingRule(Rule):
    name = "numbering"
    weight = 2
    reads_outline = True

    def check(self, doc, ctx):
        ol = O.of(doc, ctx.pack)
        for siblings in [ol.roots] + [n.children for n in ol.nodes]:
            groups: dict[str, list] = {}
            for n in siblings:
                if n.number is not None:
                    groups.setdefault(n.mtype, []).append(n)
            for mtype, seq in groups.items():
                for prev, cur, what in _anomalies(seq):
                    yield self._finding(doc, ctx, cur.line, cur.column, cur.column + len(cur.marker), mtype,
                                        prev.number, cur.number, what, prev.line)
        sections: dict[tuple, list] = {}
        run, run_line, run_stem = None, None, None   # the list run in on the line of the last item
        for it in ol.items:
            line, stem = it.line, it.stem
            if it.inline:
                if line == run_line and stem == run_stem:
                    run.append(it)   # 一是…二是…三是 on one line: the same list as the item before
                    continue
                key = ("inline", line, stem)
            else:
                sec = ol.section_of(line)
                key = ("start", sec.line if sec else 0, stem)
            seq = sections.get(key)
            if seq is None:
                seq = sections[key] = [it]
            else:
                seq.append(it)
            if it.inline:
                run, run_line, run_stem = seq, line, stem
        inline_by_line = None   # the numbers of the lists run in on each line, for a list at line starts
        for (where, _, stem), seq in sections.items():
            if _follows_on(seq):
                continue   # most lists: nothing to judge
            for prev, cur, what in _anomalies(seq):
                if where == "start":
                    if inline_by_line is None:
                        inline_by_line = _inline_numbers(ol.items)
                    if any(cur.number - 1 in inline_by_line.get((ln, stem), ()) for ln in range(prev.line, cur.line)):
                        continue  # the list went on inside the paragraphs between
                yield self._finding(doc, ctx, cur.line, cur.column, cur.end_column, stem, prev.number,
                                    cur.number, what, prev.line)

    def _finding(self, doc, ctx, line, col, end, style, prev, cur, what, prev_line):
        p, c = _label(style, prev), _label(style, cur)
        if what == "gap":
            missing = "、".join(_label(style, n) for n in range(prev + 1, min(cur, prev + 4)))
            msg = ctx.say("编号从“{p}”跳到了“{c}”，缺少“{m}”", "numbering jumps from “{p}” to “{c}”: “{m}” is missing",
                          p=p, c=c, m=missing)
        elif what == "repeat":
            msg = ctx.say("编号“{c}”重复了（{l}已有“{p}”）", "“{c}” is used twice (also at {l})",
                          c=c, p=p, l=ctx.where(doc, prev_line))
        else:
            msg = ctx.say("编号“{c}”排在“{p}”（{l}）之后，次序颠倒", "“{c}” comes after “{p}” ({l}): "
                          "out of order", c=c, p=p, l=ctx.where(doc, prev_line))
        return ctx.finding_at(doc, self.name, line, col, end, msg, problem=what,
                              previous=prev, number=cur, previous_line=prev_line)


def _follows_on(seq) -> bool:
    """Each number one more than the one before (a list of one included): ``_anomalies`` finds nothing."""
    n = seq[0].number
    for it in seq:
        if it.number != n:
            return False
        n += 1
    return True


def _inline_numbers(items) -> dict[tuple, set]:
    """(line, stem) -> the numbers of the list items run in on that line."""
    out: dict[tuple, set] = {}
    for it in items:
        if it.inline:
            out.setdefault((it.line, it.stem), set()).add(it.number)
    return out


def _label(style: str, n: int) -> str:
    if style in ("是", "要", "抓", "靠") or len(style) == 1 and style != "第":
        return O._cn_text(n) + style
    if style == "第":
        return "第" + O._cn_text(n)
    return O.number_label(style, n)


def _anomalies(seq):
    """(previous, current, "gap" | "repeat" | "back") for each number that does not follow on.

    One numbering style may serve two levels: a list that starts again at one inside an item
    (一、二、[一、…五、]三、, or 一是…[一是…二是…]二是…) is a nested list, and a number that continues
    an outer list closes the nested ones. A list may also simply start again at one (一是…一是… is an
    old way of listing); the first number is never judged."""
    if not seq:
        return
    stack = [seq[0]]                 # the last item of each open list, outermost first
    for cur in seq[1:]:
        c, top = cur.number, stack[-1]
        if c == top.number + 1:
            stack[-1] = cur
            continue
        if c == 1:
            stack.append(cur)
            continue
        for i in range(len(stack) - 2, -1, -1):
            if c == stack[i].number + 1:
                del stack[i + 1:]
                stack[-1] = cur
                break
        else:
            p = top.number
            yield top, cur, ("repeat" if c == p else "gap" if c > p else "back")
            stack[-1] = cur
