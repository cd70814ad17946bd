"""Another program's SQLite file, or an empty file, at the database path: refused, untouched.

Checked read-only before anything could write: no WAL switch, no change counter bumped,
no chmod, no backup. Every command says so in one line and exits 2.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from sessionkit.cli import main
from sessionkit.storage import Store, StoreCorrupt
from sessionkit.storage.connection import OUR_TABLES, is_ours
from sessionkit.storage.schema_v1 import APPLICATION_ID

COMMANDS = [
    ["cases"],
    ["export", "--case", "X"],
    ["movement", "--case", "X"],
    ["plan", "--case", "X"],
    ["outcomes"],
    ["purge", "--case", "X", "--yes"],
]


def _state(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file in the folder: content digest, mode and modification time."""
    return {
        p.name: (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mode,
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.iterdir())
    }


def _notes_file(path: Path, version: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('someone else''s words')")
        conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()
    os.chmod(path, 0o644)


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_another_programs_file_is_refused_and_left_byte_identical(
    data: Path, version: int, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = data / "sessionkit.db"
    _notes_file(path, version)
    before = _state(data)
    assert main(argv) == 2
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "is not a sessionkit database" in lines[0], err
    assert "Traceback" not in out + err and "someone else" not in out + err
    assert _state(data) == before  # same bytes, mode and time; no -wal, no backups/


def test_the_store_refuses_it_before_any_change(data: Path) -> None:
    path = data / "sessionkit.db"
    _notes_file(path, 2)
    before = _state(data)
    with pytest.raises(StoreCorrupt, match="is not a sessionkit database"):
        Store.open(path)
    assert _state(data) == before


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_an_empty_file_is_reported_in_one_line(
    data: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data.mkdir(parents=True)
    (data / "sessionkit.db").touch()
    before = _state(data)
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is empty (0 bytes)" in err[0]
    assert _state(data) == before


def test_which_files_are_ours() -> None:
    ours = set(OUR_TABLES) | {"goal_status"}
    assert is_ours(APPLICATION_ID, 2, ours, 20)
    assert is_ours(0, 0, set(), 0)  # nothing set up yet
    assert is_ours(0, 1, ours, 20)  # an unmarked file with every table of ours
    assert not is_ours(0, 2, {"notes"}, 1)
    assert not is_ours(0, 1, {"notes", "cases"}, 2)
    assert not is_ours(0, 0, {"notes"}, 1)
    assert not is_ours(0x12345678, 2, ours, 20)
    assert is_ours(APPLICATION_ID, 2, {"notes"}, 1)  # ours, and damaged: see below


def test_a_database_of_ours_missing_a_table_is_damaged_not_foreign(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data / "sessionkit.db"
    with Store.open(path):
        pass
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP TABLE responses")
        conn.commit()
    before = _state(data)
    assert main(["cases"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"sessionkit: {path} is damaged: the table responses is missing; run `sessionkit check`."
    ]
    assert _state(data)[path.name] == before[path.name]  # the database itself unchanged
