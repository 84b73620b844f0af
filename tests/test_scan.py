"""patterns.Scan: literal-led branches give exactly the matches of the whole pattern's finditer."""

import random
import re

import pytest

from checker.patterns import Scan, Scans, Starts, finditer_at, literal_branches, start_positions, start_scans, trie


@pytest.mark.parametrize("pattern, branches", [
    ("[为给]你", ["为你", "给你"]),
    ("[ \u3000]+万", ["\\ [ \u3000]*万", "\u3000[ \u3000]*万"]),
    (r"[(\[] +[)\]]", [r"\( +[)\]]", r"\[ +[)\]]"]),
    ("(?:下载|下載)(?:后|後)", ["下载(?:后|後)", "下載(?:后|後)"]),
    ("[点點]击查看|點擊查看", ["点击查看", "點击查看", "點擊查看"]),
    ("(?:小[编編])", ["小[编編]"]),
    (r"\.com|@", [r"\.com", "@"]),
])
def test_branches_of_literal_led_shapes(pattern, branches):
    assert literal_branches(pattern) == branches


@pytest.mark.parametrize("pattern", [
    "[^为]你", "[a-c]x", "[为给]?你", "[为给]+?你", "[为给]{2}你", "(?:为|给)+你", "(为|给)你", ".你", "(?i)qq", r"\d+", "为|", "a*b",
    "(?=为)为你", r"\u4e3a你",
])
def test_other_shapes_are_not_split(pattern):
    assert literal_branches(pattern) is None


def _texts(rng, alphabet, n=300):
    for _ in range(n):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))


@pytest.mark.parametrize("pattern", [
    "[为給给]你[^\n。]{0,4}?整理",
    "[ab](?:ab|a)b?",
    "(?:ab|a|ba)[ab]{0,3}?b",
    "[ab]a+|b[ab]*|aab",
    "[点點]击(?:下载|全文)|點擊(?:下載|全文)",
    "(?:a|b)(?:a|b)a",
    r"[a.]b|\.a",
    r"[a\.]b|[(\[]a+[)\]]",
    "[ab](?P<x>a|b)(?P=x)?",
    "[ab]+(?=a|b$|x)",
    "[ab]+a|b[ab]+b",
])
@pytest.mark.parametrize("flags", [0, re.M])
def test_scan_finds_what_finditer_finds(pattern, flags):
    rng = random.Random(pattern)
    scan = Scan(pattern, flags)
    assert scan.branches is not None
    alphabet = sorted(set(re.sub(r"[\\\[\]()?:|{}0-9,+*^]", "", pattern)) | {"\n", "。", "x", "(", ")", "[", "]"})
    for text in _texts(rng, alphabet):
        want = [m.span() for m in re.finditer(pattern, text, flags)]
        assert [m.span() for m in scan.finditer(text)] == want, text


@pytest.mark.parametrize("pattern", ["(?P<a>[ab])c", "(?:(a)|b)c", "(a)c|(b)c"])
def test_pattern_whose_groups_a_split_would_change_runs_whole(pattern):
    scan = Scan(pattern)
    assert scan.branches is None
    assert [m.span() for m in scan.finditer("acbcc")] == [m.span() for m in re.finditer(pattern, "acbcc")]


def test_groups_after_the_lead_read_the_same():
    pattern = r"(?:将|把)(?P<v>建|造)(?P=v)?成"
    scan = Scan(pattern)
    assert scan.branches is not None
    text = "将建成，把造造成，将造建成"
    assert [(m.span(), m.group("v"), m.start("v")) for m in scan.finditer(text)] == \
        [(m.span(), m.group("v"), m.start("v")) for m in re.finditer(pattern, text)]


def test_scans_behind_one_guard_find_what_each_finds_alone():
    patterns = ["[为给]你[^\n]{0,3}?整理", "小[编編]", "(?:下载|下載)后", "[ab]+c", ".编", "(?P<x>[ab])c"]
    scans = Scans([(p, Scan(p)) for p in patterns])
    assert scans.guard is not None
    assert [s.lead is None for _, s in scans.scans] == [False] * 4 + [True] * 2
    rng = random.Random(7)
    alphabet = list("为给你整理小编編下载載后abc\n。x")
    for text in _texts(rng, alphabet, 500):
        got = [(label, [m.span() for m in matches]) for label, matches in scans.each(text)]
        assert got == [(p, [m.span() for m in re.finditer(p, text)]) for p in patterns], text


