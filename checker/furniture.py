"""Lines that are not the report: a template seller's lines and the page furniture copied with a web page.

A small shared test, read from the ``[vendor]`` pack section (``rules/vendor.toml`` and user packs),
so that the outline can skip such lines when it looks for a report's title without importing the
`vendor-residue` rule: both read the same vocabulary, neither imports the other. It is a line-level
*shape* test (is this whole line an advert, a contact, a page counter?), not the rule's finding:
the rule decides what to report and where; this only says "this line cannot be the title".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.hanzi import fold
from checker.patterns import alt

# Contact details and addresses: a line holding one is never a report's title.
_CONTACT = re.compile(r"(?i)(?:https?://|www\.|[a-z0-9-]+\.(?:com|cn|net|org)\b|\bqq\b|微信|公众号|客服|@[a-z0-9]|"
                      r"(?<![0-9])(?:19|20)[0-9]{2}([-/])[0-9]{1,2}\1[0-9]{1,2}(?![0-9])|[0-9.]+\s*[kmg]b\b)")
# A breadcrumb (报告大全 > 社会报告 > 政府报告), a page's article number (第1篇 …, 第一篇 …) or a
# collection's count (…述职报告十二篇, …(三篇), …(20篇范文)).
_CRUMB = re.compile(r"(?:[^>»]+[>»]){2,}[^>»]+$")
_COLLECTION = re.compile(r"^第[ 　]*[0-9一二三四五六七八九十]+[ 　]*篇|[0-9一二三四五六七八九十]+篇[^。，,；;]{0,4}[)）]?$")
# 第1页共10页, 第 2 页, 共3页, 1/10: a page counter.
PAGE_COUNTER = re.compile(r"(?:第[ 　]*[0-9]+[ 　]*页[ 　]*(?:[,，/ 　]*共[ 　]*[0-9]+[ 　]*页)?|共[ 　]*[0-9]+[ 　]*页)")


class SellerShapes(NamedTuple):
    """The ``[vendor]`` section's words, compiled for the line test."""

    words: object                  # re.Pattern of seller words, site names and page labels, or None

    def is_seller_line(self, text: str) -> bool:
        """Whether a line is a seller's line or page furniture (so never a report's title)."""
        f = fold(text.strip())
        if not f:
            return False
        if _CONTACT.search(f) or PAGE_COUNTER.fullmatch(f) or _CRUMB.match(f) or _COLLECTION.search(f):
            return True
        return bool(self.words is not None and self.words.search(f))


def build_shapes(conf: dict) -> SellerShapes:
    """Compile the ``[vendor]`` section (once per pack through ``checker.packs.compiled``). Keys read:
    ``site_suffixes``, ``sales``, ``page_labels``, ``page_words``, ``position_words`` — the ones that
    are absent are simply not used."""
    words = []
    for key in ("site_suffixes", "sales", "page_labels", "page_words", "position_words"):
        words.extend(w for w in conf.get(key, []) if isinstance(w, str) and len(w.strip()) >= 2)
    if not words:
        return SellerShapes(None)
    return SellerShapes(re.compile(alt(fold(w) for w in words)))


def strip_page_counter(text: str) -> tuple[str, int]:
    """Text without a page counter glued to its start (第1页共10页乡镇…), and how many characters went."""
    m = PAGE_COUNTER.match(text)
    if not m:
        return text, 0
    return text[m.end():], m.end()
