"""The shared corpus: complete drafts raise no section or numbering finding, every part deleted from
any of them is found (as .txt and as .docx), and the national reports stay quiet."""

import pytest

from checker.engine import check_document
from checker.readers import read_bytes, read_path
from tests.conftest import SHARED, ctx_for, needs_shared

CODES = ("missing-section", "empty-section", "section-order", "section-year", "numbering")

# The lines (1-based, inclusive) each part takes in each draft, found by reading them.
PARTS = {
    "000_6e89bb6b74dc778e": {"review": (4, 18), "problems": (19, 19), "plan": (21, 29)},
    "002_cc03cb1b8fd4d28d": {"review": (2, 16), "problems": (17, 17), "plan": (18, 32)},
    "003_9f78d0cb03f390d2": {"review": (9, 37), "plan": (39, 57)},
}

pytestmark = needs_shared


def section_findings(doc):
    return [f for f in check_document(doc, ctx_for()) if f.rule in CODES]


@pytest.mark.parametrize("name", list(PARTS))
@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_complete_drafts_are_quiet(name, suffix):
    assert section_findings(read_path(SHARED / "corpus" / f"{name}{suffix}")) == []


@pytest.mark.parametrize("name,part", [(n, p) for n, parts in PARTS.items() for p in parts])
def test_a_deleted_part_is_found_in_text(name, part):
    a, b = PARTS[name][part]
    lines = (SHARED / "corpus" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    kept = lines[:a - 1] + lines[b:]
    doc = read_bytes("\n".join(kept).encode("utf-8"), f"{name}.txt")
    got = section_findings(doc)
    assert [(f.rule, f.extra.get("part")) for f in got] == [("missing-section", part)]


@pytest.mark.parametrize("name,part", [(n, p) for n, parts in PARTS.items() for p in parts])
def test_a_deleted_part_is_found_in_docx(name, part, tmp_path):
    import docx

    a, b = PARTS[name][part]
    d = docx.Document(str(SHARED / "corpus" / f"{name}.docx"))
    paras = d.paragraphs
    for para in paras[a - 1:b]:
        para._element.getparent().remove(para._element)
    path = tmp_path / f"{name}.docx"
    d.save(str(path))
    got = section_findings(read_path(path))
    assert [(f.rule, f.extra.get("part")) for f in got] == [("missing-section", part)]


def test_national_reports():
    """Real, edited reports: no section finding; one numbering warning, which is true: the copy of the
    2007 report lost the heading （三） of its part 三 (the text jumps from （二） on line 109 to （四）)."""
    found = []
    for path in sorted((SHARED / "corpus" / "national").glob("*.txt")):
        found += [(path.name, f.rule, f.line) for f in section_findings(read_path(path))]
    assert found == [("gwr-2007.txt", "numbering", 123)]
