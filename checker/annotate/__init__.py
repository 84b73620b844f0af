"""``checker annotate``: a copy of the draft with Word comments on its findings.

One comment per paragraph lists that paragraph's findings (a clerk reads a margin of a few dozen comments,
not 160), with a summary comment on the title of a draft with many findings; ``per_finding`` gives one
comment on exactly each finding's characters. ``highlight`` also highlights every flagged span, except text
that already has a highlight or shading of its own, which gets a wavy underline instead.

A writer of a checked result: :func:`write_copy` takes the draft's bytes and its
:class:`~checker.findings.FileResult` (findings and Document, from
:func:`checker.engine.check_input`) and python-docx writes the copy; nothing is
read or checked twice. Paragraphs and runs are found again with the
reader's own walker (:func:`checker.readers.docx.iter_paragraphs` and
:func:`~checker.readers.docx.paragraph_runs`), so a finding's characters are
the characters the rules saw. A run that a finding starts or ends inside is
split in two, both halves keeping the run's formatting (``w:rPr``).

Only body paragraphs get comment marks (Word does not expect them in headers,
footers or notes): a finding in a text box is anchored on the run that holds
the box (the reader records it, ``Block.host``); one in a header, footer, footnote or endnote on the title, and its
comment says where it is in Word's terms (:mod:`checker.places`). A finding without a span of its own
(a missing part) goes on the nearest heading above it, or on the title.

A .txt draft becomes a .docx with one paragraph per line (paragraph N = line N), on an A4 page in
Chinese with a 仿宋 body.
The original is never written; the copy is written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path

from checker.annotate.annotator import Anchor, Annotator  # noqa: F401  (re-exported)
from checker.annotate.comments import AUTHOR, INITIALS, CommentsWriter  # noqa: F401
from checker.annotate.from_text import docx_from_text
from checker.annotate.marks import HIGHLIGHT, Para, split_run, xml_text  # noqa: F401
from checker.fileio import COPY_SUFFIX as SUFFIX  # the copy's name: 草稿.docx -> 草稿.checked.docx
from checker.i18n import tr


# A draft with more findings than this also gets a summary comment on its title.
SUMMARY_OVER = 30


class AnnotateError(Exception):
    pass


def output_path(src: Path) -> Path:
    """草稿.docx -> 草稿.checked.docx (beside the draft)."""
    return src.with_name(src.stem + SUFFIX) if src.suffix else src.with_name(src.name + SUFFIX)


def _load_copy(data: bytes, lang: str):
    """python-docx's Document of the draft's bytes, or an AnnotateError saying why not."""
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as e:
        if "is not a Word file" in str(e):  # python-docx takes only the .docx content type
            raise AnnotateError(tr(
                lang, "这是 Word 模板或启用宏的文档，请在 Word 或 WPS 中“另存为” .docx 后再批注",
                "this is a Word template or macro-enabled document: save it as .docx, then annotate")) from None
        raise AnnotateError(tr(lang, f"无法在副本上写批注（{e}）", f"cannot write comments into a copy ({e})"))
    except Exception as e:  # odd packages python-docx cannot load
        raise AnnotateError(tr(lang, f"无法在副本上写批注（{type(e).__name__}: {e}）",
                               f"cannot write comments into a copy ({type(e).__name__}: {e})")) from None


def annotated_copy(data: bytes, result, lang: str, highlight: bool = False,
                   per_finding: bool = False) -> tuple[bytes, int]:
    """The commented copy of a checked draft and how many comments were placed.

    ``result`` is the draft's checked :class:`~checker.findings.FileResult` (with its Document);
    ``data`` the bytes it was read from. Nothing is read or checked again here. By default one
    comment per paragraph lists that paragraph's findings, and a draft with more than
    :data:`SUMMARY_OVER` findings gets a summary comment on its title; ``per_finding`` gives one
    comment per finding instead."""
    doc = result.document
    if doc is None:
        raise AnnotateError(result.error["message"] if result.error else tr(lang, "文稿未能读取", "the draft was not read"))
    d = docx_from_text(doc) if doc.format == "txt" else _load_copy(data, lang)
    try:
        ann = Annotator(d, doc, lang, highlight)
        if per_finding:
            placed = sum(1 for f in result.findings if ann.add(f))
        else:
            placed = ann.add_grouped(result.findings)
            if len(result.findings) > SUMMARY_OVER and ann.add_summary(result.findings, placed):
                placed += 1
        out = io.BytesIO()
        d.save(out)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as e:   # a draft python-docx cannot take apart: no copy, one line
        raise AnnotateError(tr(lang, f"无法在副本上写批注（{type(e).__name__}: {e}）",
                               f"cannot write comments into a copy ({type(e).__name__}: {e})")) from None
    blob = out.getvalue()
    validate_copy(blob, lang)
    return blob, placed


def validate_copy(blob: bytes, lang: str) -> None:
    """The copy must open: re-read by checker's own reader and by python-docx, or AnnotateError
    (and nothing is written). A draft whose XML declares its own DTD entities, say, would lose the
    declarations in the copy and could no longer be opened."""
    import docx

    from checker.errors import ReadError
    from checker.readers.docx import read_docx

    try:
        read_docx(io.BytesIO(blob), "copy.docx")
        docx.Document(io.BytesIO(blob))
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except ReadError as e:
        reason = e.message(lang)
    except Exception as e:
        reason = f"{type(e).__name__}: {e}"
    else:
        return
    raise AnnotateError(tr(lang, f"写出的副本无法重新打开，未保存副本（{reason}）",
                           f"the commented copy would not open again, so none was written ({reason})"))


def write_copy(data: bytes, result, lang: str, highlight: bool = False, per_finding: bool = False) -> bytes:
    """The bytes of the commented copy (``.checked.docx``) of a checked draft."""
    return annotated_copy(data, result, lang, highlight, per_finding)[0]
