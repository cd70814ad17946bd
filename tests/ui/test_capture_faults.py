"""A visit while the store cannot be written: another program holds the lock, or the disk
is full. Every recording key says in one line what did not happen, the app keeps running,
the screen shows what is really stored, no notification of an error carries a family's
words, and once the fault clears the same key works."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from tests.faults import disk_full, locked
from textual.widgets import DataTable, Input, Static

from sessionkit.domain import ChangeTalk, Response
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.after_visit import AfterVisitScreen
from sessionkit.ui.screens.answer_form import AnswerFormScreen
from sessionkit.ui.screens.capture import CaptureScreen

from .conftest import make_app

SIZE = (110, 36)
FAULTS = [pytest.param(locked, id="locked"), pytest.param(disk_full, id="disk-full")]
Fault = Callable[[Store], AbstractContextManager[None]]

# Words that are the family's: none may appear in a notification of an error.
THEMES = "bedtime, the bus"
EDITED = "8 said quietly"


def _status(screen: CaptureScreen) -> str:
    return str(screen.query_one("#status", Static).render())


def _row(screen: CaptureScreen) -> list[str]:
    table = screen.query_one("#answers", DataTable)
    return [str(c) for c in table.get_row_at(screen.session.person_index)]


def _stored(store: Store, screen: CaptureScreen) -> list[Response]:
    return store.list_responses(screen.visit_id)


class Recorder:
    """Every notification the app shows, kept as it was asked for."""

    def __init__(self, app: Any) -> None:
        self.errors: list[str] = []
        original = app.notify

        def notify(message: str, *args: Any, **kwargs: Any) -> None:
            if kwargs.get("severity") == "error":
                self.errors.append(f"{kwargs.get('title', '')} {message}")
            original(message, *args, **kwargs)

        app.notify = notify


async def _form(pilot: Any, key: str, text: str) -> None:
    """Open a one-line form with `key`, type `text` over what it holds, and send it."""
    await pilot.press(key)
    assert isinstance(pilot.app.screen, AnswerFormScreen)
    pilot.app.screen.query_one("#said", Input).value = text
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("fault", FAULTS)
async def test_every_recording_key_survives_a_store_that_cannot_be_written(
    demo_store: Store, locations: Locations, fault: Fault
) -> None:
    store = demo_store
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        notes = Recorder(app)
        await pilot.press("enter", "v", "ctrl+s")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        await pilot.press("7")
        await pilot.pause()
        (seven,) = _stored(store, screen)
        family_words = {m.name for m in screen.session.members.values()}
        family_words |= {"bedtime", "the bus", "quietly", screen.session.case.reference}

        async def refused(keys: tuple[str, ...], not_done: str) -> None:
            with fault(store):
                if keys[0] in ("number_sign", "e"):
                    await _form(pilot, keys[0], THEMES if keys[0] == "number_sign" else EDITED)
                else:
                    await pilot.press(*keys)
                    await pilot.pause()
            assert app.is_running and app.screen is screen, keys
            status = _status(screen)
            assert status.startswith(f"{not_done}: ") and "\n" not in status, (keys, status)
            assert _stored(store, screen) == [seven], keys  # nothing changed on disk
            assert _row(screen)[1:4] == ["7", "", ""], keys  # and the screen says so

        await refused(("3",), "Not recorded")
        await refused(("d",), "Not changed")
        await refused(("exclamation_mark",), "Not changed")
        await refused(("number_sign",), "Not changed")
        await refused(("e",), "Not changed")
        await refused(("u",), "Not undone")
        await refused(("f", "y"), "Visit not finished")
        assert not store.get_visit(screen.visit_id).is_finished

        assert len(notes.errors) == 7
        for line in notes.errors:
            assert not any(word in line for word in family_words), line

        # The fault has cleared: the same keys do what they say.
        await pilot.press("d", "exclamation_mark")
        await _form(pilot, "number_sign", THEMES)
        await _form(pilot, "e", EDITED)
        (tagged,) = _stored(store, screen)
        assert tagged.change_talk == {ChangeTalk.DESIRE} and tagged.worry
        assert tagged.tags == ["bedtime", "the bus"]
        assert (tagged.value, tagged.text) == (8, EDITED)
        assert _row(screen)[1] == "8"
        await pilot.press("3")
        await pilot.pause()
        assert [r.value for r in _stored(store, screen)] == [8, 3]
        await pilot.press("u")
        await pilot.pause()
        assert _status(screen).startswith("Undone: ")
        assert [r.value for r in _stored(store, screen)] == [8]
        await pilot.press("f", "y")
        await pilot.pause()
        assert isinstance(app.screen, AfterVisitScreen)
        assert store.get_visit(screen.visit_id).is_finished


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_visit_that_cannot_start_keeps_the_form_open(
    demo_store: Store, locations: Locations, fault: Fault
) -> None:
    from sessionkit.ui.screens.start_visit import StartVisitScreen

    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "v")
        form = app.screen
        assert isinstance(form, StartVisitScreen)
        case_id = form._case_id
        before = len(demo_store.list_visits(case_id))
        with fault(demo_store):
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.screen is form
        error = str(form.query_one("#form-error", Static).render())
        assert error.startswith("Visit not started: ")
        assert len(demo_store.list_visits(case_id)) == before
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert len(demo_store.list_visits(case_id)) == before + 1
