"""Template residue in the text: `vendor-residue` and `missing-name`.

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

`missing-name` finds a sentence broken where a name was deleted from its
slot ("关于镇2020年工作总结", "其中村、村", "把打造成", "结合的镇史",
"打造了青光、两个精品村"). Each shape is narrow on purpose: a false alarm
costs more than a miss, and the finding is only info.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.rules import Rule

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACE = " \t\u3000\u00a0"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


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
_PHONE = re.compile(r"(?:1[3-9][0-9]{9}|0[0-9]{2,3}[-－—]?[0-9]{7,8}|400[-－]?[0-9]{3}[-－]?[0-9]{4})(?![0-9])")
_NAME_CHAR = re.compile(rf"[{_HAN}A-Za-z0-9]")
_HOST_CHAR = re.compile(r"[-A-Za-z0-9.]")
_USER_CHAR = re.compile(r"[A-Za-z0-9._%+-]")
_SITE_END = re.compile(rf"$|[^{_HAN}]|整理|提供|出品|收集|独家|獨家|原创|原創|发布|發佈|發布|网址|網址", re.M)

# What pulls a short line next to an advert line into the advert: contact details and site names.
_BLOCK_KINDS = {"qq", "wechat", "gzh", "url", "email", "phone", "soft_site"}
# Contact details that make a short line an advert by themselves.
CONTACT_WEAK = {"qq", "wechat", "gzh", "url"}
WEAK_KINDS = {"qq", "wechat", "gzh", "url", "soft_site", "soft_sales"}
CONTACT_KINDS = {"email", "phone"}
STRONG_KINDS = {"site", "sales"}

_LABELS = {
    "site": ("网站名", "site name"),
    "soft_site": ("网站名", "site name"),
    "sales": ("推销用语", "sales wording"),
    "soft_sales": ("推销用语", "sales wording"),
    "qq": ("QQ号", "QQ number"),
    "wechat": ("微信号", "WeChat ID"),
    "gzh": ("公众号推广", "an account to follow"),
    "url": ("网址", "web address"),
    "email": ("电子邮箱", "e-mail address"),
    "phone": ("电话号码", "phone number"),
}

_SENTENCE_END = "。！？!?；;\n"


def _trie(words) -> str:
    """A regular expression for a set of fixed strings, shared prefixes factored (fast to scan)."""
    root: dict = {}
    for word in set(words):
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node):
        keys = sorted(k for k in node if k)
        if not keys:
            return ""
        alts = [re.escape(k) + build(node[k]) for k in keys]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


@lru_cache(maxsize=8)
def _compile_vendor(key):
    """The trigger scan and what each trigger is: {string: kind}."""
    sites, soft_sites, sales, sales_patterns, soft_sales = key
    kinds: dict[str, str] = {}
    for kind, words in (("soft_sales", soft_sales), ("soft_site", soft_sites), ("site", sites),
                        ("sales", sales)):
        for w in words:
            kinds[w] = kind
    for kind, (starts, _pattern) in _CONTACT.items():
        for w in starts:
            kinds.setdefault(w, kind)
    trigger = re.compile(_trie(kinds))
    for p in sales_patterns:
        try:
            re.compile(p)
        except re.error as e:
            raise ValueError(f"[vendor] sales_patterns: 无效的正则表达式 / invalid regular expression {p!r}: {e}") from None
    patterns = re.compile("|".join(f"(?:{p})" for p in sales_patterns)) if sales_patterns else None
    return trigger, kinds, patterns


def _extend_left(text, start, char_re, limit):
    """Where a name that ends at ``start`` begins: up to ``limit`` characters of ``char_re``."""
    s = start
    while s > 0 and start - s < limit and text[s - 1] != "\n" and char_re.match(text[s - 1]):
        s -= 1
    return s


@lru_cache(maxsize=8)
def _compile_words(words):
    return re.compile(_alt(words)) if words else None


class VendorResidueRule(Rule):
    name = "vendor-residue"

    def check(self, doc, ctx):
        voc = ctx.section("vendor")
        scan, subjects, allow, short = _tools(voc)
        notes = _compile_words(tuple(voc.get("draft_notes", [])))
        text = doc.text
        starts = doc.line_starts

        hits: dict[int, list] = {}  # block index -> [(kind, start, end)]
        for kind, start, end in _scan(scan, text, subjects, allow):
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
            if block.kind == "table" or not _is_short(block.text, short):
                # in a sentence of a report, one web address, a 关注公众号 or 仅供参考 is no advert
                continue
            rest = _rest(block.text, hs, starts[i])
            if any(_alone(k, block, rest, s - starts[i], e - starts[i], notes) for k, s, e in hs):
                fired[i] = hs
        if not fired:
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
                            or not _is_short(doc.blocks[j].text, short) or doc.blocks[j].kind != doc.blocks[i].kind \
                            or doc.blocks[j].kind == "table":
                        break
                    fired[j] = hits[j]
                    j += step
        for i in sorted(fired):
            block = doc.blocks[i]
            hs = sorted(fired[i], key=lambda h: h[1])
            base = starts[i]
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
            yield ctx.finding_at(doc, self.name, block.line, a + 1, b + 1, msg,
                                 marks=sorted({k for k, _, _ in hs}))


def _tools(voc):
    patterns = tuple(p for p in voc.get("sales_patterns", []) if p)
    key = (tuple(voc.get("site_suffixes", [])), tuple(voc.get("soft_site_suffixes", [])),
           tuple(voc.get("sales", [])), patterns, tuple(voc.get("soft_sales", [])))
    scan = _compile_vendor(key)
    subjects = tuple(sorted(set(voc.get("soft_sales_subjects", [])), key=len, reverse=True))
    allow = tuple(d.lower() for d in voc.get("allow_domains", []))
    return scan, subjects, allow, int(voc.get("short_line", 40))


def _scan(scan, text, subjects, allow):
    """(kind, start, end) of every advert mark in ``text``: three passes of fast scans, then a
    closer look at each of the few places they stop."""
    trigger, kinds, patterns = scan
    out = []
    done = 0  # a contact shape may run past later triggers (www.x.com): don't count those twice
    for m in trigger.finditer(text):
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
        out.append(("phone", m.start(), m.end()))
    if patterns is not None:
        out.extend(("sales", m.start(), m.end()) for m in patterns.finditer(text))
    out.sort(key=lambda h: h[1])
    return out


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
    scan, subjects, allow, _short = _tools(ctx.section("vendor"))
    out = []
    for kind, s, e in _scan(scan, value, subjects, allow):
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


def _alone(kind, block, rest, a, b, notes) -> bool:
    """Whether one weak mark makes a short line an advert by itself (table cells are short by
    nature: a contact table's "QQ：…" cell is not an advert)."""
    if kind == "soft_sales":
        # "（仅供参考）", "欢迎下载！": the line is the wording and little else; a sentence
        # ("以上测算数据仅供参考，…") or the drafter's own note ("（征求意见稿，仅供参考）") is not
        return len(rest) <= 4 and (notes is None or not notes.search(block.text))
    if kind == "soft_site":
        # "青禾文库" standing alone, or in a header or footer; not a heading such as
        # "（五）建设乡村数字文库"
        return block.kind in ("header", "footer") or (not rest and b - a <= 8)
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


def _is_short(line: str, limit: int) -> bool:
    n = 0
    for ch in line:
        if ch not in _SPACE:
            n += 1
            if n > limit:
                return False
    return True


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
    while s < e and line[s] in _SPACE:
        s += 1
    return s, max(e, s + 1)


# ---------------------------------------------------------------------------
# missing-name

_CN_NUM = "两兩二三四五六七八九十"


@lru_cache(maxsize=8)
def _compile_missing(key):
    units, word_after, clause_verbs, build_verbs, categories = key
    u = _alt(units)
    parts = [
        # 关于镇2020年…: a unit word with nothing naming it, straight before a year
        rf"(?P<about>(?:关于|關於|对于|對於)(?P<u1>{u})(?=(?:19|20)[0-9]{{2}}|[１２][０-９]{{3}}|二[〇○零]|20[Xx]))",
        # 其中村、村突破…: two bare units of one kind in a row (what comes before is checked in Python)
        rf"(?P<pair>(?P<u3>[镇鎮乡鄉村县縣区區])、(?P=u3)(?![{_alt(word_after)}]))",
        # 把打造成…: 把 needs an object; 将建打造成…: two verbs glued where the object was
        rf"(?P<ba>把(?:{_alt(build_verbs)})成(?![果效绩績就本员員熟功区區型]))",
        rf"(?P<glued>(?:将|將|把)(?:建|打造)(?:打造|建设|建設)成)",
        # ，结合的镇史…: a verb that takes an object, at the start of a clause, straight before 的
        rf"(?P<clause>(?:{_alt(clause_verbs)})的(?![是就正还還都不也乃])(?=[{_HAN}]))",
        # 打造了青光、两个精品村: a list whose count is one more than its items
        rf"(?P<count>、(?P<n>[{_CN_NUM}])(?:个|個|大)(?P<cat>[{_HAN}]{{1,5}}?)(?=[，,。；;：:）)\n]|$))",
    ]
    title = re.compile(rf"[ \t\u3000]*(?P<u>{u})(?=(?:19|20)[0-9]{{2}}年|二[〇○零][一二三四五六七八九〇○零]{{2}}年)")
    # One scan per shape: each starts with a fixed character or word, which a single scan can
    # skip to quickly; an alternation of them all could not.
    return [re.compile(p) for p in parts], title


_CLAUSE_START = set("，,。；;：:、（(“「\n")
_NUMS = {"两": 2, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CLAUSE_STOP = "，,。；;：:（(\n！？!?"
_ITEM = re.compile(rf"(?:了|^)([{_HAN}]{{2,4}})$")


class MissingNameRule(Rule):
    name = "missing-name"

    def check(self, doc, ctx):
        voc = ctx.section("missing_name")
        key = (tuple(voc.get("units", [])), tuple(voc.get("unit_word_after", [])),
               tuple(voc.get("clause_verbs", [])), tuple(voc.get("build_verbs", [])),
               tuple(voc.get("categories", [])))
        if not all(key[:4]):
            return
        regexes, title = _compile_missing(key)
        categories = tuple(voc.get("categories", []))
        short = int(ctx.section("vendor").get("short_line", 40))
        text = doc.text
        spans = []
        # a title that starts with the bare unit and a year: 镇2020年工作总结
        for block, base in zip(doc.blocks, doc.line_starts):
            if block.text[:1] in "镇鎮乡鄉村县縣区區市街社" or block.text[:1] in _SPACE:
                m = title.match(block.text)
                if m and _is_short(block.text, short):
                    spans.append((base + m.start("u"), base + m.end("u"), "title"))
        for m in (m for regex in regexes for m in regex.finditer(text)):
            kind = m.lastgroup
            start, end = m.span()
            before = text[start - 1] if start else "\n"
            if kind == "pair":
                if not (before in _CLAUSE_START or text[max(0, start - 2):start] == "其中"):
                    continue
            elif kind == "clause":
                if before not in _CLAUSE_START:
                    continue
            elif kind == "count":
                if not _count_gap(text, m, categories):
                    continue
                end = start + 1
            spans.append((start, end, kind))
        for start, end, kind in sorted(spans):
            shown = text[start:end]
            msg = ctx.say("“{t}”处似乎缺了名称（原模板的占位符被删掉而未填写），句子不完整：请补上名称",
                          "a name seems to be missing at “{t}” (a template slot deleted instead of filled): add it",
                          t=shown)
            yield ctx.finding(doc, self.name, start, end, msg, shape=kind)


def _count_gap(text: str, m, categories) -> bool:
    """打造了青光、两个精品村: n items announced, n-1 named, and the last named one a bare name."""
    n = _NUMS.get(m.group("n"))
    start = m.start("count")
    s = start
    while s > 0 and text[s - 1] not in _CLAUSE_STOP:
        s -= 1
    clause = text[s:start]
    segs = clause.split("、")
    if n is None or n != len(segs) + 1:
        return False
    for seg in segs:
        if not seg or any(c.isdigit() or c in _CN_NUM or c == "一" for c in seg[-4:]):
            return False  # a parallel list of counts: 一个中心、两个基本点
    last = _ITEM.search(segs[-1])
    if last is None:
        return False
    for seg in segs[1:]:
        if not re.fullmatch(rf"[{_HAN}]{{2,4}}", seg):
            return False
    item = last.group(1)
    # A named item that already says what it is (青山村) is an item of its own, not one of
    # the n the count sums up: "覆盖青山村、两个社区" is fine.
    return not any(seg.endswith(categories) for seg in segs[:-1] + [item])
