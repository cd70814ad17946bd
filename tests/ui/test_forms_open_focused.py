"""Every form and dialog opens with the focus where typing lands: a text field for a
form that is typed into, the list or choice it asks about, or the button Enter means.
Nothing typed before the first Tab is lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, RadioSet, SelectionList

from sessionkit.locations import Locations
from sessionkit.services.after_visit import NoteToSave
from sessionkit.storage import Store
from sessionkit.ui.screens.answer_form import AnswerFormScreen
from sessionkit.ui.screens.case_form import CaseFormScreen
from sessionkit.ui.screens.choice_answer import ChoiceAnswerScreen
from sessionkit.ui.screens.erasure import ErasurePendingScreen
from sessionkit.ui.screens.form import ConfirmScreen
from sessionkit.ui.screens.goal_form import GoalFormScreen
from sessionkit.ui.screens.goal_status import GoalChooserScreen, GoalStatusScreen
from sessionkit.ui.screens.list_answer import ListAnswerScreen
from sessionkit.ui.screens.member_form import MemberFormScreen
from sessionkit.ui.screens.prompt_picker import PromptPickerScreen
from sessionkit.ui.screens.resume import ResumeScreen
from sessionkit.ui.screens.save_note import SaveNoteScreen
from sessionkit.ui.screens.start_visit import StartVisitScreen
from sessionkit.ui.screens.three_houses import ThreeHousesScreen
from sessionkit.ui.screens.tool_picker import ToolPickerScreen

from .conftest import make_app

SIZE = (110, 36)

Make = Callable[[Any, Store], Screen[Any]]


def _case(store: Store) -> Any:
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    return case


def _goal(store: Store) -> Any:
    return store.list_goals(_case(store).id)[0]


def _members(store: Store) -> Any:
    return store.list_members(_case(store).id)


def _open_visit(store: Store) -> Any:
    from sessionkit.domain import Visit, now

    case = _case(store)
    return store.start_visit(Visit(case_id=case.id, started_at=now(), pack_id="core"))


# (name, how to open it, the field focused, whether typing goes in as text)
FORMS: list[tuple[str, Make, type, str | None]] = [
    ("member", lambda app, s: MemberFormScreen(_case(s).id), Input, "name"),
    ("case", lambda app, s: CaseFormScreen(), Input, "reference"),
    ("new goal", lambda app, s: GoalFormScreen(_case(s).id, _members(s)), Input, "text"),
    (
        "change goal",
        lambda app, s: GoalFormScreen(_case(s).id, _members(s), _goal(s)),
        Input,
        "text",
    ),
    ("goal status", lambda app, s: GoalStatusScreen(_goal(s)), RadioSet, None),
    (
        "goal chooser",
        lambda app, s: GoalChooserScreen("Which goal?", [_goal(s)], {}),
        OptionList,
        None,
    ),
    ("start visit", lambda app, s: StartVisitScreen(_case(s).id, _members(s)), SelectionList, None),
    ("their words", lambda app, s: AnswerFormScreen.said("Sam", needs_number=False), Input, "said"),
    ("as said", lambda app, s: AnswerFormScreen.said("Sam", needs_number=True), Input, "said"),
    ("themes", lambda app, s: AnswerFormScreen.themes([]), Input, "said"),
    ("list", lambda app, s: ListAnswerScreen("Worry bag", "What goes in?"), Input, None),
    (
        "choice",
        lambda app, s: ChoiceAnswerScreen("Sam", "Which?", [("a", "A"), ("b", "B")], False),
        OptionList,
        None,
    ),
    (
        "three houses",
        lambda app, s: ThreeHousesScreen("Maya", [("h.w", "Worries", []), ("h.g", "Good", [])]),
        Input,
        None,
    ),
    (
        "save note",
        lambda app, s: SaveNoteScreen(
            NoteToSave(text="x", about="A note", file_name="note.md"), exports_dir=Path("/tmp")
        ),
        Input,
        "save-note-path",
    ),
    ("tool picker", lambda app, s: ToolPickerScreen(), Input, "picker-search"),
    ("prompt picker", lambda app, s: PromptPickerScreen(), OptionList, "picker-tools"),
    ("erasure", lambda app, s: ErasurePendingScreen(), Button, "finish"),
    ("resume", lambda app, s: ResumeScreen(_open_visit(s)), Button, "resume"),
    ("confirm", lambda app, s: ConfirmScreen("Go?"), Button, "no"),
]


@pytest.mark.parametrize(
    ("make", "kind", "field_id"), [f[1:] for f in FORMS], ids=[f[0] for f in FORMS]
)
async def test_each_form_opens_focused_where_typing_lands(
    demo_store: Store, locations: Locations, make: Make, kind: type, field_id: str | None
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(make(app, demo_store))
        await pilot.pause()
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, kind), type(focused).__name__
        if field_id is not None:
            assert focused.id == field_id
        if isinstance(focused, Button):
            assert focused.variant == "primary"  # Enter does what the dialog shows first


async def test_typing_in_the_new_goal_form_lands_in_the_goal(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the case
        await pilot.pause()
        case = _case(demo_store)
        app.push_screen(GoalFormScreen(case.id, _members(demo_store)))
        await pilot.pause()
        await pilot.press(*"sleep")
        assert app.screen.query_one("#text", Input).value == "sleep"
