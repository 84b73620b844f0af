"""`placeholder`: template slots left unfilled.

One regular expression, built once per pack, scans the whole document text
in a single pass. Each candidate is then judged against the look-alikes of
the pack (X光, “1+X”证书, 二〇二五年 …) and given the severity and the
expectation ("a number", "a name", "a year") its surroundings suggest.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.figures import suggest_count
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


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


_FIXED_TRIGGERS = f"{_X}某×╳✕✖○〇◯□■▢☐_＿﹍﹎‗?？"


@lru_cache(maxsize=8)
def _compile(key):
    """(trigger, main, extra): ``trigger`` finds the characters a slot can start with, ``main``
    is tried only there, so clean text is skipped at C speed; user patterns are scanned apart."""
    markers, soft, starts, fields, extra = key
    opens = "".join(re.escape(o) for o in _BRACKETS)
    closes = "".join(re.escape(c) for c in _BRACKETS.values())
    parts = [
        # a bracketed instruction or field name
        rf"(?P<bracket>[{opens}]\s*(?:(?:{_alt(starts)})[^{opens}{closes}\n]{{0,40}}?|(?:{_alt(fields)})\s*)[{closes}])",
        # 某某, 某X, 某×, 某○
        rf"(?P<mou>某(?:某+|[{_X}×○〇□]+))",
        # runs of X with digits, decimals and a percent sign: XX, XX.XX%, x.xx (leading digits
        # such as the 20 of 20XX are taken in by the judge, looking backwards)
        rf"(?P<x>[{_X}][0-9０-９{_X}]*(?:[.．][0-9０-９{_X}]*[{_X}0-9０-９])*[%％‰]?(?:(?![{_LETTER}])|(?=[A-Z]{{1,5}}[级級])))",
        r"(?P<times>[×╳✕✖]{2,}|╳)",
        r"(?P<circle>[○〇◯]{2,})",
        r"(?P<box>[□■▢☐]{2,})",
        r"(?P<line>[_＿﹍﹎‗]{2,})",
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


@lru_cache(maxsize=8)
def _compile_allow(allow: tuple[str, ...]):
    return re.compile(_alt(allow)) if allow else None


_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _is_letter(c: str) -> bool:
    return ("A" <= c <= "Z") or ("a" <= c <= "z") or ("Ａ" <= c <= "Ｚ") or ("ａ" <= c <= "ｚ")


_MULTIPLY = re.compile(rf"^[0-9０-９]+[{_X}][0-9０-９]+$")
_YEAR = re.compile(rf"^(?:19|20|２０)[0-9０-９{_X}]*[{_X}][0-9０-９{_X}]*$")
_SPACE_NUM_BEFORE = re.compile(r"[0-9０-９]\s*$")
_SPACE_NUM_AFTER = re.compile(r"^\s*[0-9０-９]")


class PlaceholderRule(Rule):
    name = "placeholder"

    def check(self, doc, ctx):
        voc = ctx.section("placeholder")
        extra = tuple((p["pattern"], p.get("severity", "error"), p.get("expects", ""))
                      for p in voc.get("patterns", []) if p.get("pattern"))
        key = (tuple(voc.get("markers", [])), tuple(voc.get("soft_markers", [])),
               tuple(voc.get("instruction_starts", [])), tuple(voc.get("field_names", [])), extra)
        trigger, main, user = _compile(key)
        allow = _compile_allow(tuple(voc.get("allow", [])))
        text = doc.text
        judge = _Judge(voc, ctx)
        matches = _scan(trigger, main, text)
        if user is not None:
            matches = sorted([*matches, *user.finditer(text)], key=lambda m: m.start())
        for m in matches:
            kind = m.lastgroup
            start, end = m.span()
            if allow is not None and _allowed(allow, text, start, end):
                continue
            verdict = judge(kind, text, start, end, extra)
            if verdict is None:
                continue
            start, end, severity, message, fields = verdict
            suggestion = None
            if fields.get("expects") == "number":
                items = suggest_count(text, start, end)  # x个(桃源村、白鹤村): the list says how many
                if items:
                    fields["suggest"] = len(items)
                    suggestion = str(len(items))
                    message += ctx.say("；与它一起列出了 {n} 项（{items}），应填 {n}",
                                       "; {n} are listed with it ({items}), so {n} belongs here",
                                       n=len(items), items="、".join(items))
            yield ctx.finding(doc, self.name, start, end, message, severity=severity, suggestion=suggestion,
                              **fields)
        yield from self._content_controls(doc, ctx)

    def _content_controls(self, doc, ctx):
        """Word content controls still showing their placeholder text: unfilled by definition."""
        for block in doc.blocks:
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
    def __init__(self, voc, ctx):
        self.ctx = ctx
        self.number_after = _prefix_set(tuple(voc.get("number_after", [])))
        self.date_after = _prefix_set(tuple(voc.get("date_after", [])))
        self.name_after = _prefix_set(tuple(voc.get("name_after", [])))
        self.name_before = _suffix_set(tuple(voc.get("name_before", [])))
        self.number_before = _suffix_set(tuple(voc.get("number_before", [])))

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


@lru_cache(maxsize=64)
def _prefix_set(words):
    """A matcher for "starts with one of words" (longest first)."""
    return re.compile(_alt(words)).match if words else (lambda _s: None)


@lru_cache(maxsize=64)
def _suffix_set(words):
    """A matcher for "ends with one of words"."""
    return re.compile(f"(?:{_alt(words)})$").search if words else (lambda _s: None)


def _starts(s, matcher) -> bool:
    return matcher(s) is not None


_ends = _starts
