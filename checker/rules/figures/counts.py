"""Counts against their lists: ``count-mismatch``.

Three shapes: a 、 list right before a count (东岭、桃溪、云山三个示范村), a list right after one
(三个示范村：东岭村、桃溪村), and 以下N个方面 followed by numbered items (一是…二是…, （一）（二）…).
A count is judged only where the list is unmistakable: quoted slogans, lists with 等, numbers in
the items, verbs or long phrases among them, or a list of something else than what is counted
leave it alone.
"""

from __future__ import annotations

import re

from checker import figures as F
from checker.rules.figures.scan import CLAUSE_END, CN_COUNT, DIGIT

_DIGITS = "0123456789０１２３４５６７８９"
_CN_ORD = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
_MARKER = re.compile(r"^(?:(?P<paren>[（(])[ \u3000]*(?P<pn>[一二三四五六七八九十]{1,2}|[0-9]{1,2})[ \u3000]*[）)]"
                     r"|第(?P<dn>[一二三四五六七八九十]{1,2})[，,、是]"
                     r"|(?P<n>[一二三四五六七八九十]{1,2}|[0-9]{1,2})(?P<suf>[、.．是要抓])(?![0-9]))")
_RANK = {"、一": 0, "(一": 1, "第": 2, "、1": 2, ".1": 2, "(1": 3}
_CN_COUNT = re.compile(CN_COUNT)
# a count with its counter inside a list's item (省“十五条”): one pattern per counter
_NAMED_BY_COUNT = {c: re.compile(rf"{CN_COUNT}{re.escape(c)}|[一十]{re.escape(c)}") for c in F.COUNT_COUNTERS}
_ANY_NUMERAL = re.compile(r"[一二两兩三四五六七八九十0-9０-９]")
_CN_NUMERAL = re.compile(r"[一二两兩三四五六七八九十]")
_HEADING_NUMBER = re.compile(r"[（(]?[一二三四五六七八九十]+[）)]?")


# ---------------------------------------------------------------------- a numeral and a counter

def may_count(text, found):
    """The numerals of ``found`` (offsets in the document's text, each before a counter) that
    :func:`count_at` can find anything at: a bracket or colon within the windows it reads after the
    counter (a list may follow), or, for a Chinese numeral, a 、 in its clause (which ends at a
    line's end) no further back than it looks."""
    clause_end = _LIST_CLAUSE_END.search
    for i in found:
        if text[i] not in _DIGITS:
            k = text.rfind("、", i - 60 if i > 60 else 0, i)
            if k != -1 and clause_end(text, k + 1, i) is None:
                yield i
                continue
        b = i + 1
        if text.find("（", b, b + 14) != -1 or text.find("(", b, b + 14) != -1 \
                or text.find("：", b, b + 12) != -1 or text.find(":", b, b + 12) != -1:
            yield i


def may_state(voc, text, _s, e) -> bool:
    """Whether :func:`stated` can find anything after 以下/如下/下列 ending at ``text[e]``."""
    return voc.stated.match(text, e) is not None


def count_at(scan, bi, block, t, i, _end):
    """A numeral right before a counter at ``t[i]``: widen to the whole numeral, then judge."""
    b = i + 1
    a = i
    if t[i] in F.SLOT_CHARS:
        return
    paren = t.find("（", b, b + 14) != -1 or t.find("(", b, b + 14) != -1 \
        or t.find("：", b, b + 12) != -1 or t.find(":", b, b + 12) != -1
    if not paren and (t[i] in _DIGITS or t.find("、", max(0, i - 60), i) == -1):
        return  # 3个 with no bracketed list after it; a Chinese count with no 、 list before it
    chars = _DIGITS if t[i] in _DIGITS else "二两兩三四五六七八九十"
    while a > 0 and t[a - 1] in chars and b - a < 3:
        a -= 1
    if a > 0 and (t[a - 1] in _DIGITS or t[a - 1] in ".．第" or t[a - 1] in F.CN_CHARS):
        return
    num = t[a:b].translate(F.FULLWIDTH)
    if num.isdigit() and not (1 <= int(num) <= 20):
        return
    if not num.isdigit() and not _CN_COUNT.fullmatch(num):
        return
    yield from _count(scan, block, t, a, b + 1, num, t[b])


