"""What a run of the ``checker`` command keeps on disk to start faster next time.

Three things, in one file per Python version under the user's cache folder:

- compiled regular expressions: compiling the rules' patterns (Chinese vocabularies of hundreds of
  alternatives) was most of the fixed cost of a run. The compiled program of each pattern is kept,
  keyed by the pattern's text and flags, so a pattern changed in a pack or in the code is simply a
  new key; loading it back is checked by the regular-expression engine itself, and anything that
  does not load is compiled as usual.
- parsed packs: each ``.toml`` pack's parsed content, keyed by a digest of the file's bytes.
- checker's own compiled modules, only where Python keeps no bytecode of them itself
  (``PYTHONDONTWRITEBYTECODE``, ``python -B``): each module's code, keyed by its source file's path,
  modification time and size, as Python's own ``__pycache__`` does. Without it every run compiles
  checker's sources afresh, which costs more than checking a small draft. Nothing is written next to
  the sources.

The folder is ``CHECKER_CACHE_DIR``, else ``$XDG_CACHE_HOME/checker`` (``~/.cache/checker``;
``~/Library/Caches/checker`` on macOS, ``%LOCALAPPDATA%\\checker\\cache`` on Windows). Setting
``CHECKER_CACHE_DIR`` to an empty string turns the cache off. A cache that cannot be read or written
is ignored: it only ever saves time. Only the command line uses it (:func:`install` is called by
``checker``'s entry point), never ``import checker``.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from array import array
from importlib.machinery import PathFinder, SourceFileLoader
from pathlib import Path

MAX_PATTERNS = 1500       # beyond this, the file keeps only the patterns of the latest run
STALE_AFTER = 30          # a pattern no run that wrote the cache used in this many writes is dropped
_state: dict | None = None


def cache_dir() -> Path | None:
    env = os.environ.get("CHECKER_CACHE_DIR")
    if env is not None:
        return Path(env) if env.strip() else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "checker" / "cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "checker"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "checker"


def _file(folder: Path) -> Path:
    import _sre

    return folder / f"startup-{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}.bin"


def install() -> None:
    """Load the cache and route :mod:`re`'s compilation through it for the rest of the process."""
    global _state
    if _state is not None:
        return
    folder = cache_dir()
    compiler = getattr(re, "_compiler", None)
    if folder is None or compiler is None or not hasattr(compiler, "_code") or array("I").itemsize != _sre_codesize():
        _state = {}
        return
    path = _file(folder)
    try:
        with open(path, "rb") as fh:
            data = marshal.load(fh)
        patterns, packs, code = data["re"], data["packs"], data.get("code", {})
        writes, seen = data.get("writes", 0), data.get("seen", {})
        if not all(isinstance(x, dict) for x in (patterns, packs, code, seen)) or not isinstance(writes, int):
            raise ValueError
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        patterns, packs, code, writes, seen = {}, {}, {}, 0, {}
    _state = {"path": path, "re": patterns, "packs": packs, "code": code, "used": set(), "new": False,
              "writes": writes, "seen": seen, "compile": compiler.compile, "module": compiler}
    compiler.compile = _compile
    if sys.dont_write_bytecode:
        sys.meta_path.insert(0, _OwnModules())
    atexit.register(save)


