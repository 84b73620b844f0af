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

    @classmethod
    def _fields(cls) -> tuple[str, ...]:
        """The fields: the class's own slots, then those of the records it extends."""
        got = cls.__dict__.get("_all_slots")
        if got is None:
            got = tuple(n for c in cls.__mro__ if issubclass(c, Record) for n in c.__dict__.get("__slots__", ()))
            cls._all_slots = got
        return got

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields())

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None   # mutable: not hashable, as a dataclass with eq and without frozen

    _unshown: tuple = ()   # fields left out of ``repr`` (a tree's parent and children)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields() if name not in self._unshown)
        return f"{type(self).__name__}({fields})"
