"""A fictional family to explore sessionkit with: `sessionkit demo`.

Everyone and everything here is invented. The reference says DEMO so it can never be
mistaken for a real case, and the summary says so again. The answers move the way real
ones do: up, down, off the scale, and in people's own words.

There is some of everything movement shows: both goals rated and given an attainment
level on every visit (one goal counts double), three people's views side by side on one
question (the practitioner's too), change talk and sustain talk, themes and a worry that
keep coming back beside ones that came up once, and a relationship check after every
visit, with one dip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sessionkit.domain import (
    CareStatus,
    Case,
    ChangeTalk,
    CommunicationNeed,
    GasLevel,
    Goal,
    Member,
    Reflection,
    Response,
    Role,
    Visit,
)
from sessionkit.storage import Store

DEMO_REFERENCE = "DEMO-HARPER"

# Copied from toolpacks/core.toml so the demo records what a practitioner would have asked.
PACK_ID = "core"
PACK_VERSION = "1.0.0"
SCALING = {
    "scaling.safety": "On a scale from 0 to 10, how safe do you feel at home right now?",
    "scaling.coping": (
        "On a scale from 0 to 10, how well do you feel things are going for the family "
        "at the moment?"
    ),
    "scaling.worry": "On a scale from 0 to 10, how worried are you about things at home?",
}
CHANGE_TALK = {
    "change-talk.desire": "What would you like to be different for you and the children?",
    "change-talk.ability": (
        "If you decided to make this change, how might you go about it? "
        "What hard things have you managed before?"
    ),
    "change-talk.reasons": (
        "What would be the good things about making this change, for you and for the children?"
    ),
    "change-talk.need": "How much does this matter to you right now, and what makes it matter?",
    "change-talk.commitment": "What are you going to do?",
    "change-talk.activation": (
        "What are you ready or willing to try between now and when we next meet?"
    ),
    "change-talk.taking-steps": "What have you already done towards this, even something small?",
}
# The relationship check asked at the end of each visit: (wording, child wording).
RELATIONSHIP = {
    "relationship.listened": (
        "How much did you feel listened to today?",
        "Did you feel I listened to you today?",
    ),
    "relationship.useful": (
        "How useful was today's visit for you?",
        "Was today helpful for you?",
    ),
    "relationship.what-matters": (
        "Did we talk about what matters to you?",
        "Did we talk about the things that matter to you?",
    ),
    "relationship.do-differently": (
        "Is there anything you'd like me to do differently next time?",
        "Is there anything you'd like me to do differently next time?",
    ),
}

# Days before `today` on which the five past visits took place, three weeks apart.
VISIT_DAYS_AGO = (91, 70, 49, 28, 7)


@dataclass(frozen=True)
class _Said:
    """One scaling answer: the number as said, and the words if any were written down."""

    value: float
    text: str = ""
    tags: tuple[str, ...] = ()
    worry: bool = False


# Per prompt, per visit. Non-linear on purpose: a dip at visit four after a hard weekend,
# and Maya's "500 out of 10" kept exactly as she said it. Maya's worry about Leo at school
# keeps coming back; Sam's worry about money comes up once.
_MAYA = {
    "scaling.safety": (
        _Said(5),
        _Said(6),
        _Said(500, "500 out of 10! Because Dad fixed the lock on the back door.", ("home",)),
        _Said(3, "There was a big row on Sunday and I hid upstairs.", ("arguments",)),
        _Said(7, "Better. Nobody shouted this week.", ("home",)),
    ),
    "scaling.coping": (
        _Said(3),
        _Said(4),
        _Said(6),
        _Said(4),
        _Said(6, "I started swimming club with my friend Ama.", ("swimming",)),
    ),
    "scaling.worry": (
        _Said(8, "I worry about Leo when he gets upset at school.", ("Leo at school",), True),
        _Said(
            7, "Leo had another bad day at school and I couldn't help.", ("Leo at school",), True
        ),
        _Said(5),
        _Said(7, "Leo got sent home from school on Friday.", ("Leo at school",), True),
        _Said(4, "Leo's new teacher uses the faces too, so I worry less."),
    ),
}
_SAM = {
    "scaling.safety": (
        _Said(7),
        _Said(7),
        _Said(8),
        _Said(6, "After Sunday I'm not sure the children feel safe when we argue.", (), True),
        _Said(8),
    ),
    "scaling.coping": (
        _Said(2, "Mornings are a battle. I'm on my own with both of them.", ("mornings",)),
        _Said(3),
        _Said(5, "The picture chart is helping Leo get dressed.", ("mornings",)),
        _Said(4),
        _Said(6),
    ),
    "scaling.worry": (
        _Said(9),
        _Said(8),
        _Said(6, "The rent has gone up and money is tight this month.", ("money",), True),
        _Said(7),
        _Said(5),
    ),
}
# The practitioner gives their own view on one question, so three people's answers to it
# can be seen side by side. It sits lower than the family's on the latest visit.
_YOU = {"scaling.coping": (_Said(3), _Said(4), _Said(5), _Said(3), _Said(4))}
# Leo does not use speech: he points to a faces scale and Maya says the number for him.
_LEO_BY_MAYA = {
    "scaling.safety": (_Said(5), _Said(5), _Said(7), _Said(6), _Said(8)),
    "scaling.coping": (
        _Said(4),
        _Said(6, "Pointed to the smiley face twice.", ("faces scale",)),
        _Said(6),
        _Said(5),
        _Said(7),
    ),
}
# Sam rates the mornings goal, Maya her own goal, on every visit; each also says which of
# the goal's five attainment levels (-2 to +2) is closest to how things are now.
_MORNINGS_RATINGS = (2, 3, 5, 4, 6)
_TALKING_RATINGS = (3, 3, 5, 5, 7)
_MORNINGS_LEVELS = (-2, -1, 0, -1, 0)
_TALKING_LEVELS = (-1, -1, 0, 0, 1)


@dataclass(frozen=True)
class _Talk:
    """Something Sam said that leans towards change (change talk) or away (sustain talk)."""

    prompt_id: str
    kind: ChangeTalk
    text: str
    tags: tuple[str, ...] = ()


# Per visit. Sustain talk is heard and kept too. The talk leans towards change over the
# visits, but not in a straight line: the hard weekend before visit four pulls it back.
_SAM_TALK: tuple[tuple[_Talk, ...], ...] = (
    (
        _Talk(
            "change-talk.need",
            ChangeTalk.SUSTAIN,
            "Mornings have always been like this. That's just how it is with two of them.",
            ("mornings",),
        ),
        _Talk(
            "change-talk.ability", ChangeTalk.SUSTAIN, "I haven't got time for charts and things."
        ),
        _Talk(
            "change-talk.need",
            ChangeTalk.NEED,
            "Something has to give. I'm worn out by half eight.",
        ),
    ),
    (
        _Talk(
            "change-talk.desire", ChangeTalk.DESIRE, "I'd like them to see me calm in the mornings."
        ),
        _Talk(
            "change-talk.ability", ChangeTalk.SUSTAIN, "Leo won't wear his uniform, whatever I do."
        ),
    ),
    (
        _Talk(
            "change-talk.desire",
            ChangeTalk.DESIRE,
            "I want mornings to be different, for them more than me.",
            ("mornings",),
        ),
        _Talk(
            "change-talk.ability",
            ChangeTalk.ABILITY,
            "I could get their bags ready the night before.",
            ("mornings",),
        ),
        _Talk("change-talk.need", ChangeTalk.SUSTAIN, "Some days I just haven't got it in me."),
    ),
    (
        _Talk(
            "change-talk.reasons",
            ChangeTalk.REASONS,
            "Maya hid upstairs on Sunday. I don't want them growing up with that.",
        ),
        _Talk(
            "change-talk.need",
            ChangeTalk.SUSTAIN,
            "Mornings went back to shouting after Sunday.",
            ("mornings",),
        ),
        _Talk("change-talk.ability", ChangeTalk.SUSTAIN, "Maybe this is just how we are."),
    ),
    (
        _Talk(
            "change-talk.taking-steps",
            ChangeTalk.TAKING_STEPS,
            "I've started laying the uniforms out the night before.",
            ("mornings",),
        ),
        _Talk(
            "change-talk.commitment",
            ChangeTalk.COMMITMENT,
            "I'm going to keep the picture chart going through half term.",
            ("mornings",),
        ),
        _Talk(
            "change-talk.activation",
            ChangeTalk.ACTIVATION,
            "I'm willing to try getting up ten minutes before them.",
        ),
        _Talk("change-talk.need", ChangeTalk.SUSTAIN, "Some mornings I still can't face it."),
    ),
)

# The relationship check at the end of each visit, 0 to 10. Maya felt less listened to on
# visit four, after the talk about Sunday, and said what would help; it came back up.
_RELATIONSHIP_SAM = {
    "relationship.listened": (6, 7, 8, 8, 9),
    "relationship.useful": (5, 6, 7, 7, 8),
    "relationship.what-matters": (6, 7, 7, 8, 8),
}
_RELATIONSHIP_MAYA = {
    "relationship.listened": (7, 8, 8, 5, 8),
    "relationship.useful": (6, 7, 8, 8, 9),
}
_MAYA_DO_DIFFERENTLY = {3: "Talk to me on my own sometimes, not with everyone there."}

_REFLECTIONS = (
    Reflection(
        what_worked="Warming the context with Maya first; she chose to sit on the floor.",
        what_did_not="Asking Leo directly; he left the room.",
        try_next_time="Bring the faces scale for Leo and let Maya show him how it works.",
    ),
    Reflection(
        what_worked="The faces scale: Leo pointed, Maya said the number for him.",
        what_did_not="Too many questions for Sam at the end of a long day.",
        try_next_time="Keep Sam's part short and ask what one thing would make mornings easier.",
    ),
    Reflection(
        what_worked="Sam talked about what she wants for the children without prompting.",
        what_did_not="Ran over time; Leo was tired.",
        try_next_time="Ask Maya what makes it 500 and not 5: what is different now?",
    ),
    Reflection(
        what_worked="Naming the dip with the family instead of skipping past it.",
        what_did_not="Maya went quiet after talking about Sunday.",
        try_next_time="Start with something Maya enjoys; check the worry scale again gently.",
    ),
    Reflection(
        what_worked="Everyone moved up from where they started; Sam noticed it herself.",
        what_did_not="",
        try_next_time="Review the mornings goal levels with Sam; agree whether +1 is reached.",
    ),
)


def add_demo(store: Store, today: date | None = None) -> Case | None:
    """Add the fictional Harper family; None (and nothing added) if it is already there."""
    if store.find_case(DEMO_REFERENCE) is not None:
        return None
    today = today or date.today()
    visit_days = [today - timedelta(days=n) for n in VISIT_DAYS_AGO]

    case = store.add_case(
        Case(
            reference=DEMO_REFERENCE,
            care_status=frozenset({CareStatus.CHILD_IN_NEED}),
            opened_on=visit_days[0] - timedelta(days=14),
            summary=(
                "A fictional family for trying sessionkit; not a real family. "
                "Sam is bringing up Maya and Leo; mornings and Maya's worries are the focus."
            ),
        )
    )
    assert case.id is not None
    try:
        _fill(store, case.id, visit_days)
    except BaseException:
        # Half a demo would block a retry (the reference exists): take it all out again.
        store.delete_case(case.id)
        raise
    return case


def _fill(store: Store, case_id: int, visit_days: list[date]) -> None:
    first = _at(visit_days[0], 16)
    maya = _member(store, case_id, "Maya", Role.CHILD, 9)
    leo = _member(
        store,
        case_id,
        "Leo",
        Role.CHILD,
        6,
        needs=frozenset({CommunicationNeed.NON_VERBAL, CommunicationNeed.SEND}),
        notes="Autistic; does not use speech. Points to a faces scale; Maya often says it for him.",
    )
    sam = _member(store, case_id, "Sam", Role.PARENT, None)
    you = _member(store, case_id, "You (practitioner)", Role.PRACTITIONER, None)

    mornings = store.add_goal(
        Goal(
            case_id=case_id,
            owner_member_id=sam,
            text="Mornings before school feel calmer, and the children get there on time.",
            low_label="shouting every morning",
            high_label="calm and on time",
            areas=["routines", "school"],
            gas_levels=[
                GasLevel(level=-2, description="Shouting most mornings; late most days."),
                GasLevel(level=-1, description="Shouting some mornings; late twice a week."),
                GasLevel(level=0, description="Mostly calm; late no more than once a week."),
                GasLevel(level=1, description="Calm most mornings; on time all week."),
                GasLevel(
                    level=2,
                    description="Calm mornings; Maya and Leo get ready with the picture chart.",
                ),
            ],
            # Sam said mornings matter most to her right now: it counts double in the
            # attainment score across goals.
            weight=2.0,
            created_at=first,
        )
    )
    talking = store.add_goal(
        Goal(
            case_id=case_id,
            owner_member_id=maya,
            text="Maya feels OK telling someone when she is worried.",
            low_label="keep it all inside",
            high_label="tell someone straight away",
            areas=["wellbeing"],
            gas_levels=[
                GasLevel(level=-2, description="I keep every worry inside."),
                GasLevel(level=-1, description="I tell someone only if they ask me."),
                GasLevel(level=0, description="I tell Sam or my teacher about some worries."),
                GasLevel(level=1, description="I tell someone about most worries the same day."),
                GasLevel(
                    level=2, description="I tell someone straight away and we talk it through."
                ),
            ],
            created_at=first,
        )
    )

    for n, day in enumerate(visit_days):
        started = _at(day, 16)
        visit = store.start_visit(
            Visit(
                case_id=case_id,
                started_at=started,
                present_member_ids=[maya, leo, sam, you],
                pack_id=PACK_ID,
                pack_version=PACK_VERSION,
                notes="Fictional demo visit.",
            )
        )
        assert visit.id is not None
        clock = _Clock(started)
        for prompt_id, series in _MAYA.items():
            _scale(store, visit.id, clock, prompt_id, maya, series[n])
        for prompt_id, series in _LEO_BY_MAYA.items():
            _scale(store, visit.id, clock, prompt_id, maya, series[n], on_behalf_of=leo)
        for prompt_id, series in _SAM.items():
            _scale(store, visit.id, clock, prompt_id, sam, series[n])
        for prompt_id, series in _YOU.items():
            _scale(store, visit.id, clock, prompt_id, you, series[n])
        _goal_rating(store, visit.id, clock, mornings, sam, _MORNINGS_RATINGS[n])
        _goal_level(store, visit.id, clock, mornings, sam, _MORNINGS_LEVELS[n])
        _goal_rating(store, visit.id, clock, talking, maya, _TALKING_RATINGS[n])
        _goal_level(store, visit.id, clock, talking, maya, _TALKING_LEVELS[n])
        for talk in _SAM_TALK[n]:
            _change_talk(store, visit.id, clock, sam, talk)
        for prompt_id, values in _RELATIONSHIP_SAM.items():
            _relationship(store, visit.id, clock, prompt_id, sam, value=values[n])
        for prompt_id, values in _RELATIONSHIP_MAYA.items():
            _relationship(store, visit.id, clock, prompt_id, maya, value=values[n], child=True)
        if n in _MAYA_DO_DIFFERENTLY:
            _relationship(
                store,
                visit.id,
                clock,
                "relationship.do-differently",
                maya,
                text=_MAYA_DO_DIFFERENTLY[n],
                child=True,
            )
        ended = started + timedelta(hours=1)
        store.update_visit(
            visit.model_copy(
                update={
                    "ended_at": ended,
                    "reflection": _REFLECTIONS[n].model_copy(update={"written_at": ended}),
                }
            )
        )


def _at(day: date, hour: int) -> datetime:
    """A local time with its offset, as `domain.now()` records times."""
    return datetime.combine(day, time(hour)).astimezone()


class _Clock:
    """Answers a minute or two apart through the visit, so the record reads naturally."""

    def __init__(self, start: datetime) -> None:
        self._next = start

    def tick(self) -> datetime:
        self._next += timedelta(minutes=2)
        return self._next


def _member(
    store: Store,
    case_id: int,
    name: str,
    role: Role,
    age: int | None,
    *,
    needs: frozenset[CommunicationNeed] = frozenset(),
    notes: str = "",
) -> int:
    member = store.add_member(
        Member(
            case_id=case_id,
            name=name,
            role=role,
            age=age,
            communication_needs=needs,
            communication_notes=notes,
        )
    )
    assert member.id is not None
    return member.id


def _scale(
    store: Store,
    visit_id: int,
    clock: _Clock,
    prompt_id: str,
    answered_by: int,
    said: _Said,
    *,
    on_behalf_of: int | None = None,
) -> None:
    when = clock.tick()
    store.record_response(
        Response(
            visit_id=visit_id,
            prompt_id=prompt_id,
            tool_id="scaling",
            pack_id=PACK_ID,
            pack_version=PACK_VERSION,
            wording=SCALING[prompt_id],
            answered_by=answered_by,
            on_behalf_of=on_behalf_of,
            value=said.value,
            scale_min=0,
            scale_max=10,
            text=said.text,
            tags=list(said.tags),
            worry=said.worry,
            said_at=when,
            recorded_at=when,
        )
    )


def _goal_rating(
    store: Store, visit_id: int, clock: _Clock, goal: Goal, answered_by: int, value: int
) -> None:
    when = clock.tick()
    store.record_response(
        Response(
            visit_id=visit_id,
            prompt_id=goal.rating_prompt_id,
            tool_id="goal",
            wording=goal.rating_wording,
            answered_by=answered_by,
            value=value,
            scale_min=0,
            scale_max=10,
            goal_id=goal.id,
            said_at=when,
            recorded_at=when,
        )
    )


def _goal_level(
    store: Store, visit_id: int, clock: _Clock, goal: Goal, answered_by: int, level: int
) -> None:
    """Which of the goal's five attainment levels is closest now, as the capture records it."""
    when = clock.tick()
    store.record_response(
        Response(
            visit_id=visit_id,
            prompt_id=goal.gas_prompt_id,
            tool_id="goal",
            wording=goal.gas_wording,
            answered_by=answered_by,
            value=float(level),
            scale_min=-2.0,
            scale_max=2.0,
            goal_id=goal.id,
            said_at=when,
            recorded_at=when,
        )
    )


