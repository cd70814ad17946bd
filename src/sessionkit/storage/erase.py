"""Erasing cases for good: from the database, from its journal and from the backups.

What "erased" means here, and where it stops:

- The case and everything recorded under it (people, goals and their status history,
  plans, visits, answers) go in one transaction, through the schema's cascades.
- `secure_delete` (set on every connection) overwrites the deleted records inside the
  database file, VACUUM then rebuilds the file without free pages, and the write-ahead
  log (the -wal file) is folded in and emptied, before and after, so neither keeps an
  earlier copy. The -shm file holds only an index of the log, never records.
- The copies taken before each database upgrade (the backups folder) are snapshots of
  everything at the time, so they hold the case too. Each backup that holds it is
  rewritten without it (the backup stays usable for every other case), the new copy
  replaces the old one, and the old copy's bytes are overwritten with zeros. A backup
  that cannot be read is left as it is and reported, since it may still hold the case.
- Before anything is erased, the cases are written to the erasure journal
  (`erase_journal.py`), which is cleared only once the database and every backup are
  clean; `finish_pending` completes an erasure a kill or a crash cut short. A case the
  database no longer holds is looked for in the backups by its reference
  (`cases_in_backups`) and erased there (`purge_from_backups`).
- Out of reach: files exported by hand (plans, case notes), copies of the laptop made
  by other software, and blocks the file system or the disk itself keeps after a file
  shrinks or is replaced (copy-on-write file systems, SSD wear levelling). Full-disk
  encryption is what protects those.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sessionkit.domain.text import clean_line
from sessionkit.private_files import create_private_file
from sessionkit.storage.codec import reference_key
from sessionkit.storage.connection import backups_dir_for, secure_permissions
from sessionkit.storage.erase_journal import (
    Journal,
    clear_journal,
    journal_path,
    kill_point,
    new_journal,
    read_journal,
    write_journal,
)
from sessionkit.storage.errors import StoreError, StoreLocked, translated
from sessionkit.storage.repository import Store

# Placeholders per DELETE: well under SQLite's limit on bound parameters.
_CHUNK = 500
_ZEROS = bytes(64 * 1024)

_CANDIDATES_SQL = """
SELECT c.id, c.reference, c.closed_on,
    (SELECT count(*) FROM members m WHERE m.case_id = c.id),
    (SELECT count(*) FROM visits v WHERE v.case_id = c.id),
    (SELECT count(*) FROM visits v JOIN responses r ON r.visit_id = v.id
        WHERE v.case_id = c.id)
