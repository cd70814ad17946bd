"""Two sessionkits on one file: WAL and the busy timeout keep both correct."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

import sessionkit
from sessionkit.domain import Case
from sessionkit.storage import Store, StoreLocked

from .conftest import add_family, answer


def test_a_write_blocked_past_the_timeout_is_store_locked(db_path: Path) -> None:
    with Store.open(db_path, busy_timeout_ms=50) as store:
        family = add_family(store)
        _, child_id, _, _, visit_id = family.ids
        with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            other.execute(
                "INSERT INTO cases (reference, reference_key, opened_on) "
                "VALUES ('theirs', 'theirs', '2026-01-01')"
            )
            started = time.perf_counter()
            with pytest.raises(StoreLocked) as caught:
                store.record_response(answer(visit_id, child_id, 5))
            assert time.perf_counter() - started < 1.5
            message = str(caught.value)
            assert "another sessionkit is writing; close it and try again" in message
            assert str(db_path) in message
            # Reading still works while the other one writes (WAL).
            assert [s.reference for s in store.list_cases()] == ["AB-1"]
            other.execute("COMMIT")
        # The other transaction is intact, ours left nothing half-done, and we can go on.
        assert [s.reference for s in store.list_cases()] == ["AB-1", "theirs"]
        assert store.list_responses(visit_id) == []
        store.record_response(answer(visit_id, child_id, 5))
        assert len(store.list_responses(visit_id)) == 1


def test_open_while_another_writes(db_path: Path) -> None:
    Store.open(db_path).close()
    with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        with Store.open(db_path, busy_timeout_ms=50) as store:
            assert store.list_cases() == []
        other.execute("ROLLBACK")


def test_two_stores_writing_alternately_see_each_other(db_path: Path) -> None:
    with Store.open(db_path) as first, Store.open(db_path) as second:
        family = add_family(first)
        _, child_id, parent_id, _, visit_id = family.ids
        for n in range(10):
            writer, member = (first, child_id) if n % 2 == 0 else (second, parent_id)
            writer.record_response(answer(visit_id, member, n))
            reader = second if writer is first else first
            assert [r.value for r in reader.list_responses(visit_id)] == list(range(n + 1))
        second.add_case(Case(reference="from-second"))
        assert first.find_case("FROM-SECOND") is not None


_WRITER = """
import sys
from pathlib import Path
from sessionkit.storage import Store
from sessionkit.domain import Response
path, visit_id, member_id, count = Path(sys.argv[1]), *map(int, sys.argv[2:5])
with Store.open(path) as store:
    for n in range(count):
        store.record_response(Response(
            visit_id=visit_id, prompt_id="scaling.worry", answered_by=member_id, value=n
        ))
"""


def test_two_processes_writing_at_once(db_path: Path) -> None:
    with Store.open(db_path) as store:
        family = add_family(store)
        _, child_id, parent_id, _, visit_id = family.ids
    count = 150
    src = str(Path(sessionkit.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(db_path), str(visit_id), str(member), str(count)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for member in (child_id, parent_id)
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=60)
        assert writer.returncode == 0, errors
    with Store.open(db_path) as store:
        responses = store.list_responses(visit_id)
        assert len(responses) == 2 * count
        for member in (child_id, parent_id):
            mine = [r.value for r in responses if r.answered_by == member]
            assert mine == [float(n) for n in range(count)]
        conn = store._connection()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
