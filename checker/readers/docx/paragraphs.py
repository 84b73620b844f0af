"""One paragraph's text and runs: the plain-paragraph fast path, the walker for everything else
(fields, tracked changes, comments, content controls, hyperlinks, text boxes, watermarks), and the run
order writers share (:func:`paragraph_runs`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.document import Run
from checker.readers.docx.tags import (
    M_T, MC_ALT, MC_CHOICE, MC_FALLBACK, V_TEXTPATH, W_AUTHOR, W_BR, W_BRTYPE, W_CEND, W_COLOR, W_CR, W_CREF,
    W_CSTART, W_DATE, W_DEL, W_DELTEXT, W_FILL, W_FLDCHAR, W_FLDTYPE, W_HIGHLIGHT, W_HYPERLINK, W_ID, W_INS,
    W_INSTR, W_MOVEFROM, W_MOVETO, W_NBH, W_P, W_PPR, W_PTAB, W_R, W_RPR, W_RPRCHANGE, W_RSTYLE, W_SDT,
    W_SDTCONTENT, W_SHD, W_SPECVANISH, W_T, W_TAB, W_TBL, W_TXBX, W_VAL, W_VANISH, BLOCK_TRANSPARENT, EMBEDS,
    TRANSPARENT, w)

@dataclass
class ParaContent:
    text: str
    runs: list[Run]
    textboxes: list = field(default_factory=list)     # nested w:p elements of text boxes
    textbox_runs: list = field(default_factory=list)  # for each of them, the index of the run holding it
    comment_starts: dict = field(default_factory=dict)  # id -> offset
    comment_ends: dict = field(default_factory=dict)
    revisions: list = field(default_factory=list)       # (kind, author, date, text, start, end)
    watermarks: list = field(default_factory=list)      # texts of VML WordArt (Word's 水印), no w:p of their own


def toggle_on(el, tag) -> bool:
    """A toggle property such as w:vanish: present and not switched off."""
    x = el.find(tag)
    return x is not None and x.get(W_VAL, "true") not in ("0", "false", "off")


def run_props(r, inserted: bool, placeholder: bool) -> dict | None:
    props = {}
    rpr = r.find(W_RPR)
    if rpr is not None and len(rpr):
        h = rpr.find(W_HIGHLIGHT)
        if h is not None and h.get(W_VAL) not in (None, "none"):
            props["highlight"] = h.get(W_VAL)
        c = rpr.find(W_COLOR)
        if c is not None and c.get(W_VAL) not in (None, "auto", "000000"):
            props["color"] = c.get(W_VAL)
        s = rpr.find(W_SHD)
        if s is not None and s.get(W_FILL) not in (None, "auto", "FFFFFF", "ffffff"):
            props["shading"] = s.get(W_FILL)
        if toggle_on(rpr, W_VANISH) or toggle_on(rpr, W_SPECVANISH):
            props["hidden"] = True
        rs = rpr.find(W_RSTYLE)
        if rs is not None:
            props["style"] = rs.get(W_VAL)
        change = rpr.find(W_RPRCHANGE)
        if change is not None:
            props["format_changed"] = change.get(W_AUTHOR) or True  # the author when Word wrote one
    if inserted:
        props["inserted"] = True
    if placeholder:
        props["placeholder"] = True
    return props or None


def paragraph_runs(p):
    """Yield (run element, inserted, placeholder) for the runs of a paragraph, in walk order.

    Deleted runs (w:del, w:moveFrom) are not yielded. This order defines
    :attr:`Run.index`.
    """
    yield from _runs(p, False, False)


def _runs(el, inserted, placeholder):
    for child in el:
        tag = child.tag
        if tag == W_R:
            yield child, inserted, placeholder
        elif tag == W_INS:
            yield from _runs(child, True, placeholder)
        elif tag in (W_DEL, W_MOVEFROM, W_PPR):
            continue
        elif tag == W_SDT:
            ph = placeholder or _sdt_placeholder(child)
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _runs(content, inserted, ph)
        elif tag == MC_ALT:
            choice = child.find(MC_CHOICE)
            if choice is not None:
                yield from _runs(choice, inserted, placeholder)
        elif tag in TRANSPARENT:
            yield from _runs(child, inserted, placeholder)


def _sdt_placeholder(sdt) -> bool:
    pr = sdt.find(w("sdtPr"))
    return pr is not None and pr.find(w("showingPlcHdr")) is not None


# What the walker below acts on; any other element (w:pPr, w:proofErr, w:bookmarkStart, w:rPr,
# w:lastRenderedPageBreak …) it passes over.
_WALKED = frozenset({W_R, W_INS, W_MOVETO, W_DEL, W_MOVEFROM, W_CSTART, W_CEND, W_SDT, MC_ALT, W_HYPERLINK,
                     M_T, *TRANSPARENT})
_WALKED_IN_RUN = frozenset({W_TAB, W_PTAB, W_BR, W_CR, W_NBH, W_FLDCHAR, W_INSTR, W_CREF, *EMBEDS})


def _plain_paragraph(p) -> ParaContent | None:
    """The fast path of :func:`read_paragraph`: a paragraph whose runs hold only text (w:t), as most
    paragraphs of most drafts do, read without the walker's field, revision and comment bookkeeping.
    None when anything else is there (then the walker reads it; the result is the same)."""
    parts: list[str] = []
    runs: list[Run] = []
    pos = 0
    for child in p:
        tag = child.tag
        if tag == W_R:
            start = pos
            for item in child:
                t = item.tag
                if t == W_T:
                    if item.text:
                        parts.append(item.text)
                        pos += len(item.text)
                elif t in _WALKED_IN_RUN:
                    return None
            runs.append(Run(start, pos, len(runs), run_props(child, False, False)))
        elif tag in _WALKED:
            return None
    return ParaContent("".join(parts), runs)


def read_paragraph(p) -> ParaContent:
    """The text of one paragraph, its runs, and what hangs off it."""
    plain = _plain_paragraph(p)
    if plain is not None:
        return plain
    walker = _Walker()
    walker.walk(p, None, False)
    out = walker.out
    out.text = "".join(walker.parts)
    return out


class _Walker:
    """Reads a paragraph the fast path cannot: runs with tabs, breaks, fields, comment marks and
    embedded drawings, tracked changes, content controls, hyperlinks and math, in document order."""

    __slots__ = ("parts", "out", "pos", "index", "field_depth", "field_links", "link_depth")

    def __init__(self):
        self.parts: list[str] = []
        self.out = ParaContent("", [])
        self.pos = 0
        self.index = 0
        self.field_depth: list[bool] = []   # stack: True while inside a field's code
        self.field_links: list[bool] = []   # parallel stack: True for a HYPERLINK field
        self.link_depth = 0                 # inside w:hyperlink

    def walk(self, el, inserted, placeholder) -> None:
        """The children of a paragraph or of a container in it; ``inserted`` is the w:ins or
        w:moveTo around them (None outside one), ``placeholder`` whether a content control shows
        its placeholder text."""
        out = self.out
        for child in el:
            tag = child.tag
            if tag == W_R:
                self.run(child, inserted, placeholder)
            elif tag == W_INS or tag == W_MOVETO:
                self.walk(child, child, placeholder)
            elif tag in (W_DEL, W_MOVEFROM):
                text = "".join(t.text or "" for t in child.iter(W_DELTEXT, W_T))
                out.revisions.append(["del" if tag == W_DEL else "move", child.get(W_AUTHOR, ""),
                                      child.get(W_DATE), text, self.pos, self.pos, child])
            elif tag == W_CSTART:
                out.comment_starts[child.get(W_ID)] = self.pos
            elif tag == W_CEND:
                out.comment_ends[child.get(W_ID)] = self.pos
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self.walk(content, inserted, placeholder or _sdt_placeholder(child))
            elif tag == MC_ALT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.walk(choice, inserted, placeholder)
            elif tag == W_HYPERLINK:
                self.link_depth += 1
                self.walk(child, inserted, placeholder)
                self.link_depth -= 1
            elif tag == M_T:
                if child.text:
                    self.parts.append(child.text)
                    self.pos += len(child.text)
            elif tag in TRANSPARENT:
                self.walk(child, inserted, placeholder)

    def run(self, r, inserted, placeholder) -> None:
        """One w:r: its text (none while inside a field's code), then its :class:`Run`."""
        parts = self.parts
        start = pos = self.pos
        in_code = bool(self.field_depth) and self.field_depth[-1]
        for item in r:
            t = item.tag
            if t == W_RPR:
                continue
            if t == W_T:
                if not in_code and item.text:
                    parts.append(item.text)
                    pos += len(item.text)
            elif t == W_TAB or t == W_PTAB:
                if not in_code:
                    parts.append("\t")
                    pos += 1
            elif t == W_BR or t == W_CR:
                if not in_code and item.get(W_BRTYPE) not in ("page", "column"):
                    parts.append(" ")
                    pos += 1
            elif t == W_NBH:
                parts.append("-")
                pos += 1
            elif t == W_FLDCHAR:
                in_code = self.field_char(item.get(W_FLDTYPE), in_code)
            elif t == W_INSTR:
                if in_code and self.field_links and (item.text or "").strip().upper().startswith("HYPERLINK"):
                    self.field_links[-1] = True
            elif t == W_CREF:
                cid = item.get(W_ID)
                self.out.comment_starts.setdefault(cid, pos)
                self.out.comment_ends.setdefault(cid, pos)
            elif t in EMBEDS:
                self.embedded(item)
        self.pos = pos
        self.close_run(r, start, inserted, placeholder, in_code)

    def field_char(self, kind, in_code: bool) -> bool:
        """A field's begin, separate or end mark; whether the text after it is field code."""
        if kind == "begin":
            self.field_depth.append(True)
            self.field_links.append(False)
            return True
        if kind == "separate" and self.field_depth:
            self.field_depth[-1] = False
            return False
        if kind == "end" and self.field_depth:
            self.field_depth.pop()
            self.field_links.pop()
            return bool(self.field_depth) and self.field_depth[-1]
        return in_code

    def embedded(self, item) -> None:
        """A drawing, picture or object in the current run: its text boxes and watermarks."""
        out = self.out
        before = len(out.textboxes)
        _collect_textboxes(item, out.textboxes)
        out.textbox_runs.extend([self.index] * (len(out.textboxes) - before))
        _collect_watermarks(item, out.watermarks)

    def close_run(self, r, start, inserted, placeholder, in_code) -> None:
        """Record the run just read, with its marks, hyperlink and tracked insertion."""
        props = run_props(r, inserted is not None, placeholder)
        if self.link_depth or (self.field_links and self.field_links[-1] and not in_code):
            props = dict(props or {}, hyperlink=True)
        self.out.runs.append(Run(start, self.pos, self.index, props))
        self.index += 1
        if inserted is not None and self.pos > start:
            _note_insertion(self.out, inserted, start, self.pos)


def _note_insertion(out: ParaContent, el, start, end):
    """Record a tracked insertion (or the arrival of moved text, w:moveTo: kind "move" with a
    span); consecutive runs of one w:ins make one revision."""
    kind = "move" if el.tag == W_MOVETO else "ins"
    last = out.revisions[-1] if out.revisions else None
    if last is not None and last[0] == kind and last[6] is el and last[5] == start:
        last[5] = end
    else:
        out.revisions.append([kind, el.get(W_AUTHOR, ""), el.get(W_DATE), None, start, end, el])


def _collect_textboxes(el, sink: list) -> None:
    """Paragraphs of text boxes under a drawing, skipping mc:Fallback (Word stores boxes twice)."""
    for box in _found_under(el, (W_TXBX,)):
        sink.extend(_block_paragraphs(box))


def _collect_watermarks(el, sink: list) -> None:
    """Texts of VML text paths under a drawing (Word and WPS write watermarks this way), skipping mc:Fallback
    and text boxes."""
    for found in _found_under(el, (V_TEXTPATH, W_TXBX)):
        if found.tag == V_TEXTPATH:
            text = (found.get("string") or "").strip()
            if text:
                sink.append(text)


def _found_under(el, wanted: tuple):
    """Elements with a tag in ``wanted`` under ``el`` (not looked inside), never inside mc:Fallback."""
    stack = [el]
    while stack:
        node = stack.pop()
        for child in node:
            tag = child.tag
            if tag in wanted:
                yield child
            elif tag != MC_FALLBACK and isinstance(tag, str):
                stack.append(child)


def _block_paragraphs(container):
    """Paragraph elements of a text-box content, tables included, in order."""
    for child in container:
        tag = child.tag
        if tag == W_P:
            yield child
        elif tag == W_TBL:
            for p in child.iter(W_P):
                yield p
        elif tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _block_paragraphs(content)
        elif tag in BLOCK_TRANSPARENT:
            yield from _block_paragraphs(child)


