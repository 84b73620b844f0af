"""One documentation page per rule, as ruff has: ``checker explain RULE``."""

from __future__ import annotations

from pathlib import Path


def docs_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_docs" / "rules"
    return installed if installed.is_dir() else here.parent / "docs" / "rules"


def rule_doc(name: str) -> str | None:
    from checker.rules import rule_codes

    codes = rule_codes()
    if name not in codes:
        return None
    page = docs_dir() / f"{name}.md"
    if not page.is_file():
        page = docs_dir() / f"{codes[name].name}.md"
    return page.read_text(encoding="utf-8") if page.is_file() else None
