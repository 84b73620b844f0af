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
from fractions import Fraction
from functools import cached_property

from checker.limits import MAX_DIGITS
from checker.numerals import CN_BIG, CN_DIGITS, CN_SMALL, parse_chinese  # noqa: F401 (part of this API)

FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

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


class Figure:
    """One number as written, with its unit; ``lo``/``hi`` in base units (None = unbounded).

    The numbers (``value``, ``lo``, ``hi``) are worked out on first use: a document holds thousands
    of figures and only the few a relation binds are ever added up. Until then their slots are
    empty and :meth:`__getattr__` fills them; after that they are read as plain attributes.
    """

    __slots__ = ("start", "end", "text", "dim", "unit", "factor", "mult", "approx", "slot", "range",
                 "chinese", "_raw", "value", "lo", "hi")

    def __init__(self, start, end, text, dim, unit, factor, mult=1, approx="", slot=False, rng=False,
                 chinese=False, raw=None, num=None):
        self.start, self.end, self.text = start, end, text   # offsets into the text it was found in
        self.dim, self.unit = dim, unit    # "money"/"area"/"percent"/"count:个"…; unit as written ("万元")
        self.factor, self.mult = factor, mult  # base units per unit (Fraction), multiplier (int)
        self.approx, self.slot, self.range, self.chinese = approx, slot, rng, chinese
        self._raw = raw    # (kind, text, text of the range's end, 余/多) to compute from
        if num is not None:    # (value, lo, hi) given
            self.value, self.lo, self.hi = num
        elif slot:
            self.value = self.lo = self.hi = None

    def __getattr__(self, name):
        # only called for an empty slot: the value or the bounds, not worked out yet
        if name == "lo" or name == "hi":
            self.lo, self.hi = _bounds(self)
            return self.lo if name == "lo" else self.hi
        if name == "value":
            self.value = _value(self._raw)
            return self.value
        raise AttributeError(name)

    def __repr__(self):
        return f"Figure({self.text!r}, {self.dim}, {self.start}-{self.end})"

    @property
    def scale(self):
        """Base units per written unit (an int, or a Fraction for 亩 and ‰)."""
        return self.factor * self.mult

    @property
    def exact(self) -> bool:
        return not self.slot and not self.approx and not self.range

    def shown(self) -> str:
        return self.text


# --------------------------------------------------------------------------- numerals (Chinese ones: checker.numerals)

def _arabic(s: str) -> tuple[Fraction, Fraction]:
    """Value and half of the last written place: "1.83" -> (183/100, 1/200)."""
    s = s.translate(FULLWIDTH).replace(",", "")
    if "." in s:
        whole, frac = s.split(".", 1)
        d = len(frac)
        return Fraction(_int(whole + frac), 10 ** d), Fraction(1, 2 * 10 ** d)
    return Fraction(_int(s)), _HALF


def _int(s: str) -> int:
    """``int(s)`` of ASCII digits of any length (``int()`` refuses more than 4,300 digits)."""
    if len(s) <= 1000:
        return int(s)
    n = 0
    for i in range(0, len(s), 1000):
        chunk = s[i:i + 1000]
        n = n * 10 ** len(chunk) + int(chunk)
    return n


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
    while (Fraction(v) / p).denominator != 1:
        p /= 10
    return p


# --------------------------------------------------------------------------- vocabulary

class Units:
    """The unit table of the rule pack: unit -> (dimension, factor); counters."""

    def __init__(self, table: tuple[tuple[str, str, Fraction], ...], counters: tuple[str, ...]):
        self.table = table
        self.counters = counters

    @classmethod
    def from_pack(cls, voc: dict) -> "Units":
        """The units of a merged pack section. A rule builds them once per run, in its vocabulary
        (``ctx.vocab``); the figure pattern is then compiled once per ``Units`` (:attr:`pattern`)."""
        rows = []
        for unit, spec in (voc.get("units") or {}).items():
            if isinstance(spec, (list, tuple)) and len(spec) == 2:
                factor = Fraction(str(spec[1]))
                rows.append((unit, str(spec[0]), factor.numerator if factor.denominator == 1 else factor))
        counters = tuple(c for c in voc.get("counters", []) if c)
        return cls(tuple(rows), counters)

    def lookup(self) -> dict[str, tuple[str, Fraction]]:
        d = {u: (dim, f) for u, dim, f in self.table}
        for c in self.counters:
            d.setdefault(c, ("count:" + c, 1))
        d["%"] = d["％"] = ("percent", 1)
        d["‰"] = ("percent", Fraction(1, 10))
        d["个百分点"] = d["個百分點"] = ("pp", 1)
        return d

    @cached_property
    def pattern(self) -> "tuple[re.Pattern, dict[str, tuple[str, Fraction]]]":
        """(the figure regex, unit lookup) for these units, compiled on first use."""
        return _figure_regex(self)


