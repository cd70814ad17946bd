"""Straight after a visit: who answers the relationship check, recording those answers,
the reflection and case note as typed, and the draft case note.

Who answers: each person from the family who was there, for themselves. Someone who
does not use speech answers through whoever usually says it for them on this case (the
latest answer given on their behalf), if that person was there too. Anyone already
recorded on this visit's check keeps their row. The practitioner never answers it.

A relationship answer is made by `services.answers.new_response`, the one rule for a new
answer: one entered afterwards is dated at the visit's start.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sessionkit.domain import (
    Case,
    CommunicationNeed,
    Goal,
    Member,
    PromptKind,
    Reflection,
    Response,
    Role,
    Visit,
    VisitPlan,
    now,
)
from sessionkit.domain.perspective import Perspective
from sessionkit.insight.movement import format_value
from sessionkit.services.answers import new_response
from sessionkit.services.casework_errors import NotANumber
from sessionkit.services.questions import Question

if TYPE_CHECKING:
    from sessionkit.export.case_note import Author
    from sessionkit.storage import Store
    from sessionkit.toolpacks import ResolvedPack
    from sessionkit.toolpacks.schema import Prompt, Tool

RELATIONSHIP_TOOL = "relationship-check"
REFLECTION_TOOL = "reflection"


# --- what the screen reads ---------------------------------------------------------------


@dataclass
class AfterVisit:
    """One finished visit with what its write-up needs; `here` follows what is recorded."""

    visit: Visit
    case: Case
    members: dict[int, Member]  # including those no longer involved
    goals: list[Goal]
    visits: list[Visit]  # the case's, oldest first
    plan: VisitPlan | None
    earlier: list[Response]  # the case's answers on other visits
    here: list[Response]  # this visit's answers

    @property
    def number(self) -> int:
        """The visit's number for good (`Visit.number`), as every note and file calls it."""
        return visit_number(self.visits, self.visit)

    @property
    def relationship_here(self) -> list[Response]:
        return [r for r in self.here if r.tool_id == RELATIONSHIP_TOOL]

    def respondents(self) -> list[Perspective]:
        return respondents(
            self.visit.present_member_ids,
            self.members,
            [*self.earlier, *self.here],
            self.relationship_here,
        )

    def keep(self, response: Response) -> None:
        """`response` is recorded now (new or changed): it replaces any earlier copy."""
        self.here = [r for r in self.here if r.id != response.id] + [response]

    def forget(self, response: Response) -> None:
        self.here = [r for r in self.here if r.id != response.id]


def read_after_visit(store: Store, visit_id: int) -> AfterVisit:
    visit = store.get_visit(visit_id)
    case_id = visit.case_id or 0
    everything = store.responses_for_case(case_id)
    return AfterVisit(
        visit=visit,
        case=store.get_case(case_id),
        members={
            m.id: m for m in store.list_members(case_id, include_inactive=True) if m.id is not None
        },
        goals=store.list_goals(case_id),
        visits=store.list_visits(case_id),
        plan=store.get_plan(visit.plan_id) if visit.plan_id is not None else None,
        earlier=[r for r in everything if r.visit_id != visit_id],
        here=[r for r in everything if r.visit_id == visit_id],
    )


def visit_number(visits: Sequence[Visit], visit: Visit) -> int:
    """`visit.number`; only a visit never stored has none, and is called by its place."""
    if visit.number is not None:
        return visit.number
    return next((i for i, v in enumerate(visits, 1) if v.id == visit.id), len(visits) + 1)


# --- who answers -------------------------------------------------------------------------


def respondents(
    present: Sequence[int],
    members: Mapping[int, Member],
    responses: Iterable[Response],
    recorded: Iterable[Response],
) -> list[Perspective]:
    """Who answers the relationship check, in the order the family was ticked present.

    `responses` are the case's answers (any visit), to find who usually answers for a
    non-verbal person; `recorded` this visit's relationship-check answers.
    """
    family = [
        members[i] for i in present if i in members and members[i].role is not Role.PRACTITIONER
    ]
    family_ids = {m.id for m in family}
    helpers: dict[int, int] = {}
    for r in responses:
        if r.on_behalf_of is not None and r.answered_by in family_ids:
            helpers[r.on_behalf_of] = r.answered_by  # the latest answer on their behalf wins
    rows: list[Perspective] = []
    for member in family:
        assert member.id is not None
        helper = helpers.get(member.id)
        if CommunicationNeed.NON_VERBAL in member.communication_needs and helper is not None:
            rows.append(Perspective(helper, member.id))
        else:
            rows.append(Perspective(member.id))
    for r in recorded:
        already = Perspective(r.answered_by, r.on_behalf_of)
        if already not in rows:
            rows.append(already)
    return rows


def relationship_prompts(tool: Tool) -> list[Prompt]:
    """The check's questions as asked: the 0-10 ones first, then those in their own words."""
    scales = [p for p in tool.prompts if p.kind is PromptKind.SCALE and p.scale is not None]
    words = [p for p in tool.prompts if p.kind is PromptKind.TEXT]
    return [*scales, *words]


# --- recording an answer -----------------------------------------------------------------


def answer_text(response: Response | None, *, scale: bool) -> str:
    """What a recorded answer reads as in its field: the number, or their words."""
    if response is None:
        return ""
    if scale:
        return format_value(response.value) if response.value is not None else ""
    return response.text


