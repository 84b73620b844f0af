"""Renderers present checked results; they never re-read a file.

Every report format is one module with one function of one signature,
``render(results, *, lang, color=False, **opts) -> str``, looked up by name in
:data:`FORMATS` (imported only when used). ``outline`` and ``index`` render the
outline/kinds views and the watcher's index page.
"""

from __future__ import annotations

import importlib

# format name -> "module:function"
FORMATS: dict[str, str] = {
    "terminal": "checker.render.terminal:render",
    "json": "checker.render.jsonfmt:render",
    "html": "checker.render.html:render",
    # for CI systems
    "sarif": "checker.render.sarif:render",
    "github": "checker.render.github:render",
    "junit": "checker.render.junit:render",
    "gitlab": "checker.render.gitlab:render",
    "checkstyle": "checker.render.checkstyle:render",
}


def renderer(fmt: str):
    """The ``render`` function of a format (KeyError for an unknown one)."""
    module, attr = FORMATS[fmt].split(":")
    return getattr(importlib.import_module(module), attr)


def render(fmt: str, results, *, lang: str = "zh", color: bool = False, **opts) -> str:
    return renderer(fmt)(results, lang=lang, color=color, **opts)
