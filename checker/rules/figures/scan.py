"""What every figures handler shares: the compiled vocabulary, the scan state, and clause helpers.

:class:`Vocab` is the ``[figures]`` pack section compiled once per run (``ctx.vocab("figures",
build_vocab)``): units, word lists as tuples and regular expressions, and the scanners (the trigger
words at their last character, numerals and areas in one pass; the trie and the separate scanners
they stand for are compiled only when needed).
:class:`Scan` is the state of one check of one document: the vocabulary, the context, the
document, the figures already read in the line being read (each of its windows is read once), and
the measures seen so far for ``metric-conflict``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from checker import figures as F
from checker.patterns import alt, trie  # noqa: F401  (the handlers import them from here)

CN_COUNT = r"(?:[二两兩三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)"
SENT_END = "。！？!?\n"
CLAUSE_END = "，,；;﹔。！？!?\n：:"
DIGIT = re.compile(r"[0-9０-９]")
# words that make a percentage a change, not a level: 参保率比上年提高3%
RATE_CHANGE = re.compile(r"比|增长|增長|增加|提高(?!到|至)|提升(?!到|至)|下降|降低|减少|減少|翻|倍|同比|环比|環比|幅")

# the verbs between a measure word and its amount, and the amount that must follow a measure word
# for it to be remembered (收入1860万元, 收入为1860万元): a verb or none, then a digit
METRIC_VERBS = ("", "为", "為", "达", "達", "达到", "達到", "是", "共", "完成", "实现", "實現")
AMOUNT = rf"(?:{'|'.join(sorted(filter(None, METRIC_VERBS), key=len, reverse=True))})?[0-9０-９]"
AMOUNT_AFTER = re.compile(AMOUNT)

# the trigger words the pack does not supply, by the handler family they start
_FIXED_KINDS = (("qz", ("其中",)), ("sum", ("合计", "合計", "共计", "共計", "总计", "總計")),
                ("stated", ("以下", "如下", "下列")))


@dataclass(frozen=True, eq=False)
class Vocab:
    """The ``[figures]`` section of the merged pack, compiled."""

    units: F.Units
    rates: tuple[str, ...]             # bounded rates: 参保率, 占比 …
    change: re.Pattern                 # words that make a number a change (比上年, 同比 …)
    pairs: list[tuple[str, str]]       # parts that complete each other (税收 / 非税)
    rest: tuple[str, ...]              # 其他, 其余 …
    verbs_end: re.Pattern | None       # verbs between a name and its figure, at the name's end
    verbs_start: re.Pattern | None     # … and at its start
    table_totals: tuple[str, ...]      # 合计, 小计 … as a table's label
    list_nouns: tuple[str, ...]        # 方面, 项 … after 以下N
    heads: tuple[str, ...]             # measure words (收入, 面积 …)
    kinds: dict[str, str]              # trigger word -> handler family
    stated: re.Pattern                 # a count and a list noun right after 以下/如下/下列
    # the three scanners (compiled on first use: ``words`` from ``kinds``, ``counted``, ``sizes``; the
    # scan runs them through ``anchored`` and ``numerals``, and needs the trie for overlapping words only)
    counted_pattern: str               # scanner 2: a numeral right before a counter
    sizes_pattern: str | None = None   # scanner 3: an area written in digits (320亩, 1.5公顷), for named sizes
    # what the scan runs (:func:`trigger_words`, :func:`numeral_hits`): scanner 1 led by each word's
    # last character, with (length, kind or None when its words are of several, whether a measure
    # word can overlap one of them) of the words each of its groups holds, and the characters of
    # all the words; scanners 2 and 3 in one pass (None when their characters are not apart)
    anchored: re.Pattern | None = None
    anchor_groups: tuple[tuple[int, str | None, bool], ...] = ()
    word_chars: frozenset = frozenset()
    numerals: re.Pattern | None = None
    places: re.Pattern | None = None   # place words that make a name (村, 基地, 园区 …)
    events: re.Pattern | None = None   # words of an event (新建, 新增 …): a size that may happen twice
    # the characters the verbs end and begin with: a label ending (beginning) with none of them has
    # no verb at its end (start), and ``head`` need not search it
    verb_last: frozenset = frozenset()
    verb_first: frozenset = frozenset()

    @cached_property
    def words(self) -> re.Pattern:
        """Scanner 1: the trigger words (``kinds``), as a trie."""
        return re.compile(trie(self.kinds))

    @cached_property
    def counted(self) -> re.Pattern:
        return re.compile(self.counted_pattern)

    @cached_property
    def sizes(self) -> re.Pattern | None:
        return re.compile(self.sizes_pattern) if self.sizes_pattern is not None else None


def build_vocab(voc: dict) -> Vocab:
    """Compile the ``[figures]`` pack section (called once per run through ``ctx.vocab``)."""
    rates = tuple(voc.get("bounded_rates", []))
    verbs = voc.get("verbs", [])
    heads = tuple(voc.get("metric_heads", []))
    kinds = {w: "rate" for w in rates}
    kinds.update({w: "head" for w in heads})
    for kind, words in _FIXED_KINDS:
        kinds.update({w: kind for w in words})
    list_nouns = tuple(voc.get("list_nouns", []))
    anchored, anchor_groups = _anchored(kinds)
    sizes = _sizes(voc)
    places = re.compile(alt(voc["named_places"])) if voc.get("named_places") else None
    return Vocab(
        units=F.Units.from_pack(voc),
        rates=rates,
        # 增加值 (value added) is an amount, not a change
        change=re.compile(rf"(?:{alt(voc.get('change_words', []))})(?!值)" if voc.get("change_words")
                          else r"(?!x)x"),
        pairs=[tuple(p) for p in voc.get("exhaustive_pairs", []) if len(p) == 2],
        rest=tuple(voc.get("rest_words", [])),
        verbs_end=re.compile(rf"(?:{alt(verbs)})+$") if verbs else None,
        verbs_start=re.compile(rf"^(?:{alt(verbs)})+") if verbs else None,
        table_totals=tuple(voc.get("table_totals", [])),
        list_nouns=list_nouns,
        heads=heads,
        kinds=kinds,
        stated=re.compile(rf"(?P<n>{CN_COUNT}|[2-9]|1[0-9])(?:{alt(list_nouns)})"),
        # cheap scanners: everything else is judged in Python around what they find
        counted_pattern=rf"[二两兩三四五六七八九十0-9０-９{F.SLOT_CHARS}](?=[{F.COUNT_COUNTERS}])",
        sizes_pattern=sizes,
        places=places,
        events=re.compile(alt(voc["event_words"])) if voc.get("event_words") else None,
        anchored=anchored,
        anchor_groups=anchor_groups,
        word_chars=frozenset(c for w in kinds for c in w),
        numerals=_numerals(_area_units(voc) if sizes is not None and places is not None else None),
        verb_last=frozenset(w[-1] for w in verbs if w),
        verb_first=frozenset(w[0] for w in verbs if w),
    )


def _area_units(voc: dict) -> list[str]:
    return [u for u, spec in (voc.get("units") or {}).items()
            if isinstance(spec, (list, tuple)) and len(spec) == 2 and spec[0] == "area"]


_SIZE_TAIL = "[0-9０-９.．]*(?:万|萬)?"


def _sizes(voc: dict) -> str | None:
    """Digits (with 万) right before an area unit of the pack."""
    units = _area_units(voc)
    if not units:
        return None
    return rf"[0-9０-９]{_SIZE_TAIL}(?:{alt(units)})"


def _anchored(kinds: dict[str, str]) -> tuple[re.Pattern, tuple[tuple[int, str | None, bool], ...]]:
    """The trigger words found at their last character: ``率(?:(?<=(城镇化率|…))|(?<=(参保率|…)))``,
    a measure word only when an amount follows it: ``入(?<=(收入))(?=(?:达到|…|为)?[0-9０-９])``.

    A trie (scanner 1) is tried at every occurrence of a word's first character, and those are
    common characters (人, 产, 上 …); the last characters of the words are fewer and rarer (率, 入,
    额 …), so this pattern is tried far less often. At each last character it gives the longest word
    ending there (of those it looks for), in a group of its own: ``anchor_groups[m.lastindex]`` is
    that word's length, its kind (None when the words of the group are of several kinds) and whether
    a measure word can overlap it. :func:`trigger_words` turns what it finds into exactly the matches
    of the trie but the measure words with no amount after them."""
    risky = _overlapped_by(kinds, [w for w, kind in kinds.items() if kind == "head"])
    by_last: dict[str, dict[tuple[int, bool], list[str]]] = {}
    for w, kind in kinds.items():
        if w:
            by_last.setdefault(w[-1], {}).setdefault((len(w), kind == "head"), []).append(w)
    amount = f"(?={AMOUNT})"
    groups: list[tuple[int, str | None, bool]] = [(0, None, False)]   # group 0: the whole match
    branches = []
    for last in sorted(by_last):
        keys = sorted(by_last[last], reverse=True)    # the longest words first
        only_heads = all(head for _n, head in keys)    # (then one look at what follows, for all)
        looks = []
        for n, head in keys:
            words = by_last[last][(n, head)]
            # words of one length: a fixed width
            looks.append(f"(?<=({alt(words)}))" + (amount if head and not only_heads else ""))
            of = {kinds[w] for w in words}
            groups.append((n, of.pop() if len(of) == 1 else None, any(w in risky for w in words)))
        branches.append(re.escape(last) + (looks[0] if len(looks) == 1 else "(?:" + "|".join(looks) + ")")
                        + (amount if only_heads else ""))
    return re.compile("|".join(branches)), tuple(groups)


def _overlapped_by(words, others) -> set[str]:
    """The words that one of ``others`` (another word) can share characters with where they are
    written: one inside the other, or one's end the other's beginning (税收 and 收入 in 税收入)."""
    holding: dict[str, set] = {}    # a piece of one of the others -> the others holding it
    starting: dict[str, set] = {}   # … their beginnings and ends, shorter than they are
    ending: dict[str, set] = {}
    for o in others:
        for i in range(len(o)):
            for j in range(i + 1, len(o) + 1):
                holding.setdefault(o[i:j], set()).add(o)
        for k in range(1, len(o)):
            starting.setdefault(o[:k], set()).add(o)
            ending.setdefault(o[-k:], set()).add(o)
    others = set(others)
    none: set = set()
    out = set()
    for w in words:
        inside = {w[i:j] for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
        inside.discard(w)
        if holding.get(w, none) - {w} or not inside.isdisjoint(others) \
                or any(starting.get(w[-k:], none) - {w} or ending.get(w[:k], none) - {w} for k in range(1, len(w))):
            out.add(w)
    return out


# scanner 2's characters but the slots: a slot before a counter is the placeholder rule's (count_at
# leaves it at once)
_COUNT_NUMERALS = "二两兩三四五六七八九十0-9０-９"
_NUMERAL_CHARS = set("二两兩三四五六七八九十0123456789０１２３４５６７８９")


def _numerals(area_units: list[str] | None) -> re.Pattern | None:
    """Scanners 2 and 3 in one pass: a numeral right before a counter (a match of one character),
    or, when ``area_units`` are given, an area in digits (longer). They find what the two scans
    find apart as long as no character can be both in an area and a counter, or both a unit's and a
    numeral (then no match of one can hold or hide a match of the other); None when one can."""
    counters = set(F.COUNT_COUNTERS)
    if counters & _NUMERAL_CHARS:
        return None
    count = rf"(?=[{F.COUNT_COUNTERS}])"
    if not area_units:
        return re.compile(rf"[{_COUNT_NUMERALS}]{count}")
    unit_chars = {c for u in area_units for c in u}
    if counters & (unit_chars | set("0123456789０１２３４５６７８９.．万萬")) or unit_chars & (_NUMERAL_CHARS | set(".．")):
        return None
    # the digits taken all at once (*+): no unit begins with a digit or a point, so giving some back
    # could never make a match
    tail = _SIZE_TAIL.replace("]*", "]*+")
    return re.compile(rf"[{_COUNT_NUMERALS}](?:{count}|(?<=[0-9０-９]){tail}(?:{alt(area_units)}))")


def trigger_words(voc: Vocab, text: str):
    """(start, end, kind) of each match of the trie ``voc.words`` over ``text``, in order, but the
    measure words no amount (:data:`AMOUNT`) follows: their handler has nothing to read. Found
    through ``voc.anchored``.

    The trie takes, from left to right, the longest word at each position not inside the last match.
    A word the anchored pattern reports that overlaps no other it reports, and that no measure word
    can overlap (those it may leave unreported), is such a match: a longer word at its start, or a
    match running into it from the left, would be reported too (or a longer word ending at the same
    character instead of it) and overlap it. Elsewhere the trie itself is run again, over the run of
    the words' characters that holds the reports (a character in no word ends every match).
    """
    groups = voc.anchor_groups
    kinds = voc.kinds
    wchars = voc.word_chars
    n = len(text)
    # the reports that are matches as they stand, and the [start, end) the trie is run over again,
    # kept as flat lists of their fields: tens of thousands of tuples alive until the end of the
    # scan made the garbage collector run again and again
    d_start: list[int] = []
    d_end: list[int] = []
    d_kind: list[str] = []
    st_start: list[int] = []
    st_end: list[int] = []
    def close(s0, e0, kind0, alone):
        """A gathered report kept as it is, or its overlapping reports' stretch, to be read again."""
        if alone:
            d_start.append(s0)
            d_end.append(e0)
            d_kind.append(kind0 or kinds[text[s0:e0]])
        else:
            _stretch(st_start, st_end, text, n, wchars, s0, e0)

    s0 = e0 = -1        # the report, or the overlapping reports, being gathered
    kind0 = None
    alone = True
    for m in voc.anchored.finditer(text):
        e = m.end()
        length, kind, risky = groups[m.lastindex]
        s = e - length
        if s < e0:      # reports come by their end: this one overlaps the one before
            alone = False
            if s < s0:
                s0 = s
            e0 = e
            continue
        if s0 >= 0:
            close(s0, e0, kind0, alone)
        s0, e0, kind0, alone = s, e, kind, not risky
    if s0 >= 0:
        close(s0, e0, kind0, alone)
    nd = len(d_start)
    i = 0
    for p0, p1 in zip(st_start, st_end):
        while i < nd and d_start[i] < p0:
            yield d_start[i], d_end[i], d_kind[i]
            i += 1
        while i < nd and d_start[i] < p1:
            i += 1      # inside the stretch: read again below
        for w in voc.words.finditer(text, p0, p1):
            word = w.group()
            kind = kinds[word]
            e = w.end()
            if kind != "head" or AMOUNT_AFTER.match(text, e):
                yield w.start(), e, kind
    for k in range(i, nd):
        yield d_start[k], d_end[k], d_kind[k]


