"""How the dialog that saves a case note to a file looks.

Drawn in the default theme and in high contrast, the theme written to the settings file
before the app starts, as a user would choose it. The family is made here rather than
taken from the demo, and the exports folder has a fixed path, so that only a change to
the dialog (not to the demo's data) changes the picture.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from textual.widgets import Input

from sessionkit.domain import Case, Member, Role, Visit
from sessionkit.locations import Locations
from sessionkit.services.after_visit import note_of_visit
from sessionkit.storage import Store
from sessionkit.ui.screens.save_note import SaveNoteScreen

from .conftest import make_app

SIZE = (110, 34)
EXPORTS = Path("/home/you/.local/share/sessionkit/exports")


def _one_visit(store: Store) -> int:
    """A family of one, with one finished visit on a fixed date."""
    case = store.add_case(Case(reference="AB-12", opened_on=date(2026, 10, 1)))
    assert case.id is not None
    child = store.add_member(Member(case_id=case.id, name="Maya", role=Role.CHILD, age=9))
    assert child.id is not None
    started = datetime(2026, 11, 2, 16, 0).astimezone()
    visit = store.start_visit(
        Visit(case_id=case.id, started_at=started, present_member_ids=[child.id])
    )
    assert visit.id is not None
    store.finish_visit(visit.id, datetime(2026, 11, 2, 17, 0).astimezone())
    return visit.id


def test_save_note(snap_compare: Any, store: Store, locations: Locations, theme: str) -> None:
    visit_id = _one_visit(store)

    async def open_dialog(pilot: Any) -> None:
        note = note_of_visit(pilot.app.store, pilot.app.pack, visit_id)
        await pilot.app.push_screen(SaveNoteScreen(note, exports_dir=EXPORTS))
        await pilot.pause()
        # A blinking cursor would be caught at a different phase on each run.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    app = make_app(store, locations, check_unfinished=False)
    assert app.theme == theme
    assert snap_compare(app, run_before=open_dialog, terminal_size=SIZE)
