"""Relationship check alerts: every recent drop, against the same person's last answer."""

from __future__ import annotations

from movement_records import refs, series

from sessionkit.insight.relationship import alerts, split_recovered
from sessionkit.insight.report import QuestionMovement, SeriesMovement


def question(title: str, *rows: SeriesMovement) -> QuestionMovement:
    return QuestionMovement(
        prompt_id=title.lower().replace(" ", "-"),
        title=title,
        wording="",
        scale_min=0,
        scale_max=10,
        min_label="",
        max_label="",
        threshold=None,
        threshold_source="",
        series=rows,
        disagreement=None,
    )


def test_a_drop_on_a_recent_visit_is_raised() -> None:
    listened = question("Feeling listened to", series("Maya", {1: 7, 2: 8, 3: 8, 4: 5, 5: 8}))
    (alert,) = alerts([listened], refs(5))
    assert (alert.who.label, alert.title) == ("Maya", "Feeling listened to")
    assert (alert.visit.number, alert.before, alert.now) == (4, 8, 5)


def test_any_drop_counts_and_staying_level_does_not() -> None:
    useful = question("Useful", series("Sam", {1: 7, 2: 7, 3: 6}, who=3))
    assert [(a.before, a.now) for a in alerts([useful], refs(3))] == [(7, 6)]


def test_only_drops_on_the_last_visits_are_raised() -> None:
    old_dip = question("Useful", series("Sam", {1: 9, 2: 4, 3: 5, 4: 6, 5: 7, 6: 8, 7: 9}, who=3))
    assert alerts([old_dip], refs(7), recent=5) == ()  # the drop was on visit 2
    assert [a.visit.number for a in alerts([old_dip], refs(7), recent=6)] == [2]


def test_compared_with_the_last_answer_on_the_scale_whenever_it_was() -> None:
    # Visit 2 was off the scale and visit 3 not answered: visit 4 is compared with visit 1.
    listened = question("Listened", series("Maya", {1: 8, 2: 500, 4: 6}, off_scale=(2,)))
    (alert,) = alerts([listened], refs(4))
    assert (alert.visit.number, alert.before, alert.now) == (4, 8, 6)


def test_ordered_by_visit_then_question_then_person() -> None:
    first = question("Listened", series("Maya", {1: 8, 2: 6, 3: 5}), series("Sam", {2: 9, 3: 7}))
    second = question("Useful", series("Maya", {1: 9, 2: 3}))
    found = alerts([first, second], refs(3))
    assert [(a.visit.number, a.title, a.who.label) for a in found] == [
        (2, "Listened", "Maya"),
        (2, "Useful", "Maya"),
        (3, "Listened", "Maya"),
        (3, "Listened", "Sam"),
    ]


def test_no_visits_no_alerts() -> None:
    assert alerts([], refs(0)) == ()


def test_a_drop_back_up_since_is_a_recovery_not_an_alert() -> None:
    listened = question("Feeling listened to", series("Maya", {1: 7, 2: 8, 3: 8, 4: 5, 5: 8}))
    standing, recovered = split_recovered(alerts([listened], refs(5)), [listened])
    assert standing == ()
    (back,) = recovered
    assert (back.alert.now, back.alert.visit.number, back.latest, back.visit.number) == (5, 4, 8, 5)


def test_a_drop_only_partly_back_still_stands() -> None:
    listened = question("Feeling listened to", series("Maya", {1: 8, 2: 5, 3: 7}))
    found = alerts([listened], refs(3))
    standing, recovered = split_recovered(found, [listened])
    assert standing == found and recovered == ()


def test_the_latest_drop_stands_until_a_later_visit() -> None:
    listened = question("Feeling listened to", series("Maya", {1: 8, 2: 5}))
    found = alerts([listened], refs(2))
    assert split_recovered(found, [listened]) == (found, ())
