"""Chinese numerals as report prose writes them: 一千二百, 三万五千, 十二, 二〇二五, 一百零五.

:func:`parse_chinese` gives the value and the place value of the last digit written (the
precision a figure was given with: 三万五 is 35000 to the thousand). Only well-formed numerals
are read: 三四 ("three or four"), 十十 or 万万 are not numbers. ``checker.figures`` reads
figures (numbers with their units) with it.
"""

from __future__ import annotations

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8}
_MAX_NUMERAL = 80


def parse_chinese(s: str) -> tuple[int, int] | None:
    """Value of a Chinese numeral and the place value of its last digit.

    ``一千二百`` -> (1200, 100), ``三万五千`` -> (35000, 1000), ``十二`` -> (12, 1),
    ``二〇二五`` (digit by digit) -> (2025, 1). None when it is not a well-formed numeral.
    """
    if not s or len(s) > _MAX_NUMERAL:
        return None   # no report writes a numeral this long (and int() refuses over 4,300 digits)
    if s in CN_DIGITS:
        return CN_DIGITS[s], 1   # one digit, the most common numeral (as _digit_by_digit reads it)
    if all(c in CN_DIGITS for c in s):
        return _digit_by_digit(s)
    return _with_units(s)


def _digit_by_digit(s: str) -> tuple[int, int] | None:
    """二〇二五 -> (2025, 1); a single digit; None for 三四 ("three or four") and a leading zero."""
    if len(s) == 1:
        return CN_DIGITS[s], 1
    if s[0] in "零〇○" or len(s) < 3:
        return None  # 三四个 is "three or four", not 34
    return int("".join(str(CN_DIGITS[c]) for c in s)), 1


class _Reading:
    """Where reading a numeral with units (十/百/千, 万/亿) has got to."""

    __slots__ = ("total", "section", "digit", "zero", "small", "big", "place")

    def __init__(self):
        self.total = 0        # what the closed 万/亿 sections are worth
        self.section = 0      # the open section below 万
        self.digit = None     # a digit waiting for its unit
        self.zero = False     # a 零 since the last unit: the next digit is a units digit (一百零五)
        self.small = None     # the last 十/百/千 in the open section
        self.big = None       # the last 万/亿
        self.place = 1        # place value of the last digit written

    def small_unit(self, u: int) -> bool:
        if self.small is not None and u >= self.small:
            return False  # 十十, 百千
        self.section += (1 if self.digit is None else self.digit) * u
        self.place, self.small, self.digit, self.zero = u, u, None, False
        return True

    def big_unit(self, u: int) -> bool:
        if self.digit is not None:
            self.section += self.digit
            self.place, self.digit = 1, None
        if self.section == 0 and not (u == 10 ** 8 and self.big == 10 ** 4 and self.total):
            return False  # 万万, 亿万
        if u == 10 ** 8:
            self.total = (self.total + self.section) * u
        else:
            if self.big == 10 ** 4:
                return False
            self.total += self.section * u
        self.place *= u
        self.section, self.small, self.big, self.zero = 0, None, u, False
        return True

    def end(self) -> tuple[int, int]:
        """The value and last place once every character is read (a last digit takes its place
        from what came before it: 一千二 = 1200, 十二 = 12, 三万五 = 35000, 一百零五 = 105)."""
        if self.digit is not None:
            if self.zero:
                self.section += self.digit
                self.place = 1
            elif self.small is not None:
                self.section += self.digit * (self.small // 10)
                self.place = self.small // 10
            elif self.big is not None:
                self.section += self.digit * (self.big // 10)
                self.place = self.big // 10
            else:
                self.section += self.digit
                self.place = 1
        return self.total + self.section, self.place


def _with_units(s: str) -> tuple[int, int] | None:
    r = _Reading()
    for c in s:
        if c in CN_DIGITS:
            v = CN_DIGITS[c]
            if v == 0:
                r.zero = True
                continue
            if r.digit is not None:
                return None  # 三四 (three or four), not a numeral
            r.digit = v
        elif c in CN_SMALL:
            if not r.small_unit(CN_SMALL[c]):
                return None
        elif c in CN_BIG:
            if not r.big_unit(CN_BIG[c]):
                return None
        else:
            return None
    return r.end()
