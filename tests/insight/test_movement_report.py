"""The whole movement report for a small case made by hand: every field, worked out by hand.

Kit (a child), Jo (a parent), Ash (the practitioner) and Bo (Kit's brother, answered for
by Kit), over four visits two weeks apart. Three goals: Jo's "Calmer evenings" (GAS levels,
weight 2), Kit's "Tell someone" (GAS levels) and "Own bed" (achieved, no GAS levels).
The pack gives "Safe at home" a reliable-change threshold of 2.
"""

from __future__ import annotations

from datetime import date

import pytest
from movement_records import answer, visit_id, visits

from sessionkit.domain import CareStatus, Case, ChangeTalk, GasLevel, Goal, GoalStatus, Member, Role
from sessionkit.domain.answer import Answer
from sessionkit.insight.movement_report import build_report, change, series_movement
from sessionkit.insight.report import MovementReport, QuestionMovement, Value, VisitRef, Who
from sessionkit.toolpacks.schema import PackMeta, Prompt, ReliableChange, ResolvedPack, Scale, Tool

KIT, JO, ASH, BO = 1, 2, 3, 4
LEVELS = [GasLevel(level=n, description=f"level {n}") for n in range(-2, 3)]

PACK = ResolvedPack(
    meta=PackMeta(id="test", name="Test pack", version="1"),
    chain=("test",),
    tools=(
        Tool(
            id="scaling",
            name="Scaling",
            group="scaling",
            purpose="Numbers that show movement.",
            prompts=[
                Prompt(
                    id="scaling.safety",
                    kind="scale",
                    title="Safe at home",
                    wording="How safe do you feel at home, 0 to 10?",
                    scale=Scale(
                        min_label="not safe",
                        max_label="safe",
                        reliable_change=ReliableChange(threshold=2, source="A test study"),
                    ),
                ),
                Prompt(
                    id="scaling.coping", kind="scale", title="Coping", wording="How is it going?"
                ),
                Prompt(id="scaling.worry", kind="scale", title="Worries", wording="How worried?"),
            ],
        ),
        Tool(
            id="relationship-check",
            name="Relationship check",
            group="relationship",
            purpose="How working together is going.",
            prompts=[
                Prompt(
                    id="relationship.listened",
                    kind="scale",
                    title="Feeling listened to",
                    wording="How much did you feel listened to today?",
                )
            ],
        ),
    ),
)

CASE = Case(
    id=1,
    reference="KT-7",
    care_status=frozenset({CareStatus.IN_CARE, CareStatus.CHILD_IN_NEED}),
    opened_on=date(2026, 1, 1),
)
MEMBERS = [
    Member(id=KIT, case_id=1, name="Kit", role=Role.CHILD, age=10),
    Member(id=JO, case_id=1, name="Jo", role=Role.PARENT),
    Member(id=ASH, case_id=1, name="Ash", role=Role.PRACTITIONER),
    Member(id=BO, case_id=1, name="Bo", role=Role.SIBLING, age=5),
]
EVENINGS = Goal(
    id=1,
    case_id=1,
    owner_member_id=JO,
    text="Calmer evenings",
    low_label="shouting",
    high_label="calm",
    gas_levels=LEVELS,
    weight=2,
)
TELL = Goal(id=2, case_id=1, owner_member_id=KIT, text="Tell someone", gas_levels=LEVELS)
BED = Goal(id=3, case_id=1, text="Own bed", status=GoalStatus.ACHIEVED)
GOALS = [EVENINGS, TELL, BED]


def gas(number: int, goal: Goal, level: float, who: int) -> Answer:
    return answer(
        number, goal.gas_prompt_id, level, who=who, scale=(-2, 2), tool_id="goal", goal_id=goal.id
    )


def rating(number: int, goal: Goal, value: float, who: int) -> Answer:
    return answer(number, goal.rating_prompt_id, value, who=who, goal_id=goal.id)


def listened(number: int, value: float, who: int) -> Answer:
    return answer(number, "relationship.listened", value, who=who, tool_id="relationship-check")


def talk(number: int, kind: ChangeTalk) -> Answer:
    return answer(number, "change-talk.desire", who=JO, text="words", talk=kind)


