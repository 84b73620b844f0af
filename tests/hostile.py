"""Hostile inputs, built in code (no binary fixtures): the failure classes of issue #20.

Each builder returns ``(name, bytes)``; the name's suffix tells the reader what the bytes claim to be.
``tests/test_hostile.py`` runs the small ones; ``tests/bench_hostile.py`` times the big ones.
"""

from __future__ import annotations

import io
import zipfile

from tests.docxfactory import NS, p


def rezip(data: bytes, change: dict[str, bytes | str | None], *, rename: dict[str, str] | None = None) -> bytes:
    """A copy of the .docx ``data`` with parts replaced (None removes one) or renamed."""
    rename = rename or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            if name in change:
                continue
            dst.writestr(rename.get(name, name), src.read(name))
        for name, content in change.items():
            if content is not None:
                dst.writestr(name, content)
    return out.getvalue()


def base_docx(paras=None, **kw) -> bytes:
    """A small .docx as bytes (tests.docxfactory.make_docx into memory)."""
    from tests.docxfactory import make_docx

    buf = io.BytesIO()
    make_docx(buf, paras or [p("某县2025年工作总结"), p("一、工作回顾"), p("全年完成投资XX万元。")], **kw)
    return buf.getvalue()


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def root_rels(*rels: str) -> str:
    return f'<Relationships xmlns="{_PKG}">{"".join(rels)}</Relationships>'


def rel(rid: str, rtype: str, target: str | None, extra: str = "") -> str:
    t = f' Target="{target}"' if target is not None else ""
    return f'<Relationship Id="{rid}" Type="{_REL}/{rtype}"{t}{extra}/>'


# ---- .docx package oddities -----------------------------------------------------------------

def main_part_at_root() -> tuple[str, bytes]:
    """The main part at the zip root (Target="document.xml"), its rels in _rels/document.xml.rels."""
    d = base_docx()
    with zipfile.ZipFile(io.BytesIO(d)) as z:
        doc = z.read("word/document.xml")
        drels = z.read("word/_rels/document.xml.rels").decode().replace('Target="styles.xml"',
                                                                         'Target="word/styles.xml"')
    ct = _read(d, "[Content_Types].xml").decode().replace('PartName="/word/document.xml"', 'PartName="/document.xml"')
    return "根部件.docx", rezip(d, {"word/document.xml": None, "word/_rels/document.xml.rels": None,
                                    "document.xml": doc, "_rels/document.xml.rels": drels, "[Content_Types].xml": ct,
                                    "_rels/.rels": root_rels(rel("rId1", "officeDocument", "document.xml"))})


def rel_without_target() -> tuple[str, bytes]:
    d = base_docx()
    drels = root_rels(rel("rId1", "styles", "styles.xml"), rel("rId9", "header", None),
                      rel("rId10", "footer", "&#x66;ooter1.xml"))
    return "无目标.docx", rezip(d, {"word/_rels/document.xml.rels": drels})


def root_rel_without_target() -> tuple[str, bytes]:
    d = base_docx()
    return "无主目标.docx", rezip(d, {"word/document.xml": None,
                                     "word/main.xml": _read(d, "word/document.xml"),
                                     "_rels/.rels": root_rels(rel("rId1", "officeDocument", None))})


def rel_entity_target() -> tuple[str, bytes]:
    """A relationship whose Target is an internal DTD entity reference."""
    d = base_docx()
    drels = ('<!DOCTYPE Relationships [<!ENTITY t "styles.xml">]>'
             + root_rels(rel("rId1", "styles", "&t;"), rel("rId2", "header", "&t;")))
    return "实体目标.docx", rezip(d, {"word/_rels/document.xml.rels": drels})


def style_chain(n: int) -> tuple[str, bytes]:
    """``n`` paragraph styles, each based on the next; every paragraph uses the first."""
    styles = [f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="s{i}"/>'
              f'<w:basedOn w:val="S{i + 1}"/><w:rPr><w:b/></w:rPr></w:style>' for i in range(n)]
    styles.append(f'<w:style w:type="paragraph" w:styleId="S{n}"><w:name w:val="s{n}"/>'
                  '<w:rPr><w:highlight w:val="yellow"/></w:rPr></w:style>')
    xml = f"<w:styles {NS}>{''.join(styles)}</w:styles>"
    paras = [p("某县2025年工作总结", style="S0")] + [p(f"第{i}项工作已完成。", style="S0") for i in range(200)]
    return "样式链.docx", base_docx(paras, styles=xml)


