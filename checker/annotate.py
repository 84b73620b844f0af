"""``checker annotate``: a copy of the draft with a Word comment on every finding.

The draft is read once into memory; the rules run on the reader's Document
and python-docx writes the copy. Paragraphs and runs are found again with the
reader's own walker (:func:`checker.readers.docx.iter_paragraphs` and
:func:`~checker.readers.docx.paragraph_runs`), so a finding's characters are
the characters the rules saw. A run that a finding starts or ends inside is
split in two, both halves keeping the run's formatting (``w:rPr``).

Only body paragraphs get comment marks (Word does not expect them in headers,
footers or notes): a finding in a text box is anchored on the run that holds
the box; one in a header, footer, footnote or endnote on the title, and its
comment says where it is. A finding without a span of its own (a missing
part) goes on the nearest heading above it, or on the title.

A .txt draft becomes a .docx with one paragraph per line (paragraph N = line N).
The original is never written; the copy is written atomically.
"""

from __future__ import annotations

import copy
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from checker.findings import severity_label
from checker.i18n import tr

AUTHOR = "checker"
INITIALS = "CK"
SUFFIX = ".checked.docx"
MAX_INPUT = 256 * 1024 * 1024

# Word's highlight colours by severity (w:highlight values).
HIGHLIGHT = {"error": "yellow", "warning": "cyan", "info": "lightGray"}

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


def _textbox_hosts(body) -> list:
    """For each text-box line the reader made from the body, the run holding the box (in line order)."""
    from checker.readers.docx import (MC_ALT, _collect_textboxes, iter_paragraphs, paragraph_runs,
                                      read_paragraph, w)

    boxes = []  # (textbox w:p, host run)
    for p, *_ in iter_paragraphs(body):
        for r, _i, _ph in paragraph_runs(p):
            found = []
            for item in r:
                if item.tag in (MC_ALT, w("drawing"), w("pict"), w("object")):
                    _collect_textboxes(item, found)
            boxes.extend((tp, r) for tp in found)
    out = []
    seen = set()
    while boxes:  # the reader's flush_textboxes, replayed: nested boxes come after, on the same host
        pending = []
        for tp, host in boxes:
            if id(tp) in seen:
                continue
            seen.add(id(tp))
            content = read_paragraph(tp)
            if content.text.strip():
                out.append((content.text, host))
            pending.extend((sub, host) for sub in content.textboxes)
        boxes = pending
    return out


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
        self.main_part = next((b.part for b in doc.blocks if b.kind in ("body", "table") and b.part), None)
        # line -> host run for text-box lines of the main part
        self.textbox_host: dict[int, object] = {}
        tb_lines = [b for b in doc.blocks if b.kind == "textbox" and b.part == self.main_part]
        if tb_lines:
            hosts = _textbox_hosts(body)
            for b, (text, host) in zip(tb_lines, hosts):
                if text == b.text:
                    self.textbox_host[b.line] = host

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
        blocks = self.doc.blocks
        if not blocks:
            return None
        line = min(max(1, f.line), len(blocks))
        block = blocks[line - 1]
        whole_line = f.end_line == f.line and f.column <= 1 and f.end_column > len(block.text)
        if block.kind == "textbox" and line in self.textbox_host:
            host = self.textbox_host[line]
            return Anchor(host, host, self._where(f, block))
        para = self.para_of(block)
        column, end_column = f.column, f.end_column
        if f.end_line == f.line and end_column <= column and block.text.strip():
            # a point, not a span (something missing here): the character before it, or the one after
            column = min(max(1, column - 1 if column > 1 else column), len(block.text))
            end_column = column + 1
        if para is not None and para.spans and block.text.strip() and (end_column > column or f.end_line > f.line):
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
        if para is not None and para.spans and block.text.strip() and whole_line:
            runs = para.all_runs()
            return Anchor(runs[0], runs[-1])
        # No span of its own, or not in the body: the nearest heading, else the title.
        target = self.heading_above(line) if block.kind in ("body", "table") else None
        note = self._where(f, block)
        for cand in (target, self.title_block()):
            if cand is None:
                continue
            cp = self.para_of(cand)
            if cp is not None and cp.all_runs():
                runs = cp.all_runs()
                return Anchor(runs[0], runs[-1], note)
        # last resort: any paragraph with a run
        for i, p in enumerate(self.paras_el):
            cp = self._paras.get(i) or Para(p)
            self._paras[i] = cp
            if cp.all_runs():
                runs = cp.all_runs()
                return Anchor(runs[0], runs[-1], note)
        return None

    def _where(self, f, block) -> str:
        loc = block.location(self.lang)
        if f.text:
            shown = f.text if len(f.text) <= 40 else f.text[:39] + "…"
            return tr(self.lang, f"第{f.line}行（{loc}）“{shown}”：", f"line {f.line} ({loc}) “{shown}”: ")
        return tr(self.lang, f"第{f.line}行（{loc}）：", f"line {f.line} ({loc}): ")

    # -- writing
    def comment_text(self, f, note: str) -> str:
        sev = severity_label(f.severity, self.lang)
        return tr(self.lang, f"【{sev}】{note}{f.message}（规则：{f.rule}）",
                  f"[{sev}] {note}{f.message} (rule: {f.rule})")

    def add(self, f) -> bool:
        a = self.anchor(f)
        if a is None:
            return False
        comment = self.d.comments.add_comment(text=self.comment_text(f, a.note), author=AUTHOR,
                                              initials=INITIALS)
        _mark(a.first, a.last, comment.comment_id)
        if self.highlight and not a.note:
            for r in _runs_between(a.first, a.last):
                _set_highlight(r, HIGHLIGHT.get(f.severity, "yellow"))
        return True


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


