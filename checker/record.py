"""The base of checker's small record classes (findings, blocks, codes …).

A ``@dataclass`` writes and compiles its methods each time its module is imported; for the forty-odd
records a check uses that was a sixth of the start-up of ``checker check`` on a small draft. A record
here names its fields in ``__slots__`` and writes its ``__init__`` by hand (compiled once, with the
module); equality and ``repr`` come from the slots.
"""

from __future__ import annotations


class Record:
    """Equality and ``repr`` field by field, over ``__slots__`` (the subclass's fields in order)."""

    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None   # mutable: not hashable, as a dataclass with eq and without frozen

    _unshown: tuple = ()   # fields left out of ``repr`` (a tree's parent and children)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__ if name not in self._unshown)
        return f"{type(self).__name__}({fields})"
