"""``checker annotate``: a copy of the draft with Word comments on its findings.

One comment per paragraph lists that paragraph's findings (a clerk reads a margin of a few dozen comments,
not 160), with a summary comment on the title of a draft with many findings; ``per_finding`` gives one
comment on exactly each finding's characters. ``highlight`` also highlights every flagged span, except text
that already has a highlight or shading of its own, which gets a wavy underline instead.

A writer of a checked result: :func:`write_copy` takes the draft's bytes and its
:class:`~checker.findings.FileResult` (findings and Document, from
:func:`checker.engine.check_input`) and python-docx writes the copy; nothing is
read or checked twice. Paragraphs and runs are found again with the
reader's own walker (:func:`checker.readers.docx.iter_paragraphs` and
:func:`~checker.readers.docx.paragraph_runs`), so a finding's characters are
the characters the rules saw. A run that a finding starts or ends inside is
split in two, both halves keeping the run's formatting (``w:rPr``).

Only body paragraphs get comment marks (Word does not expect them in headers,
footers or notes): a finding in a text box is anchored on the run that holds
the box (the reader records it, ``Block.host``); one in a header, footer, footnote or endnote on the title, and its
comment says where it is in Word's terms (:mod:`checker.places`). A finding without a span of its own
(a missing part) goes on the nearest heading above it, or on the title.

A .txt draft becomes a .docx with one paragraph per line (paragraph N = line N), on an A4 page in
Chinese with a 仿宋 body.
The original is never written; the copy is written atomically.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass
from pathlib import Path

from checker.findings import severity_label
from checker.i18n import tr

AUTHOR = "checker"
INITIALS = "CK"
SUFFIX = ".checked.docx"

# Word's highlight colours by severity (w:highlight values).
HIGHLIGHT = {"error": "yellow", "warning": "cyan", "info": "lightGray"}

# A draft with more findings than this also gets a summary comment on its title.
SUMMARY_OVER = 30

# Characters XML 1.0 cannot hold; a .txt line may carry them. Replaced one for one, so offsets stay.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class AnnotateError(Exception):
    pass


def output_path(src: Path) -> Path:
    """草稿.docx -> 草稿.checked.docx (beside the draft)."""
    return src.with_name(src.stem + SUFFIX) if src.suffix else src.with_name(src.name + SUFFIX)


# ---------------------------------------------------------------------------
# Runs: lengths, splitting

def _w(tag):
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
        _preserve(child)
        _preserve(tail)
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


def _preserve(t):
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


# ---------------------------------------------------------------------------
# Where each finding goes

@dataclass
class Anchor:
    first: object        # first run element
    last: object         # last run element
    note: str = ""       # said before the message when the finding is not exactly here


class Annotator:
    def __init__(self, docx_document, doc, lang: str, highlight: bool):
        from checker.readers.docx import iter_paragraphs

        self.d = docx_document
        self.doc = doc
        self.lang = lang
        self.highlight = highlight
        body = docx_document.element.body
        self.paras_el = [p for p, *_ in iter_paragraphs(body)]
        self._paras: dict[int, Para] = {}
        self.comments: CommentsWriter | None = None   # made on the first comment
        self.main_part = next((b.part for b in doc.blocks if b.kind in ("body", "table") and b.part), None)
        # line -> host run for text-box lines of the main part (the reader records each line's host)
        self.textbox_host: dict[int, object] = {}
        for b in doc.blocks:
            if b.kind == "textbox" and b.part == self.main_part and b.host is not None:
                host = self._run_at(*b.host)
                if host is not None:
                    self.textbox_host[b.line] = host

    def _run_at(self, para_index: int, run_index: int):
        from checker.readers.docx import paragraph_runs

        if not 0 <= para_index < len(self.paras_el):
            return None
        runs = [el for el, _ins, _ph in paragraph_runs(self.paras_el[para_index])]
        return runs[run_index] if 0 <= run_index < len(runs) else None

    # -- paragraphs of blocks
    def para_of(self, block) -> Para | None:
        if self.doc.format == "txt":
            idx = block.line - 1
        elif block.kind in ("body", "table") and block.part == self.main_part and block.para_index is not None:
            idx = block.para_index
        else:
            return None
        if not 0 <= idx < len(self.paras_el):
            return None
        para = self._paras.get(idx)
        if para is None:
            para = self._paras[idx] = Para(self.paras_el[idx])
        if para.text != block.text:
            return None  # the copy does not match what the rules saw: never comment the wrong words
        return para

    def title_block(self):
        """The title: the first non-empty body paragraph (a heading style preferred among the first few)."""
        body = [b for b in self.doc.blocks if b.kind in ("body", "table") and b.text.strip()]
        return body[0] if body else None

    def heading_above(self, line: int):
        for b in reversed(self.doc.blocks[:max(0, min(line, len(self.doc.blocks)))]):
            if b.kind == "body" and b.outline_level is not None and b.text.strip():
                return b
        return None

    def anchor(self, f) -> Anchor | None:
        """Where a finding's comment goes: on its own span, else its whole line, else (with a note saying
        where it is) the nearest heading, the title or any paragraph with a run."""
        blocks = self.doc.blocks
        if not blocks:
            return None
        line = min(max(1, f.line), len(blocks))
        block = blocks[line - 1]
        if block.kind == "textbox" and line in self.textbox_host:
            host = self.textbox_host[line]
            return Anchor(host, host, self._where(f, block))
        para = self.para_of(block)
        if para is not None and para.spans and block.text.strip():
            found = self._span_anchor(f, line, block, para)
            if found is not None:
                return found
        return self._fallback_anchor(f, line, block)

    def _span_anchor(self, f, line: int, block, para: Para) -> Anchor | None:
        """The runs of the finding's own span (cut to fit), or of its whole line when it covers it."""
        blocks = self.doc.blocks
        column, end_column = f.column, f.end_column
        if f.end_line == f.line and end_column <= column:
            # a point, not a span (something missing here): the character before it, or the one after
            column = min(max(1, column - 1 if column > 1 else column), len(block.text))
            end_column = column + 1
        if end_column > column or f.end_line > f.line:
            start = column - 1
            end_line = min(max(line, f.end_line), len(blocks))
            if end_line == line:
                end_para, end = para, end_column - 1
            else:
                end_para = self.para_of(blocks[end_line - 1])
                end = f.end_column - 1
                if end_para is None or not end_para.spans:
                    end_para, end = para, len(para.text)
            para.cut(start)
            end_para.cut(end)
            first = para.covering(start, start + 1 if end_para is not para else end)
            last = end_para.covering(max(0, end - 1), end) if end > 0 else []
            if first and last:
                return Anchor(first[0], last[-1])
            if first:
                return Anchor(first[0], first[-1])
        if f.end_line == f.line and f.column <= 1 and f.end_column > len(block.text):   # the whole line
            runs = para.all_runs()
            return Anchor(runs[0], runs[-1])
        return None

    def _fallback_anchor(self, f, line: int, block) -> Anchor | None:
        """No span of its own, or not in the body: the nearest heading, else the title, else any
        paragraph with a run, with a note saying where the finding is."""
        target = self.heading_above(line) if block.kind in ("body", "table") else None
        note = self._where(f, block)
        for cand in (target, self.title_block()):
            if cand is None:
                continue
            cp = self.para_of(cand)
            if cp is not None and cp.all_runs():
                runs = cp.all_runs()
                return Anchor(runs[0], runs[-1], note)
        for i, p in enumerate(self.paras_el):
            cp = self._paras.get(i) or Para(p)
            self._paras[i] = cp
            if cp.all_runs():
                runs = cp.all_runs()
                return Anchor(runs[0], runs[-1], note)
        return None

    def _where(self, f, block) -> str:
        """Where a finding not commented in place is, in Word's terms (页眉 “…”中的“XX”：)."""
        from checker.places import place

        at = place(self.doc, block.line, self.lang)
        if f.text:
            shown = f.text if len(f.text) <= 40 else f.text[:39] + "…"
            return tr(self.lang, f"{at}中的“{shown}”：", f"{at}, “{shown}”: ")
        return tr(self.lang, f"{at}：", f"{at}: ")

    # -- writing
    def comment_text(self, f, note: str) -> str:
        sev = severity_label(f.severity, self.lang)
        return tr(self.lang, f"【{sev}】{note}{f.message}（规则：{f.rule}）",
                  f"[{sev}] {note}{f.message} (rule: {f.rule})")

    def _comment(self, text: str) -> int:
        """A new comment by checker saying ``text``; its id (the comments part is settled on first use)."""
        if self.comments is None:
            self.comments = CommentsWriter(self.d)
        return self.comments.add(text)

    def add(self, f) -> bool:
        """One comment for one finding (``--per-finding``)."""
        a = self.anchor(f)
        if a is None:
            return False
        _mark(a.first, a.last, self._comment(self.comment_text(f, a.note)))
        if self.highlight and not a.note:
            for r in _runs_between(a.first, a.last):
                _mark_run(r, f.severity)
        return True

    def add_grouped(self, findings) -> int:
        """One comment per paragraph listing its findings in order, each flagged span still highlighted
        (with ``highlight``); findings placed on a paragraph not their own (a header's, a missing part's)
        join that paragraph's comment with where they are. Returns the number of comments."""
        placed = [(f, a) for f in findings if (a := self.anchor(f)) is not None]
        if not placed:
            return 0
        from checker.readers.docx import W_R

        order = {el: i for i, el in enumerate(self.d.element.body.iter(W_R))}
        groups: dict = {}
        for f, a in placed:
            groups.setdefault(_paragraph_of(a.first), []).append((f, a))
        for items in groups.values():
            first = min((a.first for _, a in items), key=lambda el: order.get(el, 0))
            last = max((a.last for _, a in items), key=lambda el: order.get(el, 0))
            _mark(first, last, self._comment(self.group_text(items)))
            if self.highlight:
                for f, a in items:
                    if not a.note:
                        for r in _runs_between(a.first, a.last):
                            _mark_run(r, f.severity)
        return len(groups)

    def group_text(self, items) -> str:
        """A paragraph's comment: its findings one per line, in order, each with its flagged text quoted.
        What all of them share (severity, rule) is said once at the top, and findings with the same
        message are listed once with their count, so a paragraph of 18 slots stays readable."""
        if len(items) == 1:
            f, a = items[0]
            return self.comment_text(f, a.note)
        lang = self.lang
        sevs = {f.severity for f, _ in items}
        rules = {f.rule for f, _ in items}
        merged: dict = {}
        for f, a in items:
            merged.setdefault((f.message, a.note, f.severity, f.rule), [f, 0])[1] += 1
        shared = ([severity_label(next(iter(sevs)), lang)] if len(sevs) == 1 else []) + \
                 (list(rules) if len(rules) == 1 else [])
        sep = tr(lang, "，", ", ")
        head = tr(lang, f"本段 {len(items)} 处问题" + (f"（{sep.join(shared)}）" if shared else "") + "：",
                  f"{len(items)} findings in this paragraph" + (f" ({sep.join(shared)})" if shared else "") + ":")
        lines = [head]
        for n, ((message, note, sev, rule), (f, count)) in enumerate(merged.items(), 1):
            tag = tr(lang, f"【{severity_label(sev, lang)}】", f"[{severity_label(sev, lang)}] ") if len(sevs) > 1 else ""
            quoted = f"“{_shorten(f.text)}”" if f.text and not note and f.text not in message else ""
            if quoted:
                quoted += tr(lang, "：", ": ")
            rule_note = tr(lang, f"（{rule}）", f" ({rule})") if len(rules) > 1 else ""
            times = tr(lang, f"（共 {count} 处）", f" ({count} times)") if count > 1 else ""
            lines.append(f"{n}. {tag}{quoted}{note}{message}{rule_note}{times}")
        return "\n".join(lines)

    def add_summary(self, findings, comments: int) -> bool:
        """A comment on the title for a draft with many findings: counts by rule, and what to do first."""
        from checker.codes import CODES
        from checker.summary import severity_counts

        title = self.title_block()
        para = self.para_of(title) if title is not None else None
        runs = para.all_runs() if para is not None else []
        if not runs:
            return False
        lang = self.lang
        counts = severity_counts(findings)
        by_rule: dict[str, dict] = {}
        for f in findings:
            by_rule.setdefault(f.rule, {}).setdefault(f.severity, 0)
            by_rule[f.rule][f.severity] += 1
        sev_text = tr(lang, "，", ", ").join(f"{severity_label(s, lang)} {n}" for s, n in counts.items() if n)
        lines = [tr(lang, f"checker 检查结果：共 {len(findings)} 处问题（{sev_text}），批注在 {comments} 段上，"
                          "每段一条批注，列出该段全部问题。",
                    f"checker found {len(findings)} problems ({sev_text}), commented on {comments} paragraphs: "
                    "one comment per paragraph lists all of its findings."),
                 tr(lang, "按规则：", "By rule:")]
        rank = lambda item: (-sum(n for s, n in item[1].items() if s == "error"), -sum(item[1].values()))  # noqa: E731
        for rule, per in sorted(by_rule.items(), key=rank):
            about = CODES[rule].describe(lang) if rule in CODES else ""
            bits = tr(lang, "，", ", ").join(f"{severity_label(s, lang)} {n}" for s, n in per.items())
            lines.append(f"· {rule}" + (tr(lang, f"（{about}）", f" ({about})") if about else "") + f"：{bits}"
                         if lang != "en" else f"· {rule}" + (f" ({about})" if about else "") + f": {bits}")
        first = sorted(by_rule.items(), key=rank)[0][0]
        if counts.get("error"):
            lines.append(tr(lang, f"先改错误（{counts['error']} 处），从最多的 {first} 开始；警告和提示逐条判断，"
                                  "确属误报的可用 checker review 接受。",
                            f"Fix the errors first ({counts['error']}), starting with {first}; judge warnings and "
                            "info one by one, and accept false alarms with checker review."))
        else:
            lines.append(tr(lang, f"没有错误；从最多的 {first} 开始逐条判断，确属误报的可用 checker review 接受。",
                            f"No errors; judge the findings one by one, starting with {first}, and accept "
                            "false alarms with checker review."))
        _mark(runs[0], runs[-1], self._comment("\n".join(lines)))
        return True


