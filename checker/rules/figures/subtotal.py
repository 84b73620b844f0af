"""Parts against their total: ``subtotal-exceeds-total`` and ``parts-sum-mismatch``.

Two shapes. 其中 after a total (受理1860件，其中办结1952件): the total must stand right before 其中
in a clause that states an amount (no 比上年/年均/由…提高到), the parts follow in clauses of their
own, share the total's dimension and look parallel. 合计/共计/总计 after the parts (一期600万元，
二期500万元，合计1000万元): the parts are the clauses before it, back to the start of the sentence.
Anything less certain and the handler stays silent.
"""

from __future__ import annotations

import re

from checker import figures as F
from checker.findings import Severity
from checker.rules.figures.scan import CLAUSE_END, DIGIT, SENT_END, sentence_end

_DIGIT_OR_DE = re.compile(r"[0-9０-９的]")
_FENBIE = re.compile(r"分别|分別")
_GROWTH_NOTE = re.compile(r"(?:同比|比上年|比去年|较上年|較上年)?(?:增长|增長|下降|增加|减少|減少)[0-9０-９.．]+[%％]")
_PART_SEP = re.compile(r"[，,；;﹔、]")
_TOTAL_STOPS = CLAUSE_END + "（("


def counted(dim: str) -> bool:
    """Dimensions of things counted one by one, which a 其中 list may classify on several axes."""
    return dim.startswith("count:") or dim in ("people", "households", "person-times")


# ---------------------------------------------------------------------- 其中

_BEFORE_QZ = "，,（(；;﹔"


def may_qizhong(_voc, text, s, _e) -> bool:
    """Whether :func:`qizhong` can find anything at a 其中 at ``text[s]`` of the document's text:
    only after a comma, semicolon or bracket (never at the start of a line)."""
    return s > 0 and text[s - 1] in _BEFORE_QZ


def qizhong(scan, bi, block, t, q, _b):
    """其中 at ``t[q]``: the total before it, the parts after it, and whether they agree."""
    if not q or t[q - 1] not in _BEFORE_QZ:
        return   # (a 其中 opening the line has no total before it)
    total = _total_before(scan, t, q)
    if total is None:
        return
    paren = t[q - 1] in "（("
    span = _parts_span(t, q, paren)
    if span is None:
        return
    p, end = span
    seg = t[p:end]
    parts, exhaustive = _parts(scan, t, p, end, total, paren)
    if not parts:
        return
    for _l, f in parts:
        if f.slot:
            return
    yield from _judge(scan, block, total, parts, exhaustive or "分别" in seg or "分別" in seg)


def _total_before(scan, t, q):
    """The total a 其中 at ``t[q]`` refers to: the last amount of the clause before it, else None."""
    cs = scan.clause_start(t, q - 1, _TOTAL_STOPS)
    end = q - 1
    if cs > 0 and t[cs - 1] in "，," and _GROWTH_NOTE.fullmatch(t, cs, end):
        # 地区生产总值18.6亿元，同比增长6.5%，其中…: the growth note sits between total and parts
        end = cs - 1
        cs = scan.clause_start(t, end, _TOTAL_STOPS)
    total_clause = t[cs:end]
    if scan.voc.change.search(total_clause) or "其中" in total_clause:
        return None
    figs = scan.figs(t, cs, end)
    if not figs:
        return None
    total = figs[-1]
    tail = t[total.end:end]
    if len(tail) > 8 or _DIGIT_OR_DE.search(tail):
        return None
    if (len(figs) > 1 and any(f.dim == total.dim for f in figs[:-1])) or total.slot \
            or total.dim in ("percent", "pp", ""):
        return None
    if total.lo is None:   # (the bounds last: they are worked out on first use)
        return None
    if cs > 0 and t[cs - 1] in "，,、":
        # 行政村12个，社区3个，其中…: 其中 may take in both; unsure which is the total, stay silent
        ps = scan.clause_start(t, cs - 1, _TOTAL_STOPS)
        if any(f.dim == total.dim for f in F.iter_figures(t, scan.voc.units, ps, cs - 1)):
            return None
    return total


def _parts_span(t, q, paren):
    """(start, end) of the list after 其中: to the end of the sentence, or of the bracket it opened."""
    p = q + 2
    while p < len(t) and t[p] in "：:，, ":
        p += 1
    end = sentence_end(t, p)
    if paren:
        close = min((i for i in (t.find("）", p), t.find(")", p)) if i != -1), default=-1)
        if close == -1:
            return None
        end = min(end, close)
    return p, end


def _parts(scan, t, p, end, total, closed):
    """Parts after 其中: (label, figure) in clauses of their own, until the list ends; and whether
    the list is meant to be complete."""
    fen = _FENBIE.search(t[p:end])
    if fen:
        return _parts_fenbie(scan, t, p, end, fen, total)
    parts = _parallel_parts(scan, t, p, end, total, closed)
    return parts, _exhaustive(scan.voc, parts)