@pytest.mark.parametrize("pattern", [
    "[为給给]你[^\n。]{0,4}?整理",
    "(?:ab|a|ba)[ab]{0,3}?b",
    "[ab]a+|b[ab]*|aab",
    "[点點]击(?:下载|全文)|點擊(?:下載|全文)",
    r"[a.]b|\.a|@",
    "a{2,}b|b?a",
    "(?:ab)+a|b",
    "(?<=a)b[ab]|ba(?!b)",
    "[ab](?P<x>a|b)(?P=x)?",
    "(?:镇、镇|村、村)(?![里史])",
    "(?:关于|對於)(?:镇|村)(?=20[0-9]{2})",
    trie(["下载", "下载后", "下載", "下", "a", "ab", "。x"]),
])
def test_starting_only_where_the_start_scans_stop_finds_what_finditer_finds(pattern):
    scans = start_scans([pattern])
    assert scans
    rng = random.Random(pattern)
    alphabet = sorted(set(re.sub(r"[\\\[\]()?:|{}<=!^+*,]", "", pattern)) | {"\n", "。", "x", "2", "0"})
    for text in _texts(rng, alphabet, 500):
        for pos in (0, 3):
            want = [m.span() for m in re.compile(pattern).finditer(text, pos)]
            got = finditer_at(re.compile(pattern), text, start_positions(scans, text, pos), pos)
            assert [m.span() for m in got] == want, text


@pytest.mark.parametrize("pattern", [".a", "[^a]b", r"\da", "a?", "(?i)ab", "(?i:a)b", "a|", r"(a)\1", "[一-龥]a"])
def test_no_start_scans_for_a_pattern_of_many_first_characters_or_an_empty_match(pattern):
    assert start_scans([pattern]) is None


def test_start_scans_pair_first_and_second_characters():
    (pairs, singles) = start_scans(["(?:关于|對於)镇", "a{0,2}b", "、[两三]"])
    assert set(pairs.pattern[1:pairs.pattern.index("]")]) == set("关對a、")
    assert set(pairs.pattern[pairs.pattern.index("(?=[") + 4:-2]) == set("于於ab两三")
    assert singles.pattern == "[b]"


def test_starts_leave_a_short_text_to_the_patterns_and_scan_a_long_one():
    starts = Starts(["小[编編]", "(?:下载|下載)后"])
    assert starts.positions("小编" * 10) is None and starts.scans is False   # not even built
    text = ("报告正文，" * 60_000) + "小编下载后小說下載后"
    assert len(text) >= Starts.MIN_TEXT
    found = starts.positions(text)
    assert [text[p:p + 2] for p in found] == ["小编", "下载", "下載"]


def test_scans_behind_one_guard_on_a_long_text_find_what_each_finds_alone():
    patterns = ["[为给]你[^\n]{0,3}?整理", "小[编編]", "(?:下载|下載)后", "(?P<x>[ab])c"]
    scans = Scans([(p, Scan(p)) for p in patterns])
    rng = random.Random(11)
    filler = "报告正文。\n" * (Starts.MIN_TEXT // 6)
    for tail in _texts(rng, list("为给你整理小编編下载載后abc\n。x"), 20):
        text = filler + tail
        got = [(label, [m.span() for m in matches]) for label, matches in scans.each(text)]
        assert got == [(p, [m.span() for m in re.finditer(p, text)]) for p in patterns], tail


def test_scans_given_the_places_of_a_shared_start_scan_find_what_each_finds_alone():
    patterns = ["[为给]你[^\n]{0,3}?整理", "小[编編]", r"(?:下载|下載)后|\.com"]
    scans = Scans([(p, Scan(p)) for p in patterns])
    assert scans.firsts == set("为给小下.")
    shared = Starts([scans.guard.pattern, "整理|下[载載]"])   # another pattern's places mixed in
    rng = random.Random(13)
    filler = "报告正文。\n" * (Starts.MIN_TEXT // 6)
    for tail in _texts(rng, list("为给你整理小编編下载載后abc.com\n。x"), 20):
        text = filler + tail
        got = [(label, [m.span() for m in matches]) for label, matches in scans.each(text, shared.positions(text))]
        assert got == [(p, [m.span() for m in re.finditer(p, text)]) for p in patterns], tail


def test_branches_are_compiled_when_first_needed():
    scan = Scan("[为给]你整理")
    assert scan._branches is None and [b.pattern for b in scan.branches] == ["为你整理", "给你整理"]
    grouped = Scan("[ab](?P<x>a|b)(?P=x)?")      # groups: the branches were compiled to compare them
    assert grouped._branches is not None


def test_start_scans_of_words_are_those_of_their_trie():
    words = ["下载", "下载后", "下載", "QQ", "@", "微信号", ""]
    assert start_scans([], words) == start_scans([trie(words)])
    rng = random.Random(5)
    pattern = re.compile(trie(words))
    scans = start_scans([], words)
    for text in _texts(rng, list("下载載后QQq@微信号x\n"), 300):
        found = start_positions(scans, text)
        assert [m.span() for m in finditer_at(pattern, text, found, 0, {w[0] for w in words if w})] == \
            [m.span() for m in pattern.finditer(text)], text
