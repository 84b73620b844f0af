"""The Document: what a reader makes of a file and what every rule sees.

A Document is a list of blocks. Each block is one *line*: a line of a .txt
file, or one paragraph of a .docx (body paragraphs first, table cells in
reading order among them, then text boxes, headers, footers, footnotes and
endnotes). Lines are numbered from 1 and every finding cites these numbers;
``checker text FILE`` prints them.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from operator import add, attrgetter
from dataclasses import dataclass, field

from checker.record import Record

# Where a block lives. The order here is the order in which kinds are numbered.
KINDS = ("body", "table", "textbox", "header", "footer", "footnote", "endnote")

_KIND_LABELS = {
    "body": ("正文", "body"),
    "table": ("表格", "table"),
    "textbox": ("文本框", "text box"),
    "header": ("页眉", "header"),
    "footer": ("页脚", "footer"),
    "footnote": ("脚注", "footnote"),
    "endnote": ("尾注", "endnote"),
}


class Run(Record):
    """A stretch of a block's text that came from one ``w:r`` of a .docx.

    ``start``/``end`` are character offsets into the block's text (end
    exclusive); ``index`` is the run's position among the runs the reader
    walked in that paragraph, so a writer can find the same ``w:r`` again.
    ``props`` holds what the reader saw of its formatting and state:
    ``highlight``, ``color``, ``shading``, ``hidden``, ``inserted`` (tracked
    insertion), ``placeholder`` (content control showing placeholder text).
    """

    __slots__ = ("start", "end", "index", "props")

    def __init__(self, start: int, end: int, index: int, props: dict | None = None):
        self.start = start
        self.end = end
        self.index = index
        self.props = props


class Block(Record):
    """One line: a line of a .txt, one paragraph (or table cell paragraph, text box line …) of a .docx."""

    __slots__ = ("line", "text", "kind", "part", "para_index", "table", "row", "col", "style", "outline_level",
                 "runs", "host")

    def __init__(self, line: int, text: str, kind: str = "body", part: str | None = None,
                 para_index: int | None = None, table: int | None = None, row: int | None = None,
                 col: int | None = None, style: str | None = None, outline_level: int | None = None,
                 runs: list[Run] | None = None, host: tuple[int, int] | None = None):
        self.line = line
        self.text = text
        self.kind = kind
        self.part = part                  # e.g. "word/document.xml"
        self.para_index = para_index      # index of the w:p in the part, in walk order
        self.table = table                # 1-based table number in the part
        self.row = row                    # 1-based
        self.col = col                    # 1-based grid column
        self.style = style                # paragraph style name
        self.outline_level = outline_level  # 0 = top level heading, None = body text
        self.runs = [] if runs is None else runs
        self.host = host                  # a text box's line: (para_index, Run.index) of the body run holding it

    def location(self, lang: str = "zh") -> str:
        zh, en = _KIND_LABELS.get(self.kind, (self.kind, self.kind))
        if self.kind == "table" and self.row is not None:
            if lang == "en":
                return f"table {self.table} r{self.row}c{self.col}"
            return f"表格{self.table} {self.row}行{self.col}列"
        return en if lang == "en" else zh


class _Marked(Record):
    """What a reviewer left on a line: who, what, where (1-based columns, end exclusive) and when."""

    __slots__ = ("author", "text", "line", "column", "end_column", "date")

    def _mark(self, author: str, text: str, line: int | None, column: int | None, end_column: int | None,
              date: str | None) -> None:
        self.author = author
        self.text = text
        self.line = line
        self.column = column
        self.end_column = end_column
        self.date = date


class Comment(_Marked):
    """A Word comment: who wrote it, what it says, and the line it is anchored on."""

    __slots__ = ("id",)

    def __init__(self, id: str, author: str, text: str, line: int | None, column: int | None = None,
                 end_column: int | None = None, date: str | None = None):
        self.id = id
        self._mark(author, text, line, column, end_column, date)


class Revision(_Marked):
    """A tracked change not yet accepted or rejected."""

    __slots__ = ("kind",)

    def __init__(self, kind: str, author: str, text: str, line: int | None, column: int | None = None,
                 end_column: int | None = None, date: str | None = None):
        self.kind = kind                  # "ins", "del", "move", "format"
        self._mark(author, text, line, column, end_column, date)


@dataclass
class Document:
    """A file as the rules see it: numbered blocks, plus a .docx's comments, revisions and properties."""

    path: str
    format: str                       # "txt" or "docx"
    blocks: list[Block]
    encoding: str | None = None
    comments: list[Comment] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)  # core/app properties
    _text: str | None = field(default=None, repr=False)
    _starts: list[int] | None = field(default=None, repr=False)
    _derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        """All lines joined with ``\\n``: the one string rules scan in a single pass."""
        if self._text is None:
            self._text = "\n".join(b.text for b in self.blocks)
        return self._text

    @property
    def line_starts(self) -> list[int]:
        if self._starts is None:   # line i starts after the i lines before it and their line ends
            ends = accumulate(map(len, map(attrgetter("text"), self.blocks)), initial=0)
            self._starts = list(map(add, ends, range(len(self.blocks))))
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        """(line, 1-based column) of a character offset into :attr:`text`."""
        starts = self.line_starts
        i = bisect_right(starts, offset) - 1
        return self.blocks[i].line, offset - starts[i] + 1

    def block_at(self, offset: int) -> Block:
        return self.blocks[bisect_right(self.line_starts, offset) - 1]

    def block(self, line: int) -> Block:
        return self.blocks[line - 1]

    def derived(self, key, build):
        """Data derived from this document that several rules share (its outline …), built once.

        ``build()`` runs on the first request for ``key``; later requests get the same object, for
        as long as the document lives. ``key`` names the data and what it was derived with, e.g.
        ``("outline", vocabulary)``, so that the same document checked with another rule pack
        derives its own.
        """
        cache = self._derived
        if key not in cache:
            cache[key] = build()
        return cache[key]

    def body(self) -> list[Block]:
        """Blocks of the main text (body paragraphs and table cells), in reading order."""
        return [b for b in self.blocks if b.kind in ("body", "table")]
