"""checker: a pre-submission checker for Chinese government report drafts.

The Python API (:mod:`checker.api`) is re-exported here lazily, so ``import checker`` and
``checker --version`` stay cheap: nothing heavy is imported until a function is called.

    import checker
    for result in checker.check_path("草稿/"):
        for f in result.findings:
            print(result.path, f.line, f.rule, f.message)
"""

__version__ = "0.1.0"
# The name on the package index (``pip install gongwen-checker``); the command and the import
# package are ``checker``. (``checker`` on PyPI is an unrelated project.)
__distribution__ = "gongwen-checker"

# name here -> name in checker.api. ``checker.rules`` is the package of rule modules, so the list of
# codes is ``checker.list_rules()`` here (``checker.api.rules()`` there).
_API = {"check_path": "check_path", "check_bytes": "check_bytes", "check_text": "check_text",
        "list_rules": "rules", "load_packs": "load_packs"}
__all__ = ["__version__", "__distribution__", *_API]


def __getattr__(name: str):
    if name in _API:
        from checker import api

        return getattr(api, _API[name])
    raise AttributeError(f"module 'checker' has no attribute {name!r}")


def __dir__():
    return sorted({*globals(), *_API})
