"""Numbered migrations: fresh files start at the latest version; older ones are backed up."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from sessionkit.storage import (
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    Store,
    StoreMigrationFailed,
    StoreTooNew,
)
from sessionkit.storage.migrations import check_sequence
from sessionkit.storage.schema_v1 import APPLICATION_ID, SCHEMA_V1

from .conftest import digest, mode

# The test-only steps below build on version 1 alone, whatever later versions exist.
V1 = MIGRATIONS[:1]

ADD_COLOUR = Migration(
    2,
    "test only: a column with a default, and an index",
    """
    ALTER TABLE cases ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue';
    CREATE INDEX cases_by_colour ON cases(colour);
    """,
)


def _upper_tags(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT id, tags FROM responses").fetchall()
    for response_id, tags in rows:
        upper = json.dumps([t.upper() for t in json.loads(tags)])
        conn.execute("UPDATE responses SET tags = ? WHERE id = ?", (upper, response_id))


UPPER_TAGS = Migration(3, "test only: a Python step", apply=_upper_tags)


def build_version_1(path: Path) -> None:
    """A version-1 file made the way a released build would have left it, by hand."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(SCHEMA_V1)
        conn.executescript(
            f"""
            PRAGMA application_id = {APPLICATION_ID};
            PRAGMA user_version = 1;
            INSERT INTO cases (id, reference, reference_key, care_status, opened_on)
                VALUES (1, 'OLD-1', 'old-1', '["in_care"]', '2025-01-02');
            INSERT INTO members (id, case_id, name, role) VALUES (1, 1, 'Ria', 'child');
            INSERT INTO visits (id, case_id, started_at, started_key, entry)
                VALUES (1, 1, '2025-01-03T10:00:00+00:00', '2025-01-03T10:00:00.000000Z',
                        'live');
            INSERT INTO responses (visit_id, prompt_id, answered_by, value, tags,
                                   said_at, recorded_at, entry)
                VALUES (1, 'scaling.safety', 1, 4, '["school"]',
                        '2025-01-03T10:05:00+00:00', '2025-01-03T10:05:00+00:00', 'live');
            """
        )
        conn.commit()


def test_fresh_store_is_latest_without_backup(db_path: Path) -> None:
    with Store.open(db_path) as store:
        conn = store._connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert not (db_path.parent / "backups").exists()


def test_hand_built_version_1_opens_as_is(db_path: Path) -> None:
    build_version_1(db_path)
    with Store.open(db_path, migrations=V1) as store:
        [summary] = store.list_cases()
        assert summary.reference == "OLD-1" and summary.visit_count == 1
        tags = store._connection().execute("SELECT tags FROM responses").fetchall()
        assert tags == [('["school"]',)]
    assert not (db_path.parent / "backups").exists()


def test_migration_backs_up_then_upgrades(db_path: Path, umask: int) -> None:
    build_version_1(db_path)
    migrations = [*V1, ADD_COLOUR, UPPER_TAGS]
    with Store.open(db_path, migrations=migrations) as store:
        conn = store._connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        assert conn.execute("SELECT colour FROM cases").fetchall() == [("blue",)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT reference FROM cases").fetchall() == [("OLD-1",)]
        assert conn.execute("SELECT tags FROM responses").fetchall() == [('["SCHOOL"]',)]

    backups = db_path.parent / "backups"
    [backup] = list(backups.iterdir())
    assert backup.name.startswith("sessionkit-v1-") and backup.suffix == ".db"
    assert mode(backups) == 0o700 and mode(backup) == 0o600
    with closing(sqlite3.connect(backup)) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT reference FROM cases").fetchall() == [("OLD-1",)]
        assert old.execute("SELECT tags FROM responses").fetchall() == [('["school"]',)]
        columns = [row[1] for row in old.execute("PRAGMA table_info(cases)")]
        assert "colour" not in columns
        assert old.execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    # Already migrated: opening again takes no second backup.
    Store.open(db_path, migrations=migrations).close()
    assert len(list(backups.iterdir())) == 1
    # And a build that only knows version 1 refuses the upgraded file.
    with pytest.raises(StoreTooNew):
        Store.open(db_path, migrations=V1)


def test_each_migration_from_an_intermediate_version(db_path: Path) -> None:
    build_version_1(db_path)
    Store.open(db_path, migrations=[*V1, ADD_COLOUR]).close()
    with Store.open(db_path, migrations=[*V1, ADD_COLOUR, UPPER_TAGS]) as store:
        tags = store._connection().execute("SELECT tags FROM responses").fetchall()
        assert tags == [('["SCHOOL"]',)]
    names = sorted(p.name[:14] for p in (db_path.parent / "backups").iterdir())
    assert names == ["sessionkit-v1-", "sessionkit-v2-"]


def test_failed_migration_leaves_the_file_and_a_backup(db_path: Path) -> None:
    build_version_1(db_path)
    before = digest(db_path)
    broken = Migration(2, "test only: fails half way", "CREATE TABLE t (x); SELECT * FROM nope;")
    with pytest.raises(StoreMigrationFailed) as caught:
        Store.open(db_path, migrations=[*V1, broken])
    assert caught.value.backup is not None and caught.value.backup.exists()
    assert str(caught.value.backup) in str(caught.value)
    assert digest(db_path) == before
    with Store.open(db_path) as store:
        assert store.get_case(1).reference == "OLD-1"


def test_numbering_must_be_contiguous() -> None:
    check_sequence(MIGRATIONS)
    with pytest.raises(ValueError):
        check_sequence([*MIGRATIONS, Migration(LATEST_VERSION + 2, "gap")])
    with pytest.raises(ValueError):
        check_sequence([MIGRATIONS[0], MIGRATIONS[0]])
