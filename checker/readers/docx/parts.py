"""The document's lines, built part by part: the body, then text boxes, headers, footers, footnotes,
endnotes and watermarks, with comments and revisions placed on them."""

from __future__ import annotations

import re

from checker.document import Block, Comment, Revision
from checker import limits
from checker.readers.docx.package import parse_part
from checker.readers.docx.paragraphs import read_paragraph
from checker.readers.docx.styles import Styles, inherit_marks
from checker.readers.docx.tags import (
    W_AUTHOR, W_DATE, W_DEL, W_ID, W_INS, W_P, W_PPR, W_PPRCHANGE, W_RPR, small_int, w)
from checker.readers.docx.tables import iter_paragraphs


class Builder:
    """The lines of a draft as they are read, with the text boxes and watermarks waiting for the end of
    their part, and the comment ranges and revisions found on the way."""


    def __init__(self, styles: Styles):
        self.styles = styles
        self.blocks: list[Block] = []
        self.pending_textboxes: list = []   # (w:p, host): host = (para_index, run index) of the body run holding it
        self.pending_watermarks: list = []  # (kind, text)
        self.comment_pos: dict = {}
        self.revisions: list[Revision] = []
        self.chars = 0

    def _append(self, block: Block) -> None:
        """Add a line, within the limits (:mod:`checker.limits`): past one, the draft is ``too-complex``."""
        self.chars += len(block.text)
        if (len(self.blocks) >= limits.MAX_PARAGRAPHS or len(block.text) > limits.MAX_LINE_CHARS
                or self.chars > limits.MAX_CHARS):
            limits.check_text_size(len(self.blocks) + 1, self.chars, len(block.text))
        self.blocks.append(block)

    def add(self, p, kind, part, para_index=None, table=None, row=None, col=None, keep_empty=True, host=None):
        content = read_paragraph(p)
        mark_kind = kind if kind in ("header", "footer") else "textbox"
        self.pending_watermarks.extend((mark_kind, t) for t in content.watermarks)
        # a text box's lines remember the body run holding it (a box in a box: the outer box's run)
        if para_index is not None:
            hosts = [(para_index, i) for i in content.textbox_runs]
        else:
            hosts = [host] * len(content.textboxes)
        if not keep_empty and not content.text.strip():
            self.pending_textboxes.extend(zip(content.textboxes, hosts))
            return
        style, level = self.styles.resolve(p)
        if self.styles.marks:
            inherit_marks(self.styles, p, content.runs)
        line = len(self.blocks) + 1
        block = Block(line=line, text=content.text, kind=kind, part=part, para_index=para_index,
                      table=table, row=row, col=col, style=style, outline_level=level,
                      runs=content.runs, host=host)
        self._append(block)
        self.pending_textboxes.extend(zip(content.textboxes, hosts))
        for cid, start in content.comment_starts.items():
            self.comment_pos.setdefault(cid, [line, start, None, None])
        for cid, end in content.comment_ends.items():
            entry = self.comment_pos.setdefault(cid, [line, end, None, None])
            entry[2], entry[3] = line, end
        for rev in content.revisions:
            kind_, author, date, text, start, end = rev[:6]
            if text is None:
                text = content.text[start:end]
            self.revisions.append(Revision(kind_, author, text, line, start + 1, end + 1, date))
        self._paragraph_revisions(p, line, len(content.text))

    def _paragraph_revisions(self, p, line, length):
        """Tracked changes of the paragraph itself: its formatting (w:pPrChange) and its mark
        inserted or deleted (w:pPr/w:rPr/w:ins|w:del: paragraphs split or joined). Their text is
        empty; a formatting change spans the whole line, a paragraph mark sits at its end."""
        ppr = p.find(W_PPR)
        if ppr is None:
            return
        change = ppr.find(W_PPRCHANGE)
        if change is not None:
            self.revisions.append(Revision("format", change.get(W_AUTHOR, ""), "", line, 1, length + 1,
                                           change.get(W_DATE)))
        mark = ppr.find(W_RPR)
        if mark is not None:
            for tag, kind_ in ((W_INS, "ins"), (W_DEL, "del")):
                el = mark.find(tag)
                if el is not None:
                    self.revisions.append(Revision(kind_, el.get(W_AUTHOR, ""), "", line, length + 1,
                                                   length + 1, el.get(W_DATE)))

    def flush_textboxes(self, part):
        boxes, self.pending_textboxes = self.pending_textboxes, []
        seen = set()
        for p, host in boxes:
            if id(p) in seen:
                continue
            seen.add(id(p))
            self.add(p, "textbox", part, keep_empty=False, host=host)
        if self.pending_textboxes:  # boxes inside boxes
            self.flush_textboxes(part)
            return
        # a watermark is a line of its own, in the header that holds it, after the part's text boxes
        marks, self.pending_watermarks = self.pending_watermarks, []
        for kind, text in marks:
            self._append(Block(line=len(self.blocks) + 1, text=text, kind=kind, part=part))


_NOT_NOTES = ("separator", "continuationSeparator", "continuationNotice")


def read_other_parts(b: Builder, zf, names: set, rels: dict) -> None:
    """After the body: headers and footers (in their parts' natural order), then footnotes and
    endnotes, each part followed by its text boxes and watermarks."""
    order = {"header": [], "footer": [], "footnotes": [], "endnotes": []}
    for rid, (rtype, target) in rels.items():
        if rtype in order and target in names:
            order[rtype].append(target)
    for kind, key in (("header", "header"), ("footer", "footer")):
        for part in sorted(set(order[key]), key=_natural):
            proot = parse_part(zf, part)
            for p, *_ in iter_paragraphs(proot):
                b.add(p, kind, part, keep_empty=False)
            b.flush_textboxes(part)
    for kind, key, item in (("footnote", "footnotes", "footnote"), ("endnote", "endnotes", "endnote")):
        for part in order[key]:
            proot = parse_part(zf, part)
            for note in proot.iterchildren(w(item)):
                if note.get(w("type")) in _NOT_NOTES:
                    continue
                for p, *_ in iter_paragraphs(note):
                    b.add(p, kind, part, keep_empty=False)
            b.flush_textboxes(part)


def _natural(name: str):
    return [(0, small_int(t, 0), t) if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", name)]


def load_comments(zf, names, rels, positions) -> list[Comment]:
    part = next((t for rt, t in rels.values() if rt == "comments"), None)
    if part is None or part not in names:
        return []
    root = parse_part(zf, part)
    out = []
    for c in root.iterchildren(w("comment")):
        cid = c.get(W_ID)
        text = "\n".join(read_paragraph(p).text for p in c.iter(W_P))
        pos = positions.get(cid)
        line = col = end_col = None
        if pos:
            line, start, end_line, end = pos
            col = start + 1
            end_col = (end + 1) if end_line == line and end is not None and end >= start else col
        out.append(Comment(cid, c.get(W_AUTHOR, ""), text.strip(), line, col, end_col, c.get(W_DATE)))
    return out

