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

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.insight.report import MovementReport, QuestionMovement, SeriesMovement
from sessionkit.ui import movement_model as mm
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.movement_chart import MovementChart
from sessionkit.ui.widgets.steady_footer import SteadyFooter
from sessionkit.ui.widgets.values_grid import ValuesGrid

if TYPE_CHECKING:
    from sessionkit.ui.app import SessionkitApp

GOALS = "goals"
RELATIONSHIP = "relationship"
CHANGE_TALK = "change-talk"
THEMES = "themes"
QUESTIONS = "questions"  # shown when no question was asked twice yet

FLAG = "⚑"
NAV_LABEL = 24  # cells for a section's name in the list on the left

NOTHING_YET = (
    "Nothing to show movement with yet. Movement appears when the same question is "
    "answered on two or more visits: on each visit ask at least one scaling question "
    "(or rate a goal from 0 to 10), and from the second visit on this screen shows how "
    "the answers moved, person by person."
)


class MovementScreen(Screen[None]):
    """A family's movement, section by section: a chart and its numbers in words."""

    CSS_PATH = "movement.tcss"

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

    app: SessionkitApp

    def __init__(self, case_id: int, *, report: MovementReport | None = None) -> None:
        """Movement of `case_id`, worked out from the store when the screen opens.

        `report`, when given, is shown instead (the screen then reads nothing).
        """
        super().__init__()
        self.case_id = case_id
        self.report: MovementReport | None = report
        self.looks: dict[mm.PerspectiveKey, mm.Look] = {}
        self.sections: list[str] = []
        self.section: str | None = None

    def compose(self) -> ComposeResult:
        # Everything, the first section included, is built here rather than mounted
        # after: the screen is then laid out and drawn once, not once per change.
        if self.report is None:
            self.report = self._load()
        report = self.report
        self.looks = mm.looks_for(report)
        alert = mm.alert_sentence(report.relationship_alerts)
        self.set_class(bool(alert), "-alert")
        options = list(self._nav_options(report)) if has_anything(report) else []
        self.sections = [o.id for o in options if o is not None and o.id]
        self.set_class(not self.sections, "-empty")
        yield Header()
        yield Static(
            literal(
                f"{report.reference} · movement · {mm.visits_line(report)} · "
                f"care status: {report.care_status}"
            ),
            id="movement-heading",
            classes="screen-title",
        )
        yield Static(literal(f"{FLAG} {alert}"), id="movement-alert")
        with Horizontal(id="movement-body"):
            yield OptionList(*options, id="movement-sections")
            with VerticalScroll(id="movement-section"):
                if self.sections:
                    self.section = self.sections[0]
                    yield from self._section_widgets(self.section)
        yield Static(NOTHING_YET, id="movement-empty", classes="empty-hint", markup=False)
        yield SteadyFooter()

    def on_mount(self) -> None:
        if not self.sections:
            return
        nav = self.query_one("#movement-sections", OptionList)
        nav.highlighted = 0  # the section already built: nothing is rebuilt
        nav.focus()

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
        if report.questions:
            for n, question in enumerate(report.questions):
                # One line each, so the list reads at a glance; the section has it whole.
                yield Option(literal(mm.fit_label(question.title, NAV_LABEL)), id=f"question-{n}")
        else:
            yield Option("Questions", id=QUESTIONS)
        yield None
        yield Option("Goals", id=GOALS)
        check = "Relationship check" + (f" {FLAG}" if report.relationship_alerts else "")
        yield Option(check, id=RELATIONSHIP)
        yield Option("Change talk", id=CHANGE_TALK)
        yield Option("Themes and worries", id=THEMES)

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
        report = self.report
        assert report is not None
        if section.startswith("question-"):
            return list(self._question(report.questions[int(section.partition("-")[2])]))
        builders = {
            QUESTIONS: self._no_questions,
            GOALS: self._goals,
            RELATIONSHIP: self._relationship,
            CHANGE_TALK: self._change_talk,
            THEMES: self._themes,
        }
        return list(builders[section](report))

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

    # --- what each section shows -------------------------------------------------------

    def _question(self, question: QuestionMovement, *, small: bool = False) -> Iterator[Widget]:
        yield Static(literal(question.title), classes="block-title" if small else "section-title")
        if question.wording and not small:
            yield Static(literal(f"Asked: {question.wording}"), classes="wording")
        yield from self._series_block(
            question.series,
            scale_min=question.scale_min,
            scale_max=question.scale_max,
            min_label=question.min_label,
            max_label=question.max_label,
            small=small,
            extra=[mm.disagreement_sentence(question.disagreement)],
        )
        notes = [
            mm.threshold_sentence(question),
            *mm.off_scale_notes(question.series, question.scale_min, question.scale_max),
            mm.scale_sentence(question),
        ]
        yield from _lines(notes, "note")
        words = mm.own_words(question.series)
        if words:
            heading = Content.styled("In their own words", "bold")
            yield Static(heading + literal("\n" + "\n".join(words)), classes="free-text")

    def _series_block(
        self,
        series: Sequence[SeriesMovement],
        *,
        scale_min: float | None,
        scale_max: float | None,
        min_label: str = "",
        max_label: str = "",
        small: bool = False,
        extra: Sequence[str] = (),
    ) -> Iterator[Widget]:
        """The chart, the values by visit, and each person's change in words."""
        spec = mm.series_chart(
            series,
            self.looks,
            scale_min=scale_min,
            scale_max=scale_max,
            min_label=min_label,
            max_label=max_label,
        )
        if spec is None:
            yield Static(
                "No answer on the scale to draw: every answer so far was off the scale.",
                classes="note",
            )
        else:
            # A small chart (one of several in a section) gives each unit one row at most.
            yield MovementChart(
                spec, share=0.8 if small else 0.7, most_per_unit=1 if small else 2, classes="chart"
            )
            yield from _lines([mm.overlap_note(series)], "note")
        yield ValuesGrid(mm.series_grid(series, self.looks), classes="values")
        yield Static(self._changes(series, extra), classes="changes")

    def _changes(self, series: Sequence[SeriesMovement], extra: Sequence[str]) -> Content:
        lines = []
        for s in series:
            look = self.looks[mm.key_of(s.who)]
            marker = Content.styled(look.marker + " ", f"$chart-{look.slot}")
            said = mm.change_sentence(s)
            if reliable := mm.reliable_words(s.from_first):
                said = f"{said.removesuffix('.')}: {reliable}."
            lines.append(marker + literal(said))
        lines += [literal(line) for line in extra if line]
        return Content("\n").join(lines)

    def _no_questions(self, report: MovementReport) -> Iterator[Widget]:
        yield Static("Questions", classes="section-title")
        yield Static(
            "No question has been answered on two visits yet. Ask the same scaling "
            "question on the next visit and it will show here, person by person.",
            classes="hint",
        )

    def _goals(self, report: MovementReport) -> Iterator[Widget]:
        yield Static("Goals", classes="section-title")
        if not report.goals:
            yield Static(
                "No goals yet. Agree a goal with the family (G on the case screen) and ask "
                "for a 0 to 10 rating on each visit to see it move.",
                classes="hint",
            )
            return
        gas = mm.gas_grid(report.goals, report.gas)
        if gas is not None:
            yield Static("Goal attainment (GAS levels, -2 to +2)", classes="block-title")
            yield ValuesGrid(gas, classes="values")
            yield from _lines([mm.t_score_sentence(report.gas)], "note")
        for number, goal in enumerate(report.goals, start=1):
            yield Static(literal(mm.goal_heading(goal, number)), classes="block-title")
            if goal.ratings:
                yield from self._series_block(goal.ratings, scale_min=0, scale_max=10, small=True)
                yield from _lines(mm.off_scale_notes(goal.ratings, 0, 10), "note")
            else:
                yield Static("Not rated on a visit yet.", classes="note")
            if goal.has_gas and goal.gas_t_score is None:
                yield Static("GAS levels written; none recorded on a visit yet.", classes="note")

    def _relationship(self, report: MovementReport) -> Iterator[Widget]:
        yield Static("Relationship check", classes="section-title")
        if report.relationship_alerts:
            lines = mm.alert_lines(report.relationship_alerts)
            yield Static(
                literal(f"{FLAG} Lower than the time before:\n" + "\n".join(lines)),
                classes="alert-box",
            )
        if not report.relationship:
            yield Static(
                "No relationship check answered on two visits yet. After a visit, W on the "
                "case screen asks the family how working together felt.",
                classes="hint",
            )
            return
        for question in report.relationship:
            yield from self._question(question, small=True)

    def _change_talk(self, report: MovementReport) -> Iterator[Widget]:
        yield Static("Change talk", classes="section-title")
        visits = report.change_talk
        if not any(v.change_talk or v.sustain_talk for v in visits):
            yield Static(
                "No change talk or sustain talk recorded yet. Answers to the change talk "
                "prompts, marked as change or sustain talk, show here visit by visit.",
                classes="hint",
            )
            return
        yield Static(
            "The share is change talk ÷ (change talk + sustain talk), on visits where "
            "either was heard.",
            classes="wording",
        )
        spec = mm.change_talk_chart(visits)
        if spec is not None:
            yield MovementChart(spec, classes="chart")
        grid = mm.change_talk_grid(visits)
        if grid is not None:
            yield ValuesGrid(grid, classes="values")
        yield from _lines([mm.change_talk_sentence(visits)], "changes")

    def _themes(self, report: MovementReport) -> Iterator[Widget]:
        yield Static("Themes and worries", classes="section-title")
        if not report.themes and not report.worries:
            yield Static(
                "No themes or worries recorded yet. Tag answers with a theme, or flag a "
                "worry, when recording them, to see what keeps coming back.",
                classes="hint",
            )
            return
        for heading, items in (("Worries", report.worries), ("Themes", report.themes)):
            if not items:
                continue
            yield Static(heading, classes="block-title")
            lines = []
            for item in items:
                mark = f"{FLAG} " if item.worry else "• "
                new = " · new" if item.is_new and "new" not in item.words else ""
                lines.append(mark + mm.recurrence_line(item) + new)
            yield Static(literal("\n".join(lines)), classes="recurrences")


def _lines(lines: Iterable[str], classes: str) -> Iterator[Static]:
    text = "\n".join(line for line in lines if line)
    if text:
        yield Static(literal(text), classes=classes)


def has_anything(report: MovementReport) -> bool:
    """Whether any section has something to show beyond how to get started."""
    return bool(
        report.questions
        or any(g.ratings or g.gas_values for g in report.goals)
        or report.relationship
        or any(v.change_talk or v.sustain_talk for v in report.change_talk)
        or report.themes
        or report.worries
    )
