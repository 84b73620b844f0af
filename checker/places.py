"""Places a person can find: where a line of the Document is, in the terms of the program the draft is
opened in, with the start of its text quoted.

Word and WPS number neither lines nor paragraphs, so a position read by a person is given as

* a body paragraph of a .docx: ``第 6 段 “全年完成地区生产总值…”`` — its rank among the body's paragraphs
  that hold text (empty paragraphs and tables are not counted, as a reader counting on screen would not);
* a table cell: ``表格1 第2行第3列 “…”``;
* a header, footer, footnote, endnote or text box: ``页眉 “…”``, ``脚注 “…”``, ``文本框 “…”``;
* a line of a .txt (text editors do number lines): ``第 6 行 “…”``.

Everything comes from the blocks the reader built (kind, table, row, column); nothing is read again.
``line:column`` stays what tools get (JSON, SARIF, the ``path:line:col`` prefix of the terminal report).
"""

from __future__ import annotations

from checker.i18n import tr

QUOTE_CHARS = 14

# kinds that are places of their own, named as Block.location names them (页眉, 脚注, 文本框 …)
_OWN_PLACES = ("header", "footer", "footnote", "endnote", "textbox")


def quote(text: str, n: int = QUOTE_CHARS) -> str:
    """The start of a paragraph's text, quoted: “全年完成地区生产总值…”; empty text gives ''."""
    s = " ".join(text.split())
    if not s:
        return ""
    return f"“{s[:n]}…”" if len(s) > n else f"“{s}”"


def _ranks(doc) -> list:
    """Per block: its rank among the body paragraphs with text (None for other blocks), computed once."""
    def build():
        ranks, n = [], 0
        for b in doc.blocks:
            if b.kind == "body" and b.text.strip():
                n += 1
                ranks.append(n)
            else:
                ranks.append(None)
        return ranks

    return doc.derived("paragraph_ranks", build)


def where(doc, line: int, lang: str = "zh") -> str:
    """Where line ``line`` is, without the quote: 第 6 段 / 表格1 第2行第3列 / 页眉 / 第 6 行."""
    if doc is None or not doc.blocks:
        return tr(lang, f"第 {line} 行", f"line {line}")
    line = min(max(1, line), len(doc.blocks))
    b = doc.blocks[line - 1]
    if doc.format != "docx":
        return tr(lang, f"第 {line} 行", f"line {line}")
    if b.kind == "table" and b.row is not None:
        return tr(lang, f"表格{b.table} 第{b.row}行第{b.col}列", f"table {b.table}, row {b.row}, column {b.col}")
    if b.kind in _OWN_PLACES:
        return b.location(lang)
    ranks = _ranks(doc)
    if ranks[line - 1] is not None:
        n = ranks[line - 1]
        return tr(lang, f"第 {n} 段", f"paragraph {n}")
    before = next((r for r in reversed(ranks[:line - 1]) if r is not None), 0)
    if before:
        return tr(lang, f"第 {before} 段后的空段", f"the empty paragraph after paragraph {before}")
    return tr(lang, "文首的空段", "an empty paragraph at the start")


def place(doc, line: int, lang: str = "zh") -> str:
    """Where line ``line`` is, with the start of its text: 第 6 段 “全年完成地区生产总值…”."""
    w = where(doc, line, lang)
    if doc is None or not doc.blocks:
        return w
    q = quote(doc.blocks[min(max(1, line), len(doc.blocks)) - 1].text)
    return f"{w} {q}" if q else w


def finding_place(result, f, lang: str = "zh") -> str:
    """A finding's place in its draft (the result's Document); its location word when there is none."""
    doc = getattr(result, "document", None)
    if doc is None:
        return f.location or tr(lang, f"第 {f.line} 行", f"line {f.line}")
    return place(doc, f.line, lang)
