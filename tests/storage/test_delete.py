"""Deleting a case takes everything under it, and its words leave the files."""

from __future__ import annotations

from pathlib import Path

from sessionkit.domain import Visit, VisitPlan
from sessionkit.storage import Store

from .conftest import add_family, answer, at

TABLES = ("cases", "members", "goals", "plans", "visits", "responses")


def _counts(store: Store) -> dict[str, int]:
    conn = store._connection()
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _fill(store: Store, reference: str, secret: str) -> int:
    family = add_family(store, reference)
    case_id, child_id, parent_id, goal_id, visit_id = family.ids
    plan = store.save_plan(VisitPlan(case_id=case_id, goal_ids=[goal_id], follow_ups=[secret]))
    store.start_visit(Visit(case_id=case_id, plan_id=plan.id, started_at=at(5)))
    store.save_plan(VisitPlan(case_id=case_id, change_looks_like=secret))
    for n in range(30):
        store.record_response(
            answer(visit_id, child_id, n % 11, text=f"{secret} {n}", on_behalf_of=parent_id)
        )
    store.record_response(answer(visit_id, parent_id, 3, goal_id=goal_id))
    return case_id


def test_delete_case_removes_every_row_under_it(store: Store) -> None:
    keep = _fill(store, "keep", "kept words")
    before = _counts(store)
    gone = _fill(store, "gone", "gone words")
    store.delete_case(gone)
    assert _counts(store) == before
    assert [s.case_id for s in store.list_cases()] == [keep]
    assert len(store.responses_for_case(keep)) == 31
    store.delete_case(gone)  # deleting twice is harmless


def test_deleted_words_are_not_left_in_the_files(db_path: Path) -> None:
    secret = "Zanzibar-lighthouse-4471"
    with Store.open(db_path) as store:
        _fill(store, "keep", "kept words")
        gone = _fill(store, "gone", secret)
        store.checkpoint()
        assert secret.encode() in db_path.read_bytes()
        store.delete_case(gone)
        wal = db_path.with_name(db_path.name + "-wal")
        for path in (db_path, wal):
            if path.exists():
                assert secret.encode() not in path.read_bytes(), path.name
        assert b"kept words" in db_path.read_bytes()
