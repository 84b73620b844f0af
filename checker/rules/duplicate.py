"""`duplicate-paragraph`: a title typed twice, or a paragraph pasted twice.

Two cases only, both precise: a title line (one of the first three non-empty body lines, before the
first sentence or long paragraph — a seller's name may stand above the real title) standing again as a paragraph
of its own, and a long paragraph (``min_chars`` non-space characters, 30 by default)
repeated verbatim. Short repeated lines — a document name in a list, a signature, a date — are left
alone. Table cells, headers, footers and notes are not compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.rules import Rule

_SPACE = re.compile(r"\s+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = ("。", "！", "？", "!", "?", "；", ";")
_NOT_TITLE_END = ("：", ":", "。", "，", ",", "；", ";")


@dataclass(frozen=True)
class DuplicateVocab:
    """The ``[duplicate_paragraph]`` pack section: how long a paragraph must be to be compared."""

    min_chars: int


def build_vocab(conf: dict) -> DuplicateVocab:
    return DuplicateVocab(int(conf.get("min_chars", 30)))


class DuplicateParagraphRule(Rule):
    name = "duplicate-paragraph"

    def check(self, doc, ctx):
        min_chars = ctx.vocab("duplicate_paragraph", build_vocab).min_chars
        titles: set[str] = set()
        head = True
        seen: dict[str, int] = {}
        for b in doc.blocks:
            if b.kind != "body":
                continue
            key = _SPACE.sub("", b.text)
            if not key:
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = b.line
                if head and (len(key) > 50 or len(titles) >= 3 or key.endswith(_SENTENCE_END)):
                    head = False  # the title block ends at the first sentence
                if head and len(key) >= 8 and not key.endswith(_NOT_TITLE_END):
                    titles.add(key)  # a salutation such as 各位代表： is not a title
                continue
            if len(_HAN.findall(key)) < 4:
                continue
            if key in titles:
                msg = ctx.say("标题在第 {n} 行已经出现，这里又重复了一遍：请删去多余的一处",
                              "the title, already on line {n}, is repeated here: delete one of them", n=first)
            elif len(key) >= min_chars:
                msg = ctx.say("这一段与第 {n} 行完全相同：请删去重复的一段",
                              "this paragraph repeats line {n} word for word: delete the copy", n=first)
            else:
                continue
            yield ctx.finding_at(doc, self.name, b.line, 1, None, msg, first_line=first,
                                 related=(ctx.related(doc, first, note=ctx.say("首次出现", "first occurrence")),))
