"""Word .docx drafts, read from the package's XML with a walker of our own.

python-docx's ``paragraph.text`` leaves out text boxes, notes, tracked
insertions, content controls and field results; this walker takes them all
and records, for every character, which ``w:r`` it came from, so a writer
(``checker annotate``) can find the same run again with :func:`iter_paragraphs`
and :func:`paragraph_runs`.

Safety: the zip directory is checked before anything is inflated (entry count,
sizes, compression ratio), and XML is parsed without entity resolution,
network or DTD loading.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field

from checker.document import Block, Comment, Document, Revision, Run
from checker.errors import ReadError
from checker import limits

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_P, W_R, W_T, W_TBL, W_TR, W_TC, W_SDT, W_SDTCONTENT = (
    w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent"))
W_INS, W_DEL, W_MOVEFROM, W_MOVETO = w("ins"), w("del"), w("moveFrom"), w("moveTo")
W_TAB, W_PTAB, W_BR, W_CR = w("tab"), w("ptab"), w("br"), w("cr")
W_DELTEXT, W_INSTR, W_FLDCHAR = w("delText"), w("instrText"), w("fldChar")
W_RPR, W_PPR, W_TXBX = w("rPr"), w("pPr"), w("txbxContent")
W_NBH, W_SYM = w("noBreakHyphen"), w("sym")
W_HYPERLINK, W_PPRCHANGE = w("hyperlink"), w("pPrChange")
W_CSTART, W_CEND, W_CREF = w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")
W_VAL, W_ID, W_AUTHOR, W_DATE = w("val"), w("id"), w("author"), w("date")
MC_ALT, MC_CHOICE, MC_FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
M_T = f"{{{M}}}t"
V_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"  # the text of a WordArt watermark
W_BRTYPE, W_FLDTYPE = w("type"), w("fldCharType")
_EMBEDS = frozenset({MC_ALT, w("drawing"), w("pict"), w("object")})  # may hold text boxes or WordArt
(W_HIGHLIGHT, W_COLOR, W_SHD, W_FILL, W_VANISH, W_SPECVANISH, W_RSTYLE, W_RPRCHANGE) = (
    w("highlight"), w("color"), w("shd"), w("fill"), w("vanish"), w("specVanish"), w("rStyle"), w("rPrChange"))

# Containers whose children are walked as if they were the paragraph's own.
_TRANSPARENT = {w("hyperlink"), w("smartTag"), w("customXml"), w("fldSimple"), w("bdo"), w("dir"),
                W_SDTCONTENT, W_MOVETO, w("oMathPara"), f"{{{M}}}oMath", f"{{{M}}}r"}
_BLOCK_TRANSPARENT = {W_SDTCONTENT, w("customXml"), W_INS, W_MOVETO}

# Limits checked on the zip directory before anything is read.
MAX_ENTRIES = 5000
MAX_ENTRY = 256 * 1024 * 1024
MAX_TOTAL = 512 * 1024 * 1024
MAX_RATIO = 200
_RATIO_FLOOR = 4 * 1024 * 1024  # ratios only matter for entries larger than this

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def sniff(data: bytes) -> str:
    """'zip', 'ole', 'rtf' or 'other' from a file's first bytes."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    return "other"


def ole_error(data: bytes, suffix: str) -> ReadError:
    """The right error for an OLE compound file: encrypted OOXML, .wps or old .doc."""
    if _ENCRYPTED_MARK in data:
        return ReadError("encrypted")
    return ReadError("legacy-wps" if suffix == ".wps" else "legacy-doc")


def open_package(path_or_file) -> zipfile.ZipFile:
    """Open a .docx zip after checking its directory against the limits."""
    try:
        zf = zipfile.ZipFile(path_or_file)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as e:
        raise ReadError("damaged", str(e)) from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ReadError("too-large", f"{len(infos)} 个条目")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_ENTRY or total > MAX_TOTAL:
            raise ReadError("too-large", f"{info.filename}: {info.file_size} 字节")
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise ReadError("too-large", f"{info.filename}: 压缩比 {info.file_size // max(1, info.compress_size)}:1")
        if info.flag_bits & 0x1:
            raise ReadError("encrypted")
    names = set(zf.namelist())
    if "word/document.xml" not in names:
        main = _main_part(zf, names)
        if main is None:
            raise ReadError("not-docx", "缺少 word/document.xml")
    return zf


