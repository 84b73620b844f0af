"""Figures that contradict each other: parts above their total, counts that do not match
their lists, bounded rates above 100 %, one measure given two values, table totals.

One trigger regex scans the document text once; figures are read (``checker.figures``)
only around what it finds: 其中, 合计/共计/总计, a bounded-rate word, 以下N个方面, a
numeral with a counter, and amounts for the metric table. Binding — which number is the
total and which are its parts — is conservative: a total must stand right before 其中 in a
clause that states an amount (no 比上年/年均/由…提高到), parts must follow in clauses of
their own, share the total's dimension and look parallel; anything less and the rule
stays silent. Every message shows the figures and the arithmetic.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from checker import figures as F
from checker.findings import Severity
from checker.rules import Rule

_CN_COUNT = r"(?:[二两兩三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)"
_SENT_END = "。！？!?\n"
_CLAUSE_END = "，,；;﹔。！？!?\n：:"
_PERIOD = re.compile(r"(?:19|20)[0-9]{2}年(?:度)?|[一二三四五六七八九十0-9]{1,2}月(?:底|末|份)?|[上下]半年|"
                     r"[一二三四1-4]季度|[今去明前上本]年|全年|截至|截止|目前|十[一二三四五]五|预计|力争|计划|目标|"
                     r"預計|力爭|計劃|目標|[一二三四五六七八九十]年(?:来|來|间|間|中)|过去|過去|五年")
_SKIP_KINDS = ("header", "footer")


def _COUNTED(dim: str) -> bool:
    """Dimensions of things counted one by one, which a 其中 list may classify on several axes."""
    return dim.startswith("count:") or dim in ("people", "households", "person-times")

_LEAD_PERIOD = re.compile(r"(?:(?:19|20)[0-9]{2}年(?:度)?|[上下]半年|[今去本上]年|全年|截至|截止|目前)+")
_AFTER_HEAD = re.compile(r"(?:为|為|达到|達到|达|達|是|共|完成|实现|實現)?[0-9０-９]")
_METRIC_VERBS = ("", "为", "為", "达", "達", "达到", "達到", "是", "共", "完成", "实现", "實現")
# a named village or community: 桃源村大棚面积 is one thing wherever it is written
_PLACE = re.compile(r"(?!全|各|本|我|该|該|每|城|农|農|乡|鄉|行政|自然)[\u4e00-\u9fff]{2,3}(?:村|社区|社區)")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


@lru_cache(maxsize=8)
def _triggers(words: tuple[str, ...], counters: str):
    """Two cheap scanners: a plain word list (a trie for the regex engine), and a numeral
    right before a counter. Everything else is judged in Python around what they find."""
    return (re.compile(_trie(words)),
            re.compile(rf"[二两兩三四五六七八九十0-9０-９{F.SLOT_CHARS}](?=[{counters}])"))


def _trie(words) -> str:
    """One regex for a word list with shared prefixes factored out (其中|其他 -> 其(?:中|他)):
    Python's re tries alternatives one by one, so a trie is several times faster than a flat list."""
    root: dict = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(root)


_VOC_CACHE: dict = {}


def _voc(section: dict) -> "_Voc":
    hit = _VOC_CACHE.get(id(section))
    if hit is None or hit[0] is not section:
        hit = (section, _Voc(section))
        _VOC_CACHE[id(section)] = hit
    return hit[1]


class _Voc:
    def __init__(self, voc):
        self.units = F.Units.from_pack(voc)
        self.rates = tuple(voc.get("bounded_rates", []))
        # 增加值 (value added) is an amount, not a change
        self.change = re.compile(rf"(?:{_alt(voc.get('change_words', []))})(?!值)" if voc.get("change_words")
                                 else r"(?!x)x")
        self.pairs = [tuple(p) for p in voc.get("exhaustive_pairs", []) if len(p) == 2]
        self.rest = tuple(voc.get("rest_words", []))
        verbs = voc.get("verbs", [])
        self.verbs_end = re.compile(rf"(?:{_alt(verbs)})+$") if verbs else None
        self.verbs_start = re.compile(rf"^(?:{_alt(verbs)})+") if verbs else None
        self.table_totals = tuple(voc.get("table_totals", []))
        self.list_nouns = tuple(voc.get("list_nouns", []))
        self.heads = tuple(voc.get("metric_heads", []))
        kinds = {w: "rate" for w in self.rates}
        kinds.update({w: "head" for w in self.heads})
        kinds.update({w: "qz" for w in ("其中",)})
        kinds.update({w: "sum" for w in ("合计", "合計", "共计", "共計", "总计", "總計")})
        kinds.update({w: "stated" for w in ("以下", "如下", "下列")})
        self.kinds = kinds
        self.stated = re.compile(rf"(?P<n>{_CN_COUNT}|[2-9]|1[0-9])(?:{_alt(self.list_nouns)})")


def _clause_start(t: str, i: int, stops=_CLAUSE_END + "、（(") -> int:
    j = i
    while j > 0 and t[j - 1] not in stops:
        j -= 1
    return j


