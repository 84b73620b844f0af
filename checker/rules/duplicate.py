"""`duplicate-paragraph`: a title typed twice, or a paragraph pasted twice.

Two cases only, both precise: a title line (one of the first three non-empty body lines, before the
first sentence or long paragraph — a seller's name may stand above the real title) standing again as a paragraph
of its own, and a long paragraph (``min_chars`` non-space characters, 30 by default)
repeated verbatim. Short repeated lines — a document name in a list, a signature, a date — are left
alone. Table cells, headers, footers and notes are not compared.

A repeated paragraph is reported once, on its first repeat, with its first occurrence and its other
copies as related places (at most ``MAX_PLACES``; ``extra.copies`` counts them all), so a draft that
pastes one paragraph many times gets one finding, not one per copy.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.findings import Related
from checker.rules import Rule

_HAN4 = re.compile(r"[\u4e00-\u9fff](?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){3}")  # four Han characters
_SENTENCE_END = ("。", "！", "？", "!", "?", "；", ";")
_NOT_TITLE_END = ("：", ":", "。", "，", ",", "；", ";")


class DuplicateVocab(NamedTuple):
    """The ``[duplicate_paragraph]`` pack section: how long a paragraph must be to be compared."""

    min_chars: int


def build_vocab(conf: dict) -> DuplicateVocab:
    return DuplicateVocab(int(conf.get("min_chars", 30)))


MAX_PLACES = 20   # related places listed on one finding (``extra.copies`` counts them all)


def _texts(blocks, lines):
    return [blocks[n - 1].text for n in lines]


class DuplicateParagraphRule(Rule):
    name = "duplicate-paragraph"
    weight = 34

    def check(self, doc, ctx):
        min_chars = ctx.vocab("duplicate_paragraph", build_vocab).min_chars
        lines_of: dict[str, list[int]] = {}  # each paragraph's text -> its lines, in order
        for b in doc.blocks:
            if b.kind == "body":
                got = lines_of.get(b.text)
                if got is None:
                    lines_of[b.text] = [b.line]
                else:
                    got.append(b.line)
        # texts that differ only in white space are one paragraph: its key is the text without it (what
        # \s matches); keys come in the order of their first lines
        places: dict[str, list[int]] = {}
        for text, lines in lines_of.items():
            key = "".join(text.split())
            if key:
                got = places.get(key)
                places[key] = lines if got is None else sorted(got + lines)
        titles: set[str] = set()
        head = True
        for key in places:
            if head and (len(key) > 50 or len(titles) >= 3 or key.endswith(_SENTENCE_END)):
                head = False  # the title block ends at the first sentence
            if head and len(key) >= 8 and not key.endswith(_NOT_TITLE_END):
                titles.add(key)  # a salutation such as 各位代表： is not a title
            if not head:
                break
        # one finding per repeated paragraph, in the order of their first repeats
        repeated = [(lines[1], key, lines) for key, lines in places.items() if len(lines) > 1
                    and (key in titles or len(key) >= min_chars) and _HAN4.search(key) is not None]
        repeated.sort()
        notes = (ctx.say("首次出现", "first occurrence"), ctx.say("又一处", "another copy"))
        for _, key, lines in repeated:
            yield self._finding(doc, ctx, key in titles, lines[:MAX_PLACES + 1], len(lines), notes)

    def _finding(self, doc, ctx, title, lines, copies, notes):
        """One finding on the first repeat of a paragraph; the first occurrence and the other copies as
        related places."""
        first, at = lines[0], lines[1]
        if title:
            msg = ctx.say("标题在{w}已经出现，这里又重复了一遍：请删去多余的一处",
                          "the title, already at {w}, is repeated here: delete one of them", w=ctx.where(doc, first))
        else:
            msg = ctx.say("这一段与{w}完全相同：请删去重复的一段",
                          "this paragraph repeats {w} word for word: delete the copy", w=ctx.where(doc, first))
        if copies > 2:
            msg += ctx.say("（全文共 {k} 处相同）", " ({k} identical copies in all)", k=copies)
        blocks = doc.blocks
        text = blocks[first - 1].text
        first_note, another = notes
        related = [Related(first, 1, len(text) + 1, text, first_note)]
        make = tuple.__new__   # each copy, whole (what ctx.related gives for a line), made without its keywords
        rest = lines[2:]
        related += [make(Related, (n, 1, len(t) + 1, t, another)) for n, t in zip(rest, _texts(blocks, rest))]
        return ctx.finding_at(doc, self.name, at, 1, None, msg, first_line=first, copies=copies,
                              related=related)
