"""Stale years, stale periods and another place's name: what a copied report still says.

The report's period and place come from :mod:`checker.period` (title, kind, ``--year``; title,
opening, signature). Each rule speaks only when the wording ties a fact to the report itself, and
its message names both facts and why they clash.

`stale-year` (warning): a review paragraph opening with an earlier year (2023年，全乡完成… in a 2024
summary); a plan paragraph opening with an earlier year (2024年，我们将… in a 2025 plan); a
signature date before the end of the period reported on.

`stale-period` (warning): a five-year plan, a Party congress or a plenum named as current when it
had ended, or been succeeded, before the report's period (今年是“十三五”收官之年 in 2025;
深入贯彻党的十九大精神 in 2024).

`date-after-period` (warning): a date in the review after the period reported on (截至2025年9月底
in a 2024 summary), or a month after June told in the past in a first-half summary.

`other-place` (warning): another township (or county) named as the draft itself: its 党委、政府 or
人民政府 as the subject of the work, its name in the signature or the opening.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import islice, repeat

from checker.patterns import alt
from checker import period as P
from checker.hanzi import fold, fold_sources
from checker.rules import Rule

_SPACES = " \t\u3000\u00a0\ufeff\u200b\u200d"
_MARK = r"(?:[（(]?[一二三四五六七八九十0-9]{1,3}[)）、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、])?"
_OPEN_YEAR = re.compile(rf"^[{_SPACES}]*{_MARK}[{_SPACES}]*((?:19|20)[0-9]{{2}})年度?[，,]")
_PLAN_YEAR = re.compile(rf"^[{_SPACES}]*{_MARK}[{_SPACES}]*((?:19|20)[0-9]{{2}})年度?(?:[，,](?=[^。；]{{0,24}}(?:将|要|继续|计划))|是)")
_CLAUSE_END = "。；;！!？?"
_CLAUSE_MARK = re.compile(f"[{_CLAUSE_END}]")
_STMT = re.compile(r"(今年|明年|((?:19|20)[0-9]{2})年)(?:度)?是[^，,]{0,24}$")
_ORDINAL = re.compile(r"^(?:规划|计划)?(?:的)?[^，,。；]{0,10}?(开局|起步|开篇|收官|最后一年|决胜|关键|攻坚|承上启下|谋篇布局|"
                      r"全面实施|实施|第[一二三四五]年)[^，,]{0,2}?(?:之年|一年|年)")
_SPIRIT = re.compile(r"精神|为指导|为统领|决策部署")
_HELD = re.compile(r"以来|召开|期间")
_SINCE = re.compile(r"^(?:以来|至今|起|开始|后|前|底前)")
# Where a line of the text as written can open with a year or a date (the only characters of
# _OPEN_YEAR, _PLAN_YEAR and _DATE_OPEN that fold changes are the digits, written here full-width
# too): one scan of the whole text from line start to line start finds the few lines those
# patterns can match; _LEAD_FIRST for the first line, which no "\n" precedes.
_LEAD_BODY = rf"[{_SPACES}（(一二三四五六七八九十0-9０-９)）、.．是第，,]*(?:[0-9０-９]{{4}}|[〇○零一二三四五六七八九]{{4}})年"
_LEAD = re.compile("\n" + _LEAD_BODY)
_LEAD_FIRST = re.compile(_LEAD_BODY)


def _as_written(folded: str) -> str | None:
    """A pattern for the text as written whose ``fold`` is ``folded`` (each character a class of the
    characters folding to it), or None when no text folds to it."""
    out = []
    for ch in folded:
        c = fold_sources(ch)
        if not c:
            return None
        out.append(re.escape(c) if len(c) == 1 else "[" + "".join(map(re.escape, c)) + "]")
    return "".join(out)


def _lead_scans(words, prefix: int | None = None) -> tuple[re.Pattern, ...]:
    """Scans of the text as written that together find every place where ``fold`` of it has one of
    ``words`` (with ``prefix``, their first ``prefix`` characters: a few short words that find a line
    for a closer look, quick to compile): one pattern per first character (a Traditional or
    full-width form being a first character of its own), so that ``re`` skips to that character in
    C, where an alternation or a class first would be tried at every position of the text."""
    groups: dict[str, list[str]] = {}
    for w in sorted({w[:prefix] for w in words}, key=lambda w: (-len(w), w)):
        tail = _as_written(w[1:])
        if not w or tail is None:
            continue   # no text folds to w
        for c in fold_sources(w[0]):
            groups.setdefault(c, []).append(tail)
    return tuple(re.compile(re.escape(c) + ("" if "" in tails else "(?:" + "|".join(tails) + ")"))
                 for c, tails in groups.items())


_MULTI_YEAR = _lead_scans(("过去五年", "五年来", "本届政府"))
_CLAIM_HINT = _lead_scans(("截至", "截止"))
_MONTH_HINT = re.compile(r"月[份初中上下旬底末]{0,2}[，,]")


@dataclass(eq=False)
class _Vocab:
    """The ``[period]`` pack section, compiled once per run (``ctx.vocab``); some scans on first use."""

    plans: list        # (name, start, end)
    bodies: dict       # name -> (date (y, m), successor date (y, m) or None, kind "congress"/"plenum")
    later: dict        # name -> the first congress or plenum held after it (name, (y, m)), or None
    plan_re: re.Pattern | None
    body_re: re.Pattern | None
    # the names alone, without the look-behind: a scan in C that rules out almost every line at once
    plan_hint: re.Pattern | None
    body_hint: re.Pattern | None
    carry: re.Pattern
    retro: re.Pattern
    latest: re.Pattern
    self_subject: re.Pattern
    history: re.Pattern
    future: re.Pattern
    mention: re.Pattern
    partner: re.Pattern
    done: re.Pattern
    organs: tuple

    # Compiled when a rule first asks for them:

    @cached_property
    def period_hint(self) -> tuple:
        """Scans of the text as written (_lead_scans) for the first characters of the names of the
        plans, congresses and plenums: the lines that can name one."""
        return _lead_scans([n for n, _, _ in self.plans] + list(self.bodies), 3)

    @cached_property
    def place_hint(self) -> tuple:
        """The same for a township with its organs (镇党委…), and _ALL_OF_HINT (全…镇上下): the lines
        that can name a township as the subject."""
        return _lead_scans([lv + o for lv in ("镇", "乡", "街道") for o in self.organs], 3) + (_ALL_OF_HINT,)

    @cached_property
    def carried_6(self) -> re.Pattern:
        """A carry_out word and up to 6 more characters, at the end."""
        return re.compile(rf"(?:{self.carry.pattern})[^，,]{{0,6}}$")

    @cached_property
    def carried_12(self) -> re.Pattern:
        """A carry_out word and up to 12 more characters (as few as may be), at the end."""
        return re.compile(rf"(?:{self.carry.pattern})[^，,]{{0,12}}?$")


def _ym(s: str) -> tuple[int, int]:
    y, _, m = str(s).partition("-")
    return int(y), int(m) if m.isdigit() else 1


def _alt(words) -> str:
    return alt(words) or "(?!)"  # nothing to match: a pattern that never matches


def _entries(section: dict, table: str, keys: tuple[str, ...]) -> list[dict]:
    out = section.get(table, [])
    for item in out:
        if not isinstance(item, dict) or any(k not in item for k in keys):
            raise ValueError(f"[[periods.{table}]] {item!r}: 每项须有 / each entry needs {', '.join(keys)}")
        if "date" in keys and not re.fullmatch(r"(19|20)[0-9]{2}(-[0-9]{1,2})?", str(item["date"])):
            raise ValueError(f"[[periods.{table}]] {item['name']}: date 须写成 / date must be YYYY-MM")
    return out


def build_vocab(section: dict) -> _Vocab:
    plans = [(p["name"], int(p["start"]), int(p["end"])) for p in _entries(section, "plans", ("name", "start", "end"))]
    congresses = sorted(((c["name"], _ym(c["date"])) for c in _entries(section, "congresses", ("name", "date"))),
                        key=lambda c: c[1])
    bodies, later = {}, {}
    for i, (name, date) in enumerate(congresses):
        nxt = congresses[i + 1][1] if i + 1 < len(congresses) else None
        bodies[name] = (date, nxt, "congress")
    for p in _entries(section, "plenums", ("name", "date")):
        c = bodies.get(p.get("congress", ""))
        bodies[p["name"]] = (_ym(p["date"]), c[1] if c else None, "plenum")
    events = sorted(bodies.items(), key=lambda kv: kv[1][0])
    for name, (date, _, _) in bodies.items():
        after = [(n, d) for n, (d, _, _) in events if d > date]
        later[name] = after[0] if after else None
    w = section.get("words", {})
    plan_re = (re.compile(rf"(?<![一二三四五六七八九十第])[“\"‘「『〝]?({_alt(n for n, _, _ in plans)})(?![五届])[”\"’」』〞]?")
               if plans else None)
    body_re = (re.compile(rf"(?<![一二三四五六七八九十第])({_alt(bodies)})") if bodies else None)
    return _Vocab(plans, bodies, later, plan_re, body_re,
                  re.compile(_alt(n for n, _, _ in plans)) if plans else None,
                  re.compile(_alt(bodies)) if bodies else None, re.compile(_alt(w.get("carry_out", []))),
                  re.compile(_alt(w.get("retrospective", []))), re.compile(_alt(w.get("latest", []))),
                  re.compile(_alt(w.get("self_subject", []))), re.compile(_alt(w.get("history", []))),
                  re.compile(_alt(w.get("future", []))),
                  re.compile(rf"(镇|乡|街道)({_alt(w.get('organs', []))})(?!书记|副|委员|组织|宣传|办公|驻地|所在地|大院)"),
                  re.compile(_alt(w.get("partner", []))), re.compile(_alt(w.get("done", []))),
                  tuple(w.get("organs", [])))


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from after the last 。；！？ to the next."""
    a = max(map(text.rfind, _CLAUSE_END, repeat(0), repeat(start))) + 1
    m = _CLAUSE_MARK.search(text, end)
    return a, m.start() if m else len(text)


