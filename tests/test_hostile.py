"""Hostile and huge inputs (issue #20): each failure class, rebuilt in the test, must give a result or a
one-line error — never an ``internal`` error, a traceback, a hang, or a copy that does not open."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker
from checker import limits
from checker.annotate import AnnotateError, annotated_copy
from checker.cli import main
from checker.readers.docx import read_docx, resolve_chains
from tests import hostile
from tests.docxfactory import NS, docx_from_lines, make_docx, p

POSIX = os.name == "posix"


def check(name_data):
    name, data = name_data
    return checker.check_bytes(data, name)


def codes(result) -> list[str]:
    return [f.rule for f in result.findings]


def reopen(blob: bytes):
    """A written copy must open with checker's reader and python-docx."""
    import docx

    docx.Document(io.BytesIO(blob))
    return read_docx(io.BytesIO(blob), "copy.docx")


# ---- .docx packages: relationship targets -------------------------------------------------------

@pytest.mark.parametrize("build", [hostile.main_part_at_root, hostile.rel_without_target,
                                   hostile.root_rel_without_target, hostile.rel_entity_target])
def test_odd_relationship_targets_are_read_or_refused_never_a_bug(build):
    r = check(build())
    assert r.error is None or r.error["code"] in ("damaged", "not-docx"), r.error


def test_a_main_part_at_the_zip_root_is_read_with_its_slots():
    r = check(hostile.main_part_at_root())
    assert r.error is None and "placeholder" in codes(r)


def test_a_relationship_without_target_is_skipped_and_the_body_still_checked():
    r = check(hostile.rel_without_target())
    assert r.error is None and [f.text for f in r.findings if f.rule == "placeholder"] == ["XX"]


def test_dtd_declarations_are_refused_as_damaged():
    for build in (hostile.internal_entity, hostile.rel_entity_target):
        r = check(build())
        assert r.error["code"] == "damaged" and "DTD" in r.error["message"]


# ---- numbers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "某县2025年工作总结\n全年投资{big}万元，其中财政资金3万元。\n受理120件，其中办结150件。\n",
    "某縣2025年工作總結\n全年投資{big}萬元，其中財政資金3萬元。\n受理120件，其中辦結150件。\n",
])
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_numbers_beyond_python_int_limit(tmp_path, text, fmt):
    text = text.format(big="9" * 5000)
    if fmt == "txt":
        r = checker.check_bytes(text.encode(), "长.txt")
    else:
        r = checker.check_path(docx_from_lines(tmp_path / "长.docx", text.splitlines()))[0]
    assert r.error is None
    # the absurd number is no figure; the real contradiction beside it is still found
    assert [f.text for f in r.findings if f.rule == "subtotal-exceeds-total"] == ["150件"] or \
        any(f.rule == "subtotal-exceeds-total" and "150" in f.message for f in r.findings)


def test_a_long_number_in_a_table_cell_is_read_exactly(tmp_path):
    from checker.figures import _arabic, _int

    assert _int("9" * 5000) == 10 ** 5000 - 1
    assert _arabic("1" + "0" * 4999) == (10 ** 4999, 0.5)


@pytest.mark.parametrize("traditional", [False, True])
def test_unicode_digits_that_isdigit_accepts(tmp_path, traditional):
    name, data = hostile.unicode_digits()
    text = data.decode()
    if traditional:
        text = text.replace("县", "縣").replace("总结", "總結").replace("个", "個").replace("为", "為")
    assert check((name, text.encode())).error is None
    cells = [[f'<w:tc><w:tcPr><w:gridSpan w:val="{v}"/></w:tcPr>{p("XX")}</w:tc>']
             for v in ("²", "٣", "9" * 5000, "-1", "")]
    body = [p("某县2025年工作总结")] + [f"<w:tbl><w:tr>{row[0]}</w:tr></w:tbl>" for row in cells]
    r = checker.check_path(make_docx(tmp_path / "跨列.docx", body))[0]
    assert r.error is None and codes(r).count("placeholder") == len(cells)


# ---- styles ------------------------------------------------------------------------------------

def test_style_chains_are_resolved_once_each():
    calls = []

    def combine(inherited, own):
        calls.append(own)
        return own if own is not None else inherited

    n = 8000
    based = {f"S{i}": f"S{i + 1}" for i in range(n)}
    own = {f"S{i}": (1 if i == n - 1 else None) for i in range(n)}
    resolve_chains(based, own, combine)
    assert len(calls) == n   # linear: each style combined once, not once per style below it


