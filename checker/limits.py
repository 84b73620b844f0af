"""What checker refuses to read, in one place, so no input can make a run take unbounded time or memory.

A draft beyond one of these limits is not checked: it gets the one-line error ``too-complex`` (or
``too-large`` for bytes) naming the limit, like any unreadable file, and the other drafts are checked.
A government report is far inside every one: the longest of the national reports has about 400
paragraphs, 60,000 characters and no paragraph above 3,200 characters.

With these limits ``check`` and ``annotate`` stay within about 10 s per MB of input and about 20x its size
in memory (``tests/bench_hostile.py`` measures each hostile class of issue #20).
"""

from __future__ import annotations

MAX_TEXT_BYTES = 64 * 1024 * 1024      # a .txt (or stdin) read into memory
MAX_DOCX_BYTES = 256 * 1024 * 1024     # a .docx file read into memory (its parts have their own limits)
MAX_PARAGRAPHS = 200_000              # lines of a .txt, paragraphs of a .docx (all parts together)
MAX_LINE_CHARS = 100_000               # characters in one line or paragraph
MAX_CHARS = 8_000_000                 # characters in the whole draft
MAX_STYLE_DEPTH = 64                   # basedOn links followed from a style; a longer chain stops there
MAX_DIGITS = 40                        # digits in one written number: a longer run is not read as a figure
MAX_FINDINGS_PER_CODE = 1_000          # findings of one code in one draft; the rest are counted ("omitted"), not kept
# XML nesting deeper than 256 elements is refused by the XML parser itself (lxml without huge_tree):
# the draft is reported ``damaged``.


def check_text_size(lines: int, chars: int, longest: int) -> None:
    """Raise ``too-complex`` when a draft's text exceeds a limit."""
    from checker.errors import ReadError

    if lines > MAX_PARAGRAPHS:
        raise ReadError("too-complex", f"{lines} 段/paragraphs > {MAX_PARAGRAPHS}")
    if longest > MAX_LINE_CHARS:
        raise ReadError("too-complex", f"一段 {longest} 字/characters in a paragraph > {MAX_LINE_CHARS}")
    if chars > MAX_CHARS:
        raise ReadError("too-complex", f"{chars} 字/characters > {MAX_CHARS}")
