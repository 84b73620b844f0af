"""Regular expressions built from a pack's word lists, shared by the rules that compile vocabularies."""

from __future__ import annotations

import re


def alt(words) -> str:
    """An alternation of fixed strings, longest first (so 党委、政府 wins over 党委); empty words dropped."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


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
