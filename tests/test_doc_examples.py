"""Each rule page's examples are executed: its ``draft bad`` block must be reported with that code,
its ``draft good`` block must not (proselint's and pylint's good/bad examples, tested)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import codes
from tests.conftest import findings

PAGES = Path(__file__).resolve().parent.parent / "docs" / "rules"
BLOCK = re.compile(r"^```draft (bad|good)\n(.*?)\n```", re.M | re.S)
# Codes that only .docx structure can raise (comments, revisions, run formatting, table cells):
# their pages show screenshots of the effect in words, not a text draft.
DOCX_ONLY = {"docx-comment", "docx-revision", "docx-highlight", "docx-hidden-text", "docx-metadata",
             "table-total-mismatch"}


def examples(code: str) -> dict[str, list[str]]:
    page = (PAGES / codes.CODES[code].doc).read_text(encoding="utf-8")
    out: dict[str, list[str]] = {"bad": [], "good": []}
    for kind, body in BLOCK.findall(page):
        out[kind].append(body)
    return out


@pytest.mark.parametrize("code", sorted(set(codes.CODES) - DOCX_ONLY))
def test_page_examples(code):
    ex = examples(code)
    assert ex["bad"] and ex["good"], f"{code}.md needs a ```draft bad and a ```draft good example"
    for text in ex["bad"]:
        assert code in [f.rule for f in findings(text)], f"{code}.md: the bad example is not reported"
    for text in ex["good"]:
        assert code not in [f.rule for f in findings(text)], f"{code}.md: the good example is reported"
