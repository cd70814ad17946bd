"""The capture session's rules, against a real store, without an app.

Every write is also tried with another program holding the write lock and with a full
disk: the store error comes out as it is, and the session still shows what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.faults import disk_full, locked

from sessionkit.domain import (
    Case,
    ChangeTalk,
    CommunicationNeed,
    EntryMode,
    Goal,
    HowGiven,
    Member,
    PlannedTool,
    Response,
    Role,
    Visit,
    VisitPlan,
    now,
)
from sessionkit.domain.number_entry import WINDOW_SECONDS
from sessionkit.domain.perspective import Perspective
from sessionkit.locations import bundled_dir
from sessionkit.present.undo import undone_sentence
from sessionkit.services.capture import CaptureSession, edited, themes_from
from sessionkit.services.errors import NoAnswerYet, VisitIsFinished, VisitNotReady
from sessionkit.services.questions import Question, now_text, tag_summary
from sessionkit.services.visits import (
    clock_minutes,
    new_visit,
    start_visit,
    unfinished,
    visit_title,
)
from sessionkit.storage import Store, StoreError
from sessionkit.toolpacks import ResolvedPack, load_catalog

FAULTS = [pytest.param(locked, id="locked"), pytest.param(disk_full, id="disk-full")]
Fault = Callable[[Store], AbstractContextManager[None]]


@pytest.fixture(scope="module")
def pack() -> ResolvedPack:
    return load_catalog([bundled_dir("toolpacks")]).resolve("core")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "sessionkit.db", busy_timeout_ms=100)
    yield store
    store.close()


class Family:
    """Maya (a child), Sam (her parent) and Leo (her brother, not at this visit)."""

    def __init__(self, store: Store, pack: ResolvedPack) -> None:
        self.store, self.pack = store, pack
        case = store.add_case(Case(reference="KT-204"))
        assert case.id is not None
        self.case_id = case.id
        self.maya = self._member("Maya", Role.CHILD, 9)
        self.sam = self._member("Sam", Role.PARENT, 34)
        self.leo = self._member("Leo", Role.SIBLING, 6)
        goal = store.add_goal(Goal(case_id=case.id, text="Calmer mornings before school"))
        assert goal.id is not None
        self.goal_id = goal.id

    def _member(self, name: str, role: Role, age: int) -> int:
        member = self.store.add_member(Member(case_id=self.case_id, name=name, role=role, age=age))
        assert member.id is not None
        return member.id

    def visit(self, *, days_ago: int = 0, **fields: Any) -> Visit:
        fields.setdefault("present_member_ids", [self.maya, self.sam])
        return self.store.start_visit(
            Visit(
                case_id=self.case_id,
                started_at=now() - timedelta(days=days_ago),
                pack_id=self.pack.id,
                pack_version=self.pack.version,
                **fields,
            )
        )

    def session(self, visit: Visit) -> CaptureSession:
        assert visit.id is not None
        return CaptureSession.load(self.store, self.pack, visit.id)


@pytest.fixture
def family(store: Store, pack: ResolvedPack) -> Family:
    return Family(store, pack)


def _at_prompt(session: CaptureSession, prompt_id: str) -> None:
    index = session.add_question(prompt_id)
    assert index is not None
    session.select_question(index)


def _here(session: CaptureSession) -> tuple[Question, Perspective]:
    current = session.current()
    assert current is not None
    return current


def _stored(session: CaptureSession) -> list[Response]:
    assert session.visit.id is not None
    return session.store.list_responses(session.visit.id)


def _state(session: CaptureSession) -> tuple[Any, ...]:
    return (
        list(session.responses),
        session.visit,
        session.can_undo,
        len(session.questions),
    )


# -- loading ---------------------------------------------------------------------------


def test_load_reads_the_visit_its_people_questions_and_answers(family: Family) -> None:
    earlier = family.visit(days_ago=7)
    before = family.session(earlier)
    _at_prompt(before, "scaling.safety")
    before.record(*_here(before), value=4)
    plan = family.store.save_plan(
        VisitPlan(case_id=family.case_id, tools=[PlannedTool(tool_id="three-houses")])
    )
    visit = family.visit(plan_id=plan.id)
    session = family.session(visit)
    assert session.case.reference == "KT-204" and session.number == 2
    assert set(session.members) == {family.maya, family.sam, family.leo}
    assert session.keys == {"M": family.maya, "S": family.sam}  # only those present
    ids = [q.prompt_id for q in session.questions]
    assert ids[0] == f"goal.{family.goal_id}.rating"  # the goal first
    assert "scaling.safety" in ids
    assert ids[-3:] == ["three-houses.worries", "three-houses.good-things", "three-houses.dreams"]
    assert session.plan is not None and session.plan.id == plan.id
    assert [r.value for r in session.earlier] == [4] and session.responses == []
    assert session.question_index == 0 and session.person_index == 0


def test_an_answered_prompt_of_a_resumed_visit_is_asked_again(family: Family) -> None:
    visit = family.visit()
    first = family.session(visit)
    _at_prompt(first, "miracle.question")
    first.record(*_here(first), text="no more shouting")
    resumed = family.session(visit)
    assert "miracle.question" in [q.prompt_id for q in resumed.questions]
    assert [r.text for r in resumed.responses] == ["no more shouting"]
    assert not resumed.can_undo  # undo is for what was recorded on this screen


def test_a_resumed_visit_carries_on_at_its_last_answer(family: Family) -> None:
    visit = family.visit()
    first = family.session(visit)
    _at_prompt(first, "scaling.safety")
    first.record(*_here(first), value=4)
    _at_prompt(first, "miracle.question")
    first.choose_person(family.sam)
    first.cycle_on_behalf()  # Sam, for Maya
    first.record(*_here(first), text="she would get up first")
    resumed = family.session(visit)
    assert resumed.question_index == 0  # as loaded; carrying on is asked for
    resumed.resume_where_left()
    assert resumed.question is not None and resumed.question.prompt_id == "miracle.question"
    assert resumed.perspective == Perspective(family.sam, family.maya)


def test_a_new_or_finished_visit_starts_at_the_first_question(family: Family) -> None:
    fresh = family.session(family.visit())
    fresh.resume_where_left()
    assert (fresh.question_index, fresh.person_index) == (0, 0)
    visit = family.visit(days_ago=1)
    done = family.session(visit)
    _at_prompt(done, "miracle.question")
    done.record(*_here(done), text="calm")
    done.finish()
    read = family.session(visit)
    read.resume_where_left()
    assert read.question_index == 0  # a finished visit is read from the top


# -- who is answering ------------------------------------------------------------------


def test_perspectives_people_and_on_behalf_cycling(family: Family) -> None:
    session = family.session(family.visit())
    maya, sam = Perspective(family.maya), Perspective(family.sam)
    assert session.perspectives() == [maya, sam]
    session.move_person(1)
    assert session.perspective == sam
    session.move_person(1)
    assert session.perspective == maya  # round again
    assert session.choose_person(family.sam) and session.perspective == sam
    assert not session.choose_person(family.leo)  # not at this visit
    session.cycle_on_behalf()  # Sam, for Maya
    assert session.perspective == Perspective(family.sam, family.maya)
    session.cycle_on_behalf()  # Sam, for Leo
    assert session.perspective == Perspective(family.sam, family.leo)
    session.cycle_on_behalf()  # Sam for himself again
    assert session.perspective == sam
    session.cycle_on_behalf()
    assert session.choose_person(family.sam)  # Shift+initial: for himself
    assert session.perspective == sam


def test_the_childs_wording_is_kept_for_a_child(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    question = session.question
    assert question is not None and question.child_wording
    saved = session.record(question, Perspective(family.maya), value=7)
    assert saved.wording == question.child_wording
    saved = session.record(question, Perspective(family.sam), value=6)
    assert saved.wording == question.wording


def test_latest_and_earlier_answers(family: Family) -> None:
    old = family.session(family.visit(days_ago=3))
    _at_prompt(old, "scaling.safety")
    question, maya = _here(old)
    old.record(question, maya, value=3)
    old.record(question, maya, value=5)
    session = family.session(family.visit())
    assert session.latest(question, maya) is None
    earlier = session.earlier_answer(question, maya)
    assert earlier is not None and earlier.value == 5


# -- recording -------------------------------------------------------------------------


def test_record_is_stored_before_it_is_shown(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    saved = session.record(*_here(session), value=7)
    assert _stored(session) == session.responses == [saved]
    assert saved.entry is EntryMode.LIVE


def test_an_answer_entered_afterwards_is_dated_at_the_visit_start(family: Family) -> None:
    started = (now() - timedelta(days=2)).replace(microsecond=0)
    visit = family.store.start_visit(
        Visit(
            case_id=family.case_id,
            started_at=started,
            entry=EntryMode.AFTERWARDS,
            present_member_ids=[family.maya],
        )
    )
    session = family.session(visit)
    _at_prompt(session, "scaling.safety")
    saved = session.record(*_here(session), value=2)
    assert saved.said_at == started and saved.entry is EntryMode.AFTERWARDS


def test_list_choice_and_level_answers_replace_this_visits_earlier_one(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "genogram.who")
    question, maya = _here(session)
    first = session.record_or_replace(question, maya, items=["mum"])
    second = session.record_or_replace(question, maya, items=["mum", "nan"])
    assert second.id == first.id and second.edited_at is not None
    assert [r.items for r in _stored(session)] == [["mum", "nan"]]
    sam = session.record_or_replace(question, Perspective(family.sam), items=["dad"])
    assert sam.id != first.id and len(_stored(session)) == 2


def test_three_houses_all_join_the_questions_and_each_answer_is_kept(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "three-houses.worries")
    question = session.question
    assert question is not None
    houses = session.houses(question)
    assert [h.prompt_id for h in houses] == [
        "three-houses.worries",
        "three-houses.good-things",
        "three-houses.dreams",
    ]
    for_leo = Perspective(family.maya, family.leo)
    answers = {"three-houses.worries": ["the bus"], "three-houses.dreams": ["a dog"]}
    last = session.record_houses(for_leo, houses, answers)
    assert last is not None and last.items == ["a dog"]
    assert {r.prompt_id: r.items for r in _stored(session)} == answers
    assert {h.prompt_id for h in houses} <= {q.prompt_id for q in session.questions}


def test_words_replace_the_words_of_this_visits_answer(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "miracle.question")
    question, maya = _here(session)
    first = session.set_words(question, maya, "no shouting", None)
    again = session.set_words(question, maya, "no shouting at all", None)
    assert again.id == first.id and [r.text for r in _stored(session)] == ["no shouting at all"]


def test_words_without_an_answer_are_one_with_the_number_they_start_with(
    family: Family,
) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    saved = session.set_words(*_here(session), "500 out of 10", 500.0)
    assert (saved.value, saved.text, saved.off_scale) == (500, "500 out of 10", True)


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("4", 4.0, (4.0, "")),  # only the number: no words
        ("4, after thinking about it", 4.0, (4.0, "4, after thinking about it")),
        ("6.5", 6.5, (6.5, "")),
    ],
)
def test_an_edit_keeps_the_words_unless_only_the_number_was_typed(
    family: Family, text: str, value: float, expected: tuple[float, str]
) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    three = session.record(*_here(session), value=3)
    assert (edited(three, text, value).value, edited(three, text, value).text) == expected
    saved = session.edit(three, text, value)
    assert (saved.value, saved.text) == expected and saved.edited_at is not None
    assert _stored(session) == [saved]


# -- digits ----------------------------------------------------------------------------


def test_one_then_zero_quickly_is_ten_in_one_answer(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    session.type_digit(1, at=10.0)
    ten = session.type_digit(0, at=10.0 + WINDOW_SECONDS - 0.1)
    assert [r.value for r in _stored(session)] == [10] and ten.edited_at is not None


def test_one_then_zero_slowly_is_two_answers(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    session.type_digit(1, at=10.0)
    session.type_digit(0, at=10.0 + WINDOW_SECONDS)
    assert [r.value for r in _stored(session)] == [1, 0]


def test_another_person_in_between_makes_the_zero_their_own(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    session.type_digit(1, at=10.0)
    session.move_person(1)
    session.type_digit(0, at=10.1)
    assert [(r.answered_by, r.value) for r in _stored(session)] == [
        (family.maya, 1),
        (family.sam, 0),
    ]


def test_another_question_in_between_starts_a_new_number(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    session.type_digit(1, at=10.0)
    _at_prompt(session, "scaling.coping")
    session.type_digit(0, at=10.1)
    assert [(r.prompt_id, r.value) for r in _stored(session)] == [
        ("scaling.safety", 1),
        ("scaling.coping", 0),
    ]


def test_after_an_undo_or_an_edit_the_zero_is_a_new_answer(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    one = session.type_digit(1, at=10.0)
    session.edit(one, "2", 2.0)
    session.type_digit(0, at=10.1)
    assert [r.value for r in _stored(session)] == [2, 0]
    session.type_digit(1, at=20.0)
    session.undo()
    session.type_digit(0, at=20.1)
    assert [r.value for r in _stored(session)] == [2, 0, 0]


def test_a_digit_on_a_question_without_a_scale_is_refused(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "miracle.question")
    with pytest.raises(NoAnswerYet):
        session.type_digit(5, at=1.0)
    assert _stored(session) == []


# -- tags ------------------------------------------------------------------------------


def test_change_talk_worry_and_themes_tag_the_answer_shown(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    session.type_digit(6, at=1.0)
    assert session.toggle_change_talk(ChangeTalk.DESIRE).change_talk == {ChangeTalk.DESIRE}
    both = {ChangeTalk.DESIRE, ChangeTalk.NEED}
    assert session.toggle_change_talk(ChangeTalk.NEED).change_talk == both  # several kinds
    assert session.toggle_change_talk(ChangeTalk.NEED).change_talk == {ChangeTalk.DESIRE}
    assert session.toggle_worry().worry
    assert not session.toggle_worry().worry
    saved = session.set_themes("mornings, school ,, ")
    assert saved.tags == ["mornings", "school"] == session.themes()
    (stored,) = _stored(session)
    assert stored.tags == ["mornings", "school"] and stored.change_talk == {ChangeTalk.DESIRE}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("school, sleep", ["school", "sleep"]),
        ("  mornings , school ,", ["mornings", "school"]),
        ("", []),
        (",,", []),
        ("one theme", ["one theme"]),
    ],
)
def test_themes_are_split_on_commas(text: str, expected: list[str]) -> None:
    assert themes_from(text) == expected


def test_a_tag_without_an_answer_says_so(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    for tag in (
        session.toggle_worry,
        lambda: session.toggle_change_talk(ChangeTalk.DESIRE),
        lambda: session.set_themes("school"),
        session.themes,
    ):
        with pytest.raises(NoAnswerYet):
            tag()
    assert _stored(session) == []


# -- undo and finish -------------------------------------------------------------------


def test_undo_removes_what_this_session_recorded_last_first(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    first = session.type_digit(3, at=1.0)
    session.move_person(1)
    second = session.type_digit(5, at=2.0)
    undone = session.undo()
    assert undone is not None and undone.saved == second and undone.previous is None
    undone = session.undo()
    assert undone is not None and undone.saved == first
    assert session.undo() is None and not session.can_undo
    assert _stored(session) == [] and session.responses == []


def test_undo_takes_back_the_last_action_not_the_last_answer(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    recorded = session.type_digit(5, at=1.0)
    session.toggle_worry()
    session.set_themes("school, sleep")
    names = session.names()

    undone = session.undo()
    assert undone is not None and undone.action == "themes"
    assert undone_sentence(undone.action, undone.saved, undone.previous, names) == (
        "Undone: themes on Maya's answer"
    )
    (kept,) = _stored(session)
    assert kept.tags == [] and kept.worry and kept.value == 5 and session.responses == [kept]

    undone = session.undo()
    assert undone is not None
    assert undone_sentence(undone.action, undone.saved, undone.previous, names) == (
        "Undone: worry flag on Maya's answer"
    )
    (kept,) = _stored(session)
    assert not kept.worry and kept.value == 5

    undone = session.undo()
    assert undone is not None and undone.saved.id == recorded.id
    assert undone_sentence(undone.action, undone.saved, undone.previous, names).startswith(
        "Undone: Maya's answer 5 to “"
    )
    assert _stored(session) == [] and not session.can_undo


def test_a_ten_typed_is_one_action_for_undo(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    session.type_digit(1, at=1.0)
    session.type_digit(0, at=1.2)
    assert [r.value for r in _stored(session)] == [10]
    undone = session.undo()
    assert undone is not None and undone.previous is None
    assert _stored(session) == [] and not session.can_undo


def test_a_correction_keeps_what_was_said_with_the_number_it_corrects(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    question, perspective = _here(session)
    session.record_said(question, perspective, "5, school is hard", 5.0, words_only=False)
    session.toggle_worry()
    session.set_themes("school")
    session.toggle_change_talk(ChangeTalk.NEED)
    session.type_digit(6, at=50.0)
    first, second = _stored(session)
    assert (second.value, second.text, second.tags, second.worry, second.change_talk) == (
        6,
        "5, school is hard",
        ["school"],
        True,
        frozenset({ChangeTalk.NEED}),
    )
    assert first.worry  # history is kept as it was
    # A correction with words of its own keeps its own.
    third = session.record(question, perspective, value=7, text="better now")
    assert third.text == "better now" and third.tags == ["school"]
    # Another person's number corrects nothing.
    session.move_person(1)
    other = session.record(*_here(session), value=2)
    assert other.text == "" and not other.worry


def test_several_kinds_of_change_talk_stay_together(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    session.type_digit(5, at=1.0)
    session.toggle_change_talk(ChangeTalk.COMMITMENT)
    both = session.toggle_change_talk(ChangeTalk.DESIRE)
    assert both.change_talk == {ChangeTalk.COMMITMENT, ChangeTalk.DESIRE}
    assert "desire" in tag_summary(both) and "commitment" in tag_summary(both)


def test_how_an_answer_was_given_comes_from_the_person_and_cycles(family: Family) -> None:
    family.store.update_member(
        family.store.get_member(family.sam).model_copy(
            update={"communication_needs": frozenset({CommunicationNeed.SIGN_LANGUAGE})}
        )
    )
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    question, maya = _here(session)
    assert session.record(question, maya, value=4).given_as is HowGiven.SAID
    pointed = session.record(question, maya, value=5, given_as=HowGiven.POINTED)
    assert pointed.given_as is HowGiven.POINTED
    assert session.cycle_how_given().given_as is HowGiven.SHOWED
    assert now_text(session.latest(question, maya)) == "5 · showed"
    session.move_person(1)
    assert session.record(*_here(session), value=3).given_as is HowGiven.SIGNED
    undone = session.undo()
    assert undone is not None and undone.previous is None
    undone = session.undo()
    assert undone is not None and undone.action == "given_as"
    assert session.latest(question, maya).given_as is HowGiven.POINTED  # type: ignore[union-attr]


def test_finish_ends_now_but_never_before_the_start(family: Family) -> None:
    session = family.session(family.visit())
    before = now()
    finished = session.finish()
    assert finished.ended_at is not None and finished.ended_at >= before
    assert family.store.get_visit(finished.id or 0).is_finished
    # A visit written up afterwards for a time ahead of the clock's: it ends when it began.
    ahead = (now() + timedelta(minutes=5)).replace(microsecond=0)
    visit = family.store.start_visit(
        Visit(case_id=family.case_id, started_at=ahead, present_member_ids=[family.sam])
    )
    assert family.session(visit).finish(at=ahead - timedelta(hours=1)).ended_at == ahead


def test_a_finished_visit_is_read_not_changed(family: Family) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    session.type_digit(4, at=1.0)
    session.finish()
    current = session.current()
    assert current is not None
    for write in (
        lambda: session.record(*current, value=5),
        lambda: session.type_digit(7, at=5.0),
        session.toggle_worry,
        session.undo,
        session.finish,
    ):
        with pytest.raises(VisitIsFinished):
            write()
    assert [r.value for r in _stored(session)] == [4]


# -- faults: the store error comes out, the session shows what is stored -----------------


def _writes(session: CaptureSession, family: Family) -> dict[str, Callable[[], object]]:
    current = session.current()
    assert current is not None
    question, perspective = current
    existing = session.latest(question, perspective)
    assert existing is not None
    return {
        # First, while the "1" typed before could still become ten.
        "ten": lambda: session.type_digit(0, at=0.5),
        "record": lambda: session.record(question, perspective, value=2),
        "digit": lambda: session.type_digit(8, at=100.0),
        "replace": lambda: session.record_or_replace(question, perspective, value=9),
        "edit": lambda: session.edit(existing, "9 or so", 9.0),
        "words": lambda: session.set_words(question, perspective, "it is better", None),
        "as said": lambda: session.record_said(
            question, perspective, "500 out of 10", 500.0, words_only=False
        ),
        "change talk": lambda: session.toggle_change_talk(ChangeTalk.ABILITY),
        "worry": session.toggle_worry,
        "themes": lambda: session.set_themes("school"),
        "how given": session.cycle_how_given,
        "undo": session.undo,
        "finish": session.finish,
    }


@pytest.mark.parametrize("fault", FAULTS)
def test_every_write_against_a_fault_leaves_the_session_as_stored(
    family: Family, fault: Fault
) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    session.type_digit(1, at=0.0)  # a "1" a "0" could make ten
    names = list(_writes(session, family))
    for name in names:
        before = _state(session)
        stored = _stored(session)
        with fault(session.store), pytest.raises(StoreError):
            _writes(session, family)[name]()
        assert _state(session) == before, name
        assert _stored(session) == stored == session.responses, name
        assert not family.store.get_visit(session.visit.id or 0).is_finished
    # The fault cleared: the same writes go through.
    session.type_digit(0, at=0.7)  # too late for ten, after the faults: a new answer
    assert [r.value for r in _stored(session)] == [1, 0]
    assert session.undo() is not None
    assert session.finish().is_finished


@pytest.mark.parametrize("fault", FAULTS)
def test_a_ten_that_did_not_get_through_is_not_half_made(family: Family, fault: Fault) -> None:
    session = family.session(family.visit())
    _at_prompt(session, "scaling.safety")
    with fault(session.store), pytest.raises(StoreError):
        session.type_digit(1, at=0.0)
    session.type_digit(0, at=0.2)  # the "1" was never recorded: this is a zero
    assert [r.value for r in _stored(session)] == [0]


def test_the_fault_test_covers_every_write() -> None:
    """A new write in the session must be added to `_writes` above."""
    writes = {
        "record",
        "record_or_replace",
        "record_houses",
        "type_digit",
        "update",
        "edit",
        "set_words",
        "record_said",
        "toggle_change_talk",
        "toggle_worry",
        "set_themes",
        "cycle_how_given",
        "undo",
        "finish",
    }
    public = {
        name
        for name, member in vars(CaptureSession).items()
        if callable(member) and not name.startswith("_")
    }
    reads = {
        "load",
        "add_question",
        "houses",
        "perspectives",
        "current",
        "move_question",
        "select_question",
        "move_person",
        "choose_person",
        "cycle_on_behalf",
        "forget_typing",
        "names",
        "is_child",
        "latest",
        "earlier_answer",
        "themes",
        "resume_where_left",
    }
    assert public - reads == writes


# -- starting a visit, offering an open one again ----------------------------------------


def test_a_live_visit_starts_now_with_the_pack_it_asks_from(
    family: Family, pack: ResolvedPack
) -> None:
    at = now()
    visit = new_visit(family.case_id, [family.maya], pack, at=at)
    assert (visit.started_at, visit.entry, visit.present_member_ids) == (
        at,
        EntryMode.LIVE,
        [family.maya],
    )
    assert (visit.pack_id, visit.pack_version) == (pack.id, pack.version)
    stored = start_visit(family.store, visit)
    assert stored.id is not None and family.store.get_visit(stored.id) == stored


def test_a_planned_visit_makes_its_plan_the_agenda(family: Family, pack: ResolvedPack) -> None:
    plan = family.store.save_plan(VisitPlan(case_id=family.case_id))
    visit = start_visit(
        family.store, new_visit(family.case_id, [family.sam], pack, plan_id=plan.id)
    )
    assert family.store.get_plan(plan.id or 0).visit_id == visit.id


@pytest.mark.parametrize(
    ("present", "when", "problem"),
    [
        ([], "2026-11-01 10:00", "Tick at least one person who is there."),
        ([1], "yesterday", "When: write the date and time as YYYY-MM-DD HH:MM."),
        ([1], "2026-11-03 10:00", "When: a visit written up afterwards cannot be in the future."),
    ],
)
def test_a_visit_that_cannot_start_says_why(
    pack: ResolvedPack, present: list[int], when: str, problem: str
) -> None:
    at = datetime(2026, 11, 2, 12, 0).astimezone()
    with pytest.raises(VisitNotReady, match=problem):
        new_visit(1, present, pack, afterwards=True, when=when, at=at)


def test_a_visit_written_up_afterwards_starts_when_it_happened(pack: ResolvedPack) -> None:
    at = datetime(2026, 11, 2, 12, 0).astimezone()
    visit = new_visit(1, [1], pack, afterwards=True, when=" 2026-11-01 09:30 ", at=at)
    assert visit.started_at == datetime(2026, 11, 1, 9, 30).astimezone()
    assert visit.entry is EntryMode.AFTERWARDS


def test_titles_clocks_and_the_offer_to_resume(family: Family, pack: ResolvedPack) -> None:
    started = datetime(2026, 11, 2, 10, 0).astimezone()
    live = Visit(case_id=1, started_at=started)
    assert visit_title("KT-204", 3, live) == "KT-204 · visit 3 · started 02 Nov 2026 10:00"
    afterwards = live.model_copy(update={"entry": EntryMode.AFTERWARDS})
    assert visit_title("KT-204", 1, afterwards) == (
        "KT-204 · visit 1 · written up afterwards, for 02 Nov 2026 10:00"
    )
    done = live.model_copy(update={"ended_at": started})
    assert visit_title("KT-204", 3, done).endswith(" · finished (answers shown as recorded)")
    assert clock_minutes(live, at=started + timedelta(minutes=75)) == 75
    assert clock_minutes(live, at=started + timedelta(hours=12)) is None  # written up later
    assert clock_minutes(afterwards, at=started) is None
    assert clock_minutes(done, at=started) is None
    visit = family.visit()
    session = family.session(visit)
    _at_prompt(session, "scaling.safety")
    session.type_digit(5, at=0.0)
    offer = unfinished(family.store, visit)
    assert (offer.case_reference, offer.answers) == ("KT-204", 1)
    assert offer.message.startswith("A visit with KT-204 started ")
    assert "1 answer(s) were recorded and are safe." in offer.message
