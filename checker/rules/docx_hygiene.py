"""What a Word draft must not carry to the county: the docx-* findings.

- ``docx-comment``: comments still in the document, with author and text;
- ``docx-revision``: tracked changes not accepted or rejected;
- ``docx-highlight``: text still marked the way templates mark "fill me"
  (a highlight, shading, a red or blue font);
- ``docx-hidden-text``: hidden text;
- ``docx-metadata``: document properties left from the template or its seller.

They read only what the reader put in the Document (comments, revisions,
run properties, document properties): a .txt draft has none of it and gets
no finding. Marked and hidden stretches are reported once per stretch, however
many runs Word split them into.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.rules import Rule

_SPACE = " \t\u3000\u00a0"
_MAX_SHOWN = 60

_HIGHLIGHTS = {
    "yellow": ("黄色", "yellow"), "green": ("绿色", "green"), "cyan": ("青色", "cyan"),
    "magenta": ("洋红", "magenta"), "blue": ("蓝色", "blue"), "red": ("红色", "red"),
    "darkBlue": ("深蓝", "dark blue"), "darkCyan": ("深青", "dark cyan"), "darkGreen": ("深绿", "dark green"),
    "darkMagenta": ("深洋红", "dark magenta"), "darkRed": ("深红", "dark red"),
    "darkYellow": ("深黄", "dark yellow"), "darkGray": ("深灰", "dark grey"), "lightGray": ("浅灰", "light grey"),
    "black": ("黑色", "black"), "white": ("白色", "white"),
}


def _clip(s: str, n: int = _MAX_SHOWN) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _anchor(doc, line, column, end_column):
    """A valid (line, column, end_column) for a finding: the anchor when known, else line 1."""
    if line is None or not (1 <= line <= len(doc.blocks)):
        return 1, 1, 1
    length = len(doc.block(line).text)
    column = min(max(1, column or 1), length + 1)
    end = column if end_column is None else min(max(column, end_column), length + 1)
    return line, column, end


def _groups(block, marked):
    """Stretches of consecutive runs for which ``marked(props)`` is true: [(start, end, [props])]."""
    out = []
    for run in block.runs:
        if run.end <= run.start:
            continue  # empty runs (field chars, comment marks) neither join nor break a stretch
        props = run.props or {}
        if marked(props):
            if out and out[-1][1] == run.start:
                out[-1][1] = run.end
                out[-1][2].append(props)
            else:
                out.append([run.start, run.end, [props]])
    return out


class DocxCommentRule(Rule):
    name = "docx-comment"

    def check(self, doc, ctx):
        if not doc.comments or not doc.blocks:
            return
        for c in doc.comments:
            line, col, end = _anchor(doc, c.line, c.column, c.end_column)
            who = c.author or ctx.say("未署名", "anonymous")
            if c.line is None:
                msg = ctx.say("文档里还有批注（{a}：“{t}”），找不到它标注的位置：提交前删除批注",
                              "a comment is still in the document ({a}: “{t}”), anchored nowhere: delete it",
                              a=who, t=_clip(c.text))
            else:
                msg = ctx.say("批注未删除（{a}：“{t}”）：处理后删除批注再提交",
                              "comment still in the document ({a}: “{t}”): resolve it and delete it",
                              a=who, t=_clip(c.text))
            yield ctx.finding_at(doc, self.name, line, col, end, msg,
                                 author=c.author, comment=c.text)


_REV_VERBS = {
    "ins": ("插入了", "inserted"),
    "del": ("删除了", "deleted"),
    "move": ("移动了", "moved"),
    "format": ("修改了格式：", "changed the formatting of"),
}


class DocxRevisionRule(Rule):
    name = "docx-revision"

    def check(self, doc, ctx):
        if doc.format != "docx" or not doc.blocks:
            return
        for rev in doc.revisions:
            line, col, end = _anchor(doc, rev.line, rev.column, rev.end_column)
            who = rev.author or ctx.say("未署名", "anonymous")
            verb = ctx.say(*_REV_VERBS.get(rev.kind, ("修改了", "changed")))
            if rev.kind == "move":
                verb = ctx.say("移入了", "moved in") if end > col else ctx.say("从此处移走了", "moved away from here")
            if rev.text:
                what = f"“{_clip(rev.text)}”"
            elif rev.kind == "format":
                what = ctx.say("整段", "the paragraph")
            else:
                what = ctx.say("段落标记（分段或合并段落）", "a paragraph mark (a paragraph split or joined)")
            msg = ctx.say("修订未处理：{a}{v}{w}。接受或拒绝全部修订后再提交",
                          "unresolved tracked change: {a} {v} {w}; accept or reject all changes before submitting",
                          a=who, v=verb, w=what)
            yield ctx.finding_at(doc, self.name, line, col, end, msg,
                                 author=rev.author, kind=rev.kind, changed=rev.text)
        # Formatting changed in revision mode on runs (w:rPrChange): one finding per stretch.
        for block in doc.blocks:
            if not block.runs:
                continue
            for a, b, props in _groups(block, lambda p: p.get("format_changed")):
                author = next((p["format_changed"] for p in props if isinstance(p["format_changed"], str)), "")
                who = author or ctx.say("未署名", "anonymous")
                msg = ctx.say("修订未处理：{a}{v}“{t}”。接受或拒绝全部修订后再提交",
                              "unresolved tracked change: {a} {v} “{t}”; accept or reject all changes before submitting",
                              a=who, v=ctx.say(*_REV_VERBS["format"]), t=_clip(block.text[a:b]))
                yield ctx.finding_at(doc, self.name, block.line, a + 1, b + 1, msg,
                                     author=author, kind="format", changed="")


def _hex(value):
    if not value or not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return None
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def colour_family(value: str | None) -> str | None:
    """'red' or 'blue' for a clearly red or clearly blue font colour, else None."""
    rgb = _hex(value)
    if rgb is None:
        return None
    r, g, b = rgb
    if r >= 0xB0 and g <= 0x60 and b <= 0x60 and r - max(g, b) >= 0x80:
        return "red"
    if b >= 0xB0 and r <= 0x50 and g <= 0xC0 and b - r >= 0x80:
        return "blue"
    return None


def _visible_fill(value: str | None) -> bool:
    """A shading fill that shows on paper: not white, auto or a near-white grey."""
    rgb = _hex(value)
    if rgb is None:
        return bool(value) and value.lower() not in ("auto", "none", "clear")
    return not (min(rgb) >= 0xE0 and max(rgb) - min(rgb) <= 0x10)


class DocxHighlightRule(Rule):
    name = "docx-highlight"
    defers_to = ("placeholder",)  # a marked slot is reported once, as the slot

    def check(self, doc, ctx):
        if doc.format != "docx":
            return
        voc = ctx.vocab("docx_hygiene", build_vocab)
        extra, ignore, ignore_hl = voc.marking_colors, voc.ignore_colors, voc.ignore_highlights

        def marks(props):
            out = []
            hl = props.get("highlight")
            if hl and hl not in ignore_hl:
                out.append(("highlight", hl))
            if props.get("shading") and _visible_fill(props.get("shading")):
                out.append(("shading", props["shading"]))
            color = (props.get("color") or "").upper()
            if color and color not in ignore and not props.get("hyperlink"):
                fam = colour_family(color) or ("mark" if color in extra else None)
                if fam:
                    out.append(("color", fam if fam != "mark" else color))
            return out

        first_lines = _first_body_lines(doc, 3)
        for block in doc.blocks:
            if not block.runs:
                continue
            for a, b, props in _groups(block, lambda p: bool(marks(p))):
                shown = block.text[a:b]
                found = []
                for p in props:
                    for m in marks(p):
                        if m not in found:
                            found.append(m)
                if all(k == "color" for k, _ in found) and block.line in first_lines \
                        and not block.text[:a].strip(_SPACE) and not block.text[b:].strip(_SPACE):
                    continue  # a whole red line at the top: the letterhead (红头) of an official document
                what = ctx.say("、", ", ").join(_describe(k, v, ctx) for k, v in found)
                if shown.strip(_SPACE):
                    msg = ctx.say("“{t}”仍带标记（{w}）：模板用这种标记标出待填写处，填好后清除标记",
                                  "“{t}” is still marked ({w}), the way templates mark slots: fill it and clear the mark",
                                  t=_clip(shown), w=what)
                else:
                    msg = ctx.say("一段空白仍带标记（{w}）：像是模板留出的待填写处",
                                  "a blank stretch is still marked ({w}): it looks like a slot left to fill",
                                  w=what)
                yield ctx.finding_at(doc, self.name, block.line, a + 1, b + 1, msg,
                                     marks=[f"{k}:{v}" for k, v in found])


def _describe(kind, value, ctx):
    if kind == "highlight":
        zh, en = _HIGHLIGHTS.get(value, (value, value))
        return ctx.say("{c}突出显示", "{c} highlight", c=zh if ctx.lang != "en" else en)
    if kind == "shading":
        return ctx.say("底纹 #{c}", "shading #{c}", c=value)
    if value == "red":
        return ctx.say("红色字体", "red font")
    if value == "blue":
        return ctx.say("蓝色字体", "blue font")
    return ctx.say("字体颜色 #{c}", "font colour #{c}", c=value)


def _first_body_lines(doc, n):
    out = set()
    for b in doc.blocks:
        if b.kind != "body":
            break
        if b.text.strip(_SPACE):
            out.add(b.line)
            if len(out) >= n:
                break
    return out


class DocxHiddenTextRule(Rule):
    name = "docx-hidden-text"

    def check(self, doc, ctx):
        if doc.format != "docx":
            return
        for block in doc.blocks:
            if not block.runs:
                continue
            for a, b, _props in _groups(block, lambda p: p.get("hidden")):
                shown = block.text[a:b]
                if not shown.strip(_SPACE):
                    continue
                msg = ctx.say("隐藏文字“{t}”：看不到、打印不出，但仍在文件里，对方一打开“显示隐藏文字”就能看到。删除或取消隐藏",
                              "hidden text “{t}”: not shown or printed, but anyone can reveal it: delete it or unhide it",
                              t=_clip(shown))
                yield ctx.finding_at(doc, self.name, block.line, a + 1, b + 1, msg)


_PROP_LABELS = {
    "title": ("标题", "title"), "subject": ("主题", "subject"), "creator": ("作者", "author"),
    "last_modified_by": ("最后修改者", "last modified by"), "company": ("单位", "company"),
    "manager": ("经理", "manager"), "category": ("类别", "category"), "keywords": ("关键词", "keywords"),
    "description": ("备注", "comments"), "template": ("模板", "template"),
}

_SLOT = re.compile(r"(?<![A-Za-z])(?:[XxＸｘ]{2,}|20[Xx]{2})(?![A-Za-z])|某某|××|[○〇]{2}|[＿_]{2,}")
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?=年)|[二一][〇○零一二三四五六七八九]{3}(?=年)")
_CN_DIGIT = str.maketrans("〇○零一二三四五六七八九", "001123456789")


def _years(s: str) -> set[str]:
    return {m.group().translate(_CN_DIGIT) for m in _YEAR.finditer(s)}


class DocxMetadataRule(Rule):
    name = "docx-metadata"

    def check(self, doc, ctx):
        if doc.format != "docx" or not doc.properties or not doc.blocks:
            return
        from checker.rules.residue import vendor_marks

        voc = ctx.vocab("docx_hygiene", build_vocab)
        names, kinds = voc.properties, voc.report_kinds
        own_title = _own_title(doc, kinds)
        for prop in names:
            value = doc.properties.get(prop)
            if not value:
                continue
            label = ctx.say(*_PROP_LABELS.get(prop, (prop, prop)))
            reason = None
            marks = vendor_marks(value, ctx)
            if marks:
                reason = ctx.say("像是模板出售方的信息（{m}）", "looks like the template seller's ({m})",
                                 m=ctx.say("、", ", ").join(marks))
            elif prop in ("title", "subject") and _SLOT.search(value):
                reason = ctx.say("还带着模板的占位符“{s}”", "still carries the template's slot “{s}”",
                                 s=_SLOT.search(value).group())
            elif prop == "title" and own_title:
                reason = _contradiction(value, own_title, kinds, ctx)
            if reason is None:
                continue
            msg = ctx.say("文档属性“{p}”为“{v}”，{r}：在“文件→信息→属性”中修改或删除",
                          "document property “{p}” is “{v}”, which {r}: change or clear it under File → Info → Properties",
                          p=label, v=_clip(value, 40), r=reason)
            yield ctx.finding_at(doc, self.name, 1, 1, 1, msg, property=prop, value=value)


class HygieneVocab(NamedTuple):
    """The ``[docx_hygiene]`` pack section, compiled."""

    marking_colors: frozenset[str]         # font colours (RRGGBB, upper case) that mark a slot
    ignore_colors: frozenset[str]          # font colours never taken for a mark
    ignore_highlights: frozenset[str]      # highlight names never taken for a mark
    properties: tuple[str, ...]            # document properties checked, in order
    report_kinds: tuple[tuple[str, ...], ...]  # spellings of each kind of report, for titles


def build_vocab(conf: dict) -> HygieneVocab:
    """Compile the ``[docx_hygiene]`` section (once per run, through ``ctx.vocab``)."""
    return HygieneVocab(
        marking_colors=frozenset(c.upper() for c in conf.get("marking_colors", [])),
        ignore_colors=frozenset(c.upper() for c in conf.get("ignore_colors", [])),
        ignore_highlights=frozenset(conf.get("ignore_highlights", ["white"])),
        properties=tuple(conf.get("properties", list(_PROP_LABELS))),
        report_kinds=tuple(tuple(k) for k in conf.get("report_kinds", []) if k),
    )


def _kind_of(s: str, kinds) -> set[int]:
    return {i for i, spellings in enumerate(kinds) if any(k in s for k in spellings)}


def _own_title(doc, kinds) -> str | None:
    """The document's own title: among its first body lines, a Title/level-0 line or a short line naming a kind of report."""
    seen = 0
    for b in doc.blocks:
        if b.kind != "body":
            break
        t = b.text.strip(_SPACE)
        if not t:
            continue
        seen += 1
        if seen > 5:
            break
        if len(t) <= 60 and (b.outline_level == 0 or (b.style or "").lower() == "title" or _kind_of(t, kinds)):
            return t
    return None


def _contradiction(value, own, kinds, ctx):
    py, oy = _years(value), _years(own)
    if py and oy and not (py & oy):
        return ctx.say("年份与正文标题“{t}”不符", "whose year contradicts the document's title “{t}”", t=_clip(own, 40))
    pk, ok = _kind_of(value, kinds), _kind_of(own, kinds)
    if pk and ok and not (pk & ok):
        return ctx.say("文种与正文标题“{t}”不符", "whose kind of report contradicts the document's title “{t}”",
                       t=_clip(own, 40))
    return None
