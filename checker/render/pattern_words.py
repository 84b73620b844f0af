"""A recognition pattern (a regular expression of a rule pack) said in words, for ``checker kinds``:
``(上|下)半年.{0,30}(总结|回顾)`` → ``“上半年”或“下半年”，其后 30 字内有“总结”或“回顾”``.

Only the shapes packs use are put into words — literal text, alternatives, optional parts, gaps of any
characters, digits, the start of a line; a pattern with anything else gives None (the caller then shows
the pattern itself)."""

from __future__ import annotations

try:  # Python 3.11+
    import re._parser as sre_parse
    import re._constants as C
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C
    import sre_parse

from checker.i18n import tr

MAX_ALTS = 60


class _Unsaid(Exception):
    pass


def _alts(items) -> list[str]:
    """Every string a literal-only piece matches (few), or _Unsaid."""
    out = [""]
    for op, av in items:
        if op is C.LITERAL:
            choices = [chr(av)]
        elif op is C.SUBPATTERN:
            choices = _alts(av[-1])
        elif op is C.BRANCH:
            choices = [s for branch in av[1] for s in _alts(branch)]
        elif op is C.IN and all(o is C.LITERAL for o, _ in av):
            choices = [chr(v) for _, v in av]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            choices = ["", *_alts(av[2])]
        else:
            raise _Unsaid
        out = [a + b for a in out for b in choices]
        if len(out) > 400:
            raise _Unsaid
    return list(dict.fromkeys(out))


def _literal(items) -> bool:
    try:
        _alts(items)
    except _Unsaid:
        return False
    return True


def _is_digits(av) -> bool:
    return all(o is C.RANGE and v in ((ord("0"), ord("9")),) or (o is C.LITERAL and chr(v) in "xX") for o, v in av)


def _pieces(items) -> list:
    """A sequence as pieces: ('text', [alternatives]) / ('gap', n) / ('digits', lo, hi) / ('start',) / ('end',) /
    ('opt', pieces) / ('not', items) / ('either', [pieces, …])."""
    pieces, run = [], []

    def flush():
        if run:
            alts = [a for a in _alts(run) if a]
            if alts:
                pieces.append(("text", alts))
            run.clear()

    for item in items:
        op, av = item
        piece = _piece(op, av)
        if piece is not None:
            flush()
            pieces.append(piece)
            continue
        run.append(item)
        try:
            _alts(run)
        except _Unsaid:
            run.pop()
            flush()
            pieces.extend(_group(op, av))
    flush()
    return pieces


