"""What Store.open does to files: modes, and leaving bad files exactly as they were."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from sessionkit.domain import Case
from sessionkit.storage import (
    LATEST_VERSION,
    Store,
    StoreCorrupt,
    StoreError,
    StoreNotWritable,
    StoreTooNew,
)

from .conftest import add_family, answer, digest, mode

IS_ROOT = os.geteuid() == 0


def test_new_store_is_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    data = tmp_path / "deep" / "data"
    path = data / "sessionkit.db"
    store = Store.open(path)
    try:
        family = add_family(store)
        store.record_response(answer(family.ids[4], family.ids[1], 5))
        wal = path.with_name(path.name + "-wal")
        shm = path.with_name(path.name + "-shm")
        assert wal.exists() and shm.exists()
        assert mode(data) == 0o700
        assert (mode(path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
    finally:
        store.close()
    assert mode(path) == 0o600
    # close() checkpoints: nothing is left behind in a -wal file.
    assert not path.with_name(path.name + "-wal").exists() or not wal.stat().st_size


def test_open_tightens_files_left_too_open(db_path: Path, umask: int) -> None:
    Store.open(db_path).close()
    db_path.chmod(0o644)
    db_path.parent.chmod(0o755)
    with closing(sqlite3.connect(db_path)) as other:
        # Another program's connection leaves -wal/-shm with the database's wide mode.
        other.execute("PRAGMA journal_mode = WAL")
        other.execute(
            "INSERT INTO cases (reference, reference_key, opened_on) VALUES ('x','x','2026-01-01')"
        )
        other.commit()
        wal = db_path.with_name(db_path.name + "-wal")
        shm = db_path.with_name(db_path.name + "-shm")
        assert mode(wal) == 0o644
        with Store.open(db_path) as store:
            assert [s.reference for s in store.list_cases()] == ["x"]
            assert mode(db_path.parent) == 0o700
            assert (mode(db_path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)


def test_journal_mode_and_pragmas(store: Store) -> None:
    conn = store._connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 2000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def _truncated(path: Path) -> None:
    _fill(path)
    data = path.read_bytes()
    assert len(data) > 8 * 4096
    path.write_bytes(data[: len(data) // 2])


def _random(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _text(path: Path) -> None:
    path.write_text("Notes from Tuesday\nnot a database at all\n" * 50)


def _short_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


def _bad_page(path: Path) -> None:
    """A database whose header is fine but some of whose pages are overwritten."""
    _fill(path)
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 5] = os.urandom(4096 * 2)
    path.write_bytes(bytes(data))


def _fill(path: Path) -> None:
    with Store.open(path) as store:
        for n in range(40):
            store.add_case(Case(reference=f"case {n}", summary="x" * 2000))


@pytest.mark.parametrize(
    "spoil", [_random, _text, _truncated, _short_header, _bad_page], ids=lambda f: f.__name__
)
def test_corrupt_file_is_reported_and_left_alone(db_path: Path, spoil: object) -> None:
    db_path.parent.mkdir(parents=True)
    spoil(db_path)  # type: ignore[operator]
    before = digest(db_path)
    with pytest.raises(StoreCorrupt) as caught:
        Store.open(db_path)
    message = str(caught.value)
    assert str(db_path) in message and "\n" not in message and "Traceback" not in message
    assert digest(db_path) == before
    assert not list(db_path.parent.glob("backups/*"))


def test_damage_beyond_the_quick_check_limit_surfaces_on_first_read(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    _bad_page(db_path)
    before = digest(db_path)
    with pytest.raises(StoreCorrupt) as caught:
        store = Store.open(db_path, quick_check_max_bytes=0)  # a "large" store: no full check
        try:
            store.list_cases()
        finally:
            store.close()
    assert str(db_path) in str(caught.value)
    assert digest(db_path) == before


def test_someone_elses_database_is_not_touched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(db_path)) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
        other.commit()
    before = digest(db_path)
    with pytest.raises(StoreCorrupt, match="not a sessionkit database"):
        Store.open(db_path)
    assert digest(db_path) == before


def test_other_application_id_is_not_touched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(db_path)) as other:
        other.execute("PRAGMA application_id = 1234")
        other.execute("PRAGMA user_version = 1")
        other.execute("CREATE TABLE t (x)")
        other.commit()
    before = digest(db_path)
    with pytest.raises(StoreCorrupt):
        Store.open(db_path)
    assert digest(db_path) == before


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_too_new_is_reported_and_left_alone(db_path: Path, journal: str) -> None:
    with Store.open(db_path) as store:
        add_family(store)
    with closing(sqlite3.connect(db_path)) as other:
        other.execute(f"PRAGMA journal_mode = {journal}")
        other.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        other.commit()
    before = digest(db_path)
    with pytest.raises(StoreTooNew) as caught:
        Store.open(db_path)
    message = str(caught.value)
    assert "newer version of sessionkit" in message and "upgrade sessionkit" in message
    assert str(db_path) in message
    assert caught.value.found == LATEST_VERSION + 1
    assert digest(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_too_new_seen_only_in_the_wal_is_caught(db_path: Path) -> None:
    """A newer build that stopped before checkpointing: the header alone looks old."""
    Store.open(db_path).close()
    with closing(sqlite3.connect(db_path)) as newer:
        newer.execute("PRAGMA wal_autocheckpoint = 0")
        newer.execute(f"PRAGMA user_version = {LATEST_VERSION + 3}")
        newer.commit()
        before = digest(db_path)
        with pytest.raises(StoreTooNew):
            Store.open(db_path)
        assert digest(db_path) == before


def test_folder_under_a_file_is_not_writable(tmp_path: Path) -> None:
    blocker = tmp_path / "some_file"
    blocker.write_text("I am a file")
    with pytest.raises(StoreNotWritable) as caught:
        Store.open(blocker / "sub" / "sessionkit.db")
    message = str(caught.value)
    assert "Cannot write" in message and "some_file" in message and "\n" not in message
    assert blocker.read_text() == "I am a file"


def test_database_path_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    with pytest.raises(StoreNotWritable):
        Store.open(tmp_path / "db")


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreNotWritable):
            Store.open(locked / "data" / "sessionkit.db")
    finally:
        locked.chmod(0o700)


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions")
def test_read_only_database_file(db_path: Path) -> None:
    with Store.open(db_path) as store:
        add_family(store)
    db_path.chmod(0o400)
    before = digest(db_path)
    try:
        with pytest.raises(StoreNotWritable):
            Store.open(db_path)
    finally:
        db_path.chmod(0o600)
    assert digest(db_path) == before


def test_every_error_is_a_one_line_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "f"
    blocker.write_text("")
    with pytest.raises(StoreError) as caught:
        Store.open(blocker / "x.db")
    assert len(str(caught.value).splitlines()) == 1


def test_an_empty_file_is_reported_and_left_as_it_was(db_path: Path) -> None:
    # sessionkit never leaves an empty file at the database path (a new database is
    # linked in complete), so a zero-byte file came from elsewhere: not adopted.
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    os.chmod(db_path, 0o644)
    before = (db_path.stat().st_mtime_ns, mode(db_path))
    with pytest.raises(StoreCorrupt, match=r"is empty \(0 bytes\)"):
        Store.open(db_path)
    assert db_path.stat().st_size == 0
    assert (db_path.stat().st_mtime_ns, mode(db_path)) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_a_first_run_that_fails_while_setting_up_leaves_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sessionkit.storage import connection

    def broken(*args: object, **kwargs: object) -> None:
        raise StoreNotWritable(db_path, "the disk is full")

    monkeypatch.setattr(connection, "migrate", broken)
    with pytest.raises(StoreError):
        Store.open(db_path)
    assert list(db_path.parent.iterdir()) == []  # no database, no empty file, no temp
    monkeypatch.undo()
    with Store.open(db_path) as store:
        store.add_case(Case(reference="fine"))
    assert not (db_path.parent / "backups").exists()
    assert mode(db_path) == 0o600
