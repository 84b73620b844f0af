"""The outline of a draft: its title, its headings as a tree, and its numbered list items.

Headings come from Word (a heading style or an outline level) and, since most drafts use
neither, from the numbering typed at the start of a paragraph: 第一部分, 一、, （一）/(一),
1./1、, （1）/⑴ and ①, Simplified or Traditional, full- or half-width. List items are told
apart: 一是…二是…, 一要…, 一抓…, 第一，…, and typed numbers whose items end in a semicolon.

The tree is built from the order in which numbering styles appear, not from a fixed ranking: a
style met for the first time opens a level below the current heading, a style already open
closes the levels below it. So a draft that puts （一） above 一、 is read as written. A short
unnumbered line naming a part (下一步工作安排) is a top-level heading.

Only body paragraphs and table cells are read; everything is cited by line number as
``checker text`` prints it.

Entry point: :func:`of` ``(doc, ctx.pack)`` gives the :class:`Outline` — ``title_lines``, ``roots``
and ``nodes`` (headings), ``items`` (list items), ``body_lines`` — built once per document and pack
and shared by every rule that asks (``doc.derived``); :func:`checker.kinds.detect` takes it to tell
the kind of report. :func:`build` builds a fresh one in four steps: the title block, the candidate
headings and list items, typed numbers that turn out to be lists, the tree.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple
from operator import attrgetter

from checker import furniture, packs
from checker.document import Document
from checker.hanzi import fold, fold_sources
from checker.patterns import alt
from checker.record import Record

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"
_SPACES = " \t\u3000\u00a0\u2002\u2003\ufeff"
_SENTENCE = "。；;！!？?"

# (type, pattern) tried in order at the start of the folded, stripped paragraph.
_MARKERS = [
    ("part", re.compile(rf"第([{_CN}]{{1,3}})部分[{_SPACES}、，,：:．.]*")),
    ("cn_paren", re.compile(rf"[（(][{_SPACES}]*([{_CN}]{{1,3}})[{_SPACES}]*[)）][{_SPACES}、.．]*")),
    ("num_paren", re.compile(rf"[（(][{_SPACES}]*([0-9]{{1,2}})[{_SPACES}]*[)）][{_SPACES}、.．]*")),
    ("num_paren", re.compile(r"([⑴-⒇])[ 　]*")),
    ("circled", re.compile(r"([①-⑳])[ 　]*")),
    ("cn", re.compile(rf"([{_CN}]{{1,3}})[{_SPACES}]*(?:、|[．.](?![0-9]))[{_SPACES}]*")),
    ("num", re.compile(rf"([0-9]{{1,2}})[{_SPACES}]*(?:、|[．.](?![0-9]))[{_SPACES}]*")),
]

# Probes: a literal first character lets the regular-expression engine skip through the whole text
# in C, where a character class at the start is tried at every character. Each finds, by looking
# back from a mark, every spot where ``list_inline`` or ``_RUNIN_MARKER`` (read line by line) can
# match, and a few more, so that the lines without one need not be read by them.
_INLINE_AFTER = "。；;：:，,！!？?" + _SPACES     # what a list item inside a paragraph follows
_RUNIN_AFTER = "。！!？?；;：:" + _SPACES         # what a run-in heading follows


def _stem_probe(stem: str) -> re.Pattern:
    """…。二是: the stem after one or two numerals after a sentence break or a space."""
    s = re.escape(stem)
    return re.compile(rf"{s}(?<=[{_CN}]{s})"
                      rf"(?:(?<=[{_INLINE_AFTER}][{_CN}]{s})|(?<=[{_INLINE_AFTER}][{_CN}]{{2}}{s}))")


def _mark_probe(mark: str) -> re.Pattern:
    """（二） and 三、 whose numerals follow a sentence end or a space (a space anywhere inside the
    numbering is enough)."""
    m = re.escape(mark)
    alts = [rf"(?<=[{_SPACES}]{m})"]
    for k in (1, 2, 3):
        if mark == "、":
            alts.append(rf"(?<=[{_RUNIN_AFTER}][{_CN}]{{{k}}}{m})")
        else:
            alts.append(rf"(?<=[{_SPACES}][{_CN}]{{{k}}}{m})|(?<=[{_RUNIN_AFTER}][（(][{_CN}]{{{k}}}{m})")
    return re.compile(rf"{m}(?<=[{_CN}{_SPACES}]{m})(?:{'|'.join(alts)})")


# …，第三， (a list item) and …。第二部分 (a run-in heading)
_DI_PROBE = re.compile(rf"第(?:(?<=[{_INLINE_AFTER}]第)(?=[{_CN}]{{1,2}}[，,、：:])"
                       rf"|(?<=[{_RUNIN_AFTER}]第)(?=[{_CN}]{{1,3}}部分))")
_RUNIN_PROBES = (_DI_PROBE, _mark_probe("）"), _mark_probe(")"), _mark_probe("、"))


def _markers_by_first() -> dict[str, list]:
    """``_MARKERS`` by the character a match opens with, in their order: the only ones worth trying."""
    firsts = {"part": "第", "cn_paren": "（(", "num_paren": "（(" + "".join(map(chr, range(0x2474, 0x2488))),
              "circled": "".join(map(chr, range(0x2460, 0x2474))), "cn": _CN, "num": "0123456789"}
    out: dict[str, list] = {}
    for mtype, pat in _MARKERS:
        for c in firsts[mtype]:
            out.setdefault(c, []).append((mtype, pat))
    return out


_MARKERS_BY_FIRST = _markers_by_first()

_TYPE_LABELS = {
    "part": "第一部分", "cn": "一、", "cn_paren": "（一）", "num": "1.", "num_paren": "（1）",
    "circled": "①", "first": "第一，",
}


def cn_number(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23; None for what is not such a number."""
    if not s:
        return None
    if "十" not in s:
        return CN_DIGITS.get(s) if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    t = CN_DIGITS.get(tens, None) if tens else 1
    o = CN_DIGITS.get(ones, None) if ones else 0
    if t is None or o is None:
        return None
    return t * 10 + o


