"""Word .docx drafts, read from the package's XML with a walker of our own.

python-docx's ``paragraph.text`` leaves out text boxes, notes, tracked
insertions, content controls and field results; this walker takes them all
and records, for every character, which ``w:r`` it came from, so a writer
(``checker annotate``) can find the same run again with :func:`iter_paragraphs`
and :func:`paragraph_runs`.

Safety: the zip directory is checked before anything is inflated (entry count,
sizes, compression ratio), and XML is parsed without entity resolution,
network or DTD loading.

The modules of this package, in the order a draft goes through them:

- :mod:`.tags` — the WordprocessingML element names, and attribute integers;
- :mod:`.package` — zip safety, parts, relationships and document properties;
- :mod:`.styles` — style names, outline levels and the marks text inherits from styles;
- :mod:`.tables` — body-like containers in reading order, table cells included;
- :mod:`.paragraphs` — one paragraph's text and runs (fast path and walker);
- :mod:`.parts` — the lines of body, text boxes, headers, footers and notes, with comments.

Everything other modules use is importable from ``checker.readers.docx`` itself.
"""

from __future__ import annotations

from checker.document import Document
from checker.errors import ReadError
from checker.readers.docx.package import (  # noqa: F401  (re-exported)
    MAX_ENTRIES, MAX_ENTRY, MAX_RATIO, MAX_TOTAL, main_part, part_rels, load_properties, ole_error,
    open_package, parse_part, read_part, sniff)
from checker.readers.docx.paragraphs import (  # noqa: F401
    ParaContent, paragraph_runs, read_paragraph, run_props)
from checker.readers.docx.parts import Builder, load_comments, read_other_parts
from checker.readers.docx.styles import Styles, load_styles, resolve_chains, rpr_marks  # noqa: F401
from checker.readers.docx.tables import iter_paragraphs
from checker.readers.docx.tags import (  # noqa: F401  (the element names writers use)
    MC, R_NS, W, W_BR, W_CR, W_DEL, W_ID, W_INS, W_NBH, W_P, W_PPR, W_PTAB, W_R, W_RPR, W_T, W_TAB, W_TBL,
    small_int, w)


def read_docx(path_or_file, path: str, suffix: str = ".docx") -> Document:
    zf = open_package(path_or_file)
    with zf:
        names = set(zf.namelist())
        main = "word/document.xml" if "word/document.xml" in names else main_part(zf, names)
        root = parse_part(zf, main)
        body = root.find(w("body"))
        if body is None:
            raise ReadError("not-docx", "文档没有正文")
        b = Builder(load_styles(zf, names))
        for i, (p, table, row, col) in enumerate(iter_paragraphs(body)):
            b.add(p, "table" if table else "body", main, i, table, row, col)
        b.flush_textboxes(main)
        rels = part_rels(zf, names, main)
        read_other_parts(b, zf, names, rels)
        comments = load_comments(zf, names, rels, b.comment_pos)
        props = load_properties(zf, names)
    return Document(path=path, format="docx", blocks=b.blocks, encoding=None,
                    comments=comments, revisions=b.revisions, properties=props)
