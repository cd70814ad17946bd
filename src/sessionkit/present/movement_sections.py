"""What each part of movement says, in order: one description for the screen and the command.

The movement screen and `sessionkit movement` both lay out these parts, so they say the
same sentences in the same order: the screen as widgets (a chart where a part carries
one), the command as plain text. A part's `kind` is what it is (a title, the values by
visit, each person's change, a note...); the screen uses it as the widget's class, which
is also how full screen leaves the notes out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from sessionkit.insight.relationship import Recovery, split_recovered
from sessionkit.insight.report import (
    MovementReport,
    QuestionMovement,
    RelationshipAlert,
    SeriesMovement,
)
from sessionkit.present.charts import ChartSpec, change_talk_chart, series_chart
from sessionkit.present.grids import Grid, change_talk_grid, gas_grid, series_grid
from sessionkit.present.movement import (
    Look,
    PerspectiveKey,
    alert_lines,
    alert_sentence,
    change_sentence,
    change_talk_sentence,
    disagreement_sentence,
    goal_heading,
    key_of,
    off_scale_notes,
    overlap_note,
    own_words,
    recovery_lines,
    recurrence_line,
    reliable_words,
    scale_sentence,
    t_score_sentence,
    threshold_sentence,
    visits_line,
)

PartKind = Literal[
    "section-title",  # the section's name
    "block-title",  # a heading within a section (a goal, a question among several)
    "wording",  # what was asked, or how to read the section
    "hint",  # nothing recorded yet, and what to record to see it
    "chart",  # a chart, and any note on how to read it (the command leaves both out: the
    # chart's numbers are in the values beside it)
    "values",  # the values by visit
    "changes",  # each person's change in words, and a notable disagreement
    "note",  # what the numbers mean: thresholds, answers off the scale, the scale's ends
    "free-text",  # what people said with their numbers
    "alert-box",  # a relationship check lower than the time before
    "recurrences",  # themes and worries that came back
]

FLAG = "⚑"
OWN_WORDS = "In their own words"

# Section ids, in the order they are listed.
GOALS = "goals"
RELATIONSHIP = "relationship"
CHANGE_TALK = "change-talk"
THEMES = "themes"
QUESTIONS = "questions"  # listed when no question was asked twice yet
QUESTION = "question-"  # then the question's index in the report

NOTHING_YET = (
    "Nothing to show movement with yet. Movement appears when the same question is "
    "answered on two or more visits: on each visit ask at least one scaling question "
    "(or rate a goal from 0 to 10), and from the second visit on this screen shows how "
    "the answers moved, person by person."
)
ALL_OFF_SCALE = "No answer on the scale to draw: every answer so far was off the scale."
NO_QUESTIONS = (
    "No question has been answered on two visits yet. Ask the same scaling "
    "question on the next visit and it will show here, person by person."
)
NO_GOALS = (
    "No goals yet. Agree a goal with the family (G on the case screen) and ask "
    "for a 0 to 10 rating on each visit to see it move."
)
NOT_RATED = "Not rated on a visit yet."
GAS_NOT_RECORDED = "GAS levels written; none recorded on a visit yet."
GAS_TITLE = "Goal attainment (GAS levels, -2 to +2)"
LOWER_THAN_BEFORE = f"{FLAG} Lower than the time before:"
BACK_UP = "Dipped, and back up since:"
NO_RELATIONSHIP = (
    "No relationship check answered on two visits yet. After a visit, W on the "
    "case screen asks the family how working together felt."
)
NO_CHANGE_TALK = (
    "No change talk or sustain talk recorded yet. Answers to the change talk "
    "prompts, marked as change or sustain talk, show here visit by visit."
)
SHARE_MEANS = (
    "The share is change talk ÷ (change talk + sustain talk), on visits where either was heard."
)
NO_THEMES = (
    "No themes or worries recorded yet. Tag answers with a theme, or flag a "
    "worry, when recording them, to see what keeps coming back."
)


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of a section, shown in order."""

    kind: PartKind
    lines: tuple[str, ...] = ()
    looks: tuple[Look | None, ...] = ()  # "changes": each line's marker (None: no marker)
    grid: Grid | None = None
    chart: ChartSpec | None = None
    small: bool = False  # a chart among several in one section: one row per unit at most