def _snippet(text: str, start: int, n: int = 16) -> str:
    s = text[start:].strip(_SPACES)
    return s if len(s) <= n else s[:n] + "…"


def parts_by_line(doc, ol, pack) -> list[str | None]:
    """Which part each line is in ("review", "plan", "problems", or None), indexed by line number,
    from the headings that name a part and the unnamed review sections before the problems and the
    plan."""
    from checker import kinds as K

    # The headings alone (``needed=()``: no paragraph read): a paragraph that reads like a part is
    # no span here, and for the unnamed review sections only the first paragraph that reads like the
    # problems or the plan matters, where it comes before their headings (_first_later_paragraph).
    found = K.evidence(doc, ol, pack, needed=())
    later = [ev.line for part in ("problems", "plan") for ev in found.get(part, [])]
    stop = _first_later_paragraph(doc, ol, pack, min(later) if later else ol.last_line + 1)
    spans = []
    for part in ("review", "problems", "plan"):
        for ev in found.get(part, []):
            if ev.how == "heading" and ev.node is not None or ev.how == "sections" and ev.line < stop:
                spans.append((ev.node.line, ev.node.end, ev.node.level, part))
    last = len(doc.blocks)
    out: list[str | None] = [None] * (last + 1)
    for a, b, _, part in sorted(spans, key=lambda s: (s[2], s[0])):
        a, b = max(a, 1), min(b, last)
        if a <= b:
            out[a:b + 1] = [part] * (b - a + 1)   # a deeper heading's part paints over its parent's
    return out


