"""A .docx made from a .txt draft: one paragraph per line, on a 公文 page."""

from __future__ import annotations

from checker.annotate.comments import AUTHOR
from checker.annotate.marks import w_tag as _w, xml_text


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


def docx_from_text(doc):
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
