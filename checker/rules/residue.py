"""Template residue in the text: `vendor-residue` (``missing-name`` is in :mod:`checker.rules.missing_name`).

`vendor-residue` finds a template seller's watermark or advert by its shape:
a site name (…范文网, …文库), contact details (QQ, 微信号, 公众号, web
address, phone, e-mail), sales wording (仅供学习, 下载后可编辑 …) and lines
too short to be report prose. A scan of fixed strings finds the few places to
look at; the hits are then judged line by line, so a block of advert lines
gives one finding per line:

- a …范文网 name or sales wording: always;
- two kinds of contact details (QQ and a web address, a WeChat ID and a
  phone number): always;
- one QQ number, WeChat ID, 关注公众号 or non-government web address, a
  …文库 name standing alone, or 仅供参考 / 禁止外传 as (nearly) the whole line:
  only on a short line that is not a table cell and says little else (a label
  such as 客服 or 网址, not a sentence);
- a phone number or an e-mail address: only beside the above, or on a short
  line next to an advert line.

Government (and official press) web addresses never count.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.hanzi import HAN
from checker.patterns import Scan, Scans, Starts, alt, finditer_at, trie
from checker.rules import Rule

_HAN = HAN
_SPACE = " \t\u3000\u00a0"

_alt = alt

# Contact details: shapes, not words. The scan finds their first characters with one trie of
# fixed strings (fast); each shape is then matched where its trigger stands.
_CONTACT = {
    "qq": (("QQ", "Qq", "qQ", "qq"),
           r"[Qq]{2}(?:群|号|號|群号|群號)?[ \t\u3000]*[:：]?[ \t\u3000]*[1-9][0-9]{4,11}(?![0-9])"),
    "wechat": (("微信号", "微信號", "微信", "VX", "vx", "Vx", "WX", "wx", "V信", "薇信", "威信"),
               r"(?:微信号|微信號|微信|VX|vx|Vx|WX|wx|V信|薇信|威信)[ \t\u3000]*[:：][ \t\u3000]*"
               r"[A-Za-z][-_A-Za-z0-9]{4,19}(?![-_A-Za-z0-9])"),
    # 公众号 counts when the reader is told to follow or search it, or when a line is labelled
    # with it ("公众号：…" at its start); a sentence naming the office's own account
    # ("开通政务公众号“青山发布”") is left alone.
    "gzh": (("关注", "關注", "搜索", "添加", "搜一搜"),
            r"(?:关注|關注|搜索|添加|微信搜索|搜一搜)[ \t\u3000]*(?:微信)?(?:公众号|公眾號|公衆號)"),
    "gzh_label": (("公众号", "公眾號", "公衆號", "微信公众号", "微信公眾號", "微信公衆號"),
                  r"(?:微信)?(?:公众号|公眾號|公衆號)[ \t\u3000]*[:：]"),
    "url": (("http://", "https://", "HTTP://", "HTTPS://", "www.", "WWW."),
            r"(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww]{3}\.)[-A-Za-z0-9_.~/?#=&%+:]+"),
    # a bare domain, found by its ending; its name is taken leftwards
    "domain": (tuple(f".{t}" for t in ("com", "net", "cn", "org", "cc", "top", "vip", "xyz", "info", "me",
                                       "wang", "club", "site", "online")),
               r"\.(?:com|net|cn|org|cc|top|vip|xyz|info|me|wang|club|site|online)(?![A-Za-z0-9])"
               r"(?:/[-A-Za-z0-9_.~/?#=&%+]*)?"),
    "email": (("@",), r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
}
_CONTACT_RE = {k: re.compile(v[1]) for k, v in _CONTACT.items()}
# Phone numbers start with a digit, too common a trigger: their own scan.
_PHONE = Scan(r"(?:1[3-9][0-9]{9}|0[0-9]{2,3}[-－—]?[0-9]{7,8}|400[-－]?[0-9]{3}[-－]?[0-9]{4})(?![0-9])")
_NAME_CHAR = re.compile(rf"[{_HAN}A-Za-z0-9]")
_HOST_CHAR = re.compile(r"[-A-Za-z0-9.]")
_USER_CHAR = re.compile(r"[A-Za-z0-9._%+-]")
_SITE_END = re.compile(rf"$|[^{_HAN}]|整理|提供|出品|收集|独家|獨家|原创|原創|发布|發佈|發布|网址|網址", re.M)

# What pulls a short line next to an advert line into the advert: contact details and site names.
_BLOCK_KINDS = {"qq", "wechat", "gzh", "url", "email", "phone", "soft_site", "service"}
# Contact details that make a short line an advert by themselves.
CONTACT_WEAK = {"qq", "wechat", "gzh", "url", "service"}
WEAK_KINDS = {"qq", "wechat", "gzh", "url", "soft_site", "soft_sales", "service"}
CONTACT_KINDS = {"email", "phone"}
STRONG_KINDS = {"site", "sales", "seller"}

_LABELS = {
    "site": ("网站名", "site name"),
    "soft_site": ("网站名", "site name"),
    "sales": ("推销用语", "sales wording"),
    "seller": ("网站对读者说的话", "a web site's words to its readers"),
    "service": ("客服电话", "a seller's service number"),
    "soft_sales": ("推销用语", "sales wording"),
    "qq": ("QQ号", "QQ number"),
    "wechat": ("微信号", "WeChat ID"),
    "gzh": ("公众号推广", "an account to follow"),
    "url": ("网址", "web address"),
    "email": ("电子邮箱", "e-mail address"),
    "phone": ("电话号码", "phone number"),
}

_SENTENCE_END = "。！？!?；;\n"
_SITE_ENDS = "网網站"   # what a site's name ends with (site_names)


_trie = trie


def _compile_vendor(key):
    """The trigger scan and what each trigger is: {string: kind}."""
    sites, soft_sites, sales, soft_sales = key
    kinds: dict[str, str] = {}
    for kind, words in (("soft_sales", soft_sales), ("soft_site", soft_sites), ("site", sites),
                        ("sales", sales)):
        for w in words:
            kinds[w] = kind
    for kind, (starts, _pattern) in _CONTACT.items():
        for w in starts:
            kinds.setdefault(w, kind)
    trigger = re.compile(_trie(kinds))
    return trigger, kinds


def _extend_left(text, start, char_re, limit):
    """Where a name that ends at ``start`` begins: up to ``limit`` characters of ``char_re``."""
    s = start
    while s > 0 and start - s < limit and text[s - 1] != "\n" and char_re.match(text[s - 1]):
        s -= 1
    return s


def _compile_words(words):
    return re.compile(_alt(words)) if words else None


def _compile_patterns(name, patterns):
    patterns = [p for p in patterns if p]
    for p in patterns:
        try:
            re.compile(p)
        except re.error as e:
            raise ValueError(f"[vendor] {name}: 无效的正则表达式 / invalid regular expression {p!r}: {e}") from None
    if len(patterns) == 1:
        return Scan(patterns[0])  # the pattern just compiled (re keeps it): (?:p) matches what p does
    return Scan("|".join(f"(?:{p})" for p in patterns)) if patterns else None


class _Vocab(NamedTuple):
    """The `vendor` pack section, compiled once per run (``ctx.vocab``)."""

    scan: tuple                 # (trigger, kinds, Starts: where a trigger or a worded pattern may start)
    scan_firsts: frozenset      # the characters a trigger starts with
    worded: Scans               # sales patterns ("sales") and a site's words to its readers
                                # ("seller": 小编为你整理了…, 您需要先登录), one scan each
    site_names: re.Pattern | None  # 公文派网, …秘书网: a content word, a short name, 网/站
    site_ends: bool             # whether every match of site_names stays on a line (no stem holds a line break)
    subjects: tuple
    allow: tuple
    short: int
    notes: re.Pattern | None
    sources: tuple              # 来源, 本文来自: a label that names where the text came from
    page: "_Page"


def build_vendor(voc: dict) -> _Vocab:
    key = (tuple(voc.get("site_suffixes", [])), tuple(voc.get("soft_site_suffixes", [])),
           tuple(voc.get("sales", [])), tuple(voc.get("soft_sales", [])))
    sales = [p for p in voc.get("sales_patterns", []) if p]
    worded = [("sales", _compile_patterns("sales_patterns", sales))] if sales else []
    worded += [("seller", _compile_patterns("seller_patterns", [p]))
               for p in dict.fromkeys(voc.get("seller_patterns", [])) if p]
    stems = [w for w in voc.get("site_stems", []) if w]
    site_names = re.compile(rf"(?:{_alt(stems)})[{_HAN}A-Za-z0-9]{{0,3}}?(?:网|網|站)(?![{_HAN}])") \
        if stems else None
    trigger, kinds = _compile_vendor(key)
    worded = Scans(worded)
    # one scan for where a trigger or a worded pattern may start (a scan of the whole text each
    # would cost as much as both together)
    starts = Starts([worded.guard.pattern] if worded.guard is not None else [], words=kinds)  # (the trigger: a trie of kinds)
    return _Vocab(
        (trigger, kinds, starts),
        frozenset(w[0] for w in kinds),
        worded,
        site_names,
        not any("\n" in w for w in stems),
        tuple(sorted(set(voc.get("soft_sales_subjects", [])), key=len, reverse=True)),
        tuple(d.lower() for d in voc.get("allow_domains", [])), int(voc.get("short_line", 40)),
        _compile_words(tuple(voc.get("draft_notes", []))),
        tuple(w for w in voc.get("source_labels", []) if w), _Page.build(voc))


class VendorResidueRule(Rule):
    name = "vendor-residue"
    weight = 64

    def check(self, doc, ctx):
        voc = ctx.vocab("vendor", build_vendor)
        short, notes = voc.short, voc.notes
        text = doc.text
        starts = doc.line_starts

        hits: dict[int, list] = {}  # block index -> [(kind, start, end)]
        for kind, start, end in _scan(voc, text):
            line = doc.position(start)[0] - 1
            hits.setdefault(line, []).append((kind, start, end))

        fired: dict[int, list] = {}
        for i, hs in hits.items():
            block = doc.blocks[i]
            kinds = {k for k, _, _ in hs}
            strong = kinds & STRONG_KINDS
            weak = kinds & WEAK_KINDS
            if strong:
                fired[i] = hs
                continue
            if not weak:
                continue
            contact = weak & CONTACT_WEAK
            if contact and (len(contact) >= 2 or kinds & CONTACT_KINDS):
                # two kinds of contact details ("QQ … www.…", "微信：… 电话：…"), wherever they stand
                fired[i] = hs
                continue
            if block.kind == "table" or not is_short(block.text, short):
                # in a sentence of a report, one web address, a 关注公众号 or 仅供参考 is no advert
                continue
            rest = _rest(block.text, hs, starts[i])
            if any(_alone(k, block, rest, s - starts[i], e - starts[i], notes, voc.sources) for k, s, e in hs):
                fired[i] = hs
        # Page furniture that came with a copied web page: 发布时间：… 查看人数：…, breadcrumbs, 第1页共10页 …
        page: dict[int, tuple] = {}
        # the lines holding a page count, from one scan of the whole text (its matches stay on a line)
        numbered = {doc.position(m.start())[0] - 1 for m in voc.page.page_no.finditer(text)}
        long, maybe = short * 2, voc.page.maybe.search
        for i, block in enumerate(doc.blocks):
            t = block.text
            if not t or i in fired:
                continue
            if i in numbered:
                got = voc.page.find(block, short, True)
            elif (len(t) <= long or is_short(t, long)) and maybe(t) and t.strip():
                got = voc.page.find(block, short, False)  # (Page.find asks for maybe too: the few lines that have it)
            else:
                continue
            if got:
                page[i] = got
        if not fired and not page:
            return
        # An advert block: short lines next to advert lines that carry contact details
        # ("客服电话：…") belong to it, blank lines between them included.
        for i in sorted(fired):
            for step in (-1, 1):
                j = i + step
                while 0 <= j < len(doc.blocks):
                    if not doc.blocks[j].text.strip():
                        j += step
                        continue
                    if j in fired or not ({k for k, _, _ in hits.get(j, ())} & _BLOCK_KINDS) \
                            or not is_short(doc.blocks[j].text, short) or doc.blocks[j].kind != doc.blocks[i].kind \
                            or doc.blocks[j].kind == "table":
                        break
                    fired[j] = hits[j]
                    j += step
        block_lines = _advert_block(doc, set(fired) | {i for i, g in page.items() if g[2] != "page-number"}, voc)
        for i in sorted(set(fired) | set(page) | block_lines):
            block = doc.blocks[i]
            if i in fired:
                yield self._advert(doc, ctx, block, fired[i], starts[i])
            elif i in page:
                a, b, what = page[i]
                msg = ctx.say("随网页一起复制来的页面元素（{w}）：不属于报告，提交前删除",
                              "page furniture that came with a copied web page ({w}): not part of the report, delete it",
                              w=ctx.say(*_PAGE_LABELS[what]))
                yield ctx.finding_at(doc, self.name, block.line, a + 1, b + 1, msg, shape="page", page=what)
            else:
                a, b = _span(block.text, 0, len(block.text.rstrip(_SPACE)))
                msg = ctx.say("与相邻几行出售方广告同属一块（文件开头或末尾的广告区）：提交前删除",
                              "part of the seller's advert block around it (at the top or bottom of the file): "
                              "delete it before submitting")
                yield ctx.finding_at(doc, self.name, block.line, a + 1, b + 1, msg, shape="advert-block")

    def _advert(self, doc, ctx, block, hs, base):
        text = doc.text
        hs = sorted(hs, key=lambda h: h[1])
        a, b = _span(block.text, hs[0][1] - base, hs[-1][2] - base)
        shown = []
        for kind, s, e in hs:
            label = ctx.say(*_LABELS[kind])
            item = ctx.say("{l}“{t}”", "{l} “{t}”", l=label, t=text[s:e])
            if item not in shown:
                shown.append(item)
        what = ctx.say("、", ", ").join(shown[:3])
        msg = ctx.say("模板出售方留下的水印或广告（{w}）：提交前删除",
                      "a template seller's watermark or advert ({w}): delete it before submitting", w=what)
        return ctx.finding_at(doc, self.name, block.line, a + 1, b + 1, msg,
                              marks=sorted({k for k, _, _ in hs}))


def _scan(voc, text):
    """(kind, start, end) of every advert mark in ``text``: a few passes of fast scans, then a
    closer look at each of the few places they stop."""
    subjects, allow = voc.subjects, voc.allow
    out = []
    done = 0  # a contact shape may run past later triggers (www.x.com): don't count those twice
    trigger, kinds, starts = voc.scan
    found = starts.positions(text)
    for m in trigger.finditer(text) if found is None else finditer_at(trigger, text, found, 0, voc.scan_firsts):
        start, end = m.span()
        if start < done:
            continue
        kind = kinds[m.group()]
        if kind in _CONTACT_RE:
            hit = _contact(kind, text, start, allow)
            if hit is None:
                continue  # "关注" that is not "关注公众号", "微信" with no ID after it …
            kind, start, end = hit
            done = end
        elif kind in ("site", "soft_site"):
            name_start = _extend_left(text, start, _NAME_CHAR, 10)
            if kind == "soft_site" and (name_start == start or not _SITE_END.match(text, end)):
                continue  # "文库" with no name before it, or a name that runs on ("维基文库社群")
            start = name_start
        elif kind == "soft_sales" and _ends_with(text, start, subjects):
            kind = "sales"
        out.append((kind, start, end))
    for m in _PHONE.finditer(text):
        if m.start() and text[m.start() - 1].isdigit():
            continue
        # a seller's service number: 客服电话：…, or a 400 number
        label = text[max(0, m.start() - 10):m.start()].rsplit("\n", 1)[-1]
        kind = "service" if ("客服" in label or m.group().startswith("400")) else "phone"
        out.append((kind, m.start(), m.end()))
    for kind, matches in voc.worded.each(text, found):  # one scan each, led by fixed characters (patterns.Scans)
        out.extend((kind, m.start(), m.end()) for m in matches)
    if voc.site_names is not None:
        named = [(s, e) for k, s, e in out if k in ("site", "soft_site")]
        for m in _on_lines_with(voc.site_names, text, _SITE_ENDS if voc.site_ends else ""):
            start = _extend_left(text, m.start(), _NAME_CHAR, 6)
            if not _SITE_END.match(text, m.end()) or any(s < m.end() and m.start() < e for s, e in named):
                continue
            out.append(("soft_site", start, m.end()))
    out.sort(key=lambda h: h[1])
    return out


def _on_lines_with(pattern, text, chars):
    """``pattern.finditer(text)``, run only on the lines holding one of ``chars``, which every match
    of ``pattern`` holds, none running over a line's end; the whole text when ``chars`` is empty.
    A few quick scans for single characters save a slow scan of the whole text."""
    if not chars:
        yield from pattern.finditer(text)
        return
    lines = set()
    for c in chars:
        i = text.find(c)
        while i >= 0:
            e = text.find("\n", i)
            e = len(text) if e < 0 else e
            lines.add((text.rfind("\n", 0, i) + 1, e))
            i = text.find(c, e)
    for s, e in sorted(lines):
        yield from pattern.finditer(text, s, e)


def _contact(kind, text, start, allow):
    m = _CONTACT_RE[kind].match(text, start)
    if m is None:
        return None
    end = m.end()
    before = text[start - 1] if start else "\n"
    if kind == "qq":
        if before.isascii() and before.isalpha():
            return None
    elif kind == "gzh_label":
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip(_SPACE):
            return None  # "开通微信公众号：" in a sentence is not a label
        kind = "gzh"
    elif kind == "url":
        if before.isascii() and (before.isalnum() or before in "./@_-"):
            return None
        if _allowed_url(text[start:end], allow):
            return None
    elif kind == "domain":
        name = _extend_left(text, start, _HOST_CHAR, 120)
        if name == start or text[name - 1:name] in ("@", "/", "_") or text[name] in ".-":
            return None
        start, kind = name, "url"
        if _allowed_url(text[start:end], allow):
            return None
    elif kind == "email":
        user = _extend_left(text, start, _USER_CHAR, 64)
        if user == start:
            return None
        start = user
    return kind, start, end


def vendor_marks(value: str, ctx) -> list[str]:
    """The advert marks in a short string such as a document property, labelled for a message.

    Phone numbers and e-mail addresses alone are not advert marks."""
    voc = ctx.vocab("vendor", build_vendor)
    out = []
    for kind, s, e in _scan(voc, value):
        if kind in CONTACT_KINDS:
            continue
        item = ctx.say("{l}“{t}”", "{l} “{t}”", l=ctx.say(*_LABELS[kind]), t=value[s:e])
        if item not in out:
            out.append(item)
    return out


def _rest(line, hits, base) -> str:
    """What a line says besides its advert marks and punctuation."""
    out, pos = [], 0
    for _k, s, e in sorted(hits, key=lambda h: h[1]):
        s, e = s - base, e - base
        if s > pos:
            out.append(line[pos:s])
        pos = max(pos, e)
    out.append(line[pos:])
    return "".join(c for c in "".join(out) if c not in _SPACE and c not in _PUNCT)


def _alone(kind, block, rest, a, b, notes, sources=()) -> bool:
    """Whether one weak mark makes a short line an advert by itself (table cells are short by
    nature: a contact table's "QQ：…" cell is not an advert)."""
    if kind == "soft_sales":
        # "（仅供参考）", "欢迎下载！": the line is the wording and little else; a sentence
        # ("以上测算数据仅供参考，…") or the drafter's own note ("（征求意见稿，仅供参考）") is not
        return len(rest) <= 4 and (notes is None or not notes.search(block.text))
    if kind == "soft_site":
        # "青禾文库" standing alone, or in a header or footer; not a heading such as
        # "（五）建设乡村数字文库"
        # "来源：青禾作文网": the name after a source label is a site's too
        return block.kind in ("header", "footer") or ((not rest or rest in sources) and b - a <= 8)
    if kind in CONTACT_WEAK:
        # "客服QQ：…", "网址：www.…": the line is the contact detail and a label, not a sentence
        # that mentions a web address ("登录www.12306.cn下载购票软件，…")
        return len(rest) <= _LABEL_CHARS
    return False  # a phone number or an e-mail address alone is no advert


_LABEL_CHARS = 12


_PUNCT = "，,。.、；;：:！!？?（）()【】[]「」“”\"'《》<>—-_|/·•…~"


def _allowed_url(url: str, allow) -> bool:
    host = re.sub(r"^(?:https?://)", "", url.lower()).split("/", 1)[0].split(":", 1)[0].rstrip(".")
    for d in allow:
        d = d.lstrip(".")
        if host == d or host.endswith("." + d):
            return True
    return False


def _ends_with(text, start, words) -> bool:
    before = text[max(0, start - 6):start].rstrip(_SPACE + "，,：:")
    return any(before.endswith(w) for w in words)


def is_short(line: str, limit: int) -> bool:
    """At most ``limit`` characters, spaces aside."""
    if len(line) <= limit:
        return True
    # more than ``limit`` characters with no space among them after the indent: long, without
    # counting the spaces of a whole paragraph
    head = line.lstrip(_SPACE)[:limit + 1]
    if len(head) > limit and " " not in head and "\u3000" not in head and "\t" not in head and "\u00a0" not in head:
        return False
    # the characters of _SPACE, counted one by one (no generator: this runs for every line)
    return len(line) - line.count(" ") - line.count("\t") - line.count("\u3000") - line.count("\u00a0") <= limit


def _span(line: str, a: int, b: int) -> tuple[int, int]:
    """The part of a line to report: the sentences holding the hits (all of an advert line)."""
    lead = len(line) - len(line.lstrip(_SPACE))
    tail = len(line.rstrip(_SPACE))
    s = a
    while s > lead and line[s - 1] not in _SENTENCE_END:
        s -= 1
    e = b
    while e < tail and line[e - 1] not in _SENTENCE_END:
        e += 1
    while e < tail and line[e] in "）)】]」』”\"'》":
        e += 1  # the bracket or quote that closes the sentence: （…您需要先登录！）
    while s < e and line[s] in _SPACE:
        s += 1
    return s, max(e, s + 1)


# ---------------------------------------------------------------------------
# Page furniture: what a web page puts around an article, copied with it.

_PAGE_LABELS = {
    "meta": ("发布时间、浏览量等页面信息", "the page's date, views and the like"),
    "published": ("发布日期", "the page's publication date"),
    "size": ("文件大小", "the file size"),
    "tags": ("标签", "the page's tags"),
    "breadcrumb": ("网站导航路径", "the site's breadcrumb trail"),
    "page-number": ("网页或文库的页码", "the web page's or document library's page count"),
    "nav": ("网页导航", "the page's navigation"),
    "article-number": ("网页上的“第几篇”", "the page's article number"),
    "collection-title": ("网页上合集的标题", "the title of the page's collection"),
}
_NUM = "0-9０-９一二三四五六七八九十百零〇两"
_DATETIME = (r"(?:19|20)[0-9]{2}[-/.年](?:0?[1-9]|1[0-2])[-/.月](?:0?[1-9]|[12][0-9]|3[01])日?"
             r"(?:[ \t\u3000T]*[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?)?")
_WEB_DATE = re.compile(r"(?:19|20)[0-9]{2}[-/](?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12][0-9]|3[01])"
                       r"|[0-9]{1,2}:[0-9]{2}:[0-9]{2}")
_LEAD = r"^[ \t\u3000\-–—•·*>]*"
_COUNTER = re.compile(r"(?:浏览|瀏覽|阅读|閱讀|点击|點擊|人气|人氣|评论|評論|收藏|点赞|點讚|下载|下載)"
                      r"[ \t\u3000]*[:：]?[ \t\u3000]*[0-9]+[ \t\u3000]*(?:次|人|条|條)?(?![0-9])")
_ENUM = re.compile(rf"^[ \t\u3000]*(?:[（(][{_NUM}]+[）)]|[{_NUM}]+[、.．]|[{_NUM}]+是)")
_SENTENCE = re.compile(r"[。！？!?；;]")
_CRUMB_SEP = re.compile(r"[>＞»›]")


class _Page(NamedTuple):
    """Page furniture's shapes (the ``vendor`` section's page words), compiled once per run."""

    page_no: Scan                   # 第1页共10页: the whole text's scan (.pattern for one line)
    tags: re.Pattern
    published: re.Pattern
    size: re.Pattern
    labels: re.Pattern | None       # web-only labels: 发布时间：, 查看人数：, 热度：
    generic: re.Pattern | None      # labels a report may use too: 时间：, 作者：, 来源：
    words: re.Pattern | None        # 我要投稿, 上一篇, 相关推荐, 阅读全文, 栏目
    position: re.Pattern | None     # 当前位置：
    crumbs: tuple                   # words of a breadcrumb's parts: 首页, 大全, 总结 …
    article: re.Pattern | None      # 第1篇 …工作总结
    collection: re.Pattern | None   # …述职报告十二篇, …(三篇), …篇一, …总结范文
    titles: tuple
    maybe: re.Pattern               # what every shape below needs one of: a colon, a digit, >, 篇 …

    @staticmethod
    def build(voc) -> "_Page":
        titles = tuple(w for w in voc.get("title_words", []) if w)
        t = _alt(titles) or "(?!)"
        words = [w for w in voc.get("page_words", []) if w]
        marks_list = [w for w in voc.get("collection_marks", []) if w]
        marks = _alt(marks_list) or "(?!)"
        n = f"[{_NUM}]+"
        return _Page(
            page_no=Scan(rf"第[ \t\u3000]*[0-9０-９]+[ \t\u3000]*[页頁][ \t\u3000/,，、]*共[ \t\u3000]*[0-9０-９]+[ \t\u3000]*[页頁]"
                               rf"|共[ \t\u3000]*[0-9０-９]+[ \t\u3000]*[页頁][ \t\u3000/,，、]*第[ \t\u3000]*[0-9０-９]+[ \t\u3000]*[页頁]"),
            tags=re.compile(rf"{_LEAD}(?:Tags?|TAGS?|tags?|标签|標籤)[ \t\u3000]*[:：]"),
            published=re.compile(rf"{_LEAD}(?:(?:发布|發佈|發布|发表|發表|更新|上传|上傳)(?:于|於|时间|時間)?[:：]?[ \t\u3000]*{_DATETIME}"
                                 rf"|{_DATETIME}[ \t\u3000]*(?:发布|發佈|發布|发表|發表|更新|上传|上傳))[ \t\u3000。.]*$"),
            size=re.compile(rf"{_LEAD}[0-9]+(?:\.[0-9]+)?[ \t\u3000]*(?:KB|MB|GB|kb|mb|Kb|K|M|字节|位元組)[ \t\u3000]*$"),
            labels=re.compile(rf"(?:{_alt(voc.get('page_labels', []))})[ \t\u3000]*[:：]") if voc.get("page_labels") else None,
            generic=re.compile(rf"(?:{_alt(voc.get('page_generic_labels', []))})[ \t\u3000]*[:：]")
            if voc.get("page_generic_labels") else None,
            words=re.compile(_alt(words)) if words else None,
            position=re.compile(rf"{_LEAD}(?:{_alt(voc.get('position_words', []))})[ \t\u3000]*[:：]")
            if voc.get("position_words") else None,
            crumbs=tuple(w for w in (*titles, *voc.get("crumb_words", [])) if w),
            article=re.compile(rf"{_LEAD}第{n}篇[ \t\u3000:：、.．]*(?P<t>.*?(?:{t}))[0-9０-９]*字?[ \t\u3000]*$") if titles else None,
            collection=re.compile(
                rf"(?:[（(【\[][^（）()【】\[\]]{{0,6}}?{n}篇[^（）()【】\[\]]{{0,4}}[）)】\]]"
                rf"|(?:{t})(?:{marks})?{n}篇"
                rf"|篇[0-9０-９一二三四五六七八九十]{{1,3}}"
                rf"|(?:{t})(?:范文|範文|模板|范本|範本)(?:{n}篇|大全|精选|精選)?"
                rf"|[（(【\[](?:{marks})+[^（）()【】\[\]]{{0,4}}[）)】\]])[ \t\u3000]*$"),
            titles=titles,
            # a label's colon (tags, position, meta), an ASCII digit (dates, sizes, counters), a
            # breadcrumb's >, 篇 (article numbers, collections), a template word, a page word, a mark
            # (a trie: searched on every short line, it is tried at each position of the line)
            maybe=re.compile(_trie([*":：0123456789>＞»›篇", "范文", "範文", "模板", "范本", "範本", *words, *marks_list])),
        )

    def find(self, block, short, numbered=None):
        """(start, end, what) of the page furniture on a line, or None. ``numbered``: whether the
        line holds a page count (``page_no``), when a scan of the whole text has told already."""
        line = block.text
        if block.kind in ("header", "footer"):
            return None  # a header's 第1页共10页 is the document's own page count
        m = self.page_no.pattern.search(line) if numbered is not False else None
        if m:
            return m.start(), m.end(), "page-number"
        if len(line) > short * 2 and not is_short(line, short * 2) or not self.maybe.search(line):
            return None
        lead = len(line) - len(line.lstrip(_SPACE))
        end = len(line.rstrip(_SPACE))
        whole = (lead, max(end, lead + 1))
        if self.tags.match(line):
            return (*whole, "tags")
        if self.published.match(line):
            return (*whole, "published")
        if self.size.match(line):
            return (*whole, "size")
        if self.position is not None and self.position.match(line) or self._breadcrumb(line):
            return (*whole, "breadcrumb")
        if self._meta(line):
            return (*whole, "meta")
        if self._nav(line, short):
            return (*whole, "nav")
        if block.kind == "table" or not is_short(line, short) or _SENTENCE.search(line) or _ENUM.match(line):
            return None
        if self.article is not None and self.article.match(line):
            return (*whole, "article-number")
        if self.collection.search(line):
            return (*whole, "collection-title")
        return None

    def _breadcrumb(self, line) -> bool:
        if _CRUMB_SEP.search(line) is None:
            return False  # one part
        parts = [p.strip(_SPACE) for p in _CRUMB_SEP.split(line)]
        if len(parts) < 3 or not all(0 < len(p) <= 15 for p in parts) or _SENTENCE.search(line):
            return False
        return any(p.endswith(self.crumbs) or p in ("首页", "首頁", "主页", "主頁", "网站首页", "網站首頁")
                   for p in parts)

    def _meta(self, line) -> bool:
        """发布时间：2024-11-14 查看人数：50 / 时间:2019-05-13 04:10:06 作者:会员上传"""
        if "：" not in line and ":" not in line and "-" not in line and "/" not in line:
            return False  # every shape below needs a label's colon or a web date's - / :
        if self.labels is not None and self.labels.search(line):
            return True
        if _COUNTER.search(line) and (_WEB_DATE.search(line) or self.generic is not None and self.generic.search(line)):
            return True  # 阅读：1234 beside 2024-11-14 or 作者：…
        if self.generic is None:
            return False
        generic = len(self.generic.findall(line))
        return generic >= 1 and bool(_WEB_DATE.search(line)) and (
            generic >= 2 or (self.words is not None and self.words.search(line) is not None))

    def _nav(self, line, short) -> bool:
        """相关推荐 / 上一篇：… / 我要投稿: a line of the page's navigation."""
        if self.words is None or not is_short(line, short):
            return False
        m = self.words.search(line)
        if m is None:
            return False
        stripped = line.strip(_SPACE + "-–—•·*>【】[]「」")
        if stripped.startswith(m.group()):
            after = stripped[len(m.group()):len(m.group()) + 1]
            if after in ("", ":", "：", " ", "\u3000", ">", "》", "|", "｜"):
                return True
        rest = self.words.sub("", line)
        rest = "".join(c for c in rest if c not in _SPACE and c not in _PUNCT and not c.isdigit())
        return len(rest) <= 2


def _has_any(line, words) -> bool:
    return any(w in line for w in words)


def _report_start(doc, marked, voc) -> int:
    """Index of the report's own first line (its title, its salutation or its first paragraph)."""
    titles = voc.page.titles
    for i, block in enumerate(doc.blocks):
        t = block.text.strip(_SPACE)
        if not t or i in marked or block.kind != "body":
            continue
        if not is_short(t, voc.short):
            return i  # prose
        if t.endswith(("：", ":")) and len(t) <= 20:
            return i  # 各位代表：
        if titles and _has_any(t, titles):
            return i  # the title
    return len(doc.blocks)


def _advert_block(doc, marked: set, voc) -> set:
    """Lines of an advert block at the top or bottom of the file that carry no mark of their own
    (a slogan, a membership offer, 【严禁转卖】): between two marked lines of one block, and around
    them up to the report's own first line (at the top) or the end of the file (at the bottom).
    A block is two marked lines or more with at most ``_BLOCK_GAP`` unmarked lines between them."""
    out: set[int] = set()
    if len(marked) < 2:
        return out

    def candidate(i):
        b = doc.blocks[i]
        t = b.text.strip(_SPACE)
        return (i not in marked and b.kind == "body" and is_short(t, voc.short)
                and not (voc.notes is not None and voc.notes.search(t)) and not _SENTENCE.search(t[:-1])
                and not any(d in t.lower() for d in voc.allow if "." in d))  # the office's own web address

    filled = [i for i, b in enumerate(doc.blocks) if b.text.strip(_SPACE)]
    start = _report_start(doc, marked, voc)
    # the top: from the first line to the report's own first line, when it starts with an advert
    top = [k for k, i in enumerate(filled) if i < start]
    if top and sum(filled[k] in marked for k in top) >= 2 and any(filled[k] in marked for k in top[:_BLOCK_GAP + 1]):
        out.update(filled[k] for k in top if candidate(filled[k]))
    # the bottom: the trailing lines after the report's last line that is neither marked nor short
    k = len(filled) - 1
    while k >= 0 and filled[k] >= start and (filled[k] in marked or candidate(filled[k])):
        k -= 1
    tail = [filled[x] for x in range(k + 1, len(filled))]
    marks = [i for i in tail if i in marked]
    if len(marks) >= 2:
        out.update(i for i in tail if i > marks[0] and i not in marked)
    return out


_BLOCK_GAP = 3
