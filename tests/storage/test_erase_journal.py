"""The erasure journal: private, without the words it erases, and safe to finish twice."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from erasure_sample import add_full_case, traces, words
from sessionkit.storage import Store
from sessionkit.storage.backup import backup_database
from sessionkit.storage.codec import reference_key
from sessionkit.storage.erase import case_by_reference, finish_pending, purge
from sessionkit.storage.erase_journal import (
    JournalDamaged,
    journal_path,
    new_journal,
    read_journal,
    write_journal,
)

KEEP = "Bramwell"
GONE = "Zorvex"
LATER = "Quillon"


def ref(tag: str) -> str:
    return words(tag)["Reference"]


def test_the_journal_is_private_and_keeps_no_reference(tmp_path: Path) -> None:
    path = tmp_path / "erasure-pending.json"
    journal = new_journal([(7, reference_key(ref(GONE)))])
    write_journal(path, journal)
    assert read_journal(path) == journal
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    assert traces([path], GONE) == []
    assert journal.holds(7, reference_key(ref(GONE)))
    assert not journal.holds(7, reference_key(ref(KEEP)))
    assert journal.names(reference_key(ref(GONE).upper()))


def test_a_pending_journal_gains_cases_under_the_same_salt(tmp_path: Path) -> None:
    first = new_journal([(1, "a")])
    both = new_journal([(2, "b")], first)
    assert both.salt == first.salt
    assert both.holds(1, "a") and both.holds(2, "b")


@pytest.mark.parametrize("content", [b"", b"{", b'{"salt": "zz", "cases": []}', b"[]"])
def test_a_damaged_journal_is_one_line_naming_no_case(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "erasure-pending.json"
    path.write_bytes(content)
    with pytest.raises(JournalDamaged) as caught:
        read_journal(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)


def test_finishing_never_erases_a_later_case_under_a_reused_id(tmp_path: Path) -> None:
    """A backup row with the journal's id but another reference is another family's."""
    db = tmp_path / "sessionkit.db"
    with Store.open(db) as store:
        add_full_case(store, KEEP)
        gone = add_full_case(store, GONE)
        key = reference_key(ref(GONE))
        write_journal(journal_path(db), new_journal([(gone, key)]))
        # The erased case's id is free again, and a new case takes it.
        store._connection().execute("DELETE FROM cases WHERE id = ?", (gone,))
        later = add_full_case(store, LATER)
        assert later == gone
        backup_database(store._connection(), tmp_path / "backups", 1)

        report = finish_pending(store)

        assert report is not None and report.complete and report.backups_rewritten == ()
        assert case_by_reference(store, ref(LATER)) is not None
    assert not journal_path(db).exists()
    backup = next((tmp_path / "backups").iterdir())
    with closing(sqlite3.connect(backup)) as conn:
        kept = {r for (r,) in conn.execute("SELECT reference FROM cases")}
    assert kept == {ref(KEEP), ref(LATER)}


def test_a_finished_purge_leaves_no_journal(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.db"
    with Store.open(db) as store:
        add_full_case(store, KEEP)
        add_full_case(store, GONE)
        found = case_by_reference(store, ref(GONE))
        assert found is not None
        assert purge(store, [found]).complete
        assert finish_pending(store) is None
    assert not journal_path(db).exists()