def _set_highlight(r, value: str) -> None:
    from docx.enum.text import WD_COLOR_INDEX
    from docx.text.run import Run

    colour = {"yellow": WD_COLOR_INDEX.YELLOW, "cyan": WD_COLOR_INDEX.TURQUOISE,
              "lightGray": WD_COLOR_INDEX.GRAY_25}[value]
    if r.find(_w("commentReference")) is not None:
        return
    Run(r, None).font.highlight_color = colour


# ---------------------------------------------------------------------------

def _docx_from_text(doc):
    """A new .docx whose paragraph N is line N of the text draft."""
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    body = d.element.body
    for p in list(body):
        if p.tag == _w("p"):
            body.remove(p)
    normal = d.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), "宋体")
    for b in doc.blocks:
        para = d.add_paragraph()
        text = _XML_BAD.sub("\ufffd", b.text)
        if text:
            para.add_run(text)
    import datetime as dt

    props = d.core_properties  # the template's own say "python-docx": not ours to pass on
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = ""
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.revision = 1
    title = doc.blocks[0].text.strip() if doc.blocks else ""
    props.title = _XML_BAD.sub("\ufffd", title)[:200] if title else ""
    return d


def annotate_bytes(data: bytes, name: str, suffix: str, ctx, opts, highlight: bool = False, keep=None):
    """Check a draft given as bytes and return (annotated .docx bytes, findings, comments placed).

    ``keep(findings, doc)``, when given, filters the findings first (the baseline of accepted ones)."""
    from checker.engine import check_document
    from checker.readers import read_bytes

    doc = read_bytes(data, name, suffix)
    findings = check_document(doc, ctx, opts)
    if keep is not None:
        findings = keep(findings, doc)
    if doc.format == "txt":
        d = _docx_from_text(doc)
    else:
        import docx

        try:
            d = docx.Document(io.BytesIO(data))
        except ValueError as e:
            if "is not a Word file" in str(e):  # python-docx takes only the .docx content type
                raise AnnotateError(tr(
                    opts.lang, "这是 Word 模板或启用宏的文档，请在 Word 或 WPS 中“另存为” .docx 后再批注",
                    "this is a Word template or macro-enabled document: save it as .docx, then annotate")) from None
            raise AnnotateError(tr(opts.lang, f"无法在副本上写批注（{e}）", f"cannot write comments into a copy ({e})"))
        except Exception as e:  # odd packages python-docx cannot load
            raise AnnotateError(tr(opts.lang, f"无法在副本上写批注（{type(e).__name__}: {e}）",
                                   f"cannot write comments into a copy ({type(e).__name__}: {e})")) from None
    ann = Annotator(d, doc, opts.lang, highlight)
    placed = sum(1 for f in findings if ann.add(f))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue(), findings, placed


# ---------------------------------------------------------------------------
# The command