def test_style_chain_depth_cap_and_loops():
    based = {"A": "B", "B": "A", "C": "D", "D": None}
    own = {"A": None, "B": 2, "C": None, "D": 3}
    levels = resolve_chains(based, own, lambda inh, o: o if o is not None else inh)
    assert levels["C"] == 3 and levels["A"] == 2     # a loop stops, the chain's own value still counts
    n = limits.MAX_STYLE_DEPTH + 10
    based = {f"S{i}": f"S{i + 1}" for i in range(n)}
    own = {f"S{i}": ({"highlight": "yellow"} if i == n - 1 else {}) for i in range(n)}
    marks = resolve_chains(based, own, lambda inh, o: {**(inh or {}), **o})
    assert marks[f"S{n - 5}"] == {"highlight": "yellow"}      # near the base: inherited
    assert marks["S0"] == {}                                  # beyond the cap: the chain is cut


def test_a_deep_style_chain_reads_and_a_short_one_still_marks(tmp_path):
    r = check(hostile.style_chain(3000))
    assert r.error is None and "docx-highlight" not in codes(r)
    styles = (f'<w:styles {NS}><w:style w:type="paragraph" w:styleId="A"><w:name w:val="a"/><w:basedOn w:val="B"/>'
              '</w:style><w:style w:type="paragraph" w:styleId="B"><w:name w:val="b"/><w:rPr>'
              '<w:highlight w:val="yellow"/></w:rPr></w:style></w:styles>')
    path = make_docx(tmp_path / "短链.docx", [p("某县2025年工作总结"), p("請填寫負責人姓名。", style="A")],
                     styles=styles)
    assert "docx-highlight" in codes(checker.check_path(path)[0])


def test_a_style_loop_is_read(tmp_path):
    assert check(hostile.style_cycle()).error is None


# ---- brackets and long lines --------------------------------------------------------------------

@pytest.mark.parametrize("build", [hostile.open_brackets, hostile.mixed_brackets])
def test_unbalanced_brackets_finish(build):
    t0 = time.perf_counter()
    r = check(build(30_000))
    assert r.error is None and time.perf_counter() - t0 < 60   # a generous guard against a hang, not a timing


# ---- limits -------------------------------------------------------------------------------------

@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PARAGRAPHS", 40)
    monkeypatch.setattr(limits, "MAX_LINE_CHARS", 200)
    monkeypatch.setattr(limits, "MAX_CHARS", 2000)
    monkeypatch.setattr(limits, "MAX_FINDINGS_PER_CODE", 5)


@pytest.mark.parametrize("title", ["某县2025年工作总结", "某縣2025年工作總結"])
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_paragraph_limit(tmp_path, small_limits, title, fmt):
    def run(n):
        lines = [title] + ["今年完成投资3亿元。"] * (n - 1)
        if fmt == "txt":
            return checker.check_bytes("\n".join(lines).encode(), "a.txt")
        return checker.check_path(docx_from_lines(tmp_path / f"{n}.docx", lines))[0]

    assert run(40).error is None
    r = run(41)
    assert r.error["code"] == "too-complex" and "41" in r.error["message"]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_line_and_character_limits(tmp_path, small_limits, fmt):
    def run(lines, name):
        if fmt == "txt":
            return checker.check_bytes("\n".join(lines).encode(), name + ".txt")
        return checker.check_path(docx_from_lines(tmp_path / f"{name}.docx", lines))[0]

    assert run(["标题", "字" * 200], "ok").error is None
    assert run(["标题", "字" * 201], "line").error["code"] == "too-complex"
    assert run(["标题"] + ["字" * 150] * 14, "chars").error["code"] == "too-complex"   # 2,100 characters


def test_findings_beyond_the_per_code_limit_are_counted(small_limits):
    r = checker.check_bytes("\n".join(["某县2025年工作总结"] + ["负责人：XX。"] * 12).encode(), "a.txt")
    assert codes(r).count("placeholder") == 5 and r.omitted == {"placeholder": 7}
    assert r.as_json()["omitted"] == {"placeholder": 7}
    assert "omitted" not in checker.check_bytes("某县2025年工作总结\n负责人：XX。".encode(), "b.txt").as_json()