def _first_later_paragraph(doc, ol, pack, stop: int) -> int:
    """The first body paragraph before line ``stop`` that reads like the problems or the plan (the
    first evidence of either that ``kinds.evidence`` would find), else ``stop``: the unnamed review
    sections end there. Only the lines before ``stop`` and only these two parts are read, where a
    full evidence scan reads every part up to its first paragraph, to the end for a part never met."""
    from checker import kinds as K

    pats = [p.sentence_any for name, p in K.parts_of(pack).items()
            if name in ("problems", "plan") and p.used_by(None) and p.sentence_any is not None]
    if not pats:
        return stop
    titles, body_lines = set(ol.title_lines), ol.body_lines
    for line in islice(body_lines, bisect_left(body_lines, stop)):
        b = doc.block(line)
        if b.kind == "body" and line not in titles and any(p.search(fold(b.text)) for p in pats):
            return line
    return stop


class _Lines:
    """The body lines the period rules read, derived once per document and pack (``_lines``) and
    shared by the four rules: the part of the report each line is in, each line folded once when
    first read, and the lines a scan of the whole text finds, so that a rule reads only the lines
    its patterns can match instead of every line of the draft."""

    def __init__(self, doc, ol, pack):
        self.doc, self.ol, self.pack = doc, ol, pack
        self.titles = set(ol.title_lines)
        self._parts = None
        self._leads = None
        self._folded: dict[int, str] = {}
        self._whole = None

    @property
    def parts(self) -> list[str | None]:
        if self._parts is None:
            self._parts = parts_by_line(self.doc, self.ol, self.pack)
        return self._parts

    @property
    def whole(self) -> str:
        """The whole text folded (only a rule that needs it pays for it)."""
        if self._whole is None:
            self._whole = fold(self.doc.text)
        return self._whole

    def leads(self) -> list[int]:
        """The lines that open with a year or a date (_LEAD), in order."""
        if self._leads is None:
            text = self.doc.text
            found = [1] if _LEAD_FIRST.match(text) else []
            found.extend(bisect_right(self.doc.line_starts, m.start() + 1) for m in _LEAD.finditer(text))
            self._leads = found
        return self._leads

    def hits(self, scans) -> list[int]:
        """The lines on which one of ``scans`` matches, in order (line n starts at line_starts[n - 1])."""
        text, starts = self.doc.text, self.doc.line_starts
        found = set()
        for scan in scans:
            m = scan.search(text)
            while m is not None:
                n = bisect_right(starts, m.start())
                found.add(n)
                m = scan.search(text, starts[n]) if n < len(starts) else None   # on from the next line
        return sorted(found)

    def body(self, candidates, skip=(), with_title=False):
        """(line, text, folded text) of each of ``candidates`` (in order) that is a body paragraph
        below the title, except lines in ``skip``: what a walk over every body line would give for
        them."""
        titles = set(skip) if with_title else self.titles | set(skip)
        body_lines, folded = self.ol.body_lines, self._folded
        for n in candidates:
            i = bisect_left(body_lines, n)
            if i == len(body_lines) or body_lines[i] != n or n in titles:
                continue
            b = self.doc.block(n)
            if b.kind == "body":
                f = folded.get(n)
                if f is None:
                    f = folded[n] = fold(b.text)
                yield n, b.text, f


