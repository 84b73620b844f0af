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

    __slots__ = ("pattern", "lead", "_parts", "_flags", "_branches")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = p = re.compile(pattern, flags)
        parts = literal_branches(pattern) if not flags & ~(re.M | re.S) else None  # not re.I, re.X …
        split = bool(parts) and len(parts) > 1
        self._parts, self._flags, self._branches = (parts if split else None), flags, None
        if split and p.groups:  # a split may change the groups: compile the branches now to see
            branches = tuple(re.compile(b, flags) for b in parts)
            if any(b.groups != p.groups or b.groupindex != p.groupindex for b in branches):
                self._parts = None
            else:
                self._branches = branches
        # the literal-led branches as text, for a guard over several scans (Scans); None if not all
        self.lead = tuple(parts) if parts and not flags and not p.groups and (split or len(parts) == 1) else None

    @property
    def branches(self):
        """The literal-led branches, compiled when first asked for (a scan behind a guard that
        finds nothing never is), or None. Branches of a pattern without groups have none either."""
        if self._branches is None and self._parts is not None:
            self._branches = tuple(re.compile(b, self._flags) for b in self._parts)
        return self._branches

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

    __slots__ = ("scans", "guard", "starts", "firsts")

    def __init__(self, scans):
        self.scans = tuple(scans)
        leads = [s.lead for _label, s in self.scans if s.lead is not None]
        self.guard = re.compile("|".join(b for lead in leads for b in lead)) if len(leads) > 1 else None
        # where the guard may match, a quicker scan than the guard's own (start_scans)
        self.starts = Starts([self.guard.pattern]) if self.guard is not None else None
        # the characters the guard's branches start with (each a character or an escaped one)
        self.firsts = frozenset(b[1] if b[0] == "\\" else b[0] for lead in leads for b in lead)

    def each(self, text: str, found=None):
        """``found``: the places where the guard may match (:func:`start_positions` of start scans
        that cover the guard's), when the caller has them from one scan for these and other patterns."""
        pos = 0
        if self.guard is not None:
            if found is None:
                found = self.starts.positions(text)
            m = self.guard.search(text) if found is None else next(finditer_at(self.guard, text, found, 0, self.firsts), None)
            pos = len(text) + 1 if m is None else m.start()   # past the end: no guarded scan can match
        for label, scan in self.scans:
            if self.guard is None or scan.lead is None:
                yield label, scan.finditer(text)
            elif pos <= len(text):
                yield label, scan.finditer(text, pos)
            else:
                yield label, iter(())


# ---------------------------------------------------------------------------
# Where a match may start. A scan for a set of first characters (a trie of words, an alternation
# of literal-led branches) is slow in ``re`` when those characters are common: at each of them the
# engine tries every branch in turn. A scan for the characters that start a match *followed by*
# one that comes second in some match stops at far fewer places; the pattern is then tried only
# there (:func:`finditer_at`), which gives exactly the matches of ``finditer``.

try:  # Python 3.11+
    from re import _constants as _sre_c, _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_PREFIX_LIMIT = 4096     # more different two-character openings than this: not worth a scan
_ZERO_WIDTH = {_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT}
_REPEATS = {_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, *([_sre_c.POSSESSIVE_REPEAT] if hasattr(_sre_c, "POSSESSIVE_REPEAT") else [])}


def _openings(items, n: int):
    """The strings of ``n`` characters a match of the parsed ``items`` may begin with, and its
    matches shorter than that; None when they are not a short list of fixed characters."""
    out = {""}
    for op, av in items:
        if all(len(p) >= n for p in out):
            break  # what follows is past the opening
        sub = _item_openings(op, av, n)
        if sub is None:
            return None
        out = {p if len(p) >= n else (p + q)[:n] for p in out for q in sub}
        if len(out) > _PREFIX_LIMIT:
            return None
    return out


