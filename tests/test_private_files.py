"""The one private-file writer: 0600 whatever the umask, all or nothing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionkit import private_files
from sessionkit.private_files import create_private_file, write_private, write_private_bytes


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


def test_a_new_file_is_0600_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "note.md"
    write_private(target, "Amy’s words ✓\n")
    assert target.read_text(encoding="utf-8") == "Amy’s words ✓\n"
    assert mode(target) == 0o600
    assert os.listdir(tmp_path) == ["note.md"]


def test_bytes_are_written_as_given(tmp_path: Path) -> None:
    target = tmp_path / "cache.json"
    write_private_bytes(target, b"\x00{}\r\n")
    assert target.read_bytes() == b"\x00{}\r\n" and mode(target) == 0o600


def test_a_wider_file_replaced_becomes_private(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    target.write_text("old")
    target.chmod(0o644)
    write_private(target, "new")
    assert target.read_text() == "new" and mode(target) == 0o600


def test_a_given_mode_is_kept(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "settings.toml"
    write_private(target, "theme = 'x'\n", mode=0o640)
    assert mode(target) == 0o640


def test_a_failed_write_leaves_the_old_file_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "note.md"
    target.write_text("the old note")
    target.chmod(0o600)

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(private_files.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left") as caught:
        write_private(target, "the new note " * 1000)
    assert caught.value.errno == 28 and caught.value.filename == str(target)
    assert target.read_text() == "the old note"
    assert os.listdir(tmp_path) == ["note.md"]


def test_a_failed_rename_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "note.md"

    def refused(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(private_files.os, "replace", refused)
    with pytest.raises(PermissionError) as caught:
        write_private(target, "text")
    assert caught.value.filename == str(target)
    assert os.listdir(tmp_path) == []


def test_an_interrupted_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(private_files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_private(tmp_path / "note.md", "text")
    assert os.listdir(tmp_path) == []


def test_a_missing_folder_is_an_oserror_naming_the_file(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "note.md"
    with pytest.raises(FileNotFoundError) as caught:
        write_private(target, "text")
    assert caught.value.filename == str(target)


def test_the_mode_is_set_without_fchmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows has no os.fchmod before Python 3.13: the writer must not need it.
    monkeypatch.delattr(private_files.os, "fchmod", raising=False)
    write_private(tmp_path / "note.md", "text")
    assert mode(tmp_path / "note.md") == 0o600


def test_create_private_file_is_empty_0600_and_never_reuses_a_name(
    tmp_path: Path, umask: int
) -> None:
    target = tmp_path / "copy.db"
    create_private_file(target)
    assert target.read_bytes() == b"" and mode(target) == 0o600
    with pytest.raises(FileExistsError):
        create_private_file(target)


def test_every_writer_of_whole_files_is_this_one() -> None:
    # Modules that write a file whole go through `private_files`: no second writer with
    # its own temporary file, mode and rename to drift from this one.
    source = Path(private_files.__file__).parent
    others = [
        path.relative_to(source).as_posix()
        for path in source.rglob("*.py")
        if path.name != "private_files.py"
        and any(word in path.read_text(encoding="utf-8") for word in ("mkstemp", "fchmod"))
    ]
    assert others == []


def test_line_endings_are_kept_as_given(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    write_private(target, "a\nb\r\n")
    assert target.read_bytes() == b"a\nb\r\n"


def test_a_target_that_is_a_folder_fails_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.mkdir()
    with pytest.raises(OSError) as caught:
        write_private(target, "text")
    assert caught.value.filename == str(target)
    assert os.listdir(tmp_path) == ["plan.md"] and target.is_dir()


def test_a_read_only_folder_is_an_oserror(tmp_path: Path) -> None:
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
