"""Kinds of report, the parts they require, and where a draft has each part.

Everything here comes from the ``[kinds.*]``, ``[sections.*]`` tables of the merged rule pack
(``rules/kinds.toml`` and any user pack). Patterns are matched against text folded by
:func:`checker.hanzi.fold`, so one Simplified pattern also matches Traditional text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from typing import NamedTuple

from checker import packs
from checker.document import Document
from checker.hanzi import fold
from checker.outline import Node, Outline, any_of
from checker.record import Record

_SPACES = " \t\u3000\u00a0\ufeff"
_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")


@dataclass
class Part:
    """A part a report may need (review, problems, plan …): its names, and how a heading or a paragraph
    shows it."""

    name: str
    zh: str
    en: str
    also: str
    headings: list[re.Pattern]
    paragraphs: list[re.Pattern]
    opening: list[re.Pattern] = field(default_factory=list)
    only_for: tuple[str, ...] = ()  # the kinds that look for this part (empty: every kind)

    def used_by(self, kind: "Kind | None") -> bool:
        return not self.only_for or (kind is not None and kind.name in self.only_for)

    @cached_property
    def paragraph_any(self):
        """One pattern matching where any of ``paragraphs`` does (one search per paragraph)."""
        return any_of(self.paragraphs)

    @cached_property
    def heading_any(self):
        return any_of(self.headings)

    @cached_property
    def sentence_any(self):
        """``paragraphs`` with their ``^`` also matching after a sentence end inside a paragraph:
        text run in from a PDF puts a part's opening sentence in the middle of a line."""
        return any_of([_at_sentences(p) for p in self.paragraphs])

    @cached_property
    def opening_any(self):
        return any_of(self.opening)

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Kind(Record):
    """A kind of report (kinds.toml): how it is recognised and the parts it requires, in order."""

    __slots__ = ("name", "en", "priority", "title", "signals", "requires", "order", "review_years", "plan_years",
                 "why", "why_en", "chapters", "opening")

    def __init__(self, name: str, en: str, priority: int, title: list[re.Pattern], signals: list[re.Pattern],
                 requires: list[str], order: list[str], review_years: list[int], plan_years: list[int],
                 why: str = "", why_en: str = "", chapters: str = "review", opening: list[str] | None = None):
        self.name = name
        self.en = en
        self.priority = priority
        self.title = title
        self.signals = signals
        self.requires = requires
        self.order = order
        self.review_years = review_years
        self.plan_years = plan_years
        self.why = why
        self.why_en = why_en
        self.chapters = chapters          # the part that numbered chapters naming no part belong to
        self.opening = [] if opening is None else opening   # parts that may be written as the opening paragraphs

    def label(self, lang: str) -> str:
        return f"{self.name}（{self.en}）" if lang == "en" else self.name


class TitleRequirement(NamedTuple):
    """A part the title promises (…及2026年工作计划), with its year."""

    part: str
    zh: str
    en: str
    year: int | None

    def label(self, lang: str) -> str:
        return (self.en if lang == "en" else self.zh).format(year=self.year or "")


class Detection(Record):
    """The kind a draft was taken for, and why (--kind, its title, a signal line)."""

    __slots__ = ("kind", "how", "line", "text", "matched", "title_year", "requirements", "column", "end_column")

    def __init__(self, kind: Kind, how: str, line: int | None, text: str, matched: str, title_year: int | None = None,
                 requirements: list[TitleRequirement] | None = None, column: int = 1, end_column: int | None = None):
        self.kind = kind
        self.how = how                    # "option", "title", "signal"
        self.line = line                  # the title (or signal) line
        self.text = text                  # the title line's text, or the words that matched
        self.matched = matched            # the words of the title that decided the kind
        self.title_year = title_year
        self.requirements = [] if requirements is None else requirements
        self.column = column              # where the title starts on its line (a title run into line one)
        self.end_column = end_column

    def reason(self, lang: str) -> str:
        if self.how == "option":
            return "by --kind" if lang == "en" else "由 --kind 指定"
        if self.how == "title":
            if lang == "en":
                return f"the title “{_clip(self.text)}” says “{self.matched}”"
            return f"标题“{_clip(self.text)}”含“{self.matched}”"
        if lang == "en":
            return f"line {self.line} opens with “{self.matched}”"
        return f"第 {self.line} 行有“{self.matched}”"