def _lines(doc, ctx, ol) -> _Lines:
    return doc.derived(("period-lines", ctx.vocab("periods", build_vocab)), lambda: _Lines(doc, ol, ctx.pack))


class _Base(Rule):
    reads_outline = True

    def setup(self, doc, ctx):
        kind, year = ctx.options.get("kind"), ctx.options.get("year")
        ol, det = P.detection(doc, ctx.pack, kind)
        return ol, det, P.period_of(doc, ctx.pack, kind, year)

    def reviewed(self, doc, ctx):
        """(outline, period, vocabulary, the document's lines) for a draft with a reviewed period, else None."""
        ol, _, per = self.setup(doc, ctx)
        if per is None or per.review is None:
            return None
        return ol, per, ctx.vocab("periods", build_vocab), _lines(doc, ctx, ol)


def _names_year(rest: str, years) -> bool:
    """The paragraph goes on to the report's own year (2024年启动…，2025年全面完工): a narrative across
    years, not last year's paragraph left in place."""
    own = "|".join(str(y) for y in range(years[0], years[-1] + 1))
    return re.search(rf"(?:{own})年|今年|本年|年内|当年", rest) is not None


class _Reviewed(_Base):
    """A rule about the review: runs only when the draft has a reviewed period."""

    def check(self, doc, ctx):
        got = self.reviewed(doc, ctx)
        if got is not None:
            yield from self.scan(doc, ctx, *got)

    def scan(self, doc, ctx, ol, per, voc, lines):  # pragma: no cover - interface
        raise NotImplementedError