def _main_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    """The main document part named by _rels/.rels (it is not always word/document.xml)."""
    if "_rels/.rels" not in names:
        return None
    root = parse_part(zf, "_rels/.rels")
    for rel in root:
        if (rel.get("Type") or "").endswith("/officeDocument"):
            target = _normpath((rel.get("Target") or "").lstrip("/"))
            if target in names:
                return target
    return None


def read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as e:
        raise ReadError("damaged", f"{name}: {e}") from None
    except KeyError:
        raise ReadError("damaged", f"缺少 {name}") from None


def parse_part(zf: zipfile.ZipFile, name: str, data: bytes | None = None):
    from lxml import etree

    if data is None:
        data = read_part(zf, name)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as e:
        raise ReadError("damaged", f"{name}: {e}") from None
    if root.getroottree().docinfo.doctype:
        # OPC forbids DTD declarations in a package's XML (ECMA-376 Part 2, M1.17) and Word never
        # writes one: text from internal entities would be lost to the rules, and a copy could not keep them
        raise ReadError("damaged", f"{name}: DTD 声明/DTD declaration")
    return root


# ---------------------------------------------------------------------------
# Paragraph walking, shared with writers.

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


def _on(el, tag) -> bool:
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
        if _on(rpr, W_VANISH) or _on(rpr, W_SPECVANISH):
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
        elif tag in _TRANSPARENT:
            yield from _runs(child, inserted, placeholder)


def _sdt_placeholder(sdt) -> bool:
    pr = sdt.find(w("sdtPr"))
    return pr is not None and pr.find(w("showingPlcHdr")) is not None


# What the walker below acts on; any other element (w:pPr, w:proofErr, w:bookmarkStart, w:rPr,
# w:lastRenderedPageBreak …) it passes over.
_WALKED = frozenset({W_R, W_INS, W_MOVETO, W_DEL, W_MOVEFROM, W_CSTART, W_CEND, W_SDT, MC_ALT, W_HYPERLINK,
                     M_T, *_TRANSPARENT})
_WALKED_IN_RUN = frozenset({W_TAB, W_PTAB, W_BR, W_CR, W_NBH, W_FLDCHAR, W_INSTR, W_CREF, *_EMBEDS})


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
    parts: list[str] = []
    runs: list[Run] = []
    out = ParaContent("", runs)
    pos = 0
    field_depth = []  # stack of booleans: True while inside a field's code
    field_links = []  # parallel stack: True for a HYPERLINK field
    link_depth = 0    # inside w:hyperlink
    index = 0

    def walk(el, inserted, placeholder):
        nonlocal pos, index, link_depth
        for child in el:
            tag = child.tag
            if tag == W_R:
                start = pos
                in_code = bool(field_depth) and field_depth[-1]
                for item in child:
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
                        kind = item.get(W_FLDTYPE)
                        if kind == "begin":
                            field_depth.append(True)
                            field_links.append(False)
                            in_code = True
                        elif kind == "separate" and field_depth:
                            field_depth[-1] = False
                            in_code = False
                        elif kind == "end" and field_depth:
                            field_depth.pop()
                            field_links.pop()
                            in_code = bool(field_depth) and field_depth[-1]
                    elif t == W_INSTR:
                        if in_code and field_links and (item.text or "").strip().upper().startswith("HYPERLINK"):
                            field_links[-1] = True
                    elif t == W_CREF:
                        cid = item.get(W_ID)
                        out.comment_starts.setdefault(cid, pos)
                        out.comment_ends.setdefault(cid, pos)
                    elif t in _EMBEDS:
                        before = len(out.textboxes)
                        _collect_textboxes(item, out.textboxes)
                        out.textbox_runs.extend([index] * (len(out.textboxes) - before))
                        _collect_watermarks(item, out.watermarks)
                props = run_props(child, inserted is not None, placeholder)
                if link_depth or (field_links and field_links[-1] and not in_code):
                    props = dict(props or {}, hyperlink=True)
                runs.append(Run(start, pos, index, props))
                index += 1
                if inserted is not None and pos > start:
                    _note_insertion(out, inserted, start, pos)
            elif tag == W_INS:
                walk(child, child, placeholder)
            elif tag == W_MOVETO:
                walk(child, child, placeholder)
            elif tag in (W_DEL, W_MOVEFROM):
                text = "".join(t.text or "" for t in child.iter(W_DELTEXT, W_T))
                out.revisions.append(["del" if tag == W_DEL else "move", child.get(W_AUTHOR, ""),
                                      child.get(W_DATE), text, pos, pos, child])
            elif tag == W_CSTART:
                out.comment_starts[child.get(W_ID)] = pos
            elif tag == W_CEND:
                out.comment_ends[child.get(W_ID)] = pos
            elif tag == W_SDT:
                ph = placeholder or _sdt_placeholder(child)
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    walk(content, inserted, ph)
            elif tag == MC_ALT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    walk(choice, inserted, placeholder)
            elif tag == W_HYPERLINK:
                link_depth += 1
                walk(child, inserted, placeholder)
                link_depth -= 1
            elif tag == M_T:
                if child.text:
                    parts.append(child.text)
                    pos += len(child.text)
            elif tag in _TRANSPARENT:
                walk(child, inserted, placeholder)

    try:
        walk(p, None, False)
    finally:
        del walk   # the closure refers to itself: without this every paragraph would wait for the cyclic GC
    out.text = "".join(parts)
    return out


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
    stack = [el]
    while stack:
        node = stack.pop()
        for child in node:
            tag = child.tag
            if tag == MC_FALLBACK:
                continue
            if tag == W_TXBX:
                for sub in _block_paragraphs(child):
                    sink.append(sub)
                continue
            if isinstance(tag, str):
                stack.append(child)


