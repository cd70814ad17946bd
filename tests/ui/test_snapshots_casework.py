"""How closing a case and removing a person look: the close form over the case, and the
question asked before a person is removed. The family is made here with fixed dates, so
only a change to these dialogs changes the picture."""

from __future__ import annotations

from datetime import date
from typing import Any

from sessionkit.domain import CareStatus, Case, Member, Role
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.case import CaseScreen

from .conftest import make_app

SIZE = (110, 34)


def _family(store: Store) -> int:
    case = store.add_case(
        Case(reference="AB-12", opened_on=date(2026, 10, 1), care_status={CareStatus.CHILD_IN_NEED})
    )
    assert case.id is not None
    store.add_member(Member(case_id=case.id, name="Maya", role=Role.CHILD, age=9))
    store.change_care_status(case.id, frozenset({CareStatus.IN_CARE}), date(2026, 11, 2), "review")
    return case.id


def _app(store: Store, locations: Locations) -> Any:
    return make_app(store, locations, check_unfinished=False)


def test_close_case_form(snap_compare: Any, store: Store, locations: Locations, theme: str) -> None:
    case_id = _family(store)

    async def close(pilot: Any) -> None:
        await pilot.app.push_screen(CaseScreen(case_id))
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()

    assert snap_compare(_app(store, locations), run_before=close, terminal_size=SIZE)


def test_remove_person_question(
    snap_compare: Any, store: Store, locations: Locations, theme: str
) -> None:
    case_id = _family(store)

    async def remove(pilot: Any) -> None:
        await pilot.app.push_screen(CaseScreen(case_id))
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(_app(store, locations), run_before=remove, terminal_size=SIZE)
