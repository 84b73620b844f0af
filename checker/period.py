"""The period a report covers and the place it is about: what the period rules compare against.

:func:`period_of` derives the report's period from its title and kind (through the public entry
points of :mod:`checker.outline` and :mod:`checker.kinds`) and ``--year``:

- a 2025年工作总结 reviews 2025 (and a plan in it is for 2025 or 2026);
- a …2025年工作总结及2026年工作计划 reviews 2025 and plans 2026;
- a 2026年政府工作报告, delivered early in 2026 (its title, or the date line under it, says so),
  reviews 2025 and plans 2026 — the pattern of national and provincial reports;
- a 2025年上半年工作总结 reviews January to June 2025.

Where neither the title nor ``--year`` gives a year, there is no period and the rules stay silent.

:func:`place_of` derives the draft's own place — a 镇, 乡, 街道, 县 or 区 and its name — from the
title, the opening self-reference (我代表西河乡人民政府…), and the signature.

Both are computed once per document and pack and cached on the document.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import NamedTuple

from checker.document import Document
from checker.hanzi import fold
from checker.record import Record

_SPACES = " \t\u3000\u00a0\ufeff\u200b\u200d"
_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = "[〇○零一二三四五六七八九]{4}"
_CN_MONTH = "(?:十[一二]?|[一二三四五六七八九])"
# A date: 2025年3月, 2025年3月5日, 二〇二五年三月, 二〇二五年十二月十日.
DATE = re.compile(rf"((?:19|20)[0-9]{{2}}|{_CN_YEAR})年\s*([0-9]{{1,2}}|{_CN_MONTH})月")
# The line under a 政府工作报告's title: ——2026年2月3日在…人民代表大会…会议上
_DELIVERED = re.compile(rf"^[—\-－─ ]*((?:19|20)[0-9]{{2}}|{_CN_YEAR})年\s*([0-9]{{1,2}}|{_CN_MONTH})月"
                        rf"(?:.{{0,40}}(?:代表大会|会议)|[0-9一二三四五六七八九十〇]{{0,3}}日?在)")

# Township tier and county tier: a mention at another tier is the county above or a place inside.
TOWNSHIP = ("镇", "乡", "街道")
COUNTY = ("县", "区")
_LEVEL = "街道办事处|街道|镇|乡|县|区"
# Characters that never end or make up a place name in these patterns (乡镇, 全镇, 年度 …).
_NOT_NAME = set("乡镇县区市省街道村社年度月日工作总结计划报告关于全我本该各两三四五六七八九十一二上下半的和与及在由是党委政府人民主席团")


def cn_year(s: str) -> int:
    if s.isdigit():
        return int(s)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def cn_month(s: str) -> int:
    if s.isdigit():
        return int(s)
    if s.startswith("十"):
        return 10 + (_CN_DIGITS[s[1]] if len(s) > 1 else 0)
    return _CN_DIGITS[s]


class Period(NamedTuple):
    """What a report covers: the review's first and last month, the plan's years, and why."""

    kind: str                       # the kind of report (kinds.toml name)
    year: int                       # the year the title names (or --year)
    review: tuple[int, int] | None  # (first, last) year reviewed
    review_end: tuple[int, int]     # (year, month) of the last month the review may speak of
    review_start: tuple[int, int]   # (year, month) of the first month reviewed
    plan: tuple[int, ...]           # the years planned
    current: tuple[int, ...]        # the years "今年" may mean in this report
    how: str                        # "title", "option" (--year), "delivered" (the date line)
    line: int | None                # the line the year came from
    source: str                     # that line's text (or "--year 2025")
    half: str | None = None         # "上半年" / "下半年"

    def review_label(self, lang: str = "zh") -> str:
        if self.review is None:
            return ""
        a, b = self.review
        if self.half:
            return f"{a} H1" if lang == "en" and self.half == "上半年" else (
                f"{a} H2" if lang == "en" else f"{a}年{self.half}")
        if a == b:
            return str(a) if lang == "en" else f"{a}年"
        return f"{a}–{b}" if lang == "en" else f"{a}—{b}年"

    def plan_label(self, lang: str = "zh") -> str:
        if self.half == "上半年" and self.plan == (self.year,):
            return f"{self.year} H2" if lang == "en" else f"{self.year}年下半年"
        ys = "、".join(str(y) for y in self.plan)
        return ys if lang == "en" else (ys + "年" if ys else "")

    def why(self, lang: str = "zh") -> str:
        """How the period was derived, for messages and `checker outline`."""
        if self.how == "option":
            return "--year " + str(self.year)
        if self.how == "delivered":
            return (f"delivered on the date of line {self.line}: “{_clip(self.source)}”" if lang == "en"
                    else f"第 {self.line} 行的报告日期“{_clip(self.source)}”")
        return f"title “{_clip(self.source)}”" if lang == "en" else f"标题“{_clip(self.source)}”"

    def describe(self, lang: str = "zh") -> str:
        parts = []
        if self.review:
            parts.append((f"reviews {self.review_label('en')}" if lang == "en"
                          else f"总结{self.review_label()}"))
        if self.plan:
            parts.append((f"plans {self.plan_label('en')}" if lang == "en" else f"计划{self.plan_label()}"))
        what = ", ".join(parts) if lang == "en" else "，".join(parts)
        return (f"{what} ({self.kind}; from the {self.why('en')})" if lang == "en"
                else f"{what}（{self.kind}；依据{self.why()}）")

    def as_json(self) -> dict:
        return {"year": self.year, "kind": self.kind, "review": list(self.review) if self.review else None,
                "review_start": list(self.review_start), "review_end": list(self.review_end),
                "half": self.half, "plan": list(self.plan), "current": list(self.current),
                "how": self.how, "line": self.line, "source": self.source}


class Place(Record):
    """The draft's own place: a name and its level (镇, 乡, 街道, 县, 区), and where it was read."""

    __slots__ = ("name", "level", "how", "line", "column", "typed", "others")

    def __init__(self, name: str, level: str, how: str, line: int, column: int, typed: str = "",
                 others: list["Place"] | None = None):
        self.name = name
        self.level = level
        self.how = how                  # "title", "opening", "signature"
        self.line = line
        self.column = column            # 1-based column of the name on that line
        self.typed = typed              # name and level as the draft writes them (西河鄉)
        self.others = [] if others is None else others   # other places the draft names as itself

    @property
    def full(self) -> str:
        return self.typed or self.name + self.level

    @property
    def tier(self) -> tuple[str, ...]:
        return TOWNSHIP if self.level in TOWNSHIP else COUNTY

    def why(self, lang: str = "zh") -> str:
        labels = {"title": ("标题", "the title"), "opening": ("开头", "the opening"),
                  "signature": ("落款", "the signature")}
        zh, en = labels[self.how]
        return f"{en}, line {self.line}" if lang == "en" else f"{zh}，第 {self.line} 行"

    def describe(self, lang: str = "zh") -> str:
        return f"{self.full} (from {self.why('en')})" if lang == "en" else f"{self.full}（依据{self.why()}）"

    def as_json(self) -> dict:
        return {"name": self.name, "level": self.level, "how": self.how, "line": self.line,
                "column": self.column}


