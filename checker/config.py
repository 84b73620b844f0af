"""Project configuration, the way ruff finds its own.

**Where.** From the checked file's folder (a folder: itself; standard input: the current folder)
upward to the file-system root, the first folder holding one of ``.checker.toml``, ``checker.toml``
or a ``pyproject.toml`` with a ``[tool.checker]`` table (a ``pyproject.toml`` without one is passed
over) gives the configuration; in one folder they are taken in that order. ``--config FILE`` uses
that file for every draft instead; ``--isolated`` uses none. The two cannot be combined.

**What.** The keys hold what the command line holds (top level in ``checker.toml``, under
``[tool.checker]`` in ``pyproject.toml``)::

    select   = ["placeholder", "figures"]   # codes or rule names
    ignore   = ["numbering"]
    fail-on  = "warning"                    # error | warning | info | never
    kind     = "年度工作总结"
    packs    = ["规则/县级.toml"]             # relative to this file's folder
    lang     = "zh"                         # zh | en
    exclude  = ["旧稿", "县直/附件/**"]       # globs, relative to this file's folder
    baseline = "审核/.checker-baseline.json" # relative to this file's folder

    [[overrides]]                           # [[tool.checker.overrides]] in pyproject.toml
    files  = ["县直/**"]                     # globs, relative to this file's folder
    ignore = ["missing-section"]            # and select, fail-on, kind, packs, lang

**Precedence.** default < configuration file < each matching override, in file order <
``CHECKER_LANG`` (``lang`` only) < command line. ``packs`` and ``exclude`` add up across the layers
(they are layers themselves); every other key is replaced by the later layer, and a layer that sets
``select`` also drops the ``ignore`` of the layers before it (as ruff does: ``--select placeholder``
runs placeholder even where the file ignores it). :class:`Settings`
records where each value came from (``checker config`` prints it).

**Globs.** ``/`` separates folders; ``*`` is any characters but ``/``, ``**`` any number of folders,
``?`` one character, ``[…]`` a class. A pattern without ``/`` matches the name of the file or of any
folder above it (below the configuration's folder): ``旧稿`` excludes every folder called 旧稿. A
pattern with ``/`` matches the path from the configuration's folder (a trailing ``/`` matches only a
folder and what is under it). A folder that matches takes everything under it along.

checker's own outputs — ``*.checked.docx`` (``checker annotate``) and anything in a ``_checker``
folder (``checker watch``) — are never drafts: :func:`is_own_output`.

Every error is a :class:`ConfigError` whose message is one line naming the file and the key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple

from checker.fileio import COPY_SUFFIX, REPORTS_DIR
from checker.packs import toml

FILE_NAMES = (".checker.toml", "checker.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
LANGS = ("zh", "en")
# checker's own outputs (named once in checker.fileio)
OWN_SUFFIXES = (COPY_SUFFIX,)
OWN_FOLDERS = (REPORTS_DIR,)

DEFAULTS: dict[str, Any] = {
    "select": (), "ignore": (), "fail-on": "error", "kind": None, "packs": (), "lang": "zh",
    "exclude": (), "baseline": None,
}
KEYS = tuple(DEFAULTS)
OVERRIDE_KEYS = ("select", "ignore", "fail-on", "kind", "packs", "lang")
ADDITIVE = ("packs", "exclude")
DEFAULT = "default"
COMMAND_LINE = "command line"
ENV_LANG = "CHECKER_LANG"


class ConfigError(Exception):
    """A configuration that cannot be used: one line naming the file, the key and the problem."""


def is_own_output(path: str | os.PathLike) -> bool:
    """A file checker wrote itself: an annotated copy (``X.checked.docx``) or anything in a
    ``_checker`` reports folder. Never checked as a draft."""
    p = Path(path)
    if p.name.lower().endswith(OWN_SUFFIXES):
        return True
    return any(part in OWN_FOLDERS for part in p.parts[:-1]) or p.name in OWN_FOLDERS


# --- globs ----------------------------------------------------------------------------------------

def _glob_regex(pattern: str) -> re.Pattern:
    out, i, n = [], 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            j = pattern.index("]", i + 2)
            body = pattern[i + 1:j]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


class Glob(NamedTuple):
    """A glob pattern and the folder it is relative to."""

    pattern: str
    base: Path

    def __str__(self) -> str:
        return self.pattern

    def matches(self, path: str | os.PathLike) -> bool:
        text = self.pattern.replace("\\", "/")
        dir_only = text.endswith("/")
        anchored = "/" in text.strip("/") or text.startswith("/")
        text = text.strip("/")
        if not text:
            return False
        regex = _glob_regex(text)
        absolute = Path(os.path.abspath(path))
        try:
            parts = absolute.relative_to(self.base).parts
        except ValueError:      # outside the base (--exclude from elsewhere, --config FILE elsewhere)
            if anchored:
                return False
            parts = absolute.parts[1:]    # a name matches the file's or any folder's above it
        if not parts:
            return False
        last = len(parts) - 1 if dir_only else len(parts)
        if anchored:
            return any(regex.fullmatch("/".join(parts[:k])) for k in range(1, last + 1))
        return any(regex.fullmatch(part) for part in parts[:last])


def matches_any(globs: Iterable[Glob], path: str | os.PathLike) -> bool:
    return any(g.matches(path) for g in globs)


# --- reading a configuration file -----------------------------------------------------------------

class Override(NamedTuple):
    """One ``[[overrides]]`` table: the files it applies to and the values it sets."""

    files: tuple[Glob, ...]
    values: dict
    number: int                 # 1-based, in file order

    def label(self, config: "Config") -> str:
        return f"{config.path} [[overrides]] #{self.number} ({', '.join(map(str, self.files))})"

    def applies(self, path: str | os.PathLike) -> bool:
        return matches_any(self.files, path)


class Config(NamedTuple):
    """A configuration file, read: its values and overrides."""

    path: Path                  # the file
    values: dict                # normalized: tuples, absolute paths, Globs
    overrides: tuple[Override, ...] = ()

    @property
    def root(self) -> Path:
        """The folder relative paths and globs are taken from."""
        return self.path.parent


def _table(path: Path) -> dict | None:
    """The configuration table of ``path``, or None for a pyproject.toml without [tool.checker]."""
    tomllib = toml()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: TOML 格式错误 / invalid TOML: {e}") from None
    except OSError as e:
        raise ConfigError(f"{path}: 无法读取配置文件 / cannot read the configuration: {e.strerror or e}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("checker") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.checker] 应是表 / must be a table")
        return table
    return data


def _prefix(path: Path) -> str:
    return "[tool.checker] " if path.name == "pyproject.toml" else ""


def _strings(value, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: 应是字符串列表 / must be a list of strings")
    return tuple(v.strip() for v in value)


def _rule_names(value, where: str) -> tuple[str, ...]:
    from checker import codes

    names = _strings(value, where)
    known = {*codes.CODES, *codes.families()}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(f"{where}: 未知规则 / unknown rule: {', '.join(unknown)}（checker rules 列出全部规则）")
    return names


def _choice(value, choices, where: str) -> str:
    if value not in choices:
        raise ConfigError(f"{where}: {value!r} 应是 / must be one of {', '.join(choices)}")
    return value


def _packs(value, base: Path, where: str) -> tuple[str, ...]:
    out = []
    for item in _strings(value, where):
        p = Path(item) if Path(item).is_absolute() else base / item
        if not p.exists():
            raise ConfigError(f"{where}: 规则包不存在 / rule pack not found: {item}（相对于 / relative to {base}）")
        out.append(os.path.normpath(p))
    return tuple(out)


def _value(key: str, value, base: Path, where: str):
    if key in ("select", "ignore"):
        return _rule_names(value, where)
    if key == "fail-on":
        return _choice(value, FAIL_ON, where)
    if key == "lang":
        return _choice(value, LANGS, where)
    if key == "kind":
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: 应是报告类型名称 / must be the name of a kind of report")
        return value.strip()
    if key == "packs":
        return _packs(value, base, where)
    if key == "exclude":
        return tuple(Glob(g, base) for g in _strings(value, where))
    if key == "baseline":
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: 应是文件路径 / must be a file path")
        return os.path.normpath(base / value)
    raise AssertionError(key)  # pragma: no cover


def _values(table: dict, allowed: tuple[str, ...], base: Path, where: str) -> dict:
    out = {}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in allowed:
            raise ConfigError(f"{where}{raw_key}: 未知的配置项 / unknown key（可用 / known: {', '.join(allowed)}）")
        out[key] = _value(key, value, base, f"{where}{raw_key}")
    return out


def load(path: str | os.PathLike) -> Config:
    """Read and check one configuration file (a pyproject.toml must have [tool.checker])."""
    path = Path(os.path.abspath(path))
    if not path.is_file():
        raise ConfigError(f"{path}: 配置文件不存在 / configuration file not found")
    table = _table(path)
    if table is None:
        raise ConfigError(f"{path}: 没有 [tool.checker] 表 / has no [tool.checker] table")
    prefix = _prefix(path)
    table = dict(table)
    raw_overrides = table.pop("overrides", [])
    values = _values(table, KEYS, path.parent, f"{path}: {prefix}")
    if not isinstance(raw_overrides, list) or not all(isinstance(o, dict) for o in raw_overrides):
        raise ConfigError(f"{path}: {prefix}overrides: 应是 [[overrides]] 表的数组 / must be an array of tables")
    overrides = []
    for n, raw in enumerate(raw_overrides, 1):
        where = f"{path}: {prefix}overrides #{n} "
        raw = dict(raw)
        if "files" not in raw:
            raise ConfigError(f"{where}files: 缺少 / missing (globs of the drafts it applies to)")
        files = tuple(Glob(g, path.parent) for g in _strings(raw.pop("files"), where + "files"))
        overrides.append(Override(files, _values(raw, OVERRIDE_KEYS, path.parent, where), n))
    return Config(path, values, tuple(overrides))


def find(start: str | os.PathLike) -> Path | None:
    """The configuration file that governs ``start`` (a folder, searched upward), or None."""
    folder = Path(os.path.abspath(start))
    for d in (folder, *folder.parents):
        for name in FILE_NAMES:
            candidate = d / name
            if candidate.is_file() and (name != "pyproject.toml" or _table(candidate) is not None):
                return candidate
    return None


def _start(target: str | os.PathLike | None, cwd: str | os.PathLike | None) -> Path:
    here = Path(os.path.abspath(cwd or os.getcwd()))
    if target is None or str(target) == "-":
        return here
    p = Path(target)
    p = p if p.is_absolute() else here / p
    return p if p.is_dir() else p.parent


# --- settings -------------------------------------------------------------------------------------

def _setting(key: str) -> property:
    return property(lambda self: self.values[key], doc=f"The value of ``{key}`` in force.")


@dataclass
class Settings:
    """The settings in force for one draft, and where each came from."""

    values: dict = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict = field(default_factory=lambda: {k: DEFAULT for k in DEFAULTS})
    config: Path | None = None

    def __getitem__(self, key: str):
        return self.values[key.replace("_", "-")]

    # select, ignore (tuples of names), fail_on, kind, packs (paths), lang, exclude (Globs), baseline
    select = _setting("select")
    ignore = _setting("ignore")
    fail_on = _setting("fail-on")
    kind = _setting("kind")
    packs = _setting("packs")
    lang = _setting("lang")
    exclude = _setting("exclude")
    baseline = _setting("baseline")

    def excluded(self, path: str | os.PathLike) -> bool:
        """Whether ``path`` (a file or a folder met while walking) is left out: checker's own output,
        or matched by an ``exclude`` glob."""
        return is_own_output(path) or matches_any(self.exclude, path)

    def set(self, key: str, value, source: str) -> None:
        if key == "select" and self.values["ignore"] and self.sources["ignore"] != source:
            # as in ruff: a layer that says which rules run drops what earlier layers ignored
            self.values["ignore"] = DEFAULTS["ignore"]
            self.sources["ignore"] = f"{DEFAULT} (select: {source})"
        if key in ADDITIVE:
            if not value:
                return
            self.values[key] = (*self.values[key], *value)
            prev = self.sources[key]
            self.sources[key] = source if prev == DEFAULT else f"{prev}; {source}"
        else:
            self.values[key] = value
            self.sources[key] = source

    def as_dict(self) -> dict:
        """JSON-ready: ``{"config": path, "settings": {key: {"value", "source"}}}``."""
        def plain(v):
            if isinstance(v, tuple):
                return [str(x) for x in v]
            return v
        return {"config": str(self.config) if self.config else None,
                "settings": {k: {"value": plain(self.values[k]), "source": self.sources[k]} for k in KEYS}}

    def describe(self) -> str:
        """One line per key: ``key = value    # source`` (what ``checker config`` prints)."""
        lines = [f"# {self.config}" if self.config else "# (no configuration file)"]
        for k in KEYS:
            v = self.values[k]
            shown = "[" + ", ".join(f'"{x}"' for x in v) + "]" if isinstance(v, tuple) else (
                "none" if v is None else f'"{v}"')
            lines.append(f"{k} = {shown}    # {self.sources[k]}")
        return "\n".join(lines)


