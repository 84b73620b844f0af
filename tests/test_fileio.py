import os
import stat

from checker.fileio import atomic_write


def test_atomic_write_leaves_no_temporary_and_gives_ordinary_permissions(tmp_path):
    target = tmp_path / "sub" / "report.json"
    old = os.umask(0o022)
    try:
        atomic_write(target, "内容")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "内容"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644
    assert os.listdir(target.parent) == ["report.json"]


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o664)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o664


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")

    def fail(*_a):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    try:
        atomic_write(target, "new")
    except OSError:
        pass
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["r.json"]
