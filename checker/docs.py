"""One documentation page per rule, as ruff has: ``checker explain RULE``."""

from __future__ import annotations

from pathlib import Path


def docs_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_docs" / "rules"
    return installed if installed.is_dir() else here.parent / "docs" / "rules"


def rule_doc(name: str) -> str | None:
    from checker.codes import CODES, families

    if name in CODES:
        page = docs_dir() / CODES[name].doc
    elif name in families():          # a rule reporting several codes has an overview page
        page = docs_dir() / f"{name}.md"
    else:
        return None
    return page.read_text(encoding="utf-8") if page.is_file() else None
