"""`sessionkit check`: what is wrong with a database, found without changing it.

Three passes, each read-only (the file is opened as SQLite's immutable read when no
other sessionkit has it open, so not even a -shm file is created): SQLite's own
integrity check; the schema (every table and column sessionkit reads); and every row of
every table decoded exactly as the app decodes it. Problems name the table, the row id
and the rule a value broke, never the value: a damaged row may hold a family's words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sessionkit.storage import codec
from sessionkit.storage.connection import OUR_TABLES, _check_header, is_ours
from sessionkit.storage.errors import StoreError
from sessionkit.storage.migrations import MIGRATIONS, latest_version
from sessionkit.storage.outcomes_read import _reader_uri
from sessionkit.storage.refusal import refusal_reason

MOST_INTEGRITY_LINES = 20


@dataclass
class CheckReport:
    """What a check found: problems (one line each), notes, and rows read per table."""

    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not self.problems


def check_database(path: Path) -> CheckReport:
    """Check the database at `path`; never writes, creates or changes a file."""
    report = CheckReport(path)
    if not path.exists():
        report.notes.append(f"There is no database at {path} yet: nothing to check.")
        return report
    latest = latest_version(MIGRATIONS)
    try:
        _check_header(path, latest)
    except StoreError as error:
        report.problems.append(str(error))
        return report
    try:
        conn = sqlite3.connect(_reader_uri(path.absolute()), uri=True, isolation_level=None)
    except sqlite3.Error as error:
        report.problems.append(f"{path} cannot be opened ({error.__class__.__name__}).")
        return report
    try:
        _check(conn, report, latest)
    except sqlite3.Error as error:
        # SQLite's messages name tables and pages, never row contents.
        report.problems.append(f"{path}: reading stopped: {error}.")
    finally:
        conn.close()
    return report


def _check(conn: sqlite3.Connection, report: CheckReport, latest: int) -> None:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    tables = {
        str(row[0]) for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
    }
    objects = int(conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0])
    if not is_ours(application_id, version, tables, objects):
        report.problems.append(f"{report.path} is not a sessionkit database.")
        return
    if version < latest:
        report.notes.append(
            f"Database version {version}; sessionkit upgrades it to {latest} when it next "
            "starts (a backup is taken first)."
        )
    report.problems.extend(_integrity(conn))
    for name in sorted(OUR_TABLES - tables):
        report.problems.append(f"the table {name} is missing")
    for table in codec.TABLES.values():
        if table.name not in tables:
            continue
        columns = {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table.name})")}
        missing = [c for c in table.read_columns if c not in columns]
        if missing:
            report.problems.append(f"the table {table.name} has no column {missing[0]}")
            continue
        report.problems.extend(_rows(conn, table))
        report.rows[table.name] = _count(conn, table.name)


def _integrity(conn: sqlite3.Connection) -> Iterator[str]:
    found = [str(row[0]) for row in conn.execute("PRAGMA integrity_check").fetchall()]
    if found == ["ok"]:
        return
    for line in found[:MOST_INTEGRITY_LINES]:
        yield f"integrity: {line}"
    if len(found) > MOST_INTEGRITY_LINES:
        yield f"integrity: and {len(found) - MOST_INTEGRITY_LINES} more"


def _rows(conn: sqlite3.Connection, table: codec.Table[Any]) -> Iterator[str]:
    cursor = conn.execute(f"SELECT {table.select()} FROM {table.name} ORDER BY id")
    for row in cursor:
        try:
            table.from_row(row)
        except ValidationError as error:
            yield f"{table.name} row {row[0]} cannot be read: {refusal_reason(error.errors())}"
        except (ValueError, TypeError):
            yield f"{table.name} row {row[0]} cannot be read: a value is not in the form kept"


def _count(conn: sqlite3.Connection, name: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
