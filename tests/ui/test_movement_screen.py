"""The movement screen: the numbers on screen are the report's (and the store's), section
by section, readable at 100x30, with user text shown literally."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from textual.widget import Widget
from textual.widgets import OptionList, Static

import sessionkit
from sessionkit.domain.text import clean_text
from sessionkit.insight.report import MovementReport
from sessionkit.locations import Locations
from sessionkit.present import movement_sections as ms
from sessionkit.present.grids import fit_label
from sessionkit.present.movement import MARKERS, looks_for
from sessionkit.storage import Store
from sessionkit.ui.app import SessionkitApp
from sessionkit.ui.screens.case import CaseScreen
from sessionkit.ui.screens.movement import NAV_LABEL, NOTHING_YET, MovementScreen
from sessionkit.ui.widgets.movement_chart import MovementChart
from sessionkit.ui.widgets.values_grid import ValuesGrid

from . import movement_fixtures as fx
from .conftest import make_app

MARKED = {f"{marker} " for marker in MARKERS}
SMALL = (100, 30)
LARGE = (120, 40)
HOSTILE = [
    "[bold]x[/]",
    "[link=https://example.org]click[/link]",
    "[@click=app.quit]quit[/]",
    "\x1b[31mred\x1b]0;title\x07",
    "\x07bell",
    "\u202eevil",
    "[/]",
    "$text ${x} [b]",
]


def plain(widget: Widget) -> str:
    """What a widget shows, as text."""
    if isinstance(widget, ValuesGrid):
        return widget.content_for(widget.size.width).plain
    if isinstance(widget, MovementChart):
        return str(widget.render())
    return str(widget.render())


def section_text(screen: MovementScreen) -> str:
    panel = screen.query_one("#movement-section")
    return "\n".join(plain(w) for w in panel.children)


def grid_rows(screen: MovementScreen, index: int = 0) -> dict[str, list[str]]:
    """The values table: row name -> the cells, as shown."""
    grid = list(screen.query(ValuesGrid))[index]
    lines = plain(grid).splitlines()
    rows = {}
    for line in lines[1:]:
        name, *cells = line[: grid.size.width].split("  ")
        rows[name.strip().lstrip("●▲■◆○△□◇ ")] = [c.strip() for c in cells if c.strip()]
    rows["dates"] = [c.strip() for c in lines[0].split("  ") if c.strip()]
    return rows


async def open_report(app: SessionkitApp, pilot: object, report: MovementReport) -> MovementScreen:
    screen = MovementScreen(0, report=report)
    await app.push_screen(screen)
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


def nav_labels(screen: MovementScreen) -> list[str]:
    nav = screen.query_one("#movement-sections", OptionList)
    return [str(o.prompt) for o in nav.options]


# --- the numbers ------------------------------------------------------------------------


async def test_a_question_shows_its_chart_and_the_reports_numbers(
    store: Store, locations: Locations
) -> None:
    report = fx.harper_like()
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_report(app, pilot, report)
        heading = plain(screen.query_one("#movement-heading"))
        assert heading == (
            "DEMO-HARPER · movement · 5 visits, 3 Aug to 26 Oct 2026 · care status: child in need"
        )
        assert nav_labels(screen) == [
            "Safe at home",
            "How things are going",
            "Worries at home",
            "Goals",
            "Relationship check ⚑",
            "Change talk",
            "Themes and worries",
        ]
        rows = grid_rows(screen)
        assert rows["dates"] == ["3 Aug", "24 Aug", "14 Sep", "5 Oct", "26 Oct"]
        assert rows["Maya"] == ["5", "6", "500*", "3", "7"]
        assert rows["Maya, for Leo"] == ["5", "5", "7", "6", "8"]
        assert rows["Sam"] == ["7", "7", "8", "6", "8"]
        text = section_text(screen)
        assert "Maya: up 2 since the first visit, up 4 since the last: reliable change." in text
        assert "Sam: up 1 since the first visit, up 2 since the last: not a reliable change." in (
            text
        )
        assert "Reliable change: 2 or more since the first visit (the practice team's" in text
        assert "* Maya said 500 on 14 Sep (off the scale)" in text
        chart = screen.query_one(MovementChart)
        drawn = plain(chart)
        # Dates on the x axis, the scale on the y axis, a shape per person.
        for label in ("3 Aug", "26 Oct", "visits", "answer", "10", "0"):
            assert label in drawn
        for marker in "●▲■":
            assert marker in drawn
        # 500 is not on a 0-10 axis: the axis stops at the scale's top.
        assert "500" not in drawn
        assert chart.spec.y_range == (0, 10)


async def test_without_a_threshold_no_claim_of_reliable_change(
    store: Store, locations: Locations
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_report(app, pilot, fx.harper_like())
        await pilot.press("down")
        text = section_text(screen)
        assert "How things are going" in text
        assert "Maya: up 3 since the first visit, up 2 since the last." in text
        assert "reliable" not in text


async def test_disagreement_is_said_plainly(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_report(app, pilot, fx.harper_like())
        await pilot.press("down", "down")
        text = section_text(screen)
        assert "Worries at home" in text
        assert "On 26 Oct Sam said 8, Maya said 4: 4 apart." in text
        assert "Maya: down 4 since the first visit, down 3 since the last." in text


async def test_goals_relationship_change_talk_and_themes(
    store: Store, locations: Locations
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_report(app, pilot, fx.harper_like())
        await pilot.press("n", "n", "n")
        assert screen.section == "goals"
        text = section_text(screen)
        assert "Goal 1: Mornings before school feel calmer (Sam)" in text
        assert "Goal 2: Maya feels OK telling someone when she is worried (Maya)" in text
        assert "Kiresuk-Sherman T-score 30 on 3 Aug, 50 on 26 Oct (1 goal)" in text
        gas = grid_rows(screen, 0)
        assert gas["dates"] == ["3 Aug", "14 Sep", "26 Oct"]
        assert gas["T-score"] == ["30", "40", "50"]
        assert grid_rows(screen, 1)["Sam"] == ["2", "3", "5", "4", "6"]

        await pilot.press("n")
        assert screen.section == "relationship"
        text = section_text(screen)
        assert "Sam, Feeling listened to: down from 9 to 6 on 26 Oct." in text
        assert grid_rows(screen)["Sam"] == ["7", "8", "9", "9", "6"]

        await pilot.press("n")
        assert screen.section == "change-talk"
        rows = grid_rows(screen)
        assert rows["share"] == ["–", "33%", "67%", "0%", "75%"]
        assert rows["change talk"] == ["0", "1", "2", "0", "3"]
        assert screen.query_one(MovementChart).spec.percent

        await pilot.press("n")
        assert screen.section == "themes"
        text = section_text(screen)
        assert "⚑ arguments at home: seen in 2 of the last 5 visits" in text
        assert "• mornings: seen in 4 of the last 5 visits" in text
        assert "• Leo: new on the latest visit" in text

        await pilot.press("n")  # round to the first question again
        assert screen.section == "question-0"
        await pilot.press("p")
        assert screen.section == "themes"


# --- navigation, alert, full screen --------------------------------------------------------


async def test_the_alert_is_in_view_from_every_section(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_report(app, pilot, fx.harper_like())
        alert = screen.query_one("#movement-alert", Static)
        for _ in range(len(screen.sections)):
            assert alert.display and alert.region.height >= 1
            assert plain(alert) == (
                "⚑ Relationship check dropped: Sam, Feeling listened to, 9 → 6 on 26 Oct."
            )
            await pilot.press("n")


async def test_no_alert_without_a_drop(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_report(app, pilot, fx.only_questions(fx.harper_like()))
        assert not screen.query("#movement-alert")
        assert "Relationship check" in nav_labels(screen)
        await pilot.press("n", "n", "n", "n")
        assert screen.section == "relationship"
        assert "No relationship check answered on two visits yet" in section_text(screen)


async def test_full_screen_shows_the_chart_and_numbers_without_notes(
    store: Store, locations: Locations
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SMALL) as pilot:
        below = app.screen
        screen = await open_report(app, pilot, fx.harper_like())
        words = screen.query_one(".free-text")
        await pilot.press("f")
        assert screen.has_class("-showing")
        assert not screen.query_one("#movement-sections").display
        assert not words.display
        assert not screen.query_one("#movement-alert").display
        assert screen.query_one(MovementChart).region.height > 0
        assert screen.query_one(ValuesGrid).region.height > 0
        await pilot.press("n")  # moving on stays full screen
        assert screen.section == "question-1" and screen.has_class("-showing")
        await pilot.press("escape")  # first out of full screen...
        assert app.screen is screen and not screen.has_class("-showing")
        await pilot.press("escape")  # ...then back to the screen it was opened from
        assert app.screen is below


async def test_an_empty_case_says_what_to_record(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_report(app, pilot, fx.empty())
        message = screen.query_one("#movement-empty", Static)
        assert message.display and plain(message) == NOTHING_YET
        assert "same question is answered on two or more visits" in NOTHING_YET
        assert not screen.query("#movement-body")
        await pilot.press("f", "n", "p")  # nothing to show, nothing breaks
        assert app.screen is screen


# --- readable at 100x30 -----------------------------------------------------------------


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["100x30", "120x40"])
async def test_each_question_shows_its_chart_and_values_together(
    store: Store, locations: Locations, size: tuple[int, int]
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_report(app, pilot, fx.harper_like())
        panel = screen.query_one("#movement-section")
        view = panel.scrollable_content_region
        for n in range(3):
            assert screen.section == f"question-{n}"
            chart = screen.query_one(MovementChart)
            grid = screen.query_one(ValuesGrid)
            for widget in (chart, grid):
                assert view.contains_region(widget.region), widget
            # One row for each whole number of the 0-10 scale: 6 and 7 never share one.
            assert chart.size.height >= 11 + 4
            lines = plain(grid).splitlines()
            assert all(len(line) <= grid.size.width for line in lines)
            question = screen.report.questions[n]  # type: ignore[union-attr]
            rows = grid_rows(screen)
            for series in question.series:
                shown = rows[series.who.label]
                said = [f"{v.value:g}" + ("*" if v.off_scale else "") for v in series.values]
                assert shown == said
            await pilot.press("down")


async def test_a_long_case_shows_the_first_and_the_latest_visits(
    store: Store, locations: Locations
) -> None:
    report = fx.big(500, 2, 3)
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_report(app, pilot, report)
        rows = grid_rows(screen)
        series = report.questions[0].series[0]
        first, *_, latest = series.values
        assert rows["dates"][0] == "3 Aug '26" and rows["dates"][1] == "…"
        assert rows["Person 1"][0] == f"{first.value:g}"
        assert rows["Person 1"][-1] == f"{latest.value:g}"
        drawn = plain(screen.query_one(MovementChart))
        assert "3 Aug '26" in drawn  # the first visit is labelled on the axis


# --- user text --------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_names_and_words_are_shown_literally(
    store: Store, locations: Locations, hostile: str
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    shown = clean_text(hostile)
    async with app.run_test(size=SMALL, notifications=True, tooltips=True) as pilot:
        screen = await open_report(app, pilot, fx.hostile(hostile))
        assert shown in plain(screen.query_one("#movement-heading"))
        assert shown in plain(screen.query_one("#movement-alert"))
        assert nav_labels(screen)[0] == fit_label(shown, NAV_LABEL)
        for _ in range(len(screen.sections)):
            text = section_text(screen)
            assert shown in text or screen.section == "change-talk"
            assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
            await pilot.press("n")
        await pilot.press("f", "escape", "ctrl+p")
        await pilot.pause()
        await pilot.press("escape")
        app.notify_literal(hostile)
        await pilot.pause()
        assert app.is_running


# --- the demo family, from the store ------------------------------------------------------


async def test_the_demo_familys_answers_as_recorded(
    demo_store: Store, locations: Locations
) -> None:
    case = demo_store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    members = {m.name: m.id for m in demo_store.list_members(case.id, include_inactive=True)}
    recorded = [
        r.value
        for r in demo_store.responses_for_case(case.id)
        if r.prompt_id == "scaling.safety"
        and r.answered_by == members["Maya"]
        and r.on_behalf_of is None
    ]
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter", "m")
        screen = app.screen
        assert isinstance(screen, MovementScreen) and screen.report is not None
        assert "DEMO-HARPER" in plain(screen.query_one("#movement-heading"))
        assert "care status: child in need" in plain(screen.query_one("#movement-heading"))
        nav = screen.query_one("#movement-sections", OptionList)
        index = nav_labels(screen).index("Safe at home")
        nav.highlighted = index
        await pilot.pause()
        rows = grid_rows(screen)
        assert rows["Maya"] == [f"{v:g}" + ("*" if v > 10 else "") for v in recorded]
        assert "500*" in rows["Maya"]
        assert "Maya said 500" in section_text(screen)
        await pilot.press("escape")
        assert isinstance(app.screen, CaseScreen)


async def test_the_screen_says_exactly_the_sentences_the_command_prints(
    demo_store: Store, locations: Locations
) -> None:
    # Both lay out `present.movement_sections`: here, every section's words on screen are
    # its parts' sentences, in order (tests/test_cli_movement.py: the table says them all).
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("enter", "m")
        screen = app.screen
        assert isinstance(screen, MovementScreen) and screen.report is not None
        report = screen.report
        assert plain(screen.query_one("#movement-heading")) == ms.heading(report)
        # The demo's one drop has recovered since: no alert, and the section says so.
        assert ms.alert(report) == "" and not screen.query("#movement-alert")
        looks = looks_for(report)
        for section in screen.sections:
            await screen.go_to(section)
            await pilot.pause()
            panel = screen.query_one("#movement-section")
            shown = [
                line
                for widget in panel.children
                if not isinstance(widget, ValuesGrid | MovementChart)
                for line in plain(widget).splitlines()
            ]
            # A person's change starts with their marker, the shape of their line on the chart.
            shown = [line[2:] if line[:2] in MARKED else line for line in shown]
            assert shown == ms.sentences(ms.section_parts(report, section, looks)), section


async def test_palette_offers_the_screens_actions(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_report(app, pilot, fx.harper_like())
        commands = {c.title: c for c in app.get_system_commands(screen)}
        assert {"Full screen", "Next section", "Previous section", "Goals"} <= set(commands)
        assert {"Relationship check", "Change talk", "Themes and worries"} <= set(commands)
        await commands["Relationship check"].callback()  # type: ignore[misc]
        await pilot.pause()
        assert screen.section == "relationship"


async def test_f1_lists_the_screens_keys(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_report(app, pilot, fx.harper_like())
        await pilot.press("f1")
        await pilot.pause()
        panel = screen.query_one("HelpPanel")
        console = Console(width=80, record=True, file=io.StringIO())
        for widget in panel.query("*"):
            console.print(widget.render())
        keys = console.export_text()
        for description in ("Full screen", "Next", "Previous", "Back"):
            assert description in keys


def test_every_key_has_an_id_and_a_description() -> None:
    for binding in MovementScreen.BINDINGS:
        assert not isinstance(binding, tuple)
        assert binding.id and binding.id.startswith("movement.")  # type: ignore[union-attr]
        assert binding.description  # type: ignore[union-attr]


def test_charts_are_not_loaded_with_the_app() -> None:
    """plotext is imported when a chart is drawn, not when the app or its screens load."""
    src = str(Path(sessionkit.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": src}
    code = (
        "import sys, sessionkit.ui.app, sessionkit.ui.screens.movement, sessionkit.ui.keymap;"
        "sessionkit.ui.keymap.binding_classes();"
        "print(any(m.startswith(('plotext', 'textual_plotext')) for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
