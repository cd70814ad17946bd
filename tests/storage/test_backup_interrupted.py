"""A run killed while it copies the database before migrating leaves no partial backup.

The copy is written under a hidden temporary name and named `sessionkit-v*.db` only when
complete; what a killed copy leaves is removed at the next open. Real processes, killed
with SIGKILL at a spread of moments through the copy.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

import sessionkit
from sessionkit.storage import LATEST_VERSION, Store
from sessionkit.storage.backup import remove_leftovers
from sessionkit.storage.connection import open_database
from sessionkit.storage.migrations import MIGRATIONS

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

OPEN = "import sys; from sessionkit.storage import Store; Store.open(sys.argv[1]).close()"


def _old_store(path: Path, megabytes: int) -> None:
    """A version-1 database (so the next open backs it up first), `megabytes` big."""
    conn = open_database(path, migrations=MIGRATIONS[:1])
    try:
        conn.execute(
            "INSERT INTO cases (reference, reference_key, opened_on)"
            " VALUES ('OLD-1', 'old-1', '2026-01-05')"
        )
        conn.execute("CREATE TABLE filler (x BLOB)")
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO filler VALUES (?)", ((os.urandom(1 << 20),) for _ in range(megabytes))
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _complete(backup: Path) -> bool:
    with closing(sqlite3.connect(backup.absolute().as_uri() + "?mode=ro", uri=True)) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return ok and conn.execute("SELECT reference FROM cases").fetchall() == [("OLD-1",)]


def _opened_until(path: Path, delay: float) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(sessionkit.__file__).parent.parent)}
    process = subprocess.Popen([sys.executable, "-c", OPEN, str(path)], env=env)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_a_copy_killed_at_any_moment_leaves_no_partial_backup(tmp_path: Path) -> None:
    original = tmp_path / "original.db"
    _old_store(original, 24)
    whole = _whole_run(tmp_path / "timed", original)
    kills_that_left_something = 0
    for n in range(10):
        delay = whole * (0.15 + 0.09 * n)  # from start-up to just before the end
        folder = tmp_path / f"run{n}"
        path = _copy_of(original, folder)
        _opened_until(path, delay)
        backups = folder / "backups"
        named = sorted(backups.glob("*.db")) if backups.exists() else []
        assert all(_complete(b) for b in named), f"a partial copy named as a backup ({delay} s)"
        # Whatever the killed copy left is removed at the next open, once it is old enough
        # not to be another sessionkit's copy still in progress.
        if backups.exists() and any(p.name.startswith(".") for p in backups.iterdir()):
            kills_that_left_something += 1
        if backups.exists():
            for leftover in backups.iterdir():
                os.utime(leftover, (time.time() - 600, time.time() - 600))
        with Store.open(path) as store:
            assert [c.reference for c in store.list_cases()] == ["OLD-1"]
        left = sorted(p.name for p in backups.iterdir())
        assert all(name.endswith(".db") and not name.startswith(".") for name in left), left
        assert all(_complete(b) for b in backups.glob("*.db"))
        assert len(left) >= 1  # the migration that finished took its backup
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (LATEST_VERSION,)
    # The kills did land inside the copy (else this test would prove nothing).
    assert kills_that_left_something >= 1, f"no kill landed inside a {whole:.2f} s copy"


def _copy_of(original: Path, folder: Path) -> Path:
    folder.mkdir(mode=0o700)
    path = folder / "sessionkit.db"
    path.write_bytes(original.read_bytes())
    os.chmod(path, 0o600)
    return path


def _whole_run(folder: Path, original: Path) -> float:
    path = _copy_of(original, folder)
    env = {**os.environ, "PYTHONPATH": str(Path(sessionkit.__file__).parent.parent)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", OPEN, str(path)], env=env, check=True)
    return time.perf_counter() - start


def test_leftovers_younger_than_a_copy_in_progress_are_kept(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    fresh = backups / ".sessionkit-v1-20261202-101010.copying"
    fresh.write_bytes(b"x")
    kept_backup = backups / "sessionkit-v1-20261202-101010.db"
    kept_backup.write_bytes(b"y")
    assert remove_leftovers(backups) == []
    later = time.time() + 600
    assert remove_leftovers(backups, now=later) == [fresh]
    assert kept_backup.exists()
