"""The copy's runs: split where a finding starts or ends, found again with their character spans,
and marked (comment ranges, highlights, wavy underlines)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

# Word's highlight colours by severity (w:highlight values).
HIGHLIGHT = {"error": "yellow", "warning": "cyan", "info": "lightGray"}

# Characters XML 1.0 cannot hold; a .txt line may carry them. Replaced one for one, so offsets stay.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# ---------------------------------------------------------------------------
# Runs: lengths, splitting

def w_tag(tag):
    from checker.readers.docx import w

    return w(tag)


def _child_len(child) -> int:
    """Characters a run's child contributes to the text, as the reader counts them outside field codes."""
    from checker.readers.docx import W_BR, W_CR, W_NBH, W_PTAB, W_T, W_TAB, w

    t = child.tag
    if t == W_T:
        return len(child.text or "")
    if t in (W_TAB, W_PTAB, W_NBH):
        return 1
    if t in (W_BR, W_CR):
        return 0 if child.get(w("type")) in ("page", "column") else 1
    return 0


def split_run(r, k: int):
    """Split run element ``r`` after ``k`` characters; return the new second half (or None).

    Both halves keep the run's attributes and a copy of its ``w:rPr``. Returns
    None when the run's children do not add up to what the reader counted (a
    run inside a field code, say): then the whole run is used instead.
    """
    from checker.readers.docx import W_RPR, W_T

    if k <= 0:
        return None
    children = [c for c in r if c.tag != W_RPR]
    pos = 0
    for i, child in enumerate(children):
        n = _child_len(child)
        if pos + n <= k:
            pos += n
            if pos == k:
                rest = children[i + 1:]
                if not any(_child_len(c) for c in rest):
                    return None  # nothing to move: k is the run's end
                return _new_half(r, rest)
            continue
        # k falls inside this child: only w:t has more than one character
        if child.tag != W_T:
            return None
        cut = k - pos
        text = child.text or ""
        tail = copy.deepcopy(child)
        child.text = text[:cut]
        tail.text = text[cut:]
        preserve(child)
        preserve(tail)
        second = _new_half(r, children[i + 1:])
        rpr = second.find(W_RPR)
        if rpr is not None:
            rpr.addnext(tail)
        else:
            second.insert(0, tail)
        return second
    return None


def _new_half(r, move):
    from checker.readers.docx import W_RPR

    second = r.makeelement(r.tag, dict(r.attrib))
    rpr = r.find(W_RPR)
    if rpr is not None:
        second.append(copy.deepcopy(rpr))
    for c in move:
        second.append(c)  # lxml moves the element
    r.addnext(second)
    return second


def preserve(t):
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# ---------------------------------------------------------------------------
# One paragraph's runs with their character spans

@dataclass
class Span:
    el: object
    start: int
    end: int


class Para:
    """A body paragraph: its element, text, and run elements with spans, split on demand."""

    def __init__(self, p):
        from checker.readers.docx import paragraph_runs, read_paragraph

        self.p = p
        content = read_paragraph(p)
        self.text = content.text
        els = [el for el, _ins, _ph in paragraph_runs(p)]
        self.spans = [Span(els[run.index], run.start, run.end) for run in content.runs
                      if run.index < len(els)] if len(els) == len(content.runs) else []

    def cut(self, offset: int) -> None:
        """Make ``offset`` fall on a run boundary, if the run there can be split."""
        for i, s in enumerate(self.spans):
            if s.start < offset < s.end:
                second = split_run(s.el, offset - s.start)
                if second is not None:
                    self.spans[i:i + 1] = [Span(s.el, s.start, offset), Span(second, offset, s.end)]
                return

    def covering(self, start: int, end: int) -> list:
        """Run elements whose characters meet [start, end)."""
        return [s.el for s in self.spans if s.end > s.start and s.start < end and s.end > start]

    def all_runs(self) -> list:
        return [s.el for s in self.spans if s.end > s.start] or [s.el for s in self.spans]



def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_BAD.sub("\ufffd", text)


def mark(first, last, cid: int) -> None:
    """commentRangeStart before ``first``, commentRangeEnd after ``last``, the reference run after it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from checker.readers.docx import W_P

    first.addprevious(OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(cid)}))
    end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(cid)})
    last.addnext(end)
    ref = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    ref.append(rpr)
    ref.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(cid)}))
    # The reference run goes directly into the paragraph (not into a hyperlink, an insertion or a
    # field result), right after whatever holds the last run.
    holder = end
    while holder.getparent() is not None and holder.getparent().tag != W_P:
        holder = holder.getparent()
    holder.addnext(ref)


def runs_between(first, last):
    """Run elements from ``first`` to ``last`` in document order (both included)."""
    from checker.readers.docx import W_R

    if first is last:
        return [first]
    out, on = [], False
    root = paragraph_of(first)
    if root is None or root is not paragraph_of(last):
        root = first.getroottree().getroot()
    for el in root.iter(W_R):
        if el is first:
            on = True
        if on:
            out.append(el)
        if el is last:
            break
    return out if on else [first]


def paragraph_of(el):
    from checker.readers.docx import W_P

    while el is not None and el.tag != W_P:
        el = el.getparent()
    return el


def _already_marked(r) -> bool:
    """The run carries a highlight or a shading of its own (a template's "fill me" marking, say)."""
    rpr = r.find(w_tag("rPr"))
    if rpr is None:
        return False
    hl = rpr.find(w_tag("highlight"))
    if hl is not None and hl.get(w_tag("val")) not in (None, "none"):
        return True
    shd = rpr.find(w_tag("shd"))
    return shd is not None and (shd.get(w_tag("fill")) or "auto").lower() not in ("auto", "ffffff", "")


def mark_run(r, severity: str) -> None:
    """Highlight a flagged run in its severity's colour; a run already highlighted or shaded keeps its
    colour (the comment may be about it) and gets a wavy underline instead."""
    if r.find(w_tag("commentReference")) is not None:
        return
    if _already_marked(r):
        _set_underline(r)
    else:
        _set_highlight(r, HIGHLIGHT.get(severity, "yellow"))


def _set_underline(r) -> None:
    from docx.enum.text import WD_UNDERLINE
    from docx.text.run import Run

    Run(r, None).font.underline = WD_UNDERLINE.WAVY
    u = r.find(w_tag("rPr")).find(w_tag("u"))
    if u is not None:
        u.set(w_tag("color"), "FF0000")


def _set_highlight(r, value: str) -> None:
    from docx.enum.text import WD_COLOR_INDEX
    from docx.text.run import Run

    colour = {"yellow": WD_COLOR_INDEX.YELLOW, "cyan": WD_COLOR_INDEX.TURQUOISE,
              "lightGray": WD_COLOR_INDEX.GRAY_25}[value]
    Run(r, None).font.highlight_color = colour