def _stretch(st_start: list, st_end: list, text: str, n: int, wchars, s: int, e: int) -> None:
    """Add ``text[s:e]`` widened to the run of word characters holding it to the stretches
    (``st_start[k]``, ``st_end[k]``)."""
    while s > 0 and text[s - 1] in wchars:
        s -= 1
    while e < n and text[e] in wchars:
        e += 1
    if st_end and s < st_end[-1]:
        st_end[-1] = max(st_end[-1], e)
    else:
        st_start.append(s)
        st_end.append(e)


def numeral_hits(voc: Vocab, text: str) -> tuple[list[int], list[int] | None]:
    """Where scanner 2 (a numeral before a counter) and scanner 3 (an area in digits) match
    ``text``: two lists of start offsets, in order; the second None when named sizes are not looked
    for (no area unit or no place word in the pack). One pass through ``voc.numerals`` when there
    is one, else the two scanners."""
    want_sizes = voc.sizes_pattern is not None and voc.places is not None
    if voc.numerals is None:
        counted = [m.start() for m in voc.counted.finditer(text)]
        return counted, [m.start() for m in voc.sizes.finditer(text)] if want_sizes else None
    counted: list[int] = []
    sizes: list[int] = []
    for m in voc.numerals.finditer(text):
        s, e = m.span()
        (counted if e - s == 1 else sizes).append(s)
    return counted, sizes if want_sizes else None