_DIGIT = re.compile(r"[0-9０-９]")
_DIGIT_OR_DE = re.compile(r"[0-9０-９的]")
_FENBIE = re.compile(r"分别|分別")
_BAD_LABEL = re.compile(r"[0-9０-９A-Za-z其约約近超逾共累]")
_RATE_CHANGE = re.compile(r"比|增长|增長|增加|提高(?!到|至)|提升(?!到|至)|下降|降低|减少|減少|翻|倍|同比|环比|環比|幅")
_GROWTH_NOTE = re.compile(r"(?:同比|比上年|比去年|较上年|較上年)?(?:增长|增長|下降|增加|减少|減少)[0-9０-９.．]+[%％]")
_SENT_END_RE = re.compile(r"[。！？!?\n]")
_PART_SEP = re.compile(r"[，,；;﹔、]")


def _sentence_end(t: str, i: int) -> int:
    m = _SENT_END_RE.search(t, i)
    return m.start() if m else len(t)


class FiguresRule(Rule):
    name = "figures"

    def check(self, doc, ctx):
        voc = _voc(ctx.section("figures"))
        self.voc, self.ctx, self.doc = voc, ctx, doc
        self._cache = {}
        words, counted = _triggers(tuple(voc.kinds), F.COUNT_COUNTERS)
        starts = doc.line_starts
        blocks = doc.blocks
        text = doc.text
        kinds = voc.kinds
        metric: dict = {}
        for regex in (words, counted):
            bi = 0
            nblocks = len(blocks)
            for m in regex.finditer(text):
                pos = m.start()
                while bi + 1 < nblocks and starts[bi + 1] <= pos:
                    bi += 1
                block = blocks[bi]
                if block.kind in _SKIP_KINDS:
                    continue
                base = starts[bi]
                t = block.text
                a, b = pos - base, m.end() - base
                if regex is counted:
                    yield from self._count_at(block, t, a)
                    continue
                kind = kinds[m.group(0)]
                if kind == "qz":
                    yield from self._qizhong(block, t, a)
                elif kind == "sum":
                    yield from self._trailing_total(block, t, a, b)
                elif kind == "rate":
                    yield from self._rate(block, t, a, b)
                elif kind == "stated":
                    sm = voc.stated.match(t, b)
                    if sm:
                        yield from self._stated(bi, t, a, sm.end(), sm.group("n"))
                elif kind == "head":
                    if _AFTER_HEAD.match(t, b):
                        self._metric(metric, bi, block, t, a, b)
        yield from self._metric_conflicts(metric)
        yield from self._tables(doc)

    def _count_at(self, block, t, i):
        """A numeral right before a counter at ``t[i]``: widen to the whole numeral, then judge."""
        b = i + 1
        a = i
        if t[i] in F.SLOT_CHARS:
            return
        digits = "0123456789０１２３４５６７８９"
        paren = t.find("（", b, b + 14) != -1 or t.find("(", b, b + 14) != -1 \
            or t.find("：", b, b + 12) != -1 or t.find(":", b, b + 12) != -1
        if not paren and (t[i] in digits or t.find("、", max(0, i - 60), i) == -1):
            return  # 3个 with no bracketed list after it; a Chinese count with no 、 list before it
        chars = digits if t[i] in digits else "二两兩三四五六七八九十"
        while a > 0 and t[a - 1] in chars and b - a < 3:
            a -= 1
        if a > 0 and (t[a - 1] in digits or t[a - 1] in ".．第" or t[a - 1] in F.CN_CHARS):
            return
        num = t[a:b].translate(F.FULLWIDTH)
        if num.isdigit() and not (1 <= int(num) <= 20):
            return
        if not num.isdigit() and not re.fullmatch(_CN_COUNT, num):
            return
        yield from self._count(block, t, a, b + 1, num, t[b])

    # ------------------------------------------------------------------ helpers

    def _out(self, block, code, a, b, zh, en, severity=None, related=(), **params):
        msg = self.ctx.say(zh, en, **params)
        return self.ctx.finding_at(self.doc, code, block.line, a + 1, b + 1, msg, severity=severity,
                                   related=related)

    def _figs(self, t, a, b):
        """Figures lying within ``t[a:b]`` (read once per window and check)."""
        key = (id(t), a, b)
        hit = self._cache.get(key)
        if hit is None or hit[0] is not t:
            hit = (t, F.extract(t, self.voc.units, a, b))
            self._cache[key] = hit
        return hit[1]

    def _head(self, label: str) -> tuple[str, str]:
        """(noun, verb) of the words before a figure: 财政收入完成 -> (财政收入, 完成)."""
        label = label.strip(" ：:“”「」")
        verb = ""
        v = self.voc
        if v.verbs_end is not None:
            m = v.verbs_end.search(label)
            if m:
                verb, label = m.group(0), label[:m.start()]
            m = v.verbs_start.match(label)
            if m and len(label) > m.end():
                label = label[m.end():]
        return label, verb

    # ------------------------------------------------------------------ 其中

    def _qizhong(self, block, t, q):
        before = t[q - 1] if q else ""
        if before not in "，,（(；;":
            return
        cs = _clause_start(t, q - 1, _CLAUSE_END + "（(")
        end = q - 1
        if cs > 0 and t[cs - 1] in "，," and _GROWTH_NOTE.fullmatch(t, cs, end):
            # 地区生产总值18.6亿元，同比增长6.5%，其中…: the growth note sits between total and parts
            end = cs - 1
            cs = _clause_start(t, end, _CLAUSE_END + "（(")
        total_clause = t[cs:end]
        if self.voc.change.search(total_clause) or "其中" in total_clause:
            return
        figs = self._figs(t, cs, end)
        if not figs:
            return
        total = figs[-1]
        tail = t[total.end:end]
        if len(tail) > 8 or _DIGIT_OR_DE.search(tail):
            return
        if any(f.dim == total.dim for f in figs[:-1]) or total.slot or total.lo is None:
            return
        if total.dim in ("percent", "pp", ""):
            return
        if cs > 0 and t[cs - 1] in "，,、":
            # 行政村12个，社区3个，其中…: 其中 may take in both; unsure which is the total, stay silent
            ps = _clause_start(t, cs - 1, _CLAUSE_END + "（(")
            if any(f.dim == total.dim for f in self._figs(t, ps, cs - 1)):
                return
        paren = before in "（("
        p = q + 2
        while p < len(t) and t[p] in "：:，, ":
            p += 1
        end = _sentence_end(t, p)
        if paren:
            close = min((i for i in (t.find("）", p), t.find(")", p)) if i != -1), default=-1)
            if close == -1:
                return
            end = min(end, close)
        seg = t[p:end]
        parts, exhaustive = self._parts(t, p, end, total, paren)
        if not parts:
            return
        if any(f.slot for _l, f in parts):
            return
        yield from self._judge(block, t, total, parts, exhaustive or "分别" in seg or "分別" in seg, q)

    def _parts(self, t, p, end, total, closed):
        """Parts after 其中: (label, figure) in clauses of their own, until the list ends."""
        voc = self.voc
        seg = t[p:end]
        fen = _FENBIE.search(seg)
        if fen:
            # 其中一期、二期分别为600万元、500万元: every amount after 分别 is a part
            after = p + fen.end()
            stop = after
            while stop < end and t[stop] not in "，,；;。":
                stop += 1
            figs = self._figs(t, after, stop)
            if len(figs) < 2 or any(f.dim != total.dim for f in figs):
                return [], False
            labels = t[p:p + fen.start()].split("、")
            if len(labels) != len(figs):
                return [], False
            return list(zip(labels, figs)), True
        parts = []
        first_noun = first_verb = None
        total_noun, _tv = self._head(t[_clause_start(t, total.start, _CLAUSE_END + "（("):total.start])
        i = p
        ahead = self._figs(t, p, end)  # read once; each clause takes its own below
        k = 0
        while i < end:
            sep = _PART_SEP.search(t, i, end)
            j = sep.start() if sep else end
            clause = t[i:j]
            # a Chinese count inside a name (一类烟, 二产) is no amount: ignore it
            while k < len(ahead) and ahead[k].start < i:
                k += 1
            figs = []
            while k < len(ahead) and ahead[k].end <= j:
                g = ahead[k]
                k += 1
                if not (g.chinese and g.dim.startswith("count:") and g.dim != total.dim):
                    figs.append(g)
            if len(figs) != 1 or figs[0].dim != total.dim or voc.change.search(clause):
                break
            f = figs[0]
            if t[f.end:j].strip() not in ("", "元") and len(t[f.end:j]) > 6:
                break
            noun, verb = self._head(t[i:f.start])
            if _DIGIT.search(noun) or "占" in noun or "佔" in noun:
                break
            if parts:
                parallel = (closed or (verb and verb == first_verb)
                            or (noun and first_noun and noun[-1:] == first_noun[-1:] and len(noun) <= 8)
                            or (len(noun) >= 3 and first_noun and noun[:3] == first_noun[:3])
                            or (noun and total_noun and len(total_noun) >= 2 and noun.endswith(total_noun[-2:]))
                            or self._paired(first_noun, noun) or any(noun.startswith(w) for w in voc.rest))
                if not parallel:
                    break
            else:
                first_noun, first_verb = noun, verb
            parts.append((noun or t[i:f.start], f))
            i = j + 1
        exhaustive = False
        nouns = [n for n, _f in parts]
        if len(parts) >= 2:
            if any(n.startswith(voc.rest) for n in nouns):
                exhaustive = True
            for a_, b_ in voc.pairs:
                if any(a_ in n and b_ not in n for n in nouns) and any(b_ in n for n in nouns) and len(parts) == 2:
                    exhaustive = True
        return parts, exhaustive

    def _paired(self, a, b) -> bool:
        if not a or not b:
            return False
        for x, y in self.voc.pairs:
            if (x in a and y in b and y not in a) or (y in a and x in b and y not in b):
                return True
        return False

    def _judge(self, block, t, total, parts, exhaustive, anchor):
        figs = [f for _l, f in parts]
        th = total.hi
        if th is not None:
            for label, f in parts:
                if f.lo is not None and f.lo > th:
                    yield self._out(block, "subtotal-exceeds-total", f.start, f.end,
                                    "其中“{label}” {part}，超过总数 {total}（{part} > {total}）",
                                    "the part “{label}” {part} is more than the total {total} ({part} > {total})",
                                    label=label.strip() or f.text, part=f.text, total=total.text)
                    return
            if len(figs) >= 2:
                lo, hi = F.add(figs)
                if lo is not None and lo > th:
                    if _COUNTED(total.dim) and not exhaustive:
                        # things counted by kind (规上企业、小微企业; 党员、妇女) may be counted twice
                        yield self._out(block, "subtotal-exceeds-total", total.start, figs[-1].end,
                                        "其中各项合计 {sum}（{expr}），超过总数 {total}；若各项互不重叠，请核对",
                                        "the parts add up to {sum} ({expr}), more than the total {total}; "
                                        "unless they overlap, check the figures",
                                        sum=self._sum_text(figs, total), expr=F.expression(figs),
                                        total=total.text, severity=Severity.warning)
                        return
                    yield self._out(block, "subtotal-exceeds-total", total.start, figs[-1].end,
                                    "其中各项合计 {sum}（{expr}），超过总数 {total}",
                                    "the parts add up to {sum} ({expr}), more than the total {total}",
                                    sum=self._sum_text(figs, total), expr=F.expression(figs), total=total.text)
                    return
        if exhaustive and len(figs) >= 2 and total.lo is not None:
            lo, hi = F.add(figs)
            if hi is not None and hi < total.lo:
                diff = F.nominal(total) - sum(F.nominal(f) for f in figs)
                yield self._out(block, "parts-sum-mismatch", total.start, figs[-1].end,
                                "所列各项合计 {sum}（{expr}），比总数 {total} 少 {diff}；若已列全，请核对",
                                "the listed parts add up to {sum} ({expr}), {diff} less than the total {total}; "
                                "if the list is complete, check the figures",
                                sum=self._sum_text(figs, total), expr=F.expression(figs), total=total.text,
                                diff=F.in_unit(diff, total))

    @staticmethod
    def _sum_text(figs, total):
        return F.in_unit(sum(F.nominal(f) for f in figs), total)

    # ------------------------------------------------------------------ 合计 after the parts

    def _trailing_total(self, block, t, a, b):
        if a and t[a - 1] not in "，,；;、":
            return
        j = b
        while j < len(t) and t[j] not in "，,；;。！？\n":
            j += 1
        tfigs = self._figs(t, b, j)
        if len(tfigs) != 1:
            return
        total = tfigs[0]
        between = t[b:total.start]
        if len(between) > 6 or self.voc.change.search(t[b:j]) or total.slot or total.dim in ("percent", "pp"):
            return
        # parts: the clauses before, back to the start of the sentence
        parts = []
        i = a - 1
        sent_start = i
        while sent_start > 0 and t[sent_start - 1] not in _SENT_END:
            sent_start -= 1
        while i > sent_start:
            k = i
            while k > sent_start and t[k - 1] not in "，,；;、：:":
                k -= 1
            clause = t[k:i]
            if "其中" in clause or self.voc.change.search(clause):
                return  # a 其中 list or a change: too tangled to bind
            figs = self._figs(t, k, i)
            if len(figs) != 1 or figs[0].dim != total.dim:
                break
            parts.append(figs[0])
            i = k - 1
        parts.reverse()
        if len(parts) < 2 or any(f.slot for f in parts):
            return
        lo, hi = F.add(parts)
        if total.hi is not None and lo > total.hi:
            yield self._out(block, "subtotal-exceeds-total", parts[0].start, total.end,
                            "各项合计 {sum}（{expr}），超过所写合计 {total}",
                            "the items add up to {sum} ({expr}), more than the stated total {total}",
                            sum=self._sum_text(parts, total), expr=F.expression(parts), total=total.text)
        elif hi is not None and total.lo is not None and hi < total.lo:
            diff = F.nominal(total) - sum(F.nominal(f) for f in parts)
            yield self._out(block, "parts-sum-mismatch", parts[0].start, total.end,
                            "所列各项合计 {sum}（{expr}），比所写合计 {total} 少 {diff}；若已列全，请核对",
                            "the listed items add up to {sum} ({expr}), {diff} less than the stated total "
                            "{total}; if the list is complete, check the figures",
                            sum=self._sum_text(parts, total), expr=F.expression(parts), total=total.text,
                            diff=F.in_unit(diff, total))

    # ------------------------------------------------------------------ bounded rates

    def _rate(self, block, t, a, b):
        j = b
        n = min(len(t), b + 16)
        while j < n and t[j] not in "，,。；;！？\n（(、":
            j += 1
        window = t[b:j]
        if "%" not in window and "％" not in window and "‰" not in window and "百分之" not in window:
            return
        figs = self._figs(t, b, j)
        if not figs:
            return
        f = figs[0]
        between = t[b:f.start]
        if f.dim != "percent" or f.slot or f.lo is None or len(between) > 8:
            return
        if _DIGIT.search(between) or _RATE_CHANGE.search(between):
            return
        if f.lo > 100:
            yield self._out(block, "rate-out-of-range", a, f.end,
                            "“{rate}”为 {value}，超过 100%：比率、占比不能超过 100%（{value} > 100%）",
                            "“{rate}” is {value}: a share or rate cannot exceed 100% ({value} > 100%)",
                            rate=t[a:b], value=f.text)

    # ------------------------------------------------------------------ counts and lists

    def _count(self, block, t, a, b, num, ctr):
        if num[0] in F.SLOT_CHARS:
            return  # a slot: the placeholder finding suggests the count
        after = t[b:b + 3]
        if after.startswith(("百分点", "百分點", "月", "小时", "小時", "工作日", "多", "余", "餘", "左右")):
            return
        if num.isdigit():
            stated = int(num)
        else:
            p = F.parse_chinese(num)
            if p is None:
                return
            stated = p[0]
        before = t[a - 1] if a else ""
        # the list before: 东岭、桃溪、云山三个示范村 / 青光、两个基地
        if before == "、" or (before and ("\u4e00" <= before <= "\u9fff" or before in "”」’』")):
            cs = _clause_start(t, a, _CLAUSE_END + "（()）")
            seg = t[cs:a]
            if "、" in seg:
                yield from self._count_before(block, t, cs, a, b, seg, stated, num, ctr)
                return
        # the list after: 三个示范村（东岭村、桃溪村）; 三个示范村：东岭村、桃溪村。
        items = F.listed_after(t, a, b)
        if items and len(items) >= 2 and len(items) != stated:
            yield self._out(block, "count-mismatch", a, b,
                            "写的是“{stated}”，其后却列出 {n} 项：{items}",
                            "it says “{stated}” but {n} are listed with it: {items}",
                            stated=num + ctr, n=len(items), items="、".join(items))

    def _count_before(self, block, t, cs, a, b, seg, stated, num, ctr):
        raw = seg
        quoted = False
        if raw.endswith(("”", "」", "’", "』")):
            q = max(raw.rfind("“"), raw.rfind("「"), raw.rfind("‘"), raw.rfind("『"))
            if q != -1 and "、" in raw[q + 1:-1]:
                raw = raw[q + 1:-1]
                quoted = True
        if "等" in raw or _DIGIT.search(raw):
            return
        pieces = [p.strip("“”「」‘’『』《》 \u3000") for p in raw.split("、")]
        dangling = pieces[-1] == ""
        if dangling:
            pieces = pieces[:-1]
        if not pieces or any(not p for p in pieces):
            return
        if re.fullmatch(r"[（(]?[一二三四五六七八九十]+[）)]?", pieces[0]):
            return  # 二、打好四个…: a heading's number, not a list
        if t[b:b + 1] in "字":
            return  # “巩固、增强、提升、畅通”八个字: characters are counted
        if dangling:
            if re.search(r"[一二两兩三四五六七八九十0-9０-９]", pieces[-1]) or seg.count("“") > seg.count("”") \
                    or seg.count("「") > seg.count("」"):
                return  # 两个市场、两种资源; “一个国家、两种制度”: the numeral begins the next item
        elif len(pieces) < 3:
            return  # two pieces: too little to tell an item from the words around it
        last = pieces[-1]
        middle = pieces[1:-1]
        if not quoted:
            if len(pieces[0]) > 20:
                return
            if any(F._VERBISH.search(p) or len(p) > 10 for p in pieces[1:]):
                return
            longest = max((len(p) for p in middle), default=4)
            if not dangling and len(last) > longest + 2:
                return
            if not dangling and re.search(r"[一二两兩三四五六七八九十]", last):
                return  # 东岭、桃溪两村三个项目: the count is of something else
            tails = {p[-1] for p in pieces}
            if not dangling and len(tails) == 1 and next(iter(tails)) not in t[b:b + 8]:
                return  # 东岭村、桃溪村三个项目: villages listed, projects counted
        counted = len(pieces)
        if stated == counted or stated < 2:
            return
        shown = "、".join(pieces) if quoted else "、".join([_tail_item(pieces[0])] + pieces[1:])
        first = shown.split("、")[0]
        at = t.find(first, cs, a)
        cs = at if at != -1 else cs  # the span starts at the first item, not at the verb before it
        if dangling:
            yield self._out(block, "count-mismatch", cs, b,
                            "写的是“{stated}”，前面只列出 {n} 项（{items}），“、”后缺了一项",
                            "it says “{stated}” but only {n} listed before it ({items}); an item is missing "
                            "after “、”", stated=num + ctr, n=counted, items=shown)
        else:
            yield self._out(block, "count-mismatch", cs, b,
                            "写的是“{stated}”，前面却列出 {n} 项：{items}",
                            "it says “{stated}” but lists {n}: {items}",
                            stated=num + ctr, n=counted, items=shown)

    def _stated(self, bi, t, a, b, num):
        """以下四个方面 followed by numbered items: count them where the list is unmistakable."""
        stated = int(num) if num.isdigit() else (F.parse_chinese(num) or (0, 0))[0]
        if stated < 2:
            return
        blocks = self.doc.blocks
        j = b
        while j < len(t) and t[j] not in "：:。！？!?":
            j += 1
        lines = []
        if t[j + 1:].strip():
            lines.append(t[j + 1:].strip())
        k = bi + 1
        while not lines and k < len(blocks) and k < bi + 4 and blocks[k].kind == blocks[bi].kind:
            if blocks[k].text.strip():
                lines.append(blocks[k].text.strip())
            k += 1
        if not lines:
            return
        style = _marker_style(lines[0])
        if style is None or style[1] != 1:
            return  # no numbered list starts here: nothing to count
        for k in range(k, min(len(blocks), bi + 80)):
            if blocks[k].kind != blocks[bi].kind:
                break
            if blocks[k].text.strip():
                lines.append(blocks[k].text.strip())
        if style is None or style[1] != 1:
            return
        shape = style[0]
        found = 1
        ended = False
        region = [lines[0]]
        if shape in ("是", "要"):
            # 一是…二是… inline or one per paragraph, up to the next numbered heading
            for s in lines[1:]:
                st = _marker_style(s)
                if st is not None and st[0] not in ("是", "要"):
                    ended = True
                    break
                region.append(s)
            else:
                ended = len(lines) < 79
            joined = "\n".join(region)
            pos = 0
            while found + 1 < len(_CN_ORD):
                m = re.compile(rf"(?:^|[。；;！？!?\n，,：:]){_CN_ORD[found + 1]}{shape}").search(joined, pos)
                if not m:
                    break
                found += 1
                pos = m.end()
        else:
            for s in lines[1:]:
                st = _marker_style(s)
                if st is not None:
                    if st[0] == shape and st[1] == found + 1:
                        found += 1
                    elif (st[0] == shape and st[1] == 1) or _outranks(st[0], shape):
                        ended = True
                        break
                    elif st[0] == shape:
                        return  # numbering out of order: not ours to judge
                region.append(s)
            else:
                ended = len(lines) < 79
        if not ended or found == stated or found < 2:
            return
        if found < stated and not _nothing_more(region, found + 1, line_starts=shape not in ("是", "要")):
            return
        yield self._out(blocks[bi], "count-mismatch", a, b,
                        "写的是“{stated}”，其后按序号只列出 {n} 项" if found < stated else
                        "写的是“{stated}”，其后按序号却列出了 {n} 项",
                        "it says “{stated}” but {n} numbered items follow",
                        stated=t[a:b], n=found)

    # ------------------------------------------------------------------ one measure, two values

    def _metric(self, metric, bi, block, t, a, b):
        """A measure word (收入, 面积 …) followed by an amount: remember it under its full name and period."""
        j = b
        n = min(len(t), b + 4)
        while j < n and not ("0" <= t[j] <= "9" or "０" <= t[j] <= "９"):
            j += 1
        if j >= n or t[b:j] not in _METRIC_VERBS:
            return
        cs = _clause_start(t, a)
        lead = _LEAD_PERIOD.match(t, cs, a)
        if lead:
            cs = lead.end()  # 2024年全镇财政收入: the year is the period, not the name
        label = t[cs:b]
        if len(label) < 4 or len(label) > 16 or _BAD_LABEL.search(label):
            return
        if self.voc.change.search(t[cs:j]):
            return
        figs = self._figs(t, j, min(len(t), j + 24))
        if not figs or figs[0].start != j or not figs[0].exact:
            return
        f = figs[0]
        nxt = t[f.end:f.end + 1]
        if nxt and nxt not in "，,。；;）)\n":
            return
        noun = label
        ss = cs
        while ss > 0 and t[ss - 1] not in _SENT_END:
            ss -= 1
        period = tuple(m.group(0) for m in _PERIOD.finditer(t, ss, j))
        if any(p in ("预计", "力争", "计划", "目标", "預計", "力爭", "計劃", "目標") for p in period):
            return
        scope = None if period or _PLACE.match(noun) else bi
        metric.setdefault((noun, period, scope), []).append((bi, f))

    def _metric_conflicts(self, metric):
        for (noun, _period, _scope), hits in metric.items():
            if len(hits) < 2:
                continue
            first = None
            for bi, f in hits:
                block = self.doc.blocks[bi]
                if first is None:
                    first = (block, f)
                    continue
                fb, ff = first
                if ff.dim != f.dim:
                    continue
                if (f.hi is not None and ff.lo is not None and f.hi < ff.lo) or \
                        (ff.hi is not None and f.lo is not None and ff.hi < f.lo):
                    other = self.ctx.related(self.doc, fb.line, ff.start + 1, ff.end + 1)
                    yield self._out(block, "metric-conflict", f.start, f.end,
                                    "“{label}”此处为 {v2}，第{line}行为 {v1}，同一指标两个数不一致",
                                    "“{label}” is {v2} here but {v1} on line {line}: one measure, two values",
                                    label=noun, v1=ff.text, v2=f.text, line=fb.line, related=(other,))
                    break

    # ------------------------------------------------------------------ tables

    def _tables(self, doc):
        tables: dict = {}
        for blk in doc.blocks:
            if blk.kind == "table" and blk.table is not None and blk.row is not None:
                cells = tables.setdefault((blk.part, blk.table), {})
                cells.setdefault((blk.row, blk.col), []).append(blk)
        for cells in tables.values():
            yield from self._table(cells)

    def _table(self, cells):
        grid = {k: "".join(b.text for b in v).strip() for k, v in cells.items()}
        rows = sorted({r for r, _c in grid})
        cols = sorted({c for _r, c in grid})
        if len(rows) < 3 or len(cols) < 2:
            return
        totals = self.voc.table_totals
        found: dict = {}

        def is_total(s):
            s = re.sub(r"\s+", "", s)
            return s in totals

        label_col = cols[0]
        header = rows[0]
        units = self.voc.units
        col_unit = {c: _header_unit(grid.get((header, c), "")) for c in cols}
        shared = {u for c, u in col_unit.items() if c != label_col and u and not is_total(grid.get((header, c), ""))}
        for c in cols:
            if not col_unit[c] and is_total(grid.get((header, c), "")) and len(shared) == 1:
                col_unit[c] = next(iter(shared))  # a 合计 column in the unit of the columns it adds
        yield from self._table_rates(cells, grid, rows, cols, header)
        # total rows: a 合计/小计/总计 label in the first column
        total_rows = [r for r in rows[1:] if is_total(grid.get((r, label_col), ""))]
        for tr in total_rows:
            kind = re.sub(r"\s+", "", grid[(tr, label_col)])
            sub = kind in ("小计", "小計")
            # the rows it sums: below the header, up to the total row, after the previous total row
            prev = max((x for x in total_rows if x < tr), default=header)
            body = [x for x in rows if prev < x < tr]
            if not body and tr == rows[1]:
                # 合计 right under the header: it sums the rows below it, to the next total row
                nxt = min((x for x in total_rows if x > tr), default=rows[-1] + 1)
                body = [x for x in rows if tr < x < nxt]
            if len(body) < 2 or any(grid.get((x, label_col), "").lstrip().startswith(("其中", "其")) for x in body):
                continue
            if not sub and any(is_total(grid.get((x, label_col), "")) for x in body):
                continue
            for c in cols[1:]:
                head = grid.get((header, c), "")
                if re.search(r"[%％‰率比]|增长|增長|同比|排名|序号|序號|编号|編號|年份|电话|電話", head):
                    continue
                conflict = _table_sum_conflict(grid.get((tr, c), ""), col_unit[c],
                                               [(grid.get((x, c), ""), col_unit[c]) for x in body], units)
                if conflict:
                    total, parts = conflict
                    block = cells[(tr, c)][0]
                    found.setdefault((tr, c), []).append(self._out(
                                    block, "table-total-mismatch", 0, len(block.text),
                                    "表格“{label}”行第{col}列（{head}）为 {total}，而上方 {n} 行合计 {sum}（{expr}）",
                                    "table row “{label}”, column {col} ({head}) says {total}, but the {n} rows "
                                    "above add up to {sum} ({expr})",
                                    label=grid[(tr, label_col)], col=c, head=head or "-", total=total.text,
                                    n=len(parts), sum=F.in_unit(sum(F.nominal(p) for p in parts), total),
                                    expr=F.expression(parts)))
        # total columns: a 合计 header sums the numeric columns between the label column and it
        for tc in cols[1:]:
            if not is_total(grid.get((header, tc), "")):
                continue
            src = [c for c in cols[1:] if c < tc]
            if len(src) < 2:
                continue
            heads = [grid.get((header, c), "") for c in src]
            if any(re.search(r"[%％‰率比]|增长|增長|同比|其中", h) for h in heads):
                continue
            for r in rows[1:]:
                conflict = _table_sum_conflict(grid.get((r, tc), ""), col_unit[tc],
                                               [(grid.get((r, c), ""), col_unit[c]) for c in src], units)
                if conflict:
                    total, parts = conflict
                    block = cells[(r, tc)][0]
                    found.setdefault((r, tc), []).append(self._out(
                                    block, "table-total-mismatch", 0, len(block.text),
                                    "表格第{row}行“{label}”的合计列为 {total}，而各列合计 {sum}（{expr}）",
                                    "table row {row} (“{label}”): the total column says {total}, but the "
                                    "columns add up to {sum} ({expr})",
                                    row=r, label=grid.get((r, label_col), ""), total=total.text,
                                    sum=F.in_unit(sum(F.nominal(p) for p in parts), total),
                                    expr=F.expression(parts)))
        total_cols = {c for c in cols if is_total(grid.get((header, c), ""))}
        for (r, c), outs in sorted(found.items()):
            if c in total_cols and r in total_rows and len(outs) < 2 and len(found) > 1:
                continue  # the grand total, off only because a cell it adds up is off
            yield outs[0]

    def _table_rates(self, cells, grid, rows, cols, header):
        """A column headed by a bounded rate (参保率（%）) holding a value above 100."""
        for c in cols[1:]:
            head = grid.get((header, c), "")
            rate = next((w for w in self.voc.rates if w in head), None)
            if rate is None or _RATE_CHANGE.search(head.replace(rate, "")):
                continue
            percent_head = bool(re.search(r"[%％]", head))
            for r in rows[1:]:
                cell = re.sub(r"\s+", "", grid.get((r, c), ""))
                m = _CELL_PERCENT.fullmatch(cell)
                if not m or (not m.group(2) and not percent_head):
                    continue
                value, half = F._arabic(m.group(1))
                if value - half > 100:
                    block = cells[(r, c)][0]
                    shown = cell if m.group(2) else cell + "%"
                    yield self._out(block, "rate-out-of-range", 0, len(block.text),
                                    "表格第{row}行“{label}”的{rate}为 {value}，超过 100%：比率、占比不能超过 100%",
                                    "table row {row} (“{label}”): {rate} is {value}, but a share or rate cannot "
                                    "exceed 100%", row=r, label=grid.get((r, cols[0]), ""), rate=rate, value=shown)


