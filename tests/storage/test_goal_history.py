"""Goal status history (migration 2): kept, in order, atomic, and gone with its case."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sessionkit.domain import Case, Goal, GoalStatus, Member, Response, Role, Visit
from sessionkit.storage import LATEST_VERSION, MIGRATIONS, RecordNotFound, Store
from sessionkit.storage.schema_v2 import BACKFILL_NOTE

from .conftest import add_family, at, mode
from .older import as_version

V1 = MIGRATIONS[:1]


def _tables(store: Store) -> set[str]:
    rows = store._connection().execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows}


def _history_rows(store: Store) -> int:
    return int(
        store._connection().execute("SELECT count(*) FROM goal_status_changes").fetchone()[0]
    )


def test_version_1_database_migrates_with_a_backup_and_keeps_its_data(db_path: Path) -> None:
    with Store.open(db_path) as old:
        case = old.add_case(Case(reference="OLD-1"))
        child = old.add_member(Member(case_id=case.id, name="Ria", role=Role.CHILD, age=8))
        active = old.add_goal(Goal(case_id=case.id, text="Calmer evenings", created_at=at(1)))
        paused = old.add_goal(
            Goal(
                case_id=case.id,
                text="Walk to school",
                created_at=at(1),
                status=GoalStatus.PAUSED,
                status_changed_at=at(4, offset_hours=1),
            )
        )
        dropped = old.add_goal(
            Goal(case_id=case.id, text="No date", created_at=at(2), status=GoalStatus.DROPPED)
        )
        visit = old.start_visit(Visit(case_id=case.id, started_at=at(5)))
        assert visit.id is not None and child.id is not None
        old.record_response(
            Response(
                visit_id=visit.id,
                prompt_id=active.rating_prompt_id,
                answered_by=child.id,
                value=4,
                goal_id=active.id,
            )
        )
    as_version(db_path, 1)
    with Store.open(db_path, migrations=V1) as old:
        assert "goal_status_changes" not in _tables(old)
    backups = db_path.parent / "backups"
    assert not backups.exists()

    with Store.open(db_path) as store:
        conn = store._connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION >= 2
        assert "goal_status_changes" in _tables(store)
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(goal_status_changes)")}
        assert "goal_status_changes_by_goal" in indexes
        # Old data intact.
        assert store.get_case(case.id or 0).reference == "OLD-1"
        assert [g.text for g in store.list_goals(case.id or 0)] == [
            "Calmer evenings",
            "Walk to school",
            "No date",
        ]
        [rating] = store.responses_for_case(case.id or 0)
        assert rating.value == 4 and rating.goal_id == active.id
        # Goals already not active say so in their history; active ones have only creation.
        assert store.goal_status_history(active.id or 0) == [(GoalStatus.ACTIVE, at(1), "")]
        assert store.goal_status_history(paused.id or 0) == [
            (GoalStatus.ACTIVE, at(1), ""),
            (GoalStatus.PAUSED, at(4, offset_hours=1), BACKFILL_NOTE),
        ]
        assert store.goal_status_history(dropped.id or 0) == [
            (GoalStatus.ACTIVE, at(2), ""),
            (GoalStatus.DROPPED, at(2), BACKFILL_NOTE),
        ]

    [backup] = list(backups.iterdir())
    assert backup.name.startswith("sessionkit-v1-") and mode(backup) == 0o600
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT reference FROM cases").fetchall() == [("OLD-1",)]
    copy.close()

    # Opening again migrates nothing and takes no second backup.
    Store.open(db_path).close()
    assert len(list(backups.iterdir())) == 1


def test_a_fresh_store_has_the_table_and_no_backup(store: Store, db_path: Path) -> None:
    assert "goal_status_changes" in _tables(store)
    assert not (db_path.parent / "backups").exists()


def test_status_changes_round_trip_oldest_first(store: Store) -> None:
    family = add_family(store)
    goal_id = family.ids[3]
    assert store.goal_status_history(goal_id) == [(GoalStatus.ACTIVE, at(1), "")]

    paused = store.change_goal_status(goal_id, GoalStatus.PAUSED, at(5), "Mum in hospital")
    assert paused.status is GoalStatus.PAUSED and paused.status_changed_at == at(5)
    assert store.get_goal(goal_id) == paused
    store.change_goal_status(goal_id, GoalStatus.ACTIVE, at(12), "Back home")
    done = store.change_goal_status(goal_id, GoalStatus.ACHIEVED, at(20, offset_hours=1))

    assert store.get_goal(goal_id) == done
    assert store.get_goal(goal_id).status_changed_at == at(20, offset_hours=1)
    assert store.goal_status_history(goal_id) == [
        (GoalStatus.ACTIVE, at(1), ""),
        (GoalStatus.PAUSED, at(5), "Mum in hospital"),
        (GoalStatus.ACTIVE, at(12), "Back home"),
        (GoalStatus.ACHIEVED, at(20, offset_hours=1), ""),
    ]
    # The rest of the goal is untouched.
    assert done.text == family.goal.text and done.created_at == family.goal.created_at


def test_history_is_in_time_order_across_offsets(store: Store) -> None:
    goal_id = add_family(store).ids[3]
    # 10:00 at +05:00 is 05:00 UTC: earlier than 09:00 UTC on the same day.
    later = datetime(2026, 3, 6, 9, tzinfo=UTC)
    earlier = datetime(2026, 3, 6, 10, tzinfo=timezone(timedelta(hours=5)))
    store.change_goal_status(goal_id, GoalStatus.ACHIEVED, later)
    store.change_goal_status(goal_id, GoalStatus.PAUSED, earlier)
    statuses = [entry[0] for entry in store.goal_status_history(goal_id)]
    assert statuses[:3] == [GoalStatus.ACTIVE, GoalStatus.PAUSED, GoalStatus.ACHIEVED]


def test_note_is_cleaned_of_control_characters(store: Store) -> None:
    goal_id = add_family(store).ids[3]
    store.change_goal_status(goal_id, GoalStatus.DROPPED, at(6), "Family\x1b[31m moved\x07")
    assert store.goal_status_history(goal_id)[-1] == (GoalStatus.DROPPED, at(6), "Family moved")


def test_missing_goal_changes_nothing(store: Store) -> None:
    add_family(store)
    with pytest.raises(RecordNotFound):
        store.change_goal_status(999, GoalStatus.ACHIEVED, at(6))
    with pytest.raises(RecordNotFound):
        store.goal_status_history(999)
    assert _history_rows(store) == 0


def test_status_and_history_change_together_or_not_at_all(store: Store) -> None:
    goal_id = add_family(store).ids[3]
    store._connection().execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON goal_status_changes "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.Error):
        store.change_goal_status(goal_id, GoalStatus.ACHIEVED, at(6), "done")
    goal = store.get_goal(goal_id)
    assert goal.status is GoalStatus.ACTIVE and goal.status_changed_at is None
    assert _history_rows(store) == 0


def test_status_changed_without_history_still_ends_at_the_current_status(store: Store) -> None:
    family = add_family(store)
    goal = family.goal.model_copy(update={"status": GoalStatus.PAUSED, "status_changed_at": at(7)})
    store.update_goal(goal)
    assert store.goal_status_history(family.ids[3]) == [
        (GoalStatus.ACTIVE, at(1), ""),
        (GoalStatus.PAUSED, at(7), ""),
    ]


def test_delete_case_removes_history(store: Store) -> None:
    keep = add_family(store, "KEEP")
    gone = add_family(store, "GONE")
    store.change_goal_status(keep.ids[3], GoalStatus.PAUSED, at(5))
    store.change_goal_status(gone.ids[3], GoalStatus.PAUSED, at(5))
    store.change_goal_status(gone.ids[3], GoalStatus.ACHIEVED, at(9), "all done")
    assert _history_rows(store) == 3
    store.delete_case(gone.ids[0])
    rows = store._connection().execute("SELECT goal_id FROM goal_status_changes").fetchall()
    assert rows == [(keep.ids[3],)]
    assert len(store.goal_status_history(keep.ids[3])) == 2
