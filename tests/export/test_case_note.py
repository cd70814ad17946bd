"""The draft case note: plain words, the family's own words kept, movement told honestly."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st

from sessionkit.domain import (
    CommunicationNeed,
    EntryMode,
    Goal,
    HowGiven,
    Member,
    Reflection,
    Response,
    Role,
    Visit,
    VisitPlan,
)
from sessionkit.domain.models import Case
from sessionkit.export.case_note import case_note_file_name, draft_case_note, safe_file_stem
from sessionkit.toolpacks.schema import PackMeta, Prompt, ResolvedPack, Scale, Tool

markdown_it = pytest.importorskip("markdown_it")

UTC = timezone(timedelta(hours=0))
CASE = Case(id=1, reference="AB-12")
MAYA = Member(id=1, case_id=1, name="Maya", role=Role.CHILD, age=9)
LEO = Member(
    id=2,
    case_id=1,
    name="Leo",
    role=Role.CHILD,
    age=6,
    communication_needs=frozenset({CommunicationNeed.NON_VERBAL}),
)
SAM = Member(id=3, case_id=1, name="Sam", role=Role.PARENT)
YOU = Member(id=4, case_id=1, name="You (practitioner)", role=Role.PRACTITIONER)
MEMBERS = [MAYA, LEO, SAM, YOU]
MORNINGS = Goal(id=7, case_id=1, owner_member_id=3, text="Mornings feel calmer")
SAFETY = Prompt(
    id="scaling.safety",
    kind="scale",
    title="Safe at home",
    wording="How safe do you feel at home right now?",
    child_wording="What number is home today?",
    scale=Scale(min=0, max=10),
)
SCALING = Tool(id="scaling", name="Scaling", group="scaling", purpose="Scale it.", prompts=[SAFETY])
RELATIONSHIP = Tool(
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
            scale=Scale(min=0, max=10),
        ),
        Prompt(
            id="relationship.do-differently",
            kind="text",
            wording="Is there anything you'd like me to do differently next time?",
        ),
    ],
)
PACK = ResolvedPack(
    meta=PackMeta(id="core", name="Core", version="1"),
    chain=("core",),
    tools=(SCALING, RELATIONSHIP),
)


def visit(number: int, /, **changes: object) -> Visit:
    started = datetime(2026, 3, 2, 16, 0, tzinfo=UTC) + timedelta(weeks=number - 1)
    fields: dict[str, object] = {
        "id": 100 + number,
        "case_id": 1,
        "started_at": started,
        "ended_at": started + timedelta(hours=1),
        "present_member_ids": [1, 2, 3, 4],
        "pack_id": "core",
        "pack_version": "1",
        "number": number,
    }
    return Visit(**{**fields, **changes})


_IDS = itertools.count(1)  # answers are stored, so the later of two has the larger id


def said(number: int, who: Member, value: float | None, text: str = "", **more: object) -> Response:
    fields: dict[str, object] = {
        "visit_id": 100 + number,
        "prompt_id": "scaling.safety",
        "tool_id": "scaling",
        "wording": SAFETY.wording,
        "answered_by": who.id,
        "value": value,
        "scale_min": 0 if value is not None else None,
        "scale_max": 10 if value is not None else None,
        "text": text,
        "given_as": HowGiven.SAID,
    }
    return Response(**{"id": next(_IDS), **fields, **more})


def note(
    this: Visit, responses: list[Response], visits: list[Visit] | None = None, **kw: object
) -> str:
    return draft_case_note(
        CASE,
        this,
        MEMBERS,
        responses,
        [MORNINGS],
        PACK,
        visits=visits or [this],
        **kw,  # type: ignore[arg-type]
    )


def test_a_visit_with_no_answers_says_so_plainly() -> None:
    text = note(visit(1), [])
    assert text.startswith("# Case note: AB-12, visit 1\n")
    assert "Monday 2 March 2026, 16:00 to 17:00." in text
    assert "Present: Maya (child, 9), Leo (child, 6; non-verbal), Sam (parent) and You" in text
    assert "No answers were recorded on this visit." in text
    for absent in ("Movement", "Relationship check", "Reflection", "Next steps", "Goal"):
        assert absent not in text
    assert text.endswith(".\n") and not text.endswith("\n\n")


def test_values_and_verbatim_words() -> None:
    this = visit(1)
    text = note(this, [said(1, MAYA, 7, "Better.\nNobody shouted this week."), said(1, SAM, 8)])
    assert "Asked: “How safe do you feel at home right now?”" in text
    assert (
        "Maya said 7 out of 10, and added:\n\n"
        "> Better.\n> Nobody shouted this week.\n\nSam said 8 out of 10." in text
    )


def test_an_off_scale_answer_is_kept_as_said_and_not_compared() -> None:
    visits = [visit(1), visit(2)]
    responses = [
        said(1, MAYA, 5),
        said(2, MAYA, 500, "500 out of 10! Dad fixed the lock."),
    ]
    text = note(visits[1], responses, visits)
    assert "Maya said 500, outside the 0 to 10 scale (kept as given), and added:" in text
    assert "> 500 out of 10! Dad fixed the lock." in text
    assert "- Maya, safe at home: said 500 this time, off the scale, so not compared." in text


def test_answers_on_someone_elses_behalf_name_both() -> None:
    visits = [visit(1), visit(2)]
    responses = [
        said(1, MAYA, 5, on_behalf_of=LEO.id),
        said(2, MAYA, 6, "Pointed to the smiley face.", on_behalf_of=LEO.id),
        said(2, MAYA, 8),
    ]
    text = note(visits[1], responses, visits)
    assert "Maya said 6 out of 10 for Leo, and added:" in text
    assert "- Maya, for Leo, safe at home: 6 now, up 1 since the last visit (was 5)." in text
    # Maya answering for herself has no earlier answer: nothing to compare.
    assert "- Maya, safe at home" not in text


def test_movement_since_the_last_and_the_first_visit_keeps_dips() -> None:
    visits = [visit(1), visit(2), visit(3)]
    responses = [said(1, SAM, 4), said(2, SAM, 8), said(3, SAM, 6)]
    text = note(visits[2], responses, visits)
    assert "## Movement since earlier visits" in text
    assert (
        "- Sam, safe at home: 6 now, down 2 since the last visit (was 8); "
        "up 2 since the first visit (was 4)." in text
    )


def test_visits_after_this_one_are_not_counted() -> None:
    visits = [visit(1), visit(2), visit(3)]
    responses = [said(1, SAM, 4), said(2, SAM, 8), said(3, SAM, 1)]
    text = note(visits[1], responses, list(reversed(visits)))
    assert "# Case note: AB-12, visit 2" in text
    assert "8 now, up 4 since the last visit (was 4)." in text
    assert "Sam said 1" not in text


def test_plain_answers_to_one_question_share_a_paragraph() -> None:
    responses = [said(1, SAM, 6), said(1, MAYA, 7, "Better."), said(1, LEO, 5), said(1, SAM, 8)]
    # Sam's later 8 is a correction: his 6 is left out.
    text = note(visit(1), responses)
    assert (
        "Maya said 7 out of 10, and added:\n\n> Better.\n\n"
        "Leo said 5 out of 10. Sam said 8 out of 10.\n" in text
    )


def test_a_goal_written_as_a_sentence_sits_inside_one() -> None:
    goal = MORNINGS.model_copy(update={"text": "Mornings feel calmer."})
    visits = [visit(1), visit(2)]
    rating = {"prompt_id": goal.rating_prompt_id, "tool_id": "goal", "goal_id": 7}
    responses = [said(1, SAM, 4, **rating), said(2, SAM, 6, **rating)]
    text = draft_case_note(CASE, visits[1], MEMBERS, responses, [goal], PACK, visits=visits)
    assert "- Mornings feel calmer (Sam's goal)\n" in text
    assert (
        "- Sam, where things are with the goal “Mornings feel calmer”: 6 now, "
        "up 2 since the last visit (was 4)." in text
    )


def test_file_names_keep_only_safe_characters() -> None:
    assert case_note_file_name("DEMO-HARPER", 5, date(2026, 10, 26)) == (
        "DEMO-HARPER-visit-5-2026-10-26.md"
    )
    assert safe_file_stem("[bold]x") == "_bold_x"
    assert safe_file_stem("../../etc/passwd") == "______etc_passwd"
    assert safe_file_stem("AB 12\x1b]0;t\x07") == "AB_12__0_t_"
    assert safe_file_stem("Zoë_2") == "Zoë_2"
    assert safe_file_stem("") == "case"
    assert len(safe_file_stem("x" * 500)) == 60


def test_a_later_number_in_the_same_visit_is_a_correction() -> None:
    text = note(visit(1), [said(1, SAM, 1), said(1, SAM, 10)])
    assert "Sam said 10 out of 10." in text
    assert "Sam said 1 " not in text


def test_a_child_asked_in_other_words_is_shown_the_words_asked() -> None:
    text = note(visit(1), [said(1, MAYA, 9, wording=SAFETY.child_wording), said(1, SAM, 7)])
    assert "Maya, asked “What number is home today?”, said 9 out of 10." in text
    assert "Sam said 7 out of 10." in text


def test_words_only_and_worries() -> None:
    answer = said(1, SAM, None, "I'm on my own with both of them.", worry=True)
    text = note(visit(1), [answer])
    assert "Sam said:\n\n> I'm on my own with both of them.\n\nNoted as a worry." in text


def test_the_relationship_check_gets_its_own_section() -> None:
    listened = {"prompt_id": "relationship.listened", "tool_id": "relationship-check"}
    words = {
        "prompt_id": "relationship.do-differently",
        "tool_id": "relationship-check",
        "wording": "Is there anything you'd like me to do differently next time?",
    }
    responses = [
        said(1, MAYA, 8, **listened),
        said(1, MAYA, 6, on_behalf_of=LEO.id, **listened),
        said(1, SAM, 5, **listened),
        said(1, SAM, None, "Come after school, not before.", **words),
    ]
    text = note(visit(1), responses)
    assert "## Relationship check" in text
    assert (
        "Feeling listened to: Maya said 8 out of 10; Maya said 6 out of 10 for Leo; "
        "Sam said 5 out of 10." in text
    )
    assert "Sam said:\n\n> Come after school, not before." in text
    # The relationship check is not repeated with the other answers.
    assert "What was asked and what people said" not in text


def test_goals_worked_on_reflection_and_next_steps() -> None:
    this = visit(
        1,
        notes="Met at home.",
        reflection=Reflection(
            what_worked="Warming the context first.",
            what_did_not="",
            try_next_time="Bring the faces scale for Leo.",
        ),
        entry=EntryMode.AFTERWARDS,
    )
    plan = VisitPlan(id=3, case_id=1, goal_ids=[7])
    text = note(this, [], plan=plan)
    assert "Written up afterwards." in text
    assert "## Goal worked on\n\n- Mornings feel calmer (Sam's goal)" in text
    assert "## Notes made during the visit\n\n> Met at home." in text
    assert "## Reflection\n\nWhat worked:\n\n> Warming the context first." in text
    assert "What did not work" not in text
    assert "## Next steps\n\nTo try next time:\n\n> Bring the faces scale for Leo.\n" in text


def test_a_goal_rated_on_the_visit_is_a_goal_worked_on() -> None:
    rating = said(
        1,
        SAM,
        6,
        prompt_id=MORNINGS.rating_prompt_id,
        tool_id="goal",
        goal_id=7,
        wording=MORNINGS.rating_wording,
    )
    text = note(visit(1), [rating])
    assert "- Mornings feel calmer (Sam's goal)" in text
    assert "Asked: “Where are we now with this goal? Mornings feel calmer”" in text
    assert "Sam said 6 out of 10." in text


def test_a_goals_level_reads_as_the_level_in_plain_words() -> None:
    def level(who: Member, value: float, text: str = "", **more: object) -> Response:
        return said(
            1,
            who,
            value,
            text,
            prompt_id=MORNINGS.gas_prompt_id,
            tool_id="goal",
            goal_id=7,
            wording=MORNINGS.gas_wording,
            scale_min=-2,
            scale_max=2,
            **more,
        )

    responses = [
        level(SAM, 1),
        level(MAYA, 0, "Some days.", on_behalf_of=LEO.id),
        level(YOU, -2),
    ]
    text = note(visit(1), responses)
    assert (
        "Asked: “Which of the five levels is closest to how things are now? "
        "Mornings feel calmer”" in text
    )
    assert "Sam said the goal is at +1, somewhat more than expected." in text
    assert "Maya said the goal is at 0, the expected level for Leo, and" in text
    assert "You (practitioner) said the goal is at -2, much less than expected." in text
    # A number that is not one of the five levels is kept as said, like any other.
    text = note(visit(1), [level(SAM, 3)])
    assert "Sam said 3, outside the -2 to 2 scale (kept as given)." in text


def test_a_goals_level_moves_in_levels_with_their_names() -> None:
    def level(number: int, value: float) -> Response:
        return said(
            number,
            SAM,
            value,
            prompt_id=MORNINGS.gas_prompt_id,
            tool_id="goal",
            goal_id=7,
            wording=MORNINGS.gas_wording,
            scale_min=-2,
            scale_max=2,
        )

    visits = [visit(1), visit(2), visit(3)]
    text = note(visits[2], [level(1, -1), level(2, 0), level(3, 1)], visits)
    assert (
        "+1 (somewhat more than expected) now, up 1 since the last visit (was 0); "
        "up 2 since the first visit (was -1)." in text
    )


HOSTILE = (
    "# not a heading\n- not a list\n1. not numbered\n> not a quote\n```\nnot code\n"
    "<script>alert(1)</script>\n[x]: https://example.invalid\n| a | b |\n|---|---|\n"
    "    indented\n---\ntext\n===\n<!-- hide the rest"
)


def _structure(markdown: str) -> tuple[list[str], set[str]]:
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    kinds = {t.type for t in tokens}
    for t in tokens:
        kinds |= {c.type for c in t.children or ()}
    return headings, kinds


def _render_text(markdown: str) -> str:
    return str(markdown_it.MarkdownIt("commonmark").render(markdown))


def test_typed_text_cannot_change_the_shape_of_the_note() -> None:
    plain = visit(1, reflection=Reflection(what_worked="fine", try_next_time="fine"))
    expected_headings, _ = _structure(note(plain, [said(1, SAM, 7, "fine")]))
    this = visit(
        1,
        notes=HOSTILE,
        reflection=Reflection(what_worked=HOSTILE, try_next_time=HOSTILE),
    )
    text = note(this, [said(1, SAM, 7, HOSTILE)])
    headings, kinds = _structure(text)
    assert headings == [
        *expected_headings[:-2],
        "Notes made during the visit",
        *expected_headings[-2:],
    ]
    assert not kinds & {
        "html_block",
        "html_inline",
        "fence",
        "code_block",
        "table_open",
        "hr",
        "ordered_list_open",
    }
    rendered = _render_text(text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "[x]: https://example.invalid" in rendered


@settings(max_examples=60, deadline=None)
@given(words=st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_any_words_stay_inside_their_quote(words: str) -> None:
    reference = note(visit(1, reflection=Reflection(what_worked="x")), [said(1, SAM, 7, "x")])
    # The "x" first: an escape sequence at the start of the words may take what follows.
    this = visit(1, reflection=Reflection(what_worked="x " + words))
    text = note(this, [said(1, SAM, 7, words)])
    assert _structure(text)[0] == _structure(reference)[0]
    assert not _structure(text)[1] & {"html_block", "html_inline", "fence", "code_block"}
    assert "\x1b" not in text


# --- themes and change talk, standing answers, visit numbers, how given, author ----------


def test_themes_and_change_talk_kinds_are_said_with_each_answer() -> None:
    from sessionkit.domain.enums import ChangeTalk

    answer = said(
        1,
        MAYA,
        None,
        "I want mornings to be calmer.",
        tags=["mornings", "school"],
        change_talk=frozenset({ChangeTalk.NEED, ChangeTalk.DESIRE}),
    )
    text = note(visit(1), [answer])
    assert "Themes: mornings, school. Change talk: wanting change (desire) and needing change" in (
        text
    )


def test_sustain_talk_is_named_and_the_talk_heard_has_its_own_section() -> None:
    from sessionkit.domain.enums import ChangeTalk

    responses = [
        said(1, SAM, None, "Nothing needs to change.", change_talk=ChangeTalk.SUSTAIN),
        said(
            1,
            MAYA,
            None,
            "I'd like to walk to school.",
            on_behalf_of=LEO.id,
            change_talk=frozenset({ChangeTalk.DESIRE}),
        ),
    ]
    text = note(visit(1), responses)
    assert "Heard as sustain talk." in text
    section = text.split("## Change talk and sustain talk heard", 1)[1]
    assert "Sam, sustain talk:\n\n> Nothing needs to change." in section
    assert "Maya for Leo, wanting change (desire):\n\n> I'd like to walk to school." in section


def test_no_change_talk_no_section() -> None:
    assert "Change talk" not in note(visit(1), [said(1, SAM, 4)])


def test_a_corrected_number_appears_once_as_the_answer_that_stands() -> None:
    visits = [visit(1), visit(2)]
    responses = [said(1, SAM, 3), said(2, SAM, 5), said(2, SAM, 7)]
    text = note(visits[1], responses, visits)
    assert text.count("Sam said") == 1
    assert "Sam said 7 out of 10." in text
    assert "7 now, up 4 since the last visit (was 3)" in text


def test_visits_are_called_by_their_number_for_good() -> None:
    # Visit 5 was entered afterwards with an earlier date than visit 4: the note of
    # visit 4 is still "visit 4", and visit 5 is named by its own number.
    v3, v5, v4 = visit(1, number=3), visit(2, number=5), visit(3, number=4)
    responses = [said(1, SAM, 2), said(2, SAM, 4), said(3, SAM, 6)]
    text = note(v4, responses, [v3, v5, v4])
    assert text.startswith("# Case note: AB-12, visit 4\n")
    assert "up 2 since the last visit (was 4); up 4 since the first visit (was 2)" in text
    older = note(visit(9, number=7), [said(9, SAM, 1)], [visit(8, number=2), visit(9, number=7)])
    assert older.startswith("# Case note: AB-12, visit 7\n")


def test_how_an_answer_was_given_is_said() -> None:
    ria = Member(id=5, case_id=1, name="Ria", role=Role.CHILD, age=5)
    nan = Member(id=6, case_id=1, name="Nan", role=Role.CARER)
    kai = Member(id=7, case_id=1, name="Kai", role=Role.CHILD, age=3)
    responses = [
        said(1, ria, 4, given_as=HowGiven.POINTED),
        said(1, nan, 7, given_as=HowGiven.SAID, on_behalf_of=kai.id),
        said(1, SAM, 2, given_as=None),
    ]
    text = draft_case_note(CASE, visit(1), [*MEMBERS, ria, nan, kai], responses, [], PACK)
    assert "Ria pointed to 4 out of 10." in text
    assert "Ria said" not in text
    assert "Nan said 7 out of 10 for Kai." in text
    assert "Sam answered 2 out of 10." in text


def test_the_note_says_who_wrote_it() -> None:
    from sessionkit.export.case_note import Author

    signed = note(visit(1), [], author=Author("Jo Lee", "Social worker"))
    assert "\n\nWritten by: Jo Lee, Social worker.\n\n" in signed
    assert "Written by: Jo Lee." in note(visit(1), [], author=Author("Jo Lee", ""))
    unsigned = note(visit(1), [])
    assert "\n\nWritten by: (set your name in settings)\n\n" in unsigned