FROM cases c
WHERE {where}
ORDER BY c.reference_key, c.id
"""


@dataclass(frozen=True, slots=True)
class PurgeCandidate:
    """A case as shown before it is erased: what the practitioner confirms."""

    case_id: int
    reference: str
    closed_on: date | None
    people: int
    visits: int
    answers: int


@dataclass(frozen=True)
class PurgeReport:
    erased: tuple[PurgeCandidate, ...]
    backups_checked: int
    backups_rewritten: tuple[Path, ...]
    # Backups that could not be read or rewritten: they may still hold a copy.
    backups_left: tuple[Path, ...]
    # False when another connection kept old pages in use past the busy timeout, so
    # the database file or its -wal may hold copies until that connection closes.
    database_clean: bool

    @property
    def complete(self) -> bool:
        return self.database_clean and not self.backups_left


class PurgeBusy(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"{path} is busy: another sessionkit is using it; nothing was erased. "
            "Close it and try again.",
        )


class PurgeChanged(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"The cases in {path} changed while waiting for confirmation; nothing was "
            "erased. Run purge again to see them as they are now.",
        )


def case_by_reference(store: Store, reference: str) -> PurgeCandidate | None:
    """The case with this reference (ignoring case, as everywhere), or None."""
    found = _candidates(store, "c.reference_key = ?", (reference_key(reference),))
    return found[0] if found else None


def cases_closed_before(store: Store, day: date) -> list[PurgeCandidate]:
    """Every case closed on a day before `day`, ordered by reference."""
    return _candidates(store, "c.closed_on IS NOT NULL AND c.closed_on < ?", (day.isoformat(),))


def purge(
    store: Store, cases: Sequence[PurgeCandidate], backups_dir: Path | None = None
) -> PurgeReport:
    """Erase `cases` from the database and from every backup beside it.

    Nothing is erased (PurgeBusy) when another connection is writing, or is reading
    from an unfolded log, at the start; nothing is erased (PurgeChanged) when the cases
    no longer match what was confirmed. `backups_dir` defaults to the one migrations use.

    The intent is written to the erasure journal first and cleared only once every
    place is clean, so an interrupted purge is finished by `finish_pending`.
    """
    folder = backups_dir_for(store.path) if backups_dir is None else backups_dir
    if not cases:
        return PurgeReport((), 0, (), (), True)
    _require_cascades(store)
    # Fold the log into the file and empty it first, so the deletion below writes to an
    # empty log and no earlier copy of the case is left behind in it.
    _fold_or_busy(store)
    ids = [c.case_id for c in cases]
    path = journal_path(store.path)
    before = read_journal(path)
    keys = _keys(store._connection(), ids)
    journal = new_journal(((i, keys[i]) for i in ids if i in keys), before)
    write_journal(path, journal)
    kill_point("journal-written")
    try:
        with store._write() as write:
            if _current(write, ids) != {(c.case_id, c.reference, c.closed_on) for c in cases}:
                raise PurgeChanged(store.path)
            _delete(write, ids)
    except StoreError as error:
        # Nothing was erased: the journal goes back to what it was.
        _restore(path, before)
        if isinstance(error, StoreLocked):
            raise PurgeBusy(store.path) from None
        raise
    kill_point("database-deleted")
    return _finish(store, journal, folder, tuple(cases))


def purge_from_backups(
    store: Store, cases: Sequence[PurgeCandidate], backups_dir: Path | None = None
) -> PurgeReport:
    """Erase cases the database no longer holds from every backup that still does."""
    folder = backups_dir_for(store.path) if backups_dir is None else backups_dir
    if not cases:
        return PurgeReport((), 0, (), (), True)
    _require_cascades(store)
    _fold_or_busy(store)
    path = journal_path(store.path)
    keys = {c.case_id: reference_key(c.reference) for c in cases}
    journal = new_journal(keys.items(), read_journal(path))
    write_journal(path, journal)
    kill_point("journal-written")
    return _finish(store, journal, folder, tuple(cases))


def finish_pending(store: Store, backups_dir: Path | None = None) -> PurgeReport | None:
    """Finish an erasure that was interrupted; None when none is pending.

    Safe to repeat: each place is cleaned of the journal's cases wherever they still
    are, and a case is only erased where its id and its reference both match.
    """
    folder = backups_dir_for(store.path) if backups_dir is None else backups_dir
    journal = read_journal(journal_path(store.path))
    if journal is None:
        return None
    _require_cascades(store)
    _fold_or_busy(store)
    try:
        with store._write() as write:
            _delete(write, _matching(write, journal))
    except StoreLocked:
        raise PurgeBusy(store.path) from None
    return _finish(store, journal, folder, ())


def cases_in_backups(folder: Path, reference: str) -> list[PurgeCandidate]:
    """The case with this reference as the backups hold it, newest backup first.

    For a case already gone from the database that a backup still keeps.
    """
    key = reference_key(reference)
    found: dict[int, PurgeCandidate] = {}
    for backup in reversed(_backups(folder)):
        with contextlib.suppress(sqlite3.Error, OSError):
            conn = _open_backup(backup)
            try:
                rows = conn.execute(
                    _CANDIDATES_SQL.format(where="c.reference_key = ?"), (key,)
                ).fetchall()
            finally:
                conn.close()
            for candidate in _as_candidates(rows):
                found.setdefault(candidate.case_id, candidate)
    return list(found.values())


def _finish(
    store: Store, journal: Journal, folder: Path, erased: tuple[PurgeCandidate, ...]
) -> PurgeReport:
    path = journal_path(store.path)
    clean = _compact(store)
    secure_permissions(store.path)
    kill_point("database-compacted")
    if clean:
        journal = replace(journal, todo=("backups",))
        write_journal(path, journal)
    checked, rewritten, left = _clean_backups(folder, journal)
    report = PurgeReport(erased, checked, rewritten, left, clean)
    if report.complete:
        clear_journal(path)
    return report


def erase_from_backup(path: Path, case_ids: Sequence[int] | Journal) -> bool:
    """Rewrite the backup at `path` without these cases; False when it held none of them.

    Given a journal, a case is erased only where its id and its reference both match.
    The backup is read into memory, the cases deleted there, and the result written to
    a new private file beside it with VACUUM INTO, so the new file never held them. The
    new file replaces the old one in one rename; the old bytes are then overwritten.
    Raises sqlite3.Error or OSError when the backup cannot be read or rewritten, leaving
    it as it was.
    """
    source = _open_backup(path)
    try:
        if isinstance(case_ids, Journal):
            ids = _matching(source, case_ids)
        else:
            ids = list(case_ids) if _count_cases(source, case_ids) else []
        if not ids:
            return False
        memory = sqlite3.connect(":memory:", isolation_level=None)
        source.backup(memory)
    finally:
        source.close()
    try:
        memory.execute("PRAGMA foreign_keys = ON")
        memory.execute("BEGIN")
        _delete(memory, ids)
        memory.execute("COMMIT")
        with _new_private_file(path.with_name(f".{path.name}.erasing")) as fresh:
            memory.execute("VACUUM INTO ?", (str(fresh),))
            _sync(fresh)
            kill_point("backup-written")
            _replace_and_overwrite(fresh, path)
    finally:
        memory.close()
    return True


def _open_backup(path: Path) -> sqlite3.Connection:
    uri = path.absolute().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def _require_cascades(store: Store) -> None:
    if store._connection().execute("PRAGMA foreign_keys").fetchone()[0] != 1:
        # The cascades are what reach every table under a case.
        raise RuntimeError("foreign keys must be enforced before a case is erased")


def _fold_or_busy(store: Store) -> None:
    try:
        folded = store.checkpoint()
    except StoreLocked:
        folded = False
    if not folded:
        raise PurgeBusy(store.path)


def _restore(path: Path, before: Journal | None) -> None:
    if before is None:
        clear_journal(path)
    else:
        write_journal(path, before)


def _keys(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    """The reference key of each of these cases the file holds."""
    found: dict[int, str] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT id, reference_key FROM cases WHERE id IN ({marks})", chunk)
        found.update((int(i), str(k)) for i, k in rows)
    return found


def _matching(conn: sqlite3.Connection, journal: Journal) -> list[int]:
    """The journal's cases this file holds under the same id and the same reference."""
    keys = _keys(conn, [i for i, _ in journal.cases])
    return [i for i, k in keys.items() if journal.holds(i, k)]


