"""An erasure that was interrupted is offered at start: Enter finishes it, Escape waits."""

from __future__ import annotations

from pathlib import Path

from erasure_sample import add_full_case, database_files, traces, words
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.storage.backup import backup_database
from sessionkit.storage.erase_journal import journal_path, new_journal, write_journal
from sessionkit.ui.screens.erasure import ErasurePendingScreen

from .conftest import make_app

SIZE = (100, 30)
KEEP = "Bramwell"
GONE = "Zorvex"


def interrupted(store: Store, locations: Locations) -> None:
    """The state a purge killed after deleting from the database leaves: the journal
    written, the case gone from the database, the backup still holding it."""
    add_full_case(store, KEEP)
    gone = add_full_case(store, GONE)
    backup_database(store._connection(), locations.backups_dir, 1)
    key = (
        store._connection()
        .execute("SELECT reference_key FROM cases WHERE id = ?", (gone,))
        .fetchone()[0]
    )
    write_journal(journal_path(store.path), new_journal([(gone, key)]))
    store._connection().execute("DELETE FROM cases WHERE id = ?", (gone,))


def files(locations: Locations) -> list[Path]:
    return database_files(locations.database)


async def test_an_interrupted_erasure_is_finished_with_enter(
    store: Store, locations: Locations
) -> None:
    interrupted(store, locations)
    assert traces(files(locations), GONE) != []
    app = make_app(store, locations)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErasurePendingScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ErasurePendingScreen)
        said = [n.message for n in app._notifications]
        assert any(m.startswith("The interrupted erasure is finished") for m in said), said
    assert not journal_path(locations.database).exists()
    assert [c.reference for c in store.list_cases()] == [words(KEEP)["Reference"]]
    assert traces(files(locations), GONE) == []


async def test_escape_leaves_the_erasure_for_later(store: Store, locations: Locations) -> None:
    interrupted(store, locations)
    app = make_app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErasurePendingScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ErasurePendingScreen)
    assert journal_path(locations.database).exists()
    assert traces(files(locations), GONE) != []


async def test_no_offer_without_an_interrupted_erasure(store: Store, locations: Locations) -> None:
    add_full_case(store, KEEP)
    app = make_app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, ErasurePendingScreen)
