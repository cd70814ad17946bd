"""Exports are written by the one private-file writer (tested in tests/test_private_files.py)."""

from __future__ import annotations

import os
from pathlib import Path

from sessionkit import private_files
from sessionkit.export.files import write_private


def test_exports_use_the_one_private_file_writer() -> None:
    assert write_private is private_files.write_private


def test_an_export_is_private_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    write_private(target, "# Visit plan: AB\n\nAmy’s words ✓\n")
    assert target.read_text(encoding="utf-8") == "# Visit plan: AB\n\nAmy’s words ✓\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert os.listdir(tmp_path) == ["plan.md"]
