"""Kinds of report, the parts they require, and where a draft has each part.

Everything here comes from the ``[kinds.*]``, ``[sections.*]`` tables of the merged rule pack
(``rules/kinds.toml`` and any user pack). Patterns are matched against text folded by
:func:`checker.hanzi.fold`, so one Simplified pattern also matches Traditional text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from checker import packs
from checker.document import Document
from checker.hanzi import fold
from checker.outline import Node, Outline, any_of

_SPACES = " \t\u3000\u00a0\ufeff"
_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")


@dataclass
class Part:
    name: str
    zh: str
    en: str
    also: str
    headings: list[re.Pattern]
    paragraphs: list[re.Pattern]

    @cached_property
    def paragraph_any(self):
        """One pattern matching where any of ``paragraphs`` does (one search per paragraph)."""
        return any_of(self.paragraphs)

    @cached_property
    def heading_any(self):
        return any_of(self.headings)

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class Kind:
    name: str
    en: str
    priority: int
    title: list[re.Pattern]
    signals: list[re.Pattern]
    requires: list[str]
    order: list[str]
    review_years: list[int]
    plan_years: list[int]
    why: str = ""
    why_en: str = ""

    def label(self, lang: str) -> str:
        return f"{self.name}（{self.en}）" if lang == "en" else self.name


@dataclass
class TitleRequirement:
    part: str
    zh: str
    en: str
    year: int | None

    def label(self, lang: str) -> str:
        return (self.en if lang == "en" else self.zh).format(year=self.year or "")


@dataclass
class Detection:
    kind: Kind
    how: str                        # "option", "title", "signal"
    line: int | None                # the title (or signal) line
    text: str                       # the title line's text, or the words that matched
    matched: str                    # the words of the title that decided the kind
    title_year: int | None = None
    requirements: list[TitleRequirement] = field(default_factory=list)

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


@dataclass
class Evidence:
    part: str
    line: int
    how: str                        # "heading", "paragraph", "sections"
    node: Node | None = None


class KindError(Exception):
    """An unknown kind named with --kind."""


def _clip(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[:n] + "…"


def _compile(patterns, where: str) -> list[re.Pattern]:
    out = []
    for p in patterns or []:
        try:
            out.append(re.compile(p))
        except re.error as e:  # validated when packs load; this guards packs built in code
            raise ValueError(f"{where}: {p!r}: {e}") from None
    return out


@dataclass(frozen=True)
class TitleRule:
    """``[[sections.title_requires]]``: words of a title that promise a part (…及2026年工作计划)."""

    part: str
    zh: str
    en: str
    source: str                   # the regular expression as the pack writes it
    year_of_title: bool           # ``year = "title"``: the part's year is the title's

    @cached_property
    def pattern(self) -> re.Pattern:
        """Matched against the folded title; a ``year`` group names the year. Compiled on first use
        (a pack's mistake shows where a title is read, not when the parts are listed)."""
        return re.compile(self.source)


@dataclass(frozen=True, eq=False)
class SectionsVocab:
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
                           _compile(p.get("paragraphs"), f"[sections.parts.{name}] paragraphs"))
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
                           k.get("why", ""), k.get("why_en", ""))
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
        det = _by_title(titles, kinds) or _by_signal(doc, outline, kinds)
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
    opening = [n for n in outline.body_lines if n not in set(outline.title_lines)][:8]
    for kind in kinds.values():
        for line in opening:
            text = doc.block(line).text.strip(_SPACES)
            for pat in kind.signals:
                m = pat.search(fold(text))
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


def evidence(doc: Document, outline: Outline, pack: dict, needed=None) -> dict[str, list[Evidence]]:
    """Where the draft has each part: headings that name it, the first paragraph that reads like it
    (only for the parts in ``needed``, when given), and for the review, top-level sections that come
    before the problems and the plan and name no part."""
    parts = parts_of(pack)
    found: dict[str, list[Evidence]] = {name: [] for name in parts}
    named = _heading_evidence(outline, parts, found)
    _paragraph_evidence(doc, outline, parts, found, needed)
    if "review" in found:
        _review_sections(doc, outline, found, named)
    for lst in found.values():
        lst.sort(key=lambda e: e.line)
    return found


def _heading_evidence(outline: Outline, parts, found) -> set[int]:
    """Top-level (and second-level) headings naming a part; the ids of the nodes that name one."""
    named: set[int] = set()
    for node in outline.nodes:
        if node.level > 1 and node.mtype != "plain":
            continue
        f = fold(node.title)
        for name, part in parts.items():
            if part.heading_any is not None and part.heading_any.search(f):
                found[name].append(Evidence(name, node.line, "heading", node))
                named.add(id(node))
    return named


def _paragraph_evidence(doc, outline: Outline, parts, found, needed) -> None:
    """The first paragraph that reads like each part is enough: scanning stops for a part once found."""
    titles = set(outline.title_lines)
    todo = {name: part.paragraph_any for name, part in parts.items()
            if part.paragraph_any is not None and (needed is None or name in needed)
            and (needed is None or not found[name])}     # a heading already shows the part
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
            if pat.search(f):
                found[name].append(Evidence(name, line, "paragraph"))
                del todo[name]


def _review_sections(doc, outline: Outline, found, named) -> None:
    """Top-level sections before the problems and the plan that name no part: the review's."""
    later = [e.line for k in ("problems", "plan") for e in found.get(k, [])]
    stop = min(later) if later else outline.last_line + 1
    for node in outline.roots:
        if node.line >= stop:
            break
        if id(node) not in named and node.mtype != "plain" and not is_empty(doc, node)[0]:
            found["review"].append(Evidence("review", node.line, "sections", node))


_SLOT_CHARS = re.compile(r"[XxＸｘ×✕＿_…\.．·\-—－~～\s　*＊○〇□■△▲0-9]+|【[^】]*】|\[[^\]]*\]|〔[^〕]*〕|[（(][^）)]*[）)]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


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
            texts.append(t)
    if not texts:
        return True, False
    rest = _SLOT_CHARS.sub("", "".join(texts))
    if len(_HAN.findall(rest)) < 4 and any(c in "".join(texts) for c in "XxＸｘ×＿_【…□○"):
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
