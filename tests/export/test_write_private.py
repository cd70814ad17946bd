"""Private, all-or-nothing export files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionkit.export import files
from sessionkit.export.files import write_private


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    value: int = request.param
    previous = os.umask(value)
    try:
        yield value
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_new_file_is_0600_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "plan.md"
    write_private(target, "# Visit plan: AB\n\nAmy’s words ✓\n")
    assert target.read_text(encoding="utf-8") == "# Visit plan: AB\n\nAmy’s words ✓\n"
    assert mode(target) == 0o600
    assert os.listdir(tmp_path) == ["plan.md"]


def test_replacing_a_wider_file_makes_it_private(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old")
    target.chmod(0o644)
    write_private(target, "new")
    assert target.read_text() == "new" and mode(target) == 0o600


def test_line_endings_are_kept_as_given(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    write_private(target, "a\nb\r\n")
    assert target.read_bytes() == b"a\nb\r\n"


def test_missing_folder_is_an_oserror_naming_the_file(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "plan.md"
    with pytest.raises(FileNotFoundError) as caught:
        write_private(target, "text")
    assert caught.value.filename == str(target)
    assert os.listdir(tmp_path) == []


def test_target_that_is_a_folder_fails_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.mkdir()
    with pytest.raises(OSError) as caught:
        write_private(target, "text")
    assert caught.value.filename == str(target)
    assert os.listdir(tmp_path) == ["plan.md"] and target.is_dir()


def test_failure_half_way_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.md"
    target.write_text("the old plan")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left") as caught:
        write_private(target, "the new plan " * 1000)
    assert caught.value.errno == 28 and caught.value.filename == str(target)
    assert target.read_text() == "the old plan"
    assert os.listdir(tmp_path) == ["plan.md"]


def test_read_only_folder_is_an_oserror(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            write_private(folder / "plan.md", "text")
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)