def _item_openings(op, av, n: int):
    if op is _sre_c.LITERAL:
        return {chr(av)}
    if op is _sre_c.IN:
        chars = set()
        for kind, value in av:
            if kind is _sre_c.LITERAL:
                chars.add(chr(value))
            elif kind is _sre_c.RANGE and value[1] - value[0] < 256:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None  # a negated class, \d, a wide range …
        return chars
    if op is _sre_c.BRANCH:
        out = set()
        for alt in av[1]:
            got = _openings(alt, n)
            if got is None:
                return None
            out |= got
        return out
    if op is _sre_c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _openings(sub, n)
    if op in _REPEATS:
        low, high, sub = av
        one = _openings(sub, n)
        if one is None or "" in one:
            return None
        out, seq = set(), {""}
        for k in range(min(high, n) + 1):
            if k >= min(low, n):
                out |= seq
            seq = {p if len(p) >= n else (p + q)[:n] for p in seq for q in one}
        return out
    if op in _ZERO_WIDTH:
        return {""}  # a lookaround or an anchor asks for more, never for other characters
    return None


def start_scans(patterns, words=()) -> tuple | None:
    """Scans whose matches start at every place (and some more) where a match of one of
    ``patterns`` (regular expressions, no flags) or one of ``words`` (fixed strings, the empty one
    aside: a trie of them needs no parsing) may start: one for a character that starts a match
    followed by one that comes second in some match, one for the characters that are a whole match
    alone. None when a pattern may start with any of many characters or match nothing."""
    pairs = {w[:2] for w in words if len(w) > 1}
    singles = {w for w in words if len(w) == 1}
    for p in patterns:
        parsed = _sre_parse.parse(p)
        got = None if parsed.state.flags & re.I else _openings(parsed, 2)
        if got is None or "" in got:
            return None
        for s in got:
            (pairs if len(s) == 2 else singles).add(s)
    scans = []
    if pairs:
        firsts = "".join(sorted({s[0] for s in pairs}))
        seconds = "".join(sorted({s[1] for s in pairs}))
        scans.append(re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])"))
    if singles:
        scans.append(re.compile(f"[{re.escape(''.join(sorted(singles)))}]"))
    return tuple(scans)


class Starts:
    """:func:`start_scans` of some patterns, built when first asked for: building them costs about
    what they save on a text of a few hundred thousand characters, so a shorter text is left to
    the patterns themselves."""

    __slots__ = ("patterns", "words", "scans")
    MIN_TEXT = 250_000

    def __init__(self, patterns, words=()):
        self.patterns = tuple(patterns)
        self.words = tuple(words)
        self.scans = False  # not built yet

    def positions(self, text: str, pos: int = 0) -> list[int] | None:
        """:func:`start_positions` in ``text`` from ``pos``; None when ``text`` is short or the
        patterns have no start scans (then run the patterns themselves)."""
        if len(text) - pos < self.MIN_TEXT:
            return None
        if self.scans is False:
            self.scans = start_scans(self.patterns, self.words)
        return start_positions(self.scans, text, pos) if self.scans else None


def start_positions(scans, text: str, pos: int = 0) -> list[int]:
    """Where the ``scans`` of :func:`start_scans` stop in ``text`` from ``pos``, in order."""
    found = [m.start() for s in scans for m in s.finditer(text, pos)]
    if len(scans) > 1:
        found.sort()
    return found


def finditer_at(pattern: re.Pattern, text: str, positions, pos: int = 0, firsts=None):
    """``pattern.finditer(text, pos)`` for a pattern that matches no empty string, the pattern
    tried only at ``positions`` (:func:`start_positions` of its :func:`start_scans`, perhaps
    shared with other patterns) and, given ``firsts`` (the characters its matches start with),
    only where one of those stands."""
    match = pattern.match
    if firsts is not None:
        positions = [p for p in positions if text[p] in firsts]
    for p in positions:
        if p >= pos:
            m = match(text, p)
            if m is not None:
                yield m
                pos = m.end()