def _clip(s: str, n: int = 30) -> str:
    s = s.strip(_SPACES)
    return s if len(s) <= n else s[:n] + "…"


def _cached(doc: Document, key, build):
    cache = doc.__dict__.setdefault("_derived", {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def detection(doc: Document, pack: dict, kind: str | None = None):
    """The kind detection (checker.kinds.detect) on the document's outline, or None."""
    from checker import kinds as K
    from checker import outline as O

    def build():
        ol = O.of(doc, pack)
        try:
            return ol, K.detect(doc, ol, pack, kind)
        except K.KindError:
            return ol, None
    return _cached(doc, ("period-detect", id(pack), kind), build)


def period_of(doc: Document, pack: dict, kind: str | None = None, year: int | None = None) -> Period | None:
    """The period the report covers, or None when neither its title nor ``year`` names a year."""
    return _cached(doc, ("period", id(pack), kind, year), lambda: _period(doc, pack, kind, year))


def _period(doc, pack, kind, year) -> Period | None:
    ol, det = detection(doc, pack, kind)
    if det is None:
        return None
    name = det.kind.name
    title = fold(det.text or "")
    delivered = _delivered(doc, ol)
    found = _year(doc, det, delivered, year)
    if found is None:
        return None
    y, how, line, source = found
    explicit = [int(m.group(1)) for m in re.finditer(r"(?:及|和|与|暨)((?:19|20)[0-9]{2})年", title)]
    plans_title_year = name == "政府工作报告" or det.kind.chapters == "measures"   # a plan on its own: plans y
    if plans_title_year and not (explicit and explicit[0] == y + 1) and y not in _review_heading_years(doc, ol, pack):
        # delivered early in year y: reviews y-1 (a term's last report also the years before), plans y
        last_month = delivered[2] if delivered and delivered[1] == y else 3
        return Period(name, y, (y - 1, y - 1), (y, last_month), (y - 1, 1), (y,), (y,), how, line, source)
    half = None
    if name == "半年工作总结":
        half = "下半年" if re.search(r"下半年.{0,6}(总结|回顾)", title) and "上半年" not in title else "上半年"
    plan = tuple(explicit) if explicit else (y,) if half == "上半年" else (y + 1,)
    start, end = ((y, 1), (y, 6)) if half == "上半年" else ((y, 7), (y, 12)) if half == "下半年" else ((y, 1), (y, 12))
    current = (y,) if half else tuple(sorted({y, *plan}))
    return Period(name, y, (y, y), end, start, plan, current, how, line, source, half)


def _delivered(doc, ol) -> tuple | None:
    """(line, year, month) of the date a report was delivered on, among the lines of its title block."""
    for n in ol.title_lines[:6]:
        m = _DELIVERED.search(fold(doc.block(n).text.strip(_SPACES)))
        if m:
            return n, cn_year(m.group(1)), cn_month(m.group(2))
    return None


def _year(doc, det, delivered, year) -> tuple | None:
    """(year, how, line, source) the report is about: ``--year``, the title's, or for a 政府工作报告
    whose title names none the year it was delivered in; None when there is none."""
    if year is not None:
        return year, "option", None, f"--year {year}"
    if det.title_year is not None:
        return det.title_year, "title", det.line, det.text
    if delivered and det.kind.name == "政府工作报告":
        return delivered[1], "delivered", delivered[0], doc.block(delivered[0]).text
    return None


def _review_heading_years(doc, ol, pack) -> set[int]:
    """Years the review's own headings name (一、2025年工作回顾): a 政府工作报告 titled with the year it
    reviews, as some townships title theirs, says so there."""
    from checker import kinds as K

    years = set()
    for ev in K.evidence(doc, ol, pack, needed=()).get("review", []):
        if ev.how == "heading" and ev.node is not None:
            years.update(y for y, _, _ in K.heading_years(ev.node.title, "review"))
    return years


# --- place ------------------------------------------------------------------------------------

_TITLE_PLACE = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,4}}?)(?P<level>{_LEVEL})")
_OPENING = re.compile(rf"代表(?P<name>[\u4e00-\u9fff]{{2,4}}?)(?P<level>{_LEVEL})(?:人民政府|党委|人大主席团|人大)")
_SIGNATURE = re.compile(r"^(?:中共)?(?P<name>[\u4e00-\u9fff]{2,4}?)(?P<level>街道办事处|街道|镇|乡|县|区)"
                        r"(?:人民政府|党委|委员会|党工委|人大主席团|人大|政府|办事处|办公室)?$")
