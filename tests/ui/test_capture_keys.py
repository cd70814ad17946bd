"""Typing in the room never turns into commands: W always opens the words box, and every
key of the capture screen, on every kind of question, does something or says why not."""

from __future__ import annotations

from typing import Any

import pytest
from textual.binding import Binding
from textual.widgets import Input, Static

from sessionkit.domain import PromptKind
from sessionkit.locations import Locations
from sessionkit.services.capture_keys import NOT_A_KEY
from sessionkit.storage import Store
from sessionkit.ui.screens.answer_form import AnswerFormScreen
from sessionkit.ui.screens.capture import CaptureScreen

from .conftest import make_app

SIZE = (110, 36)
SENTINEL = "(nothing said yet)"
KINDS = ["scale", "goal rating", "goal level", "three houses", "list", "choice", "text"]


def _prompt_of(app: Any, kind: str) -> str:
    """A prompt id of the pack for each kind of question not tied to a goal."""
    prompts = [(tool, p) for tool in app.pack.tools for p in tool.prompts]
    if kind == "three houses":
        return next(p.id for t, p in prompts if t.group == "three-houses")
    wanted = {"list": PromptKind.LIST, "choice": PromptKind.CHOICE, "text": PromptKind.TEXT}
    return next(p.id for t, p in prompts if p.kind is wanted[kind] and t.group != "three-houses")


async def _visit(app: Any, pilot: Any) -> CaptureScreen:
    await pilot.press("enter", "v", "ctrl+s")
    screen = app.screen
    assert isinstance(screen, CaptureScreen)
    return screen


def _go_to(app: Any, screen: CaptureScreen, kind: str) -> None:
    session = screen.session
    if kind == "scale":
        index = next(i for i, q in enumerate(session.questions) if q.goal_id is None)
    elif kind == "goal rating":
        index = next(
            i for i, q in enumerate(session.questions) if q.goal_id is not None and not q.is_gas
        )
    elif kind == "goal level":
        index = next(i for i, q in enumerate(session.questions) if q.is_gas)
    else:
        found = session.add_question(_prompt_of(app, kind))
        assert found is not None
        index = found
    session.select_question(index)
    screen.refresh_view()


def _status(screen: CaptureScreen) -> str:
    return str(screen.query_one("#status", Static).render())


def _state(app: Any, screen: CaptureScreen) -> tuple[object, ...]:
    session = screen.session
    return (
        _status(screen),
        app.screen is screen,
        [r.model_dump() for r in app.store.list_responses(screen.visit_id)],
        session.question_index,
        session.person_index,
        dict(session.on_behalf),
        screen.query_one("#agenda").display,
    )


def _keys() -> list[str]:
    """Every key the capture screen binds (Escape leaves it), and the digits 1-9."""
    keys = [
        key.strip()
        for binding in CaptureScreen.BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    ]
    return [k for k in keys if k != "escape"] + list("123456789")


async def _back_to(pilot: Any, app: Any, screen: CaptureScreen) -> None:
    for _ in range(4):
        if app.screen is screen:
            return
        await pilot.press("escape")
        await pilot.pause()
    assert app.screen is screen


@pytest.mark.parametrize("kind", KINDS)
async def test_every_key_on_every_question_does_something_or_says_why(
    demo_store: Store, locations: Locations, kind: str
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        silent = []
        for key in _keys():
            _go_to(app, screen, kind)
            screen.set_status(SENTINEL)
            before = _state(app, screen)
            await pilot.press(key)
            await pilot.pause()
            if _state(app, screen) == before:
                silent.append(key)
            await _back_to(pilot, app, screen)
        assert silent == []


@pytest.mark.parametrize("kind", KINDS)
async def test_w_always_opens_the_words_box_and_the_words_are_kept(
    demo_store: Store, locations: Locations, kind: str
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        _go_to(app, screen, kind)
        question = screen.question
        assert question is not None
        # A digit first, as typed without looking, then W: the box still opens.
        await pilot.press("6", "w")
        await pilot.pause()
        assert isinstance(app.screen, AnswerFormScreen)
        await pilot.press(*"kN o")  # would move, switch to Nan and open a box, outside it
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        said = [
            r
            for r in demo_store.list_responses(screen.visit_id)
            if r.prompt_id == question.prompt_id
        ]
        assert said[-1].text.endswith("kN o")
        assert screen.question is question


async def test_a_letter_that_is_no_key_says_so(demo_store: Store, locations: Locations) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        taken = set(screen.session.keys)
        for key in ["l", "m", "q", "x", "y", "z", "comma", "full_stop"] + [
            c for c in "QXZ" if c not in taken
        ]:
            screen.set_status(SENTINEL)
            await pilot.press(key)
            await pilot.pause()
            assert (key, _status(screen)) == (key, NOT_A_KEY)
        assert demo_store.list_responses(screen.visit_id) == []


@pytest.mark.parametrize(
    ("kind", "key", "said"),
    [
        ("list", "o", "O types a number as said, for a 0-10 scale: press W for their words."),
        ("choice", "3", "Digits record a 0-10 scale"),
        ("three houses", "space", "The family view is for 0-10 scales"),
        ("scale", "enter", "A 0-10 scale: press the number"),
        ("goal level", "o", "A goal's level is chosen with Enter"),
    ],
)
async def test_a_key_that_does_nothing_here_says_why_instead_of_doing_something_else(
    demo_store: Store, locations: Locations, kind: str, key: str, said: str
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        _go_to(app, screen, kind)
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is screen
        assert _status(screen).startswith(said)
        assert demo_store.list_responses(screen.visit_id) == []


async def test_a_finished_visit_says_it_is_read_only(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        await pilot.press("4")
        screen.session.finish()
        screen.refresh_view()
        for key in ["5", "w", "u", "exclamation_mark"]:
            screen.set_status(SENTINEL)
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen
            assert _status(screen) == "This visit is finished: it is read here, not changed."
        assert [r.value for r in demo_store.list_responses(screen.visit_id)] == [4]


async def test_words_typed_into_the_box_on_a_list_are_not_a_number(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        _go_to(app, screen, "list")
        await pilot.press("w")
        app.screen.query_one("#said", Input).value = "2 things, she said"
        await pilot.press("enter")
        await pilot.pause()
        (said,) = demo_store.list_responses(screen.visit_id)
        assert (said.value, said.text) == (None, "2 things, she said")


async def test_shift_w_opens_the_words_box_too(demo_store: Store, locations: Locations) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        assert "W" not in screen.session.keys
        _go_to(app, screen, "goal level")
        await pilot.press("6", "W")
        await pilot.pause()
        assert isinstance(app.screen, AnswerFormScreen)
