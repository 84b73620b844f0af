"""Figures in Chinese report prose: numbers with their units, as exact intervals.

A *figure* is a number as written together with what it measures: ``3.2亿元``,
``二十余个``, ``1,860件``, ``xx.xx%``. Each becomes an interval of exact
fractions (never floats), in the base unit of its dimension (元, 平方米, 人 …):

- written precision, as in XBRL Calculations 1.1: ``1.83万亿元`` stands for
  [1.825, 1.835] 万亿元, ``500万元`` for [499.5, 500.5] 万元;
- approximations (GB/T 15835-2011) as bounds: ``20余``/``20多`` [20, 30],
  ``约``/``左右`` ±10 %, ``近`` just under, ``超过``/``以上``/``不少于`` no upper
  bound, ``以下``/``不足``/``不超过`` no lower bound but 0;
- ranges ``10-20``/``10至20`` the two ends.

Template slots (``X万元``, ``xx.xx%``) are figures of unknown value: they keep
their unit (so a rule can see them) but never take part in arithmetic.

Numerals are read by a small tokenizer of our own rather than cn2an: cn2an's
``transform()`` rewrites ordinary words (统一 → 统1, 一是 → 1是) and its smart
mode rejects ``1.83万亿`` and ``二十余`` (measured in ../shared/notes). Here a
number is matched atomically — digits, decimals, multiplier (万亿/亿/万) and unit
in one regular-expression match, so ``1.18万亿`` can never be read as ``18万亿`` —
and a Chinese numeral only counts as a figure when a unit or counter follows it,
which leaves 一是, 两会, 统一 and 十四五 alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8}
MULTIPLIERS = {"万亿": 10 ** 12, "萬億": 10 ** 12, "千亿": 10 ** 11, "千億": 10 ** 11, "亿": 10 ** 8,
               "億": 10 ** 8, "千万": 10 ** 7, "千萬": 10 ** 7, "百万": 10 ** 6, "百萬": 10 ** 6,
               "万": 10 ** 4, "萬": 10 ** 4, "千": 1000}
CN_CHARS = "零〇○一二两兩三四五六七八九十拾百佰千仟万萬亿億"
SLOT_CHARS = "XxＸｘ"
EXACT_DIMS = ("people", "households", "person-times")
_CN_NONPLACE = set("〇○零一二两兩三四五六七八九十拾")

# Words before a number that make it a bound rather than a value.
LOWER_PREFIX = ("超过", "超過", "逾", "不少于", "不少於", "不低于", "不低於", "至少", "多于", "多於", "超")
UPPER_PREFIX = ("不超过", "不超過", "不到", "不足", "少于", "少於", "低于", "低於", "至多", "最多")
ABOUT_PREFIX = ("约", "約", "大约", "大約", "接近", "近", "将近", "將近")
LOWER_SUFFIX = ("以上", "多")
UPPER_SUFFIX = ("以下", "以内", "以內")
ABOUT_SUFFIX = ("左右", "上下")


@dataclass(slots=True)
class Figure:
    """One number as written, with its unit; ``lo``/``hi`` in base units (None = unbounded)."""

    start: int            # offsets into the text it was found in
    end: int
    text: str             # as written, unit included
    dim: str              # "money", "area", "percent", "count:个" … ; "" when no unit
    unit: str             # as written: "万元", "%", "个"
    scale: Fraction       # base units per written unit (万元 -> 10000)
    value: Fraction | None  # nominal, in written units (None for a slot)
    lo: Fraction | None   # interval in base units
    hi: Fraction | None
    approx: str = ""      # the approximation word, if any
    slot: bool = False    # a template slot: value unknown
    range: bool = False   # written as a range 10-20
    chinese: bool = False  # written in Chinese numerals

    @property
    def exact(self) -> bool:
        return not self.slot and not self.approx and not self.range

    def shown(self) -> str:
        return self.text


# --------------------------------------------------------------------------- numerals

def parse_chinese(s: str) -> tuple[int, int] | None:
    """Value of a Chinese numeral and the place value of its last digit.

    ``一千二百`` -> (1200, 100), ``三万五千`` -> (35000, 1000), ``十二`` -> (12, 1),
    ``二〇二五`` (digit by digit) -> (2025, 1). None when it is not a well-formed numeral.
    """
    if not s:
        return None
    if all(c in CN_DIGITS for c in s):
        if len(s) == 1:
            return CN_DIGITS[s], 1
        if s[0] in "零〇○" or len(s) < 3:
            return None  # 三四个 is "three or four", not 34
        return int("".join(str(CN_DIGITS[c]) for c in s)), 1
    total = 0      # sections above 亿/万 already closed
    section = 0    # current section below 万
    digit = None
    last_place = 1
    big_seen = 10 ** 13
    for c in s:
        if c in CN_DIGITS:
            if digit is not None and CN_DIGITS[c] != 0 and digit != 0:
                return None  # 三四 (a range), not a numeral
            digit = CN_DIGITS[c]
            if digit == 0:
                continue
            last_place = 1
        elif c in CN_SMALL:
            place = CN_SMALL[c]
            d = 1 if digit is None else digit
            if digit == 0:
                return None
            section += d * place
            last_place = place
            digit = None
        elif c in CN_BIG:
            place = CN_BIG[c]
            if place >= big_seen and not (place == 10 ** 4 and big_seen == 10 ** 8):
                return None
            if digit:
                section += digit
                last_place = 1
            digit = None
            if section == 0 and total == 0:
                return None
            if place == 10 ** 8:
                total = (total + section) * place
            else:
                total += section * place
            last_place *= place
            section = 0
            big_seen = place
        else:
            return None
    if digit:
        # 一千二 = 1200 (the digit takes the place below the last unit); 十二 = 12
        if last_place >= 100 and section:
            section += digit * (last_place // 10)
            last_place //= 10
        else:
            section += digit
            last_place = 1 if last_place < 10 ** 4 else last_place // 10
    return total + section, last_place


def _arabic(s: str) -> tuple[Fraction, Fraction]:
    """Value and half of the last written place: "1.83" -> (183/100, 1/200)."""
    s = s.translate(FULLWIDTH).replace(",", "")
    if "." in s:
        whole, frac = s.split(".", 1)
        d = len(frac)
    else:
        d = 0
    return Fraction(s), Fraction(1, 2 * 10 ** d)


def _last_place(v: Fraction) -> Fraction:
    """Place value of the last non-zero digit of a written value: 20 -> 10, 1.5 -> 0.1, 120 -> 10."""
    if v == 0:
        return Fraction(1)
    p = Fraction(1)
    if v.denominator == 1:
        n = v.numerator
        while n % 10 == 0:
            n //= 10
            p *= 10
        return p
    while (v / p).denominator != 1:
        p /= 10
    return p


# --------------------------------------------------------------------------- vocabulary

@dataclass(frozen=True, eq=False)
class Units:
    """The unit table of the rule pack: unit -> (dimension, factor); counters."""

    table: tuple[tuple[str, str, Fraction], ...]
    counters: tuple[str, ...]

    @classmethod
    def from_pack(cls, voc: dict) -> "Units":
        """The units of a merged pack section (cached per section object: packs are read once)."""
        hit = _UNITS_CACHE.get(id(voc))
        if hit is not None and hit[0] is voc:
            return hit[1]
        units = cls._build(voc)
        _UNITS_CACHE[id(voc)] = (voc, units)
        return units

    @classmethod
    def _build(cls, voc: dict) -> "Units":
        rows = []
        for unit, spec in (voc.get("units") or {}).items():
            if isinstance(spec, (list, tuple)) and len(spec) == 2:
                rows.append((unit, str(spec[0]), Fraction(str(spec[1]))))
        counters = tuple(c for c in voc.get("counters", []) if c)
        return cls(tuple(rows), counters)

    def lookup(self) -> dict[str, tuple[str, Fraction]]:
        d = {u: (dim, f) for u, dim, f in self.table}
        for c in self.counters:
            d.setdefault(c, ("count:" + c, Fraction(1)))
        d["%"] = d["％"] = ("percent", Fraction(1))
        d["‰"] = ("percent", Fraction(1, 10))
        d["个百分点"] = d["個百分點"] = ("pp", Fraction(1))
        return d


_UNITS_CACHE: dict = {}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


_AR = r"(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]+)(?:[.．][0-9０-９]+)?"
_SLOT = rf"[{SLOT_CHARS}]+(?:[.．][{SLOT_CHARS}]+)?"
_MULT = _alt(MULTIPLIERS)


@lru_cache(maxsize=8)
def _figure_regex(units: Units):
    lookup = units.lookup()
    unit_alt = _alt(lookup)
    num = rf"(?:{_AR}|{_SLOT})"
    cn = rf"[{CN_CHARS}]+"
    pattern = (
        r"(?<![0-9０-９.．A-Za-zＡ-Ｚａ-ｚ])"
        r"(?:"
        # 百分之六十, 百分之x
        rf"(?P<pct>百分之(?P<pctnum>{_AR}|{_SLOT}|[{CN_CHARS}]+))"
        # arabic or slot, optional range, multiplier, 余/多, unit
        rf"|(?P<num>{num})(?:(?P<mult1>{_MULT}))?(?:(?P<rsep>[-－—~～至到])(?P<num2>{_AR})(?!年))?"
        rf"(?P<mult>{_MULT})?(?P<yu>[余餘多])?(?P<unit>{unit_alt})"
        # a Chinese numeral followed by 余/多 and a unit or counter
        rf"|(?<![{CN_CHARS}第])(?P<cn>{cn})(?P<cnyu>[余餘多])?(?P<cnunit>{unit_alt})"
        r")"
    )
    return re.compile(pattern), lookup


def _prefix_bound(text: str, start: int) -> str:
    before = text[max(0, start - 4):start]
    for words, kind in ((UPPER_PREFIX, "upper"), (LOWER_PREFIX, "lower"), (ABOUT_PREFIX, "about")):
        for w in words:
            if before.endswith(w):
                return w
    return ""


def _suffix_bound(text: str, end: int) -> str:
    after = text[end:end + 2]
    for w in LOWER_SUFFIX + UPPER_SUFFIX + ABOUT_SUFFIX:
        if w != "多" and after.startswith(w):
            return w
    return ""


def extract(text: str, units: Units, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in ``text[start:end]``, left to right."""
    regex, lookup = _figure_regex(units)
    out = []
    for m in regex.finditer(text, start, len(text) if end is None else end):
        f = _make(m, text, lookup)
        if f is not None:
            out.append(f)
    return out