ANSWERS = [
    # Visit 1
    answer(1, "scaling.safety", 4, who=KIT, worry=True),
    answer(1, "scaling.safety", 7, who=JO),
    answer(1, "scaling.safety", 5, who=ASH),
    answer(1, "scaling.safety", 3, who=KIT, for_=BO),
    answer(1, "scaling.coping", 3, who=JO, tags=("bedtime",)),
    rating(1, EVENINGS, 2, JO),
    gas(1, EVENINGS, -1, JO),
    rating(1, TELL, 1, KIT),
    gas(1, TELL, -2, KIT),
    rating(1, BED, 7, JO),
    listened(1, 8, KIT),
    listened(1, 6, JO),
    talk(1, ChangeTalk.SUSTAIN),
    talk(1, ChangeTalk.DESIRE),
    # Visit 2
    answer(2, "scaling.safety", 5, who=KIT),
    answer(2, "scaling.safety", 6, who=KIT),  # a correction: this one counts
    answer(2, "scaling.safety", 7, who=JO),
    answer(2, "scaling.safety", 4, who=ASH),
    answer(2, "scaling.coping", 5, who=JO, tags=("bedtime",)),
    answer(2, "scaling.worry", 6, who=JO),  # asked once only: not among the questions
    answer(2, "warming.doing-ok", who=KIT, text="fine", tags=("school",), worry=True),
    rating(2, EVENINGS, 4, JO),
    gas(2, EVENINGS, 0, JO),
    listened(2, 5, KIT),
    listened(2, 7, JO),
    talk(2, ChangeTalk.DESIRE),
    talk(2, ChangeTalk.ABILITY),
    # Visit 3
    answer(3, "scaling.safety", 500, who=KIT, text="500!"),
    answer(3, "scaling.safety", 9, who=JO),
    answer(3, "scaling.coping", 4, who=JO),
    answer(3, "tired", 6, who=JO, wording="How tired are you,\n0 to 10?"),
    answer(3, "warming.not-ok", who=KIT, text="school again", tags=("School",), worry=True),
    rating(3, EVENINGS, 5, JO),
    gas(3, EVENINGS, 0, JO),
    gas(3, EVENINGS, 1, ASH),  # recorded last on the visit: the level that stands
    gas(3, TELL, 0, KIT),
    listened(3, 7, KIT),
    listened(3, 7, JO),
    # Visit 4
    answer(4, "scaling.safety", 8, who=KIT),
    answer(4, "scaling.safety", 8, who=JO),
    answer(4, "scaling.safety", 7, who=ASH),
    answer(4, "tired", 4, who=JO, wording="How tired are you,\n0 to 10?"),
    answer(4, "miracle.question", who=KIT, text="a pool", tags=("swimming",)),
    rating(4, TELL, 3, KIT),
    gas(4, TELL, 0.5, KIT),  # not one of the five levels: left out
    listened(4, 7, KIT),
    listened(4, 5, JO),
    talk(4, ChangeTalk.COMMITMENT),
    # A visit that is not this case's
    answer(9, "scaling.safety", 1, who=KIT),
]


@pytest.fixture(scope="module")
def report() -> MovementReport:
    return build_report(CASE, MEMBERS, GOALS, visits(4), ANSWERS, PACK)


def values(q: QuestionMovement) -> dict[str, list[tuple[int, float, bool]]]:
    return {
        s.who.label: [(v.visit.number, v.value, v.off_scale) for v in s.values] for s in q.series
    }


def test_case_and_visits(report: MovementReport) -> None:
    assert report.reference == "KT-7"
    assert report.care_status == "child in need, in care"
    assert [(v.number, v.visit_id) for v in report.visits] == [
        (n, visit_id(n)) for n in (1, 2, 3, 4)
    ]
    assert report.visits[1].when == visits(4)[1].started_at


def test_questions_asked_twice_goals_first_then_the_pack_then_the_rest(
    report: MovementReport,
) -> None:
    assert [(q.prompt_id, q.title) for q in report.questions] == [
        ("goal.1.rating", "Calmer evenings"),
        ("goal.2.rating", "Tell someone"),
        ("scaling.safety", "Safe at home"),
        ("scaling.coping", "Coping"),
        ("tired", "How tired are you, 0 to 10?"),
    ]


