"""Straight-after rules without Textual: who answers the relationship check, how an
answer is recorded, changed and removed (and when it was said), the texts as typed, the
draft note and the note offered for a file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from faults import disk_full, locked
from sessionkit.domain import EntryMode, Reflection, Response, Visit
from sessionkit.domain.perspective import Perspective
from sessionkit.services import after_visit as service
from sessionkit.services.casework_errors import NotANumber
from sessionkit.services.questions import question_for
from sessionkit.storage import StoreError

from .casework_family import DIFFERENTLY, LISTENED, PACK, STARTED, Family, family

TOOL = PACK.tool("relationship-check")
assert TOOL is not None
SCALE = question_for(TOOL, LISTENED)
WORDS = question_for(TOOL, DIFFERENTLY)


@pytest.fixture
def fam(tmp_path: Path) -> Iterator[Family]:
    found = family(tmp_path)
    yield found
    found.store.close()


def who_answers(fam: Family, visit: Visit) -> list[Perspective]:
    assert visit.id is not None
    return service.read_after_visit(fam.store, visit.id).respondents()


def relationship(fam: Family, visit: Visit) -> list[Response]:
    assert visit.id is not None
    return [r for r in fam.store.list_responses(visit.id) if r.tool_id == "relationship-check"]


# --- who answers -------------------------------------------------------------------------


def test_the_family_answers_for_themselves_never_the_practitioner(fam: Family) -> None:
    visit = fam.visit()
    # Leo does not use speech, but nobody has answered for him yet: his own row.
    assert who_answers(fam, visit) == [
        Perspective(fam.mum),
        Perspective(fam.ava),
        Perspective(fam.leo),
    ]


def test_a_non_verbal_child_answers_through_whoever_usually_does_if_there(
    fam: Family,
) -> None:
    earlier = fam.visit(started=STARTED - timedelta(days=14))
    fam.answer(earlier, fam.mum, for_whom=fam.leo)
    fam.answer(earlier, fam.ava, for_whom=fam.leo)  # the latest answer for him: Ava
    visit = fam.visit()
    assert who_answers(fam, visit) == [
        Perspective(fam.mum),
        Perspective(fam.ava),
        Perspective(fam.ava, fam.leo),
    ]
    # Ava not there: Mum, who has also said it for him, and is there.
    without_ava = fam.visit([fam.mum, fam.leo], started=STARTED + timedelta(days=7))
    assert who_answers(fam, without_ava) == [Perspective(fam.mum), Perspective(fam.mum, fam.leo)]
    # Nobody who speaks for him there: his own row, never someone absent for him.
    alone = fam.visit([fam.leo, fam.you], started=STARTED + timedelta(days=14))
    assert who_answers(fam, alone) == [Perspective(fam.leo)]


def test_someone_speaking_for_a_verbal_child_does_not_replace_them(fam: Family) -> None:
    earlier = fam.visit(started=STARTED - timedelta(days=14))
    fam.answer(earlier, fam.mum, for_whom=fam.ava)
    assert Perspective(fam.ava) in who_answers(fam, fam.visit())


def test_anyone_already_recorded_keeps_their_row(fam: Family) -> None:
    visit = fam.visit([fam.mum, fam.ava])
    service.record_relationship(
        fam.store, visit, SCALE, Perspective(fam.mum, fam.ava), "6", None, child=False
    )
    assert who_answers(fam, visit) == [
        Perspective(fam.mum),
        Perspective(fam.ava),
        Perspective(fam.mum, fam.ava),
    ]


def test_respondents_as_a_pure_rule() -> None:
    from sessionkit.domain import CommunicationNeed, Member, Role

    members = {
        1: Member(id=1, name="Dad", role=Role.PARENT),
        2: Member(
            id=2,
            name="Zed",
            role=Role.CHILD,
            communication_needs=frozenset({CommunicationNeed.NON_VERBAL}),
        ),
        3: Member(id=3, name="SW", role=Role.PRACTITIONER),
    }
    helped = Response(visit_id=1, prompt_id="p", answered_by=1, on_behalf_of=2)
    by_practitioner = Response(visit_id=1, prompt_id="p", answered_by=3, on_behalf_of=2)
    # Someone not in the family (the practitioner) is never taken as the helper.
    assert service.respondents([1, 2, 3, 9], members, [by_practitioner], []) == [
        Perspective(1),
        Perspective(2),
    ]
    assert service.respondents([2, 1], members, [helped], []) == [
        Perspective(1, 2),
        Perspective(1),
    ]


def test_the_checks_questions_are_asked_numbers_first() -> None:
    assert [p.id for p in service.relationship_prompts(TOOL)] == [LISTENED.id, DIFFERENTLY.id]


# --- recording an answer -----------------------------------------------------------------


def test_a_live_answer_is_said_now_in_the_wording_asked(fam: Family) -> None:
    visit = fam.visit()
    change = service.record_relationship(
        fam.store, visit, SCALE, Perspective(fam.ava), "12", None, child=True
    )
    assert change.written and change.response is not None
    said = change.response
    assert said.value == 12 and said.off_scale  # kept as said, not corrected
    assert said.wording == LISTENED.child_wording
    assert (said.pack_id, said.pack_version) == ("core", "1.0.0")
    assert said.tool_id == "relationship-check"
    assert said.entry is EntryMode.LIVE and said.said_at > visit.started_at
    assert relationship(fam, visit) == [said]


def test_an_answer_entered_afterwards_was_said_at_the_visits_start(fam: Family) -> None:
    visit = fam.visit(entry=EntryMode.AFTERWARDS)
    change = service.record_relationship(
        fam.store, visit, SCALE, Perspective(fam.mum), "7", None, child=False
    )
    assert change.response is not None
    assert change.response.entry is EntryMode.AFTERWARDS
    assert change.response.said_at == visit.started_at == STARTED  # not its end
    assert change.response.wording == LISTENED.wording


def test_their_own_words_are_recorded_as_text(fam: Family) -> None:
    visit = fam.visit()
    change = service.record_relationship(
        fam.store, visit, WORDS, Perspective(fam.ava), "Come after school", None, child=True
    )
    assert change.response is not None
    assert (change.response.text, change.response.value) == ("Come after school", None)


@pytest.mark.parametrize("typed", ["seven", "inf", "nan", "1e999"])
def test_a_score_that_is_not_a_number_is_not_recorded(fam: Family, typed: str) -> None:
    visit = fam.visit()
    with pytest.raises(NotANumber) as refused:
        service.record_relationship(
            fam.store, visit, SCALE, Perspective(fam.mum), typed, None, child=False
        )
    assert str(refused.value) == "Not a number: not recorded"
    assert relationship(fam, visit) == []


def test_an_answer_is_changed_in_place_and_the_same_answer_left_alone(fam: Family) -> None:
    visit = fam.visit()
    mum = Perspective(fam.mum)
    first = service.record_relationship(fam.store, visit, SCALE, mum, "7", None, child=False)
    same = service.record_relationship(
        fam.store, visit, SCALE, mum, "7", first.response, child=False
    )
    assert not same.written and same.response == first.response
    changed = service.record_relationship(
        fam.store, visit, SCALE, mum, "5", first.response, child=False
    )
    assert changed.written and changed.response is not None
    assert first.response is not None and changed.response.id == first.response.id
    [stored] = relationship(fam, visit)
    assert stored.value == 5 and stored.edited_at is not None


def test_an_emptied_field_removes_the_answer_only_when_asked(fam: Family) -> None:
    visit = fam.visit()
    mum = Perspective(fam.mum)
    first = service.record_relationship(fam.store, visit, SCALE, mum, "7", None, child=False)
    kept = service.record_relationship(
        fam.store, visit, SCALE, mum, "", first.response, child=False
    )
    assert not kept.written and kept.response == first.response
    assert relationship(fam, visit)
    removed = service.record_relationship(
        fam.store, visit, SCALE, mum, "", first.response, child=False, remove_if_empty=True
    )
    assert removed.removed and removed.response is None
    assert relationship(fam, visit) == []
    nothing = service.record_relationship(
        fam.store, visit, SCALE, mum, "", None, child=False, remove_if_empty=True
    )
    assert not nothing.written


@pytest.mark.parametrize("fault", [locked, disk_full], ids=["locked", "disk-full"])
def test_an_answer_that_cannot_be_written_says_so_without_their_words(
    fam: Family, fault: object
) -> None:
    visit = fam.visit()
    with fault(fam.store), pytest.raises(StoreError) as failed:  # type: ignore[operator]
        service.record_relationship(
            fam.store, visit, WORDS, Perspective(fam.ava), "Mum shouts", None, child=True
        )
    assert "Mum shouts" not in str(failed.value)
    assert relationship(fam, visit) == []


def test_answer_text_reads_as_the_field_shows_it() -> None:
    scored = Response(visit_id=1, prompt_id="p", answered_by=1, value=7.0)
    worded = Response(visit_id=1, prompt_id="p", answered_by=1, text="Later")
    assert service.answer_text(scored, scale=True) == "7"
    assert service.answer_text(worded, scale=False) == "Later"
    assert service.answer_text(None, scale=True) == ""
    assert service.parse_number("7.5") == 7.5 and service.parse_number("x") is None


# --- reflection, case note and the draft -------------------------------------------------


def test_texts_are_saved_only_when_they_changed(fam: Family) -> None:
    visit = fam.visit()
    unchanged = service.VisitTexts.of(visit)
    with disk_full(fam.store):
        # Nothing to write: a full disk is not even asked.
        assert service.save_texts(fam.store, visit, unchanged) is visit
    typed = service.VisitTexts(what_worked="Faces scale", try_next_time="Ask Ava first")
    saved = service.save_texts(fam.store, visit, typed)
    stored = fam.store.get_visit(visit.id or 0)
    assert stored.reflection is not None
    assert (stored.reflection.what_worked, stored.reflection.try_next_time) == (
        "Faces scale",
        "Ask Ava first",
    )
    assert service.VisitTexts.of(saved) == typed
    emptied = service.save_texts(fam.store, saved, service.VisitTexts(case_note="Note"))
    assert emptied.reflection is None and fam.store.get_visit(visit.id or 0).reflection is None


def test_texts_that_cannot_be_written_leave_the_visit_as_it_was(fam: Family) -> None:
    visit = fam.visit()
    with locked(fam.store), pytest.raises(StoreError):
        service.save_texts(fam.store, visit, service.VisitTexts(what_worked="Calm"))
    assert fam.store.get_visit(visit.id or 0).reflection is None


def test_the_draft_note_tells_the_relationship_check_and_the_reflection(fam: Family) -> None:
    visit = fam.visit()
    service.record_relationship(
        fam.store, visit, SCALE, Perspective(fam.mum), "8", None, child=False
    )
    after = service.read_after_visit(fam.store, visit.id or 0)
    typed = service.with_texts(visit, service.VisitTexts(what_worked="Faces scale"))
    note = service.draft_note(after, typed, PACK)
    assert note.startswith("# Case note: CW-1, visit 1\n")
    assert "Mum said 8 out of 10" in note
    assert "> Faces scale" in note
    assert after.number == 1


def test_the_note_offered_for_a_file_is_theirs_when_they_changed_it(fam: Family) -> None:
    visit = fam.visit()
    draft = "# Case note"
    own = service.note_to_save("CW-1", 1, visit, "My words", draft)
    assert own.text == "My words" and own.about.startswith("Your case note for CW-1, visit 1")
    emptied = service.note_to_save("CW-1", 1, visit, "  ", draft)
    assert emptied.text == draft and emptied.about.startswith("The case note for CW-1")
    assert emptied.file_name.startswith("CW-1-visit-1-2026-11-02")


def test_a_visits_stored_note_is_offered_as_written_else_drafted(fam: Family) -> None:
    visit = fam.visit()
    drafted = service.note_of_visit(fam.store, PACK, visit.id or 0)
    assert drafted.text.startswith("# Case note: CW-1, visit 1")
    assert "as drafted" in drafted.about
    fam.store.update_visit(visit.model_copy(update={"case_note": "Written by me"}))
    written = service.note_of_visit(fam.store, PACK, visit.id or 0)
    assert written.text == "Written by me" and "as you wrote it" in written.about
    assert Reflection().is_empty