def _parts_fenbie(scan, t, p, end, fen, total):
    """其中一期、二期分别为600万元、500万元: every amount after 分别 is a part."""
    after = p + fen.end()
    stop = after
    while stop < end and t[stop] not in "，,；;。":
        stop += 1
    figs = scan.figs(t, after, stop)
    if len(figs) < 2 or any(f.dim != total.dim for f in figs):
        return [], False
    labels = t[p:p + fen.start()].split("、")
    if len(labels) != len(figs):
        return [], False
    return list(zip(labels, figs)), True


def _parallel_parts(scan, t, p, end, total, closed):
    """One figure per clause, of the total's dimension, while the clauses read alike."""
    voc = scan.voc
    parts = []
    first = None
    total_noun = None    # the total's name, read when a part is compared with it
    i = p
    ahead = _Ahead(t, voc.units, p, end)  # read once; each clause takes its own below
    while i < end:
        sep = _PART_SEP.search(t, i, end)
        j = sep.start() if sep else end
        figs = ahead.clause(i, j, total)
        if len(figs) != 1 or figs[0].dim != total.dim or voc.change.search(t[i:j]):
            break
        f = figs[0]
        after = t[f.end:j].strip()
        if after and not t[i:f.start].strip(" ：:"):
            if total_noun is None:
                total_noun = _total_noun(scan, t, total)
            if total_noun and after[0] == total_noun[-1] \
                    and (len(after) == 1 or F._VERBISH.match(after, 1) or after[1] in "，,；;﹔"):
                # 行政村9个，其中11个村建成…: the count comes before its noun, the total's noun
                parts.append((after[:12], f))
                i = j + 1
                continue
        if after not in ("", "元") and len(t[f.end:j]) > 6:
            break
        noun, verb = scan.head(t[i:f.start])
        if DIGIT.search(noun) or "占" in noun or "佔" in noun:
            break
        if first is None:
            first = (noun, verb)
        else:
            if total_noun is None:
                total_noun = _total_noun(scan, t, total)
            if not _parallel(voc, noun, verb, first, total_noun, closed):
                break
        parts.append((noun or t[i:f.start], f))
        i = j + 1
    return parts


def _total_noun(scan, t, total) -> str:
    """The name of the total (the words of its clause before it, without the verb)."""
    return scan.head(t[scan.clause_start(t, total.start, _TOTAL_STOPS):total.start])[0]


class _Ahead:
    """The figures of ``t[p:end]`` (as ``scan.figs`` reads them), taken clause by clause: a figure is
    made only when its clause is read, so those after the clause that ends a list are never made."""

    __slots__ = ("t", "units", "found", "m")

    def __init__(self, t, units, p, end):
        self.t, self.units = t, units
        self.found = F.matches(t, units, p, end)
        self.m = next(self.found, None)     # the first match not taken yet

    def clause(self, i, j, total):
        """The figures lying in ``t[i:j]``, past those taken before (matches do not overlap: the
        first that ends after ``j`` ends every figure after it after ``j`` too). A Chinese count
        inside a name (一类烟, 二产) is no amount: it is left out."""
        m, found, t, units = self.m, self.found, self.t, self.units
        while m is not None and m.start() < i:
            m = next(found, None)
        figs = []
        while m is not None and m.end() <= j:
            g = F.make(m, t, units)
            if g is not None and not (g.chinese and g.dim.startswith("count:") and g.dim != total.dim):
                figs.append(g)
            m = next(found, None)
        self.m = m
        return figs


def _parallel(voc, noun, verb, first, total_noun, closed) -> bool:
    """Does a part named ``noun`` read like the first part (same verb, same last character …)?"""
    first_noun, first_verb = first
    return bool(closed or (verb and verb == first_verb)
                or (noun and first_noun and noun[-1:] == first_noun[-1:] and len(noun) <= 8)
                or (len(noun) >= 3 and first_noun and noun[:3] == first_noun[:3])
                or (noun and total_noun and len(total_noun) >= 2 and noun.endswith(total_noun[-2:]))
                or _paired(voc, first_noun, noun) or any(noun.startswith(w) for w in voc.rest))


def _exhaustive(voc, parts) -> bool:
    """A list meant to be complete: a part named 其他/其余, or the two halves of a pair (税收 / 非税)."""
    if len(parts) < 2:
        return False
    rest = voc.rest
    if any(n.startswith(rest) for n, _f in parts):
        return True
    if len(parts) == 2:    # (a pair makes only a list of two complete)
        a, b = parts[0][0], parts[1][0]
        for x, y in voc.pairs:
            if ((x in a and y not in a) or (x in b and y not in b)) and (y in a or y in b):
                return True
    return False


def _paired(voc, a, b) -> bool:
    if not a or not b:
        return False
    for x, y in voc.pairs:
        if (x in a and y in b and y not in a) or (y in a and x in b and y not in b):
            return True
    return False