def _shorten(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


class CommentsWriter:
    """The copy's comments part, appended to in linear time.

    python-docx looks for a free id among all comments for every comment it adds (4,000 comments took
    13 s) and needs exactly one comments part of its own kind. Here the part is settled once: the
    first relationship of the comments type whose target really is a ``w:comments`` part is kept,
    comments of further such parts are moved into it (ids that clash are left out), relationships
    of that type pointing at anything else are dropped (the part itself stays if something else
    refers to it), and a new part is made when none is left. Ids are counted up from the largest
    one in use. Characters XML cannot hold are replaced in the text."""

    def __init__(self, d):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.parts.comments import CommentsPart

        from checker.readers.docx import W_ID, small_int, w

        part = d.part
        rels = [r for r in list(part.rels.values()) if r.reltype == RT.COMMENTS and not r.is_external]
        keep = None
        used: set[int] = set()
        for r in rels:
            target = r.target_part
            element = getattr(target, "element", None)
            ok = isinstance(target, CommentsPart) and element is not None and element.tag == w("comments")
            if ok and keep is None:
                keep = target
                used.update(small_int(c.get(W_ID), -1, 2 ** 31) for c in element.iterchildren(w("comment")))
            elif ok and target is not keep:
                for c in list(element.iterchildren(w("comment"))):
                    cid = small_int(c.get(W_ID), -1, 2 ** 31)
                    if cid not in used:
                        used.add(cid)
                        keep.element.append(c)
            if target is not keep:
                part.rels.pop(r.rId)
        if keep is None:
            keep = CommentsPart.default(part.package)
            names = {str(x.partname) for x in part.package.iter_parts()}
            if str(keep.partname) in names:
                keep.partname = part.package.next_partname("/word/comments%d.xml")
            part.relate_to(keep, RT.COMMENTS)
        self.root = keep.element
        self.used = used
        self.next_id = max((i for i in used if 0 <= i < 2 ** 31 - 1), default=-1) + 1
        import datetime as dt

        self.date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _new_id(self) -> int:
        while self.next_id in self.used:
            self.next_id += 1
        if self.next_id > 2 ** 31 - 1:   # ids run out at the top: take the free ones from 0
            self.next_id = 0
            while self.next_id in self.used:
                self.next_id += 1
        cid = self.next_id
        self.used.add(cid)
        self.next_id += 1
        return cid

    def add(self, text: str) -> int:
        """Append a comment by checker with ``text`` (a paragraph per line); return its id."""
        from checker.readers.docx import w

        cid = self._new_id()
        c = self.root.makeelement(w("comment"), {w("id"): str(cid), w("author"): AUTHOR, w("date"): self.date,
                                                 w("initials"): INITIALS})
        for i, line in enumerate(xml_text(text).split("\n")):
            para = c.makeelement(w("p"), {})
            ppr = para.makeelement(w("pPr"), {})
            ppr.append(ppr.makeelement(w("pStyle"), {w("val"): "CommentText"}))
            para.append(ppr)
            if i == 0:
                ref = para.makeelement(w("r"), {})
                rpr = ref.makeelement(w("rPr"), {})
                rpr.append(rpr.makeelement(w("rStyle"), {w("val"): "CommentReference"}))
                ref.append(rpr)
                ref.append(ref.makeelement(w("annotationRef"), {}))
                para.append(ref)
            run = para.makeelement(w("r"), {})
            t = run.makeelement(w("t"), {})
            t.text = line
            _preserve(t)
            run.append(t)
            para.append(run)
            c.append(para)
        self.root.append(c)
        return cid


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_BAD.sub("\ufffd", text)


def _mark(first, last, cid: int) -> None:
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


def _runs_between(first, last):
    """Run elements from ``first`` to ``last`` in document order (both included)."""
    from checker.readers.docx import W_R

    if first is last:
        return [first]
    out, on = [], False
    root = _paragraph_of(first)
    if root is None or root is not _paragraph_of(last):
        root = first.getroottree().getroot()
    for el in root.iter(W_R):
        if el is first:
            on = True
        if on:
            out.append(el)
        if el is last:
            break
    return out if on else [first]


def _paragraph_of(el):
    from checker.readers.docx import W_P

    while el is not None and el.tag != W_P:
        el = el.getparent()
    return el


def _already_marked(r) -> bool:
    """The run carries a highlight or a shading of its own (a template's "fill me" marking, say)."""
    rpr = r.find(_w("rPr"))
    if rpr is None:
        return False
    hl = rpr.find(_w("highlight"))
    if hl is not None and hl.get(_w("val")) not in (None, "none"):
        return True
    shd = rpr.find(_w("shd"))
    return shd is not None and (shd.get(_w("fill")) or "auto").lower() not in ("auto", "ffffff", "")


def _mark_run(r, severity: str) -> None:
    """Highlight a flagged run in its severity's colour; a run already highlighted or shaded keeps its
    colour (the comment may be about it) and gets a wavy underline instead."""
    if r.find(_w("commentReference")) is not None:
        return
    if _already_marked(r):
        _set_underline(r)
    else:
        _set_highlight(r, HIGHLIGHT.get(severity, "yellow"))


def _set_underline(r) -> None:
    from docx.enum.text import WD_UNDERLINE
    from docx.text.run import Run

    Run(r, None).font.underline = WD_UNDERLINE.WAVY
    u = r.find(_w("rPr")).find(_w("u"))
    if u is not None:
        u.set(_w("color"), "FF0000")


def _set_highlight(r, value: str) -> None:
    from docx.enum.text import WD_COLOR_INDEX
    from docx.text.run import Run

    colour = {"yellow": WD_COLOR_INDEX.YELLOW, "cyan": WD_COLOR_INDEX.TURQUOISE,
              "lightGray": WD_COLOR_INDEX.GRAY_25}[value]
    Run(r, None).font.highlight_color = colour


# ---------------------------------------------------------------------------

# A copy built from a .txt: the 公文 page (GB/T 9704: A4, margins 37/35/28/26 mm), Chinese (zh-CN),
# body in 仿宋 三号 (16 pt), Latin text in Times New Roman. Word and WPS on Chinese Windows have 仿宋.
A4_TWIPS = (11906, 16838)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
BODY_FONT = "仿宋"
BODY_SIZE_PT = 16


def _gongwen_page(d) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, Twips

    for section in d.sections:
        section.page_width, section.page_height = Twips(A4_TWIPS[0]), Twips(A4_TWIPS[1])
        for side, mm in MARGINS_MM.items():
            setattr(section, f"{side}_margin", Mm(mm))
    normal = d.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), "Times New Roman")
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    fonts.set(qn("w:hint"), "eastAsia")
    # the language of every run: docDefaults and Normal say zh-CN (python-docx's template says en-US)
    styles = d.styles.element
    for holder in (styles.find(qn("w:docDefaults")), normal.element):
        if holder is None:
            continue
        r = holder.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if holder.tag == qn("w:docDefaults") else rpr
        if r is None:
            continue
        lang = r.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r.append(lang)
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    settings = d.settings.element
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is not None:
        tfl.set(qn("w:val"), "zh-CN")
        tfl.set(qn("w:eastAsia"), "zh-CN")