class StaleYearRule(_Reviewed):
    name = "stale-year"
    weight = 15

    def scan(self, doc, ctx, ol, per, voc, lines):
        gov = per.kind == "政府工作报告"
        multi_year = gov and any(s.search(doc.text) for s in _MULTI_YEAR)
        first = per.review[0]
        plan_ok = set(per.plan)
        # only a line that opens with a year can match _OPEN_YEAR or _PLAN_YEAR
        leads = list(lines.body(lines.leads()))
        parts = lines.parts if leads else None   # the parts only for a draft with such a line
        for n, text, f in leads:
            part = parts[n]
            if part == "review" and not multi_year:
                m = _OPEN_YEAR.match(f)
                if m and int(m.group(1)) < first:
                    a, e = _clause(f, m.end(), m.end())
                    sentence = f[m.end():e]
                    if voc.history.search(sentence) or _SINCE.match(f[m.end(1) + 1:]):
                        continue
                    if not (voc.self_subject.search(sentence[:30]) or voc.done.search(sentence)):
                        continue
                    if voc.future.search(sentence[:12]) or _names_year(f[m.end():], per.review):
                        continue
                    yield self._stale(doc, ctx, n, text, m, per, "review")
            elif part == "plan":
                m = _PLAN_YEAR.match(f)
                # "2024年是…" may introduce the plan from the year reviewed (or, in a 政府工作报告, the last)
                low = min(plan_ok | ({per.year, *per.review} if m and f[m.end() - 1] == "是" else set()))
                if m and int(m.group(1)) < low and not _names_year(f[m.end():], per.plan):
                    yield self._stale(doc, ctx, n, text, m, per, "plan")
        yield from self._signature(doc, ctx, ol, per)

    def _stale(self, doc, ctx, n, text, m, per, part):
        if part == "review":
            msg = ctx.say("回顾部分写的是“{s}”，但本报告总结的是{r}（{w}）：多半是沿用旧稿留下的年份",
                          "the review says “{s}”, but this report reviews {r} (from the {w}): "
                          "probably a year left from an earlier report",
                          s=_snippet(text, m.start(1)), r=per.review_label(ctx.lang), w=per.why(ctx.lang))
            expected = list(per.review)
        else:
            msg = ctx.say("计划部分写的是“{s}”，但本报告计划的是{r}（{w}）：多半是沿用旧稿留下的年份",
                          "the plan says “{s}”, but this report plans {r} (from the {w}): "
                          "probably a year left from an earlier report",
                          s=_snippet(text, m.start(1)), r=per.plan_label(ctx.lang), w=per.why(ctx.lang))
            expected = list(per.plan)
        return ctx.finding_at(doc, self.name, n, m.start(1) + 1, m.end(1) + 2, msg,
                              year=int(m.group(1)), expected=expected, part=part)

    def _signature(self, doc, ctx, ol, per):
        for n in reversed(P.signature_lines(doc, ol, 4)):
            text = doc.block(n).text
            f = fold(text)
            lead = len(f) - len(f.lstrip(_SPACES))
            m = P.DATE.match(f, lead)
            if not m or not re.fullmatch(r"[0-9一二三四五六七八九十〇○]{0,3}日?", f[m.end():].strip(_SPACES)):
                continue
            y, mo = P.cn_year(m.group(1)), P.cn_month(m.group(2))
            ey, em = per.review_end if per.kind != "政府工作报告" else (per.review[1], 12)
            # allow the last two months of the period: reports are written before it closes
            limit = (ey * 12 + em - 1) - 2
            if y * 12 + mo - 1 >= limit:
                return
            msg = ctx.say("落款日期是{d}，但本报告总结的是{r}（{w}）：总结写在所总结的时期快结束或结束以后，"
                          "这个日期早了两个月以上，多半是旧稿的日期",
                          "the signature is dated {d}, but this report reviews {r} (from the {w}): a summary is "
                          "written as its period ends or after, and this date is more than two months early; "
                          "probably the date of an earlier report",
                          d=text.strip(_SPACES), r=per.review_label(ctx.lang), w=per.why(ctx.lang))
            yield ctx.finding_at(doc, self.name, n, m.start() + 1, m.end() + 1, msg,
                                 date=[y, mo], expected_after=[ey, em], part="signature")
            return


def _fits(word: str, y: int, start: int, end: int) -> bool:
    """Year ``y`` can be the plan's year that ``word`` says (开局: its first, 收官: its last, else any)."""
    if not start <= y <= end:
        return False
    if word in ("开局", "起步", "开篇"):
        return y == start
    if word in ("收官", "最后一年"):
        return y == end
    return True


