"""What each movement section says, in order: the parts the screen and the command share."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

from sessionkit.present import movement_sections as ms
from sessionkit.present.movement import looks_for
from ui import movement_fixtures as fx


def parts_of(report: object, section: str) -> list[ms.Part]:
    assert isinstance(report, type(fx.harper_like()))
    return ms.section_parts(report, section, looks_for(report))


def test_sections_are_listed_questions_first_then_the_rest() -> None:
    report = fx.harper_like()
    listed = ms.section_list(report)
    questions = [(f"question-{n}", q.title) for n, q in enumerate(report.questions)]
    assert listed == [
        *questions,
        None,
        (ms.GOALS, "Goals"),
        (ms.RELATIONSHIP, "Relationship check ⚑"),
        (ms.CHANGE_TALK, "Change talk"),
        (ms.THEMES, "Themes and worries"),
    ]


def test_nothing_to_show_lists_no_section() -> None:
    report = fx.empty()
    assert not ms.has_anything(report)
    assert ms.section_list(report) == []
    assert ms.alert(report) == ""
    assert (
        ms.heading(report) == "NEW-1 · movement · no visits yet · care status: no status recorded"
    )


def test_a_question_says_title_wording_changes_notes_and_own_words_in_that_order() -> None:
    report = fx.harper_like()
    parts = parts_of(report, "question-0")
    assert [p.kind for p in parts] == [
        "section-title",
        "wording",
        "chart",
        "values",
        "changes",
        "note",
        "free-text",
    ]
    changes = next(p for p in parts if p.kind == "changes")
    assert (
        changes.lines[0]
        == "Maya: up 2 since the first visit, up 4 since the last: reliable change."
    )
    # One marker per person, as on the chart.
    looks = looks_for(report)
    assert changes.looks == tuple(
        looks[(s.who.answered_by, s.who.on_behalf_of)] for s in report.questions[0].series
    )
    free = next(p for p in parts if p.kind == "free-text")
    assert free.lines[0] == ms.OWN_WORDS


def test_a_disagreement_is_said_only_when_notable() -> None:
    report = fx.harper_like()
    worries = report.questions[2]
    assert worries.disagreement is not None and worries.disagreement.notable
    said = ms.sentences(parts_of(report, "question-2"))
    assert "On 26 Oct Sam said 8, Maya said 4: 4 apart." in said

    quiet = dataclasses.replace(
        worries, disagreement=dataclasses.replace(worries.disagreement, notable=False)
    )
    calmer = dataclasses.replace(report, questions=(*report.questions[:2], quiet))
    assert not [line for line in ms.sentences(parts_of(calmer, "question-2")) if "apart" in line]


def test_what_is_said_about_a_chart_travels_with_it() -> None:
    report = fx.harper_like()
    parts = parts_of(report, "question-0")
    chart = next(p for p in parts if p.kind == "chart")
    assert chart.chart is not None
    said = ms.sentences(parts)
    without = ms.sentences(parts, with_charts=False)
    assert [line for line in said if line not in without] == list(chart.lines)


def test_goals_say_attainment_then_each_goal() -> None:
    parts = parts_of(fx.harper_like(), ms.GOALS)
    titles = [p.lines[0] for p in parts if p.kind == "block-title"]
    assert titles[0] == ms.GAS_TITLE
    assert titles[1].startswith("Goal 1: ")
    assert any(p.kind == "values" for p in parts)
    assert any("Kiresuk-Sherman T-score" in line for line in ms.sentences(parts))


def test_relationship_says_the_drop_first() -> None:
    parts = parts_of(fx.harper_like(), ms.RELATIONSHIP)
    assert parts[1].kind == "alert-box" and parts[1].lines[0] == ms.LOWER_THAN_BEFORE


def test_a_drop_back_up_since_is_said_as_recovered_not_as_an_alert() -> None:
    report = fx.harper_like()
    (dropped,) = report.relationship_alerts
    # Sam answers again on a later visit, back where she was before the drop.
    later = dataclasses.replace(dropped.visit, visit_id=99, number=dropped.visit.number + 1)
    later = dataclasses.replace(later, when=later.when.replace(day=30))
    questions = []
    for q in report.relationship:
        rows = []
        for s in q.series:
            if q.title == dropped.title and s.who == dropped.who:
                back = dataclasses.replace(s.values[-1], visit=later, value=dropped.before)
                s = dataclasses.replace(s, values=(*s.values, back))
            rows.append(s)
        questions.append(dataclasses.replace(q, series=tuple(rows)))
    report = dataclasses.replace(report, relationship=tuple(questions))
    assert ms.alert(report) == ""
    assert (ms.RELATIONSHIP, "Relationship check") in ms.section_list(report)
    parts = parts_of(report, ms.RELATIONSHIP)
    assert all(p.kind != "alert-box" for p in parts)
    assert parts[1].lines == (
        ms.BACK_UP,
        "Sam, Feeling listened to: dipped to 6 on 26 Oct, back to 9 now.",
    )


def test_themes_mark_worries_and_what_is_new() -> None:
    parts = parts_of(fx.harper_like(), ms.THEMES)
    lines = [line for p in parts if p.kind == "recurrences" for line in p.lines]
    assert lines and all(line.startswith(("⚑ ", "• ")) for line in lines)


def test_empty_sections_say_what_to_record() -> None:
    report = fx.empty()
    assert ms.sentences(parts_of(report, ms.QUESTIONS)) == ["Questions", ms.NO_QUESTIONS]
    assert ms.sentences(parts_of(report, ms.GOALS)) == ["Goals", ms.NO_GOALS]
    assert ms.sentences(parts_of(report, ms.CHANGE_TALK)) == ["Change talk", ms.NO_CHANGE_TALK]
    assert ms.sentences(parts_of(report, ms.THEMES)) == ["Themes and worries", ms.NO_THEMES]


def test_present_does_not_import_textual() -> None:
    code = (
        "import sys, sessionkit.present.movement_sections, sessionkit.present.tool_search; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