def style_cycle() -> tuple[str, bytes]:
    styles = ('<w:style w:type="paragraph" w:styleId="A"><w:name w:val="a"/><w:basedOn w:val="B"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="b"/><w:basedOn w:val="A"/></w:style>')
    return "样式环.docx", base_docx([p("某县2025年工作总结", style="A"), p("正文。", style="B")],
                                  styles=f"<w:styles {NS}>{styles}</w:styles>")


def internal_entity() -> tuple[str, bytes]:
    """A document whose text uses an internal DTD entity."""
    d = base_docx()
    doc = _read(d, "word/document.xml").decode()
    doc = '<!DOCTYPE w:document [<!ENTITY e "实体文字">]>' + doc.replace("全年完成投资", "全年&e;完成投资")
    return "内部实体.docx", rezip(d, {"word/document.xml": doc})


def foreign_comments_part() -> tuple[str, bytes]:
    """A comments relationship whose target is not a comments part (the styles part)."""
    d = base_docx()
    drels = root_rels(rel("rId1", "styles", "styles.xml"), rel("rId2", "comments", "styles.xml"))
    return "外来批注.docx", rezip(d, {"word/_rels/document.xml.rels": drels})


def duplicate_comments_rels() -> tuple[str, bytes]:
    d = base_docx(comments=[(0, "张三", "请核实")])
    drels = _read(d, "word/_rels/document.xml.rels").decode()
    extra = rel("rIdC2", "comments", "comments2.xml")
    drels = drels.replace("</Relationships>", extra + "</Relationships>")
    c2 = f'<w:comments {NS}><w:comment w:id="7" w:author="李四">{p("再看看")}</w:comment></w:comments>'
    ct = _read(d, "[Content_Types].xml").decode().replace(
        "</Types>", '<Override PartName="/word/comments2.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.comments+xml"/></Types>')
    return "双批注.docx", rezip(d, {"word/_rels/document.xml.rels": drels, "word/comments2.xml": c2,
                                   "[Content_Types].xml": ct})


def unknown_comments_element() -> tuple[str, bytes]:
    """A comments part whose root element python-docx does not know."""
    d = base_docx()
    drels = _read(d, "word/_rels/document.xml.rels").decode().replace(
        "</Relationships>", rel("rIdC", "comments", "comments.xml") + "</Relationships>")
    ct = _read(d, "[Content_Types].xml").decode().replace(
        "</Types>", '<Override PartName="/word/comments.xml" ContentType="application/xml"/></Types>')
    return "怪批注.docx", rezip(d, {"word/_rels/document.xml.rels": drels, "[Content_Types].xml": ct,
                                   "word/comments.xml": f"<w:notComments {NS}/>"})


def many_findings_docx(n: int) -> tuple[str, bytes]:
    """``n`` paragraphs each with one slot: ``n`` comments for annotate."""
    paras = [p("某县2025年工作总结")] + [p(f"第{i}项投资XX万元。") for i in range(n)]
    return "多批注.docx", base_docx(paras)


def control_chars_text() -> tuple[str, bytes]:
    """Characters XML cannot hold (a vertical tab, U+FFFE) beside slots of a .txt: they reach the
    comments' text through the findings' text and context."""
    return "控制符.txt", "某县2025年工作总结\n负责人：XX\u000b某某\ufffe同志。\n".encode()


def _read(d: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(d)) as z:
        return z.read(name)


# ---- texts ------------------------------------------------------------------------------------

def long_number(digits: int = 5000) -> tuple[str, bytes]:
    return "长数字.txt", f"某县2025年工作总结\n全年投资{'9' * digits}万元，其中财政资金3万元。\n".encode()


def unicode_digits() -> tuple[str, bytes]:
    text = ("某县2025年工作总结\n完成投资²³万元，其中财政¹万元。\n以下三个方面：¹、²。\n"
            "受理𝟏𝟐件，其中办结𝟑件。参保率٣٤%。\n共有①②个村。\n")
    return "上标数字.txt", text.encode()


