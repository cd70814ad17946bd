"""The `sessionkit` command as a user runs it: real processes, real files, plain messages."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sessionkit import __version__


def run(*args: str, data: Path, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SESSIONKIT_DATA_DIR": str(data),
        "SESSIONKIT_CONFIG_DIR": str(config or data.parent / "config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "sessionkit", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version_and_help(tmp_path: Path) -> None:
    version = run("--version", data=tmp_path / "d")
    assert version.returncode == 0 and version.stdout.strip() == f"sessionkit {__version__}"
    helped = run("--help", data=tmp_path / "d")
    assert helped.returncode == 0
    for command in ("locate", "demo", "cases", "toolpack"):
        assert command in helped.stdout


def test_locate_prints_paths_and_creates_nothing(tmp_path: Path) -> None:
    result = run("locate", data=tmp_path / "data", config=tmp_path / "conf")
    assert result.returncode == 0, result.stderr
    assert f"{tmp_path / 'data' / 'sessionkit.db'}" in result.stdout
    assert f"{tmp_path / 'conf' / 'settings.toml'}" in result.stdout
    assert not (tmp_path / "data").exists() and not (tmp_path / "conf").exists()


def test_data_dir_option_beats_the_environment(tmp_path: Path) -> None:
    result = run("locate", "--data-dir", str(tmp_path / "flag"), data=tmp_path / "env")
    assert f"{tmp_path / 'flag'}" in result.stdout and f"{tmp_path / 'env'}" not in result.stdout


def test_demo_adds_once_and_cases_lists_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = run("demo", data=data)
    assert first.returncode == 0, first.stderr
    assert "DEMO-HARPER" in first.stdout
    second = run("demo", data=data)
    assert second.returncode == 0 and "already" in second.stdout
    listed = run("cases", "--format", "json", data=data)
    cases = json.loads(listed.stdout)
    assert [c["reference"] for c in cases] == ["DEMO-HARPER"]
    assert cases[0]["visits"] >= 4 and cases[0]["care_status"] == ["child_in_need"]
    table = run("cases", data=data)
    assert table.stdout.splitlines()[0].split()[:2] == ["REFERENCE", "CARE"]
    assert "DEMO-HARPER" in table.stdout
    assert oct(data.stat().st_mode & 0o777) == "0o700"
    assert oct((data / "sessionkit.db").stat().st_mode & 0o777) == "0o600"


def test_empty_store_says_what_to_do(tmp_path: Path) -> None:
    result = run("cases", data=tmp_path / "data")
    assert result.returncode == 0 and "sessionkit demo" in result.stdout


def _assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sessionkit: ")
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("command", [["cases"], []])
def test_corrupt_database_is_reported_and_left_alone(tmp_path: Path, command: list[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "sessionkit.db"
    db.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    before = digest(db)
    result = run(*command, data=data)
    _assert_one_line_error(result, str(db))
    assert digest(db) == before


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run("demo", data=data).returncode == 0
    db = data / "sessionkit.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = digest(db)
    result = run("cases", data=data)
    _assert_one_line_error(result, str(db), "newer version")
    assert digest(db) == before


def test_data_dir_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("cases", data=blocker / "data")
    _assert_one_line_error(result, str(blocker / "data"))


def test_locked_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run("cases", data=data).returncode == 0  # an empty store; demo will need to write
    db = data / "sessionkit.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("demo", data=data)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _assert_one_line_error(result, str(db), "another sessionkit")
    assert run("cases", "--format", "json", data=data).stdout.strip() == "[]"