def _docx_from_text(doc):
    """A new .docx whose paragraph N is line N of the text draft."""
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    body = d.element.body
    for p in list(body):
        if p.tag == _w("p"):
            body.remove(p)
    _gongwen_page(d)
    from docx.oxml import OxmlElement
    from docx.text.run import Run

    # Paragraphs made here and put before the section properties: python-docx's add_paragraph looks
    # for that place again for every paragraph (50,000 lines took a minute).
    sect = body.find(qn("w:sectPr"))
    for b in doc.blocks:
        para = OxmlElement("w:p")
        text = xml_text(b.text)
        if text:
            r = OxmlElement("w:r")
            para.append(r)
            Run(r, None).text = text
        if sect is not None:
            sect.addprevious(para)
        else:
            body.append(para)
    import datetime as dt

    props = d.core_properties  # the template's own say "python-docx": not ours to pass on
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = ""
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.revision = 1
    title = doc.blocks[0].text.strip() if doc.blocks else ""
    props.title = xml_text(title)[:200] if title else ""
    return d


def _load_copy(data: bytes, lang: str):
    """python-docx's Document of the draft's bytes, or an AnnotateError saying why not."""
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as e:
        if "is not a Word file" in str(e):  # python-docx takes only the .docx content type
            raise AnnotateError(tr(
                lang, "这是 Word 模板或启用宏的文档，请在 Word 或 WPS 中“另存为” .docx 后再批注",
                "this is a Word template or macro-enabled document: save it as .docx, then annotate")) from None
        raise AnnotateError(tr(lang, f"无法在副本上写批注（{e}）", f"cannot write comments into a copy ({e})"))
    except Exception as e:  # odd packages python-docx cannot load
        raise AnnotateError(tr(lang, f"无法在副本上写批注（{type(e).__name__}: {e}）",
                               f"cannot write comments into a copy ({type(e).__name__}: {e})")) from None