def _make(m, text, lookup) -> Figure | None:
    g = m.group
    s, e = m.span()
    slot = False
    chinese = False
    rng = False
    approx = ""
    if g("pct") is not None:
        raw = g("pctnum")
        unit, mult = "%", 1
        if raw[0] in SLOT_CHARS:
            slot = True
            value, half = None, None
        elif raw[0] in CN_CHARS:
            p = parse_chinese(raw)
            if p is None:
                return None
            value, half = Fraction(p[0]), Fraction(p[1], 2)
            chinese = True
        else:
            value, half = _arabic(raw)
        hi_value = value
        yu = ""
    elif g("num") is not None:
        raw = g("num")
        unit = g("unit")
        if g("mult1") and g("mult") and g("mult1") != g("mult"):
            return None
        mult = MULTIPLIERS.get(g("mult") or g("mult1") or "", 1)
        if raw[0] in SLOT_CHARS:
            slot = True
            value = half = hi_value = None
        else:
            value, half = _arabic(raw)
            hi_value = value
            if g("num2"):
                v2, h2 = _arabic(g("num2"))
                if v2 < value:
                    return None  # 2020-2019: not a range of amounts
                hi_value, rng = v2, True
                half = max(half, h2)
        yu = g("yu") or ""
    else:
        raw = g("cn")
        unit = g("cnunit")
        if not any(c in _CN_NONPLACE for c in raw):
            return None  # 千家万户, 百家: words, not amounts
        p = parse_chinese(raw)
        if p is None:
            return None
        value, place = Fraction(p[0]), p[1]
        if value == 0:
            return None
        half = Fraction(place, 2) if place > 1 else Fraction(1, 2)
        hi_value = value
        mult = 1
        chinese = True
        yu = g("cnyu") or ""
    dim, factor = lookup[unit]
    unit_shown = ((g("mult") or g("mult1") or "") if g("num") is not None else "") + unit
    scale = factor * mult
    text_shown = m.group(0)
    if slot:
        return Figure(s, e, text_shown, dim, unit_shown, scale, None, None, None, "", True)
    if mult == 1 and value.denominator == 1 and (dim.startswith("count:") or dim in EXACT_DIMS) \
            and not chinese:
        half = Fraction(0)  # 1860件, 35户, 120人: counted, not rounded
    lo, hi = value - half, hi_value + half
    if yu:
        approx = yu
        lo, hi = value, value + _last_place(value)
    pre = _prefix_bound(text, s)
    post = _suffix_bound(text, e)
    if pre in UPPER_PREFIX or post in UPPER_SUFFIX:
        approx = approx or pre or post
        lo = Fraction(0)
    elif pre in LOWER_PREFIX or post in LOWER_SUFFIX:
        approx = approx or pre or post
        hi = None
    elif pre in ABOUT_PREFIX or post in ABOUT_SUFFIX:
        approx = approx or pre or post
        if pre and pre.endswith("近"):
            lo, hi = value * Fraction(9, 10), hi
        else:
            lo, hi = min(lo, value * Fraction(9, 10)), max(hi, hi_value * Fraction(11, 10))
    lo = lo * scale if lo is not None else None
    hi = hi * scale if hi is not None else None
    return Figure(s, e, text_shown, dim, unit_shown, scale, value, lo, hi, approx, False, rng, chinese)


