"""`missing-name`: a sentence broken where a name was deleted from its slot ("关于镇2020年工作总结",
"其中村、村", "把打造成", "结合的镇史", "打造了青光、两个精品村"). Each shape is narrow on purpose: a false
alarm costs more than a miss, and the finding is only info.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from checker.hanzi import HAN
from checker.patterns import Scan, Starts, alt as _alt, finditer_at
from checker.rules import Rule
from checker.rules.residue import build_vendor, is_short

_HAN = HAN
_SPACE = " \t\u3000\u00a0"

_CN_NUM = "两兩二三四五六七八九十"


def _build_missing(voc: dict):
    """The `missing_name` pack section, compiled once per run (``ctx.vocab``); None when a list is empty."""
    key = (tuple(voc.get("units", [])), tuple(voc.get("unit_word_after", [])),
           tuple(voc.get("clause_verbs", [])), tuple(voc.get("build_verbs", [])),
           tuple(voc.get("categories", [])))
    if not all(key[:4]):
        return None
    return (*_compile_missing(key), key[4])


def _compile_missing(key):
    units, word_after, clause_verbs, build_verbs, categories = key
    u = _alt(units)
    parts = [
        # 关于镇2020年…: a unit word with nothing naming it, straight before a year
        ("about", rf"(?:关于|關於|对于|對於)(?:{u})(?=(?:19|20)[0-9]{{2}}|[１２][０-９]{{3}}|二[〇○零]|20[Xx])"),
        # 其中村、村突破…: two bare units of one kind in a row (what comes before is checked in Python)
        ("pair", rf"(?:{'|'.join(f'{c}、{c}' for c in '镇鎮乡鄉村县縣区區')})(?![{_alt(word_after)}])"),
        # 把打造成…: 把 needs an object; 将建打造成…: two verbs glued where the object was
        ("ba", rf"把(?:{_alt(build_verbs)})成(?![果效绩績就本员員熟功区區型])"),
        ("glued", r"(?:将|將|把)(?:建|打造)(?:打造|建设|建設)成"),
        # ，结合的镇史…: a verb that takes an object, at the start of a clause, straight before 的
        ("clause", rf"(?:{_alt(clause_verbs)})的(?![是就正还還都不也乃])(?=[{_HAN}])"),
        # 打造了青光、两个精品村: a list whose count is one more than its items
        ("count", rf"、(?P<n>[{_CN_NUM}])(?:个|個|大)(?P<cat>[{_HAN}]{{1,5}}?)(?=[，,。；;：:）)\n]|$)"),
    ]
    title = rf"[ \t\u3000]*(?P<u>{u})(?=(?:19|20)[0-9]{{2}}年|二[〇○零][一二三四五六七八九〇○零]{{2}}年)"
    # Each shape starts with a fixed character or a choice of words: one quick scan for where any
    # of them may start (patterns.start_scans: a first character followed by a second), and each
    # shape is tried only there.
    starts = Starts([p for _kind, p in parts])
    # the title at the start of any line: one scan of the whole text, from each line break
    return _Shapes(parts), (re.compile(title), re.compile("\n" + title)), starts


class _Shapes:
    """The shapes' patterns, and for a text too short for a start scan (``Starts``) the scan of
    each one's literal-led branches (``Scan``), compiled when first needed."""

    __slots__ = ("kinds", "sources", "patterns", "_scans")

    def __init__(self, parts):
        self.kinds = [kind for kind, _p in parts]
        self.sources = [p for _kind, p in parts]
        self.patterns = [re.compile(p) for p in self.sources]
        self._scans = None

    def matches(self, text, found):
        """(kind, match) of every shape in ``text``; ``found``: where one may start, or None."""
        if found is not None:
            return ((kind, m) for kind, p in zip(self.kinds, self.patterns) for m in finditer_at(p, text, found))
        if self._scans is None:
            self._scans = [Scan(p) for p in self.sources]
        return ((kind, m) for kind, scan in zip(self.kinds, self._scans) for m in scan.finditer(text))


_CLAUSE_START = set("，,。；;：:、（(“「\n")
_NUMS = {"两": 2, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CLAUSE_STOP = "，,。；;：:（(\n！？!?"
_ITEM = re.compile(rf"(?:了|^)([{_HAN}]{{2,4}})$")


class MissingNameRule(Rule):
    name = "missing-name"
    weight = 21

    def check(self, doc, ctx):
        compiled = ctx.vocab("missing_name", _build_missing)
        if compiled is None:
            return
        shapes, (title, line_title), starts, categories = compiled
        short = ctx.vocab("vendor", build_vendor).short
        text = doc.text
        spans = []
        # a title that starts with the bare unit and a year: 镇2020年工作总结
        line_starts = doc.line_starts
        first = title.match(text)
        for m in ([first] if first else []) + [m for m in line_title.finditer(text)]:
            base = m.start() + (m is not first)
            i = bisect_right(line_starts, base) - 1
            block = doc.blocks[i]
            if line_starts[i] == base and (block.text[:1] in "镇鎮乡鄉村县縣区區市街社" or block.text[:1] in _SPACE) \
                    and is_short(block.text, short):
                spans.append((m.start("u"), m.end("u"), "title"))
        for kind, m in shapes.matches(text, starts.positions(text)):
            start, end = m.span()
            before = text[start - 1] if start else "\n"
            if kind == "pair":
                if not (before in _CLAUSE_START or text[max(0, start - 2):start] == "其中"):
                    continue
            elif kind == "clause":
                if before not in _CLAUSE_START:
                    continue
            elif kind == "count":
                if not _count_gap(text, m, categories):
                    continue
                end = start + 1
            spans.append((start, end, kind))
        for start, end, kind in sorted(spans):
            shown = text[start:end]
            msg = ctx.say("“{t}”处似乎缺了名称（原模板的占位符被删掉而未填写），句子不完整：请补上名称",
                          "a name seems to be missing at “{t}” (a template slot deleted instead of filled): add it",
                          t=shown)
            yield ctx.finding(doc, self.name, start, end, msg, shape=kind)


def _count_gap(text: str, m, categories) -> bool:
    """打造了青光、两个精品村: n items announced, n-1 named, and the last named one a bare name."""
    n = _NUMS.get(m.group("n"))
    start = m.start()
    s = start
    while s > 0 and text[s - 1] not in _CLAUSE_STOP:
        s -= 1
    clause = text[s:start]
    segs = clause.split("、")
    if n is None or n != len(segs) + 1:
        return False
    for seg in segs:
        if not seg or any(c.isdigit() or c in _CN_NUM or c == "一" for c in seg[-4:]):
            return False  # a parallel list of counts: 一个中心、两个基本点
    last = _ITEM.search(segs[-1])
    if last is None:
        return False
    for seg in segs[1:]:
        if not re.fullmatch(rf"[{_HAN}]{{2,4}}", seg):
            return False
    item = last.group(1)
    # A named item that already says what it is (青山村) is an item of its own, not one of
    # the n the count sums up: "覆盖青山村、两个社区" is fine.
    return not any(seg.endswith(categories) for seg in segs[:-1] + [item])