_CELL_PERCENT = re.compile(r"([0-9０-９]+(?:[.．][0-9０-９]+)?)([%％])?")


# ---------------------------------------------------------------------- helpers for lists and tables

_CN_ORD = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
_MARKER = re.compile(r"^(?:(?P<paren>[（(])(?P<pn>[一二三四五六七八九十]{1,2}|[0-9]{1,2})[）)]"
                     r"|第(?P<dn>[一二三四五六七八九十]{1,2})[，,、是]"
                     r"|(?P<n>[一二三四五六七八九十]{1,2}|[0-9]{1,2})(?P<suf>[、.．是要抓])(?![0-9]))")


def _marker_style(s: str):
    """(shape, ordinal) of a line's leading list marker: ("、", 2) for 二、, ("(", 1) for （一）."""
    m = _MARKER.match(s)
    if not m:
        return None
    if m.group("paren"):
        raw, shape = m.group("pn"), "(" + ("1" if m.group("pn").isdigit() else "一")
    elif m.group("dn"):
        raw, shape = m.group("dn"), "第"
    else:
        raw = m.group("n")
        shape = m.group("suf").replace("．", ".") + ("1" if raw.isdigit() else "一")
        if m.group("suf") in "是要抓":
            shape = m.group("suf")
    if raw.isdigit():
        n = int(raw)
    else:
        p = F.parse_chinese(raw)
        if p is None:
            return None
        n = p[0]
    return shape, n