# --------------------------------------------------------------------------- arithmetic and display

def add(figs) -> tuple[Fraction | None, Fraction | None]:
    """Interval sum of figures (None when any figure is a slot; hi None when unbounded)."""
    lo, hi = Fraction(0), Fraction(0)
    for f in figs:
        if f.slot or f.lo is None:
            return None, None
        lo += f.lo
        hi = None if (hi is None or f.hi is None) else hi + f.hi
    return lo, hi


def nominal(f: Figure) -> Fraction:
    """The written value in base units."""
    return f.value * f.scale


def fmt_number(v: Fraction, digits: int = 4) -> str:
    """An exact decimal string when short, else rounded (no floats)."""
    neg = v < 0
    v = abs(v)
    for d in range(digits + 1):
        scaled = v * 10 ** d
        if scaled.denominator == 1:
            n = scaled.numerator
            s = str(n) if d == 0 else f"{n // 10 ** d}.{n % 10 ** d:0{d}d}"
            return ("-" if neg else "") + s
    n = round(v * 10 ** digits)
    s = f"{n // 10 ** digits}.{n % 10 ** digits:0{digits}d}".rstrip("0").rstrip(".")
    return ("≈" if not neg else "≈-") + s


def in_unit(v: Fraction, f: Figure) -> str:
    """``v`` (base units) written in the unit of figure ``f``: 350000000 元 in 亿元 -> "3.5亿元"."""
    return fmt_number(v / f.scale) + f.unit