class StalePeriodRule(_Base):
    name = "stale-period"
    weight = 16

    def check(self, doc, ctx):
        ol, det, per = self.setup(doc, ctx)
        voc = ctx.vocab("periods", build_vocab)
        earliest = min(per.current + (per.review or ())) if per else None
        text_lines = _lines(doc, ctx, ol)
        # only a line that names a plan, a congress or a plenum can be flagged
        hits = text_lines.hits(voc.period_hint)
        # a draft pasted as one run-in line is all "title": its words are still statements
        with_title = len(ol.body_lines) <= len(ol.title_lines)
        for n, text, f in text_lines.body(hits, with_title=with_title):
            if voc.plan_re is not None and voc.plan_hint.search(f):
                for m in _plan_matches(f, voc):
                    got = self._plan(doc, ctx, n, text, f, m, voc, per, earliest)
                    if got:
                        yield got
            if voc.body_re is not None and per is not None:
                yield from self._bodies(doc, ctx, n, text, f, voc, per, earliest)

    def _plan(self, doc, ctx, n, text, f, m, voc, per, earliest):
        name = m.group(1)
        plan = next(p for p in voc.plans if p[0] == name)
        a, b = _clause(f, m.start(), m.end())
        left, right = f[a:m.start()], f[m.end():b]
        # 今年是“十三五”收官之年 / 2025年是“十四五”规划的开局之年
        stmt = _STMT.search(left)
        ordinal = _ORDINAL.match(right)
        if stmt and ordinal:
            return self._year_of_plan(doc, ctx, n, text, m, voc, per, plan, text[a + stmt.start():m.end() + ordinal.end()],
                                      stmt, ordinal.group(1))
        # 深入实施“十三五”规划 as the plan being carried out
        if per is None or plan[2] >= earliest:
            return None
        if not re.match(r"^(?:规划|计划|纲要)", right) or voc.retro.search(right[:12]):
            return None
        if not voc.carried_6.search(left) or voc.retro.search(left[-6:]):
            return None
        _, start, end = plan
        msg = ctx.say("这里把“{p}”当作正在执行的规划，但“{p}”是{a}—{b}年，本报告的时期是{r}（{w}）：多半是旧稿留下的提法",
                      "this treats “{p}” as the plan in force, but it ran {a}–{b} and this report is about {r} "
                      "(from the {w}): probably wording left from an earlier report",
                      p=name, a=start, b=end, r=_years_label(per, ctx.lang), w=per.why(ctx.lang))
        return ctx.finding_at(doc, self.name, n, m.start(1) + 1, m.end(1) + 1, msg,
                              period=name, years=[start, end])

    def _year_of_plan(self, doc, ctx, n, text, m, voc, per, plan, said, stmt, word):
        """今年/2025年 是“十四五”的开局之年: the year said must be in the plan's years (its first for 开局,
        its last for 收官); 今年/明年 count from the report's own period."""
        name, start, end = plan
        explicit = stmt.group(2) is not None
        if explicit:
            cands = [int(stmt.group(2))]   # a fact on its own: 2020年是“十三五”收官之年 is history, and true
        elif per is None:
            return None
        else:
            cands = list(per.current) if stmt.group(1) == "今年" else [y + 1 for y in per.current]
        if any(_fits(word, y, start, end) for y in cands):
            return None
        if explicit:
            due = {"开局": start, "起步": start, "开篇": start, "收官": end, "最后一年": end}.get(word)
            msg = ctx.say("这里说“{s}”，但“{p}”是{a}—{b}年{d}：年份和规划对不上，多半是改了年份却没改规划",
                          "this says “{s}”, but the “{p}” ran {a}–{b}{d}: the year and the plan do not match, "
                          "probably a year changed without the plan",
                          s=_clip(said), p=name, a=start, b=end,
                          d=(ctx.say("，{w}之年是{y}年", ", its {w} year {y}", w=word, y=due) if due else ""))
            return ctx.finding_at(doc, self.name, n, m.start(1) + 1, m.end(1) + 1, msg,
                                  period=name, years=[start, end], stated=cands[0])
        which = next((p for p in voc.plans if any(p[1] <= y <= p[2] for y in cands)), None)
        now = (", " if ctx.lang == "en" else "、").join(str(y) for y in cands)
        msg = ctx.say("这里说“{s}”，但“{p}”是{a}—{b}年，本报告的“{t}”是{y}年（{w}）{c}",
                      "this says “{s}”, but “{p}” ran {a}–{b} and this report's “{t}” is {y} (from the {w}){c}",
                      s=_clip(said), p=name, a=start, b=end, t=stmt.group(1), y=now, w=per.why(ctx.lang),
                      c=(ctx.say("，那一年属于“{q}”", ", a year of the “{q}”", q=which[0]) if which else ""))
        return ctx.finding_at(doc, self.name, n, m.start(1) + 1, m.end(1) + 1, msg,
                              period=name, years=[start, end], report_years=cands)

    def _bodies(self, doc, ctx, n, text, f, voc, per, earliest):
        # only a clause (from 。；！？ to the next) that names a congress or a plenum can speak of one
        hint = voc.body_hint.search(f)
        while hint is not None:
            a, b = _clause(f, hint.start(), hint.start())
            hint = voc.body_hint.search(f, b)
            clause = f[a:b]
            names = list(voc.body_re.finditer(clause))
            if not names:
                continue
            # only a phrase that carries out the latest guidance: 贯彻…精神 / 以…为指导
            carried = voc.carried_12.search(clause[:names[0].start()])
            spirit = _SPIRIT.search(clause[names[-1].end():])
            if not carried or not spirit:
                continue
            between = clause[names[-1].end():names[-1].end() + spirit.start()]
            if voc.retro.search(between) or _HELD.search(clause[names[0].start():names[-1].end()]):
                continue
            latest_m = max(names, key=lambda m: voc.bodies[m.group(1)][0])
            name = latest_m.group(1)
            date, succ, what = voc.bodies[name]
            flagged = None
            if succ is not None and succ[0] < earliest:
                flagged = "succeeded"
            elif voc.latest.search(clause[:latest_m.start()][-10:]) and voc.later.get(name) \
                    and voc.later[name][1][0] < earliest:
                flagged = "latest"
            if not flagged:
                continue
            s, e = a + latest_m.start(1), a + latest_m.end(1)
            if flagged == "succeeded":
                nxt = next(nm for nm, (d, _, k) in voc.bodies.items() if k == "congress" and d == succ)
                msg = ctx.say("这里把“{p}”作为当前的指导，但{y}年{mo}月已召开党的{q}，本报告的时期是{r}（{w}）：多半是旧稿留下的提法",
                              "this takes “{p}” as the current guidance, but the {q} Party congress was held in "
                              "{y}-{mo:02d} and this report is about {r} (from the {w}): probably wording left from "
                              "an earlier report",
                              p=name, q=nxt, y=succ[0], mo=succ[1], r=_years_label(per, ctx.lang), w=per.why(ctx.lang))
            else:
                q, d = voc.later[name]
                msg = ctx.say("这里把“{p}”说成最近召开的会议，但{y}年{mo}月已召开{q}，本报告的时期是{r}（{w}）",
                              "this calls “{p}” the latest, but the {q} was held in {y}-{mo:02d} and this report is "
                              "about {r} (from the {w})",
                              p=name, q=q, y=d[0], mo=d[1], r=_years_label(per, ctx.lang), w=per.why(ctx.lang))
            yield ctx.finding_at(doc, self.name, n, s + 1, e + 1, msg, period=name, why=flagged)


