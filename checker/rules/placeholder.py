"""`placeholder`: template slots left unfilled.

One regular expression, built once per pack, scans the whole document text
in a single pass. Each candidate is then judged against the look-alikes of
the pack (X光, “1+X”证书, 二〇二五年 …) and given the severity and the
expectation ("a number", "a name", "a year") its surroundings suggest.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.hanzi import HAN
from checker.patterns import Scan, alt
from checker.figures import suggest_count
from checker.findings import Severity
from checker.rules import Rule

_LETTER = "A-Za-zＡ-Ｚａ-ｚ"
_X = "XxＸｘ"
_CN_DIGITS = set("零一二三四五六七八九十百千万亿两〇○")

_BRACKETS = {"【": "】", "[": "]", "［": "］", "（": "）", "(": ")", "〔": "〕", "〖": "〗",
             "<": ">", "＜": "＞", "{": "}", "｛": "｝", "〈": "〉"}

EXPECT = {
    "number": ("数字", "a number"),
    "year": ("年份", "a year"),
    "date": ("日期", "a date"),
    "name": ("名称", "a name"),
    "content": ("内容", "the missing content"),
}


_alt = alt


_FIXED_TRIGGERS = f"{_X}某×╳✕✖○〇◯□■▢☐_＿﹍﹎‗?？*＊"
_HAN = HAN
_SP = " \t\u3000\u00a0"
_ELLIPSIS = r"(?:…+|\.{3,}|．{3,}|。{3,}|⋯+|·{3,})"


def _compile(key):
    """(trigger, main, extra): ``trigger`` finds the characters a slot can start with, ``main``
    is tried only there, so clean text is skipped at C speed; user patterns are scanned apart."""
    markers, soft, starts, fields, extra = key
    opens = "".join(re.escape(o) for o in _BRACKETS)
    closes = "".join(re.escape(c) for c in _BRACKETS.values())
    parts = [
        # a bracketed instruction or field name
        # an ellipsis standing for content: 〔...〕, […], （……）
        rf"(?P<ellipsis>[{opens}][{_SP}]*{_ELLIPSIS}[{_SP}]*[{closes}])",
        rf"(?P<bracket>[{opens}]\s*(?:(?:{_alt(starts)})[^{opens}{closes}\n]{{0,40}}?|(?:{_alt(fields)})\s*)[{closes}])",
        # 某某, 某X, 某×, 某○
        rf"(?P<mou>某(?:某+|[{_X}×○〇□]+))",
        # runs of X with digits, decimals and a percent sign: XX, XX.XX%, x.xx (leading digits
        # such as the 20 of 20XX are taken in by the judge, looking backwards)
        rf"(?P<x>[{_X}][0-9０-９{_X}]*(?:[.．][0-9０-９{_X}]*[{_X}0-9０-９])*[%％‰]?(?:(?![{_LETTER}])|(?=[A-Z]{{1,5}}[级級])))",
        r"(?P<times>[×╳✕✖]{2,}|╳)",
        r"(?P<circle>[○〇◯]{2,})",
        r"(?P<box>[□■▢☐]{2,})",
        r"(?P<line>[_＿﹍﹎‗]+)",
        # asterisks standing for a name or a number: **镇, 20**年, 201*年, 增长*%
        r"(?P<star>[*＊]+)",
        r"(?P<qm>[?？]{2,})",
    ]
    firsts = set(_FIXED_TRIGGERS) | set(_BRACKETS)
    if markers:
        parts.append(rf"(?P<marker>(?<![A-Za-z])(?:{_alt(markers)})(?![A-Za-z报報]))")
        firsts |= {m[0] for m in markers}
    if soft:
        parts.append(rf"(?P<soft>{_alt(soft)})")
        firsts |= {m[0] for m in soft}
    trigger = re.compile("[" + "".join(re.escape(c) for c in sorted(firsts)) + "]")
    user = re.compile("|".join(f"(?P<extra{i}>{pattern})" for i, (pattern, _s, _e) in enumerate(extra))) \
        if extra else None
    return trigger, re.compile("|".join(parts)), user


def _scan(trigger, main, text):
    """Matches of ``main`` at trigger positions, left to right, not overlapping."""
    pos = 0
    search = trigger.search
    match = main.match
    while True:
        t = search(text, pos)
        if t is None:
            return
        m = match(text, t.start())
        if m is None:
            pos = t.start() + 1
        else:
            yield m
            pos = max(m.end(), t.start() + 1)


_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _is_letter(c: str) -> bool:
    return ("A" <= c <= "Z") or ("a" <= c <= "z") or ("Ａ" <= c <= "Ｚ") or ("ａ" <= c <= "ｚ")


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


_MULTIPLY = re.compile(rf"^[0-9０-９]+[{_X}][0-9０-９]+$")
_YEAR = re.compile(rf"^(?:19|20|２０)[0-9０-９{_X}]*[{_X}][0-9０-９{_X}]*$")
_SPACE_NUM_BEFORE = re.compile(r"[0-9０-９]\s*$")
_SPACE_NUM_AFTER = re.compile(r"^\s*[0-9０-９]")
# A line that is itself a note ("注：带*的指标为预计数"): its asterisks are marks being explained.
_NOTE_START = re.compile(r"^[ \t\u3000]*(?:注|註|说明|說明|备注|備註)[ \t\u3000]*[0-9０-９]?[：:]")
# A footnote's note line: "*注：…", "＊註：…", "* 说明：…"
_NOTE_LINE = re.compile(r"^[ \t\u3000]*([*＊]+)[ \t\u3000]*(?:注|註|说明|說明|备注|備註|资料来源|資料來源|数据来源|數據來源)",
                        re.M)
_PUNCT_AFTER = "，,。.、；;：:！!？?）)】]」』”\"'》〉…—-~～"
_CN_NUMERALS = set("零一二三四五六七八九十百千万亿两〇○兩萬億")
# Idioms in which 万/亿 is the number itself: 近万人, 超亿元, 上万元, 数万吨
_ROUND_NUMBER = set("近超逾上数數过過破成几幾")


class _Vocab(NamedTuple):
    """The `placeholder` pack section, compiled once per run (``ctx.vocab``)."""

    trigger: re.Pattern
    main: re.Pattern
    user: re.Pattern | None
    extra: tuple
    allow: re.Pattern | None
    number_after: object
    date_after: object
    name_after: object
    name_before: object
    number_before: object
    gaps: "_Gaps"               # blanks left as spaces
    bare: re.Pattern | None     # a number deleted with no mark: 约万吨, 同比下降%
    label_kinds: tuple          # ((suffixes, expects), …) for a label's blank
    bare_chars: frozenset       # the characters a bare unit can start with (a quick test per line)


def _build(voc: dict) -> _Vocab:
    extra = tuple((p["pattern"], p.get("severity", "error"), p.get("expects", ""))
                  for p in voc.get("patterns", []) if p.get("pattern"))
    key = (tuple(voc.get("markers", [])), tuple(voc.get("soft_markers", [])),
           tuple(voc.get("instruction_starts", [])), tuple(voc.get("field_names", [])), extra)
    trigger, main, user = _compile(key)
    allow = tuple(voc.get("allow", []))
    return _Vocab(
        trigger, main, user, extra, re.compile(_alt(allow)) if allow else None,
        _prefix_set(voc.get("number_after", [])), _prefix_set(voc.get("date_after", [])),
        _prefix_set(voc.get("name_after", [])), _suffix_set(voc.get("name_before", [])),
        _suffix_set(voc.get("number_before", [])),
        _compile_gaps(voc), _compile_bare(voc),
        tuple((tuple(v), k) for k, v in dict(voc.get("label_expects", {})).items() if v),
        frozenset("%％‰") | {u[0] for u in voc.get("bare_units", []) if u},
    )


class _Gaps(NamedTuple):
    """Blanks left as spaces where a quantity, a date or a field's value belongs. Each scan starts
    with a fixed character (a set of them as literal-led branches, patterns.Scan), so clean text is
    skipped at C speed."""

    unit: Scan           # 医保基金 万元, 覆盖率达 %, 结案 件，: spaces before a unit, the number gone
    date: re.Pattern     # 2024年 月 日,     年  月  日
    empty: Scan          # 共（  ）个, 【 】
    label: Scan          # 联系人：        电话：
    label_next: re.Pattern
    label_end: re.Pattern | None
    count_before: object  # 共 / 有 / 达 … just before the blank: a count belongs there

    def find(self, text):
        """(kind, start, end) of each candidate blank in ``text``, in order of kind."""
        for m in self.unit.finditer(text):
            a, b = m.span()
            if not a or not _is_han(text[a - 1]):
                continue
            if m.group("short") and m.group("free") is None and b - a == 1 and text[a] == " " \
                    and not self.count_before(text[max(0, a - 4):a]):
                continue  # 全体 人员: a one-character unit running on into a word, after one space
            yield "unit", a, b
        for m in self.date.finditer(text):
            a = m.start()
            j = a
            while j and text[j - 1] in _SP:
                j -= 1
            if j < a:  # a year left as spaces: not after a digit (2 0 2 4 年 is spacing)
                if text[j - 2:j] in ("19", "20") and (j < 3 or text[j - 3] not in _DIGITS):
                    j -= 2
                elif j and text[j - 1] in _DIGITS:
                    continue
            else:
                while j and a - j < 4 and text[j - 1] in _DIGITS:
                    j -= 1
            yield "date", j, m.end()
        for m in self.empty.finditer(text):
            a, b = m.span()
            if text[a] in "([" and not (a and _is_han(text[a - 1]) or b < len(text) and _is_han(text[b])):
                continue  # (  ) in a formula or a check box: [ ] 待办
            yield "empty", a, b
        for m in self.label.finditer(text):
            a, b = m.span()
            if not a or not _is_han(text[a - 1]):
                continue
            if self.label_next.match(text, b):
                yield "label", a + 1, b
            elif (b == len(text) or text[b] == "\n") and self.label_end is not None and \
                    self.label_end.search(text, max(0, a - 8), a):
                yield "label_end", a + 1, b


def _compile_gaps(voc) -> _Gaps:
    sp = f"[{_SP}]"
    units = [u for u in voc.get("gap_units", []) if u]
    long_units = _alt(u for u in units if len(u) > 1) or "(?!)"
    short_units = _alt(u for u in units if len(u) == 1) or "(?!)"
    punct = re.escape(_PUNCT_AFTER)
    labels = _alt(w for ws in dict(voc.get("label_expects", {})).values() for w in ws)
    return _Gaps(
        unit=Scan(rf"{sp}+(?=(?:{long_units})|[%％‰]|(?P<short>(?:{short_units}))(?P<free>[{punct}\n]|$)?)", re.M),
        date=re.compile(rf"年(?:{sp}+|[0-9０-９]{{1,2}})月(?:(?:{sp}+|[0-9０-９]{{1,2}})[日号號])?"),
        empty=Scan(rf"[（【〔［]{sp}*[）】〕］]|[(\[]{sp}+[)\]]"),  # literal-led branches
        label=Scan(rf"[：:](?:{sp}{{2,}}|\u3000+)"),
        label_next=re.compile(rf"[{_HAN}]{{1,6}}[：:]"),
        label_end=re.compile(rf"(?:{labels})$") if labels else None,
        count_before=_suffix_set([*voc.get("number_before", []), "有", "共有", "共計", "共计"]),
    )


def _compile_bare(voc):
    """A unit or % straight after a word that needs a number before it: 约万吨, 同比下降%, 完成投资万元。"""
    before = [w for w in voc.get("number_before", []) if w]
    units = [u for u in voc.get("bare_units", []) if u]
    if not before or not units:
        return None
    punct = re.escape(_PUNCT_AFTER)
    return re.compile(
        rf"(?P<verb>{_alt(before)})(?P<unit>[%％‰]|(?:{_alt(units)})(?=[{punct}\n]|$|左右))")


class PlaceholderRule(Rule):
    name = "placeholder"
    weight = 75

    def check(self, doc, ctx):
        voc = ctx.vocab("placeholder", _build)
        text = doc.text
        judge = _Judge(voc, ctx, text)
        matches = _scan(voc.trigger, voc.main, text)
        if voc.user is not None:
            matches = sorted([*matches, *voc.user.finditer(text)], key=lambda m: m.start())
        allow = voc.allow
        for m in matches:
            kind = m.lastgroup
            start, end = m.span()
            if allow is not None and _allowed(allow, text, start, end):
                continue
            verdict = judge(kind, text, start, end, voc.extra)
            if verdict is None:
                continue
            yield self._finding(doc, ctx, text, *verdict)
        yield from self._blanks(doc, ctx, voc, judge)
        yield from self._content_controls(doc, ctx)

    def _finding(self, doc, ctx, text, start, end, severity, message, fields, suggestion=None):
        if fields.get("expects") == "number" and suggestion is None:
            items = suggest_count(text, start, end)  # x个(桃源村、白鹤村): the list says how many
            if items:
                fields["suggest"] = len(items)
                suggestion = str(len(items))
                message += ctx.say("；与它一起列出了 {n} 项（{items}），应填 {n}",
                                   "; {n} are listed with it ({items}), so {n} belongs here",
                                   n=len(items), items="、".join(items))
        return ctx.finding(doc, self.name, start, end, message,
                           severity=None if severity == "error" else Severity(severity), suggestion=suggestion, **fields)

    def _blanks(self, doc, ctx, voc, judge):
        """Slots with no mark at all: a blank left as spaces, a number deleted before its unit.
        Each scan runs once over the whole text; the few places it stops are judged on their line."""
        text = doc.text
        starts = doc.line_starts
        found = []
        layout: dict[int, bool] = {}
        for kind, a, b in voc.gaps.find(text):
            block = doc.block_at(a)
            if block.kind in ("header", "footer"):
                continue  # alignment tabs and page fields
            base = starts[block.line - 1]
            if block.line not in layout:
                layout[block.line] = _layout_spacing(block.text)
            v = judge.blank(kind, block.text, a - base, b - base, layout[block.line], block)
            if v:
                found.append((base, v))
        if voc.bare is not None:
            for m in voc.bare.finditer(text):
                block = doc.block_at(m.start())
                if block.kind in ("header", "footer", "table"):
                    continue  # a table's header cell says 增长% of its column
                base = starts[block.line - 1]
                v = judge.bare(block.text, m.group("verb"), m.group("unit"), m.start() - base, m.end() - base)
                if v:
                    found.append((base, v))
        found.sort(key=lambda x: x[0] + x[1][0])
        return [self._finding(doc, ctx, text, base + a, base + b, sev, msg, fields, suggestion)
                for base, (a, b, sev, msg, fields, suggestion) in found]

    def _content_controls(self, doc, ctx):
        """Word content controls still showing their placeholder text: unfilled by definition."""
        for block in doc.blocks:
            if not block.runs:
                continue
            runs = [r for r in block.runs if r.props and r.props.get("placeholder") and r.end > r.start]
            if not runs:
                continue
            groups = [[runs[0]]]
            for r in runs[1:]:
                if r.start == groups[-1][-1].end:
                    groups[-1].append(r)
                else:
                    groups.append([r])
            for g in groups:
                a, b = g[0].start, g[-1].end
                shown = block.text[a:b]
                if _covered_by_pattern(shown):
                    continue  # the text itself is a slot and is reported as such
                msg = ctx.say("内容控件仍显示占位文字“{t}”：请填写实际内容",
                              "a content control still shows its placeholder text “{t}”: fill it in", t=shown)
                yield ctx.finding_at(doc, self.name, block.line, a + 1, b + 1, msg, expects="content")


def _covered_by_pattern(text: str) -> bool:
    return bool(re.search(rf"[{_X}]|某某|[×╳]|[○〇]{{2}}|[□■]{{2}}|[_＿]{{2}}", text))


def _allowed(allow, text, start, end) -> bool:
    lo = max(0, start - 12)
    for m in allow.finditer(text, lo, min(len(text), end + 12)):
        if m.start() <= start and m.end() >= end:
            return True
        if m.start() >= end:
            break
    return False


class _Judge:
    def __init__(self, voc, ctx, text):
        self.ctx = ctx
        self.voc = voc
        self.number_after = voc.number_after
        self.date_after = voc.date_after
        self.name_after = voc.name_after
        self.name_before = voc.name_before
        self.number_before = voc.number_before
        # footnote marks: the asterisks that open a note line ("*注：…") mark footnotes elsewhere
        self.notes = {m.group(1) for m in _NOTE_LINE.finditer(text)} if "*" in text or "＊" in text else set()

    def __call__(self, kind, text, start, end, extra):
        s = text[start:end]
        sev = "error"
        expects = None
        if kind == "x":
            r = self._x(text, start, end)
            if r is None:
                return None
            start, end, sev, expects = r
            s = text[start:end]
        elif kind == "circle":
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if before in _CN_DIGITS or after in _CN_DIGITS:
                return None  # the zeros of a numeral: 二〇二五年, 二○○○年
        elif kind == "times":
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if s == "╳" and (before.isdigit() or after.isdigit()):
                return None
        elif kind == "soft":
            sev = "warning"
            expects = "content"
        elif kind == "star":
            r = self._star(text, start, end)
            if r is None:
                return None
            start, end, expects = r
            s = text[start:end]
        elif kind == "line" and end - start == 1:
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            # one underscore between Chinese characters (近_公里, 第_次, 达_%), not snake_case
            if not (_is_han(before) or before in "“「《（(") or not (_is_han(after) or after in "%％‰"):
                return None
        elif kind == "ellipsis":
            expects = "content"
        elif kind and kind.startswith("extra"):
            _pattern, sev, expects_word = extra[int(kind[5:])]
            return start, end, sev, self._message(s, expects_word or None, raw=True), {}
        if expects is None:
            expects = self._expects(text, start, end, kind)
        if sev == "info":
            msg = self.ctx.say("“{t}”像是公式中的 X（如 N+X），若是未填的占位符请填写",
                               "“{t}” looks like the X of a formula (N+X); if it is an unfilled slot, fill it in",
                               t=s)
            return start, end, sev, msg, {"expects": "formula"}
        if kind == "ellipsis":
            msg = self.ctx.say("省略号“{t}”占着内容的位置：请写入实际内容",
                               "the ellipsis “{t}” stands where content belongs: write it in", t=s)
            return start, end, sev, msg, {"expects": expects}
        if kind == "bracket":
            zh, en = EXPECT[expects]
            msg = self.ctx.say("模板的填写说明“{t}”还留在文中：请填入{w}，并删去说明",
                               "the template's instruction “{t}” is still in the text: fill in {w} and delete it",
                               t=s, w=self.ctx.say(zh, en))
            return start, end, sev, msg, {"expects": expects}
        if kind in ("marker", "soft"):
            msg = self.ctx.say("未完成的标记“{t}”：请换成实际内容", "unfinished-text marker “{t}”: put the real content here",
                               t=s)
            return start, end, sev, msg, {"expects": expects}
        return start, end, sev, self._message(s, expects), {"expects": expects}

    def _message(self, s, expects, raw=False):
        if raw:
            what = expects or self.ctx.say("内容", "content")
        else:
            zh, en = EXPECT[expects]
            what = self.ctx.say(zh, en)
        return self.ctx.say("未填写的模板占位符“{t}”：此处应填写{w}",
                            "unfilled template slot “{t}”: {w} belongs here", t=s, w=what)

    def _x(self, text, start, end):
        while start > 0 and text[start - 1] in _DIGITS:
            start -= 1  # the 20 of 20XX
        if start > 0 and _is_letter(text[start - 1]):
            return None  # part of a Latin word: Xbox, max, TEXT
        s = text[start:end]
        # trim trailing dots that end a sentence in half-width punctuation
        while s and s[-1] in ".．":
            s, end = s[:-1], end - 1
        if _MULTIPLY.match(s):
            return None  # 3x4, 1920x1080
        before = text[max(0, start - 2):start]
        after = text[end:end + 2]
        if len(before) == 2 and before[1] == " " and before[0].isascii() and before[0].isalpha():
            return None  # iPhone X, Mac OS X: a Latin name, not a slot
        if s.strip(_X) == "" and len(s) == 1 and _SPACE_NUM_BEFORE.search(text[max(0, start - 3):start]) \
                and _SPACE_NUM_AFTER.match(text[end:end + 3]):
            return None  # 3 x 4
        b = before.rstrip()
        if b.endswith(("+", "＋")) and s.strip(_X) == "":
            return start, end, "info", "formula"
        year = bool(_YEAR.match(s)) and (len(s) == 4 or after.startswith("年"))
        return start, end, "error", ("year" if year else None)

    def _star(self, text, start, end):
        """Asterisks standing for a name or a number (**镇, 20**年, 增长*%), not a footnote mark,
        Markdown emphasis, a multiplication, a separator line or part of a code or web address."""
        while start > 0 and text[start - 1] in _DIGITS:
            start -= 1  # the 20 of 20**
        digits = text[start:end].rstrip("*＊")
        before = text[start - 1] if start else "\n"
        after = text[end] if end < len(text) else "\n"
        stars = text[start + len(digits):end]
        if digits:
            # 20**年, 201*年: a year; 3*4 is a multiplication, a*1 a code
            if not (_YEAR.match(digits + "X" * len(stars)) and after in "年年度") or before.isascii() and before.isalnum():
                return None
            return start, end, "year"
        if before.isascii() and (before.isalnum() or before in "/._-=@#&?") or after.isascii() and (
                after.isalnum() or after in "/._-=@#&?"):
            return None  # GDP*, *.docx, a*b, http://…/*
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        if not line.strip(_SP + "*＊-—=~·"):
            return None  # a separator line of asterisks
        if stars in self.notes:
            return None  # a footnote mark, explained by a "*注：" line
        if _NOTE_START.match(line) or after in "号號" or before in "带帶标標加" and len(stars) == 1:
            return None  # the mark itself named in a note: 注：带*的为预计数; *号; 标*
        if not (_is_han(after) or after in "%％‰"):
            return None  # a slot has its word after it: **镇, **万元, *%
        if len(stars) >= 2 and _emphasis(line, start - line_start, end - line_start, self._slot_word):
            return None  # **重点** pasted from Markdown
        if start == line_start and len(stars) == 1 and after != "%":
            # a bullet typed as "*" in front of a line: only a slot when a place word follows (*乡)
            if not self.name_after(text[end:end + 4]):
                return None
        return start, end, None

    def _slot_word(self, s: str) -> bool:
        """Whether ``s`` starts with a word that a slot stands before: a place (镇), a unit (万元)."""
        return bool(self.name_after(s) or self.number_after(s) or self.date_after(s))

    def blank(self, kind, line, a, b, layout, block):
        """A blank left as spaces (``line[a:b]``): (start, end, severity, message, fields, suggestion) or None."""
        gap = line[a:b]
        ctx = self.ctx
        if kind == "unit":
            if layout:
                return None  # text pasted from a PDF: spaces stand between words, not for numbers
            if block.kind == "table":
                return None  # a table cell: its own rules below
            unit = _UNIT_AT.match(line, b)
            if unit and unit.end() < len(line) and line[unit.end()] in _SP:
                return None  # a text table's unit column: 粮食产量  万吨  12.5
            expects = "number"
            # a single half-width space may be a typing slip: only a warning
            sev = "warning" if gap == " " else "error"
        elif kind == "date":
            first = next((i for i, c in enumerate(gap) if c in _SP), None)
            if first is None:
                return None  # filled in: 2025年12月20日
            if layout and min(len(g) for g in re.findall(f"[{_SP}]+", gap)) < 2:
                return None  # 今 年 月 底 in text pasted from a PDF
            expects = "date"
            sev = "error"
            # report from the first blank to the end of the date
            a = a + first
            if line[a - 2:a] in ("19", "20") and line[a - 3:a - 2] not in _DIGITS:
                a -= 2
        elif kind == "empty":
            if layout and not any(c in "（【〔［" for c in gap):
                return None
            after = line[b:b + 4]
            before = line[max(0, a - 4):a]
            expects = "number" if (self.number_after(after) or self.number_before(before)) else "content"
            sev = "error"
        else:  # label, label_end
            if layout:
                return None
            label = re.search(rf"[{_HAN}]{{1,8}}(?=[：:]$)", line[:a])
            expects = "content"
            for words, exp in self.voc.label_kinds:
                if label and label.group().endswith(words) and exp in EXPECT:
                    expects = exp
                    break
            sev = "error"
        zh, en = EXPECT[expects]
        what = ctx.say(zh, en)
        n = sum(1 for c in line[a:b] if c in _SP)
        msg = ctx.say("此处空着{n}个空格，{w}没有填写：请填入{w}",
                      "a blank left as {n} space(s) here: {w} was never filled in", n=n, w=what)
        return a, b, sev, msg, {"expects": expects, "shape": "blank"}, ctx.say("填入{w}", "fill in {w}", w=what)

    def bare(self, line, verb, unit, a, b):
        """A unit or % with no number before it: 约万吨, 同比下降%, 完成投资万元。 (a warning: it can be a slip)."""
        if verb[-1] in _ROUND_NUMBER and unit[:1] in "万亿千百萬億":
            return None  # 近万人, 超亿元: the round number is the figure
        if verb[-1] in _CN_NUMERALS:
            return None
        if a and (line[a - 1] in _DIGITS or line[a - 1] in _CN_NUMERALS and verb[0] not in "约約近达達"):
            return None
        if (b == len(line) or line[b] in _SP) and ("\t" in line[:a] or re.search(f"[{_SP}]{{2,}}", line[:a])):
            return None  # a text table's header: 指标  完成值  增长%
        ctx = self.ctx
        what = ctx.say(*EXPECT["number"])
        msg = ctx.say("“{t}”中“{u}”前面没有数字，像是删掉数字后没有填写：请填入{w}",
                      "“{t}” has no figure before “{u}”: it looks like a number was deleted and never filled in",
                      t=line[a:b], u=unit, w=what)
        return a, b, "warning", msg, {"expects": "number", "shape": "deleted-number"}, \
            ctx.say("在“{u}”前填入数字", "put the figure before “{u}”", u=unit)

    def _expects(self, text, start, end, kind):
        s = text[start:end]
        after = text[end:end + 4]
        before = text[max(0, start - 4):start]
        if kind == "x" and (any(c in s for c in ".．%％‰") or any(c.isdigit() for c in s)):
            if after.startswith("年") and len(s) == 4:
                return "year"
            return "number"
        if kind == "x" and after.startswith("年") and (before.endswith(("〇", "○", "零", "二")) or len(s) == 4):
            return "year"
        if _starts(after, self.date_after):
            return "date" if after[:1] != "年" else ("year" if len(s) >= 2 and kind == "x" else "number")
        if _starts(after, self.number_after):
            return "number"
        if _starts(after, self.name_after):
            return "name"
        if _ends(before, self.number_before):
            return "number"
        if _ends(before, self.name_before):
            return "name"
        if kind in ("mou", "circle"):
            return "name"
        return "content"


def _prefix_set(words):
    """A matcher for "starts with one of words" (longest first)."""
    return re.compile(_alt(words)).match if words else (lambda _s: None)


def _suffix_set(words):
    """A matcher for "ends with one of words"."""
    return re.compile(f"(?:{_alt(words)})$").search if words else (lambda _s: None)


def _starts(s, matcher) -> bool:
    return matcher(s) is not None


_ends = _starts


def _emphasis(line: str, a: int, b: int, slot_word) -> bool:
    """Whether the ``**`` at a..b opens or closes Markdown emphasis around real words on its line
    (**重点工作**), not two slots (**镇、**村; **镇召开**会议): the pair holds two characters or more,
    no space just inside it, does not start with a word a slot stands before (镇, 万元), and a closer
    after punctuation is followed by a space or punctuation (CommonMark's flanking rule)."""
    stars = line[a:b]
    for m in re.finditer(r"[*＊]+", line):
        if m.group() != stars or m.start() == a:
            continue
        if m.start() > a:
            inner, closer_end = line[b:m.start()], m.end()
        else:
            inner, closer_end = line[m.end():a], b
        if len(inner) < 2 or inner[0] in _SP or inner[-1] in _SP or slot_word(inner):
            continue
        if inner[-1] in _PUNCT_AFTER and closer_end < len(line) and line[closer_end] not in _SP + _PUNCT_AFTER:
            continue
        return True
    return False


def _layout_spacing(line: str) -> bool:
    """Whether the spaces of a line are layout (text pasted from a PDF: 全 镇 实 现, or the spaces left
    where a PDF's lines broke) rather than blanks: many spaces between Chinese characters, most of
    them where no quantity could belong."""
    n = 0
    for m in _HAN_GAP.finditer(line):
        n += 1
        if n >= 3:
            break
    if n < 3:
        return False
    quantity = len(_QUANTITY_GAP.findall(line))
    total = len(_HAN_GAP.findall(line))
    return total - quantity >= 3 and total - quantity > quantity


_UNIT_AT = re.compile(r"[^\s，,。；;：:、）)]+")
_HAN_GAP = re.compile(rf"(?<=[{_HAN}，。、；：,;:])[{_SP}]+(?=[{_HAN}])")
_QUANTITY_GAP = re.compile(rf"(?<=[{_HAN}])[{_SP}]+(?=万元|亿元|元|%|％|人次|件|次|个|户|人|项|家|名|亩|吨|公里|[年月日])")