def test_the_terminal_says_how_many_were_left_out(tmp_path, small_limits):
    draft = tmp_path / "稿.txt"
    draft.write_text("\n".join(["某县2025年工作总结"] + ["负责人：XX。"] * 12), encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "--no-color", str(draft)]).output
    assert "另有 7 条 placeholder 未列出" in out


# ---- files that are not files -----------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_a_device_link_and_an_unlistable_folder_in_a_folder(tmp_path, monkeypatch):
    d = tmp_path / "稿"
    d.mkdir()
    (d / "好.txt").write_text("某县2025年工作总结\n负责人：XX。\n", encoding="utf-8")
    os.mkfifo(d / "管道.txt")
    os.symlink("/dev/zero", d / "零.txt")
    (d / "锁").mkdir()
    (d / "锁" / "里.txt").write_text("x", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("锁"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = CliRunner().invoke(main, ["check", "--format", "json", str(d)])
    assert res.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(res.stdout)["files"]}
    assert files["管道.txt"]["error"]["code"] == "not-a-file"
    assert files["零.txt"]["error"]["code"] == "not-a-file"
    assert files["锁"]["error"]["code"] == "unlistable"
    assert files["好.txt"]["error"] is None and files["好.txt"]["findings"]
    assert len([line for line in res.stderr.splitlines() if line.startswith("checker:")]) == 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_annotate_refuses_a_fifo_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "管道.docx")
    res = CliRunner().invoke(main, ["annotate", str(tmp_path / "管道.docx")])
    assert res.exit_code == 2 and "不是普通文件" in res.stderr
    assert not (tmp_path / "管道.checked.docx").exists()


def test_reads_are_bounded_whatever_the_size_says(monkeypatch):
    import checker.readers as readers

    monkeypatch.setattr(readers, "MAX_TEXT_BYTES", 1000)
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 1000)
    res = CliRunner().invoke(main, ["check", "-"], input=b"\x00" * 5000)
    assert res.exit_code == 2 and "过大" in res.stderr
    res = CliRunner().invoke(main, ["check", "-"], input="某县2025年工作总结\n负责人：XX。\n".encode())
    assert res.exit_code == 1


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_named_directly():
    r = checker.check_path("/dev/zero")[0]
    assert r.error["code"] == "not-a-file"


# ---- names that are not UTF-8 ---------------------------------------------------------------------

needs_bytes_names = pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                                       reason="the file system takes any bytes as a name only on Linux")


@needs_bytes_names
@pytest.mark.parametrize("text", ["某县2025年工作总结\n负责人：XX。\n", "某縣2025年工作總結\n負責人：XX。\n"])
def test_a_gbk_file_name(tmp_path, text):
    d = tmp_path / "稿"
    d.mkdir()
    gbk = os.fsdecode(os.fsencode(str(d)) + b"/" + "工作".encode("gbk") + b".txt")
    Path(gbk).write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--format", "json", str(d)])
    raw = res.stdout_bytes
    raw.decode("utf-8")                                    # valid UTF-8
    data = json.loads(raw)
    assert data["files"][0]["path"] == gbk               # escaped, and gives the name back exactly
    assert os.path.exists(data["files"][0]["path"])
    out = CliRunner().invoke(main, ["check", "--no-color", str(d)]).stdout
    assert "\\udcb9" in out and "XX" in out              # the console escapes what it cannot show
    target = tmp_path / "报告.json"
    res = CliRunner().invoke(main, ["check", "--format", "json", "-o", str(target), str(d)])
    assert res.exit_code == 1 and json.loads(target.read_bytes())["files"][0]["path"] == gbk


# ---- -o through a symlink -----------------------------------------------------------------------

@pytest.mark.skipif(not POSIX, reason="symlinks")
def test_output_onto_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "真" / "报告.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "链.json"
    link.symlink_to(real)
    draft = tmp_path / "稿.txt"
    draft.write_text("某县2025年工作总结\n负责人：XX。\n", encoding="utf-8")
    CliRunner().invoke(main, ["check", "--format", "json", "-o", str(link), str(draft)])
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["files"][0]["findings"]


# ---- annotate ------------------------------------------------------------------------------------