def _delete(conn: sqlite3.Connection, ids: list[int]) -> None:
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM cases WHERE id IN ({marks})", chunk)


# --- the database ----------------------------------------------------------------------


def _candidates(store: Store, where: str, params: tuple[object, ...]) -> list[PurgeCandidate]:
    with translated(store.path):
        rows = store._connection().execute(_CANDIDATES_SQL.format(where=where), params).fetchall()
    return _as_candidates(rows)


def _as_candidates(rows: list[Any]) -> list[PurgeCandidate]:
    return [
        PurgeCandidate(
            case_id=int(case_id),
            # Cleaned again on the way out: it is printed to a terminal.
            reference=clean_line(str(reference)),
            closed_on=date.fromisoformat(closed) if closed else None,
            people=int(people),
            visits=int(visits),
            answers=int(answers),
        )
        for case_id, reference, closed, people, visits, answers in rows
    ]


def _current(conn: sqlite3.Connection, ids: list[int]) -> set[tuple[int, str, date | None]]:
    found: set[tuple[int, str, date | None]] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, reference, closed_on FROM cases WHERE id IN ({marks})", chunk
        )
        found |= {
            (int(i), clean_line(str(r)), date.fromisoformat(c) if c else None) for i, r, c in rows
        }
    return found


def _checkpoint(store: Store) -> bool:
    try:
        return store.checkpoint()
    except StoreError:
        return False


def _compact(store: Store) -> bool:
    """VACUUM, then fold the log in and empty it; False if the log could not be emptied.

    Only the checkpoint decides: until it completes, the file still holds the pages as
    they were before the deletion. VACUUM is thoroughness on top (secure_delete already
    zeroed what was deleted), so a VACUUM that another connection or a full disk
    prevents is not a failure to erase.
    """
    conn = store._connection()
    # VACUUM builds the new file in temporary storage: keep it in memory rather than in
    # a temporary file whose blocks would stay on disk.
    conn.execute("PRAGMA temp_store = MEMORY")
    with contextlib.suppress(StoreError), translated(store.path):
        conn.execute("VACUUM")
    return _checkpoint(store)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


# --- the backups -----------------------------------------------------------------------


def _backups(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.db") if p.is_file())
    except OSError:
        return []


def _clean_backups(
    folder: Path, journal: Journal
) -> tuple[int, tuple[Path, ...], tuple[Path, ...]]:
    _remove_leftovers(folder)
    backups = _backups(folder)
    rewritten: list[Path] = []
    left: list[Path] = []
    for backup in backups:
        try:
            if erase_from_backup(backup, journal):
                rewritten.append(backup)
        except (sqlite3.Error, OSError):
            left.append(backup)
    return len(backups), tuple(rewritten), tuple(left)


def _remove_leftovers(folder: Path) -> None:
    """Rewritten copies a killed purge left unrenamed (they never held the cases)."""
    with contextlib.suppress(OSError):
        for stray in folder.glob(".*.db.erasing"):
            with contextlib.suppress(OSError):
                stray.unlink()


def _count_cases(conn: sqlite3.Connection, case_ids: Sequence[int]) -> int:
    total = 0
    for chunk in _chunks(list(case_ids)):
        marks = ",".join("?" * len(chunk))
        row = conn.execute(f"SELECT count(*) FROM cases WHERE id IN ({marks})", chunk).fetchone()
        total += int(row[0])
    return total


@contextlib.contextmanager
def _new_private_file(path: Path) -> Iterator[Path]:
    """An empty 0600 file at `path` (replacing one a crash left), removed if not renamed."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    create_private_file(path)
    try:
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _replace_and_overwrite(fresh: Path, target: Path) -> None:
    """Rename `fresh` over `target`, then zero the old file's bytes through a kept handle.

    At every moment `target` is either the old backup or the new one. Overwriting in
    place reaches the old blocks on ordinary file systems; see the module docstring for
    where it cannot.
    """
    with target.open("r+b") as old:
        os.replace(fresh, target)
        _sync_folder(target.parent)
        size = os.fstat(old.fileno()).st_size
        old.seek(0)
        for start in range(0, size, len(_ZEROS)):
            old.write(_ZEROS[: min(len(_ZEROS), size - start)])
        old.flush()
        os.fsync(old.fileno())


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    # Best effort: not every system can sync a folder.
    with contextlib.suppress(OSError):
        _sync(folder)