_LEAD = re.compile(r"^(?:(?:19|20)[0-9]{2}年度?|关于|中共|中国共产党)*")


def _level(level: str) -> str:
    return "街道" if level.startswith("街道") else level


def good_name(name: str) -> bool:
    """Two to four characters that can be a place's name (not 乡镇, 全镇, 年度, 自治 …)."""
    return len(name) >= 2 and not any(c in _NOT_NAME for c in name) and not name.endswith("自治")


def title_place(text: str) -> tuple[str, str, int, str] | None:
    """(name, level, offset, as typed) of the lowest place a title chain names at its start: 东山县西河乡… → 西河, 乡."""
    orig = text.strip(_SPACES)
    f = fold(orig)
    lead = len(text) - len(text.lstrip(_SPACES))
    pos = _LEAD.match(f).end()
    found = None
    while True:
        m = _TITLE_PLACE.match(f, pos)
        if not m or not good_name(m.group("name")):
            # a higher level without one of ours (XX市, XX省) may come first in the chain
            h = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|州|盟)").match(f, pos)
            if found is None and h and not re.match(r"\d", f[h.end():h.end() + 1] or "x") and h.end() > pos \
                    and good_name(f[pos:h.end() - 1]):
                pos = h.end()
                continue
            break
        found = (orig[m.start("name"):m.end("name")], _level(m.group("level")), lead + m.start("name"),
                 orig[m.start("name"):m.end("level")])
        pos = m.end()
        if m.group("level") == "街道办事处":
            break
    return found