def test_annotate_writes_no_copy_of_an_unreadable_draft(tmp_path):
    name, data = hostile.internal_entity()
    draft = tmp_path / name
    draft.write_bytes(data)
    res = CliRunner().invoke(main, ["annotate", str(draft)])
    assert res.exit_code == 2 and "DTD" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert [x.name for x in tmp_path.iterdir()] == [name]


def test_annotate_writes_nothing_when_the_copy_would_not_open(tmp_path, monkeypatch):
    import checker.readers.docx as rd

    real = rd.read_docx

    def broken(fh, path, *a, **kw):
        if path == "copy.docx":
            raise checker.errors.ReadError("damaged", "simulated")
        return real(fh, path, *a, **kw)

    monkeypatch.setattr(rd, "read_docx", broken)
    draft = Path(docx_from_lines(tmp_path / "稿.docx", ["某县2025年工作总结", "负责人：XX。"]))
    res = CliRunner().invoke(main, ["annotate", str(draft)])
    assert res.exit_code == 2 and "simulated" in res.stderr
    assert not (tmp_path / "稿.checked.docx").exists()


@pytest.mark.parametrize("text", ["某县2025年工作总结\n负责人：XX\u000b某某\ufffe同志。\n",
                                  "某縣2025年工作總結\n負責人：XX\u000b某某\ufffe同志。\n"])
def test_comment_text_with_characters_xml_forbids(text):
    data = text.encode()
    r = checker.check_bytes(data, "控制符.txt")
    blob, placed = annotated_copy(data, r, "zh", per_finding=True)
    doc = reopen(blob)
    assert placed >= 2 and len(doc.comments) == placed


@pytest.mark.parametrize("build,kept", [(hostile.foreign_comments_part, set()),
                                        (hostile.duplicate_comments_rels, {"请核实", "再看看"}),
                                        (hostile.unknown_comments_element, set())])
def test_odd_comments_parts(build, kept):
    name, data = build()
    r = checker.check_bytes(data, name)
    assert r.error is None
    blob, placed = annotated_copy(data, r, "zh", per_finding=True)
    texts = {c.text for c in reopen(blob).comments}
    assert placed >= 1 and kept <= texts and sum(t.startswith("【") for t in texts) == placed


def test_comments_are_inserted_without_searching_for_ids(monkeypatch):
    from docx.oxml.comments import CT_Comments

    def searched(self):   # python-docx's search over every comment for a free id: quadratic
        raise AssertionError("comment ids must be counted, not searched for")

    monkeypatch.setattr(CT_Comments, "_next_available_comment_id", searched)
    name, data = hostile.many_findings_docx(300)
    r = checker.check_bytes(data, name)
    blob, placed = annotated_copy(data, r, "zh", per_finding=True)
    ids = [int(c.id) for c in reopen(blob).comments]
    assert placed == len(r.findings) >= 300
    assert ids == list(range(placed))


def test_new_comment_ids_do_not_clash_with_existing_ones(tmp_path):
    path = make_docx(tmp_path / "有批注.docx", [p("某县2025年工作总结"), p("负责人：XX。")],
                     comments=[(0, "张三", "请核实"), (5, "李四", "再看")])
    data = Path(path).read_bytes()
    blob, placed = annotated_copy(data, checker.check_bytes(data, path), "zh")
    ids = [int(c.id) for c in reopen(blob).comments]
    assert len(set(ids)) == len(ids) == 2 + placed and min(i for i in ids if i not in (0, 5)) == 6


def test_annotate_a_draft_python_docx_cannot_load_is_one_line(tmp_path):
    name, data = hostile.rel_without_target()
    draft = tmp_path / name
    draft.write_bytes(data)
    res = CliRunner().invoke(main, ["annotate", str(draft)])
    assert res.exit_code in (0, 2) and "Traceback" not in res.output + res.stderr
    if res.exit_code == 2:
        assert len(res.stderr.strip().splitlines()) == 1
        assert not (tmp_path / (Path(name).stem + ".checked.docx")).exists()
    else:
        reopen((tmp_path / (Path(name).stem + ".checked.docx")).read_bytes())


# ---- the fuzz test ---------------------------------------------------------------------------------

def test_fuzz_mutants_of_the_samples():
    from tests import fuzz

    out = fuzz.run(240, seed=20, limit=15.0)
    assert out.failures == []
    assert out.checked > 20 and out.unreadable > 20 and out.copies > 20   # the mutants reach every path