_LIST_STOPS = CLAUSE_END + "（()）"    # where the clause of a list before a count begins
_LIST_CLAUSE_END = re.compile(f"[{re.escape(_LIST_STOPS)}]")


def _count(scan, block, t, a, b, num, ctr):
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
        cs = scan.clause_start(t, a, _LIST_STOPS)
        seg = t[cs:a]
        if "、" in seg:
            yield from _count_before(scan, block, t, cs, a, b, seg, stated, num, ctr)
            return
    # the list after: 三个示范村（东岭村、桃溪村）; 三个示范村：东岭村、桃溪村。
    items = F.listed_after(t, a, b)
    if items and len(items) >= 2 and len(items) != stated:
        yield scan.out(block, "count-mismatch", a, b,
                       "写的是“{stated}”，其后却列出 {n} 项：{items}",
                       "it says “{stated}” but {n} are listed with it: {items}",
                       stated=num + ctr, n=len(items), items="、".join(items))


def _count_before(scan, block, t, cs, a, b, seg, stated, num, ctr):
    """A count after a 、 list in ``seg`` (= ``t[cs:a]``): how many items the list really has."""
    got = _pieces(seg)
    if got is None:
        return
    pieces, quoted, dangling = got
    if t[b:b + 1] in "字":
        return  # “巩固、增强、提升、畅通”八个字: characters are counted
    named = _NAMED_BY_COUNT[ctr]
    if any(named.search(p) for p in pieces[:-1 if not dangling else None]):
        return  # 省“十五条”、市“十二条”、县双八条措施: the items are named by counts; the last count is a name too
    if dangling:
        if _ANY_NUMERAL.search(pieces[-1]) or seg.count("“") > seg.count("”") \
                or seg.count("「") > seg.count("」"):
            return  # 两个市场、两种资源; “一个国家、两种制度”: the numeral begins the next item
    elif len(pieces) < 3:
        return  # two pieces: too little to tell an item from the words around it
    if not quoted and not _items_alike(t, b, pieces, dangling):
        return
    counted = len(pieces)
    if stated == counted or stated < 2:
        return
    shown = "、".join(pieces) if quoted else "、".join([_tail_item(pieces[0])] + pieces[1:])
    first = shown.split("、")[0]
    at = t.find(first, cs, a)
    cs = at if at != -1 else cs  # the span starts at the first item, not at the verb before it
    if dangling:
        yield scan.out(block, "count-mismatch", cs, b,
                       "写的是“{stated}”，前面只列出 {n} 项（{items}），“、”后缺了一项",
                       "it says “{stated}” but only {n} listed before it ({items}); an item is missing "
                       "after “、”", stated=num + ctr, n=counted, items=shown)
    else:
        yield scan.out(block, "count-mismatch", cs, b,
                       "写的是“{stated}”，前面却列出 {n} 项：{items}",
                       "it says “{stated}” but lists {n}: {items}",
                       stated=num + ctr, n=counted, items=shown)


def _pieces(seg):
    """(items, quoted, dangling) of the 、 list ``seg`` ends with; None for what is no plain list
    (a list with 等 or numbers, an empty item, a heading's number)."""
    raw = seg
    quoted = False
    if raw.endswith(("”", "」", "’", "』")):
        q = max(raw.rfind("“"), raw.rfind("「"), raw.rfind("‘"), raw.rfind("『"))
        if q != -1 and "、" in raw[q + 1:-1]:
            raw = raw[q + 1:-1]
            quoted = True
    if "等" in raw or DIGIT.search(raw):
        return None
    pieces = [p.strip("“”「」‘’『』《》 \u3000") for p in raw.split("、")]
    dangling = pieces[-1] == ""
    if dangling:
        pieces = pieces[:-1]
    if not pieces or any(not p for p in pieces):
        return None
    if _HEADING_NUMBER.fullmatch(pieces[0]):
        return None  # 二、打好四个…: a heading's number, not a list
    return pieces, quoted, dangling


