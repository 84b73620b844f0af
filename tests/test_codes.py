"""The code table is the one source: README, rule pages, `checker rules` and the HTML report agree with it."""

import re
from pathlib import Path

import pytest

from checker import codes
from checker.findings import Severity
from checker.rules import REGISTRY, load_rule

ROOT = Path(__file__).resolve().parent.parent


def test_every_code_has_a_family_that_runs_and_a_page():
    for c in codes.CODES.values():
        assert c.family in REGISTRY, c.name
        assert isinstance(c.severity, Severity)
        assert all(c.summary) and "\n" not in c.summary[0] + c.summary[1]
        assert (ROOT / "docs" / "rules" / c.doc).is_file(), c.doc
    assert set(codes.families()) == set(REGISTRY)


def test_rules_emit_only_declared_codes():
    from checker.engine import check_paths, make_context

    seen = set()
    for r in check_paths([str(ROOT / "samples")], make_context()):
        for f in r.findings:
            assert f.rule in codes.CODES, f.rule
            assert codes.CODES[f.rule].family in REGISTRY
            seen.add(f.rule)
    assert len(seen) >= 5  # the samples exercise several families
    for name in REGISTRY:
        assert load_rule(name).codes, name


def _readme_rows() -> dict[str, str]:
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `([a-z-]+)` \| (\w+)", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def test_readme_rule_table_matches_the_code_table():
    rows = _readme_rows()
    assert set(rows) == set(codes.CODES)
    for name, sev in rows.items():
        assert sev == codes.CODES[name].severity.value, name


@pytest.mark.parametrize("name", sorted(codes.CODES))
def test_rule_page_severity_line_matches(name):
    page = (ROOT / "docs" / "rules" / codes.CODES[name].doc).read_text(encoding="utf-8")
    m = re.search(r"^\*\*Severity:\*\* (\w+)", page, re.M)
    assert m, f"{name}.md has no **Severity:** line"
    assert m.group(1) == codes.CODES[name].severity.value


def test_html_report_describes_each_code_with_its_own_summary():
    from checker.render.html import _rule_summaries

    for lang in ("zh", "en"):
        got = _rule_summaries(lang)
        for name, c in codes.CODES.items():
            assert got[name] == c.describe(lang)
    # the structure codes no longer borrow their family's description
    zh = _rule_summaries("zh")
    assert len({zh["missing-section"], zh["empty-section"], zh["section-order"], zh["section-year"]}) == 4


def test_checker_rules_lists_every_code_with_its_severity():
    from tests.conftest import run_checker

    out = run_checker("rules", "--lang", "en").stdout.decode()
    for name, c in codes.CODES.items():
        line = next(l for l in out.splitlines() if l.strip().startswith(name + " "))
        assert line.split()[1] == c.severity.value


def test_select_a_family_reports_its_codes():
    from checker.engine import check_document, make_context
    from checker.readers import read_bytes

    text = "全镇共有农户1000户，其中脱贫户1200户。XX村完成任务。"
    doc = read_bytes(text.encode(), "t.txt", ".txt")
    found = check_document(doc, make_context(select=("figures",)))
    assert found and all(codes.CODES[f.rule].family == "figures" for f in found)
