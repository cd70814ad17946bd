"""The erasure journal: a purge's intent, written down before anything is erased.

A purge touches several files (the database, then each backup), and a kill or a power
cut between two of them would leave the family's words in the files not reached yet.
So the cases to erase are first written to a small private file in the data folder,
flushed to disk; the erasure is then carried out; the file is removed only once every
place is clean. A journal still there means an erasure was interrupted, and the next
`purge` (or the app at start) finishes it.

The journal must not itself keep what is being erased: it names each case by its id
and by a keyed hash of its reference (HMAC-SHA256 under a random salt kept beside it),
never the reference or any name. The hash is what makes finishing safe: a backup row
with that id is erased only if its reference hashes the same, so a case created later
under a reused id is never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sessionkit.private_files import sync_folder, write_private
from sessionkit.storage.errors import StoreError

JOURNAL_NAME = "erasure-pending.json"
_VERSION = 1
# Read by the erasure tests only: the step at which to die as a kill -9 would, so every
# point between two writes can be interrupted on purpose, not only by timing.
KILL_AT_VARIABLE = "SESSIONKIT_TEST_KILL_AT"


@dataclass(frozen=True)
class Journal:
    """Cases still to be erased: (case id, keyed hash of the reference key)."""

    salt: str
    cases: tuple[tuple[int, str], ...]
    # The places still to be cleaned, for the report: "database", "backups".
    todo: tuple[str, ...] = field(default=("database", "backups"))

    def holds(self, case_id: int, key: str) -> bool:
        return (case_id, reference_hash(self.salt, key)) in self.cases

    def names(self, key: str) -> bool:
        """Whether a case with this reference key is among those still to be erased."""
        digest = reference_hash(self.salt, key)
        return any(found == digest for _, found in self.cases)


class JournalDamaged(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"{path} records an erasure that was interrupted, but it cannot be read; "
            "nothing was erased. Delete that file, then run `sessionkit purge --case REF` "
            "again for each case that had to go.",
        )


def journal_path(database: Path) -> Path:
    return database.with_name(JOURNAL_NAME)


def reference_hash(salt: str, key: str) -> str:
    return hmac.new(bytes.fromhex(salt), key.encode("utf-8"), hashlib.sha256).hexdigest()


def new_journal(cases: Iterable[tuple[int, str]], pending: Journal | None = None) -> Journal:
    """A journal for (case id, reference key) pairs, added to one still pending."""
    salt = pending.salt if pending is not None else secrets.token_hex(16)
    entries = dict.fromkeys(pending.cases if pending is not None else ())
    entries.update(dict.fromkeys((i, reference_hash(salt, k)) for i, k in cases))
    return Journal(salt, tuple(entries))


def write_journal(path: Path, journal: Journal) -> None:
    """Write the journal atomically, 0600, flushed with its folder before returning."""
    record = {
        "version": _VERSION,
        "salt": journal.salt,
        "cases": [[i, h] for i, h in journal.cases],
        "todo": list(journal.todo),
    }
    try:
        write_private(path, json.dumps(record) + "\n")
    except OSError as error:
        reason = error.strerror or "cannot write the file"
        raise StoreError(path, f"Cannot write {path} ({reason}); nothing was erased.") from None


def read_journal(path: Path) -> Journal | None:
    """The pending erasure, or None when none is pending; JournalDamaged if unreadable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        raise JournalDamaged(path) from None
    try:
        record = json.loads(raw.decode("utf-8"))
        salt = str(record["salt"])
        bytes.fromhex(salt)
        cases = tuple((int(i), str(h)) for i, h in record["cases"])
        todo = tuple(str(t) for t in record.get("todo", ("database", "backups")))
    except (ValueError, KeyError, TypeError):
        raise JournalDamaged(path) from None
    return Journal(salt, cases, todo)


def clear_journal(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    sync_folder(path.parent)


def pending(database: Path) -> bool:
    """Whether an interrupted erasure waits to be finished (a cheap check, for start-up)."""
    return journal_path(database).exists()


def kill_point(step: str) -> None:
    """Die here, as a kill -9 would, when the tests ask for this step."""
    if os.environ.get(KILL_AT_VARIABLE) == step:
        os._exit(137)
