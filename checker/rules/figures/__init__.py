"""Figures that contradict each other: parts above their total, counts that do not match
their lists, bounded rates above 100 %, one measure given two values, table totals.

One pass over the document text: two trigger scanners (the pack's words as a trie, and a numeral
right before a counter) find 其中, 合计/共计/总计, a bounded-rate word, 以下N个方面, a measure
word, or a count; each hit goes, through :data:`HANDLERS`, to the handler of its family, a
function over the :class:`~checker.rules.figures.scan.Scan` state that reads figures
(``checker.figures``) only around it. After the pass, the measures collected are compared and
the tables of a .docx are added up.

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

from checker.rules import Rule
from checker.rules.figures import counts, metrics, rates, subtotal, tables
from checker.rules.figures.scan import Scan, build_vocab

_SKIP_KINDS = ("header", "footer")

# trigger family (the pack words' kind, see scan.build_vocab) -> handler(scan, bi, block, t, a, b)
HANDLERS = {
    "qz": subtotal.qizhong,
    "sum": subtotal.trailing_total,
    "rate": rates.rate,
    "stated": counts.stated,
    "head": metrics.collect,
}


class FiguresRule(Rule):
    name = "figures"

    def check(self, doc, ctx):
        voc = ctx.vocab("figures", build_vocab)
        scan = Scan(voc, ctx, doc)
        kinds = voc.kinds
        yield from _scan(scan, voc.words, lambda word: HANDLERS[kinds[word]])
        yield from _scan(scan, voc.counted, lambda _numeral: counts.count_at)
        metrics.named_sizes(scan)
        yield from metrics.conflicts(scan)
        yield from tables.tables(scan)


def _scan(scan, regex, handler_of):
    """Each hit of ``regex`` in the document's text, outside headers and footers, handed to its
    handler with the block it lies in and its span in that block's text."""
    doc = scan.doc
    starts = doc.line_starts
    blocks = doc.blocks
    nblocks = len(blocks)
    bi = 0
    for m in regex.finditer(doc.text):
        pos = m.start()
        while bi + 1 < nblocks and starts[bi + 1] <= pos:
            bi += 1
        block = blocks[bi]
        if block.kind in _SKIP_KINDS:
            continue
        base = starts[bi]
        yield from handler_of(m.group(0))(scan, bi, block, block.text, pos - base, m.end() - base)
