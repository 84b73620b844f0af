"""Regular expressions built from a pack's word lists, shared by the rules that compile vocabularies."""

from __future__ import annotations

import re


def alt(words) -> str:
    """An alternation of fixed strings, longest first (so 党委、政府 wins over 党委); empty words dropped.
    Words of one length in a fixed order: the same list gives the same pattern in every run (and the
    start-up cache, :mod:`checker.cache`, finds it compiled)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


def trie(words) -> str:
    """One regex for a word list with shared prefixes factored out (其中|其他 -> 其(?:中|他)):
    Python's re tries alternatives one by one, so a trie is several times faster than a flat list."""
    root: dict = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


# ---------------------------------------------------------------------------
# Literal-led scans. Python's re skips to a pattern's first fixed character with a fast loop, but
# a pattern that starts with a character class ([为给]…) or an alternation is tried at every
# position of the text: on 10 MB of report text that is ten to twenty times slower. A pattern of
# the shape ``[ab]X|c(?:d|e)Y`` is the same search as its branches ``aX``, ``bX``, ``cdY``, ``ceY``
# each led by a fixed character, tried at each position in that order; ``Scan`` runs the branches
# and merges them into exactly the matches ``finditer`` of the whole pattern gives.

_MAX_BRANCHES = 16


def _structure(s: str, i: int = 0):
    """(index, character, depth after it) of each character of ``s`` from ``i`` that is neither
    escaped nor inside a [class] (a class counts as its opening ``[``); (-1, "", depth) last when a
    class does not close."""
    depth = 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(s, i)
            if i < 0:
                yield -1, "", depth
                return
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        yield i, c, depth
        i += 1


def _split_top(s: str) -> list[str] | None:
    """``s`` cut at its top-level ``|``; None when its brackets do not balance."""
    out, last, depth = [], 0, 0
    for i, c, depth in _structure(s):
        if i < 0 or depth < 0:
            return None
        if c == "|" and depth == 0:
            out.append(s[last:i])
            last = i + 1
    if depth:
        return None
    out.append(s[last:])
    return out


def _class_end(s: str, i: int) -> int:
    """Index of the ``]`` that closes the class opening at ``s[i]``, or -1."""
    j = i + 1
    if s[j:j + 1] == "^":
        j += 1
    if s[j:j + 1] == "]":
        j += 1
    while j < len(s):
        if s[j] == "\\":
            j += 2
            continue
        if s[j] == "]":
            return j
        j += 1
    return -1


def _group_end(s: str, i: int) -> int:
    """Index of the ``)`` that closes the group opening at ``s[i]``, or -1."""
    for j, c, depth in _structure(s, i):
        if j < 0:
            return -1
        if c == ")" and depth == 0:
            return j
    return -1


def _class_chars(body: str) -> list[str] | None:
    """The characters of a class body of plain characters (an escaped punctuation mark counts as
    itself); None for negation, ranges, escapes such as \\d or \\u4e00, nested brackets."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            if i + 1 >= len(body) or body[i + 1].isalnum():
                return None
            out.append(body[i + 1])
            i += 2
            continue
        if c in "^-[]":
            return None
        out.append(c)
        i += 1
    return out


def literal_branches(pattern: str) -> list[str] | None:
    """The branches of ``pattern``, each led by one fixed character, in the order the regular
    expression engine tries them at a position; None when the pattern is not of that shape (it
    leads with a wildcard, a negated or ranged class, a capturing group, a quantified first atom,
    an empty branch …) or would need more than a handful of branches."""
    alts = _split_top(pattern)
    if alts is None:
        return None
    out: list[str] = []
    for a in alts:
        if not a:
            return None
        if a.startswith("(?:"):
            j = _group_end(a, 0)
            if j < 0 or a[j + 1:j + 2] and a[j + 1] in "*+?{":
                return None
            inner = literal_branches(a[3:j])
            if inner is None:
                return None
            out.extend(b + a[j + 1:] for b in inner)
        elif a[0] == "[":
            j = _class_end(a, 0)
            chars = _class_chars(a[1:j]) if j > 0 else None
            rest = a[j + 1:]
            if rest[:1] == "+" and rest[1:2] not in ("?", "+"):
                rest = f"[{a[1:j]}]*{rest[1:]}"   # [ab]+X tries what a[ab]*X or b[ab]*X tries, in order
            if not chars or rest[:1] in ("*", "+", "?", "{"):
                return None
            out.extend(re.escape(c) + rest for c in dict.fromkeys(chars))
        elif a[0] == "\\":
            if len(a) < 2 or a[1].isalnum() or a[2:3] in ("*", "+", "?", "{"):
                return None
            out.append(a)
        elif a[0] in ".^$()|*+?{}" or a[1:2] in ("*", "+", "?", "{"):
            return None
        else:
            out.append(a)
        if len(out) > _MAX_BRANCHES:
            return None
    return out


class Scan:
    """``finditer`` of one regular expression, run as literal-led branches when it has that shape
    (:func:`literal_branches`) and every branch has the pattern's groups (none of them split: a
    match's groups read the same); otherwise the pattern itself."""

    __slots__ = ("pattern", "branches", "lead")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = p = re.compile(pattern, flags)
        parts = literal_branches(pattern) if not flags & ~(re.M | re.S) else None  # not re.I, re.X …
        branches = tuple(re.compile(b, flags) for b in parts) if parts and len(parts) > 1 else None
        if branches and any(b.groups != p.groups or b.groupindex != p.groupindex for b in branches):
            branches = None
        self.branches = branches
        # the literal-led branches as text, for a guard over several scans (Scans); None if not all
        self.lead = tuple(parts) if parts and not flags and not p.groups and (branches or len(parts) == 1) else None

    def finditer(self, text: str, pos: int = 0):
        """The matches of the pattern over ``text`` from ``pos``, exactly as ``pattern.finditer(text,
        pos)`` finds them (every branch consumes its first character, so no match is empty)."""
        if self.branches is None:
            yield from self.pattern.finditer(text, pos)
            return
        branches = self.branches
        found = [b.search(text, pos) for b in branches]
        while True:
            best = None
            for k, m in enumerate(found):
                if m is not None and m.start() < pos:
                    m = found[k] = branches[k].search(text, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end()


class Scans:
    """Several labelled scans of one text behind one guard: one search for the branches of all the
    literal-led scans at once (a set of first characters, which ``re`` skips to in C) finds where
    the first match of any of them starts, or that there is none, and each of them then starts
    there; a scan that is not literal-led runs over the whole text. ``each(text)`` gives (label,
    matches) per scan, in order, the matches exactly those of the scan alone."""

    __slots__ = ("scans", "guard")

    def __init__(self, scans):
        self.scans = tuple(scans)
        leads = [s.lead for _label, s in self.scans if s.lead is not None]
        self.guard = re.compile("|".join(b for lead in leads for b in lead)) if len(leads) > 1 else None

    def each(self, text: str):
        pos = 0
        if self.guard is not None:
            m = self.guard.search(text)
            pos = len(text) + 1 if m is None else m.start()   # past the end: no guarded scan can match
        for label, scan in self.scans:
            if self.guard is None or scan.lead is None:
                yield label, scan.finditer(text)
            elif pos <= len(text):
                yield label, scan.finditer(text, pos)
            else:
                yield label, iter(())
