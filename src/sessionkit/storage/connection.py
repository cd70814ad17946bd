"""Opening the database file safely: check first, then change.

A file that turns out to be damaged, someone else's or from a newer sessionkit must be
left byte-for-byte as it was, so the checks run before anything writes: first on the
raw header bytes (no SQLite at all), then through a read-only connection. Only then is
the file opened for writing, backed up, migrated and switched to WAL.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Sequence
from pathlib import Path

from sessionkit.locations import PRIVATE_FILE_MODE, ensure_private_dir
from sessionkit.private_files import link_no_replace, sync_folder
from sessionkit.storage.backup import remove_leftovers
from sessionkit.storage.errors import (
    NotOurs,
    StoreCorrupt,
    StoreDamaged,
    StoreEmpty,
    StoreNotWritable,
    StoreTooNew,
    translated,
)
from sessionkit.storage.migrations import MIGRATIONS, Migration, latest_version, migrate
from sessionkit.storage.schema_v1 import APPLICATION_ID

DEFAULT_BUSY_TIMEOUT_MS = 2000
# PRAGMA quick_check reads every page: about 1.4 ms per MB here (150 ms for 109 MB), so
# it runs on open only up to this size (~20 ms; years of one practitioner's work).
# Beyond it open relies on the header checks, and damage any later query meets still
# surfaces as StoreCorrupt.
DEFAULT_QUICK_CHECK_MAX_BYTES = 16 * 1024 * 1024

_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def backups_dir_for(path: Path) -> Path:
    return path.parent / "backups"


def open_database(
    path: Path,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    migrations: Sequence[Migration] = MIGRATIONS,
    quick_check_max_bytes: int = DEFAULT_QUICK_CHECK_MAX_BYTES,
) -> sqlite3.Connection:
    """Open (creating if needed) the database at `path`, at the latest schema version."""
    latest = latest_version(migrations)
    _prepare_file(path, migrations)
    _check_header(path, latest)
    _inspect(path, latest, busy_timeout_ms, quick_check_max_bytes)
    secure_permissions(path)
    remove_leftovers(backups_dir_for(path))
    with translated(path):
        conn = sqlite3.connect(
            path,
            isolation_level=None,  # we issue BEGIN IMMEDIATE/COMMIT ourselves
            timeout=busy_timeout_ms / 1000,
        )
    try:
        with translated(path):
            _configure(conn)
            migrate(conn, path, backups_dir_for(path), migrations)
            # After migrating, so a backup is taken before anything in the file changes.
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
        secure_permissions(path)
    except BaseException:
        conn.close()
        raise
    return conn


def open_reader(
    path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """A read-only connection to a database `open_database` has already checked and migrated.

    For reading in another thread: a connection stays in the thread that opened it. It
    cannot write, so it never creates, migrates or checkpoints anything.
    """
    uri = path.absolute().as_uri() + "?mode=ro"
    with translated(path):
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=busy_timeout_ms / 1000)
    return conn


def secure_permissions(path: Path) -> None:
    """Make the database and the companion files SQLite keeps beside it 0600.

    SQLite creates -wal/-shm with the database's own mode, but files left by an older
    build or another tool may be wider; they hold copies of the data, so fix them too.
    """
    for candidate in (path, *(path.with_name(path.name + s) for s in _COMPANION_SUFFIXES)):
        try:
            mode = stat.S_IMODE(candidate.stat().st_mode)
            if mode != PRIVATE_FILE_MODE:
                candidate.chmod(PRIVATE_FILE_MODE)
        except FileNotFoundError:
            continue
        except OSError:
            # Not ours to change (another owner): the data is still usable, so carry on.
            continue


def _prepare_file(path: Path, migrations: Sequence[Migration]) -> None:
    """Create the folder (0700) and, if there is no database yet, a new one (0600).

    A new database is set up under a temporary name and linked into place complete, so
    a file at `path` is always one sessionkit finished creating, or someone else's: an
    empty file there is never adopted as new (it is reported by `_check_header`).
    """
    try:
        ensure_private_dir(path.parent)
        if not path.exists():
            _create_database(path, migrations)
        if not path.is_file():
            raise IsADirectoryError(21, "not a regular file")
        # SQLite also needs to create -wal and -shm files in the folder.
        if not os.access(path, os.R_OK | os.W_OK) or not os.access(path.parent, os.W_OK):
            raise PermissionError(13, "permission denied")
    except OSError as error:
        raise StoreNotWritable(path, error.strerror or "cannot create the file") from error


def _create_database(path: Path, migrations: Sequence[Migration]) -> None:
    fresh = path.with_name(f".{path.name}.{os.getpid()}.new")
    for leftover in (fresh, fresh.with_name(fresh.name + "-journal")):
        leftover.unlink(missing_ok=True)  # a run with this process id killed here
    fd = os.open(fresh, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(fd)
    os.chmod(fresh, PRIVATE_FILE_MODE)
    try:
        with translated(path):
            conn = sqlite3.connect(fresh, isolation_level=None)
            try:
                _configure(conn)
                migrate(conn, fresh, backups_dir_for(path), migrations)
            finally:
                conn.close()
        with fresh.open("r+b") as handle:
            os.fsync(handle.fileno())
        # Another sessionkit may have created it first: theirs is used, ours dropped.
        with contextlib.suppress(FileExistsError):
            link_no_replace(fresh, path)
        sync_folder(path.parent)
    finally:
        for leftover in (fresh, fresh.with_name(fresh.name + "-journal")):
            leftover.unlink(missing_ok=True)


def _check_header(path: Path, latest: int) -> None:
    """Reject files SQLite would misread or that are not ours, reading only 100 bytes."""
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
        size = path.stat().st_size
    except OSError as error:
        raise StoreNotWritable(path, error.strerror or "cannot read the file") from error
    if size == 0:
        # sessionkit never leaves an empty file here (a new database is linked in
        # complete), so this one came from elsewhere: left for the user to look at.
        raise StoreEmpty(path)
    if len(header) < _HEADER_SIZE or not header.startswith(_MAGIC):
        raise StoreCorrupt(path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise StoreCorrupt(path)
    page_count = int.from_bytes(header[28:32], "big")
    count_is_valid = page_count > 0 and header[24:28] == header[92:96]
    if count_is_valid and size < page_count * page_size:
        raise StoreCorrupt(path, "is incomplete (it may have been cut short while copying)")
    found = int.from_bytes(header[60:64], "big", signed=True)
    if found > latest:
        raise StoreTooNew(path, found, latest)
    application_id = int.from_bytes(header[68:72], "big", signed=False)
    if application_id not in (0, APPLICATION_ID):
        raise NotOurs(path)


def _inspect(path: Path, latest: int, busy_timeout_ms: int, quick_check_max_bytes: int) -> None:
    """Read-only checks: a read-only connection never writes or checkpoints the file."""
    uri = path.absolute().as_uri() + "?mode=ro"
    with translated(path):
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=busy_timeout_ms / 1000)
        try:
            # Through SQLite this time, so pages still in a -wal file count too.
            found = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if found > latest:
                raise StoreTooNew(path, found, latest)
            application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            names = {
                str(row[0])
                for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
            }
            tables = int(conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0])
            if not is_ours(application_id, found, names, tables):
                raise NotOurs(path)
            if found > 0 and not names >= OUR_TABLES:
                missing = sorted(OUR_TABLES - names)[0]
                raise StoreDamaged(path, f"the table {missing} is missing")
            if tables and path.stat().st_size <= quick_check_max_bytes:
                result = conn.execute("PRAGMA quick_check").fetchall()
                if result != [("ok",)]:
                    raise StoreCorrupt(path)
        finally:
            conn.close()


# The tables every sessionkit database has had since its first version.
OUR_TABLES = frozenset({"cases", "members", "goals", "plans", "visits", "responses"})


def is_ours(application_id: int, version: int, tables: set[str], objects: int) -> bool:
    """Whether a file with this header and these tables is a sessionkit database.

    Ours are marked with our application id. An unmarked file is ours only when it is
    empty (a database not yet set up) or holds every table sessionkit creates: another
    program's SQLite file with a version number of its own is not.
    """
    if application_id == APPLICATION_ID:
        return True  # marked as ours: if tables are missing, it is damaged (see below)
    if application_id != 0:
        return False
    if version == 0:
        return objects == 0
    return tables >= OUR_TABLES


def _configure(conn: sqlite3.Connection) -> None:
    # Per-connection settings: none of these writes to the file.
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    # FULL: a WAL commit is synced before COMMIT returns, so a response shown as recorded
    # survives power loss, not just a crash; measured well under the 5 ms budget.
    conn.execute("PRAGMA synchronous = FULL")