def _change_talk(store: Store, visit_id: int, clock: _Clock, answered_by: int, talk: _Talk) -> None:
    when = clock.tick()
    store.record_response(
        Response(
            visit_id=visit_id,
            prompt_id=talk.prompt_id,
            tool_id="change-talk",
            pack_id=PACK_ID,
            pack_version=PACK_VERSION,
            wording=CHANGE_TALK[talk.prompt_id],
            answered_by=answered_by,
            text=talk.text,
            tags=list(talk.tags),
            change_talk=frozenset({talk.kind}),
            said_at=when,
            recorded_at=when,
        )
    )


def _relationship(
    store: Store,
    visit_id: int,
    clock: _Clock,
    prompt_id: str,
    answered_by: int,
    *,
    value: float | None = None,
    text: str = "",
    child: bool = False,
) -> None:
    when = clock.tick()
    wording, child_wording = RELATIONSHIP[prompt_id]
    store.record_response(
        Response(
            visit_id=visit_id,
            prompt_id=prompt_id,
            tool_id="relationship-check",
            pack_id=PACK_ID,
            pack_version=PACK_VERSION,
            wording=child_wording if child else wording,
            answered_by=answered_by,
            value=value,
            scale_min=0 if value is not None else None,
            scale_max=10 if value is not None else None,
            text=text,
            said_at=when,
            recorded_at=when,
        )
    )