class Evidence(NamedTuple):
    """Where a part was found, and as what."""

    part: str
    line: int
    how: str                        # "heading", "runin", "paragraph", "opening", "sections", "position"
    node: Node | None = None
    column: int = 1


class KindError(Exception):
    """An unknown kind named with --kind."""


def _clip(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[:n] + "…"


_SENTENCE_START = r"(?:^|(?<=[。！!？?；;]))[ \u3000]*"


def _at_sentences(p: re.Pattern) -> re.Pattern:
    """A paragraph pattern whose leading ``^`` also matches at the start of a sentence."""
    if not p.pattern.startswith("^"):
        return p
    try:
        return re.compile(_SENTENCE_START + "(?:" + p.pattern[1:] + ")", p.flags)
    except re.error:
        return p


def _compile(patterns, where: str) -> list[re.Pattern]:
    out = []
    for p in patterns or []:
        try:
            out.append(re.compile(p))
        except re.error as e:  # validated when packs load; this guards packs built in code
            raise ValueError(f"{where}: {p!r}: {e}") from None
    return out


class TitleRule:
    """``[[sections.title_requires]]``: words of a title that promise a part (…及2026年工作计划)."""

    def __init__(self, part: str, zh: str, en: str, source: str, year_of_title: bool):
        self.part = part
        self.zh = zh
        self.en = en
        self.source = source              # the regular expression as the pack writes it
        self.year_of_title = year_of_title  # ``year = "title"``: the part's year is the title's

    @cached_property
    def pattern(self) -> re.Pattern:
        """Matched against the folded title; a ``year`` group names the year. Compiled on first use
        (a pack's mistake shows where a title is read, not when the parts are listed)."""
        return re.compile(self.source)


class SectionsVocab(NamedTuple):
    """The ``[sections]`` pack section, compiled: the parts, what titles promise, the size below
    which a draft is too short to judge."""

    parts: dict[str, Part]
    title_requires: list[TitleRule]
    min_body_chars: int


def build_sections(conf: dict) -> SectionsVocab:
    """Compile the ``[sections]`` section (once per pack, through :func:`checker.packs.compiled`)."""
    parts = {}
    for name, p in conf.get("parts", {}).items():
        parts[name] = Part(name, p.get("zh", name), p.get("en", name), p.get("also", ""),
                           _compile(p.get("headings"), f"[sections.parts.{name}] headings"),
                           _compile(p.get("paragraphs"), f"[sections.parts.{name}] paragraphs"),
                           _compile(p.get("opening"), f"[sections.parts.{name}] opening"),
                           tuple(p.get("only_for", [])))
    rules = [TitleRule(item["part"], item.get("zh", item["part"]), item.get("en", item["part"]),
                       item["pattern"], item.get("year") == "title")
             for item in conf.get("title_requires", [])]
    return SectionsVocab(parts, rules, int(conf.get("min_body_chars", 100)))


def build_kinds(conf: dict) -> dict[str, Kind]:
    """Compile the ``[kinds.*]`` tables, highest priority first (once per pack)."""
    kinds = {}
    for name, k in conf.items():
        kinds[name] = Kind(name, k.get("en", name), int(k.get("priority", 0)),
                           _compile(k.get("title"), f"[kinds.{name}] title"),
                           _compile(k.get("signals"), f"[kinds.{name}] signals"),
                           list(k.get("requires", [])), list(k.get("order", [])),
                           [int(y) for y in k.get("review_years", [])],
                           [int(y) for y in k.get("plan_years", [])],
                           k.get("why", ""), k.get("why_en", ""), str(k.get("chapters", "review")),
                           list(k.get("opening", [])))
    return dict(sorted(kinds.items(), key=lambda kv: -kv[1].priority))


def sections_of(pack: dict) -> SectionsVocab:
    """The compiled ``[sections]`` of the merged pack."""
    return packs.compiled(pack, "sections", build_sections)


def parts_of(pack: dict) -> dict[str, Part]:
    """The parts a report may have (review, problems, plan …), by name."""
    return sections_of(pack).parts


def kinds_of(pack: dict) -> dict[str, Kind]:
    """The kinds of report, highest priority first, by name."""
    return packs.compiled(pack, "kinds", build_kinds)


def find_kind(name: str, pack: dict) -> Kind:
    kinds = kinds_of(pack)
    if name in kinds:
        return kinds[name]
    folded = {fold(k): k for k in kinds}
    if fold(name) in folded:
        return kinds[folded[fold(name)]]
    for k in kinds.values():
        if k.en.lower() == name.lower():
            return k
    raise KindError(name)


def detect(doc: Document, outline: Outline, pack: dict, forced: str | None = None) -> Detection | None:
    """The kind of report ``doc`` is, and why; None when neither its title nor its opening tells.

    The public entry point for the kind: ``forced`` is ``--kind`` (raises :class:`KindError` when
    unknown); otherwise the title decides, else the opening lines (各位代表：).
    """
    kinds = kinds_of(pack)
    titles = [(n, doc.block(n).text.strip(_SPACES)) for n in outline.title_lines]
    if forced:
        kind = find_kind(forced, pack)
        line, text = _best_title(titles, kinds)
        det = Detection(kind, "option", line, text or "", "")
    else:
        det = _by_title(titles, kinds)
        if det is None and outline.runin_title:
            line, col, words = outline.runin_title
            det = _by_title([(line, words)], kinds)
            if det is not None:
                det.column, det.end_column = col, col + len(words)
        det = det or _by_signal(doc, outline, kinds)
    if det is None:
        return None
    if det.how != "signal" and det.text:
        f = fold(det.text)
        y = _YEAR.search(f)
        det.title_year = int(y.group(1)) if y else None
        det.requirements = title_requirements(f, pack, det.title_year)
    return det


def _by_title(titles, kinds) -> Detection | None:
    """The first kind (by priority) whose title words a title line holds."""
    for kind in kinds.values():
        for line, text in titles:
            f = fold(text)
            for pat in kind.title:
                m = pat.search(f)
                if m:
                    return Detection(kind, "title", line, text, text[m.start():m.end()])
    return None


def _by_signal(doc, outline, kinds) -> Detection | None:
    """The first kind (by priority) whose signal words one of the eight opening lines holds."""
    titles = set(outline.title_lines)
    opening = []                      # (line, text, folded text), each read and folded once
    for line in islice((n for n in outline.body_lines if n not in titles), 8):
        text = doc.block(line).text.strip(_SPACES)
        opening.append((line, text, fold(text)))
    for kind in kinds.values():
        for line, text, f in opening:
            for pat in kind.signals:
                m = pat.search(f)
                if m:
                    return Detection(kind, "signal", line, text, text[m.start():m.end()])
    return None


def _best_title(titles, kinds) -> tuple[int | None, str | None]:
    for kind in kinds.values():
        for line, text in titles:
            if any(p.search(fold(text)) for p in kind.title):
                return line, text
    return (titles[-1] if titles else (None, None))


def title_requirements(folded_title: str, pack: dict, title_year: int | None = None) -> list[TitleRequirement]:
    """The parts a (folded) title promises, one per part: the one that names a year wins."""
    out: list[TitleRequirement] = []
    for rule in sections_of(pack).title_requires:
        m = rule.pattern.search(folded_title)
        if not m:
            continue
        year = None
        if "year" in m.re.groupindex and m.group("year"):
            year = int(m.group("year"))
        elif rule.year_of_title:
            year = title_year
        req = TitleRequirement(rule.part, rule.zh, rule.en, year)
        # one requirement per part: the one that names a year wins
        for i, old in enumerate(out):
            if old.part == req.part:
                if req.year is not None and old.year is None:
                    out[i] = req
                break
        else:
            out.append(req)
    return out


def evidence(doc: Document, outline: Outline, pack: dict, needed=None, det: Detection | None = None
             ) -> dict[str, list[Evidence]]:
    """Where the draft has each part: headings that name it (typed on a line of their own, or run in
    after a sentence end), the first paragraph that reads like it (only for the parts in ``needed``,
    when given), the opening paragraphs for a kind that reviews there, the top-level chapters that
    name no part (a summary's review; a plan's measures), and a plan that is headed by its content
    after the problems when the title promises one.

    ``det`` is the kind the draft was taken for (None: read as a summary)."""
    kind = det.kind if det else None
    parts = {name: p for name, p in parts_of(pack).items() if p.used_by(kind)}
    found: dict[str, list[Evidence]] = {name: [] for name in parts}
    named = _heading_evidence(outline, parts, found)
    _paragraph_evidence(doc, outline, parts, found, needed)
    for name in (kind.opening if kind else ()):
        if name in found and not found[name]:
            _opening(doc, outline, parts[name], found)
    chapters = kind.chapters if kind else "review"
    if chapters in found:
        _unnamed_chapters(doc, outline, found, named, chapters)
    if det and "plan" in found and not found["plan"] and any(r.part == "plan" for r in det.requirements):
        _plan_by_position(doc, outline, found, named)
    for lst in found.values():
        lst.sort(key=lambda e: e.line)
    return found


def _heading_evidence(outline: Outline, parts, found) -> set[int]:
    """Top-level (and second-level) headings naming a part, and run-in headings of the top numbering
    style naming one; the ids of the nodes that name one."""
    named: set[int] = set()
    top = _top_runin_style(outline)
    for node in outline.nodes + [n for n in outline.runin if n.mtype == top]:
        if node.level > 1 and node.mtype != "plain":
            continue
        f = fold(node.title)
        for name, part in parts.items():
            if part.heading_any is not None and part.heading_any.search(f):
                found[name].append(Evidence(name, node.line, "runin" if node.runin and node in outline.runin
                                            else "heading", node, node.column))
                named.add(id(node))
    return named


def _top_runin_style(outline: Outline) -> str | None:
    """The numbering style of the top level among run-in headings: the roots' when the draft has
    typed headings too, else the first style met."""
    if outline.roots and outline.roots[0].mtype in ("part", "cn", "cn_paren"):
        return outline.roots[0].mtype
    order = ("part", "cn", "cn_paren")
    styles = {n.mtype for n in outline.runin}
    return next((t for t in order if t in styles), None)


def _paragraph_evidence(doc, outline: Outline, parts, found, needed) -> None:
    """The first paragraph that reads like each part is enough: scanning stops for a part once found."""
    titles = set(outline.title_lines)
    todo = {name: part.sentence_any for name, part in parts.items()
            if (needed is None or name in needed and not found[name])   # a heading already shows the part
            and part.sentence_any is not None}     # compiled only for a part still looked for
    for line in outline.body_lines:
        if not todo:
            break
        if line in titles:
            continue
        b = doc.block(line)
        if b.kind != "body":
            continue
        f = fold(b.text)
        for name, pat in list(todo.items()):
            m = pat.search(f)
            if m:
                found[name].append(Evidence(name, line, "paragraph", None, _column(b.text, m.start())))
                del todo[name]


def _column(text: str, at: int) -> int:
    """1-based column of the first non-space character at or after ``at``."""
    while at < len(text) and text[at] in _SPACES:
        at += 1
    return at + 1


_FUTURE = re.compile(r"将|(?<![主重需必只])要|力争|计划|争取|确保")


def _opening(doc, outline: Outline, part: Part, found) -> None:
    """A part written as the opening paragraphs, before the first heading (a 政府工作报告's review:
    过去一年 / 一年来 / 2025年，…; a 述职报告's): the first such paragraph that reads like it."""
    if part.opening_any is None:
        return
    first = outline.nodes[0].line if outline.nodes else outline.last_line + 1
    titles = set(outline.title_lines)
    for line in outline.body_lines:
        if line >= first:
            break
        b = doc.block(line)
        if line in titles or b.kind != "body":
            continue
        m = part.opening_any.search(fold(b.text))
        if m:
            found[part.name].append(Evidence(part.name, line, "opening", None, _column(b.text, m.start())))
            return


def _unnamed_chapters(doc, outline: Outline, found, named, part: str) -> None:
    """Top-level chapters that name no part belong to ``part``: a summary's chapters before its
    problems and its plan are its review (一、产业发展…); a plan's chapters are its measures. Run-in
    chapters of the top numbering style count as well."""
    later = [e.line for k in ("problems", "plan") if k != part for e in found.get(k, [])]
    stop = min(later) if later and part == "review" else outline.last_line + 1
    top = _top_runin_style(outline)
    chapters = list(outline.roots) + [n for n in outline.runin if n.mtype == top and not outline.roots]
    for node in sorted(chapters, key=lambda n: (n.line, n.column)):
        if node.line >= stop:
            break
        if id(node) in named or node.mtype == "plain":
            continue
        if node.runin or not is_empty(doc, node)[0]:
            found[part].append(Evidence(part, node.line, "sections", node, node.column))


def _plan_by_position(doc, outline: Outline, found, named) -> None:
    """A plan headed by its content (三、聚焦…，推动…): the top-level chapters after the problems'
    heading, naming no part, whose heading or first paragraph speaks of the future (将/要/力争/计划)."""
    problems = [e for e in found.get("problems", []) if e.how in ("heading", "runin") and e.node is not None]
    if not problems:
        return
    after = problems[0].node
    for node in outline.roots:
        if node.line <= after.line or id(node) in named or node.mtype == "plain" or is_empty(doc, node)[0]:
            continue
        text = node.title
        nxt = next(iter(node.content_lines), None)
        if nxt is not None and nxt <= node.end:
            text += doc.block(nxt).text[:80]
        if _FUTURE.search(fold(text)):
            found["plan"].append(Evidence("plan", node.line, "position", node, node.column))


_SLOT_CHARS = re.compile(r"[XxＸｘ×✕＿_…\.．·\-—－~～\s　*＊○〇□■△▲0-9]+|【[^】]*】|\[[^\]]*\]|〔[^〕]*〕|[（(][^）)]*[）)]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Four Han characters before any bracket: none of them is part of a slot (only a bracketed slot holds
# Han characters), so the content has words whatever follows.
_FOUR_WORDS = re.compile(r"(?:[^【\[〔（(\u4e00-\u9fff]*[\u4e00-\u9fff]){4}")


def is_empty(doc: Document, node: Node) -> tuple[bool, bool]:
    """(empty, only slots) for a heading's own content (subheadings count as content)."""
    if node.runin or node.children:
        return False, False
    if doc.block(node.line).text.rstrip(_SPACES)[-1:] in "。！!？?；;":
        return False, False  # a numbered sentence, not a bare heading
    texts = []
    for line in node.content_lines:
        b = doc.block(line)
        if b.kind not in ("body", "table"):
            continue
        t = b.text.strip(_SPACES)
        if t:
            if not texts and _FOUR_WORDS.match(t):
                return False, False  # words no slot can take away: the rest need not be read
            texts.append(t)
    if not texts:
        return True, False
    joined = "".join(texts)
    if not any(c in joined for c in "XxＸｘ×＿_【…□○"):
        return False, False  # no slot marks: words, however few (the cheap test first)
    han = _HAN.finditer(_SLOT_CHARS.sub("", joined))
    if next(islice(han, 3, None), None) is None:  # fewer than four Han characters besides the slots
        return True, True
    return False, False


_YEAR_HEAD = r"((?:19|20)[0-9]{2})年度?(?:上半年|下半年|全年)?的?"
_REVIEW_YEAR = re.compile(_YEAR_HEAD + r"(?:国内|全镇|全乡|全县|各项|主要)?(?:工作)?的?(回顾|总结|完成情况|情况)")
_PLAN_YEAR = re.compile(_YEAR_HEAD + r"(?:经济社会发展|经济工作|政府工作|主要工作|重点工作|各项工作|工作)?的?(?:总体|主要|重点)?"
                        r"(计划|打算|安排|思路|要点|任务|部署|要求|建议|重点工作|目标)")


def heading_years(title: str, part: str) -> list[tuple[int, int, int]]:
    """(year, start, end) of each year a heading names for ``part`` ("review" or "plan")."""
    pat = _REVIEW_YEAR if part == "review" else _PLAN_YEAR if part == "plan" else None
    if pat is None:
        return []
    return [(int(m.group(1)), m.start(1), m.end(1)) for m in pat.finditer(fold(title))]