def _number(token: str) -> int | None:
    if token.isascii() and token.isdigit():
        return int(token)
    c = ord(token[0]) if len(token) == 1 else 0
    if 0x2460 <= c <= 0x2473:      # ①..⑳
        return c - 0x2460 + 1
    if 0x2474 <= c <= 0x2487:      # ⑴..⒇
        return c - 0x2474 + 1
    return cn_number(token)


def number_label(mtype: str, n: int) -> str:
    """How number ``n`` of a numbering style is written: (cn, 3) → 三、."""
    if mtype in ("num", "num_paren", "circled"):
        if mtype == "circled" and 1 <= n <= 20:
            return chr(0x2460 + n - 1)
        return f"{n}." if mtype == "num" else f"（{n}）"
    cn = _cn_text(n)
    return {"part": f"第{cn}部分", "cn": f"{cn}、", "cn_paren": f"（{cn}）", "first": f"第{cn}"}.get(mtype, cn)


def _cn_text(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n > 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")


class Node(Record):
    """A heading and the section it opens."""

    __slots__ = ("line", "title", "marker", "mtype", "number", "outline_level", "runin", "level", "end", "parent",
                 "children", "column")
    _unshown = ("parent", "children")

    def __init__(self, line: int, title: str, marker: str = "", mtype: str = "", number: int | None = None,
                 outline_level: int | None = None, runin: bool = False, level: int = 0, end: int = 0,
                 parent: "Node | None" = None, children: "list[Node] | None" = None, column: int = 1):
        self.line = line
        self.title = title                # the heading's words, numbering stripped (first sentence if run in)
        self.marker = marker              # the numbering as typed ("一、", "(二)"), "" for none
        self.mtype = mtype                # numbering style ("cn", "cn_paren", …), "style1"…, or "plain"
        self.number = number
        self.outline_level = outline_level
        self.runin = runin                # the paragraph goes on after its heading words
        self.level = level                # depth in the tree, 0 = top
        self.end = end                    # last line of the section
        self.parent = parent
        self.children = [] if children is None else children
        self.column = column              # where the numbering starts on the line

    @property
    def content_lines(self) -> range:
        """Lines of the section after the heading line and before its first subheading."""
        stop = self.children[0].line if self.children else self.end + 1
        return range(self.line + 1, stop)


class ListItem(NamedTuple):
    """A numbered list item: 一是 / 一要 / 第一， at the start of a paragraph or inside one, or a typed
    number on a paragraph that ends in a semicolon."""

    line: int
    column: int                    # 1-based, where the number starts
    end_column: int                # exclusive
    stem: str                      # "是", "要", "第", or a numbering style for typed lists
    number: int
    inline: bool                   # inside a paragraph rather than at its start
    marker: str


class Outline(Record):
    """A draft's headings as a tree, its numbered list items, and which lines are its title and body."""

    __slots__ = ("title_lines", "roots", "nodes", "items", "body_lines", "last_line", "runin", "runin_title",
                 "_starts")
    _unshown = ("_starts",)

    def __init__(self, title_lines: list[int], roots: list[Node], nodes: list[Node], items: list[ListItem],
                 body_lines: list[int], last_line: int, runin: list[Node] | None = None,
                 runin_title: "tuple[int, int, str] | None" = None):
        self.title_lines = title_lines
        self.roots = roots
        self.nodes = nodes                # every heading, in document order
        self.items = items
        self.body_lines = body_lines      # lines of the body (paragraphs and table cells) with text
        self.last_line = last_line
        self.runin = [] if runin is None else runin   # numbered headings inside a line, after a sentence end
        self.runin_title = runin_title    # (line, column, words) of a title run into line one
        self._starts: list[int] | None = None

    def section_of(self, line: int) -> Node | None:
        """The deepest heading whose section holds ``line``: the last heading at or above it (a later
        heading of any level closes the sections below it)."""
        if self._starts is None:
            self._starts = [n.line for n in self.nodes]
        i = bisect_right(self._starts, line) - 1
        return self.nodes[i] if i >= 0 else None


def _strip(text: str) -> tuple[str, int]:
    """Text without leading spaces, and how many were removed."""
    s = text.lstrip(_SPACES)
    return s, len(text) - len(s)


_SENTENCE_END = re.compile(r"[。；;！!？?]")


def _heading_words(rest: str, max_chars: int) -> tuple[str, bool]:
    """(title, run-in) for the text after a numbering mark."""
    rest = rest.strip(_SPACES)
    m = _SENTENCE_END.search(rest)
    if m is None:
        return rest[:max_chars] + ("…" if len(rest) > max_chars else ""), False
    head, tail = rest[:m.start()], rest[m.end():].strip(_SPACES)
    if len(head) > max_chars:
        return head[:max_chars] + "…", True
    return head, bool(tail)


class OutlineVocab(NamedTuple):
    """The ``[outline]`` pack section, compiled: how long a heading may be, and the list stems."""

    max_chars: int                 # heading words kept for a paragraph that runs on
    list_start: re.Pattern         # 一是 / 一要 / 第一， at the start of a paragraph
    list_inline: re.Pattern        # … after a sentence break inside one
    title_end: re.Pattern          # the words a report's title ends with (…工作总结, …的报告, …工作计划)
    # Literal probes, one scan of the draft's text each, that find every line where ``list_inline`` or a
    # run-in heading may match; None when the stems allow no such probe (then every line is read).
    probes: "tuple[re.Pattern, ...] | None" = None


def build_vocab(conf: dict) -> OutlineVocab:
    """Compile the ``[outline]`` section (once per pack, through :func:`checker.packs.compiled`)."""
    stems = list(conf.get("list_stems", ["是", "要", "抓"]))
    alts = alt(stems) or "(?!)"
    stems = sorted({s for s in stems if s})     # as alt() reads them
    probes = None
    if all("\n" not in s for s in stems):
        probes = _RUNIN_PROBES + tuple(_stem_probe(s) for s in stems)
    return OutlineVocab(
        max_chars=int(conf.get("heading_max_chars", 60)),
        list_start=re.compile(rf"(?:([{_CN}]{{1,2}})({alts})|第([{_CN}]{{1,2}})([，,、：:]))"),
        list_inline=re.compile(rf"[。；;：:，,！!？?][{_SPACES}]*(?:([{_CN}]{{1,2}})({alts})|(第)([{_CN}]{{1,2}})(?=[，,、：:]))"),
        title_end=re.compile("(?:" + (alt(conf.get("title_words", [])) or "(?!)") + ")"),
        probes=probes,
    )


class PartHeadings(NamedTuple):
    """Every part's heading words (``[sections.parts.*] headings``) as one pattern: a short
    unnumbered line naming a part is a heading. ``pattern`` is None when no part has any."""

    pattern: object                # re.Pattern, or an object with the same ``search``


def any_of(patterns: list[re.Pattern]):
    """One pattern that matches where any of ``patterns`` does (one search instead of many);
    patterns whose group names clash when joined are searched one by one. None for no patterns."""
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:  # a pack's own group names may clash when joined
        return _AnyOf(patterns)


class _AnyOf:
    def __init__(self, patterns):
        self.patterns = patterns

    def search(self, text):
        return next((m for m in (p.search(text) for p in self.patterns) if m), None)


def build_part_headings(sections: dict) -> PartHeadings:
    """Compile the part headings of the ``[sections]`` section (once per pack)."""
    pats = [p for part in sections.get("parts", {}).values() for p in part.get("headings", [])]
    return PartHeadings(any_of([re.compile(p) for p in pats]))


_LIST_FIRST = set(_CN) | {"第"}
_BREAKS = re.compile("[。；;！!？?，,：:]")      # a short line naming a part has none
_MARKER_FIRST = set(_CN) | set("第（(0123456789")
_SALUTATION = re.compile(r"^(各位代表|同志们|尊敬的)")


def build(doc: Document, pack: dict) -> Outline:
    """The outline of ``doc`` read with ``pack`` (rules use :func:`of`, which builds it once)."""
    voc = packs.compiled(pack, "outline", build_vocab)
    part_heads = packs.compiled(pack, "sections", build_part_headings).pattern
    blocks = [b for b in doc.blocks if b.kind in ("body", "table")]
    last = blocks[-1].line if blocks else 0
    # 1. The title block: below any advert or page furniture; else a title run into line one.
    shapes = packs.compiled(pack, "vendor", furniture.build_shapes)
    title_lines = _title_lines(blocks, voc, shapes)
    runin_title = None if title_lines else _runin_title(blocks, voc, shapes)
    title_texts = {fold(doc.block(n).text.strip(_SPACES)) for n in title_lines}
    # 2. Candidates, line by line (list items inside a paragraph only on the lines a probe finds).
    probed = _lines_with(doc, voc.probes or _RUNIN_PROBES)
    inline_lines = probed if voc.probes else None
    body_lines, cands, items, typed = _candidates(blocks, set(title_lines), title_texts, voc, part_heads,
                                                  inline_lines)
    # 3. Typed numbers whose run of paragraphs ends in semicolons are a list, not headings.
    nodes = _headings_and_items(cands, _typed_lists(typed), items)
    # 4. The tree.
    roots = _tree(nodes, last)
    runin = _runin_heads(doc, probed, set(title_lines), voc.max_chars, runin_title)
    return Outline(title_lines, roots, nodes, items, body_lines, last, runin, runin_title)


_TITLE_SEARCH = 20          # lines searched for a title below an advert


def _title_lines(blocks, voc, shapes) -> list[int]:
    """The title block: the first short lines without a sentence, numbering or salutation. When
    those do not read as a report's title (a seller's advert block, a page's furniture, a download
    notice above it), the title is the first line among the opening ones that reads as one
    (…工作总结 / …工作报告 / 关于…的报告 / …工作计划) and is not a seller's line; the lines above it
    are not the title."""
    first = _title_block(blocks, shapes)
    if any(_reads_as_title(text, voc) for text in _texts(blocks, first)):
        return first
    seller_above = False
    for i, b in enumerate(blocks[:_TITLE_SEARCH]):
        if b.kind != "body":
            break
        s = b.text.strip(_SPACES)
        if not s:
            continue
        if shapes.is_seller_line(s):
            seller_above = True
            continue
        if (seller_above and len(s) <= 60 and not any(c in s for c in "。；;！!？?，,")
                and not _match_marker(fold(s[:16])) and _reads_as_title(s, voc)):
            return _title_block(blocks[i:], shapes)
    return first


def _texts(blocks, lines):
    wanted = set(lines)
    return [b.text.strip(_SPACES) for b in blocks if b.line in wanted]


def _reads_as_title(s: str, voc) -> bool:
    """A line that ends (brackets, dates and drafts' marks aside) with a report's title words."""
    f = fold(s)
    f = re.sub(r"[（(【\[][^）)】\]]{0,20}[）)】\]]$|[—-]{1,2}.*$", "", f).rstrip(_SPACES + "：:")
    m = None
    for m in voc.title_end.finditer(f):
        pass
    return m is not None and len(f) - m.end() <= 2


_ANNOUNCES = re.compile(r"(现将|特将|兹将|兹|根据|按照|为了?|我们|我镇|我乡|我县|本人|今年|一年来)")


def _runin_title(blocks, voc, shapes) -> "tuple[int, int, str] | None":
    """A title run into the first line (text pasted from a PDF): its opening words up to the first
    comma or colon, after a page counter glued to it, when they end with a report's title words and
    the line goes on after them. A seller's line is never one."""
    first = next((b for b in blocks if b.kind == "body" and b.text.strip(_SPACES)
                  and not shapes.is_seller_line(b.text)), None)
    if first is None:
        return None
    s, lead = _strip(first.text)
    s, cut = furniture.strip_page_counter(s)
    head = re.split(r"[，,：:。；;！!？?]", s, maxsplit=1)[0][:60]
    if _ANNOUNCES.match(fold(head)) or "如下" in head:
        return None             # 现将…工作报告如下: a sentence announcing the report, not its title
    m = None
    for m in voc.title_end.finditer(fold(head)):
        pass
    if m is None or m.end() < 4 or not s[m.end():].strip(_SPACES):
        return None
    return first.line, lead + cut + 1, head[:m.end()]


def _title_block(blocks, shapes) -> list[int]:
    """The first short lines without a sentence, numbering or salutation (a seller's line ends it)."""
    title_lines: list[int] = []
    for b in blocks:
        if b.kind != "body":
            break
        s, _ = _strip(b.text)
        s = s.rstrip(_SPACES)
        if not s:
            continue
        if shapes.is_seller_line(s):
            if title_lines:
                break
            continue            # a seller's line or page furniture above the title is never the title
        f = fold(s)
        if (len(title_lines) >= 4 or len(s) > 60 or any(c in s for c in "。；;！!？?，,")
                or s.endswith(("：", ":")) or _SALUTATION.match(f) or _match_marker(f)
                or (b.outline_level is not None and title_lines and (b.style or "").lower() != "title")):
            break
        title_lines.append(b.line)
    return title_lines


def _lines_with(doc: Document, probes) -> set[int]:
    """The lines where one of ``probes`` matches: one scan of the document's text per probe."""
    text, starts, blocks = doc.text, doc.line_starts, doc.blocks
    ats = [m.start() for probe in probes for m in probe.finditer(text)]
    return {blocks[bisect_right(starts, at) - 1].line for at in ats}


# What a body paragraph opens with, before folding, when it may be a heading or a list's start.
_OPENERS = frozenset("".join(map(fold_sources, _MARKER_FIRST | {chr(c) for c in range(0x2460, 0x2488)})))


def _candidates(blocks, title_set, title_texts, voc, part_heads, inline_lines):
    """(body lines with text, heading candidates, list items, typed-number candidates with their text
    and rank among the lines with text) of the lines outside the title block. ``inline_lines``: the
    lines that may hold a list item inside the paragraph (None: any)."""
    body_lines: list[int] = []
    cands: list[Node] = []
    items: list[ListItem] = []
    typed: list[tuple[Node, str, int]] = []   # typed-number paragraphs, for list runs
    list_start, list_inline, max_chars = voc.list_start, voc.list_inline, voc.max_chars
    spaces, openers, has_text, breaks = _SPACES, _OPENERS, body_lines.append, _BREAKS.search  # once, not per line
    every = inline_lines is None
    longer = 16 if part_heads is not None else -1     # a line this long names no part
    for b in blocks:
        text = b.text
        s = text.lstrip(spaces)
        if not s:
            continue
        line = b.line
        has_text(line)
        if b.kind != "body" or line in title_set:
            continue
        lead = len(text) - len(s)
        s = s.rstrip(spaces)
        inline = every or line in inline_lines
        if s[0] not in openers and b.outline_level is None and (len(s) > longer or breaks(s)):
            # no numbering, no list's start, no Word heading; too long to name a part, or a sentence
            if inline:
                _inline_items(line, s, lead, list_inline, items)
            continue
        f = fold(s[:16])     # numbering, list markers and short headings need only the opening folded
        m = list_start.match(f) if f[0] in _LIST_FIRST else None
        if m and b.outline_level is None:
            _start_item(line, s, lead, m, items)
        if inline:
            _inline_items(line, s, lead, list_inline, items)   # list markers read the same in both scripts
        node = _candidate(b, s, lead, f, max_chars, listed=bool(m), title_texts=title_texts,
                          part_heads=part_heads)
        if node is None:
            continue
        cands.append(node)
        if node.marker:  # typed numbering: may turn out to be a list
            typed.append((node, s, len(body_lines) - 1))
    return body_lines, cands, items, typed


def _start_item(line: int, s: str, lead: int, m, items: list) -> None:
    """A list item opening the paragraph: 一是…, 一要…, 第一，…"""
    if m.group(1):
        n, stem, end = cn_number(m.group(1)), m.group(2), m.end(2)
    else:
        n, stem, end = cn_number(m.group(3)), "第", m.end(3)
    if n:
        items.append(ListItem(line, lead + 1, lead + end + 1, stem, n, False, s[:end]))


def _candidate(b, s, lead, f, max_chars, *, listed, title_texts, part_heads) -> Node | None:
    """The heading a body paragraph may be: typed numbering, a Word heading, or a short line
    naming a part; None for body text."""
    first = f[0]
    mk = _match_marker(f) if first in _MARKER_FIRST or "\u2460" <= first <= "\u2487" else None
    if mk:
        mtype, number, _marker, rest_at = mk
        title, runin = _heading_words(s[rest_at:], max_chars)
        if not title:
            return None
        return Node(b.line, title, s[:rest_at].rstrip(_SPACES), mtype, number, b.outline_level, runin,
                    column=lead + 1)
    if b.outline_level is not None and (b.style or "").lower() != "title":
        title, runin = _heading_words(s, max_chars)
        return Node(b.line, title, "", f"style{b.outline_level}", None, b.outline_level, runin, column=lead + 1)
    if (not listed and part_heads is not None and len(s) <= 16 and _BREAKS.search(s) is None
            and f not in title_texts and part_heads.search(f)):
        return Node(b.line, s, "", "plain", None, None, False, column=lead + 1)
    return None


def _headings_and_items(cands, listed: set[int], items: list) -> list[Node]:
    """The candidates that are headings; those in ``listed`` (ids) become list items instead."""
    nodes: list[Node] = []
    for node in cands:
        if id(node) in listed:
            items.append(ListItem(node.line, node.column, node.column + len(node.marker), node.mtype,
                                  node.number or 0, False, node.marker))
        else:
            nodes.append(node)
    items.sort(key=attrgetter("line", "column"))
    return nodes


def _tree(nodes: list[Node], last: int) -> list[Node]:
    """Nest the headings by the order numbering styles appear in; set each section's end. The roots."""
    roots: list[Node] = []
    stack: list[Node] = []
    for node in nodes:
        if node.mtype == "plain":
            stack.clear()
        elif node.outline_level is not None:
            while stack and (stack[-1].outline_level is None or stack[-1].outline_level >= node.outline_level):
                stack.pop()
        else:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].mtype == node.mtype:
                    del stack[i:]
                    break
        node.parent = stack[-1] if stack else None
        node.level = len(stack)
        (node.parent.children if node.parent else roots).append(node)
        stack.append(node)
    open_: list[Node] = []
    for node in nodes:
        while open_ and open_[-1].level >= node.level:
            open_.pop().end = node.line - 1
        open_.append(node)
    for node in open_:
        node.end = last
    return roots