class Scan:
    """One check of one document: what the handlers read and share."""

    __slots__ = ("voc", "ctx", "doc", "line", "cache", "metric", "rev_of", "rev")

    def __init__(self, voc: Vocab, ctx, doc):
        self.voc = voc
        self.ctx = ctx                    # checker.rules.Context
        self.doc = doc                    # checker.document.Document
        self.line = None                  # the line text the windows in ``cache`` were read from
        self.cache: dict = {}             # (a, b) -> figures in line[a:b], for the last line read only
        self.metric: dict = {}            # (name, period, scope) -> [(block index, figure)]
        self.rev_of = None                # the line text ``rev`` is of
        self.rev = ""                     # that text backwards, for :meth:`clause_start`

    def out(self, block, code, a, b, zh, en, severity=None, related=(), **params):
        """A finding of ``code`` on ``block`` for characters ``a``..``b`` of its text."""
        msg = self.ctx.say(zh, en, **params)
        return self.ctx.finding_at(self.doc, code, block.line, a + 1, b + 1, msg, severity=severity,
                                   related=related)

    def figs(self, t, a, b):
        """Figures lying within ``t[a:b]`` (read once per window of the line being read: the handlers
        go line by line, and keeping every window of the document alive made the garbage collector
        walk tens of thousands of figures again and again on figure-dense drafts)."""
        if t is not self.line:
            self.line = t
            self.cache = {}
        key = (a, b)
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = F.extract(t, self.voc.units, a, b)
        return hit

    def clause_start(self, t: str, i: int, stops: str = None) -> int:
        """:func:`clause_start`, the stop looked for in C: forwards from ``i`` in the line written
        backwards (made once per line), not one character at a time in Python."""
        if i <= 0:
            return i
        if t is not self.rev_of:
            self.rev_of = t
            self.rev = t[::-1]
        pat = _STOPS.get(stops)
        if pat is None:
            pat = _STOPS[stops] = re.compile("[" + "".join(map(re.escape, stops or _CLAUSE_STOPS)) + "]")
        n = len(t)
        m = pat.search(self.rev, n - i)
        return n - m.start() if m else 0

    def head(self, label: str) -> tuple[str, str]:
        """(noun, verb) of the words before a figure: 财政收入完成 -> (财政收入, 完成)."""
        label = label.strip(" ：:“”「」")
        verb = ""
        v = self.voc
        if v.verbs_end is not None and label:
            # ($ matches before a last newline too: such a label is searched)
            if label[-1] in v.verb_last or label[-1] == "\n":
                m = v.verbs_end.search(label)
                if m:
                    verb, label = m.group(0), label[:m.start()]
            if label and label[0] in v.verb_first:
                m = v.verbs_start.match(label)
                if m and len(label) > m.end():
                    label = label[m.end():]
        return label, verb


_CLAUSE_STOPS = CLAUSE_END + "、（("
_STOPS: dict = {}    # stops -> a pattern of any of them (see Scan.clause_start)


def clause_start(t: str, i: int, stops=_CLAUSE_STOPS) -> int:
    j = i
    while j > 0 and t[j - 1] not in stops:
        j -= 1
    return j


_SENT_END_RE = re.compile(r"[。！？!?\n]")


def sentence_end(t: str, i: int) -> int:
    m = _SENT_END_RE.search(t, i)
    return m.start() if m else len(t)
