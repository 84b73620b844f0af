"""Paragraph and character styles: names, outline levels and the marks their text inherits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker import limits
from checker.readers.docx.package import parse_part, read_part
from checker.readers.docx.paragraphs import toggle_on, paragraph_runs
from checker.readers.docx.tags import W_PPR, W_RPR, W_VAL, small_int, w

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
        out["hidden"] = True if toggle_on(rpr, w("vanish")) else None
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



def inherit_marks(styles: Styles, p, runs) -> None:
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