def _cli_values(cli: Mapping[str, Any] | None, cwd: Path) -> dict:
    """The command line's values that were given (None and empty lists are 'not given'), checked."""
    out = {}
    for raw_key, value in (cli or {}).items():
        key = raw_key.replace("_", "-")
        if key not in DEFAULTS:
            raise ConfigError(f"{COMMAND_LINE}: {raw_key}: 未知的设置 / unknown setting")
        if value is None or (isinstance(value, (list, tuple)) and not value):
            continue
        where = f"{COMMAND_LINE}: --{key}"
        if key in ("select", "ignore"):
            out[key] = _rule_names(list(value), where)
        elif key == "fail-on":
            out[key] = _choice(value, FAIL_ON, where)
        elif key == "lang":
            out[key] = _choice(value, LANGS, where)
        elif key == "exclude":
            out[key] = tuple(Glob(g, cwd) for g in _strings(list(value), where))
        elif key == "packs":
            out[key] = tuple(str(p) for p in value)    # as given: the pack loader names a missing one
        else:
            out[key] = str(value)
    return out


class Resolver:
    """Settings per draft for one run: configuration files are found and read once per folder.

    ``cli``: the command line's values by key (``select``, ``ignore``, ``fail_on``, ``kind``,
    ``packs``, ``lang``, ``exclude``, ``baseline``); ``None`` or an empty list means not given.
    """

    def __init__(self, cli: Mapping[str, Any] | None = None, *, config: str | os.PathLike | None = None,
                 isolated: bool = False, env: Mapping[str, str] | None = None,
                 cwd: str | os.PathLike | None = None):
        if config is not None and isolated:
            raise ConfigError("--config 与 --isolated 不能同时使用 / --config and --isolated cannot be combined")
        self.cwd = Path(os.path.abspath(cwd or os.getcwd()))
        self.cli = _cli_values(cli, self.cwd)
        self.env = os.environ if env is None else env
        self.isolated = isolated
        self.fixed = load(config if Path(config).is_absolute() else self.cwd / config) if config is not None else None
        self._by_folder: dict[Path, Config | None] = {}
        self._files: dict[Path, Config] = {}

    def config_for(self, target: str | os.PathLike | None) -> Config | None:
        if self.isolated:
            return None
        if self.fixed is not None:
            return self.fixed
        folder = _start(target, self.cwd)
        if folder not in self._by_folder:
            path = find(folder)
            if path is not None and path not in self._files:
                self._files[path] = load(path)
            self._by_folder[folder] = self._files[path] if path is not None else None
        return self._by_folder[folder]

    def settings(self, target: str | os.PathLike | None = None) -> Settings:
        """The settings for the draft (or folder) ``target``; None or ``-``: standard input."""
        s = Settings()
        conf = self.config_for(target)
        if conf is not None:
            s.config = conf.path
            for key, value in conf.values.items():
                s.set(key, value, str(conf.path))
            if target is not None and str(target) != "-":
                path = target if Path(target).is_absolute() else self.cwd / target
                for o in conf.overrides:
                    if o.applies(path):
                        for key, value in o.values.items():
                            s.set(key, value, o.label(conf))
        env_lang = self.env.get(ENV_LANG)
        if env_lang in LANGS:
            s.set("lang", env_lang, ENV_LANG)
        for key, value in self.cli.items():
            s.set(key, value, COMMAND_LINE)
        return s

    def excluded(self, path: str | os.PathLike) -> bool:
        """Whether the engine's expansion leaves ``path`` out (see :meth:`Settings.excluded`)."""
        if is_own_output(path):
            return True
        return self.settings(path).excluded(path if Path(path).is_absolute() else self.cwd / path)


def resolve(target: str | os.PathLike | None = None, cli: Mapping[str, Any] | None = None, *,
            config: str | os.PathLike | None = None, isolated: bool = False,
            env: Mapping[str, str] | None = None, cwd: str | os.PathLike | None = None) -> Settings:
    """The settings for one draft: defaults < its configuration < matching overrides < CHECKER_LANG
    < ``cli``. See :class:`Resolver` for the arguments."""
    return Resolver(cli, config=config, isolated=isolated, env=env, cwd=cwd).settings(target)