_RUNIN_MARKER = re.compile(rf"[。！!？?；;：:][{_SPACES}]*(?=第[{_CN}]{{1,3}}部分|[（(][{_SPACES}]*[{_CN}]{{1,3}}[{_SPACES}]*[)）]"
                           rf"|[{_CN}]{{1,3}}[{_SPACES}]*、)")
_RUNIN_TYPES = ("part", "cn", "cn_paren")
_RUNIN_WORDS_END = re.compile(r"[。；;！!？?]|[ 　]{1,}(?=\S)")


def _runin_heads(doc, lines, title_set, max_chars, runin_title=None) -> list[Node]:
    """Numbered headings that start after a sentence end inside a line (text pasted from a PDF or a
    web viewer: …取得新成效。二、存在的问题 一是…), at the heading's column. Only 第一部分, 一、 and
    （一） count, and not a list of numbers (一、二、三产业). They are read for the parts a draft has,
    not for its numbering: a run-in line is a page's text, not a typed outline. ``lines``: those
    where a probe found such a numbering's mark (and the title's line is read as well)."""
    out: list[Node] = []
    if runin_title:
        lines = lines | {runin_title[0]}
    for line in sorted(lines):
        b = doc.block(line)
        if b.kind != "body" or b.line in title_set or len(b.text) < 40:
            continue
        text = b.text
        ats = [m.end() for m in _RUNIN_MARKER.finditer(text)]
        if runin_title and runin_title[0] == b.line:     # 青石镇2025年工作总结 一、…: right after the title
            after = runin_title[1] - 1 + len(runin_title[2])
            while after < len(text) and text[after] in _SPACES:
                after += 1
            ats.insert(0, after)
        for at in ats:
            f = fold(text[at:at + 24])
            mk = _match_marker(f)
            if mk is None or mk[0] not in _RUNIN_TYPES:
                continue
            mtype, number, _marker, rest_at = mk
            if f[rest_at:rest_at + 1] in _CN + "0123456789" and f[rest_at + 1:rest_at + 2] in "、，,":
                continue    # 一、二、三产业: numbers in a row, not a heading
            rest = text[at + rest_at:]
            words = _RUNIN_WORDS_END.split(rest.strip(_SPACES), maxsplit=1)[0]
            title = words[:max_chars] + ("…" if len(words) > max_chars else "")
            if not title:
                continue
            out.append(Node(b.line, title, text[at:at + rest_at].rstrip(_SPACES), mtype, number, None, True,
                            column=at + 1))
    return out