def _items_alike(t, b, pieces, dangling) -> bool:
    """Unquoted pieces that read as the items counted: short, without verbs, the last no longer than
    the others, and not a list of one thing (villages) before a count of another (projects)."""
    last = pieces[-1]
    middle = pieces[1:-1]
    if len(pieces[0]) > 20:
        return False
    if any(F._VERBISH.search(p) or len(p) > 10 for p in pieces[1:]):
        return False
    longest = max((len(p) for p in middle), default=4)
    if not dangling and len(last) > longest + 2:
        return False
    if not dangling and _CN_NUMERAL.search(last):
        return False  # 东岭、桃溪两村三个项目: the count is of something else
    tails = {p[-1] for p in pieces}
    if not dangling and len(tails) == 1 and next(iter(tails)) not in t[b:b + 8]:
        return False  # 东岭村、桃溪村三个项目: villages listed, projects counted
    return True


def _tail_item(s: str) -> str:
    """The first piece of a list without the verb before it: 重点打造了青光 -> 青光."""
    last = None
    for last in F._VERBISH.finditer(s):
        pass
    if last is not None and s[last.end():].lstrip("了") and last.group(0) not in ("和", "及", "与", "與", "或"):
        return s[last.end():].lstrip("了")
    return s[-4:] if len(s) > 4 else s


# ---------------------------------------------------------------------- 以下N个方面

def stated(scan, bi, block, t, a, b):
    """以下/如下/下列 at ``t[a:b]``: when a count and a list noun follow, count the numbered items."""
    sm = scan.voc.stated.match(t, b)
    if sm:
        yield from _stated(scan, bi, t, a, sm.end(), sm.group("n"))


def _stated(scan, bi, t, a, b, num):
    """以下四个方面 followed by numbered items: count them where the list is unmistakable."""
    stated = int(num) if num.isdigit() else (F.parse_chinese(num) or (0, 0))[0]
    if stated < 2:
        return
    blocks = scan.doc.blocks
    lines = _lines_after(blocks, bi, t, b)
    if lines is None:
        return
    shape = _marker_style(lines[0])[0]
    if shape in ("是", "要"):
        counted = _count_inline(lines, shape)
    else:
        counted = _count_numbered(lines, shape)
    if counted is None:
        return  # numbering out of order: not ours to judge
    found, ended, region = counted
    if not ended or found == stated or found < 2:
        return
    if found < stated and not _nothing_more(region, found + 1, line_starts=shape not in ("是", "要")):
        return
    yield scan.out(blocks[bi], "count-mismatch", a, b,
                   "写的是“{stated}”，其后按序号只列出 {n} 项" if found < stated else
                   "写的是“{stated}”，其后按序号却列出了 {n} 项",
                   "it says “{stated}” but {n} numbered items follow",
                   stated=t[a:b], n=found)


def _lines_after(blocks, bi, t, b):
    """The non-empty lines after the colon that ends 以下四个方面 (on the same line or the next few,
    then up to 80 lines of the same kind), when the first opens a numbered list at one; else None."""
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
        return None
    style = _marker_style(lines[0])
    if style is None or style[1] != 1:
        return None  # no numbered list starts here: nothing to count
    kind = blocks[bi].kind
    for k in range(k, min(len(blocks), bi + 80)):
        if blocks[k].kind != kind:
            break
        line = blocks[k].text.strip()
        if line:
            lines.append(line)
    return lines


def _count_inline(lines, shape):
    """一是…二是… inline or one per paragraph, up to the next numbered heading: (found, ended, region)."""
    found = 1
    ended = False
    region = [lines[0]]
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
    return found, ended, region


def _count_numbered(lines, shape):
    """Numbered lines of one shape ((一), 1. …) until a higher level or a new list:
    (found, ended, region), or None when the numbers go out of order."""
    found = 1
    ended = False
    region = [lines[0]]
    for s in lines[1:]:
        st = _marker_style(s)
        if st is not None:
            if st[0] == shape and st[1] == found + 1:
                found += 1
            elif (st[0] == shape and st[1] == 1) or _outranks(st[0], shape):
                ended = True
                break
            elif st[0] == shape:
                return None
        region.append(s)
    else:
        ended = len(lines) < 79
    return found, ended, region


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