def parse_number(text: str) -> float | None:
    """The number typed, or None when it is not one (or not a finite one)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class RelationshipChange:
    """What recording did: the answer the row now stands for, and whether anything was
    written (a new answer, a change, or a removal)."""

    response: Response | None
    written: bool = False
    removed: bool = False


def record_relationship(
    store: Store,
    visit: Visit,
    question: Question,
    perspective: Perspective,
    typed: str,
    existing: Response | None,
    *,
    child: bool,
    remove_if_empty: bool = False,
) -> RelationshipChange:
    """Record, change or (on an emptied field, when asked) remove one answer.

    `typed` is the field as typed and cleaned; a scale answer must be a number (kept as
    said, even off the scale), else `NotANumber` and nothing is recorded. An answer the
    same as the one recorded is left alone.
    """
    scale = question.is_scale
    if not typed:
        if existing is not None and existing.id is not None and remove_if_empty:
            store.delete_response(existing.id)
            return RelationshipChange(None, written=True, removed=True)
        return RelationshipChange(existing)
    if typed == answer_text(existing, scale=scale):
        return RelationshipChange(existing)
    value: float | None = None
    if scale:
        value = parse_number(typed)
        if value is None:
            raise NotANumber
    if existing is not None:
        changes = {"value": value} if scale else {"text": typed}
        saved = store.update_response(existing.model_copy(update={**changes, "edited_at": now()}))
    else:
        response = new_response(
            visit,
            question,
            perspective,
            child=child,
            value=value,
            text="" if scale else typed,
        )
        saved = store.record_response(response)
    return RelationshipChange(saved, written=True)


# --- reflection and case note ------------------------------------------------------------


@dataclass(frozen=True)
class VisitTexts:
    """The reflection and the case note as typed (cleaned, as the model cleans them)."""

    what_worked: str = ""
    what_did_not: str = ""
    try_next_time: str = ""
    case_note: str = ""

    @classmethod
    def of(cls, visit: Visit) -> VisitTexts:
        reflection = visit.reflection or Reflection()
        return cls(
            reflection.what_worked,
            reflection.what_did_not,
            reflection.try_next_time,
            visit.case_note,
        )


def with_texts(visit: Visit, texts: VisitTexts) -> Visit:
    """`visit` with the reflection and case note as typed; an empty reflection is none."""
    reflection = Reflection(
        what_worked=texts.what_worked,
        what_did_not=texts.what_did_not,
        try_next_time=texts.try_next_time,
    )
    updated = visit.model_copy()
    # Assignment is validated: the text is cleaned as any model field is.
    updated.reflection = None if reflection.is_empty else reflection
    updated.case_note = texts.case_note
    return updated


def save_texts(store: Store, visit: Visit, texts: VisitTexts) -> Visit:
    """Store the reflection and case note as typed, only when they differ from `visit`'s;
    returns the visit as it now stands in the store."""
    updated = with_texts(visit, texts)
    if VisitTexts.of(updated) == VisitTexts.of(visit):
        return visit
    return store.update_visit(updated)


def draft_note(
    after: AfterVisit,
    visit: Visit,
    pack: ResolvedPack,
    *,
    responses: Sequence[Response] | None = None,
    author: Author | None = None,
) -> str:
    """The case note as drafted from everything recorded (`responses`, by default the
    case's answers as `after` holds them), with `visit`'s reflection, signed by `author`."""
    from sessionkit.export.case_note import draft_case_note

    return draft_case_note(
        after.case,
        visit,
        list(after.members.values()),
        [*after.earlier, *after.here] if responses is None else list(responses),
        after.goals,
        pack,
        visits=after.visits,
        plan=after.plan,
        author=author,
    )


# --- a note to save to a file ------------------------------------------------------------


@dataclass(frozen=True)
class NoteToSave:
    """The text to write, what it is (said in the dialog) and the file name offered.

    `fresh` is the other choice when the text is the practitioner's own saved note: a
    draft made afresh from the record (their saved note is left as it is)."""

    text: str
    about: str
    file_name: str
    fresh: NoteToSave | None = None


def describe(reference: str, number: int, visit: Visit, *, own: bool, fresh: bool = False) -> str:
    """'Your case note for AB-12, visit 3 (Mon 2 Mar 2026), as you wrote it.'"""
    when = visit.started_at
    which = f"{reference}, visit {number} ({when:%a} {when.day} {when:%b %Y})"
    if own:
        return f"Your case note for {which}, as you wrote it."
    if fresh:
        return (
            f"The case note for {which}, drafted afresh from what was recorded "
            "(your own saved note is not in it, and stays as it is)."
        )
    return f"The case note for {which}, as drafted from what was recorded."


def note_to_save(reference: str, number: int, visit: Visit, text: str, draft: str) -> NoteToSave:
    """`text` as the note to save (the draft when it was emptied), said as the
    practitioner's own when it differs from the draft; then the draft is the other choice."""
    from sessionkit.export.case_note import case_note_file_name

    if not text.strip():
        text = draft
    name = case_note_file_name(reference, number, visit.started_at.date())
    if text == draft:
        return NoteToSave(draft, describe(reference, number, visit, own=False), name)
    fresh = NoteToSave(draft, describe(reference, number, visit, own=False, fresh=True), name)
    return NoteToSave(text, describe(reference, number, visit, own=True), name, fresh)


def note_of_visit(
    store: Store,
    pack: ResolvedPack,
    visit_id: int,
    *,
    author: Author | None = None,
    regenerate: bool = False,
) -> NoteToSave:
    """A visit's case note: the note the practitioner saved when there is one (that is
    the note; the draft made now is offered as `fresh`), else a draft written now from
    what was recorded. `regenerate` gives the fresh draft whatever was saved."""
    after = read_after_visit(store, visit_id)
    visit = after.visit
    draft = draft_note(
        after, visit, pack, responses=store.responses_for_case(visit.case_id or 0), author=author
    )
    note = note_to_save(after.case.reference, after.number, visit, visit.case_note, draft)
    if regenerate and note.fresh is not None:
        return note.fresh
    return note
