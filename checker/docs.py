"""One documentation page per rule, as ruff has: ``checker explain RULE``.

Each page is written in English (``docs/rules/<code>.md``) and in Chinese (``docs/rules/zh/<code>.md``);
:func:`rule_doc` gives the one in the chosen language (English where a Chinese one is missing)."""

from __future__ import annotations

from pathlib import Path


def docs_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_docs" / "rules"
    return installed if installed.is_dir() else here.parent / "docs" / "rules"


def page_path(name: str, lang: str = "en") -> Path | None:
    """The page of a code or a rule (a family with an overview page) in ``lang``, or None."""
    from checker.codes import CODES, families

    if name in CODES:
        file = CODES[name].doc
    elif name in families():          # a rule reporting several codes has an overview page
        file = f"{name}.md"
    else:
        return None
    folder = docs_dir()
    if lang == "zh" and (folder / "zh" / file).is_file():
        return folder / "zh" / file
    return folder / file


def rule_doc(name: str, lang: str = "en") -> str | None:
    page = page_path(name, lang)
    return page.read_text(encoding="utf-8") if page is not None and page.is_file() else None
