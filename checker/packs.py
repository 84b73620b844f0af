"""Rule packs: the vocabulary rules use, in TOML files users can extend.

Every ``*.toml`` in the bundled ``rules/`` folder is loaded in name order,
then each user pack (``--pack FILE_OR_DIR``, or the ``CHECKER_PACKS``
environment variable, paths separated by ``os.pathsep``). Packs merge:
tables merge key by key, lists are extended (duplicates dropped), other
values are replaced. A table with ``replace = true`` replaces the table it
merges into instead.

A pack may also say, in its ``[checker]`` table, which rules to switch off
(``disable = ["numbering"]``) and which severities to change
(``severity = { placeholder = "warning" }``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def toml():
    """The TOML parser, imported when a file is actually parsed (the start-up cache usually has packs
    parsed already)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib


class PackError(Exception):
    """A pack that cannot be read: the message names the file and the problem."""


def bundled_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_packs"
    if installed.is_dir():
        return installed
    return here.parent / "rules"


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.glob("*.toml") if not p.name.startswith("."))
    if path.is_file():
        return [path]
    raise PackError(f"{path}: 规则包不存在 / rule pack not found")


def load_file(path: Path) -> dict:
    from checker import cache

    try:
        with open(path, "rb") as fh:
            data = fh.read()
        return cache.pack(data, lambda b: toml().loads(b.decode()))
    except toml().TOMLDecodeError as e:
        raise PackError(f"{path}: TOML 格式错误 / invalid TOML: {e}") from None
    except OSError as e:
        raise PackError(f"{path}: {e.strerror}") from None


def merge(base: dict, extra: dict) -> dict:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict) and not value.get("replace"):
            merge(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            seen = {repr(v) for v in base[key]}
            base[key].extend(v for v in value if repr(v) not in seen)
        elif isinstance(value, dict):
            base[key] = merge({}, {k: v for k, v in value.items() if k != "replace"})
        else:
            base[key] = value
    return base


def validate(pack: dict) -> dict:
    """Check what a pack says beyond vocabulary: severities, and every user regular expression
    (any ``patterns`` list of tables with a ``pattern`` key, in any rule's table)."""
    import re

    from checker.findings import SEVERITIES

    conf = pack.get("checker", {})
    for code, sev in dict(conf.get("severity", {})).items():
        if sev not in SEVERITIES:
            raise PackError(f"[checker] severity: {code} = {sev!r}: 级别只能是 / severity must be "
                            f"one of {', '.join(SEVERITIES)}")
    for table, body in pack.items():
        if not isinstance(body, dict):
            continue
        for item in body.get("patterns", []) or []:
            if not isinstance(item, dict) or not isinstance(item.get("pattern"), str):
                raise PackError(f"[{table}] patterns: 每项须有 pattern 字符串 / each entry needs a pattern string")
            try:
                re.compile(item["pattern"])
            except re.error as e:
                raise PackError(f"[{table}] patterns: {item['pattern']!r}: 正则表达式无效 / invalid regular "
                                f"expression: {e}") from None
            if item.get("severity", "error") not in SEVERITIES:
                raise PackError(f"[{table}] patterns: {item['pattern']!r}: severity {item['severity']!r}")
    return pack


COMPILED = "_compiled"


def compiled(pack: dict, section: str, build):
    """``build(pack[section])``, once per pack: the one cache for what code compiles from a pack.

    A merged pack lives for a run (``ctx.pack``), so every draft checked in the run reuses the
    compiled vocabulary, and another pack compiles its own. Rules reach it as ``ctx.vocab(section,
    build)``; modules that are handed only the pack (the outline, the kinds of report) call this.
    ``build`` is a module-level function returning a typed vocabulary (a dataclass); the results are
    kept in the pack under the reserved key ``_compiled``, which no pack file may use.
    """
    store = pack.setdefault(COMPILED, {})
    key = (section, build)
    if key not in store:
        store[key] = build(pack.get(section, {}))
    return store[key]


def load(user_paths: list[str] | tuple[str, ...] = ()) -> dict:
    """The merged pack: bundled packs, then CHECKER_PACKS, then ``user_paths``."""
    paths = [bundled_dir()]
    env = os.environ.get("CHECKER_PACKS")
    if env:
        paths.extend(Path(p) for p in env.split(os.pathsep) if p)
    paths.extend(Path(p) for p in user_paths)
    merged: dict = {}
    for path in paths:
        for f in _pack_files(path):
            data = load_file(f)
            try:
                validate(data)
                merge(merged, data)
            except PackError as e:
                raise PackError(f"{f}: {e}") from None
            except (TypeError, AttributeError) as e:
                raise PackError(f"{f}: 与已有规则包的结构不符 / does not fit the packs before it: {e}") from None
    return merged
