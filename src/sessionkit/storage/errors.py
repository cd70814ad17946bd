"""What can go wrong with the database, said in one line a practitioner can act on.

Every error names the file and what to do. The UI shows `str(error)` as it is, so no
message carries SQL, a traceback or any case data (messages can end up in logs).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Primary result codes (the low byte of an extended code), from sqlite3.h.
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class StoreError(Exception):
    """Base of every storage error; `str()` is a complete, user-facing sentence."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        # Defined here so that subclasses also deriving from KeyError do not quote it.
        return self.message


class StoreNotWritable(StoreError):
    def __init__(self, path: Path, reason: str = "permission denied") -> None:
        super().__init__(
            path,
            f"Cannot write to {path} ({reason}). Check that its folder exists and is "
            "yours to write to, or choose another data folder.",
        )
        self.reason = reason


class StoreCorrupt(StoreError):
    def __init__(self, path: Path, detail: str = "") -> None:
        what = detail or "is damaged or is not a sessionkit database"
        super().__init__(
            path,
            f"{path} {what}; it has been left as it was. Restore a copy from the "
            f"backups folder beside it, or move it aside to start a new one.",
        )


class StoreDamaged(StoreCorrupt):
    """One table or row of an otherwise sound sessionkit database cannot be read."""

    def __init__(self, path: Path, place: str) -> None:
        StoreError.__init__(self, path, f"{path} is damaged: {place}; run `sessionkit check`.")
        self.place = place


class NotOurs(StoreCorrupt):
    """Another program's file at the database path: refused before anything writes."""

    def __init__(self, path: Path) -> None:
        StoreError.__init__(
            self,
            path,
            f"{path} is not a sessionkit database; it has been left as it was. Move it "
            "aside, or choose another data folder.",
        )


class StoreEmpty(StoreCorrupt):
    """A zero-byte file where a database was (cut short or emptied): not taken as new."""

    def __init__(self, path: Path) -> None:
        StoreError.__init__(
            self,
            path,
            f"{path} is empty (0 bytes): it has been left as it is. Restore a copy from the "
            "backups folder beside it, or move it aside to start a new one.",
        )


class RecordRefused(StoreError):
    """A write refused before it started because the record could not be read back.

    `reason` names the field and the rule, never the words typed.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, f"{reason}; nothing was saved")
        self.reason = reason


class StoreTooNew(StoreError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            path,
            f"{path} was made by a newer version of sessionkit (database version {found}, "
            f"this one knows up to {known}); upgrade sessionkit to open it.",
        )
        self.found = found
        self.known = known


class StoreLocked(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"{path} is busy: another sessionkit is writing; close it and try again.",
        )


class StoreMigrationFailed(StoreError):
    def __init__(self, path: Path, version: int, backup: Path | None) -> None:
        kept = f"a copy from before is at {backup}" if backup else "nothing was changed"
        super().__init__(
            path,
            f"Could not upgrade {path} to database version {version}; {kept}. "
            "Please report this to whoever supports sessionkit for you.",
        )
        self.version = version
        self.backup = backup


class DuplicateReference(StoreError):
    def __init__(self, path: Path, reference: str) -> None:
        # The reference stays an attribute, out of the message, so it never reaches a log.
        super().__init__(
            path, f"A case with this reference is already in {path}; choose another reference."
        )
        self.reference = reference


class RecordNotFound(StoreError, KeyError):
    """A missing id. A KeyError too, so `except KeyError` works as the API promises."""

    def __init__(self, path: Path, kind: str, record_id: int | None = None) -> None:
        what = f"{kind} {record_id}" if record_id is not None else kind
        super().__init__(
            path,
            f"The {what} is not in {path}; it may have been deleted in another window.",
        )
        self.kind = kind
        self.record_id = record_id


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def translate_error(path: Path, error: sqlite3.Error) -> StoreError | None:
    """The StoreError for a sqlite3 error, or None when it is a programming mistake."""
    code = _primary_code(error)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreLocked(path)
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return StoreCorrupt(path)
    if code == _SQLITE_FULL:
        return StoreNotWritable(path, "the disk is full")
    if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN):
        return StoreNotWritable(path, "it is read-only or cannot be opened")
    if code == _SQLITE_IOERR:
        return StoreNotWritable(path, "a disk error stopped the write")
    if isinstance(error, sqlite3.IntegrityError) and "FOREIGN KEY" in str(error):
        return RecordNotFound(path, "record this refers to")
    return None


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Turn sqlite3 errors into StoreErrors; anything unexpected propagates unchanged."""
    try:
        yield
    except sqlite3.Error as error:
        store_error = translate_error(path, error)
        if store_error is None:
            raise
        raise store_error from error