_RANK = {"、一": 0, "(一": 1, "第": 2, "、1": 2, ".1": 2, "(1": 3}


def _outranks(a: str, b: str) -> bool:
    return a in _RANK and b in _RANK and _RANK[a] < _RANK[b]


def _nothing_more(lines, n, line_starts=False) -> bool:
    """No item numbered ``n`` in these lines, in any shape (一是 / 第四 / 四、 / （四）): anywhere, or
    for a list of numbered lines, at the start of a line (a 四是 inside item （一） is not item four)."""
    word = _CN_ORD[n] if n < len(_CN_ORD) else str(n)
    if line_starts:
        return not any((_marker_style(s) or ("", 0))[1] == n or f"第{word}" in s for s in lines)
    pat = re.compile(rf"(?:^|[。；;！？\s：:，,])(?:第?{word}[、，,是要抓.．]|[（(](?:{word}|{n})[）)]|{n}[、.．])")
    return not any(pat.search(s) for s in lines)


def _tail_item(s: str) -> str:
    """The first piece of a list without the verb before it: 重点打造了青光 -> 青光."""
    last = None
    for last in F._VERBISH.finditer(s):
        pass
    if last is not None and s[last.end():].lstrip("了") and last.group(0) not in ("和", "及", "与", "與", "或"):
        return s[last.end():].lstrip("了")
    return s[-4:] if len(s) > 4 else s