def expression(parts) -> str:
    shown = [p.text for p in parts]
    if len(shown) > 6:
        shown = shown[:5] + ["…"]
    return " + ".join(shown)


# --------------------------------------------------------------------------- counting a listed set

COUNT_COUNTERS = "个個家座所项項条條大类類处處名位支批件种種户戶"
_LIST_STOP = "，。；！？,;!?：:\n（）()"
_PAREN_LIST = re.compile(r"[^，。；！？,;!?\n（）()]{0,10}?[（(]([^（）()\n]{1,80})[）)]")
_VERBISH = re.compile(r"建成|完成|打造|新建|实施|开展|推进|建设|创成|创建|培育|引进|成立|评为|获评|获得|实现|形成|"
                      r"覆盖|涉及|包括|组织|举办|共有|共计|合计|建立|设立|改造|提升|新增|的|等|以及|"
                      r"(?<=.)[和及与與或](?=.)")


def list_items(s: str) -> list[str] | None:
    """Items of a list written with 、 (quotes stripped); None when it is not a plain list of names."""
    s = s.strip().strip("“”「」\"'《》")
    if "、" not in s or "等" in s:
        return None
    items = [i.strip().strip("“”「」\"'《》") for i in s.split("、")]
    if any(not i or len(i) > 12 or re.search(r"[0-9０-９]", i) or _VERBISH.search(i) for i in items):
        return None
    return items


def suggest_count(text: str, start: int, end: int) -> list[str] | None:
    """For a slot standing for a count (``x个(桃源村、白鹤村)``), the items listed with it.

    ``text[start:end]`` is the slot; a counter must follow it, then a short noun
    and a bracketed list of names separated by 、. Returns the items, or None.
    """
    after = text[end:end + 1]
    if not after or after not in COUNT_COUNTERS:
        return None
    m = _PAREN_LIST.match(text, end + 1, min(len(text), end + 100))
    if not m:
        return None
    return paren_items(text, start, end + 1, m)


def paren_items(text: str, start: int, end: int, m) -> list[str] | None:
    """Items of the bracketed list ``m`` after a count ``text[start:end]``, when they name the
    counted things: every item ends like the noun counted (全国文明村x个(桃源村、白鹤村)), so a
    gloss such as 29个省（自治区、直辖市） is not taken for a list of provinces."""
    items = list_items(m.group(1))
    if not items:
        return None
    noun = text[end:m.start(1) - 1].strip()
    if not noun:
        cs = start
        while cs > 0 and text[cs - 1] not in "，。；：！？,;:!?\n（）()、":
            cs -= 1
        noun = text[cs:start]
    noun = noun.rstrip("）)")
    if not noun or any(i[-1] != noun[-1] for i in items):
        return None
    return items