def test_safe_at_home_side_by_side_with_reliable_changes(report: MovementReport) -> None:
    safety = report.questions[2]
    assert (safety.scale_min, safety.scale_max) == (0, 10)
    assert (safety.min_label, safety.max_label) == ("not safe", "safe")
    assert (safety.threshold, safety.threshold_source) == (2, "A test study")
    assert safety.wording == ""  # as recorded with the latest answer
    assert values(safety) == {
        "Kit": [(1, 4, False), (2, 6, False), (3, 500, True), (4, 8, False)],
        "Kit, for Bo": [(1, 3, False)],
        "Jo": [(1, 7, False), (2, 7, False), (3, 9, False), (4, 8, False)],
        "Ash": [(1, 5, False), (2, 4, False), (4, 7, False)],
    }
    kit, bo, jo, ash = safety.series
    assert kit.who == Who(answered_by=KIT, on_behalf_of=None, label="Kit")
    assert bo.who == Who(answered_by=KIT, on_behalf_of=BO, label="Kit, for Bo")
    assert kit.values[2].text == "500!"
    # Kit: 4 -> 8 on the scale (500 left out): +4 from the first, +2 from 6 (reliable at 2).
    assert (kit.from_first.amount, kit.from_first.reliable) == (4, True)  # type: ignore[union-attr]
    assert (kit.from_previous.amount, kit.from_previous.reliable) == (2, True)  # type: ignore[union-attr]
    assert kit.words == "up 4 since the first visit, up 2 since the last"
    assert bo.from_first is None and bo.from_previous is None
    assert bo.words == "only one answer on the scale so far, so no change yet"
    assert (jo.from_first.amount, jo.from_first.reliable) == (1, False)  # type: ignore[union-attr]
    assert (jo.from_previous.amount, jo.from_previous.reliable) == (-1, False)  # type: ignore[union-attr]
    assert jo.words == "up 1 since the first visit, down 1 since the last"
    assert (ash.from_first.amount, ash.from_previous.amount) == (2, 3)  # type: ignore[union-attr]
    # Visit 4: Kit 8, Jo 8, Ash 7.
    d = safety.disagreement
    assert d is not None and d.visit.number == 4
    assert (d.spread, d.highest, d.lowest, d.notable) == (1, ("Kit", 8), ("Ash", 7), False)


def test_questions_without_a_threshold_make_no_claim(report: MovementReport) -> None:
    coping = report.questions[3]
    assert coping.threshold is None and coping.threshold_source == ""
    (jo,) = coping.series
    assert [v.value for v in jo.values] == [3, 5, 4]
    assert jo.from_first == change(1, None) and jo.from_previous == change(-1, None)
    assert jo.from_first.reliable is None  # type: ignore[union-attr]
    assert coping.disagreement is None


def test_a_question_the_pack_does_not_know(report: MovementReport) -> None:
    tired = report.questions[4]
    assert tired.wording == "How tired are you,\n0 to 10?"
    assert (tired.scale_min, tired.scale_max) == (0, 10)  # as offered when answered
    assert (tired.min_label, tired.max_label, tired.threshold) == ("", "", None)
    assert tired.series[0].words == "down 2 since the first visit, down 2 since the last"


def test_goal_questions_use_the_goal_words(report: MovementReport) -> None:
    evenings = report.questions[0]
    assert (evenings.min_label, evenings.max_label) == ("shouting", "calm")
    assert values(evenings) == {"Jo": [(1, 2, False), (2, 4, False), (3, 5, False)]}


def test_goals_with_ratings_levels_and_t_scores(report: MovementReport) -> None:
    evenings, tell, bed = report.goals
    assert (evenings.goal_id, evenings.text, evenings.status) == (1, "Calmer evenings", "active")
    assert (evenings.owner, evenings.weight, evenings.has_gas) == ("Jo", 2, True)
    assert evenings.ratings == report.questions[0].series
    assert [(v.visit.number, v.level, v.who.label) for v in evenings.gas_values] == [
        (1, -1, "Jo"),
        (2, 0, "Jo"),
        (3, 0, "Jo"),
        (3, 1, "Ash"),
    ]
    assert evenings.gas_t_score == 60  # +1, recorded last on visit 3, the latest with a level

    assert (tell.owner, tell.weight) == ("Kit", 1)
    assert [(v.visit.number, v.level) for v in tell.gas_values] == [(1, -2), (3, 0)]
    assert tell.gas_t_score == 50  # visit 4's 0.5 is not a level
    assert [v.value for v in tell.ratings[0].values] == [1, 3]

    assert (bed.status, bed.owner, bed.weight, bed.has_gas) == ("achieved", "", 1, False)
    assert bed.gas_values == () and bed.gas_t_score is None
    (jo,) = bed.ratings  # rated once: a goal's ratings, but not among the questions
    assert [v.value for v in jo.values] == [7]


def test_t_score_across_goals_per_visit(report: MovementReport) -> None:
    # Visit 1: evenings -1 (weight 2), tell -2 (weight 1): sum wx = -4;
    #   sqrt(0.7 * 5 + 0.3 * 9) = sqrt(6.2) = 2.48998; T = 50 - 40 / 2.48998 = 33.936.
    # Visit 2: evenings 0 alone: 50. Visit 3: evenings +1 (w 2), tell 0: sum wx = 2;
    #   T = 50 + 20 / 2.48998 = 58.032. Visit 4: no level: no score.
    assert [(s.visit.number, s.goals) for s in report.gas] == [(1, 2), (2, 1), (3, 2)]
    assert [s.t_score for s in report.gas] == [
        pytest.approx(33.936, abs=0.001),
        50,
        pytest.approx(58.032, abs=0.001),
    ]