def _collect_watermarks(el, sink: list) -> None:
    """Texts of VML text paths under a drawing (Word and WPS write watermarks this way), skipping mc:Fallback."""
    stack = [el]
    while stack:
        node = stack.pop()
        for child in node:
            tag = child.tag
            if tag == MC_FALLBACK or tag == W_TXBX:
                continue
            if tag == V_TEXTPATH:
                text = (child.get("string") or "").strip()
                if text:
                    sink.append(text)
            elif isinstance(tag, str):
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
        elif tag in _BLOCK_TRANSPARENT:
            yield from _block_paragraphs(child)


def iter_paragraphs(container, _tables=None):
    """Yield (w:p, table, row, col) for a body-like container in reading order.

    Table cells are walked row by row, cell by cell; ``col`` is the grid column
    (merged cells counted by their span). Tables are numbered in order of
    appearance, nested ones included.
    """
    counter = _tables if _tables is not None else [0]
    for child in container:
        tag = child.tag
        if tag == W_P:
            yield child, None, None, None
        elif tag == W_TBL:
            counter[0] += 1
            number = counter[0]
            r = 0
            for tr in child.iterchildren(W_TR):
                r += 1
                col = 1
                for tc in _cells(tr):
                    span = 1
                    tcpr = tc.find(w("tcPr"))
                    if tcpr is not None:
                        gs = tcpr.find(w("gridSpan"))
                        if gs is not None:
                            span = max(1, small_int(gs.get(W_VAL), 1))
                    for item in iter_paragraphs(tc, counter):
                        if item[1] is None:
                            yield item[0], number, r, col
                        else:
                            yield item
                    col += span
        elif tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from iter_paragraphs(content, counter)
        elif tag in _BLOCK_TRANSPARENT:
            yield from iter_paragraphs(child, counter)


def _cells(tr):
    for child in tr:
        if child.tag == W_TC:
            yield child
        elif child.tag in (W_SDT, w("customXml")):
            content = child.find(W_SDTCONTENT) if child.tag == W_SDT else child
            if content is not None:
                yield from (c for c in content if c.tag == W_TC)


# ---------------------------------------------------------------------------
# Styles and properties

@dataclass
class Styles:
    names: dict
    levels: dict
    # style id -> marks its text inherits (highlight, shading, hidden), basedOn chain resolved
    marks: dict = field(default_factory=dict)

    def style_id(self, p) -> str | None:
        ppr = p.find(W_PPR)
        ps = ppr.find(w("pStyle")) if ppr is not None else None
        return ps.get(W_VAL) if ps is not None else None

    def resolve(self, p) -> tuple[str | None, int | None]:
        ppr = p.find(W_PPR)
        style_id = None
        level = None
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            if ps is not None:
                style_id = ps.get(W_VAL)
            ol = ppr.find(w("outlineLvl"))
            if ol is not None:
                level = _level(ol.get(W_VAL))
        name = self.names.get(style_id, style_id) if style_id else None
        if level is None and style_id:
            level = self.levels.get(style_id)
        return name, level


