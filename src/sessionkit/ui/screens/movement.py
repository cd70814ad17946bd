"""Movement: how things have moved for a family since the work began.

A list of sections on the left (each question asked on two or more visits, then goals,
the relationship check, change talk, and themes and worries); the chosen one on the
right as a chart with its numbers beside it in words. Only the chosen section is built,
and its charts are drawn only once on screen, so a long case opens as fast as a short one.

Everything shown comes from one `MovementReport`: the numbers `sessionkit movement` prints.
F shows the chart and numbers alone, full screen, with no notes, for showing the family
or a supervisor.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.gc_pause import CollectorHold
from sessionkit.insight.report import MovementReport
from sessionkit.present import movement_sections as ms
from sessionkit.present.grids import fit_label
from sessionkit.present.movement import Look, PerspectiveKey, looks_for
from sessionkit.present.movement_sections import (
    CHANGE_TALK,
    GOALS,
    NOTHING_YET,
    RELATIONSHIP,
    THEMES,
    Part,
)
from sessionkit.ui.screens.base import SessionkitScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.movement_chart import MovementChart, chart_fit
from sessionkit.ui.widgets.steady_footer import SteadyFooter
from sessionkit.ui.widgets.values_grid import ValuesGrid

NAV_LABEL = 24  # cells for a section's name in the list on the left
# However the first paint goes, the collector is back on by then (seconds).
HOLD_AT_MOST = 1.0


class MovementScreen(SessionkitScreen[None]):
    """A family's movement, section by section: a chart and its numbers in words."""

    CSS_PATH = "movement.tcss"
    # Below 100 columns the section list narrows, so the numbers keep their room.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            id="movement.back",
            tooltip="Back to the case (from full screen: back to the sections)",
        ),
        Binding(
            "f",
            "show",
            "Full screen",
            id="movement.show",
            tooltip="The chart and numbers alone, without notes: to show the family",
        ),
        Binding("n", "next_section", "Next", id="movement.next", tooltip="The next section"),
        Binding(
            "p",
            "previous_section",
            "Previous",
            id="movement.previous",
            tooltip="The previous section",
        ),
    ]

    def __init__(self, case_id: int, *, report: MovementReport | None = None) -> None:
        """Movement of `case_id`, worked out from the store when the screen opens.

        `report`, when given, is shown instead (the screen then reads nothing).
        """
        super().__init__()
        self.case_id = case_id
        self.report: MovementReport | None = report
        self.looks: dict[PerspectiveKey, Look] = {}
        self.sections: list[str] = []
        self.section: str | None = None
        self._collector_hold: CollectorHold | None = None

    def compose(self) -> ComposeResult:
        # A long case's report is tens of thousands of live objects: a full pass of the
        # cyclic collector while the screen is built walks them all and can double the
        # wait after M. It waits until the screen is painted (see on_mount).
        self._collector_hold = CollectorHold()
        # Everything, the first section included, is built here rather than mounted
        # after: the screen is then laid out and drawn once, not once per change.
        if self.report is None:
            try:
                self.report = self._load()
            except BaseException:
                self._end_collector_hold()  # a screen that never mounts never paints
                raise
        report = self.report
        self.looks = looks_for(report)
        alert = ms.alert(report)
        options = list(self._nav_options(report))
        self.sections = [o.id for o in options if o is not None and o.id]
        yield Header()
        yield Static(literal(ms.heading(report)), id="movement-heading", classes="screen-title")
        # Only what this report shows is built: every widget more is laid out and styled
        # on the press of M, hidden or not.
        if alert:
            yield Static(literal(alert), id="movement-alert")
        if not self.sections:
            yield Static(NOTHING_YET, id="movement-empty", classes="empty-hint", markup=False)
        else:
            with Horizontal(id="movement-body"):
                yield OptionList(*options, id="movement-sections")
                with VerticalScroll(id="movement-section"):
                    self.section = self.sections[0]
                    yield from self._section_widgets(self.section)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self._end_collector_hold)
        self.set_timer(HOLD_AT_MOST, self._end_collector_hold)
        if not self.sections:
            return
        nav = self.query_one("#movement-sections", OptionList)
        nav.highlighted = 0  # the section already built: nothing is rebuilt
        nav.focus()

    def on_unmount(self) -> None:
        self._end_collector_hold()

    def _end_collector_hold(self) -> None:
        if self._collector_hold is not None:
            self._collector_hold.end()

    def _load(self) -> MovementReport:
        # Worked out ahead by the case screen if nothing was written since; else now.
        from sessionkit.ui.movement_ready import read_report, report_key

        app = self.app
        pack = app.pack
        key = report_key(app.store, self.case_id, pack)
        report = app.ready_movement.get(key)
        if report is None:
            report = read_report(app.store, self.case_id, pack)
            app.ready_movement.put(key, pack, report)
        return report

    def _nav_options(self, report: MovementReport) -> Iterator[Option | None]:
        for entry in ms.section_list(report):
            if entry is None:
                yield None
                continue
            section, name = entry
            # One line each, so the list reads at a glance; the section has it whole.
            yield Option(literal(fit_label(name, NAV_LABEL)), id=section)

    # --- choosing a section ------------------------------------------------------------

    async def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            await self.show_section(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter on a section moves to it, so a long one can be scrolled with the keys.
        self.query_one("#movement-section").focus()

    async def show_section(self, section: str) -> None:
        """Build the widgets of `section` (and nothing else) in the right-hand panel."""
        if section == self.section or self.report is None:
            return
        self.section = section
        panel = self.query_one("#movement-section", VerticalScroll)
        async with panel.batch():
            await panel.remove_children()
            await panel.mount_all(self._section_widgets(section))
        panel.scroll_home(animate=False)

    def _section_widgets(self, section: str) -> list[Widget]:
        assert self.report is not None
        parts = ms.section_parts(self.report, section, self.looks)
        return [widget for part in parts for widget in _widgets(part)]

    async def _move(self, step: int) -> None:
        if not self.sections:
            return
        nav = self.query_one("#movement-sections", OptionList)
        current = self.sections.index(self.section) if self.section in self.sections else 0
        target = self.sections[(current + step) % len(self.sections)]
        nav.highlighted = nav.get_option_index(target)
        await self.show_section(target)

    async def action_next_section(self) -> None:
        """Show the next section."""
        await self._move(1)

    async def action_previous_section(self) -> None:
        """Show the previous section."""
        await self._move(-1)

    async def go_to(self, section: str) -> None:
        if section in self.sections:
            nav = self.query_one("#movement-sections", OptionList)
            nav.highlighted = nav.get_option_index(section)
            await self.show_section(section)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With nothing to show yet, only Back is offered.
        if action in ("show", "next_section", "previous_section"):
            return bool(self.sections)
        return True

    def action_show(self) -> None:
        """Chart and numbers only, full screen; again (or Escape) to come back."""
        if not self.sections:
            return
        showing = not self.has_class("-showing")
        self.set_class(showing, "-showing")
        if showing:
            self.query_one("#movement-section").focus()
        else:
            self.query_one("#movement-sections").focus()

    def action_back(self) -> None:
        if self.has_class("-showing"):
            self.action_show()
        else:
            self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Full screen", "The chart and numbers alone, without notes (F)", self.action_show
        )
        yield SystemCommand("Next section", "The next chart (N)", self.action_next_section)
        yield SystemCommand(
            "Previous section", "The previous chart (P)", self.action_previous_section
        )
        for title, section, help_text in (
            ("Goals", GOALS, "Ratings, GAS levels and T-score"),
            ("Relationship check", RELATIONSHIP, "How the family felt about working together"),
            ("Change talk", CHANGE_TALK, "Change and sustain talk per visit"),
            ("Themes and worries", THEMES, "What keeps coming back, and what is new"),
        ):

            async def jump(section: str = section) -> None:
                await self.go_to(section)

            yield SystemCommand(title, help_text, jump)
        yield SystemCommand("Back to the case", "Leave movement (Escape)", self.app.pop_screen)


# --- how each part of a section is shown ---------------------------------------------------


def _widgets(part: Part) -> Iterator[Widget]:
    if part.kind == "chart":
        assert part.chart is not None
        share, most_per_unit = chart_fit(part.small)
        yield MovementChart(part.chart, share=share, most_per_unit=most_per_unit, classes="chart")
        if part.lines:
            yield Static(literal("\n".join(part.lines)), classes="note")
    else:
        yield _widget(part)


def _widget(part: Part) -> Widget:
    if part.kind == "values":
        assert part.grid is not None
        return ValuesGrid(part.grid, classes="values")
    if part.kind == "changes":
        return Static(_changes(part), classes="changes")
    if part.kind == "free-text":
        heading, *words = part.lines
        return Static(
            Content.styled(heading, "bold") + literal("\n" + "\n".join(words)),
            classes="free-text",
        )
    return Static(literal("\n".join(part.lines)), classes=part.kind)


def _changes(part: Part) -> Content:
    lines = []
    for line, look in zip(part.lines, part.looks, strict=True):
        said = literal(line)
        if look is not None:
            said = Content.styled(look.marker + " ", f"$chart-{look.slot}") + said
        lines.append(said)
    return Content("\n").join(lines)