def annotated_copy(data: bytes, result, lang: str, highlight: bool = False,
                   per_finding: bool = False) -> tuple[bytes, int]:
    """The commented copy of a checked draft and how many comments were placed.

    ``result`` is the draft's checked :class:`~checker.findings.FileResult` (with its Document);
    ``data`` the bytes it was read from. Nothing is read or checked again here. By default one
    comment per paragraph lists that paragraph's findings, and a draft with more than
    :data:`SUMMARY_OVER` findings gets a summary comment on its title; ``per_finding`` gives one
    comment per finding instead."""
    doc = result.document
    if doc is None:
        raise AnnotateError(result.error["message"] if result.error else tr(lang, "文稿未能读取", "the draft was not read"))
    d = _docx_from_text(doc) if doc.format == "txt" else _load_copy(data, lang)
    try:
        ann = Annotator(d, doc, lang, highlight)
        if per_finding:
            placed = sum(1 for f in result.findings if ann.add(f))
        else:
            placed = ann.add_grouped(result.findings)
            if len(result.findings) > SUMMARY_OVER and ann.add_summary(result.findings, placed):
                placed += 1
        out = io.BytesIO()
        d.save(out)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as e:   # a draft python-docx cannot take apart: no copy, one line
        raise AnnotateError(tr(lang, f"无法在副本上写批注（{type(e).__name__}: {e}）",
                               f"cannot write comments into a copy ({type(e).__name__}: {e})")) from None
    blob = out.getvalue()
    validate_copy(blob, lang)
    return blob, placed


def validate_copy(blob: bytes, lang: str) -> None:
    """The copy must open: re-read by checker's own reader and by python-docx, or AnnotateError
    (and nothing is written). A draft whose XML declares its own DTD entities, say, would lose the
    declarations in the copy and could no longer be opened."""
    import docx

    from checker.errors import ReadError
    from checker.readers.docx import read_docx

    try:
        read_docx(io.BytesIO(blob), "copy.docx")
        docx.Document(io.BytesIO(blob))
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except ReadError as e:
        reason = e.message(lang)
    except Exception as e:
        reason = f"{type(e).__name__}: {e}"
    else:
        return
    raise AnnotateError(tr(lang, f"写出的副本无法重新打开，未保存副本（{reason}）",
                           f"the commented copy would not open again, so none was written ({reason})"))


def write_copy(data: bytes, result, lang: str, highlight: bool = False, per_finding: bool = False) -> bytes:
    """The bytes of the commented copy (``.checked.docx``) of a checked draft."""
    return annotated_copy(data, result, lang, highlight, per_finding)[0]
