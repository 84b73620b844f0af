"""Figures that contradict each other: parts above their total, counts that do not match
their lists, bounded rates above 100 %, one measure given two values, table totals.

Two passes over the document text find the triggers: the pack's words, at their last character
(其中, 合计/共计/总计, a bounded-rate word, 以下/如下/下列, a measure word with an amount after it;
exactly what a trie of the words finds, see ``scan.trigger_words``), and, in one regular
expression, a numeral right before a counter and an area written in digits (``scan.numeral_hits``).
Each hit a cheap look (:data:`MAY`, ``counts.may_count``) does not rule out goes, through
:data:`HANDLERS`, to the handler of its family, a function over the
:class:`~checker.rules.figures.scan.Scan` state that reads figures (``checker.figures``) only
around it. After the pass, the measures collected are compared and the tables of a .docx are
added up. On 10 MB of report text the two passes take about half the rule's time.

==================  ==============================================================
module              codes
==================  ==============================================================
``subtotal``        ``subtotal-exceeds-total``, ``parts-sum-mismatch``
``counts``          ``count-mismatch``
``rates``           ``rate-out-of-range`` in prose
``metrics``         ``metric-conflict``
``tables``          ``table-total-mismatch``, ``rate-out-of-range`` in tables
``scan``            the compiled vocabulary and the scan state they share
==================  ==============================================================

Binding — which number is the total and which are its parts — is conservative: anything less
than certain and the rule stays silent. Every message shows the figures and the arithmetic.
"""

from __future__ import annotations

from bisect import bisect_right

from checker.rules import Rule
from checker.rules.figures import counts, metrics, rates, subtotal, tables
from checker.rules.figures.scan import Scan, build_vocab, numeral_hits, trigger_words

_SKIP_KINDS = ("header", "footer")

# trigger family (the pack words' kind, see scan.build_vocab) -> handler(scan, bi, block, t, a, b)
HANDLERS = {
    "qz": subtotal.qizhong,
    "sum": subtotal.trailing_total,
    "rate": rates.rate,
    "stated": counts.stated,
    "head": metrics.collect,
}
# trigger family -> may(voc, text, start, end): False when its handler can find nothing at the word
# text[start:end] of the document's text (a cheap look before the block is found and the handler run)
MAY = {
    "qz": subtotal.may_qizhong,
    "rate": rates.may_rate,
    "stated": counts.may_state,
}   # (a measure word comes only with an amount after it: see scan.trigger_words)


class FiguresRule(Rule):
    name = "figures"
    weight = 60

    def check(self, doc, ctx):
        voc = ctx.vocab("figures", build_vocab)
        scan = Scan(voc, ctx, doc)
        text = doc.text
        yield from _dispatch(scan, _word_hits(voc, text, trigger_words(voc, text)))
        counted, sizes = numeral_hits(voc, text)
        yield from _dispatch(scan, _count_hits(text, counted))
        if sizes is not None:
            metrics.named_sizes(scan, sizes)
        yield from metrics.conflicts(scan)
        yield from tables.tables(scan)


def _word_hits(voc, text, found):
    """(start, end, handler) of each trigger word its handler may find something at (see :data:`MAY`)."""
    for s, e, kind in found:
        may = MAY.get(kind)
        if may is None or may(voc, text, s, e):
            yield s, e, HANDLERS[kind]


def _count_hits(text, found):
    """(start, end, count_at) of each numeral before a counter count_at may find something at."""
    handler = counts.count_at
    for i in counts.may_count(text, found):
        yield i, i + 1, handler


def _dispatch(scan, hits):
    """Each hit (start and end in the document's text, handler), outside headers and footers,
    handed to its handler with the block it lies in and its span in that block's text."""
    doc = scan.doc
    starts = doc.line_starts
    blocks = doc.blocks
    last = len(blocks) - 1
    bi = 0
    nxt = starts[1] if last > 0 else None     # where the block after ``bi`` starts
    for pos, end, handler in hits:
        if nxt is not None and pos >= nxt:
            bi = bisect_right(starts, pos, bi) - 1
            nxt = starts[bi + 1] if bi < last else None
        block = blocks[bi]
        if block.kind in _SKIP_KINDS:
            continue
        base = starts[bi]
        yield from handler(scan, bi, block, block.text, pos - base, end - base)