def _compile(p, flags=0):
    """``re._compiler.compile`` with the compiled program looked up first (same result: the engine
    builds the pattern object from the same program, and validates it)."""
    import _sre

    st = _state
    if not isinstance(p, str) or flags & re.DEBUG:
        return st["compile"](p, flags)
    key = (p, flags)
    got = st["re"].get(key)
    if got is not None:
        try:
            pat = _sre.compile(p, got[0], array("I", got[1]).tolist(), *got[2:])
            st["used"].add(key)
            return pat
        except Exception:  # a damaged entry: compile as usual
            del st["re"][key]
    compiler = st["module"]
    parsed = compiler._parser.parse(p, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    # the program as plain numbers (the compiler's opcodes are named int subclasses)
    args = (int(flags | parsed.state.flags), array("I", code).tobytes(), parsed.state.groups - 1, groupindex,
            tuple(indexgroup))
    pat = _sre.compile(p, args[0], code, *args[2:])
    st["re"][key] = args
    st["used"].add(key)
    st["new"] = True
    return pat


class _OwnModules:
    """Finds ``checker.*`` modules as Python would, and loads their code through the cache."""

    def find_spec(self, name, path=None, target=None):
        if not name.startswith("checker."):
            return None
        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and type(spec.loader) is SourceFileLoader:
            spec.loader = _CachedCode(spec.loader.name, spec.loader.path)
        return spec


class _CachedCode(SourceFileLoader):
    def get_code(self, fullname):
        st = _state
        try:
            stat = os.stat(self.path)
        except OSError:
            return super().get_code(fullname)
        stamp = (stat.st_mtime_ns, stat.st_size)
        got = st["code"].get(self.path)
        if isinstance(got, tuple) and len(got) == 3 and got[:2] == stamp:
            try:
                return marshal.loads(got[2])
            except (EOFError, ValueError, TypeError):   # a damaged entry: compiled as usual
                pass
        code = super().get_code(fullname)
        st["code"][self.path] = (*stamp, marshal.dumps(code))
        st["new"] = True
        return code


def compiled_keys() -> frozenset:
    """The patterns the cache holds now (before a fork: :func:`compiled_since` in the copy)."""
    return frozenset(_state["re"]) if _state and "re" in _state else frozenset()


def compiled_since(keys: frozenset) -> dict:
    """The compiled patterns this process added to the cache since ``keys``: a forked copy sends them
    back (:func:`keep`), or the next run would compile them again."""
    if not _state or "re" not in _state:
        return {}
    return {k: v for k, v in _state["re"].items() if k not in keys}


def keep(entries: dict) -> None:
    """Patterns another process compiled (:func:`compiled_since`), kept as if compiled here."""
    st = _state
    if not st or "re" not in st or not entries:
        return
    for k, v in entries.items():
        if k not in st["re"]:
            st["re"][k] = v
            st["new"] = True
        st["used"].add(k)


def pack(data: bytes, parse):
    """A pack's parsed content: ``parse(data)``, or the same from the cache."""
    st = _state
    if not st or "packs" not in st:
        return parse(data)
    try:
        from _blake2 import blake2b   # what hashlib.blake2b is, without loading OpenSSL's hashes
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    key = blake2b(data, digest_size=16).hexdigest()
    got = st["packs"].get(key)
    if got is not None:
        try:
            return marshal.loads(got)
        except (EOFError, ValueError, TypeError):
            pass
    value = parse(data)
    try:
        st["packs"][key] = marshal.dumps(value)
        st["new"] = True
    except ValueError:   # a TOML date or time: not kept
        pass
    return value


def save() -> None:
    """Write the cache if this run compiled something new (atomically; errors are ignored)."""
    st = _state
    if not st or not st.get("new"):
        return
    # Each write numbers itself; a pattern remembers the last write whose run used it, and one that no
    # such run used in STALE_AFTER writes (an old pack's, an old version's) is dropped, so the file stays
    # the size of what runs use (it is read whole at every start).
    writes = st.get("writes", 0) + 1
    seen = {k: n for k, n in st.get("seen", {}).items() if writes - n <= STALE_AFTER}
    seen.update(dict.fromkeys(st["used"], writes))
    patterns = {k: v for k, v in st["re"].items() if k in seen or k in st["used"]}
    if len(patterns) > MAX_PATTERNS:
        patterns = {k: v for k, v in patterns.items() if k in st["used"]}
    seen = {k: n for k, n in seen.items() if k in patterns}
    try:
        st["path"].parent.mkdir(parents=True, exist_ok=True)
        tmp = st["path"].with_name(f"{st['path'].name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            marshal.dump({"re": patterns, "packs": st["packs"], "code": st.get("code", {}), "writes": writes,
                          "seen": seen}, fh)
        os.replace(tmp, st["path"])
        st["writes"], st["seen"] = writes, seen
    except (OSError, ValueError):
        try:
            tmp.unlink()
        except (OSError, UnboundLocalError):
            pass
    st["new"] = False


def _sre_codesize() -> int:
    import _sre

    return _sre.CODESIZE
