"""Names of the WordprocessingML elements the reader looks at, and reading an attribute's integer."""

from __future__ import annotations

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
EMBEDS = frozenset({MC_ALT, w("drawing"), w("pict"), w("object")})  # may hold text boxes or WordArt
(W_HIGHLIGHT, W_COLOR, W_SHD, W_FILL, W_VANISH, W_SPECVANISH, W_RSTYLE, W_RPRCHANGE) = (
    w("highlight"), w("color"), w("shd"), w("fill"), w("vanish"), w("specVanish"), w("rStyle"), w("rPrChange"))

# Containers whose children are walked as if they were the paragraph's own.
TRANSPARENT = {w("hyperlink"), w("smartTag"), w("customXml"), w("fldSimple"), w("bdo"), w("dir"),
                W_SDTCONTENT, W_MOVETO, w("oMathPara"), f"{{{M}}}oMath", f"{{{M}}}r"}
BLOCK_TRANSPARENT = {W_SDTCONTENT, w("customXml"), W_INS, W_MOVETO}


def small_int(value, default: int = 0, limit: int = 10 ** 6) -> int:
    """An attribute's integer: ASCII digits only (``int`` rejects ``²`` that ``isdigit`` accepts, and
    refuses more than 4,300 digits), at most ``limit``; ``default`` when it is not one."""
    if not value or len(value) > 9 or not (value.isascii() and value.isdigit()):
        return default
    return min(int(value), limit)