def _piece(op, av):
    """The piece an item is on its own (the start or end, a gap, an optional part, an exception, digits),
    or None when it belongs to the literal text around it."""
    if op is C.AT:
        return ("start",) if av is C.AT_BEGINNING else ("end",) if av is C.AT_END else None
    if op is C.ASSERT_NOT and av[0] == 1:   # (?!…): what must not follow
        return ("not", list(av[1]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        return _repeat(*av)
    if op is C.IN and not all(o is C.LITERAL for o, _ in av):
        raise _Unsaid
    return None


def _repeat(lo, hi, body):
    """A repeated item as a piece: a gap, an optional part or digits; None for a literal one (x?)."""
    if len(body) == 1 and body[0][0] is C.IN and body[0][1] and body[0][1][0][0] is C.NEGATE:
        return ("gap", hi)   # [^)）]{0,12}: a gap of other characters
    if lo == 0 and hi == 1 and not _literal(body):
        return ("opt", _pieces(body))   # (（…）)?: an optional part said on its own
    if body and body[0][0] is C.ANY:
        return ("gap", hi)
    if len(body) == 1 and body[0][0] is C.IN and _is_digits(body[0][1]):
        return ("digits", lo, hi)
    return None


def _group(op, av) -> list:
    """The pieces of a group too varied to be a list of words, or _Unsaid."""
    if op is C.SUBPATTERN and not (av[-1] and av[-1][0][0] is C.BRANCH):
        return _pieces(av[-1])
    if op is C.SUBPATTERN and len(av[-1]) == 1:   # (十一五|2021—2025年|…): one of several shapes
        return [("either", [_pieces(b) for b in av[-1][0][1][1]])]
    raise _Unsaid


def _quote(alts, lang) -> str:
    shown = alts if len(alts) <= MAX_ALTS else alts[:MAX_ALTS - 1]
    words = [f"“{a}”" for a in shown]
    more = tr(lang, f"等 {len(alts)} 种", f" ({len(alts)} in all)") if len(shown) < len(alts) else ""
    if len(words) == 1:
        return words[0]
    return tr(lang, "、".join(words[:-1]) + "或" + words[-1], ", ".join(words[:-1]) + " or " + words[-1]) + more


def _say(pieces, lang) -> str:
    out, start = [], False
    for p in pieces:
        kind = p[0]
        if kind == "start":
            start = True
        elif kind in ("text", "digits"):
            word = _quote(p[1], lang) if kind == "text" else _say_digits(p[1], p[2], lang)
            if out and out[-1][0] == "gap":   # “…”，其后 30 字内有 + “…”
                out[-1] = ("text", out[-1][1] + word)
            else:
                out.append(("text", word))
        elif kind == "gap":
            n = p[1]
            out.append(("gap", tr(lang, f"，其后 {n} 字内有", f", then within {n} characters ")
                        if n != C.MAXREPEAT else tr(lang, "，其后有", ", then later ")))
        else:
            out.append(("text", _SAY[kind](p[1] if len(p) > 1 else None, lang)))
    text = ""
    for _, s in out:
        text += s if not text or lang != "en" or s.startswith(",") else " " + s
    text = text.strip("，, ")
    if start:
        text = tr(lang, f"开头是{text}", f"starts with {text}")
    return text


def _say_digits(lo, hi, lang) -> str:
    return tr(lang, f"{lo} 位数字", f"{lo} digits") if lo == hi else tr(lang, "数字", "digits")


def _say_either(branches, lang) -> str:
    """One of several shapes; plain words side by side make one list."""
    said, words = [], []
    for b in branches + [None]:
        if b is not None and len(b) == 1 and b[0][0] == "text":
            words.extend(b[0][1])
            continue
        if words:
            said.append(_quote(words, lang))
            words = []
        if b is not None:
            said.append(_say(b, lang))
    return tr(lang, "；或", "; or ").join(said)


def _say_not(items, lang) -> str:
    """What must not follow: （后面紧接“…”的除外）."""
    parts = [b.removeprefix("其后 ").removeprefix("then ") for b in _say_items(items, lang).split(
        tr(lang, "；或", "; or "))]
    parts = [tr(lang, "紧接", "directly by ") + b if b.startswith("“") else b for b in parts]
    return tr(lang, "（后面" + "或".join(p if p.startswith("紧接") else " " + p for p in parts) + "的除外）",
              f"(unless followed {' or '.join(parts)})")


_SAY = {
    "either": _say_either,
    "not": _say_not,
    "end": lambda _, lang: tr(lang, "，在末尾", " at the end"),
    "opt": lambda pieces, lang: tr(lang, f"（可再接{_say(pieces, lang)}）",
                                   f" (optionally followed by {_say(pieces, lang)})"),
}


def describe_all(patterns, lang: str = "zh") -> str | None:
    """Several patterns (any of which recognises) in words, or None when one of them cannot be said."""
    said = [describe(p, lang) for p in patterns]
    if not said or not all(said):
        return None
    return tr(lang, "；或".join(said), "; or ".join(said))


def describe(pattern: str, lang: str = "zh") -> str | None:
    """The pattern in words, or None when it uses something this does not put into words."""
    try:
        return _say_items(list(sre_parse.parse(pattern)), lang)
    except (_Unsaid, Exception):
        return None


def _say_items(items, lang: str) -> str | None:
    """A parsed sequence in words: one branch, or each branch of a top-level alternation."""
    if len(items) == 1 and items[0][0] is C.BRANCH:
        each = [_pieces(b) for b in items[0][1][1]]
        if all(len(p) == 1 and p[0][0] == "text" for p in each):   # words, one of which: one list
            each = [[("text", [a for p in each for a in p[0][1]])]]
        branches = [_say(p, lang) for p in each]
    else:
        branches = [_say(_pieces(items), lang)]
    if not all(branches):
        raise _Unsaid
    return tr(lang, "；或".join(branches), "; or ".join(branches))