def _level(val) -> int | None:
    n = small_int(val, -1)
    return n if 0 <= n <= 8 else None


_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)


# digest of word/styles.xml -> Styles. Drafts made from one template share their styles part, and
# parsing it (often several times the size of the text) was a third of the time spent reading.
_STYLES_CACHE: dict = {}


def load_styles(zf, names) -> Styles:
    if "word/styles.xml" not in names:
        return Styles({}, {})
    import hashlib

    data = read_part(zf, "word/styles.xml")
    key = hashlib.blake2b(data, digest_size=16).digest()
    styles = _STYLES_CACHE.get(key)
    if styles is None:
        styles = _load_styles(parse_part(zf, "word/styles.xml", data))
        if len(_STYLES_CACHE) >= 64:
            _STYLES_CACHE.clear()
        _STYLES_CACHE[key] = styles
    return styles


def _load_styles(root) -> Styles:
    raw = {}
    for st in root.iterchildren(w("style")):
        sid = st.get(w("styleId"))
        if not sid:
            continue
        name_el = st.find(w("name"))
        based = st.find(w("basedOn"))
        ppr = st.find(W_PPR)
        ol = ppr.find(w("outlineLvl")) if ppr is not None else None
        raw[sid] = (name_el.get(W_VAL) if name_el is not None else sid,
                    based.get(W_VAL) if based is not None else None,
                    _level(ol.get(W_VAL)) if ol is not None else None)

    def own_level(sid):
        name, _based, lvl = raw[sid]
        if lvl is not None:
            return lvl
        m = _HEADING_NAME.match(name or "")
        return int(m.group(1)) - 1 if m else None

    levels = resolve_chains({k: v[1] for k, v in raw.items()}, {k: own_level(k) for k in raw},
                            lambda inherited, own: own if own is not None else inherited)
    return Styles({k: v[0] for k, v in raw.items()}, levels, _style_marks(root))


def rpr_marks(rpr) -> dict:
    """The marks a w:rPr sets explicitly, switched-off ones as None (they override a style's)."""
    out: dict = {}
    if rpr is None:
        return out
    h = rpr.find(w("highlight"))
    if h is not None:
        out["highlight"] = h.get(W_VAL) if h.get(W_VAL) not in (None, "none") else None
    s = rpr.find(w("shd"))
    if s is not None:
        fill = s.get(w("fill"))
        out["shading"] = fill if fill not in (None, "auto", "FFFFFF", "ffffff") else None
    if rpr.find(w("vanish")) is not None:
        out["hidden"] = True if _on(rpr, w("vanish")) else None
    return out


def _style_marks(root) -> dict:
    """Highlight, shading and hidden text that paragraph and character styles give their text.
    Font colours of styles are left out: built-in styles colour headings and quotes blue."""
    raw, based = {}, {}
    for st in root.iterchildren(w("style")):
        sid = st.get(w("styleId"))
        if not sid or st.get(w("type")) not in ("paragraph", "character"):
            continue
        raw[sid] = rpr_marks(st.find(W_RPR))
        b = st.find(w("basedOn"))
        based[sid] = b.get(W_VAL) if b is not None else None
    merged = resolve_chains(based, raw, lambda inherited, own: {**(inherited or {}), **own})
    out = {}
    for sid, marks in merged.items():
        marks = {k: v for k, v in marks.items() if v is not None}
        if marks:
            out[sid] = marks
    return out


def resolve_chains(based: dict, own: dict, combine) -> dict:
    """For every style, ``combine(what its base resolves to, its own value)`` along its basedOn chain.

    Each style is resolved once (memoised), so a long chain costs its length, not its square; a
    walk follows at most :data:`~checker.limits.MAX_STYLE_DEPTH` links (a longer chain is cut there,
    the base beyond it ignored) and stops at a loop."""
    memo: dict = {}
    for sid in own:
        if sid in memo:
            continue
        path, seen, cur = [], set(), sid
        while cur in own and cur not in memo and cur not in seen and len(path) < limits.MAX_STYLE_DEPTH:
            seen.add(cur)
            path.append(cur)
            cur = based.get(cur)
        acc = memo.get(cur)
        for s in reversed(path):
            acc = memo[s] = combine(acc, own[s])
    return memo


