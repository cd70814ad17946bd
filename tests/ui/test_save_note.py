"""Saving a case note to a file, from straight after the visit and from the case screen.

Asserts on the file written (its bytes and its mode), on what the dialog says, and on
the notifications, driven by keys on the demo family and on a family with a hostile
reference.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from sessionkit.domain import Case, Member, Role, Visit
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.after_visit import AfterVisitScreen
from sessionkit.ui.screens.case import CaseScreen
from sessionkit.ui.screens.form import ConfirmScreen
from sessionkit.ui.screens.save_note import NO_CLIPBOARD, SaveNoteScreen
from sessionkit.ui.widgets.clean_fields import CleanTextArea

from .conftest import make_app

SIZE = (110, 34)
# The demo's latest visit: the fifth, seven days before DEMO_TODAY (2 Nov 2026).
LATEST = "DEMO-HARPER-visit-5-2026-10-26.md"


def latest_visit(store: Store) -> Visit:
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    return store.list_visits(case.id)[-1]


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector).render())


def path_field(screen: Any) -> Input:
    return screen.query_one("#save-note-path", Input)  # type: ignore[no-any-return]


def error(screen: Any) -> str:
    return text_of(screen, "#form-error")


def notifications(app: Any) -> list[str]:
    """What `notify_literal` is asked to say, kept in order."""
    said: list[str] = []
    notify = app.notify_literal

    def remember(message: str, **kw: Any) -> None:
        said.append(message)
        notify(message, **kw)

    app.notify_literal = remember
    return said


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def open_case_dialog(app: Any, pilot: Any) -> SaveNoteScreen:
    """Home -> the demo family -> N on the highlighted (latest) visit."""
    await pilot.press("enter", "n")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SaveNoteScreen)
    return screen


# --- from straight after the visit ------------------------------------------------------


async def test_the_edited_note_is_saved_exactly_and_privately(
    demo_store: Store, locations: Locations
) -> None:
    visit = latest_visit(demo_store)
    assert visit.id is not None
    app = make_app(demo_store, locations, check_unfinished=False)
    said = notifications(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(AfterVisitScreen(visit.id))
        await pilot.pause()
        note = app.screen.query_one("#case-note", CleanTextArea)
        edited = "# Visit 5\n\nSam laid the uniforms out.\nMaya: “Better.”\n"
        note.load_text(edited)
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, SaveNoteScreen)
        assert path_field(dialog).value == str(locations.exports_dir / LATEST)
        assert text_of(dialog, "#save-note-about") == (
            "Your case note for DEMO-HARPER, visit 5 (Mon 26 Oct 2026), as you wrote it."
        )
        assert text_of(dialog, "#save-note-hint") == NO_CLIPBOARD
        assert "clipboard" in NO_CLIPBOARD
        assert not locations.exports_dir.exists()  # nothing made before it is needed
        await pilot.press("enter")
        assert isinstance(app.screen, AfterVisitScreen)
    saved = locations.exports_dir / LATEST
    assert saved.read_bytes() == edited.encode("utf-8")
    assert mode(saved) == 0o600
    assert mode(locations.exports_dir) == 0o700
    assert said == [f"Case note saved to {saved} (readable by you only)"]
    assert demo_store.get_visit(visit.id).case_note == edited
    assert [p.name for p in locations.exports_dir.iterdir()] == [LATEST]  # no temporary file


async def test_an_untouched_note_is_saved_as_drafted(
    demo_store: Store, locations: Locations
) -> None:
    visit = latest_visit(demo_store)
    assert visit.id is not None
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(AfterVisitScreen(visit.id))
        await pilot.pause()
        shown = app.screen.query_one("#case-note", CleanTextArea).text
        await pilot.press("ctrl+s")
        assert text_of(app.screen, "#save-note-about").startswith("The case note for DEMO-HARPER")
        await pilot.press("enter")
    assert (locations.exports_dir / LATEST).read_text(encoding="utf-8") == shown
    assert shown.startswith("# Case note: DEMO-HARPER, visit 5\n")


# --- from the case screen -----------------------------------------------------------------


async def test_the_latest_visit_from_the_case_screen(
    demo_store: Store, locations: Locations, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_case_dialog(app, pilot)
        assert path_field(dialog).value == str(locations.exports_dir / LATEST)
        assert text_of(dialog, "#save-note-about") == (
            "The case note for DEMO-HARPER, visit 5 (Mon 26 Oct 2026), as drafted from what "
            "was recorded."
        )
        # Any path can be typed; ~ is the home folder.
        monkeypatch.setenv("HOME", str(tmp_path))
        path_field(dialog).value = "~/harper.md"
        await pilot.press("enter")
        assert isinstance(app.screen, CaseScreen)
    text = (tmp_path / "harper.md").read_text(encoding="utf-8")
    assert mode(tmp_path / "harper.md") == 0o600
    headings = [line for line in text.splitlines() if line.startswith("#")]
    expected = [
        "# Case note: DEMO-HARPER, visit 5",
        "## Goals worked on",
        "## What was asked and what people said",
        "## Movement since earlier visits",
        "## Notes made during the visit",
        "## Reflection",
        "## Next steps",
    ]
    # In this order (the demo may add sections, such as the relationship check, between).
    assert [h for h in headings if h in expected] == expected
    assert headings[0] == expected[0]
    assert "Maya answered 7 out of 10, and added:\n\n> Better. Nobody shouted this week.\n" in text
    assert "Sam answered:\n\n> I've started laying the uniforms out the night before.\n" in text
    assert "- Maya, safe at home: 7 now, up 4 since the last visit (was 3);" in text


async def test_a_written_up_note_is_saved_as_the_practitioner_wrote_it(
    demo_store: Store, locations: Locations
) -> None:
    visit = latest_visit(demo_store)
    demo_store.update_visit(visit.model_copy(update={"case_note": "Short note, my words.\n"}))
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_case_dialog(app, pilot)
        assert text_of(dialog, "#save-note-about").startswith("Your case note for DEMO-HARPER")
        await pilot.press("enter")
    assert (locations.exports_dir / LATEST).read_bytes() == b"Short note, my words.\n"


async def test_a_fresh_draft_can_be_saved_instead_of_the_practitioners_note(
    demo_store: Store, locations: Locations
) -> None:
    from textual.widgets import Checkbox

    visit = latest_visit(demo_store)
    demo_store.update_visit(visit.model_copy(update={"case_note": "Short note, my words.\n"}))
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_case_dialog(app, pilot)
        dialog.query_one("#save-note-fresh", Checkbox).value = True
        await pilot.pause()
        assert "drafted afresh from what was recorded" in text_of(dialog, "#save-note-about")
        path_field(dialog).focus()
        await pilot.press("enter")
    saved = (locations.exports_dir / LATEST).read_text(encoding="utf-8")
    assert saved.startswith("# Case note: DEMO-HARPER, visit 5\n")
    assert demo_store.get_visit(visit.id or 0).case_note == "Short note, my words.\n"


async def test_an_unfinished_visit_is_not_saved(demo_store: Store, locations: Locations) -> None:
    case = demo_store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    demo_store.start_visit(
        Visit(case_id=case.id, started_at=datetime(2026, 11, 2, 10, 0).astimezone())
    )
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "n")
        assert isinstance(app.screen, CaseScreen)
        assert [n.message for n in app._notifications] == [
            "That visit is still open: press V to carry on with it."
        ]
    assert not locations.exports_dir.exists()


# --- an existing file, a folder that cannot be used ----------------------------------------


async def test_an_existing_file_is_replaced_only_after_asking(
    demo_store: Store, locations: Locations
) -> None:
    locations.exports_dir.mkdir(parents=True)
    existing = locations.exports_dir / LATEST
    old = b"An older note\r\nkept byte for byte \xe2\x80\x94 even this.\n"
    existing.write_bytes(old)
    app = make_app(demo_store, locations, check_unfinished=False)
    said = notifications(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = await open_case_dialog(app, pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"{existing} already exists. Replace it" in text_of(app.screen, ".dialog-question")
        await pilot.press("n")
        assert app.screen is dialog
        assert existing.read_bytes() == old
        assert error(dialog) == f"{LATEST} is kept as it was: nothing saved."
        assert path_field(dialog).value == str(existing)
        assert said == []

        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert isinstance(app.screen, CaseScreen)
    assert existing.read_text(encoding="utf-8").startswith("# Case note: DEMO-HARPER, visit 5\n")
    assert said == [f"Case note saved to {existing} (readable by you only)"]


async def test_a_missing_folder_or_a_file_in_the_way_writes_nothing(
    demo_store: Store, locations: Locations, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_case_dialog(app, pilot)
        missing = tmp_path / "no such folder" / "note.md"
        path_field(dialog).value = str(missing)
        await pilot.press("enter")
        assert app.screen is dialog
        assert error(dialog) == f"There is no folder {missing.parent}: nothing saved."
        assert path_field(dialog).value == str(missing)

        path_field(dialog).value = str(blocker / "note.md")
        await pilot.press("enter")
        assert error(dialog) == f"{blocker} is a file, not a folder: nothing saved."

        path_field(dialog).value = str(tmp_path)
        await pilot.press("enter")
        assert error(dialog) == f"{tmp_path} is a folder: add a file name to it."

        path_field(dialog).value = "   "
        await pilot.press("enter")
        assert error(dialog) == "Type the path of the file to save the case note to."
    assert not missing.parent.exists()
    assert blocker.read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "not-a-folder"]


async def test_a_path_that_cannot_be_looked_up_is_said_not_raised(
    demo_store: Store, locations: Locations, tmp_path: Path
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_case_dialog(app, pilot)
        too_long = str(tmp_path / ("x" * 300) / "note.md")
        path_field(dialog).value = too_long
        await pilot.press("enter")
        assert app.screen is dialog
        assert error(dialog) == f"Cannot use {too_long}: file name too long; nothing saved."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


async def test_a_relative_path_is_taken_from_the_folder_the_app_started_in(
    demo_store: Store, locations: Locations, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(demo_store, locations, check_unfinished=False)
    said = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_case_dialog(app, pilot)
        path_field(dialog).value = "harper note.md"
        await pilot.press("enter")
    saved = tmp_path / "harper note.md"
    assert saved.read_text(encoding="utf-8").startswith("# Case note: DEMO-HARPER, visit 5\n")
    assert said == [f"Case note saved to {saved} (readable by you only)"]


async def test_a_write_that_fails_says_why_and_keeps_the_path(
    demo_store: Store, locations: Locations, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sessionkit.export.files as files

    def refused(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_case_dialog(app, pilot)
        target = tmp_path / "note.md"
        path_field(dialog).value = str(target)
        monkeypatch.setattr(files, "write_private", refused)
        await pilot.press("enter")
        assert app.screen is dialog
        assert error(dialog) == (f"Could not save to {target}: permission denied. Nothing written.")
        assert path_field(dialog).value == str(target)
    assert not target.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
async def test_a_folder_that_cannot_be_written_is_said(
    demo_store: Store, locations: Locations, tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    app = make_app(demo_store, locations, check_unfinished=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            dialog = await open_case_dialog(app, pilot)
            path_field(dialog).value = str(locked / "note.md")
            await pilot.press("enter")
            assert error(dialog) == f"You cannot write in {locked}: nothing saved."
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


# --- hostile text ---------------------------------------------------------------------------


async def test_a_hostile_reference_makes_a_safe_file_name_and_shows_literally(
    store: Store, locations: Locations, tmp_path: Path
) -> None:
    reference = "[b]x[/i] ../../[@click=app.quit]q[/]"
    case = store.add_case(Case(reference=reference + "\x1b]0;t\x07"))
    assert case.id is not None and case.reference == reference
    member = store.add_member(Member(case_id=case.id, name="[/]", role=Role.CHILD))
    assert member.id is not None
    started = datetime(2026, 11, 2, 9, 0).astimezone()
    visit = store.start_visit(
        Visit(case_id=case.id, started_at=started, present_member_ids=[member.id])
    )
    assert visit.id is not None
    store.finish_visit(visit.id, started.replace(hour=10))
    file_name = "_b_x__i__________click_app_quit_q___-visit-1-2026-11-02.md"

    app = make_app(store, locations, check_unfinished=False)
    said = notifications(app)
    async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
        await app.push_screen(CaseScreen(case.id))
        await pilot.pause()
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, SaveNoteScreen)
        assert path_field(dialog).value == str(locations.exports_dir / file_name)
        assert text_of(dialog, "#save-note-about") == (
            f"The case note for {reference}, visit 1 (Mon 2 Nov 2026), as drafted from "
            "what was recorded."
        )
        # A typed path is shown as typed in the message, never as markup.
        typed = tmp_path / "[/]" / "[@click=app.quit]x[/].md"
        path_field(dialog).value = str(typed) + "\x1b[2J"
        await pilot.pause()
        assert path_field(dialog).value == str(typed)  # the escape sequence goes
        await pilot.press("enter")
        assert error(dialog) == f"There is no folder {typed.parent}: nothing saved."
        assert app.is_running

        path_field(dialog).value = str(locations.exports_dir / file_name)
        await pilot.press("enter")
        assert isinstance(app.screen, CaseScreen)
        assert app.is_running
    saved = locations.exports_dir / file_name
    assert [p.name for p in locations.exports_dir.iterdir()] == [file_name]
    assert saved.read_text(encoding="utf-8").startswith(
        "# Case note: [b]x[/i] ../../[@click=app.quit]q[/], visit 1\n"
    )
    assert said == [f"Case note saved to {saved} (readable by you only)"]


# --- leaving without saving -----------------------------------------------------------------


async def test_escape_closes_at_once_when_nothing_was_typed(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_dialog(app, pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, CaseScreen)
    assert not locations.exports_dir.exists()


async def test_escape_asks_before_losing_a_changed_path(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_case_dialog(app, pilot)
        await pilot.press("backspace", "backspace", "t", "x", "t")
        changed = str(locations.exports_dir / LATEST)[:-2] + "txt"
        assert path_field(dialog).value == changed
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        assert app.screen is dialog
        assert path_field(dialog).value == changed
        await pilot.press("escape", "y")  # discard
        assert isinstance(app.screen, CaseScreen)
    assert not locations.exports_dir.exists()


# --- how it is reached ----------------------------------------------------------------------


async def test_both_screens_offer_it_in_the_palette(
    demo_store: Store, locations: Locations
) -> None:
    visit = latest_visit(demo_store)
    assert visit.id is not None
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Save the case note of a visit" in titles
        await app.push_screen(AfterVisitScreen(visit.id))
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Save the case note to a file"].callback()
        await pilot.pause()
        assert isinstance(app.screen, SaveNoteScreen)
