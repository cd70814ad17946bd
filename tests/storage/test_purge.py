"""Purging a case: every row under it goes, and its words leave every file we keep."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from erasure_sample import add_full_case, database_files, traces, words
from sessionkit.domain import CareStatus, Response
from sessionkit.storage import LATEST_VERSION, Store
from sessionkit.storage.backup import backup_database
from sessionkit.storage.erase import (
    PurgeBusy,
    PurgeCandidate,
    PurgeChanged,
    case_by_reference,
    cases_closed_before,
    purge,
)

from .conftest import digest, mode
from .older import as_version

KEEP = "Bramwell"
GONE = "Zorvex"


def table_counts(store: Store) -> dict[str, int]:
    """Rows in every table the schema has, whatever later versions add."""
    conn = store._connection()
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}


def everything(store: Store, case_id: int) -> tuple[Any, ...]:
    """The case and all that hangs from it, as models."""
    goals = store.list_goals(case_id)
    return (
        store.get_case(case_id),
        store.list_members(case_id, include_inactive=True),
        goals,
        [store.goal_status_history(g.id) for g in goals if g.id is not None],
        store.list_plans(case_id),
        store.list_visits(case_id),
        store.responses_for_case(case_id),
    )


def reference(tag: str) -> str:
    return words(tag)["Reference"]


def test_purge_erases_the_case_from_the_database_and_the_backups(db_path: Path) -> None:
    backups = db_path.parent / "backups"
    with Store.open(db_path) as store:
        kept = add_full_case(store, KEEP, care={CareStatus.IN_CARE})
        kept_before = everything(store, kept)
        counts_with_kept_only = table_counts(store)
        older = backup_database(store._connection(), backups, 2)
        gone = add_full_case(store, GONE)
        holding = backup_database(store._connection(), backups, 2)
        store.checkpoint()
        # The words are really there to be found before the purge.
        for path in (db_path, holding):
            data = path.read_bytes()
            missing = [w for w in words(GONE).values() if w.encode() not in data]
            assert missing == [], path.name
        older_digest = digest(older)

        # Found by reference ignoring case, with what will go.
        candidate = case_by_reference(store, reference(GONE).lower())
        assert candidate == PurgeCandidate(gone, reference(GONE), None, 2, 1, 3)

        report = purge(store, [candidate])

        assert report.erased == (candidate,)
        assert report.backups_checked == 2
        assert report.backups_rewritten == (holding,)
        assert report.backups_left == ()
        assert report.database_clean and report.complete
        # Every table is back to what the kept case alone had: the cascade reached all.
        assert table_counts(store) == counts_with_kept_only
        assert store.find_case(reference(GONE)) is None
        assert everything(store, kept) == kept_before
        # Checked while the store is still open, -wal and -shm included.
        assert traces(database_files(db_path), GONE) == []
    assert traces(database_files(db_path), GONE) == []
    # The other case is still in the files, and the backup without the case is untouched.
    assert words(KEEP)["GoalText"].encode() in db_path.read_bytes()
    assert digest(older) == older_digest
    # The rewritten backup is still a private, usable copy of everything else.
    assert mode(holding) == 0o600
    with closing(sqlite3.connect(holding.absolute().as_uri() + "?mode=ro", uri=True)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA user_version").fetchone() == (LATEST_VERSION,)
        assert copy.execute("SELECT reference FROM cases").fetchall() == [(reference(KEEP),)]
        assert copy.execute("SELECT count(*) FROM responses").fetchone() == (3,)
    assert sorted(p.name for p in backups.iterdir()) == sorted([older.name, holding.name])


def test_a_backup_taken_by_an_upgrade_is_rewritten_at_its_own_version(db_path: Path) -> None:
    with Store.open(db_path) as store:
        add_full_case(store, KEEP, history=False)
        add_full_case(store, GONE, history=False)
    as_version(db_path, 1)
    with Store.open(db_path) as store:  # the upgrade copies the version-1 file first
        (backup,) = (db_path.parent / "backups").iterdir()
        assert words(GONE)["CaseNote"].encode() in backup.read_bytes()
        candidate = case_by_reference(store, reference(GONE))
        assert candidate is not None
        report = purge(store, [candidate])
        assert report.backups_rewritten == (backup,) and report.complete
    assert traces(database_files(db_path), GONE) == []
    with closing(sqlite3.connect(backup.absolute().as_uri() + "?mode=ro", uri=True)) as copy:
        assert copy.execute("PRAGMA user_version").fetchone() == (1,)
        assert copy.execute("SELECT reference FROM cases").fetchall() == [(reference(KEEP),)]
        assert copy.execute("SELECT count(*) FROM members").fetchone() == (2,)


def test_an_unreadable_backup_is_reported_and_left_alone(db_path: Path) -> None:
    with Store.open(db_path) as store:
        add_full_case(store, GONE)
        broken = db_path.parent / "backups" / "sessionkit-v1-broken.db"
        broken.parent.mkdir(mode=0o700)
        broken.write_bytes(b"not a database at all " * 50)
        candidate = case_by_reference(store, reference(GONE))
        assert candidate is not None
        report = purge(store, [candidate])
    assert report.backups_left == (broken,)
    assert not report.complete and report.database_clean
    assert broken.read_bytes() == b"not a database at all " * 50
    assert traces([db_path], GONE) == []


def test_purge_while_the_app_has_the_database_open(db_path: Path) -> None:
    """The app's idle connection does not stop a purge, and carries on afterwards."""
    with Store.open(db_path) as app, Store.open(db_path) as purger:
        kept = add_full_case(app, KEEP)
        add_full_case(app, GONE)
        assert len(app.list_cases()) == 2
        candidate = case_by_reference(purger, reference(GONE))
        assert candidate is not None
        report = purge(purger, [candidate])
        assert report.complete
        assert traces(database_files(db_path), GONE) == []
        # The app sees the change and can still write.
        assert [s.reference for s in app.list_cases()] == [reference(KEEP)]
        (visit,) = app.list_visits(kept)
        (member, *_) = app.list_members(kept)
        assert visit.id is not None and member.id is not None
        app.record_response(
            Response(visit_id=visit.id, prompt_id="scaling.worry", answered_by=member.id, value=2)
        )
        assert len(purger.responses_for_case(kept)) == 4


