"""Bounded rates above 100 %: ``rate-out-of-range`` in prose (参保率达到103%).

Only a level is judged: a percentage after a change word (参保率比上年提高3%) or more than a few
characters from its rate is left alone, and unbounded rates (增长率, 完成率) are not in the pack's
``bounded_rates``. Rates in tables are judged by :mod:`checker.rules.figures.tables`.
"""

from __future__ import annotations

from checker.rules.figures.scan import DIGIT, RATE_CHANGE


def rate(scan, bi, block, t, a, b):
    """A bounded rate word at ``t[a:b]``: the percentage right after it must not exceed 100."""
    j = b
    n = min(len(t), b + 16)
    while j < n and t[j] not in "，,。；;！？\n（(、":
        j += 1
    window = t[b:j]
    if "%" not in window and "％" not in window and "‰" not in window and "百分之" not in window:
        return
    figs = scan.figs(t, b, j)
    if not figs:
        return
    f = figs[0]
    between = t[b:f.start]
    if f.dim != "percent" or f.slot or f.lo is None or len(between) > 8:
        return
    if DIGIT.search(between) or RATE_CHANGE.search(between):
        return
    if f.lo > 100:
        yield scan.out(block, "rate-out-of-range", a, f.end,
                       "“{rate}”为 {value}，超过 100%：比率、占比不能超过 100%（{value} > 100%）",
                       "“{rate}” is {value}: a share or rate cannot exceed 100% ({value} > 100%)",
                       rate=t[a:b], value=f.text)
