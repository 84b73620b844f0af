"""Speed without changing a report: --jobs, the start-up cache, fold's fast path, rules made once.

Every case compares the fast path with the plain one on our own drafts (Simplified and Traditional,
.txt and .docx): the same report, byte for byte, in the same order.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys

import pytest

from checker import cache, engine
from checker.hanzi import fold
from tests.conftest import ROOT, SAMPLES, run_checker
from tests.docxfactory import docx_from_lines

ZH = ["青石镇2025年工作总结", "", "2025年，全镇财政收入XX万元，其中税收1200万元。", "一、主要工作",
      "全镇新建高标准农田一万二千亩，粮食播种面积稳定在四万六千亩，农业基础进一步夯实。",
      "全镇新建高标准农田一万二千亩，粮食播种面积稳定在四万六千亩，农业基础进一步夯实。"]
TW = ["青石鎮2025年工作總結", "", "2025年，全鎮財政收入XX萬元，其中稅收1200萬元。", "一、主要工作",
      "全鎮新建高標準農田一萬二千畝，糧食播種面積穩定在四萬六千畝，農業基礎進一步夯實。",
      "全鎮新建高標準農田一萬二千畝，糧食播種面積穩定在四萬六千畝，農業基礎進一步夯實。"]


@pytest.fixture
def drafts(tmp_path):
    """A folder of drafts of every kind, and one that cannot be read, in a known order."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i, lines in enumerate((ZH, TW)):
        (folder / f"a{i}.txt").write_text("\n".join(lines), encoding="utf-8")
        docx_from_lines(folder / f"b{i}.docx", lines)
    (folder / "c-broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "d-empty.txt").write_bytes(b"")
    for name in ("工作总结-待填.txt", "工作總結-待填-繁體.docx", "半年总结-结构问题.docx"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    return folder


# ---------------------------------------------------------------------------------------- --jobs

@pytest.mark.parametrize("fmt", ["json", "terminal", "html", "sarif", "github", "junit", "gitlab", "checkstyle"])
def test_the_report_of_two_processes_is_the_serial_report(drafts, fmt):
    one = run_checker("check", "--no-color", "--format", fmt, "--jobs", "1", drafts)
    two = run_checker("check", "--no-color", "--format", fmt, "--jobs", "2", drafts)
    assert one.returncode == two.returncode == 2   # the unreadable files
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert b"c-broken.docx" in one.stderr and b"d-empty.txt" in one.stderr


def test_results_come_back_in_input_order_with_their_lines(drafts):
    ctx = engine.make_context()
    inputs = engine.expand([str(drafts)])
    serial = engine.check_all(inputs, ctx, 1)
    pooled = engine.check_all(inputs, ctx, 2)
    assert [r.path for r in pooled] == [r.path for r in serial] == sorted(r.path for r in serial)
    for a, b in zip(serial, pooled):
        assert [f.as_json() for f in a.findings] == [f.as_json() for f in b.findings]
        assert a.error == b.error
        if a.document is not None:  # what the HTML report and the baseline read came back
            assert [x.text for x in a.document.blocks] == [x.text for x in b.document.blocks]
            assert [x.location() for x in a.document.blocks] == [x.location() for x in b.document.blocks]


def test_one_or_two_drafts_stay_in_this_process(drafts, monkeypatch):
    def no_pool(*a, **k):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(engine, "_pooled", no_pool)
    ctx = engine.make_context()
    two = engine.expand([str(drafts / "a0.txt"), str(drafts / "b1.docx")])
    assert [len(r.findings) > 0 for r in engine.check_all(two, ctx, None)] == [True, True]
    many = engine.expand([str(drafts)])
    assert len(engine.check_all(many, ctx, 1)) == len(many)   # --jobs 1: serial whatever the count
    with pytest.raises(AssertionError):
        engine.check_all(many, ctx, 2)


def _dies_on_b0(inp, keep):
    """A worker that is killed (out of memory, say) while it checks b0.docx."""
    import os

    if inp.path.endswith("b0.docx"):
        os._exit(1)
    return engine._lean_result(engine.check_input(inp, engine._WORKER_CTX), keep)


def test_a_dead_worker_leaves_its_drafts_to_this_process(drafts, monkeypatch):
    ctx = engine.make_context()
    inputs = engine.expand([str(drafts)])
    serial = engine.check_all(inputs, ctx, 1)
    monkeypatch.setattr(engine, "_check_in_worker", _dies_on_b0)
    pooled = engine.check_all(inputs, ctx, 2)
    assert [(r.path, r.error, [f.as_json() for f in r.findings]) for r in pooled] == \
        [(r.path, r.error, [f.as_json() for f in r.findings]) for r in serial]


@pytest.mark.parametrize("lines", [ZH, TW])
def test_a_checked_docx_result_crosses_a_process_boundary(tmp_path, lines):
    path = docx_from_lines(tmp_path / "d.docx", lines)
    result = engine.check_input(engine.Input(str(path), path), engine.make_context())
    assert result.findings and result.document.blocks[0].runs
    back = pickle.loads(pickle.dumps(engine._lean_result(result)))
    assert [f.as_json() for f in back.findings] == [f.as_json() for f in result.findings]
    assert [b.text for b in back.document.blocks] == lines
    assert back.document.blocks[0].runs == [] and back.document._derived == {}


def test_jobs_must_be_a_positive_number(drafts):
    bad = run_checker("check", "--jobs", "0", drafts)
    assert bad.returncode == 2 and b"--jobs" in bad.stderr
    assert run_checker("check", "-j", "2", drafts / "a0.txt").returncode == 1


# ------------------------------------------------------------------------- one draft on two cores

_SPLIT_PROBE = """
import json, os, sys
from checker import engine, forked
from checker.readers import read_path
from checker.rules import run_rules

ctx = engine.make_context()
copies = []
real_start = forked.start
def counted(work):
    copy = real_start((lambda: os._exit(3)) if sys.argv[1] == "dying" else work)
    copies.append(copy is not None)
    return copy
forked.start = counted
out = {}
for path in sys.argv[2:]:
    doc = read_path(path)
    one, two = {}, {}
    serial = [f.as_json() for f in run_rules(doc, ctx, limit=2, omitted=one)]
    split = [f.as_json() for f in run_rules(doc, ctx, limit=2, omitted=two, split=True)]
    out[os.path.basename(path)] = [serial == split, one == two, sorted({f["rule"] for f in serial})]
print(json.dumps({"available": forked.available(), "copies": copies, "drafts": out}))
"""


def _split_probe(mode):
    """Serial and split runs compared in a fresh process (one thread: the test run's own threads would
    rightly keep checker from forking)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        pytest.skip("no fork here")
    names = ("工作总结-待填.txt", "工作總結-待填-繁體.docx", "半年总结-结构问题.docx", "数字陷阱-无误.docx")
    got = subprocess.run([sys.executable, "-c", _SPLIT_PROBE, mode, *(str(SAMPLES / n) for n in names)],
                         capture_output=True, text=True, cwd=ROOT)
    assert got.returncode == 0, got.stderr
    return json.loads(got.stdout)


def test_rules_split_between_two_processes_find_what_one_finds():
    """The outline's rules in a forked copy, the others here: the same findings, in the same order,
    the same counts of findings left out over the limit."""
    got = _split_probe("split")
    assert got["available"] and got["copies"] and all(got["copies"])   # the copies were really made
    for name, (same, same_omitted, _rules) in got["drafts"].items():
        assert same and same_omitted, name
    found = set().union(*(rules for _, _, rules in got["drafts"].values()))
    assert {"placeholder", "numbering", "empty-section"} <= found   # both halves found something


def test_a_copy_that_fails_leaves_its_rules_to_this_process():
    got = _split_probe("dying")
    assert got["copies"] and all(got["copies"])
    assert all(same and same_omitted for same, same_omitted, _ in got["drafts"].values())


_COPY_COMPILES = """
import re, sys
from checker import cache, forked
cache.install()
copy = forked.start(lambda: re.compile("青石镇(?:东岭|桃溪)村{0,3}").pattern)
print(copy.result(), ("青石镇(?:东岭|桃溪)村{0,3}", 0) in cache._state["re"], cache._state["new"])
"""


def test_what_a_copy_compiles_is_kept_in_the_cache(tmp_path):
    """Patterns compiled only in a forked copy come back with its result and are saved with the
    run's cache (else every run would compile them again)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        pytest.skip("no fork here")
    got = subprocess.run([sys.executable, "-c", _COPY_COMPILES], capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ, CHECKER_CACHE_DIR=str(tmp_path)))
    assert got.stdout.split() == ["青石镇(?:东岭|桃溪)村{0,3}", "True", "True"], got.stderr


def test_rules_are_shared_out_by_weight_with_the_outline_readers_together():
    from checker.rules import REGISTRY, _halves, running_rule

    here, away = _halves(list(REGISTRY))
    assert sorted(here + away) == sorted(REGISTRY)
    outline = {n for n in REGISTRY if running_rule(n).reads_outline}
    assert outline and outline <= set(away)
    load = [sum(running_rule(n).weight for n in half) for half in (here, away)]
    heaviest = max(running_rule(n).weight for n in REGISTRY)
    assert abs(load[0] - load[1]) <= max(heaviest, sum(running_rule(n).weight for n in outline))


def test_a_large_draft_is_split_only_when_a_core_is_free(tmp_path, monkeypatch):
    from checker import rules

    seen = []
    real = rules.run_rules

    def spy(doc, ctx, **kw):
        seen.append(kw.get("split"))
        return real(doc, ctx, **kw)

    monkeypatch.setattr(engine, "run_rules", spy)
    monkeypatch.setattr(engine, "SPLIT_CHARS", 200)
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text("\n".join(ZH * 20), encoding="utf-8")
    small.write_text("\n".join(ZH[:2]), encoding="utf-8")
    ctx = engine.make_context()
    engine.check_all(engine.expand([str(big)]), ctx, 2)
    engine.check_all(engine.expand([str(big)]), ctx, 1)
    engine.check_all(engine.expand([str(small)]), ctx, 2)
    assert seen == [True, False, False]


def test_no_copy_is_forked_from_a_threaded_process():
    import threading

    from checker import forked

    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert not forked.available()
    finally:
        stop.set()
        t.join()


# ---------------------------------------------------------------------------------------- the cache

def test_the_start_up_cache_gives_the_same_report_and_is_rebuilt_when_damaged(drafts, tmp_path):
    folder = tmp_path / "cache"
    env = {"CHECKER_CACHE_DIR": str(folder)}
    args = ("check", "--format", "json", "--jobs", "1", drafts)
    plain = run_checker(*args, env={"CHECKER_CACHE_DIR": ""})
    assert not folder.exists()
    first = run_checker(*args, env=env)
    files = list(folder.iterdir())
    assert len(files) == 1 and files[0].stat().st_size > 1000
    second = run_checker(*args, env=env)
    assert plain.stdout == first.stdout == second.stdout
    files[0].write_bytes(b"\x00garbage" * 10)
    damaged = run_checker(*args, env=env)
    assert damaged.stdout == plain.stdout and damaged.stderr == plain.stderr
    assert files[0].stat().st_size > 1000   # written again


def test_a_run_with_another_hash_seed_finds_every_pattern_in_the_cache(drafts, tmp_path):
    """Patterns built from a pack's word sets come out the same in every process (the words in a fixed
    order, whatever the order of a set): a second run adds nothing, so the cache is not written again."""
    folder = tmp_path / "cache"
    args = ("check", "--format", "json", "--jobs", "1", drafts)
    first = run_checker(*args, env={"CHECKER_CACHE_DIR": str(folder), "PYTHONHASHSEED": "1"})
    (written,) = folder.iterdir()
    before = written.read_bytes()
    for seed in ("2", "3"):
        again = run_checker(*args, env={"CHECKER_CACHE_DIR": str(folder), "PYTHONHASHSEED": seed})
        assert again.stdout == first.stdout
        assert written.read_bytes() == before, f"hash seed {seed}: the run compiled patterns the cache lacked"


_IMPORT_FROM_CACHE = """
import sys
from importlib.machinery import SourceFileLoader
from checker import cache
cache.install()
import os
OWN = os.path.dirname(cache.__file__)
if sys.argv[1] == "no-compiling":       # a checker module's code can only come from the cache now
    compile_source = SourceFileLoader.source_to_code
    def refuse(self, data, path, **kw):
        if str(path).startswith(OWN):
            raise AssertionError("compiled " + str(path))
        return compile_source(self, data, path, **kw)
    SourceFileLoader.source_to_code = refuse
import checker.rules.placeholder as m
print(type(m.__spec__.loader).__name__, m.PlaceholderRule.__name__)
"""


def test_without_bytecode_checker_keeps_its_compiled_modules_in_the_cache(tmp_path):
    """Where Python writes no bytecode (PYTHONDONTWRITEBYTECODE, python -B), checker's own modules are
    compiled once and loaded from the cache after; a changed source is compiled again."""
    folder = tmp_path / "cache"
    # no bytecode written, and none found beside the sources either (a prefix with nothing in it)
    env = dict(os.environ, CHECKER_CACHE_DIR=str(folder), PYTHONDONTWRITEBYTECODE="1",
               PYTHONPYCACHEPREFIX=str(tmp_path / "no-bytecode"))

    def run(mode):
        return subprocess.run([sys.executable, "-c", _IMPORT_FROM_CACHE, mode], capture_output=True, text=True,
                              env=env, cwd=ROOT)

    assert run("no-compiling").returncode != 0             # nothing cached yet: it must compile
    first = run("compile")
    assert first.returncode == 0 and first.stdout.split() == ["_CachedCode", "PlaceholderRule"], first.stderr
    cached = run("no-compiling")
    assert cached.returncode == 0 and cached.stdout.split() == ["_CachedCode", "PlaceholderRule"], cached.stderr
    with_bytecode = dict(env)
    del with_bytecode["PYTHONDONTWRITEBYTECODE"]
    plain = subprocess.run([sys.executable, "-c", _IMPORT_FROM_CACHE, "compile"], capture_output=True, text=True,
                           env=with_bytecode, cwd=ROOT)
    assert plain.stdout.split()[0] != "_CachedCode"          # Python keeps bytecode itself: nothing to do


def test_a_changed_module_is_compiled_again(tmp_path, monkeypatch):
    source = tmp_path / "checker_probe_mod.py"
    source.write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_state", {"code": {}, "new": False})
    first = cache._CachedCode("checker.probe", str(source)).get_code("checker.probe")
    assert cache._state["new"] and str(source) in cache._state["code"]
    ns: dict = {}
    exec(first, ns)
    assert ns["VALUE"] == 1
    source.write_text("VALUE = 22\n", encoding="utf-8")   # another size: a new stamp
    exec(cache._CachedCode("checker.probe", str(source)).get_code("checker.probe"), ns)
    assert ns["VALUE"] == 22


def test_an_unwritable_cache_folder_costs_nothing_but_time(drafts, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    got = run_checker("check", "--format", "json", drafts / "a1.txt", env={"CHECKER_CACHE_DIR": str(blocker / "x")})
    assert got.returncode == 1 and got.stderr == b""


@pytest.mark.parametrize("pattern,flags", [
    (r"(?P<year>(?:19|20)[0-9]{2})年(?:度)?工作总结", 0),
    (r"(?<![一二三四五六七八九十第])(十三五|十四五|十五五)", 0),
    (r"[總结結]\s*(計劃|计划)$", re.M),
    (r"x{2,}|ＸＸ", re.I),
    (r"(a)(?P<b>b)?\1", 0),
])
def test_a_pattern_from_the_cache_is_the_pattern_re_compiles(pattern, flags, monkeypatch):
    state = {"path": None, "re": {}, "packs": {}, "used": set(), "new": False,
             "compile": re._compiler.compile, "module": re._compiler}
    monkeypatch.setattr(cache, "_state", state)
    fresh = cache._compile(pattern, flags)      # compiled, and its program kept
    again = cache._compile(pattern, flags)      # built from the kept program
    assert fresh == again == re._compiler.compile(pattern, flags)
    assert again.groupindex == re.compile(pattern, flags).groupindex
    state["re"][(pattern, flags)] = (0, b"\x01\x02\x03\x04", 0, {}, ())   # a damaged program
    assert cache._compile(pattern, flags) == re._compiler.compile(pattern, flags)


def test_patterns_no_writing_run_used_for_a_while_are_dropped(tmp_path, monkeypatch):
    """The cache stays the size of what runs use: a pattern that no run writing the cache used in
    STALE_AFTER writes (an old pack's, an old version's) is left out; one used lately is kept."""
    import marshal

    path = tmp_path / "startup.bin"
    now = 40
    state = {"path": path, "new": True, "packs": {}, "code": {}, "writes": now,
             "re": {("用了", 0): "a", ("早就不用", 0): "b", ("前几次用过", 0): "c", ("新编的", 0): "d"},
             "seen": {("用了", 0): 2, ("早就不用", 0): now + 1 - cache.STALE_AFTER - 1,
                      ("前几次用过", 0): now + 1 - cache.STALE_AFTER},
             "used": {("用了", 0), ("新编的", 0)}}
    monkeypatch.setattr(cache, "_state", state)
    cache.save()
    saved = marshal.loads(path.read_bytes())
    assert sorted(p for p, _ in saved["re"]) == sorted(["用了", "前几次用过", "新编的"])
    assert saved["writes"] == now + 1
    assert saved["seen"][("用了", 0)] == saved["seen"][("新编的", 0)] == now + 1


def test_parsed_packs_come_from_the_cache_only_for_the_same_bytes(monkeypatch):
    from checker.packs import toml

    tomllib = toml()
    monkeypatch.setattr(cache, "_state", {"packs": {}, "new": False})
    calls = []

    def parse(b):
        calls.append(b)
        return tomllib.loads(b.decode())

    a = b'[vendor]\nsites = ["\xe6\xa1\x83\xe6\xba\xaa\xe8\x8c\x83\xe6\x96\x87\xe7\xbd\x91"]\n'
    assert cache.pack(a, parse) == cache.pack(a, parse) == {"vendor": {"sites": ["桃溪范文网"]}}
    assert cache.pack(a.replace(b"vendor", b"vendorx"), parse) == {"vendorx": {"sites": ["桃溪范文网"]}}
    assert len(calls) == 2


# ---------------------------------------------------------------------------------------- fold

@pytest.mark.parametrize("text", ["工作总结和计划", "工作總結和計劃", "ＸＸ镇２０２５年", "plain ascii", "",
                                  "简体夹繁體混排", "〇一二三"])
def test_fold_is_the_same_with_or_without_its_fast_path(text):
    from checker import hanzi

    assert fold(text) == text.translate(hanzi._TABLE)
    assert len(fold(text)) == len(text)


def test_rule_objects_are_made_once_per_process():
    from checker import rules

    assert rules.running_rule("placeholder") is rules.running_rule("placeholder")
    assert rules.load_rule("placeholder") is not rules.running_rule("placeholder")


# ---------------------------------------------------------------------------------------- the .docx fast path

def _paragraphs_both_ways(path):
    """Each body paragraph read by the fast path (where it applies) and by the walker alone."""
    from checker.readers import docx as D
    from checker.readers.docx import paragraphs as P

    zf = D.open_package(str(path))
    body = D.parse_part(zf, "word/document.xml").find(D.w("body"))
    ps = [p for p, *_ in D.iter_paragraphs(body)]
    fast = [D.read_paragraph(p) for p in ps]
    real = P._plain_paragraph
    try:
        P._plain_paragraph = lambda p: None
        walked = [D.read_paragraph(p) for p in ps]
    finally:
        P._plain_paragraph = real
    return [real(p) is not None for p in ps], fast, walked


@pytest.mark.parametrize("text", ["全镇财政收入XX万元，同比增长百分之八。", "全鎮財政收入XX萬元，同比增長百分之八。"])
def test_plain_paragraphs_read_fast_read_the_same(tmp_path, text):
    from tests.docxfactory import comment_range, dele, field, ins, make_docx, p, r, textbox

    a, b = text[:6], text[6:]
    body = [
        p(a, b),                                                         # plain: fast
        p(r(a, highlight="yellow"), r(b, color="FF0000"), r(b, hidden=True)),   # marked runs: fast
        p(r(a), '<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="x"/>', r(b),
          '<w:bookmarkEnd w:id="0"/>'),                                  # what the walker ignores: fast
        p(r(a, raw="<w:tab/>"), r(b)),                                   # a tab: the walker
        p(r(a), ins(b)),                                                 # a tracked insertion: the walker
        p(r(a), dele(b)),                                                # a deletion: the walker
        p(r(a), field("PAGE", "3")),                                     # a field: the walker
        p(comment_range(1, r(a), r(b))),                                 # a comment: the walker
        p(r(a), textbox(p(b))),                                          # a text box: the walker
    ]
    path = make_docx(tmp_path / "d.docx", body, comments=[(1, "李四", "再核实")])
    plain, fast, walked = _paragraphs_both_ways(path)
    assert plain == [True, True, True, False, False, False, False, False, False]
    assert fast == walked
    assert [c.text for c in fast[:3]] == [text, text + b, text]


def test_the_sample_drafts_read_the_same_either_way():
    for path in sorted(SAMPLES.glob("*.docx")):
        _, fast, walked = _paragraphs_both_ways(path)
        assert fast == walked, path.name


def test_documents_come_back_only_where_the_report_reads_them(drafts):
    from checker.baseline import Baseline, fingerprints

    ctx = engine.make_context()
    inputs = engine.expand([str(drafts)])
    bare = engine.check_all(inputs, ctx, 2, engine.Keep(all=False, baseline=False))
    assert [r.document is None for r in bare][1:] == [True] * (len(bare) - 1)   # the first: checked here
    # a baseline accepting one finding of b1.docx: its document comes back, and the finding is hidden
    # the same way as in a serial run
    sub = drafts / "sub"
    sub.mkdir()
    (drafts / "b1.docx").rename(sub / "b1.docx")
    inputs = engine.expand([str(drafts)])
    target = next(r for r in engine.check_all(inputs, ctx, 1) if r.path.endswith("b1.docx"))
    Baseline(target.path).accept(target.findings[0], fingerprints(target.findings, target.document)[0],
                                 target.document)
    keep = engine.Keep(all=False, baseline=True)
    pooled = engine.check_all(inputs, ctx, 2, keep)
    assert [r.path for r in pooled if r.document is not None][1:] == [target.path]
    for args in (["--jobs", "1"], ["--jobs", "2"]):
        got = run_checker("check", "--format", "json", *args, drafts)
        rep = {f["path"]: f for f in __import__("json").loads(got.stdout)["files"]}
        assert rep[target.path]["suppressed"] == 1
        assert len(rep[target.path]["findings"]) == len(target.findings) - 1