def test_a_writer_holding_the_database_stops_the_purge_before_anything_goes(
    db_path: Path,
) -> None:
    with Store.open(db_path, busy_timeout_ms=50) as store:
        gone = add_full_case(store, GONE)
        counts = table_counts(store)
        candidate = case_by_reference(store, reference(GONE))
        assert candidate is not None
        with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(PurgeBusy) as caught:
                purge(store, [candidate])
            other.execute("ROLLBACK")
        assert str(caught.value) == (
            f"{db_path} is busy: another sessionkit is using it; nothing was erased. "
            "Close it and try again."
        )
        assert table_counts(store) == counts
        assert store.get_case(gone).reference == reference(GONE)


def test_a_reader_holding_old_pages_is_reported_until_it_closes(db_path: Path) -> None:
    with Store.open(db_path, busy_timeout_ms=50) as store:
        add_full_case(store, GONE)
        store.checkpoint()
        candidate = case_by_reference(store, reference(GONE))
        assert candidate is not None
        with closing(sqlite3.connect(db_path, isolation_level=None)) as reader:
            reader.execute("BEGIN")
            assert reader.execute("SELECT count(*) FROM cases").fetchone() == (1,)
            report = purge(store, [candidate])
            # Erased for every new reader, but the file still holds the old pages.
            assert store.list_cases() == []
            assert not report.database_clean and not report.complete
            assert traces([db_path], GONE) != []
            reader.execute("COMMIT")
    # Closing the store folds the log in: nothing is left.
    assert traces(database_files(db_path), GONE) == []


def test_cases_changed_since_they_were_listed_are_not_erased(db_path: Path) -> None:
    with Store.open(db_path) as store:
        gone = add_full_case(store, GONE)
        candidate = case_by_reference(store, reference(GONE))
        assert candidate is not None
        renamed = store.get_case(gone).model_copy(update={"reference": "Renamed"})
        store.update_case(renamed)
        with pytest.raises(PurgeChanged):
            purge(store, [candidate])
        assert store.get_case(gone).reference == "Renamed"


def test_cases_closed_before_a_day(db_path: Path) -> None:
    with Store.open(db_path) as store:
        add_full_case(store, "Cobb", closed_on=date(2024, 3, 30))
        add_full_case(store, "Alder", closed_on=date(2023, 1, 1))
        add_full_case(store, "Dunmore", closed_on=date(2024, 3, 31))  # on the day: kept
        add_full_case(store, "Elm")  # open: kept
        found = cases_closed_before(store, date(2024, 3, 31))
        assert [(c.reference, c.closed_on) for c in found] == [
            (reference("Alder"), date(2023, 1, 1)),
            (reference("Cobb"), date(2024, 3, 30)),
        ]
        report = purge(store, found)
        assert len(report.erased) == 2
        assert sorted(s.reference for s in store.list_cases()) == [
            reference("Dunmore"),
            reference("Elm"),
        ]
    assert traces([db_path], "Alder") == [] and traces([db_path], "Cobb") == []


def test_nothing_to_purge_changes_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        add_full_case(store, KEEP)
        assert case_by_reference(store, "no such case") is None
        report = purge(store, [])
        assert report.erased == () and report.complete
        assert len(store.list_cases()) == 1
