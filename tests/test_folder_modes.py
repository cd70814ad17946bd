"""Folder modes: every folder sessionkit makes is 0700 whatever the umask, a data folder
its owner made read-only is refused and left alone, and the folders it owns inside the
data folder are closed again if something left them open."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sessionkit.locations import ensure_private_dir

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sessionkit(*argv: str, umask: int = 0o077) -> subprocess.CompletedProcess[str]:
    # The umask is set in the child only, before sessionkit starts.
    code = (
        "import os, sys\n"
        f"os.umask({umask})\n"
        "from sessionkit.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SESSIONKIT_")}
    return subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, timeout=60
    )


def test_under_umask_000_every_created_parent_is_0700(tmp_path: Path) -> None:
    data = tmp_path / "a" / "b" / "data"
    done = sessionkit("--data-dir", str(data), "demo", umask=0)
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", data):
        assert mode(folder) == 0o700, folder
    assert mode(data / "sessionkit.db") == 0o600


def test_under_umask_000_the_export_and_backup_folders_are_0700(tmp_path: Path) -> None:
    code = (
        "import os\n"
        "os.umask(0)\n"
        "from pathlib import Path\n"
        "from sessionkit.locations import ensure_private_dir\n"
        f"ensure_private_dir(Path({str(tmp_path / 'x' / 'exports')!r}))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert mode(tmp_path / "x") == 0o700
    assert mode(tmp_path / "x" / "exports") == 0o700


def test_a_narrow_umask_still_gives_the_owner_a_usable_folder(tmp_path: Path) -> None:
    code = (
        "import os\n"
        "os.umask(0o277)\n"
        "from pathlib import Path\n"
        "from sessionkit.locations import ensure_private_dir\n"
        f"ensure_private_dir(Path({str(tmp_path / 'n' / 'm')!r}))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert mode(tmp_path / "n") == 0o700 and mode(tmp_path / "n" / "m") == 0o700


def test_a_read_only_data_folder_is_refused_not_chmodded_and_written(tmp_path: Path) -> None:
    data = tmp_path / "readonly"
    data.mkdir(mode=0o500)
    data.chmod(0o500)
    try:
        done = sessionkit("--data-dir", str(data), "cases")
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "not writable" in done.stderr
        assert mode(data) == 0o500
        assert list(data.iterdir()) == []
    finally:
        data.chmod(0o700)


def test_ensure_private_dir_refuses_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError, match="not writable"):
            ensure_private_dir(folder)
        assert mode(folder) == 0o500
    finally:
        folder.chmod(0o700)


def test_open_existing_0777_owned_subfolders_are_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert sessionkit("--data-dir", str(data), "demo").returncode == 0
    for name in ("backups", "cache", "exports"):
        (data / name).mkdir(exist_ok=True)
        (data / name).chmod(0o777)
    data.chmod(0o755)
    done = sessionkit("--data-dir", str(data), "cases")
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    for name in ("backups", "cache", "exports"):
        assert mode(data / name) == 0o700, name
