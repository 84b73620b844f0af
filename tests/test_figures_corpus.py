"""The figure rules on real text: the national reports (clean) and the corpus drafts with their
slots filled by consistent numbers must raise no error or warning from them.

The fill helper replaces every slot the placeholder rule finds: years with 2020, names with a
made-up place name, numbers with values that fall along each sentence (so a 其中 list is always
below its total), shares and rates with values under 100, and a count whose items are listed
with the number the placeholder finding suggests.
"""

from __future__ import annotations

import re

import pytest

from checker.engine import check_document, make_context
from checker.readers import read_path
from checker.readers.txt import document_from_text
from tests.conftest import SHARED, needs_shared

FIGURE_CODES = {"subtotal-exceeds-total", "parts-sum-mismatch", "count-mismatch", "rate-out-of-range",
                "metric-conflict", "table-total-mismatch"}
DRAFTS = ["000_6e89bb6b74dc778e.txt", "002_cc03cb1b8fd4d28d.txt", "003_9f78d0cb03f390d2.txt"]


def serious(findings):
    return [f for f in findings if f.rule in FIGURE_CODES and f.severity in ("error", "warning")]


def fill_slots(text: str) -> str:
    """``text`` with every placeholder slot replaced by a consistent value."""
    doc = document_from_text(text, "draft.txt", "utf-8")
    slots = [f for f in check_document(doc, make_context(select=("placeholder",))) if f.rule == "placeholder"]
    by_line: dict[int, list] = {}
    for f in slots:
        if f.end_line == f.line:
            by_line.setdefault(f.line, []).append(f)
    lines = text.split("\n")
    for ln, fs in by_line.items():
        line = lines[ln - 1]
        # numbers fall along each sentence: later figures are smaller than any earlier one
        sentence_of = _sentence_index(line)
        counts: dict[int, int] = {}
        for f in fs:
            counts[sentence_of[f.column - 1]] = counts.get(sentence_of[f.column - 1], 0) + 1
        seen: dict[int, int] = {}
        values = {}
        for f in sorted(fs, key=lambda f: f.column):
            s = sentence_of[f.column - 1]
            k = seen.get(s, 0)
            seen[s] = k + 1
            values[id(f)] = 2 ** (counts[s] - k + 3)
        for f in sorted(fs, key=lambda f: f.column, reverse=True):
            a, b = f.column - 1, f.end_column - 1
            line = line[:a] + _value(f, line, a, b, values[id(f)]) + line[b:]
        lines[ln - 1] = line
    return "\n".join(lines)


def _sentence_index(line: str) -> list[int]:
    out, n = [], 0
    for c in line:
        out.append(n)
        if c in "。！？!?":
            n += 1
    return out or [0]


def _value(f, line, a, b, v) -> str:
    expects = f.extra.get("expects")
    slot = line[a:b]
    if "suggest" in f.extra:
        return str(f.extra["suggest"])
    if expects == "year":
        return "2020" if len(slot) == 4 else slot.replace("X", "2").replace("x", "2").replace("XX", "20")
    if expects == "date":
        return "6"
    if expects in ("number", "formula"):
        if slot.endswith(("%", "％", "‰")) or line[b:b + 1] in "%％‰":
            return f"{50 + v % 40}.5" + (slot[-1] if slot[-1] in "%％‰" else "")
        if re.search(r"[.．]", slot):
            return f"{v}.5"
        return str(v)
    return "东岭"


@needs_shared
@pytest.mark.parametrize("name", DRAFTS)
def test_filled_corpus_drafts_raise_nothing_serious(name):
    path = SHARED / "corpus" / name
    raw = read_path(path)
    filled = fill_slots(raw.text)
    assert not re.search(r"[Xx]{2}", filled.replace("XXL", ""))  # the slots really are filled
    doc = document_from_text(filled, name, "utf-8")
    got = serious(check_document(doc, make_context()))
    assert got == [], [(f.rule, f.line, f.text, f.message) for f in got]


@needs_shared
def test_national_reports_raise_nothing_from_figure_rules():
    ctx = make_context()
    bad = []
    for path in sorted((SHARED / "corpus" / "national").glob("*.txt")):
        doc = read_path(path)
        bad += [(path.name, f.line, f.rule, f.text) for f in serious(check_document(doc, ctx))]
    assert bad == []


@needs_shared
def test_fill_helper_can_fail():
    """The helper is only worth something if an inconsistent fill is caught: fill a 其中 list upward."""
    text = "财政收入完成X万元，其中税收收入完成X万元，非税收入完成X万元。"
    good = fill_slots(text)
    doc = document_from_text(good, "t.txt", "utf-8")
    assert serious(check_document(doc, make_context())) == []
    bad = "财政收入完成16万元，其中税收收入完成32万元，非税收入完成8万元。"
    doc = document_from_text(bad, "t.txt", "utf-8")
    assert [f.rule for f in serious(check_document(doc, make_context()))] == \
        ["subtotal-exceeds-total"]
