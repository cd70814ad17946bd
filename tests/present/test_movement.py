"""What movement draws and says (on screen and in `sessionkit movement`), worked out by
hand from the fixture report."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from sessionkit.present import charts, grids, movement as mm
from ui import movement_fixtures as fx


def test_each_person_keeps_one_shape_and_colour_across_the_report() -> None:
    report = fx.harper_like()
    looks = mm.looks_for(report)
    assert looks[mm.key_of(fx.MAYA)] == mm.Look("●", 1)
    assert looks[mm.key_of(fx.LEO_BY_MAYA)] == mm.Look("▲", 2)
    assert looks[mm.key_of(fx.SAM)] == mm.Look("■", 3)
    # Maya answering for herself and Maya answering for Leo are two perspectives.
    assert len({look.marker for look in looks.values()}) == len(looks) == 3


def test_off_scale_answers_are_left_off_the_chart_and_the_scale_is_the_one_offered() -> None:
    report = fx.harper_like()
    safety = report.questions[0]
    spec = charts.series_chart(safety.series, mm.looks_for(report), scale_min=0, scale_max=10)
    assert spec is not None
    maya = next(line for line in spec.lines if line.label == "Maya")
    # 500 on visit 3 is not a point on 0-10: the line joins 6 (visit 2) to 3 (visit 4).
    assert maya.points == ((1, 5), (2, 6), (4, 3), (5, 7))
    assert spec.y_range == (0, 10)
    assert [line.label for line in spec.lines] == ["Maya", "Maya, for Leo", "Sam"]


def test_a_series_all_off_the_scale_has_no_chart() -> None:
    visits = fx.visit_refs(2)
    series = fx.series("q", fx.MAYA, (500, 99), visits)
    looks = {mm.key_of(fx.MAYA): mm.Look("●", 1)}
    assert charts.series_chart([series], looks, scale_min=0, scale_max=10) is None


def test_date_labels_carry_the_year_only_when_the_visits_span_years() -> None:
    assert mm.date_label(datetime(2026, 8, 3)) == "3 Aug"
    assert mm.date_label(datetime(2026, 8, 3), with_year=True) == "3 Aug '26"
    assert not mm.spans_years(fx.visit_refs(5))
    assert mm.spans_years(fx.visit_refs(30))


def test_every_visit_is_labelled_when_there_is_room() -> None:
    visits = fx.visit_refs(5)
    ticks = charts.pick_ticks(visits, 60)
    assert ticks == (
        (1, "3 Aug"),
        (2, "24 Aug"),
        (3, "14 Sep"),
        (4, "5 Oct"),
        (5, "26 Oct"),
    )


@pytest.mark.parametrize("width", [30, 47, 66, 90, 140])
def test_many_visits_label_the_first_the_last_and_evenly_between(width: int) -> None:
    visits = fx.visit_refs(500, every_days=7)
    ticks = charts.pick_ticks(visits, width)
    numbers = [x for x, _ in ticks]
    assert numbers[0] == 1 and numbers[-1] == 500
    # No two labels run into each other on a plot `width` cells wide.
    label = max(len(text) for _, text in ticks)
    cells_per_visit = width / 499
    gaps = [(b - a) * cells_per_visit for a, b in itertools.pairwise(numbers)]
    assert min(gaps) >= label + 1
    # Evenly spaced: no gap more than one visit off the others.
    steps = [b - a for a, b in itertools.pairwise(numbers)]
    assert max(steps) - min(steps) <= 1


def test_whole_numbers_get_rows_of_their_own() -> None:
    # 0-10: ten row steps (one per unit), or twenty (two per unit) with the room.
    assert charts.plot_steps(0, 10, 12) == 10
    assert charts.plot_steps(0, 10, 20) == 20
    assert charts.plot_steps(0, 10, 20, most_per_unit=1) == 10
    # Too little room: the largest even division of the scale, never a ragged one.
    assert charts.plot_steps(0, 10, 8) == 5
    assert charts.plot_steps(-2, 2, 9) == 8
    assert charts.plot_steps(0, 100, 17) == 10
    assert (
        charts.chart_height(charts.ChartSpec((), (0, 6), (), (0, 10), "visits", "answer"), 22)
        == 10 + charts.CHART_FRAME
    )


def test_y_labels_fall_on_rows_two_apart_when_they_can() -> None:
    assert charts.y_ticks(0, 10, 10) == [0, 2, 4, 6, 8, 10]
    assert charts.y_ticks(0, 10, 20) == list(range(11))
    assert charts.y_ticks(0, 100, 10) == [0, 20, 40, 60, 80, 100]
    assert charts.y_ticks(-2, 2, 8) == [-2, -1, 0, 1, 2]


def test_a_dense_line_keeps_every_dip_and_peak() -> None:
    # 500 visits on 50 columns: ten answers to a column.
    points = [(float(n), 5.0) for n in range(1, 501)]
    points[233] = (234.0, 0.0)  # one dip, alone in its column
    points[402] = (403.0, 10.0)  # one peak
    thin = charts.thin_to_cells(points, (1, 500), 50)
    assert (234.0, 0.0) in thin and (403.0, 10.0) in thin
    assert thin[0] == (1.0, 5.0) and thin[-1] == (500.0, 5.0)
    assert thin == sorted(thin)  # still in visit order: nothing reordered or averaged
    assert len(thin) <= 4 * 50
    assert set(thin) <= set(points)


def test_few_points_are_kept_as_they_are() -> None:
    points = [(1.0, 2.0), (2.0, 9.0), (3.0, 1.0)]
    assert charts.thin_to_cells(points, (1, 3), 60) == points


def test_the_values_table_never_cuts_a_number() -> None:
    report = fx.harper_like()
    grid = grids.series_grid(report.questions[0].series, mm.looks_for(report))
    assert [row.cells for row in grid.rows] == [
        ("5", "6", "500*", "3", "7"),
        ("5", "5", "7", "6", "8"),
        ("7", "7", "8", "6", "8"),
    ]
    for width in (40, 52, 70, 100):
        text = grids.grid_text(grid, width)
        assert text.label_width + sum(map(len, text.header)) <= max(width, 40)
        for cells in text.rows:
            assert all(
                c.strip()
                in {*grid.rows[0].cells, *grid.rows[1].cells, *grid.rows[2].cells, grids.GAP}
                for c in cells
            )


def test_a_long_case_shows_the_first_visit_a_gap_and_the_latest() -> None:
    report = fx.big(500, 1, 2)
    grid = grids.series_grid(report.questions[0].series, mm.looks_for(report))
    text = grids.grid_text(grid, 70)
    header = [c.strip() for c in text.header]
    assert header[0] == "3 Aug '26" and header[1] == grids.GAP
    assert header[-1] == mm.date_label(report.visits[-1].when, with_year=True)
    first_row = [c.strip() for c in text.rows[0]]
    values = grid.rows[0].cells
    assert first_row[0] == values[0] and first_row[-1] == values[-1]
    assert grids.visible_columns(500, 6) == [0, None, 496, 497, 498, 499]
    assert grids.visible_columns(4, 6) == [0, 1, 2, 3]


def test_sentences_say_the_numbers_plainly() -> None:
    report = fx.harper_like()
    safety, _, worry = report.questions
    maya, _leo, sam = safety.series
    assert mm.change_sentence(maya) == "Maya: up 2 since the first visit, up 4 since the last."
    assert mm.reliable_words(maya.from_first) == "reliable change"
    assert mm.reliable_words(sam.from_first) == "not a reliable change"
    assert mm.threshold_sentence(safety) == (
        "Reliable change: 2 or more since the first visit (the practice team's rule of thumb)."
    )
    assert mm.off_scale_notes(safety.series, 0, 10) == [
        "* Maya said 500 on 14 Sep (off the scale): outside the 0 to 10 scale, kept as "
        "said, not drawn on the chart and not counted in the change."
    ]
    assert mm.scale_sentence(safety) == (
        "Scale 0 to 10: 0 is “not safe at all”, 10 is “completely safe”."
    )
    assert mm.disagreement_sentence(worry.disagreement) == (
        "On 26 Oct Sam said 8, Maya said 4: 4 apart."
    )
    # One point apart is not worth a sentence.
    assert mm.disagreement_sentence(safety.disagreement) == ""
    assert mm.own_words(safety.series) == [
        "14 Sep, Maya: “500 out of 10! Because Dad fixed the lock.”"
    ]


def test_no_threshold_no_claim() -> None:
    report = fx.harper_like()
    coping = report.questions[1]
    assert all(mm.reliable_words(s.from_first) == "" for s in coping.series)
    assert mm.threshold_sentence(coping) == ""


def test_the_relationship_alert_names_who_what_and_when() -> None:
    report = fx.harper_like()
    assert mm.alert_sentence(report.relationship_alerts) == (
        "Relationship check dropped: Sam, Feeling listened to, 9 → 6 on 26 Oct."
    )
    assert mm.alert_lines(report.relationship_alerts) == [
        "Sam, Feeling listened to: down from 9 to 6 on 26 Oct."
    ]
    assert mm.alert_sentence(()) == ""


def test_gas_levels_and_t_scores_by_visit() -> None:
    report = fx.harper_like()
    grid = grids.gas_grid(report.goals, report.gas)
    assert grid is not None
    assert [v.number for v in grid.visits] == [1, 3, 5]
    assert [(row.label, row.cells) for row in grid.rows] == [
        ("Goal 1: Mornings before school feel calmer", ("-2", "-1", "0")),
        ("T-score", ("30", "40", "50")),
    ]
    assert mm.t_score_sentence(report.gas) == (
        "Kiresuk-Sherman T-score 30 on 3 Aug, 50 on 26 Oct (1 goal); "
        "50 means every goal at its expected level."
    )
    assert mm.t_score(52.345) == "52"
    assert mm.t_score(29.92) == "30"
    assert mm.t_score(52.5) == "53"
    assert mm.t_score(38.0) == "38"
    assert mm.gas_level(1) == "+1" and mm.gas_level(0) == "0" and mm.gas_level(-2) == "-2"


def test_change_talk_counts_and_share_per_visit() -> None:
    report = fx.harper_like()
    grid = grids.change_talk_grid(report.change_talk)
    assert grid is not None
    rows = {row.label: row.cells for row in grid.rows}
    assert rows["desire"] == ("0", "1", "1", "0", "0")
    assert rows["taking steps"] == ("0", "0", "0", "0", "2")
    assert rows["change talk"] == ("0", "1", "2", "0", "3")
    assert rows["sustain talk"] == ("0", "2", "1", "2", "1")
    # 1/3, 2/3, 0/2 and 3/4; nothing heard on the first visit.
    assert rows["share"] == ("–", "33%", "67%", "0%", "75%")
    spec = charts.change_talk_chart(report.change_talk)
    assert spec is not None
    points = spec.lines[0].points
    assert [x for x, _ in points] == [2, 3, 4, 5]
    assert [y for _, y in points] == pytest.approx([100 / 3, 200 / 3, 0, 75])
    assert spec.y_range == (0, 100)
    assert mm.change_talk_sentence(report.change_talk) == (
        "On 26 Oct: 3 change talk, 1 sustain talk (75% change talk). "
        "On 24 Aug, the first visit with any: 33%."
    )


def test_headings_and_visits() -> None:
    report = fx.harper_like()
    assert mm.visits_line(report) == "5 visits, 3 Aug to 26 Oct 2026"
    assert mm.visits_line(fx.empty()) == "no visits yet"
    assert mm.goal_heading(report.goals[0], 1) == "Goal 1: Mornings before school feel calmer (Sam)"
    paused = fx.hostile("x").goals[0]
    assert mm.goal_heading(paused, 3) == "Goal 3: x (x) · paused · weight 2"
    assert mm.recurrence_line(report.themes[0]) == "mornings: seen in 4 of the last 5 visits"


def test_marks_on_one_point_are_said_and_off_scale_answers_do_not_count() -> None:
    visits = fx.visit_refs(2)
    maya = fx.series("q", fx.MAYA, (4, 6), visits)
    sam_apart = fx.series("q", fx.SAM, (5, 7), visits)
    sam_same = fx.series("q", fx.SAM, (3, 6), visits)
    off_scale = fx.series("q", fx.SAM, (500, 7), visits)
    maya_off = fx.series("q", fx.MAYA, (500, 6), visits)
    assert mm.overlap_note([maya, sam_apart]) == ""
    assert "sit on one point" in mm.overlap_note([maya, sam_same])
    # Two answers of 500 are not drawn, so they cover nothing.
    assert mm.overlap_note([maya_off, off_scale]) == ""