def heading(report: MovementReport) -> str:
    """'DEMO-HARPER · movement · 5 visits, 4 Aug to 27 Oct 2026 · care status: ...'."""
    return (
        f"{report.reference} · movement · {visits_line(report)} · care status: {report.care_status}"
    )


def standing_alerts(
    report: MovementReport,
) -> tuple[tuple[RelationshipAlert, ...], tuple[Recovery, ...]]:
    """The drops still to be talked about, and those the person has come back from."""
    return split_recovered(report.relationship_alerts, report.relationship)


def alert(report: MovementReport) -> str:
    """The relationship check alert said on every section, or '' when nothing dropped
    (or every drop has since recovered: that is said in the section, not as an alert)."""
    sentence = alert_sentence(standing_alerts(report)[0])
    return f"{FLAG} {sentence}" if sentence else ""


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


def section_list(report: MovementReport) -> list[tuple[str, str] | None]:
    """The sections as (id, name), in order; None where the list has a divider.

    Empty when there is nothing to show yet (then only `NOTHING_YET` is said).
    """
    if not has_anything(report):
        return []
    sections: list[tuple[str, str] | None] = []
    if report.questions:
        sections += [(f"{QUESTION}{n}", q.title) for n, q in enumerate(report.questions)]
    else:
        sections.append((QUESTIONS, "Questions"))
    check = "Relationship check" + (f" {FLAG}" if standing_alerts(report)[0] else "")
    sections += [
        None,
        (GOALS, "Goals"),
        (RELATIONSHIP, check),
        (CHANGE_TALK, "Change talk"),
        (THEMES, "Themes and worries"),
    ]
    return sections


def section_parts(
    report: MovementReport, section: str, looks: dict[PerspectiveKey, Look]
) -> list[Part]:
    """What `section` (an id from `section_list`) shows, in order."""
    if section.startswith(QUESTION):
        return list(question_parts(report.questions[int(section.removeprefix(QUESTION))], looks))
    if section == QUESTIONS:
        return [_title("Questions"), _hint(NO_QUESTIONS)]
    builders = {
        GOALS: goal_parts,
        RELATIONSHIP: relationship_parts,
        CHANGE_TALK: change_talk_parts,
        THEMES: theme_parts,
    }
    return list(builders[section](report, looks))


def change_line(series: SeriesMovement) -> str:
    """A person's change in words, with whether it is reliable when the pack says."""
    said = change_sentence(series)
    if reliable := reliable_words(series.from_first):
        said = f"{said.removesuffix('.')}: {reliable}."
    return said


def question_parts(
    question: QuestionMovement, looks: dict[PerspectiveKey, Look], *, small: bool = False
) -> Iterator[Part]:
    yield Part("block-title" if small else "section-title", (question.title,))
    if question.wording and not small:
        yield Part("wording", (f"Asked: {question.wording}",))
    yield from series_parts(
        question.series,
        looks,
        scale_min=question.scale_min,
        scale_max=question.scale_max,
        min_label=question.min_label,
        max_label=question.max_label,
        small=small,
        extra=[disagreement_sentence(question.disagreement)],
    )
    yield from _note(
        threshold_sentence(question),
        *off_scale_notes(question.series, question.scale_min, question.scale_max),
        scale_sentence(question),
    )
    words = own_words(question.series)
    if words:
        yield Part("free-text", (OWN_WORDS, *words))