def _judge(scan, block, total, parts, exhaustive):
    figs = [f for _l, f in parts]
    th = total.hi
    if th is not None:
        above = _above_total(scan, block, total, parts, figs, exhaustive)
        if above is not None:
            yield above
            return
    if exhaustive and len(figs) >= 2 and total.lo is not None:
        lo, hi = F.add(figs)
        if hi is not None and hi < total.lo:
            diff = F.nominal(total) - sum(F.nominal(f) for f in figs)
            yield scan.out(block, "parts-sum-mismatch", total.start, figs[-1].end,
                           "所列各项合计 {sum}（{expr}），比总数 {total} 少 {diff}；若已列全，请核对",
                           "the listed parts add up to {sum} ({expr}), {diff} less than the total {total}; "
                           "if the list is complete, check the figures",
                           sum=_sum_text(figs, total), expr=F.expression(figs), total=total.text,
                           diff=F.in_unit(diff, total))


def _above_total(scan, block, total, parts, figs, exhaustive):
    """The finding for one part, or all of them together, above the total; None when they are not."""
    th = total.hi
    for label, f in parts:
        if f.lo is not None and f.lo > th:
            return scan.out(block, "subtotal-exceeds-total", f.start, f.end,
                            "其中“{label}” {part}，超过总数 {total}（{part} > {total}）",
                            "the part “{label}” {part} is more than the total {total} ({part} > {total})",
                            label=label.strip() or f.text, part=f.text, total=total.text)
    if len(figs) < 2:
        return None
    lo, hi = F.add(figs)
    if lo is None or lo <= th:
        return None
    if counted(total.dim) and not exhaustive:
        # things counted by kind (规上企业、小微企业; 党员、妇女) may be counted twice
        return scan.out(block, "subtotal-exceeds-total", total.start, figs[-1].end,
                        "其中各项合计 {sum}（{expr}），超过总数 {total}；若各项互不重叠，请核对",
                        "the parts add up to {sum} ({expr}), more than the total {total}; "
                        "unless they overlap, check the figures",
                        sum=_sum_text(figs, total), expr=F.expression(figs),
                        total=total.text, severity=Severity.warning)
    return scan.out(block, "subtotal-exceeds-total", total.start, figs[-1].end,
                    "其中各项合计 {sum}（{expr}），超过总数 {total}",
                    "the parts add up to {sum} ({expr}), more than the total {total}",
                    sum=_sum_text(figs, total), expr=F.expression(figs), total=total.text)


def _sum_text(figs, total):
    return F.in_unit(sum(F.nominal(f) for f in figs), total)


# ---------------------------------------------------------------------- 合计 after the parts

def trailing_total(scan, bi, block, t, a, b):
    """合计/共计/总计 at ``t[a:b]`` after a run of parts: do the parts add up to it?"""
    total = _stated_total(scan, t, a, b)
    if total is None:
        return
    parts = _parts_before(scan, t, a, total)
    if parts is None or len(parts) < 2 or any(f.slot for f in parts):
        return
    lo, hi = F.add(parts)
    if total.hi is not None and lo > total.hi:
        yield scan.out(block, "subtotal-exceeds-total", parts[0].start, total.end,
                       "各项合计 {sum}（{expr}），超过所写合计 {total}",
                       "the items add up to {sum} ({expr}), more than the stated total {total}",
                       sum=_sum_text(parts, total), expr=F.expression(parts), total=total.text)
    elif hi is not None and total.lo is not None and hi < total.lo:
        diff = F.nominal(total) - sum(F.nominal(f) for f in parts)
        yield scan.out(block, "parts-sum-mismatch", parts[0].start, total.end,
                       "所列各项合计 {sum}（{expr}），比所写合计 {total} 少 {diff}；若已列全，请核对",
                       "the listed items add up to {sum} ({expr}), {diff} less than the stated total "
                       "{total}; if the list is complete, check the figures",
                       sum=_sum_text(parts, total), expr=F.expression(parts), total=total.text,
                       diff=F.in_unit(diff, total))


def _stated_total(scan, t, a, b):
    """The one amount in the clause of a 合计 at ``t[a:b]`` that ends a list, else None."""
    if a and t[a - 1] not in "，,；;、":
        return None
    j = b
    while j < len(t) and t[j] not in "，,；;。！？\n":
        j += 1
    tfigs = scan.figs(t, b, j)
    if len(tfigs) != 1:
        return None
    total = tfigs[0]
    between = t[b:total.start]
    if len(between) > 6 or scan.voc.change.search(t[b:j]) or total.slot or total.dim in ("percent", "pp"):
        return None
    return total


def _parts_before(scan, t, a, total):
    """One figure per clause before ``t[a]``, back to the start of the sentence, in order;
    None when a clause holds a 其中 list or a change (too tangled to bind)."""
    parts = []
    i = a - 1
    sent_start = i
    while sent_start > 0 and t[sent_start - 1] not in SENT_END:
        sent_start -= 1
    while i > sent_start:
        k = i
        while k > sent_start and t[k - 1] not in "，,；;、：:":
            k -= 1
        clause = t[k:i]
        if "其中" in clause or scan.voc.change.search(clause):
            return None
        figs = scan.figs(t, k, i)
        if len(figs) != 1 or figs[0].dim != total.dim:
            break
        parts.append(figs[0])
        i = k - 1
    parts.reverse()
    return parts
