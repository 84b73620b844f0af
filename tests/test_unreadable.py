"""Files checker cannot read: one clear line naming the file and the reason; the others still checked."""

import io
import zipfile

import pytest

from checker.errors import ReadError
from checker.readers import read_path
from tests.conftest import run_checker
from tests.docxfactory import make_docx, p

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole(*streams: str) -> bytes:
    return OLE + b"\0" * 504 + b"".join(s.encode("utf-16-le") for s in streams) + b"\0" * 512


def _good_docx(tmp_path, name="good.docx"):
    return make_docx(tmp_path / name, [p("全镇XX个村")])


def _zip(entries: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


CASES = {
    "old.doc": (lambda tmp: _ole("Root Entry", "WordDocument"), "legacy-doc", "另存为"),
    "old.wps": (lambda tmp: _ole("Root Entry", "WpsContent"), "legacy-wps", "另存为"),
    "locked.docx": (lambda tmp: _ole("EncryptionInfo", "EncryptedPackage"), "encrypted", "密码"),
    "cut.docx": (lambda tmp: open(_good_docx(tmp), "rb").read()[:300], "damaged", "损坏"),
    "notword.docx": (lambda tmp: _zip({"hello.txt": "hi"}), "not-docx", "不是 Word"),
    "badxml.docx": (lambda tmp: _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document"}),
                    "damaged", "损坏"),
    "binary.txt": (lambda tmp: bytes(range(256)) * 4, "binary", "不是文本"),
    "empty.txt": (lambda tmp: b"", "empty", "空"),
    "blank.txt": (lambda tmp: "  \n\n ".encode(), "empty", "空"),
    "text.docx": (lambda tmp: "这其实是文本".encode(), "damaged", "损坏"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_unreadable_case_has_its_own_error(tmp_path, name):
    make, code, words = CASES[name]
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    with pytest.raises(ReadError) as e:
        read_path(path)
    assert e.value.code == code
    assert words in e.value.message("zh")
    assert e.value.message("en")


def test_billion_laughs_is_refused_not_expanded(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                      for i in range(1, 10))
            + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": bomb}))
    with pytest.raises(ReadError) as e:
        read_path(path)
    assert e.value.code == "damaged"
    assert "\n" not in e.value.message("zh")


def test_zip_bomb_is_refused_from_the_directory(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": b"\0" * (20 * 1024 * 1024)}))
    with pytest.raises(ReadError) as e:
        read_path(path)
    assert e.value.code == "too-large"


def test_missing_and_directory_without_drafts(tmp_path):
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "empty_dir" / "notes.pdf").write_bytes(b"%PDF-1.4")
    proc = run_checker("check", "--format", "json", tmp_path / "nope.docx", tmp_path / "empty_dir")
    import json
    report = json.loads(proc.stdout)
    codes = [f["error"]["code"] for f in report["files"]]
    assert codes == ["not-found", "no-drafts"]
    assert proc.returncode == 2


def test_cli_reports_every_unreadable_file_in_one_line_and_checks_the_rest(tmp_path):
    for name, (make, _code, _words) in CASES.items():
        (tmp_path / name).write_bytes(make(tmp_path))
    good = _good_docx(tmp_path, "zz-good.docx")
    proc = run_checker("check", "--no-color", *sorted(tmp_path.iterdir()))
    err = proc.stderr.decode()
    out = proc.stdout.decode()
    assert proc.returncode == 2
    assert "Traceback" not in err + out
    err_lines = [line for line in err.splitlines() if line]
    assert len(err_lines) == len(CASES)
    for name in CASES:
        assert any(name in line for line in err_lines), name
        assert any(name in line and "无法读取" in line for line in out.splitlines()), name
    assert f"{good}:1:3" in out  # the good draft was still checked


def test_english_errors(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(_ole("WordDocument"))
    proc = run_checker("check", "--lang", "en", path)
    assert "save it as .docx" in proc.stderr.decode()
    assert proc.returncode == 2


def test_randomly_damaged_docx_never_escapes_as_a_traceback(tmp_path):
    """Flipped bytes, truncations and broken XML: every outcome is a document or a ReadError."""
    import random

    from checker.readers import read_bytes
    from tests.conftest import SAMPLES

    src = (SAMPLES / "工作总结-待填.docx").read_bytes()
    rng = random.Random(7)
    outcomes = set()
    for i in range(300):
        if i % 2:
            data = bytearray(src)
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            data = bytes(data)
        else:
            data = src[:rng.randrange(len(src))]
        try:
            read_bytes(data, "f.docx", ".docx")
            outcomes.add("read")
        except ReadError as e:
            outcomes.add(e.code)
    assert "damaged" in outcomes


def test_a_rule_that_crashes_costs_one_file_not_the_run(tmp_path, monkeypatch):
    from checker.engine import check_paths, make_context
    from checker.rules.placeholder import PlaceholderRule

    def boom(self, doc, ctx):
        if "坏" in doc.text:
            raise RuntimeError("boom")
        return iter(())

    monkeypatch.setattr(PlaceholderRule, "check", boom)
    (tmp_path / "a.txt").write_text("坏", encoding="utf-8")
    (tmp_path / "b.txt").write_text("好", encoding="utf-8")
    results = check_paths([str(tmp_path)], make_context())
    assert [r.error and r.error["code"] for r in results] == ["internal", None]
    assert "RuntimeError: boom" in results[0].error["message"]
