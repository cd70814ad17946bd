"""An interrupted purge is finished by the next one: the words leave every file we keep.

A real `sessionkit purge` process is killed with SIGKILL (no chance to flush or clean
up) after a spread of delays across a whole run, and at each step between two writes
through the test-only kill point; then purge is run again, and every file sessionkit
keeps (the database, its -wal, every file in backups/ and cache/, the journal) is
searched byte by byte for the erased case's words.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from erasure_sample import add_full_case, database_files, traces, words
from sessionkit.storage import Store
from sessionkit.storage.backup import backup_database
from sessionkit.storage.erase_journal import JOURNAL_NAME, KILL_AT_VARIABLE

KEEP = "Bramwell"
GONE = "Zorvex"
# Enough bytes that compacting and rewriting the backups take a while, so a kill after
# a delay lands between two of the files.
FILLER_BYTES = 8 * 1024 * 1024


def ref(tag: str) -> str:
    return words(tag)["Reference"]


def kept_files(data: Path) -> list[Path]:
    """Every file sessionkit keeps the case in, or might: db, -wal, backups, cache, journal."""
    cache = data / "cache"
    extra = sorted(p for p in cache.rglob("*") if p.is_file()) if cache.is_dir() else []
    return [*database_files(data / "sessionkit.db"), *extra, data / JOURNAL_NAME]


def build(data: Path, *, filler: int = 0) -> None:
    """Two full cases, optional filler bytes, and two backups that hold both cases."""
    data.mkdir(parents=True, exist_ok=True)
    with Store.open(data / "sessionkit.db") as store:
        add_full_case(store, KEEP)
        add_full_case(store, GONE)
        if filler:
            conn = store._connection()
            conn.execute("CREATE TABLE filler (bytes BLOB)")
            chunk = os.urandom(1024 * 1024)
            for _ in range(filler // len(chunk)):
                conn.execute("INSERT INTO filler VALUES (?)", (chunk,))
        backup_database(store._connection(), data / "backups", 1)
        backup_database(store._connection(), data / "backups", 2)


def sessionkit(data: Path, *args: str, kill_at: str | None = None) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != KILL_AT_VARIABLE}
    env["SESSIONKIT_DATA_DIR"] = str(data)
    env["SESSIONKIT_CONFIG_DIR"] = str(data.parent / "config")
    env.pop("SESSIONKIT_TOOLPACK_PATH", None)
    if kill_at is not None:
        env[KILL_AT_VARIABLE] = kill_at
    return subprocess.Popen(
        [sys.executable, "-m", "sessionkit", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(data: Path, *args: str) -> tuple[int, str, str]:
    proc = sessionkit(data, *args)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def cases_in(path: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return {r for (r,) in conn.execute("SELECT reference FROM cases")}


def holders(data: Path) -> list[Path]:
    return [data / "sessionkit.db", *sorted((data / "backups").glob("*.db"))]


def assert_erased_everywhere(data: Path) -> None:
    assert traces(kept_files(data), GONE) == []
    assert not (data / JOURNAL_NAME).exists()
    # Everything else is kept, in the database and in each backup.
    assert cases_in(data / "sessionkit.db") == {ref(KEEP)}
    backups = sorted((data / "backups").glob("*.db"))
    assert len(backups) == 2
    # No rewritten copy left half-way beside them.
    assert sorted((data / "backups").iterdir()) == backups
    for backup in backups:
        assert cases_in(backup) == {ref(KEEP)}


STEPS = ["journal-written", "database-deleted", "database-compacted", "backup-written"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("again", [["purge"], ["purge", "--case", ref(GONE), "--yes"]])
def test_an_interrupted_purge_leaves_the_family_in_the_backups_until_finished(
    tmp_path: Path, step: str, again: list[str]
) -> None:
    data = tmp_path / "data"
    build(data)
    killed = sessionkit(data, "purge", "--case", ref(GONE), "--yes", kill_at=step)
    killed.communicate(timeout=120)
    assert killed.returncode == 137
    journal = data / JOURNAL_NAME
    assert journal.exists()
    assert journal.stat().st_mode & 0o777 == 0o600 or os.name != "posix"
    # The journal itself never holds the words being erased.
    assert traces([journal], GONE) == []
    assert traces(kept_files(data), GONE) != []

    code, out, err = finished(data, *again)

    assert (code, err) == (0, "")
    assert out.startswith("An erasure was interrupted; finishing it now.\n")
    assert "The interrupted erasure is finished.\n" in out
    assert_erased_everywhere(data)


def test_a_case_only_in_the_backups_is_found_by_its_reference(tmp_path: Path) -> None:
    data = tmp_path / "data"
    build(data)
    # As a purge from before the erasure journal left it: gone from the database only.
    with Store.open(data / "sessionkit.db") as store:
        conn = store._connection()
        conn.execute("DELETE FROM cases WHERE reference = ?", (ref(GONE),))
        conn.execute("VACUUM")
        store.checkpoint()

    code, out, err = finished(data, "purge", "--case", ref(GONE), "--yes")

    assert (code, err) == (0, "")
    assert out.startswith(f"{ref(GONE)} is no longer in the database, but backups still hold it.\n")
    assert "Rewrote 2 backups without what was erased" in out
    assert_erased_everywhere(data)


def test_a_second_purge_of_a_finished_erasure_says_it_is_gone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    build(data)
    killed = sessionkit(data, "purge", "--case", ref(GONE), "--yes", kill_at="database-deleted")
    killed.communicate(timeout=120)
    code, out, _ = finished(data, "purge", "--case", ref(GONE), "--yes")
    assert code == 0
    assert out.endswith(f"{ref(GONE)} was in the interrupted erasure: it is gone.\n")
    assert_erased_everywhere(data)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL from outside needs POSIX")
def test_purge_killed_after_any_delay_is_finished_by_the_next_purge(tmp_path: Path) -> None:
    template = tmp_path / "template"
    build(template, filler=FILLER_BYTES)
    # How long a whole purge takes here, so the kills spread over all of it.
    timing = tmp_path / "timing" / "data"
    shutil.copytree(template, timing)
    start = time.monotonic()
    code, _, err = finished(timing, "purge", "--case", ref(GONE), "--yes")
    whole = time.monotonic() - start
    assert (code, err) == (0, "")

    rounds = 10
    interrupted = 0
    for n in range(rounds):
        data = tmp_path / f"round{n}" / "data"
        shutil.copytree(template, data)
        proc = sessionkit(data, "purge", "--case", ref(GONE), "--yes")
        time.sleep(whole * (n + 0.5) / rounds)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=120)
        pending = (data / JOURNAL_NAME).exists()
        interrupted += pending

        left = any(ref(GONE) in cases_in(p) for p in holders(data))

        code, out, err = finished(data, "purge", "--case", ref(GONE), "--yes")
        if pending or left:
            assert (code, err) == (0, ""), (n, out, err)
        else:
            # The kill came after the erasure was complete: nothing is left to find.
            assert code == 2 and err.startswith(f"sessionkit: No case {ref(GONE)} "), err
        assert_erased_everywhere(data)
        shutil.rmtree(data.parent)
    # The spread reached the window between the journal and the last backup.
    print(f"{interrupted} of {rounds} kills left an erasure pending; whole run {whole:.2f}s")
    assert interrupted >= 2, interrupted
