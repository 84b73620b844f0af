"""Build .docx files for tests, XML by hand, so every case is exactly what Word writes.

    from tests.docxfactory import make_docx, p, r, table
    make_docx(path, [p("标题", style="Heading1"), p(r("X"), r("X"), "镇"), table([["a", "b"]])])

Body items are XML strings (``p``/``table`` return strings); raw XML is fine too.
"""

from __future__ import annotations

import zipfile
from xml.sax.saxutils import escape

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'mc:Ignorable="w14"'
)


def r(text: str = "", *, highlight=None, color=None, shading=None, hidden=False, bold=False,
      raw: str = "") -> str:
    """A run. ``raw`` is extra XML placed inside the run after the text."""
    props = ""
    if bold:
        props += "<w:b/>"
    if color:
        props += f'<w:color w:val="{color}"/>'
    if highlight:
        props += f'<w:highlight w:val="{highlight}"/>'
    if shading:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{shading}"/>'
    if hidden:
        props += "<w:vanish/>"
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    t = f'<w:t xml:space="preserve">{escape(text)}</w:t>' if text else ""
    return f"<w:r>{rpr}{t}{raw}</w:r>"


def p(*items, style: str | None = None, outline: int | None = None) -> str:
    """A paragraph of runs; plain strings become runs."""
    ppr = ""
    if style or outline is not None:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if outline is not None:
            inner += f'<w:outlineLvl w:val="{outline}"/>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    body = "".join(i if i.startswith("<") else r(i) for i in items)
    return f"<w:p>{ppr}{body}</w:p>"


def table(rows) -> str:
    """A table; each cell is a string (one paragraph) or a list of paragraph XML strings."""
    out = ["<w:tbl><w:tblPr/><w:tblGrid/>"]
    for row in rows:
        out.append("<w:tr>")
        for cell in row:
            paras = cell if isinstance(cell, list) else [p(cell)]
            out.append("<w:tc>" + "".join(paras) + "</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def textbox(*paras: str) -> str:
    """A run holding a text box, stored twice as Word does (mc:Choice and mc:Fallback)."""
    content = "".join(paras)
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic>"
        "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" + content +
        "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" + content +
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def ins(text: str, author="张三") -> str:
    return f'<w:ins w:id="91" w:author="{author}" w:date="2026-01-01T00:00:00Z">{r(text)}</w:ins>'


def dele(text: str, author="张三") -> str:
    return (f'<w:del w:id="92" w:author="{author}" w:date="2026-01-01T00:00:00Z"><w:r>'
            f'<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def field(code: str, result: str) -> str:
    """A complex field: the code must not count as text, the result must."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(code)} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{r(result)}'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def comment_range(cid: int, *runs: str) -> str:
    return (f'<w:commentRangeStart w:id="{cid}"/>' + "".join(runs) +
            f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r>')


_STYLES = """<w:styles {ns}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
</w:styles>"""


def make_docx(path, body, *, headers=(), footers=(), footnotes=(), endnotes=(), comments=(),
              core: dict | None = None, app: dict | None = None, sect: bool = True,
              styles: str | None = None) -> str:
    """Write a .docx at ``path``.

    ``headers``/``footers``: lists of paragraph-XML lists; ``footnotes``/``endnotes``: lists of
    paragraph XML (one note each); ``comments``: list of (id, author, text); ``core``: core
    properties such as {"title": …, "creator": …}; ``app``: {"Company": …, "Template": …};
    ``styles``: the whole word/styles.xml instead of the default one.
    """
    rels = ['<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>']
    ctypes = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
              '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>']
    parts = {}
    sect_refs = ""
    for kind, items in (("header", headers), ("footer", footers)):
        for i, paras in enumerate(items, 1):
            name = f"{kind}{i}.xml"
            tag = "hdr" if kind == "header" else "ftr"
            parts[f"word/{name}"] = f"<w:{tag} {NS}>{''.join(paras)}</w:{tag}>"
            rels.append(f'<Relationship Id="rId{kind}{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}"/>')
            ctypes.append(f'<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>')
            sect_refs += f'<w:{kind}Reference w:type="default" r:id="rId{kind}{i}"/>'
    for kind, items in (("footnote", footnotes), ("endnote", endnotes)):
        if not items:
            continue
        notes = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>']
        for i, para in enumerate(items, 1):
            notes.append(f'<w:{kind} w:id="{i}">{para}</w:{kind}>')
        parts[f"word/{kind}s.xml"] = f"<w:{kind}s {NS}>{''.join(notes)}</w:{kind}s>"
        rels.append(f'<Relationship Id="rId{kind}s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s" Target="{kind}s.xml"/>')
        ctypes.append(f'<Override PartName="/word/{kind}s.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/>')
    if comments:
        cs = "".join(
            f'<w:comment w:id="{cid}" w:author="{escape(author)}" w:date="2026-01-01T00:00:00Z" w:initials="x">'
            f'{p(text)}</w:comment>' for cid, author, text in comments)
        parts["word/comments.xml"] = f"<w:comments {NS}>{cs}</w:comments>"
        rels.append('<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>')
        ctypes.append('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
    sect_xml = f"<w:sectPr>{sect_refs}</w:sectPr>" if sect else ""
    parts["word/document.xml"] = f"<w:document {NS}><w:body>{''.join(body)}{sect_xml}</w:body></w:document>"
    parts["word/styles.xml"] = _STYLES.format(ns=NS) if styles is None else styles
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>")
    root_rels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>']
    if core:
        fields = "".join(
            f"<{'dc' if k in ('title', 'creator', 'subject', 'description') else 'cp'}:{k}>{escape(v)}"
            f"</{'dc' if k in ('title', 'creator', 'subject', 'description') else 'cp'}:{k}>"
            for k, v in core.items())
        parts["docProps/core.xml"] = (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">' + fields + "</cp:coreProperties>")
        root_rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>')
        ctypes.append('<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>')
    if app:
        fields = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in app.items())
        parts["docProps/app.xml"] = (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            + fields + "</Properties>")
        root_rels.append('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>')
        ctypes.append('<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>')
    parts["_rels/.rels"] = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            + "".join(root_rels) + "</Relationships>")
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(ctypes) + "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ("[Content_Types].xml", "_rels/.rels"):
            zf.writestr(name, parts.pop(name))
        for name, data in parts.items():
            zf.writestr(name, data)
    return str(path)


def docx_from_lines(path, lines, **kw) -> str:
    """A .docx whose paragraphs are ``lines``: line N of the text is paragraph N."""
    return make_docx(path, [p(line) if line else "<w:p/>" for line in lines], **kw)
