"""Tables of a .docx: ``table-total-mismatch`` and, for rate columns, ``rate-out-of-range``.

A table is read as a grid of cell texts (a cell's paragraphs joined). A 合计/小计/总计 label in the
first column makes a total row, summing the rows above it (or, right under the header, the rows
below it); a 合计 header makes a total column, summing the numeric columns before it. Empty cells
count as zero; any cell that is not a plain figure, a column of percentages, ranks or years, or
mixed dimensions make it stay silent. When the grand total is off only because a cell it adds up
is off, only that cell is reported.
"""

from __future__ import annotations

import re
from fractions import Fraction

from checker import figures as F
from checker.rules.figures.scan import RATE_CHANGE

_CELL_PERCENT = re.compile(r"([0-9０-９]+(?:[.．][0-9０-９]+)?)([%％])?")
_SPACE = re.compile(r"\s+")
_NOT_SUMMED_ROW_HEAD = re.compile(r"[%％‰率比]|增长|增長|同比|排名|序号|序號|编号|編號|年份|电话|電話")
_NOT_SUMMED_COL_HEAD = re.compile(r"[%％‰率比]|增长|增長|同比|其中")


class Grid:
    """One table: its cells (blocks) and their texts by (row, column), with the header row and the
    label column, and each column's unit from its header."""

    __slots__ = ("cells", "text", "rows", "cols", "totals", "col_unit")

    def __init__(self, cells: dict, text: dict, rows: list, cols: list, totals: tuple, col_unit: dict):
        self.cells = cells                # (row, col) -> [Block]
        self.text = text                  # (row, col) -> str
        self.rows = rows
        self.cols = cols
        self.totals = totals              # the pack's total labels
        self.col_unit = col_unit

    @property
    def header(self):
        return self.rows[0]

    @property
    def label_col(self):
        return self.cols[0]

    def get(self, r, c) -> str:
        return self.text.get((r, c), "")

    def is_total(self, s: str) -> bool:
        return _SPACE.sub("", s) in self.totals

    def total_rows(self) -> list:
        return [r for r in self.rows[1:] if self.is_total(self.get(r, self.label_col))]

    def total_cols(self) -> set:
        return {c for c in self.cols if self.is_total(self.get(self.header, c))}


def tables(scan):
    """Every table of the document, one grid each."""
    found: dict = {}
    for blk in scan.doc.blocks:
        if blk.kind == "table" and blk.table is not None and blk.row is not None:
            cells = found.setdefault((blk.part, blk.table), {})
            cells.setdefault((blk.row, blk.col), []).append(blk)
    for cells in found.values():
        yield from _table(scan, cells)


def _table(scan, cells):
    grid = _grid(scan.voc.table_totals, cells)
    if grid is None:
        return
    yield from table_rates(scan, grid)
    found: dict = {}
    for where, finding in (*row_totals(scan, grid), *column_totals(scan, grid)):
        found.setdefault(where, []).append(finding)
    total_rows, total_cols = grid.total_rows(), grid.total_cols()
    for (r, c), outs in sorted(found.items()):
        if c in total_cols and r in total_rows and len(outs) < 2 and len(found) > 1:
            continue  # the grand total, off only because a cell it adds up is off
        yield outs[0]


def _grid(totals, cells):
    """The grid of a table with a header and two rows and two columns at least, else None."""
    text = {k: "".join(b.text for b in v).strip() for k, v in cells.items()}
    rows = sorted({r for r, _c in text})
    cols = sorted({c for _r, c in text})
    if len(rows) < 3 or len(cols) < 2:
        return None
    grid = Grid(cells, text, rows, cols, totals, {})
    header, label_col = grid.header, grid.label_col
    col_unit = {c: _header_unit(grid.get(header, c)) for c in cols}
    shared = {u for c, u in col_unit.items() if c != label_col and u and not grid.is_total(grid.get(header, c))}
    for c in cols:
        if not col_unit[c] and grid.is_total(grid.get(header, c)) and len(shared) == 1:
            col_unit[c] = next(iter(shared))  # a 合计 column in the unit of the columns it adds
    grid.col_unit = col_unit
    return grid


def row_totals(scan, grid):
    """((row, col), finding) for each cell of a 合计/小计/总计 row that differs from its rows' sum."""
    header, label_col = grid.header, grid.label_col
    total_rows = grid.total_rows()
    out = []
    for tr in total_rows:
        body = _summed_rows(grid, tr, total_rows)
        if body is None:
            continue
        for c in grid.cols[1:]:
            head = grid.get(header, c)
            if _NOT_SUMMED_ROW_HEAD.search(head):
                continue
            found = _mismatch(scan, grid, (tr, c), [(x, c) for x in body],
                              "表格“{label}”行第{col}列（{head}）为 {total}，而上方 {n} 行合计 {sum}（{expr}）",
                              "table row “{label}”, column {col} ({head}) says {total}, but the {n} rows "
                              "above add up to {sum} ({expr})",
                              label=grid.text[(tr, label_col)], col=c, head=head or "-")
            if found:
                out.append(((tr, c), found))
    return out


def _mismatch(scan, grid, cell, part_cells, zh, en, **params):
    """The finding on the total in ``cell`` when the cells ``part_cells`` cannot add up to it, else None.
    The message may use ``{total}``, ``{n}`` (parts), ``{sum}`` and ``{expr}`` besides ``params``."""
    conflict = sum_conflict(grid.get(*cell), grid.col_unit[cell[1]],
                            [(grid.get(r, c), grid.col_unit[c]) for r, c in part_cells], scan.voc.units)
    if not conflict:
        return None
    total, parts = conflict
    block = grid.cells[cell][0]
    return scan.out(block, "table-total-mismatch", 0, len(block.text), zh, en, total=total.text,
                    n=len(parts), sum=F.in_unit(sum(F.nominal(p) for p in parts), total),
                    expr=F.expression(parts), **params)