def place_of(doc: Document, pack: dict, kind: str | None = None) -> Place | None:
    return _cached(doc, ("place", id(pack), kind), lambda: _place(doc, pack, kind))


def signature_lines(doc: Document, ol, max_lines: int = 6) -> list[int]:
    """The last few lines of the body with text: where a signature and its date are."""
    if max_lines <= 0:
        return [n for n in ol.body_lines if doc.block(n).kind == "body"][-max_lines:]
    lines = []
    for n in reversed(ol.body_lines):   # from the end: the last few, without a walk over the whole draft
        if doc.block(n).kind == "body":
            lines.append(n)
            if len(lines) == max_lines:
                break
    return lines[::-1]


def _place(doc, pack, kind) -> Place | None:
    ol, det = detection(doc, pack, kind)
    found: list[Place] = []
    for n in ([det.line] if det and det.line else ol.title_lines[:1]):
        got = title_place(doc.block(n).text)
        if got:
            name, level, col, typed = got
            found.append(Place(name, level, "title", n, col + 1, typed))
            break
    titles = set(ol.title_lines)
    opening = list(islice((n for n in ol.body_lines if n not in titles), 6))   # the first six, not a walk over all
    for n in opening:
        text = doc.block(n).text
        m = _OPENING.search(fold(text))
        if m and good_name(m.group("name")):
            found.append(Place(text[m.start("name"):m.end("name")], _level(m.group("level")), "opening", n,
                               m.start("name") + 1, text[m.start("name"):m.end("level")]))
            break
    for n in reversed(signature_lines(doc, ol)):
        text = doc.block(n).text
        s = fold(text.strip(_SPACES))
        m = _SIGNATURE.match(s)
        if m and good_name(m.group("name")):
            lead = len(text) - len(text.lstrip(_SPACES))
            st = text.strip(_SPACES)
            found.append(Place(st[m.start("name"):m.end("name")], _level(m.group("level")), "signature", n,
                               lead + m.start("name") + 1, st[m.start("name"):m.end("level")]))
            break
    if not found:
        return None
    own = found[0]
    own.others = [p for p in found[1:] if p.level in own.tier and fold(p.name) != fold(own.name)]
    return own


# --- for `checker outline` ----------------------------------------------------------------------

def period_lines(per, place, lang: str) -> list[str]:
    """The lines `checker outline` prints about the report's period and place (``period_of``/``place_of``)."""
    en = lang == "en"
    out = ["", "Period and place:" if en else "时期与地方："]
    if per:
        out.append(f"  period: {per.describe('en')}" if en else f"  时期：{per.describe()}")
    else:
        out.append("  period: the title names no year (use --year); period rules stay silent" if en else
                   "  时期：标题没有年份（可用 --year 指定），时期类规则不作检查")
    if place:
        out.append(f"  place: {place.describe('en')}" if en else f"  地方：{place.describe()}")
        for o in place.others:
            out.append(f"  ! {o.how} names {o.describe('en')}" if en else f"  ！{o.why()}写的是 {o.full}")
    else:
        out.append("  place: not named in the title, opening or signature" if en else
                   "  地方：标题、开头和落款都没有写明")
    return out


def period_json(per, place) -> dict:
    return {"period": per.as_json() if per else None,
            "place": ({**place.as_json(), "others": [o.as_json() for o in place.others]} if place else None)}
