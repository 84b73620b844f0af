"""Body-like containers in reading order: paragraphs, and table cells row by row, cell by cell."""

from __future__ import annotations

from checker.readers.docx.tags import (
    W_P, W_SDT, W_SDTCONTENT, W_TBL, W_TC, W_TR, W_VAL, BLOCK_TRANSPARENT, small_int, w)

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
        elif tag in BLOCK_TRANSPARENT:
            yield from iter_paragraphs(child, counter)


def _cells(tr):
    for child in tr:
        if child.tag == W_TC:
            yield child
        elif child.tag in (W_SDT, w("customXml")):
            content = child.find(W_SDTCONTENT) if child.tag == W_SDT else child
            if content is not None:
                yield from (c for c in content if c.tag == W_TC)