def _header_unit(head: str) -> str:
    m = re.search(r"[（(]\s*([^（）()]{1,6})\s*[）)]|[/／]\s*(\S{1,4})$|单位[：:]\s*(\S{1,4})", head)
    if not m:
        return ""
    return next(g for g in m.groups() if g)


def _table_sum_conflict(total_text: str, total_unit: str, part_cells, units):
    """(total, parts) when table cells that should add up to a total cannot, else None.

    ``part_cells`` are (text, unit) pairs; empty cells count as zero, any cell that is not a
    plain figure, fewer than two parts, mixed dimensions or percentages make it stay silent.
    """
    total = _cell_figure(total_text, total_unit, units)
    if total is None:
        return None
    parts = [_cell_figure(text, unit, units, empty_zero=True) for text, unit in part_cells]
    if any(p is None for p in parts):
        return None
    parts = [p for p in parts if p is not False]
    if len(parts) < 2 or any(p.dim != total.dim or p.dim == "percent" for p in parts):
        return None
    lo, hi = F.add(parts)
    if lo is None:
        return None
    if (total.hi is not None and lo > total.hi) or (hi is not None and total.lo is not None and hi < total.lo):
        return total, parts
    return None


def _cell_figure(s: str, unit: str, units, empty_zero=False):
    """A figure from a table cell: "1,200", "3.5", "1.2万元"; False for an empty cell, None when not a number."""
    s = re.sub(r"\s+", "", s)
    if s in ("", "-", "—", "——", "/", "－") and empty_zero:
        return False
    if not s:
        return None
    if re.fullmatch(F._AR, s):
        s = s + (unit or "个")
        figs = F.extract(s, units)
        if len(figs) != 1 or figs[0].end != len(s):
            # a unit the table does not know: compare bare numbers
            v, half = F._arabic(s[: len(s) - len(unit or "个")])
            bare = s[: len(s) - len(unit or "个")]
            return F.Figure(0, len(s), bare, "number:" + unit, unit, Fraction(1), num=(v, v - half, v + half))
        f = figs[0]
        f.text = s[: len(s) - len(unit or "个")]
        return f
    figs = F.extract(s, units)
    if len(figs) == 1 and figs[0].start == 0 and figs[0].end == len(s):
        return figs[0] if not figs[0].slot else None
    return None