def open_brackets(n: int = 100_000, per_line: int | None = None) -> tuple[str, bytes]:
    return "括号.txt", ("某县2025年工作总结\n" + _lines("（" * n, per_line) + "\n").encode()


def mixed_brackets(n: int = 100_000, per_line: int | None = None) -> tuple[str, bytes]:
    return "混合括号.txt", ("某县2025年工作总结\n" + _lines("（【(" * n, per_line) + "\n").encode()


def _lines(text: str, per_line: int | None) -> str:
    if not per_line:
        return text
    return "\n".join(text[i:i + per_line] for i in range(0, len(text), per_line))


_FILL = "今年全镇完成固定资产投资3.5亿元，同比增长12%，其中工业投资2.1亿元。"


def big_text(mb: float, line: str = _FILL) -> tuple[str, bytes]:
    """About ``mb`` MB of report-like text with a slot every few hundred lines."""
    unit = (line + "\n").encode()
    n = int(mb * 1024 * 1024 / len(unit))
    lines = [line if i % 500 else "负责人：XX同志。" for i in range(n)]
    return f"大文本{mb:g}MB.txt", ("某县2025年工作总结\n" + "\n".join(lines) + "\n").encode()


def single_line(mb: float) -> tuple[str, bytes]:
    n = int(mb * 1024 * 1024 / len(_FILL.encode()))
    return f"单行{mb:g}MB.txt", ("某县2025年工作总结\n" + _FILL * n + "\n").encode()


def short_paragraphs(n: int = 200_000) -> tuple[str, bytes]:
    return "短段落.txt", ("某县2025年工作总结\n" + "\n".join(f"{i}. 投资{i}万元" for i in range(n)) + "\n").encode()


def vendor_lines(n: int = 100_000) -> tuple[str, bytes]:
    return "广告行.txt", ("某县2025年工作总结\n" + "\n".join(f"更多范文请关注微信公众号abc{i}" for i in range(n))).encode()


def random_cjk(mb: float, seed: int = 7) -> tuple[str, bytes]:
    import random

    rnd = random.Random(seed)
    n = int(mb * 1024 * 1024 / 3)
    chars = [chr(rnd.randint(0x4E00, 0x9FA5)) if rnd.random() > 0.02 else "\n" for _ in range(n)]
    return f"随机汉字{mb:g}MB.txt", "".join(chars).encode()


def big_docx(paragraphs: int) -> tuple[str, bytes]:
    paras = [p("某县2025年工作总结")] + [p(f"第{i}项：投资{i}万元。") for i in range(paragraphs)]
    return f"段落{paragraphs}.docx", base_docx(paras)


# ---- just inside the limits (checker.limits): the worst a draft that is checked can cost -------------

def at_char_limit() -> tuple[str, bytes]:
    """Report-like lines up to just under MAX_CHARS."""
    from checker.limits import MAX_CHARS

    line = _FILL * 3
    n = (MAX_CHARS - 20) // len(line)
    lines = [line if i % 50 else "负责人：XX同志，投资X万元。" for i in range(n)]
    return "字数上限.txt", ("某县2025年工作总结\n" + "\n".join(lines) + "\n").encode()


def at_paragraph_limit() -> tuple[str, bytes]:
    """MAX_PARAGRAPHS - 1 short lines, each a numbered item with a figure and a slot."""
    from checker.limits import MAX_PARAGRAPHS

    return "段落上限.txt", ("某县2025年工作总结\n" + "\n".join(
        f"{i}. 投资XX万元，其中{i}万元" for i in range(MAX_PARAGRAPHS - 1)) + "\n").encode()


def at_line_limit() -> tuple[str, bytes]:
    from checker.limits import MAX_LINE_CHARS

    n = (MAX_LINE_CHARS - 10) // len(_FILL)
    return "长行上限.txt", ("某县2025年工作总结\n" + _FILL * n + "\n").encode()


def slots_everywhere() -> tuple[str, bytes]:
    """As many slots as the limits let through: every finding kept would cost memory."""
    from checker.limits import MAX_PARAGRAPHS

    return "满是空位.txt", ("某县2025年工作总结\n" + "\n".join(
        "XX XX XX XX XX XX XX XX XX XX" for _ in range(MAX_PARAGRAPHS - 1)) + "\n").encode()