def series_parts(
    series: Sequence[SeriesMovement],
    looks: dict[PerspectiveKey, Look],
    *,
    scale_min: float | None,
    scale_max: float | None,
    min_label: str = "",
    max_label: str = "",
    small: bool = False,
    extra: Sequence[str] = (),
) -> Iterator[Part]:
    """The chart, the values by visit, and each person's change in words."""
    spec = series_chart(
        series,
        looks,
        scale_min=scale_min,
        scale_max=scale_max,
        min_label=min_label,
        max_label=max_label,
    )
    if spec is None:
        yield Part("note", (ALL_OFF_SCALE,))
    else:
        overlap = overlap_note(series)
        yield Part("chart", (overlap,) if overlap else (), chart=spec, small=small)
    yield Part("values", grid=series_grid(series, looks))
    said = [line for line in extra if line]
    yield Part(
        "changes",
        (*(change_line(s) for s in series), *said),
        (*(looks[key_of(s.who)] for s in series), *(None for _ in said)),
    )


def goal_parts(report: MovementReport, looks: dict[PerspectiveKey, Look]) -> Iterator[Part]:
    yield _title("Goals")
    if not report.goals:
        yield _hint(NO_GOALS)
        return
    gas = gas_grid(report.goals, report.gas)
    if gas is not None:
        yield Part("block-title", (GAS_TITLE,))
        yield Part("values", grid=gas)
        yield from _note(t_score_sentence(report.gas))
    for number, goal in enumerate(report.goals, start=1):
        yield Part("block-title", (goal_heading(goal, number),))
        if goal.ratings:
            yield from series_parts(goal.ratings, looks, scale_min=0, scale_max=10, small=True)
            yield from _note(*off_scale_notes(goal.ratings, 0, 10))
        else:
            yield Part("note", (NOT_RATED,))
        if goal.has_gas and goal.gas_t_score is None:
            yield Part("note", (GAS_NOT_RECORDED,))


def relationship_parts(report: MovementReport, looks: dict[PerspectiveKey, Look]) -> Iterator[Part]:
    yield _title("Relationship check")
    standing, recovered = standing_alerts(report)
    if standing:
        yield Part("alert-box", (LOWER_THAN_BEFORE, *alert_lines(standing)))
    if recovered:
        yield Part("note", (BACK_UP, *recovery_lines(recovered)))
    if not report.relationship:
        yield _hint(NO_RELATIONSHIP)
        return
    for question in report.relationship:
        yield from question_parts(question, looks, small=True)


def change_talk_parts(report: MovementReport, looks: dict[PerspectiveKey, Look]) -> Iterator[Part]:
    yield _title("Change talk")
    visits = report.change_talk
    if not any(v.change_talk or v.sustain_talk for v in visits):
        yield _hint(NO_CHANGE_TALK)
        return
    yield Part("wording", (SHARE_MEANS,))
    spec = change_talk_chart(visits)
    if spec is not None:
        yield Part("chart", chart=spec)
    grid = change_talk_grid(visits)
    if grid is not None:
        yield Part("values", grid=grid)
    sentence = change_talk_sentence(visits)
    if sentence:
        yield Part("changes", (sentence,), (None,))


def theme_parts(report: MovementReport, looks: dict[PerspectiveKey, Look]) -> Iterator[Part]:
    yield _title("Themes and worries")
    if not report.themes and not report.worries:
        yield _hint(NO_THEMES)
        return
    for name, items in (("Worries", report.worries), ("Themes", report.themes)):
        if not items:
            continue
        yield Part("block-title", (name,))
        lines = []
        for item in items:
            mark = f"{FLAG} " if item.worry else "• "
            new = " · new" if item.is_new and "new" not in item.words else ""
            lines.append(mark + recurrence_line(item) + new)
        yield Part("recurrences", tuple(lines))


def sentences(parts: Iterable[Part], *, with_charts: bool = True) -> list[str]:
    """Every line of words the parts say, in order (not the values: those are numbers).

    `with_charts=False` leaves out what is said about a chart, for a front end without one.
    """
    return [line for part in parts if with_charts or part.kind != "chart" for line in part.lines]


def _title(text: str) -> Part:
    return Part("section-title", (text,))


def _hint(text: str) -> Part:
    return Part("hint", (text,))


def _note(*lines: str) -> Iterator[Part]:
    said = tuple(line for line in lines if line)
    if said:
        yield Part("note", said)
