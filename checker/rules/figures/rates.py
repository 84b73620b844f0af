"""Bounded rates above 100 %: ``rate-out-of-range`` in prose (参保率达到103%).

Only a level is judged: a percentage after a change word (参保率比上年提高3%) or more than a few
characters from its rate is left alone, and unbounded rates (增长率, 完成率) are not in the pack's
``bounded_rates``. Rates in tables are judged by :mod:`checker.rules.figures.tables`.
"""

from __future__ import annotations

import re

from checker.rules.figures.scan import DIGIT, RATE_CHANGE


_WINDOW = 16
_WINDOW_END = re.compile(r"[，,。；;！？\n（(、]")


# A level above 100 % is written with three digits (100.5, 1,000), a multiplier or a Chinese place
# above ten (百, 千, 万 …; 百分之 has one) or three Chinese digits read one by one (一〇五): a
# window with none of them holds no figure whose lower bound is above 100 (every bound of a figure
# is at most its written value times its unit, and % and ‰ are at most one).
_ABOVE_100 = re.compile(r"[0-9０-９]{3}|[百佰千仟万萬亿億]|[零〇○一二两兩三四五六七八九]{3}")


def _percent_in(window: str) -> bool:
    return "%" in window or "％" in window or "‰" in window or "百分之" in window


def _may_exceed(window: str) -> bool:
    """Whether ``window`` may hold a percentage above 100."""
    return _percent_in(window) and _ABOVE_100.search(window) is not None


def may_rate(_voc, text, _s, e) -> bool:
    """Whether :func:`rate` can find anything at a rate word ending at ``text[e]`` of the document's
    text: a percentage above 100 must be written within the window it reads."""
    return _may_exceed(text[e:e + _WINDOW])


def rate(scan, bi, block, t, a, b):
    """A bounded rate word at ``t[a:b]``: the percentage right after it must not exceed 100."""
    n = min(len(t), b + _WINDOW)
    stop = _WINDOW_END.search(t, b, n)
    j = stop.start() if stop else n
    if not _may_exceed(t[b:j]):
        return
    figs = scan.figs(t, b, j)
    if not figs:
        return
    f = figs[0]
    between = t[b:f.start]
    if f.dim != "percent" or f.slot or len(between) > 8:
        return
    if DIGIT.search(between) or RATE_CHANGE.search(between) or f.lo is None:
        return   # (the bounds last: they are worked out on first use)
    if f.lo > 100:
        yield scan.out(block, "rate-out-of-range", a, f.end,
                       "“{rate}”为 {value}，超过 100%：比率、占比不能超过 100%（{value} > 100%）",
                       "“{rate}” is {value}: a share or rate cannot exceed 100% ({value} > 100%)",
                       rate=t[a:b], value=f.text)
