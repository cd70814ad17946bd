"""Copies of the database, taken with SQLite's online backup API.

The API copies a consistent snapshot even while the file is in WAL mode and other
connections are open, which a plain file copy of the database alone would not.

A copy is written under a hidden temporary name and gets its `.db` name only once it is
complete and on disk, so a run killed half-way never leaves a partial copy that looks
like a backup. What such a run leaves (the temporary file and its journal) is removed at
the next open.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from sessionkit.locations import ensure_private_dir
from sessionkit.private_files import create_private_file, link_no_replace, sync_folder
from sessionkit.storage.errors import StoreNotWritable, translated

_PARTIAL = ".copying"  # suffix of a copy still being written
# A copy younger than this may be another sessionkit's, still being written: left alone.
_LEFTOVER_AGE_S = 120.0


def backup_database(conn: sqlite3.Connection, backups_dir: Path, version: int) -> Path:
    """Copy the database behind `conn` to `backups_dir/sessionkit-v{version}-{time}.db`."""
    stem = f"sessionkit-v{version}-{_timestamp()}"
    try:
        ensure_private_dir(backups_dir)
        partial = _create_private_file(backups_dir, f".{stem}", _PARTIAL)
    except OSError as error:
        raise StoreNotWritable(backups_dir, error.strerror or "cannot create a file") from error
    try:
        with translated(partial):
            copy = sqlite3.connect(partial, isolation_level=None)
            try:
                conn.backup(copy)
                # A self-contained single file: no -wal to lose if the copy is moved alone.
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
        _sync(partial)
        target = _publish(partial, backups_dir, stem)
    except BaseException:
        _remove(partial)
        raise
    return target


def remove_leftovers(backups_dir: Path, *, now: float | None = None) -> list[Path]:
    """Remove what a copy killed half-way left in `backups_dir`; return what was removed.

    Only temporary copies (never a `.db` backup) and their journals, and only once they
    are old enough not to be another sessionkit's copy in progress.
    """
    removed: list[Path] = []
    moment = time.time() if now is None else now
    try:
        candidates = sorted(backups_dir.glob(f".*{_PARTIAL}*"))
    except OSError:
        return removed
    for stray in candidates:
        if not (stray.name.endswith(_PARTIAL) or stray.name.endswith(f"{_PARTIAL}-journal")):
            continue
        try:
            if moment - stray.stat().st_mtime < _LEFTOVER_AGE_S:
                continue
            stray.unlink()
        except OSError:
            continue  # gone already, or not ours to remove: the next open tries again
        removed.append(stray)
    return removed


def _timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _create_private_file(folder: Path, stem: str, suffix: str = ".db") -> Path:
    """Create an empty 0600 file (umask-independent), never reusing an existing name."""
    for attempt in range(1, 1000):
        number = "" if attempt == 1 else f"-{attempt}"
        candidate = folder / f"{stem}{number}{suffix}"
        try:
            create_private_file(candidate)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(f"too many backups named {stem} in {folder}")


def _publish(partial: Path, folder: Path, stem: str) -> Path:
    """Give the complete copy its backup name, never replacing another backup."""
    for attempt in range(1, 1000):
        number = "" if attempt == 1 else f"-{attempt}"
        target = folder / f"{stem}{number}.db"
        try:
            link_no_replace(partial, target)
        except FileExistsError:
            continue
        sync_folder(folder)
        return target
    raise FileExistsError(f"too many backups named {stem} in {folder}")


def _sync(path: Path) -> None:
    with path.open("r+b") as handle:  # writable: Windows syncs only a handle that can write
        os.fsync(handle.fileno())


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()
