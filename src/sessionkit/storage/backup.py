"""Copies of the database, taken with SQLite's online backup API.

The API copies a consistent snapshot even while the file is in WAL mode and other
connections are open, which a plain file copy of the database alone would not.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sessionkit.locations import ensure_private_dir
from sessionkit.private_files import create_private_file
from sessionkit.storage.errors import StoreNotWritable, translated


def backup_database(conn: sqlite3.Connection, backups_dir: Path, version: int) -> Path:
    """Copy the database behind `conn` to `backups_dir/sessionkit-v{version}-{time}.db`."""
    try:
        ensure_private_dir(backups_dir)
        target = _create_private_file(backups_dir, f"sessionkit-v{version}-{_timestamp()}")
    except OSError as error:
        raise StoreNotWritable(backups_dir, error.strerror or "cannot create a file") from error
    with translated(target):
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            conn.backup(copy)
            # A self-contained single file: no -wal to lose if the copy is moved alone.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    return target


def _timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _create_private_file(folder: Path, stem: str) -> Path:
    """Create an empty 0600 file (umask-independent), never reusing an existing name."""
    for attempt in range(1, 1000):
        suffix = "" if attempt == 1 else f"-{attempt}"
        candidate = folder / f"{stem}{suffix}.db"
        try:
            create_private_file(candidate)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(f"too many backups named {stem} in {folder}")