def _plan_matches(f: str, voc):
    """``voc.plan_re.finditer(f)``, tried only where a plan is named: at the start of each name
    (``plan_hint``, overlapping names included) and at the character before it (an opening quote),
    instead of at every position of the line; a match cannot start anywhere else."""
    pos = at = 0
    while True:
        h = voc.plan_hint.search(f, at)
        if h is None:
            return
        q = h.start()
        for p in (q - 1, q):
            m = voc.plan_re.match(f, p) if p >= pos else None
            if m is not None:
                yield m
                pos = m.end()
                break
        at = max(q + 1, pos)


def _clip(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[:n] + "…"


def _years_label(per, lang):
    ys = sorted({*per.current, *(range(per.review[0], per.review[1] + 1) if per.review else ())})
    return ", ".join(map(str, ys)) if lang == "en" else "、".join(map(str, ys)) + "年"


_DATE_CLAIM = re.compile(rf"(?:截至|截止到?|截至到)\s*({P.DATE.pattern})(?:底|末|份|初|中旬|上旬|下旬)?")
_DATE_OPEN = re.compile(rf"^[{_SPACES}]*{_MARK}[{_SPACES}]*({P.DATE.pattern})(?:份|底|末|初|中旬|上旬|下旬)?[，,]")
_MONTH_OPEN = re.compile(r"(?:^|[。；;！!])[\s　]*(?:[（(]?[一二三四五六七八九十0-9]{1,3}[)）、.．])?[\s　]*"
                         r"((?<![0-9])(?:[7-9]|1[0-2])|七|八|九|十一|十二|十)月(?:份|初|中旬|上旬|下旬|底|末)?[，,]")
_PAST = re.compile(r"了|已经|已|圆满|顺利完成|完成了|成功举办")


class DateAfterPeriodRule(_Reviewed):
    name = "date-after-period"
    weight = 1

    def scan(self, doc, ctx, ol, per, voc, lines):
        end = per.review_end
        # the lines that can match: a date opening the line, 截至/截止, and in a first-half summary 七月，…
        cands = {*lines.leads(), *lines.hits(_CLAIM_HINT)}
        if per.half == "上半年":
            cands.update(lines.hits((_MONTH_HINT,)))
        parts = lines.parts if cands else None
        for n, text, f in lines.body(sorted(n for n in cands if parts[n] == "review")):
            hits = [(m, m.start(1)) for m in _DATE_CLAIM.finditer(f)]
            mo = _DATE_OPEN.match(f)
            if mo:
                hits.append((mo, mo.start(1)))
            for m, s in hits:
                d = P.DATE.match(f, s)
                y, mth = P.cn_year(d.group(1)), P.cn_month(d.group(2))
                if (y, mth) <= end:
                    continue
                a, b = _clause(f, m.end(), m.end())
                if voc.future.search(f[m.end():b]):
                    continue
                msg = ctx.say("回顾部分写到了{d}，但本报告总结的是{r}（{w}），到{e}为止：这个日期在总结的时期之后",
                              "the review speaks of {d}, but this report reviews {r} (from the {w}), ending {e}: "
                              "the date is after the period reviewed",
                              d=text[s:d.end()], r=per.review_label(ctx.lang), w=per.why(ctx.lang),
                              e=(f"{end[0]}-{end[1]:02d}" if ctx.lang == "en" else f"{end[0]}年{end[1]}月"))
                yield ctx.finding_at(doc, self.name, n, s + 1, d.end() + 1, msg, date=[y, mth], period_end=list(end))
            if per.half == "上半年":
                for m in _MONTH_OPEN.finditer(f):
                    a, b = _clause(f, m.end(), m.end())
                    sentence = f[m.end():b]
                    if voc.future.search(sentence) or not _PAST.search(sentence):
                        continue
                    mth = P.cn_month(m.group(1))
                    msg = ctx.say("上半年总结的回顾部分写“{s}”，用的是过去时，但{m}月在上半年之后（本报告总结{r}，{w}）",
                                  "a first-half summary's review says “{s}” in the past tense, but month {m} comes "
                                  "after June (this report reviews {r}, from the {w})",
                                  s=_snippet(text, m.start(1)), m=mth, r=per.review_label(ctx.lang),
                                  w=per.why(ctx.lang))
                    yield ctx.finding_at(doc, self.name, n, m.start(1) + 1, m.end(1) + 2, msg, month=mth)


_ALL_OF_NEXT = ("上下", "干部", "人民", "广大", "各族", "党员", "共")
_ALL_OF = re.compile(rf"(?:^|[。；;，,：:！!？?])全([\u4e00-\u9fff]{{2,3}}?)(镇|乡)(?={'|'.join(_ALL_OF_NEXT)})")
# Where the text as written can have _ALL_OF (全东岭镇上下): 全 alone is on most lines of a draft
# (全年, 全面); with a township two or three characters on and the word after it, on very few.
_ALL_OF_HINT = re.compile(_as_written("全") + r"[^\n]{2,3}?" + "[" + re.escape(fold_sources("镇") + fold_sources("乡")) + "]"
                          + "(?:" + "|".join(filter(None, map(_as_written, _ALL_OF_NEXT))) + ")")
_SUBJECT_BOUNDARY = set("。；;，,：:！!？?“\"（(") | {"在", "由"}


class OtherPlaceRule(_Base):
    name = "other-place"
    weight = 2

    def check(self, doc, ctx):
        kind = ctx.options.get("kind")
        ol, det = P.detection(doc, ctx.pack, kind)
        own = P.place_of(doc, ctx.pack, kind)
        if own is None:
            return
        where = ctx.say("{p}（{w}）", "{p} (from {w})", p=own.full, w=own.why(ctx.lang))
        for other in own.others:
            text = doc.block(other.line).text
            what = ctx.say("落款", "the signature") if other.how == "signature" else ctx.say("开头", "the opening")
            msg = ctx.say("{h}写的是{o}，但本报告是{p}的：多半是照抄别处的报告后只改了{t}",
                          "{h} names {o}, but this report is about {p}: probably copied from another report with only "
                          "the {t} changed", h=what, o=other.full, p=where,
                          t=ctx.say("标题", "title") if own.how == "title" else ctx.say("部分名称", "names"))
            yield ctx.finding_at(doc, self.name, other.line, other.column, other.column + len(other.full), msg,
                                 place=other.full, own=own.full)
        if own.level not in P.TOWNSHIP:
            return  # a county's own townships are inside it; only a township checks its peers by name
        mine = fold(own.name)
        voc = ctx.vocab("periods", build_vocab)
        lines = _lines(doc, ctx, ol)
        times: dict[str, int] = {}   # how often the whole text names each place met
        # only a line with a township's organs (镇党委…) or 全 can name a township as the subject
        for n, text, f in lines.body(lines.hits(voc.place_hint), {o.line for o in own.others} | {own.line}):
            for name, level, s in self._mentions(f, voc):
                if name == mine or mine.endswith(name) or name.endswith(mine):
                    continue
                # a place is named again somewhere (its signature, 全东岭镇, a partner clause): two words
                # that merely precede 镇政府 once (配合镇政府, 同时镇党委) are not taken for a name
                said = name + level
                if said not in times:
                    times[said] = lines.whole.count(said)   # once per name, not once per mention
                if times[said] < 2:
                    continue
                a, _ = _clause(f, s, s)
                a = max([a, *(f.rfind(c, a, s) + 1 for c in "，,：:")])
                if voc.partner.search(f[a:s]):
                    continue
                full = text[s:s + len(name) + len(level)]
                msg = ctx.say("这里把{o}当作本报告的主体，但本报告是{p}的：多半是照抄别处的报告后只改了标题",
                              "this names {o} as the subject of the report's own work, but this report is about {p}: "
                              "probably copied from another report with only the title changed", o=full, p=where)
                yield ctx.finding_at(doc, self.name, n, s + 1, s + len(full) + 1, msg, place=full, own=own.full)

    def _mentions(self, f, voc):
        for m in voc.mention.finditer(f):
            i = m.start()
            for size in (2, 3):
                s = i - size
                if s < 0:
                    break
                name = f[s:i]
                if not P.good_name(name) or not all("\u4e00" <= c <= "\u9fff" for c in name):
                    continue
                if s == 0 or f[s - 1] in _SUBJECT_BOUNDARY or f[s - 1] in _SPACES:
                    yield name, m.group(1), s
                    break
        for m in _ALL_OF.finditer(f):
            if P.good_name(m.group(1)):
                yield m.group(1), m.group(2), m.start(1)