def test_relationship_check_and_its_alerts(report: MovementReport) -> None:
    (check,) = report.relationship
    assert (check.prompt_id, check.title) == ("relationship.listened", "Feeling listened to")
    assert values(check) == {
        "Kit": [(1, 8, False), (2, 5, False), (3, 7, False), (4, 7, False)],
        "Jo": [(1, 6, False), (2, 7, False), (3, 7, False), (4, 5, False)],
    }
    assert check.disagreement is not None and check.disagreement.spread == 2
    assert all(q.prompt_id != "relationship.listened" for q in report.questions)
    assert [
        (a.visit.number, a.who.label, a.title, a.before, a.now) for a in report.relationship_alerts
    ] == [(2, "Kit", "Feeling listened to", 8, 5), (4, "Jo", "Feeling listened to", 7, 5)]


def test_change_talk_per_visit(report: MovementReport) -> None:
    assert [
        (c.visit.number, c.change_talk, c.sustain_talk, c.share) for c in report.change_talk
    ] == [
        (1, 1, 1, 0.5),
        (2, 2, 0, 1),
        (3, 0, 0, None),
        (4, 1, 0, 1),
    ]
    assert report.change_talk[1].counts[ChangeTalk.ABILITY] == 1
    assert set(report.change_talk[2].counts) == set(ChangeTalk)


def test_themes_and_worries(report: MovementReport) -> None:
    assert [(t.name, [v.number for v in t.visits], t.worry, t.words) for t in report.themes] == [
        ("school", [2, 3], True, "seen in 2 of 4 visits"),
        ("bedtime", [1, 2], False, "seen in 2 of 4 visits"),
        ("swimming", [4], False, "new on the latest visit"),
    ]
    assert report.themes[2].is_new and (
        report.themes[0].recent_seen,
        report.themes[0].recent_of,
    ) == (2, 4)
    assert [(w.name, [v.number for v in w.visits], w.words) for w in report.worries] == [
        ("school", [2, 3], "seen in 2 of 4 visits"),
        ("Safe at home", [1], "came up once, 3 visits before the latest"),
    ]


def test_an_off_scale_latest_answer_is_said_in_words() -> None:
    when = VisitRef(visit_id=1, number=1, when=visits(1)[0].started_at)
    later = VisitRef(visit_id=2, number=2, when=visits(2)[1].started_at)
    made = series_movement(
        "scaling.safety",
        Who(answered_by=1, on_behalf_of=None, label="Kit"),
        [Value(later, 500, True, ""), Value(when, 4, False, "")],
    )
    assert [v.visit.number for v in made.values] == [1, 2]  # put in visit order
    assert made.from_first is None
    assert made.words.endswith("; the latest answer, 500, is off the scale")


def test_reliable_means_reaching_the_threshold() -> None:
    assert change(2, 2).reliable is True
    assert change(-2, 2).reliable is True
    assert change(1.9, 2).reliable is False
    assert change(0.1 + 0.2, 0.3).reliable is True  # rounding does not cost a reliable change
    assert change(5, None).reliable is None
    assert change(6.5 - 4.2, None).amount == 2.3  # not 2.3000000000000003


def test_an_empty_case() -> None:
    empty = build_report(CASE, MEMBERS, GOALS, [], [], None)
    assert empty.visits == () and empty.questions == () and empty.gas == ()
    assert [g.ratings for g in empty.goals] == [(), (), ()]
    assert empty.change_talk == () and empty.themes == () and empty.worries == ()


def test_the_case_note_series_read_light_answers_the_same_way(report: MovementReport) -> None:
    from sessionkit.insight.movement import compute_series

    by_key = {
        (s.key.prompt_id, s.key.answered_by, s.key.on_behalf_of): [p.value for p in s.points]
        for s in compute_series(visits(4), ANSWERS)
    }
    for question in report.questions:
        for s in question.series:
            key = (s.prompt_id, s.who.answered_by, s.who.on_behalf_of)
            assert by_key[key] == [v.value for v in s.values]


def test_a_corrected_number_and_what_it_carried_do_not_count() -> None:
    from dataclasses import replace

    keyed = answer(1, "scaling.safety", 3, who=KIT, worry=True, tags=("school",))
    keyed = replace(keyed, id=1, change_talk=frozenset({ChangeTalk.NEED}))
    corrected = replace(answer(1, "scaling.safety", 4, who=KIT), id=2)
    later = replace(answer(2, "scaling.safety", 6, who=KIT), id=3)
    built = build_report(CASE, MEMBERS, GOALS, visits(2), [keyed, corrected, later], PACK)
    assert built.change_talk[0].change_talk == 0
    assert built.worries == () and built.themes == ()
    (safety,) = [q for q in built.questions if q.prompt_id == "scaling.safety"]
    assert [v.value for v in safety.series[0].values] == [4, 6]