_HALF = Fraction(1, 2)
_MAX_NUMBER = 2 * MAX_DIGITS   # characters of one written number (digits, separators, a decimal point)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


_AR = r"(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]+)(?:[.．][0-9０-９]+)?"
_SLOT = rf"[{SLOT_CHARS}]+(?:[.．][{SLOT_CHARS}]+)?"
_MULT = _alt(MULTIPLIERS)


def _figure_regex(units: Units):
    lookup = units.lookup()
    unit_alt = _alt(lookup)
    num = rf"(?:{_AR}|{_SLOT})"
    cn = rf"[{CN_CHARS}]+"
    pattern = (
        # a cheap first-character test before anything else (2-3x faster scanning)
        rf"(?=[0-9０-９{SLOT_CHARS}{CN_CHARS}百])"
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
    regex = re.compile(pattern)
    assert tuple(sorted(regex.groupindex, key=regex.groupindex.get)) == _GROUPS
    return regex, lookup


_PREFIXES = sorted(LOWER_PREFIX + UPPER_PREFIX + ABOUT_PREFIX, key=len, reverse=True)
_PREFIX_LAST = set(w[-1] for w in LOWER_PREFIX + UPPER_PREFIX + ABOUT_PREFIX)
_SUFFIX_FIRST = set(w[0] for w in LOWER_SUFFIX + UPPER_SUFFIX + ABOUT_SUFFIX)


# last character -> the prefixes ending with it, in the order of _PREFIXES
_PREFIXES_BY_LAST = {c: tuple(w for w in _PREFIXES if w[-1] == c) for c in _PREFIX_LAST}


def _prefix_bound(text: str, start: int) -> str:
    if not start or text[start - 1] not in _PREFIX_LAST:
        return ""
    before = text[max(0, start - 4):start]
    for w in _PREFIXES_BY_LAST[text[start - 1]]:  # longest first: 不少于 is a lower bound, 少于 an upper one
        if before.endswith(w):
            return w
    return ""


def _suffix_bound(text: str, end: int) -> str:
    if end >= len(text) or text[end] not in _SUFFIX_FIRST:
        return ""
    after = text[end:end + 2]
    for w in LOWER_SUFFIX + UPPER_SUFFIX + ABOUT_SUFFIX:
        if w != "多" and after.startswith(w):
            return w
    return ""


def extract(text: str, units: Units, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in ``text[start:end]``, left to right."""
    regex, lookup = units.pattern
    out = []
    for m in regex.finditer(text, start, len(text) if end is None else end):
        f = _make(m, text, lookup)
        if f is not None:
            out.append(f)
    return out


def iter_figures(text: str, units: Units, start: int = 0, end: int | None = None):
    """The figures of :func:`extract`, made one by one as they are asked for: a reader that stops
    at the first figure it needs (or at the first that breaks a list) reads and makes no more."""
    regex, lookup = units.pattern
    for m in regex.finditer(text, start, len(text) if end is None else end):
        f = _make(m, text, lookup)
        if f is not None:
            yield f


def matches(text: str, units: Units, start: int = 0, end: int | None = None):
    """The matches of the figure pattern in ``text[start:end]``, left to right: :func:`make` reads a
    figure from each, as :func:`extract` does (a reader that needs the figures of some of them only
    makes those)."""
    return units.pattern[0].finditer(text, start, len(text) if end is None else end)


def make(m, text: str, units: Units) -> Figure | None:
    """The figure of a match of :func:`matches` (None when the match is no amount)."""
    return _make(m, text, units.pattern[1])


def figure_at(text: str, units: Units, start: int, end: int) -> Figure | None:
    """The figure :func:`extract` finds first in ``text[start:end]`` when it starts right at
    ``start``, else None (only the one match there is read)."""
    regex, lookup = units.pattern
    m = regex.match(text, start, end)
    return _make(m, text, lookup) if m is not None else None


_GROUPS = ("pct", "pctnum", "num", "mult1", "rsep", "num2", "mult", "yu", "unit", "cn", "cnyu", "cnunit")
_UNIT = _GROUPS.index("unit") + 1   # ``lastindex`` of a match of the digits-and-unit branch (its unit closes last)


def _make(m, text, lookup) -> Figure | None:
    s, e = m.span()
    if m.lastindex == _UNIT:
        # digits (or a slot) and a unit, the most common figure by far: the same as below, with
        # only the groups of its branch read
        num, mult1, raw2, mult, yu, unit = m.group(3, 4, 6, 7, 8, 9)
        if mult1 and mult and mult1 != mult:
            return None
        mult_text = mult or mult1
        slot = num[0] in SLOT_CHARS
        if not slot and (len(num) > _MAX_NUMBER or (raw2 and len(raw2) > _MAX_NUMBER)):
            return None
        dim, factor = lookup[unit]
        pre = _prefix_bound(text, s) if s and text[s - 1] in _PREFIX_LAST else ""
        post = _suffix_bound(text, e) if e < len(text) and text[e] in _SUFFIX_FIRST else ""
        return Figure(s, e, text[s:e], dim, mult_text + unit if mult_text else unit, factor,
                      MULTIPLIERS[mult_text] if mult_text else 1, yu or pre or post or "", slot, bool(raw2),
                      False, ("slot" if slot else "ar", num, raw2, yu or "", pre, post))
    pct, pctnum, num, mult1, _rsep, raw2, mult, yu, unit, cn, cnyu, cnunit = m.groups()
    if pct is not None:
        raw = pctnum
        unit, mult_text = "%", ""
        kind = "slot" if raw[0] in SLOT_CHARS else ("cn" if raw[0] in CN_CHARS else "ar")
        raw2 = yu = None
    elif num is not None:
        raw = num
        if mult1 and mult and mult1 != mult:
            return None
        mult_text = mult or mult1 or ""
        kind = "slot" if raw[0] in SLOT_CHARS else "ar"
    else:
        raw = cn
        unit = cnunit
        if not any(c in _CN_NONPLACE for c in raw):
            return None  # 千家万户, 百家: words, not amounts
        mult_text = ""
        kind = "cn"
        raw2 = None
        yu = cnyu
    if kind == "cn" and parse_chinese(raw) in (None, (0, 1)):
        return None
    if kind == "ar" and (len(raw) > _MAX_NUMBER or (raw2 and len(raw2) > _MAX_NUMBER)):
        return None   # a run of digits no report writes: not an amount (and beyond int()'s 4,300 digits)
    dim, factor = lookup[unit]
    # (most figures have no word around them: the first character tells, without a call)
    pre = _prefix_bound(text, s) if s and text[s - 1] in _PREFIX_LAST else ""
    post = _suffix_bound(text, e) if e < len(text) and text[e] in _SUFFIX_FIRST else ""
    approx = yu or pre or post or ""
    return Figure(s, e, m.group(0), dim, mult_text + unit, factor, MULTIPLIERS.get(mult_text, 1), approx,
                  kind == "slot", bool(raw2), kind == "cn", (kind, raw, raw2, yu or "", pre, post))


def _value(raw):
    """The value as written (in the written unit) of a figure read from ``raw`` (see :func:`_make`)."""
    kind, num = raw[0], raw[1]
    if kind == "cn":
        return parse_chinese(num)[0]
    return _exact(*_arabic_int(num))


def _bounds(f: Figure):
    """(lo, hi) in base units. Integers are worked with as long as possible and each bound becomes
    one Fraction (Fraction arithmetic is the slow part); the value is worked out only for a figure
    with words around it (see :func:`_hedged`), else on first use."""
    kind, raw, raw2, yu, pre, post = f._raw
    fac = f.factor
    p, q = fac.numerator * f.mult, fac.denominator
    if kind == "ar" and not (raw2 or yu or pre or post):
        # most figures: digits alone, the steps below in one place
        n, den = (int(raw), 1) if raw.isdigit() and len(raw) <= 1000 else _arabic_int(raw)
        h2 = 0 if (f.mult == 1 and den == 1 and f.unit != "%"
                   and (f.dim.startswith("count:") or f.dim in EXACT_DIMS)) else 1
        lo, hi, d = (2 * n - h2) * p, (2 * n + h2) * p, 2 * den * q
        return (lo // d if lo % d == 0 else Fraction(lo, d)), (hi // d if hi % d == 0 else Fraction(hi, d))
    if kind == "cn":
        v, place = parse_chinese(raw)
        n, den = v, 1
        h2 = place if place > 1 else 1          # twice the half-width, over den
        n2 = n
    else:
        n, den = _arabic_int(raw)
        h2 = 1
        n2 = n
        if raw2:
            m, den2 = _arabic_int(raw2)
            if den2 != den:  # bring both ends to the finer precision
                k = max(den, den2)
                n, m = n * (k // den), m * (k // den2)
                den = k
            n2 = max(n, m)
    if kind == "ar" and f.mult == 1 and den == 1 and f.unit != "%" \
            and (f.dim.startswith("count:") or f.dim in EXACT_DIMS):
        h2 = 0  # 1860件, 35户, 120人: counted, not rounded
    if not (yu or pre or post):
        # the common case: [v - half, v + half] in base units, made from integers
        return _exact((2 * n - h2) * p, 2 * den * q), _exact((2 * n2 + h2) * p, 2 * den * q)
    value = f.value = _exact(n, den)
    return _hedged(value, n, n2, den, h2, yu, pre, post, _exact(p, q))


def _hedged(value, n: int, n2: int, den: int, h2: int, yu, pre, post, scale):
    """(lo, hi) in base units of a figure with words around it: 100余万 (at least, under the next
    place), 不超过/以下 (at most), 超过/以上 (at least, no upper bound), 约/左右/近 (about)."""
    lo: Fraction | None
    hi: Fraction | None
    lo, hi = Fraction(2 * n - h2, 2 * den), Fraction(2 * n2 + h2, 2 * den)
    if yu:
        lo, hi = value, value + _last_place(value)
    if pre in UPPER_PREFIX or post in UPPER_SUFFIX:
        lo = Fraction(0)
    elif pre in LOWER_PREFIX or post in LOWER_SUFFIX:
        hi = None
    elif pre in ABOUT_PREFIX or post in ABOUT_SUFFIX:
        if pre and pre.endswith("近"):
            lo = value * Fraction(9, 10)
        else:
            lo, hi = min(lo, value * Fraction(9, 10)), max(hi, Fraction(n2, den) * Fraction(11, 10))
    return (_whole(lo * scale) if lo is not None else None), (_whole(hi * scale) if hi is not None else None)


def _whole(v):
    return v.numerator if v.denominator == 1 else v


def _exact(n: int, d: int):
    """n/d exactly: an int when it is whole (int arithmetic is many times faster), else a Fraction."""
    return n // d if n % d == 0 else Fraction(n, d)


def _arabic_int(s: str) -> tuple[int, int]:
    """"1.83" -> (183, 100): numerator and power-of-ten denominator of a written decimal."""
    if len(s) <= 1000:
        if s.isdigit():
            return int(s), 1     # (most figures: plain digits, which int() reads full-width too)
        if s.isascii() and "," not in s:     # 18.6: the same as below, without the copies
            whole, _dot, frac = s.partition(".")
            return int(whole + frac), 10 ** len(frac)
    s = s.translate(FULLWIDTH).replace(",", "")
    if "." in s:
        whole, frac = s.split(".", 1)
        return _int(whole + frac), 10 ** len(frac)
    return _int(s), 1


# --------------------------------------------------------------------------- arithmetic and display

def add(figs) -> tuple[Fraction | None, Fraction | None]:
    """Interval sum of figures (None when any figure is a slot; hi None when unbounded)."""
    lo, hi = 0, 0
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
    """An exact decimal string when short, else rounded (no floats): 7/2 -> "3.5", 1/3 -> "≈0.3333"."""
    n, den = v.numerator, v.denominator
    sign = "-" if n < 0 else ""
    n = abs(n)
    for d in range(digits + 1):
        if 10 ** d % den == 0:
            m = n * (10 ** d // den)
            return sign + (str(m) if d == 0 else f"{m // 10 ** d}.{m % 10 ** d:0{d}d}")
    m = (n * 10 ** digits * 2 + den) // (2 * den)  # rounded half up, in integers
    s = f"{m // 10 ** digits}.{m % 10 ** digits:0{digits}d}".rstrip("0").rstrip(".")
    return "≈" + sign + s


def in_unit(v: Fraction, f: Figure) -> str:
    """``v`` (base units) written in the unit of figure ``f``: 350000000 元 in 亿元 -> "3.5亿元"."""
    return fmt_number(Fraction(v) / f.scale) + f.unit


def expression(parts) -> str:
    shown = [p.text for p in parts]
    if len(shown) > 6:
        shown = shown[:5] + ["…"]
    return " + ".join(shown)


# --------------------------------------------------------------------------- counting a listed set

_DIGITS = re.compile(r"[0-9０-９]")
COUNT_COUNTERS = "个個家座所项項条條大类類处處名位支批件种種户戶"
_LIST_STOP = "，。；！？,;!?：:\n（）()"
_PAREN_LIST = re.compile(r"[^，。；！？,;!?\n（）()]{0,10}?[（(]([^（）()\n]{1,80})[）)]")
_VERBISH = re.compile(r"建成|完成|打造|新建|实施|开展|推进|建设|创成|创建|培育|引进|成立|评为|获评|获得|实现|形成|"
                      r"覆盖|涉及|包括|组织|举办|共有|共计|合计|建立|设立|改造|提升|新增|的|等|以及|"
                      r"各|每|共|均|分别|分別|都|有|达|達|获|獲|已|将|將|"
                      r"(?<=.)[和及与與或](?=.)")


def list_items(s: str) -> list[str] | None:
    """Items of a list written with 、 (quotes stripped); None when it is not a plain list of names."""
    s = s.strip().strip("“”「」\"'《》")
    if "、" not in s or "等" in s:
        return None
    items = [i.strip().strip("“”「」\"'《》") for i in s.split("、")]
    if any(not i or len(i) > 12 or _DIGITS.search(i) or _VERBISH.search(i) for i in items):
        return None
    return items


_COLON_LIST = re.compile(r"([^，。；！？,;!?\n（）()：:、]{0,8})[：:]([^。；！？;!?\n：:]{3,80})(?=[。；;！？!?\n]|$)")
_CN_NUM_CHARS = re.compile(r"[一二两兩三四五六七八九十]")


def suggest_count(text: str, start: int, end: int) -> list[str] | None:
    """For a slot standing for a count, the items listed with it: ``x个(桃源村、白鹤村)``,
    ``x个示范村：东岭村、桃溪村。`` or ``东岭、桃溪、云山x个示范村``.

    ``text[start:end]`` is the slot and a counter must follow it. Returns the items, or None
    when there is no plain list of names (等, verbs, numbers or a gloss make it None).
    """
    after = text[end:end + 1]
    if not after or after not in COUNT_COUNTERS:
        return None
    return listed_after(text, start, end + 1) or list_before(text, start)


def listed_after(text: str, start: int, end: int) -> list[str] | None:
    """Items listed right after a count ``text[start:end]``: in brackets, or after a colon to the
    end of the sentence."""
    m = _PAREN_LIST.match(text, end, min(len(text), end + 100))
    if m:
        return paren_items(text, start, end, m)
    m = _COLON_LIST.match(text, end, min(len(text), end + 100))
    if m:
        return _items_naming(text, start, m.group(1), m.group(2))
    return None


def list_before(text: str, start: int) -> list[str] | None:
    """Items listed with 、 right before a count at ``start`` (东岭、桃溪、云山三个村), when the list is
    plain: at least three pieces, no 等, no verbs or numbers in the pieces after the first."""
    cs = start
    while cs > 0 and text[cs - 1] not in "，。；：！？,;:!?\n（）()":
        cs -= 1
    seg = text[cs:start]
    if seg.endswith(("”", "」")):
        q = max(seg.rfind("“"), seg.rfind("「"))
        if q != -1 and "、" in seg[q + 1:-1]:
            seg = seg[q + 1:-1]
    if "、" not in seg or "等" in seg or _DIGITS.search(seg):
        return None
    pieces = [p.strip("“”「」‘’『』《》 \u3000") for p in seg.split("、")]
    if len(pieces) < 3 or any(not p for p in pieces):
        return None
    if any(_VERBISH.search(p) or len(p) > 10 for p in pieces[1:]) or _CN_NUM_CHARS.search(pieces[-1]):
        return None
    longest = max(len(p) for p in pieces[1:-1])
    if len(pieces[-1]) > longest + 2 or len(pieces[0]) > 20:
        return None
    first = pieces[0]
    verb = None
    for verb in _VERBISH.finditer(first):
        pass
    if verb is not None and first[verb.end():].lstrip("了"):
        first = first[verb.end():].lstrip("了")
    return [first] + pieces[1:]


def paren_items(text: str, start: int, end: int, m) -> list[str] | None:
    """Items of the bracketed list ``m`` after a count ``text[start:end]``, when they name the
    counted things: every item ends like the noun counted (全国文明村x个(桃源村、白鹤村)), so a
    gloss such as 29个省（自治区、直辖市） is not taken for a list of provinces."""
    return _items_naming(text, start, text[end:m.start(1) - 1], m.group(1))


def _items_naming(text: str, start: int, noun: str, listed: str) -> list[str] | None:
    """The items of ``listed`` when each ends like the counted noun (written after the count, or
    else before it)."""
    items = list_items(listed)
    if not items:
        return None
    noun = noun.strip()
    if not noun:
        cs = start
        while cs > 0 and text[cs - 1] not in "，。；：！？,;:!?\n（）()、":
            cs -= 1
        noun = text[cs:start]
    noun = noun.rstrip("）)")
    if not noun or any(i[-1] != noun[-1] for i in items):
        return None
    return items