@click.command("annotate", context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Where to write the annotated copy (one draft only). Default: NAME.checked.docx beside it.")
@click.option("--highlight", is_flag=True, help="Also highlight the flagged text (yellow errors, turquoise warnings).")
@click.option("--select", multiple=True, help="Only these rules (comma-separated or repeated).")
@click.option("--ignore", multiple=True, help="Skip these rules (comma-separated or repeated).")
@click.option("--kind", default=None, help="Kind of report, overriding detection.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the comments (default zh; or CHECKER_LANG).")
@click.option("--pack", "packs", multiple=True, type=click.Path(), help="Extra rule pack (.toml file or folder).")
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Accepted findings file (default: .checker-baseline.json beside each draft).")
@click.option("--no-baseline", is_flag=True, help="Comment on accepted findings too.")
def annotate(paths, output, highlight, select, ignore, kind, lang, packs, baseline, no_baseline):
    """Write a copy of each draft with a Word comment on every finding.

    草稿.docx -> 草稿.checked.docx (a .txt draft gets a .docx built from its lines).
    The draft itself is never changed. Exit code: 0 copies written, 2 a draft could not be read or written.
    """
    from checker.baseline import BaselineError, filter_findings
    from checker.cli import _check_rule_names, _context, _fail, _lang, _options, _split
    from checker.engine import expand
    from checker.errors import ReadError
    from checker.fileio import atomic_write

    opts = _options(lang, packs, _split(select), _split(ignore), kind)
    _check_rule_names(opts.select + opts.ignore)
    ctx = _context(opts)
    lang = _lang(lang)
    inputs = [i for i in expand(list(paths)) if not (i.real and i.real.name.endswith(SUFFIX) and i.path not in paths)]
    if output and len(inputs) != 1:
        _fail(tr(lang, "-o 只能用于一个文稿", "-o takes exactly one draft"))
    status = 0
    for inp in inputs:
        if inp.real is None:
            if not output:
                _fail(tr(lang, "从标准输入读取时须用 -o 指定输出文件", "reading stdin needs -o OUTPUT"))
        try:
            if inp.error:
                raise inp.error
            if inp.real is None:
                data = sys.stdin.buffer.read()
                suffix = ".txt"
            else:
                if inp.real.is_dir():
                    raise ReadError("is-directory")
                if inp.real.stat().st_size > MAX_INPUT:
                    raise ReadError("too-large", f"{inp.real.stat().st_size} 字节")
                data = inp.real.read_bytes()
                suffix = inp.real.suffix.lower()
            target = Path(output) if output else output_path(inp.real)
            if inp.real is not None and target.exists() and target.resolve() == inp.real.resolve():
                raise AnnotateError(tr(lang, "输出文件不能是原稿本身", "the output cannot be the draft itself"))
            keep = None if no_baseline else (
                lambda fs, doc, draft=inp.path: filter_findings(draft, fs, doc, baseline))
            blob, findings, placed = annotate_bytes(data, inp.path, suffix, ctx, opts, highlight, keep)
        except BaselineError as e:
            _fail(str(e))
        except ReadError as e:
            click.echo(f"checker: {inp.path}: {e.message(lang)}", err=True)
            status = 2
            continue
        except PermissionError:
            click.echo(f"checker: {inp.path}: {ReadError('permission').message(lang)}", err=True)
            status = 2
            continue
        except OSError as e:
            click.echo(f"checker: {inp.path}: {e.strerror or e}", err=True)
            status = 2
            continue
        except AnnotateError as e:
            click.echo(f"checker: {inp.path}: {e}", err=True)
            status = 2
            continue
        try:
            atomic_write(target, blob)
        except OSError as e:
            click.echo(f"checker: {target}: {tr(lang, '无法写入', 'cannot write')}: {e.strerror or e}", err=True)
            status = 2
            continue
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
        detail = tr(lang, "，", ", ").join(f"{severity_label(s, lang)} {n}" for s, n in counts.items() if n)
        if findings:
            msg = tr(lang, f"{inp.path} → {target}：{placed} 条批注（{detail}）",
                     f"{inp.path} → {target}: {placed} comment(s) ({detail})")
        else:
            msg = tr(lang, f"{inp.path} → {target}：未发现问题", f"{inp.path} → {target}: nothing found")
        click.echo(msg)
    sys.exit(status)
