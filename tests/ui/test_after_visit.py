"""Straight after a visit, driven by keys on the demo family, asserting on what was stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from sessionkit.domain import EntryMode, Response, Role, Visit
from sessionkit.locations import Locations
from sessionkit.storage import Store, StoreError
from sessionkit.ui.screens.after_visit import AfterVisitScreen
from sessionkit.ui.screens.form import ConfirmScreen
from sessionkit.ui.screens.home import HomeScreen
from sessionkit.ui.widgets.clean_fields import CleanTextArea
from sessionkit.ui.widgets.relationship_row import AnswerRow

from .conftest import make_app

SIZE = (110, 34)
STARTED = datetime(2026, 11, 2, 16, 0).astimezone()
ENDED = datetime(2026, 11, 2, 17, 0).astimezone()

HOSTILE = (
    "[@click=app.quit]quit[/] [b]x[/i] [link=https://example.invalid]x[/link] "
    "\x1b]0;pwned\x07title \x1b]52;c;c2VjcmV0\x07clip \x1b[2J\x1b[Hclear \u202eevil\u202c \x9b31mC1"
)
HOSTILE_CLEAN = (
    "[@click=app.quit]quit[/] [b]x[/i] [link=https://example.invalid]x[/link] "
    "title clip clear evil C1"
)


def people(store: Store) -> dict[str, int]:
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    return {m.name: m.id for m in store.list_members(case.id) if m.id is not None}


def finished_visit(store: Store, *, entry: EntryMode = EntryMode.LIVE) -> int:
    """A sixth visit to the demo family, everyone there, finished an hour later."""
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    visit = store.start_visit(
        Visit(
            case_id=case.id,
            started_at=STARTED,
            present_member_ids=list(people(store).values()),
            pack_id="core",
            pack_version="1.0.0",
            entry=entry,
        )
    )
    assert visit.id is not None
    store.finish_visit(visit.id, ENDED)
    return visit.id


def record_safety(store: Store, visit_id: int, who: int, value: float, text: str = "") -> None:
    store.record_response(
        Response(
            visit_id=visit_id,
            prompt_id="scaling.safety",
            tool_id="scaling",
            pack_id="core",
            pack_version="1.0.0",
            wording="On a scale from 0 to 10, how safe do you feel at home right now?",
            answered_by=who,
            value=value,
            scale_min=0,
            scale_max=10,
            text=text,
            said_at=STARTED,
        )
    )


def relationship(store: Store, visit_id: int) -> list[Response]:
    return [r for r in store.list_responses(visit_id) if r.tool_id == "relationship-check"]


def row(
    screen: Any, prompt_id: str, answered_by: int, on_behalf_of: int | None = None
) -> AnswerRow:
    for found in screen.query(AnswerRow):
        p = found.perspective
        if (found.prompt.id, p.answered_by, p.on_behalf_of) == (
            prompt_id,
            answered_by,
            on_behalf_of,
        ):
            return found  # type: ignore[no-any-return]
    raise AssertionError(f"no row for {prompt_id} {answered_by} {on_behalf_of}")


def state(answer: AnswerRow) -> str:
    return str(answer.query_one(".rc-state").render())


def area(screen: Any, widget_id: str) -> CleanTextArea:
    return screen.query_one(f"#{widget_id}", CleanTextArea)  # type: ignore[no-any-return]


async def open_screen(app: Any, pilot: Any, visit_id: int) -> AfterVisitScreen:
    await app.push_screen(AfterVisitScreen(visit_id))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, AfterVisitScreen)
    return screen


async def test_relationship_check_answers_are_recorded_for_each_person(
    demo_store: Store, locations: Locations
) -> None:
    ids = people(demo_store)
    visit_id = finished_visit(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        # The family answers; the practitioner does not. Leo answers through Maya, as
        # he does on every demo visit.
        rows = [
            (r.perspective.answered_by, r.perspective.on_behalf_of) for r in screen.query(AnswerRow)
        ]
        assert rows[:3] == [(ids["Maya"], None), (ids["Maya"], ids["Leo"]), (ids["Sam"], None)]
        assert all(answered_by != ids["You (practitioner)"] for answered_by, _ in rows)
        # Focus starts on Maya's first answer; Enter records it and moves on.
        await pilot.press("8", "enter", "6", "enter", "1", "2", "enter")
        await pilot.press("9", "enter")  # Maya: how useful the visit was
        assert state(row(screen, "relationship.listened", ids["Maya"])) == "Recorded 8"
        assert state(row(screen, "relationship.listened", ids["Sam"])) == (
            "Recorded 12 (off the scale)"
        )
    stored = relationship(demo_store, visit_id)
    got = {(r.prompt_id, r.answered_by, r.on_behalf_of, r.value) for r in stored}
    assert got == {
        ("relationship.listened", ids["Maya"], None, 8),
        ("relationship.listened", ids["Maya"], ids["Leo"], 6),
        ("relationship.listened", ids["Sam"], None, 12),
        ("relationship.useful", ids["Maya"], None, 9),
    }
    by_who = {(r.prompt_id, r.answered_by, r.on_behalf_of): r for r in stored}
    maya = by_who[("relationship.listened", ids["Maya"], None)]
    sam = by_who[("relationship.listened", ids["Sam"], None)]
    assert maya.wording == "Did you feel I listened to you today?"  # Maya is 9
    assert sam.wording == "How much did you feel listened to today?"
    assert sam.off_scale  # kept as said, not corrected
    for r in stored:
        assert (r.pack_id, r.pack_version) == ("core", "1.0.0")
        assert (r.scale_min, r.scale_max) == (0, 10)
        assert r.entry is EntryMode.LIVE


async def test_their_own_words_are_recorded(demo_store: Store, locations: Locations) -> None:
    ids = people(demo_store)
    visit_id = finished_visit(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        words = row(screen, "relationship.do-differently", ids["Sam"])
        words.field.focus()
        words.field.value = "Come after school, not before."
        await pilot.press("enter")
        assert state(words) == "Recorded"
    [said] = relationship(demo_store, visit_id)
    assert (said.prompt_id, said.answered_by, said.value) == (
        "relationship.do-differently",
        ids["Sam"],
        None,
    )
    assert said.text == "Come after school, not before."
    assert said.wording == "Is there anything you'd like me to do differently next time?"


async def test_an_answer_shows_as_recorded_only_once_it_is_stored(
    demo_store: Store, locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = people(demo_store)
    visit_id = finished_visit(demo_store)

    def broken(response: Response) -> Response:
        raise StoreError(demo_store.path, "The disk is full.")

    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        monkeypatch.setattr(demo_store, "record_response", broken)
        await pilot.press("7", "enter")
        maya = row(screen, "relationship.listened", ids["Maya"])
        assert state(maya) == "NOT recorded"
        assert "The disk is full." in str(screen.query_one("#status").render())
        assert app.focused is maya.field  # stays, with the 7 still typed
        monkeypatch.undo()
        await pilot.press("enter")
        assert state(maya) == "Recorded 7"
    assert [r.value for r in relationship(demo_store, visit_id)] == [7]


async def test_recorded_answers_show_and_can_be_changed_or_removed(
    demo_store: Store, locations: Locations
) -> None:
    ids = people(demo_store)
    visit_id = finished_visit(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(app, pilot, visit_id)
        await pilot.press("7", "enter")
    [first] = relationship(demo_store, visit_id)

    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        maya = row(screen, "relationship.listened", ids["Maya"])
        assert maya.field.value == "7"
        assert state(maya) == "Recorded 7"
        await pilot.press("backspace", "5", "enter")
        assert state(maya) == "Recorded 5"
    [changed] = relationship(demo_store, visit_id)
    assert changed.id == first.id and changed.value == 5 and changed.edited_at is not None

    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        maya = row(screen, "relationship.listened", ids["Maya"])
        await pilot.press("backspace", "tab")
        # Emptied and left: still recorded. Enter on the empty field removes it.
        assert relationship(demo_store, visit_id)
        maya.field.focus()
        await pilot.press("enter")
        assert state(maya) == "Removed"
    assert relationship(demo_store, visit_id) == []


async def test_reflection_is_saved_as_typed_and_survives_a_restart(
    demo_store: Store, locations: Locations
) -> None:
    visit_id = finished_visit(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        await pilot.press("8", "enter")
        await pilot.press("f4")
        assert app.focused is area(screen, "what-worked")
        await pilot.press(*"Faces")
        area(screen, "what-worked").insert(" scale: Leo pointed straight away.")
        area(screen, "what-did-not").insert("Ran over time.")
        area(screen, "try-next-time").insert("Ask Maya what makes it 8 and not 7.")
        await pilot.pause(0.7)  # the save waits for typing to stop
        reflection = demo_store.get_visit(visit_id).reflection
        assert reflection is not None
        assert reflection.what_worked == "Faces scale: Leo pointed straight away."
        assert reflection.what_did_not == "Ran over time."
        assert reflection.try_next_time == "Ask Maya what makes it 8 and not 7."
        area(screen, "what-did-not").insert(" Leo was tired.")
    # Quit straight after typing, before the pause: nothing typed is lost.
    saved = demo_store.get_visit(visit_id)
    assert saved.reflection is not None
    assert saved.reflection.what_did_not == "Ran over time. Leo was tired."
    note = saved.case_note
    assert "> Faces scale: Leo pointed straight away." in note
    assert "Feeling listened to: Maya said 8 out of 10." in note

    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        assert area(screen, "what-worked").text == "Faces scale: Leo pointed straight away."
        assert area(screen, "what-did-not").text == "Ran over time. Leo was tired."
        assert area(screen, "try-next-time").text == "Ask Maya what makes it 8 and not 7."
        assert area(screen, "case-note").text == note
        assert state(row(screen, "relationship.listened", people(demo_store)["Maya"])) == (
            "Recorded 8"
        )


async def test_the_draft_quotes_their_words_and_tells_movement(
    demo_store: Store, locations: Locations
) -> None:
    ids = people(demo_store)
    visit_id = finished_visit(demo_store)
    # Maya said 7 on the last demo visit.
    record_safety(demo_store, visit_id, ids["Maya"], 9, "Nobody shouted at all. [b]Really[/b].")
    app = make_app(demo_store, locations, check_unfinished=False)
    notified: list[str] = []
    notify = app.notify_literal

    def remember(message: str, **kw: Any) -> None:
        notified.append(message)
        notify(message, **kw)

    app.notify_literal = remember  # type: ignore[method-assign]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        note = area(screen, "case-note").text
        assert note.startswith("# Case note: DEMO-HARPER, visit 6\n")
        assert "Maya, asked" not in note
        assert "Maya answered 9 out of 10, and added:" in note
        assert "> Nobody shouted at all. [b]Really[/b]." in note
        assert "- Maya, safe at home: 9 now, up 2 since the last visit (was 7)" in note
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert [m for m in notified if m.startswith("Saved")]
    assert demo_store.get_visit(visit_id).case_note == note


async def test_the_draft_follows_until_edited_then_redrafting_asks(
    demo_store: Store, locations: Locations
) -> None:
    visit_id = finished_visit(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        note = area(screen, "case-note")
        assert "Relationship check" not in note.text
        await pilot.press("8", "enter")
        assert "Feeling listened to: Maya said 8 out of 10." in note.text

        await pilot.press("f4", "f4")
        assert app.focused is note
        note.move_cursor(note.document.end)
        note.insert("\nMy own words.")
        await pilot.press("f4")  # back to the relationship check
        await pilot.press("tab", "5", "enter")  # Maya, for Leo
        assert "My own words." in note.text
        assert "Maya, for Leo, said 5" not in note.text  # edited: no longer follows

        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert "My own words." in note.text
        await pilot.press("ctrl+r", "y")
        assert "My own words." not in note.text
        assert "Maya said 5 out of 10 for Leo" in note.text
    assert "Maya said 5 out of 10 for Leo" in demo_store.get_visit(visit_id).case_note


async def test_a_half_typed_answer_is_not_thrown_away_without_asking(
    demo_store: Store, locations: Locations
) -> None:
    visit_id = finished_visit(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        await pilot.press("-", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        assert app.screen_stack[-1] is screen
        await pilot.press("backspace", "4", "escape")
        assert isinstance(app.screen, HomeScreen)
    assert [r.value for r in relationship(demo_store, visit_id)] == [4]


async def test_entered_afterwards_is_recorded_as_such(
    demo_store: Store, locations: Locations
) -> None:
    visit_id = finished_visit(demo_store, entry=EntryMode.AFTERWARDS)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(app, pilot, visit_id)
        await pilot.press("6", "enter")
    [said] = relationship(demo_store, visit_id)
    assert said.entry is EntryMode.AFTERWARDS
    # Said during the visit, at a time nobody noted: dated at its start, as capture does.
    assert said.said_at == STARTED


async def test_hostile_text_is_stored_clean_and_shown_literally(
    demo_store: Store, locations: Locations
) -> None:
    ids = people(demo_store)
    visit_id = finished_visit(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        worked = area(screen, "what-worked")
        worked.focus()
        await pilot.press(*"[/]", "space")
        worked.insert(HOSTILE)  # as a paste would
        area(screen, "try-next-time").text = HOSTILE  # set from outside the edit path
        words = row(screen, "relationship.do-differently", ids["Sam"])
        words.field.focus()
        words.field.insert_text_at_cursor(HOSTILE)
        await pilot.press("enter")
        await pilot.pause(0.7)
        assert worked.text == "[/] " + HOSTILE_CLEAN
        assert area(screen, "try-next-time").text == HOSTILE_CLEAN
        assert words.field.value == HOSTILE_CLEAN
        note = area(screen, "case-note").text
        # Quoted; the "[" that could start a link definition gets a backslash.
        assert f"> \\[/] {HOSTILE_CLEAN}" in note
        assert "\x1b" not in note and "\u202e" not in note
        await pilot.click("#what-worked")
        await pilot.press("escape")
        assert app.is_running
        assert isinstance(app.screen, HomeScreen)
    visit = demo_store.get_visit(visit_id)
    assert visit.reflection is not None
    assert visit.reflection.what_worked == "[/] " + HOSTILE_CLEAN
    assert visit.reflection.try_next_time == HOSTILE_CLEAN
    assert [r.text for r in relationship(demo_store, visit_id)] == [HOSTILE_CLEAN]


async def test_nobody_from_the_family_present(store: Store, locations: Locations) -> None:
    from sessionkit.domain import Case, Member

    case = store.add_case(Case(reference="SOLO"))
    assert case.id is not None
    you = store.add_member(Member(case_id=case.id, name="You", role=Role.PRACTITIONER))
    assert you.id is not None
    visit = store.start_visit(
        Visit(case_id=case.id, started_at=STARTED, present_member_ids=[you.id])
    )
    assert visit.id is not None
    store.finish_visit(visit.id, ENDED)
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit.id)
        assert not screen.query(AnswerRow)
        assert app.focused is area(screen, "what-worked")
        await pilot.press("f4")
        assert app.focused is area(screen, "case-note")
        await pilot.press("f4")
        assert app.focused is area(screen, "what-worked")


async def test_the_palette_offers_the_screens_actions(
    demo_store: Store, locations: Locations
) -> None:
    visit_id = finished_visit(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(app, pilot, visit_id)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"New case note draft", "Next part", "Done"} <= titles


async def test_w_on_the_case_screen_writes_up_a_finished_visit(
    demo_store: Store, locations: Locations
) -> None:
    from sessionkit.ui.screens.case import CaseScreen

    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("enter", "w")
        assert isinstance(app.screen, AfterVisitScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, CaseScreen)
