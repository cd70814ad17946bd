"""The narrow read behind team outcomes: care statuses and numeric answers, as plain tuples.

Only the columns outcomes use are read (no names, references, dates or text), without
building pydantic models, so a store with thousands of cases is read in one pass.

Outcomes only read, so the file is opened read-only (`open_for_outcomes`): no folder or
file is created or chmodded, nothing is migrated or switched to WAL, and a full disk or
a read-only folder does not stop it. A file an older sessionkit wrote is not upgraded
here (that writes, and takes a backup first); the message says to start sessionkit once.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from sessionkit.storage.connection import (
    DEFAULT_BUSY_TIMEOUT_MS,
    DEFAULT_QUICK_CHECK_MAX_BYTES,
    _check_header,
    is_ours,
)
from sessionkit.storage.errors import (
    NotOurs,
    StoreCorrupt,
    StoreDamaged,
    StoreError,
    StoreTooNew,
    translated,
)
from sessionkit.storage.migrations import MIGRATIONS, latest_version
from sessionkit.storage.repository import Store
from sessionkit.storage.schema_v1 import APPLICATION_ID

# case id, visit rank within the case, prompt id, answered by, on behalf of, value,
# scale min, scale max: the fields of `sessionkit.insight.outcomes.Answer`, in order.
AnswerTuple = tuple[int, int, str, int, int | None, float, float | None, float | None]
# (case id, care statuses) for every case, and every numeric answer in order.
OutcomeData = tuple[list[tuple[int, tuple[str, ...]]], list[AnswerTuple]]

_READ_TABLES = frozenset({"cases", "visits", "responses"})

_CASES_SQL = "SELECT id, care_status FROM cases ORDER BY id"

# Visits are ranked within their case by start (in UTC), then id, as everywhere else.
_ANSWERS_SQL = """
SELECT v.case_id,
    dense_rank() OVER (PARTITION BY v.case_id ORDER BY v.started_key, v.id),
    r.prompt_id, r.answered_by, r.on_behalf_of, r.value, r.scale_min, r.scale_max
FROM visits v JOIN responses r ON r.visit_id = v.id
WHERE r.value IS NOT NULL
ORDER BY v.case_id, v.started_key, v.id, r.id
"""


class StoreNeedsUpgrade(StoreError):
    def __init__(self, path: Path, found: int, latest: int) -> None:
        super().__init__(
            path,
            f"{path} is from an older sessionkit (database version {found}, this one uses "
            f"{latest}); start sessionkit once to upgrade it, then run this again.",
        )


def open_for_outcomes(path: Path) -> Store | None:
    """A read-only store on the database at `path`, or None when there is none yet.

    The checks `Store.open` makes before writing run here too, all read-only, so a file
    that is damaged, not ours or too new gets the same one-line error and is left as it
    was.
    """
    path = Path(path).absolute()
    latest = latest_version(MIGRATIONS)
    if not path.exists():
        return None
    _check_header(path, latest)
    if path.stat().st_size == 0:
        return None  # created by a run that stopped at once: nothing recorded yet
    with translated(path):
        conn = sqlite3.connect(
            _reader_uri(path),
            uri=True,
            isolation_level=None,
            timeout=DEFAULT_BUSY_TIMEOUT_MS / 1000,
        )
    try:
        with translated(path):
            found = _checked_version(conn, path, latest)
    except BaseException:
        conn.close()
        raise
    if found is None:
        conn.close()
        return None
    if found < latest:
        conn.close()
        raise StoreNeedsUpgrade(path, found, latest)
    return Store(path, conn, read_only=True)


def _reader_uri(path: Path) -> str:
    """A read-only URI that creates no file beside the database.

    A plain read-only open of a WAL database still creates its -wal and -shm files, which
    fails on a full disk and writes into a folder that may be read-only. Without a -wal
    file no sessionkit has the database open, so it is read as an immutable file, which
    SQLite opens with no companion files and no locks. With one, another sessionkit is
    running: its -wal and -shm are used as they are, so that its latest answers count.
    A rollback journal left by a crash must be seen by SQLite too, never ignored.
    """
    uri = path.as_uri() + "?mode=ro"
    companions = (path.with_name(path.name + suffix) for suffix in ("-wal", "-journal"))
    if not any(companion.exists() for companion in companions):
        uri += "&immutable=1"
    return uri


def _checked_version(conn: sqlite3.Connection, path: Path, latest: int) -> int | None:
    """The schema version, or None for an empty file; raises as `Store.open` would.

    The same checks as the store's own read-only inspection (storage.connection), made on
    this connection because that one would create the companion files.
    """
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > latest:
        raise StoreTooNew(path, found, latest)
    application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    names = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    if application_id == APPLICATION_ID and found > 0 and not names >= _READ_TABLES:
        raise StoreDamaged(path, f"the table {sorted(_READ_TABLES - names)[0]} is missing")
    if not is_ours(application_id, found, names, len(names)):
        raise NotOurs(path)
    if not names:
        return None
    small = path.stat().st_size <= DEFAULT_QUICK_CHECK_MAX_BYTES
    if small and conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
        raise StoreCorrupt(path)
    return found


def read_outcome_data(store: Store) -> OutcomeData:
    """(case id, care statuses) for every case, and every numeric answer in order."""
    conn = store._connection()
    with translated(store.path):
        case_rows = conn.execute(_CASES_SQL).fetchall()
        answer_rows = conn.execute(_ANSWERS_SQL).fetchall()
    # Team figures from a store with an unreadable row would be quietly wrong: refused,
    # naming the row (never its contents).
    cases = []
    for case_id, care in case_rows:
        try:
            cases.append((int(case_id), _statuses(care)))
        except (ValueError, TypeError):
            raise StoreDamaged(store.path, f"cases row {case_id} cannot be read") from None
    answers = []
    for row in answer_rows:
        try:
            answers.append(_answer(row))
        except (ValueError, TypeError):
            raise StoreDamaged(store.path, "an answer row cannot be read") from None
    return cases, answers


def _statuses(text: object) -> tuple[str, ...]:
    values = json.loads(str(text))
    if not isinstance(values, list):
        raise ValueError("care status is not a list")
    return tuple(str(v) for v in values)


def _answer(row: tuple[Any, ...]) -> AnswerTuple:
    case_id, rank, prompt_id, answered_by, on_behalf_of, value, low, high = row
    return (
        int(case_id),
        int(rank),
        str(prompt_id),
        int(answered_by),
        None if on_behalf_of is None else int(on_behalf_of),
        float(value),
        None if low is None else float(low),
        None if high is None else float(high),
    )
