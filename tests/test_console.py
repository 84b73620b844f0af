"""checker.console: any text to any stream encoding, never an exception."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from checker import console

ZH = "第 5 行（标题）  ✓ 工作回顾 • 已完成 ← 见上文 😀 𠀾坪村"
TW = "第 5 行（標題）  ✗ 存在問題 • 鄉鎮 → 見下文 😀 𡈼溪鄉"
ENCODINGS = ("gbk", "cp936", "cp1252", "ascii", "utf-8")


def _stream(encoding: str) -> tuple[io.BytesIO, io.TextIOWrapper]:
    raw = io.BytesIO()
    return raw, io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="\n")


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("text", [ZH, TW], ids=["zh", "tw"])
def test_write_never_raises_and_writes_what_the_encoding_holds(encoding, text):
    if encoding != "utf-8":                     # what happens without checker.console
        with pytest.raises(UnicodeEncodeError):
            text.encode(encoding)
    raw, stream = _stream(encoding)
    console.write(text + "\n", stream)
    stream.flush()
    got = raw.getvalue().decode(encoding)      # strict: every byte is valid in the stream's encoding
    assert got.endswith("\n") and "5" in got
    if encoding == "utf-8":
        assert got == text + "\n"


def test_gbk_keeps_chinese_and_uses_look_alikes():
    raw, stream = _stream("gbk")
    console.write(ZH, stream)
    stream.flush()
    got = raw.getvalue().decode("gbk")
    assert "工作回顾" in got and "第 5 行（标题）" in got
    assert "√" in got and "✓" not in got
    assert "·" in got or "*" in got
    assert "\\U0001f600" in got and "\\U0002003e" in got     # no GBK look-alike: escaped, not lost
    raw, stream = _stream("gbk")
    console.write(TW, stream)
    stream.flush()
    got = raw.getvalue().decode("gbk")
    assert "存在問題" in got and "×" in got and "\\U0002123c" in got


def test_ascii_and_cp1252_escape_chinese_and_keep_punctuation_readable():
    for enc in ("ascii", "cp1252"):
        text = console.safe_text(ZH, enc)
        text.encode(enc)
        assert "\\u7b2c" in text and "(" in text and ")" in text and "+" in text
    assert "…" in console.safe_text("完成…", "cp1252")       # cp1252 has the ellipsis
    assert console.safe_text("完成…", "ascii") == "\\u5b8c\\u6210..."


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_safe_text_is_idempotent_and_leaves_encodable_text_alone(encoding):
    once = console.safe_text(ZH, encoding)
    assert console.safe_text(once, encoding) == once
    assert console.safe_text("plain text, √ and x", "utf-8") == "plain text, √ and x"
    assert console.safe_text("工作√", "gbk") == "工作√"


def test_lone_surrogates_from_undecodable_file_names_are_escaped():
    name = b"\xff\xfe.txt".decode("utf-8", "surrogateescape")
    out = console.safe_text(f"无法读取 {name}", "utf-8")
    out.encode("utf-8")
    assert "\\udcff" in out


def test_setup_makes_print_safe_and_keeps_the_encoding():
    raw, stream = _stream("gbk")
    console.setup(stream)
    assert stream.encoding == "gbk" and stream.errors == console.ERRORS
    print(TW, file=stream)
    stream.flush()
    assert "存在問題" in raw.getvalue().decode("gbk")
    console.setup(io.StringIO())                    # a stream that cannot be reconfigured: no error


def test_write_to_a_stream_without_an_encoding_keeps_the_text():
    buf = io.StringIO()
    console.write(ZH, buf)
    assert buf.getvalue() == ZH


def test_encoding_of_unknown_or_missing_falls_back():
    class S:
        encoding = "no-such-codec"
    assert console.encoding_of(S()) == "utf-8"
    assert console.encoding_of(io.TextIOWrapper(io.BytesIO(), encoding="cp936")) == "gbk"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_real_process_stdout_in_each_encoding(encoding):
    code = ("import sys; from checker import console; console.setup(); "
            f"print({ZH!r}); sys.stderr.write({TW!r} + '\\n')")
    env = {"PYTHONIOENCODING": encoding, "PATH": ""}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr
    proc.stdout.decode(encoding)
    assert "Traceback" not in proc.stderr.decode(encoding)
