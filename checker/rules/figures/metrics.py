"""One measure, two values: ``metric-conflict``.

During the scan, every measure word of the pack (收入, 面积 …) followed by an exact amount is
remembered under its full name (全镇财政收入), its period (2024年, 上半年 …) and, for a name that
is neither dated nor a named village, its line. After the scan, a name given two values that
cannot both be right is reported once, pointing at the first value. Targets (预计, 力争, 目标)
and changes (比上年增加) are never remembered.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from checker import figures as F
from checker.rules.figures.scan import AMOUNT_AFTER, METRIC_VERBS, SENT_END

# (led by a test of the first characters of all its words: else every position is tried in full)
_PERIOD = re.compile(r"(?=[0-9一二三四五六七八九十上下今去明前本全截目预力计預計过過])"
                     r"(?:(?:19|20)[0-9]{2}年(?:度)?|[一二三四五六七八九十0-9]{1,2}月(?:底|末|份)?|[上下]半年|"
                     r"[一二三四1-4]季度|[今去明前上本]年|全年|截至|截止|目前|十[一二三四五]五|预计|力争|计划|目标|"
                     r"預計|力爭|計劃|目標|[一二三四五六七八九十]年(?:来|來|间|間|中)|过去|過去|五年)")
_TARGETS = ("预计", "力争", "计划", "目标", "預計", "力爭", "計劃", "目標")
_TARGET_SET = frozenset(_TARGETS)
_LEAD_PERIOD = re.compile(r"(?:(?:19|20)[0-9]{2}年(?:度)?|[上下]半年|[今去本上]年|全年|截至|截止|目前)+")
_METRIC_VERBS = METRIC_VERBS
_AFTER_HEAD = AMOUNT_AFTER
_BAD_LABEL = re.compile(r"[0-9０-９A-Za-z其约約近超逾共累]")
# a named village or community: 桃源村大棚面积 is one thing wherever it is written
_PLACE = re.compile(r"(?!全|各|本|我|该|該|每|城|农|農|乡|鄉|行政|自然)[\u4e00-\u9fff]{2,3}(?:村|社区|社區)")


def collect(scan, bi, block, t, a, b):
    """A measure word at ``t[a:b]`` followed by an amount: remember it under its full name and period.
    Nothing is reported during the scan (see :func:`conflicts`)."""
    if _AFTER_HEAD.match(t, b):
        _remember(scan, bi, t, a, b)
    return ()


def _remember(scan, bi, t, a, b):
    named = _name(scan, t, a, b)
    if named is None:
        return
    cs, j, noun = named
    _keep(scan, bi, t, cs, j, noun, 24, None, lambda period: None if period or _PLACE.match(noun) else bi)


def _keep(scan, bi, t, cs, j, name, window, dim, scope_of) -> None:
    """Remember the plain amount at ``t[j]`` (of dimension ``dim`` when given) under ``name``, the period
    written in its sentence and ``scope_of(period)``; nothing for a target, or an amount that goes on."""
    f = F.figure_at(t, scan.voc.units, j, min(len(t), j + window))
    if f is None or not f.exact or (dim and f.dim != dim):
        return
    nxt = t[f.end:f.end + 1]
    if nxt and nxt not in "，,。；;）)\n":
        return
    ss = scan.clause_start(t, cs, SENT_END)    # the sentence's start
    period = tuple(_PERIOD.findall(t, ss, j))    # (no groups in it: the words themselves)
    if period and not _TARGET_SET.isdisjoint(period):
        return
    scan.metric.setdefault((name, period, scope_of(period)), []).append((bi, f))


def _name(scan, t, a, b):
    """(where the name starts, where its amount starts, the name) of a measure word at ``t[a:b]``:
    the words of its clause up to the measure word, without a leading period; None when they are
    too short or long, hold a number, an approximation or a change, or no amount follows closely."""
    j = b
    n = min(len(t), b + 4)
    while j < n and not ("0" <= t[j] <= "9" or "０" <= t[j] <= "９"):
        j += 1
    if j >= n or t[b:j] not in _METRIC_VERBS:
        return None
    cs = scan.clause_start(t, a)
    lead = _LEAD_PERIOD.match(t, cs, a)
    if lead:
        cs = lead.end()  # 2024年全镇财政收入: the year is the period, not the name
    label = t[cs:b]
    if len(label) < 4 or len(label) > 16 or _BAD_LABEL.search(label):
        return None
    if scan.voc.change.search(t[cs:j]):
        return None
    return cs, j, label


def named_sizes(scan, found):
    """The size of a named base, field or project (东岭村果园连片种植320亩): remembered like a measure,
    so that the same name given another size elsewhere in the draft is a conflict. Only names that
    hold a place word of the pack (``named_places``: 村, 基地, 园区 …) and no word of an event
    (``event_words``: 新建, 新增, 扩大 … a second batch is no contradiction). ``found``: where the
    pack's ``sizes`` pattern matches the document's text, in order (``scan.numeral_hits``)."""
    voc = scan.voc
    if voc.places is None:
        return
    doc = scan.doc
    starts = doc.line_starts
    blocks = doc.blocks
    bi = 0
    for pos in found:
        bi = bisect_right(starts, pos, bi) - 1
        block = blocks[bi]
        if block.kind in ("header", "footer"):
            continue
        t = block.text
        j = pos - starts[bi]
        if j > 0 and (t[j - 1].isdigit() or t[j - 1] in ".．"):
            continue
        cs = scan.clause_start(t, j)
        lead = _LEAD_PERIOD.match(t, cs, j)
        if lead:
            cs = lead.end()
        label = t[cs:j]
        if (len(label) < 4 or len(label) > 16 or _BAD_LABEL.search(label) or not voc.places.search(label)
                or (voc.events is not None and voc.events.search(label)) or voc.change.search(label)):
            continue
        _keep(scan, bi, t, cs, j, label, 16, "area", lambda _period: None)   # a named thing: one draft-wide


def conflicts(scan):
    """After the scan: each name given two values that cannot both be right, once."""
    doc, ctx = scan.doc, scan.ctx
    for (noun, _period, _scope), hits in scan.metric.items():
        if len(hits) < 2:
            continue
        first = None
        for bi, f in hits:
            block = doc.blocks[bi]
            if first is None:
                first = (block, f)
                continue
            fb, ff = first
            if ff.dim != f.dim:
                continue
            if (f.hi is not None and ff.lo is not None and f.hi < ff.lo) or \
                    (ff.hi is not None and f.lo is not None and ff.hi < f.lo):
                other = ctx.related(doc, fb.line, ff.start + 1, ff.end + 1)
                yield scan.out(block, "metric-conflict", f.start, f.end,
                               "“{label}”此处为 {v2}，{where}为 {v1}，同一指标两个数不一致",
                               "“{label}” is {v2} here but {v1} at {where}: one measure, two values",
                               label=noun, v1=ff.text, v2=f.text, where=ctx.where(doc, fb.line), related=(other,))
                break