def _summed_rows(grid, tr, total_rows):
    """The rows the total row ``tr`` sums: below the header (or the previous total row) and above it;
    for a 合计 right under the header, the rows below it to the next total row. None when unsure."""
    rows, label_col = grid.rows, grid.label_col
    sub = _SPACE.sub("", grid.text[(tr, label_col)]) in ("小计", "小計")
    prev = max((x for x in total_rows if x < tr), default=grid.header)
    body = [x for x in rows if prev < x < tr]
    if not body and tr == rows[1]:
        nxt = min((x for x in total_rows if x > tr), default=rows[-1] + 1)
        body = [x for x in rows if tr < x < nxt]
    if len(body) < 2 or any(grid.get(x, label_col).lstrip().startswith(("其中", "其")) for x in body):
        return None
    if not sub and any(grid.is_total(grid.get(x, label_col)) for x in body):
        return None
    return body


def column_totals(scan, grid):
    """((row, col), finding) for each row whose 合计 column differs from the sum of the columns before it."""
    header, label_col = grid.header, grid.label_col
    out = []
    for tc in grid.cols[1:]:
        if not grid.is_total(grid.get(header, tc)):
            continue
        src = [c for c in grid.cols[1:] if c < tc]
        if len(src) < 2:
            continue
        if any(_NOT_SUMMED_COL_HEAD.search(grid.get(header, c)) for c in src):
            continue
        for r in grid.rows[1:]:
            found = _mismatch(scan, grid, (r, tc), [(r, c) for c in src],
                              "表格第{row}行“{label}”的合计列为 {total}，而各列合计 {sum}（{expr}）",
                              "table row {row} (“{label}”): the total column says {total}, but the "
                              "columns add up to {sum} ({expr})",
                              row=r, label=grid.get(r, label_col))
            if found:
                out.append(((r, tc), found))
    return out


def table_rates(scan, grid):
    """A column headed by a bounded rate (参保率（%）) holding a value above 100."""
    header = grid.header
    for c in grid.cols[1:]:
        head = grid.get(header, c)
        rate = next((w for w in scan.voc.rates if w in head), None)
        if rate is None or RATE_CHANGE.search(head.replace(rate, "")):
            continue
        percent_head = bool(re.search(r"[%％]", head))
        for r in grid.rows[1:]:
            cell = _SPACE.sub("", grid.get(r, c))
            m = _CELL_PERCENT.fullmatch(cell)
            if not m or (not m.group(2) and not percent_head):
                continue
            value, half = F._arabic(m.group(1))
            if value - half > 100:
                block = grid.cells[(r, c)][0]
                shown = cell if m.group(2) else cell + "%"
                yield scan.out(block, "rate-out-of-range", 0, len(block.text),
                               "表格第{row}行“{label}”的{rate}为 {value}，超过 100%：比率、占比不能超过 100%",
                               "table row {row} (“{label}”): {rate} is {value}, but a share or rate cannot "
                               "exceed 100%", row=r, label=grid.get(r, grid.label_col), rate=rate, value=shown)


def _header_unit(head: str) -> str:
    m = re.search(r"[（(]\s*([^（）()]{1,6})\s*[）)]|[/／]\s*(\S{1,4})$|单位[：:]\s*(\S{1,4})", head)
    if not m:
        return ""
    return next(g for g in m.groups() if g)


def sum_conflict(total_text: str, total_unit: str, part_cells, units):
    """(total, parts) when table cells that should add up to a total cannot, else None.

    ``part_cells`` are (text, unit) pairs; empty cells count as zero, any cell that is not a
    plain figure, fewer than two parts, mixed dimensions or percentages make it stay silent.
    """
    total = cell_figure(total_text, total_unit, units)
    if total is None:
        return None
    parts = [cell_figure(text, unit, units, empty_zero=True) for text, unit in part_cells]
    if any(p is None for p in parts):
        return None
    parts = [p for p in parts if p is not False]
    if len(parts) < 2 or any(p.dim != total.dim or p.dim == "percent" for p in parts):
        return None
    lo, hi = F.add(parts)
    if lo is None:
        return None
    if (total.hi is not None and lo > total.hi) or (hi is not None and total.lo is not None and hi < total.lo):
        return total, parts
    return None


def cell_figure(s: str, unit: str, units, empty_zero=False):
    """A figure from a table cell: "1,200", "3.5", "1.2万元"; False for an empty cell, None when not a number."""
    s = _SPACE.sub("", s)
    if s in ("", "-", "—", "——", "/", "－") and empty_zero:
        return False
    if not s:
        return None
    if re.fullmatch(F._AR, s):
        return _bare_number(s, unit, units)
    figs = F.extract(s, units)
    if len(figs) == 1 and figs[0].start == 0 and figs[0].end == len(s):
        return figs[0] if not figs[0].slot else None
    return None


def _bare_number(s: str, unit: str, units):
    """A cell holding only a number, read in its column's unit (or as a count)."""
    s = s + (unit or "个")
    figs = F.extract(s, units)
    if len(figs) != 1 or figs[0].end != len(s):
        # a unit the table does not know: compare bare numbers
        v, half = F._arabic(s[: len(s) - len(unit or "个")])
        bare = s[: len(s) - len(unit or "个")]
        return F.Figure(0, len(s), bare, "number:" + unit, unit, Fraction(1), num=(v, v - half, v + half))
    f = figs[0]
    f.text = s[: len(s) - len(unit or "个")]
    return f
