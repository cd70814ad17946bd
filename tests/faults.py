"""Real store faults for tests: the write lock held by another program, a full disk.

`locked(store)` holds the database's write lock from a second connection, as another
sessionkit or a backup tool would; the store must have been opened with a short busy
timeout (`Store.open(path, busy_timeout_ms=50)`) so the test does not wait.
`disk_full(store)` makes every write the store starts fail the way SQLite reports a full
disk (`SQLITE_FULL`), at the driver boundary, so the store's own translation and rollback
run as they would on a laptop whose disk filled up. Reads carry on, as they do there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sessionkit.storage import Store

SQLITE_FULL = 13


@contextmanager
def locked(store: Store) -> Iterator[None]:
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


class _FullDisk:
    """A connection whose writes fail as on a full disk; everything else passes through."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.lstrip().upper().startswith(("BEGIN", "INSERT", "UPDATE", "DELETE", "REPLACE")):
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = SQLITE_FULL  # type: ignore[attr-defined]
            raise error
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


@contextmanager
def disk_full(store: Store) -> Iterator[None]:
    conn = store._conn
    assert conn is not None
    store._conn = _FullDisk(conn)  # type: ignore[assignment]
    try:
        yield
    finally:
        store._conn = conn
