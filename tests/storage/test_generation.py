"""`Store.generation()` changes with every write, and `Store.open_reader` only reads.

Something worked out from the data (a family's movement) is reused only while the
generation is the same, so every way of writing must change it, and reading must not.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from sessionkit.domain import Case
from sessionkit.storage import Store, StoreNotWritable

from .conftest import add_family, answer, digest


def test_reading_leaves_it_as_it_was(store: Store) -> None:
    family = add_family(store)
    case_id = family.ids[0]
    before = store.generation()
    store.get_case(case_id)
    store.list_members(case_id, include_inactive=True)
    store.answers_for_case(case_id)
    store.responses_for_case(case_id)
    with store.snapshot():
        store.list_visits(case_id)
    store.checkpoint()
    assert store.generation() == before


def test_each_write_through_the_store_changes_it(store: Store) -> None:
    family = add_family(store)
    case_id, child, _, _, visit_id = family.ids
    seen = {store.generation()}

    recorded = store.record_response(answer(visit_id, child, 4))
    seen.add(store.generation())
    store.update_response(recorded.model_copy(update={"value": 5.0}))
    seen.add(store.generation())
    assert recorded.id is not None
    store.delete_response(recorded.id)
    seen.add(store.generation())
    store.update_case(family.case.model_copy(update={"summary": "Moved house"}))
    seen.add(store.generation())
    with store.batch() as batch:
        batch.add_case(Case(reference="CD-2"))
    seen.add(store.generation())
    store.delete_case(case_id)
    seen.add(store.generation())
    assert len(seen) == 7


def test_a_commit_by_another_connection_changes_it(store: Store, db_path: Path) -> None:
    family = add_family(store)
    _, child, _, _, visit_id = family.ids
    before = store.generation()
    with Store.open(db_path) as other:
        other.record_response(answer(visit_id, child, 7))
    assert store.generation() != before


def test_inside_a_transaction_it_equals_no_other_value(store: Store) -> None:
    add_family(store)
    outside = store.generation()
    with store.snapshot():
        first, second = store.generation(), store.generation()
    assert len({outside, first, second}) == 3
    assert store.generation() == outside


def test_a_reader_in_another_thread_reads_and_never_writes(store: Store, db_path: Path) -> None:
    family = add_family(store)
    case_id, child, _, _, visit_id = family.ids
    store.record_response(answer(visit_id, child, 6))
    expected = store.answers_for_case(case_id)
    store.checkpoint()
    before = digest(db_path)
    found: dict[str, object] = {}

    def read() -> None:
        with Store.open_reader(db_path) as reader:
            found["answers"] = reader.answers_for_case(case_id)
            try:
                reader.add_case(Case(reference="EF-3"))
            except StoreNotWritable as error:
                found["refused"] = error

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    assert found["answers"] == expected
    assert isinstance(found.get("refused"), StoreNotWritable)
    assert store.find_case("EF-3") is None
    assert digest(db_path) == before


def test_a_reader_needs_an_existing_database(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    with pytest.raises(StoreNotWritable):
        Store.open_reader(missing)
    assert not missing.exists()