_PROPS = {
    "title": "title", "subject": "subject", "creator": "creator", "keywords": "keywords",
    "description": "description", "lastModifiedBy": "last_modified_by", "category": "category",
    "Company": "company", "Manager": "manager", "Template": "template", "Application": "application",
}


def load_properties(zf, names) -> dict:
    props = {}
    for part in ("docProps/core.xml", "docProps/app.xml"):
        if part not in names:
            continue
        try:
            root = parse_part(zf, part)
        except ReadError:
            continue  # damaged metadata does not stop the text from being checked
        for el in root:
            if not isinstance(el.tag, str):
                continue
            local = el.tag.rsplit("}", 1)[-1]
            key = _PROPS.get(local)
            if key and el.text and el.text.strip():
                props[key] = el.text.strip()
    return props


def _rels(zf, names, part: str) -> dict:
    """Id -> (type, part name) of a part's internal relationships (a part may sit at the zip's root)."""
    folder, _, base = part.rpartition("/")
    rel_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if rel_name not in names:
        return {}
    root = parse_part(zf, rel_name)
    out = {}
    for rel in root:
        target = rel.get("Target")   # None when missing, or an entity reference left unresolved
        if not target or rel.get("TargetMode") == "External":
            continue
        full = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}" if folder else target
        out[rel.get("Id")] = ((rel.get("Type") or "").rsplit("/", 1)[-1], _normpath(full))
    return out


def _normpath(path: str) -> str:
    out = []
    for seg in path.split("/"):
        if seg == "..":
            if out:
                out.pop()
        elif seg and seg != ".":
            out.append(seg)
    return "/".join(out)


# ---------------------------------------------------------------------------

def _inherit_marks(styles: Styles, p, runs) -> None:
    """Give runs the highlight, shading or hidden state of their paragraph or character style,
    unless the run sets that property itself."""
    pid = styles.style_id(p)
    pmarks = styles.marks.get(pid, {}) if pid else {}
    if not pmarks and not any(r.props and r.props.get("style") in styles.marks for r in runs):
        return
    elements = [el for el, _ins, _ph in paragraph_runs(p)]
    for run in runs:
        marks = dict(pmarks)
        cs = run.props.get("style") if run.props else None
        if cs:
            marks.update(styles.marks.get(cs, {}))
        if not marks or run.index >= len(elements):
            continue
        explicit = rpr_marks(elements[run.index].find(W_RPR))
        add = {k: v for k, v in marks.items() if k not in explicit}
        if add:
            run.props = {**(run.props or {}), **add}


class _Builder:
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
            _inherit_marks(self.styles, p, content.runs)
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


def read_docx(path_or_file, path: str, suffix: str = ".docx") -> Document:
    zf = open_package(path_or_file)
    with zf:
        names = set(zf.namelist())
        main = "word/document.xml" if "word/document.xml" in names else _main_part(zf, names)
        root = parse_part(zf, main)
        body = root.find(w("body"))
        if body is None:
            raise ReadError("not-docx", "文档没有正文")
        styles = load_styles(zf, names)
        b = _Builder(styles)
        for i, (p, table, row, col) in enumerate(iter_paragraphs(body)):
            b.add(p, "table" if table else "body", main, i, table, row, col)
        b.flush_textboxes(main)

        rels = _rels(zf, names, main)
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
                    if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                        continue
                    for p, *_ in iter_paragraphs(note):
                        b.add(p, kind, part, keep_empty=False)
                b.flush_textboxes(part)

        comments = _load_comments(zf, names, rels, b.comment_pos)
        props = load_properties(zf, names)
    return Document(path=path, format="docx", blocks=b.blocks, encoding=None,
                    comments=comments, revisions=b.revisions, properties=props)


def _natural(name: str):
    return [(0, small_int(t, 0), t) if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", name)]


def small_int(value, default: int = 0, limit: int = 10 ** 6) -> int:
    """An attribute's integer: ASCII digits only (``int`` rejects ``²`` that ``isdigit`` accepts, and
    refuses more than 4,300 digits), at most ``limit``; ``default`` when it is not one."""
    if not value or len(value) > 9 or not (value.isascii() and value.isdigit()):
        return default
    return min(int(value), limit)


def _load_comments(zf, names, rels, positions) -> list[Comment]:
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