def _match_marker(f: str):
    """(type, number, marker text, where the words start) for a paragraph opening with numbering."""
    for mtype, pat in _MARKERS_BY_FIRST.get(f[:1], ()):
        m = pat.match(f)
        if m:
            n = _number(m.group(1))
            if n is None or n == 0:
                return None
            return mtype, n, m.group(0), m.end()
    return None


def _inline_items(line: int, f: str, lead: int, pat: re.Pattern, items: list) -> None:
    """List items after a sentence break inside a paragraph: …。二是…, …。第三，…"""
    for m in pat.finditer(f):
        if m.group(1):
            n, stem, a, b = cn_number(m.group(1)), m.group(2), m.start(1), m.end(2)
        else:
            n, stem, a, b = cn_number(m.group(4)), "第", m.start(3), m.end(4)
        if n:
            items.append(ListItem(line, lead + a + 1, lead + b + 1, stem, n, True, f[a:b]))


def _typed_lists(typed) -> set[int]:
    """ids of typed-number paragraphs that are list items: a run of paragraphs of one numbering style,
    next to each other (blank lines aside), at least one of which ends in a semicolon, or two or more
    of which are each a single sentence. ``typed``: (node, its text, its rank among the lines with
    text)."""
    if not typed:
        return set()
    out: set[int] = set()
    run: list[tuple[Node, str]] = []

    def close():
        if any(s.endswith(("；", ";")) for _, s in run) or (len(run) > 1 and all(_one_sentence(s) for _, s in run)):
            out.update(id(n) for n, _ in run)

    prev = None
    for node, s, idx in typed:
        if run and (idx != prev + 1 or node.mtype != run[-1][0].mtype
                    or node.number != (run[-1][0].number or 0) + 1):
            close()
            run = []
        run.append((node, s))
        prev = idx
    if run:
        close()
    return out


def _one_sentence(s: str) -> bool:
    """A paragraph that is one sentence: it ends with a full stop and has none before."""
    return s[-1:] in "。；;！!？?" and not any(c in "。；;！!？?" for c in s[:-1])


def type_label(mtype: str) -> str:
    return _TYPE_LABELS.get(mtype, mtype)


def of(doc: Document, pack: dict) -> Outline:
    """The outline of ``doc`` read with the merged ``pack`` (``ctx.pack``): built once per document
    and pack, and shared by every rule that reads it (``doc.derived``). The public entry point:
    its title lines, headings as a tree, list items and body lines."""
    voc = packs.compiled(pack, "outline", build_vocab)
    return doc.derived(("outline", voc), lambda: build(doc, pack))
